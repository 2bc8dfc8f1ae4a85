# The guest C programs built for the 68020 and the 68040 (tests/test_guest040.sh
# runs them on those models and under qemu-m68k).  Same sources and the same
# runtime as the 68000 builds (machines/flat/local.mk); only the -m option
# differs, so gcc may use the 68020+ instructions (32-bit MULx.L/DIVx.L, bit
# fields, EXTB.L, scaled indexing, long branches ...) wherever it likes.
# exc is left out: it checks the 68000's exception frames.
GUEST040_TESTS = hello sys arith bcd muldiv movem smc
GUEST040_PROGS = $(GUEST040_TESTS) $(GUEST_BENCH:%=b_%)
GUEST040_CFLAGS = $(filter-out -m68000,$(GUEST_CFLAGS))
GUEST040_ELFS = $(GUEST040_PROGS:%=tests/guest/020/%.elf) $(GUEST040_PROGS:%=tests/guest/040/%.elf)

tests/guest/020/%.elf: $(GUEST_SRC)/%.c $(GUEST_DEPS)
	@$(MKDIR_P) tests/guest/020
	$(AM_V_GEN)$(M68K_CC) -m68020 $(GUEST040_CFLAGS) -I$(GUEST_SRC) -o $@ $(GUEST_RUNTIME) \
		$(GUEST_SRC)/cpu_asm.S $<
tests/guest/040/%.elf: $(GUEST_SRC)/%.c $(GUEST_DEPS)
	@$(MKDIR_P) tests/guest/040
	$(AM_V_GEN)$(M68K_CC) -m68040 $(GUEST040_CFLAGS) -I$(GUEST_SRC) -o $@ $(GUEST_RUNTIME) \
		$(GUEST_SRC)/cpu_asm.S $<

guest-programs-040: $(GUEST040_ELFS)
.PHONY: guest-programs-040

EXTRA_DIST += tests/test_guest040.sh
TESTS += tests/test_guest040.sh
if HAVE_M68K_CC
check_DATA += $(GUEST040_ELFS)
endif
CLEANFILES += $(GUEST040_ELFS)
