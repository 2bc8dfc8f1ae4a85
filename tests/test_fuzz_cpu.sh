#!/bin/sh
# Differential fuzzing of the 68000 and 68020+ instruction classes on
# tandem-run's 68040 against qemu-m68k -cpu m68040 (TAP): one test per class and one with all of
# them mixed, ok when every difference is on the known list
# (tests/fuzz_cpu_known.txt).  See tests/fuzz_cpu.sh; `make fuzz-cpu` runs
# more cases and other classes.
src=${TANDEM_SRCDIR:-$(cd "$(dirname "$0")/.." && pwd)}
build=${TANDEM_BUILDDIR:-.}

# The classes checked here: the 68000 ones and the 68020+ ones.  Not
# chk2cmp2 nor packunpk: qemu-m68k 7.2 raises SIGILL at CMP2/CHK2 and dies at
# PACK/UNPK (tests/test_ops020.sh checks those against the manual).
FUZZ_CLASSES="move alu shift bit bcd muldiv16 misc branch ea020 muldiv32 bitfield extb cas bccl link_l misc020"
# Cases per class, cases of the mixed test (220000 in all) and the seed.
FUZZ_N=${FUZZ_N:-10000}
FUZZ_MIXED=${FUZZ_MIXED:-60000}
FUZZ_SEED=${FUZZ_SEED:-20261207}
# Word and long data at any address (the 68020+ take misaligned data).
FUZZ_EVEN=${FUZZ_EVEN:-0}

if [ -z "${M68K_CC:-}" ] || [ -z "${QEMU_M68K:-}" ]; then
    echo "1..0 # SKIP needs M68K_CC and QEMU_M68K (m68k cross compiler and qemu-m68k)"
    exit 0
fi
if [ ! -x "$build/tandem-run" ] || [ ! -x "$build/tests/fuzz_cpu_gen" ]; then
    echo "1..0 # SKIP tandem-run or tests/fuzz_cpu_gen is not built"
    exit 0
fi

mixed=$(printf '%s\n' "$FUZZ_CLASSES" | tr ' ' ',')
# shellcheck disable=SC2086
set -- $FUZZ_CLASSES
echo "1..$(($# + 1))"
n=0 tc=0 ta=0 td=0 tk=0
for cls in $FUZZ_CLASSES $mixed; do
    n=$((n + 1))
    cases=$FUZZ_N
    [ "$cls" = "$mixed" ] && cases=$FUZZ_MIXED
    out=$(N=$cases SEED=$((FUZZ_SEED + n)) CPU=68040 CLASSES=$cls EVEN=$FUZZ_EVEN REPORT=3 \
        TANDEM_SRCDIR="$src" TANDEM_BUILDDIR="$build" sh "$src/tests/fuzz_cpu.sh" 2>&1)
    summary=$(printf '%s\n' "$out" | grep '^m68040-diff: ')
    # shellcheck disable=SC2046
    set -- $(printf '%s\n' "$summary" |
        sed -n 's/^m68040-diff: cases=\([0-9]*\) agree=\([0-9]*\) differ=\([0-9]*\) known=\([0-9]*\)$/\1 \2 \3 \4/p')
    if [ $# -ne 4 ]; then
        echo "not ok $n - $cls: the fuzzer did not finish"
        printf '%s\n' "$out" | head -20 | sed 's/^/# /'
        continue
    fi
    tc=$((tc + $1)) ta=$((ta + $2)) td=$((td + $3)) tk=$((tk + $4))
    if [ "$3" = "$4" ]; then
        echo "ok $n - $cls: cases=$1 agree=$2 differ=$3 known=$4"
    else
        echo "not ok $n - $cls: cases=$1 agree=$2 differ=$3 known=$4"
        printf '%s\n' "$out" | grep -v '^m68040-diff: ' | head -60 | sed 's/^\([^#]\)/# \1/'
    fi
done
echo "m68040-diff: cases=$tc agree=$ta differ=$td known=$tk"
