#include "machines/atari_st/shifter.h"

#include <stdlib.h>
#include <string.h>

#include "mem/mem.h"

static const shifter_timing timings[3] = {
    [SHIFTER_50HZ] = {512, 313, 63, 200, 56, 376},
    [SHIFTER_60HZ] = {508, 263, 34, 200, 52, 372},
    [SHIFTER_71HZ] = {224, 501, 34, 400, 0, 160},
};

#define VBL_CYCLE 64     /* VBL interrupt, cycles into the frame */
#define TIMER_B_DELAY 24 /* display-enable pulse reaches the MFP after the last pixel */

const shifter_timing *shifter_timing_for(int mode)
{
    return &timings[mode];
}

int shifter_mode(const shifter *v)
{
    if ((v->res & 3) >= 2)
        return SHIFTER_71HZ;
    return (v->sync & 2) ? SHIFTER_50HZ : SHIFTER_60HZ;
}

static int line_bytes(int res)
{
    return res >= 2 ? 80 : 160;
}

uint32_t shifter_rgb(uint16_t c)
{
    unsigned r = (c >> 8) & 7, g = (c >> 4) & 7, b = c & 7;
#define X8(n) (((n) << 5) | ((n) << 2) | ((n) >> 1))
    return (uint32_t)X8(r) << 16 | (uint32_t)X8(g) << 8 | (uint32_t)X8(b);
#undef X8
}

void shifter_render_line(const uint16_t palette[16], int res, bool mono_monitor,
                         const uint8_t *mem, uint32_t *out, int out_width)
{
    uint32_t line[SHIFTER_MAX_W];
    int w;
    if (mono_monitor || res >= 2) {
        /* One plane; bit 0 of colour 0 says whether a clear bit is white. */
        uint32_t on = 0x000000, off = 0xFFFFFF;
        if (!(palette[0] & 1)) {
            on = 0xFFFFFF;
            off = 0x000000;
        }
        w = 640;
        for (int x = 0; x < 640; x++)
            line[x] = (mem[x >> 3] >> (7 - (x & 7))) & 1 ? on : off;
    } else {
        uint32_t pal[16];
        for (int i = 0; i < 16; i++)
            pal[i] = shifter_rgb(palette[i]);
        int planes = res == 0 ? 4 : 2;
        w = res == 0 ? 320 : 640;
        for (int g = 0; g < w / 16; g++) {
            const uint8_t *p = mem + g * planes * 2;
            unsigned wd[4] = {0, 0, 0, 0};
            for (int k = 0; k < planes; k++)
                wd[k] = (unsigned)p[2 * k] << 8 | p[2 * k + 1];
            uint32_t *o = line + g * 16;
            for (int b = 15; b >= 0; b--) {
                unsigned idx = ((wd[0] >> b) & 1) | ((wd[1] >> b) & 1) << 1 |
                               ((wd[2] >> b) & 1) << 2 | ((wd[3] >> b) & 1) << 3;
                *o++ = pal[idx];
            }
        }
    }
    if (out_width == w) {
        memcpy(out, line, sizeof(uint32_t) * (size_t)w);
    } else if (out_width == 2 * w) {
        for (int x = 0; x < w; x++)
            out[2 * x] = out[2 * x + 1] = line[x];
    } else {
        for (int x = 0; x < out_width; x++)
            out[x] = line[(size_t)x * (size_t)w / (size_t)out_width];
    }
}

static void picture_dims(int res, int *w, int *h, double *aspect)
{
    *w = res == 0 ? 320 : 640;
    *h = res == 2 ? 400 : 200;
    *aspect = res == 1 ? 0.5 : 1.0;
}

/* The format of the picture being captured, fixed at the start of each frame. */
static void start_picture(shifter *v)
{
    v->fmt[v->back] = v->mono_monitor ? 2 : (v->res & 3) >= 2 ? 2 : v->res & 3;
    v->drawn[v->back] = 0;
}

static void finish_picture(shifter *v)
{
    machine_frame *f = &v->frame;
    picture_dims(v->fmt[v->back], &f->width, &f->height, &f->pixel_aspect);
    f->pixels = v->pix;
    f->stride = f->width;
    const shifter_timing *t = &timings[v->mode];
    f->refresh_hz = 8000000.0 / ((double)t->cycles_per_line * t->lines_per_frame);
    v->back ^= 1;
    v->converted = false;
    v->frames++;
}

