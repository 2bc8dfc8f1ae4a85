/* Workload: sieve of Eratosthenes over a byte array, repeated. */
#include "bench.h"

#define N 8192
static u8 flags[N + 1];

int guest_main(int argc, char **argv)
{
    int rounds = bench_scale(argc, argv, 1) * 40;
    u32 total = 0;
    for (int r = 0; r < rounds; r++) {
        int count = 0;
        for (int i = 0; i <= N; i++)
            flags[i] = 1;
        for (int i = 2; i <= N; i++) {
            if (!flags[i])
                continue;
            for (int k = i + i; k <= N; k += i)
                flags[k] = 0;
            count++;
        }
        total += (u32)count;
    }
    printf("sieve: rounds=%d primes=%u\n", rounds, total / (u32)rounds);
    return 0;
}
