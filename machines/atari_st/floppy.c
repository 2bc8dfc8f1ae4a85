/* Raw .ST floppy images (a plain dump of 512-byte sectors, track by track,
 * side 0 then side 1) and the drive mechanics around them.
 *
 *   drive signal   ST wiring
 *   DRIVE SEL      YM2149 port A bits 1/2 (active low)
 *   SIDE SEL       YM2149 port A bit 0 (inverted)
 *   STEP/DIR/MO    WD1772
 *   INDEX, TRK00   WD1772 (status bits)
 *   WPT            WD1772 (status bit 6); TOS watches it for media change
 *   DSKCHG         not connected on the ST
 *
 * Guest writes change the in-memory copy only.  floppy_flush writes it back
 * when the user allowed it: temp file in the same directory, fsync, rename.
 */
#include "machines/atari_st/floppy.h"
#include "machines/safefile.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "machines/i18n.h"

#define MAX_IMAGE_SIZE (4u << 20)
/* Inserting or ejecting covers the write-protect sensor for about half a
 * second: longer than TOS's 16-VBL polling period with two drives. */
#define WP_FLICKER_CYCLES 4000000

static unsigned le16(const uint8_t *p)
{
    return p[0] | (p[1] << 8);
}

static void put16(uint8_t *p, unsigned v)
{
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
}

static bool size_geometry(size_t size, int *tracks, int *sides, int *spt)
{
    if (size % FLOPPY_SECTOR_SIZE)
        return false;
    size_t sectors = size / FLOPPY_SECTOR_SIZE;
    for (int s = 2; s >= 1; s--)
        for (int n = 9; n <= 11; n++)
            for (int t = 80; t <= 86; t++)
                if ((size_t)t * (size_t)s * (size_t)n == sectors) {
                    *tracks = t;
                    *sides = s;
                    *spt = n;
                    return true;
                }
    return false;
}

bool floppy_geometry(const uint8_t *boot, size_t size, int *tracks, int *sides, int *spt,
                     char *err, size_t errlen)
{
    if (size == 0) {
        snprintf(err, errlen, "%s", _("the disk image is empty"));
        return false;
    }
    if (size > MAX_IMAGE_SIZE) {
        snprintf(err, errlen, _("the disk image is too large (%zu bytes) for an ST floppy"), size);
        return false;
    }
    if (size % FLOPPY_SECTOR_SIZE) {
        snprintf(err, errlen,
                 _("the disk image size (%zu bytes) is not a whole number of 512-byte "
                   "sectors: it is truncated or not a raw .ST image"),
                 size);
        return false;
    }
    /* The boot sector's BPB, when it is sane, settles ambiguous sizes
     * (368,640 bytes: 80 tracks single sided or 40 tracks double sided). */
    size_t bpb_bytes = 0;
    if (boot) {
        unsigned bps = le16(boot + 11), total = le16(boot + 19);
        unsigned n = le16(boot + 24), s = le16(boot + 26);
        if (bps == 512 && s >= 1 && s <= 2 && n >= 8 && n <= 11 && total &&
            total % (n * s) == 0) {
            unsigned t = total / (n * s);
            if (t >= 40 && t <= 86) {
                bpb_bytes = (size_t)total * 512;
                if (bpb_bytes == size) {
                    *tracks = (int)t;
                    *sides = (int)s;
                    *spt = (int)n;
                    return true;
                }
            }
        }
    }
    if (size_geometry(size, tracks, sides, spt))
        return true;
    if (bpb_bytes > size) {
        snprintf(err, errlen,
                 _("the disk image is truncated: its boot sector describes %zu bytes but "
                   "the file has %zu"),
                 bpb_bytes, size);
        return false;
    }
    if (size == 1474560 || size == 2949120) {
        snprintf(err, errlen, "%s",
                 _("high-density disk images cannot be read by the ST's floppy controller"));
        return false;
    }
    snprintf(err, errlen,
             _("unrecognised disk image size (%zu bytes): expected 80-86 tracks of 9, 10 "
               "or 11 sectors on 1 or 2 sides"),
             size);
    return false;
}

