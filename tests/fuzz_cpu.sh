#!/bin/sh
# Differential instruction fuzzing: tandem-run --cpu 68040 against qemu-m68k.
# Each program of CHUNK cases runs on both; an engine that dies loses the rest
# of its program's cases (they count as differing), not the next program's.
#
#   tests/fuzz_cpu.sh [N [SEED [CPU [CLASSES]]]]
#
# or the same through the environment: N (cases, 10000), SEED (1), CPU (68040
# or 68020: the assembler's -m and qemu's -cpu, tandem-run runs its 68040;
# 68000: both engines' 68000, even data addresses, 68000 classes only),
# CLASSES (comma list for tests/fuzz_cpu_gen; "68000", the default, names the
# 68000 classes), EVEN (1: word/long data at even addresses only), KMAX
# (instructions per case, 6), CHUNK (cases per program, 2000), REPORT
# (differing cases shown in full, 10), SHOW_KNOWN (1: show known differences
# too, not only new ones), WINDOWS (0: do not re-run the cases shown to list
# their differing window bytes).  Needs M68K_CC and QEMU_M68K (or
# m68k-linux-gnu-gcc and qemu-m68k on PATH), tests/fuzz_cpu_gen and tandem-run
# in TANDEM_BUILDDIR.
#
# Prints each differing case (up to REPORT): its instructions, the initial
# values, both engines' registers and the window bytes that differ; then one
# line:  m68040-diff: cases=N agree=N differ=N known=N
# (known: differences in cases holding an instruction listed in
# tests/fuzz_cpu_known.txt, where qemu-m68k departs from the manual).
# Exit status 0 when differ == known, 1 otherwise, 2 when something broke.
src=${TANDEM_SRCDIR:-$(cd "$(dirname "$0")/.." && pwd)}
build=${TANDEM_BUILDDIR:-.}
N=${1:-${N:-10000}}
SEED=${2:-${SEED:-1}}
CPU=${3:-${CPU:-68040}}
CLASSES=${4:-${CLASSES:-68000}}
KMAX=${KMAX:-6}
CHUNK=${CHUNK:-2000}
REPORT=${REPORT:-10}
cc=${M68K_CC:-m68k-linux-gnu-gcc}
qemu=${QEMU_M68K:-qemu-m68k}
gen="$build/tests/fuzz_cpu_gen"
run="$build/tandem-run"
known="$src/tests/fuzz_cpu_known.txt"

case $CPU in
68040 | 68020) tcpu=68040 ;;
68000) tcpu=68000 ;;
*) echo "fuzz_cpu.sh: CPU must be 68040, 68020 or 68000" >&2; exit 2 ;;
esac
for f in "$gen" "$run"; do
    if [ ! -x "$f" ]; then
        echo "fuzz_cpu.sh: $f is not built (make tandem-run tests/fuzz_cpu_gen)" >&2
        exit 2
    fi
done
even=
[ "${EVEN:-0}" = 1 ] && even=--even

tmp=$(mktemp -d "${TMPDIR:-/tmp}/tandem-fuzz.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM

# build SOURCE.S into ELF
assemble() {
    "$cc" -m"$CPU" -nostdlib -static -Wl,--build-id=none -Wl,--no-warn-rwx-segments \
        -T "$src/tests/fuzz_cpu.ld" -o "$2" "$1" 2>"$tmp/as.err"
}

# run ELF of CASES cases on both engines (in parallel) into OUT.t and OUT.q;
# a case takes some 10000 instructions, most of them filling and summing the
# window: a program that runs away (code overwritten through a mis-decoded
# addressing mode, say) stops at the limit or the timeout
run_both() {
    timeout 300 "$run" --cpu "$tcpu" --max-instructions $(($3 * 40000 + 1000000)) "$1" tandem \
        </dev/null >"$2.t" 2>"$2.terr" &
    tpid=$!
    timeout 300 "$qemu" -cpu "m$CPU" "$1" qemu </dev/null >"$2.q" 2>"$2.qerr"
    qs=$?
    wait $tpid
    ts=$?
}

cases=0 agree=0 differ=0 knownn=0 printed=0 trapped=0 first=0
while [ "$first" -lt "$N" ]; do
    n=$((N - first))
    [ "$n" -gt "$CHUNK" ] && n=$CHUNK
    opts="--seed $SEED --first $first --cases $n --cpu $CPU --classes $CLASSES --kmax $KMAX $even"
    # shellcheck disable=SC2086
    if ! "$gen" $opts -o "$tmp/f.S" || ! assemble "$tmp/f.S" "$tmp/f.elf"; then
        echo "fuzz_cpu.sh: cases $first..$((first + n - 1)) do not build:" >&2
        head -20 "$tmp/as.err" >&2
        exit 2
    fi
    run_both "$tmp/f.elf" "$tmp/out" "$n"
    [ "$ts" = 0 ] || echo "# tandem-run exit status $ts (cases $first..): $(head -2 "$tmp/out.terr")"
    [ "$qs" = 0 ] || echo "# qemu-m68k exit status $qs (cases $first..): $(head -2 "$tmp/out.qerr")"
    # shellcheck disable=SC2086
    sk=
    [ "${SHOW_KNOWN:-0}" = 1 ] && sk=--show-known
    # shellcheck disable=SC2086
    "$gen" --compare "$tmp/out.t" "$tmp/out.q" $opts --known "$known" $sk \
        --report $((REPORT - printed)) >"$tmp/cmp.txt" || exit 2
    # Print the report; after each case shown, the window bytes that differ,
    # from the case run alone with its window dumped.
    cur=
    show_window() {
        [ -n "$cur" ] && [ "${WINDOWS:-1}" = 1 ] || return 0
        wopts="--seed $SEED --first $cur --cases 1 --cpu $CPU --classes $CLASSES --kmax $KMAX $even --dumpwin"
        # shellcheck disable=SC2086
        if "$gen" $wopts -o "$tmp/w.S" && assemble "$tmp/w.S" "$tmp/w.elf"; then
            run_both "$tmp/w.elf" "$tmp/w" 1
            # shellcheck disable=SC2086
            "$gen" --compare "$tmp/w.t" "$tmp/w.q" $wopts --report 1 | grep '^#   window'
        fi
        cur=
    }
    while IFS= read -r l; do
        case $l in
        "# case "*)
            show_window
            cur=${l#"# case "}
            cur=${cur%% *}
            ;;
        "counts "*)
            show_window
            continue
            ;;
        esac
        printf '%s\n' "$l"
    done <"$tmp/cmp.txt"
    # shellcheck disable=SC2046
    set -- $(sed -n 's/^counts cases=\([0-9]*\) agree=\([0-9]*\) differ=\([0-9]*\) known=\([0-9]*\) printed=\([0-9]*\) trapped=\([0-9]*\)$/\1 \2 \3 \4 \5 \6/p' "$tmp/cmp.txt")
    if [ $# -ne 6 ]; then
        echo "fuzz_cpu.sh: the comparison printed no counts" >&2
        exit 2
    fi
    cases=$((cases + $1)) agree=$((agree + $2)) differ=$((differ + $3))
    knownn=$((knownn + $4)) printed=$((printed + $5)) trapped=$((trapped + $6))
    first=$((first + n))
done
[ "$trapped" = 0 ] || echo "# $trapped of the agreeing cases raised the same signal on both engines (an instruction neither runs?)"
echo "m$CPU-diff: cases=$cases agree=$agree differ=$differ known=$knownn"
[ "$differ" = "$knownn" ]
