/* The Quadra's VIA wiring with no CPU: the RTC/PRAM serial protocol driven
 * through VIA1 port B exactly as Linux's via_rtc_command does (seconds,
 * classic and extended PRAM, write protect), the 60.15 Hz and 1 Hz ticks,
 * power off through VIA2, the interrupt-mapping line, ADB transactions as
 * Linux's via-macii runs them (timeouts, the keyboard and mouse, address
 * moves, key codes, service requests), and VIA2's slot interrupts. */
#include <stdbool.h>
#include <stdint.h>

#include "machines/mac/mac_via.h"
#include "tests/tap.h"

#define V1(reg) ((uint32_t)(reg) << 9)
#define V2(reg) (0x2000u | ((uint32_t)(reg) << 9))

typedef struct board {
    bool irq1, irq2, aux, off;
    int ticks;
} board;

static void irq1(void *c, bool on) { ((board *)c)->irq1 = on; }
static void irq2(void *c, bool on) { ((board *)c)->irq2 = on; }
static void aux(void *c, bool a) { ((board *)c)->aux = a; }
static void off(void *c) { ((board *)c)->off = true; }
static void tick(void *c) { ((board *)c)->ticks++; }

static uint8_t rd(mac_via *m, uint32_t off)
{
    uint32_t v;
    mac_via_read(m, off, 1, &v);
    return (uint8_t)v;
}

static void wr(mac_via *m, uint32_t off, uint8_t v)
{
    mac_via_write(m, off, 1, v);
}

/* Linux's via_rtc_send / via_rtc_recv / via_rtc_command, on VIA1 port B. */
static void rtc_send(mac_via *m, uint8_t data)
{
    uint8_t reg = rd(m, V1(VIA_ORB)) & (uint8_t)~(VIA1B_RTC_CLK | VIA1B_RTC_DATA);
    for (int i = 0; i < 8; i++) {
        uint8_t bit = (data & 0x80) ? 1 : 0;
        data = (uint8_t)(data << 1);
        wr(m, V1(VIA_ORB), reg | bit);
        wr(m, V1(VIA_ORB), reg | bit | VIA1B_RTC_CLK);
    }
}

static uint8_t rtc_recv(mac_via *m)
{
    uint8_t reg = rd(m, V1(VIA_ORB)) & (uint8_t)~VIA1B_RTC_CLK;
    wr(m, V1(VIA_DDRB), rd(m, V1(VIA_DDRB)) & (uint8_t)~VIA1B_RTC_DATA);
    uint8_t data = 0;
    for (int i = 0; i < 8; i++) {
        wr(m, V1(VIA_ORB), reg);
        wr(m, V1(VIA_ORB), reg | VIA1B_RTC_CLK);
        data = (uint8_t)((data << 1) | (rd(m, V1(VIA_ORB)) & VIA1B_RTC_DATA));
    }
    wr(m, V1(VIA_DDRB), rd(m, V1(VIA_DDRB)) | VIA1B_RTC_DATA);
    return data;
}

static void rtc_command(mac_via *m, int command, uint8_t *data)
{
    bool is_read;
    wr(m, V1(VIA_ORB), (uint8_t)((rd(m, V1(VIA_ORB)) | VIA1B_RTC_CLK) & ~VIA1B_RTC_ENB));
    if (command & 0xFF00) {
        rtc_send(m, (uint8_t)(command >> 8));
        rtc_send(m, (uint8_t)command);
        is_read = command & 0x8000;
    } else {
        rtc_send(m, (uint8_t)command);
        is_read = command & 0x80;
    }
    if (is_read)
        *data = rtc_recv(m);
    else
        rtc_send(m, *data);
    wr(m, V1(VIA_ORB), rd(m, V1(VIA_ORB)) | VIA1B_RTC_ENB);
}

static uint32_t read_seconds(mac_via *m)
{
    uint32_t t = 0;
    for (int i = 3; i >= 0; i--) {
        uint8_t b;
        rtc_command(m, 0x81 | (i << 2), &b);
        t = (t << 8) | b;
    }
    return t;
}

