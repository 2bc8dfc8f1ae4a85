/* NCR 53C96 chip tests, no CPU: Linux's esp_scsi identification
 * (configuration registers 2 and 3 read back: an ESP236), the FIFO and its
 * flags, chip and bus reset (the reset interrupt unless CFG1 disables it), a
 * selection nobody answers ("disconnected"), the interrupt register's
 * read-to-clear, an illegal command, the IRQ on VIA2 CB2 with the PCR Linux
 * sets; then a disk image at ID 0 through every phase as esp_scsi and
 * mac_esp drive them (selection from the FIFO and through the pseudo-DMA
 * port, data in and out with DREQ, status, message, disconnect): INQUIRY,
 * READ, WRITE, errors and REQUEST SENSE, LUN 1, a read-only image. */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "machines/mac/mac_via.h"
#include "machines/mac/ncr53c96.h"
#include "tests/tap.h"

typedef struct board {
    bool irq, drq;
    int edges;
    mac_via *via;
} board;

static void on_drq(void *ctx, bool on)
{
    ((board *)ctx)->drq = on;
}

static void on_irq(void *ctx, bool on)
{
    board *b = ctx;
    if (on && !b->irq)
        b->edges++;
    b->irq = on;
    if (b->via)
        mac_via_scsi_irq(b->via, on);
}

/* Wait for the chip's interrupt and read it (as esp_scsi does: status,
 * step, then the interrupt register). */
static uint8_t intr_of(ncr53c96 *n, sched *s, uint8_t *status, uint8_t *seq)
{
    for (int i = 0; i < 100 && !(ncr53c96_read(n, NCR_STATUS) & NCR_STAT_INTR); i++)
        sched_advance(s, s->base + 100);
    *status = ncr53c96_read(n, NCR_STATUS);
    *seq = ncr53c96_read(n, NCR_SEQ);
    return ncr53c96_read(n, NCR_INTR);
}

/* Status and message in, message accepted, disconnect; returns the status. */
static int finish(ncr53c96 *n, sched *s)
{
    uint8_t st, seq;
    ncr53c96_write(n, NCR_CMD, 0x11); /* initiator command complete */
    if (intr_of(n, s, &st, &seq) != NCR_INTR_FDONE)
        return -1;
    uint8_t status = ncr53c96_read(n, NCR_FIFO), msg = ncr53c96_read(n, NCR_FIFO);
    ncr53c96_write(n, NCR_CMD, 0x12); /* message accepted */
    if (intr_of(n, s, &st, &seq) != NCR_INTR_DC || msg != 0)
        return -1;
    return status;
}

/* Select target 0 through the DMA port with IDENTIFY and `cdb`; true when
 * the command phase completed (function complete + bus service, step 4). */
static uint8_t identify = 0x80;

static bool select_dma(ncr53c96 *n, sched *s, board *b, const uint8_t *cdb, unsigned len,
                       uint8_t *phase)
{
    ncr53c96_write(n, NCR_STATUS, 0);
    ncr53c96_write(n, NCR_TCLO, (uint8_t)(len + 1));
    ncr53c96_write(n, NCR_TCMID, 0);
    ncr53c96_write(n, NCR_CMD, 0xC2); /* select with ATN, DMA */
    if (!b->drq)
        return false;
    ncr53c96_dma_write(n, identify);
    for (unsigned i = 0; i < len; i++)
        ncr53c96_dma_write(n, cdb[i]);
    uint8_t st, seq;
    uint8_t in = intr_of(n, s, &st, &seq);
    *phase = st & 7;
    return in == (NCR_INTR_FDONE | 0x10) && seq == 4 && !b->drq;
}

/* A data phase through the DMA port, `len` bytes. */
static bool dma_data(ncr53c96 *n, sched *s, board *b, uint8_t *buf, unsigned len, bool in)
{
    ncr53c96_write(n, NCR_TCLO, (uint8_t)len);
    ncr53c96_write(n, NCR_TCMID, (uint8_t)(len >> 8));
    ncr53c96_write(n, NCR_CMD, 0x90); /* transfer information, DMA */
    bool drq = b->drq;
    for (unsigned i = 0; i < len; i++) {
        if (in)
            buf[i] = ncr53c96_dma_read(n);
        else
            ncr53c96_dma_write(n, buf[i]);
    }
    uint8_t st, seq;
    return drq && !b->drq && intr_of(n, s, &st, &seq) == 0x10 &&
           (ncr53c96_read(n, NCR_STATUS) & NCR_STAT_TCNT);
}

