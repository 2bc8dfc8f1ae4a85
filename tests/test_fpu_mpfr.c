/* The FPU's soft-float (m68k/fpu_float.c) against GNU MPFR as an oracle:
 * random operands (zeros, infinities, denormals, the edges of the extended,
 * double and single ranges, and plain values) through add, sub, mul, div and
 * sqrt in every rounding mode and precision, and the conversions to single,
 * double and integers; the result's value and sign and the flags INEX2,
 * UNFL, OVFL, OPERR and DZ must agree.
 *
 * The 68881's rules, as the reference is built: results are rounded to the
 * precision's mantissa in its exponent range with denormals (MPFR's
 * subnormalize; for extended the least normal is 2^-16383, exponent 0 with
 * the integer bit set, and denormals go down to 2^-16446); UNFL means tiny
 * before rounding, exact or not; on overflow INEX2 only if the mantissa was
 * rounded.  NaN operands are left to the FPSP vectors (68881 NaN rules).
 * The transcendentals are then checked in round-to-nearest against MPFR's
 * correctly rounded values (a tenth as many arguments).
 * FPU_MPFR_COUNT sets the number of operations (default 1,000,000). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "m68k/fpu_float.h"
#include "tests/tap.h"

#if !HAVE_MPFR
int main(void)
{
    return tap_skip_all("GNU MPFR not found at configure time (install libmpfr-dev)");
}
#else
#include <mpfr.h>

static uint64_t rng = UINT64_C(0x9E3779B97F4A7C15);
static uint64_t rnd64(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

/* A random operand of an interesting class (no NaNs). */
static fx80 operand(void)
{
    uint64_t r = rnd64();
    uint16_t sign = (r & 1) ? 0x8000 : 0;
    uint64_t m = rnd64();
    switch ((r >> 1) % 16) {
    case 0: return fx_make(sign, 0);
    case 1: return fx_make(sign | 0x7FFF, 0);
    case 2: return fx_make(sign, m >> (rnd64() % 64)); /* denormal */
    case 3: m |= UINT64_C(1) << 63; return fx_make((uint16_t)(sign | (rnd64() % 64)), m); /* near 0 */
    case 4: m |= UINT64_C(1) << 63; return fx_make((uint16_t)(sign | (0x7FFE - rnd64() % 64)), m);
    case 5: /* near the single range's edges */
    case 6: {
        static const uint16_t edges[] = {0x3F81, 0x407E, 0x3C01, 0x43FE, 0x3F81 - 24, 0x3C01 - 53};
        int32_t e = edges[rnd64() % 6] + (int32_t)(rnd64() % 9) - 4;
        m |= UINT64_C(1) << 63;
        return fx_make((uint16_t)(sign | (uint32_t)e), m);
    }
    case 7: /* few mantissa bits: exact cases and ties */
        m = (UINT64_C(1) << 63) | (m & UINT64_C(0xFF000000000FF800));
        return fx_make((uint16_t)(sign | (0x3FFF + rnd64() % 64 - 32)), m);
    case 8: /* all ones around the precisions' rounding points */
        m = ~UINT64_C(0) << (rnd64() % 44);
        return fx_make((uint16_t)(sign | (0x3FFF + rnd64() % 16 - 8)), m);
    default:
        m |= UINT64_C(1) << 63;
        return fx_make((uint16_t)(sign | (0x3FFF + (rnd64() % 2001) - 1000)), m);
    }
}

static void to_mpfr(mpfr_t x, fx80 a)
{
    int s = fx_sign(a) ? -1 : 1;
    if (fx_is_inf(a)) {
        mpfr_set_inf(x, s);
        return;
    }
    if (a.m == 0) {
        mpfr_set_zero(x, s);
        return;
    }
    mpfr_set_uj_2exp(x, a.m, fx_exp(a) - 0x3FFF - 63, MPFR_RNDN); /* exact at 64 bits */
    if (s < 0)
        mpfr_neg(x, x, MPFR_RNDN);
}

static const mpfr_rnd_t rmodes[4] = {MPFR_RNDN, MPFR_RNDZ, MPFR_RNDD, MPFR_RNDU};
static const int pbits[3] = {64, 24, 53};
static const mpfr_exp_t pemin[3] = {-16382, -125, -1021};
static const mpfr_exp_t pemax[3] = {16384, 128, 1024};

