/* Motorola MC68901 Multi-Function Peripheral (MFP), as wired in the Atari ST.
 *
 *   pin       ST wiring
 *   I0        centronics BUSY
 *   I1        RS232 DCD
 *   I2        RS232 CTS
 *   I3        blitter done (Mega ST / STE); idle high on an STF
 *   I4        ACIA IRQs, keyboard and MIDI wired-OR (active low)
 *   I5        FDC INTRQ / ACSI IRQ (active low)
 *   I6        RS232 RI
 *   I7        monochrome monitor detect (low = monochrome)
 *   TAI       timer A event input (unused on an STF)
 *   TBI       display enable: timer B event mode counts visible lines
 *   TDO       USART clock (timer D as baud rate generator)
 *   IRQ       to the GLUE as interrupt level 6; IACK returns the vector
 *   XTAL      2.4576 MHz
 *
 * Timers keep "counting since MFP clock `start` with counter `start_count`" and
 * compute the counter when read; only the next expiry is scheduled.  MFP clocks
 * are converted to CPU cycles by an exact fraction, so 200 Hz stays 200 Hz.
 */
#include "machines/atari_st/mfp.h"

#include <string.h>

#include "mem/mem.h"

static const unsigned prescale[8] = {0, 4, 10, 16, 50, 64, 100, 200};
static const char *const timer_names[4] = {"mfp.timer_a", "mfp.timer_b", "mfp.timer_c",
                                           "mfp.timer_d"};
static const int timer_source[4] = {MFP_INT_TIMER_A, MFP_INT_TIMER_B, MFP_INT_TIMER_C,
                                    MFP_INT_TIMER_D};
/* GPIP pin -> interrupt source. */
static const int gpip_source[8] = {MFP_INT_GPIP0, MFP_INT_GPIP1, MFP_INT_GPIP2, MFP_INT_GPIP3,
                                   MFP_INT_GPIP4, MFP_INT_GPIP5, MFP_INT_GPIP6, MFP_INT_GPIP7};

static uint64_t gcd64(uint64_t a, uint64_t b)
{
    while (b) {
        uint64_t t = a % b;
        a = b;
        b = t;
    }
    return a;
}

/* MFP clock count at CPU cycle `c`, and the first CPU cycle at or after MFP
 * clock `m` (clk_num/clk_den = MFP clocks per CPU cycle, reduced). */
static int64_t mfp_clock_at(const mfp *m, int64_t c)
{
    return c * (int64_t)m->clk_num / (int64_t)m->clk_den;
}

static int64_t cycle_of_clock(const mfp *m, int64_t clk)
{
    int64_t n = clk * (int64_t)m->clk_den;
    return (n + (int64_t)m->clk_num - 1) / (int64_t)m->clk_num;
}

static unsigned timer_mode(const mfp *m, unsigned i)
{
    return m->t[i].ctrl & 0x0F;
}

/* Delay (1-7) and pulse-width (9-15) modes count the prescaled clock. */
static unsigned timer_prescale(const mfp *m, unsigned i)
{
    unsigned mode = timer_mode(m, i);
    return (mode == 0 || mode == 8) ? 0 : prescale[mode & 7];
}

static unsigned reload_value(const mfp_timer *t)
{
    return t->data ? t->data : 256;
}

/* --- Interrupt logic ------------------------------------------------------ */

static void update_irq(mfp *m)
{
    uint16_t active = m->ipr & m->imr;
    bool irq = false;
    if (active) {
        int top = 15;
        while (!(active & (1u << top)))
            top--;
        /* Only sources above the highest in-service one may interrupt. */
        irq = (m->isr >> top) == 0;
    }
    if (irq != m->irq_out) {
        m->irq_out = irq;
        if (m->hooks.irq)
            m->hooks.irq(m->hooks.ctx, irq);
    }
}

static void raise(mfp *m, int source)
{
    if (m->ier & (1u << source)) {
        m->ipr |= (uint16_t)(1u << source);
        update_irq(m);
    }
}

bool mfp_irq_pending(const mfp *m)
{
    return m->irq_out;
}

int mfp_irq_ack(mfp *m)
{
    uint16_t active = m->ipr & m->imr;
    if (!active || !m->irq_out)
        return -1;
    int n = 15;
    while (!(active & (1u << n)))
        n--;
    m->ipr &= (uint16_t)~(1u << n);
    if (m->vr & 0x08)
        m->isr |= (uint16_t)(1u << n); /* software EOI: in service until cleared */
    update_irq(m);
    return (m->vr & 0xF0) | n;
}

/* --- Timers --------------------------------------------------------------- */

