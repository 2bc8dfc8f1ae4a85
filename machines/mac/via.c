/* MOS 6522 Versatile Interface Adapter (Rockwell R6522 / Synertek SY6522
 * data sheets), one instance per chip.
 *
 *   pin        meaning (the board wiring is in mac_via.c)
 *   PA0-PA7    port A, each pin input or output (DDRA)
 *   PB0-PB7    port B, each pin input or output (DDRB); PB7 timer 1 output unused
 *   CA1, CB1   edge-sensitive interrupt inputs (CB1 also the shift clock)
 *   CA2, CB2   interrupt inputs or handshake outputs (CB2 also the shift data)
 *   IRQ        open-drain interrupt output, active while IFR & IER & $7F
 *   phi2       the clock both timers count (783.36 kHz on the Quadra)
 *
 * Timers are "loaded with n at VIA tick start"; their counters are computed
 * when read and only the underflow that raises a flag is scheduled
 * (STYLE.md 11).  Timer 1 underflows n+1 ticks after the load and then every
 * n+2 ticks in free-running mode (the latch is reloaded one tick after the
 * counter shows $FFFF); timer 2 is one-shot.
 */
#include "machines/mac/via.h"

#include <stdio.h>
#include <string.h>

/* ACR */
#define ACR_T1_CONTINUOUS 0x40
#define ACR_SR_MODE(acr) (((acr) >> 2) & 7)

/* PCR fields */
#define PCR_CA1_POS 0x01
#define PCR_CB1_POS 0x10

static int64_t now_tick(const via *v)
{
    return sched_now(v->s) / v->div;
}

static void update_irq(via *v)
{
    bool on = (v->ifr & v->ier & 0x7F) != 0;
    if (on != v->irq_out) {
        v->irq_out = on;
        if (v->hooks.irq)
            v->hooks.irq(v->hooks.ctx, on);
    }
}

static void set_flag(via *v, uint8_t bits)
{
    v->ifr |= bits;
    update_irq(v);
}

static void clear_flag(via *v, uint8_t bits)
{
    v->ifr &= (uint8_t)~bits;
    update_irq(v);
}

static uint16_t timer_count(const via_timer *t, int64_t tick)
{
    int64_t e = tick - t->start;
    if (e < 0)
        return 0xFFFF; /* the tick between an underflow and the reload */
    if (e <= t->n)
        return (uint16_t)(t->n - e);
    return (uint16_t)(0xFFFF - ((e - t->n - 1) & 0xFFFF));
}

static void schedule_underflow(via *v, via_timer *t)
{
    sched_at(v->s, &t->ev, (t->start + t->n + 1) * (int64_t)v->div);
}

static void t1_event(void *ctx, int64_t when)
{
    via *v = ctx;
    int64_t tick = when / v->div;
    set_flag(v, VIA_INT_T1);
    if (v->acr & ACR_T1_CONTINUOUS) {
        v->t1.start = tick + 1;
        v->t1.n = v->t1l;
        schedule_underflow(v, &v->t1);
    } else {
        v->t1.fired = true;
    }
}

static void t2_event(void *ctx, int64_t when)
{
    via *v = ctx;
    (void)when;
    v->t2.fired = true;
    set_flag(v, VIA_INT_T2);
}

static void load_timer(via *v, via_timer *t, uint16_t n)
{
    t->n = n;
    t->start = now_tick(v);
    t->fired = false;
    schedule_underflow(v, t);
}

void via_init(via *v, sched *s, const char *name, uint32_t div, const via_hooks *hooks)
{
    memset(v, 0, sizeof *v);
    v->s = s;
    v->hooks = *hooks;
    v->div = div ? div : 1;
    snprintf(v->t1.ev_name, sizeof v->t1.ev_name, "%s.t1", name);
    snprintf(v->t2.ev_name, sizeof v->t2.ev_name, "%s.t2", name);
    sched_event_init(&v->t1.ev, v->t1.ev_name, t1_event, v);
    sched_event_init(&v->t2.ev, v->t2.ev_name, t2_event, v);
    via_reset(v);
}

