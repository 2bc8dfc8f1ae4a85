#!/bin/sh
# The 68020 integer additions (m68k/ops020.c) on the 68040 model (TAP):
# tests/guest040/ops020.S prints registers and CCR after each case; its
# output under tandem-run must equal qemu-m68k -cpu m68040's, and its "x"
# cases (ones qemu 7.2 gets wrong or lacks) must equal ops020_x.expected.
# Each trapping case must end the process with the signal Linux gives its
# vector, as under qemu (or a fixed status where qemu differs).
src=${TANDEM_SRCDIR:-$(cd "$(dirname "$0")/.." && pwd)}
build=${TANDEM_BUILDDIR:-.}
run="$build/tandem-run"
qemu=${QEMU_M68K:-}

if [ -z "${M68K_CC:-}" ]; then
    echo "1..0 # SKIP no m68k cross compiler (install gcc-m68k-linux-gnu and re-run configure)"
    exit 0
fi
if [ -z "$qemu" ]; then
    echo "1..0 # SKIP qemu-m68k not installed"
    exit 0
fi
if [ ! -x "$run" ]; then
    echo "1..0 # SKIP tandem-run is not built (run make first)"
    exit 0
fi

n=0
tmp=$(mktemp -d "${TMPDIR:-/tmp}/tandem-ops020.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM
ok() { n=$((n + 1)); echo "ok $n - $1"; }
notok() { n=$((n + 1)); echo "not ok $n - $1"; }

elf="$tmp/ops020.elf"
if ! $M68K_CC -m68040 -nostdlib -static -Wl,-T,"$src/tests/guest/guest.ld" \
        -o "$elf" "$src/tests/guest040/ops020.S" 2>"$tmp/cc.err" || [ ! -f "$elf" ]; then
    notok "ops020.S assembles"
    sed 's/^/# /' "$tmp/cc.err" | grep -v 'RWX\|build-id' | head -10
    echo "1..$n"
    exit 0
fi
ok "ops020.S assembles"

# The main cases, line by line against qemu.
timeout 60 "$run" --cpu 68040 "$elf" >"$tmp/t.out" 2>"$tmp/t.err"
ts=$?
timeout 60 "$qemu" -cpu m68040 "$elf" >"$tmp/q.out" 2>/dev/null
qs=$?
lines=$(wc -l <"$tmp/q.out")
if [ "$ts" = 0 ] && [ "$qs" = 0 ] && [ "$lines" -gt 50 ] && cmp -s "$tmp/t.out" "$tmp/q.out"; then
    ok "$lines cases: same registers and CCR as qemu-m68k -cpu m68040"
else
    notok "cases differ from qemu-m68k (status $ts vs $qs)"
    diff "$tmp/q.out" "$tmp/t.out" | head -20 | sed 's/^/# /'
    sed 's/^/# stderr: /' "$tmp/t.err" | head -5
fi

# The cases qemu cannot run, against the expected output.
timeout 60 "$run" --cpu 68040 "$elf" x >"$tmp/x.out" 2>"$tmp/x.err"
xs=$?
if [ "$xs" = 0 ] && cmp -s "$tmp/x.out" "$src/tests/guest040/ops020_x.expected"; then
    ok "$(wc -l <"$tmp/x.out") cases (INT_MIN / -1, CMP2/CHK2, PACK/UNPK) as expected"
else
    notok "x cases differ from ops020_x.expected (status $xs)"
    diff "$src/tests/guest040/ops020_x.expected" "$tmp/x.out" | head -20 | sed 's/^/# /'
    sed 's/^/# stderr: /' "$tmp/x.err" | head -5
fi

# Trapping cases: number, description, fixed status (empty: qemu's).
trap_case() {
    timeout 60 "$run" --cpu 68040 "$elf" "$1" >"$tmp/tr.out" 2>"$tmp/tr.err"
    st=$?
    want=$3
    if [ -z "$want" ]; then
        timeout 60 "$qemu" -cpu m68040 "$elf" "$1" >/dev/null 2>&1
        want=$?
    fi
    if [ "$st" = "$want" ] && grep -q "^trap $(printf '%02d' "$1")\$" "$tmp/tr.out"; then
        ok "trap case $1 ($2): status $st"
    else
        notok "trap case $1 ($2): status $st, want $want"
        sed 's/^/# stderr: /' "$tmp/tr.err" | head -3
    fi
}
trap_case 0 "DIVU.L by zero"
trap_case 1 "DIVS.L 64/32 by zero"
trap_case 2 "DIVSL.L by a zero in memory"
trap_case 3 "CHK.L below zero"
trap_case 4 "CHK.L above the bound"
trap_case 5 "CHK2.B above the bound" 136      # qemu 7.2 has no CHK2
trap_case 6 "CHK2.W above the bound" 136
trap_case 7 "TRAPT"
trap_case 8 "TRAPEQ.W taken"
trap_case 9 "TRAPLT.L taken"
trap_case 10 "BKPT: illegal instruction" 132 # qemu reports a breakpoint
trap_case 11 "CHK2.L An out of bounds" 136
trap_case 12 "TRAPVS taken"
trap_case 13 "CHK.L with a negative bound"

echo "1..$n"