/* Counter value (1..256) of a timer in delay mode at MFP clock `clk`. */
static unsigned running_count(const mfp *m, unsigned i, int64_t clk, int64_t *ticks_out)
{
    const mfp_timer *t = &m->t[i];
    int64_t ticks = (clk - t->start) / timer_prescale(m, i);
    if (ticks_out)
        *ticks_out = ticks;
    if (ticks < (int64_t)t->start_count)
        return t->start_count - (unsigned)ticks;
    unsigned v = reload_value(t);
    return v - (unsigned)((ticks - t->start_count) % v);
}

/* Only expiries that can raise an interrupt are scheduled: a timer with its
 * channel disabled (timer D as the USART baud clock: 300,000 expiries a
 * second) costs nothing, and its counter still reads right. */
static void schedule_timer(mfp *m, unsigned i)
{
    mfp_timer *t = &m->t[i];
    unsigned p = timer_prescale(m, i);
    if (!p || !(m->ier & (1u << timer_source[i]))) {
        sched_cancel(m->s, &t->ev);
        return;
    }
    int64_t ticks;
    running_count(m, i, mfp_clock_at(m, sched_now(m->s)), &ticks);
    int64_t next; /* tick number of the next expiry (counter reaching 0) */
    if (ticks < (int64_t)t->start_count) {
        next = t->start_count;
    } else {
        int64_t v = reload_value(t);
        next = t->start_count + ((ticks - t->start_count) / v + 1) * v;
    }
    sched_at(m->s, &t->ev, cycle_of_clock(m, t->start + next * (int64_t)p));
}

/* Freeze a running timer's counter into `count` (before a mode change). */
static void freeze_timer(mfp *m, unsigned i, int64_t clk)
{
    mfp_timer *t = &m->t[i];
    if (timer_prescale(m, i))
        t->count = running_count(m, i, clk, NULL);
}

/* Start delay counting now (a fresh prescaler period) from the live counter. */
static void anchor_timer(mfp *m, unsigned i, int64_t clk)
{
    mfp_timer *t = &m->t[i];
    unsigned p = timer_prescale(m, i);
    if (!p)
        return;
    t->start = clk;
    t->start_count = t->count;
    schedule_timer(m, i);
}

static void timer_expired(void *ctx, int64_t when)
{
    mfp_timer *t = ctx;
    mfp *m = t->owner;
    unsigned i = (unsigned)(t - m->t);
    (void)when;
    raise(m, timer_source[i]);
    schedule_timer(m, i);
}

static void write_timer_ctrl(mfp *m, unsigned i, uint8_t ctrl)
{
    mfp_timer *t = &m->t[i];
    int64_t clk = mfp_clock_at(m, sched_now(m->s));
    if ((ctrl & 0x0F) == (t->ctrl & 0x0F)) {
        t->ctrl = ctrl & 0x0F;
        return;
    }
    /* A running timer continues from its current count in the new mode. */
    if (timer_prescale(m, i) && (ctrl & 0x0F) != 0 && (ctrl & 0x0F) != 8 &&
        prescale[ctrl & 7] == timer_prescale(m, i)) {
        t->ctrl = ctrl & 0x0F; /* same prescaler (delay <-> pulse width) */
        return;
    }
    freeze_timer(m, i, clk);
    t->ctrl = ctrl & 0x0F;
    if (timer_prescale(m, i))
        anchor_timer(m, i, clk);
    else
        sched_cancel(m->s, &t->ev);
}

static void write_timer_data(mfp *m, unsigned i, uint8_t v)
{
    mfp_timer *t = &m->t[i];
    t->data = v;
    if (timer_mode(m, i) == 0)
        t->count = reload_value(t); /* stopped: the main counter loads too */
    else if (timer_prescale(m, i)) {
        /* Running: the new value applies from the next reload.  Re-anchor at
         * the last prescaler tick so the current period keeps its phase. */
        int64_t clk = mfp_clock_at(m, sched_now(m->s)), ticks;
        t->count = running_count(m, i, clk, &ticks);
        t->start += ticks * (int64_t)timer_prescale(m, i);
        t->start_count = t->count;
        schedule_timer(m, i);
    }
}

unsigned mfp_timer_count(mfp *m, unsigned i)
{
    if (i > 3)
        return 0;
    unsigned c = timer_prescale(m, i)
                     ? running_count(m, i, mfp_clock_at(m, sched_now(m->s)), NULL)
                     : m->t[i].count;
    return c & 0xFF;
}

void mfp_timer_event(mfp *m, unsigned i)
{
    if (i > 1 || timer_mode(m, i) != 8)
        return;
    mfp_timer *t = &m->t[i];
    if (--t->count == 0) {
        t->count = reload_value(t);
        raise(m, timer_source[i]);
    }
}

