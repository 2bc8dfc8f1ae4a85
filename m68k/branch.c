/* Program flow: Bcc/BRA/BSR, DBcc, Scc, JMP, JSR.
 * A taken branch refills the two-word prefetch queue at the target (8
 * clocks); an odd target faults before any of that. */
#include "m68k/ea.h"

static void op_bcc(m68k_cpu *c, uint32_t op)
{
    int cc = op >> 8 & 15;
    uint32_t base = c->pc;
    uint32_t disp = (uint32_t)(int32_t)(int8_t)op;
    bool word = (op & 0xFF) == 0;
    if (word)
        disp = (uint32_t)(int32_t)(int16_t)mem_fetch16(c->mem, base);
    if (cc == 1) { /* BSR */
        uint32_t ret = base + (word ? 2 : 0);
        uint32_t target = base + disp;
        c->budget -= 2;
        if (c->a[7] & 1) {
            c->a[7] -= 4;
            c->budget += 2;
            m68k_address_error(c, c->a[7], AE_WRITE, c->pc);
        }
        push32(c, ret, c->pc);
        if (target & 1)
            m68k_address_error(c, target, AE_PROG, target);
        c->pc = target;
        c->budget -= 8;
        return;
    }
    if (cond_true(c, cc)) {
        uint32_t target = base + disp;
        c->budget -= 2;
        if (target & 1)
            m68k_address_error(c, target, AE_PROG, c->pc);
        jump_to(c, target, 0);
        return;
    }
    c->budget -= 4;
    if (word)
        ext16(c);
    prefetch(c);
}

static void op_dbcc(m68k_cpu *c, uint32_t op)
{
    int cc = op >> 8 & 15;
    if (cond_true(c, cc)) {
        c->pc += 2;
        c->budget -= 12;
        return;
    }
    uint32_t target = c->pc + (uint32_t)(int32_t)(int16_t)mem_fetch16(c->mem, c->pc);
    if (target & 1) {
        c->budget -= 2;
        m68k_address_error(c, target, AE_PROG, c->pc + 2);
    }
    uint32_t *dn = &c->d[op & 7];
    uint32_t cnt = (*dn - 1) & 0xFFFF;
    *dn = (*dn & 0xFFFF0000u) | cnt;
    if (cnt != 0xFFFF) {
        c->pc = target;
        c->budget -= 10;
    } else {
        c->pc += 2;
        c->budget -= 14;
    }
}

static inline void scc(m68k_cpu *c, uint32_t op, int m, int sz)
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
    wr8(c, ea, v);
}
M68K_EA_WRAPPERS(h_scc, scc, 1)

/* JMP/JSR: the last extension word is not fetched again; clocks spent
 * before the target check, per family. */
static const int jmp_pre[M_COUNT] = {0, 0, 0, 0, 0, 2, 6, 2, 4, 2, 6, 0};

static inline uint32_t jump_ea(m68k_cpu *c, uint32_t op, int m)
{
    int32_t b0 = c->budget;
    uint32_t ea = ea_addr(c, m, op & 7, 4, false);
    c->budget = b0 - jmp_pre[m];
    return ea;
}

static inline void jmp(m68k_cpu *c, uint32_t op, int m, int sz)
{
    (void)sz;
    uint32_t oldpc = c->pc;
    uint32_t ea = jump_ea(c, op, m);
    if (ea & 1)
        m68k_address_error(c, ea, AE_PROG, oldpc);
    c->pc = ea;
    c->budget -= 8;
}
M68K_EA_WRAPPERS(h_jmp, jmp, 4)

static inline void jsr(m68k_cpu *c, uint32_t op, int m, int sz)
{
    (void)sz;
    uint32_t ea = jump_ea(c, op, m);
    if (ea & 1)
        m68k_address_error(c, ea, AE_PROG, c->pc);
    push32(c, c->pc, c->pc);
    c->pc = ea;
    c->budget -= 8;
}
M68K_EA_WRAPPERS(h_jsr, jsr, 4)

static const m68k_handler h_bcc[1] = {op_bcc};
static const m68k_handler h_dbcc[1] = {op_dbcc};

static const m68k_row rows[] = {
    {"0110 ---- ---- ----", K_ONE, h_bcc, NULL, NULL, 0, 0, 0, "Bcc/BRA/BSR"},
    {"0101 ---- 1100 1---", K_ONE, h_dbcc, NULL, NULL, 0, 0, 1, "DBcc"},
    {"0101 ---- 11-- ----", K_EA, h_scc, NULL, NULL, EA_DATALT, 0, 0, "Scc"},
    {"0100 1110 11-- ----", K_EA, h_jmp, NULL, NULL, EA_CTRL, 0, 0, "JMP"},
    {"0100 1110 10-- ----", K_EA, h_jsr, NULL, NULL, EA_CTRL, 0, 0, "JSR"},
};
M68K_ROWS(m68k_rows_branch, rows)
