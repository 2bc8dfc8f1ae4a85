# Reads `callgrind_annotate --auto=yes` output and prints one line per
# category: "category host_instructions".  Each source line's count goes to a
# category by what the line does (cycle timing, flags, opcode fields) and
# else by where it is (the dispatch chain, instruction-stream fetch, effective
# address, data access through the TLBs, the operation itself, which also
# carries the handler's entry and exit).  Lines outside m68k/ and mem/ (the
# C library, the ELF loader) are "other".
function category(file, fn, code) {
    if (file !~ /(^|\/)(m68k|mem)\//) return "other"
    if (code ~ /budget/) return "timing"
    if (file !~ /(^|\/)mem\// && code ~ /->f[nzvcxksd]([^a-z_]|$)|set_nz|set_logic|set_vc|set_[nz]\(|flag_[nzvc]\(|cond_true|ccr_|do_add|do_sub|do_cmp/)
        return "flags"
    if (file ~ /(^|\/)mem\//) return "data"
    if (file ~ /cpu\.c$|decode\.c$/) return "dispatch"
    if (code ~ /(^|[^a-z_])op (>>|&)/) return "decode"
    if (file ~ /ea\.h$/) return "ea"
    if (file ~ /cpu\.h$/) {
        if (fn ~ /^(m68k_chain|m68k_next|m68k_next_far|m68k_block_enter|m68k_forget_block)$/)
            return "dispatch"
        if (fn ~ /^(fetch16|fetch32|ext16|ext32|prefetch_ir)$/) return "fetch"
        if (fn ~ /^(flag_|set_|ccr_|sr_get|cond_true)/) return "flags"
        return "data"
    }
    return "operation"
}
/^-- Auto-annotated source: / {
    file = $0
    sub(/^-- Auto-annotated source: /, "", file)
    fn = ""
    next
}
file == "" { next }
{
    n = 0
    if (match($0, /^ *[0-9,]+ /)) {
        num = substr($0, RSTART, RLENGTH)
        gsub(/[ ,]/, "", num)
        n = num + 0
    } else if ($0 !~ /^ *\. /)
        next
    code = $0
    sub(/^ *([0-9,]+ \( *[0-9.]+%\)|\.) */, "", code)
    if (code ~ /^=>/ || code ~ /events annotated/)
        next
    # A function (or handler-defining macro) starts: remember its name.
    if (code ~ /^(M68K_INLINE|static|void|uint32_t|int|bool|mem_slot|#define)[^;]*[A-Za-z_0-9]+\(/ &&
        code !~ /;[ \t]*$/) {
        f = code
        sub(/\(.*/, "", f)
        sub(/.* \**/, "", f)
        fn = f
    }
    if (n)
        sum[category(file, fn, code)] += n
}
END {
    for (k in sum)
        print k, sum[k]
}
