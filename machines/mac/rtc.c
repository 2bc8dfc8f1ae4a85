/* Apple 343-0042-B real-time clock with 256 bytes of extended parameter RAM
 * (Inside Macintosh II/III, Guide to the Macintosh Family Hardware).
 *
 *   pin       Quadra 800 wiring
 *   /CE       VIA1 PB2 (vRTCEnb), active low: high ends a transfer
 *   1SEC      VIA1 CA2, the one-second interrupt (mac_via.c generates it)
 *   SCLK      VIA1 PB1 (vRTCClk): the RTC samples data on the rising edge
 *             and drives its next bit after the falling edge
 *   SDATA     VIA1 PB0 (vRTCData), bidirectional
 *
 * Commands, MSB first (z = 1 read, 0 write):
 *   z00000aa01 / z0001aa01   seconds byte aa (0 lowest)      (bits 6..2 = 000aa / 001aa)
 *   00110001                 test register (write only)
 *   00110101                 write protect (write only; bit 7 set = protected)
 *   z010aa01                 classic PRAM $10-$13 = XPRAM $08-$0B
 *   z1aaaa01                 classic PRAM $00-$0F = XPRAM $10-$1F
 *   z0111sss 0aaaaa00        XPRAM address sss:aaaaa (two command bytes)
 * A read command is followed by 8 bits from the RTC, a write by 8 bits from
 * the CPU.  While write protected only the write-protect register changes.
 */
#include "machines/mac/rtc.h"

#include <string.h>

void mac_rtc_init(mac_rtc *r, sched *s, uint32_t hz, uint32_t seconds)
{
    memset(r, 0, sizeof *r);
    r->s = s;
    r->hz = hz ? hz : 1;
    r->seconds0 = seconds;
    r->state = MAC_RTC_CMD;
    r->data_out = true;
    r->clk = true;
}

uint32_t mac_rtc_seconds(const mac_rtc *r)
{
    return r->seconds0 + (uint32_t)(sched_now(r->s) / r->hz);
}

bool mac_rtc_data(const mac_rtc *r)
{
    return r->data_out;
}

static void send(mac_rtc *r, uint8_t byte)
{
    r->out = byte;
    r->out_bits = 8;
    r->state = MAC_RTC_DATA_OUT;
}

/* Address kinds in r->addr for one-byte commands. */
enum { A_SECONDS = 0x100, A_TEST = 0x200, A_WP = 0x300 };

static uint8_t read_addr(const mac_rtc *r, unsigned addr)
{
    if ((addr & 0xF00) == A_SECONDS)
        return (uint8_t)(mac_rtc_seconds(r) >> (8 * (addr & 3)));
    return r->xpram[addr & 0xFF];
}

static void write_addr(mac_rtc *r, unsigned addr, uint8_t v)
{
    if (addr == A_WP) {
        r->wp = (v & 0x80) != 0;
        return;
    }
    if (r->wp || addr == A_TEST)
        return;
    if ((addr & 0xF00) == A_SECONDS) {
        uint32_t now = mac_rtc_seconds(r);
        unsigned sh = 8 * (addr & 3);
        uint32_t set = (now & ~(0xFFu << sh)) | ((uint32_t)v << sh);
        r->seconds0 += set - now;
        return;
    }
    r->xpram[addr & 0xFF] = v;
}

static void command(mac_rtc *r, uint8_t b)
{
    bool read = b & 0x80;
    unsigned v = b & 0x7F;
    r->cmd = b;
    if ((v & 0x78) == 0x38) {
        r->addr = (uint16_t)((v & 7) << 5);
        r->state = MAC_RTC_CMD2;
        return;
    }
    if ((v & 3) != 1) {
        r->state = MAC_RTC_DONE;
        return;
    }
    unsigned a = v >> 2;
    if ((a & 0x18) == 0)
        r->addr = (uint16_t)(A_SECONDS | (a & 3));
    else if (a == 0x0C && !read)
        r->addr = A_TEST;
    else if (a == 0x0D && !read)
        r->addr = A_WP;
    else if ((a & 0x1C) == 0x08)
        r->addr = (uint16_t)(0x08 + (a & 3));
    else if (a & 0x10)
        r->addr = (uint16_t)(0x10 + (a & 0x0F));
    else {
        r->state = MAC_RTC_DONE;
        return;
    }
    if (read)
        send(r, read_addr(r, r->addr));
    else
        r->state = MAC_RTC_DATA_IN;
}

static void byte_in(mac_rtc *r, uint8_t b)
{
    switch (r->state) {
    case MAC_RTC_CMD:
        command(r, b);
        break;
    case MAC_RTC_CMD2:
        r->addr = (uint16_t)(r->addr | ((b >> 2) & 0x1F));
        if (r->cmd & 0x80)
            send(r, r->xpram[r->addr]);
        else
            r->state = MAC_RTC_DATA_IN;
        break;
    case MAC_RTC_DATA_IN:
        write_addr(r, r->addr, b);
        r->state = MAC_RTC_DONE;
        break;
    default:
        break;
    }
}

void mac_rtc_lines(mac_rtc *r, bool enable_n, bool clk, bool data)
{
    if (enable_n) {
        r->enabled = false;
        r->state = MAC_RTC_CMD;
        r->nbits = 0;
        r->data_out = true;
        r->clk = clk;
        return;
    }
    if (!r->enabled) {
        r->enabled = true;
        r->state = MAC_RTC_CMD;
        r->nbits = 0;
    }
    bool rising = !r->clk && clk, falling = r->clk && !clk;
    r->clk = clk;
    if (rising && (r->state == MAC_RTC_CMD || r->state == MAC_RTC_CMD2 ||
                   r->state == MAC_RTC_DATA_IN)) {
        r->shift = (uint8_t)((r->shift << 1) | (data ? 1 : 0));
        if (++r->nbits == 8) {
            r->nbits = 0;
            byte_in(r, r->shift);
        }
    } else if (falling && r->state == MAC_RTC_DATA_OUT) {
        r->data_out = (r->out & 0x80) != 0;
        r->out = (uint8_t)(r->out << 1);
        if (--r->out_bits == 0)
            r->state = MAC_RTC_DONE;
    }
}
