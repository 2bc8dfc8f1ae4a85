/* Workload: string handling: build, copy, compare, search, reverse and parse
 * numbers in a word list. */
#include "bench.h"

static char pool[16384];
static char *words[512];

static int find(const char *hay, const char *needle)
{
    for (int i = 0; hay[i]; i++) {
        int k = 0;
        while (needle[k] && hay[i + k] == needle[k])
            k++;
        if (!needle[k])
            return i;
    }
    return -1;
}

static void reverse(char *s)
{
    for (int i = 0, j = (int)strlen(s) - 1; i < j; i++, j--) {
        char t = s[i];
        s[i] = s[j];
        s[j] = t;
    }
}

static int utoa(u32 v, char *out)
{
    char tmp[12];
    int n = 0, len;
    do {
        tmp[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    for (len = 0; n;)
        out[len++] = tmp[--n];
    out[len] = 0;
    return len;
}

int guest_main(int argc, char **argv)
{
    int rounds = bench_scale(argc, argv, 1) * 10;
    static const char *const syll[8] = {"ka", "lo", "mi", "ne", "ru", "sha", "to", "vy"};
    u32 seed = 4242, sum = 0;
    for (int r = 0; r < rounds; r++) {
        char *p = pool;
        for (int w = 0; w < 512; w++) {
            words[w] = p;
            *p = 0;
            int n = 1 + (int)(rnd_next(&seed) & 3);
            for (int s = 0; s < n; s++)
                strcat(p, syll[rnd_next(&seed) & 7]);
            p += strlen(p);
            p += utoa(rnd_next(&seed) & 0xFFF, p) + 1;
        }
        for (int w = 1; w < 512; w++) {
            if (strcmp(words[w - 1], words[w]) > 0)
                sum++;
            sum += (u32)find(words[w], "sha") + (u32)atol(words[w] + strlen(words[w]) - 2);
        }
        char buf[64];
        for (int w = 0; w < 512; w += 3) {
            strcpy(buf, words[w]);
            reverse(buf);
            sum = sum * 31 + (u8)buf[0] + (u32)strlen(buf);
        }
    }
    printf("str: rounds=%d checksum=%08x\n", rounds, sum);
    return 0;
}
