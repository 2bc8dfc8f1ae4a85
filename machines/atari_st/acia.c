/* Motorola MC6850 Asynchronous Communications Interface Adapter (ACIA).
 *
 *   pin        keyboard ACIA ($FFFC00)      MIDI ACIA ($FFFC04)
 *   D0-D7      CPU D8-D15 (even bytes)       same
 *   RS         A1: control/status or data   same
 *   TX/RX CLK  500 kHz (CR divide /64 ->     500 kHz (/16 -> 31250 baud)
 *              7812.5 baud)
 *   RxD/TxD    IKBD (HD6301) serial         MIDI IN / MIDI OUT
 *   IRQ        wired-OR with the other ACIA to MFP GPIP 4 (active low)
 *   CTS, DCD   grounded (always asserted)
 *
 * The transmitter is timed: a byte written to TDR reaches the far end one
 * character time after it enters the shift register.  The receiver takes
 * whole characters from the peer, which paces them (acia_byte_cycles).
 */
#include "machines/atari_st/acia.h"

#include <stdio.h>
#include <string.h>

#include "mem/mem.h"

static const unsigned word_bits[8] = {11, 11, 10, 10, 11, 10, 11, 11};
static const unsigned divide[4] = {1, 16, 64, 64};

unsigned acia_byte_cycles(const acia *a)
{
    return word_bits[(a->cr >> 2) & 7] * divide[a->cr & 3] * a->clock_div;
}

static void update_irq(acia *a)
{
    bool irq = false;
    if ((a->cr & 0x80) && (a->sr & (ACIA_SR_RDRF | ACIA_SR_OVRN)))
        irq = true;
    if ((a->cr & 0x60) == 0x20 && (a->sr & ACIA_SR_TDRE))
        irq = true;
    if (irq)
        a->sr |= ACIA_SR_IRQ;
    else
        a->sr &= (uint8_t)~ACIA_SR_IRQ;
    if (irq != a->irq_out) {
        a->irq_out = irq;
        if (a->hooks.irq)
            a->hooks.irq(a->hooks.ctx, irq);
    }
}

static void start_tx(acia *a)
{
    a->tx_shift = a->tdr;
    a->tdr_full = false;
    a->tx_busy = true;
    a->sr |= ACIA_SR_TDRE;
    sched_at(a->s, &a->tx_ev, sched_now(a->s) + acia_byte_cycles(a));
    update_irq(a);
}

static void tx_done(void *ctx, int64_t when)
{
    acia *a = ctx;
    (void)when;
    a->tx_busy = false;
    uint8_t byte = a->tx_shift;
    if (!(a->cr & 0x10))
        byte &= 0x7F; /* 7-bit word formats */
    if (a->tdr_full)
        start_tx(a);
    if (a->hooks.tx)
        a->hooks.tx(a->hooks.ctx, byte);
}

static void master_reset(acia *a)
{
    sched_cancel(a->s, &a->tx_ev);
    a->tx_busy = false;
    a->tdr_full = false;
    a->sr = (uint8_t)(a->sr & (ACIA_SR_DCD | ACIA_SR_CTS));
    if (!(a->sr & ACIA_SR_CTS))
        a->sr |= ACIA_SR_TDRE;
    update_irq(a);
}

void acia_receive(acia *a, uint8_t byte)
{
    if ((a->cr & 3) == 3)
        return; /* held in reset */
    if (a->sr & ACIA_SR_RDRF) {
        a->sr |= ACIA_SR_OVRN; /* the new character is lost */
    } else {
        a->rdr = byte;
        a->sr |= ACIA_SR_RDRF;
    }
    update_irq(a);
}

void acia_set_dcd(acia *a, bool asserted)
{
    /* The pin is active low: asserted carrier reads as 0 in the status. */
    if (asserted)
        a->sr &= (uint8_t)~ACIA_SR_DCD;
    else
        a->sr |= ACIA_SR_DCD;
    update_irq(a);
}

void acia_set_cts(acia *a, bool asserted)
{
    if (asserted)
        a->sr &= (uint8_t)~ACIA_SR_CTS;
    else
        a->sr = (uint8_t)((a->sr | ACIA_SR_CTS) & ~ACIA_SR_TDRE);
    update_irq(a);
}

static uint8_t read_reg(acia *a, unsigned rs)
{
    if (rs == 0)
        return a->sr;
    uint8_t v = a->rdr;
    a->sr &= (uint8_t)~(ACIA_SR_RDRF | ACIA_SR_OVRN | ACIA_SR_PE | ACIA_SR_FE);
    update_irq(a);
    return v;
}

static void write_reg(acia *a, unsigned rs, uint8_t v)
{
    if (rs == 0) {
        a->cr = v;
        if ((v & 3) == 3)
            master_reset(a);
        else
            update_irq(a);
        return;
    }
    if ((a->cr & 3) == 3)
        return;
    a->tdr = v;
    a->tdr_full = true;
    a->sr &= (uint8_t)~ACIA_SR_TDRE;
    if (!a->tx_busy)
        start_tx(a);
    else
        update_irq(a);
}

int acia_read(acia *a, uint32_t offset, unsigned size, uint32_t *value)
{
    if (size == 1) {
        *value = (offset & 1) || offset > 3 ? 0xFF : read_reg(a, (offset >> 1) & 1);
        return 0;
    }
    *value = 0;
    for (unsigned w = 0; w < size; w += 2) {
        uint32_t off = offset + w;
        uint32_t hi = off > 3 ? 0xFF : read_reg(a, (off >> 1) & 1);
        *value = (*value << 16) | (hi << 8) | 0xFF;
    }
    return 0;
}

int acia_write(acia *a, uint32_t offset, unsigned size, uint32_t value)
{
    if (size == 1) {
        if (!(offset & 1) && offset <= 3)
            write_reg(a, (offset >> 1) & 1, (uint8_t)value);
        return 0;
    }
    for (unsigned w = 0; w < size; w += 2) {
        uint32_t off = offset + w;
        if (off <= 3)
            write_reg(a, (off >> 1) & 1, (uint8_t)(value >> (8 * (size - w - 1))));
    }
    return 0;
}

void acia_init(acia *a, sched *s, const char *name, unsigned clock_div, const acia_hooks *hooks)
{
    memset(a, 0, sizeof *a);
    a->s = s;
    a->name = name ? name : "acia";
    if (hooks)
        a->hooks = *hooks;
    a->clock_div = clock_div ? clock_div : 16;
    snprintf(a->ev_name, sizeof a->ev_name, "%s.tx", a->name);
    sched_event_init(&a->tx_ev, a->ev_name, tx_done, a);
    acia_reset(a);
}

void acia_reset(acia *a)
{
    /* CTS and DCD are grounded on the ST (asserted). */
    a->cr = 0x03;
    a->sr = 0;
    a->rdr = a->tdr = 0;
    master_reset(a);
}
