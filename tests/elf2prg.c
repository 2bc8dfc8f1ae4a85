/* elf2prg: turns a static m68k ELF linked at address 0 with -Wl,-q (relocations
 * kept) into an Atari TOS/GEMDOS executable (.PRG): a 28-byte header, text and
 * data, no symbols, then the relocation table of absolute longs.
 *
 *   elf2prg IN.elf OUT.prg     convert
 *   elf2prg --dump IN.prg      print the header and every relocated long
 *
 * A check-time tool for the ST boot test's guest program. */
#include "config.h"

#include <errno.h>
#include <locale.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "machines/i18n.h"

#define MAX_IMAGE (4u << 20)
#define MAX_RELOCS 65536

enum { SHT_PROGBITS = 1, SHT_RELA = 4, SHT_NOBITS = 8, SHF_ALLOC = 2, R_68K_32 = 1 };

typedef struct buf {
    uint8_t *p;
    size_t n;
} buf;

static uint32_t be16(const uint8_t *p)
{
    return (uint32_t)p[0] << 8 | p[1];
}

static uint32_t be32(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static void put16(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)(v >> 8);
    p[1] = (uint8_t)v;
}

static void put32(uint8_t *p, uint32_t v)
{
    put16(p, v >> 16);
    put16(p + 2, v);
}

static int fail(const char *msg, const char *arg)
{
    fprintf(stderr, "elf2prg: ");
    fprintf(stderr, msg, arg);
    fprintf(stderr, "\n");
    return 2;
}

static bool read_all(const char *path, buf *b)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return false;
    b->p = malloc(MAX_IMAGE * 4 + 1);
    b->n = b->p ? fread(b->p, 1, MAX_IMAGE * 4 + 1, f) : 0;
    bool ok = b->p && !ferror(f) && b->n <= MAX_IMAGE * 4;
    fclose(f);
    return ok;
}

static int cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return x < y ? -1 : x > y;
}

/* Write via a temporary file and rename, so a failed run leaves no half file. */
static bool write_file(const char *path, const uint8_t *data, size_t n)
{
    char tmp[4096];
    if (snprintf(tmp, sizeof tmp, "%s.tmp", path) >= (int)sizeof tmp)
        return false;
    FILE *f = fopen(tmp, "wb");
    if (!f)
        return false;
    bool ok = fwrite(data, 1, n, f) == n;
    ok = (fclose(f) == 0) && ok;
    if (!ok || rename(tmp, path) != 0) {
        remove(tmp);
        return false;
    }
    return true;
}