void via_reset(via *v)
{
    /* RES clears every register except the timers, latches and SR. */
    v->orb = v->ora = v->ddrb = v->ddra = 0;
    v->acr = v->pcr = v->ifr = v->ier = 0;
    sched_cancel(v->s, &v->t1.ev);
    sched_cancel(v->s, &v->t2.ev);
    v->t1.fired = v->t2.fired = true;
    v->ca1 = v->ca2 = v->cb1 = v->cb2 = true;
    v->irq_out = false;
    if (v->hooks.irq)
        v->hooks.irq(v->hooks.ctx, false);
    if (v->hooks.port_out) {
        v->hooks.port_out(v->hooks.ctx, VIA_PORT_A, v->ora, v->ddra);
        v->hooks.port_out(v->hooks.ctx, VIA_PORT_B, v->orb, v->ddrb);
    }
}

uint16_t via_t1_count(via *v)
{
    return timer_count(&v->t1, now_tick(v));
}

uint16_t via_t2_count(via *v)
{
    return timer_count(&v->t2, now_tick(v));
}

uint8_t via_port_pins(via *v, int port)
{
    uint8_t out = port == VIA_PORT_A ? v->ora : v->orb;
    uint8_t ddr = port == VIA_PORT_A ? v->ddra : v->ddrb;
    uint8_t in = v->hooks.port_in ? v->hooks.port_in(v->hooks.ctx, port) : 0xFF;
    return (uint8_t)((out & ddr) | (in & ~ddr));
}

/* CA2/CB2 "independent interrupt" input modes keep their flag on port access. */
static bool ca2_independent(const via *v)
{
    unsigned m = (v->pcr >> 1) & 7;
    return m == 1 || m == 3;
}

static bool cb2_independent(const via *v)
{
    unsigned m = (v->pcr >> 5) & 7;
    return m == 1 || m == 3;
}

static void port_a_access(via *v)
{
    clear_flag(v, (uint8_t)(VIA_INT_CA1 | (ca2_independent(v) ? 0 : VIA_INT_CA2)));
}

static void port_b_access(via *v)
{
    clear_flag(v, (uint8_t)(VIA_INT_CB1 | (cb2_independent(v) ? 0 : VIA_INT_CB2)));
}

static void port_changed(via *v, int port)
{
    if (v->hooks.port_out) {
        if (port == VIA_PORT_A)
            v->hooks.port_out(v->hooks.ctx, port, v->ora, v->ddra);
        else
            v->hooks.port_out(v->hooks.ctx, port, v->orb, v->ddrb);
    }
}

uint8_t via_read(via *v, unsigned reg)
{
    switch (reg & 15) {
    case VIA_ORB:
        port_b_access(v);
        return via_port_pins(v, VIA_PORT_B);
    case VIA_ORA:
        port_a_access(v);
        return via_port_pins(v, VIA_PORT_A);
    case VIA_ORA_NH:
        return via_port_pins(v, VIA_PORT_A);
    case VIA_DDRB:
        return v->ddrb;
    case VIA_DDRA:
        return v->ddra;
    case VIA_T1CL:
        clear_flag(v, VIA_INT_T1);
        return (uint8_t)via_t1_count(v);
    case VIA_T1CH:
        return (uint8_t)(via_t1_count(v) >> 8);
    case VIA_T1LL:
        return (uint8_t)v->t1l;
    case VIA_T1LH:
        return (uint8_t)(v->t1l >> 8);
    case VIA_T2CL:
        clear_flag(v, VIA_INT_T2);
        return (uint8_t)via_t2_count(v);
    case VIA_T2CH:
        return (uint8_t)(via_t2_count(v) >> 8);
    case VIA_SR: {
        uint8_t value = v->sr;
        clear_flag(v, VIA_INT_SR);
        unsigned mode = ACR_SR_MODE(v->acr);
        if (mode >= 1 && mode <= 3 && v->hooks.sr_read)
            v->hooks.sr_read(v->hooks.ctx);
        return value;
    }
    case VIA_ACR:
        return v->acr;
    case VIA_PCR:
        return v->pcr;
    case VIA_IFR:
        return (uint8_t)(v->ifr | ((v->ifr & v->ier & 0x7F) ? VIA_INT_ANY : 0));
    case VIA_IER:
        return (uint8_t)(v->ier | 0x80);
    }
    return 0xFF;
}

