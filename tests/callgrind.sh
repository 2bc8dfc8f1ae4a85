#!/bin/sh
# Host instructions per guest instruction, noise-free: runs one workload (the
# integer mix by default) under `valgrind --tool=callgrind`, divides the total
# Ir by the guest instructions tandem-run counted, and lists the host functions
# where the instructions go.  Run from the build directory after `make bench`
# built the programs:
#     sh ../tests/callgrind.sh [WORKLOAD [SCALE]]      (default: dhry 2)
# Valgrind slows the run ~50x, so keep the scale small; the ratio barely moves
# with it.  Last line: host_insn_per_guest_insn=R workload=W
build=${TANDEM_BUILDDIR:-.}
w=${1:-dhry}
scale=${2:-2}
elf="$build/tests/guest/b_$w.elf"
command -v valgrind >/dev/null || { echo "valgrind is not installed (apt-get install valgrind)"; exit 2; }
[ -f "$elf" ] || { echo "$elf not found: run make bench (or make guest-programs) first"; exit 2; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/tandem-cg.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM
valgrind --tool=callgrind --callgrind-out-file="$tmp/cg.out" \
    "$build/tandem-run" --stats "$elf" "$scale" >/dev/null 2>"$tmp/err" || { cat "$tmp/err"; exit 1; }
guest=$(sed -n 's/^stats: instructions=\([0-9]*\).*/\1/p' "$tmp/err")
ir=$(sed -n 's/^==[0-9]*== Collected : \([0-9]*\).*/\1/p' "$tmp/err")
callgrind_annotate "$tmp/cg.out" 2>/dev/null | sed -n '/^Ir/,$p' | head -25
echo "guest_instructions=$guest host_instructions=$ir"
echo "$ir $guest $w" | awk '{ printf "host_insn_per_guest_insn=%.2f workload=%s\n", $1 / $2, $3 }'
