/* YM2149 register tests, no CPU: read-back masks, select latch, ports and the
 * port A hook the ST uses for floppy drive and side select. */
#include <stdbool.h>
#include <stdint.h>

#include "machines/atari_st/ym2149.h"
#include "tests/tap.h"

typedef struct board {
    int port_a_calls;
    uint8_t port_a;
    int writes;
} board;

static void on_port_a(void *ctx, uint8_t v)
{
    board *b = ctx;
    b->port_a_calls++;
    b->port_a = v;
}

static void on_reg(void *ctx, unsigned reg, uint8_t v, int64_t when)
{
    board *b = ctx;
    (void)reg, (void)v, (void)when;
    b->writes++;
}

static uint8_t rd(ym2149 *y, uint32_t off)
{
    uint32_t v;
    ym2149_read(y, off, 1, &v);
    return (uint8_t)v;
}

static uint8_t reg_read(ym2149 *y, unsigned reg)
{
    ym2149_write(y, 0, 1, reg);
    return rd(y, 0);
}

int main(void)
{
    sched s;
    sched_init(&s);
    board b = {0};
    ym2149 y;
    ym2149_init(&y, &s, &(ym2149_hooks){.ctx = &b, .port_a = on_port_a, .reg_written = on_reg});

    static const uint8_t want[14] = {0xFF, 0x0F, 0xFF, 0x0F, 0xFF, 0x0F, 0x1F,
                                     0xFF, 0x1F, 0x1F, 0x1F, 0xFF, 0xFF, 0x0F};
    bool ok = true;
    for (unsigned r = 0; r < 14; r++) {
        ym2149_write(&y, 0, 1, r);
        ym2149_write(&y, 2, 1, 0xFF);
        uint8_t got = reg_read(&y, r);
        if (got != want[r]) {
            ok = false;
            tap_diag("register %u reads $%02X, want $%02X", r, got, want[r]);
        }
    }
    tap_ok(ok, "registers 0-13 read back with the chip's masks");
    tap_ok(b.writes == 14, "sound hook saw every register write (%d)", b.writes);

    ym2149_write(&y, 0, 1, 1);
    ym2149_write(&y, 2, 1, 0xAB);
    tap_ok(rd(&y, 0) == 0xAB, "read right after a write returns the unmasked byte");
    tap_ok(reg_read(&y, 1) == 0x0B, "after re-selecting, the masked value");

    ym2149_write(&y, 0, 1, 0x12);
    ym2149_write(&y, 2, 1, 0x55);
    tap_ok(rd(&y, 0) == 0xFF, "register select >= 16: reads $FF");
    tap_ok(ym2149_get_reg(&y, 2) == 0xFF, "and writes go nowhere");

    tap_ok(rd(&y, 1) == 0xFF && rd(&y, 2) == 0xFF && rd(&y, 3) == 0xFF,
           "$FF8801-$FF8803 read $FF");

    /* Port A as TOS uses it: mixer $C0 makes both ports outputs. */
    ym2149_reset(&y);
    b.port_a_calls = 0;
    ym2149_write(&y, 0, 1, 7);
    ym2149_write(&y, 2, 1, 0xC0);
    tap_ok(b.port_a_calls == 1 && b.port_a == 0x00,
           "port A becomes an output: hook sees the latch ($00)");
    ym2149_write(&y, 0, 4, 0x0E000500); /* move.l #$0E000500,$FF8800 */
    tap_ok(b.port_a == 0x05 && ym2149_port_a(&y) == 0x05,
           "long write selects 14 and writes $05: drive A, side 0");
    tap_ok(reg_read(&y, 14) == 0x05, "port A reads back its output latch");
    uint32_t w;
    ym2149_read(&y, 0, 2, &w);
    tap_ok(w == 0x05FF, "word read: data in the high byte, $FF low");
    ym2149_write(&y, 0, 2, 0x0E00);
    ym2149_write(&y, 2, 2, 0x0200);
    tap_ok(b.port_a == 0x02, "word writes: drive B selected, side 1 ($02)");

    /* Port B as input reads the pins. */
    ym2149_write(&y, 0, 1, 7);
    ym2149_write(&y, 2, 1, 0x40);
    ym2149_set_port_input(&y, 1, 0x5A);
    tap_ok(reg_read(&y, 15) == 0x5A, "port B as input reads the pin levels");

    b.port_a_calls = 0;
    ym2149_reset(&y);
    tap_ok(b.port_a_calls == 1 && b.port_a == 0xFF && reg_read(&y, 7) == 0,
           "reset: registers clear, port A floats high (no drive selected)");
    return tap_done();
}
