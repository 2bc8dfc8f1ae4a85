/* A machine as the front ends see it: the narrow host interface (STYLE.md 15).
 * The GTK program (ui/), the headless runner and the tests drive every machine
 * through these functions only; nothing here knows about GTK. */
#ifndef TANDEM_MACHINE_H
#define TANDEM_MACHINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct machine machine;

typedef struct machine_config {
    const char *model;   /* "st" (Atari ST), "q800" (Macintosh Quadra 800) */
    const char *rom_path;
    uint32_t ram_kb;     /* 0: the model's default */
    bool mono;           /* ST: monochrome monitor (high resolution) */
    const char *disk[2]; /* drive A/B image paths, or NULL */
    bool disk_writable[2];
    /* Mac: boot Linux directly (no ROM needed); NULL when not given. */
    const char *kernel_path, *initrd_path, *cmdline;
    const char *serial_out; /* the modem port's output: a file, "-" for stdout, or NULL */
    const char *serial_in;  /* bytes the modem port receives, or NULL */
    const char *scsi_disk;  /* Mac: hard-disk image at SCSI ID 0 (writable with disk_writable[0]) */
    const char *cdrom;      /* Mac: CD-ROM image at SCSI ID 3 */
    /* Mac: the 68040 runs every FPU instruction itself, instead of trapping
     * what the chip leaves to software (see OPT_FPU). */
    bool fpu_full;
} machine_config;

/* The emulated screen, 0x00RRGGBB pixels.  pixel_aspect is the width/height of
 * one emulated pixel as shown on the real monitor (ST medium resolution: 0.5). */
typedef struct machine_frame {
    const uint32_t *pixels;
    int width, height, stride; /* stride in pixels */
    double pixel_aspect;
    double refresh_hz;         /* 50, 60 or 71.x */
} machine_frame;

typedef struct machine_stats {
    uint64_t instructions, cycles, frames;
    double emulated_seconds;
    double code_hit, read_hit, write_hit; /* percent */
    bool drive_active[2];
} machine_stats;

/* Mouse buttons for machine_mouse. */
enum { MACHINE_MOUSE_LEFT = 1, MACHINE_MOUSE_RIGHT = 2 };

typedef struct machine_ops {
    const char *id;   /* "st" */
    const char *name; /* "Atari ST" (translatable by the caller) */
    /* NULL with a clear message in err on bad input (missing/unknown ROM ...). */
    machine *(*create)(const machine_config *cfg, char *err, size_t errlen);
    void (*destroy)(machine *m);
    void (*reset)(machine *m, bool cold);
    /* Emulate one video frame. */
    void (*run_frame)(machine *m);
    const machine_frame *(*frame)(machine *m);
    /* key: a physical key as a Linux input event code (KEY_A == 30), so host
     * layouts map by position; each machine turns it into its own scancode. */
    void (*key)(machine *m, int key, bool down);
    /* Relative mouse motion in host pixels and the button state. */
    void (*mouse)(machine *m, int dx, int dy, unsigned buttons);
    bool (*insert_disk)(machine *m, int drive, const char *path, bool writable, char *err,
                        size_t errlen);
    void (*eject_disk)(machine *m, int drive);
    void (*stats)(machine *m, machine_stats *out);
    /* Interleaved stereo S16 samples produced since the last call; returns the
     * number of frames written (up to max_frames).  May be NULL. */
    size_t (*audio)(machine *m, int16_t *buf, size_t max_frames, unsigned *rate);
    /* The guest switched the power off (the run can end).  May be NULL. */
    bool (*powered_off)(machine *m);
} machine_ops;

struct machine {
    const machine_ops *ops;
};

/* The registry of machine models. */
const machine_ops *machine_find(const char *id);
extern const machine_ops st_machine_ops;
extern const machine_ops q800_machine_ops;

#endif
