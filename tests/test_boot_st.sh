#!/bin/sh
# The headless runner on the ST: bad input gives clear errors and no crash,
# runs are deterministic (same PNG bytes), scripts drive input and
# screenshots, --stats prints its line.  Needs ../shared/roms/etos192us.img.
src=${TANDEM_SRCDIR:-$(cd "$(dirname "$0")/.." && pwd)}
build=${TANDEM_BUILDDIR:-.}
run="$build/tests/st_headless"
rom="$src/../shared/roms/etos192us.img"
n=0
failed=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
notok() { n=$((n + 1)); failed=1; echo "not ok $n - $1"; }
check() { if eval "$2"; then ok "$1"; else notok "$1"; sed 's/^/# /' "$t/err" 2>/dev/null | head -5; fi; }

if [ ! -x "$run" ]; then echo "1..0 # SKIP $run not built"; exit 0; fi
t=$(mktemp -d /tmp/test_boot_st.XXXXXX) || exit 1
trap 'rm -rf "$t"' EXIT

# Bad input, no ROM needed.
"$run" --headless --bogus >/dev/null 2>"$t/err"; rc=$?
check "unknown option: exit 2 and says which" '[ $rc = 2 ] && grep -q -- "--bogus" "$t/err"'
"$run" --headless --rom "$t/none.img" --frames 1 >/dev/null 2>"$t/err"; rc=$?
check "missing ROM: exit 1, clear message" '[ $rc = 1 ] && grep -q "cannot open ROM image" "$t/err"'
head -c 1000 /dev/zero >"$t/short.img"
"$run" --headless --rom "$t/short.img" --frames 1 >/dev/null 2>"$t/err"; rc=$?
check "short ROM: exit 1, clear message" '[ $rc = 1 ] && grep -q "too short" "$t/err"'
head -c 196608 /dev/zero >"$t/zero.img"
"$run" --headless --rom "$t/zero.img" --frames 1 >/dev/null 2>"$t/err"; rc=$?
check "unknown ROM: exit 1, clear message" '[ $rc = 1 ] && grep -q "not an Atari ST" "$t/err"'
"$run" --headless --ram 3M --rom "$t/zero.img" >/dev/null 2>"$t/err"; rc=$?
check "bad RAM size: exit 2" '[ $rc = 2 ] && grep -q "3M" "$t/err"'
printf 'at 10 fly away\n' >"$t/bad.script"
"$run" --headless --rom "$t/zero.img" --script "$t/bad.script" >/dev/null 2>"$t/err"; rc=$?
check "bad script: exit 2 with the line number" '[ $rc = 2 ] && grep -q "bad.script:1:" "$t/err"'

if [ ! -r "$rom" ]; then
    echo "# SKIP the rest: ../shared/roms/etos192us.img is absent"
    echo "1..$n"
    exit $failed
fi

# A blank formatted 720 KB floppy, and broken ones.
if command -v mformat >/dev/null 2>&1; then
    mformat -i "$t/blank.st" -f 720 -C :: || notok "mformat"
else
    # Without mtools: a zeroed image is still a valid size for the drive.
    head -c 737280 /dev/zero >"$t/blank.st"
fi
head -c 300000 "$t/blank.st" >"$t/trunc.st"
"$run" --headless --rom "$rom" --disk-a "$t/trunc.st" --frames 1 >/dev/null 2>"$t/err"; rc=$?
check "truncated .ST image: exit 1, clear message" '[ $rc = 1 ] && grep -q "trunc.st" "$t/err"'
{ cat "$t/blank.st"; printf 'xyz'; } >"$t/odd.st"
"$run" --headless --rom "$rom" --disk-a "$t/odd.st" --frames 1 >/dev/null 2>"$t/err"; rc=$?
check "odd-sized .ST image: exit 1, clear message" '[ $rc = 1 ] && grep -q "odd.st" "$t/err"'
printf 'at 5 insert a %s\n' "$t/trunc.st" >"$t/ins.script"
"$run" --headless --rom "$rom" --script "$t/ins.script" --frames 10 >/dev/null 2>"$t/err"; rc=$?
check "scripted insert of a bad image: exit 1, no crash" '[ $rc = 1 ] && grep -q "trunc.st" "$t/err"'

# Determinism: the same command twice gives the same PNG bytes.
for k in 1 2; do
    "$run" --headless --machine st --rom "$rom" --disk-a "$t/blank.st" --frames 480 \
        --screenshot "$t/run$k.png" --stats >"$t/out$k" 2>"$t/err"
    echo $? >"$t/rc$k"
done
check "two runs exit 0" '[ "$(cat "$t/rc1")" = 0 ] && [ "$(cat "$t/rc2")" = 0 ]'
check "PNG written" '[ -s "$t/run1.png" ] && [ "$(head -c 4 "$t/run1.png" | od -An -c | tr -d " ")" = "211PNG" ]'
check "identical PNG bytes" 'cmp -s "$t/run1.png" "$t/run2.png"'
check "stats line" 'grep -Eq "^stats: instructions=[0-9]+ seconds=[0-9.]+ mips=[0-9.]+ code_hit=[0-9.]+ read_hit=[0-9.]+ write_hit=[0-9.]+ frames=480$" "$t/out1"'
sed 's/^/# /' "$t/out1"

# A script: move the pointer, open the File menu, screenshots at chosen frames.
cat >"$t/menu.script" <<EOS
# open the File menu by pointing at its title
at 440 mouse 60 4
at 470 screenshot $t/menu.png
at 471 key ESC
at 472 quit
EOS
"$run" --headless --rom "$rom" --disk-a "$t/blank.st" --script "$t/menu.script" >/dev/null 2>"$t/err"; rc=$?
check "scripted run exits 0 and writes its screenshot" '[ $rc = 0 ] && [ -s "$t/menu.png" ]'
check "the File menu dropped down (the screenshot differs from the plain desktop)" '! cmp -s "$t/menu.png" "$t/run1.png"'

echo "1..$n"
exit $failed