const machine_frame *shifter_frame(shifter *v)
{
    if (!v->converted) {
        int front = v->back ^ 1;
        machine_frame *f = &v->frame;
        for (int row = 0; row < f->height; row++) {
            uint32_t *out = v->pix + (size_t)row * (size_t)f->width;
            if (row < v->drawn[front]) {
                const shifter_line *l = &v->lines[front][row];
                shifter_render_line(l->palette, l->res, v->mono_monitor, l->data, out, f->width);
            } else {
                memset(out, 0, sizeof(uint32_t) * (size_t)f->width);
            }
        }
        v->converted = true;
    }
    return &v->frame;
}

static void line_begin(shifter *v, int64_t when)
{
    v->line_start = when;
    v->mode = shifter_mode(v);
    const shifter_timing *t = &timings[v->mode];
    if (v->line == 0) {
        start_picture(v);
        sched_at(v->s, &v->vbl_ev, when + VBL_CYCLE);
    }
    v->display_line = v->line >= t->first_line && v->line < t->first_line + t->lines;
    v->line_addr = v->next_addr;
    if (v->display_line) {
        v->next_addr = (v->line_addr + (uint32_t)line_bytes(v->res & 3)) & 0x3FFFFE;
        sched_at(v->s, &v->de_ev, when + t->de_end + TIMER_B_DELAY);
    }
    if (v->line == t->lines_per_frame - 3)
        v->line_addr = v->next_addr = v->base; /* the counter reloads before each frame */
    sched_at(v->s, &v->line_ev, when + t->cycles_per_line);
}

static void on_line_end(void *ctx, int64_t when)
{
    shifter *v = ctx;
    if (v->hooks.hbl)
        v->hooks.hbl(v->hooks.ctx);
    if (++v->line >= timings[v->mode].lines_per_frame) {
        v->line = 0;
        finish_picture(v);
        if (v->hooks.frame_done)
            v->hooks.frame_done(v->hooks.ctx);
    }
    line_begin(v, when);
}

static void on_display_end(void *ctx, int64_t when)
{
    shifter *v = ctx;
    const shifter_timing *t = &timings[v->mode];
    int row = v->line - t->first_line;
    int w, h;
    double aspect;
    picture_dims(v->fmt[v->back], &w, &h, &aspect);
    /* Lines are captured in order; a mode change mid-frame may skip some. */
    if (row >= 0 && row < h && row >= v->drawn[v->back]) {
        for (int r = v->drawn[v->back]; r < row; r++)
            memset(&v->lines[v->back][r], 0, sizeof(shifter_line));
        shifter_line *l = &v->lines[v->back][row];
        l->res = (uint8_t)(v->mono_monitor ? 2 : v->res & 3);
        memcpy(l->palette, v->palette, sizeof l->palette);
        if (v->hooks.fetch)
            v->hooks.fetch(v->hooks.ctx, v->line_addr, l->data, (uint32_t)line_bytes(l->res));
        else
            memset(l->data, 0, sizeof l->data);
        v->drawn[v->back] = row + 1;
    }
    if (v->hooks.de_end)
        v->hooks.de_end(v->hooks.ctx);
}

static void on_vbl(void *ctx, int64_t when)
{
    shifter *v = ctx;
    if (v->hooks.vbl)
        v->hooks.vbl(v->hooks.ctx);
}

bool shifter_init(shifter *v, sched *s, bool mono_monitor, const shifter_hooks *hooks)
{
    memset(v, 0, sizeof *v);
    v->s = s;
    v->hooks = *hooks;
    v->mono_monitor = mono_monitor;
    v->pix = calloc((size_t)SHIFTER_MAX_W * SHIFTER_MAX_H, sizeof(uint32_t));
    for (int i = 0; i < 2; i++)
        v->lines[i] = calloc(SHIFTER_MAX_H, sizeof(shifter_line));
    if (!v->pix || !v->lines[0] || !v->lines[1]) {
        shifter_free(v);
        return false;
    }
    sched_event_init(&v->line_ev, "shifter.line", on_line_end, v);
    sched_event_init(&v->de_ev, "shifter.display_end", on_display_end, v);
    sched_event_init(&v->vbl_ev, "glue.vbl", on_vbl, v);
    shifter_reset(v);
    return true;
}

void shifter_free(shifter *v)
{
    free(v->pix);
    v->pix = NULL;
    for (int i = 0; i < 2; i++) {
        free(v->lines[i]);
        v->lines[i] = NULL;
    }
}

