#!/bin/sh
# The 68020+ bit-field instructions on the 68040 model (TAP): builds
# tests/guest040/bitfield.S, runs it under tandem-run --cpu 68040 and compares
# its output (one line of registers, flags and memory per case) with
# qemu-m68k -cpu m68040's; then the BFFFO cases where qemu is known to differ
# from the hardware, against tests/guest040/bitfield_hw.expected; then checks
# the same opcodes stay illegal on the 68000 model.
src=${TANDEM_SRCDIR:-$(cd "$(dirname "$0")/.." && pwd)}
build=${TANDEM_BUILDDIR:-.}
run="$build/tandem-run"
qemu=${QEMU_M68K:-}

if [ -z "${M68K_CC:-}" ]; then
    echo "1..0 # SKIP no m68k cross compiler (install gcc-m68k-linux-gnu and re-run configure)"
    exit 0
fi
if [ ! -x "$run" ]; then
    echo "1..0 # SKIP tandem-run is not built (run make first)"
    exit 0
fi

n=0
tmp=$(mktemp -d "${TMPDIR:-/tmp}/tandem-bf.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM
ok() { n=$((n + 1)); echo "ok $n - $1"; }
notok() { n=$((n + 1)); echo "not ok $n - $1"; }
skip() { n=$((n + 1)); echo "ok $n - $1 # SKIP $2"; }

elf="$tmp/bitfield.elf"
if ! "$M68K_CC" -m68040 -nostdlib -static -Wl,--build-id=none -Wl,--no-warn-rwx-segments \
        -T "$src/tests/guest/guest.ld" -o "$elf" "$src/tests/guest040/bitfield.S" 2>"$tmp/cc.err"; then
    notok "bitfield.S builds"
    sed 's/^/# /' "$tmp/cc.err" | head -10
    echo "1..$n"
    exit 0
fi
ok "bitfield.S builds"

timeout 60 "$run" --cpu 68040 "$elf" >"$tmp/t.out" 2>"$tmp/t.err"
status=$?
lines=$(wc -l <"$tmp/t.out")
if [ "$status" = 0 ] && [ "$lines" -gt 1000 ]; then
    ok "tandem-run --cpu 68040: status 0, $lines cases"
else
    notok "tandem-run --cpu 68040: status $status, $lines cases"
    sed 's/^/# stderr: /' "$tmp/t.err" | head -5
fi

if [ -z "$qemu" ]; then
    skip "same results as qemu-m68k -cpu m68040" "qemu-m68k not installed"
else
    timeout 60 "$qemu" -cpu m68040 "$elf" >"$tmp/q.out" 2>&1
    if cmp -s "$tmp/t.out" "$tmp/q.out"; then
        ok "same results as qemu-m68k -cpu m68040 ($lines cases)"
    else
        notok "results differ from qemu-m68k -cpu m68040 (case, D0-D7, XNZVC, memory):"
        diff "$tmp/q.out" "$tmp/t.out" | head -10 | cut -c1-120 | sed 's/^/# /'
    fi
fi

timeout 60 "$run" --cpu 68040 "$elf" hw >"$tmp/hw.out" 2>&1
if cmp -s "$tmp/hw.out" "$src/tests/guest040/bitfield_hw.expected"; then
    ok "BFFFO on a register adds the whole offset register (as reported from hardware)"
else
    notok "BFFFO with offsets outside 0..31 differs from bitfield_hw.expected"
    diff "$src/tests/guest040/bitfield_hw.expected" "$tmp/hw.out" | head -10 | cut -c1-120 | sed 's/^/# /'
fi

timeout 60 "$run" --cpu 68000 "$elf" >/dev/null 2>"$tmp/00.err"
status=$?
if [ "$status" = 132 ] && grep -q 'illegal instruction' "$tmp/00.err"; then
    ok "the 68000 model takes the bit-field opcodes as illegal"
else
    notok "the 68000 model ran a bit-field opcode (status $status)"
fi

echo "1..$n"
