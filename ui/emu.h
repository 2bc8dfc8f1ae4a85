/* The emulation thread.  Only this thread touches the machine once it runs;
 * the UI talks to it through a queue (input is asynchronous, disk and reset
 * calls wait for their result, at most one emulated frame) and reads the
 * latest frame from a mutex-protected copy. */
#ifndef TANDEM_UI_EMU_H
#define TANDEM_UI_EMU_H

#include <glib.h>
#include <stdbool.h>
#include <stdint.h>

#include "machines/machine.h"

typedef struct emu emu;

typedef struct emu_status {
    double mips;          /* guest instructions per host second */
    double speed;         /* emulated time / host time, percent */
    bool drive_active[2];
    bool paused;
    uint64_t frames;
} emu_status;

/* Takes ownership of m.  on_frame is called from the emulation thread when a
 * new frame is ready (the UI schedules a redraw from it). */
emu *emu_start(machine *m, void (*on_frame)(void *), void *user);
void emu_stop(emu *e); /* joins the thread and destroys the machine */

void emu_set_paused(emu *e, bool paused);
void emu_set_throttle(emu *e, bool throttle);
void emu_status_get(emu *e, emu_status *out);

void emu_key(emu *e, int key, bool down);
void emu_mouse(emu *e, int dx, int dy, unsigned buttons);
void emu_reset(emu *e, bool cold);
bool emu_insert_disk(emu *e, int drive, const char *path, bool writable, char *err, size_t errlen);
void emu_eject_disk(emu *e, int drive);

/* Calls fn with the latest frame under the frame lock (pixels valid only during
 * the call).  Returns false, without calling, before the first frame. */
bool emu_with_frame(emu *e, void (*fn)(const machine_frame *f, void *user), void *user);

#endif
