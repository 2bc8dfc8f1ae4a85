/* Apple DAFB, the Quadra 700/800/900's built-in video (framebuffer and
 * colour look-up table), in NuBus slot $9 where Linux's macfb finds it. */
#ifndef TANDEM_MAC_DAFB_H
#define TANDEM_MAC_DAFB_H

#include <stdbool.h>
#include <stdint.h>

#include "machines/machine.h"
#include "mem/mem.h"

#define DAFB_VRAM_SIZE (4u << 20)
/* Register block offset inside the slot ($F9800000 on the Quadra 800). */
#define DAFB_REGS 0x800000u

/* Save state, version 1: depth, width, height, stride, offset, clut,
 * lut_index, lut_phase.  vram and pixels are wiring (vram is RAM). */
typedef struct dafb {
    const mem_backing *vram;
    unsigned depth;         /* 1, 2, 4, 8, 16 or 24 (32-bit pixels) */
    unsigned width, height;
    uint32_t stride;        /* bytes per line */
    uint32_t offset;        /* first visible byte in VRAM */
    uint32_t clut[256];     /* 0x00RRGGBB */
    unsigned lut_index, lut_phase;
    uint8_t lut_rgb[3];
    uint32_t *pixels;       /* width * height */
    machine_frame frame;
} dafb;

/* A mode QEMU's macfb also offers (640x480 or 800x600 at 1-24 bits):
 * false if the combination is not one of them. */
bool dafb_mode(unsigned width, unsigned height, unsigned depth, uint32_t *stride,
               uint32_t *offset);
/* false when out of memory. */
bool dafb_init(dafb *d, const mem_backing *vram, unsigned width, unsigned height,
               unsigned depth);
void dafb_free(dafb *d);
void dafb_reset(dafb *d);

/* The register block (mem_device_ops contract). */
int dafb_read(dafb *d, uint32_t offset, unsigned size, uint32_t *value);
int dafb_write(dafb *d, uint32_t offset, unsigned size, uint32_t value);

/* Convert VRAM to pixels and return the frame. */
const machine_frame *dafb_frame(dafb *d);

#endif