#define DIV 42
#define HZ (MAC_VIA_HZ * DIV)
#define T0 (1704110400u + MAC_RTC_UNIX_OFFSET)

static void setup(mac_via *m, sched *s, board *b)
{
    sched_init(s);
    *b = (board){0};
    mac_via_init(m, s, DIV, T0,
                 &(mac_via_hooks){.ctx = b, .irq1 = irq1, .irq2 = irq2, .auxmode = aux,
                                  .power_off = off, .tick60 = tick});
    /* As Linux leaves VIA1 port B: RTC lines out, /enable high. */
    wr(m, V1(VIA_DDRB), VIA1B_RTC_DATA | VIA1B_RTC_CLK | VIA1B_RTC_ENB | VIA1B_ADB_ST);
    wr(m, V1(VIA_ORB), VIA1B_RTC_ENB | VIA1B_ADB_ST);
}

static void test_rtc(void)
{
    sched s;
    mac_via m;
    board b;
    setup(&m, &s, &b);
    tap_ok(read_seconds(&m) == T0, "seconds read as Linux reads them: %u", read_seconds(&m));
    sched_advance(&s, 3LL * HZ + 5);
    tap_ok(read_seconds(&m) == T0 + 3, "the counter follows emulated time");

    uint8_t v = 0x5A;
    rtc_command(&m, 0x35, &(uint8_t){0x00}); /* write protect off */
    rtc_command(&m, 0x01 | (0x10 | 3) << 2, &v); /* classic PRAM $03 */
    v = 0;
    rtc_command(&m, 0x81 | (0x10 | 3) << 2, &v);
    tap_ok(v == 0x5A && m.rtc.xpram[0x13] == 0x5A, "classic PRAM $03 is XPRAM $13");
    v = 0xC3;
    rtc_command(&m, 0x01 | (0x08 | 2) << 2, &v); /* classic PRAM $12 */
    tap_ok(m.rtc.xpram[0x0A] == 0xC3, "classic PRAM $12 is XPRAM $0A");
    /* Extended: address $E7 = sector 7, low bits 7. */
    v = 0x99;
    rtc_command(&m, ((0x38 | 7) << 8) | (7 << 2), &v);
    v = 0;
    rtc_command(&m, ((0xB8 | 7) << 8) | (7 << 2), &v);
    tap_ok(v == 0x99 && m.rtc.xpram[0xE7] == 0x99, "extended PRAM write and read at $E7");
    rtc_command(&m, 0x35, &(uint8_t){0x80}); /* protect */
    v = 0x11;
    rtc_command(&m, ((0x38 | 7) << 8) | (7 << 2), &v);
    tap_ok(m.rtc.xpram[0xE7] == 0x99, "write-protected PRAM keeps its value");
    rtc_command(&m, 0x35, &(uint8_t){0x00});
    v = 0x10;
    rtc_command(&m, 0x01, &v); /* seconds byte 0 */
    tap_ok((read_seconds(&m) & 0xFF) == 0x10, "seconds can be set");
}

