/* The Quadra 800's VIA1 and VIA2 (two 6522s, via.c) and what hangs off their
 * pins (Guide to the Macintosh Family Hardware; Linux's mac_via.h; QEMU's
 * mac_via.c).
 *
 *   VIA1 pin   wiring                         VIA2 pin   wiring
 *   PA0-PA7    unused here (read high)        PA0-PA5    NuBus slot $9-$E IRQ, active low
 *   PB0        RTC data (rtc.c)               PA6        built-in video IRQ, active low
 *   PB1        RTC clock                      PB2        power off when driven low
 *   PB2        RTC /enable                    PB0,1,3-7  cache/NuBus controls: stored only
 *   PB3        ADB /CTLR_IRQ (input)          CA1        any slot IRQ (falling edge)
 *   PB4-PB5    ADB state ST0/ST1              CA2        SCSI DRQ, active low
 *   PB6        interrupt mapping: low = A/UX  CB1        ASC (sound) IRQ, active low
 *   PB7        sound enable: stored only      CB2        SCSI IRQ, active low (Linux: PCR $22,
 *                                                        falling edges on CA2 and CB2)
 *   CA1        60.15 Hz tick                  IRQ        GLUE level 2
 *   CA2        1 Hz tick (RTC)
 *   CB1, CB2   ADB clock and data; the shift register on the external clock
 *   IRQ        GLUE level 6 (A/UX mapping) or 1 (classic)
 *
 * Both ticks are short low pulses, so either edge polarity in PCR sees one
 * edge per tick.  The ADB transceiver (the Mac II protocol of Linux's
 * via-macii): the host loads the command byte into SR, moves ST to
 * "command", sends any Listen data in even/odd states, and for a Talk
 * switches SR to input and toggles even/odd for each reply byte; the
 * transceiver marks the end of a reply, a timeout and service requests on
 * /CTLR_IRQ.  The devices are adb.c's keyboard and mouse.
 */
#include "machines/mac/mac_via.h"

#include <string.h>

/* One ADB byte takes about 0.8 ms on the bus (100 us bit cells). */
#define ADB_BYTE_TICKS 627

enum { ADB_CMD = 0, ADB_EVEN = 1, ADB_ODD = 2, ADB_IDLE = 3 };

/* --- VIA1 ------------------------------------------------------------------ */

static void via1_irq(void *ctx, bool on)
{
    mac_via *m = ctx;
    if (m->hooks.irq1)
        m->hooks.irq1(m->hooks.ctx, on);
}

static void via2_irq(void *ctx, bool on)
{
    mac_via *m = ctx;
    if (m->hooks.irq2)
        m->hooks.irq2(m->hooks.ctx, on);
}

static uint8_t via1_in(void *ctx, int port)
{
    mac_via *m = ctx;
    if (port == VIA_PORT_A)
        return 0xFF;
    uint8_t v = 0xFF;
    if (!mac_rtc_data(&m->rtc))
        v &= (uint8_t)~VIA1B_RTC_DATA;
    if (m->adb.int_low)
        v &= (uint8_t)~VIA1B_ADB_INT;
    return v;
}

static void adb_schedule(mac_via *m, uint8_t byte, bool int_low)
{
    m->adb.next = byte;
    m->adb.next_int = int_low;
    sched_at(m->s, &m->adb.ev, sched_now(m->s) + (int64_t)ADB_BYTE_TICKS * m->div);
}

static void adb_event(void *ctx, int64_t when)
{
    mac_via *m = ctx;
    (void)when;
    m->adb.int_low = m->adb.next_int;
    via_sr_done(&m->via1, m->adb.next);
}

/* The next byte of a Talk's answer.  Data bytes come with /CTLR_IRQ high;
 * after the last one a byte with it low ends the transaction.  No answer
 * (a timeout) is low, high, low.  Low on the second byte is a service
 * request from another device that has data. */
