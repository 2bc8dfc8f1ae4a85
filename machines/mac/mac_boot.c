/* Linux/m68k direct boot for the Quadra 800 (the records and layout of
 * QEMU's hw/m68k/q800.c loader; the record format of Linux's
 * asm/bootinfo.h).  The kernel finds the records at its `_end`, the end of
 * its highest loaded segment rounded up to an even address. */
#include "machines/mac/mac_boot.h"
#include "machines/errmsg.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "machines/i18n.h"

typedef struct bi_writer {
    uint8_t *buf;
    size_t cap, len;
    bool overflow;
} bi_writer;

static void put8(bi_writer *w, uint8_t v)
{
    if (w->len < w->cap)
        w->buf[w->len] = v;
    else
        w->overflow = true;
    w->len++;
}

static void put16(bi_writer *w, uint32_t v)
{
    put8(w, (uint8_t)(v >> 8));
    put8(w, (uint8_t)v);
}

static void put32(bi_writer *w, uint32_t v)
{
    put16(w, v >> 16);
    put16(w, v & 0xFFFF);
}

/* A record of `n` 32-bit values. */
static void record(bi_writer *w, uint16_t tag, unsigned n, const uint32_t *v)
{
    put16(w, tag);
    put16(w, 4 + 4 * n);
    for (unsigned i = 0; i < n; i++)
        put32(w, v[i]);
}

static void record1(bi_writer *w, uint16_t tag, uint32_t v)
{
    record(w, tag, 1, &v);
}

static void record_string(bi_writer *w, uint16_t tag, const char *s)
{
    size_t n = strlen(s) + 1;
    size_t size = (4 + n + 3) & ~(size_t)3;
    put16(w, tag);
    put16(w, (uint32_t)size);
    for (size_t i = 0; i < size - 4; i++)
        put8(w, i < n ? (uint8_t)s[i] : 0);
}

size_t mac_bootinfo_build(uint8_t *buf, size_t cap, const mac_boot_params *p)
{
    bi_writer w = {buf, cap, 0, false};
    record1(&w, BI_MACHTYPE, BI_MACH_MAC);
    record1(&w, BI_FPUTYPE, BI_FPU_68040);
    record1(&w, BI_MMUTYPE, BI_MMU_68040);
    record1(&w, BI_CPUTYPE, BI_CPU_68040);
    record1(&w, BI_MAC_CPUID, BI_CPUB_68040);
    record1(&w, BI_MAC_MODEL, BI_MAC_MODEL_Q800);
    record1(&w, BI_MAC_MEMSIZE, p->ram_size >> 20);
    record(&w, BI_MEMCHUNK, 2, (const uint32_t[]){0, p->ram_size});
    record1(&w, BI_MAC_VADDR, p->video_addr);
    record1(&w, BI_MAC_VDEPTH, p->video_depth);
    record1(&w, BI_MAC_VDIM, (p->video_height << 16) | p->video_width);
    record1(&w, BI_MAC_VROW, p->video_row);
    record1(&w, BI_MAC_SCCBASE, p->scc_base);
    if (p->cmdline)
        record_string(&w, BI_COMMAND_LINE, p->cmdline);
    if (p->initrd_size)
        record(&w, BI_RAMDISK, 2, (const uint32_t[]){p->initrd_base, p->initrd_size});
    put16(&w, BI_LAST);
    put16(&w, 4);
    return w.overflow ? 0 : w.len;
}

/* --- Files ------------------------------------------------------------------- */

static bool read_file(const char *path, const char *what, uint8_t **data, size_t *size,
                      char *err, size_t errlen)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        fmt_err(err, errlen, _("cannot open %s %s: %s"), what, path, strerror(errno));
        return false;
    }
    size_t cap = 1 << 20, n = 0;
    uint8_t *buf = malloc(cap);
    bool ok = buf != NULL;
    while (ok) {
        if (n == cap) {
            uint8_t *nb = cap < (1u << 30) ? realloc(buf, cap * 2) : NULL;
            if (!nb) {
                ok = false;
                break;
            }
            buf = nb;
            cap *= 2;
        }
        size_t got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (got == 0)
            break;
    }
    bool rerr = ferror(f);
    fclose(f);
    if (!ok || rerr) {
        free(buf);
        fmt_err(err, errlen, rerr ? _("cannot read %s %s") : _("%s %s is too large"), what, path);
        return false;
    }
    *data = buf;
    *size = n;
    return true;
}

static uint32_t be16(const uint8_t *p)
{
    return (uint32_t)p[0] << 8 | p[1];
}

static uint32_t be32(const uint8_t *p)
{
    return be16(p) << 16 | be16(p + 2);
}

#define PT_LOAD 1
#define EM_68K 4
#define ET_EXEC 2

/* Copy every PT_LOAD segment (file bytes, then zeros) to its physical
 * address; *end is the highest byte loaded + 1. */
