/* Workload: quicksort and insertion sort of pseudo-random 32-bit keys. */
#include "bench.h"

#define N 4096
static u32 keys[N];

static void insertion(u32 *a, int n)
{
    for (int i = 1; i < n; i++) {
        u32 v = a[i];
        int j = i - 1;
        while (j >= 0 && a[j] > v) {
            a[j + 1] = a[j];
            j--;
        }
        a[j + 1] = v;
    }
}

static void quick(u32 *a, int n)
{
    while (n > 16) {
        u32 pivot = a[n / 2];
        int i = 0, j = n - 1;
        for (;;) {
            while (a[i] < pivot)
                i++;
            while (a[j] > pivot)
                j--;
            if (i >= j)
                break;
            u32 t = a[i];
            a[i] = a[j];
            a[j] = t;
            i++;
            j--;
        }
        quick(a, j + 1);
        a += j + 1;
        n -= j + 1;
    }
    insertion(a, n);
}

int guest_main(int argc, char **argv)
{
    int rounds = bench_scale(argc, argv, 1) * 6;
    u32 seed = 12345, sum = 0;
    for (int r = 0; r < rounds; r++) {
        for (int i = 0; i < N; i++)
            keys[i] = rnd_next(&seed);
        quick(keys, N);
        for (int i = 1; i < N; i++)
            if (keys[i - 1] > keys[i]) {
                printf("sort: not sorted at %d\n", i);
                return 1;
            }
        sum += keys[N / 2] ^ keys[r % N];
    }
    printf("sort: rounds=%d checksum=%08x\n", rounds, sum);
    return 0;
}