static floppy_image *image_new(uint8_t *data, size_t size, int t, int s, int n)
{
    floppy_image *img = calloc(1, sizeof *img);
    if (!img)
        return NULL;
    img->data = data;
    img->size = size;
    img->tracks = t;
    img->sides = s;
    img->spt = n;
    return img;
}

floppy_image *floppy_from_memory(const void *data, size_t size, const char *name, char *err,
                                 size_t errlen)
{
    int t, s, n;
    char why[256];
    if (!floppy_geometry(size >= FLOPPY_SECTOR_SIZE ? data : NULL, size, &t, &s, &n, why,
                         sizeof why)) {
        snprintf(err, errlen, "%s: %s", name ? name : _("disk image"), why);
        return NULL;
    }
    uint8_t *copy = malloc(size);
    floppy_image *img = copy ? image_new(copy, size, t, s, n) : NULL;
    if (!img) {
        free(copy);
        snprintf(err, errlen, "%s", _("out of memory"));
        return NULL;
    }
    memcpy(copy, data, size);
    return img;
}

floppy_image *floppy_open(const char *path, bool allow_writeback, bool write_protected,
                          char *err, size_t errlen)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(err, errlen, _("cannot open disk image %s: %s"), path, strerror(errno));
        return NULL;
    }
    struct stat st;
    if (fstat(fileno(f), &st) != 0 || !S_ISREG(st.st_mode)) {
        snprintf(err, errlen, _("%s is not a regular file"), path);
        fclose(f);
        return NULL;
    }
    size_t size = (size_t)st.st_size;
    if (size > MAX_IMAGE_SIZE || size == 0) {
        char why[256];
        int t, s, n;
        floppy_geometry(NULL, size, &t, &s, &n, why, sizeof why);
        snprintf(err, errlen, "%s: %s", path, why);
        fclose(f);
        return NULL;
    }
    uint8_t *buf = malloc(size);
    if (!buf || fread(buf, 1, size, f) != size) {
        snprintf(err, errlen, _("cannot read disk image %s"), path);
        free(buf);
        fclose(f);
        return NULL;
    }
    fclose(f);
    floppy_image *img = floppy_from_memory(buf, size, path, err, errlen);
    free(buf);
    if (!img)
        return NULL;
    img->path = strdup(path);
    if (!img->path) {
        floppy_free(img);
        snprintf(err, errlen, "%s", _("out of memory"));
        return NULL;
    }
    img->allow_writeback = allow_writeback;
    img->write_protected = write_protected;
    return img;
}

floppy_image *floppy_new_blank(int tracks, int sides, int spt)
{
    if (tracks < 40 || tracks > 86 || sides < 1 || sides > 2 || spt < 8 || spt > 11)
        return NULL;
    size_t total = (size_t)tracks * (size_t)sides * (size_t)spt;
    size_t size = total * FLOPPY_SECTOR_SIZE;
    uint8_t *d = calloc(1, size);
    floppy_image *img = d ? image_new(d, size, tracks, sides, spt) : NULL;
    if (!img) {
        free(d);
        return NULL;
    }
    /* FAT12 as TOS formats it: 2 sectors per cluster, 2 FATs, 112 root entries. */
    const unsigned spc = 2, nfats = 2, root = 112, root_secs = root * 32 / 512;
    unsigned spf = 1;
    for (;;) {
        unsigned data = (unsigned)total - 1 - nfats * spf - root_secs;
        unsigned clusters = data / spc;
        if ((clusters + 2) * 3 / 2 + 1 <= spf * 512)
            break;
        spf++;
    }
    if (spf < 3)
        spf = 3;
    uint8_t *b = d;
    b[0] = 0xEB; /* a jump as MS-DOS expects; not executable for TOS (checksum) */
    b[1] = 0x3C;
    b[2] = 0x90;
    memcpy(b + 3, "TANDEM", 6);
    b[9] = 0x54; /* serial number: fixed, so images are reproducible */
    b[10] = 0x44;
    put16(b + 11, 512);
    b[13] = (uint8_t)spc;
    put16(b + 14, 1);
    b[16] = (uint8_t)nfats;
    put16(b + 17, root);
    put16(b + 19, (unsigned)total);
    b[21] = sides == 2 ? 0xF9 : 0xF8;
    put16(b + 22, spf);
    put16(b + 24, (unsigned)spt);
    put16(b + 26, (unsigned)sides);
    put16(b + 28, 0);
    b[510] = 0x55;
    b[511] = 0xAA;
    for (unsigned f = 0; f < nfats; f++) {
        uint8_t *fat = d + (1 + f * spf) * 512;
        fat[0] = b[21];
        fat[1] = 0xFF;
        fat[2] = 0xFF;
    }
    return img;
}

