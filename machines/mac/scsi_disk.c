/* SCSI-2 direct-access and CD-ROM targets on image files (the SCSI-2
 * standard's command set, as far as Linux's sd/sr drivers use it).
 *
 *   command              reply
 *   TEST UNIT READY      good
 *   REQUEST SENSE        fixed-format sense of the last error (18 bytes)
 *   INQUIRY              disk or CD-ROM, SCSI-2, no sync/wide; LUNs other
 *                        than 0 answer "not present"; EVPD pages: illegal request
 *   MODE SENSE(6)        the 4-byte header only (write protect bit), no pages
 *   READ CAPACITY(10)    last block and block size
 *   READ/WRITE (6, 10)   the image, blocks of 512 (disk) or 2048 (CD-ROM)
 *   START STOP, PREVENT ALLOW, SYNCHRONIZE CACHE, VERIFY: good
 *   anything else        CHECK CONDITION, illegal request
 * A write to a read-only image is a "data protect" check condition.
 */
#include "machines/mac/scsi_disk.h"
#include "machines/errmsg.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "machines/i18n.h"

enum { SK_NONE = 0, SK_NOT_READY = 2, SK_MEDIUM = 3, SK_ILLEGAL = 5, SK_PROTECT = 7 };

bool scsi_disk_open(scsi_disk *d, const char *path, bool cdrom, bool writable, char *err,
                    size_t errlen)
{
    memset(d, 0, sizeof *d);
    d->cdrom = cdrom;
    d->writable = writable && !cdrom;
    d->block_size = cdrom ? 2048 : 512;
    d->f = fopen(path, d->writable ? "r+b" : "rb");
    if (!d->f) {
        fmt_err(err, errlen, _("cannot open disk image %s: %s"), path, strerror(errno));
        return false;
    }
    long size = fseek(d->f, 0, SEEK_END) == 0 ? ftell(d->f) : -1;
    if (size <= 0 || size % d->block_size) {
        fmt_err(err, errlen, _("disk image %s has a size (%ld bytes) that is not a whole "
                               "number of %u-byte blocks"),
                path, size, (unsigned)d->block_size);
        fclose(d->f);
        d->f = NULL;
        return false;
    }
    d->blocks = (uint32_t)(size / d->block_size);
    return true;
}

void scsi_disk_close(scsi_disk *d)
{
    if (d->f)
        fclose(d->f);
    d->f = NULL;
}

void scsi_cmd_free(scsi_cmd *c)
{
    free(c->data);
    c->data = NULL;
    c->len = c->pos = 0;
}

static void check(scsi_disk *d, scsi_cmd *c, uint8_t key, uint8_t asc)
{
    d->sense_key = key;
    d->asc = asc;
    c->status = SCSI_STATUS_CHECK;
    c->dir = SCSI_DIR_NONE;
    c->len = 0;
}

static bool data_in(scsi_cmd *c, uint32_t len)
{
    c->data = calloc(1, len ? len : 1);
    if (!c->data)
        return false;
    c->dir = len ? SCSI_DIR_IN : SCSI_DIR_NONE;
    c->len = len;
    return true;
}

static uint32_t be32(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static void put32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)(v >> 24);
    p[1] = (uint8_t)(v >> 16);
    p[2] = (uint8_t)(v >> 8);
    p[3] = (uint8_t)v;
}

/* Block address and count of READ/WRITE (6) and (10). */
static void rw_args(const uint8_t *cdb, uint32_t *lba, uint32_t *count)
{
    if (cdb[0] < 0x20) {
        *lba = ((uint32_t)(cdb[1] & 0x1F) << 16) | (uint32_t)cdb[2] << 8 | cdb[3];
        *count = cdb[4] ? cdb[4] : 256;
    } else {
        *lba = be32(cdb + 2);
        *count = (uint32_t)cdb[7] << 8 | cdb[8];
    }
}

