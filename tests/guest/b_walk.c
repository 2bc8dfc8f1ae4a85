/* Workload (optional, not in the default bench set): a pointer chase through
 * 2 MB of heap in random order, so most accesses miss the 2048-entry data
 * TLBs.  It measures the slow path, not typical code. */
#include "bench.h"

typedef struct cell {
    struct cell *next;
    u32 value, pad[2];
} cell;

int guest_main(int argc, char **argv)
{
    int rounds = bench_scale(argc, argv, 1);
    const u32 n = 131072; /* 16-byte cells: 2 MB */
    cell *base = sys_brk(0);
    if (sys_brk(base + n) != (void *)(base + n)) {
        printf("walk: brk failed\n");
        return 1;
    }
    /* A single cycle through all cells in pseudo-random order (Sattolo's shuffle). */
    u32 *order = (u32 *)base; /* built in place, low words first, then linked */
    for (u32 i = 0; i < n; i++)
        base[i].value = i;
    u32 seed = 99;
    for (u32 i = n - 1; i > 0; i--) {
        u32 j = rnd_next(&seed) & (n - 1);
        while (j >= i)
            j = (j * 5 + 1) & (n - 1);
        u32 t = base[i].value;
        base[i].value = base[j].value;
        base[j].value = t;
    }
    (void)order;
    for (u32 i = 0; i < n; i++)
        base[base[i].value].pad[0] = base[(i + 1) & (n - 1)].value;
    for (u32 i = 0; i < n; i++)
        base[i].next = &base[base[i].pad[0]];
    u32 sum = 0;
    for (int r = 0; r < rounds; r++) {
        cell *c = base;
        for (u32 i = 0; i < n; i++) {
            sum += c->value;
            c = c->next;
        }
    }
    printf("walk: rounds=%d checksum=%08x\n", rounds, sum);
    return 0;
}
