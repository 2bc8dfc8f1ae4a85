/* Extended-precision soft-float for the FPU (see m68k/fpu_float.h).  All of
 * it is integer arithmetic on uint64_t halves: a 128-bit intermediate
 * (hi, lo) carries a full product or quotient and a sticky bit, and one
 * routine (fx_round) rounds every result to its precision and range. */
#include <stddef.h>

#include "m68k/fpu_float.h"
#include "m68k/fpu_u128.h"

#define QNAN_BIT UINT64_C(0x4000000000000000)

/* ---- unpacking ---- */

/* A finite nonzero operand as sign, normalised mantissa (bit 63 set) and
 * biased exponent that may go below 1 (denormals, unnormals). */
typedef struct unp {
    bool sign;
    int32_t exp;
    uint64_t m;
} unp;

static unp unpack(fx80 a)
{
    unp u;
    u.sign = fx_sign(a);
    u.exp = fx_exp(a); /* the 68881's denormals: exponent 0 is 2^-16383 */
    u.m = a.m;
    int n = clz64(u.m);
    u.m <<= n;
    u.exp -= n;
    return u;
}

static fx80 zero(bool sign)
{
    return fx_make((uint16_t)(sign ? 0x8000 : 0), 0);
}
static fx80 inf(bool sign)
{
    return fx_make((uint16_t)(sign ? 0xFFFF : 0x7FFF), 0);
}
static fx80 operr(fx_env *env)
{
    env->flags |= FX_OPERR;
    return fx_default_nan();
}

/* ---- rounding ---- */

static const int prec_bits[5] = {64, 24, 53, 24, 53};
static const int32_t prec_emin[5] = {0, 0x3FFF - 126, 0x3FFF - 1022, 0, 0};
static const int32_t prec_emax[5] = {0x7FFE, 0x3FFF + 127, 0x3FFF + 1023, 0x7FFE, 0x7FFE};

/* Round the magnitude (hi, lo) at the bit whose weight is hi's bit `lsbpos`
 * (0..63); returns true if the result must be incremented by that bit. */
static bool round_up(int rmode, bool sign, uint64_t hi, uint64_t lo, int lsbpos, bool *inexact)
{
    bool guard, sticky;
    if (lsbpos == 0) {
        guard = lo >> 63;
        sticky = (lo << 1) != 0;
    } else {
        uint64_t g = UINT64_C(1) << (lsbpos - 1);
        guard = (hi & g) != 0;
        sticky = (hi & (g - 1)) != 0 || lo != 0;
    }
    *inexact = guard || sticky;
    switch (rmode) {
    case FX_RN: return guard && (sticky || (hi >> lsbpos & 1));
    case FX_RZ: return false;
    case FX_RM: return sign && *inexact;
    default: return !sign && *inexact;
    }
}

fx80 fx_round(fx_env *env, int prec, bool sign, int32_t exp, uint64_t hi, uint64_t lo)
{
    if (prec < 0 || prec > 4)
        prec = FX_PX;
    if (hi == 0 && lo == 0)
        return zero(sign);
    int n = hi ? clz64(hi) : 64 + clz64(lo);
    shl128(&hi, &lo, n);
    exp -= n;

    int p = prec_bits[prec];
    int32_t emin = prec_emin[prec], emax = prec_emax[prec];
    bool tiny = exp < emin;
    if (tiny) {
        /* Denormalise, far enough that only sticky bits remain. */
        int32_t d = emin - exp;
        shr128_sticky(&hi, &lo, d > 130 ? 130 : (int)d);
        exp = emin;
    }
    int lsbpos = 64 - p;
    bool inexact;
    bool inc = round_up(env->rmode, sign, hi, lo, lsbpos, &inexact);
    if (lsbpos)
        hi &= ~((UINT64_C(1) << lsbpos) - 1);
    if (inc) {
        uint64_t old = hi;
        hi += UINT64_C(1) << lsbpos;
        if (hi < old) { /* carried out of bit 63 */
            hi = BIT63;
            exp++;
        }
    }
    if (exp > emax) {
        /* INEX2 only if the mantissa was rounded (AINEX comes from OVFL). */
        env->flags |= FX_OVFL | (inexact ? FX_INEX2 : 0);
        bool to_inf;
        switch (env->rmode) {
        case FX_RN: to_inf = true; break;
        case FX_RZ: to_inf = false; break;
        case FX_RM: to_inf = sign; break;
        default: to_inf = !sign; break;
        }
        if (to_inf)
            return inf(sign);
        /* The largest value: FSGLMUL/FSGLDIV give the extended one. */
        uint64_t maxm = prec == FX_PSGL ? ~UINT64_C(0) : ~UINT64_C(0) << lsbpos;
        return fx_make((uint16_t)((sign ? 0x8000 : 0) | emax), maxm);
    }
    if (inexact)
        env->flags |= FX_INEX2;
    if (tiny)
        env->flags |= FX_UNFL;
    if (!(hi & BIT63)) /* still denormal after rounding (or zero) */
        exp = emin;
    return fx_make((uint16_t)((sign ? 0x8000 : 0) | (uint32_t)exp), hi);
}

