#!/bin/sh
# Floating point as gcc -m68040 compiles it (tests/guest/fpu.c, built as
# tests/guest/040/fpu.elf): its output under tandem-run --cpu 68040, with the
# FPU as the chip and with --fpu full, must equal qemu-m68k -cpu m68040's
# (TAP).  Needs M68K_CC and qemu-m68k; skips without them.
build=${TANDEM_BUILDDIR:-.}
run="$build/tandem-run"
elf="$build/tests/guest/040/fpu.elf"
qemu=${QEMU_M68K:-}

if [ -z "${M68K_CC:-}" ]; then
    echo "1..0 # SKIP no m68k cross compiler (install gcc-m68k-linux-gnu and re-run configure)"
    exit 0
fi
if [ -z "$qemu" ]; then
    echo "1..0 # SKIP qemu-m68k not installed"
    exit 0
fi
if [ ! -x "$run" ] || [ ! -f "$elf" ]; then
    echo "1..0 # SKIP tandem-run or tests/guest/040/fpu.elf is not built (run make check)"
    exit 0
fi
tmp=$(mktemp -d "${TMPDIR:-/tmp}/tandem-fpu040.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM
timeout 60 "$qemu" -cpu m68040 "$elf" >"$tmp/q.out" 2>/dev/null
qs=$?
lines=$(wc -l <"$tmp/q.out")
n=0
for mode in chip full; do
    n=$((n + 1))
    timeout 60 "$run" --cpu 68040 --fpu $mode "$elf" >"$tmp/t.out" 2>"$tmp/t.err"
    ts=$?
    if [ "$ts" = 0 ] && [ "$qs" = 0 ] && [ "$lines" -gt 500 ] && cmp -s "$tmp/t.out" "$tmp/q.out"; then
        echo "ok $n - fpu.elf, --fpu $mode: $lines lines as qemu-m68k -cpu m68040"
    else
        echo "not ok $n - fpu.elf, --fpu $mode differs from qemu-m68k (status $ts vs $qs)"
        diff "$tmp/q.out" "$tmp/t.out" | head -20 | sed 's/^/# /'
        sed 's/^/# stderr: /' "$tmp/t.err" | head -5
    fi
done
echo "1..$n"
