#!/bin/sh
# `make bench`: CPU-bound guest workloads, on the 68000 model and then, built
# with -m68040, on the 68040 model.  Per workload and in total: guest
# instructions, wall time, guest MIPS, host ns per guest instruction,
# READ/WRITE/CODE TLB hit rates, dispatch hit rate and decodes.
# Each ELF also runs under qemu-m68k (-cpu m68000 / m68040) when present
# (time ratio, and its output must match ours), and under an external Musashi
# harness when MUSASHI_RUN (68000) or MUSASHI_RUN_040 (Musashi's 68040 core)
# names one (same ELF and system calls; see the README's performance section).
# Environment: BENCH_CPUS (default "68000 68040"), BENCH_SCALE (workload size;
# default: ~200-250 million guest instructions each), BENCH_ONLY (workload
# names; "walk", a pointer chase that defeats the data TLBs on purpose, runs
# only when named here), BENCH_REPEAT (default 3: each engine runs each
# workload that many times, interleaved, and its best time counts, so a burst
# of load on a shared machine does not decide a ratio), BENCH_MMU (default 1:
# also run every workload on the 68040 with the MMU off and on,
# identity-mapped; 0 skips it).
# The last line of each model's table is:
#   TOTAL instructions=N seconds=S mips=M code_hit=P read_hit=P write_hit=P
# ("TOTAL-68040" for the 68040), then a line comparing the two models' MIPS.
build=${TANDEM_BUILDDIR:-.}
run="$build/tandem-run"
qemu=${QEMU_M68K:-}
workloads=${BENCH_ONLY:-"dhry sieve sort mem crc str"}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/tandem-bench.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM

now() { date +%s.%N; }
# One model's table: cpu, guest ELF directory, Musashi harness, TOTAL label.
bench_cpu() {
    cpu=$1 guest=$2 musashi=$3 total=$4
    echo "== $cpu"
    : >"$tmp/all"
    for w in $workloads; do
        elf="$guest/b_$w.elf"
        case $w in
        dhry|mem) scale=100 ;; sieve) scale=40 ;; crc) scale=80 ;; walk) scale=100 ;; *) scale=60 ;;
        esac
        scale=${BENCH_SCALE:-$scale}
        extra=""
        best=""; qbest=""; mbest=""
        failed=0
        r=0
        while [ "$r" -lt "${BENCH_REPEAT:-3}" ]; do
            r=$((r + 1))
            if ! "$run" --cpu "$cpu" --stats "$elf" "$scale" >"$tmp/out" 2>"$tmp/err"; then
                echo "$w: tandem-run failed:"; cat "$tmp/err"; status=1; failed=1; break
            fi
            sec=$(sed -n 's/^stats: instructions=[0-9]* seconds=\([0-9.]*\).*/\1/p' "$tmp/err")
            if [ -z "$best" ] || [ "$(echo "$sec $best" | awk '{print ($1 < $2)}')" = 1 ]; then
                best=$sec; cp "$tmp/err" "$tmp/besterr"
            fi
            if [ -n "$qemu" ]; then
                t0=$(now); "$qemu" -cpu "m$cpu" "$elf" "$scale" >"$tmp/qout" 2>&1; t1=$(now)
                cmp -s "$tmp/out" "$tmp/qout" || { echo "$w: output differs from qemu-m68k"; status=1; }
                qbest=$(echo "$t0 $t1 $qbest" | awk '{d = $2 - $1; print ($3 == "" || d < $3) ? d : $3}')
            fi
            if [ -n "$musashi" ]; then
                t0=$(now); "$musashi" "$elf" "$scale" >"$tmp/mout" 2>&1; t1=$(now)
                cmp -s "$tmp/out" "$tmp/mout" || { echo "$w: output differs under Musashi"; status=1; }
                mbest=$(echo "$t0 $t1 $mbest" | awk '{d = $2 - $1; print ($3 == "" || d < $3) ? d : $3}')
            fi
        done
        [ "$failed" = 0 ] || continue
        [ -n "$qbest" ] && extra="$extra qemu_seconds=$(echo "$qbest" | awk '{printf "%.3f", $1}')"
        [ -n "$mbest" ] && extra="$extra musashi_seconds=$(echo "$mbest" | awk '{printf "%.3f", $1}')"
        # Fold the --stats lines into one record: name key=value...
        rec=$(awk -v name="$w" -v extra="$extra" '
            /^stats: tlb=/ { split($2, t, "="); for (i = 3; i <= NF; i++) { split($i, kv, "=");
                             v[t[2] "_" kv[1]] = kv[2] } next }
            /^stats:/ { for (i = 2; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] } }
            END { printf "%s", name; for (k in v) printf " %s=%s", k, v[k]; print extra }' "$tmp/besterr")
        echo "$rec" >>"$tmp/all"
    done

    awk -v musashi="$musashi" -v qemu="$qemu" -v total="$total" '
    function pct(h, m) { return h + m ? 100 * h / (h + m) : 100 }
    function show(name, a,   ins, sec, line) {
        ins = a["instructions"]; sec = a["seconds"]
        line = sprintf("%-6s instructions=%d seconds=%.3f mips=%.1f ns_per_insn=%.2f " \
            "code_hit=%.2f read_hit=%.2f write_hit=%.2f dispatch_hit=%.2f decodes=%d",
            name, ins, sec, sec > 0 ? ins / sec / 1e6 : 0, ins ? sec * 1e9 / ins : 0,
            pct(a["code_hits"], a["code_misses"]), pct(a["read_hits"], a["read_misses"]),
            pct(a["write_hits"], a["write_misses"]), a["dispatch_hit"], a["dispatch_decodes"])
        if (qemu != "" && a["qemu_seconds"] > 0)
            line = line sprintf(" qemu_seconds=%.3f tandem_vs_qemu=%.1fx", a["qemu_seconds"], sec / a["qemu_seconds"])
        if (musashi != "" && a["musashi_seconds"] > 0)
            line = line sprintf(" musashi_mips=%.1f speedup_vs_musashi=%.2fx",
                ins / a["musashi_seconds"] / 1e6, a["musashi_seconds"] / sec)
        print line
    }
    {
        delete a
        for (i = 2; i <= NF; i++) { split($i, kv, "="); a[kv[1]] = kv[2] }
        show($1, a)
        for (k in a) if (k != "dispatch_hit") t[k] += a[k]
        dh += a["dispatch_hit"] * a["instructions"]
    }
    END {
        if (t["instructions"] > 0) {
            t["dispatch_hit"] = dh / t["instructions"]
            show("all", t)
            printf "%s instructions=%d seconds=%.3f mips=%.1f code_hit=%.2f read_hit=%.2f write_hit=%.2f\n",
                total, t["instructions"], t["seconds"], (t["seconds"] > 0 ? t["instructions"] / t["seconds"] / 1e6 : 0),
                pct(t["code_hits"], t["code_misses"]), pct(t["read_hits"], t["read_misses"]),
                pct(t["write_hits"], t["write_misses"])
        }
    }' "$tmp/all"
}

