/* The 68881/68882's transcendental functions (FSIN FCOS FTAN FSINCOS FETOX
 * FETOXM1 FTWOTOX FTENTOX FLOGN FLOGNP1 FLOG2 FLOG10 FSINH FCOSH FTANH
 * FATANH FATAN FASIN FACOS), our own code: each is computed in a
 * 128-bit-mantissa format (fq below) by argument reduction and series, then
 * rounded once to the FPCR's mode and precision with a sticky bit, so the
 * result is correctly rounded but for the rarest cases, and inexact
 * (INEX2) unless it is one of the exact special values.  Integer
 * arithmetic only, as the rest of the FPU: the same bits on every host.
 * The trigonometric functions reduce their argument modulo pi/2 with as
 * many bits of 2/pi as the largest extended argument needs. */
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

/* ---- FSIN FCOS FTAN FSINCOS ---- */

/* The bits of 2/pi after the point, most significant first (16,768 of them:
 * enough to reduce the largest extended argument). */
#define TWO_PI_WORDS 262
static const uint64_t two_over_pi[TWO_PI_WORDS] = {
    UINT64_C(0xa2f9836e4e441529), UINT64_C(0xfc2757d1f534ddc0), UINT64_C(0xdb6295993c439041), UINT64_C(0xfe5163abdebbc561),
    UINT64_C(0xb7246e3a424dd2e0), UINT64_C(0x06492eea09d1921c), UINT64_C(0xfe1deb1cb129a73e), UINT64_C(0xe88235f52ebb4484),
    UINT64_C(0xe99c7026b45f7e41), UINT64_C(0x3991d639835339f4), UINT64_C(0x9c845f8bbdf9283b), UINT64_C(0x1ff897ffde05980f),
    UINT64_C(0xef2f118b5a0a6d1f), UINT64_C(0x6d367ecf27cb09b7), UINT64_C(0x4f463f669e5fea2d), UINT64_C(0x7527bac7ebe5f17b),
    UINT64_C(0x3d0739f78a5292ea), UINT64_C(0x6bfb5fb11f8d5d08), UINT64_C(0x56033046fc7b6bab), UINT64_C(0xf0cfbc209af4361d),
    UINT64_C(0xa9e391615ee61b08), UINT64_C(0x6599855f14a06840), UINT64_C(0x8dffd8804d732731), UINT64_C(0x06061556ca73a8c9),
    UINT64_C(0x60e27bc08c6b47c4), UINT64_C(0x19c367cddce8092a), UINT64_C(0x8359c4768b961ca6), UINT64_C(0xddaf44d15719053e),
    UINT64_C(0xa5ff07053f7e33e8), UINT64_C(0x32c2de4f98327dbb), UINT64_C(0xc33d26ef6b1e5ef8), UINT64_C(0x9f3a1f35caf27f1d),
    UINT64_C(0x87f121907c7c246a), UINT64_C(0xfa6ed5772d30433b), UINT64_C(0x15c614b59d19c3c2), UINT64_C(0xc4ad414d2c5d000c),
    UINT64_C(0x467d862d71e39ac6), UINT64_C(0x9b0062337cd2b497), UINT64_C(0xa7b4d55537f63ed7), UINT64_C(0x1810a3fc764d2a9d),
    UINT64_C(0x64abd770f87c6357), UINT64_C(0xb07ae715175649c0), UINT64_C(0xd9d63b3884a7cb23), UINT64_C(0x24778ad623545ab9),
    UINT64_C(0x1f001b0af1dfce19), UINT64_C(0xff319f6a1e666157), UINT64_C(0x9947fbacd87f7eb7), UINT64_C(0x652289e83260bfe6),
    UINT64_C(0xcdc4ef09366cd43f), UINT64_C(0x5dd7de16de3b5892), UINT64_C(0x9bde2822d2e88628), UINT64_C(0x4d58e232cac616e3),
    UINT64_C(0x08cb7de050c017a7), UINT64_C(0x1df35be01834132e), UINT64_C(0x6212830148835b8e), UINT64_C(0xf57fb0adf2e91e43),
    UINT64_C(0x4a48d36710d8ddaa), UINT64_C(0x425faece616aa428), UINT64_C(0x0ab499d3f2a6067f), UINT64_C(0x775c83c2a3883c61),
    UINT64_C(0x78738a5a8cafbdd7), UINT64_C(0x6f63a62dcbbff4ef), UINT64_C(0x818d67c12645ca55), UINT64_C(0x36d9cad2a8288d61),
    UINT64_C(0xc277c9121426049b), UINT64_C(0x4612c459c444c5c8), UINT64_C(0x91b24df31700ad43), UINT64_C(0xd4e5492910d5fdfc),
    UINT64_C(0xbe00cc941eeece70), UINT64_C(0xf53e1380f1ecc3e7), UINT64_C(0xb328f8c79405933e), UINT64_C(0x71c1b3092ef3450b),
    UINT64_C(0x9c12887b20ab9fb5), UINT64_C(0x2ec292472f327b6d), UINT64_C(0x550c90a7721fe76b), UINT64_C(0x96cb314a1679e279),
    UINT64_C(0x4189dff49794e884), UINT64_C(0xe6e29731996bed88), UINT64_C(0x365f5f0efdbbb49a), UINT64_C(0x486ca46742727132),
    UINT64_C(0x5d8db8159f09e5bc), UINT64_C(0x25318d3974f71c05), UINT64_C(0x30010c0d68084b58), UINT64_C(0xee2c90aa4702e774),
    UINT64_C(0x24d6bda67df77248), UINT64_C(0x6eef169fa6948ef6), UINT64_C(0x91b45153d1f20acf), UINT64_C(0x3398207e4bf56863),
    UINT64_C(0xb25f3edd035d407f), UINT64_C(0x8985295255c06437), UINT64_C(0x10d86d324832754c), UINT64_C(0x5bd4714e6e5445c1),
    UINT64_C(0x090b69f52ad56614), UINT64_C(0x9d072750045ddb3b), UINT64_C(0xb4c576ea17f9877d), UINT64_C(0x6b49ba271d296996),
    UINT64_C(0xacccc65414ad6ae2), UINT64_C(0x9089d98850722cbe), UINT64_C(0xa4049407777030f3), UINT64_C(0x27fc00a871ea49c2),
    UINT64_C(0x663de06483dd9797), UINT64_C(0x3fa3fd94438c860d), UINT64_C(0xde41319d39928c70), UINT64_C(0xdde7b7173bdf082b),
    UINT64_C(0x3715a0805c93805a), UINT64_C(0x921110d8e80faf80), UINT64_C(0x6c4bffdb0f903876), UINT64_C(0x185915a562bbcb61),
    UINT64_C(0xb989c7bd401004f2), UINT64_C(0xd2277549f6b6ebbb), UINT64_C(0x22dbaa140a2f2689), UINT64_C(0x768364333b091a94),
    UINT64_C(0x0eaa3a51c2a31dae), UINT64_C(0xedaf12265c4dc26d), UINT64_C(0x9c7a2d9756c0833f), UINT64_C(0x03f6f0098c402b99),
    UINT64_C(0x316d07b43915200c), UINT64_C(0x5bc3d8c492f54bad), UINT64_C(0xc6a5ca4ecd37a736), UINT64_C(0xa9e69492ab6842dd),
    UINT64_C(0xde6319ef8c76528b), UINT64_C(0x6837dbfcaba1ae31), UINT64_C(0x15dfa1ae00dafb0c), UINT64_C(0x664d64b705ed3065),
    UINT64_C(0x29bf56573aff47b9), UINT64_C(0xf96af3be75df9328), UINT64_C(0x3080abf68c6615cb), UINT64_C(0x040622fa1de4d9a4),
    UINT64_C(0xb33d8f1b5709cd36), UINT64_C(0xe9424ea4be13b523), UINT64_C(0x331aaaf0a8654fa5), UINT64_C(0xc1d20f3f0bcd785b),
    UINT64_C(0x76f923048b7b7217), UINT64_C(0x8953a6c6e26e6f00), UINT64_C(0xebef584a9bb7dac4), UINT64_C(0xba66aacfcf761d02),
    UINT64_C(0xd12df1b1c1998c77), UINT64_C(0xadc3da4886a05df7), UINT64_C(0xf480c62ff0ac9aec), UINT64_C(0xddbc5c3f6dded01f),
    UINT64_C(0xc790b6db2a3a25a3), UINT64_C(0x9aaf009353ad0457), UINT64_C(0xb6b42d297e804ba7), UINT64_C(0x07da0eaa76a1597b),
    UINT64_C(0x2a12162db7dcfde5), UINT64_C(0xfafedb89fdbe896c), UINT64_C(0x76e4fca90670803e), UINT64_C(0x156e85ff87fd073e),
    UINT64_C(0x2833676186182aea), UINT64_C(0xbd4dafe7b36e6d8f), UINT64_C(0x3967955bbf3148d7), UINT64_C(0x8416df30432dc735),
    UINT64_C(0x6125ce70c9b8cb30), UINT64_C(0xfd6cbfa200a4e46c), UINT64_C(0x05a0dd5a476f21d2), UINT64_C(0x1262845cb9496170),
    UINT64_C(0xe0566b0152993755), UINT64_C(0x50b7d51ec4f1335f), UINT64_C(0x6e13e4305da92e85), UINT64_C(0xc3b21d3632a1a4b7),
    UINT64_C(0x08d4b1ea21f716e4), UINT64_C(0x698f77ff2780030c), UINT64_C(0x2d408da0cd4f99a5), UINT64_C(0x20d3a2b30a5d2f42),
    UINT64_C(0xf9b4cbda11d0be7d), UINT64_C(0xc1db9bbd17ab81a2), UINT64_C(0xca5c6a0817552e55), UINT64_C(0x0027f0147f8607e1),
    UINT64_C(0x640b148d4196debe), UINT64_C(0x872afddab6256b34), UINT64_C(0x897bfef3059ebfb9), UINT64_C(0x4f6a68a82a4a5ac4),
    UINT64_C(0x4fbcf82d985ad795), UINT64_C(0xc7f48d4d0da63a20), UINT64_C(0x5f57a4b13f149538), UINT64_C(0x800120cc86dd71b6),
    UINT64_C(0xdec9f560bf11654d), UINT64_C(0x6b0701acb08cd0c0), UINT64_C(0xb24855510efb1ec3), UINT64_C(0x72953b06a33540c0),
    UINT64_C(0x7bdc06cc45e0fa29), UINT64_C(0x4ec8cad641f3e8de), UINT64_C(0x647cd8649b31bed9), UINT64_C(0xc397a4d45877c5e3),
    UINT64_C(0x6913daf03c3aba46), UINT64_C(0x18465f7555f5bdd2), UINT64_C(0xc6926e5d2eaced44), UINT64_C(0x0e423e1c87c461e9),
    UINT64_C(0xfd29f3d6e7ca7c22), UINT64_C(0x35916fc5e0088dd7), UINT64_C(0xffe26a6ec6fdb0c1), UINT64_C(0x0893745d7cb2ad6b),
    UINT64_C(0x9d6ecd7b723e6a11), UINT64_C(0xc6a9cff7df7329ba), UINT64_C(0xc9b55100b70db2e2), UINT64_C(0x24ba74607de58ad8),
    UINT64_C(0x742c150d0c188194), UINT64_C(0x667e162901767a9f), UINT64_C(0xbefdfdef4556367e), UINT64_C(0xd913d9ecb9ba8bfc),
    UINT64_C(0x97c427a831c36ef1), UINT64_C(0x36c59456a8d8b5a8), UINT64_C(0xb40ecccf2d891234), UINT64_C(0x576f89562ce3ce99),
    UINT64_C(0xb920d6aa5e6b9c2a), UINT64_C(0x3ecc5f114a0bfdfb), UINT64_C(0xf4e16d3b8e2c86e2), UINT64_C(0x84d4e9a9b4fcd1ee),
    UINT64_C(0xefc9352e61392f44), UINT64_C(0x2138c8d91b0afc81), UINT64_C(0x6a4afbd81c2f84b4), UINT64_C(0x538c994ecc2254dc),
    UINT64_C(0x552ad6c6c096190b), UINT64_C(0xb8701a649569605a), UINT64_C(0x26ee523f0f117f11), UINT64_C(0xb5f4f5cbfc2dbc34),
    UINT64_C(0xeebc34cc5de8605e), UINT64_C(0xdd9b8e67ef3392b8), UINT64_C(0x17c99b5861bc57e1), UINT64_C(0xc68351103ed84871),
    UINT64_C(0xdddd1c2da118af46), UINT64_C(0x2c21d7f359987ad9), UINT64_C(0xc0549efa864ffc06), UINT64_C(0x56ae79e536228922),
    UINT64_C(0xad38dc9367aae855), UINT64_C(0x3826829be7caa40d), UINT64_C(0x51b133990ed7a948), UINT64_C(0x0569f0b265a7887f),
    UINT64_C(0x974c8836d1f9b392), UINT64_C(0x214a827b21cf98dc), UINT64_C(0x9f405547dc3a74e1), UINT64_C(0x42eb67df9dfe5fd4),
    UINT64_C(0x5ea4677b7aacbaa2), UINT64_C(0xf65523882b55ba41), UINT64_C(0x086e59862a218347), UINT64_C(0x39e6e389d49ee540),
    UINT64_C(0xfb49e956ffca0f1c), UINT64_C(0x8a59c52bfa94c5c1), UINT64_C(0xd3cfc50fae5adb86), UINT64_C(0xc5476243853b8621),
    UINT64_C(0x94792c8761107b4c), UINT64_C(0x2a1a2c8012bf4390), UINT64_C(0x2688893c78e4c4a8), UINT64_C(0x7bdbe5c23ac4eaf4),
    UINT64_C(0x268a67f7bf920d2b), UINT64_C(0xa365b1933d0b7cbd), UINT64_C(0xdc51a463dd27dde1), UINT64_C(0x6919949a9529a828),
    UINT64_C(0xce68b4ed09209f44), UINT64_C(0xca984e638270237c), UINT64_C(0x7e32b90f8ef5a7e7), UINT64_C(0x561408f1212a9db5),
    UINT64_C(0x4d7e6f5119a5abf9), UINT64_C(0xb5d6df8261dd9602), UINT64_C(0x36169f3ac4a1a283), UINT64_C(0x6ded727a8d39a9b8),
    UINT64_C(0x825c326b5b2746ed), UINT64_C(0x34007700d255f4fc), UINT64_C(0x4d59018071e0e13f), UINT64_C(0x89b295f364a8f1ae),
    UINT64_C(0xa74b38fc4ceab2bb), UINT64_C(0x47270babc3a734ba),
};

