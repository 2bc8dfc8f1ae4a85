/* The 68881/68882's transcendental functions but the trigonometric ones
 * (FETOX FETOXM1 FTWOTOX FTENTOX FLOGN FLOGNP1 FLOG2 FLOG10 FSINH FCOSH
 * FTANH FATANH FATAN FASIN FACOS), our own code: each is computed in a
 * 128-bit-mantissa format (fq below) by argument reduction and series, then
 * rounded once to the FPCR's mode and precision with a sticky bit, so the
 * result is correctly rounded but for the rarest cases, and inexact
 * (INEX2) unless it is one of the exact special values.  Integer
 * arithmetic only, as the rest of the FPU: the same bits on every host.
 * FSIN FCOS FTAN FSINCOS are not done (they need a long reduction modulo
 * pi/2 for large arguments). */
#include <stdbool.h>

#include "m68k/fpu_float.h"
#include "m68k/fpu_u128.h"

/* value = (h:l) * 2^(e - 127), h's bit 63 set (or h = l = 0: zero). */
typedef struct fq {
    bool s;
    int32_t e;
    uint64_t h, l;
} fq;

static const fq FQ_LN2 = {false, -1, UINT64_C(0xb17217f7d1cf79ab), UINT64_C(0xc9e3b39803f2f6af)};
static const fq FQ_LN10 = {false, 1, UINT64_C(0x935d8dddaaa8ac16), UINT64_C(0xea56d62b82d30a28)};
static const fq FQ_PI_2 = {false, 0, UINT64_C(0xc90fdaa22168c234), UINT64_C(0xc4c6628b80dc1cd1)};
static const fq FQ_INV_LN2 = {false, 0, UINT64_C(0xb8aa3b295c17f0bb), UINT64_C(0xbe87fed0691d3e88)};

static bool fq_zero(fq a)
{
    return (a.h | a.l) == 0;
}

static fq fq_norm(bool s, int32_t e, uint64_t h, uint64_t l)
{
    fq r = {s, e, h, l};
    if ((h | l) == 0) {
        r.e = 0;
        return r;
    }
    int n = h ? clz64(h) : 64 + clz64(l);
    if (n >= 64) {
        r.h = l << (n - 64);
        r.l = 0;
    } else if (n) {
        r.h = h << n | l >> (64 - n);
        r.l = l << n;
    }
    r.e = e - n;
    return r;
}

static fq fq_from(fx80 a)
{
    return fq_norm(fx_sign(a), fx_exp(a) - 0x3FFF, a.m, 0);
}

static fq fq_int(int32_t v)
{
    uint64_t m = v < 0 ? (uint64_t)(-(int64_t)v) : (uint64_t)v;
    return fq_norm(v < 0, 127, 0, m);
}

static fq fq_neg(fq a)
{
    a.s = !a.s;
    return a;
}

static fq fq_scale(fq a, int32_t n) /* a * 2^n */
{
    if (!fq_zero(a))
        a.e += n;
    return a;
}

/* (h, l, g) >>= d, the bits shifted out ORed into g's bit 0. */
static void shr192(uint64_t *h, uint64_t *l, uint64_t *g, int32_t d)
{
    uint64_t sticky = 0;
    if (d >= 192) {
        sticky = *h | *l | *g;
        *h = *l = *g = 0;
    }
    while (d >= 64) {
        sticky |= *g;
        *g = *l;
        *l = *h;
        *h = 0;
        d -= 64;
    }
    if (d > 0) {
        sticky |= *g << (64 - d);
        *g = *g >> d | *l << (64 - d);
        *l = *l >> d | *h << (64 - d);
        *h >>= d;
    }
    *g |= sticky != 0;
}

