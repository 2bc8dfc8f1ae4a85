/* MC6850 ACIA and IKBD tests, no CPU: the keyboard ACIA wired to the IKBD as
 * on the ST; the test plays the CPU (polls status, reads data). */
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "machines/atari_st/acia.h"
#include "machines/atari_st/ikbd.h"
#include "tests/tap.h"

typedef struct rig {
    sched s;
    acia kbd, midi;
    ikbd k;
    bool irq;
    int irq_edges;
    uint8_t got[512];
    int64_t at[512];
    int n;
    uint8_t midi_out[16];
    int midi_n;
    int64_t midi_at;
} rig;

static void kbd_irq(void *ctx, bool asserted)
{
    rig *r = ctx;
    if (asserted && !r->irq)
        r->irq_edges++;
    r->irq = asserted;
}

static void kbd_tx(void *ctx, uint8_t byte)
{
    rig *r = ctx;
    ikbd_receive(&r->k, byte);
}

static void ikbd_send(void *ctx, uint8_t byte)
{
    rig *r = ctx;
    acia_receive(&r->kbd, byte);
}

static void midi_tx(void *ctx, uint8_t byte)
{
    rig *r = ctx;
    if (r->midi_n < 16)
        r->midi_out[r->midi_n++] = byte;
    r->midi_at = sched_now(&r->s);
}

static void rig_init(rig *r)
{
    memset(r, 0, sizeof *r);
    sched_init(&r->s);
    acia_init(&r->kbd, &r->s, "acia.kbd", 16, &(acia_hooks){r, kbd_irq, kbd_tx});
    acia_init(&r->midi, &r->s, "acia.midi", 16, &(acia_hooks){r, NULL, midi_tx});
    ikbd_init(&r->k, &r->s, &(ikbd_hooks){r, ikbd_send});
}

static uint8_t rd(acia *a, uint32_t off)
{
    uint32_t v;
    acia_read(a, off, 1, &v);
    return (uint8_t)v;
}

static void wr(acia *a, uint32_t off, uint8_t v)
{
    acia_write(a, off, 1, v);
}

/* Run to time t, reading every received byte as an interrupt handler would. */
static void run_to(rig *r, int64_t t)
{
    for (;;) {
        int64_t next = sched_next(&r->s);
        if (next > t)
            break;
        sched_advance(&r->s, next);
        if (rd(&r->kbd, 0) & ACIA_SR_RDRF) {
            r->at[r->n] = sched_now(&r->s);
            r->got[r->n++] = rd(&r->kbd, 2);
        }
    }
    sched_advance(&r->s, t);
}

/* Send command bytes the way TOS does: wait for TDRE before each byte. */
static void send_cmd(rig *r, const uint8_t *b, int n)
{
    for (int i = 0; i < n; i++) {
        while (!(rd(&r->kbd, 0) & ACIA_SR_TDRE))
            run_to(r, sched_next(&r->s));
        wr(&r->kbd, 2, b[i]);
    }
    /* Let the last byte reach the IKBD. */
    while (r->kbd.tx_busy || r->kbd.tdr_full)
        run_to(r, sched_next(&r->s));
}

static bool got_is(const rig *r, int from, const uint8_t *want, int n)
{
    if (r->n - from != n)
        return false;
    return memcmp(r->got + from, want, (size_t)n) == 0;
}

static void dump(const rig *r, int from)
{
    for (int i = from; i < r->n; i++)
        tap_diag("  byte %d: $%02X at %lld", i, r->got[i], (long long)r->at[i]);
}