/* Bits b_i .. b_(i+63) of 2/pi (b_1 first after the point). */
static uint64_t two_pi_bits(int32_t i)
{
    int32_t i0 = i - 1, w = i0 / 64, off = i0 % 64;
    uint64_t hi = w < TWO_PI_WORDS ? two_over_pi[w] : 0;
    uint64_t lo = w + 1 < TWO_PI_WORDS ? two_over_pi[w + 1] : 0;
    return off ? hi << off | lo >> (64 - off) : hi;
}

/* Bits [pos, pos + 64) of the little-endian n-word number p. */
static uint64_t bits_at(const uint64_t *p, int n, int32_t pos)
{
    uint64_t v = 0;
    for (int b = 63; b >= 0; b--) {
        int32_t q = pos + b;
        v = v << 1 | (q >= 0 && q / 64 < n ? p[q / 64] >> (q % 64) & 1 : 0);
    }
    return v;
}

/* |a| >= pi/4: r = a - k pi/2 with k the integer nearest a * 2/pi, and
 * k mod 4 (Payne and Hanek's way: only the bits of 2/pi that matter). */
static fq reduce(fq x, int *quad)
{
    /* |x| = m * 2^E, m the top 64 bits (x came from an extended value) */
    uint64_t m = x.h;
    int32_t e = x.e - 63;
    int32_t st = e - 1 > 1 ? e - 1 : 1;
    uint64_t w[4] = {two_pi_bits(st + 192), two_pi_bits(st + 128), two_pi_bits(st + 64),
                     two_pi_bits(st)};
    uint64_t p[5] = {0, 0, 0, 0, 0};
    for (int i = 0; i < 4; i++) {
        uint64_t hi, lo;
        mul64(m, w[i], &hi, &lo);
        uint64_t t = p[i] + lo;
        uint64_t c = t < lo;
        p[i] = t;
        t = p[i + 1] + hi + c;
        c = t < hi || (c && t == hi);
        p[i + 1] = t;
        for (int j = i + 2; c && j < 5; j++)
            c = ++p[j] == 0;
    }
    /* |x| * 2/pi = P * 2^-sh (mod 4) */
    int32_t sh = st + 255 - e;
    int q = (int)(bits_at(p, 5, sh) & 3);
    /* the fraction, 256 bits (f[3] on top): near a multiple of pi/2 its
     * leading bits cancel, so take 128 after the leading zeros */
    uint64_t f[4] = {bits_at(p, 5, sh - 256), bits_at(p, 5, sh - 192), bits_at(p, 5, sh - 128),
                     bits_at(p, 5, sh - 64)};
    bool neg = false;
    if (f[3] >> 63) { /* nearest: one more quadrant, negative remainder */
        q = (q + 1) & 3;
        neg = true;
        uint64_t borrow = 0;
        for (int i = 0; i < 4; i++) {
            uint64_t v = 0 - f[i] - borrow;
            borrow = (f[i] | borrow) != 0;
            f[i] = v;
        }
    }
    int32_t fe = -1; /* the fraction is (f[3]:f[2]) * 2^(fe - 127) + lower words */
    while (f[3] == 0 && fe > -200) {
        f[3] = f[2];
        f[2] = f[1];
        f[1] = f[0];
        f[0] = 0;
        fe -= 64;
    }
    int lz = clz64(f[3]);
    if (lz && lz < 64) {
        f[3] = f[3] << lz | f[2] >> (64 - lz);
        f[2] = f[2] << lz | f[1] >> (64 - lz);
        f[1] = f[1] << lz;
        fe -= lz;
    }
    fq r = fq_mul(fq_norm(neg, fe, f[3], f[2] | (f[1] != 0)), FQ_PI_2);
    if (x.s) {
        r.s = !r.s;
        q = (4 - q) & 3;
    }
    *quad = q;
    return r;
}

