/* MC68901 MFP chip tests, no CPU: timers from absolute cycles, GPIP edges,
 * interrupt priority, in-service and end-of-interrupt, vectors, bus access. */
#include <stdbool.h>
#include <stdint.h>

#include "machines/atari_st/mfp.h"
#include "mem/mem.h"
#include "tests/tap.h"

typedef struct board {
    int irq_edges; /* assertions seen */
    bool irq;
    int64_t last_irq_at;
    sched *s;
} board;

static void on_irq(void *ctx, bool asserted)
{
    board *b = ctx;
    if (asserted && !b->irq) {
        b->irq_edges++;
        b->last_irq_at = sched_now(b->s);
    }
    b->irq = asserted;
}

static void setup(mfp *m, sched *s, board *b)
{
    sched_init(s);
    *b = (board){.s = s};
    mfp_init(m, s, 8000000, &(mfp_hooks){.ctx = b, .irq = on_irq});
}

static void test_timer_c_200hz(void)
{
    sched s;
    mfp m;
    board b;
    setup(&m, &s, &b);
    /* As TOS: vector base $40, software EOI, timer C /64 with data 192. */
    mfp_write_reg(&m, MFP_VR, 0x48);
    mfp_write_reg(&m, MFP_TCDR, 192);
    mfp_write_reg(&m, MFP_IERB, 0x20);
    mfp_write_reg(&m, MFP_IMRB, 0x20);
    mfp_write_reg(&m, MFP_TCDCR, 0x50);
    int64_t first = -1;
    bool vectors_ok = true, spacing_ok = true;
    int64_t prev = 0;
    int n = 0;
    for (int64_t t = 0; t <= 8000000; t += 1000) {
        sched_advance(&s, t);
        if (b.irq) {
            if (first < 0)
                first = b.last_irq_at;
            if (n > 0 && b.last_irq_at - prev != 40000)
                spacing_ok = false;
            prev = b.last_irq_at;
            n++;
            int v = mfp_irq_ack(&m);
            if (v != 0x45)
                vectors_ok = false;
            mfp_write_reg(&m, MFP_ISRB, (uint8_t)~0x20); /* the handler's EOI */
        }
    }
    tap_ok(first == 40000, "timer C: first interrupt after 40000 cycles (got %lld)",
           (long long)first);
    tap_ok(n == 200, "timer C: 200 interrupts in one emulated second (got %d)", n);
    tap_ok(spacing_ok, "timer C: exactly 40000 cycles apart (5 ms)");
    tap_ok(vectors_ok, "timer C: vector $45 from VR $48");
}

static void test_delay_counter(void)
{
    sched s;
    mfp m;
    board b;
    setup(&m, &s, &b);
    mfp_write_reg(&m, MFP_TADR, 100);
    tap_ok(mfp_read_reg(&m, MFP_TADR) == 100, "timer A stopped: data write loads counter");
    mfp_write_reg(&m, MFP_TACR, 2); /* /10 */
    bool ok = true;
    int64_t checks[] = {0, 32, 33, 1627, 1628, 3000, 3254};
    for (unsigned i = 0; i < sizeof checks / sizeof checks[0]; i++) {
        sched_advance(&s, checks[i]);
        int64_t clk = checks[i] * 192 / 625;
        unsigned want = (unsigned)(100 - clk / 10);
        unsigned got = mfp_read_reg(&m, MFP_TADR);
        if (got != (want & 0xFF)) {
            ok = false;
            tap_diag("cycle %lld: counter %u, want %u", (long long)checks[i], got, want);
        }
    }
    tap_ok(ok, "timer A delay mode: counter computed from absolute cycles mid-period");
    /* Stopping freezes the counter. */
    /* Past the first expiry (tick 100, cycle 3256) the counter reloads from 100. */
    sched_advance(&s, 4000);
    unsigned frozen = mfp_read_reg(&m, MFP_TADR);
    tap_ok(frozen == 78, "counter after reload: 4000 cycles = 122 ticks -> 78 (got %u)", frozen);
    mfp_write_reg(&m, MFP_TACR, 0);
    sched_advance(&s, 100000);
    tap_ok(mfp_read_reg(&m, MFP_TADR) == frozen, "stopping timer A freezes the counter (%u)",
           frozen);
    /* Restarting continues from the frozen value; writing data while running only
     * changes the reload value. */
    mfp_write_reg(&m, MFP_TACR, 1); /* /4 */
    mfp_write_reg(&m, MFP_TADR, 10);
    tap_ok(mfp_read_reg(&m, MFP_TADR) == frozen,
           "data write while running leaves the counter alone");
    /* Let it expire: reload 10 then counting down from 10. */
    int64_t expire = 100000 + ((int64_t)frozen * 4 * 625 + 191) / 192;
    sched_advance(&s, expire + 2);
    unsigned after = mfp_read_reg(&m, MFP_TADR);
    tap_ok(after == 10 || after == 9, "after expiry the new reload value applies (%u)", after);
    tap_ok(!b.irq && m.ipr == 0, "disabled timer A interrupt is not pending");
}