static fq fq_add(fq a, fq b)
{
    if (fq_zero(a))
        return b;
    if (fq_zero(b))
        return a;
    if (a.e < b.e || (a.e == b.e && (a.h < b.h || (a.h == b.h && a.l < b.l)))) {
        fq t = a;
        a = b;
        b = t;
    }
    uint64_t bh = b.h, bl = b.l, bg = 0;
    shr192(&bh, &bl, &bg, a.e - b.e);
    uint64_t h, l, g;
    int32_t e = a.e;
    if (a.s == b.s) {
        g = bg;
        l = a.l + bl;
        uint64_t c = l < bl;
        h = a.h + bh + c;
        bool carry = h < a.h || (h == a.h && (bh | c) != 0);
        if (carry) {
            g = (g >> 1) | (l << 63) | (g & 1);
            l = l >> 1 | h << 63;
            h = h >> 1 | BIT63;
            e++;
        }
    } else {
        /* (a.h, a.l, 0) - (bh, bl, bg) */
        g = 0 - bg;
        uint64_t br = bg != 0;
        l = a.l - bl - br;
        br = a.l < bl || (a.l == bl && br);
        h = a.h - bh - br;
        if ((h | l | g) == 0)
            return fq_norm(false, 0, 0, 0);
        while (!(h >> 63)) {
            h = h << 1 | l >> 63;
            l = l << 1 | g >> 63;
            g <<= 1;
            e--;
        }
    }
    fq r = {a.s, e, h, l | (g != 0)};
    return r;
}

static fq fq_sub(fq a, fq b)
{
    return fq_add(a, fq_neg(b));
}

static fq fq_mul(fq a, fq b)
{
    if (fq_zero(a) || fq_zero(b))
        return fq_norm(a.s ^ b.s, 0, 0, 0);
    uint64_t hh_h, hh_l, hl_h, hl_l, lh_h, lh_l, ll_h, ll_l;
    mul64(a.h, b.h, &hh_h, &hh_l);
    mul64(a.h, b.l, &hl_h, &hl_l);
    mul64(a.l, b.h, &lh_h, &lh_l);
    mul64(a.l, b.l, &ll_h, &ll_l);
    (void)ll_l;
    /* 256-bit sum w3:w2:w1 (w0 only for the carry into w1) */
    uint64_t w1 = hl_l + lh_l;
    uint64_t c1 = w1 < hl_l;
    uint64_t t = w1 + ll_h;
    c1 += t < w1;
    w1 = t;
    uint64_t w2 = hh_l + hl_h;
    uint64_t c2 = w2 < hh_l;
    t = w2 + lh_h;
    c2 += t < w2;
    w2 = t;
    t = w2 + c1;
    c2 += t < w2;
    w2 = t;
    uint64_t w3 = hh_h + c2;
    return fq_norm(a.s ^ b.s, a.e + b.e + 1, w3, w2 | (w1 != 0));
}

static fq fq_div(fq a, fq b)
{
    /* q = floor(A * 2^127 / B) for the 128-bit mantissas A, B */
    uint64_t rh = a.h, rl = a.l, qh = 0, ql = 0;
    for (int i = 0; i < 128; i++) {
        bool carry = false;
        if (i) {
            carry = rh >> 63;
            rh = rh << 1 | rl >> 63;
            rl <<= 1;
        }
        qh = qh << 1 | ql >> 63;
        ql <<= 1;
        if (carry || rh > b.h || (rh == b.h && rl >= b.l)) {
            uint64_t nl = rl - b.l;
            rh = rh - b.h - (rl < b.l);
            rl = nl;
            ql |= 1;
        }
    }
    return fq_norm(a.s ^ b.s, a.e - b.e, qh, ql | ((rh | rl) != 0));
}

static fq fq_sqrt(fq a) /* a > 0 */
{
    /* a 64-bit first guess from the extended square root, then Newton */
    fx_env e = {FX_RN, FX_PX, 0, 0};
    int32_t ex = a.e;
    bool odd = ex & 1;
    fx80 x = fx_make((uint16_t)(0x3FFF + (odd ? 1 : 0)), a.h);
    fq y = fq_from(fx_sqrt(&e, FX_PX, x));
    fq am = a;
    am.e = odd ? 1 : 0;
    y = fq_scale(fq_add(y, fq_div(am, y)), -1);
    y = fq_scale(fq_add(y, fq_div(am, y)), -1);
    return fq_scale(y, (ex - (odd ? 1 : 0)) / 2);
}

/* Nearest integer to a (|a| < 2^30; halves away from zero). */
static int32_t fq_round_int(fq a)
{
    if (fq_zero(a) || a.e < -1)
        return 0;
    int32_t v = 1;
    if (a.e >= 0) {
        uint64_t ip = a.h >> (63 - a.e);
        ip += (a.h >> (62 - a.e)) & 1;
        v = (int32_t)ip;
    }
    return a.s ? -v : v;
}

