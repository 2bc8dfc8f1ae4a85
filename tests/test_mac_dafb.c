/* DAFB framebuffer tests, no CPU: the VGA mode table (QEMU's macfb values
 * Linux is given), pixel decoding at 1, 2, 4 and 8 bits through the CLUT and
 * at 16 and 24 bits direct, and the CLUT's write protocol. */
#include <stdbool.h>
#include <stdint.h>

#include "machines/mac/dafb.h"
#include "tests/tap.h"

static void clut_write(dafb *d, unsigned index, uint32_t rgb)
{
    dafb_write(d, 0x200, 4, 0);
    for (unsigned i = 0; i <= index; i++) {
        uint32_t c = i == index ? rgb : d->clut[i];
        dafb_write(d, 0x213, 1, (c >> 16) & 0xFF);
        dafb_write(d, 0x213, 1, (c >> 8) & 0xFF);
        dafb_write(d, 0x213, 1, c & 0xFF);
    }
}

int main(void)
{
    mem_space *s = mem_space_new(0xFFFFFFFF, 0);
    mem_backing *vram = mem_backing_new(s, "vram", DAFB_VRAM_SIZE);
    if (!s || !vram)
        return tap_skip_all("out of memory");
    uint32_t stride, offset;
    tap_ok(dafb_mode(640, 480, 8, &stride, &offset) && stride == 0x400 && offset == 0x1000,
           "640x480x8: 1024 bytes a line from $1000 (Linux is told $F9001000)");
    tap_ok(dafb_mode(800, 600, 24, &stride, &offset) && stride == 0xD00 && offset == 0xE00,
           "800x600x24: $D00 a line from $E00");
    tap_ok(!dafb_mode(640, 480, 3, &stride, &offset), "no 3-bit mode");

    static const unsigned depths[] = {1, 2, 4, 8};
    for (size_t k = 0; k < 4; k++) {
        unsigned depth = depths[k];
        dafb d;
        if (!dafb_init(&d, vram, 640, 480, depth))
            return tap_skip_all("out of memory");
        for (uint32_t a = 0; a < 0x2000; a++)
            mem_backing_write8(vram, a, 0);
        /* Pixel 1 of line 0 gets the highest index. */
        unsigned maxi = (1u << depth) - 1;
        unsigned bit = depth; /* pixel 1 starts at bit `depth` from the left */
        uint8_t byte = (uint8_t)(maxi << (8 - depth - bit % 8));
        mem_backing_write8(vram, d.offset + bit / 8, byte);
        clut_write(&d, maxi, 0x102030);
        const machine_frame *f = dafb_frame(&d);
        tap_ok(f->pixels[1] == 0x102030 && f->pixels[0] == 0xFFFFFF && f->pixels[2] == 0xFFFFFF,
               "%u-bit: pixel 1 through CLUT entry %u, its neighbours entry 0 (white)", depth,
               maxi);
        dafb_free(&d);
    }
    {
        dafb d;
        dafb_init(&d, vram, 640, 480, 16);
        mem_backing_write8(vram, d.offset + 2, 0x7C); /* pixel 1: x11111 00000 00000 = red */
        mem_backing_write8(vram, d.offset + 3, 0x00);
        const machine_frame *f = dafb_frame(&d);
        tap_ok(f->pixels[1] == 0xFF0000, "16-bit: x1R5G5B5 ($%06x)", (unsigned)f->pixels[1]);
        dafb_free(&d);
        dafb_init(&d, vram, 640, 480, 24);
        mem_backing_write8(vram, d.offset + 4 + 1, 0x11);
        mem_backing_write8(vram, d.offset + 4 + 2, 0x22);
        mem_backing_write8(vram, d.offset + 4 + 3, 0x33);
        f = dafb_frame(&d);
        tap_ok(f->pixels[1] == 0x112233 && f->width == 640 && f->height == 480,
               "24-bit: x8R8G8B8 ($%06x)", (unsigned)f->pixels[1]);
        dafb_free(&d);
    }
    mem_space_free(s);
    return tap_done();
}
