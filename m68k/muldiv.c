/* MULU, MULS, DIVU, DIVS (16-bit forms).  Timing is data dependent: the
 * multiplier's bit pattern, and the divide algorithm's path through its
 * 15 quotient steps (modelled step by step below). */
#include "m68k/ea.h"

/* Source operand (word); a faulting read costs 2 more clocks here. */
M68K_INLINE uint32_t md_src(m68k_cpu *c, uint32_t op, int m)
{
    uint32_t ea = 0;
    if (!mode_is_mem(m))
        return ea_read(c, m, op & 7, 2, &ea, 0);
    uint32_t a = ea_addr(c, m, op & 7, 2, false);
    ea_pre(c, m, op & 7, 2);
    ea_post(c, m, op & 7, 2);
    if (misaligned(c, a))
        m68k_address_error(c, a, ae_kind(m), c->pc + (uint32_t)std_adj(m, 2));
    return rd16(c, a, ae_kind(m), 0);
}

M68K_INLINE void mul(m68k_cpu *c, uint32_t op, int m, bool sign)
{
    uint32_t ea = 0;
    uint32_t s = ea_read(c, m, op & 7, 2, &ea, std_adj(m, 2));
    uint32_t *dn = &c->d[op >> 9 & 7];
    uint32_t r, bits;
    if (sign) {
        r = (uint32_t)((int32_t)(int16_t)s * (int32_t)(int16_t)*dn);
        bits = ((s << 1) ^ s) & 0xFFFF;
    } else {
        r = (s & 0xFFFF) * (*dn & 0xFFFF);
        bits = s & 0xFFFF;
    }
    /* Ones in the 16-bit pattern, counted in parallel (SWAR). */
    bits = bits - (bits >> 1 & 0x5555);
    bits = (bits & 0x3333) + (bits >> 2 & 0x3333);
    bits = (bits + (bits >> 4)) & 0x0F0F;
    int ones = (int)((bits + (bits >> 8)) & 0x1F);
    *dn = r;
    set_logic(c, 4, r);
    prefetch(c);
    c->budget -= 34 + 2 * ones;
}
M68K_INLINE void mulu_b(m68k_cpu *c, uint32_t op, int m, int sz) { (void)sz; mul(c, op, m, false); }
M68K_INLINE void muls_b(m68k_cpu *c, uint32_t op, int m, int sz) { (void)sz; mul(c, op, m, true); }
M68K_EA_WRAPPERS(h_mulu, mulu_b, 2)
M68K_EA_WRAPPERS(h_muls, muls_b, 2)

/* Ones among quotient bits 15..1, the bits the 68000's timed division loop
 * produces (bit 0 comes from a step whose time does not vary). */
static int quotient_ones(uint32_t q)
{
#if defined(__GNUC__)
    return __builtin_popcount(q & 0xFFFEu);
#else
    int n = 0;
    for (q &= 0xFFFEu; q; q &= q - 1)
        n++;
    return n;
#endif
}

/* DIVU: the microcode's 15 shift-and-subtract steps take 2 clocks per 0
 * quotient bit and 1 per 1 bit, except a step whose partial remainder had
 * its top bit set (it subtracts without comparing).  That can only happen
 * with a divisor above 0x8000, so only those take the step-by-step count. */
static int divu_cycles(uint32_t dividend, uint32_t divisor)
{
    if ((dividend >> 16) >= divisor)
        return 10;
    if (divisor <= 0x8000)
        return 2 * (38 + 30 - quotient_ones(dividend / divisor));
    int mc = 38;
    uint32_t hdiv = divisor << 16;
    for (int i = 0; i < 15; i++) {
        bool neg = (int32_t)dividend < 0;
        dividend <<= 1;
        if (neg) {
            dividend -= hdiv;
        } else if (dividend >= hdiv) {
            dividend -= hdiv;
            mc += 1;
        } else {
            mc += 2;
        }
    }
    return 2 * mc;
}

/* DIVS: one clock more per 0 among the magnitude quotient's bits 15..1. */
static int divs_cycles(int32_t dividend, int16_t divisor)
{
    int mc = dividend < 0 ? 7 : 6;
    uint32_t adend = dividend < 0 ? 0u - (uint32_t)dividend : (uint32_t)dividend;
    uint32_t ador = divisor < 0 ? (uint32_t)(-(int32_t)divisor) : (uint32_t)divisor;
    if ((adend >> 16) >= ador)
        return (mc + 2) * 2;
    mc += 55;
    if (divisor >= 0)
        mc += dividend < 0 ? 1 : -1;
    mc += 15 - quotient_ones(adend / ador);
    return 2 * mc;
}

M68K_INLINE void div(m68k_cpu *c, uint32_t op, int m, bool sign)
{
    uint32_t start = c->pc - 2;
    uint32_t s = md_src(c, op, m) & 0xFFFF;
    uint32_t *dn = &c->d[op >> 9 & 7];
    uint32_t d = *dn;
    if (s == 0) {
        if (sign) {
            set_n(c, false);
            set_z(c, true);
        } else {
            set_n(c, (d >> 31) & 1);
            set_z(c, (d >> 16) == 0);
        }
        set_vc(c, 0, 0);
        c->budget -= 8;
        m68k_exception_insn(c, 5, c->pc, start);
        return;
    }
    int cyc;
    if (sign) {
        int32_t sd = (int32_t)d, ss = (int16_t)s;
        cyc = divs_cycles(sd, (int16_t)s);
        int64_t q = (int64_t)sd / ss;
        int64_t rem = (int64_t)sd % ss;
        if (q < -32768 || q > 32767) {
            set_vc(c, 1, 0);
            set_n(c, true);
            set_z(c, false);
        } else {
            *dn = ((uint32_t)rem & 0xFFFF) << 16 | ((uint32_t)q & 0xFFFF);
            set_vc(c, 0, 0);
            set_nz(c, 2, (uint32_t)q);
        }
    } else {
        cyc = divu_cycles(d, s);
        uint32_t q = d / s, rem = d % s;
        if (q > 0xFFFF) {
            set_vc(c, 1, 0);
            set_n(c, true);
            set_z(c, false);
        } else {
            *dn = rem << 16 | q;
            set_vc(c, 0, 0);
            set_nz(c, 2, q);
        }
    }
    prefetch(c);
    c->budget -= cyc - 4;
}
M68K_INLINE void divu_b(m68k_cpu *c, uint32_t op, int m, int sz) { (void)sz; div(c, op, m, false); }
M68K_INLINE void divs_b(m68k_cpu *c, uint32_t op, int m, int sz) { (void)sz; div(c, op, m, true); }
M68K_EA_WRAPPERS(h_divu, divu_b, 2)
M68K_EA_WRAPPERS(h_divs, divs_b, 2)

static const m68k_row rows[] = {
    {"1100 ---0 11-- ----", K_EA, h_mulu, NULL, NULL, EA_DATA, 0, 0, "MULU"},
    {"1100 ---1 11-- ----", K_EA, h_muls, NULL, NULL, EA_DATA, 0, 0, "MULS"},
    {"1000 ---0 11-- ----", K_EA, h_divu, NULL, NULL, EA_DATA, 0, 0, "DIVU"},
    {"1000 ---1 11-- ----", K_EA, h_divs, NULL, NULL, EA_DATA, 0, 0, "DIVS"},
};
M68K_ROWS(m68k_rows_muldiv, rows)
