/* MOS/Rockwell/Synertek 6522 Versatile Interface Adapter: a generic model of
 * one chip (two 8-bit ports, CA1/CA2/CB1/CB2, timers 1 and 2, the shift
 * register, IFR/IER).  The board wiring of the Quadra's two VIAs is in
 * mac_via.c. */
#ifndef TANDEM_MAC_VIA_H
#define TANDEM_MAC_VIA_H

#include <stdbool.h>
#include <stdint.h>

#include "machines/sched.h"

/* Register numbers (RS3..RS0). */
enum {
    VIA_ORB, VIA_ORA, VIA_DDRB, VIA_DDRA, VIA_T1CL, VIA_T1CH, VIA_T1LL, VIA_T1LH,
    VIA_T2CL, VIA_T2CH, VIA_SR, VIA_ACR, VIA_PCR, VIA_IFR, VIA_IER, VIA_ORA_NH,
    VIA_NREGS
};

/* IFR / IER bits. */
enum {
    VIA_INT_CA2 = 0x01, VIA_INT_CA1 = 0x02, VIA_INT_SR = 0x04, VIA_INT_CB2 = 0x08,
    VIA_INT_CB1 = 0x10, VIA_INT_T2 = 0x20, VIA_INT_T1 = 0x40, VIA_INT_ANY = 0x80
};

enum { VIA_PORT_A, VIA_PORT_B };

typedef struct via_hooks {
    void *ctx;
    /* The IRQ output (active when IFR & IER & 0x7F is not 0). */
    void (*irq)(void *ctx, bool asserted);
    /* A port's output latch or direction changed: `out` is the latch, `ddr` the
     * direction (1 = output).  Pins that are inputs float high on the board
     * unless port_in drives them. */
    void (*port_out)(void *ctx, int port, uint8_t out, uint8_t ddr);
    /* Levels the board drives on a port's pins (only input bits are used). */
    uint8_t (*port_in)(void *ctx, int port);
    /* The CPU wrote the shift register (shifting out) or read it (shifting in);
     * the board answers with via_sr_done when the 8 bits have moved. */
    void (*sr_write)(void *ctx, uint8_t value);
    void (*sr_read)(void *ctx);
} via_hooks;

/* Save state, version 1: orb, ora, ddrb, ddra, acr, pcr, ifr, ier, sr, t1l,
 * t2l, t1 and t2 (n, start, fired), ca1, ca2, cb1, cb2, irq_out and the two
 * events ("<name>.t1", "<name>.t2": active, when).  s, hooks, name and div are
 * wiring, set again by via_init. */
typedef struct via_timer {
    uint16_t n;     /* value loaded into the counter */
    int64_t start;  /* VIA tick of the load */
    bool fired;     /* one-shot: the interrupt of this load has happened */
    sched_event ev; /* next underflow that raises the flag */
    char ev_name[24];
} via_timer;

typedef struct via {
    sched *s;
    via_hooks hooks;
    uint32_t div; /* scheduler cycles per VIA clock (phi2) */
    uint8_t orb, ora, ddrb, ddra, acr, pcr, ifr, ier, sr;
    uint16_t t1l;  /* timer 1 latch (high and low bytes) */
    uint8_t t2l;   /* timer 2 low latch */
    via_timer t1, t2;
    bool ca1, ca2, cb1, cb2; /* input levels on the control lines */
    bool irq_out;
} via;

/* name: a short stable name for the scheduler events ("via1"); div: CPU
 * cycles per VIA clock. */
void via_init(via *v, sched *s, const char *name, uint32_t div, const via_hooks *hooks);
void via_reset(via *v);

uint8_t via_read(via *v, unsigned reg);
void via_write(via *v, unsigned reg, uint8_t value);

/* The board drives a control line; an edge of the polarity PCR selects sets
 * the line's flag (CA2/CB2 only when configured as inputs). */
void via_set_ca1(via *v, bool level);
void via_set_ca2(via *v, bool level);
void via_set_cb1(via *v, bool level);
void via_set_cb2(via *v, bool level);
/* The shift register finished 8 bits; for shifting in, `value` is the byte
 * that arrived (ignored when shifting out). */
void via_sr_done(via *v, uint8_t value);

/* Timer counters now (what T1C/T2C reads give), for the board and tests. */
uint16_t via_t1_count(via *v);
uint16_t via_t2_count(via *v);
/* Pin levels: outputs from the latch, inputs from the board (or high). */
uint8_t via_port_pins(via *v, int port);

#endif