fx80 fx_quiet(fx_env *env, fx80 a)
{
    if (fx_is_snan(a))
        env->flags |= FX_SNAN;
    a.m |= QNAN_BIT;
    return a;
}

fx80 fx_propagate_nan(fx_env *env, fx80 dst, fx80 src)
{
    bool dn = fx_is_nan(dst), sn = fx_is_nan(src);
    if ((dn && fx_is_snan(dst)) || (sn && fx_is_snan(src)))
        env->flags |= FX_SNAN;
    fx80 r = dn ? dst : src;
    r.m |= QNAN_BIT;
    return r;
}

fx80 fx_round_to(fx_env *env, int prec, fx80 a)
{
    if (fx_is_nan(a))
        return fx_quiet(env, a);
    if (fx_is_inf(a))
        return a; /* as it is, integer bit and all */
    if (a.m == 0)
        return zero(fx_sign(a));
    unp u = unpack(a);
    return fx_round(env, prec, u.sign, u.exp, u.m, 0);
}

/* ---- add and subtract ---- */

static fx80 addsub(fx_env *env, int prec, fx80 a, fx80 b, bool negate_b)
{
    if (fx_is_nan(a) || fx_is_nan(b))
        return fx_propagate_nan(env, a, b);
    bool sa = fx_sign(a), sb = fx_sign(b) ^ negate_b;
    if (fx_is_inf(a) || fx_is_inf(b)) {
        if (fx_is_inf(a) && fx_is_inf(b) && sa != sb)
            return operr(env);
        /* The infinite operand itself (its integer bit kept). */
        fx80 r = fx_is_inf(a) ? a : b;
        r.se = (uint16_t)((fx_is_inf(a) ? sa : sb) ? 0xFFFF : 0x7FFF);
        return r;
    }
    bool za = a.m == 0, zb = b.m == 0;
    if (za && zb)
        return zero(sa == sb ? sa : env->rmode == FX_RM);
    if (za || zb) {
        fx80 x = za ? b : a;
        x.se = (uint16_t)((x.se & 0x7FFF) | ((za ? sb : sa) ? 0x8000 : 0));
        return fx_round_to(env, prec, x);
    }
    unp ua = unpack(a), ub = unpack(b);
    ua.sign = sa;
    ub.sign = sb;
    if (ua.exp < ub.exp || (ua.exp == ub.exp && ua.m < ub.m)) {
        unp t = ua;
        ua = ub;
        ub = t;
    }
    uint64_t ah = ua.m, al = 0, bh = ub.m, bl = 0;
    shr128_sticky(&bh, &bl, ua.exp - ub.exp > 130 ? 130 : (int)(ua.exp - ub.exp));
    int32_t exp = ua.exp;
    if (ua.sign == ub.sign) {
        uint64_t l = al + bl;
        uint64_t h = ah + bh + (l < al);
        bool carry = h < ah || (h == ah && l < al);
        if (carry) {
            shr128_sticky(&h, &l, 1);
            h |= BIT63;
            exp++;
        }
        return fx_round(env, prec, ua.sign, exp, h, l);
    }
    uint64_t l = al - bl;
    uint64_t h = ah - bh - (al < bl);
    if (h == 0 && l == 0)
        return zero(env->rmode == FX_RM);
    return fx_round(env, prec, ua.sign, exp, h, l);
}

