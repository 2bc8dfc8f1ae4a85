/* NCR 53C96 SCSI Protocol Controller (NCR 53C94/95/96 data manual), as
 * wired in the Quadra 800.
 *
 *   pin / block     Quadra 800 wiring
 *   registers       I/O block $10000, one register every 16 bytes (A4-A7)
 *   DMA data        I/O block $10100: the pseudo-DMA port the CPU moves data through
 *   /INT            VIA2 CB2 (SCSI IRQ)
 *   DREQ            VIA2 CA2 (SCSI DRQ)
 *   CLK             16 MHz (clock conversion factor 4)
 *   SCSI bus        the targets of scsi_disk.c at IDs 0-6; the chip is ID 7
 *
 * The initiator sequences Linux's esp_scsi uses: selection with or without
 * ATN (its message and command bytes from the FIFO or through pseudo-DMA),
 * "function complete + bus service" with sequence step 4 once the command
 * is sent, transfer information with DMA in data phases (DREQ held while
 * bytes remain, "bus service" at the end), initiator command complete (status
 * and message to the FIFO, "function complete"), message accepted (the target
 * disconnects: "disconnected").  A selection nobody answers times out with
 * "disconnected".  Also the registers esp_scsi reads back to identify the
 * chip (configuration 2 and 3 kept: an ESP236-class part), the transfer
 * counter, chip and bus reset.  Not modelled: synchronous transfers (the
 * targets do not offer them), reselection, target mode, parity.
 */
#include "machines/mac/ncr53c96.h"

#include <stdlib.h>
#include <string.h>

enum {
    CMD_NOP = 0x00, CMD_FLUSH = 0x01, CMD_RESET = 0x02, CMD_BUS_RESET = 0x03, CMD_TI = 0x10,
    CMD_ICCS = 0x11, CMD_MSG_OK = 0x12, CMD_SET_ATN = 0x1A, CMD_RESET_ATN = 0x1B,
    CMD_SEL = 0x41, CMD_SELA = 0x42, CMD_SELAS = 0x43, CMD_ESEL = 0x44, CMD_DSEL = 0x45,
    CMD_SA3 = 0x46
};

/* Command phase to interrupt: the target answers quickly. */
#define STEP_DELAY 330 /* 10 us at 32.9 MHz */

static void update_irq(ncr53c96 *n)
{
    bool on = (n->status & NCR_STAT_INTR) != 0;
    if (on != n->irq_out) {
        n->irq_out = on;
        if (n->hooks.irq)
            n->hooks.irq(n->hooks.ctx, on);
    }
}

static void set_drq(ncr53c96 *n, bool on)
{
    if (on != n->drq_out) {
        n->drq_out = on;
        if (n->hooks.drq)
            n->hooks.drq(n->hooks.ctx, on);
    }
}

static void raise_intr(ncr53c96 *n, uint8_t intr, uint8_t seq)
{
    n->intr |= intr;
    n->seq = seq;
    n->status |= NCR_STAT_INTR;
    update_irq(n);
}

static void set_phase(ncr53c96 *n, int phase)
{
    n->phase = phase;
    n->status = (uint8_t)((n->status & ~7) | (phase & 7));
}

static void bus_free(ncr53c96 *n)
{
    n->connected = -1;
    n->dma = 0;
    set_drq(n, false);
    scsi_cmd_free(&n->cmd);
    n->status &= (uint8_t)~7;
}

/* Report `intr` after a short delay (the bus's own time). */
static void later(ncr53c96 *n, uint8_t intr, uint8_t seq, int64_t delay)
{
    n->pending_intr = intr;
    n->pending_seq = seq;
    sched_at(n->s, &n->ev, sched_now(n->s) + delay);
}

static void done_event(void *ctx, int64_t when)
{
    ncr53c96 *n = ctx;
    (void)when;
    raise_intr(n, n->pending_intr, n->pending_seq);
    n->pending_intr = 0;
}

static unsigned cdb_length(uint8_t op)
{
    switch (op >> 5) {
    case 0: return 6;
    case 1: case 2: return 10;
    case 4: return 16;
    case 5: return 12;
    default: return 6;
    }
}

static uint8_t fifo_pop(ncr53c96 *n)
{
    if (!n->fifo_count)
        return 0;
    uint8_t v = n->fifo[0];
    memmove(n->fifo, n->fifo + 1, --n->fifo_count);
    return v;
}

