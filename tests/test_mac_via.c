/* 6522 VIA chip tests, no CPU: timer 1 one-shot and free-running periods,
 * timer 2, counters computed from the scheduler's time, IFR/IER and the IRQ
 * output, CA1/CA2 edges and their clearing by port access, the shift
 * register hooks, port pins; and the Quadra GLUE's interrupt levels. */
#include <stdbool.h>
#include <stdint.h>

#include "machines/mac/glue.h"
#include "machines/mac/via.h"
#include "tests/tap.h"

typedef struct board {
    sched *s;
    bool irq;
    int irq_edges;
    int64_t last_irq_at;
    uint8_t in_b;
    uint8_t out_b, ddr_b;
    int sr_writes, sr_reads;
    uint8_t sr_last;
} board;

static void on_irq(void *ctx, bool on)
{
    board *b = ctx;
    if (on && !b->irq) {
        b->irq_edges++;
        b->last_irq_at = sched_now(b->s);
    }
    b->irq = on;
}

static uint8_t on_in(void *ctx, int port)
{
    board *b = ctx;
    return port == VIA_PORT_B ? b->in_b : 0xFF;
}

static void on_out(void *ctx, int port, uint8_t out, uint8_t ddr)
{
    board *b = ctx;
    if (port == VIA_PORT_B) {
        b->out_b = out;
        b->ddr_b = ddr;
    }
}

static void on_sr_write(void *ctx, uint8_t v)
{
    board *b = ctx;
    b->sr_writes++;
    b->sr_last = v;
}

static void on_sr_read(void *ctx)
{
    ((board *)ctx)->sr_reads++;
}

#define DIV 10 /* scheduler cycles per VIA tick in these tests */

static void setup(via *v, sched *s, board *b)
{
    sched_init(s);
    *b = (board){.s = s, .in_b = 0xFF};
    via_init(v, s, "via", DIV,
             &(via_hooks){.ctx = b, .irq = on_irq, .port_in = on_in, .port_out = on_out,
                          .sr_write = on_sr_write, .sr_read = on_sr_read});
}

static void test_t1_one_shot(void)
{
    sched s;
    via v;
    board b;
    setup(&v, &s, &b);
    via_write(&v, VIA_IER, 0x80 | VIA_INT_T1);
    via_write(&v, VIA_T1CL, 0x10);
    via_write(&v, VIA_T1CH, 0x00); /* n = 16, loaded at tick 0 */
    tap_ok(via_read(&v, VIA_T1LL) == 0x10 && via_read(&v, VIA_T1LH) == 0, "T1 latches read back");
    sched_advance(&s, 5 * DIV);
    tap_ok(via_t1_count(&v) == 11, "T1 counts down one per VIA tick (11 after 5, got %u)",
           via_t1_count(&v));
    sched_advance(&s, 16 * DIV);
    tap_ok(via_t1_count(&v) == 0 && !b.irq, "T1 reads 0 after n ticks, no interrupt yet");
    sched_advance(&s, 17 * DIV);
    tap_ok(b.irq && b.last_irq_at == 17 * DIV && (via_read(&v, VIA_IFR) & 0xC0) == 0xC0,
           "T1 underflow n+1 ticks after the load sets IFR bit 6 and IRQ (at %lld)",
           (long long)b.last_irq_at);
    tap_ok(via_t1_count(&v) == 0xFFFF, "T1 shows $FFFF at the underflow");
    (void)via_read(&v, VIA_T1CL);
    tap_ok(!b.irq && !(via_read(&v, VIA_IFR) & VIA_INT_T1), "reading T1C-L clears the flag");
    sched_advance(&s, 200 * DIV);
    tap_ok(b.irq_edges == 1, "one-shot: no second interrupt (edges %d)", b.irq_edges);
    tap_ok(via_t1_count(&v) == (uint16_t)(0xFFFF - 183), "and the counter keeps decrementing");
}

