#include "machines/options.h"
#include "machines/errmsg.h"
#include "machines/safefile.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "machines/i18n.h"

static const opt_desc table[OPT_COUNT] = {
    [OPT_MACHINE] = {"machine", OPT_CHOICE, "st", "MODEL", N_("machine model to emulate: st (Atari ST) or q800 (Macintosh Quadra 800)"), "st q800",
                     0, 0, OPT_F_SAVED},
    [OPT_ROM] = {"rom", OPT_PATH, "", "FILE", N_("operating system ROM image (TOS or EmuTOS)"),
                 NULL, 0, 0, OPT_F_SAVED},
    [OPT_RAM] = {"ram", OPT_SIZE_KB, "1M", "SIZE",
                 N_("RAM size: 512K, 1M, 2M or 4M on the ST; 8M to 256M on the Quadra (64M "
                    "unless given)"),
                 "512 1024 2048 4096 8192 16384 24576 32768 40960 49152 65536 98304 131072 "
                 "196608 262144",
                 0, 0, OPT_F_SAVED},
    [OPT_MONO] = {"mono", OPT_BOOL, "false", NULL,
                  N_("monochrome monitor (high resolution) instead of colour"), NULL, 0, 0,
                  OPT_F_SAVED},
    [OPT_DISK_A] = {"disk-a", OPT_PATH, "", "IMG", N_("floppy image in drive A (.ST)"), NULL, 0,
                    0, OPT_F_RUN},
    [OPT_DISK_B] = {"disk-b", OPT_PATH, "", "IMG", N_("floppy image in drive B (.ST)"), NULL, 0,
                    0, OPT_F_RUN},
    [OPT_DISK_WRITABLE] = {"disk-writable", OPT_BOOL, "false", NULL,
                           N_("let the guest write back to the floppy image files"), NULL, 0,
                           0, OPT_F_SAVED},
    [OPT_HEADLESS] = {"headless", OPT_BOOL, "false", NULL, N_("run without a window"), NULL, 0,
                      0, OPT_F_RUN},
    [OPT_FRAMES] = {"frames", OPT_INT, "0", "N",
                    N_("frames to emulate, then exit (0: until the script quits)"), NULL, 0,
                    100000000, OPT_F_HEADLESS},
    [OPT_SCREENSHOT] = {"screenshot", OPT_PATH, "", "OUT.png",
                        N_("write the last frame as PNG at exit"), NULL, 0, 0, OPT_F_HEADLESS},
    [OPT_SCRIPT] = {"script", OPT_PATH, "", "FILE", N_("timed input commands (see HEADLESS.md)"),
                    NULL, 0, 0, OPT_F_HEADLESS},
    [OPT_STATS] = {"stats", OPT_BOOL, "false", NULL,
                   N_("print speed and TLB hit rates at exit"), NULL, 0, 0, OPT_F_HEADLESS},
    [OPT_KERNEL] = {"kernel", OPT_PATH, "", "FILE",
                    N_("Quadra: boot this Linux/m68k kernel (ELF vmlinux) without a ROM"), NULL,
                    0, 0, OPT_F_RUN},
    [OPT_INITRD] = {"initrd", OPT_PATH, "", "FILE",
                    N_("Quadra: initial RAM disk loaded at the top of RAM (needs --kernel)"),
                    NULL, 0, 0, OPT_F_RUN},
    [OPT_APPEND] = {"append", OPT_STRING, "", "TEXT", N_("Quadra: the kernel command line"),
                    NULL, 0, 0, OPT_F_RUN},
    [OPT_SERIAL_OUT] = {"serial-out", OPT_PATH, "", "FILE",
                        N_("Quadra: write the modem port's output (SCC channel A) to FILE, "
                           "- for standard output"),
                        NULL, 0, 0, OPT_F_RUN},
    [OPT_SERIAL_IN] = {"serial-in", OPT_PATH, "", "FILE",
                       N_("Quadra: bytes the modem port receives (SCC channel A), one a "
                          "millisecond once the guest enables its receiver"),
                       NULL, 0, 0, OPT_F_RUN},
    [OPT_SCSI_DISK] = {"scsi-disk", OPT_PATH, "", "IMG",
                       N_("Quadra: hard-disk image at SCSI ID 0 (written back with "
                          "--disk-writable)"),
                       NULL, 0, 0, OPT_F_RUN},
    [OPT_CDROM] = {"cdrom", OPT_PATH, "", "ISO", N_("Quadra: CD-ROM image at SCSI ID 3 (read only)"),
                   NULL, 0, 0, OPT_F_RUN},
    /* "full" by default until the 68040's FSAVE frames for a trapped
     * instruction exist: without them a guest's FPSP cannot finish one. */
    [OPT_FPU] = {"fpu", OPT_CHOICE, "full", "chip|full",
                 N_("Quadra: the 68040's FPU runs every instruction (full), or traps what the "
                    "chip leaves to the guest's software package (chip; not complete yet)"),
                 "chip full", 0, 0, OPT_F_RUN},
};

