/* Workload: memcpy, memset, memmove and memcmp over buffers of several sizes
 * and alignments. */
#include "bench.h"

#define SIZE 16384
static u8 a[SIZE + 8], b[SIZE + 8];

int guest_main(int argc, char **argv)
{
    int rounds = bench_scale(argc, argv, 1) * 20;
    u32 sum = 0;
    for (int r = 0; r < rounds; r++) {
        memset(a, r & 0xFF, SIZE);
        for (u32 i = 0; i < SIZE; i += 97)
            a[i] = (u8)(i ^ (u32)r);
        memcpy(b, a, SIZE);
        memcpy(b + 1, a + 3, SIZE - 64);
        memmove(b + 8, b, SIZE - 8);
        memset(b + 5, 0x33, 1000);
        sum += (u32)memcmp(a, b, SIZE) + b[SIZE / 3] + b[r * 13 % SIZE];
        for (u32 i = 0; i < SIZE; i += 512)
            sum = (sum << 1 | sum >> 31) ^ b[i];
    }
    printf("mem: rounds=%d checksum=%08x\n", rounds, sum);
    return 0;
}