/* e^r for small |r| (a few tenths): scale down, Taylor, square back. */
static fq fq_exp_small(fq r)
{
    const int sq = 12;
    fq x = fq_scale(r, -sq);
    fq one = fq_int(1), s = one;
    for (int n = 14; n >= 1; n--)
        s = fq_add(one, fq_div(fq_mul(x, s), fq_int(n)));
    for (int i = 0; i < sq; i++)
        s = fq_mul(s, s);
    return s;
}

/* e^x for |x| < 2^15 (the callers catch the rest). */
static fq fq_exp(fq x)
{
    int32_t k = fq_round_int(fq_mul(x, FQ_INV_LN2));
    fq r = fq_sub(x, fq_mul(fq_int(k), FQ_LN2));
    return fq_scale(fq_exp_small(r), k);
}

/* e^x - 1, accurate near 0. */
static fq fq_expm1(fq x)
{
    if (x.e < -2) {
        fq one = fq_int(1), s = one;
        for (int n = 40; n >= 2; n--)
            s = fq_add(one, fq_div(fq_mul(x, s), fq_int(n)));
        return fq_mul(x, s);
    }
    return fq_sub(fq_exp(x), fq_int(1));
}

/* 2 atanh(z) = 2 (z + z^3/3 + z^5/5 + ...), |z| < 0.2 or so. */
static fq fq_2atanh_series(fq z)
{
    fq z2 = fq_mul(z, z), s = fq_norm(false, 0, 0, 0), p = z;
    for (int n = 1; n < 200; n += 2) {
        fq t = fq_div(p, fq_int(n));
        s = fq_add(s, t);
        if (fq_zero(t) || (t.e < s.e - 135))
            break;
        p = fq_mul(p, z2);
    }
    return fq_scale(s, 1);
}

/* ln x for x > 0. */
static fq fq_log(fq x)
{
    int32_t k = x.e;
    fq m = x;
    m.e = 0; /* m in [1, 2) */
    /* to [sqrt(1/2), sqrt(2)) */
    if (m.h > UINT64_C(0xB504F333F9DE6484)) {
        m.e = -1;
        k++;
    }
    fq one = fq_int(1);
    fq z = fq_div(fq_sub(m, one), fq_add(m, one));
    fq l = fq_2atanh_series(z);
    return fq_add(fq_mul(fq_int(k), FQ_LN2), l);
}

/* ln(1 + x), accurate near 0; x > -1. */
static fq fq_log1p(fq x)
{
    if (x.e < -3) {
        fq z = fq_div(x, fq_add(fq_int(2), x));
        return fq_2atanh_series(z);
    }
    return fq_log(fq_add(fq_int(1), x));
}

/* atan x. */
static fq fq_atan(fq x)
{
    bool s = x.s;
    x.s = false;
    fq one = fq_int(1);
    bool inv = x.e >= 0 && !(x.e == 0 && x.h == BIT63 && x.l == 0);
    if (inv)
        x = fq_div(one, x);
    /* three halvings: atan a = 2 atan(a / (1 + sqrt(1 + a^2))) */
    for (int i = 0; i < 3; i++)
        x = fq_div(x, fq_add(one, fq_sqrt(fq_add(one, fq_mul(x, x)))));
    fq x2 = fq_mul(x, x), sum = fq_norm(false, 0, 0, 0), p = x;
    for (int n = 1; n < 200; n += 2) {
        fq t = fq_div(p, fq_int(n));
        sum = ((n >> 1) & 1) ? fq_sub(sum, t) : fq_add(sum, t);
        if (fq_zero(t) || t.e < sum.e - 135)
            break;
        p = fq_mul(p, x2);
    }
    sum = fq_scale(sum, 3);
    if (inv)
        sum = fq_sub(FQ_PI_2, sum);
    sum.s = s;
    return sum;
}

static fx80 done(fx_env *env, int prec, fq r)
{
    /* always inexact: a sticky bit below the 128 */
    return fx_round(env, prec, r.s, r.e + 0x3FFF, r.h, r.l | 1);
}

static fx80 fx_nan_operr(fx_env *env)
{
    env->flags |= FX_OPERR;
    return fx_default_nan();
}