enum { OP_ADD, OP_SUB, OP_MUL, OP_DIV, OP_SQRT, OP_TOS, OP_TOD, OP_TOL, OP_TOW, OP_TOB, OP_COUNT };
static const char *const op_names[OP_COUNT] = {"add", "sub", "mul", "div", "sqrt",
                                               "to single", "to double", "to long", "to word",
                                               "to byte"};

static int apply(mpfr_t r, int op, mpfr_t a, mpfr_t b, mpfr_rnd_t rm)
{
    switch (op) {
    case OP_ADD: return mpfr_add(r, a, b, rm);
    case OP_SUB: return mpfr_sub(r, a, b, rm);
    case OP_MUL: return mpfr_mul(r, a, b, rm);
    case OP_DIV: return mpfr_div(r, a, b, rm);
    case OP_SQRT: return mpfr_sqrt(r, b, rm);
    default: return mpfr_set(r, b, rm);
    }
}

typedef struct stats {
    long n, bad;
} stats;

int main(void)
{
    long count = 1000000;
    const char *env = getenv("FPU_MPFR_COUNT");
    if (env && *env)
        count = atol(env);
    mpfr_t a, b, r, wide, tz, edge;
    mpfr_inits2(64, a, b, NULL);
    mpfr_init2(r, 64);
    mpfr_init2(wide, 64);
    mpfr_init2(tz, 64);
    mpfr_init2(edge, 64);
    mpfr_exp_t emin0 = mpfr_get_emin(), emax0 = mpfr_get_emax();
    stats st[OP_COUNT][4][3];
    memset(st, 0, sizeof st);
    int shown = 0;

    for (long it = 0; it < count; it++) {
        int op = (int)(rnd64() % OP_COUNT), mode = (int)(rnd64() % 4);
        int prec = op == OP_TOS ? FX_PS : op == OP_TOD ? FX_PD : op >= OP_TOL ? FX_PX : (int)(rnd64() % 3);
        fx80 x = operand(), y = operand();
        fx_env e = {mode, prec, 0, 0};
        fx80 res = {0, 0};
        uint64_t bits = 0;
        int32_t iv = 0;
        switch (op) {
        case OP_ADD: res = fx_add(&e, prec, x, y); break;
        case OP_SUB: res = fx_sub(&e, prec, x, y); break;
        case OP_MUL: res = fx_mul(&e, prec, x, y); break;
        case OP_DIV: res = fx_div(&e, prec, x, y); break;
        case OP_SQRT: res = fx_sqrt(&e, prec, y); break;
        case OP_TOS: bits = fx_to_single(&e, y); break;
        case OP_TOD: bits = fx_to_double(&e, y); break;
        default: iv = fx_to_int(&e, y, op == OP_TOL ? 4 : op == OP_TOW ? 2 : 1); break;
        }
        mpfr_rnd_t rm = rmodes[mode];
        to_mpfr(a, x);
        to_mpfr(b, y);
        unsigned want = 0;
        bool ok = true;
        char what[160] = "";

        if (op >= OP_TOL) {
            /* Integer conversions: round to an integer, then the range. */
            int size = op == OP_TOL ? 4 : op == OP_TOW ? 2 : 1;
            double lim = size == 4 ? 2147483648.0 : size == 2 ? 32768.0 : 128.0;
            mpfr_set_prec(wide, 80);
            int t = mpfr_rint(wide, b, rm);
            int32_t wv;
            if (mpfr_inf_p(b)) {
                want = FX_OPERR;
                wv = mpfr_signbit(b) ? (int32_t)-lim : (int32_t)(lim - 1);
            } else if (mpfr_cmp_d(wide, lim) >= 0 || mpfr_cmp_d(wide, -lim) < 0) {
                want = FX_OPERR | (t ? FX_INEX2 : 0);
                wv = mpfr_signbit(b) ? (int32_t)-lim : (int32_t)(lim - 1);
            } else {
                want = t ? FX_INEX2 : 0;
                wv = (int32_t)mpfr_get_si(wide, MPFR_RNDN);
            }
            ok = wv == iv && want == (e.flags & 0x3F);
            if (!ok)
                snprintf(what, sizeof what, "got %d flags %02x, want %d flags %02x", (int)iv,
                         e.flags & 0x3Fu, (int)wv, want);
        } else {
            int p = op == OP_TOS ? 24 : op == OP_TOD ? 53 : pbits[prec];
            int pi = op == OP_TOS ? FX_PS : op == OP_TOD ? FX_PD : prec;
            /* Wide range: the result rounded with no exponent limits. */
            mpfr_set_prec(wide, p);
            mpfr_set_prec(tz, p);
            mpfr_clear_flags();
            int tw = apply(wide, op, a, b, rm);
            bool nan = mpfr_nanflag_p() != 0, dz = mpfr_divby0_p() != 0;
            apply(tz, op, a, b, MPFR_RNDZ);
            /* The format's range. */
            mpfr_set_prec(r, p);
            mpfr_set_emin(pemin[pi] - p + 1); /* MPFR's emin for subnormalize */
            mpfr_set_emax(pemax[pi]);
            mpfr_clear_flags();
            int t = apply(r, op, a, b, rm);
            t = mpfr_check_range(r, t, rm);
            t = mpfr_subnormalize(r, t, rm);
            bool ovf = mpfr_overflow_p() != 0;
            mpfr_set_emin(emin0);
            mpfr_set_emax(emax0);
            if (nan) {
                want = FX_OPERR;
            } else {
                if (dz)
                    want |= FX_DZ;
                if (ovf)
                    want |= FX_OVFL | (tw ? FX_INEX2 : 0);
                else if (t)
                    want |= FX_INEX2;
                /* tiny before rounding: |exact| < 2^(emin - 1) */
                mpfr_set_ui_2exp(edge, 1, pemin[pi] - 1, MPFR_RNDN);
                if (!mpfr_zero_p(tz) && mpfr_regular_p(tz) && mpfr_cmpabs(tz, edge) < 0)
                    want |= FX_UNFL;
            }
            unsigned got = e.flags & (FX_INEX2 | FX_UNFL | FX_OVFL | FX_OPERR | FX_DZ);
            if (op == OP_TOS || op == OP_TOD) {
                uint64_t wb;
                if (op == OP_TOS) {
                    float f = mpfr_get_flt(r, MPFR_RNDN);
                    uint32_t u;
                    memcpy(&u, &f, 4);
                    wb = u;
                } else {
                    double d = mpfr_get_d(r, MPFR_RNDN);
                    memcpy(&wb, &d, 8);
                }
                ok = wb == bits && got == want;
                if (!ok)
                    snprintf(what, sizeof what, "got %016llx flags %02x, want %016llx flags %02x",
                             (unsigned long long)bits, got, (unsigned long long)wb, want);
            } else {
                mpfr_t g;
                mpfr_init2(g, 64);
                bool same;
                if (nan) {
                    same = fx_is_nan(res);
                } else {
                    to_mpfr(g, res);
                    same = !fx_is_nan(res) && mpfr_equal_p(g, r) && mpfr_signbit(g) == mpfr_signbit(r);
                    /* A denormal extended result keeps exponent 0; a tiny single or
                     * double one the precision's least exponent. */
                    if (same && res.m && !(res.m >> 63) && !fx_is_inf(res))
                        same = fx_exp(res) == (prec == FX_PX ? 0 : prec == FX_PS ? 0x3F81 : 0x3C01);
                }
                ok = same && got == want;
                if (!ok)
                    mpfr_snprintf(what, sizeof what,
                                  "got %04x_%016llx flags %02x, want %s%.20Ra flags %02x", res.se,
                                  (unsigned long long)res.m, got, mpfr_signbit(r) ? "" : "+", r,
                                  want);
                mpfr_clear(g);
            }
        }
        stats *s = &st[op][mode][op >= OP_TOS ? 0 : prec];
        s->n++;
        if (!ok) {
            s->bad++;
            if (shown++ < 10) {
                tap_diag("%s mode %d prec %d: %04x_%016llx, %04x_%016llx: %s", op_names[op], mode,
                         prec, x.se, (unsigned long long)x.m, y.se, (unsigned long long)y.m, what);
            }
        }
    }
    static const char *const mnames[4] = {"RN", "RZ", "RM", "RP"}, *const pnames[3] = {"X", "S", "D"};
    long total = 0, bad = 0;
    for (int op = 0; op < OP_COUNT; op++) {
        long n = 0, b2 = 0;
        for (int m = 0; m < 4; m++)
            for (int p = 0; p < 3; p++) {
                n += st[op][m][p].n;
                b2 += st[op][m][p].bad;
                if (st[op][m][p].bad)
                    tap_diag("%s %s %s: %ld of %ld differ", op_names[op], mnames[m], pnames[p],
                             st[op][m][p].bad, st[op][m][p].n);
            }
        total += n;
        bad += b2;
        tap_ok(b2 == 0, "mpfr %s: %ld operations in every mode%s, %ld differences", op_names[op], n,
               op < OP_TOS ? " and precision" : "", b2);
    }
    tap_diag("mpfr oracle: %ld operations, %ld differences", total, bad);

    /* The transcendentals (fpu_trans.c), rounded to nearest in each
     * precision, against MPFR's correctly rounded values: arguments of
     * moderate size (the FPSP-like shortcuts for tiny arguments and the
     * flags of special values are the FPSP vectors' business). */
    static const struct {
        unsigned opm;
        const char *name;
        int (*f)(mpfr_ptr, mpfr_srcptr, mpfr_rnd_t);
        int lo, hi; /* binary exponent range of |x| */
        bool positive;
    } tf[] = {
        {0x10, "etox", mpfr_exp, -30, 13, false},    {0x08, "etoxm1", mpfr_expm1, -30, 13, false},
        {0x11, "twotox", mpfr_exp2, -30, 13, false}, {0x12, "tentox", mpfr_exp10, -30, 11, false},
        {0x14, "logn", mpfr_log, -1000, 1000, true}, {0x06, "lognp1", mpfr_log1p, -30, 100, true},
        {0x16, "log2", mpfr_log2, -1000, 1000, true}, {0x15, "log10", mpfr_log10, -1000, 1000, true},
        {0x0E, "sin", mpfr_sin, -30, 16383, false},  {0x1D, "cos", mpfr_cos, -30, 16383, false},
        {0x0F, "tan", mpfr_tan, -30, 16383, false},  {0x0A, "atan", mpfr_atan, -30, 16383, false},
        {0x0C, "asin", mpfr_asin, -30, -1, false},   {0x1C, "acos", mpfr_acos, -30, -1, false},
        {0x02, "sinh", mpfr_sinh, -30, 13, false},   {0x19, "cosh", mpfr_cosh, -30, 13, false},
        {0x09, "tanh", mpfr_tanh, -30, 5, false},    {0x0D, "atanh", mpfr_atanh, -30, -1, false},
    };
    long tcount = count / 10;
    for (size_t f = 0; f < sizeof tf / sizeof tf[0]; f++) {
        long n = 0, diff = 0;
        for (long it = 0; it < tcount / (long)(sizeof tf / sizeof tf[0]); it++) {
            int prec = (int)(rnd64() % 3);
            int span = tf[f].hi - tf[f].lo + 1;
            int e2 = tf[f].lo + (int)(rnd64() % (uint64_t)span);
            bool neg = !tf[f].positive && (rnd64() & 1);
            fx80 x = fx_make((uint16_t)((neg ? 0x8000 : 0) | (0x3FFF + e2)), rnd64() | UINT64_C(1) << 63);
            fx_env e = {FX_RN, prec, 0, 0};
            fx80 res;
            fx_trans(&e, prec, tf[f].opm, x, &res);
            mpfr_set_prec(r, pbits[prec]);
            to_mpfr(b, x);
            mpfr_set_emin(pemin[prec] - pbits[prec] + 1);
            mpfr_set_emax(pemax[prec]);
            int t = tf[f].f(r, b, MPFR_RNDN);
            t = mpfr_check_range(r, t, MPFR_RNDN);
            mpfr_subnormalize(r, t, MPFR_RNDN);
            mpfr_set_emin(emin0);
            mpfr_set_emax(emax0);
            mpfr_t g;
            mpfr_init2(g, 64);
            to_mpfr(g, res);
            n++;
            if (!mpfr_equal_p(g, r) && !(mpfr_nan_p(r) && fx_is_nan(res))) {
                diff++;
                if (diff <= 3) {
                    char buf[200];
                    mpfr_snprintf(buf, sizeof buf, "%.25Ra", r);
                    tap_diag("%s prec %d: %04x_%016llx gives %04x_%016llx, want %s", tf[f].name, prec, x.se,
                             (unsigned long long)x.m, res.se, (unsigned long long)res.m, buf);
                }
            }
            mpfr_clear(g);
        }
        tap_ok(diff == 0, "mpfr f%s: %ld arguments rounded to nearest, %ld differences", tf[f].name, n, diff);
    }
    mpfr_clears(a, b, r, wide, tz, edge, NULL);
    return tap_done();
}
#endif
