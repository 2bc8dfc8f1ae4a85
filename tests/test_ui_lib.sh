# Shared helpers for the desktop program's tests under Xvfb (sourced, not run).
# TAP output; every helper works on $UI_LOG (the program's stdout with
# TANDEM_UI_TRACE=1) and $UI_WIN (its main window).

n=0
failed=0
ok() { n=$((n + 1)); echo "ok $n - $*"; }
notok() { n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n - $*"; }
check() { # check "name" command...
    name=$1; shift
    if "$@"; then ok "$name"; else notok "$name"; fi
}
skip() { n=$((n + 1)); echo "ok $n - $1 # SKIP $2"; }
diag() { echo "# $*"; }
finish() { echo "1..$n"; [ "$failed" -eq 0 ]; }

need_tools() {
    for t in Xvfb xdotool import convert; do
        if ! command -v "$t" >/dev/null 2>&1; then
            echo "1..0 # SKIP $t is not installed (Debian: xvfb xdotool imagemagick)"
            exit 0
        fi
    done
}

# Start Xvfb on the first free display number from 91 up.
start_xvfb() {
    for d in $(seq 91 140); do
        [ -e /tmp/.X$d-lock ] || [ -e /tmp/.X11-unix/X$d ] && continue
        Xvfb :$d -screen 0 1280x800x24 -nolisten tcp >"$WORK/xvfb.log" 2>&1 &
        XVFB_PID=$!
        for _ in $(seq 50); do
            if DISPLAY=:$d xdotool getmouselocation >/dev/null 2>&1; then
                export DISPLAY=:$d
                return 0
            fi
            kill -0 $XVFB_PID 2>/dev/null || break
            sleep 0.1
        done
        kill $XVFB_PID 2>/dev/null
    done
    return 1
}

cleanup() {
    [ -n "$APP_PID" ] && kill $APP_PID 2>/dev/null
    [ -n "$XVFB_PID" ] && kill $XVFB_PID 2>/dev/null
    [ -n "$WORK" ] && rm -rf "$WORK"
}

setup_env() {
    WORK=$(mktemp -d /tmp/tandem-ui-XXXXXX)
    trap cleanup EXIT
    export XDG_CONFIG_HOME=$WORK/config XDG_DATA_HOME=$WORK/data HOME=$WORK/home
    mkdir -p "$XDG_CONFIG_HOME" "$XDG_DATA_HOME" "$HOME"
    export GSETTINGS_BACKEND=memory NO_AT_BRIDGE=1 GDK_BACKEND=x11 TANDEM_UI_TRACE=1
    export LC_ALL=C.UTF-8
    unset WAYLAND_DISPLAY
    # Sanitizer builds: leaks inside system libraries (fontconfig caches, D-Bus,
    # the accessibility bridge) are not ours; full stacks so that ours still show.
    printf 'leak:libfontconfig.so\nleak:libdbus-1.so\nleak:libatk-bridge\nleak:g_content_type_guess\nleak:gdk_pixbuf_new_from_stream\n' >"$WORK/lsan.supp"
    export LSAN_OPTIONS="${LSAN_OPTIONS:+$LSAN_OPTIONS:}suppressions=$WORK/lsan.supp"
    export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}fast_unwind_on_malloc=0"
}

# Slower builds (sanitizers) need longer pauses between simulated keys.
UI_DELAY=0.6

# start_app BINARY ARGS...: runs it in the background, log in $UI_LOG.
start_app() {
    UI_LOG=$WORK/app.log
    if command -v ldd >/dev/null && ldd "$1" 2>/dev/null | grep -q libasan; then
        UI_DELAY=1.5
    fi
    : >"$UI_LOG"
    "$@" >"$UI_LOG" 2>>"$WORK/app.err" &
    APP_PID=$!
}

# wait_for PATTERN [SECONDS]: waits until the log has a line matching PATTERN.
wait_for() {
    t=$(( ${2:-10} * 10 ))
    while [ $t -gt 0 ]; do
        grep -q -e "$1" "$UI_LOG" && return 0
        kill -0 $APP_PID 2>/dev/null || { grep -q -e "$1" "$UI_LOG"; return; }
        sleep 0.1
        t=$((t - 1))
    done
    return 1
}

