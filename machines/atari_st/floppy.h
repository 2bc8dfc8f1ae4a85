/* Raw .ST floppy images and the drive mechanics around them.  An image is
 * kept in memory; guest writes change the memory copy, and reach the host
 * file only through floppy_flush, when the user allowed writes, safely
 * (temp file in the same directory + fsync + rename). */
#ifndef TANDEM_ST_FLOPPY_H
#define TANDEM_ST_FLOPPY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define FLOPPY_SECTOR_SIZE 512

typedef struct floppy_image {
    uint8_t *data;
    size_t size;
    int tracks, sides, spt;  /* geometry */
    bool write_protected;    /* the tab on the disk: the guest cannot write */
    bool allow_writeback;    /* the user allowed writing back to `path` */
    bool dirty;              /* the guest wrote since the last flush */
    char *path;              /* host file, or NULL (in-memory image) */
} floppy_image;

/* Load a raw .ST image.  allow_writeback: guest writes may be flushed to the
 * file (else they stay in memory).  write_protected: the guest sees a
 * protected disk.  NULL with a translated message in err on failure (missing,
 * truncated, odd-sized or unrecognised image). */
floppy_image *floppy_open(const char *path, bool allow_writeback, bool write_protected,
                          char *err, size_t errlen);
/* The same from a memory buffer (copied).  name is used in messages. */
floppy_image *floppy_from_memory(const void *data, size_t size, const char *name, char *err,
                                 size_t errlen);
/* A blank FAT12-formatted image as TOS formats it (e.g. 80, 2, 9 = 720 KB).
 * NULL on an unsupported geometry or out of memory. */
floppy_image *floppy_new_blank(int tracks, int sides, int spt);
void floppy_free(floppy_image *img);

/* Work out the geometry of an image of `size` bytes whose first sector is
 * `boot` (NULL if unknown).  Returns true and fills the geometry, or false
 * with a translated message in err. */
bool floppy_geometry(const uint8_t *boot, size_t size, int *tracks, int *sides, int *spt,
                     char *err, size_t errlen);

/* Sector access; sector numbers start at 1.  Return false when the sector does
 * not exist (or, for writes, when the disk is write protected). */
bool floppy_read_sector(const floppy_image *img, int track, int side, int sector,
                        uint8_t buf[FLOPPY_SECTOR_SIZE]);
bool floppy_write_sector(floppy_image *img, int track, int side, int sector,
                         const uint8_t buf[FLOPPY_SECTOR_SIZE]);

/* Write the image back to its file if it is dirty and the user allowed it:
 * a temp file in the same directory, fsync, rename over the original.  On
 * any error the original is untouched, the temp file removed, and false is
 * returned with the reason in err.  true (and nothing written) when there is
 * nothing to do. */
bool floppy_flush(floppy_image *img, char *err, size_t errlen);

/* One drive: the disk in it and the head.  The controller steps the head and
 * samples the signals; the board inserts and ejects disks. */
/* Save state, version 1: track, connected, wp_flicker_until (the image is
 * referenced by path; dirty sectors need the image data itself). */
typedef struct floppy_drive {
    floppy_image *img;       /* NULL: empty */
    int track;               /* head position, 0..85 */
    bool connected;          /* drive present (drive B may be absent) */
    /* Inserting or ejecting a disk covers the write-protect sensor for a
     * moment: TOS detects media change from that. */
    int64_t wp_flicker_until;
} floppy_drive;

void floppy_drive_init(floppy_drive *d, bool connected);
/* Insert a disk at scheduler time `now` (an inserted disk is ejected first
 * and freed without flushing: eject it yourself to flush).  The drive owns img. */
void floppy_drive_insert(floppy_drive *d, floppy_image *img, int64_t now);
/* Eject at `now`: returns the image (the caller flushes and frees it), or NULL. */
floppy_image *floppy_drive_eject(floppy_drive *d, int64_t now);
/* Write-protect signal as the controller sees it at time `now`. */
bool floppy_drive_wprot(const floppy_drive *d, int64_t now);

#endif