static void test_t1_free_run(void)
{
    sched s;
    via v;
    board b;
    setup(&v, &s, &b);
    via_write(&v, VIA_ACR, 0x40);
    via_write(&v, VIA_IER, 0x80 | VIA_INT_T1);
    via_write(&v, VIA_T1CL, 98);
    via_write(&v, VIA_T1CH, 0); /* n = 98: period n + 2 = 100 ticks */
    int64_t times[4];
    int n = 0;
    for (int64_t t = 0; t <= 400 * DIV && n < 4; t += DIV) {
        sched_advance(&s, t);
        if (b.irq) {
            times[n++] = b.last_irq_at;
            via_write(&v, VIA_IFR, VIA_INT_T1);
        }
    }
    tap_ok(n == 4 && times[0] == 99 * DIV && times[1] == 199 * DIV && times[2] == 299 * DIV,
           "free-running T1: first underflow after n+1 ticks, then every n+2 (%lld %lld %lld)",
           (long long)times[0], (long long)(n > 1 ? times[1] : -1),
           (long long)(n > 2 ? times[2] : -1));
    /* A new latch value takes effect at the next reload. */
    via_write(&v, VIA_T1LL, 48);
    via_write(&v, VIA_T1LH, 0);
    int64_t start = b.last_irq_at;
    n = 0;
    for (int64_t t = s.base; t <= start + 400 * DIV && n < 2; t += DIV) {
        sched_advance(&s, t);
        if (b.irq) {
            times[n++] = b.last_irq_at;
            via_write(&v, VIA_IFR, VIA_INT_T1);
        }
    }
    tap_ok(n == 2 && times[1] - times[0] == 50 * DIV,
           "writing the latches changes the period from the next reload (%lld)",
           (long long)(n == 2 ? times[1] - times[0] : -1));
    via_write(&v, VIA_IER, VIA_INT_T1);
    sched_advance(&s, s.base + 500 * DIV);
    tap_ok(!b.irq && (via_read(&v, VIA_IFR) & VIA_INT_T1) && !(via_read(&v, VIA_IFR) & 0x80),
           "IER cleared: the flag is set but IRQ and IFR bit 7 stay off");
}

static void test_t2(void)
{
    sched s;
    via v;
    board b;
    setup(&v, &s, &b);
    via_write(&v, VIA_IER, 0x80 | VIA_INT_T2);
    tap_ok(via_read(&v, VIA_IER) == (0x80 | VIA_INT_T2), "IER reads back with bit 7 set");
    via_write(&v, VIA_T2CL, 0x00);
    via_write(&v, VIA_T2CH, 0x01); /* n = 256 */
    sched_advance(&s, 256 * DIV);
    tap_ok(!b.irq && via_t2_count(&v) == 0, "T2 at 0 after n ticks");
    sched_advance(&s, 257 * DIV);
    tap_ok(b.irq && (via_read(&v, VIA_IFR) & VIA_INT_T2), "T2 underflow raises IFR bit 5");
    (void)via_read(&v, VIA_T2CL);
    tap_ok(!b.irq, "reading T2C-L clears it");
    sched_advance(&s, 2000 * DIV);
    tap_ok(b.irq_edges == 1, "T2 is one-shot");
}

static void test_ifr_ier_edges(void)
{
    sched s;
    via v;
    board b;
    setup(&v, &s, &b);
    via_write(&v, VIA_IER, 0x80 | VIA_INT_CA1 | VIA_INT_CA2 | VIA_INT_CB1);
    via_write(&v, VIA_IER, VIA_INT_CB1);
    tap_ok(via_read(&v, VIA_IER) == (0x80 | VIA_INT_CA1 | VIA_INT_CA2),
           "IER: bit 7 clear clears the bits given");
    via_set_ca1(&v, false); /* PCR 0: negative edge */
    tap_ok(b.irq && (via_read(&v, VIA_IFR) == (0x80 | VIA_INT_CA1)), "CA1 falling edge flags");
    via_set_ca1(&v, true);
    (void)via_read(&v, VIA_ORA);
    tap_ok(!b.irq && via_read(&v, VIA_IFR) == 0, "reading ORA clears CA1");
    via_write(&v, VIA_PCR, 0x01 | 0x06); /* CA1 positive edge; CA2 independent positive */
    via_set_ca1(&v, false);
    tap_ok(!(via_read(&v, VIA_IFR) & VIA_INT_CA1), "CA1 positive-edge mode ignores a fall");
    via_set_ca1(&v, true);
    via_set_ca2(&v, false);
    via_set_ca2(&v, true);
    tap_ok((via_read(&v, VIA_IFR) & (VIA_INT_CA1 | VIA_INT_CA2)) == (VIA_INT_CA1 | VIA_INT_CA2),
           "CA1 rise and CA2 rise flag in positive-edge modes");
    (void)via_read(&v, VIA_ORA);
    tap_ok((via_read(&v, VIA_IFR) & 0x7F) == VIA_INT_CA2,
           "an independent-interrupt CA2 keeps its flag on ORA access");
    via_write(&v, VIA_IFR, 0x7F);
    tap_ok(via_read(&v, VIA_IFR) == 0 && !b.irq, "writing 1s to IFR clears flags");
    via_set_cb1(&v, false);
    tap_ok((via_read(&v, VIA_IFR) & VIA_INT_CB1) && !b.irq, "CB1 flags even while disabled");
}