void mfp_set_timer_input(mfp *m, unsigned i, bool level)
{
    if (i > 1 || m->timer_in[i] == level)
        return;
    m->timer_in[i] = level;
    bool rising_active = (m->aer >> (i == 0 ? 4 : 3)) & 1;
    if (level == rising_active)
        mfp_timer_event(m, i);
}

/* --- GPIP ---------------------------------------------------------------- */

/* The edge detector sees pin XNOR active-edge bit: a 0->1 transition of that
 * signal on an input pin is an active edge (so writing AER can cause one). */
static uint8_t edge_signal(const mfp *m)
{
    return (uint8_t)~(m->gpip_in ^ m->aer);
}

static void gpip_changed(mfp *m, uint8_t old_signal)
{
    uint8_t rising = (uint8_t)(edge_signal(m) & ~old_signal & ~m->ddr);
    for (int pin = 7; pin >= 0; pin--)
        if (rising & (1u << pin))
            raise(m, gpip_source[pin]);
}

void mfp_set_gpip(mfp *m, unsigned pin, bool level)
{
    if (pin > 7)
        return;
    uint8_t old = edge_signal(m);
    if (level)
        m->gpip_in |= (uint8_t)(1u << pin);
    else
        m->gpip_in &= (uint8_t)~(1u << pin);
    gpip_changed(m, old);
}

/* --- Registers ------------------------------------------------------------ */

uint8_t mfp_read_reg(mfp *m, unsigned reg)
{
    switch (reg) {
    case MFP_GPDR: return (uint8_t)((m->gpip_in & ~m->ddr) | (m->gpdr & m->ddr));
    case MFP_AER: return m->aer;
    case MFP_DDR: return m->ddr;
    case MFP_IERA: return (uint8_t)(m->ier >> 8);
    case MFP_IERB: return (uint8_t)m->ier;
    case MFP_IPRA: return (uint8_t)(m->ipr >> 8);
    case MFP_IPRB: return (uint8_t)m->ipr;
    case MFP_ISRA: return (uint8_t)(m->isr >> 8);
    case MFP_ISRB: return (uint8_t)m->isr;
    case MFP_IMRA: return (uint8_t)(m->imr >> 8);
    case MFP_IMRB: return (uint8_t)m->imr;
    case MFP_VR: return m->vr;
    case MFP_TACR: return m->t[0].ctrl & 0x0F;
    case MFP_TBCR: return m->t[1].ctrl & 0x0F;
    case MFP_TCDCR: return (uint8_t)(((m->t[2].ctrl & 7) << 4) | (m->t[3].ctrl & 7));
    case MFP_TADR: case MFP_TBDR: case MFP_TCDR: case MFP_TDDR:
        return (uint8_t)mfp_timer_count(m, reg - MFP_TADR);
    case MFP_SCR: return m->scr;
    case MFP_UCR: return m->ucr;
    case MFP_RSR: return m->rsr;
    case MFP_TSR: return (uint8_t)(m->tsr | 0x80); /* transmit buffer always empty */
    case MFP_UDR: return m->udr;
    default: return 0xFF;
    }
}

static void write_ier(mfp *m, uint16_t v)
{
    uint16_t changed = m->ier ^ v;
    m->ier = v;
    m->ipr &= v; /* disabling a channel drops its pending request */
    for (unsigned i = 0; i < 4; i++)
        if (changed & (1u << timer_source[i]))
            schedule_timer(m, i);
    update_irq(m);
}

void mfp_write_reg(mfp *m, unsigned reg, uint8_t v)
{
    switch (reg) {
    case MFP_GPDR: m->gpdr = v; break;
    case MFP_AER: {
        uint8_t old = edge_signal(m);
        m->aer = v;
        gpip_changed(m, old);
        break;
    }
    case MFP_DDR: m->ddr = v; break;
    case MFP_IERA: write_ier(m, (uint16_t)((m->ier & 0x00FF) | (v << 8))); break;
    case MFP_IERB: write_ier(m, (uint16_t)((m->ier & 0xFF00) | v)); break;
    /* Pending and in-service bits can only be cleared (write 0). */
    case MFP_IPRA: m->ipr &= (uint16_t)((v << 8) | 0x00FF); update_irq(m); break;
    case MFP_IPRB: m->ipr &= (uint16_t)(0xFF00 | v); update_irq(m); break;
    case MFP_ISRA: m->isr &= (uint16_t)((v << 8) | 0x00FF); update_irq(m); break;
    case MFP_ISRB: m->isr &= (uint16_t)(0xFF00 | v); update_irq(m); break;
    case MFP_IMRA: m->imr = (uint16_t)((m->imr & 0x00FF) | (v << 8)); update_irq(m); break;
    case MFP_IMRB: m->imr = (uint16_t)((m->imr & 0xFF00) | v); update_irq(m); break;
    case MFP_VR:
        m->vr = v & 0xF8;
        if (!(v & 0x08)) { /* automatic EOI: nothing stays in service */
            m->isr = 0;
            update_irq(m);
        }
        break;
    /* Bit 4 resets the timer output pin, which nothing on the ST uses. */
    case MFP_TACR: write_timer_ctrl(m, 0, v & 0x0F); break;
    case MFP_TBCR: write_timer_ctrl(m, 1, v & 0x0F); break;
    case MFP_TCDCR:
        write_timer_ctrl(m, 2, (v >> 4) & 7);
        write_timer_ctrl(m, 3, v & 7);
        break;
    case MFP_TADR: case MFP_TBDR: case MFP_TCDR: case MFP_TDDR:
        write_timer_data(m, reg - MFP_TADR, v);
        break;
    case MFP_SCR: m->scr = v; break;
    case MFP_UCR: m->ucr = v; break;
    case MFP_RSR: m->rsr = v & 0x3F; break;
    case MFP_TSR: m->tsr = v & 0x7F; break;
    case MFP_UDR:
        m->udr = v;
        if (m->hooks.usart_tx)
            m->hooks.usart_tx(m->hooks.ctx, v);
        break;
    default: break;
    }
}