static void sincos_series(fq r, fq *sn, fq *cs)
{
    fq r2 = fq_mul(r, r);
    fq t = r, sum = r;
    for (int n = 1; n < 40; n++) {
        t = fq_neg(fq_div(fq_mul(t, r2), fq_int(2 * n * (2 * n + 1))));
        sum = fq_add(sum, t);
        if (fq_zero(t) || t.e < sum.e - 135)
            break;
    }
    *sn = sum;
    t = fq_int(1);
    sum = t;
    for (int n = 1; n < 40; n++) {
        t = fq_neg(fq_div(fq_mul(t, r2), fq_int((2 * n - 1) * (2 * n))));
        sum = fq_add(sum, t);
        if (fq_zero(t) || t.e < sum.e - 135)
            break;
    }
    *cs = sum;
}

/* sin x and cos x (x finite, nonzero). */
static void fq_sincos(fq x, fq *sn, fq *cs)
{
    int q = 0;
    bool small = x.e < -1 || (x.e == -1 && (x.h < UINT64_C(0xc90fdaa22168c234)));
    fq r = small ? x : reduce(x, &q);
    fq s0, c0;
    sincos_series(r, &s0, &c0);
    switch (q) {
    case 0: *sn = s0; *cs = c0; break;
    case 1: *sn = c0; *cs = fq_neg(s0); break;
    case 2: *sn = fq_neg(s0); *cs = fq_neg(c0); break;
    default: *sn = fq_neg(c0); *cs = s0; break;
    }
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
                  opm == 0x06 || opm == 0x08 || opm == 0x0E || opm == 0x0F;
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
            *res = signed_zero(s);
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
            *res = signed_zero(s);
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
            *res = opm == 0x19 ? fx_from_int(1) : signed_zero(s);
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
            *res = signed_zero(s);
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
            *res = signed_zero(s);
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
            *res = signed_zero(s);
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
            *res = opm == 0x0C ? signed_zero(s) : pi_2(env, prec, false);
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
    case 0x0E: /* FSIN */
    case 0x0F: /* FTAN */
    case 0x1D: /* FCOS */
        if (inf) {
            *res = fx_nan_operr(env);
            return true;
        }
        if (zero) {
            *res = opm == 0x1D ? fx_from_int(1) : signed_zero(s);
            return true;
        }
        if (opm == 0x1D && x.e < -40) {
            /* as the FPSP: 1, inexact */
            *res = fx_from_int(1);
            env->flags |= FX_INEX2;
            return true;
        }
        {
            fq sn, cs;
            fq_sincos(x, &sn, &cs);
            *res = done(env, prec, opm == 0x0E ? sn : opm == 0x1D ? cs : fq_div(sn, cs));
        }
        return true;
    default:
        return false;
    }
}
