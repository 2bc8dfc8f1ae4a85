/* MC68901 Multi-Function Peripheral (MFP): the ST's timers, GPIP and
 * vectored interrupt controller.  See mfp.c for the ST wiring. */
#ifndef TANDEM_ST_MFP_H
#define TANDEM_ST_MFP_H

#include <stdbool.h>
#include <stdint.h>

#include "machines/sched.h"

/* Registers, by register number (the ST puts register n at $FFFA01 + 2n). */
enum {
    MFP_GPDR, MFP_AER, MFP_DDR, MFP_IERA, MFP_IERB, MFP_IPRA, MFP_IPRB, MFP_ISRA,
    MFP_ISRB, MFP_IMRA, MFP_IMRB, MFP_VR, MFP_TACR, MFP_TBCR, MFP_TCDCR, MFP_TADR,
    MFP_TBDR, MFP_TCDR, MFP_TDDR, MFP_SCR, MFP_UCR, MFP_RSR, MFP_TSR, MFP_UDR,
    MFP_NREGS
};

/* The 16 interrupt sources, numbered as the vector's low 4 bits (15 = highest
 * priority).  Bits 15..8 live in the A registers, 7..0 in the B registers. */
enum {
    MFP_INT_GPIP0 = 0, MFP_INT_GPIP1, MFP_INT_GPIP2, MFP_INT_GPIP3, MFP_INT_TIMER_D,
    MFP_INT_TIMER_C, MFP_INT_GPIP4, MFP_INT_GPIP5, MFP_INT_TIMER_B, MFP_INT_TX_ERROR,
    MFP_INT_TX_EMPTY, MFP_INT_RX_ERROR, MFP_INT_RX_FULL, MFP_INT_TIMER_A, MFP_INT_GPIP6,
    MFP_INT_GPIP7
};

enum { MFP_TIMER_A, MFP_TIMER_B, MFP_TIMER_C, MFP_TIMER_D };

/* The MFP's clock is 2.4576 MHz; scheduler time is in CPU cycles.  One MFP
 * clock is cpu_hz/2457600 CPU cycles, kept as the exact fraction num/den. */
#define MFP_CLOCK_HZ 2457600

typedef struct mfp_hooks {
    void *ctx;
    /* The IRQ output (active when any enabled, unmasked interrupt is pending
     * above the in-service level).  The ST wires it to IPL 6. */
    void (*irq)(void *ctx, bool asserted);
    /* A byte written to the USART data register (optional). */
    void (*usart_tx)(void *ctx, uint8_t byte);
} mfp_hooks;

typedef struct mfp_timer {
    struct mfp *owner;
    uint8_t ctrl;      /* 0 stopped, 1-7 delay (prescaler), 8 event count, 9-15 pulse width */
    uint8_t data;      /* reload value (0 means 256) */
    /* Delay mode: counting started at MFP clock `start` with counter `start_count`
     * (1..256); the counter value at any time is computed from the clock. */
    int64_t start;
    unsigned start_count;
    unsigned count;    /* stopped or event-count mode: the live counter (1..256) */
    sched_event ev;    /* next expiry (delay mode with the channel enabled only) */
} mfp_timer;

/* Save state, version 1: gpip_in, gpdr, aer, ddr, ier, ipr, isr, imr, vr,
 * scr, ucr, rsr, tsr, udr, irq_out, timer_in; per timer ctrl, data, start, start_count,
 * count and its event ("mfp.timer_a".."mfp.timer_d": active, when).  s, hooks,
 * cpu_hz and clk_num/den are wiring, set again by mfp_init. */
typedef struct mfp {
    sched *s;
    mfp_hooks hooks;
    uint32_t cpu_hz;        /* scheduler cycles per second (8000000 on the ST) */
    uint32_t clk_num, clk_den; /* MFP clocks per CPU cycle, reduced (192/625) */
    uint8_t gpip_in;        /* levels on the GPIP pins from the board */
    uint8_t gpdr;           /* output latch for pins configured as outputs */
    uint8_t aer, ddr;
    uint16_t ier, ipr, isr, imr; /* A in bits 15..8, B in bits 7..0 */
    uint8_t vr;
    mfp_timer t[4];
    uint8_t scr, ucr, rsr, tsr, udr;
    bool irq_out;
    bool timer_in[2];       /* TAI, TBI levels */
} mfp;

/* cpu_hz: the scheduler's clock (8000000 for the ST). */
void mfp_init(mfp *m, sched *s, uint32_t cpu_hz, const mfp_hooks *hooks);
void mfp_reset(mfp *m);

/* Bus access.  offset is relative to the MFP's base ($FFFA00 on the ST): the
 * registers sit on odd bytes (register n at offset 2n+1, n < 24).  Even bytes
 * and offsets past $2F are a bus error on the ST (MEM_FAULT_BUS); a word access
 * returns $FF in the high byte.  Same contract as mem_device_ops. */
int mfp_read(mfp *m, uint32_t offset, unsigned size, uint32_t *value);
int mfp_write(mfp *m, uint32_t offset, unsigned size, uint32_t value);
/* By register number, for the board and tests. */
uint8_t mfp_read_reg(mfp *m, unsigned reg);
void mfp_write_reg(mfp *m, unsigned reg, uint8_t value);

/* The board drives a GPIP input pin (0..7) to a level; an edge that matches
 * the active edge register sets the pin's interrupt pending. */
void mfp_set_gpip(mfp *m, unsigned pin, bool level);
/* One active transition on a timer's event input (TAI for timer A, TBI for
 * timer B: on the ST, TBI is display enable, pulsed once per visible line).
 * Counts only when the timer is in event-count mode. */
void mfp_timer_event(mfp *m, unsigned timer);
/* The level on TAI (timer 0) or TBI (timer 1).  The active edge follows the
 * AER bit of GPIP 4 (TAI) or GPIP 3 (TBI): 0 = falling, 1 = rising; an active
 * edge counts as mfp_timer_event.  A board that drives DE here gets timer B
 * counting at the end of each line with AER bit 3 clear, at its start if set. */
void mfp_set_timer_input(mfp *m, unsigned timer, bool level);

/* The CPU's interrupt-acknowledge cycle: returns the vector number
 * (VR bits 7..4 + source) and moves the source from pending to in-service
 * (software EOI mode), or -1 if no interrupt is pending (spurious). */
int mfp_irq_ack(mfp *m);
bool mfp_irq_pending(const mfp *m);

/* Current counter value of a timer (what a read of its data register gives). */
unsigned mfp_timer_count(mfp *m, unsigned timer);

#endif
