# tandem-run: a flat-RAM machine that runs Linux/m68k ELF test programs.
bin_PROGRAMS += tandem-run
tandem_run_SOURCES = machines/flat/run_main.c machines/flat/flat.c machines/flat/flat.h \
	machines/flat/syscall.c machines/flat/elf.c machines/flat/elf.h
tandem_run_LDADD = $(CORE_LIBS)

# Guest programs (tests/guest/), built with Debian's m68k cross compiler for a
# plain 68000: no libc, no libgcc (its mul/div use 68020 opcodes), our own runtime.
GUEST_SRC = $(srcdir)/tests/guest
GUEST_CFLAGS = -m68000 -O2 -ffreestanding -nostdlib -static -fno-pic -fno-builtin \
	-fno-tree-loop-distribute-patterns -fno-jump-tables -Wall -Wextra -Wl,--build-id=none \
	-Wl,--no-warn-rwx-segments -T $(GUEST_SRC)/guest.ld
GUEST_RUNTIME = $(GUEST_SRC)/start.S $(GUEST_SRC)/lib1.S $(GUEST_SRC)/lib.c
GUEST_DEPS = $(GUEST_RUNTIME) $(GUEST_SRC)/guest.h $(GUEST_SRC)/flags.h $(GUEST_SRC)/bench.h $(GUEST_SRC)/guest.ld $(GUEST_SRC)/cpu_asm.S
GUEST_TESTS = hello sys arith bcd muldiv movem smc exc
GUEST_BENCH = dhry sieve sort mem crc str walk
GUEST_ELFS = $(GUEST_TESTS:%=tests/guest/%.elf) $(GUEST_BENCH:%=tests/guest/b_%.elf)

tests/guest/%.elf: $(GUEST_SRC)/%.c $(GUEST_DEPS)
	@$(MKDIR_P) tests/guest
	$(AM_V_GEN)$(M68K_CC) $(GUEST_CFLAGS) -I$(GUEST_SRC) -o $@ $(GUEST_RUNTIME) \
		$(GUEST_SRC)/cpu_asm.S $<

guest-programs: $(GUEST_ELFS)
.PHONY: guest-programs bench

EXTRA_DIST += tests/guest tests/test_guest.sh tests/bench.sh tests/callgrind.sh tests/callgrind-breakdown.awk
TESTS += tests/test_guest.sh
if HAVE_M68K_CC
check_DATA = $(GUEST_ELFS) tests/guest/tos_hello.prg
endif
CLEANFILES += $(GUEST_ELFS) tests/guest/tos_hello.elf tests/guest/tos_hello.prg

# A TOS program for the ST boot test: linked at 0 keeping its relocations,
# then converted by our own elf2prg.
check_PROGRAMS += tests/elf2prg
tests_elf2prg_SOURCES = tests/elf2prg.c
tests/guest/tos_hello.elf: $(GUEST_SRC)/tos_hello.c $(GUEST_SRC)/prg.ld
	@$(MKDIR_P) tests/guest
	$(AM_V_GEN)$(M68K_CC) -m68000 -Os -ffreestanding -nostdlib -static -fno-pic -Wall -Wextra \
		-Wl,--build-id=none -Wl,-q -Wl,--no-warn-rwx-segments -T $(GUEST_SRC)/prg.ld -o $@ $<
tests/guest/tos_hello.prg: tests/guest/tos_hello.elf tests/elf2prg$(EXEEXT)
	$(AM_V_GEN)tests/elf2prg$(EXEEXT) tests/guest/tos_hello.elf $@ >/dev/null

# Benchmark (not part of make check): guest MIPS, TLB and dispatch hit rates,
# host ns per guest instruction, and the time ratio to qemu-m68k when present.
bench: tandem-run$(EXEEXT) $(GUEST_ELFS) $(GUEST040_ELFS)
	TANDEM_BUILDDIR='$(abs_top_builddir)' QEMU_M68K='$(QEMU_M68K)' \
		MUSASHI_RUN='$(MUSASHI_RUN)' MUSASHI_RUN_040='$(MUSASHI_RUN_040)' \
		$(SHELL) $(srcdir)/tests/bench.sh
