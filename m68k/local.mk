# The CPU core: one file per instruction family (see m68k/cpu.h).
libtandem_a_SOURCES += m68k/m68k.h m68k/cpu.h m68k/ea.h m68k/decode.h \
	m68k/cpu.c m68k/decode.c m68k/exceptions.c \
	m68k/move.c m68k/alu.c m68k/shift.c m68k/bits.c m68k/bcd.c \
	m68k/muldiv.c m68k/branch.c m68k/system.c \
	m68k/bitfield.c m68k/ops020.c m68k/control.c m68k/ea020.c \
	m68k/fpu.c m68k/fpu_float.c m68k/fpu_packed.c m68k/fpu_trans.c m68k/fpu_float.h m68k/fpu_u128.h \
	m68k/mmu040.c

check_PROGRAMS += tests/cpu_vectors tests/test_decode tests/test_cpu_exec tests/test_cpu_frames
TESTS += tests/cpu_vectors tests/test_decode tests/test_cpu_exec tests/test_cpu_frames
tests_cpu_vectors_SOURCES = tests/cpu_vectors.c tests/tap.h
tests_cpu_vectors_LDADD = $(CORE_LIBS)
tests_test_decode_SOURCES = tests/test_decode.c tests/tap.h
tests_test_decode_LDADD = $(CORE_LIBS)
tests_test_cpu_exec_SOURCES = tests/test_cpu_exec.c tests/tap.h
tests_test_cpu_exec_LDADD = $(CORE_LIBS)
tests_test_cpu_frames_SOURCES = tests/test_cpu_frames.c tests/tap.h
tests_test_cpu_frames_LDADD = $(CORE_LIBS)

# Just the 68000 conformance vectors.
check-cpu: tests/cpu_vectors$(EXEEXT)
	TANDEM_SRCDIR='$(abs_top_srcdir)' ./tests/cpu_vectors$(EXEEXT)
.PHONY: check-cpu

# 68020+ bit fields on the 68040 model, against qemu-m68k (builds its own guest).
TESTS += tests/test_bitfield040.sh
EXTRA_DIST += tests/test_bitfield040.sh tests/guest040

# The 68020 integer additions against qemu-m68k (68040 model).
TESTS += tests/test_ops020.sh
EXTRA_DIST += tests/test_ops020.sh

# Musashi's self-checking 68040 programs (data outside the repository, see
# tests/test_musashi040.c); skipped when they are not there.
check_PROGRAMS += tests/test_musashi040
TESTS += tests/test_musashi040
tests_test_musashi040_SOURCES = tests/test_musashi040.c tests/tap.h
tests_test_musashi040_LDADD = $(CORE_LIBS)

check-musashi040: tests/test_musashi040$(EXEEXT)
	TANDEM_SRCDIR='$(abs_top_srcdir)' ./tests/test_musashi040$(EXEEXT)
.PHONY: check-musashi040

# Motorola's FPSP test vectors through the FPU (data outside the repository,
# see tests/test_fpsp_vectors.c); skipped when they are not there.
check_PROGRAMS += tests/test_fpsp_vectors
TESTS += tests/test_fpsp_vectors
tests_test_fpsp_vectors_SOURCES = tests/test_fpsp_vectors.c tests/tap.h
tests_test_fpsp_vectors_LDADD = $(CORE_LIBS)

# Floating point as gcc -m68040 compiles it, against qemu-m68k -cpu m68040
# (the guest program uses the runtime of tests/guest, machines/flat/local.mk).
EXTRA_DIST += tests/test_fpu040.sh tests/guest/fpu.c
TESTS += tests/test_fpu040.sh
tests/guest/040/fpu.elf: $(GUEST_SRC)/fpu.c $(GUEST_DEPS)
	@$(MKDIR_P) tests/guest/040
	$(AM_V_GEN)$(M68K_CC) -m68040 $(GUEST040_CFLAGS) -I$(GUEST_SRC) -o $@ $(GUEST_RUNTIME) \
		$(GUEST_SRC)/cpu_asm.S $<
if HAVE_M68K_CC
tests/test_fpu040.log tests/test_fpu040.sh.log: tests/guest/040/fpu.elf
endif
CLEANFILES += tests/guest/040/fpu.elf

# The 68040's FPU traps and frames, FSAVE/FRESTORE, and --fpu full.
check_PROGRAMS += tests/test_fpu_traps
TESTS += tests/test_fpu_traps
tests_test_fpu_traps_SOURCES = tests/test_fpu_traps.c tests/tap.h
tests_test_fpu_traps_LDADD = $(CORE_LIBS)

# The FPU's soft-float against GNU MPFR (test only; skips without libmpfr-dev).
check_PROGRAMS += tests/test_fpu_mpfr
TESTS += tests/test_fpu_mpfr
tests_test_fpu_mpfr_SOURCES = tests/test_fpu_mpfr.c tests/tap.h
tests_test_fpu_mpfr_LDADD = $(CORE_LIBS) $(MPFR_LIBS)

# The 68040 MMU: table search, TT, PTEST/PFLUSH, access-error frames and restarts, aliases.
check_PROGRAMS += tests/test_mmu040
TESTS += tests/test_mmu040
tests_test_mmu040_SOURCES = tests/test_mmu040.c tests/tap.h
tests_test_mmu040_LDADD = $(CORE_LIBS)
