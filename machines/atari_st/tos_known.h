/* Identifying Atari ST operating system ROM images (TOS and EmuTOS).
 *
 * An image is matched first against a table of images whose size and CRC32
 * were verified here; failing that, the ROM header still tells a TOS image
 * (version word, build date, country) and EmuTOS ("ETOS" marker) apart from
 * anything else.  No GTK, no allocation beyond one read buffer. */
#ifndef TANDEM_TOS_KNOWN_H
#define TANDEM_TOS_KNOWN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum tos_match {
    TOS_UNKNOWN = 0, /* not recognised as an ST operating system ROM */
    TOS_HEADER,      /* looks like TOS/EmuTOS by its header; not in the table */
    TOS_KNOWN,       /* exact size + CRC32 match in the table */
} tos_match;

typedef struct tos_ident {
    tos_match match;
    bool emutos;
    uint32_t size, crc32;
    unsigned version;         /* header version word, e.g. 0x0104 */
    unsigned year, month, day; /* header build date (0 if not a TOS header) */
    int country;              /* header country code, -1 if unknown */
    uint32_t base;            /* address the image expects to live at */
    /* Display text.  For TOS_KNOWN these come from the table; otherwise they
     * are composed into buf from the header (English, the caller translates
     * the fixed words). */
    char name[96];            /* "EmuTOS 0.9.9.1 192K (US)" */
    char version_text[32];    /* "0.9.9.1" or "1.04" */
    const char *country_name; /* "US", "Germany" ... or NULL */
    const char *machines;     /* "st": the model ids it suits, space separated */
} tos_ident;

/* Identify an image held in memory. */
void tos_identify(const uint8_t *data, size_t len, tos_ident *out);

/* Identify a file.  Returns false with a message in err when the file cannot
 * be read; an empty, oversized or foreign file is read fine and reported as
 * TOS_UNKNOWN with the reason in err (err[0] == 0 when nothing to say). */
bool tos_identify_file(const char *path, tos_ident *out, char *err, size_t errlen);

/* The header's country code as a short English name, or NULL. */
const char *tos_country_name(int code);

/* CRC-32 (IEEE 802.3, as zlib and `crc32` compute it). */
uint32_t tos_crc32(const uint8_t *data, size_t len);

/* Largest file considered: TOS images are 192 KB to 1 MB. */
#define TOS_MAX_IMAGE (1024u * 1024u)

#endif
