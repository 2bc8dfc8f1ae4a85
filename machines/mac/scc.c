/* Zilog Z85C30 SCC (Z8530/Z85C30 Technical Manual), as wired in the
 * Quadra 800.
 *
 *   pin         Quadra 800 wiring
 *   D0-D7       data bus byte lane; the machine decodes the address
 *   A/B         address bit 1: 1 = channel A ("modem" port), 0 = channel B ("printer")
 *   D/C         address bit 2: 1 = data port, 0 = control port
 *   /INT        to the GLUE, interrupt level 4
 *   /W/REQA     VIA1 PA7 (vSCCWrReq); not modelled
 *   PCLK        3.6864 MHz; RTxC from the same clock (baud-rate generator input)
 *   TxDA/RxDA   the modem port: --serial-out; TxDB/RxDB the printer port
 *
 * Characters are sent the moment they are written: the transmit buffer is
 * always empty again by the next instruction, and the transmit interrupt is
 * raised then (as QEMU's ESCC does).  Baud rate, parity and stop bits are
 * stored and ignored; synchronous modes are not modelled.  The interrupt
 * daisy chain's IUS bits are not kept: the Mac autovectors the SCC.
 */
#include "machines/mac/scc.h"

#include <string.h>

/* WR0 commands (bits 5..3) */
enum {
    CMD_NULL, CMD_POINT_HIGH, CMD_RESET_EXT, CMD_ABORT, CMD_RX_NEXT, CMD_RESET_TX_IP,
    CMD_ERROR_RESET, CMD_RESET_IUS
};

#define WR1_EXT_IE 0x01
#define WR1_TX_IE 0x02
#define WR1_RX_MODE(w) (((w) >> 3) & 3)
#define WR9_MIE 0x08
#define WR9_STATUS_HIGH 0x10

static bool channel_irq(const scc_channel *c)
{
    return (c->tx_ip && (c->wr[1] & WR1_TX_IE)) || (c->ext_ip && (c->wr[1] & WR1_EXT_IE)) ||
           (c->rx_ip && WR1_RX_MODE(c->wr[1]) != 0);
}

static void update_irq(scc *s)
{
    bool on = (s->wr9 & WR9_MIE) && (channel_irq(&s->ch[SCC_A]) || channel_irq(&s->ch[SCC_B]));
    if (on != s->irq_out) {
        s->irq_out = on;
        if (s->hooks.irq)
            s->hooks.irq(s->hooks.ctx, on);
    }
}

static void channel_reset(scc_channel *c, bool hard)
{
    c->wr[0] = 0;
    c->wr[1] &= 0x24;
    c->wr[3] &= 0xFE;
    c->wr[4] |= 0x04;
    c->wr[5] &= 0x61;
    c->wr[10] &= 0x60;
    c->wr[15] = 0xF8;
    if (hard) {
        c->wr[10] = 0;
        c->wr[11] = 0x08;
        c->wr[14] = 0x30;
    } else {
        c->wr[14] = (uint8_t)((c->wr[14] & 0xC3) | 0x20);
    }
    c->rr0 = SCC_RR0_TX_EMPTY | SCC_RR0_TX_UNDERRUN;
    c->rr1 = 0x07; /* all sent, 8-bit residue code */
    c->ptr = 0;
    c->tx_ip = c->rx_ip = c->ext_ip = false;
    c->rx_head = c->rx_count = 0;
}

void scc_init(scc *s, const scc_hooks *hooks)
{
    memset(s, 0, sizeof *s);
    s->hooks = *hooks;
    scc_reset(s);
}

void scc_reset(scc *s)
{
    channel_reset(&s->ch[SCC_A], true);
    channel_reset(&s->ch[SCC_B], true);
    s->wr9 = 0; /* MIE, NV, VIS off after a hardware reset */
    s->irq_out = false;
    if (s->hooks.irq)
        s->hooks.irq(s->hooks.ctx, false);
}

/* RR2 on channel B: the vector with the highest pending condition in
 * bits 3..1 (or 6..4 with WR9 "status high"); "no interrupt" is code 3. */
static uint8_t modified_vector(const scc *s)
{
    const scc_channel *a = &s->ch[SCC_A], *b = &s->ch[SCC_B];
    unsigned code = 3;
    if (a->rx_ip && WR1_RX_MODE(a->wr[1]))
        code = 6;
    else if (a->tx_ip && (a->wr[1] & WR1_TX_IE))
        code = 4;
    else if (a->ext_ip && (a->wr[1] & WR1_EXT_IE))
        code = 5;
    else if (b->rx_ip && WR1_RX_MODE(b->wr[1]))
        code = 2;
    else if (b->tx_ip && (b->wr[1] & WR1_TX_IE))
        code = 0;
    else if (b->ext_ip && (b->wr[1] & WR1_EXT_IE))
        code = 1;
    if (s->wr9 & WR9_STATUS_HIGH) {
        /* bits 4..6, in reverse order */
        unsigned rev = ((code & 1) << 2) | (code & 2) | ((code >> 2) & 1);
        return (uint8_t)((s->wr2 & 0x8F) | (rev << 4));
    }
    return (uint8_t)((s->wr2 & 0xF1) | (code << 1));
}

