/* NCR 53C96 chip tests, no CPU, on an empty SCSI bus: Linux's esp_scsi
 * identification (configuration registers 2 and 3 read back: an ESP236),
 * the FIFO and its flags, chip and bus reset (the reset interrupt unless
 * CFG1 disables it), a selection that times out with "disconnected", the
 * interrupt register's read-to-clear, an illegal command; and the IRQ on
 * VIA2 CB2 with the PCR Linux sets. */
#include <stdbool.h>
#include <stdint.h>

#include "machines/mac/mac_via.h"
#include "machines/mac/ncr53c96.h"
#include "tests/tap.h"

typedef struct board {
    bool irq;
    int edges;
    mac_via *via;
} board;

static void on_irq(void *ctx, bool on)
{
    board *b = ctx;
    if (on && !b->irq)
        b->edges++;
    b->irq = on;
    if (b->via)
        mac_via_scsi_irq(b->via, on);
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
    return tap_done();
}