static fx80 signed_inf(bool s)
{
    return fx_make(s ? 0xFFFF : 0x7FFF, 0);
}

static fx80 signed_zero(bool s)
{
    return fx_make(s ? 0x8000 : 0, 0);
}

static fx80 pi_2(fx_env *env, int prec, bool s)
{
    fq r = FQ_PI_2;
    r.s = s;
    return done(env, prec, r);
}

bool fx_trans(fx_env *env, int prec, unsigned opm, fx80 a, fx80 *res)
{
    bool s = fx_sign(a);
    if (fx_is_nan(a)) {
        *res = fx_quiet(env, a);
        return true;
    }
    bool inf = fx_is_inf(a), zero = a.m == 0 && !inf;
    fq x = zero || inf ? fq_norm(s, 0, 0, 0) : fq_from(a);
    /* |x| beyond every function's interesting range */
    bool huge = !zero && !inf && x.e >= 15;
    /* A denormal argument of a function that is x near 0: x itself,
     * rounded to the precision, inexact and underflowed (as the FPSP
     * gives it). */
    bool near_x = opm == 0x0A || opm == 0x0C || opm == 0x0D || opm == 0x02 || opm == 0x09 ||
                  opm == 0x06 || opm == 0x08;
    if (near_x && fx_exp(a) == 0 && a.m && !(a.m >> 63)) {
        *res = fx_round(env, prec, s, 0, a.m, 0);
        env->flags |= FX_INEX2 | FX_UNFL;
        return true;
    }
    /* Far enough below 1 those are x to well beyond the precision (odd
     * functions from 2^-40, ETOXM1 and FLOGNP1 from 2^-80): x, inexact (no
     * underflow of ours just under the least normal). */
    if (near_x && !zero && !inf && x.e < (opm == 0x06 || opm == 0x08 ? -80 : -40)) {
        *res = fx_round(env, prec, s, fx_exp(a), a.m, 0);
        env->flags |= FX_INEX2;
        return true;
    }
    switch (opm) {
    case 0x10: /* FETOX */
    case 0x11: /* FTWOTOX */
    case 0x12: /* FTENTOX */
        if (inf) {
            *res = s ? signed_zero(false) : a;
            return true;
        }
        if (zero) {
            *res = fx_from_int(1);
            return true;
        }
        if (huge) {
            *res = fx_round(env, prec, false, s ? -0x20000 : 0x20000, BIT63, 1);
            return true;
        }
        if (opm == 0x11) {
            int32_t n = fq_round_int(x);
            fq f = fq_sub(x, fq_int(n));
            if (fq_zero(f)) {
                /* 2^n: exact, but the FPSP reports it inexact */
                *res = fx_round(env, prec, false, n + 0x3FFF, BIT63, 0);
                env->flags |= FX_INEX2;
                return true;
            }
            *res = done(env, prec, fq_scale(fq_exp(fq_mul(f, FQ_LN2)), n));
            return true;
        }
        *res = done(env, prec, fq_exp(opm == 0x12 ? fq_mul(x, FQ_LN10) : x));
        return true;
    case 0x08: /* FETOXM1 */
        if (inf) {
            *res = s ? fx_from_int(-1) : a;
            return true;
        }
        if (zero) {
            *res = a;
            return true;
        }
        if (huge) {
            *res = s ? done(env, prec, fq_int(-1)) : fx_round(env, prec, false, 0x20000, BIT63, 1);
            return true;
        }
        *res = done(env, prec, fq_expm1(x));
        return true;
    case 0x14: /* FLOGN */
    case 0x16: /* FLOG2 */
    case 0x15: /* FLOG10 */
        if (zero) {
            env->flags |= FX_DZ;
            *res = signed_inf(true);
            return true;
        }
        if (s) {
            *res = fx_nan_operr(env);
            return true;
        }
        if (inf) {
            *res = a;
            return true;
        }
        if (x.h == BIT63 && x.l == 0 && x.e == 0) {
            *res = signed_zero(false); /* log 1 = +0, exact */
            return true;
        }
        {
            fq l = fq_log(x);
            if (opm == 0x16)
                l = fq_div(l, FQ_LN2);
            else if (opm == 0x15)
                l = fq_div(l, FQ_LN10);
            *res = done(env, prec, l);
        }
        return true;
    case 0x06: /* FLOGNP1 */
        if (zero) {
            *res = a;
            return true;
        }
        if (inf) {
            *res = s ? fx_nan_operr(env) : a;
            return true;
        }
        if (s && x.e >= 0) {
            if (x.e == 0 && x.h == BIT63 && x.l == 0) {
                env->flags |= FX_DZ;
                *res = signed_inf(true);
            } else {
                *res = fx_nan_operr(env);
            }
            return true;
        }
        *res = done(env, prec, fq_log1p(x));
        return true;
    case 0x02: /* FSINH */
    case 0x19: /* FCOSH */
        if (inf) {
            *res = opm == 0x19 ? signed_inf(false) : a;
            return true;
        }
        if (zero) {
            *res = opm == 0x19 ? fx_from_int(1) : a;
            return true;
        }
        if (huge) {
            *res = fx_round(env, prec, opm == 0x02 && s, 0x20000, BIT63, 1);
            return true;
        }
        {
            fq ax = x;
            ax.s = false;
            fq r;
            if (opm == 0x02 && ax.e < -1) {
                /* sinh via e^x - 1: (em1 + em1 / (em1 + 1)) / 2 */
                fq m = fq_expm1(ax);
                r = fq_scale(fq_add(m, fq_div(m, fq_add(m, fq_int(1)))), -1);
            } else {
                fq e = fq_exp(ax), ie = fq_div(fq_int(1), e);
                r = fq_scale(opm == 0x19 ? fq_add(e, ie) : fq_sub(e, ie), -1);
            }
            if (opm == 0x02)
                r.s = s;
            *res = done(env, prec, r);
        }
        return true;
    case 0x09: /* FTANH */
        if (inf) {
            *res = fx_from_int(s ? -1 : 1);
            return true;
        }
        if (zero) {
            *res = a;
            return true;
        }
        if (huge) {
            *res = done(env, prec, fq_int(s ? -1 : 1));
            return true;
        }
        {
            fq ax = x;
            ax.s = false;
            fq m = fq_expm1(fq_scale(ax, 1)); /* e^2|x| - 1 */
            fq r = fq_div(m, fq_add(m, fq_int(2)));
            r.s = s;
            *res = done(env, prec, r);
        }
        return true;
    case 0x0D: /* FATANH */
        if (zero) {
            *res = a;
            return true;
        }
        if (inf || x.e >= 0) {
            if (!inf && x.e == 0 && x.h == BIT63 && x.l == 0) {
                env->flags |= FX_DZ;
                *res = signed_inf(s);
            } else {
                *res = fx_nan_operr(env);
            }
            return true;
        }
        {
            /* atanh x = log1p(2x / (1 - x)) / 2 */
            fq ax = x;
            ax.s = false;
            fq r = fq_scale(fq_log1p(fq_div(fq_scale(ax, 1), fq_sub(fq_int(1), ax))), -1);
            r.s = s;
            *res = done(env, prec, r);
        }
        return true;
    case 0x0A: /* FATAN */
        if (zero) {
            *res = a;
            return true;
        }
        if (inf) {
            *res = pi_2(env, prec, s);
            return true;
        }
        *res = done(env, prec, fq_atan(x));
        return true;
    case 0x0C: /* FASIN */
    case 0x1C: /* FACOS */
        if (inf || (!zero && x.e >= 0 && !(x.e == 0 && x.h == BIT63 && x.l == 0))) {
            *res = fx_nan_operr(env);
            return true;
        }
        if (zero) {
            *res = opm == 0x0C ? a : pi_2(env, prec, false);
            return true;
        }
        {
            fq r;
            bool one = x.e == 0 && x.h == BIT63 && x.l == 0;
            if (one) {
                r = FQ_PI_2;
                r.s = s;
            } else {
                fq d = fq_sqrt(fq_sub(fq_int(1), fq_mul(x, x)));
                r = fq_atan(fq_div(x, d));
            }
            if (opm == 0x1C) {
                if (one && !s) {
                    *res = signed_zero(false);
                    return true;
                }
                r = fq_sub(FQ_PI_2, r);
            }
            *res = done(env, prec, r);
        }
        return true;
    default:
        return false;
    }
}