status=0
for c in ${BENCH_CPUS:-68000 68040}; do
    case $c in
    68000) bench_cpu 68000 "$build/tests/guest" "${MUSASHI_RUN:-}" TOTAL | tee "$tmp/t68000" ;;
    68040) bench_cpu 68040 "$build/tests/guest/040" "${MUSASHI_RUN_040:-}" TOTAL-68040 | tee "$tmp/t68040" ;;
    *) echo "bench: unknown model $c (68000 or 68040)"; exit 2 ;;
    esac
done

# The -m68040 workloads on the 68040 model with its MMU off and on (identity
# map, 4 KB pages, user mode: every TLB miss walks the tables): MIPS of both
# (best of BENCH_REPEAT, interleaved) and the MMU-on TLB hit rates.
if [ "${BENCH_MMU:-1}" != 0 ]; then
    for w in $workloads; do
        elf="$build/tests/guest/040/b_$w.elf"
        case $w in
        dhry|mem) scale=100 ;; sieve) scale=40 ;; crc) scale=80 ;; walk) scale=100 ;; *) scale=60 ;;
        esac
        scale=${BENCH_SCALE:-$scale}
        off=""; on=""
        r=0
        while [ "$r" -lt "${BENCH_REPEAT:-3}" ]; do
            r=$((r + 1))
            for mode in off on; do
                opt=""; [ "$mode" = on ] && opt="--mmu"
                if ! "$run" --cpu 68040 $opt --stats "$elf" "$scale" >"$tmp/out.$mode" 2>"$tmp/err.$mode"; then
                    echo "$w: tandem-run --cpu 68040 $opt failed:"; cat "$tmp/err.$mode"; status=1; continue
                fi
                m=$(sed -n 's/^stats: instructions=[0-9]* seconds=[0-9.]* mips=\([0-9.]*\).*/\1/p' "$tmp/err.$mode")
                if [ "$mode" = off ]; then
                    { [ -z "$off" ] || [ "$(echo "$m $off" | awk '{print ($1 > $2)}')" = 1 ]; } && off=$m
                else
                    { [ -z "$on" ] || [ "$(echo "$m $on" | awk '{print ($1 > $2)}')" = 1 ]; } && { on=$m; cp "$tmp/err.on" "$tmp/err.onbest"; }
                fi
            done
            cmp -s "$tmp/out.off" "$tmp/out.on" || { echo "$w: output differs with the MMU on"; status=1; }
        done
        [ -n "$off" ] && [ -n "$on" ] || continue
        hits=$(sed -n 's/^stats: instructions=.* \(code_hit=.*\)/\1/p' "$tmp/err.onbest")
        echo "$off $on" | awk -v w="$w" -v h="$hits" \
            '{ printf "mmu %-6s 68040 mips_off=%.1f mips_on=%.1f on_vs_off=%+.1f%% (MMU on: %s)\n", w, $1, $2, 100 * ($2 - $1) / $1, h }'
    done
fi
grep -q "failed\|differs" "$tmp"/t680* 2>/dev/null && status=1
if [ -s "$tmp/t68000" ] && [ -s "$tmp/t68040" ]; then
    m0=$(sed -n 's/^TOTAL .*mips=\([0-9.]*\).*/\1/p' "$tmp/t68000")
    m4=$(sed -n 's/^TOTAL-68040 .*mips=\([0-9.]*\).*/\1/p' "$tmp/t68040")
    [ -n "$m0" ] && [ -n "$m4" ] &&
        echo "$m0 $m4" | awk '{ printf "MODELS mips_68000=%.1f mips_68040=%.1f ratio_68040_to_68000=%.2f\n", $1, $2, ($1 > 0 ? $2 / $1 : 0) }'
fi
exit $status
