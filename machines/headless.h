/* The headless runner: a machine without a window, driven by options and a
 * script of timed input, writing PNG screenshots and statistics.  The GTK
 * program calls headless_main for `tandem --headless ...`; tests call it
 * directly.  Format of scripts: machines/HEADLESS.md. */
#ifndef TANDEM_HEADLESS_H
#define TANDEM_HEADLESS_H

#include <stdint.h>

#include "machines/machine.h"

/* argv[0] is the program name; "--headless" itself is accepted and ignored.
 * Returns the process exit status: 0 success, 1 a run-time failure (ROM or
 * disk rejected, screenshot not written), 2 bad usage (unknown option, bad
 * script). */
int headless_main(int argc, char **argv);

/* Write a frame as a PNG file exactly as emulated (one file pixel per emulated
 * pixel), through cairo, safely (temp file + rename).  0 or -1 with err. */
int headless_write_png(const machine_frame *f, const char *path, char *err, size_t errlen);

#endif