static int convert(const char *in, const char *out)
{
    buf e = {0};
    uint8_t *img = NULL, *prg = NULL;
    uint32_t *rel = NULL;
    int rc = 2;
#define FAIL(msg, arg)                                                                   \
    do {                                                                                 \
        fail(msg, arg);                                                                  \
        goto out;                                                                        \
    } while (0)
    if (!read_all(in, &e))
        FAIL(_("cannot read %s"), in);
    const uint8_t *p = e.p;
    if (e.n < 52 || memcmp(p, "\177ELF", 4) != 0 || p[4] != 1 || p[5] != 2 || be16(p + 18) != 4)
        FAIL(_("%s is not a 32-bit big-endian 68k ELF file"), in);
    uint32_t shoff = be32(p + 32), shentsize = be16(p + 46), shnum = be16(p + 48);
    if (shentsize != 40 || shnum == 0 || shoff > e.n || (e.n - shoff) / 40 < shnum)
        FAIL(_("%s: bad or truncated section header table"), in);

    /* The loaded image: every allocated section, from address 0 up. */
    img = calloc(1, MAX_IMAGE);
    rel = malloc(MAX_RELOCS * sizeof *rel);
    if (!img || !rel)
        FAIL("%s", _("out of memory"));
    uint32_t end_init = 0, end_all = 0, data_start = UINT32_MAX, nrel = 0;
    for (uint32_t i = 0; i < shnum; i++) {
        const uint8_t *sh = p + shoff + i * 40;
        uint32_t type = be32(sh + 4), flags = be32(sh + 8), addr = be32(sh + 12);
        uint32_t off = be32(sh + 16), size = be32(sh + 20);
        if (!(flags & SHF_ALLOC) || size == 0)
            continue;
        if (addr > MAX_IMAGE || MAX_IMAGE - addr < size)
            FAIL(_("%s: a section lies outside the 4 MB image (linked at 0?)"), in);
        if (addr + size > end_all)
            end_all = addr + size;
        if (type == SHT_NOBITS)
            continue;
        if (off > e.n || e.n - off < size)
            FAIL(_("%s: section data lies outside the file"), in);
        memcpy(img + addr, p + off, size);
        if (addr + size > end_init)
            end_init = addr + size;
        if (!(flags & 4 /* SHF_EXECINSTR */) && addr < data_start && (flags & 1 /* WRITE */))
            data_start = addr;
    }
    for (uint32_t i = 0; i < shnum; i++) {
        const uint8_t *sh = p + shoff + i * 40;
        if (be32(sh + 4) != SHT_RELA)
            continue;
        uint32_t off = be32(sh + 16), size = be32(sh + 20), target = be32(sh + 28);
        if (target >= shnum || off > e.n || e.n - off < size)
            FAIL(_("%s: bad relocation section"), in);
        if (!(be32(p + shoff + target * 40 + 8) & SHF_ALLOC))
            continue;
        for (uint32_t r = 0; r + 12 <= size; r += 12) {
            uint32_t where = be32(p + off + r), type = be32(p + off + r + 4) & 0xFF;
            if (type == R_68K_32) {
                if (where & 1 || where + 4 > end_init || nrel == MAX_RELOCS)
                    FAIL(_("%s: a relocation is odd or outside text and data"), in);
                rel[nrel++] = where;
            } else if (type == 2 || type == 3)
                FAIL(_("%s: 16- or 8-bit absolute relocation cannot be relocated by TOS"),
                            in);
        }
    }
    if (end_init == 0)
        FAIL(_("%s: no loadable code"), in);
    uint32_t image = (end_init + 1) & ~1u;
    uint32_t tsize = data_start < image ? data_start : image;
    uint32_t dsize = image - tsize, bsize = end_all > image ? ((end_all - image + 1) & ~1u) : 0;
    qsort(rel, nrel, sizeof *rel, cmp_u32);

    /* Relocation bytes: one per entry plus one per 254-byte stretch of the image. */
    size_t cap = 28 + (size_t)image + 4 + nrel + image / 254 + 16;
    prg = calloc(1, cap);
    uint8_t *w = prg;
    if (!prg)
        FAIL("%s", _("out of memory"));
    put16(w, 0x601A);
    put32(w + 2, tsize);
    put32(w + 6, dsize);
    put32(w + 10, bsize);
    /* symbols 0, reserved 0, flags 0 (load into any RAM), absflag 0 (relocate) */
    w += 28;
    memcpy(w, img, image);
    w += image;
    if (nrel == 0) {
        put32(w, 0);
        w += 4;
    } else {
        put32(w, rel[0]);
        w += 4;
        for (uint32_t i = 1; i < nrel; i++) {
            uint32_t d = rel[i] - rel[i - 1];
            if (d == 0)
                continue;
            for (; d > 254; d -= 254)
                *w++ = 1;
            *w++ = (uint8_t)d;
        }
        *w++ = 0;
    }
    if ((size_t)(w - prg) & 1)
        *w++ = 0;
    if (!write_file(out, prg, (size_t)(w - prg)))
        FAIL(_("cannot write %s"), out);
    printf("%s: text=%u data=%u bss=%u relocations=%u\n", out, (unsigned)tsize, (unsigned)dsize,
           (unsigned)bsize, (unsigned)nrel);
    rc = 0;
out:
    free(prg);
    free(img);
    free(rel);
    free(e.p);
    return rc;
#undef FAIL
}

/* Walk a PRG's relocation table the way GEMDOS does, printing each long. */
static int dump(const char *path)
{
    buf b = {0};
    int rc = 2;
#define FAIL(msg, arg)                                                                   \
    do {                                                                                 \
        fail(msg, arg);                                                                  \
        goto out;                                                                        \
    } while (0)
    if (!read_all(path, &b))
        FAIL(_("cannot read %s"), path);
    if (b.n < 28 || be16(b.p) != 0x601A)
        FAIL(_("%s is not a TOS program (no 0x601A header)"), path);
    uint32_t t = be32(b.p + 2), d = be32(b.p + 6), bs = be32(b.p + 10), s = be32(b.p + 14);
    printf("magic=601a text=%u data=%u bss=%u symbols=%u absflag=%u\n", (unsigned)t, (unsigned)d,
           (unsigned)bs, (unsigned)s, (unsigned)be16(b.p + 26));
    if (t > b.n || d > b.n || s > b.n || 28 + (size_t)t + d + s + 4 > b.n)
        FAIL(_("%s: truncated"), path);
    const uint8_t *img = b.p + 28, *r = img + t + d + s, *end = b.p + b.n;
    uint32_t at = be32(r), n = 0;
    r += 4;
    while (at) {
        if (at + 4 > t + d)
            FAIL(_("%s: relocation outside text and data"), path);
        printf("reloc %06x -> %08x\n", (unsigned)at, (unsigned)be32(img + at));
        n++;
        uint32_t step = 0;
        for (;;) {
            if (r >= end)
                FAIL(_("%s: relocation table not terminated"), path);
            uint8_t c = *r++;
            if (c == 0)
                break;
            step += c == 1 ? 254 : c;
            if (c != 1)
                break;
        }
        if (step == 0)
            break;
        at += step;
    }
    printf("relocations=%u\n", (unsigned)n);
    rc = 0;
out:
    free(b.p);
    return rc;
#undef FAIL
}

int main(int argc, char **argv)
{
    setlocale(LC_ALL, "");
    if (argc == 3 && strcmp(argv[1], "--dump") == 0)
        return dump(argv[2]);
    if (argc == 3 && argv[1][0] != '-')
        return convert(argv[1], argv[2]);
    fprintf(stderr, "%s", _("usage: elf2prg IN.elf OUT.prg | elf2prg --dump IN.prg\n"));
    return 2;
}
