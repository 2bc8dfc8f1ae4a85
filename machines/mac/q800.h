/* The Macintosh Quadra 800: memory map, chips and their wiring, and the
 * machine_ops the front ends drive (machines/machine.h).
 *
 *   $00000000-$3FFFFFFF  RAM (8-256 MB) from 0; above it reads 0, writes vanish
 *   $40000000-$400FFFFF  ROM (1 MB), repeated at $40800000; empty (zeros) without
 *                        --rom, except a power-off stub when booting Linux
 *   $50000000-$53FFFFFF  I/O, one $40000 block repeated (q800_io.c has its map)
 *   $5FFFFFFC            machine ID register ($A55A2BAD, as QEMU)
 *   $F9000000-$F93FFFFF  DAFB video RAM (NuBus slot $9); $F9800000 its registers
 *   elsewhere            bus error (empty NuBus slots included)
 */
#ifndef TANDEM_MAC_Q800_H
#define TANDEM_MAC_Q800_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "m68k/m68k.h"
#include "machines/mac/dafb.h"
#include "machines/mac/glue.h"
#include "machines/mac/mac_via.h"
#include "machines/mac/ncr53c96.h"
#include "machines/mac/scc.h"
#include "machines/machine.h"
#include "machines/sched.h"
#include "mem/mem.h"

/* 42 VIA clocks: 32.90 MHz, the nominal 33 MHz of the Quadra 800. */
#define Q800_VIA_DIV 42
#define Q800_CPU_HZ (MAC_VIA_HZ * Q800_VIA_DIV)

#define Q800_ROM_BASE 0x40800000u
#define Q800_ROM_ALIAS 0x40000000u
#define Q800_ROM_SIZE 0x00100000u
#define Q800_IO_BASE 0x50000000u
#define Q800_IO_SIZE 0x04000000u
#define Q800_IO_SLICE 0x00040000u
#define Q800_VIA_OFFSET 0x00000u
#define Q800_SCC_OFFSET 0x0C000u
#define Q800_SCSI_OFFSET 0x10000u
#define Q800_SCC_BASE 0x5000C020u /* what the bootinfo gives Linux (as QEMU: the first copy of the block) */
#define Q800_MACHINE_ID_ADDR 0x5FFFFFFCu
#define Q800_MACHINE_ID 0xA55A2BADu
#define Q800_SLOT9 0xF9000000u
#define Q800_RAM_MIN_MB 8
#define Q800_RAM_MAX_MB 256

typedef struct q800_machine {
    machine base; /* first: the front ends hold a machine * */
    sched sched;
    mem_space *mem;
    m68k_cpu *cpu;
    bool in_cpu;     /* inside m68k_run: time is base + CPU progress */
    bool frame_done; /* a 60.15 Hz tick passed during this run */
    bool powered_off;

    uint32_t ram_size;
    mem_backing *ram, *rom, *vram;

    mac_glue glue;
    mac_via via;
    scc scc;
    ncr53c96 scsi;
    scsi_disk disk[2]; /* SCSI ID 0 (hard disk) and ID 3 (CD-ROM) */
    dafb video;

    FILE *serial;      /* channel A's output, or NULL */
    bool serial_close; /* opened by us (not stdout) */
    uint8_t *serial_in; /* channel A's input (--serial-in), fed one byte a millisecond */
    size_t serial_in_len, serial_in_pos;
    sched_event serial_in_ev;
    uint64_t io_faults;
    uint32_t last_fault_addr;
} q800_machine;

q800_machine *q800_create(const machine_config *cfg, char *err, size_t errlen);
void q800_destroy(q800_machine *m);
void q800_reset(q800_machine *m, bool cold);
void q800_run_cycles(q800_machine *m, int64_t cycles);
int64_t q800_now(const q800_machine *m);

/* The I/O block (q800_io.c), a device region's handlers. */
int q800_io_read(void *ctx, uint32_t offset, unsigned size, uint32_t *value);
int q800_io_write(void *ctx, uint32_t offset, unsigned size, uint32_t value);

#endif
