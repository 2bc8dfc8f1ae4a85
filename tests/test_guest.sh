#!/bin/sh
# Guest programs under tandem-run (TAP).  Each program in tests/guest/ runs on
# the 68000 model; its stdout and exit status are compared with
# tests/guest/NAME.expected and, where qemu-m68k is installed, with qemu's run
# of the same ELF.  Then the runner's own behaviour: exit status, --stats,
# usage errors, bad ELF files, unhandled exceptions, the instruction limit.
# Needs M68K_CC (Debian's m68k-linux-gnu-gcc); skips without it.
src=${TANDEM_SRCDIR:-$(cd "$(dirname "$0")/.." && pwd)}
build=${TANDEM_BUILDDIR:-.}
run="$build/tandem-run"
guest="$build/tests/guest"
qemu=${QEMU_M68K:-}

if [ -z "${M68K_CC:-}" ]; then
    echo "1..0 # SKIP no m68k cross compiler (install gcc-m68k-linux-gnu and re-run configure)"
    exit 0
fi
if [ ! -x "$run" ] || [ ! -f "$guest/hello.elf" ]; then
    echo "1..0 # SKIP tandem-run or the guest programs are not built (run make first)"
    exit 0
fi

n=0
tmp=$(mktemp -d "${TMPDIR:-/tmp}/tandem-guest.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM
ok() { n=$((n + 1)); echo "ok $n - $1"; }
notok() { n=$((n + 1)); echo "not ok $n - $1"; }
skip() { n=$((n + 1)); echo "ok $n - $1 # SKIP $2"; }
check() { # description, command...: ok if the command succeeds
    d=$1; shift
    if "$@"; then ok "$d"; else notok "$d"; fi
}

# name, expected status, qemu (yes/no), args...
guest_test() {
    name=$1 want=$2 withqemu=$3; shift 3
    elf="$guest/$name.elf"
    timeout 60 "$run" "$elf" "$@" >"$tmp/$name.out" 2>"$tmp/$name.err"
    status=$?
    if [ "$status" = "$want" ] && cmp -s "$tmp/$name.out" "$src/tests/guest/$name.expected"; then
        ok "$name: output and exit status $status as expected"
    else
        notok "$name: exit status $status (want $want), output vs $name.expected:"
        diff "$src/tests/guest/$name.expected" "$tmp/$name.out" | head -20 | sed 's/^/# /'
        sed 's/^/# stderr: /' "$tmp/$name.err" | head -5
    fi
    if [ "$withqemu" = no ]; then
        return
    elif [ -z "$qemu" ]; then
        skip "$name: same output as qemu-m68k" "qemu-m68k not installed"
        return
    fi
    timeout 60 "$qemu" -cpu m68000 "$elf" "$@" >"$tmp/$name.qemu" 2>&1
    qstatus=$?
    if [ "$qstatus" = "$status" ] && cmp -s "$tmp/$name.out" "$tmp/$name.qemu"; then
        ok "$name: same output and status as qemu-m68k"
    else
        notok "$name: differs from qemu-m68k (status $status vs $qstatus)"
        diff "$tmp/$name.qemu" "$tmp/$name.out" | head -20 | sed 's/^/# /'
    fi
}

guest_test hello 3 yes 3 extra
guest_test sys 0 yes
guest_test arith 0 yes
guest_test muldiv 0 yes
guest_test bcd 0 yes
guest_test movem 0 yes
guest_test smc 0 yes
guest_test exc 0 no
for b in dhry sieve sort mem crc str walk; do
    guest_test "b_$b" 0 yes 1
done

# The guest programs are for a plain 68000: no 68020+ opcode or addressing mode
# (Debian's libgcc would bring some in; our runtime replaces it).
objdump=${M68K_CC%gcc}objdump
if command -v "$objdump" >/dev/null 2>&1; then
    for elf in "$guest"/*.elf; do
        "$objdump" -d -j .text "$elf" | grep -E '\b(bf[a-z]+|divsll?|divull?|mulsl|mulul|extbl|bsrl|bral|b(hi|ls|cc|cs|ne|eq|vc|vs|pl|mi|ge|lt|gt|le)l|chk2[bwl]|cmp2[bwl]|cas2?[bwl]|linkl|pack|unpk|rtd|movec|moves[bwl]|callm|rtm)\b|:[248]\)' \
            >"$tmp/020.txt"
        if [ -s "$tmp/020.txt" ]; then
            notok "$(basename "$elf"): 68020+ instructions found"
            head -5 "$tmp/020.txt" | sed 's/^/# /'
        else
            ok "$(basename "$elf"): 68000 instructions only"
        fi
    done
else
    skip "68000-only disassembly check" "$objdump not found"
fi

# The 68040 model runs the same programs; where they differ from the 68000
# (MOVEM.L An,-(An) stores the decremented An on the 68020+) qemu-m68k's 68040
# is the reference.  Skipped while that model is absent.
"$run" --cpu 68040 "$guest/hello.elf" 5 >"$tmp/h40.out" 2>"$tmp/h40.err"
status=$?
if grep -q "cannot create the CPU" "$tmp/h40.err"; then
    skip "--cpu 68040 runs hello" "the 68040 model is not available"
else
    check "--cpu 68040 runs hello (status $status)" \
        sh -c "[ $status = 5 ] && grep -q 'PASS hello' '$tmp/h40.out'"
    for p in arith muldiv bcd movem smc b_dhry b_crc; do
        if [ -z "$qemu" ]; then
            skip "$p: 68040 output same as qemu-m68k -cpu m68040" "qemu-m68k not installed"
            continue
        fi
        timeout 60 "$run" --cpu 68040 "$guest/$p.elf" 1 >"$tmp/$p.40" 2>&1
        timeout 60 "$qemu" -cpu m68040 "$guest/$p.elf" 1 >"$tmp/$p.q40" 2>&1
        if cmp -s "$tmp/$p.40" "$tmp/$p.q40"; then
            ok "$p: 68040 output same as qemu-m68k -cpu m68040"
        else
            notok "$p: 68040 output differs from qemu-m68k -cpu m68040"
            diff "$tmp/$p.q40" "$tmp/$p.40" | head -10 | sed 's/^/# /'
        fi
    done
fi

# --stats: detail lines, then the summary line last.
"$run" --stats "$guest/hello.elf" >/dev/null 2>"$tmp/stats.err"
check "--stats ends with the summary line" \
    sh -c "tail -1 '$tmp/stats.err' | grep -Eq '^stats: instructions=[0-9]+ seconds=[0-9.]+ mips=[0-9.]+ code_hit=[0-9.]+ read_hit=[0-9.]+ write_hit=[0-9.]+$'"

# Usage errors.
"$run" --bogus "$guest/hello.elf" >/dev/null 2>"$tmp/u.err"
check "unknown option: status 2 and usage" sh -c "[ $? = 2 ] && grep -q usage '$tmp/u.err'"
"$run" >/dev/null 2>"$tmp/u.err"
check "no program: status 2" sh -c "[ $? = 2 ] && grep -q usage '$tmp/u.err'"
"$run" --cpu 6502 "$guest/hello.elf" >/dev/null 2>"$tmp/u.err"
check "unknown CPU: status 2" sh -c "[ $? = 2 ] && grep -q 6502 '$tmp/u.err'"
"$run" --max-instructions x "$guest/hello.elf" >/dev/null 2>"$tmp/u.err"
check "bad instruction count: status 2" sh -c "[ $? = 2 ]"

# Bad ELF files: status 2 and a message naming the problem.
bad_elf() { # description, file, message pattern
    "$run" "$2" >/dev/null 2>"$tmp/bad.err"
    st=$?
    if [ "$st" = 2 ] && grep -qi "$3" "$tmp/bad.err"; then
        ok "bad ELF: $1"
    else
        notok "bad ELF: $1 (status $st)"
        sed 's/^/# /' "$tmp/bad.err" | head -3
    fi
}
hello="$guest/hello.elf"
: >"$tmp/empty.elf"
bad_elf "empty file" "$tmp/empty.elf" "not an ELF"
bad_elf "missing file" "$tmp/none.elf" "cannot open"
head -c 40 "$hello" >"$tmp/short.elf"
bad_elf "truncated header" "$tmp/short.elf" "not an ELF"
head -c 200 "$hello" >"$tmp/trunc.elf"
bad_elf "truncated segment" "$tmp/trunc.elf" "outside the file"
bad_elf "host binary (not 68k)" "$run" "big-endian\|EM_68K"
cp "$hello" "$tmp/mach.elf"
printf '\000\003' | dd of="$tmp/mach.elf" bs=1 seek=18 conv=notrunc 2>/dev/null
bad_elf "wrong machine" "$tmp/mach.elf" "EM_68K"
# First program header's p_vaddr (offset 52 + 8) moved to 16 MB: outside RAM.
cp "$hello" "$tmp/far.elf"
printf '\001\000\000\000' | dd of="$tmp/far.elf" bs=1 seek=60 conv=notrunc 2>/dev/null
bad_elf "segment outside RAM" "$tmp/far.elf" "outside guest RAM"
# Program header table offset beyond the end of the file.
cp "$hello" "$tmp/phoff.elf"
printf '\177\000\000\000' | dd of="$tmp/phoff.elf" bs=1 seek=28 conv=notrunc 2>/dev/null
bad_elf "program headers outside the file" "$tmp/phoff.elf" "outside the file"

# An exception the guest does not handle: reported, status 128 + SIGILL.
"$run" "$guest/exc.elf" unhandled >/dev/null 2>"$tmp/exc.err"
check "unhandled ILLEGAL: status 132 and a report" \
    sh -c "[ $? = 132 ] && grep -q 'illegal instruction' '$tmp/exc.err'"

# A system call the runner does not provide is refused by name, status 2.
"$run" "$guest/sys.elf" unsupported >/dev/null 2>"$tmp/sys.err"
check "unsupported system call: status 2, named" \
    sh -c "[ $? = 2 ] && grep -q 'unsupported system call 3 (read)' '$tmp/sys.err'"

# The instruction limit stops a run with status 2.
"$run" --max-instructions 5000 "$guest/arith.elf" >/dev/null 2>"$tmp/lim.err"
check "--max-instructions stops the run" \
    sh -c "[ $? = 2 ] && grep -q 'instruction limit' '$tmp/lim.err'"

# The TOS program for the ST boot test: a well-formed PRG whose relocations
# point into its own text and data.
prg="$guest/tos_hello.prg"
if [ -f "$prg" ] && [ -x "$build/tests/elf2prg" ]; then
    "$build/tests/elf2prg" --dump "$prg" >"$tmp/prg.txt" 2>&1
    check "tos_hello.prg: header and relocation table" \
        sh -c "grep -q '^magic=601a text=[0-9]* data=[0-9]* bss=[0-9]* symbols=0 absflag=0' '$tmp/prg.txt' &&
               grep -q '^relocations=2$' '$tmp/prg.txt' &&
               ! grep -q 'reloc .* -> 00[^0]' '$tmp/prg.txt'"
    check "tos_hello.prg: the message is in the image" grep -q "Hello from a Tandem PRG" "$prg"
    "$build/tests/elf2prg" "$run" "$tmp/x.prg" 2>/dev/null
    check "elf2prg rejects a non-68k file with status 2" sh -c "[ $? = 2 ] && [ ! -e '$tmp/x.prg' ]"
else
    skip "tos_hello.prg" "not built"
fi

echo "1..$n"
