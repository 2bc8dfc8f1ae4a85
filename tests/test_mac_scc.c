/* Z85C30 SCC chip tests, no CPU: the register pointer protocol (WR0 pointer,
 * "point high", reset after each access), transmission to the hook, RR0/RR1
 * status, the transmit interrupt with MIE and its reset, RR3 and channel B's
 * modified vector in RR2, reception and the receive interrupt, WR9 resets. */
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "machines/mac/scc.h"
#include "tests/tap.h"

typedef struct board {
    bool irq;
    int irq_edges;
    char out[2][64];
    int n[2];
} board;

static void on_irq(void *ctx, bool on)
{
    board *b = ctx;
    if (on && !b->irq)
        b->irq_edges++;
    b->irq = on;
}

static void on_tx(void *ctx, int ch, uint8_t byte)
{
    board *b = ctx;
    if (b->n[ch] < 63)
        b->out[ch][b->n[ch]++] = (char)byte;
}

static void wreg(scc *s, int ch, unsigned reg, uint8_t v)
{
    if (reg)
        scc_write(s, ch, false, (uint8_t)((reg & 7) | (reg & 8 ? 0x08 : 0)));
    scc_write(s, ch, false, v);
}

static uint8_t rreg(scc *s, int ch, unsigned reg)
{
    if (reg)
        scc_write(s, ch, false, (uint8_t)((reg & 7) | (reg & 8 ? 0x08 : 0)));
    return scc_read(s, ch, false);
}

static void setup(scc *s, board *b)
{
    memset(b, 0, sizeof *b);
    scc_init(s, &(scc_hooks){.ctx = b, .irq = on_irq, .tx = on_tx});
}

static void test_pointer_and_tx(void)
{
    scc s;
    board b;
    setup(&s, &b);
    tap_ok((rreg(&s, SCC_A, 0) & (SCC_RR0_TX_EMPTY | SCC_RR0_RX_AVAIL)) == SCC_RR0_TX_EMPTY,
           "after reset RR0: transmit buffer empty, nothing received");
    wreg(&s, SCC_A, 12, 0x0A);
    wreg(&s, SCC_A, 13, 0x00);
    tap_ok(rreg(&s, SCC_A, 12) == 0x0A && rreg(&s, SCC_A, 13) == 0x00,
           "WR12/WR13 through 'point high' read back as RR12/RR13");
    tap_ok(s.ch[SCC_A].ptr == 0, "the pointer returns to 0 after each access");
    tap_ok(rreg(&s, SCC_A, 9) == rreg(&s, SCC_A, 13), "RR9 mirrors RR13");
    wreg(&s, SCC_A, 5, 0x68); /* Tx enable, 8 bits */
    scc_write(&s, SCC_A, true, 'O');
    scc_write(&s, SCC_A, true, 'K');
    wreg(&s, SCC_B, 8, 'b'); /* WR8 is the transmit buffer too */
    tap_ok(b.n[SCC_A] == 2 && memcmp(b.out[SCC_A], "OK", 2) == 0 && b.n[SCC_B] == 1 &&
               b.out[SCC_B][0] == 'b',
           "characters leave the right channel");
    tap_ok((rreg(&s, SCC_A, 0) & SCC_RR0_TX_EMPTY) && (rreg(&s, SCC_A, 1) & 1),
           "RR0 Tx empty and RR1 all-sent after sending");
    tap_ok(!b.irq, "no interrupt while MIE and TxIE are off");
}

static void test_tx_interrupt(void)
{
    scc s;
    board b;
    setup(&s, &b);
    wreg(&s, SCC_A, 1, 0x02); /* Tx interrupt enable */
    wreg(&s, SCC_A, 9, 0x08); /* MIE */
    tap_ok(!b.irq, "enabling does not interrupt before a character is sent");
    scc_write(&s, SCC_A, true, 'x');
    tap_ok(b.irq && rreg(&s, SCC_A, 3) == SCC_RR3_A_TX, "Tx buffer empty: interrupt, RR3 A Tx IP");
    tap_ok(rreg(&s, SCC_B, 3) == 0, "RR3 reads 0 on channel B");
    wreg(&s, SCC_A, 2, 0xF0);
    tap_ok(rreg(&s, SCC_A, 2) == 0xF0 && rreg(&s, SCC_B, 2) == (0xF0 | (4 << 1)),
           "RR2: A the vector, B modified with 'A Tx empty' (code 4): $%02x",
           rreg(&s, SCC_B, 2));
    scc_write(&s, SCC_A, false, 0x28); /* reset TxINT pending */
    tap_ok(!b.irq && rreg(&s, SCC_A, 3) == 0, "WR0 'reset Tx IP' clears it");
    tap_ok(rreg(&s, SCC_B, 2) == (0xF0 | (3 << 1)), "no interrupt: code 3 in RR2 B");
    scc_write(&s, SCC_A, true, 'y');
    wreg(&s, SCC_A, 9, 0x00);
    tap_ok(!b.irq && rreg(&s, SCC_A, 3) == SCC_RR3_A_TX, "MIE off masks /INT, IP stays");
}

static void test_rx(void)
{
    scc s;
    board b;
    setup(&s, &b);
    wreg(&s, SCC_B, 1, 0x10); /* Rx interrupt on all characters */
    wreg(&s, SCC_B, 9, 0x08);
    tap_ok(scc_receive(&s, SCC_B, 'h') && scc_receive(&s, SCC_B, 'i'), "two characters arrive");
    tap_ok(b.irq && (rreg(&s, SCC_A, 3) & SCC_RR3_B_RX) && (rreg(&s, SCC_B, 0) & SCC_RR0_RX_AVAIL),
           "receive interrupt, RR3 B Rx IP, RR0 Rx available");
    uint8_t c1 = scc_read(&s, SCC_B, true), c2 = rreg(&s, SCC_B, 8);
    tap_ok(c1 == 'h' && c2 == 'i', "read in order from the data port and RR8");
    tap_ok(!b.irq && !(rreg(&s, SCC_B, 0) & SCC_RR0_RX_AVAIL), "empty again: no interrupt");
    wreg(&s, SCC_B, 9, 0xC0);
    tap_ok(s.wr9 == 0 && s.ch[SCC_B].wr[1] == 0, "WR9 $C0: hardware reset");
}

int main(void)
{
    test_pointer_and_tx();
    test_tx_interrupt();
    test_rx();
    return tap_done();
}
