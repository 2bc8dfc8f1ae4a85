/* Packed decimal real (the FPU's P format) to and from extended precision.
 *
 * The format, three longs: bit 95 the mantissa's sign, bit 94 the
 * exponent's, bits 91-80 three BCD exponent digits (bits 79-76 a fourth
 * digit that only conversions out write), bits 67-64 the integer digit and
 * bits 63-0 sixteen fraction digits.  Infinities and NaNs have all of bits
 * 94-80 set (a NaN with a nonzero mantissa, kept in the low 64 bits).
 *
 * The conversions are not exactly rounded on the chips: a 68040 leaves them
 * to its FPSP, whose algorithms (decbin and bindec, documented step by step
 * in Motorola's package) scale by powers of ten built from a 10^(2^n) table
 * in directed rounding modes.  Both directions here take the same steps
 * with the same roundings in our own extended arithmetic, so that the
 * digits and flags are the FPSP's: in, INEX1 when inexact; out, with
 * k-factor k > 0 for k significant digits (at most 17; more is OPERR) or
 * k <= 0 for -k digits after the point, INEX2 when inexact, OPERR for a
 * four-digit exponent. */
#include <stddef.h>

#include "m68k/fpu_float.h"

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
    /* 17 digits as an integer: the integer digit, then 16 of fraction. */
    uint64_t n = (uint64_t)bcd(p[0], 0);
    for (int i = 7; i >= 0; i--)
        n = n * 10 + (uint64_t)bcd(p[1], i);
    for (int i = 7; i >= 0; i--)
        n = n * 10 + (uint64_t)bcd(p[2], i);
    if (n == 0)
        return fx_make(sm ? 0x8000 : 0, 0);
    /* The exponent, less 16 for the fraction digits. */
    int e = bcd(p[0], 6) * 100 + bcd(p[0], 5) * 10 + bcd(p[0], 4);
    if (se)
        e = -e;
    e -= 16;
    /* As the 68040's FPSP converts (its decbin): beyond 10^27, where the
     * powers of ten are no longer exact, leading zero digits (positive
     * exponents) or trailing ones (negative) move into the exponent. */
    if (e > 27 || e < -27) {
        int count = 0;
        if (e > 0) {
            if (bcd(p[0], 0) == 0) {
                uint32_t w = p[1];
                count = 1;
                if (w == 0) {
                    count += 8;
                    w = p[2];
                }
                for (int i = 7; i >= 0 && bcd(w, i) == 0; i--)
                    count++;
            }
            e -= count;
            for (int i = 0; i < count; i++)
                n *= 10;
        } else {
            uint32_t w = p[2];
            if (w == 0) {
                count = 8;
                w = p[1];
            }
            for (int i = 0; i < 8 && bcd(w, i) == 0; i++)
                count++;
            e += count;
            for (int i = 0; i < count; i++)
                n /= 10;
        }
    }
    /* The power of ten from the 10^(2^i) table, in a rounding mode chosen
     * by the user's mode and the signs so that the error goes the user's
     * way; the final multiply or divide is rounded in that mode too. */
    bool eneg = e < 0;
    unsigned ae = (unsigned)(eneg ? -e : e);
    static const uint8_t rtable[4][4] = {
        {FX_RN, FX_RN, FX_RN, FX_RN}, /* RN */
        {FX_RM, FX_RP, FX_RM, FX_RP}, /* RZ */
        {FX_RM, FX_RP, FX_RP, FX_RM}, /* RM */
        {FX_RP, FX_RM, FX_RM, FX_RP}, /* RP */
    };
    fx_env pe = {rtable[env->rmode & 3][sm * 2 + eneg], FX_PX, 0, 0};
    int tab = pe.rmode == FX_RN ? FX_RN : pe.rmode == FX_RP ? FX_RP : FX_RM;
    fx80 f = fx_from_int(1);
    for (int i = 0; ae; i++, ae >>= 1)
        if (ae & 1)
            f = fx_mul(&pe, FX_PX, f, fx_pow10_2n(i, tab));
    /* n < 10^17 < 2^57: exact in extended. */
    int sh = 0;
    while (!(n >> (63 - sh)))
        sh++;
    fx80 m = fx_make((uint16_t)((sm ? 0x8000 : 0) | (0x3FFF + 63 - sh)), n << sh);
    fx80 r = eneg ? fx_div(&pe, FX_PX, m, f) : fx_mul(&pe, FX_PX, m, f);
    /* An inexact conversion is INEX1. */
    env->flags |= (pe.flags & ~(unsigned)FX_INEX2) | (pe.flags & FX_INEX2 ? FX_INEX1 : 0);
    return r;
}

