/* tandem-run: run a static Linux/m68k ELF program on the flat machine.
 *
 *   tandem-run [--cpu 68000|68010|68020|68030|68040] [--fpu chip|full] [--max-instructions N]
 *              [--stats] [--mmu] PROGRAM.elf [ARGS]
 *
 * --fpu full runs on the 68040 the FPU instructions the chip leaves to
 * software (FINT, FMOD, ...) natively; chip (the default) traps them.
 *
 * The guest's exit status becomes ours; 2 means a runner error (bad ELF,
 * unsupported system call, instruction limit); 128+n an unhandled exception
 * (n is the signal Linux would send). */
#include "config.h"

#include <errno.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "machines/flat/flat.h"
#include "machines/i18n.h"

#define MAX_FILE (64u << 20)
#define SLICE_CYCLES 4000000

typedef struct options {
    m68k_model model;
    uint64_t max_instructions; /* 0: no limit */
    bool stats;
    bool fpu_full;
    bool mmu; /* 68040: identity-mapped MMU on */
    int prog; /* index of PROGRAM.elf in argv */
} options;

static int usage(void)
{
    fprintf(stderr, "%s",
            _("usage: tandem-run [--cpu 68000|68010|68020|68030|68040] [--fpu chip|full] "
              "[--max-instructions N] [--stats] [--mmu] PROGRAM.elf [ARGS]\n"));
    return 2;
}

static bool parse_options(int argc, char **argv, options *o)
{
    o->model = M68K_68000;
    o->max_instructions = 0;
    o->stats = false;
    o->fpu_full = false;
    o->mmu = false;
    int i = 1;
    for (; i < argc && argv[i][0] == '-'; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--") == 0) {
            i++;
            break;
        }
        if (strcmp(a, "--stats") == 0) {
            o->stats = true;
        } else if (strcmp(a, "--mmu") == 0) {
            o->mmu = true;
        } else if (strcmp(a, "--cpu") == 0 && i + 1 < argc) {
            const char *name = argv[++i];
            if (!m68k_model_from_name(name, &o->model)) {
                fprintf(stderr, _("tandem-run: unknown CPU '%s' (68000, 68010, 68020, 68030 or 68040)\n"), name);
                return false;
            }
        } else if (strcmp(a, "--fpu") == 0 && i + 1 < argc) {
            const char *v = argv[++i];
            if (strcmp(v, "full") == 0) {
                o->fpu_full = true;
            } else if (strcmp(v, "chip") == 0) {
                o->fpu_full = false;
            } else {
                fprintf(stderr, _("tandem-run: unknown FPU mode '%s' (chip or full)\n"), v);
                return false;
            }
        } else if (strcmp(a, "--max-instructions") == 0 && i + 1 < argc) {
            char *end;
            errno = 0;
            unsigned long long n = strtoull(argv[++i], &end, 10);
            if (errno || *end || end == argv[i] || argv[i][0] == '-') {
                fprintf(stderr, _("tandem-run: bad instruction count '%s'\n"), argv[i]);
                return false;
            }
            o->max_instructions = n;
        } else {
            fprintf(stderr, _("tandem-run: unknown option '%s'\n"), a);
            return false;
        }
    }
    if (i >= argc)
        return false;
    o->prog = i;
    return true;
}