/* The selection itself, once its bytes are in the FIFO. */
static void do_select(ncr53c96 *n)
{
    int id = n->busid & 7;
    uint8_t cmd = n->select_cmd;
    n->selections++;
    scsi_disk *d = n->target[id];
    if (!d) {
        n->fifo_count = 0;
        later(n, NCR_INTR_DC, 0, n->select_delay);
        return;
    }
    n->connected = id;
    unsigned msgs = cmd == CMD_SEL ? 0 : cmd == CMD_SA3 ? 3 : 1;
    uint8_t identify = 0x80;
    for (unsigned i = 0; i < msgs; i++) {
        uint8_t m = fifo_pop(n);
        if (i == 0)
            identify = m;
    }
    if (cmd == CMD_SELAS) {
        /* Stop after the message byte, in message-out phase. */
        set_phase(n, NCR_PH_MSG_OUT);
        later(n, NCR_INTR_FDONE | 0x10, 1, STEP_DELAY);
        return;
    }
    scsi_cmd *c = &n->cmd;
    scsi_cmd_free(c);
    memset(c->cdb, 0, sizeof c->cdb);
    unsigned len = cdb_length(n->fifo_count ? n->fifo[0] : 0);
    for (unsigned i = 0; i < len && i < sizeof c->cdb; i++)
        c->cdb[i] = fifo_pop(n);
    n->fifo_count = 0;
    c->lun = (identify & 0x80) ? identify & 7 : (unsigned)(c->cdb[1] >> 5);
    scsi_disk_command(d, c);
    set_phase(n, c->dir == SCSI_DIR_IN    ? NCR_PH_DATA_IN
                 : c->dir == SCSI_DIR_OUT ? NCR_PH_DATA_OUT
                                          : NCR_PH_STATUS);
    later(n, NCR_INTR_FDONE | 0x10, 4, STEP_DELAY);
}

/* A DMA data phase ended (the counter ran out or the data did). */
static void dma_end(ncr53c96 *n)
{
    scsi_cmd *c = &n->cmd;
    n->dma = 0;
    set_drq(n, false);
    if (c->pos >= c->len) {
        if (c->dir == SCSI_DIR_OUT && n->connected >= 0)
            scsi_disk_data_out(n->target[n->connected], c);
        set_phase(n, NCR_PH_STATUS);
    }
    later(n, 0x10 /* bus service */, 0, STEP_DELAY);
}

uint8_t ncr53c96_dma_read(ncr53c96 *n)
{
    if (n->dma != NCR_PH_DATA_IN + 1)
        return fifo_pop(n);
    scsi_cmd *c = &n->cmd;
    uint8_t v = c->pos < c->len ? c->data[c->pos] : 0;
    c->pos++;
    if (n->tc)
        n->tc--;
    if (n->tc == 0 || c->pos >= c->len)
        dma_end(n);
    return v;
}

void ncr53c96_dma_write(ncr53c96 *n, uint8_t value)
{
    if (n->dma_select) {
        if (n->fifo_count < NCR_FIFO_SIZE)
            n->fifo[n->fifo_count++] = value;
        if (n->tc)
            n->tc--;
        if (n->tc == 0) {
            n->dma_select = false;
            set_drq(n, false);
            do_select(n);
        }
        return;
    }
    if (n->dma != NCR_PH_DATA_OUT + 1) {
        if (n->fifo_count < NCR_FIFO_SIZE)
            n->fifo[n->fifo_count++] = value;
        return;
    }
    scsi_cmd *c = &n->cmd;
    if (c->pos < c->len)
        c->data[c->pos] = value;
    c->pos++;
    if (n->tc)
        n->tc--;
    if (n->tc == 0 || c->pos >= c->len)
        dma_end(n);
}

void ncr53c96_init(ncr53c96 *n, sched *s, uint32_t select_delay, const ncr53c96_hooks *hooks)
{
    memset(n, 0, sizeof *n);
    n->s = s;
    n->hooks = *hooks;
    n->select_delay = select_delay ? select_delay : 1;
    n->connected = -1;
    sched_event_init(&n->ev, "ncr53c96.done", done_event, n);
    ncr53c96_reset(n);
}

void ncr53c96_attach(ncr53c96 *n, int id, scsi_disk *d)
{
    if (id >= 0 && id < 7)
        n->target[id] = d;
}

