/* Shared by the benchmark workloads: the scale comes from argv[1] (default
 * `def`), and each prints one checksum line so every emulator's run can be
 * compared with qemu-m68k's. */
#ifndef GUEST_BENCH_H
#define GUEST_BENCH_H

#include "guest.h"

static inline int bench_scale(int argc, char **argv, int def)
{
    int n = argc > 1 ? (int)atol(argv[1]) : def;
    return n > 0 ? n : 1;
}

#endif