static bool load_elf(mem_space *mem, const char *path, const uint8_t *d, size_t n,
                     uint32_t ram, uint32_t *entry, uint32_t *end, char *err, size_t errlen)
{
    if (n < 52 || memcmp(d, "\177ELF", 4) != 0) {
        fmt_err(err, errlen, _("kernel %s is not an ELF file"), path);
        return false;
    }
    if (d[4] != 1 || d[5] != 2 || be16(d + 18) != EM_68K) {
        fmt_err(err, errlen, _("kernel %s is not a 32-bit big-endian m68k ELF file"), path);
        return false;
    }
    if (be16(d + 16) != ET_EXEC) {
        fmt_err(err, errlen, _("kernel %s is not an executable (ET_EXEC) ELF file"), path);
        return false;
    }
    uint32_t phoff = be32(d + 28), phentsize = be16(d + 42), phnum = be16(d + 44);
    if (phentsize < 32 || phoff > n || (uint64_t)phnum * phentsize > n - phoff) {
        fmt_err(err, errlen, _("kernel %s has a damaged program header table"), path);
        return false;
    }
    uint32_t hi = 0;
    int loaded = 0;
    static const uint8_t zeros[4096];
    for (uint32_t i = 0; i < phnum; i++) {
        const uint8_t *ph = d + phoff + (size_t)i * phentsize;
        if (be32(ph) != PT_LOAD)
            continue;
        uint32_t off = be32(ph + 4), paddr = be32(ph + 12), filesz = be32(ph + 16),
                 memsz = be32(ph + 20);
        if (filesz > memsz || off > n || filesz > n - off) {
            fmt_err(err, errlen, _("kernel %s has a segment outside the file"), path);
            return false;
        }
        if (paddr > ram || memsz > ram - paddr) {
            fmt_err(err, errlen,
                    _("kernel %s does not fit in RAM: a segment at 0x%08x-0x%08x, RAM ends at "
                      "0x%08x"),
                    path, (unsigned)paddr, (unsigned)(paddr + memsz), (unsigned)ram);
            return false;
        }
        mem_load(mem, paddr, d + off, filesz, false);
        for (uint32_t z = filesz; z < memsz;) {
            uint32_t k = memsz - z < sizeof zeros ? memsz - z : (uint32_t)sizeof zeros;
            mem_load(mem, paddr + z, zeros, k, false);
            z += k;
        }
        if (paddr + memsz > hi)
            hi = paddr + memsz;
        loaded++;
    }
    if (!loaded) {
        fmt_err(err, errlen, _("kernel %s has nothing to load"), path);
        return false;
    }
    *entry = be32(d + 24);
    *end = hi;
    return true;
}

bool mac_boot_linux(mem_space *mem, const char *kernel, const char *initrd, mac_boot_params *p,
                    uint32_t *entry, char *err, size_t errlen)
{
    uint8_t *k = NULL, *rd = NULL;
    size_t kn = 0, rdn = 0;
    if (!read_file(kernel, _("kernel"), &k, &kn, err, errlen))
        return false;
    uint32_t end = 0;
    bool ok = load_elf(mem, kernel, k, kn, p->ram_size, entry, &end, err, errlen);
    free(k);
    if (!ok)
        return false;
    uint32_t bootinfo = (end + 1) & ~1u;
    p->initrd_base = p->initrd_size = 0;
    if (initrd) {
        if (!read_file(initrd, _("initrd"), &rd, &rdn, err, errlen))
            return false;
        uint32_t base = rdn <= p->ram_size ? (uint32_t)((p->ram_size - rdn) & ~(size_t)0xFFF) : 0;
        /* Room for the bootinfo (and the kernel's first page tables) below it. */
        if (rdn > p->ram_size || base < bootinfo + 0x10000) {
            fmt_err(err, errlen,
                    _("initrd %s (%zu bytes) does not fit in %u MB of RAM above the kernel"),
                    initrd, rdn, (unsigned)(p->ram_size >> 20));
            free(rd);
            return false;
        }
        mem_load(mem, base, rd, (uint32_t)rdn, false);
        free(rd);
        p->initrd_base = base;
        p->initrd_size = (uint32_t)rdn;
    }
    size_t cap = 1024 + (p->cmdline ? strlen(p->cmdline) : 0);
    uint8_t *bi = malloc(cap);
    if (!bi) {
        fmt_err(err, errlen, _("out of memory"));
        return false;
    }
    size_t len = mac_bootinfo_build(bi, cap, p);
    ok = len && bootinfo + len <= p->ram_size;
    if (ok)
        mem_load(mem, bootinfo, bi, (uint32_t)len, false);
    else
        fmt_err(err, errlen, _("kernel %s leaves no room for the boot information"), kernel);
    free(bi);
    return ok;
}
