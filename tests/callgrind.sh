#!/bin/sh
# Host instructions per guest instruction, noise-free: runs one workload (the
# integer mix by default) under `valgrind --tool=callgrind` at two sizes and
# divides the difference in total Ir by the difference in guest instructions
# (so start-up work, such as building the decode table, cancels out); also
# prints the plain ratio of the larger run, the heaviest functions, and where
# the host instructions go by category (tests/callgrind-breakdown.awk):
# dispatch (chaining to the next handler, block changes), fetch (extension
# words), decode (opcode fields), ea (effective addresses), data (reads and
# writes through the TLBs), flags, timing (the cycle budget), operation (the
# rest of the handler: the ALU work, entry and exit), other (outside the core).
# Run from the build directory after `make bench` (or `make guest-programs`):
#     sh ../tests/callgrind.sh [WORKLOAD [SCALE]]      (default: dhry 4)
# Valgrind slows the run ~50x; keep SCALE small.  Last line:
#     host_insn_per_guest_insn=R workload=W (marginal; total ratio T)
build=${TANDEM_BUILDDIR:-.}
w=${1:-dhry}
scale=${2:-4}
elf="$build/tests/guest/b_$w.elf"
command -v valgrind >/dev/null || { echo "valgrind is not installed (apt-get install valgrind)"; exit 2; }
[ -f "$elf" ] || { echo "$elf not found: run make bench (or make guest-programs) first"; exit 2; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/tandem-cg.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM

measure() { # scale, tag -> "$tmp/tag.guest", "$tmp/tag.ir"
    valgrind --tool=callgrind --callgrind-out-file="$tmp/$2.cg" \
        "$build/tandem-run" --stats "$elf" "$1" >/dev/null 2>"$tmp/$2.err" \
        || { cat "$tmp/$2.err"; exit 1; }
    sed -n 's/^stats: instructions=\([0-9]*\).*/\1/p' "$tmp/$2.err" >"$tmp/$2.guest"
    sed -n 's/^==[0-9]*== Collected : \([0-9]*\).*/\1/p' "$tmp/$2.err" >"$tmp/$2.ir"
}
measure 1 small
measure "$scale" big
callgrind_annotate "$tmp/big.cg" 2>/dev/null | sed -n '/^Ir/,$p' | head -30
g1=$(cat "$tmp/small.guest") i1=$(cat "$tmp/small.ir")
g2=$(cat "$tmp/big.guest") i2=$(cat "$tmp/big.ir")
echo "scale 1: guest=$g1 host=$i1; scale $scale: guest=$g2 host=$i2"
# Where they go: per source-line categories, also marginal (big - small).
here=$(dirname "$0")
for t in small big; do
    callgrind_annotate --auto=yes "$tmp/$t.cg" 2>/dev/null | awk -f "$here/callgrind-breakdown.awk" >"$tmp/$t.cat"
done
awk -v g="$((g2 - g1))" 'NR == FNR { small[$1] = $2; next } { d[$1] = $2 - small[$1]; tot += d[$1] }
    END { printf "where (host instructions per guest instruction):"
          n = split("dispatch fetch decode ea data flags timing operation other", order, " ")
          for (i = 1; i <= n; i++) printf " %s=%.2f", order[i], d[order[i]] / g
          printf "\n" }' "$tmp/small.cat" "$tmp/big.cat"
echo "$g1 $i1 $g2 $i2 $w" | awk '{ printf "host_insn_per_guest_insn=%.2f workload=%s (marginal; total ratio %.2f)\n", ($4 - $2) / ($3 - $1), $5, $4 / $3 }'