static void test_priority_and_eoi(void)
{
    sched s;
    mfp m;
    board b;
    setup(&m, &s, &b);
    mfp_write_reg(&m, MFP_VR, 0x48);
    mfp_write_reg(&m, MFP_IERA, 0xFF);
    mfp_write_reg(&m, MFP_IERB, 0xFF);
    mfp_write_reg(&m, MFP_IMRA, 0xFF);
    mfp_write_reg(&m, MFP_IMRB, 0xFF);
    /* AER 0 everywhere: falling edges.  GPIP 5 (FDC) and GPIP 4 (ACIA) go low. */
    mfp_set_gpip(&m, 4, false);
    mfp_set_gpip(&m, 5, false);
    tap_ok(mfp_read_reg(&m, MFP_IPRB) == 0xC0, "falling edges on GPIP 4 and 5 are pending");
    tap_ok(b.irq, "IRQ asserted");
    tap_ok(mfp_irq_ack(&m) == 0x47, "highest priority first: GPIP 5 vector $47");
    tap_ok(mfp_read_reg(&m, MFP_ISRB) == 0x80, "software EOI: GPIP 5 in service");
    tap_ok(!b.irq, "lower priority GPIP 4 blocked while GPIP 5 is in service");
    /* A higher priority source still gets through: GPIP 7 (monochrome detect). */
    mfp_set_gpip(&m, 7, false);
    tap_ok(b.irq, "higher priority GPIP 7 interrupts the in-service GPIP 5");
    tap_ok(mfp_irq_ack(&m) == 0x4F, "GPIP 7 vector $4F");
    mfp_write_reg(&m, MFP_ISRA, 0x7F); /* EOI for GPIP 7 */
    tap_ok(!b.irq, "GPIP 4 still blocked by GPIP 5 in service");
    mfp_write_reg(&m, MFP_ISRB, 0x7F); /* EOI for GPIP 5 */
    tap_ok(b.irq, "after EOI the pending GPIP 4 interrupts");
    tap_ok(mfp_irq_ack(&m) == 0x46, "GPIP 4 vector $46");
    tap_ok(mfp_irq_ack(&m) == -1, "nothing pending: acknowledge reports spurious");
    /* Rising edges do not count with AER 0. */
    mfp_write_reg(&m, MFP_ISRB, 0);
    mfp_set_gpip(&m, 5, true);
    tap_ok(mfp_read_reg(&m, MFP_IPRB) == 0, "rising edge ignored with AER bit clear");
    /* Masking keeps the request pending; disabling drops it. */
    mfp_write_reg(&m, MFP_IMRB, 0x00);
    mfp_set_gpip(&m, 5, false);
    tap_ok(mfp_read_reg(&m, MFP_IPRB) == 0x80 && !b.irq, "masked: pending but no IRQ");
    mfp_write_reg(&m, MFP_IMRB, 0xFF);
    tap_ok(b.irq, "unmasking raises IRQ");
    mfp_write_reg(&m, MFP_IERB, 0x7F);
    tap_ok(mfp_read_reg(&m, MFP_IPRB) == 0 && !b.irq, "disabling clears the pending bit");
    /* IPR bits are cleared by writing 0, never set by writing 1. */
    mfp_write_reg(&m, MFP_IPRB, 0xFF);
    tap_ok(mfp_read_reg(&m, MFP_IPRB) == 0, "writing 1 to IPR sets nothing");
    /* Automatic EOI: nothing goes in service. */
    mfp_write_reg(&m, MFP_VR, 0x40);
    mfp_write_reg(&m, MFP_IERB, 0xFF);
    mfp_set_gpip(&m, 5, true);
    mfp_set_gpip(&m, 5, false);
    tap_ok(mfp_irq_ack(&m) == 0x47 && mfp_read_reg(&m, MFP_ISRB) == 0,
           "automatic EOI: vector $47, in-service stays clear");
    /* Changing AER makes an edge: pin 3 is high, AER 0 -> 1 makes the detector fire. */
    mfp_set_gpip(&m, 3, true);
    mfp_write_reg(&m, MFP_IPRB, 0);
    mfp_write_reg(&m, MFP_AER, 0x08);
    tap_ok(mfp_read_reg(&m, MFP_IPRB) == 0x08, "writing AER can trigger an edge on a high pin");
}

