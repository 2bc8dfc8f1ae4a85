#!/bin/sh
# Boot time of the Quadra 800: host seconds from start to the power off that
# follows /init's checks (tests/mac/init.c), for tandem and for QEMU's q800,
# the same kernel and initramfs, REPEAT times each (best kept); tandem's TLB
# hit rates for the boot.  Usage: bench-boot.sh [KERNEL]; `make bench-q800`.
build=${TANDEM_BUILDDIR:-.}
kernel=${1:-${TANDEM_MAC_KERNEL:-$build/mac-kernel/vmlinux}}
repeat=${REPEAT:-3}
run="$build/tests/st_headless"
[ -r "$kernel" ] || { echo "no kernel $kernel (make mac-kernel)"; exit 1; }
t=$(mktemp -d /tmp/bench-q800.XXXXXX) || exit 1
trap 'rm -rf "$t"' EXIT
sh "$(dirname "$0")/make-initrd.sh" "$(dirname "$kernel")" "$t/initrd.cpio" "$t" || exit 1
append="console=ttyS0 earlyprintk"
now() { date +%s.%N; }
best() { sort -n | head -1; }
i=0
while [ $i -lt "$repeat" ]; do
    a=$(now)
    "$run" --headless --machine q800 --kernel "$kernel" --initrd "$t/initrd.cpio" \
        --append "$append" --serial-out "$t/tandem.txt" --frames 6000 --stats >"$t/stats"
    b=$(now)
    echo "$b - $a" | bc >>"$t/tandem.times"
    if command -v qemu-system-m68k >/dev/null 2>&1; then
        a=$(now)
        timeout 60 qemu-system-m68k -M q800 -m 64 -g 640x480x8 -kernel "$kernel" \
            -initrd "$t/initrd.cpio" -append "$append" -serial "file:$t/qemu.txt" \
            -display none -monitor none -no-reboot >/dev/null 2>&1
        b=$(now)
        echo "$b - $a" | bc >>"$t/qemu.times"
    fi
    i=$((i + 1))
done
reached() { grep -q "^tandem-init: hello" "$1" && echo "reached /init" || echo "did not reach /init"; }
printf '%-8s %10s  %s\n' machine seconds "boot"
printf '%-8s %10s  %s\n' tandem "$(best <"$t/tandem.times")" "$(reached "$t/tandem.txt")"
[ -f "$t/qemu.times" ] &&
    printf '%-8s %10s  %s\n' qemu "$(best <"$t/qemu.times")" "$(reached "$t/qemu.txt")"
sed -n 's/^stats: /tandem: /p; s/^stats-detail: /tandem: /p' "$t/stats"
echo "(QEMU waits for its guest's sleeps in real time; tandem runs unthrottled.)"