static void test_acia(void)
{
    rig r;
    rig_init(&r);
    wr(&r.kbd, 0, 0x03);
    tap_ok(rd(&r.kbd, 0) == ACIA_SR_TDRE, "after master reset status is $02 (TDRE)");
    wr(&r.kbd, 0, 0x96); /* /64, 8N1, RX interrupt on: what TOS writes */
    tap_ok(acia_byte_cycles(&r.kbd) == 10240, "7812.5 baud 8N1: 10240 cycles a byte (1.28 ms)");
    uint32_t v;
    acia_read(&r.kbd, 1, 1, &v);
    tap_ok(v == 0xFF, "odd byte $FFFC01 reads $FF");
    acia_read(&r.kbd, 0, 2, &v);
    tap_ok(v == 0x02FF, "word read: status in the high byte");
    /* Receive: RDRF, IRQ, read clears; overrun. */
    acia_receive(&r.kbd, 0x42);
    tap_ok((rd(&r.kbd, 0) & 0x81) == 0x81 && r.irq, "received byte: RDRF and IRQ");
    acia_receive(&r.kbd, 0x43);
    tap_ok(rd(&r.kbd, 0) & ACIA_SR_OVRN, "second byte before a read: overrun");
    tap_ok(rd(&r.kbd, 2) == 0x42, "the first byte is kept");
    tap_ok(!(rd(&r.kbd, 0) & (ACIA_SR_OVRN | ACIA_SR_RDRF)) && !r.irq,
           "reading data clears RDRF, overrun and IRQ");
    /* MIDI ACIA: /16 -> 31250 baud, transmit timing and TX interrupt. */
    wr(&r.midi, 0, 0x03);
    wr(&r.midi, 0, 0x95);
    tap_ok(acia_byte_cycles(&r.midi) == 2560, "MIDI 31250 baud: 2560 cycles a byte");
    int64_t t0 = sched_now(&r.s);
    wr(&r.midi, 2, 0x90);
    tap_ok(rd(&r.midi, 0) & ACIA_SR_TDRE, "first byte goes straight to the shift register");
    wr(&r.midi, 2, 0x3C);
    tap_ok(!(rd(&r.midi, 0) & ACIA_SR_TDRE), "second byte waits: TDRE clear");
    run_to(&r, t0 + 2559);
    tap_ok(r.midi_n == 0, "nothing sent before one character time");
    run_to(&r, t0 + 2560);
    tap_ok(r.midi_n == 1 && r.midi_out[0] == 0x90 && (rd(&r.midi, 0) & ACIA_SR_TDRE),
           "first byte out at 2560 cycles, TDRE set again");
    run_to(&r, t0 + 5120);
    tap_ok(r.midi_n == 2 && r.midi_out[1] == 0x3C && r.midi_at == t0 + 5120,
           "second byte out at 5120 cycles");
    wr(&r.midi, 0, 0xB5); /* TX interrupt enabled */
    tap_ok(rd(&r.midi, 0) & ACIA_SR_IRQ, "TX interrupt with TDRE set");
}

