/* Shifter/GLUE video without a CPU: line and frame lengths in each mode, the
 * HBL/VBL/display-enable outputs, registers (palette masking, base, sync,
 * resolution, bus errors), the video counter, and rendering of bitplanes. */
#include <string.h>

#include "machines/atari_st/shifter.h"
#include "mem/mem.h"
#include "tests/tap.h"

typedef struct rig {
    sched s;
    shifter v;
    uint8_t ram[0x10000];
    int hbl, vbl, de, frames;
    int64_t frame_at[4];
} rig;

static void on_hbl(void *c) { ((rig *)c)->hbl++; }
static void on_vbl(void *c) { ((rig *)c)->vbl++; }
static void on_de(void *c) { ((rig *)c)->de++; }
static void on_frame(void *c)
{
    rig *r = c;
    if (r->frames < 4)
        r->frame_at[r->frames] = r->s.base;
    r->frames++;
}
static void on_fetch(void *c, uint32_t addr, uint8_t *buf, uint32_t len)
{
    rig *r = c;
    for (uint32_t i = 0; i < len; i++)
        buf[i] = r->ram[(addr + i) & 0xFFFF];
}

static void rig_init(rig *r, bool mono)
{
    memset(r, 0, sizeof *r);
    sched_init(&r->s);
    shifter_hooks h = {.ctx = r, .hbl = on_hbl, .vbl = on_vbl, .de_end = on_de,
                       .fetch = on_fetch, .frame_done = on_frame};
    shifter_init(&r->v, &r->s, mono, &h);
}

static void wr8(rig *r, uint32_t off, uint32_t v) { shifter_write(&r->v, off, 1, v); }

/* Run two whole frames in the current mode; check their length and counts. */
static void check_mode(rig *r, const char *name, int cpl, int lpf, int shown)
{
    /* Let the mode take effect from a frame start. */
    int f0 = r->frames;
    while (r->frames == f0)
        sched_advance(&r->s, sched_next(&r->s));
    int hbl = r->hbl, vbl = r->vbl, de = r->de, f1 = r->frames;
    int64_t t1 = r->s.base;
    while (r->frames < f1 + 2)
        sched_advance(&r->s, sched_next(&r->s));
    int64_t len = (r->s.base - t1) / 2;
    tap_ok(len == (int64_t)cpl * lpf, "%s: frame is %d lines of %d cycles (%lld)", name, lpf, cpl,
           (long long)len);
    tap_ok(r->hbl - hbl == 2 * lpf, "%s: one HBL per line", name);
    tap_ok(r->vbl - vbl == 2, "%s: one VBL per frame", name);
    tap_ok(r->de - de == 2 * shown, "%s: %d display-enable pulses per frame", name, shown);
}

