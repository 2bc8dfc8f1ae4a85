/* Yamaha YM2149 Software-Controlled Sound Generator (SSG): registers and I/O
 * ports.  Tone, noise and envelope synthesis belong to the sound module,
 * which sees every register write through the reg_written hook.
 *
 *   pin        ST wiring
 *   DA0-DA7    CPU D8-D15 (even bytes); BC1 from A1: $FF8800 select/read,
 *              $FF8802 write data; mirrored through $FF88FF
 *   IOA0       floppy side select (inverted: 0 = side 1)
 *   IOA1/IOA2  floppy drive A / B select (active low)
 *   IOA3/IOA4  RS232 RTS / DTR
 *   IOA5       centronics STROBE
 *   IOA6       general purpose output (monitor jack)
 *   IOA7       unused on the ST (IDE reset on the Falcon)
 *   IOB0-IOB7  centronics data
 *   CLOCK      2 MHz
 */
#include "machines/atari_st/ym2149.h"

#include <string.h>

/* Bits that exist in each register; the rest read back as 0. */
static const uint8_t reg_mask[16] = {0xFF, 0x0F, 0xFF, 0x0F, 0xFF, 0x0F, 0x1F, 0xFF,
                                     0x1F, 0x1F, 0x1F, 0xFF, 0xFF, 0x0F, 0xFF, 0xFF};

static bool port_is_output(const ym2149 *y, int port)
{
    return (y->regs[7] >> (6 + port)) & 1;
}

uint8_t ym2149_port_a(const ym2149 *y)
{
    return port_is_output(y, 0) ? y->regs[YM_PORT_A] : 0xFF;
}

static uint8_t port_b_out(const ym2149 *y)
{
    return port_is_output(y, 1) ? y->regs[YM_PORT_B] : 0xFF;
}

uint8_t ym2149_get_reg(const ym2149 *y, unsigned reg)
{
    if (reg > 15)
        return 0xFF;
    if (reg >= YM_PORT_A && !port_is_output(y, (int)reg - YM_PORT_A))
        return y->port_in[reg - YM_PORT_A];
    return y->regs[reg];
}

void ym2149_set_reg(ym2149 *y, unsigned reg, uint8_t value)
{
    if (reg > 15)
        return;
    uint8_t old_a = ym2149_port_a(y), old_b = port_b_out(y);
    y->regs[reg] = value & reg_mask[reg];
    if (y->hooks.reg_written)
        y->hooks.reg_written(y->hooks.ctx, reg, y->regs[reg], sched_now(y->s));
    /* Port hooks on every write to a port register (the board samples the
     * lines) and whenever a direction change alters what the pins show. */
    uint8_t a = ym2149_port_a(y), b = port_b_out(y);
    if (y->hooks.port_a && (reg == YM_PORT_A || a != old_a))
        y->hooks.port_a(y->hooks.ctx, a);
    if (y->hooks.port_b && (reg == YM_PORT_B || b != old_b))
        y->hooks.port_b(y->hooks.ctx, b);
}

void ym2149_set_port_input(ym2149 *y, int port, uint8_t value)
{
    if (port == 0 || port == 1)
        y->port_in[port] = value;
}

static uint8_t read_data(const ym2149 *y)
{
    return y->sel < 16 ? y->read_latch : 0xFF;
}

int ym2149_read(ym2149 *y, uint32_t offset, unsigned size, uint32_t *value)
{
    /* Only the even bytes carry the chip; both $FF8800 and $FF8802 read the
     * data latch on a word access, the odd bytes read $FF. */
    if (size == 1) {
        *value = (offset & 1) ? 0xFF : ((offset & 2) ? 0xFF : read_data(y));
        return 0;
    }
    *value = 0;
    for (unsigned w = 0; w < size; w += 2) {
        uint32_t hi = ((offset + w) & 2) ? 0xFF : read_data(y);
        *value = (*value << 16) | (hi << 8) | 0xFF;
    }
    return 0;
}

static void write_byte(ym2149 *y, uint32_t offset, uint8_t v)
{
    if (offset & 1)
        return; /* $FF8801/$FF8803: no effect */
    if (!(offset & 2)) {
        /* Register select keeps all 8 bits: 16-255 deselect the chip. */
        y->sel = v;
        y->read_latch = v < 16 ? ym2149_get_reg(y, v) : 0xFF;
        return;
    }
    if (y->sel >= 16)
        return;
    ym2149_set_reg(y, y->sel, v);
    /* The data latch keeps the unmasked byte until the next select. */
    y->read_latch = (y->sel >= YM_PORT_A && !port_is_output(y, y->sel - YM_PORT_A))
                        ? ym2149_get_reg(y, y->sel)
                        : v;
}

int ym2149_write(ym2149 *y, uint32_t offset, unsigned size, uint32_t value)
{
    if (size == 1) {
        write_byte(y, offset, (uint8_t)value);
        return 0;
    }
    for (unsigned w = 0; w < size; w += 2)
        write_byte(y, offset + w, (uint8_t)(value >> (8 * (size - w - 1))));
    return 0;
}

void ym2149_init(ym2149 *y, sched *s, const ym2149_hooks *hooks)
{
    memset(y, 0, sizeof *y);
    y->s = s;
    if (hooks)
        y->hooks = *hooks;
    y->port_in[0] = y->port_in[1] = 0xFF;
    ym2149_reset(y);
}

void ym2149_reset(ym2149 *y)
{
    /* RESET clears every register: both ports become inputs (pins pulled up,
     * so no drive is selected). */
    uint8_t old_a = ym2149_port_a(y);
    memset(y->regs, 0, sizeof y->regs);
    y->sel = 0;
    y->read_latch = 0;
    if (y->hooks.port_a && old_a != ym2149_port_a(y))
        y->hooks.port_a(y->hooks.ctx, ym2149_port_a(y));
}
