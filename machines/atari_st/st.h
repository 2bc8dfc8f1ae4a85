/* The Atari 520/1040 STF: memory map, chips and their wiring, and the
 * machine_ops the front ends drive (machines/machine.h).
 *
 *   $000000-$3FFFFF  RAM (512 KB - 4 MB) through the memory controller (mmu.h);
 *                    0-7 read the ROM, 0-$7FF supervisor only, floating above RAM
 *   $400000-$DFFFFF  bus error
 *   $E00000-$EFFFFF  ROM for 256 KB+ images, else bus error
 *   $F00000-$F9FFFF  bus error
 *   $FA0000-$FBFFFF  cartridge port (empty: reads $FF)
 *   $FC0000-$FEFFFF  ROM for 192 KB images, else bus error
 *   $FF0000-$FF7FFF  bus error
 *   $FF8000-$FFFFFF  I/O, supervisor only (st_io.c has the register map)
 */
#ifndef TANDEM_ST_H
#define TANDEM_ST_H

#include <stdbool.h>
#include <stdint.h>

#include "m68k/m68k.h"
#include "machines/atari_st/acia.h"
#include "machines/atari_st/dma.h"
#include "machines/atari_st/floppy.h"
#include "machines/atari_st/glue.h"
#include "machines/atari_st/ikbd.h"
#include "machines/atari_st/mfp.h"
#include "machines/atari_st/mmu.h"
#include "machines/atari_st/shifter.h"
#include "machines/atari_st/st_rom.h"
#include "machines/atari_st/wd1772.h"
#include "machines/atari_st/ym2149.h"
#include "machines/machine.h"
#include "machines/sched.h"
#include "mem/mem.h"

#define ST_CPU_HZ 8000000
#define ST_IO_BASE 0xFF8000u
#define ST_CART_BASE 0xFA0000u
#define ST_CART_SIZE 0x20000u

/* The last I/O accesses, for diagnosing a boot that stops somewhere. */
#define ST_IO_TRACE 16
typedef struct st_io_access {
    uint32_t addr, value;
    uint8_t size;
    bool write, fault;
} st_io_access;

typedef struct st_machine {
    machine base; /* first: the front ends hold a machine * */
    sched sched;
    mem_space *mem;
    m68k_cpu *cpu;
    bool in_cpu;     /* inside m68k_run: time is base + CPU progress */
    bool frame_done; /* the Shifter finished a frame during this run */
    bool mono;

    mem_backing *rom_mem, *cart_mem;
    uint32_t rom_base, rom_size;
    uint16_t tos_version;

    st_mmu mmu;
    st_glue glue;
    shifter video;
    mfp mfp;
    acia kbd_acia, midi_acia;
    ikbd kbd;
    ym2149 ym;
    wd1772 fdc;
    dma dma;
    floppy_drive drive[2];
    bool kbd_irq, midi_irq;

    unsigned buttons; /* mouse buttons last reported */
    st_io_access io_trace[ST_IO_TRACE];
    unsigned io_trace_pos;
    uint64_t io_accesses;
} st_machine;

/* Build the whole machine (the CPU included) without running it. */
st_machine *st_create(const machine_config *cfg, char *err, size_t errlen);
void st_destroy(st_machine *m);
void st_reset(st_machine *m, bool cold);
/* Run until `cycles` more have elapsed (at least), firing device events. */
void st_run_cycles(st_machine *m, int64_t cycles);
/* Current emulated time in CPU cycles. */
int64_t st_now(const st_machine *m);

/* Linux input event code (KEY_*) to ST scan code, 0 if the key has none. */
int st_scancode(int evdev_key);

/* I/O page $FF8000-$FFFFFF (st_io.c): a device region's handlers. */
int st_io_read(void *ctx, uint32_t offset, unsigned size, uint32_t *value);
int st_io_write(void *ctx, uint32_t offset, unsigned size, uint32_t value);

#endif