# mark; wait_after PATTERN [SECONDS]: like wait_for, only lines logged after mark.
mark() { MARK=$(wc -l <"$UI_LOG"); }
wait_after() {
    t=$(( ${2:-10} * 10 ))
    while [ $t -gt 0 ]; do
        tail -n +$((MARK + 1)) "$UI_LOG" | grep -q -e "$1" && return 0
        sleep 0.1
        t=$((t - 1))
    done
    return 1
}

count() { grep -c -e "$1" "$UI_LOG"; }

find_window() {
    UI_WIN=$(timeout 10 xdotool search --sync --onlyvisible --name '^Tandem$' 2>/dev/null | head -1)
    [ -n "$UI_WIN" ]
}

focus_main() { xdotool windowfocus --sync "$UI_WIN" 2>/dev/null; sleep 0.2; }

# menu MNEMONIC ITEM_MNEMONIC: opens a menu by keyboard and picks an item.
menu() {
    focus_main
    xdotool key --clearmodifiers "alt+$1"
    sleep "$UI_DELAY"
    xdotool key "$2"
    sleep 0.4
}

# choose_file TITLE PATH: fills in a file chooser dialog with a typed path
# (retyped if the dialog is still there: slow builds may eat the first keys).
choose_file() {
    d=$(timeout 10 xdotool search --sync --onlyvisible --name "$1" 2>/dev/null | head -1)
    [ -n "$d" ] || return 1
    for try in 1 2 3; do
        sleep "$UI_DELAY"
        xdotool windowfocus --sync "$d" 2>/dev/null || return 0
        sleep 0.3
        xdotool key ctrl+l  # open: the location entry; save: the name entry
        sleep "$UI_DELAY"
        xdotool key ctrl+a
        xdotool type --delay 5 "$2"
        sleep "$UI_DELAY"
        xdotool key Return
        sleep "$UI_DELAY"; sleep "$UI_DELAY"
        xdotool search --onlyvisible --name "$1" >/dev/null 2>&1 || return 0
    done
    return 1
}

# dismiss TITLE [KEY]: presses Escape (or KEY) in a window until it goes away.
dismiss() {
    for try in 1 2 3; do
        d=$(timeout 10 xdotool search --sync --onlyvisible --name "$1" 2>/dev/null | head -1)
        if [ -z "$d" ]; then
            [ $try -gt 1 ]
            return
        fi
        sleep 0.5
        xdotool windowfocus --sync "$d" 2>/dev/null
        sleep 0.2
        xdotool key "${2:-Escape}"
        sleep 1
        xdotool search --onlyvisible --name "$1" >/dev/null 2>&1 || return 0
    done
    return 1
}

# window_shot FILE: the window's area of a screenshot of the whole X display.
window_shot() {
    import -window root "$WORK/root.png" || return 1
    eval "$(xdotool getwindowgeometry --shell "$UI_WIN")"
    convert "$WORK/root.png" -crop "${WIDTH}x${HEIGHT}+${X}+${Y}" +repage "$1"
}

# pixels FILE RRGGBB: how many pixels of exactly that colour the image has.
pixels() {
    convert "$1" -format %c histogram:info:- | tr -d ' ' |
        awk -F: -v c="#$(echo "$2" | tr a-f A-F)" 'index($2, c) { s += $1 } END { print s + 0 }'
}

# quit_status RC: checks an exit status of 0; otherwise shows why on stderr's tail.
explain_exit() {
    [ "$1" -eq 0 ] && return 0
    grep -E -A14 "ERROR: |Direct leak|runtime error" "$WORK/app.err" | grep -v "^\s*$" |
        cut -c1-160 | head -60 | sed 's/^/# /'
    return 1
}

# cpu_ticks: user+system clock ticks used by the program so far.
cpu_ticks() { awk '{ print $14 + $15 }' /proc/$APP_PID/stat; }