/* One byte of the bus window: odd bytes are registers (or open bus past the
 * last one), even bytes have no chip select: bus error. */
static int read_byte(mfp *m, uint32_t off, uint8_t *v)
{
    if (off >= 0x40 || !(off & 1))
        return MEM_FAULT_BUS;
    *v = off < 2 * MFP_NREGS ? mfp_read_reg(m, off >> 1) : 0xFF;
    return 0;
}

int mfp_read(mfp *m, uint32_t offset, unsigned size, uint32_t *value)
{
    if (size == 1) {
        uint8_t v;
        int r = read_byte(m, offset, &v);
        *value = r ? 0xFF : v;
        return r;
    }
    *value = 0;
    for (unsigned w = 0; w < size; w += 2) {
        uint32_t off = offset + w;
        if (off + 1 >= 0x40)
            return MEM_FAULT_BUS;
        uint8_t lo = 0xFF;
        read_byte(m, off | 1, &lo);
        *value = (*value << 16) | 0xFF00u | lo;
    }
    return 0;
}

int mfp_write(mfp *m, uint32_t offset, unsigned size, uint32_t value)
{
    if (size == 1) {
        if (offset >= 0x40 || !(offset & 1))
            return MEM_FAULT_BUS;
        if (offset < 2 * MFP_NREGS)
            mfp_write_reg(m, offset >> 1, (uint8_t)value);
        return 0;
    }
    for (unsigned w = 0; w < size; w += 2) {
        uint32_t off = offset + w;
        if (off + 1 >= 0x40)
            return MEM_FAULT_BUS;
        uint8_t lo = (uint8_t)(value >> (8 * (size - w - 2)));
        if ((off | 1) < 2 * MFP_NREGS)
            mfp_write_reg(m, (off | 1) >> 1, lo);
    }
    return 0;
}

/* --- Life cycle ----------------------------------------------------------- */

void mfp_init(mfp *m, sched *s, uint32_t cpu_hz, const mfp_hooks *hooks)
{
    memset(m, 0, sizeof *m);
    m->s = s;
    if (hooks)
        m->hooks = *hooks;
    m->cpu_hz = cpu_hz ? cpu_hz : 8000000;
    uint64_t g = gcd64(MFP_CLOCK_HZ, m->cpu_hz);
    m->clk_num = (uint32_t)(MFP_CLOCK_HZ / g);
    m->clk_den = (uint32_t)(m->cpu_hz / g);
    for (unsigned i = 0; i < 4; i++) {
        m->t[i].owner = m;
        sched_event_init(&m->t[i].ev, timer_names[i], timer_expired, &m->t[i]);
    }
    m->gpip_in = 0xFF;
    mfp_reset(m);
}

void mfp_reset(mfp *m)
{
    /* The RESET pin clears every register except the timer data registers. */
    for (unsigned i = 0; i < 4; i++) {
        sched_cancel(m->s, &m->t[i].ev);
        m->t[i].ctrl = 0;
        m->t[i].count = reload_value(&m->t[i]);
    }
    m->gpdr = m->aer = m->ddr = 0;
    m->ier = m->ipr = m->isr = m->imr = 0;
    m->vr = 0;
    m->scr = m->ucr = m->rsr = m->tsr = m->udr = 0;
    bool was = m->irq_out;
    m->irq_out = false;
    if (was && m->hooks.irq)
        m->hooks.irq(m->hooks.ctx, false);
}