const opt_desc *opt_table(void)
{
    return table;
}

const opt_desc *opt_find(const char *name)
{
    for (int i = 0; i < OPT_COUNT; i++)
        if (strcmp(table[i].name, name) == 0)
            return &table[i];
    return NULL;
}

void opt_init(opt_set *o)
{
    memset(o, 0, sizeof *o);
    for (int i = 0; i < OPT_COUNT; i++) {
        opt_set_text(o, (opt_id)i, table[i].def, NULL, 0);
        o->v[i].set = false;
    }
}

void opt_free(opt_set *o)
{
    for (int i = 0; i < OPT_COUNT; i++) {
        free(o->v[i].s);
        o->v[i].s = NULL;
    }
}

bool opt_parse_size_kb(const char *text, long *kb)
{
    char *end;
    errno = 0;
    long n = strtol(text, &end, 10);
    if (end == text || errno || n <= 0)
        return false;
    if (*end == 'K' || *end == 'k')
        end++;
    else if (*end == 'M' || *end == 'm') {
        n *= 1024;
        end++;
    } else if (*end == 0 && n <= 16)
        n *= 1024; /* a bare small number means megabytes */
    if (*end == 'B' || *end == 'b')
        end++;
    if (*end)
        return false;
    *kb = n;
    return true;
}

static bool in_choices(const char *choices, const char *word)
{
    size_t n = strlen(word);
    for (const char *p = choices; *p;) {
        const char *e = strchr(p, ' ');
        size_t len = e ? (size_t)(e - p) : strlen(p);
        if (len == n && strncmp(p, word, n) == 0)
            return true;
        if (!e)
            break;
        p = e + 1;
    }
    return false;
}

static bool parse_bool(const char *t, bool *b)
{
    static const char *yes[] = {"1", "true", "yes", "on"}, *no[] = {"0", "false", "no", "off"};
    for (size_t i = 0; i < 4; i++) {
        if (strcmp(t, yes[i]) == 0)
            return (*b = true), true;
        if (strcmp(t, no[i]) == 0)
            return (*b = false), true;
    }
    return false;
}

bool opt_set_text(opt_set *o, opt_id id, const char *text, char *err, size_t errlen)
{
    const opt_desc *d = &table[id];
    opt_value *v = &o->v[id];
    switch (d->type) {
    case OPT_BOOL:
        if (!parse_bool(text, &v->b)) {
            fmt_err(err, errlen, _("option --%s: '%s' is not true or false"), d->name, text);
            return false;
        }
        break;
    case OPT_INT: {
        char *end;
        errno = 0;
        long n = strtol(text, &end, 10);
        if (end == text || *end || errno || n < d->min || n > d->max) {
            fmt_err(err, errlen, _("option --%s: '%s' is not a number from %ld to %ld"), d->name,
                    text, d->min, d->max);
            return false;
        }
        v->i = n;
        break;
    }
    case OPT_SIZE_KB: {
        long kb;
        char buf[24];
        if (!opt_parse_size_kb(text, &kb) || (snprintf(buf, sizeof buf, "%ld", kb),
                                              !in_choices(d->choices, buf))) {
            fmt_err(err, errlen, _("option --%s: '%s' is not a supported size (512K, 1M, 2M, 4M; "
                                   "Quadra: 8M to 256M)"),
                    d->name, text);
            return false;
        }
        v->i = kb;
        break;
    }
    case OPT_CHOICE:
        if (!in_choices(d->choices, text)) {
            fmt_err(err, errlen, _("option --%s: '%s' is not one of: %s"), d->name, text,
                    d->choices);
            return false;
        }
        break;
    case OPT_STRING:
    case OPT_PATH:
        break;
    }
    char *copy = strdup(text);
    if (!copy) {
        fmt_err(err, errlen, _("out of memory"));
        return false;
    }
    free(v->s);
    v->s = copy;
    v->set = true;
    return true;
}

