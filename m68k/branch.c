/* Program flow: Bcc/BRA/BSR, DBcc, Scc, JMP, JSR.
 * A taken branch refills the two-word prefetch queue at the target (8
 * clocks); an odd target faults before any of that. */
#include "m68k/ea.h"

/* Bcc/BRA/BSR: one handler per condition (cc 1 is BSR) and displacement
 * size, both folded at compile time (the short forms then make no call). */
/* True when the branch was taken (BSR always is). */
M68K_INLINE bool bcc(m68k_cpu *c, uint32_t op, int cc, bool word)
{
    uint32_t base = c->pc;
    uint32_t disp = (uint32_t)(int32_t)(int8_t)op;
    if (word)
        disp = (uint32_t)(int32_t)(int16_t)fetch16(c, base);
    if (cc == 1) { /* BSR: the return address is pushed before the target is checked */
        M68K_IR(c, op);
        uint32_t ret = base + (word ? 2 : 0);
        uint32_t target = base + disp;
        c->budget -= 2;
        if (misaligned(c, c->a[7])) {
            c->a[7] -= 4;
            c->budget += 2;
            m68k_address_error(c, c->a[7], AE_WRITE, c->pc);
        }
        push32(c, ret, c->pc);
        if (target & 1)
            m68k_address_error(c, target, AE_PROG, target);
        c->pc = target;
        c->budget -= 8;
        return true;
    }
    if (cond_true(c, cc)) {
        uint32_t target = base + disp;
        c->budget -= 2;
        if (target & 1) {
            M68K_IR(c, op);
            m68k_address_error(c, target, AE_PROG, c->pc);
        }
        jump_to(c, target, 0);
        return true;
    }
    c->budget -= 4;
    if (word)
        ext16(c);
    prefetch(c);
    return false;
}

/* Bcc.s with an even displacement, the common case (odd ones decode to
 * op_bcc_odd). */
M68K_INLINE void bcc_short_even(m68k_cpu *c, uint32_t op, int cc)
{
    if (cc == 1) { /* BSR */
        bcc(c, op, cc, false);
        m68k_next_far(c);
    } else {
        m68k_bcc_short(c, op, cc);
    }
}

#define BCC(CC)                                                                          \
    static void op_bcc_##CC(m68k_cpu *c, uint32_t op) { bcc_short_even(c, op, CC); }             \
    static void op_bccw_##CC(m68k_cpu *c, uint32_t op)                                            \
    {                                                                                    \
        if (bcc(c, op, CC, true))                                                        \
            m68k_next_far(c);                                                            \
        else                                                                             \
            m68k_next(c);                                                                \
    }
BCC(0) BCC(1) BCC(2) BCC(3) BCC(4) BCC(5) BCC(6) BCC(7)
BCC(8) BCC(9) BCC(10) BCC(11) BCC(12) BCC(13) BCC(14) BCC(15)
static const m68k_handler h_bcc[16][1] = {
    {op_bcc_0}, {op_bcc_1}, {op_bcc_2}, {op_bcc_3}, {op_bcc_4}, {op_bcc_5},
    {op_bcc_6}, {op_bcc_7}, {op_bcc_8}, {op_bcc_9}, {op_bcc_10}, {op_bcc_11},
    {op_bcc_12}, {op_bcc_13}, {op_bcc_14}, {op_bcc_15}};
/* Bcc.s/BSR.s with an odd displacement: an address error if taken. */
static void op_bcc_odd(m68k_cpu *c, uint32_t op)
{
    bcc(c, op, (int)(op >> 8 & 15), false); /* taken, it faults */
    m68k_next(c);
}
static const m68k_handler h_bcc_odd[1] = {op_bcc_odd};
static const m68k_handler h_bccw[16][1] = {
    {op_bccw_0}, {op_bccw_1}, {op_bccw_2}, {op_bccw_3}, {op_bccw_4}, {op_bccw_5},
    {op_bccw_6}, {op_bccw_7}, {op_bccw_8}, {op_bccw_9}, {op_bccw_10}, {op_bccw_11},
    {op_bccw_12}, {op_bccw_13}, {op_bccw_14}, {op_bccw_15}};

