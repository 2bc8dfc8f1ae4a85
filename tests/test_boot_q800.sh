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

# An initramfs whose /init checks the clock, fork, page faults, the FPU and
# /dev/fb0, then powers off (tests/mac/init.c),
# when the cross compiler and the kernel tree's gen_init_cpio are there.
initrd=
src=${TANDEM_SRCDIR:-$(cd "$(dirname "$0")/.." && pwd)}
if sh "$src/tests/mac/make-initrd.sh" "$(dirname "$kernel")" "$t/initrd.cpio" "$t" 2>"$t/err"; then
    initrd="$t/initrd.cpio"
fi
[ -n "$initrd" ] || echo "# no initramfs ($(head -1 "$t/err")): the kernel stops at the root mount"

append="console=ttyS0 earlyprintk"
# A 4 MB disk at SCSI ID 0 with a marker /init looks for at byte 1024.
head -c 4194304 /dev/zero >"$t/hd.img"
printf 'TANDEMDISK' | dd of="$t/hd.img" bs=1 seek=1024 conv=notrunc 2>/dev/null
cp "$t/hd.img" "$t/hd-qemu.img"
q --kernel "$kernel" ${initrd:+--initrd "$initrd"} --append "$append" \
    --scsi-disk "$t/hd.img" --disk-writable \
    --serial-out "$t/tandem.txt" --frames 2000 --screenshot "$t/boot.png"; rc=$?
check "Linux boots far enough to print on the SCC" '[ $rc = 0 ] && grep -q "^ABC" "$t/tandem.txt"'
echo "# tandem's serial output: $(wc -l <"$t/tandem.txt") lines, the last: $(tail -n 1 "$t/tandem.txt" | cut -c1-80)"
if grep -q "^Run /init" "$t/tandem.txt"; then
    check "/init's banner on the serial console" 'grep -q "^tandem-init: hello from /init" "$t/tandem.txt"'
    for c in clock "fork and wait" "page faults" fpu framebuffer "disk read" "disk write"; do
        check "/init: $c" 'grep -q "^tandem-init: $c ok" "$t/tandem.txt"'
    done
    check "the block /init wrote is in the disk image" \
        '[ "$(dd if="$t/hd.img" bs=1 skip=4096 count=22 2>/dev/null)" = "written by tandem-init" ]'
    check "the screen shows something after the boot (logo, /init's bar)" \
        '[ -s "$t/boot.png" ] && ! cmp -s "$t/boot.png" "$t/blank.png"'
    check "Linux powers the machine off" 'grep -q "^reboot: Power down" "$t/tandem.txt"'
else
    echo "# SKIP /init checks: the kernel does not get there yet (no MMU/FPU in the CPU)"
fi
# Lines the two machines do not share: the delay-loop calibration (timing),
# the SCSI devices' names and caches (QEMU's disk, its default CD-ROM), the
# stack dump words of a panic, and the lines
# of asynchronous probes whose place among the others follows timing (the
# ADB keyboard and mouse, "Unpacking initramfs"), and /init's clock value.
filter() {
    grep -v -e 'BogoMIPS' -e 'ADB keyboard' -e 'ADB mouse' -e '^scsi 0:0:' -e '^scsi target0:' \
        -e '^sd 0:0:0:0:' \
        -e '^        [0-9a-f]\{8\} ' -e '^Unpacking initramfs' -e '^tandem-init: time=' "$1"
}
if command -v qemu-system-m68k >/dev/null 2>&1; then
    timeout 10 qemu-system-m68k -M q800 -m 64 -g 640x480x8 -kernel "$kernel" \
        ${initrd:+-initrd "$initrd"} -append "$append" -serial "file:$t/qemu.txt" \
        -drive "file=$t/hd-qemu.img,format=raw,if=scsi,index=0" \
        -display none -monitor none -no-reboot >/dev/null 2>&1
    filter "$t/tandem.txt" >"$t/tandem.f"
    filter "$t/qemu.txt" >"$t/qemu.f"
    # tandem's last line may be cut short where its CPU stopped: the
    # complete lines must be equal, the rest a prefix of QEMU's next line.
    lines=$(wc -l <"$t/tandem.f")
    partial=
    if [ -n "$(tail -c 1 "$t/tandem.txt")" ]; then
        lines=$((lines - 1))
        partial=$(tail -n 1 "$t/tandem.f")
    fi
    head -n "$lines" "$t/qemu.f" >"$t/qemu.head"
    head -n "$lines" "$t/tandem.f" >"$t/tandem.head"
    check "tandem's serial lines equal QEMU's, apart from the listed ones ($lines lines)" \
        'cmp -s "$t/tandem.head" "$t/qemu.head"'
    if [ -n "$partial" ]; then
        next=$(sed -n "$((lines + 1))p" "$t/qemu.f")
        check "and its unfinished last line \"$partial\" starts QEMU's \"$next\"" \
            'case "$next" in "$partial"*) true ;; *) false ;; esac'
    fi
    if ! cmp -s "$t/tandem.head" "$t/qemu.head"; then
        diff "$t/qemu.head" "$t/tandem.head" | head -10 | sed 's/^/# /'
    fi
else
    echo "# SKIP the comparison: qemu-system-m68k is not installed"
fi
echo "1..$n"
exit $failed