void floppy_free(floppy_image *img)
{
    if (!img)
        return;
    free(img->data);
    free(img->path);
    free(img);
}

static uint8_t *sector_ptr(const floppy_image *img, int track, int side, int sector)
{
    if (!img || track < 0 || track >= img->tracks || side < 0 || side >= img->sides ||
        sector < 1 || sector > img->spt)
        return NULL;
    size_t idx = ((size_t)track * (size_t)img->sides + (size_t)side) * (size_t)img->spt +
                 (size_t)(sector - 1);
    return img->data + idx * FLOPPY_SECTOR_SIZE;
}

bool floppy_read_sector(const floppy_image *img, int track, int side, int sector,
                        uint8_t buf[FLOPPY_SECTOR_SIZE])
{
    const uint8_t *p = sector_ptr(img, track, side, sector);
    if (!p)
        return false;
    memcpy(buf, p, FLOPPY_SECTOR_SIZE);
    return true;
}

bool floppy_write_sector(floppy_image *img, int track, int side, int sector,
                         const uint8_t buf[FLOPPY_SECTOR_SIZE])
{
    uint8_t *p = sector_ptr(img, track, side, sector);
    if (!p || img->write_protected)
        return false;
    if (memcmp(p, buf, FLOPPY_SECTOR_SIZE) != 0) {
        memcpy(p, buf, FLOPPY_SECTOR_SIZE);
        img->dirty = true;
    }
    return true;
}

bool floppy_flush(floppy_image *img, char *err, size_t errlen)
{
    if (!img || !img->dirty || !img->allow_writeback || !img->path)
        return true;
    safe_file sf;
    if (!safe_file_open(&sf, img->path)) {
        snprintf(err, errlen, _("cannot save disk image %s: cannot create a temporary file: %s"),
                 img->path, strerror(errno));
        return false;
    }
    if (!safe_file_write(&sf, img->data, img->size)) {
        safe_file_abort(&sf);
        snprintf(err, errlen, _("cannot save disk image %s: %s (the file is unchanged)"), img->path,
                 strerror(errno));
        return false;
    }
    if (!safe_file_commit(&sf)) {
        snprintf(err, errlen, _("cannot save disk image %s: %s (the file is unchanged)"), img->path,
                 strerror(errno));
        return false;
    }
    img->dirty = false;
    return true;
}

void floppy_drive_init(floppy_drive *d, bool connected)
{
    memset(d, 0, sizeof *d);
    d->connected = connected;
}

void floppy_drive_insert(floppy_drive *d, floppy_image *img, int64_t now)
{
    if (d->img)
        floppy_free(d->img);
    d->img = img;
    d->wp_flicker_until = now + WP_FLICKER_CYCLES;
}

floppy_image *floppy_drive_eject(floppy_drive *d, int64_t now)
{
    floppy_image *img = d->img;
    d->img = NULL;
    (void)now; /* an empty drive reads as protected from now on */
    return img;
}

bool floppy_drive_wprot(const floppy_drive *d, int64_t now)
{
    return !d->img || d->img->write_protected || now < d->wp_flicker_until;
}
