/* Apple DAFB video controller ("Direct Access Frame Buffer", Quadra
 * 700/800/900), with its Antelope/AC842A colour DAC.
 *
 *   pin / block       Quadra 800 wiring
 *   VRAM              up to 4 MB at $F9000000 (NuBus slot $9 standard space)
 *   registers         $F9800000: $200 CLUT address reset (long write), $213 CLUT
 *                     data (R, G, B bytes in turn, then the next entry)
 *   VBL IRQ           VIA2 PA6 (not raised yet)
 *   sense lines       a VGA monitor is assumed
 *
 * The mode (depth, size, stride, start offset) is the one the machine
 * passes Linux in its bootinfo, as QEMU's macfb does; the mode registers are
 * accepted and ignored.  1-8 bit pixels go through the CLUT; 16-bit pixels
 * are x1R5G5B5 and 24-bit ones x8R8G8B8.
 */
#include "machines/mac/dafb.h"

#include <stdlib.h>
#include <string.h>

#define REG_CLUT_RESET 0x200
#define REG_CLUT_DATA 0x213

typedef struct dafb_mode_row {
    unsigned width, height, depth;
    uint32_t stride, offset;
} dafb_mode_row;

/* QEMU's macfb VGA table (stride and start of the visible area). */
static const dafb_mode_row modes[] = {
    {640, 480, 1, 0x400, 0x1000},  {640, 480, 2, 0x400, 0x1000}, {640, 480, 4, 0x400, 0x1000},
    {640, 480, 8, 0x400, 0x1000},  {640, 480, 24, 0x1000, 0x1000},
    {800, 600, 1, 0x340, 0xe00},   {800, 600, 2, 0x340, 0xe00},  {800, 600, 4, 0x340, 0xe00},
    {800, 600, 8, 0x340, 0xe00},   {800, 600, 24, 0xd00, 0xe00},
};

bool dafb_mode(unsigned width, unsigned height, unsigned depth, uint32_t *stride,
               uint32_t *offset)
{
    for (size_t i = 0; i < sizeof modes / sizeof modes[0]; i++) {
        if (modes[i].width == width && modes[i].height == height && modes[i].depth == depth) {
            *stride = modes[i].stride;
            *offset = modes[i].offset;
            return true;
        }
    }
    return false;
}

bool dafb_init(dafb *d, const mem_backing *vram, unsigned width, unsigned height,
               unsigned depth)
{
    memset(d, 0, sizeof *d);
    d->vram = vram;
    d->width = width;
    d->height = height;
    d->depth = depth;
    if (!dafb_mode(width, height, depth, &d->stride, &d->offset)) {
        d->stride = width * (depth >= 24 ? 4 : depth) / (depth >= 8 ? 1 : 8);
        d->offset = 0;
    }
    d->pixels = calloc((size_t)width * height, sizeof *d->pixels);
    if (!d->pixels)
        return false;
    d->frame = (machine_frame){.pixels = d->pixels, .width = (int)width, .height = (int)height,
                               .stride = (int)width, .pixel_aspect = 1.0, .refresh_hz = 60.15};
    dafb_reset(d);
    return true;
}

void dafb_free(dafb *d)
{
    free(d->pixels);
    d->pixels = NULL;
}

void dafb_reset(dafb *d)
{
    /* A grey ramp with index 0 white, as the Mac's default CLUTs run. */
    unsigned n = d->depth <= 8 ? 1u << d->depth : 256;
    for (unsigned i = 0; i < 256; i++) {
        unsigned k = i < n ? i : n - 1;
        uint32_t g = 255 - (uint32_t)(k * 255 / (n - 1));
        d->clut[i] = (g << 16) | (g << 8) | g;
    }
    d->lut_index = d->lut_phase = 0;
}

int dafb_read(dafb *d, uint32_t offset, unsigned size, uint32_t *value)
{
    (void)d;
    (void)offset;
    (void)size;
    *value = 0;
    return 0;
}

static void lut_byte(dafb *d, uint8_t v)
{
    d->lut_rgb[d->lut_phase++] = v;
    if (d->lut_phase == 3) {
        d->clut[d->lut_index & 255] =
            ((uint32_t)d->lut_rgb[0] << 16) | ((uint32_t)d->lut_rgb[1] << 8) | d->lut_rgb[2];
        d->lut_index = (d->lut_index + 1) & 255;
        d->lut_phase = 0;
    }
}

int dafb_write(dafb *d, uint32_t offset, unsigned size, uint32_t value)
{
    for (unsigned i = 0; i < size; i++) {
        uint32_t o = (offset + i) & 0xFFF;
        uint8_t b = (uint8_t)(value >> (8 * (size - 1 - i)));
        if (o >= REG_CLUT_RESET && o < REG_CLUT_RESET + 4) {
            d->lut_index = 0;
            d->lut_phase = 0;
        } else if (o == REG_CLUT_DATA) {
            lut_byte(d, b);
        }
    }
    return 0;
}

const machine_frame *dafb_frame(dafb *d)
{
    const mem_backing *v = d->vram;
    for (unsigned y = 0; y < d->height; y++) {
        uint32_t line = d->offset + y * d->stride;
        uint32_t *out = d->pixels + (size_t)y * d->width;
        for (unsigned x = 0; x < d->width; x++) {
            uint32_t px;
            switch (d->depth) {
            case 1:
            case 2:
            case 4:
            case 8: {
                uint32_t bit = x * d->depth;
                uint32_t byte = mem_backing_read8(v, (line + bit / 8) % DAFB_VRAM_SIZE);
                unsigned shift = 8 - d->depth - (bit % 8);
                px = d->clut[(byte >> shift) & ((1u << d->depth) - 1)];
                break;
            }
            case 16: {
                uint32_t w = mem_backing_read16(v, (line + 2 * x) % DAFB_VRAM_SIZE);
                uint32_t r = (w >> 10) & 31, g = (w >> 5) & 31, b = w & 31;
                px = ((r << 3 | r >> 2) << 16) | ((g << 3 | g >> 2) << 8) | (b << 3 | b >> 2);
                break;
            }
            default: {
                uint32_t a = (line + 4 * x) % DAFB_VRAM_SIZE;
                px = (mem_backing_read8(v, a + 1) << 16) | (mem_backing_read8(v, a + 2) << 8) |
                     mem_backing_read8(v, a + 3);
                break;
            }
            }
            out[x] = px;
        }
    }
    return &d->frame;
}
