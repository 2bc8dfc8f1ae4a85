#!/bin/sh
# The Quadra 800 through the headless runner: bad input gives a clear
# message and status 1 or 2; then, when a Linux kernel is at hand
# ($TANDEM_MAC_KERNEL, or $TANDEM_BUILDDIR/mac-kernel/vmlinux as built by
# tests/mac/build-kernel.sh or `make mac-kernel`) and qemu-system-m68k is installed, the serial
# output of tandem must be a prefix of QEMU's q800 output for the same kernel
# (tandem's CPU has no MMU or FPU yet, so it stops earlier).
build=${TANDEM_BUILDDIR:-.}
run="$build/tests/st_headless"
n=0
failed=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
notok() { n=$((n + 1)); failed=1; echo "not ok $n - $1"; }
check() { if eval "$2"; then ok "$1"; else notok "$1"; sed 's/^/# /' "$t/err" 2>/dev/null | head -5; fi; }

if [ ! -x "$run" ]; then echo "1..0 # SKIP $run not built"; exit 0; fi
t=$(mktemp -d /tmp/test_boot_q800.XXXXXX) || exit 1
trap 'rm -rf "$t"' EXIT
q() { "$run" --headless --machine q800 "$@" >"$t/out" 2>"$t/err"; }

q --kernel "$t/none" --frames 1; rc=$?
check "missing kernel: exit 1 and names it" '[ $rc = 1 ] && grep -q "$t/none" "$t/err"'
printf 'not a kernel\n' >"$t/text"
q --kernel "$t/text" --frames 1; rc=$?
check "a text file as kernel: exit 1, not an ELF" '[ $rc = 1 ] && grep -q "not an ELF" "$t/err"'
host_elf=$(command -v sh)
q --kernel "$host_elf" --frames 1; rc=$?
check "a host (non-m68k) ELF as kernel: exit 1, says m68k" '[ $rc = 1 ] && grep -q "m68k" "$t/err"'
q --initrd "$t/text" --frames 1; rc=$?
check "--initrd without --kernel: exit 1" '[ $rc = 1 ] && grep -q -- "--kernel" "$t/err"'
q --ram 4M --frames 1; rc=$?
check "4 MB on a Quadra: exit 1, gives the range" '[ $rc = 1 ] && grep -q "8 to 256 MB" "$t/err"'
q --ram 3M --frames 1; rc=$?
check "an unknown RAM size: exit 2" '[ $rc = 2 ] && grep -q "3M" "$t/err"'
q --frames 1 --serial-out "$t/no/such/dir/out"; rc=$?
check "unwritable --serial-out: exit 1, names it" '[ $rc = 1 ] && grep -q "no/such/dir" "$t/err"'
q --frames 2 --screenshot "$t/blank.png"; rc=$?
check "no ROM, no kernel: runs, screenshot written" '[ $rc = 0 ] && [ -s "$t/blank.png" ]'

kernel=${TANDEM_MAC_KERNEL:-$build/mac-kernel/vmlinux}
if [ ! -r "$kernel" ]; then
    echo "# SKIP the Linux boot: no kernel (make mac-kernel builds one)"
    echo "1..$n"
    exit $failed
fi
# An initrd that does not fit: 9 MB on an 8 MB machine.
head -c 9437184 /dev/zero >"$t/big.img"
q --ram 8M --kernel "$kernel" --initrd "$t/big.img" --frames 1; rc=$?
check "an initrd larger than RAM: exit 1, does not fit" '[ $rc = 1 ] && grep -q "does not fit" "$t/err"'

q --kernel "$kernel" --append "console=ttyS0 earlyprintk" --serial-out "$t/tandem.txt" \
    --frames 300; rc=$?
check "Linux boots far enough to print on the SCC" '[ $rc = 0 ] && grep -q "^ABC" "$t/tandem.txt"'
echo "# tandem's serial output: $(head -c 200 "$t/tandem.txt" | tr '\n' '|')"
if command -v qemu-system-m68k >/dev/null 2>&1; then
    timeout 8 qemu-system-m68k -M q800 -m 64 -g 640x480x8 -kernel "$kernel" \
        -append "console=ttyS0 earlyprintk" -serial "file:$t/qemu.txt" -display none \
        -monitor none -no-reboot >/dev/null 2>&1
    len=$(wc -c <"$t/tandem.txt")
    head -c "$len" "$t/qemu.txt" >"$t/qemu-prefix.txt"
    check "tandem's serial output is a prefix of QEMU's ($len bytes)" \
        'cmp -s "$t/tandem.txt" "$t/qemu-prefix.txt"'
else
    echo "# SKIP the comparison: qemu-system-m68k is not installed"
fi
echo "1..$n"
exit $failed