int main(void)
{
    static rig r;
    rig_init(&r, false);

    /* Registers. */
    shifter_write(&r.v, 0x40, 2, 0xFFFF);
    uint32_t v = 0;
    shifter_read(&r.v, 0x40, 2, &v);
    tap_ok(v == 0x0777, "palette reads back masked with $0777 (%04X)", v);
    shifter_write(&r.v, 0x5E, 2, 0x0123);
    shifter_read(&r.v, 0x5E, 2, &v);
    tap_ok(v == 0x0123, "colour 15 keeps its value");
    wr8(&r, 0x01, 0x0F);
    wr8(&r, 0x03, 0x80);
    shifter_read(&r.v, 0x01, 1, &v);
    uint32_t mid;
    shifter_read(&r.v, 0x03, 1, &mid);
    tap_ok(v == 0x0F && mid == 0x80 && r.v.base == 0x0F8000, "video base $FF8201/03");
    tap_ok(shifter_read(&r.v, 0x00, 1, &v) == MEM_FAULT_BUS, "byte read of $FF8200 bus-errors");
    tap_ok(shifter_read(&r.v, 0x00, 2, &v) == 0 && v == 0xFF0F, "word read of $FF8200 does not");
    tap_ok(shifter_read(&r.v, 0x10, 2, &v) == MEM_FAULT_BUS, "$FF8210 bus-errors");
    wr8(&r, 0x0A, 0x02);
    shifter_read(&r.v, 0x0A, 1, &v);
    tap_ok(v == 0xFE, "sync reads $FE for 50 Hz");
    wr8(&r, 0x60, 0x01);
    shifter_read(&r.v, 0x60, 1, &v);
    tap_ok(v == 0x01 && shifter_read(&r.v, 0x62, 1, &v) == 0, "resolution register; $FF8262 no bus error");
    wr8(&r, 0x60, 0x00);

    /* Timing in each mode. */
    wr8(&r, 0x0A, 0x02);
    check_mode(&r, "50 Hz", 512, 313, 200);
    tap_ok(r.v.frame.width == 320 && r.v.frame.height == 200 && r.v.frame.refresh_hz > 49.9 &&
               r.v.frame.refresh_hz < 50.0,
           "low resolution frame 320x200 at 49.92 Hz");
    wr8(&r, 0x0A, 0x00);
    check_mode(&r, "60 Hz", 508, 263, 200);
    wr8(&r, 0x60, 0x01);
    check_mode(&r, "60 Hz medium", 508, 263, 200);
    tap_ok(r.v.frame.width == 640 && r.v.frame.height == 200 && r.v.frame.pixel_aspect == 0.5,
           "medium resolution frame 640x200, pixel aspect 0.5");
    wr8(&r, 0x60, 0x00);

    /* Video counter: reloaded from the base before the frame, advancing by a
     * word every 4 cycles during display. */
    int f = r.frames;
    while (r.frames == f)
        sched_advance(&r.s, sched_next(&r.s));
    int64_t frame0 = r.s.base;
    const shifter_timing *t = shifter_timing_for(SHIFTER_60HZ);
    int64_t line34 = frame0 + 34LL * t->cycles_per_line;
    sched_advance(&r.s, line34 + 10);
    tap_ok(shifter_counter(&r.v) == 0x0F8000, "counter = base before the first line's display");
    sched_advance(&r.s, line34 + t->de_start + 100);
    tap_ok(shifter_counter(&r.v) == 0x0F8000 + 50, "counter advances 2 bytes per 4 cycles");
    sched_advance(&r.s, line34 + t->cycles_per_line + t->de_start);
    tap_ok(shifter_counter(&r.v) == 0x0F8000 + 160, "next line starts 160 bytes on");
    uint32_t hi, md, lo;
    shifter_read(&r.v, 0x05, 1, &hi);
    shifter_read(&r.v, 0x07, 1, &md);
    shifter_read(&r.v, 0x09, 1, &lo);
    tap_ok((hi << 16 | md << 8 | lo) == 0x0F8000 + 160, "$FF8205/07/09 read the counter");
    shifter_free(&r.v);

    /* Monochrome. */
    rig_init(&r, true);
    check_mode(&r, "71 Hz", 224, 501, 400);
    tap_ok(r.v.frame.width == 640 && r.v.frame.height == 400 && r.v.frame.refresh_hz > 71.2 &&
               r.v.frame.refresh_hz < 71.3,
           "high resolution frame 640x400 at 71.3 Hz");
    shifter_free(&r.v);

    /* Rendering a known bitplane pattern. */
    uint16_t pal[16];
    for (int i = 0; i < 16; i++)
        pal[i] = (uint16_t)(i < 8 ? i << 8 : (i - 8) << 4); /* reds then greens */
    uint8_t mem[160] = {0};
    /* First 16 pixels: plane 0 = $8000 (pixel 0 bit 0), plane 1 = $4000,
     * plane 2 = $2000, plane 3 = $FFFF: pixel 0 = 1+8, 1 = 2+8, 2 = 4+8, 3.. = 8. */
    mem[0] = 0x80;
    mem[2] = 0x40;
    mem[4] = 0x20;
    mem[6] = 0xFF;
    mem[7] = 0xFF;
    uint32_t out[640];
    shifter_render_line(pal, 0, false, mem, out, 320);
    tap_ok(out[0] == shifter_rgb(pal[9]) && out[1] == shifter_rgb(pal[10]) &&
               out[2] == shifter_rgb(pal[12]) && out[3] == shifter_rgb(pal[8]) &&
               out[16] == shifter_rgb(pal[0]),
           "low resolution: 4 planes interleaved per 16 pixels");
    tap_ok(shifter_rgb(0x0777) == 0xFFFFFF && shifter_rgb(0x0700) == 0xFF0000 &&
               shifter_rgb(0x0000) == 0,
           "3-bit guns scale to 0..255");
    memset(mem, 0, sizeof mem);
    mem[0] = 0xC0; /* plane 0 */
    mem[2] = 0x80; /* plane 1 */
    shifter_render_line(pal, 1, false, mem, out, 640);
    tap_ok(out[0] == shifter_rgb(pal[3]) && out[1] == shifter_rgb(pal[1]) &&
               out[2] == shifter_rgb(pal[0]),
           "medium resolution: 2 planes");
    memset(mem, 0, sizeof mem);
    mem[0] = 0xA0;
    pal[0] = 0x777;
    shifter_render_line(pal, 2, true, mem, out, 640);
    tap_ok(out[0] == 0 && out[1] == 0xFFFFFF && out[2] == 0 && out[3] == 0xFFFFFF,
           "high resolution: set bits black when colour 0 bit 0 is set");
    pal[0] = 0x000;
    shifter_render_line(pal, 2, true, mem, out, 640);
    tap_ok(out[0] == 0xFFFFFF && out[1] == 0, "inverted when colour 0 bit 0 is clear");

    /* A frame end to end: a pattern in video RAM appears in the picture. */
    rig_init(&r, false);
    for (int i = 0; i < 16; i++)
        shifter_write(&r.v, 0x40 + 2 * i, 2, i == 0 ? 0x777 : 0x070);
    wr8(&r, 0x01, 0x00);
    wr8(&r, 0x03, 0x10); /* base $1000 */
    memset(r.ram, 0, sizeof r.ram);
    r.ram[0x1000 + 160 * 5] = 0x80; /* line 5, pixel 0, plane 0 */
    f = r.frames;
    while (r.frames < f + 2)
        sched_advance(&r.s, sched_next(&r.s));
    const machine_frame *fr = shifter_frame(&r.v);
    tap_ok(fr->pixels[5 * fr->stride] == 0x00FF00 && fr->pixels[5 * fr->stride + 1] == 0xFFFFFF &&
               fr->pixels[4 * fr->stride] == 0xFFFFFF,
           "frame: video memory at base + 5 lines shows on line 5");
    shifter_free(&r.v);
    return tap_done();
}