static void test_ikbd_reset_and_mouse(void)
{
    rig r;
    rig_init(&r);
    wr(&r.kbd, 0, 0x03);
    wr(&r.kbd, 0, 0x96);
    int64_t t0 = sched_now(&r.s);
    send_cmd(&r, (const uint8_t[]){0x80, 0x01}, 2);
    run_to(&r, t0 + 2000000);
    tap_ok(got_is(&r, 0, (const uint8_t[]){0xF1}, 1), "IKBD reset $80 $01 answers $F1");
    if (r.n)
        tap_ok(r.at[0] > t0 + 20480 + 400000 && r.at[0] < t0 + 20480 + 800000,
               "$F1 after the self-test delay (%lld cycles)", (long long)(r.at[0] - t0));
    tap_ok(r.irq_edges >= 1, "the ACIA raised its IRQ for $F1");

    int from = r.n;
    int64_t t1 = sched_now(&r.s);
    ikbd_mouse(&r.k, 10, -5, 0);
    run_to(&r, t1 + 100000);
    tap_ok(got_is(&r, from, (const uint8_t[]){0xF8, 0x0A, 0xFB}, 3), "relative packet F8 0A FB");
    if (r.n - from == 3)
        tap_ok(r.at[from] == t1 + 10240 && r.at[from + 1] == t1 + 20480 &&
                   r.at[from + 2] == t1 + 30720,
               "bytes arrive at the serial rate, 10240 cycles apart");
    else
        dump(&r, from);

    from = r.n;
    ikbd_mouse(&r.k, 300, 0, 0);
    run_to(&r, sched_now(&r.s) + 200000);
    tap_ok(got_is(&r, from,
                  (const uint8_t[]){0xF8, 127, 0, 0xF8, 127, 0, 0xF8, 46, 0}, 9),
           "a 300-count motion is split into 127 + 127 + 46");
    from = r.n;
    ikbd_mouse(&r.k, 0, 0, IKBD_BUTTON_LEFT);
    ikbd_mouse(&r.k, 0, 0, 0);
    ikbd_mouse(&r.k, 0, 0, IKBD_BUTTON_RIGHT);
    run_to(&r, sched_now(&r.s) + 200000);
    tap_ok(got_is(&r, from,
                  (const uint8_t[]){0xFA, 0, 0, 0xF8, 0, 0, 0xF9, 0, 0}, 9),
           "buttons: left down FA, up F8, right down F9");
    ikbd_mouse(&r.k, 0, 0, 0);
    run_to(&r, sched_now(&r.s) + 100000);

    /* Many small host motions while the line is busy merge into one packet. */
    from = r.n;
    for (int i = 0; i < 100; i++)
        ikbd_mouse(&r.k, 1, -1, 0);
    run_to(&r, sched_now(&r.s) + 200000);
    tap_ok(got_is(&r, from, (const uint8_t[]){0xF8, 1, 0xFF, 0xF8, 99, (uint8_t)-99}, 6),
           "100 one-count motions: F8 01 FF, then the rest merged: F8 63 9D");
    if (r.n - from != 6)
        dump(&r, from);

    /* Threshold: motion below it is held back. */
    send_cmd(&r, (const uint8_t[]){0x0B, 4, 4}, 3);
    from = r.n;
    ikbd_mouse(&r.k, 2, 0, 0);
    run_to(&r, sched_now(&r.s) + 100000);
    if (!tap_ok(r.n == from, "threshold 4: a 2-count motion is held"))
        dump(&r, from);
    ikbd_mouse(&r.k, 3, 0, 0);
    run_to(&r, sched_now(&r.s) + 100000);
    tap_ok(got_is(&r, from, (const uint8_t[]){0xF8, 5, 0}, 3), "then reported once over it");

    /* Absolute mode and interrogation. */
    send_cmd(&r, (const uint8_t[]){0x09, 0x01, 0x3F, 0x00, 0xC7}, 5); /* max 319 x 199 */
    send_cmd(&r, (const uint8_t[]){0x0E, 0x00, 0x00, 0xA0, 0x00, 0x64}, 6); /* at 160,100 */
    ikbd_mouse(&r.k, 500, -30, IKBD_BUTTON_LEFT);
    from = r.n;
    send_cmd(&r, (const uint8_t[]){0x0D}, 1);
    run_to(&r, sched_now(&r.s) + 100000);
    tap_ok(got_is(&r, from, (const uint8_t[]){0xF7, 0x04, 0x01, 0x3F, 0x00, 0x46}, 6),
           "absolute: clamped to 319, y 70, left pressed");
    if (r.n - from != 6)
        dump(&r, from);
}