static uint8_t rr3(const scc *s)
{
    const scc_channel *a = &s->ch[SCC_A], *b = &s->ch[SCC_B];
    uint8_t v = 0;
    if (b->ext_ip && (b->wr[1] & WR1_EXT_IE))
        v |= SCC_RR3_B_EXT;
    if (b->tx_ip && (b->wr[1] & WR1_TX_IE))
        v |= SCC_RR3_B_TX;
    if (b->rx_ip && WR1_RX_MODE(b->wr[1]))
        v |= SCC_RR3_B_RX;
    if (a->ext_ip && (a->wr[1] & WR1_EXT_IE))
        v |= SCC_RR3_A_EXT;
    if (a->tx_ip && (a->wr[1] & WR1_TX_IE))
        v |= SCC_RR3_A_TX;
    if (a->rx_ip && WR1_RX_MODE(a->wr[1]))
        v |= SCC_RR3_A_RX;
    return v;
}

static uint8_t rx_pop(scc *s, scc_channel *c)
{
    if (!c->rx_count)
        return c->rx[(c->rx_head + SCC_RX_FIFO - 1) % SCC_RX_FIFO];
    uint8_t v = c->rx[c->rx_head];
    c->rx_head = (c->rx_head + 1) % SCC_RX_FIFO;
    if (--c->rx_count == 0) {
        c->rr0 &= (uint8_t)~SCC_RR0_RX_AVAIL;
        c->rx_ip = false;
    }
    update_irq(s);
    return v;
}

static void transmit(scc *s, int ch, uint8_t v)
{
    scc_channel *c = &s->ch[ch];
    c->tx_ip = false;
    c->tx_count++;
    if (s->hooks.tx)
        s->hooks.tx(s->hooks.ctx, ch, v);
    /* The buffer is empty again and everything has been sent. */
    c->rr0 |= SCC_RR0_TX_EMPTY;
    c->rr1 |= 0x01;
    /* Only an empty buffer seen with Tx interrupts enabled sets the IP. */
    c->tx_ip = (c->wr[1] & WR1_TX_IE) != 0;
    update_irq(s);
}

uint8_t scc_read(scc *s, int ch, bool data)
{
    scc_channel *c = &s->ch[ch & 1];
    if (data)
        return rx_pop(s, c);
    unsigned reg = c->ptr;
    c->ptr = 0;
    /* The 85C30 mirrors: RR4-7 = RR0-3, RR9 = RR13, RR11 = RR15, RR14 = RR10. */
    static const uint8_t alias[16] = {0, 1, 2, 3, 0, 1, 2, 3, 8, 13, 10, 15, 12, 13, 10, 15};
    switch (alias[reg]) {
    case 0:
        return c->rr0;
    case 1:
        return c->rr1;
    case 2:
        return ch == SCC_A ? s->wr2 : modified_vector(s);
    case 3:
        return ch == SCC_A ? rr3(s) : 0;
    case 8:
        return rx_pop(s, c);
    case 10:
        return 0;
    case 12:
        return c->wr[12];
    case 13:
        return c->wr[13];
    case 15:
        return (uint8_t)(c->wr[15] & 0xFA);
    }
    return 0;
}

static void wr0(scc *s, scc_channel *c, uint8_t v)
{
    c->ptr = v & 7;
    switch ((v >> 3) & 7) {
    case CMD_POINT_HIGH:
        c->ptr |= 8;
        break;
    case CMD_RESET_EXT:
        c->ext_ip = false;
        break;
    case CMD_RESET_TX_IP:
        c->tx_ip = false;
        break;
    case CMD_ERROR_RESET:
        c->rr1 &= 0x8F;
        break;
    default:
        break;
    }
    update_irq(s);
}

void scc_write(scc *s, int ch, bool data, uint8_t value)
{
    ch &= 1;
    scc_channel *c = &s->ch[ch];
    if (data) {
        transmit(s, ch, value);
        return;
    }
    unsigned reg = c->ptr;
    c->ptr = 0;
    switch (reg) {
    case 0:
        wr0(s, c, value);
        return;
    case 2:
        s->wr2 = value;
        break;
    case 8:
        transmit(s, ch, value);
        return;
    case 9:
        switch (value & 0xC0) {
        case 0x40:
            channel_reset(&s->ch[SCC_B], false);
            break;
        case 0x80:
            channel_reset(&s->ch[SCC_A], false);
            break;
        case 0xC0:
            scc_reset(s);
            return;
        }
        s->wr9 = value & 0x3F;
        break;
    default:
        c->wr[reg] = value;
        break;
    }
    update_irq(s);
}

bool scc_receive(scc *s, int ch, uint8_t byte)
{
    scc_channel *c = &s->ch[ch & 1];
    if (c->rx_count == SCC_RX_FIFO)
        return false;
    c->rx[(c->rx_head + c->rx_count) % SCC_RX_FIFO] = byte;
    c->rx_count++;
    c->rr0 |= SCC_RR0_RX_AVAIL;
    c->rx_ip = true;
    update_irq(s);
    return true;
}
