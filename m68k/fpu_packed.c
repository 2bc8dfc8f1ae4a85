/* Packed decimal real (the FPU's P format) to and from extended precision,
 * with exact big-integer arithmetic.
 *
 * The format, three longs: bit 95 the mantissa's sign, bit 94 the
 * exponent's, bits 91-80 three BCD exponent digits (bits 79-76 a fourth
 * digit that only conversions out write), bits 67-64 the integer digit and
 * bits 63-0 sixteen fraction digits.  Infinities and NaNs have all of bits
 * 94-80 set (a NaN with a nonzero mantissa, kept in the low 64 bits).
 *
 * In: the 17-digit mantissa times the power of ten, rounded to extended in
 * the FPCR mode (INEX1 when inexact); the caller then rounds to the
 * operation's precision.  Out: with k-factor k, k > 0 asks for k significant
 * digits (at most 17; more is OPERR), k <= 0 for -k digits after the point;
 * the digit string is |X| * 10^-ISCALE rounded to an integer in the FPCR mode
 * (INEX2 when inexact), ISCALE = ILOG + 1 - LEN with ILOG = floor(log10 |X|). */
#include <stddef.h>
#include <string.h>

#include "m68k/fpu_float.h"

/* Big unsigned integers: enough 32-bit words for 2^16600 (the largest
 * numerator or denominator below: |x| * 10^p as a fraction). */
#define BN_WORDS 600

typedef struct bn {
    int n; /* words in use (w[n-1] != 0, or n == 0) */
    uint32_t w[BN_WORDS];
} bn;

static void bn_trim(bn *a)
{
    while (a->n > 0 && a->w[a->n - 1] == 0)
        a->n--;
}

static void bn_set64(bn *a, uint64_t v)
{
    a->w[0] = (uint32_t)v;
    a->w[1] = (uint32_t)(v >> 32);
    a->n = 2;
    bn_trim(a);
}

static void bn_mul_small(bn *a, uint32_t k)
{
    uint64_t carry = 0;
    for (int i = 0; i < a->n; i++) {
        uint64_t t = (uint64_t)a->w[i] * k + carry;
        a->w[i] = (uint32_t)t;
        carry = t >> 32;
    }
    if (carry && a->n < BN_WORDS)
        a->w[a->n++] = (uint32_t)carry;
}

static void bn_mul_pow10(bn *a, int p)
{
    static const uint32_t p10[10] = {1, 10, 100, 1000, 10000, 100000, 1000000, 10000000,
                                     100000000, 1000000000};
    for (; p >= 9; p -= 9)
        bn_mul_small(a, p10[9]);
    if (p > 0)
        bn_mul_small(a, p10[p]);
}

static void bn_shl(bn *a, int bits)
{
    if (a->n == 0 || bits <= 0)
        return;
    int words = bits / 32, b = bits % 32;
    int n = a->n + words + 1;
    if (n > BN_WORDS)
        n = BN_WORDS;
    for (int i = n - 1; i >= 0; i--) {
        int s = i - words;
        uint32_t hi = s >= 0 && s < a->n ? a->w[s] : 0;
        uint32_t lo = s - 1 >= 0 && s - 1 < a->n ? a->w[s - 1] : 0;
        a->w[i] = b ? (hi << b | lo >> (32 - b)) : hi;
    }
    a->n = n;
    bn_trim(a);
}

static void bn_shr1(bn *a)
{
    for (int i = 0; i < a->n; i++)
        a->w[i] = a->w[i] >> 1 | (i + 1 < a->n ? a->w[i + 1] << 31 : 0);
    bn_trim(a);
}

static int bn_bits(const bn *a)
{
    if (a->n == 0)
        return 0;
    int b = 32 * (a->n - 1);
    for (uint32_t t = a->w[a->n - 1]; t; t >>= 1)
        b++;
    return b;
}

static int bn_cmp(const bn *a, const bn *b)
{
    if (a->n != b->n)
        return a->n > b->n ? 1 : -1;
    for (int i = a->n - 1; i >= 0; i--)
        if (a->w[i] != b->w[i])
            return a->w[i] > b->w[i] ? 1 : -1;
    return 0;
}

static void bn_sub(bn *a, const bn *b) /* a -= b, a >= b */
{
    uint64_t borrow = 0;
    for (int i = 0; i < a->n; i++) {
        uint64_t t = (uint64_t)a->w[i] - (i < b->n ? b->w[i] : 0) - borrow;
        a->w[i] = (uint32_t)t;
        borrow = (t >> 63) & 1;
    }
    bn_trim(a);
}