/* ---- out ---- */

/* 10^n for 0 <= n < 8192 from the 10^(2^i) table in rounding mode `tab`,
 * each product rounded in env's mode (extended). */
static fx80 pow10_table(fx_env *env, unsigned n, int tab)
{
    fx80 f = fx_from_int(1);
    for (int i = 0; n; i++, n >>= 1)
        if (n & 1)
            f = fx_mul(env, FX_PX, f, fx_pow10_2n(i, tab));
    return f;
}

/* A nonnegative integral extended value (< 2^64) as an integer. */
static uint64_t to_u64(fx80 a)
{
    if (a.m == 0)
        return 0;
    int e = fx_exp(a) - FX_BIAS;
    return e >= 63 ? a.m : a.m >> (63 - e);
}

static bool fx_less(fx80 a, fx80 b) /* both finite, nonnegative */
{
    fx_env e = {FX_RN, FX_PX, 0, 0};
    return (fx_cmp_cc(&e, a, b) & 8) != 0;
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
    /* The steps of the 68040 FPSP's bindec (its documented algorithm),
     * with the same roundings, so that the digits are the FPSP's. */
    fx80 x = fx_make(a.se & 0x7FFF, a.m); /* |a| */
    /* Unnormals and denormals: normalised, the "denormal" path when the
     * exponent does not stay above 0. */
    int32_t ne = fx_exp(x);
    uint64_t nm = x.m;
    bool denorm = false;
    if (!(nm >> 63)) {
        do {
            ne--;
            nm <<= 1;
        } while (!(nm >> 63));
        denorm = ne <= 0;
        if (!denorm)
            x = fx_make((uint16_t)ne, nm);
    }
    /* ILOG = floor(log10 |x|), from (e + 0.f) * log10(2) in RM. */
    int ilog;
    if (denorm) {
        ilog = -4933;
    } else {
        fx_env rm = {FX_RM, FX_PX, 0, 0};
        fx80 t = fx_make(0x3FFF, x.m); /* 1.f */
        t = fx_add(&rm, FX_PX, t, fx_from_int(fx_exp(x) - FX_BIAS));
        t = fx_sub(&rm, FX_PX, t, fx_from_int(1));
        uint64_t l2 = fx_sign(t) ? UINT64_C(0x9A209A84FBCFF799) : UINT64_C(0x9A209A84FBCFF798);
        t = fx_mul(&rm, FX_PX, t, fx_make(0x3FFD, l2));
        ilog = fx_to_int(&rm, t, 4);
    }
    bool retried = false;
    int len;
    fx80 yint;
    int tab = FX_RN;
    for (;;) {
        /* LEN: k digits, or -k after the point. */
        len = k > 0 ? k : ilog + 1 - k;
        if (len <= 0) {
            len = 1;
        } else if (len > 17) {
            len = 17;
            if (k > 0)
                env->flags |= FX_OPERR;
        }
        if (k <= 0 && ilog < k)
            ilog = k;
        /* SCALE = 10^|ISCALE| in a mode chosen from the user's mode, the
         * sign of ISCALE and the sign of x. */
        int iscale = ilog + 1 - len;
        bool lambda = iscale < 0, extra24 = false;
        if (lambda && iscale <= -4908) {
            iscale += 24;
            extra24 = true;
        }
        unsigned ai = (unsigned)(iscale < 0 ? -iscale : iscale);
        static const uint8_t rbd[4][4] = {
            {FX_RN, FX_RN, FX_RN, FX_RN},
            {FX_RP, FX_RP, FX_RM, FX_RM},
            {FX_RP, FX_RM, FX_RM, FX_RP},
            {FX_RM, FX_RP, FX_RP, FX_RM},
        };
        fx_env pe = {rbd[env->rmode & 3][lambda * 2 + sm], FX_PX, 0, 0};
        tab = pe.rmode == FX_RN ? FX_RN : pe.rmode == FX_RP ? FX_RP : FX_RM;
        fx80 scale = pow10_table(&pe, ai, tab);
        /* Y = |x| scaled, in RZ; a rounding error is kept as a sticky lsb. */
        fx_env rz = {FX_RZ, FX_PX, 0, 0};
        fx80 y = denorm ? fx_make(a.se & 0x7FFF, a.m) : x;
        if (!lambda) {
            y = fx_div(&rz, FX_PX, y, scale);
        } else {
            if (extra24) {
                y = fx_mul(&rz, FX_PX, y, fx_pow10_2n(3, tab));
                y = fx_mul(&rz, FX_PX, y, fx_pow10_2n(4, tab));
            }
            y = fx_mul(&rz, FX_PX, y, scale);
        }
        if (rz.flags & FX_INEX2)
            y.m |= 1;
        /* YINT = FINT(Y) in the user's mode, with x's sign. */
        if (sm)
            y.se |= 0x8000;
        fx_env ue = {env->rmode, FX_PX, 0, 0};
        yint = fx_int(&ue, FX_PX, y, env->rmode);
        yint.se &= 0x7FFF;
        fx_env dummy = {FX_RN, FX_PX, 0, 0};
        if (!retried) {
            retried = true;
            fx80 p1 = pow10_table(&dummy, (unsigned)(len - 1), tab);
            if (!denorm && fx_less(yint, p1)) {
                ilog--;
                continue;
            }
            fx80 p2 = pow10_table(&dummy, (unsigned)len, tab);
            if (fx_less(yint, p2)) {
                env->flags |= ue.flags & FX_INEX2;
                break;
            }
            if (fx_less(p2, yint)) {
                ilog++;
                continue;
            }
            yint = fx_div(&dummy, FX_PX, yint, fx_from_int(10));
            ilog++;
            env->flags |= ue.flags & FX_INEX2;
            break;
        }
        fx80 p2 = pow10_table(&dummy, (unsigned)len, tab);
        fx_env cmp = {FX_RN, FX_PX, 0, 0};
        if (fx_cmp_cc(&cmp, yint, p2) & 4) {
            yint = fx_div(&dummy, FX_PX, yint, fx_from_int(10));
            ilog++;
            len++;
        }
        env->flags |= ue.flags & FX_INEX2;
        break;
    }
    /* The digits, left-justified in 17 places. */
    uint64_t y = to_u64(yint);
    if (len > 17)
        len = 17;
    uint8_t d[17] = {0};
    for (int i = len - 1; i >= 0; i--) {
        d[i] = (uint8_t)(y % 10);
        y /= 10;
    }
    /* The exponent: |ILOG|, but 1 for a zero result (4933, or |ILOG| for a
     * negative k, when the input was denormal). */
    int ex;
    if (yint.m == 0)
        ex = denorm ? (k < 0 ? (ilog < 0 ? -ilog : ilog) : 4933) : 1;
    else
        ex = ilog < 0 ? -ilog : ilog;
    if (ex > 999)
        env->flags |= FX_OPERR; /* a fourth exponent digit */
    p[0] = (sm ? 0x80000000u : 0) | (ilog < 0 ? 0x40000000u : 0) |
           (uint32_t)(ex / 100 % 10) << 24 | (uint32_t)(ex / 10 % 10) << 20 |
           (uint32_t)(ex % 10) << 16 | (uint32_t)(ex / 1000 % 10) << 12 | d[0];
    for (int i = 0; i < 8; i++) {
        p[1] = p[1] << 4 | d[1 + i];
        p[2] = p[2] << 4 | d[9 + i];
    }
}