static void test_target(void)
{
    char path[] = "/tmp/test_mac_scsi.XXXXXX";
    int fd = mkstemp(path);
    static uint8_t image[64 * 1024];
    for (size_t i = 0; i < sizeof image; i++)
        image[i] = (uint8_t)(i * 7 + (i >> 9));
    if (fd < 0 || write(fd, image, sizeof image) != (ssize_t)sizeof image) {
        tap_skip("no temporary file", "SCSI target tests");
        return;
    }
    close(fd);
    sched s;
    sched_init(&s);
    board b = {0};
    ncr53c96 n;
    ncr53c96_init(&n, &s, 1000, &(ncr53c96_hooks){.ctx = &b, .irq = on_irq, .drq = on_drq});
    scsi_disk d;
    char err[256];
    tap_ok(scsi_disk_open(&d, path, false, true, err, sizeof err) && d.blocks == 128,
           "a 64 KB image is a disk of 128 blocks %s", err);
    ncr53c96_attach(&n, 0, &d);

    /* INQUIRY with the bytes in the FIFO (programmed I/O). */
    ncr53c96_write(&n, NCR_STATUS, 0);
    static const uint8_t inquiry[] = {0x80, 0x12, 0, 0, 0, 36, 0};
    for (size_t i = 0; i < sizeof inquiry; i++)
        ncr53c96_write(&n, NCR_FIFO, inquiry[i]);
    ncr53c96_write(&n, NCR_CMD, 0x42);
    uint8_t st, seq;
    uint8_t in = intr_of(&n, &s, &st, &seq);
    tap_ok(in == (NCR_INTR_FDONE | 0x10) && seq == 4 && (st & 7) == NCR_PH_DATA_IN,
           "selected: command sent (intr $%02x, step %u), data-in phase", in, seq);
    uint8_t buf[512];
    tap_ok(dma_data(&n, &s, &b, buf, 36, true) && buf[0] == 0 && buf[2] == 2 &&
               memcmp(buf + 8, "TANDEM  ", 8) == 0,
           "INQUIRY data through the DMA port with DREQ, then bus service");
    tap_ok((ncr53c96_read(&n, NCR_STATUS) & 7) == NCR_PH_STATUS && finish(&n, &s) == 0,
           "status phase, GOOD, COMMAND COMPLETE, disconnect");

    /* READ(6) of block 5, the selection bytes through DMA. */
    uint8_t ph;
    static const uint8_t read6[] = {0x08, 0, 0, 5, 1, 0};
    tap_ok(select_dma(&n, &s, &b, read6, 6, &ph) && ph == NCR_PH_DATA_IN,
           "selection with its bytes through the DMA port");
    tap_ok(dma_data(&n, &s, &b, buf, 512, true) && memcmp(buf, image + 5 * 512, 512) == 0 &&
               finish(&n, &s) == 0,
           "READ(6): block 5 of the image");

    /* WRITE(10) of block 9, then the file holds it. */
    static const uint8_t write10[] = {0x2A, 0, 0, 0, 0, 9, 0, 0, 1, 0};
    for (int i = 0; i < 512; i++)
        buf[i] = (uint8_t)(0xA5 ^ i);
    tap_ok(select_dma(&n, &s, &b, write10, 10, &ph) && ph == NCR_PH_DATA_OUT &&
               dma_data(&n, &s, &b, buf, 512, false) && finish(&n, &s) == 0,
           "WRITE(10): data out through the DMA port, GOOD");
    uint8_t back[512] = {0};
    FILE *f = fopen(path, "rb");
    bool same = f && fseek(f, 9 * 512, SEEK_SET) == 0 && fread(back, 1, 512, f) == 512 &&
                memcmp(back, buf, 512) == 0;
    if (f)
        fclose(f);
    tap_ok(same && d.writes == 1, "the image file holds the written block");

    /* Past the end: CHECK CONDITION, then REQUEST SENSE says why. */
    static const uint8_t bad[] = {0x28, 0, 0, 0, 1, 0, 0, 0, 1, 0};
    tap_ok(select_dma(&n, &s, &b, bad, 10, &ph) && ph == NCR_PH_STATUS && finish(&n, &s) == 2,
           "READ past the end: no data phase, CHECK CONDITION");
    static const uint8_t sense[] = {0x03, 0, 0, 0, 18, 0};
    tap_ok(select_dma(&n, &s, &b, sense, 6, &ph) && dma_data(&n, &s, &b, buf, 18, true) &&
               finish(&n, &s) == 0 && buf[0] == 0x70 && buf[2] == 5 && buf[12] == 0x21,
           "REQUEST SENSE: illegal request, LBA out of range");
    static const uint8_t inq_lun1[] = {0x12, 0x20, 0, 0, 36, 0};
    identify = 0x81; /* IDENTIFY, LUN 1 */
    bool lun1 = select_dma(&n, &s, &b, inq_lun1, 6, &ph) && dma_data(&n, &s, &b, buf, 36, true) &&
               finish(&n, &s) == 0 && buf[0] == 0x7F;
    identify = 0x80;
    tap_ok(lun1, "INQUIRY of LUN 1: not present");
    scsi_disk_close(&d);
    tap_ok(scsi_disk_open(&d, path, false, false, err, sizeof err), "opened read-only");
    tap_ok(select_dma(&n, &s, &b, write10, 10, &ph) && ph == NCR_PH_STATUS &&
               finish(&n, &s) == 2,
           "WRITE to a read-only image: CHECK CONDITION (data protect)");
    scsi_disk_close(&d);
    /* The same file as a CD-ROM image: 2048-byte blocks, read only. */
    tap_ok(scsi_disk_open(&d, path, true, true, err, sizeof err) && d.blocks == 32 &&
               !d.writable,
           "as a CD-ROM: 32 blocks of 2048 bytes, read only");
    static const uint8_t inq[] = {0x12, 0, 0, 0, 36, 0}, cap[] = {0x25, 0, 0, 0, 0, 0, 0, 0, 0, 0};
    tap_ok(select_dma(&n, &s, &b, inq, 6, &ph) && dma_data(&n, &s, &b, buf, 36, true) &&
               finish(&n, &s) == 0 && buf[0] == 5 && (buf[1] & 0x80),
           "CD-ROM INQUIRY: type 5, removable");
    tap_ok(select_dma(&n, &s, &b, cap, 10, &ph) && dma_data(&n, &s, &b, buf, 8, true) &&
               finish(&n, &s) == 0 && buf[3] == 31 && buf[6] == 0x08 && buf[7] == 0,
           "READ CAPACITY: last block 31, 2048 bytes");
    scsi_disk_close(&d);
    if (truncate(path, 1000) != 0)
        tap_diag("truncate failed");
    tap_ok(!scsi_disk_open(&d, path, false, false, err, sizeof err) && strstr(err, "512-byte"),
           "an image that is not whole blocks is refused: %s", err);
    unlink(path);
}

