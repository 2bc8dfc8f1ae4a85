#!/bin/sh
# Builds Tandem from scratch twice (normal, and with AddressSanitizer + UBSan)
# and runs every test in both.  Ends with "N passed, N failed, N skipped"
# (expected failures, TAP's "# TODO", count as skipped, never as passed);
# exits non-zero if anything failed or did not build.
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 2
jobs=${JOBS:-2}
status=0
build_failures=0

[ -x configure ] || ./autogen.sh >autogen.log 2>&1 || { cat autogen.log; exit 2; }
# Out-of-tree builds need an unconfigured source tree (the README's first
# command configures in place).
if [ -f config.status ]; then
    echo "== removing the in-tree build (make distclean) so build/ and build-asan/ can be configured"
    make distclean >/dev/null 2>&1 || rm -f config.status
fi

run_config() { # dir, configure args...
    dir=$1; shift
    rm -rf "$dir"; mkdir -p "$dir"
    echo "== $dir: configure $*"
    if ! (cd "$dir" && "$top/configure" -q "$@" >configure.out 2>&1); then
        cat "$dir/configure.out"; build_failures=$((build_failures + 1)); return
    fi
    echo "== $dir: make"
    if ! make -C "$dir" -j"$jobs" >"$dir/make.out" 2>&1; then
        tail -40 "$dir/make.out"; build_failures=$((build_failures + 1)); return
    fi
    echo "== $dir: make check"
    make -C "$dir" -j"$jobs" check >"$dir/check.out" 2>&1 || status=1
    grep -E '^(PASS|FAIL|ERROR|SKIP|XFAIL|XPASS)|^# (TOTAL|PASS|FAIL|SKIP|ERROR)' "$dir/check.out" \
        | grep -vE '^PASS' | head -200
    grep -hE '^(m68000-vectors|bench|boot):' "$dir"/tests/*.log 2>/dev/null
}

run_config build
TANDEM_SANITIZED=1 run_config build-asan --enable-sanitizers

# Count every TAP result of both configurations.
counts=$(cat build/tests/*.trs build/*.trs build-asan/tests/*.trs build-asan/*.trs 2>/dev/null | awk '
    /^:test-result: PASS/ { p++ }
    /^:test-result: (FAIL|XPASS|ERROR)/ { f++ }
    /^:test-result: (SKIP|XFAIL)/ { s++ }
    END { printf "%d %d %d", p, f, s }')
set -- $counts
passed=$1; failed=$(($2 + build_failures)); skipped=$3
[ "$failed" -eq 0 ] || status=1
echo "$passed passed, $failed failed, $skipped skipped"
exit $status