fx80 fx_add(fx_env *env, int prec, fx80 dst, fx80 src)
{
    return addsub(env, prec, dst, src, false);
}
fx80 fx_sub(fx_env *env, int prec, fx80 dst, fx80 src)
{
    return addsub(env, prec, dst, src, true);
}

/* ---- multiply and divide ---- */

fx80 fx_mul(fx_env *env, int prec, fx80 a, fx80 b)
{
    if (fx_is_nan(a) || fx_is_nan(b))
        return fx_propagate_nan(env, a, b);
    bool s = fx_sign(a) ^ fx_sign(b);
    if (fx_is_inf(a) || fx_is_inf(b)) {
        if (fx_is_zero(a) || fx_is_zero(b))
            return operr(env);
        fx80 r = fx_is_inf(a) ? a : b; /* integer bit kept */
        r.se = s ? 0xFFFF : 0x7FFF;
        return r;
    }
    if (a.m == 0 || b.m == 0)
        return zero(s);
    unp ua = unpack(a), ub = unpack(b);
    uint64_t h, l;
    mul64(ua.m, ub.m, &h, &l);
    return fx_round(env, prec, s, ua.exp + ub.exp - FX_BIAS + 1, h, l);
}

/* ma / mb for normalised mantissas: a 128-bit quotient whose top bit has
 * weight 2^0, with the remainder's sticky bit in bit 0. */
static void div128(uint64_t ma, uint64_t mb, uint64_t *qh, uint64_t *ql)
{
#if defined(__SIZEOF_INT128__) && !defined(FX_NO_INT128)
    /* Two 128/64 steps: ma * 2^128 / mb = q1 * 2^64 + q2 + r2 / mb, with
     * q1 < 2^65; the quotient wanted is half of that. */
    unsigned __int128 n = (unsigned __int128)ma << 64;
    unsigned __int128 q1 = n / mb;
    uint64_t r1 = (uint64_t)(n % mb);
    unsigned __int128 n2 = (unsigned __int128)r1 << 64;
    uint64_t q2 = (uint64_t)(n2 / mb), r2 = (uint64_t)(n2 % mb);
    *qh = (uint64_t)(q1 >> 1);
    *ql = (uint64_t)q1 << 63 | q2 >> 1 | ((q2 & 1) | (r2 != 0));
    return;
#endif
    uint64_t r = ma, h = 0, l = 0;
    for (int i = 0; i < 128; i++) {
        bool carry = false;
        if (i) {
            carry = r >> 63;
            r <<= 1;
        }
        h = h << 1 | l >> 63;
        l <<= 1;
        if (carry || r >= mb) {
            r -= mb;
            l |= 1;
        }
    }
    *qh = h;
    *ql = l | (r != 0);
}

fx80 fx_div(fx_env *env, int prec, fx80 a, fx80 b)
{
    if (fx_is_nan(a) || fx_is_nan(b))
        return fx_propagate_nan(env, a, b);
    bool s = fx_sign(a) ^ fx_sign(b);
    if (fx_is_inf(a)) {
        if (fx_is_inf(b))
            return operr(env);
        a.se = s ? 0xFFFF : 0x7FFF; /* integer bit kept */
        return a;
    }
    if (fx_is_inf(b))
        return zero(s);
    if (b.m == 0) {
        if (a.m == 0)
            return operr(env);
        env->flags |= FX_DZ;
        return inf(s);
    }
    if (a.m == 0)
        return zero(s);
    unp ua = unpack(a), ub = unpack(b);
    uint64_t h, l;
    div128(ua.m, ub.m, &h, &l);
    return fx_round(env, prec, s, ua.exp - ub.exp + FX_BIAS, h, l);
}