/* DBcc: one handler per condition, folded at compile time like Bcc's (DBRA,
 * the common loop, then tests no flags at all). */
M68K_INLINE void dbcc(m68k_cpu *c, uint32_t op, int cc)
{
    if (cond_true(c, cc)) {
        c->budget -= 12;
        m68k_next_at(c, c->pc + 2);
        return;
    }
    uint32_t target = c->pc + (uint32_t)(int32_t)(int16_t)fetch16(c, c->pc);
    if (target & 1) {
        M68K_IR(c, op);
        c->budget -= 2;
        m68k_address_error(c, target, AE_PROG, c->pc + 2);
    }
    uint32_t *dn = &c->d[op & 7];
    uint32_t cnt = (*dn - 1) & 0xFFFF;
    *dn = (*dn & 0xFFFF0000u) | cnt;
    if (cnt != 0xFFFF) {
        c->budget -= 10;
        m68k_next_far_at(c, target);
    } else {
        c->budget -= 14;
        m68k_next_at(c, c->pc + 2);
    }
}
#define DBCC(CC) \
    static void op_dbcc_##CC(m68k_cpu *c, uint32_t op) { dbcc(c, op, CC); }
DBCC(0) DBCC(1) DBCC(2) DBCC(3) DBCC(4) DBCC(5) DBCC(6) DBCC(7)
DBCC(8) DBCC(9) DBCC(10) DBCC(11) DBCC(12) DBCC(13) DBCC(14) DBCC(15)
static const m68k_handler h_dbcc[16][1] = {
    {op_dbcc_0}, {op_dbcc_1}, {op_dbcc_2}, {op_dbcc_3}, {op_dbcc_4}, {op_dbcc_5},
    {op_dbcc_6}, {op_dbcc_7}, {op_dbcc_8}, {op_dbcc_9}, {op_dbcc_10}, {op_dbcc_11},
    {op_dbcc_12}, {op_dbcc_13}, {op_dbcc_14}, {op_dbcc_15}};

M68K_INLINE void scc(m68k_cpu *c, uint32_t op, int m, int sz)
{
    (void)sz;
    bool t = cond_true(c, op >> 8 & 15);
    uint32_t v = t ? 0xFF : 0;
    if (m == M_DN) {
        prefetch(c);
        if (t)
            c->budget -= 2;
        dreg_write(c, op & 7, 1, v);
        return;
    }
    uint32_t ea = 0;
    ea_read_rmw(c, m, op & 7, 1, &ea, 0);
    prefetch(c);
    rmw_write(c, 1, ea, v, false);
}
M68K_EA_WRAPPERS(h_scc, scc, 1)

/* JMP/JSR: the last extension word is not fetched again; clocks spent
 * before the target check, per family. */
static const int jmp_pre[M_COUNT] = {0, 0, 0, 0, 0, 2, 6, 2, 4, 2, 6, 0};

M68K_INLINE uint32_t jump_ea(m68k_cpu *c, uint32_t op, int m)
{
    int32_t b0 = c->budget;
    uint32_t ea = ea_addr(c, m, op & 7, 4, false);
    c->budget = b0 - jmp_pre[m];
    return ea;
}

M68K_INLINE void jmp(m68k_cpu *c, uint32_t op, int m, int sz)
{
    (void)sz;
    uint32_t oldpc = c->pc;
    uint32_t ea = jump_ea(c, op, m);
    if (ea & 1)
        m68k_address_error(c, ea, AE_PROG, oldpc);
    c->pc = ea;
    c->budget -= 8;
}
M68K_EA_WRAPPERS_NEXT(h_jmp, jmp, 4, m68k_next_far)

