/* Yamaha YM2149 programmable sound generator: 16 registers and two I/O ports.
 * On the ST, port A drives floppy drive/side select and port B the printer
 * data lines.  Sound synthesis lives elsewhere; this file keeps registers. */
#ifndef TANDEM_ST_YM2149_H
#define TANDEM_ST_YM2149_H

#include <stdbool.h>
#include <stdint.h>

#include "machines/sched.h"

enum { YM_PORT_A = 14, YM_PORT_B = 15 };

/* Port A bits as the ST uses them (outputs). */
enum {
    YM_PA_SIDE0 = 0x01,   /* floppy side select, inverted: 0 = side 1 */
    YM_PA_DRIVE_A = 0x02, /* drive A select, active low */
    YM_PA_DRIVE_B = 0x04, /* drive B select, active low */
    YM_PA_RTS = 0x08,     /* RS232 RTS */
    YM_PA_DTR = 0x10,     /* RS232 DTR */
    YM_PA_STROBE = 0x20,  /* centronics strobe */
    YM_PA_GPO = 0x40      /* general purpose output (monitor jack) */
};

typedef struct ym2149_hooks {
    void *ctx;
    /* Port A/B output changed (value as driven on the pins); NULL: ignored. */
    void (*port_a)(void *ctx, uint8_t value);
    void (*port_b)(void *ctx, uint8_t value);
    /* Any register write, with the scheduler time, for sound synthesis. */
    void (*reg_written)(void *ctx, unsigned reg, uint8_t value, int64_t when);
} ym2149_hooks;

/* Save state, version 1: regs, sel, read_latch, port_in. */
typedef struct ym2149 {
    sched *s;
    ym2149_hooks hooks;
    uint8_t regs[16];
    uint8_t sel;          /* address latch: 0..15 select a register, 16..255 none */
    uint8_t read_latch;   /* what a read of $FF8800 returns */
    uint8_t port_in[2];   /* pin levels for ports configured as inputs */
} ym2149;

void ym2149_init(ym2149 *y, sched *s, const ym2149_hooks *hooks);
void ym2149_reset(ym2149 *y);

/* Bus access.  offset relative to the YM base ($FF8800; the ST mirrors it every
 * 4 bytes up to $FF88FF, the machine folds the mirrors): 0 = register select
 * (write) / register data (read), 2 = data write (reads $FF).  The chip sits
 * on the high byte: odd bytes read $FF and ignore writes. */
int ym2149_read(ym2149 *y, uint32_t offset, unsigned size, uint32_t *value);
int ym2149_write(ym2149 *y, uint32_t offset, unsigned size, uint32_t value);

/* Direct register access (sound synthesis, debuggers, tests).  Reads apply the
 * chip's read-back masks. */
uint8_t ym2149_get_reg(const ym2149 *y, unsigned reg);
void ym2149_set_reg(ym2149 *y, unsigned reg, uint8_t value);
/* Levels on a port's pins while it is an input (port 0 = A, 1 = B). */
void ym2149_set_port_input(ym2149 *y, int port, uint8_t value);
/* What port A currently drives (all ones while it is an input: pulled up). */
uint8_t ym2149_port_a(const ym2149 *y);

#endif