/* FSGLMUL/FSGLDIV: the result rounded to 24 bits in the extended range
 * (FSGLMUL first cuts its operands' mantissas to 24 bits). */
static fx80 sgl_round(fx_env *env, bool s, int32_t exp, uint64_t h, uint64_t l)
{
    return fx_round(env, FX_PSGL, s, exp, h, l);
}

fx80 fx_sglmul(fx_env *env, fx80 a, fx80 b)
{
    if (fx_is_nan(a) || fx_is_nan(b) || fx_is_inf(a) || fx_is_inf(b) || a.m == 0 || b.m == 0)
        return fx_mul(env, FX_PX, a, b);
    unp ua = unpack(a), ub = unpack(b);
    uint64_t h, l, cut = ~((UINT64_C(1) << 40) - 1);
    mul64(ua.m & cut, ub.m & cut, &h, &l);
    return sgl_round(env, ua.sign ^ ub.sign, ua.exp + ub.exp - FX_BIAS + 1, h, l);
}

fx80 fx_sgldiv(fx_env *env, fx80 a, fx80 b)
{
    if (fx_is_nan(a) || fx_is_nan(b) || fx_is_inf(a) || fx_is_inf(b) || a.m == 0 || b.m == 0)
        return fx_div(env, FX_PX, a, b);
    unp ua = unpack(a), ub = unpack(b);
    uint64_t h, l;
    div128(ua.m, ub.m, &h, &l);
    return sgl_round(env, ua.sign ^ ub.sign, ua.exp - ub.exp + FX_BIAS, h, l);
}

/* ---- square root ---- */

fx80 fx_sqrt(fx_env *env, int prec, fx80 a)
{
    if (fx_is_nan(a))
        return fx_quiet(env, a);
    if (a.m == 0 && !fx_is_inf(a))
        return zero(fx_sign(a));
    if (fx_sign(a))
        return operr(env);
    if (fx_is_inf(a))
        return inf(false);
    unp u = unpack(a);
    int32_t e = u.exp - FX_BIAS - 63; /* value = m * 2^e */
    bool odd = (e & 1) != 0;
    /* Radicand window: m * 2^64, or m * 2^63 when e is odd. */
    uint64_t wh = odd ? u.m >> 1 : u.m, wl = odd ? u.m << 63 : 0;
    uint64_t rh = 0, rl = 0, qh = 0, ql = 0; /* remainder and root */
    for (int i = 0; i < 66; i++) {
        /* rem = rem << 2 | next two radicand bits */
        rh = rh << 2 | rl >> 62;
        rl = rl << 2 | wh >> 62;
        wh = wh << 2 | wl >> 62;
        wl <<= 2;
        /* t = root << 2 | 1 */
        uint64_t th = qh << 2 | ql >> 62, tl = ql << 2 | 1;
        bool ge = rh > th || (rh == th && rl >= tl);
        qh = qh << 1 | ql >> 63;
        ql <<= 1;
        if (ge) {
            uint64_t nl = rl - tl;
            rh = rh - th - (rl < tl);
            rl = nl;
            ql |= 1;
        }
    }
    ql |= (rh | rl) != 0;
    int32_t p = odd ? (e - 63) / 2 - 2 : e / 2 - 34; /* value = root * 2^p */
    return fx_round(env, prec, false, p + FX_BIAS + 127, qh, ql);
}

/* ---- integer parts, exponent and mantissa, scaling, remainders ---- */