void ncr53c96_reset(ncr53c96 *n)
{
    sched_cancel(n->s, &n->ev);
    bus_free(n);
    n->tc = n->tc_start = 0;
    n->fifo_count = 0;
    n->cmd.data = NULL;
    n->cmd = (scsi_cmd){0};
    n->status = 0;
    n->intr = 0;
    n->seq = 0;
    n->pending_intr = 0;
    n->dma_select = false;
    n->cfg1 &= 0x07; /* the chip reset keeps CFG1's bus ID */
    n->cfg2 = n->cfg3 = 0;
    update_irq(n);
}

static void transfer_info(ncr53c96 *n, bool dma)
{
    scsi_cmd *c = &n->cmd;
    if (n->connected < 0) {
        raise_intr(n, NCR_INTR_IC, 0);
        return;
    }
    switch (n->phase) {
    case NCR_PH_DATA_IN:
    case NCR_PH_DATA_OUT:
        if (!dma || c->pos >= c->len) {
            raise_intr(n, NCR_INTR_IC, 0);
            return;
        }
        n->dma = n->phase + 1;
        set_drq(n, true);
        break;
    case NCR_PH_MSG_OUT:
        /* The message bytes from the FIFO; the target rejects anything but
         * what it was sent at selection, then asks for the command. */
        n->fifo_count = 0;
        set_phase(n, NCR_PH_COMMAND);
        later(n, 0x10, 0, STEP_DELAY);
        break;
    case NCR_PH_COMMAND: {
        scsi_disk *d = n->target[n->connected];
        scsi_cmd_free(c);
        memset(c->cdb, 0, sizeof c->cdb);
        unsigned len = cdb_length(n->fifo_count ? n->fifo[0] : 0);
        for (unsigned i = 0; i < len && i < sizeof c->cdb; i++)
            c->cdb[i] = fifo_pop(n);
        n->fifo_count = 0;
        scsi_disk_command(d, c);
        set_phase(n, c->dir == SCSI_DIR_IN    ? NCR_PH_DATA_IN
                     : c->dir == SCSI_DIR_OUT ? NCR_PH_DATA_OUT
                                              : NCR_PH_STATUS);
        later(n, 0x10, 0, STEP_DELAY);
        break;
    }
    default:
        raise_intr(n, NCR_INTR_IC, 0);
        break;
    }
}

static void command(ncr53c96 *n, uint8_t cmd)
{
    bool dma = (cmd & 0x80) != 0;
    n->cmd_reg = cmd;
    if (dma) /* the counter is loaded from the start value */
        n->tc = n->tc_start ? n->tc_start : 0x10000;
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
        bus_free(n);
        if (!(n->cfg1 & NCR_CFG1_SRRDISAB))
            raise_intr(n, NCR_INTR_SR, 0);
        break;
    case CMD_SEL:
    case CMD_SELA:
    case CMD_SELAS:
    case CMD_SA3:
        n->select_cmd = cmd & 0x7F;
        if (dma) {
            /* The message and command bytes come through the DMA port. */
            n->dma_select = true;
            set_drq(n, true);
        } else {
            do_select(n);
        }
        break;
    case CMD_TI:
        transfer_info(n, dma);
        break;
    case CMD_ICCS:
        if (n->connected < 0 || n->phase != NCR_PH_STATUS) {
            raise_intr(n, NCR_INTR_IC, 0);
            break;
        }
        n->fifo_count = 0;
        n->fifo[n->fifo_count++] = n->cmd.status;
        n->fifo[n->fifo_count++] = 0x00; /* COMMAND COMPLETE */
        set_phase(n, NCR_PH_MSG_IN);
        later(n, NCR_INTR_FDONE, 0, STEP_DELAY);
        break;
    case CMD_MSG_OK:
        if (n->connected < 0) {
            raise_intr(n, NCR_INTR_IC, 0);
            break;
        }
        /* After COMMAND COMPLETE the target leaves the bus. */
        bus_free(n);
        later(n, NCR_INTR_DC, 0, STEP_DELAY);
        break;
    case CMD_SET_ATN:
    case CMD_RESET_ATN:
    case CMD_ESEL:
    case CMD_DSEL:
        break;
    default:
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
    case NCR_FIFO:
        return fifo_pop(n);
    case NCR_CMD:
        return n->cmd_reg;
    case NCR_STATUS:
        return (uint8_t)(n->status | (n->tc == 0 ? NCR_STAT_TCNT : 0));
    case NCR_INTR: {
        /* Reading the interrupt register clears it and the status
         * register's interrupt bit. */
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
