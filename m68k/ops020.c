/* Integer instructions the 68020 added: MULU.L/MULS.L, DIVU.L/DIVS.L/DIVUL/DIVSL,
 * CHK.L, CHK2/CMP2, CAS/CAS2, PACK/UNPK, EXTB.L, LINK.L, TRAPcc, BKPT, RTD,
 * Bcc.L/BSR.L, MOVE from CCR.
 *
 * Timing: the clocks subtracted below are approximate 68020 cache-case
 * figures on top of what the bus accesses already charge; nothing here is
 * cycle exact yet. */
#include "m68k/ea.h"

/* ---- EXTB.L ---- */
static void op_extb(m68k_cpu *c, uint32_t op)
{
    uint32_t v = sext(1, c->d[op & 7]);
    c->d[op & 7] = v;
    set_logic(c, 4, v);
    prefetch(c);
    m68k_next(c);
}

/* ---- MULU.L / MULS.L ----
 * Extension word: Dl in bits 14-12, signed in bit 11, 64-bit product in
 * bit 10, Dh in bits 2-0. */
M68K_INLINE void mul_l(m68k_cpu *c, uint32_t op, int m, int sz)
{
    uint32_t w = ext16(c);
    uint32_t ea = 0;
    uint32_t s = ea_read(c, m, op & 7, sz, &ea, 0);
    int dl = w >> 12 & 7, dh = w & 7;
    uint32_t d = c->d[dl];
    uint64_t r = (w & 0x800) ? (uint64_t)((int64_t)(int32_t)s * (int32_t)d) : (uint64_t)s * d;
    uint32_t lo = (uint32_t)r, hi = (uint32_t)(r >> 32);
    if (w & 0x400) {
        /* N and Z of the 64-bit product; Dh = Dl is undefined (Dh wins). */
        c->d[dl] = lo;
        c->d[dh] = hi;
        set_n(c, hi >> 31);
        set_z(c, r == 0);
        set_vc(c, 0, 0);
    } else {
        /* V when the product does not fit: the high half is not the
         * extension of the low one. */
        bool v = (w & 0x800) ? hi != (uint32_t)((int32_t)lo >> 31) : hi != 0;
        c->d[dl] = lo;
        set_nz(c, 4, lo);
        set_vc(c, v, 0);
    }
    c->budget -= 40; /* approximate */
    prefetch(c);
}
M68K_EA_WRAPPERS(h_mul_l, mul_l, 4)

/* ---- DIVU.L / DIVS.L / DIVUL.L / DIVSL.L ----
 * Extension word: Dq in bits 14-12, signed in bit 11, 64-bit dividend
 * Dr:Dq in bit 10, Dr in bits 2-0.  The remainder goes to Dr unless Dr = Dq
 * (the 32-bit DIVx.L <ea>,Dq form). */
M68K_INLINE void div_l(m68k_cpu *c, uint32_t op, int m, int sz)
{
    uint32_t insn = c->pc - 2;
    uint32_t w = ext16(c);
    uint32_t ea = 0;
    uint32_t s = ea_read(c, m, op & 7, sz, &ea, 0);
    int dq = w >> 12 & 7, dr = w & 7;
    bool sign = (w & 0x800) != 0, quad = (w & 0x400) != 0;
    if (s == 0) {
        /* N, Z and V are undefined here; a 68040 is seen to clear them. */
        set_n(c, false);
        set_z(c, false);
        set_vc(c, 0, 0);
        c->budget -= 8; /* approximate */
        m68k_exception_insn(c, 5, c->pc, insn);
        return;
    }
    uint32_t q, rem;
    bool ovf;
    if (sign) {
        int64_t n = quad ? (int64_t)((uint64_t)c->d[dr] << 32 | c->d[dq]) : (int64_t)(int32_t)c->d[dq];
        int64_t dv = (int32_t)s;
        /* INT64_MIN / -1 would trap on the host; its quotient overflows anyway. */
        if (n == INT64_MIN && dv == -1) {
            ovf = true;
            q = rem = 0;
        } else {
            int64_t q64 = n / dv;
            ovf = q64 != (int64_t)(int32_t)q64;
            q = (uint32_t)q64;
            rem = (uint32_t)(n % dv);
        }
        c->budget -= 86; /* approximate */
    } else {
        uint64_t n = quad ? (uint64_t)c->d[dr] << 32 | c->d[dq] : c->d[dq];
        uint64_t q64 = n / s;
        ovf = (q64 >> 32) != 0;
        q = (uint32_t)q64;
        rem = (uint32_t)(n % s);
        c->budget -= 74; /* approximate */
    }
    if (ovf) {
        /* Operands unchanged; N and Z undefined: a 68040 keeps N and
         * clears Z. */
        set_z(c, false);
        set_vc(c, 1, 0);
    } else {
        if (dr != dq)
            c->d[dr] = rem;
        c->d[dq] = q;
        set_nz(c, 4, q);
        set_vc(c, 0, 0);
    }
    prefetch(c);
}
M68K_EA_WRAPPERS(h_div_l, div_l, 4)