static void adb_give(mac_via *m)
{
    mac_adb *a = &m->adb;
    int k = a->given++;
    bool srq = k == 1 && adb_service_request(&a->bus, a->out[0] >> 4);
    if (a->nreply < 0)
        adb_schedule(m, 0xFF, k != 1 || srq);
    else if (k < a->nreply)
        adb_schedule(m, a->reply[k], srq);
    else
        adb_schedule(m, 0xFF, true);
}

/* The transaction ended (the host went idle) without a reply phase: a
 * Listen, Flush or SendReset takes effect. */
static void adb_finish(mac_via *m)
{
    mac_adb *a = &m->adb;
    if (a->nout > 0 && !a->talked) {
        uint8_t dummy[ADB_MAX_REPLY];
        adb_transaction(&a->bus, a->out, a->nout, dummy);
    }
    a->nout = 0;
    a->talked = false;
}

/* The host moved ST1:ST0. */
static void adb_state(mac_via *m, int st)
{
    mac_adb *a = &m->adb;
    if (st == a->state)
        return;
    a->state = st;
    switch (st) {
    case ADB_CMD:
        /* A new transaction: its command byte is already in the shift
         * register (the host loads it before changing state). */
        a->out[0] = a->last_sr;
        a->nout = 1;
        a->talked = false;
        a->given = 0;
        a->int_low = false;
        a->commands++;
        break;
    case ADB_EVEN:
    case ADB_ODD:
        if (m->via1.acr & 0x10)
            break; /* still sending: the data bytes come through SR */
        if (!a->talked) {
            a->talked = true;
            a->nreply = adb_transaction(&a->bus, a->out, a->nout, a->reply);
            if (a->nreply == 0)
                a->nreply = -1;
        }
        adb_give(m);
        break;
    case ADB_IDLE:
        adb_finish(m);
        a->int_low = false;
        break;
    }
}

static void via1_out(void *ctx, int port, uint8_t out, uint8_t ddr)
{
    mac_via *m = ctx;
    (void)out;
    (void)ddr;
    if (port != VIA_PORT_B)
        return;
    uint8_t pins = via_port_pins(&m->via1, VIA_PORT_B);
    mac_rtc_lines(&m->rtc, pins & VIA1B_RTC_ENB, pins & VIA1B_RTC_CLK, pins & VIA1B_RTC_DATA);
    if (m->hooks.auxmode)
        m->hooks.auxmode(m->hooks.ctx, !(pins & VIA1B_AUXMODE));
    adb_state(m, (pins & VIA1B_ADB_ST) >> 4);
}

/* The host wrote SR while shifting out: the byte goes on the bus. */
static void via1_sr_write(void *ctx, uint8_t value)
{
    mac_via *m = ctx;
    mac_adb *a = &m->adb;
    a->last_sr = value;
    if (a->state != ADB_IDLE && a->nout > 0 && a->nout <= ADB_MAX_REPLY)
        a->out[a->nout++] = value;
    adb_schedule(m, value, false);
}

/* --- VIA2 ------------------------------------------------------------------ */

static uint8_t via2_in(void *ctx, int port)
{
    mac_via *m = ctx;
    if (port == VIA_PORT_A)
        return (uint8_t)~m->slot_irq;
    return 0xFF;
}

static void via2_out(void *ctx, int port, uint8_t out, uint8_t ddr)
{
    mac_via *m = ctx;
    if (port != VIA_PORT_B)
        return;
    if ((ddr & VIA2B_POWER) && !(out & VIA2B_POWER) && !m->powered_off) {
        m->powered_off = true;
        if (m->hooks.power_off)
            m->hooks.power_off(m->hooks.ctx);
    }
}

/* --- Ticks ------------------------------------------------------------------- */

static void tick60(void *ctx, int64_t when)
{
    mac_via *m = ctx;
    via_set_ca1(&m->via1, false);
    via_set_ca1(&m->via1, true);
    m->ticks60++;
    sched_at(m->s, &m->ev60, when + (int64_t)MAC_VIA_VBL_TICKS * m->div);
    if (m->hooks.tick60)
        m->hooks.tick60(m->hooks.ctx);
}

