/* Soft-float arithmetic in the 68881/68882/68040 extended format, our own
 * code in plain C: the same bits on every host (no host long double, no x87).
 *
 * A value is sign + 15-bit biased exponent (bias 0x3FFF) + 64-bit mantissa
 * with an explicit integer bit (bit 63).  Exponent 0 holds denormals (value
 * m * 2^(1 - 0x3FFF - 63)); exponent 0x7FFF holds infinities (fraction bits
 * 62-0 zero) and NaNs (a quiet NaN has bit 62 set).  Unnormals (integer bit
 * clear with a nonzero exponent) are accepted as operands and normalised.
 *
 * Results are rounded to a precision (extended, double or single: the
 * precision's mantissa width and exponent range) in one of the four modes.
 * A result that is tiny in single or double precision stays in the register
 * with the precision's least exponent and an unnormalised mantissa (as the
 * 68040's FPSP leaves it; the extended form keeps exponent 0).
 *
 * Exception flags use the bit order of the FPSR exception byte (FPSR bits
 * 15-8 shifted down by 8). */
#ifndef TANDEM_M68K_FPU_FLOAT_H
#define TANDEM_M68K_FPU_FLOAT_H

#include <stdbool.h>
#include <stdint.h>

typedef struct fx80 {
    uint16_t se; /* sign (bit 15) and biased exponent */
    uint64_t m;  /* mantissa, integer bit at bit 63 */
} fx80;

enum { FX_RN, FX_RZ, FX_RM, FX_RP };    /* FPCR bits 5-4 */
/* FPCR bits 7-6 (3 acts as extended); FX_PSGL and FX_PDBL: a single or
 * double mantissa in the extended range (FSGLMUL/FSGLDIV, FMOVECR). */
enum { FX_PX, FX_PS, FX_PD, FX_PSGL, FX_PDBL };

enum {
    FX_INEX1 = 0x01, FX_INEX2 = 0x02, FX_DZ = 0x04, FX_UNFL = 0x08,
    FX_OVFL = 0x10, FX_OPERR = 0x20, FX_SNAN = 0x40, FX_BSUN = 0x80
};

typedef struct fx_env {
    int rmode;      /* FX_RN ... */
    int prec;       /* FX_PX ... */
    unsigned flags; /* FX_* raised by the operations (ORed in) */
    unsigned accrued; /* FX_* to accrue without showing in the exception byte
                       * (the FPSP's FSCALE reports an inexact underflow so) */
} fx_env;

#define FX_BIAS 0x3FFF
#define FX_DEFAULT_NAN_SE 0x7FFF
#define FX_DEFAULT_NAN_M UINT64_C(0xFFFFFFFFFFFFFFFF)

static inline fx80 fx_make(uint16_t se, uint64_t m)
{
    fx80 r = {se, m};
    return r;
}
static inline bool fx_sign(fx80 a) { return (a.se >> 15) != 0; }
static inline int fx_exp(fx80 a) { return a.se & 0x7FFF; }
static inline bool fx_is_nan(fx80 a)
{
    return fx_exp(a) == 0x7FFF && (a.m << 1) != 0;
}
static inline bool fx_is_snan(fx80 a)
{
    return fx_is_nan(a) && !(a.m & UINT64_C(0x4000000000000000));
}
static inline bool fx_is_inf(fx80 a)
{
    return fx_exp(a) == 0x7FFF && (a.m << 1) == 0;
}
static inline bool fx_is_zero(fx80 a)
{
    return fx_exp(a) != 0x7FFF && a.m == 0;
}
static inline bool fx_is_denormal(fx80 a)
{
    return fx_exp(a) == 0 && a.m != 0;
}
static inline fx80 fx_default_nan(void)
{
    return fx_make(FX_DEFAULT_NAN_SE, FX_DEFAULT_NAN_M);
}

/* Round sign * (hi.lo as a 128-bit fraction with the binary point after bit
 * 127... read as hi * 2^(exp - 0x3FFF - 63) plus lo below it) to precision
 * `prec` in env's mode; `exp` is a biased exponent that may lie outside
 * 0..0x7FFF.  Need not be normalised.  Sets OVFL UNFL INEX2. */