void via_write(via *v, unsigned reg, uint8_t value)
{
    switch (reg & 15) {
    case VIA_ORB:
        v->orb = value;
        port_b_access(v);
        port_changed(v, VIA_PORT_B);
        break;
    case VIA_ORA:
        v->ora = value;
        port_a_access(v);
        port_changed(v, VIA_PORT_A);
        break;
    case VIA_ORA_NH:
        v->ora = value;
        port_changed(v, VIA_PORT_A);
        break;
    case VIA_DDRB:
        v->ddrb = value;
        port_changed(v, VIA_PORT_B);
        break;
    case VIA_DDRA:
        v->ddra = value;
        port_changed(v, VIA_PORT_A);
        break;
    case VIA_T1CL:
    case VIA_T1LL:
        v->t1l = (uint16_t)((v->t1l & 0xFF00) | value);
        break;
    case VIA_T1CH:
        v->t1l = (uint16_t)((v->t1l & 0x00FF) | (value << 8));
        clear_flag(v, VIA_INT_T1);
        load_timer(v, &v->t1, v->t1l);
        break;
    case VIA_T1LH:
        v->t1l = (uint16_t)((v->t1l & 0x00FF) | (value << 8));
        clear_flag(v, VIA_INT_T1);
        break;
    case VIA_T2CL:
        v->t2l = value;
        break;
    case VIA_T2CH:
        clear_flag(v, VIA_INT_T2);
        load_timer(v, &v->t2, (uint16_t)(v->t2l | (value << 8)));
        break;
    case VIA_SR:
        v->sr = value;
        clear_flag(v, VIA_INT_SR);
        if ((ACR_SR_MODE(v->acr) & 4) && v->hooks.sr_write)
            v->hooks.sr_write(v->hooks.ctx, value);
        break;
    case VIA_ACR: {
        bool was_cont = v->acr & ACR_T1_CONTINUOUS;
        v->acr = value;
        bool cont = value & ACR_T1_CONTINUOUS;
        if (cont && !was_cont && !v->t1.ev.active) {
            /* Free-running from the current count on. */
            v->t1.n = via_t1_count(v);
            v->t1.start = now_tick(v);
            schedule_underflow(v, &v->t1);
        } else if (!cont && was_cont && v->t1.fired) {
            sched_cancel(v->s, &v->t1.ev);
        }
        break;
    }
    case VIA_PCR:
        v->pcr = value;
        break;
    case VIA_IFR:
        clear_flag(v, value & 0x7F);
        break;
    case VIA_IER:
        if (value & 0x80)
            v->ier |= value & 0x7F;
        else
            v->ier &= (uint8_t)~(value & 0x7F);
        update_irq(v);
        break;
    }
}

/* Active edge of an input: positive when `pos`, else negative. */
static bool edge(bool old, bool level, bool pos)
{
    return pos ? (!old && level) : (old && !level);
}

void via_set_ca1(via *v, bool level)
{
    bool e = edge(v->ca1, level, v->pcr & PCR_CA1_POS);
    v->ca1 = level;
    if (e)
        set_flag(v, VIA_INT_CA1);
}

void via_set_cb1(via *v, bool level)
{
    bool e = edge(v->cb1, level, v->pcr & PCR_CB1_POS);
    v->cb1 = level;
    if (e)
        set_flag(v, VIA_INT_CB1);
}

/* CA2/CB2 control: 0-3 are inputs (bit 1 of the field: positive edge). */
static void control2(via *v, bool *line, bool level, unsigned field, uint8_t flag)
{
    bool old = *line;
    *line = level;
    if (field >= 4)
        return;
    if (edge(old, level, (field & 2) != 0))
        set_flag(v, flag);
}

void via_set_ca2(via *v, bool level)
{
    control2(v, &v->ca2, level, (v->pcr >> 1) & 7, VIA_INT_CA2);
}

void via_set_cb2(via *v, bool level)
{
    control2(v, &v->cb2, level, (v->pcr >> 5) & 7, VIA_INT_CB2);
}

void via_sr_done(via *v, uint8_t value)
{
    if (!(ACR_SR_MODE(v->acr) & 4))
        v->sr = value;
    set_flag(v, VIA_INT_SR);
}
