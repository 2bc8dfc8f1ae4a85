/* A SCSI direct-access (hard disk) or CD-ROM target backed by an image file:
 * the commands Linux's sd/sr and the Mac need (INQUIRY, READ CAPACITY, READ
 * and WRITE 6/10, MODE SENSE, REQUEST SENSE ...). */
#ifndef TANDEM_MAC_SCSI_DISK_H
#define TANDEM_MAC_SCSI_DISK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

enum { SCSI_DIR_NONE, SCSI_DIR_IN, SCSI_DIR_OUT };
#define SCSI_STATUS_GOOD 0x00
#define SCSI_STATUS_CHECK 0x02

/* One command as the controller carries it between the phases. */
typedef struct scsi_cmd {
    uint8_t cdb[16];
    unsigned lun;
    int dir;         /* after scsi_disk_command: the data phase */
    uint8_t *data;   /* data-in bytes, or the buffer for data-out ones */
    uint32_t len;    /* bytes in the data phase */
    uint32_t pos;    /* bytes moved so far */
    uint8_t status;
} scsi_cmd;

typedef struct scsi_disk {
    FILE *f;
    bool writable, cdrom;
    uint32_t block_size, blocks;
    uint8_t sense_key, asc; /* for REQUEST SENSE */
    uint64_t reads, writes; /* blocks, for tests */
} scsi_disk;

/* Open an image: a hard disk (a multiple of 512 bytes) or a CD-ROM (2048-byte
 * blocks, always read-only).  false with a translated message. */
bool scsi_disk_open(scsi_disk *d, const char *path, bool cdrom, bool writable, char *err,
                    size_t errlen);
void scsi_disk_close(scsi_disk *d);

/* Decode and start a command: sets c->dir, c->len and, for data in, fills
 * c->data; for data out allocates c->data for the bytes to come.  The status
 * is final unless the command writes (then after scsi_disk_data_out). */
void scsi_disk_command(scsi_disk *d, scsi_cmd *c);
/* The data-out bytes arrived: perform the write. */
void scsi_disk_data_out(scsi_disk *d, scsi_cmd *c);
void scsi_cmd_free(scsi_cmd *c);

#endif
