/* ABCD, SBCD, NBCD.  Besides the documented X/C/Z, the 68000 leaves N as
 * bit 7 of the result and sets V when the decimal correction flips bit 7
 * (from 0 to 1 for ABCD, from 1 to 0 for SBCD/NBCD); the vectors check both. */
#include "m68k/ea.h"

static uint32_t abcd(m68k_cpu *c, uint32_t s, uint32_t d)
{
    uint32_t lo = (s & 0x0F) + (d & 0x0F) + c->fx;
    uint32_t raw = (s & 0xF0) + (d & 0xF0) + lo;
    uint32_t r = raw;
    if (lo > 9)
        r += 6;
    uint32_t carry = (r & 0x3F0) > 0x90;
    c->fx = carry;
    if (carry)
        r += 0x60;
    set_vc(c, !(raw & 0x80) && (r & 0x80), carry);
    set_n(c, (r >> 7) & 1);
    if (r & 0xFF)
        set_z(c, false);
    return r & 0xFF;
}

static uint32_t sbcd(m68k_cpu *c, uint32_t s, uint32_t d)
{
    uint32_t x = c->fx;
    uint32_t lo = (d & 0x0F) - (s & 0x0F) - x;
    uint32_t raw = (d & 0xF0) - (s & 0xF0) + lo;
    uint32_t r = raw, borrow;
    if (lo & 0xF0) {
        r -= 6;
        borrow = ((d - s - 6 - x) & 0x300) != 0;
    } else {
        borrow = ((d - s - x) & 0x300) != 0;
    }
    if ((d - s - borrow) & 0x100)
        r -= 0x60;
    c->fx = borrow;
    set_vc(c, (raw & 0x80) && !(r & 0x80), borrow);
    set_n(c, (r >> 7) & 1);
    if (r & 0xFF)
        set_z(c, false);
    return r & 0xFF;
}

/* Register form (family DN) or -(Ay),-(Ax) (family AN in the low bits). */
M68K_INLINE void xbcd(m68k_cpu *c, uint32_t op, int m, bool sub)
{
    int ry = op & 7, rx = op >> 9 & 7;
    if (m == M_DN) {
        uint32_t r = sub ? sbcd(c, c->d[ry] & 0xFF, c->d[rx] & 0xFF)
                         : abcd(c, c->d[ry] & 0xFF, c->d[rx] & 0xFF);
        prefetch(c);
        c->budget -= 2;
        dreg_write(c, rx, 1, r);
        return;
    }
    c->budget -= 2;
    c->a[ry] -= (uint32_t)pd_step(c, ry, 1);
    uint32_t s = rd8(c, c->a[ry]);
    c->a[rx] -= (uint32_t)pd_step(c, rx, 1);
    c->budget -= 4;
    uint32_t d = mem_rmw_read8(c->mem, c->a[rx]);
    uint32_t r = sub ? sbcd(c, s, d) : abcd(c, s, d);
    prefetch(c);
    wr8(c, c->a[rx], r);
}
M68K_INLINE void abcd_b(m68k_cpu *c, uint32_t op, int m, int sz) { (void)sz; if (m == M_AN) M68K_IR(c, op); xbcd(c, op, m, false); }
M68K_INLINE void sbcd_b(m68k_cpu *c, uint32_t op, int m, int sz) { (void)sz; if (m == M_AN) M68K_IR(c, op); xbcd(c, op, m, true); }
M68K_EA_WRAPPERS(h_abcd, abcd_b, 1)
M68K_EA_WRAPPERS(h_sbcd, sbcd_b, 1)

M68K_INLINE void nbcd(m68k_cpu *c, uint32_t op, int m, int sz)
{
    (void)sz;
    uint32_t ea = 0;
    uint32_t v = ea_read_rmw(c, m, op & 7, 1, &ea, 0);
    uint32_t r = sbcd(c, v, 0);
    prefetch(c);
    if (m == M_DN) {
        c->budget -= 2;
        dreg_write(c, op & 7, 1, r);
    } else {
        rmw_write(c, 1, ea, r, false);
    }
}
M68K_EA_WRAPPERS(h_nbcd, nbcd, 1)

static const m68k_row rows[] = {
    {"1100 ---1 0000 ----", K_EA, h_abcd, NULL, NULL, EA_DN | EA_AN, 0, 0, "ABCD"},
    {"1000 ---1 0000 ----", K_EA, h_sbcd, NULL, NULL, EA_DN | EA_AN, 0, 0, "SBCD"},
    {"0100 1000 00-- ----", K_EA, h_nbcd, NULL, NULL, EA_DATALT, 0, 0, "NBCD"},
};
M68K_ROWS(m68k_rows_bcd, rows)