const char *opt_get_text(const opt_set *o, opt_id id, char *buf, size_t len)
{
    const opt_value *v = &o->v[id];
    switch (table[id].type) {
    case OPT_BOOL:
        return v->b ? "true" : "false";
    case OPT_INT:
        snprintf(buf, len, "%ld", v->i);
        return buf;
    case OPT_SIZE_KB:
        if (v->i % 1024 == 0)
            snprintf(buf, len, "%ldM", v->i / 1024);
        else
            snprintf(buf, len, "%ldK", v->i);
        return buf;
    default:
        return v->s ? v->s : "";
    }
}

bool opt_parse_args(opt_set *o, int argc, char **argv, unsigned mask, char *err, size_t errlen)
{
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strncmp(a, "--", 2) != 0 || !a[2]) {
            fmt_err(err, errlen, _("unexpected argument '%s' (options start with --)"), a);
            return false;
        }
        char name[64];
        const char *eq = strchr(a + 2, '=');
        size_t n = eq ? (size_t)(eq - (a + 2)) : strlen(a + 2);
        if (n >= sizeof name) {
            fmt_err(err, errlen, _("unknown option '%s'"), a);
            return false;
        }
        memcpy(name, a + 2, n);
        name[n] = 0;
        const opt_desc *d = opt_find(name);
        bool negated = false;
        if (!d && strncmp(name, "no-", 3) == 0) {
            d = opt_find(name + 3);
            negated = d && d->type == OPT_BOOL;
            if (!negated)
                d = NULL;
        }
        if (!d || (mask && !(d->flags & mask))) {
            fmt_err(err, errlen, _("unknown option '%s' (try --help)"), a);
            return false;
        }
        opt_id id = (opt_id)(d - table);
        const char *val;
        if (d->type == OPT_BOOL) {
            val = eq ? eq + 1 : negated ? "false" : "true";
            if (negated && eq) {
                fmt_err(err, errlen, _("option '%s' takes no value"), a);
                return false;
            }
        } else if (eq) {
            val = eq + 1;
        } else if (i + 1 < argc) {
            val = argv[++i];
        } else {
            fmt_err(err, errlen, _("option --%s needs a value (%s)"), d->name, d->arg);
            return false;
        }
        if (!opt_set_text(o, id, val, err, errlen))
            return false;
    }
    return true;
}

static char *trim(char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    char *e = s + strlen(s);
    while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\n' || e[-1] == '\r'))
        *--e = 0;
    return s;
}

bool opt_load_file(opt_set *o, const char *path, char *err, size_t errlen)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        if (errno == ENOENT)
            return true;
        fmt_err(err, errlen, _("cannot read %s: %s"), path, strerror(errno));
        return false;
    }
    char line[4096];
    int lineno = 0;
    bool ok = true;
    while (ok && fgets(line, sizeof line, f)) {
        lineno++;
        char *s = trim(line);
        if (!*s || *s == '#')
            continue;
        char *eq = strchr(s, '=');
        if (!eq) {
            fmt_err(err, errlen, _("%s:%d: expected 'name = value'"), path, lineno);
            ok = false;
            break;
        }
        *eq = 0;
        char *name = trim(s), *val = trim(eq + 1);
        const opt_desc *d = opt_find(name);
        if (!d || !(d->flags & OPT_F_SAVED))
            continue; /* a key of a newer or older version: ignore it */
        char why[256];
        if (!opt_set_text(o, (opt_id)(d - table), val, why, sizeof why)) {
            fmt_err(err, errlen, "%s:%d: %s", path, lineno, why);
            ok = false;
        }
    }
    fclose(f);
    return ok;
}