/* Bits [pos, pos + 64) of a. */
static uint64_t bn_get64(const bn *a, int pos)
{
    uint64_t v = 0;
    for (int i = 63; i >= 0; i--) {
        int p = pos + i;
        uint32_t bit = p >= 0 && p / 32 < a->n ? a->w[p / 32] >> (p % 32) & 1 : 0;
        v = v << 1 | bit;
    }
    return v;
}

/* Any bit below pos set? */
static bool bn_any_below(const bn *a, int pos)
{
    for (int i = 0; i < a->n && 32 * i < pos; i++) {
        uint32_t w = a->w[i];
        if (32 * i + 32 > pos)
            w &= (1u << (pos - 32 * i)) - 1;
        if (w)
            return true;
    }
    return false;
}

/* q = floor(num / den) where q < 2^qbits (qbits <= 127); num becomes the
 * remainder.  den is destroyed. */
static void bn_divq(bn *num, bn *den, int qbits, uint64_t *qh, uint64_t *ql)
{
    uint64_t h = 0, l = 0;
    bn_shl(den, qbits - 1);
    for (int i = qbits - 1; i >= 0; i--) {
        h = h << 1 | l >> 63;
        l <<= 1;
        if (bn_cmp(num, den) >= 0) {
            bn_sub(num, den);
            l |= 1;
        }
        bn_shr1(den);
    }
    *qh = h;
    *ql = l;
}

/* ---- in ---- */

static int bcd(uint32_t v, int digit)
{
    return (int)(v >> (4 * digit) & 15);
}

fx80 fx_from_packed(fx_env *env, const uint32_t p[3])
{
    bool sm = p[0] >> 31, se = p[0] >> 30 & 1;
    if ((p[0] & 0x7FFF0000u) == 0x7FFF0000u) {
        uint64_t m = (uint64_t)p[1] << 32 | p[2];
        fx80 r = fx_make((uint16_t)(sm ? 0xFFFF : 0x7FFF), m);
        return m ? fx_quiet(env, r) : r;
    }
    /* 17 digits: the integer digit, then 16 of fraction. */
    uint64_t n = (uint64_t)bcd(p[0], 0);
    for (int i = 7; i >= 0; i--)
        n = n * 10 + (uint64_t)bcd(p[1], i);
    for (int i = 7; i >= 0; i--)
        n = n * 10 + (uint64_t)bcd(p[2], i);
    if (n == 0)
        return fx_make(sm ? 0x8000 : 0, 0);
    int e = bcd(p[0], 6) * 100 + bcd(p[0], 5) * 10 + bcd(p[0], 4);
    if (se)
        e = -e;
    e -= 16; /* value = n * 10^e */
    bn a, b;
    bn_set64(&a, n);
    uint64_t hi, lo;
    int32_t exp;
    if (e >= 0) {
        bn_mul_pow10(&a, e);
        int bits = bn_bits(&a);
        hi = bn_get64(&a, bits - 64);
        lo = bn_get64(&a, bits - 128);
        if (bn_any_below(&a, bits - 128))
            lo |= 1;
        exp = bits + FX_BIAS - 1;
    } else {
        bn_set64(&b, 1);
        bn_mul_pow10(&b, -e);
        int s = bn_bits(&b) - bn_bits(&a) + 68;
        bn_shl(&a, s);
        int qbits = bn_bits(&a) - bn_bits(&b) + 1;
        bn_divq(&a, &b, qbits, &hi, &lo);
        if (a.n)
            lo |= 1;
        exp = FX_BIAS + 127 - s;
    }
    fx_env e2 = *env;
    e2.flags = 0;
    fx80 r = fx_round(&e2, FX_PX, sm, exp, hi, lo);
    /* Inexact conversion is INEX1; range problems show as usual. */
    env->flags |= (e2.flags & ~(unsigned)FX_INEX2) | (e2.flags & FX_INEX2 ? FX_INEX1 : 0);
    return r;
}

/* ---- out ---- */

/* round(|x| * 10^p) as an integer (< 2^64 assumed), in rmode; *inexact. */
static uint64_t scaled_int(fx80 x, int p, int rmode, bool *inexact)
{
    bn num, den, d2;
    int32_t e2 = fx_exp(x) - FX_BIAS - 63; /* |x| = m * 2^e2 */
    bool sign = fx_sign(x);
    bn_set64(&num, x.m);
    bn_set64(&den, 1);
    if (e2 > 0)
        bn_shl(&num, e2);
    else
        bn_shl(&den, -e2);
    if (p > 0)
        bn_mul_pow10(&num, p);
    else
        bn_mul_pow10(&den, -p);
    int qbits = bn_bits(&num) - bn_bits(&den) + 1;
    if (qbits < 1)
        qbits = 1;
    if (qbits > 66)
        qbits = 66; /* caller keeps the digits below 10^18 */
    d2 = den;
    uint64_t qh, q;
    bn_divq(&num, &d2, qbits, &qh, &q);
    /* remainder in num, compare 2 * rem with den for the rounding */
    bool sticky = num.n != 0;
    bn_shl(&num, 1);
    int c = bn_cmp(&num, &den);
    *inexact = sticky;
    bool up = false;
    switch (rmode) {
    case FX_RN: up = c > 0 || (c == 0 && (q & 1)); break;
    case FX_RZ: break;
    case FX_RM: up = sticky && sign; break;
    default: up = sticky && !sign; break;
    }
    return q + up;
}