fx80 fx_int(fx_env *env, int prec, fx80 a, int rmode)
{
    if (fx_is_nan(a))
        return fx_quiet(env, a);
    if (fx_is_inf(a) || a.m == 0)
        return fx_is_inf(a) ? inf(fx_sign(a)) : zero(fx_sign(a));
    unp u = unpack(a);
    int32_t frac = 63 - (u.exp - FX_BIAS); /* fraction bits in m */
    if (frac <= 0)
        return fx_round(env, prec, u.sign, u.exp, u.m, 0);
    uint64_t hi, lo;
    if (frac >= 64) {
        hi = 0;
        lo = u.m;
        if (frac > 64)
            shr128_sticky(&hi, &lo, (frac - 64) > 70 ? 70 : (int)(frac - 64));
    } else {
        hi = u.m >> frac;
        lo = u.m << (64 - frac);
    }
    bool inexact;
    bool inc = round_up(rmode, u.sign, hi, lo, 0, &inexact);
    hi += inc;
    if (inexact)
        env->flags |= FX_INEX2;
    if (hi == 0)
        return zero(u.sign);
    return fx_round(env, prec, u.sign, FX_BIAS + 63, hi, 0);
}

fx80 fx_from_int(int32_t v)
{
    if (v == 0)
        return zero(false);
    bool s = v < 0;
    uint64_t m = s ? (uint64_t)(-(int64_t)v) : (uint64_t)v;
    int n = clz64(m);
    return fx_make((uint16_t)((s ? 0x8000 : 0) | (FX_BIAS + 63 - n)), m << n);
}

fx80 fx_getexp(fx_env *env, fx80 a)
{
    if (fx_is_nan(a))
        return fx_quiet(env, a);
    if (fx_is_inf(a))
        return operr(env);
    if (a.m == 0)
        return a.se & 0x8000 ? zero(true) : zero(false);
    unp u = unpack(a);
    return fx_from_int(u.exp - FX_BIAS);
}

fx80 fx_getman(fx_env *env, fx80 a)
{
    if (fx_is_nan(a))
        return fx_quiet(env, a);
    if (fx_is_inf(a))
        return operr(env);
    if (a.m == 0)
        return zero(fx_sign(a));
    unp u = unpack(a);
    return fx_make((uint16_t)((u.sign ? 0x8000 : 0) | FX_BIAS), u.m);
}

fx80 fx_scale(fx_env *env, int prec, fx80 dst, fx80 src)
{
    if (fx_is_nan(dst) || fx_is_nan(src))
        return fx_propagate_nan(env, dst, src);
    if (fx_is_inf(src))
        return operr(env);
    if (fx_is_inf(dst))
        return inf(fx_sign(dst));
    if (dst.m == 0)
        return zero(fx_sign(dst));
    int32_t n;
    unp u = unpack(dst);
    if (src.m == 0) {
        n = 0;
    } else {
        unp s = unpack(src);
        int32_t e = s.exp - FX_BIAS;
        if (e >= 14) {
            /* |src| >= 2^14: as the FPSP does it, an overflow or an
             * underflow whatever the destination. */
            return fx_round(env, prec, u.sign, s.sign ? -0x10000 : 0x10000, u.m, s.sign);
        }
        n = e < 0 ? 0 : (int32_t)(s.m >> (63 - e));
        if (s.sign)
            n = -n;
    }
    return fx_round(env, prec, u.sign, u.exp + n, u.m, 0);
}

