/* MC6850 ACIA (asynchronous serial interface).  The ST has two: keyboard
 * (IKBD) and MIDI.  See acia.c for the wiring. */
#ifndef TANDEM_ST_ACIA_H
#define TANDEM_ST_ACIA_H

#include <stdbool.h>
#include <stdint.h>

#include "machines/sched.h"

/* Status register bits. */
enum {
    ACIA_SR_RDRF = 0x01, ACIA_SR_TDRE = 0x02, ACIA_SR_DCD = 0x04, ACIA_SR_CTS = 0x08,
    ACIA_SR_FE = 0x10, ACIA_SR_OVRN = 0x20, ACIA_SR_PE = 0x40, ACIA_SR_IRQ = 0x80
};

typedef struct acia_hooks {
    void *ctx;
    /* IRQ output level (true = asserted; the pin itself is active low). */
    void (*irq)(void *ctx, bool asserted);
    /* A byte has left the transmit shift register (its stop bit is sent). */
    void (*tx)(void *ctx, uint8_t byte);
} acia_hooks;

/* Save state, version 1: cr, sr, rdr, tdr, tdr_full, tx_busy, tx_shift,
 * irq_out and tx_ev ("<name>.tx": active, when).  s, hooks, name and
 * clock_div are wiring, set again by acia_init. */
typedef struct acia {
    sched *s;
    acia_hooks hooks;
    const char *name;
    unsigned clock_div;  /* CPU cycles per ACIA clock (8 MHz / 500 kHz = 16 on the ST) */
    uint8_t cr, sr;
    uint8_t rdr, tdr;
    bool tdr_full;       /* a byte waits in TDR behind the shift register */
    bool tx_busy;        /* the shift register is sending `tx_shift` */
    uint8_t tx_shift;
    bool irq_out;
    sched_event tx_ev;
    char ev_name[40];
} acia;

/* name: for the scheduler event ("acia.kbd"); clock_div: CPU cycles per ACIA
 * clock cycle (16 on the ST: 8 MHz CPU, 500 kHz ACIA clock). */
void acia_init(acia *a, sched *s, const char *name, unsigned clock_div, const acia_hooks *hooks);
/* Power-on state (the chip needs a master reset from software to run). */
void acia_reset(acia *a);

/* Bus access.  offset is relative to the ACIA's base ($FFFC00 keyboard,
 * $FFFC04 MIDI): the 6850 is on the high byte, control/status at 0, data at 2.
 * Odd bytes read $FF and ignore writes; a word access carries the register in
 * the high byte and $FF in the low one. */
int acia_read(acia *a, uint32_t offset, unsigned size, uint32_t *value);
int acia_write(acia *a, uint32_t offset, unsigned size, uint32_t value);

/* A byte arrives complete on RxD (its stop bit seen) now.  The sender paces
 * bytes itself (acia_byte_cycles).  Sets RDRF, or overrun if RDR was full. */
void acia_receive(acia *a, uint8_t byte);
/* CPU cycles one character takes at the current control register setting
 * (start + data + parity + stop bits); keyboard ACIA 8N1 /64: 10240. */
unsigned acia_byte_cycles(const acia *a);
/* Modem inputs: DCD and CTS (true = asserted/low). */
void acia_set_dcd(acia *a, bool asserted);
void acia_set_cts(acia *a, bool asserted);

#endif
