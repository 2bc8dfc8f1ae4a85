/* NCR 53C96 SCSI controller (the Quadra 800's "ESP", an ESP236-class chip
 * with the three configuration registers) as initiator, with the targets
 * attached to its bus (scsi_disk.c): selection, message out, command, data
 * in and out through pseudo-DMA, status and message in, disconnect. */
#ifndef TANDEM_MAC_NCR53C96_H
#define TANDEM_MAC_NCR53C96_H

#include <stdbool.h>
#include <stdint.h>

#include "machines/mac/scsi_disk.h"
#include "machines/sched.h"

/* Registers (read name / write name). */
enum {
    NCR_TCLO, NCR_TCMID, NCR_FIFO, NCR_CMD, NCR_STATUS /* W: bus ID */,
    NCR_INTR /* W: select timeout */, NCR_SEQ /* W: sync period */,
    NCR_FFLAGS /* W: sync offset */, NCR_CFG1, NCR_CLOCK /* W */, NCR_TEST /* W */,
    NCR_CFG2, NCR_CFG3, NCR_R13, NCR_TCHI, NCR_R15
};

#define NCR_STAT_INTR 0x80
#define NCR_STAT_TCNT 0x10
#define NCR_INTR_FDONE 0x08
#define NCR_INTR_DC 0x20
#define NCR_INTR_IC 0x40
#define NCR_INTR_SR 0x80
#define NCR_CFG1_SRRDISAB 0x40
#define NCR_FIFO_SIZE 16

/* SCSI bus phases, as the status register's low three bits show them. */
enum { NCR_PH_DATA_OUT = 0, NCR_PH_DATA_IN = 1, NCR_PH_COMMAND = 2, NCR_PH_STATUS = 3,
       NCR_PH_MSG_OUT = 6, NCR_PH_MSG_IN = 7 };

typedef struct ncr53c96_hooks {
    void *ctx;
    void (*irq)(void *ctx, bool asserted);
    /* DREQ: the chip wants the pseudo-DMA port read or written. */
    void (*drq)(void *ctx, bool asserted);
} ncr53c96_hooks;

/* Save state, version 1: tc, tc_start, fifo, fifo_count, cmd_reg, status,
 * intr, seq, busid, timeout, cfg1-3, clock, pending_intr/seq, irq_out,
 * drq_out, connected, phase, dma, dma_select, select_cmd, the command in
 * progress and the event ("ncr53c96.done": active, when).  s, hooks and
 * the targets are wiring. */
typedef struct ncr53c96 {
    sched *s;
    ncr53c96_hooks hooks;
    uint32_t select_delay; /* scheduler cycles until a selection times out */
    uint32_t tc, tc_start; /* transfer counter and the value it was loaded with */
    uint8_t fifo[NCR_FIFO_SIZE];
    unsigned fifo_count;
    uint8_t cmd_reg, status, intr, seq, busid, timeout, cfg1, cfg2, cfg3, clock;
    uint8_t pending_intr;  /* what the pending event will report */
    uint8_t pending_seq;
    bool irq_out, drq_out;
    sched_event ev;
    uint64_t selections;   /* for tests */
    /* The bus. */
    scsi_disk *target[8];  /* attached targets by ID (not owned) */
    int connected;         /* the target on the bus, -1 when it is free */
    int phase;             /* NCR_PH_* while connected */
    int dma;               /* DMA in progress: 0, or the phase it serves */
    bool dma_select;       /* the DMA fills the FIFO for a selection */
    uint8_t select_cmd;    /* the selection command waiting for its bytes */
    scsi_cmd cmd;
} ncr53c96;

/* select_delay: scheduler cycles a selection takes to time out (the real
 * chip waits for its timeout register, about 250 ms; a short wait keeps
 * Linux's scan of seven empty IDs quick). */
void ncr53c96_init(ncr53c96 *n, sched *s, uint32_t select_delay, const ncr53c96_hooks *hooks);
void ncr53c96_reset(ncr53c96 *n);
uint8_t ncr53c96_read(ncr53c96 *n, unsigned reg);
void ncr53c96_write(ncr53c96 *n, unsigned reg, uint8_t value);
/* The pseudo-DMA port: a byte to or from the transfer in progress (the FIFO
 * when there is none). */
uint8_t ncr53c96_dma_read(ncr53c96 *n);
void ncr53c96_dma_write(ncr53c96 *n, uint8_t value);
/* Attach a target at `id` (0-6; NULL to detach). */
void ncr53c96_attach(ncr53c96 *n, int id, scsi_disk *d);

#endif
