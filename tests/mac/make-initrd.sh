#!/bin/sh
# Build the Quadra tests' initramfs: /init from tests/mac/init.c and the
# /dev/console, /dev/fb0 and /dev/sda nodes, packed by the kernel tree's gen_init_cpio.
# Usage: make-initrd.sh KERNEL_DIR OUT.cpio [WORKDIR]; exit 77 when the cross
# compiler or gen_init_cpio is missing.
kdir=$1
out=$2
work=${3:-$(dirname "$out")}
src=$(cd "$(dirname "$0")/../.." && pwd)
cc=${M68K_CC:-m68k-linux-gnu-gcc}
gen="$kdir/linux-source-6.1/usr/gen_init_cpio"
command -v "$cc" >/dev/null 2>&1 || { echo "no $cc" >&2; exit 77; }
[ -x "$gen" ] || { echo "no $gen" >&2; exit 77; }
"$cc" -m68040 -O2 -static -nostdlib -ffreestanding -fno-pic -o "$work/init" \
    "$src/tests/mac/init.c" || exit 1
printf 'dir /dev 0755 0 0\nnod /dev/console 0600 0 0 c 5 1\nnod /dev/fb0 0600 0 0 c 29 0\nnod /dev/sda 0600 0 0 b 8 0\nfile /init %s 0755 0 0\n' \
    "$work/init" >"$work/cpio.list"
"$gen" "$work/cpio.list" >"$out"
