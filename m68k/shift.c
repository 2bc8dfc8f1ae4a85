/* ASL/ASR/LSL/LSR/ROXL/ROXR/ROL/ROR on data registers (count 1-8 or Dn mod 64,
 * 2 clocks per bit) and on memory words (one bit). */
#include "m68k/ea.h"

enum { T_AS, T_LS, T_ROX, T_RO };

/* Shift `v` (size sz) by cnt; sets all flags.  Returns the result. */
M68K_INLINE uint32_t shift(m68k_cpu *c, int type, bool left, int sz, uint32_t v, unsigned cnt)
{
    uint32_t mask = sz_mask(sz), msb = sz_msb(sz);
    int bits = sz * 8;
    v &= mask;
    if (cnt == 0) {
        set_vc(c, 0, type == T_ROX ? c->fx : 0);
        set_nz(c, sz, v);
        return v;
    }
    uint32_t carry = 0, vflag = 0;
    switch (type) {
    case T_AS:
        if (left) {
            for (unsigned i = 0; i < cnt; i++) {
                carry = (v & msb) != 0;
                uint32_t nv = (v << 1) & mask;
                vflag |= (nv ^ v) & msb;
                v = nv;
            }
        } else {
            uint32_t sign = v & msb;
            for (unsigned i = 0; i < cnt; i++) {
                carry = v & 1;
                v = (v >> 1) | sign;
            }
        }
        c->fx = carry;
        break;
    case T_LS:
        if (cnt > (unsigned)bits) {
            carry = 0;
            v = 0;
        } else if (left) {
            carry = (v >> (bits - (int)cnt)) & 1;
            v = cnt == (unsigned)bits ? 0 : (v << cnt) & mask;
        } else {
            carry = (v >> (cnt - 1)) & 1;
            v = cnt == (unsigned)bits ? 0 : v >> cnt;
        }
        c->fx = carry;
        break;
    case T_ROX: {
        uint32_t x = c->fx;
        for (unsigned i = 0; i < cnt; i++) {
            if (left) {
                carry = (v & msb) != 0;
                v = ((v << 1) | x) & mask;
            } else {
                carry = v & 1;
                v = (v >> 1) | (x ? msb : 0);
            }
            x = carry;
        }
        c->fx = carry;
        break;
    }
    default: {
        unsigned r = cnt % (unsigned)bits;
        if (r)
            v = left ? ((v << r) | (v >> (bits - (int)r))) & mask
                     : ((v >> r) | (v << (bits - (int)r))) & mask;
        carry = left ? (v & 1) : ((v & msb) != 0);
        break;
    }
    }
    set_vc(c, vflag != 0, carry);
    set_nz(c, sz, v);
    return v;
}

M68K_INLINE void shift_reg(m68k_cpu *c, uint32_t op, int sz)
{
    int type = op >> 3 & 3;
    bool left = op & 0x100;
    unsigned cnt = op >> 9 & 7;
    if (op & 0x20)
        cnt = c->d[cnt] & 63;
    else if (cnt == 0)
        cnt = 8;
    int n = op & 7;
    dreg_write(c, n, sz, shift(c, type, left, sz, c->d[n], cnt));
    prefetch(c);
    c->budget -= (sz == 4 ? 4 : 2) + 2 * (int32_t)cnt;
}
static void shift_b(m68k_cpu *c, uint32_t op) { shift_reg(c, op, 1); m68k_next(c); }
static void shift_w(m68k_cpu *c, uint32_t op) { shift_reg(c, op, 2); m68k_next(c); }
static void shift_l(m68k_cpu *c, uint32_t op) { shift_reg(c, op, 4); m68k_next(c); }
static const m68k_handler h_shift_b[1] = {shift_b};
static const m68k_handler h_shift_w[1] = {shift_w};
static const m68k_handler h_shift_l[1] = {shift_l};

M68K_INLINE void shift_mem(m68k_cpu *c, uint32_t op, int m, int sz)
{
    uint32_t ea = 0;
    uint32_t v = ea_read_rmw(c, m, op & 7, sz, &ea, std_adj(m, sz));
    v = shift(c, op >> 9 & 3, op & 0x100, sz, v, 1);
    prefetch(c);
    rmw_write(c, 2, ea, v, false);
}
M68K_EA_WRAPPERS(h_shift_mem, shift_mem, 2)

static const m68k_row rows[] = {
    {"1110 ---- ---- ----", K_SZ, h_shift_b, h_shift_w, h_shift_l, 0, 0, 0,
     "shift/rotate Dn"},
    {"1110 0--- 11-- ----", K_EA, h_shift_mem, NULL, NULL, EA_MEMALT, 0, 0,
     "shift/rotate <ea>"},
};
M68K_ROWS(m68k_rows_shift, rows)