fx80 fx_round(fx_env *env, int prec, bool sign, int32_t exp, uint64_t hi, uint64_t lo);
/* Round an extended value to a precision (FMOVE and the S/D forms). */
fx80 fx_round_to(fx_env *env, int prec, fx80 a);

/* NaN operands: the quiet form of the destination NaN if there is one, else
 * of the source, with SNAN raised for a signalling one. */
fx80 fx_propagate_nan(fx_env *env, fx80 dst, fx80 src);
fx80 fx_quiet(fx_env *env, fx80 a);

fx80 fx_add(fx_env *env, int prec, fx80 dst, fx80 src);
fx80 fx_sub(fx_env *env, int prec, fx80 dst, fx80 src);
fx80 fx_mul(fx_env *env, int prec, fx80 dst, fx80 src);
fx80 fx_div(fx_env *env, int prec, fx80 dst, fx80 src);
fx80 fx_sqrt(fx_env *env, int prec, fx80 src);
/* FSGLMUL/FSGLDIV: single-precision mantissa, extended exponent range. */
fx80 fx_sglmul(fx_env *env, fx80 dst, fx80 src);
fx80 fx_sgldiv(fx_env *env, fx80 dst, fx80 src);
/* FINT (env's rounding mode) and FINTRZ (round toward zero). */
fx80 fx_int(fx_env *env, int prec, fx80 src, int rmode);
fx80 fx_getexp(fx_env *env, fx80 src);
fx80 fx_getman(fx_env *env, fx80 src);
fx80 fx_scale(fx_env *env, int prec, fx80 dst, fx80 src);
/* FMOD (quotient truncated) and FREM (quotient rounded to nearest):
 * *quot gets the FPSR quotient byte (sign in bit 7, low 7 bits of |q|). */
fx80 fx_rem(fx_env *env, int prec, fx80 dst, fx80 src, bool ieee, uint8_t *quot);

/* The transcendental opmode `opm` (FETOX ... FACOS; not the trigonometric
 * ones) of a, rounded to prec: false if it is not one done here
 * (fpu_trans.c). */
bool fx_trans(fx_env *env, int prec, unsigned opm, fx80 a, fx80 *res);

/* FPSR condition code bits (N Z I NAN in bits 3-0) of a value. */
unsigned fx_cc(fx80 a);
/* The condition codes of FCMP dst, src (dst - src without rounding). */
unsigned fx_cmp_cc(fx_env *env, fx80 dst, fx80 src);

/* Conversions in: exact except for the flags of signalling NaNs. */
fx80 fx_from_int(int32_t v);
fx80 fx_from_single(fx_env *env, uint32_t v);
fx80 fx_from_double(fx_env *env, uint64_t v);
/* An extended operand from memory (its unused middle word already dropped). */
static inline fx80 fx_from_ext(uint16_t se, uint64_t m) { return fx_make(se, m); }

/* Conversions out, rounded in env's mode; OPERR for integers out of range
 * or NaNs (size 1, 2 or 4 bytes; the result is sign-extended in 32 bits). */
int32_t fx_to_int(fx_env *env, fx80 a, int size);
uint32_t fx_to_single(fx_env *env, fx80 a);
uint64_t fx_to_double(fx_env *env, fx80 a);

/* FMOVECR: the constant at ROM offset `off` (0-0x3F), rounded. */
fx80 fx_constant(fx_env *env, int prec, unsigned off);

/* 10^(2^n) for n = 0..12 (the constant ROM's 10^1 ... 10^4096) rounded to
 * 64 bits toward nearest, minus (RM, RZ) or plus (RP). */
fx80 fx_pow10_2n(int n, int rmode);

/* Packed decimal (12 bytes: three big-endian longs). */
fx80 fx_from_packed(fx_env *env, const uint32_t p[3]);
void fx_to_packed(fx_env *env, fx80 a, int k, uint32_t p[3]);

#endif