void shifter_reset(shifter *v)
{
    sched_cancel(v->s, &v->line_ev);
    sched_cancel(v->s, &v->de_ev);
    sched_cancel(v->s, &v->vbl_ev);
    memset(v->palette, 0, sizeof v->palette);
    v->base = 0;
    v->sync = 0;
    v->res = v->mono_monitor ? 2 : 0;
    v->line = 0;
    v->next_addr = 0;
    v->back = 1;
    start_picture(v); /* an all-black picture of the right format until the first frame ends */
    v->back = 0;
    picture_dims(v->fmt[1], &v->frame.width, &v->frame.height, &v->frame.pixel_aspect);
    v->converted = false;
    v->frame.pixels = v->pix;
    v->frame.stride = v->frame.width;
    v->mode = shifter_mode(v);
    const shifter_timing *t = &timings[v->mode];
    v->frame.refresh_hz = 8000000.0 / ((double)t->cycles_per_line * t->lines_per_frame);
    line_begin(v, sched_now(v->s));
}

uint32_t shifter_counter(const shifter *v)
{
    if (!v->display_line)
        return v->line_addr;
    const shifter_timing *t = &timings[v->mode];
    int64_t cyc = sched_now(v->s) - v->line_start - t->de_start;
    int bytes = line_bytes(v->res & 3);
    int64_t off = cyc <= 0 ? 0 : (cyc >> 1) & ~(int64_t)1;
    if (off > bytes)
        off = bytes;
    return (v->line_addr + (uint32_t)off) & 0x3FFFFE;
}

/* One byte of $FF8200-$FF827F; false: bus error. */
static bool read_byte(shifter *v, uint32_t off, uint8_t *out)
{
    if (off >= 0x40 && off < 0x60) {
        uint16_t c = v->palette[(off - 0x40) >> 1] & 0x777;
        *out = (off & 1) ? (uint8_t)c : (uint8_t)(c >> 8);
        return true;
    }
    switch (off) {
    case 0x01: *out = (uint8_t)(v->base >> 16); return true;
    case 0x03: *out = (uint8_t)(v->base >> 8); return true;
    case 0x05: *out = (uint8_t)(shifter_counter(v) >> 16); return true;
    case 0x07: *out = (uint8_t)(shifter_counter(v) >> 8); return true;
    case 0x09: *out = (uint8_t)shifter_counter(v); return true;
    case 0x0A: *out = v->sync | 0xFC; return true;
    case 0x0B: case 0x0D: case 0x0F: *out = 0xFF; return true;
    case 0x60: *out = v->res & 3; return true;
    default: break;
    }
    if (off >= 0x61 && off < 0x80) {
        *out = 0xFF;
        return true;
    }
    return false;
}

static bool write_byte(shifter *v, uint32_t off, uint8_t b)
{
    if (off >= 0x40 && off < 0x60) {
        uint16_t *c = &v->palette[(off - 0x40) >> 1];
        *c = (off & 1) ? (uint16_t)((*c & 0xFF00) | b) : (uint16_t)((*c & 0x00FF) | b << 8);
        *c &= 0x777;
        return true;
    }
    switch (off) {
    case 0x01: v->base = (v->base & 0x00FF00) | (uint32_t)(b & 0x3F) << 16; return true;
    case 0x03: v->base = (v->base & 0xFF0000) | (uint32_t)b << 8; return true;
    case 0x05: case 0x07: case 0x09: return true; /* read-only on the ST */
    case 0x0A: v->sync = b & 3; return true;
    case 0x0B: case 0x0D: case 0x0F: return true;
    case 0x60: v->res = b & 3; return true;
    default: break;
    }
    return off >= 0x61 && off < 0x80;
}

int shifter_read(shifter *v, uint32_t offset, unsigned size, uint32_t *value)
{
    uint32_t val = 0;
    bool any = false;
    for (unsigned i = 0; i < size; i++) {
        uint8_t b = 0xFF;
        any |= read_byte(v, offset + i, &b);
        val = val << 8 | b;
    }
    *value = val;
    return any ? 0 : MEM_FAULT_BUS;
}

int shifter_write(shifter *v, uint32_t offset, unsigned size, uint32_t value)
{
    bool any = false;
    for (unsigned i = 0; i < size; i++)
        any |= write_byte(v, offset + i, (uint8_t)(value >> (8 * (size - 1 - i))));
    return any ? 0 : MEM_FAULT_BUS;
}