static void test_ticks_and_lines(void)
{
    sched s;
    mac_via m;
    board b;
    setup(&m, &s, &b);
    wr(&m, V1(VIA_IER), 0x80 | VIA_INT_CA1 | VIA_INT_CA2);
    sched_advance(&s, (int64_t)MAC_VIA_VBL_TICKS * DIV - 1);
    tap_ok(!b.irq1 && b.ticks == 0, "no 60 Hz tick before 1/60.15 s");
    sched_advance(&s, (int64_t)MAC_VIA_VBL_TICKS * DIV);
    tap_ok(b.irq1 && (rd(&m, V1(VIA_IFR)) & VIA_INT_CA1) && b.ticks == 1,
           "60.15 Hz tick on VIA1 CA1");
    wr(&m, V1(VIA_IFR), VIA_INT_CA1);
    sched_advance(&s, (int64_t)HZ);
    tap_ok(b.ticks == 60 && (rd(&m, V1(VIA_IFR)) & VIA_INT_CA2),
           "one second: 60 ticks and the 1 Hz flag on CA2 (ticks %d)", b.ticks);
    tap_ok(!b.aux, "PB6 an input (high): classic interrupt mapping");
    wr(&m, V1(VIA_DDRB), rd(&m, V1(VIA_DDRB)) | VIA1B_AUXMODE);
    wr(&m, V1(VIA_ORB), rd(&m, V1(VIA_ORB)) & (uint8_t)~VIA1B_AUXMODE);
    tap_ok(b.aux, "PB6 driven low, as Linux does: A/UX mapping");
    wr(&m, V2(VIA_ORB), 0xFF);
    wr(&m, V2(VIA_DDRB), VIA2B_POWER);
    tap_ok(!b.off, "VIA2 PB2 high: power stays on");
    wr(&m, V2(VIA_ORB), (uint8_t)~VIA2B_POWER);
    tap_ok(b.off, "VIA2 PB2 driven low: power off");
    wr(&m, V2(VIA_IER), 0x80 | VIA_INT_CA1);
    mac_via_slot_irq(&m, 0xC, true);
    tap_ok(b.irq2 && (rd(&m, V2(VIA_ORA_NH)) & 0x3F) == (0x3F & ~0x08),
           "slot $C interrupt: VIA2 CA1 and PA3 low");
    mac_via_slot_irq(&m, 0xC, false);
    wr(&m, V2(VIA_IFR), 0x7F);
    tap_ok(!b.irq2 && (rd(&m, V2(VIA_ORA_NH)) & 0x3F) == 0x3F, "and released");
}

/* One ADB transaction the way Linux's via-macii drives the transceiver
 * (macii_start and macii_interrupt): load SR, state "command", Listen data
 * in even/odd states, then for a Talk read the reply in even/odd states
 * until /CTLR_IRQ marks its end.  Returns the reply length Linux would see
 * (the command byte included; 0 for a timeout); *srq tells whether a
 * service request was seen. */
static bool wait_sr(mac_via *m, sched *s)
{
    for (int i = 0; i < 100; i++) {
        sched_advance(s, s->base + 10000);
        if (rd(m, V1(VIA_IFR)) & VIA_INT_SR)
            return true;
    }
    return false;
}

static void set_state(mac_via *m, uint8_t st)
{
    wr(m, V1(VIA_ORB), (uint8_t)((rd(m, V1(VIA_ORB)) & ~VIA1B_ADB_ST) | st));
}

static void toggle(mac_via *m)
{
    uint8_t b = rd(m, V1(VIA_ORB));
    if ((b & VIA1B_ADB_ST) == 0)
        set_state(m, 0x10);
    else
        wr(m, V1(VIA_ORB), b ^ VIA1B_ADB_ST);
}

static int adb_xact(mac_via *m, sched *s, const uint8_t *bytes, int n, uint8_t *reply, bool *srq)
{
    *srq = false;
    wr(m, V1(VIA_ACR), (uint8_t)(rd(m, V1(VIA_ACR)) | 0x10));
    wr(m, V1(VIA_SR), bytes[0]);
    set_state(m, 0x00);
    for (int i = 1; i <= n; i++) {
        if (!wait_sr(m, s))
            return -2;
        if (i < n) {
            wr(m, V1(VIA_SR), bytes[i]);
            toggle(m);
        }
    }
    int len = 1;
    reply[0] = bytes[0];
    if ((bytes[0] & 0x0C) == 0x0C) {
        bool timeout = false;
        wr(m, V1(VIA_ACR), (uint8_t)(rd(m, V1(VIA_ACR)) & ~0x10));
        (void)rd(m, V1(VIA_SR));
        toggle(m);
        for (;;) {
            if (!wait_sr(m, s))
                return -2;
            uint8_t st = rd(m, V1(VIA_ORB)) & (VIA1B_ADB_ST | VIA1B_ADB_INT);
            uint8_t x = rd(m, V1(VIA_SR));
            if (!(st & VIA1B_ADB_INT)) {
                if (st == 0x10 && len == 1)
                    timeout = true;
                else if (st == 0x20 && len == 2)
                    *srq = true;
                else
                    break;
            }
            if (len < 9)
                reply[len++] = x;
            toggle(m);
        }
        if (timeout)
            len = 0;
    } else {
        len = 0;
    }
    wr(m, V1(VIA_ACR), (uint8_t)(rd(m, V1(VIA_ACR)) & ~0x10));
    (void)rd(m, V1(VIA_SR));
    set_state(m, 0x30);
    return len;
}