static uint8_t *read_file(const char *path, size_t *size)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, _("tandem-run: cannot open %s: %s\n"), path, strerror(errno));
        return NULL;
    }
    uint8_t *buf = malloc(MAX_FILE + 1);
    size_t n = buf ? fread(buf, 1, MAX_FILE + 1, f) : 0;
    bool err = !buf || ferror(f);
    fclose(f);
    if (err || n > MAX_FILE) {
        fprintf(stderr, _("tandem-run: cannot read %s (unreadable or over 64 MB)\n"), path);
        free(buf);
        return NULL;
    }
    *size = n;
    return buf;
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static void print_stats(const flat_machine *m, double seconds)
{
    const mem_stats *st = &m->mem->stats;
    uint64_t n = m68k_instructions(m->cpu);
    static const char *const tlb_names[MEM_TLB_COUNT] = {"read", "write", "code"};
    for (int t = 0; t < MEM_TLB_COUNT; t++)
        fprintf(stderr,
                "stats: tlb=%s hits=%llu misses=%llu refills=%llu flushes=%llu\n",
                tlb_names[t], (unsigned long long)st->tlb[t].hits,
                (unsigned long long)st->tlb[t].misses, (unsigned long long)st->tlb[t].refills,
                (unsigned long long)st->tlb[t].flushes);
    double dispatch = mem_dispatch_hit_rate(m->mem);
    fprintf(stderr,
            "stats: cycles=%llu dispatch_decodes=%llu dispatch_hit=%.2f "
            "slot_invalidations=%llu device_reads=%llu device_writes=%llu footprint=%zu\n",
            (unsigned long long)m68k_total_cycles(m->cpu),
            (unsigned long long)st->dispatch_decodes, dispatch,
            (unsigned long long)st->slot_invalidations, (unsigned long long)st->device_reads,
            (unsigned long long)st->device_writes, mem_footprint(m->mem));
    fprintf(stderr,
            "stats: instructions=%llu seconds=%.6f mips=%.2f code_hit=%.2f read_hit=%.2f "
            "write_hit=%.2f\n",
            (unsigned long long)n, seconds, seconds > 0 ? (double)n / seconds / 1e6 : 0.0,
            mem_hit_rate(m->mem, MEM_TLB_CODE), mem_hit_rate(m->mem, MEM_TLB_READ),
            mem_hit_rate(m->mem, MEM_TLB_WRITE));
}

/* Run until the guest exits or something stops it; returns the exit status. */
static int run(flat_machine *m, uint64_t max_instructions)
{
    for (;;) {
        int32_t slice = SLICE_CYCLES;
        if (max_instructions) {
            uint64_t done = m68k_instructions(m->cpu);
            if (done >= max_instructions) {
                fprintf(stderr, _("tandem-run: instruction limit %llu reached at PC 0x%08x\n"),
                        (unsigned long long)max_instructions,
                        (unsigned)m68k_get_reg(m->cpu, M68K_PC));
                return 2;
            }
            /* No instruction takes fewer than 2 cycles here, so the slice cannot overshoot far. */
            if ((max_instructions - done) * 2 < (uint64_t)slice)
                slice = (int32_t)((max_instructions - done) * 2);
        }
        m68k_run(m->cpu, slice);
        if (m->event != FLAT_EV_NONE && !flat_service(m))
            return m->exit_status;
        int state = m68k_state(m->cpu);
        if (state == M68K_HALTED) {
            fprintf(stderr, _("tandem-run: the CPU halted (double bus fault) at PC 0x%08x\n"),
                    (unsigned)m68k_get_reg(m->cpu, M68K_PC));
            return 2;
        }
        if (state == M68K_STOPPED) {
            fprintf(stderr, _("tandem-run: the guest executed STOP; no interrupt will come\n"));
            return 2;
        }
    }
}

int main(int argc, char **argv)
{
    setlocale(LC_ALL, "");
    bindtextdomain(PACKAGE, LOCALEDIR);
    bind_textdomain_codeset(PACKAGE, "UTF-8");
    textdomain(PACKAGE);

    options o;
    if (!parse_options(argc, argv, &o))
        return usage();
    size_t size;
    uint8_t *file = read_file(argv[o.prog], &size);
    if (!file)
        return 2;
    char err[256];
    flat_machine *m = flat_new(o.model, err, sizeof err);
    if (!m) {
        fprintf(stderr, "tandem-run: %s\n", err);
        free(file);
        return 2;
    }
    m68k_set_fpu_full(m->cpu, o.fpu_full);
    if (!flat_load(m, file, size, argc - o.prog, argv + o.prog, err, sizeof err)) {
        fprintf(stderr, _("tandem-run: %s: %s\n"), argv[o.prog], err);
        free(file);
        flat_free(m);
        return 2;
    }
    free(file);
    if (o.mmu && !flat_enable_mmu(m, err, sizeof err)) {
        fprintf(stderr, "tandem-run: %s\n", err);
        flat_free(m);
        return 2;
    }
    mem_stats_reset(m->mem);
    double t0 = now();
    int status = run(m, o.max_instructions);
    double t1 = now();
    if (o.stats)
        print_stats(m, t1 - t0);
    flat_free(m);
    return status;
}