static uint64_t pow10u(int n)
{
    uint64_t v = 1;
    while (n-- > 0)
        v *= 10;
    return v;
}

void fx_to_packed(fx_env *env, fx80 a, int k, uint32_t p[3])
{
    bool sm = fx_sign(a);
    p[0] = p[1] = p[2] = 0;
    if (fx_exp(a) == 0x7FFF) {
        uint64_t m = a.m;
        if (fx_is_nan(a)) {
            if (fx_is_snan(a))
                env->flags |= FX_SNAN;
            m |= UINT64_C(0x4000000000000000);
        }
        p[0] = (sm ? 0x80000000u : 0) | 0x7FFF0000u;
        p[1] = (uint32_t)(m >> 32);
        p[2] = (uint32_t)m;
        return;
    }
    if (a.m == 0) {
        p[0] = sm ? 0x80000000u : 0;
        return;
    }
    if (k > 17) {
        env->flags |= FX_OPERR;
        k = 17;
    }
    bool denormal = !(a.m >> 63); /* denormal or unnormal (the FPSP's other path) */
    /* Normalise unnormals first (the value is unchanged). */
    a = fx_round_to(&(fx_env){FX_RZ, FX_PX, 0, 0}, FX_PX, a);
    /* ILOG = floor(log10 |a|): estimate from the binary exponent, then fix. */
    int32_t e = fx_exp(a) - FX_BIAS;
    int msb = 63;
    while (!(a.m >> msb & 1))
        msb--;
    e -= 63 - msb; /* |a| in [2^e, 2^(e+1)) */
    int ilog = (int)((e * 30103L) / 100000L) - (e < 0 ? 1 : 0);
    for (;;) {
        /* |a| >= 10^ilog and |a| < 10^(ilog+1)? */
        bool inex;
        uint64_t t = scaled_int(a, -ilog, FX_RZ, &inex); /* floor(|a| / 10^ilog) */
        if (t == 0) {
            ilog--;
            continue;
        }
        if (t >= 10) {
            ilog++;
            continue;
        }
        break;
    }
    if (ilog < -4933)
        ilog = -4933; /* the FPSP's least exponent: smaller values get leading zeros */
    int len;
    if (k > 0)
        len = k;
    else {
        len = ilog + 1 - k;
        if (len > 17)
            len = 17;
        if (len < 1) {
            /* Nothing left of the digits asked for: round at 10^k. */
            len = 1;
            ilog = k;
        }
    }
    bool inexact;
    int iscale = ilog + 1 - len;
    uint64_t y = scaled_int(a, -iscale, env->rmode, &inexact);
    if (y >= pow10u(len)) {
        /* Rounding carried into a new digit. */
        ilog++;
        if (k <= 0 && len < 17)
            len++;
        iscale = ilog + 1 - len;
        y = scaled_int(a, -iscale, env->rmode, &inexact);
    }
    if (inexact)
        env->flags |= FX_INEX2;
    if (y == 0 && !denormal)
        ilog = -1; /* the FPSP writes a rounded-away normal value as 0E-1 */
    /* The digits: y has len digits; left-justify to 17. */
    y *= pow10u(17 - len);
    uint8_t d[17];
    for (int i = 16; i >= 0; i--) {
        d[i] = (uint8_t)(y % 10);
        y /= 10;
    }
    int ex = ilog < 0 ? -ilog : ilog;
    if (ex > 999) /* a fourth exponent digit: OPERR, the digit in bits 79-76 */
        env->flags |= FX_OPERR;
    p[0] = (sm ? 0x80000000u : 0) | (ilog < 0 ? 0x40000000u : 0) |
           (uint32_t)(ex / 100 % 10) << 24 | (uint32_t)(ex / 10 % 10) << 20 |
           (uint32_t)(ex % 10) << 16 | (uint32_t)(ex / 1000 % 10) << 12 | d[0];
    for (int i = 0; i < 8; i++) {
        p[1] = p[1] << 4 | d[1 + i];
        p[2] = p[2] << 4 | d[9 + i];
    }
}
