/* NCR 53C96 SCSI Protocol Controller (NCR 53C94/95/96 data manual), as
 * wired in the Quadra 800.
 *
 *   pin / block     Quadra 800 wiring
 *   registers       I/O block $10000, one register every 16 bytes (A4-A7)
 *   DMA data        I/O block $10100: the pseudo-DMA port (the FIFO here)
 *   /INT            VIA2 CB2 (SCSI IRQ)
 *   DREQ            VIA2 CA2 (SCSI DRQ): never raised, no data phase yet
 *   CLK             16 MHz (clock conversion factor 4)
 *   SCSI bus        no targets: every selection ends with "disconnected"
 *
 * Modelled: the registers Linux's esp_scsi reads back to identify the chip
 * (configuration 2 and 3 kept: an ESP236-class part), the FIFO, the transfer
 * counter, chip and bus reset (the bus reset interrupt unless CFG1 disables
 * it), selection with and without ATN timing out after `select_delay`, and
 * the interrupt register's read-to-clear.  Commands that need a connected
 * target report an illegal command.
 */
#include "machines/mac/ncr53c96.h"

#include <string.h>

enum {
    CMD_NOP = 0x00, CMD_FLUSH = 0x01, CMD_RESET = 0x02, CMD_BUS_RESET = 0x03,
    CMD_SEL = 0x41, CMD_SELA = 0x42, CMD_SELAS = 0x43, CMD_ESEL = 0x44, CMD_DSEL = 0x45,
    CMD_SA3 = 0x46
};

static void update_irq(ncr53c96 *n)
{
    bool on = (n->status & NCR_STAT_INTR) != 0;
    if (on != n->irq_out) {
        n->irq_out = on;
        if (n->hooks.irq)
            n->hooks.irq(n->hooks.ctx, on);
    }
}

static void raise_intr(ncr53c96 *n, uint8_t intr, uint8_t seq)
{
    n->intr |= intr;
    n->seq = seq;
    n->status |= NCR_STAT_INTR;
    update_irq(n);
}

static void done_event(void *ctx, int64_t when)
{
    ncr53c96 *n = ctx;
    (void)when;
    /* The selection timed out: the bus is free again. */
    raise_intr(n, n->pending_intr, 0);
    n->pending_intr = 0;
}

void ncr53c96_init(ncr53c96 *n, sched *s, uint32_t select_delay, const ncr53c96_hooks *hooks)
{
    memset(n, 0, sizeof *n);
    n->s = s;
    n->hooks = *hooks;
    n->select_delay = select_delay ? select_delay : 1;
    sched_event_init(&n->ev, "ncr53c96.done", done_event, n);
    ncr53c96_reset(n);
}

void ncr53c96_reset(ncr53c96 *n)
{
    sched_cancel(n->s, &n->ev);
    n->tc = n->tc_start = 0;
    n->fifo_count = 0;
    n->cmd = 0;
    n->status = 0;
    n->intr = 0;
    n->seq = 0;
    n->pending_intr = 0;
    n->cfg1 &= 0x07; /* the chip reset keeps CFG1's bus ID */
    n->cfg2 = n->cfg3 = 0;
    update_irq(n);
}

static void command(ncr53c96 *n, uint8_t cmd)
{
    n->cmd = cmd;
    if (cmd & 0x80) /* DMA: the counter is loaded from the start value */
        n->tc = n->tc_start;
    switch (cmd & 0x7F) {
    case CMD_NOP:
        break;
    case CMD_FLUSH:
        n->fifo_count = 0;
        break;
    case CMD_RESET:
        ncr53c96_reset(n);
        break;
    case CMD_BUS_RESET:
        if (!(n->cfg1 & NCR_CFG1_SRRDISAB))
            raise_intr(n, NCR_INTR_SR, 0);
        break;
    case CMD_SEL:
    case CMD_SELA:
    case CMD_SELAS:
    case CMD_SA3:
        /* Arbitration is won, nobody answers at the bus ID: time out. */
        n->selections++;
        n->pending_intr = NCR_INTR_DC;
        sched_at(n->s, &n->ev, sched_now(n->s) + n->select_delay);
        break;
    case CMD_ESEL:
    case CMD_DSEL:
        break;
    default:
        /* Initiator and target commands need a connected device. */
        raise_intr(n, NCR_INTR_IC, 0);
        break;
    }
}

uint8_t ncr53c96_read(ncr53c96 *n, unsigned reg)
{
    switch (reg & 15) {
    case NCR_TCLO:
        return (uint8_t)n->tc;
    case NCR_TCMID:
        return (uint8_t)(n->tc >> 8);
    case NCR_FIFO: {
        if (!n->fifo_count)
            return 0;
        uint8_t v = n->fifo[0];
        memmove(n->fifo, n->fifo + 1, --n->fifo_count);
        return v;
    }
    case NCR_CMD:
        return n->cmd;
    case NCR_STATUS:
        return (uint8_t)(n->status | (n->tc == 0 ? NCR_STAT_TCNT : 0));
    case NCR_INTR: {
        /* Reading the interrupt register clears it, the status register's
         * interrupt bit and the sequence step. */
        uint8_t v = n->intr;
        n->intr = 0;
        n->status &= (uint8_t)~NCR_STAT_INTR;
        update_irq(n);
        return v;
    }
    case NCR_SEQ:
        return (uint8_t)(n->seq & 7);
    case NCR_FFLAGS:
        return (uint8_t)((n->fifo_count & 0x1F) | ((n->seq & 7) << 5));
    case NCR_CFG1:
        return n->cfg1;
    case NCR_CFG2:
        return n->cfg2;
    case NCR_CFG3:
        return n->cfg3;
    default:
        return 0;
    }
}

void ncr53c96_write(ncr53c96 *n, unsigned reg, uint8_t value)
{
    switch (reg & 15) {
    case NCR_TCLO:
        n->tc_start = (n->tc_start & 0xFF00) | value;
        break;
    case NCR_TCMID:
        n->tc_start = (n->tc_start & 0x00FF) | ((uint32_t)value << 8);
        break;
    case NCR_FIFO:
        if (n->fifo_count < NCR_FIFO_SIZE)
            n->fifo[n->fifo_count++] = value;
        break;
    case NCR_CMD:
        command(n, value);
        break;
    case NCR_STATUS:
        n->busid = value;
        break;
    case NCR_INTR:
        n->timeout = value;
        break;
    case NCR_CFG1:
        n->cfg1 = value;
        break;
    case NCR_CLOCK:
        n->clock = value;
        break;
    case NCR_CFG2:
        n->cfg2 = value;
        break;
    case NCR_CFG3:
        n->cfg3 = value;
        break;
    default:
        break;
    }
}