void scsi_disk_command(scsi_disk *d, scsi_cmd *c)
{
    const uint8_t *cdb = c->cdb;
    c->status = SCSI_STATUS_GOOD;
    c->dir = SCSI_DIR_NONE;
    c->len = c->pos = 0;
    c->data = NULL;
    if (c->lun != 0 && cdb[0] != 0x12 && cdb[0] != 0x03) {
        check(d, c, SK_ILLEGAL, 0x25); /* logical unit not supported */
        return;
    }
    switch (cdb[0]) {
    case 0x00: /* TEST UNIT READY */
    case 0x1B: /* START STOP UNIT */
    case 0x1E: /* PREVENT ALLOW MEDIUM REMOVAL */
    case 0x35: /* SYNCHRONIZE CACHE */
    case 0x2F: /* VERIFY */
        break;
    case 0x03: { /* REQUEST SENSE */
        uint32_t n = cdb[4] ? cdb[4] : 4;
        if (!data_in(c, n))
            break;
        uint8_t s[18] = {0x70, 0, d->sense_key, 0, 0, 0, 0, 10, 0, 0, 0, 0, d->asc, 0};
        memcpy(c->data, s, n < 18 ? n : 18);
        d->sense_key = SK_NONE;
        d->asc = 0;
        break;
    }
    case 0x12: { /* INQUIRY */
        if (cdb[1] & 1) {
            check(d, c, SK_ILLEGAL, 0x24); /* invalid field in CDB */
            return;
        }
        uint32_t n = cdb[4];
        if (!data_in(c, n))
            break;
        uint8_t q[36] = {0};
        q[0] = c->lun ? 0x7F : d->cdrom ? 0x05 : 0x00;
        q[1] = d->cdrom ? 0x80 : 0x00;
        q[2] = 2;  /* SCSI-2 */
        q[3] = 2;  /* response data format */
        q[4] = 31; /* additional length */
        memcpy(q + 8, "TANDEM  ", 8);
        memcpy(q + 16, d->cdrom ? "CD-ROM          " : "HARD DISK       ", 16);
        memcpy(q + 32, "1.0 ", 4);
        memcpy(c->data, q, n < 36 ? n : 36);
        break;
    }
    case 0x1A: { /* MODE SENSE(6) */
        uint32_t n = cdb[4];
        if (!data_in(c, n))
            break;
        uint8_t h[4] = {3, 0, d->writable ? 0x00 : 0x80, 0};
        memcpy(c->data, h, n < 4 ? n : 4);
        break;
    }
    case 0x25: /* READ CAPACITY(10) */
        if (!data_in(c, 8))
            break;
        put32(c->data, d->blocks - 1);
        put32(c->data + 4, d->block_size);
        break;
    case 0x08: /* READ(6) */
    case 0x28: { /* READ(10) */
        uint32_t lba, count;
        rw_args(cdb, &lba, &count);
        if (cdb[0] == 0x28 && count == 0)
            break;
        if (lba > d->blocks || count > d->blocks - lba) {
            check(d, c, SK_ILLEGAL, 0x21); /* LBA out of range */
            return;
        }
        if (!data_in(c, count * d->block_size))
            break;
        if (fseek(d->f, (long)lba * (long)d->block_size, SEEK_SET) != 0 ||
            fread(c->data, d->block_size, count, d->f) != count) {
            scsi_cmd_free(c);
            check(d, c, SK_MEDIUM, 0x11); /* unrecovered read error */
            return;
        }
        d->reads += count;
        break;
    }
    case 0x0A: /* WRITE(6) */
    case 0x2A: { /* WRITE(10) */
        uint32_t lba, count;
        rw_args(cdb, &lba, &count);
        if (!d->writable) {
            check(d, c, SK_PROTECT, 0x27); /* write protected */
            return;
        }
        if (lba > d->blocks || count > d->blocks - lba) {
            check(d, c, SK_ILLEGAL, 0x21);
            return;
        }
        if (cdb[0] == 0x2A && count == 0)
            break;
        c->data = malloc((size_t)count * d->block_size);
        if (!c->data)
            break;
        c->dir = SCSI_DIR_OUT;
        c->len = count * d->block_size;
        break;
    }
    default:
        check(d, c, SK_ILLEGAL, 0x20); /* invalid command operation code */
        break;
    }
}

void scsi_disk_data_out(scsi_disk *d, scsi_cmd *c)
{
    uint32_t lba, count;
    rw_args(c->cdb, &lba, &count);
    if (c->cdb[0] == 0x0A || c->cdb[0] == 0x2A) {
        if (fseek(d->f, (long)lba * (long)d->block_size, SEEK_SET) != 0 ||
            fwrite(c->data, 1, c->len, d->f) != c->len || fflush(d->f) != 0) {
            check(d, c, SK_MEDIUM, 0x0C); /* write error */
            return;
        }
        d->writes += count;
    }
    c->status = SCSI_STATUS_GOOD;
}