static void test_event_count_and_gpip(void)
{
    sched s;
    mfp m;
    board b;
    setup(&m, &s, &b);
    mfp_write_reg(&m, MFP_VR, 0x40);
    mfp_write_reg(&m, MFP_IERA, 0x01);
    mfp_write_reg(&m, MFP_IMRA, 0x01);
    mfp_write_reg(&m, MFP_TBDR, 3);
    mfp_write_reg(&m, MFP_TBCR, 8); /* event count: display enable lines */
    mfp_timer_event(&m, MFP_TIMER_B);
    mfp_timer_event(&m, MFP_TIMER_B);
    tap_ok(mfp_read_reg(&m, MFP_TBDR) == 1 && !b.irq, "timer B event count: 3 -> 1, no IRQ");
    mfp_timer_event(&m, MFP_TIMER_B);
    tap_ok(b.irq && mfp_read_reg(&m, MFP_TBDR) == 3, "third line: IRQ and reload");
    tap_ok(mfp_irq_ack(&m) == 0x48, "timer B vector $48");
    /* Through the TBI level: AER bit 3 clear counts falling edges (end of DE). */
    mfp_set_timer_input(&m, MFP_TIMER_B, true);
    tap_ok(mfp_read_reg(&m, MFP_TBDR) == 3, "TBI rising edge with AER bit 3 clear: no count");
    mfp_set_timer_input(&m, MFP_TIMER_B, false);
    tap_ok(mfp_read_reg(&m, MFP_TBDR) == 2, "TBI falling edge: count");
    mfp_write_reg(&m, MFP_AER, 0x08);
    mfp_set_timer_input(&m, MFP_TIMER_B, true);
    tap_ok(mfp_read_reg(&m, MFP_TBDR) == 1, "AER bit 3 set: the rising edge counts");
    mfp_write_reg(&m, MFP_AER, 0x00);
    mfp_set_timer_input(&m, MFP_TIMER_B, false);
    mfp_write_reg(&m, MFP_TBCR, 0);
    mfp_timer_event(&m, MFP_TIMER_B);
    tap_ok(mfp_read_reg(&m, MFP_TBDR) == 3, "stopped timer ignores events");
    /* GPIP reads: inputs from the pins, outputs from the data register. */
    mfp_set_gpip(&m, 7, false);
    tap_ok((mfp_read_reg(&m, MFP_GPDR) & 0x80) == 0, "monochrome detect low reads 0");
    mfp_write_reg(&m, MFP_DDR, 0x01);
    mfp_write_reg(&m, MFP_GPDR, 0x00);
    tap_ok(mfp_read_reg(&m, MFP_GPDR) == 0x7E, "GPIP: output bit 0 from the latch, inputs from pins");
    tap_ok((mfp_read_reg(&m, MFP_TCDCR)) == 0 && mfp_read_reg(&m, MFP_TSR) == 0x80,
           "TCDCR after reset 0; USART transmit buffer empty");
}

/* Timer D as TOS sets it for 9600 baud: /4, data 2, interrupt disabled. */
static void test_disabled_timer_costs_nothing(void)
{
    sched s;
    mfp m;
    board b;
    setup(&m, &s, &b);
    mfp_write_reg(&m, MFP_VR, 0x40);
    mfp_write_reg(&m, MFP_TDDR, 2);
    mfp_write_reg(&m, MFP_TCDCR, 0x01);
    tap_ok(sched_next(&s) == INT64_MAX, "timer D with its channel disabled schedules nothing");
    sched_advance(&s, 1000);
    /* 1000 cycles = 307 MFP clocks = 76 prescaler ticks: 2 - (76 - 2) % 2 = 2. */
    tap_ok(mfp_read_reg(&m, MFP_TDDR) == 2 && (sched_advance(&s, 1013), mfp_read_reg(&m, MFP_TDDR) == 1),
           "its counter still runs (reads 2 at 1000 cycles, 1 at 1013)");
    mfp_write_reg(&m, MFP_IERB, 0x10);
    mfp_write_reg(&m, MFP_IMRB, 0x10);
    int64_t when = sched_next(&s);
    /* Tick 78 ends at MFP clock 312 -> CPU cycle ceil(312 * 625 / 192) = 1016. */
    tap_ok(when == 1016, "enabling the channel schedules the next expiry (%lld)", (long long)when);
    sched_advance(&s, when);
    tap_ok(b.irq && mfp_irq_ack(&m) == 0x44, "timer D interrupt, vector $44");
}

static void test_bus(void)
{
    sched s;
    mfp m;
    board b;
    setup(&m, &s, &b);
    uint32_t v = 0;
    tap_ok(mfp_write(&m, 0x17, 1, 0x48) == 0 && mfp_read(&m, 0x17, 1, &v) == 0 && v == 0x48,
           "byte at $FFFA17 is the vector register");
    tap_ok(mfp_read(&m, 0x16, 1, &v) == MEM_FAULT_BUS, "even byte $FFFA16: bus error");
    tap_ok(mfp_write(&m, 0x00, 1, 0) == MEM_FAULT_BUS, "even byte write: bus error");
    tap_ok(mfp_read(&m, 0x16, 2, &v) == 0 && v == 0xFF48, "word read: $FF high byte");
    tap_ok(mfp_read(&m, 0x31, 1, &v) == 0 && v == 0xFF, "$FFFA31: no register, no bus error");
    tap_ok(mfp_read(&m, 0x41, 1, &v) == MEM_FAULT_BUS, "past $FFFA3F: bus error");
    tap_ok(mfp_write(&m, 0x06, 4, 0x00FF00FF) == 0 && mfp_read_reg(&m, MFP_IERA) == 0xFF &&
               mfp_read_reg(&m, MFP_IERB) == 0xFF,
           "long write at $FFFA06 sets IERA and IERB");
}

int main(void)
{
    test_timer_c_200hz();
    test_delay_counter();
    test_priority_and_eoi();
    test_event_count_and_gpip();
    test_disabled_timer_costs_nothing();
    test_bus();
    return tap_done();
}
