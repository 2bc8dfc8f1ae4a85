#!/bin/sh
# The guest programs built for the 68020 (tests/guest/020/) and the 68040
# (tests/guest/040/) by tests/guest/local040.mk, run under
# `tandem-run --cpu 68020|68040` (TAP).  One line per program and model: its
# stdout and exit status must match tests/guest/NAME.expected and, where
# qemu-m68k is installed, qemu's run of the same ELF on the same model.
#
# Programs in known_incomplete fail because the 68020+ instructions gcc uses
# are not written yet: a failure there is a skip naming the instruction, and
# a pass is a failure (remove the entry).  Needs M68K_CC; skips without it.
src=${TANDEM_SRCDIR:-$(cd "$(dirname "$0")/.." && pwd)}
build=${TANDEM_BUILDDIR:-.}
run="$build/tandem-run"
guest="$build/tests/guest"
qemu=${QEMU_M68K:-}

# MODEL/NAME entries (none today: every program agrees).
known_incomplete=""

if [ -z "${M68K_CC:-}" ]; then
    echo "1..0 # SKIP no m68k cross compiler (install gcc-m68k-linux-gnu and re-run configure)"
    exit 0
fi
if [ ! -x "$run" ] || [ ! -f "$guest/040/hello.elf" ] || [ ! -f "$guest/020/hello.elf" ]; then
    echo "1..0 # SKIP tandem-run or the 68020/68040 guest programs are not built (run make check)"
    exit 0
fi
objdump=${M68K_CC%gcc}objdump
command -v "$objdump" >/dev/null 2>&1 || objdump=

n=0 passed=0 failed=0
tmp=$(mktemp -d "${TMPDIR:-/tmp}/tandem-guest040.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM
ok() { n=$((n + 1)); echo "ok $n - $1"; }
notok() { n=$((n + 1)); echo "not ok $n - $1"; }
skip() { n=$((n + 1)); echo "ok $n - $1 # SKIP $2"; }
known() { case " $(echo $known_incomplete) " in *" $1 "*) return 0 ;; esac; return 1; }

# The instruction at PC in ELF, as objdump names it ("extbl %d4").
insn_at() {
    [ -n "$objdump" ] || return
    pc=$(printf '%d' "$2")
    "$objdump" -d --start-address="$pc" --stop-address=$((pc + 10)) "$1" 2>/dev/null |
        awk -F'\t' '/^ *[0-9a-f]+:\t/ { print $3; exit }'
}

# Why tandem-run's run failed, in one line.
why() { # elf, status
    if grep -q "unhandled exception" "$tmp/out.err"; then
        line=$(grep -m1 "unhandled exception" "$tmp/out.err" | sed 's/^tandem-run: //')
        pc=$(echo "$line" | sed -n 's/.*stacked PC \(0x[0-9a-fA-F]*\).*/\1/p')
        insn=
        [ -n "$pc" ] && insn=$(insn_at "$1" "$pc")
        echo "$line${insn:+ (the instruction there: $insn)}"
    elif [ -s "$tmp/out.err" ]; then
        echo "status $2: $(head -1 "$tmp/out.err")"
    else
        echo "status $2, output differs"
    fi
}

# model (020/040), name, expected status, args...
guest_test() {
    model=$1 name=$2 want=$3; shift 3
    elf="$guest/$model/$name.elf"
    id="$model/$name"
    if [ ! -f "$elf" ]; then
        notok "$id: $elf not built"
        failed=$((failed + 1))
        return
    fi
    timeout 60 "$run" --cpu "68$model" "$elf" "$@" >"$tmp/out" 2>"$tmp/out.err"
    status=$?
    good=yes problem=
    if [ "$status" != "$want" ] || ! cmp -s "$tmp/out" "$src/tests/guest/$name.expected"; then
        good=no problem="not as $name.expected: $(why "$elf" "$status")"
    fi
    against="$name.expected"
    if [ -n "$qemu" ]; then
        against="$against and qemu-m68k -cpu m68$model"
        timeout 60 "$qemu" -cpu "m68$model" "$elf" "$@" >"$tmp/qemu" 2>&1
        qstatus=$?
        if [ "$qstatus" != "$want" ] || ! cmp -s "$tmp/qemu" "$src/tests/guest/$name.expected"; then
            # qemu itself disagrees with the expected output: worth knowing
            # whatever tandem does.
            echo "# $id: qemu-m68k -cpu m68$model gives status $qstatus (want $want), output:"
            diff "$src/tests/guest/$name.expected" "$tmp/qemu" | head -5 | sed 's/^/#   /'
        fi
        if [ "$good" = yes ] && { [ "$qstatus" != "$status" ] || ! cmp -s "$tmp/out" "$tmp/qemu"; }; then
            good=no problem="differs from qemu-m68k (status $status vs $qstatus)"
        fi
    fi
    if [ "$good" = yes ]; then
        passed=$((passed + 1))
        if known "$id"; then
            notok "$id passes now: remove it from known_incomplete"
        else
            ok "$id: output and status $status as $against"
        fi
        return
    fi
    failed=$((failed + 1))
    if known "$id"; then
        skip "$id" "not implemented yet: $problem"
    else
        notok "$id: $problem"
        diff "$src/tests/guest/$name.expected" "$tmp/out" | head -10 | sed 's/^/# /'
        sed 's/^/# stderr: /' "$tmp/out.err" | head -5
    fi
}

[ -n "$qemu" ] || echo "# qemu-m68k not installed: comparing with the .expected files only"
for model in 020 040; do
    # A tandem-run without this model: skip its programs rather than fail them all.
    "$run" --cpu "68$model" "$guest/$model/hello.elf" >/dev/null 2>"$tmp/probe.err"
    if grep -q "unknown CPU\|cannot create the CPU" "$tmp/probe.err"; then
        skip "68$model programs" "tandem-run has no --cpu 68$model: $(head -1 "$tmp/probe.err")"
        continue
    fi
    guest_test "$model" hello 3 3 extra
    for p in sys arith muldiv bcd movem smc; do
        guest_test "$model" "$p" 0
    done
    for b in dhry sieve sort mem crc str walk; do
        guest_test "$model" "b_$b" 0 1
    done
done

# The builds are meant to exercise the 68020+ instructions: list the ones each
# program holds (informational; the runs above stop at the first missing one).
if [ -n "$objdump" ]; then
    for model in 020 040; do
        for elf in "$guest/$model"/*.elf; do
            list=$("$objdump" -d -j .text "$elf" | awk -F'\t' '
                NF >= 3 {
                    split($3, w, " ")
                    m = w[1]
                    if ($3 ~ /:[248]\)/)
                        m = "scaled-index"
                    else if (m !~ /^(bf[a-z]+|divsl|divul|divsll|divull|mulsl|mulul|extbl|chk2[bwl]|cmp2[bwl]|cas2?[bwl]|linkl|pack|unpk|rtd|bsrl|bral|b(hi|ls|cc|cs|ne|eq|vc|vs|pl|mi|ge|lt|gt|le)l)$/)
                        next
                    count[m]++
                }
                END { for (m in count) printf "%s x%d\n", m, count[m] }' | sort | paste -sd, - | sed 's/,/, /g')
            echo "# $model/$(basename "$elf" .elf) uses: ${list:-no 68020+ instruction}"
        done
    done
fi

echo "# guest-040: passed=$passed failed=$failed"
echo "guest-040: passed=$passed failed=$failed"
echo "1..$n"