bool opt_save_file(const opt_set *o, const char *path, char *err, size_t errlen)
{
    char text[4096];
    size_t len = (size_t)snprintf(text, sizeof text, "# Tandem preferences\n");
    for (int i = 0; i < OPT_COUNT && len < sizeof text; i++) {
        if (!(table[i].flags & OPT_F_SAVED))
            continue;
        char buf[32];
        len += (size_t)snprintf(text + len, sizeof text - len, "%s = %s\n", table[i].name,
                                opt_get_text(o, (opt_id)i, buf, sizeof buf));
    }
    if (len >= sizeof text) {
        fmt_err(err, errlen, _("cannot write %s: %s"), path, _("too many preferences"));
        return false;
    }
    safe_file sf;
    bool ok = safe_file_open(&sf, path);
    if (ok && !safe_file_write(&sf, text, len)) {
        safe_file_abort(&sf);
        ok = false;
    } else if (ok) {
        ok = safe_file_commit(&sf);
    }
    if (!ok)
        fmt_err(err, errlen, _("cannot write %s: %s"), path, strerror(errno));
    return ok;
}

void opt_print_help(FILE *f, unsigned mask)
{
    for (int i = 0; i < OPT_COUNT; i++) {
        const opt_desc *d = &table[i];
        if (mask && !(d->flags & mask))
            continue;
        char left[48];
        snprintf(left, sizeof left, "--%s%s%s", d->name, d->arg ? " " : "", d->arg ? d->arg : "");
        fprintf(f, "  %-24s %s", left, _(d->help));
        if (d->def[0] && d->type != OPT_BOOL)
            fprintf(f, _(" (default: %s)"), d->def);
        fputc('\n', f);
    }
}

void opt_machine_config(const opt_set *o, machine_config *cfg)
{
    memset(cfg, 0, sizeof *cfg);
    cfg->model = opt_str(o, OPT_MACHINE);
    const char *rom = opt_str(o, OPT_ROM);
    cfg->rom_path = rom && *rom ? rom : NULL;
    /* Unset: 0, the model's own default (1 MB on the ST, 64 MB on the Quadra). */
    cfg->ram_kb = o->v[OPT_RAM].set ? (uint32_t)opt_int(o, OPT_RAM) : 0;
    cfg->mono = opt_bool(o, OPT_MONO);
    const char *a = opt_str(o, OPT_DISK_A), *b = opt_str(o, OPT_DISK_B);
    cfg->disk[0] = a && *a ? a : NULL;
    cfg->disk[1] = b && *b ? b : NULL;
    cfg->disk_writable[0] = cfg->disk_writable[1] = opt_bool(o, OPT_DISK_WRITABLE);
    const char *k = opt_str(o, OPT_KERNEL), *rd = opt_str(o, OPT_INITRD);
    const char *cl = opt_str(o, OPT_APPEND), *so = opt_str(o, OPT_SERIAL_OUT);
    cfg->kernel_path = k && *k ? k : NULL;
    cfg->initrd_path = rd && *rd ? rd : NULL;
    cfg->cmdline = o->v[OPT_APPEND].set ? cl : NULL;
    cfg->serial_out = so && *so ? so : NULL;
    const char *si = opt_str(o, OPT_SERIAL_IN);
    cfg->serial_in = si && *si ? si : NULL;
    const char *hd = opt_str(o, OPT_SCSI_DISK), *cd = opt_str(o, OPT_CDROM);
    cfg->scsi_disk = hd && *hd ? hd : NULL;
    cfg->cdrom = cd && *cd ? cd : NULL;
    cfg->fpu_full = strcmp(opt_str(o, OPT_FPU), "full") == 0;
}
