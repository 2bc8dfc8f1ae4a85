/* ABCD, SBCD and NBCD on every pair of valid packed-BCD bytes: result, C, X
 * and Z (cleared when the result is non-zero, else unchanged).  N and V are
 * undefined on the 68000 and not checked. */
#include "flags.h"

static check ck = {"bcd", 0, 0};

static u32 from_bcd(u32 b)
{
    return (b >> 4) * 10 + (b & 15);
}

static u32 to_bcd(u32 v)
{
    return (v / 10) << 4 | v % 10;
}

static void compare(const char *what, u32 s, u32 d, u32 ccr, u32 gr, u32 gf, u32 wr, u32 wf)
{
    const u32 mask = F_X | F_C | F_Z;
    if ((gr & 0xFF) == wr && (gf & mask) == (wf & mask)) {
        ck.passed++;
        return;
    }
    if (ck.failed++ < 12)
        printf("  %s %02x,%02x ccr=%02x: got %02x/%02x want %02x/%02x\n", what, s, d, ccr,
               gr & 0xFF, gf & mask, wr, wf & mask);
}

int guest_main(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    for (u32 a = 0; a < 100; a++)
        for (u32 b = 0; b < 100; b++)
            for (u32 ccr = 0; ccr < 2; ccr++) {
                u32 x = ccr, zin = (a + b) & 1 ? F_Z : 0, cin = (x ? F_X : 0) | zin;
                u32 s = to_bcd(a), d = to_bcd(b), gr, gf;
                RUN2("abcd", s, d, cin, gr, gf);
                u32 sum = a + b + x, c = sum >= 100;
                u32 wr = to_bcd(sum % 100);
                compare("abcd", s, d, cin, gr, gf, wr,
                        (c ? F_C | F_X : 0) | (wr ? 0 : zin));
                RUN2("sbcd", s, d, cin, gr, gf);
                int diff = (int)b - (int)a - (int)x;
                c = diff < 0;
                wr = to_bcd((u32)(diff + 100) % 100);
                compare("sbcd", s, d, cin, gr, gf, wr,
                        (c ? F_C | F_X : 0) | (wr ? 0 : zin));
                if (a == 0) {
                    RUN1("nbcd", d, cin, gr, gf);
                    diff = 0 - (int)b - (int)x;
                    c = diff < 0;
                    wr = to_bcd((u32)(diff + 100) % 100);
                    compare("nbcd", 0, d, cin, gr, gf, wr,
                            (c ? F_C | F_X : 0) | (wr ? 0 : zin));
                }
            }
    check_eq(&ck, "from_bcd", from_bcd(0x99), 99);
    return check_done(&ck);
}