/* ---- Bcc.L / BRA.L / BSR.L: displacement byte 0xFF, a 32-bit
 * displacement follows (relative to the opcode address + 2) ---- */
static void op_bcc_l(m68k_cpu *c, uint32_t op)
{
    int cc = (int)(op >> 8 & 15);
    uint32_t base = c->pc;
    uint32_t target = base + ext32(c);
    if (cc == 1) { /* BSR.L */
        M68K_IR(c, op);
        push32(c, c->pc, c->pc);
    } else if (!cond_true(c, cc)) {
        c->budget -= 2; /* approximate */
        m68k_next(c);
        return;
    }
    if (target & 1) {
        M68K_IR(c, op);
        m68k_address_error(c, target, AE_PROG, c->pc);
    }
    c->pc = target;
    c->budget -= 6; /* approximate */
    m68k_next_far(c);
}

/* ---- LINK.L An,#d32 ---- */
static void op_link_l(m68k_cpu *c, uint32_t op)
{
    M68K_IR(c, op);
    int n = op & 7;
    uint32_t disp = ext32(c);
    /* Like LINK.W: LINK A7 stores A7 as it was before the push. */
    uint32_t old = c->a[n];
    c->a[7] -= 4;
    wr32(c, c->a[7], old, c->pc);
    c->a[n] = c->a[7];
    c->a[7] += disp;
    c->budget -= 2; /* approximate */
    prefetch(c);
    m68k_next(c);
}

/* ---- RTD #d16 (68010+): RTS, then the displacement added to SP ---- */
static void op_rtd(m68k_cpu *c, uint32_t op)
{
    M68K_IR(c, op);
    uint32_t disp = (uint32_t)(int32_t)(int16_t)ext16(c);
    uint32_t pc = rd32(c, c->a[7], AE_READ, c->pc);
    c->a[7] += 4 + disp;
    if (pc & 1)
        m68k_address_error(c, pc, AE_PROG, c->pc);
    c->pc = pc;
    c->budget -= 8; /* approximate */
    m68k_next_far(c);
}

/* ---- MOVE from CCR (68010+): a word, the upper byte zero ---- */
M68K_INLINE void move_from_ccr(m68k_cpu *c, uint32_t op, int m, int sz)
{
    ea_write(c, m, op & 7, sz, ccr_get(c), 0);
    prefetch(c);
}
M68K_EA_WRAPPERS(h_move_from_ccr, move_from_ccr, 2)

static const m68k_handler h_extb[1] = {op_extb};
static const m68k_handler h_bcc_l[1] = {op_bcc_l};
static const m68k_handler h_link_l[1] = {op_link_l};
static const m68k_handler h_rtd[1] = {op_rtd};

static const m68k_row rows[] = {
    {"0100 1001 1100 0---", K_ONE, h_extb, NULL, NULL, 0, MODELS_68020_UP, 0, "EXTB.L"},
    {"0100 1100 00-- ----", K_EA, h_mul_l, NULL, NULL, EA_DATA, MODELS_68020_UP, 0, "MULx.L"},
    {"0100 1100 01-- ----", K_EA, h_div_l, NULL, NULL, EA_DATA, MODELS_68020_UP, 0, "DIVx.L"},
    /* Over the Bcc.s rows of branch.c (priorities 0 and 1). */
    {"0110 ---- 1111 1111", K_ONE, h_bcc_l, NULL, NULL, 0, MODELS_68020_UP, 2, "Bcc.L"},
    {"0100 1000 0000 1---", K_ONE, h_link_l, NULL, NULL, 0, MODELS_68020_UP, 0, "LINK.L"},
    {"0100 1110 0111 0100", K_ONE, h_rtd, NULL, NULL, 0, MODELS_68010_UP, 0, "RTD"},
    {"0100 0010 11-- ----", K_EA, h_move_from_ccr, NULL, NULL, EA_DATALT, MODELS_68010_UP, 1,
     "MOVE from CCR"},
};
M68K_ROWS(m68k_rows_ops020, rows)