int main(void)
{
    sched s;
    sched_init(&s);
    board b = {0};
    ncr53c96 n;
    ncr53c96_init(&n, &s, 1000, &(ncr53c96_hooks){.ctx = &b, .irq = on_irq});

    /* esp_get_revision */
    ncr53c96_write(&n, NCR_CFG2, 0x0A);
    tap_ok((ncr53c96_read(&n, NCR_CFG2) & ~0xE0) == 0x0A, "CFG2 reads back (not an ESP100)");
    ncr53c96_write(&n, NCR_CFG3, 0);
    ncr53c96_write(&n, NCR_CFG3, 5);
    tap_ok(ncr53c96_read(&n, NCR_CFG3) == 5, "CFG3 reads back (not an ESP100A)");

    for (int i = 0; i < 3; i++)
        ncr53c96_write(&n, NCR_FIFO, (uint8_t)(0x80 + i));
    tap_ok((ncr53c96_read(&n, NCR_FFLAGS) & 0x1F) == 3 && ncr53c96_read(&n, NCR_FIFO) == 0x80,
           "FIFO: three bytes in, the first comes out first");
    ncr53c96_write(&n, NCR_CMD, 0x01);
    tap_ok((ncr53c96_read(&n, NCR_FFLAGS) & 0x1F) == 0, "flush empties it");

    ncr53c96_write(&n, NCR_TCLO, 0x34);
    ncr53c96_write(&n, NCR_TCMID, 0x12);
    ncr53c96_write(&n, NCR_CMD, 0x80); /* NOP with DMA loads the counter */
    tap_ok(ncr53c96_read(&n, NCR_TCLO) == 0x34 && ncr53c96_read(&n, NCR_TCMID) == 0x12 &&
               !(ncr53c96_read(&n, NCR_STATUS) & NCR_STAT_TCNT),
           "transfer counter loaded by a DMA command");

    ncr53c96_write(&n, NCR_CFG1, 0x47); /* ID 7, reset reports off */
    ncr53c96_write(&n, NCR_CMD, 0x03);
    tap_ok(!b.irq && !(ncr53c96_read(&n, NCR_STATUS) & NCR_STAT_INTR),
           "bus reset with CFG1 $40: no interrupt");
    ncr53c96_write(&n, NCR_CFG1, 0x07);
    ncr53c96_write(&n, NCR_CMD, 0x03);
    tap_ok(b.irq && ncr53c96_read(&n, NCR_INTR) == NCR_INTR_SR && !b.irq,
           "bus reset: SCSI-reset interrupt, cleared by reading INTR");

    ncr53c96_write(&n, NCR_STATUS, 0x02); /* bus ID 2 */
    ncr53c96_write(&n, NCR_FIFO, 0x80);   /* IDENTIFY */
    ncr53c96_write(&n, NCR_CMD, 0x42);    /* select with ATN */
    tap_ok(!b.irq, "selection in progress: no interrupt yet");
    sched_advance(&s, 999);
    tap_ok(!b.irq, "still waiting before the timeout");
    sched_advance(&s, 1000);
    uint8_t st = ncr53c96_read(&n, NCR_STATUS), seq = ncr53c96_read(&n, NCR_SEQ);
    tap_ok(b.irq && (st & NCR_STAT_INTR) && seq == 0, "nobody answered: interrupt, step 0");
    tap_ok(ncr53c96_read(&n, NCR_INTR) == NCR_INTR_DC && !b.irq &&
               !(ncr53c96_read(&n, NCR_STATUS) & NCR_STAT_INTR),
           "INTR says disconnected and reading it clears the interrupt");
    ncr53c96_write(&n, NCR_CMD, 0x10); /* transfer information: nobody there */
    tap_ok(b.irq && ncr53c96_read(&n, NCR_INTR) == NCR_INTR_IC,
           "a command that needs a target is illegal");
    ncr53c96_write(&n, NCR_CMD, 0x02);
    tap_ok(ncr53c96_read(&n, NCR_CFG2) == 0 && (ncr53c96_read(&n, NCR_CFG1) & 7) == 7,
           "chip reset clears CFG2, keeps CFG1's ID");

    /* Wiring: the IRQ reaches VIA2 CB2 as a falling edge (Linux's PCR $22). */
    mac_via via;
    mac_via_init(&via, &s, 42, 0, &(mac_via_hooks){0});
    b.via = &via;
    uint32_t v;
    mac_via_write(&via, 0x2000 | (VIA_PCR << 9), 1, 0x22);
    mac_via_write(&via, 0x2000 | (VIA_IER << 9), 1, 0x80 | VIA_INT_CB2);
    ncr53c96_write(&n, NCR_CMD, 0x42);
    sched_advance(&s, s.base + 1000);
    mac_via_read(&via, 0x2000 | (VIA_IFR << 9), 1, &v);
    tap_ok((v & (0x80 | VIA_INT_CB2)) == (0x80 | VIA_INT_CB2), "SCSI IRQ flags VIA2 CB2 ($%02x)",
           (unsigned)v);
    test_target();
    return tap_done();
}