static void test_ikbd_clock_keys_joystick(void)
{
    rig r;
    rig_init(&r);
    wr(&r.kbd, 0, 0x03);
    wr(&r.kbd, 0, 0x96);
    ikbd_set_time(&r.k, 1999, 12, 31, 23, 59, 58);
    int from = r.n;
    send_cmd(&r, (const uint8_t[]){0x1C}, 1);
    run_to(&r, sched_now(&r.s) + 100000);
    tap_ok(got_is(&r, from, (const uint8_t[]){0xFC, 0x99, 0x12, 0x31, 0x23, 0x59, 0x58}, 7),
           "seeded clock reads back in BCD");
    /* Set through the protocol, then let 3 emulated seconds pass. */
    send_cmd(&r, (const uint8_t[]){0x1B, 0x24, 0x02, 0x28, 0x23, 0x59, 0x59}, 7);
    run_to(&r, sched_now(&r.s) + 3 * 8000000);
    from = r.n;
    send_cmd(&r, (const uint8_t[]){0x1C}, 1);
    run_to(&r, sched_now(&r.s) + 100000);
    tap_ok(got_is(&r, from, (const uint8_t[]){0xFC, 0x24, 0x02, 0x29, 0x00, 0x00, 0x02}, 7),
           "0x1B set 24-02-28 23:59:59, 3 s later 0x1C: 24-02-29 00:00:02 (leap year)");
    /* Invalid BCD leaves a field alone. */
    send_cmd(&r, (const uint8_t[]){0x1B, 0xFF, 0xFF, 0xFF, 0x10, 0xFF, 0xFF}, 7);
    from = r.n;
    send_cmd(&r, (const uint8_t[]){0x1C}, 1);
    run_to(&r, sched_now(&r.s) + 100000);
    tap_ok(r.n - from == 7 && r.got[from + 1] == 0x24 && r.got[from + 4] == 0x10,
           "invalid BCD fields are skipped, valid ones set");

    from = r.n;
    ikbd_key(&r.k, 0x1E, true);
    ikbd_key(&r.k, 0x1E, false);
    run_to(&r, sched_now(&r.s) + 100000);
    tap_ok(got_is(&r, from, (const uint8_t[]){0x1E, 0x9E}, 2), "key A: make $1E, break $9E");

    /* Pause holds output; any command resumes. */
    send_cmd(&r, (const uint8_t[]){0x13}, 1);
    from = r.n;
    ikbd_key(&r.k, 0x39, true);
    run_to(&r, sched_now(&r.s) + 100000);
    tap_ok(r.n == from, "paused: no output");
    send_cmd(&r, (const uint8_t[]){0x11}, 1);
    run_to(&r, sched_now(&r.s) + 100000);
    tap_ok(got_is(&r, from, (const uint8_t[]){0x39}, 1), "resume: the held key arrives");
    ikbd_key(&r.k, 0x39, false);
    run_to(&r, sched_now(&r.s) + 100000);

    /* Joysticks: the game setup sequence. */
    send_cmd(&r, (const uint8_t[]){0x12, 0x14}, 2);
    from = r.n;
    ikbd_joystick(&r.k, 1, IKBD_JOY_UP | IKBD_JOY_FIRE);
    ikbd_joystick(&r.k, 0, IKBD_JOY_LEFT);
    run_to(&r, sched_now(&r.s) + 100000);
    tap_ok(got_is(&r, from, (const uint8_t[]){0xFF, 0x81, 0xFE, 0x04}, 4),
           "joystick events: FF 81 (1 up+fire), FE 04 (0 left)");
    send_cmd(&r, (const uint8_t[]){0x15}, 1);
    from = r.n;
    ikbd_joystick(&r.k, 1, 0);
    send_cmd(&r, (const uint8_t[]){0x16}, 1);
    run_to(&r, sched_now(&r.s) + 100000);
    tap_ok(got_is(&r, from, (const uint8_t[]){0xFD, 0x04, 0x00}, 3),
           "interrogation mode: no events, 0x16 answers FD 04 00");
    /* Status inquiry. */
    from = r.n;
    send_cmd(&r, (const uint8_t[]){0x0B, 3, 5, 0x8B}, 4);
    run_to(&r, sched_now(&r.s) + 200000);
    tap_ok(got_is(&r, from, (const uint8_t[]){0xF6, 3, 5, 0, 0, 0, 0, 0}, 8),
           "status inquiry 0x8B reports the mouse threshold");
    /* Unknown command bytes are ignored, memory load data swallowed. */
    from = r.n;
    send_cmd(&r, (const uint8_t[]){0x55, 0x20, 0x00, 0x80, 2, 0x1C, 0x1C, 0x16}, 8);
    run_to(&r, sched_now(&r.s) + 200000);
    tap_ok(got_is(&r, from, (const uint8_t[]){0xFD, 0x04, 0x00}, 3),
           "unknown byte ignored; MEMORY LOAD data not taken as commands");
}

int main(void)
{
    test_acia();
    test_ikbd_reset_and_mouse();
    test_ikbd_clock_keys_joystick();
    return tap_done();
}