fx80 fx_rem(fx_env *env, int prec, fx80 a, fx80 b, bool ieee, uint8_t *quot)
{
    *quot = 0;
    if (fx_is_nan(a) || fx_is_nan(b))
        return fx_propagate_nan(env, a, b);
    bool qs = fx_sign(a) ^ fx_sign(b);
    if (fx_is_inf(a) || (b.m == 0 && !fx_is_inf(b)))
        return operr(env);
    if (a.m == 0) {
        *quot = (uint8_t)(qs << 7);
        return zero(fx_sign(a));
    }
    if (fx_is_inf(b)) {
        *quot = (uint8_t)(qs << 7);
        return fx_round_to(env, prec, a);
    }
    unp ua = unpack(a), ub = unpack(b);
    bool rs = ua.sign;
    uint32_t q = 0;
    uint64_t rh = 0, rl; /* remainder, in units of b's exponent (or a's) */
    int32_t rexp;
    if (ua.exp < ub.exp) {
        rl = ua.m;
        rexp = ua.exp;
        if (ieee && ua.exp == ub.exp - 1 && ua.m > ub.m) {
            /* |a| > |b| / 2: q = 1, r = |b| - |a| = (2 mb - ma) at a's exponent */
            uint64_t twob_h = ub.m >> 63, twob_l = ub.m << 1;
            rh = twob_h - (twob_l < ua.m);
            rl = twob_l - ua.m;
            q = 1;
            rs = !rs;
        }
    } else {
        uint64_t r = ua.m;
        for (int32_t i = 0; i <= ua.exp - ub.exp; i++) {
            bool carry = false;
            if (i) {
                carry = r >> 63;
                r <<= 1;
            }
            q <<= 1;
            if (carry || r >= ub.m) {
                r -= ub.m;
                q |= 1;
            }
        }
        rexp = ub.exp;
        rl = r;
        if (ieee) {
            /* Compare 2r with mb. */
            bool gt = (r >> 63) || (r << 1) > ub.m;
            bool eq = !(r >> 63) && (r << 1) == ub.m;
            if (gt || (eq && (q & 1))) {
                rl = ub.m - r;
                q++;
                rs = !rs;
            }
        }
    }
    *quot = (uint8_t)((qs ? 0x80 : 0) | (q & 0x7F));
    if (rh == 0 && rl == 0)
        return zero(ua.sign);
    /* (rh, rl) is an integer with weight 2^(rexp - bias - 63). */
    return fx_round(env, prec, rs, rexp + 64, rh, rl);
}

/* ---- compare and condition codes ---- */

unsigned fx_cc(fx80 a)
{
    unsigned cc = fx_sign(a) ? 8 : 0;
    if (fx_is_nan(a))
        cc |= 1;
    else if (fx_is_inf(a))
        cc |= 2;
    else if (a.m == 0)
        cc |= 4;
    return cc;
}

unsigned fx_cmp_cc(fx_env *env, fx80 a, fx80 b)
{
    if (fx_is_nan(a) || fx_is_nan(b)) {
        fx80 n = fx_propagate_nan(env, a, b);
        return (fx_sign(n) ? 8 : 0) | 1;
    }
    bool sa = fx_sign(a), sb = fx_sign(b);
    bool ia = fx_is_inf(a), ib = fx_is_inf(b);
    if (ia || ib) {
        if (ia && ib && sa == sb)
            return 4 | (sa ? 8 : 0);
        if (ia)
            return sa ? 8 : 0;
        return sb ? 0 : 8;
    }
    bool za = a.m == 0, zb = b.m == 0;
    if (za && zb)
        return 4 | (sa ? 8 : 0);
    /* The sign of a - b, from magnitudes. */
    int mag; /* |a| vs |b| */
    if (za)
        mag = -1;
    else if (zb)
        mag = 1;
    else {
        unp ua = unpack(a), ub = unpack(b);
        mag = ua.exp != ub.exp ? (ua.exp > ub.exp ? 1 : -1)
              : ua.m != ub.m   ? (ua.m > ub.m ? 1 : -1)
                               : 0;
    }
    if (sa != sb)
        return sa ? 8 : 0;
    if (mag == 0)
        return 4;
    bool neg = sa ? mag > 0 : mag < 0;
    return neg ? 8 : 0;
}

/* ---- conversions ---- */

static fx80 from_ieee(fx_env *env, bool s, uint32_t e, uint64_t f, int fbits, int ebias,
                      uint32_t emax)
{
    uint16_t sg = s ? 0x8000 : 0;
    if (e == emax) {
        if (f == 0)
            return inf(s);
        fx80 r = fx_make((uint16_t)(sg | 0x7FFF), f << (63 - fbits));
        return fx_quiet(env, r);
    }
    if (e == 0) {
        if (f == 0)
            return zero(s);
        int n = clz64(f);
        /* value = f * 2^(1 - ebias - fbits) */
        int32_t exp = 1 - ebias - fbits + FX_BIAS + 63 - n;
        return fx_make((uint16_t)(sg | (uint32_t)exp), f << n);
    }
    return fx_make((uint16_t)(sg | (e - (uint32_t)ebias + FX_BIAS)), BIT63 | f << (63 - fbits));
}