static void test_ports_and_sr(void)
{
    sched s;
    via v;
    board b;
    setup(&v, &s, &b);
    b.in_b = 0xA5;
    via_write(&v, VIA_DDRB, 0x0F);
    via_write(&v, VIA_ORB, 0x03);
    tap_ok(b.out_b == 0x03 && b.ddr_b == 0x0F, "port B writes reach the board");
    tap_ok(via_read(&v, VIA_ORB) == 0xA3, "pins: outputs from ORB, inputs from the board ($%02x)",
           via_read(&v, VIA_ORB));
    via_write(&v, VIA_ACR, 0x1C); /* shift out under external clock */
    via_write(&v, VIA_SR, 0x5A);
    tap_ok(b.sr_writes == 1 && b.sr_last == 0x5A, "SR write in a shift-out mode calls the hook");
    via_write(&v, VIA_IER, 0x80 | VIA_INT_SR);
    via_sr_done(&v, 0);
    tap_ok(b.irq && (via_read(&v, VIA_IFR) & VIA_INT_SR), "the board completes: SR flag");
    via_write(&v, VIA_ACR, 0x0C); /* shift in, external clock */
    (void)via_read(&v, VIA_SR);
    tap_ok(!b.irq && b.sr_reads == 1, "SR read clears the flag and calls the hook");
    via_sr_done(&v, 0x42);
    tap_ok(via_read(&v, VIA_SR) == 0x42, "a byte shifted in reads from SR");
}

static int ipl_seen;
static void set_ipl(void *ctx, int level)
{
    (void)ctx;
    ipl_seen = level;
}

static void test_glue(void)
{
    mac_glue g;
    mac_glue_init(&g, &(mac_glue_hooks){.set_ipl = set_ipl});
    mac_glue_set(&g, MAC_GLUE_VIA1, true);
    tap_ok(ipl_seen == 1, "classic mapping: VIA1 at level 1");
    mac_glue_set_auxmode(&g, true);
    tap_ok(ipl_seen == 6, "A/UX mapping: VIA1 at level 6");
    mac_glue_set(&g, MAC_GLUE_SCC, true);
    mac_glue_set(&g, MAC_GLUE_VIA2, true);
    tap_ok(ipl_seen == 6, "the highest asserted level wins");
    mac_glue_set(&g, MAC_GLUE_VIA1, false);
    tap_ok(ipl_seen == 4, "SCC at level 4");
    mac_glue_set(&g, MAC_GLUE_SCC, false);
    tap_ok(ipl_seen == 2, "VIA2 at level 2");
    mac_glue_set(&g, MAC_GLUE_VIA2, false);
    mac_glue_set(&g, MAC_GLUE_NMI, true);
    tap_ok(ipl_seen == 7, "NMI at level 7");
    mac_glue_set(&g, MAC_GLUE_NMI, false);
    tap_ok(ipl_seen == 0 && mac_glue_level(&g, MAC_GLUE_SONIC) == 3 &&
               mac_glue_level(&g, MAC_GLUE_ASC) == 5,
           "nothing asserted: IPL 0; SONIC 3 and ASC 5 in A/UX mode");
}

int main(void)
{
    test_t1_one_shot();
    test_t1_free_run();
    test_t2();
    test_ifr_ier_edges();
    test_ports_and_sr();
    test_glue();
    return tap_done();
}
