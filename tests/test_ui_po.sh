#!/bin/sh
# Translations scaffolding: every source file with user-visible strings (_()
# or N_()) is listed in po/POTFILES.in, every listed file exists, and xgettext
# extracts the desktop program's strings from them.
SRC=${TANDEM_SRCDIR:-..}
n=0; failed=0
ok() { n=$((n + 1)); echo "ok $n - $*"; }
notok() { n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n - $*"; }

listed=$(grep -v '^#' "$SRC/po/POTFILES.in" | grep .)
missing=
for f in $(cd "$SRC" && grep -l -E '(^|[^A-Za-z0-9_])N?_\("' mem/*.c m68k/*.c machines/*.c \
        machines/*/*.c ui/*.c 2>/dev/null); do
    echo "$listed" | grep -qx "$f" || missing="$missing $f"
done
if [ -z "$missing" ]; then ok "every translated source file is in po/POTFILES.in"
else notok "not in po/POTFILES.in:$missing"; fi

gone=
for f in $listed; do [ -f "$SRC/$f" ] || gone="$gone $f"; done
if [ -z "$gone" ]; then ok "every file in po/POTFILES.in exists"
else notok "listed but absent:$gone"; fi

if command -v xgettext >/dev/null 2>&1; then
    pot=$(mktemp /tmp/tandem-pot-XXXXXX)
    (cd "$SRC" && xgettext --keyword=_ --keyword=N_ --from-code=UTF-8 -o "$pot" $listed) 2>/dev/null
    for s in "_Insert Disk A…" "Machine" "Tandem needs an operating system ROM" "not a disk image"; do
        if grep -q -F "$s" "$pot"; then ok "xgettext extracts \"$s\""
        else notok "xgettext extracts \"$s\""; fi
    done
    rm -f "$pot"
else
    n=$((n + 1)); echo "ok $n - xgettext # SKIP xgettext is not installed (Debian: gettext)"
fi
echo "1..$n"
[ $failed -eq 0 ]
