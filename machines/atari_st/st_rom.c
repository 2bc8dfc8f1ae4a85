#include "machines/atari_st/st_rom.h"
#include "machines/errmsg.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "machines/i18n.h"

#define KB 1024u

static uint32_t be32(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

bool st_rom_check(const uint8_t *data, size_t size, const char *what, uint32_t *base, char *err,
                  size_t errlen)
{
    uint32_t want;
    if (size == 192 * KB)
        want = ST_ROM_BASE_192K;
    else if (size == 256 * KB || size == 512 * KB || size == 1024 * KB)
        want = ST_ROM_BASE_LARGE;
    else if (size < 192 * KB) {
        fmt_err(err, errlen,
                _("ROM image %s is too short (%zu bytes): a TOS image is 192 KB, 256 KB, "
                  "512 KB or 1 MB"),
                what, size);
        return false;
    } else {
        fmt_err(err, errlen,
                _("ROM image %s has an unsupported size (%zu bytes): a TOS image is 192 KB, "
                  "256 KB, 512 KB or 1 MB"),
                what, size);
        return false;
    }
    /* TOS header: a BRA.S over the header, the version, the reset PC, and the
     * address the image was built for. */
    uint32_t os_base = be32(data + 8), reset_pc = be32(data + 4);
    if (data[0] != 0x60 || os_base != want || reset_pc < want || reset_pc >= want + size) {
        fmt_err(err, errlen,
                _("%s is not an Atari ST TOS or EmuTOS ROM image (no TOS header for "
                  "address 0x%06X)"),
                what, (unsigned)want);
        return false;
    }
    *base = want;
    return true;
}

bool st_rom_load(const char *path, st_rom_image *out, char *err, size_t errlen)
{
    memset(out, 0, sizeof *out);
    if (!path || !*path) {
        fmt_err(err, errlen, _("no ROM image given: use --rom FILE (an EmuTOS or TOS image)"));
        return false;
    }
    FILE *f = fopen(path, "rb");
    if (!f) {
        fmt_err(err, errlen, _("cannot open ROM image %s: %s"), path, strerror(errno));
        return false;
    }
    /* Read at most 1 MB + 1 so an oversized file is recognised without loading it all. */
    size_t cap = 1024 * KB + 1;
    uint8_t *buf = malloc(cap);
    if (!buf) {
        fclose(f);
        fmt_err(err, errlen, _("out of memory"));
        return false;
    }
    size_t n = fread(buf, 1, cap, f);
    bool rerr = ferror(f);
    fclose(f);
    if (rerr) {
        free(buf);
        fmt_err(err, errlen, _("cannot read ROM image %s"), path);
        return false;
    }
    uint32_t base;
    if (!st_rom_check(buf, n, path, &base, err, errlen)) {
        free(buf);
        return false;
    }
    out->data = buf;
    out->size = (uint32_t)n;
    out->base = base;
    out->version = (uint16_t)(buf[2] << 8 | buf[3]);
    return true;
}

void st_rom_free(st_rom_image *img)
{
    free(img->data);
    img->data = NULL;
    img->size = 0;
}
