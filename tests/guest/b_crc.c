/* Workload: CRC-32 (bitwise and table-driven) and an Adler-32 over a buffer. */
#include "bench.h"

#define SIZE 8192
static u8 data[SIZE];
static u32 table[256];

static u32 crc_bitwise(const u8 *p, u32 n)
{
    u32 c = 0xFFFFFFFF;
    while (n--) {
        c ^= *p++;
        for (int k = 0; k < 8; k++)
            c = c & 1 ? (c >> 1) ^ 0xEDB88320 : c >> 1;
    }
    return ~c;
}

static u32 crc_table(const u8 *p, u32 n)
{
    u32 c = 0xFFFFFFFF;
    while (n--)
        c = table[(c ^ *p++) & 0xFF] ^ (c >> 8);
    return ~c;
}

static u32 adler(const u8 *p, u32 n)
{
    u32 s1 = 1, s2 = 0;
    while (n--) {
        s1 += *p++;
        if (s1 >= 65521)
            s1 -= 65521;
        s2 += s1;
        if (s2 >= 65521)
            s2 -= 65521;
    }
    return s2 << 16 | s1;
}

int guest_main(int argc, char **argv)
{
    int rounds = bench_scale(argc, argv, 1) * 8;
    for (u32 i = 0; i < 256; i++) {
        u32 c = i;
        for (int k = 0; k < 8; k++)
            c = c & 1 ? (c >> 1) ^ 0xEDB88320 : c >> 1;
        table[i] = c;
    }
    u32 seed = 777, x = 0;
    for (u32 i = 0; i < SIZE; i++)
        data[i] = (u8)rnd_next(&seed);
    for (int r = 0; r < rounds; r++) {
        data[r % SIZE] ^= (u8)r;
        u32 c1 = crc_bitwise(data, SIZE / 4), c2 = crc_table(data, SIZE / 4);
        if (c1 != c2) {
            printf("crc: bitwise %08x != table %08x\n", c1, c2);
            return 1;
        }
        x ^= crc_table(data, SIZE) + adler(data, SIZE);
    }
    static const char check9[] = "123456789";
    printf("crc: rounds=%d crc(123456789)=%08x checksum=%08x\n", rounds,
           crc_table((const u8 *)check9, 9), x);
    return 0;
}
