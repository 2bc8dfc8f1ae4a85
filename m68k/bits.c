/* BTST, BCHG, BCLR, BSET: dynamic (bit number in Dn) and static (#imm).
 * On a data register the operation is long and the bit number mod 32,
 * costing 2 more clocks for bits 16-31 when the bit is changed; on memory it
 * is a byte and the bit number mod 8. */
#include "m68k/ea.h"

enum { B_TST, B_CHG, B_CLR, B_SET };

M68K_INLINE void bitop(m68k_cpu *c, uint32_t op, int m, bool dynamic)
{
    int t = op >> 6 & 3;
    uint32_t bit = dynamic ? c->d[op >> 9 & 7] : (ext16(c) & 0xFF);
    if (m == M_DN) {
        bit &= 31;
        uint32_t *dn = &c->d[op & 7];
        uint32_t mask = 1u << bit;
        set_z(c, (*dn & mask) == 0);
        prefetch(c);
        switch (t) {
        case B_TST: c->budget -= 2; return;
        case B_CHG: *dn ^= mask; break;
        case B_CLR: *dn &= ~mask; c->budget -= 2; break;
        default: *dn |= mask; break;
        }
        c->budget -= bit > 15 ? 4 : 2;
        return;
    }
    uint32_t mask = 1u << (bit & 7), ea = 0;
    uint32_t v = t == B_TST ? ea_read(c, m, op & 7, 1, &ea, 0)
                            : ea_read_rmw(c, m, op & 7, 1, &ea, 0);
    set_z(c, (v & mask) == 0);
    prefetch(c);
    switch (t) {
    case B_TST:
        if (m == M_IM)
            c->budget -= 2;
        return;
    case B_CHG: v ^= mask; break;
    case B_CLR: v &= ~mask; break;
    default: v |= mask; break;
    }
    rmw_write(c, 1, ea, v, false);
}
M68K_INLINE void bit_dyn(m68k_cpu *c, uint32_t op, int m, int sz) { (void)sz; bitop(c, op, m, true); }
M68K_INLINE void bit_imm(m68k_cpu *c, uint32_t op, int m, int sz) { (void)sz; bitop(c, op, m, false); }
M68K_EA_WRAPPERS(h_bit_dyn, bit_dyn, 1)
M68K_EA_WRAPPERS(h_bit_imm, bit_imm, 1)

static const m68k_row rows[] = {
    {"0000 ---1 00-- ----", K_EA, h_bit_dyn, NULL, NULL, EA_DATA, 0, 0, "BTST Dn,<ea>"},
    {"0000 ---1 01-- ----", K_EA, h_bit_dyn, NULL, NULL, EA_DATALT, 0, 0, "BCHG Dn,<ea>"},
    {"0000 ---1 10-- ----", K_EA, h_bit_dyn, NULL, NULL, EA_DATALT, 0, 0, "BCLR Dn,<ea>"},
    {"0000 ---1 11-- ----", K_EA, h_bit_dyn, NULL, NULL, EA_DATALT, 0, 0, "BSET Dn,<ea>"},
    {"0000 1000 00-- ----", K_EA, h_bit_imm, NULL, NULL, EA_DATA & ~(1u << M_IM), 0, 0,
     "BTST #,<ea>"},
    {"0000 1000 01-- ----", K_EA, h_bit_imm, NULL, NULL, EA_DATALT, 0, 0, "BCHG #,<ea>"},
    {"0000 1000 10-- ----", K_EA, h_bit_imm, NULL, NULL, EA_DATALT, 0, 0, "BCLR #,<ea>"},
    {"0000 1000 11-- ----", K_EA, h_bit_imm, NULL, NULL, EA_DATALT, 0, 0, "BSET #,<ea>"},
};
M68K_ROWS(m68k_rows_bits, rows)