M68K_INLINE void jsr(m68k_cpu *c, uint32_t op, int m, int sz)
{
    (void)sz;
    uint32_t ea = jump_ea(c, op, m);
    if (ea & 1)
        m68k_address_error(c, ea, AE_PROG, c->pc);
    push32(c, c->pc, c->pc);
    c->pc = ea;
    c->budget -= 8;
}
M68K_EA_WRAPPERS_NEXT(h_jsr, jsr, 4, m68k_next_far)


static const m68k_row rows[] = {
    {"0110 0000 ---- ----", K_ONE, h_bcc[0], NULL, NULL, 0, 0, 0, "BRA"},
    {"0110 0001 ---- ----", K_ONE, h_bcc[1], NULL, NULL, 0, 0, 0, "BSR"},
    {"0110 0010 ---- ----", K_ONE, h_bcc[2], NULL, NULL, 0, 0, 0, "BHI"},
    {"0110 0011 ---- ----", K_ONE, h_bcc[3], NULL, NULL, 0, 0, 0, "BLS"},
    {"0110 0100 ---- ----", K_ONE, h_bcc[4], NULL, NULL, 0, 0, 0, "BCC"},
    {"0110 0101 ---- ----", K_ONE, h_bcc[5], NULL, NULL, 0, 0, 0, "BCS"},
    {"0110 0110 ---- ----", K_ONE, h_bcc[6], NULL, NULL, 0, 0, 0, "BNE"},
    {"0110 0111 ---- ----", K_ONE, h_bcc[7], NULL, NULL, 0, 0, 0, "BEQ"},
    {"0110 1000 ---- ----", K_ONE, h_bcc[8], NULL, NULL, 0, 0, 0, "BVC"},
    {"0110 1001 ---- ----", K_ONE, h_bcc[9], NULL, NULL, 0, 0, 0, "BVS"},
    {"0110 1010 ---- ----", K_ONE, h_bcc[10], NULL, NULL, 0, 0, 0, "BPL"},
    {"0110 1011 ---- ----", K_ONE, h_bcc[11], NULL, NULL, 0, 0, 0, "BMI"},
    {"0110 1100 ---- ----", K_ONE, h_bcc[12], NULL, NULL, 0, 0, 0, "BGE"},
    {"0110 1101 ---- ----", K_ONE, h_bcc[13], NULL, NULL, 0, 0, 0, "BLT"},
    {"0110 1110 ---- ----", K_ONE, h_bcc[14], NULL, NULL, 0, 0, 0, "BGT"},
    {"0110 1111 ---- ----", K_ONE, h_bcc[15], NULL, NULL, 0, 0, 0, "BLE"},
    {"0110 0000 0000 0000", K_ONE, h_bccw[0], NULL, NULL, 0, 0, 1, "BRA.W"},
    {"0110 0001 0000 0000", K_ONE, h_bccw[1], NULL, NULL, 0, 0, 1, "BSR.W"},
    {"0110 0010 0000 0000", K_ONE, h_bccw[2], NULL, NULL, 0, 0, 1, "BHI.W"},
    {"0110 0011 0000 0000", K_ONE, h_bccw[3], NULL, NULL, 0, 0, 1, "BLS.W"},
    {"0110 0100 0000 0000", K_ONE, h_bccw[4], NULL, NULL, 0, 0, 1, "BCC.W"},
    {"0110 0101 0000 0000", K_ONE, h_bccw[5], NULL, NULL, 0, 0, 1, "BCS.W"},
    {"0110 0110 0000 0000", K_ONE, h_bccw[6], NULL, NULL, 0, 0, 1, "BNE.W"},
    {"0110 0111 0000 0000", K_ONE, h_bccw[7], NULL, NULL, 0, 0, 1, "BEQ.W"},
    {"0110 1000 0000 0000", K_ONE, h_bccw[8], NULL, NULL, 0, 0, 1, "BVC.W"},
    {"0110 1001 0000 0000", K_ONE, h_bccw[9], NULL, NULL, 0, 0, 1, "BVS.W"},
    {"0110 1010 0000 0000", K_ONE, h_bccw[10], NULL, NULL, 0, 0, 1, "BPL.W"},
    {"0110 1011 0000 0000", K_ONE, h_bccw[11], NULL, NULL, 0, 0, 1, "BMI.W"},
    {"0110 1100 0000 0000", K_ONE, h_bccw[12], NULL, NULL, 0, 0, 1, "BGE.W"},
    {"0110 1101 0000 0000", K_ONE, h_bccw[13], NULL, NULL, 0, 0, 1, "BLT.W"},
    {"0110 1110 0000 0000", K_ONE, h_bccw[14], NULL, NULL, 0, 0, 1, "BGT.W"},
    {"0110 1111 0000 0000", K_ONE, h_bccw[15], NULL, NULL, 0, 0, 1, "BLE.W"},
    {"0110 ---- ---- ---1", K_ONE, h_bcc_odd, NULL, NULL, 0, 0, 1, "Bcc (odd)"},
    {"0101 0000 1100 1---", K_ONE, h_dbcc[0], NULL, NULL, 0, 0, 0, "DBT"},
    {"0101 0001 1100 1---", K_ONE, h_dbcc[1], NULL, NULL, 0, 0, 0, "DBF"},
    {"0101 0010 1100 1---", K_ONE, h_dbcc[2], NULL, NULL, 0, 0, 0, "DBHI"},
    {"0101 0011 1100 1---", K_ONE, h_dbcc[3], NULL, NULL, 0, 0, 0, "DBLS"},
    {"0101 0100 1100 1---", K_ONE, h_dbcc[4], NULL, NULL, 0, 0, 0, "DBCC"},
    {"0101 0101 1100 1---", K_ONE, h_dbcc[5], NULL, NULL, 0, 0, 0, "DBCS"},
    {"0101 0110 1100 1---", K_ONE, h_dbcc[6], NULL, NULL, 0, 0, 0, "DBNE"},
    {"0101 0111 1100 1---", K_ONE, h_dbcc[7], NULL, NULL, 0, 0, 0, "DBEQ"},
    {"0101 1000 1100 1---", K_ONE, h_dbcc[8], NULL, NULL, 0, 0, 0, "DBVC"},
    {"0101 1001 1100 1---", K_ONE, h_dbcc[9], NULL, NULL, 0, 0, 0, "DBVS"},
    {"0101 1010 1100 1---", K_ONE, h_dbcc[10], NULL, NULL, 0, 0, 0, "DBPL"},
    {"0101 1011 1100 1---", K_ONE, h_dbcc[11], NULL, NULL, 0, 0, 0, "DBMI"},
    {"0101 1100 1100 1---", K_ONE, h_dbcc[12], NULL, NULL, 0, 0, 0, "DBGE"},
    {"0101 1101 1100 1---", K_ONE, h_dbcc[13], NULL, NULL, 0, 0, 0, "DBLT"},
    {"0101 1110 1100 1---", K_ONE, h_dbcc[14], NULL, NULL, 0, 0, 0, "DBGT"},
    {"0101 1111 1100 1---", K_ONE, h_dbcc[15], NULL, NULL, 0, 0, 0, "DBLE"},
    {"0101 ---- 11-- ----", K_EA, h_scc, NULL, NULL, EA_DATALT, 0, 0, "Scc"},
    {"0100 1110 11-- ----", K_EA, h_jmp, NULL, NULL, EA_CTRL, 0, 0, "JMP"},
    {"0100 1110 10-- ----", K_EA, h_jsr, NULL, NULL, EA_CTRL, 0, 0, "JSR"},
};
M68K_ROWS(m68k_rows_branch, rows)
