#!/bin/sh
# Build the small Quadra 800 kernel from Debian's linux-source-6.1 package
# into DIR (default: $TANDEM_BUILDDIR/mac-kernel), once: prints the vmlinux path.
# Needs linux-source-6.1, gcc-m68k-linux-gnu, flex, bison, bc.  Exit 77 when
# something is missing (so callers can skip).
set -e
src=/usr/src/linux-source-6.1.tar.xz
dir=${1:-${TANDEM_BUILDDIR:-.}/mac-kernel}
frag=$(dirname "$0")/q800_kernel.config
[ -r "$src" ] || { echo "no $src" >&2; exit 77; }
command -v m68k-linux-gnu-gcc >/dev/null || { echo "no m68k-linux-gnu-gcc" >&2; exit 77; }
mkdir -p "$dir"
if [ -f "$dir/vmlinux" ] && [ "$dir/vmlinux" -nt "$frag" ]; then
    echo "$dir/vmlinux"; exit 0
fi
if [ ! -d "$dir/linux-source-6.1" ]; then
    tar -C "$dir" -xf "$src"
fi
cd "$dir/linux-source-6.1"
make ARCH=m68k CROSS_COMPILE=m68k-linux-gnu- allnoconfig >/dev/null
./scripts/kconfig/merge_config.sh -m .config "$frag" >/dev/null
make ARCH=m68k CROSS_COMPILE=m68k-linux-gnu- olddefconfig >/dev/null
make ARCH=m68k CROSS_COMPILE=m68k-linux-gnu- -j"${JOBS:-1}" vmlinux >build.log 2>&1 ||
    { tail -20 build.log >&2; exit 1; }
cp vmlinux "$dir/vmlinux"
echo "$dir/vmlinux"
