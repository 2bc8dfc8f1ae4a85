/* MULU/MULS/DIVU/DIVS (word forms, the 68000's) against a C model, including
 * divide overflow (V set, destination unchanged), and the runtime's 32-bit
 * multiply/divide helpers against shift-and-add models. */
#include "flags.h"

static check ck = {"muldiv", 0, 0};

static void compare(const char *what, u32 s, u32 d, u32 gr, u32 gf, u32 wr, u32 wf, u32 fmask)
{
    if (gr == wr && (gf & fmask) == (wf & fmask)) {
        ck.passed++;
        return;
    }
    if (ck.failed++ < 12)
        printf("  %s src=%08x dst=%08x: got %08x/%02x want %08x/%02x\n", what, s, d, gr, gf, wr,
               wf);
}

static u32 nz32(u32 r)
{
    return (r == 0 ? F_Z : 0) | (r & 0x80000000 ? F_N : 0);
}

/* Unsigned magnitude arithmetic with shifts only: no helper involved. */
static u32 mul_model(u32 a, u32 b)
{
    u32 r = 0;
    for (; b; b >>= 1, a <<= 1)
        if (b & 1)
            r += a;
    return r;
}

static u32 udiv_model(u32 n, u32 d, u32 *rem)
{
    u32 q = 0, r = 0;
    for (int i = 31; i >= 0; i--) {
        r = (r << 1) | ((n >> i) & 1);
        if (r >= d) {
            r -= d;
            q |= 1u << i;
        }
    }
    *rem = r;
    return q;
}

static void test_word_forms(u32 s, u32 d, u32 ccr)
{
    u32 gr, gf, wr, x = ccr & F_X;
    /* MULU.W / MULS.W */
    RUN2("mulu.w", s, d, ccr, gr, gf);
    wr = mul_model(s & 0xFFFF, d & 0xFFFF);
    compare("mulu.w", s, d, gr, gf, wr, x | nz32(wr), 0x1F);
    RUN2("muls.w", s, d, ccr, gr, gf);
    {
        s32 a = (s16)s, b = (s16)d;
        u32 mag = mul_model((u32)(a < 0 ? -a : a), (u32)(b < 0 ? -b : b));
        wr = (a < 0) != (b < 0) ? -mag : mag;
    }
    compare("muls.w", s, d, gr, gf, wr, x | nz32(wr), 0x1F);
    if ((s & 0xFFFF) == 0)
        return;
    /* DIVU.W: quotient in the low word, remainder in the high word. */
    RUN2("divu.w", s, d, ccr, gr, gf);
    {
        u32 r, q = udiv_model(d, s & 0xFFFF, &r);
        if (q > 0xFFFF)
            compare("divu.w overflow", s, d, gr, gf, d, x | F_V, F_X | F_V | F_C);
        else
            compare("divu.w", s, d, gr, gf, r << 16 | q,
                    x | (q == 0 ? F_Z : 0) | (q & 0x8000 ? F_N : 0), 0x1F);
    }
    /* DIVS.W: truncating; the remainder takes the dividend's sign.  0x80000000 / -1
     * is tested in exc.c: qemu-m68k 7.2 computes it with a host division and dies
     * of SIGFPE. */
    if (d == 0x80000000 && (s & 0xFFFF) == 0xFFFF)
        return;
    RUN2("divs.w", s, d, ccr, gr, gf);
    {
        s32 dv = (s16)s;
        u32 nmag = (s32)d < 0 ? -d : d, dmag = (u32)(dv < 0 ? -dv : dv), r;
        u32 qmag = udiv_model(nmag, dmag, &r);
        int neg = ((s32)d < 0) != (dv < 0);
        if (qmag > (neg ? 0x8000u : 0x7FFFu))
            compare("divs.w overflow", s, d, gr, gf, d, x | F_V, F_X | F_V | F_C);
        else {
            u32 q = neg ? -qmag : qmag;
            r = (s32)d < 0 ? -r : r;
            compare("divs.w", s, d, gr, gf, (r & 0xFFFF) << 16 | (q & 0xFFFF),
                    x | ((q & 0xFFFF) == 0 ? F_Z : 0) | (q & 0x8000 ? F_N : 0), 0x1F);
        }
    }
}

/* The C runtime's helpers, through ordinary C operators. */
static void test_helpers(u32 a, u32 b)
{
    volatile u32 va = a, vb = b;
    u32 r;
    check_eq(&ck, "__mulsi3", va * vb, mul_model(a, b));
    if (b == 0)
        return;
    check_eq(&ck, "__udivsi3", va / vb, udiv_model(a, b, &r));
    check_eq(&ck, "__umodsi3", va % vb, r);
    s32 sa = (s32)a, sb = (s32)b;
    if (sa == (s32)0x80000000 && sb == -1)
        return; /* undefined in C */
    u32 qm = udiv_model(sa < 0 ? -a : a, sb < 0 ? -b : b, &r);
    volatile s32 vsa = sa, vsb = sb;
    check_eq(&ck, "__divsi3", (u32)(vsa / vsb), (sa < 0) != (sb < 0) ? -qm : qm);
    check_eq(&ck, "__modsi3", (u32)(vsa % vsb), sa < 0 ? -r : r);
}

int guest_main(int argc, char **argv)
{
    static const u32 edge[] = {0,      1,          2,          3,          7,
                               0x7FFF, 0x8000,     0xFFFF,     0x10000,    0x12345,
                               0xFFFE, 0x7FFFFFFF, 0x80000000, 0xFFFFFFFF, 0xFFFF8000,
                               10,     0x0001FFFF, 0x00008001, 0xFFFF0000, 0xFFFE0001};
    const unsigned n = sizeof edge / sizeof edge[0];
    for (unsigned i = 0; i < n; i++)
        for (unsigned j = 0; j < n; j++) {
            test_word_forms(edge[i], edge[j], (i + j) & 0x1F);
            test_helpers(edge[i], edge[j]);
        }
    u32 seed = 0x9E3779B9;
    int rounds = argc > 1 ? (int)atol(argv[1]) : 2000;
    for (int i = 0; i < rounds; i++) {
        u32 s = rnd_next(&seed), d = rnd_next(&seed);
        if (i & 1)
            s &= 0xFF; /* small divisors: mostly overflow-free */
        if (i & 2)
            d >>= (rnd_next(&seed) & 31);
        test_word_forms(s, d, rnd_next(&seed) & 0x1F);
        test_helpers(d, (i & 4) ? s : s >> (rnd_next(&seed) & 31));
    }
    /* Known values, independent of both models. */
    volatile u32 a = 123456789, b = 1000;
    check_eq(&ck, "123456789/1000", a / b, 123456);
    check_eq(&ck, "123456789%1000", a % b, 789);
    check_eq(&ck, "123456789*1000", a * b, 0xBE991A08);
    volatile s32 c = -7, e = 2;
    check_eq(&ck, "-7/2", (u32)(c / e), (u32)-3);
    check_eq(&ck, "-7%2", (u32)(c % e), (u32)-1);
    return check_done(&ck);
}