static void tick1(void *ctx, int64_t when)
{
    mac_via *m = ctx;
    via_set_ca2(&m->via1, false);
    via_set_ca2(&m->via1, true);
    sched_at(m->s, &m->ev1, when + (int64_t)MAC_VIA_HZ * m->div);
}

/* --- Setup and bus ----------------------------------------------------------- */

void mac_via_init(mac_via *m, sched *s, uint32_t div, uint32_t seconds,
                  const mac_via_hooks *hooks)
{
    memset(m, 0, sizeof *m);
    m->s = s;
    m->hooks = *hooks;
    m->div = div ? div : 1;
    mac_rtc_init(&m->rtc, s, MAC_VIA_HZ * m->div, seconds);
    sched_event_init(&m->adb.ev, "mac_via.adb", adb_event, m);
    sched_event_init(&m->ev60, "mac_via.60hz", tick60, m);
    sched_event_init(&m->ev1, "mac_via.1hz", tick1, m);
    via_init(&m->via1, s, "via1", m->div,
             &(via_hooks){.ctx = m, .irq = via1_irq, .port_out = via1_out, .port_in = via1_in,
                          .sr_write = via1_sr_write});
    via_init(&m->via2, s, "via2", m->div,
             &(via_hooks){.ctx = m, .irq = via2_irq, .port_out = via2_out, .port_in = via2_in});
    mac_via_reset(m);
}

void mac_via_reset(mac_via *m)
{
    m->adb.state = ADB_IDLE;
    m->adb.int_low = false;
    m->adb.nout = 0;
    m->adb.talked = false;
    sched_cancel(m->s, &m->adb.ev);
    adb_init(&m->adb.bus);
    m->powered_off = false;
    via_reset(&m->via1);
    via_reset(&m->via2);
    int64_t now = sched_now(m->s);
    sched_at(m->s, &m->ev60, now + (int64_t)MAC_VIA_VBL_TICKS * m->div);
    sched_at(m->s, &m->ev1, now + (int64_t)MAC_VIA_HZ * m->div);
}

static via *chip(mac_via *m, uint32_t offset)
{
    return (offset & 0x2000) ? &m->via2 : &m->via1;
}

int mac_via_read(mac_via *m, uint32_t offset, unsigned size, uint32_t *value)
{
    uint32_t v = 0;
    for (unsigned i = 0; i < size; i++) {
        uint32_t o = offset + i;
        v = (v << 8) | via_read(chip(m, o), (o >> 9) & 15);
    }
    *value = v;
    return 0;
}

int mac_via_write(mac_via *m, uint32_t offset, unsigned size, uint32_t value)
{
    for (unsigned i = 0; i < size; i++) {
        uint32_t o = offset + i;
        via_write(chip(m, o), (o >> 9) & 15, (uint8_t)(value >> (8 * (size - 1 - i))));
    }
    return 0;
}

void mac_via_slot_irq(mac_via *m, int slot, bool asserted)
{
    int bit = slot == 15 ? 6 : slot - 9;
    if (bit < 0 || bit > 6)
        return;
    if (asserted)
        m->slot_irq |= (uint8_t)(1u << bit);
    else
        m->slot_irq &= (uint8_t)~(1u << bit);
    /* CA1 follows "some slot is interrupting", active low. */
    via_set_ca1(&m->via2, m->slot_irq == 0);
}

void mac_via_scsi_irq(mac_via *m, bool asserted)
{
    via_set_cb2(&m->via2, !asserted);
}

void mac_via_scsi_drq(mac_via *m, bool asserted)
{
    via_set_ca2(&m->via2, !asserted);
}

void mac_via_asc_irq(mac_via *m, bool asserted)
{
    via_set_cb1(&m->via2, !asserted);
}