fx80 fx_from_single(fx_env *env, uint32_t v)
{
    return from_ieee(env, v >> 31, v >> 23 & 0xFF, v & 0x7FFFFF, 23, 127, 0xFF);
}

fx80 fx_from_double(fx_env *env, uint64_t v)
{
    return from_ieee(env, v >> 63, (uint32_t)(v >> 52) & 0x7FF, v & UINT64_C(0xFFFFFFFFFFFFF), 52,
                     1023, 0x7FF);
}

/* The rounded value in the single/double range, as (sign, biased exponent
 * field of the format, fraction); NaNs and infinities handled by callers. */
static uint64_t to_ieee(fx_env *env, fx80 a, int prec, int fbits, int ebias, uint32_t emax)
{
    uint64_t sg = (uint64_t)fx_sign(a) << (fbits + (prec == FX_PS ? 8 : 11));
    uint64_t fmask = (UINT64_C(1) << fbits) - 1;
    if (fx_is_nan(a)) {
        fx80 q = fx_quiet(env, a);
        return sg | (uint64_t)emax << fbits | ((q.m >> (63 - fbits)) & fmask);
    }
    if (fx_is_inf(a))
        return sg | (uint64_t)emax << fbits;
    if (a.m == 0)
        return sg;
    unp u = unpack(a);
    fx80 r = fx_round(env, prec, u.sign, u.exp, u.m, 0);
    if (fx_is_inf(r))
        return sg | (uint64_t)emax << fbits;
    if (r.m == 0)
        return sg;
    if (!(r.m & BIT63)) /* denormal in the format */
        return sg | r.m >> (63 - fbits);
    uint64_t e = (uint64_t)(fx_exp(r) - FX_BIAS + ebias);
    return sg | e << fbits | ((r.m >> (63 - fbits)) & fmask);
}

uint32_t fx_to_single(fx_env *env, fx80 a)
{
    return (uint32_t)to_ieee(env, a, FX_PS, 23, 127, 0xFF);
}

uint64_t fx_to_double(fx_env *env, fx80 a)
{
    return to_ieee(env, a, FX_PD, 52, 1023, 0x7FF);
}

int32_t fx_to_int(fx_env *env, fx80 a, int size)
{
    int32_t maxv = size == 1 ? 0x7F : size == 2 ? 0x7FFF : 0x7FFFFFFF;
    int32_t minv = -maxv - 1;
    if (fx_is_nan(a)) {
        /* A signalling NaN raises SNAN, a quiet one OPERR. */
        if (!fx_is_snan(a))
            env->flags |= FX_OPERR;
        fx80 q = fx_quiet(env, a);
        /* The NaN's top mantissa bits, as the 68881 stores them. */
        uint32_t bits = (uint32_t)(q.m >> (64 - 8 * size));
        return size == 1 ? (int32_t)(int8_t)bits : size == 2 ? (int32_t)(int16_t)bits : (int32_t)bits;
    }
    if (fx_is_inf(a)) {
        env->flags |= FX_OPERR;
        return fx_sign(a) ? minv : maxv;
    }
    if (a.m == 0)
        return 0;
    fx_env e2 = *env;
    e2.flags = 0;
    fx80 r = fx_int(&e2, FX_PX, a, env->rmode);
    unp u = unpack(r.m ? r : fx_make(0x3FFF, BIT63));
    int32_t e = u.exp - FX_BIAS;
    int64_t mag;
    if (r.m == 0)
        mag = 0;
    else if (e > 32)
        mag = INT64_C(1) << 40;
    else
        mag = (int64_t)(u.m >> (63 - e));
    int64_t v = u.sign ? -mag : mag;
    env->flags |= e2.flags & FX_INEX2;
    if (r.m != 0 && (v > maxv || v < minv)) {
        env->flags |= FX_OPERR;
        return fx_sign(a) ? minv : maxv;
    }
    return (int32_t)v;
}

/* ---- the constant ROM (FMOVECR) ---- */

