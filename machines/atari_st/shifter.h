/* ST video: the Shifter (C025914, palette and pixel output) together with the
 * GLUE's video timing and the MMU's video address counter.
 *
 *   $FF8201/03    video base, bits 23-16 / 15-8 (low byte always 0 on the ST)
 *   $FF8205/07/09 video address counter (read only), computed from the cycle
 *   $FF820A       sync mode: bit 1 set = 50 Hz, clear = 60 Hz
 *   $FF8240-5E    palette, 16 x $0RGB with 3 bits per gun (reads masked $0777)
 *   $FF8260       resolution: 0 low 320x200x16, 1 medium 640x200x4, 2 high 640x400x2
 *
 * Timing at 8 MHz (cycles per line x lines per frame): 50 Hz 512 x 313,
 * 60 Hz 508 x 263, 71 Hz (monochrome) 224 x 501.  Display enable covers 200
 * lines (400 in mono) from line 63 (50 Hz) or 34 (60/71 Hz), from cycle 56/52/0
 * to 376/372/160 of the line.  Outputs: HBL at every line end, VBL at cycle 64
 * of each frame, a display-enable pulse (MFP timer B input) 24 cycles after the
 * end of each displayed line, and the monochrome-detect level (MFP GPIP 7).
 *
 * Each line's video data, palette and resolution are captured as the line's
 * display ends, so palette and mode changes between lines show; the RGB
 * picture is made from them only when someone asks for the frame (an
 * unthrottled run pays for pictures it shows).  No borders: 320x200 (low),
 * 640x200 (medium, pixels half as wide as tall), 640x400 (high). */
#ifndef TANDEM_ST_SHIFTER_H
#define TANDEM_ST_SHIFTER_H

#include <stdbool.h>
#include <stdint.h>

#include "machines/machine.h"
#include "machines/sched.h"

enum { SHIFTER_50HZ, SHIFTER_60HZ, SHIFTER_71HZ };

typedef struct shifter_timing {
    int cycles_per_line, lines_per_frame;
    int first_line, lines; /* displayed lines */
    int de_start, de_end;  /* display enable within a line, cycles */
} shifter_timing;

typedef struct shifter_hooks {
    void *ctx;
    void (*hbl)(void *ctx);
    void (*vbl)(void *ctx);
    void (*de_end)(void *ctx); /* MFP timer B event input */
    /* Video DMA: read len bytes of RAM at addr (through the MMU). */
    void (*fetch)(void *ctx, uint32_t addr, uint8_t *buf, uint32_t len);
    /* A frame is complete (the picture is in shifter_frame). */
    void (*frame_done)(void *ctx);
} shifter_hooks;

#define SHIFTER_MAX_W 640
#define SHIFTER_MAX_H 400

/* One displayed line as the Shifter saw it. */
typedef struct shifter_line {
    uint8_t data[160];
    uint16_t palette[16];
    uint8_t res;
} shifter_line;

typedef struct shifter {
    sched *s;
    shifter_hooks hooks;
    bool mono_monitor;
    /* Registers. */
    uint16_t palette[16];
    uint32_t base;
    uint8_t sync, res;
    /* Beam. */
    int mode;            /* SHIFTER_50HZ... of the current line */
    int line;            /* line within the frame */
    int64_t line_start;  /* cycle the current line began */
    uint32_t line_addr;  /* video counter at the current line's display start */
    uint32_t next_addr;
    bool display_line;   /* current line has display enable */
    sched_event line_ev, de_ev, vbl_ev;
    /* Captured lines: one frame being captured, one complete. */
    shifter_line *lines[2];
    int drawn[2];        /* lines captured per buffer */
    int fmt[2];          /* picture format (resolution) per buffer */
    int back;
    uint32_t *pix;       /* RGB of the complete frame, made on demand */
    bool converted;
    machine_frame frame; /* describes the complete picture */
    uint64_t frames;
} shifter;

const shifter_timing *shifter_timing_for(int mode);

/* Starts the beam at line 0 of a frame at the scheduler's current time.
 * false if out of memory. */
bool shifter_init(shifter *v, sched *s, bool mono_monitor, const shifter_hooks *hooks);
void shifter_free(shifter *v);
void shifter_reset(shifter *v);

/* Bus access, offset from $FF8200 (0..$7F); the board folds nothing.  Returns
 * 0 or MEM_FAULT_BUS (unused even bytes of $FF8200-$FF820F). */
int shifter_read(shifter *v, uint32_t offset, unsigned size, uint32_t *value);
int shifter_write(shifter *v, uint32_t offset, unsigned size, uint32_t value);

/* The video address counter now. */
uint32_t shifter_counter(const shifter *v);
/* Timing mode the registers select now. */
int shifter_mode(const shifter *v);
/* The last complete frame (rendered now if not yet). */
const machine_frame *shifter_frame(shifter *v);

/* Render one line of video memory in resolution res into 0x00RRGGBB pixels
 * (width 320 for low, else 640).  Exposed for tests. */
void shifter_render_line(const uint16_t palette[16], int res, bool mono_monitor,
                         const uint8_t *mem, uint32_t *out, int out_width);
uint32_t shifter_rgb(uint16_t st_colour);

#endif
