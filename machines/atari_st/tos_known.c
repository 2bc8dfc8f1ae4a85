/* ROM identification for the Atari ST: a table of verified images, then the
 * TOS header as a fallback.  Header layout (TOS "OSHEADER"): 0x00 a BRA, 0x02
 * version word, 0x08 ROM base, 0x18 build date as BCD 0xMMDDYYYY, 0x1C os_conf
 * (country << 1 | PAL), EmuTOS puts "ETOS" at 0x2C. */
#include "machines/atari_st/tos_known.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "machines/i18n.h"

typedef struct tos_entry {
    uint32_t size, crc32;
    const char *name, *version, *country, *machines;
    bool emutos;
} tos_entry;

/* Only images whose checksum was computed from the file itself go here. */
static const tos_entry known[] = {
    /* sha256 6a4a8c5b29fff1eac421d7441dc5f9adae484c49c71f751b675c079d6773a81d */
    { 196608, 0xe39f844cu, "EmuTOS 0.9.9.1 192K (US)", "0.9.9.1", "US", "st", true },
};

static const char *const countries[] = {
    "US", "Germany", "France", "UK", "Spain", "Italy", "Sweden", "Switzerland (French)",
    "Switzerland (German)", "Turkey", "Finland", "Norway", "Denmark", "Saudi Arabia",
    "Netherlands", "Czech Republic", "Hungary", "Poland", "Estonia", "Russia",
};

const char *tos_country_name(int code)
{
    if (code < 0 || (size_t)code >= sizeof countries / sizeof countries[0])
        return NULL;
    return countries[code];
}

uint32_t tos_crc32(const uint8_t *data, size_t len)
{
    uint32_t crc = 0xffffffffu;
    for (size_t i = 0; i < len; i++) {
        crc ^= data[i];
        for (int k = 0; k < 8; k++)
            crc = (crc >> 1) ^ (0xedb88320u & (0u - (crc & 1)));
    }
    return ~crc;
}

static unsigned be16(const uint8_t *p) { return (unsigned)p[0] << 8 | p[1]; }
static uint32_t be32(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}
static unsigned bcd(unsigned v)
{
    unsigned r = 0, mul = 1;
    for (; v; v >>= 4, mul *= 10) {
        if ((v & 15) > 9)
            return 0;
        r += (v & 15) * mul;
    }
    return r;
}

/* A plausible OSHEADER: a BRA.S at 0, a sane version, a ROM base where STs put
 * ROMs, a valid BCD date. */
static bool parse_header(const uint8_t *d, size_t len, tos_ident *o)
{
    if (len < 0x30 || d[0] != 0x60)
        return false;
    unsigned ver = be16(d + 2);
    uint32_t base = be32(d + 8);
    uint32_t date = be32(d + 0x18);
    unsigned month = bcd(date >> 24), day = bcd((date >> 16) & 0xff), year = bcd(date & 0xffff);
    if (ver < 0x0100 || ver > 0x0499)
        return false;
    if (base != 0xfc0000 && base != 0xe00000 && base != 0xe40000)
        return false;
    if (month < 1 || month > 12 || day < 1 || day > 31 || year < 1985 || year > 2099)
        return false;
    o->version = ver;
    o->base = base;
    o->year = year;
    o->month = month;
    o->day = day;
    unsigned conf = be16(d + 0x1c);
    o->country = (conf >> 1) == 0x7f ? -1 : (int)(conf >> 1); /* 0x7f: multilanguage EmuTOS */
    o->country_name = tos_country_name(o->country);
    o->emutos = memcmp(d + 0x2c, "ETOS", 4) == 0;
    return true;
}

void tos_identify(const uint8_t *data, size_t len, tos_ident *o)
{
    memset(o, 0, sizeof *o);
    o->country = -1;
    o->size = (uint32_t)(len > 0xffffffffu ? 0xffffffffu : len);
    if (!data || len == 0)
        return;
    o->crc32 = tos_crc32(data, len);
    for (size_t i = 0; i < sizeof known / sizeof known[0]; i++) {
        const tos_entry *e = &known[i];
        if (e->size == len && e->crc32 == o->crc32) {
            parse_header(data, len, o);
            o->match = TOS_KNOWN;
            o->emutos = e->emutos;
            snprintf(o->name, sizeof o->name, "%s", e->name);
            snprintf(o->version_text, sizeof o->version_text, "%s", e->version);
            o->country_name = e->country;
            o->machines = e->machines;
            return;
        }
    }
    if (!parse_header(data, len, o))
        return;
    o->match = TOS_HEADER;
    o->machines = "st";
    const char *cn = o->country_name ? o->country_name : (o->country < 0 ? "multilanguage" : "?");
    if (o->emutos) {
        snprintf(o->version_text, sizeof o->version_text, "%04u-%02u-%02u", o->year, o->month,
                 o->day);
        snprintf(o->name, sizeof o->name, "EmuTOS (%s) %uK (%s)", o->version_text,
                 (unsigned)(len / 1024), cn);
    } else {
        snprintf(o->version_text, sizeof o->version_text, "%u.%02x", o->version >> 8,
                 o->version & 0xff);
        snprintf(o->name, sizeof o->name, "TOS %s %uK (%s)", o->version_text,
                 (unsigned)(len / 1024), cn);
    }
}

bool tos_identify_file(const char *path, tos_ident *out, char *err, size_t errlen)
{
    memset(out, 0, sizeof *out);
    out->country = -1;
    if (errlen)
        err[0] = 0;
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(err, errlen, _("Cannot open %s: %s"), path, strerror(errno));
        return false;
    }
    struct stat st;
    if (fstat(fileno(f), &st) != 0 || !S_ISREG(st.st_mode)) {
        snprintf(err, errlen, _("%s is not a regular file"), path);
        fclose(f);
        return false;
    }
    if (st.st_size == 0) {
        snprintf(err, errlen, _("The file is empty."));
        fclose(f);
        return true;
    }
    if ((unsigned long long)st.st_size > TOS_MAX_IMAGE) {
        out->size = st.st_size > 0xffffffff ? 0xffffffffu : (uint32_t)st.st_size;
        snprintf(err, errlen, _("The file is too large to be a TOS ROM (%llu bytes)."),
                 (unsigned long long)st.st_size);
        fclose(f);
        return true;
    }
    size_t len = (size_t)st.st_size;
    uint8_t *buf = malloc(len);
    if (!buf) {
        snprintf(err, errlen, _("Out of memory"));
        fclose(f);
        return false;
    }
    size_t got = fread(buf, 1, len, f);
    bool bad = ferror(f);
    fclose(f);
    if (bad || got != len) {
        snprintf(err, errlen, _("Cannot read %s: %s"), path, bad ? strerror(errno) : "short read");
        free(buf);
        return false;
    }
    tos_identify(buf, len, out);
    free(buf);
    return true;
}