/* Each constant as its value rounded to nearest in 64 bits and where the
 * ROM's longer value lies from it (-1 below, +1 above, 0 exact): from the
 * constants' expansions, except where the chip's ROM is known to differ
 * (e's and 10^2048's last bits, log10(e) exact), as Motorola's FMOVECR
 * vectors show. */
static const struct {
    uint8_t off;
    uint16_t se;
    uint64_t m;
    int8_t dir;
} rom[] = {
    {0x00, 0x4000, UINT64_C(0xc90fdaa22168c235), -1}, /* pi */
    {0x0b, 0x3ffd, UINT64_C(0x9a209a84fbcff799), -1}, /* log10(2) */
    {0x0c, 0x4000, UINT64_C(0xadf85458a2bb4a9a), 1},  /* e */
    {0x0d, 0x3fff, UINT64_C(0xb8aa3b295c17f0bc), -1}, /* log2(e) */
    {0x0e, 0x3ffd, UINT64_C(0xde5bd8a937287195), 0},  /* log10(e) */
    {0x30, 0x3ffe, UINT64_C(0xb17217f7d1cf79ac), -1}, /* ln(2) */
    {0x31, 0x4000, UINT64_C(0x935d8dddaaa8ac17), -1}, /* ln(10) */
    {0x32, 0x3fff, UINT64_C(0x8000000000000000), 0},  /* 10^0 */
    {0x33, 0x4002, UINT64_C(0xa000000000000000), 0},
    {0x34, 0x4005, UINT64_C(0xc800000000000000), 0},
    {0x35, 0x400c, UINT64_C(0x9c40000000000000), 0},
    {0x36, 0x4019, UINT64_C(0xbebc200000000000), 0},
    {0x37, 0x4034, UINT64_C(0x8e1bc9bf04000000), 0},  /* 10^16 */
    {0x38, 0x4069, UINT64_C(0x9dc5ada82b70b59e), -1},
    {0x39, 0x40d3, UINT64_C(0xc2781f49ffcfa6d5), 1},
    {0x3a, 0x41a8, UINT64_C(0x93ba47c980e98ce0), -1},
    {0x3b, 0x4351, UINT64_C(0xaa7eebfb9df9de8e), -1},
    {0x3c, 0x46a3, UINT64_C(0xe319a0aea60e91c7), -1},
    {0x3d, 0x4d48, UINT64_C(0xc976758681750c17), 1},
    {0x3e, 0x5a92, UINT64_C(0x9e8b3b5dc53d5de5), 1},
    {0x3f, 0x7525, UINT64_C(0xc46052028a20979b), -1}, /* 10^4096 */
};

fx80 fx_constant(fx_env *env, int prec, unsigned off)
{
    for (size_t i = 0; i < sizeof rom / sizeof rom[0]; i++) {
        if (rom[i].off != off)
            continue;
        uint64_t hi = rom[i].m, lo = 0;
        if (rom[i].dir < 0) {
            hi -= 1; /* just below the rounded value */
            lo = ~UINT64_C(0);
        } else if (rom[i].dir > 0) {
            lo = 1; /* just above */
        }
        /* The precision rounds the mantissa only: the extended range stays. */
        int p = prec == FX_PS ? FX_PSGL : prec == FX_PD ? FX_PDBL : FX_PX;
        return fx_round(env, p, false, rom[i].se, hi, lo);
    }
    return zero(false); /* offsets without a constant read as +0 */
}

fx80 fx_pow10_2n(int n, int rmode)
{
    for (size_t i = 0; i < sizeof rom / sizeof rom[0]; i++) {
        if (rom[i].off != 0x33 + n)
            continue;
        uint64_t m = rom[i].m;
        if ((rmode == FX_RM || rmode == FX_RZ) && rom[i].dir < 0)
            m -= 1;
        else if (rmode == FX_RP && rom[i].dir > 0)
            m += 1;
        return fx_make(rom[i].se, m);
    }
    return fx_make(0x3FFF, UINT64_C(1) << 63);
}
