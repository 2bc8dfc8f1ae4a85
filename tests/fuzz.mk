# Differential instruction fuzzing against qemu-m68k (tests/fuzz_cpu.sh).
#   make fuzz-cpu [N=100000] [SEED=1] [CPU=68040|68020|68000] [CLASSES=move,alu,...]
#                 [EVEN=1] [KMAX=6] [REPORT=10] [SHOW_KNOWN=1]
# CLASSES: move alu shift bit bcd muldiv16 misc branch bcdx (68000), ea020
# muldiv32 bitfield extb cas chk2cmp2 packunpk bccl link_l misc020 (68020+);
# "68000", "68020" and "all" name groups.  Default: the 68000 group.
check_PROGRAMS += tests/fuzz_cpu_gen
tests_fuzz_cpu_gen_SOURCES = tests/fuzz_cpu_gen.c
TESTS += tests/test_fuzz_cpu.sh
EXTRA_DIST += tests/fuzz_cpu.sh tests/fuzz_cpu.ld tests/fuzz_cpu_known.txt tests/test_fuzz_cpu.sh

fuzz-cpu: tandem-run$(EXEEXT) tests/fuzz_cpu_gen$(EXEEXT)
	TANDEM_SRCDIR='$(abs_top_srcdir)' TANDEM_BUILDDIR='$(abs_top_builddir)' \
		M68K_CC='$(M68K_CC)' QEMU_M68K='$(QEMU_M68K)' N='$(N)' SEED='$(SEED)' \
		CPU='$(CPU)' CLASSES='$(CLASSES)' EVEN='$(EVEN)' KMAX='$(KMAX)' \
		REPORT='$(REPORT)' SHOW_KNOWN='$(SHOW_KNOWN)' \
		$(SHELL) $(srcdir)/tests/fuzz_cpu.sh
.PHONY: fuzz-cpu