static void test_adb(void)
{
    sched s;
    mac_via m;
    board b;
    setup(&m, &s, &b);
    wr(&m, V1(VIA_ACR), 0x0C);
    uint8_t r[9];
    bool srq;
    int n = adb_xact(&m, &s, (const uint8_t[]){0x5F}, 1, r, &srq); /* Talk R3, address 5 */
    tap_ok(n == 0 && !srq, "Talk to an empty address: Linux sees a timeout (len %d)", n);
    n = adb_xact(&m, &s, (const uint8_t[]){0x2F}, 1, r, &srq); /* Talk R3, keyboard */
    tap_ok(n == 3 && (r[1] & 0x0F) == 2 && r[2] == 1,
           "Talk R3 at address 2: the keyboard, handler 1 (len %d)", n);
    n = adb_xact(&m, &s, (const uint8_t[]){0x3F}, 1, r, &srq);
    tap_ok(n == 3 && (r[1] & 0x0F) == 3 && r[2] == 2, "address 3: the mouse, handler 2");
    n = adb_xact(&m, &s, (const uint8_t[]){0x2B, 0x6E, 0xFE}, 3, r, &srq); /* move kbd to 14 */
    tap_ok(n == 0 && m.adb.bus.kbd.addr == 14, "Listen R3 moves the keyboard to address 14");
    n = adb_xact(&m, &s, (const uint8_t[]){0xEF}, 1, r, &srq);
    tap_ok(n == 3 && (r[1] & 0x0F) == 14, "and it answers there");
    adb_xact(&m, &s, (const uint8_t[]){0xEB, 0x62, 0x03}, 3, r, &srq); /* handler 3, back to 2 */
    tap_ok(m.adb.bus.kbd.handler == 3 && m.adb.bus.kbd.addr == 14,
           "a handler change keeps the address");
    n = adb_xact(&m, &s, (const uint8_t[]){0xEC}, 1, r, &srq); /* Talk R0 */
    tap_ok(n == 0, "no key pressed: Talk R0 times out");
    adb_key(&m.adb.bus, 0x00, true); /* A down */
    n = adb_xact(&m, &s, (const uint8_t[]){0x3C}, 1, r, &srq); /* Talk R0 of the mouse */
    tap_ok(n == 0 && srq, "a key waiting: the mouse's timeout carries a service request");
    n = adb_xact(&m, &s, (const uint8_t[]){0xEC}, 1, r, &srq);
    tap_ok(n == 3 && r[1] == 0x00 && r[2] == 0xFF, "Talk R0: key code $00 (A down), then $FF");
    adb_mouse(&m.adb.bus, 5, -3, true);
    n = adb_xact(&m, &s, (const uint8_t[]){0x3C}, 1, r, &srq);
    tap_ok(n == 3 && r[1] == (0x7F & -3) && r[2] == (0x80 | 5),
           "mouse Talk R0: button down, dy -3, dx 5 ($%02x $%02x)", r[1], r[2]);
    n = adb_xact(&m, &s, (const uint8_t[]){0x00}, 1, r, &srq); /* SendReset */
    tap_ok(m.adb.bus.kbd.addr == 2 && m.adb.bus.kbd.handler == 1, "SendReset: defaults again");
    tap_ok(adb_keycode(30) == 0x00 && adb_keycode(28) == 0x24 && adb_keycode(57) == 0x31,
           "host keys map to ADB codes (A, Return, Space)");
}

int main(void)
{
    test_rtc();
    test_ticks_and_lines();
    test_adb();
    return tap_done();
}
