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
        /* N, Z and V are undefined here: cleared (what the Musashi
         * 68040 tests expect), C always clear. */
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
        /* Operands unchanged; N and Z are undefined: kept N and cleared
         * Z, as reported for a real 68040 (qemu does the same). */
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
    M68K_IR(c, op);
    int cc = (int)(op >> 8 & 15);
    uint32_t base = c->pc;
    uint32_t target = base + ext32(c);
    if (cc == 1) { /* BSR.L */
        push32(c, c->pc, c->pc);
    } else if (!cond_true(c, cc)) {
        c->budget -= 2; /* approximate */
        m68k_next(c);
        return;
    }
    if (target & 1) {
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

/* ---- CHK.L <ea>,Dn: vector 6 when Dn < 0 or Dn > the bound ----
 * The manual leaves Z, V and C undefined; as reported for a real 68040
 * (and done by qemu), Z and V are kept and C is set when Dn lies outside
 * [0, bound] taken as a wrapping range. */
M68K_INLINE void chk_l(m68k_cpu *c, uint32_t op, int m, int sz)
{
    uint32_t insn = c->pc - 2;
    uint32_t ea = 0;
    int32_t ub = (int32_t)ea_read(c, m, op & 7, sz, &ea, 0);
    int32_t v = (int32_t)c->d[op >> 9 & 7];
    bool z = flag_z(c), ov = flag_v(c) != 0;
    bool cf = ub >= 0 ? (v < 0 || v > ub) : (v > ub && v < 0);
    set_n(c, v < 0);
    set_z(c, z);
    set_vc(c, ov, cf);
    c->budget -= 6; /* approximate */
    if (v < 0 || v > ub) {
        m68k_exception_insn(c, 6, c->pc, insn);
        return;
    }
    prefetch(c);
}
M68K_EA_WRAPPERS(h_chk_l, chk_l, 4)

/* ---- CHK2 / CMP2 <ea>,Rn: bounds pair at <ea> (lower first) ----
 * Extension word: Rn in bits 15-12 (D0-D7, A0-A7), CHK2 in bit 11.  With An
 * the bounds are sign-extended and all 32 bits compared.  In bounds means
 * inside the range from lower up to upper, wrapping round: the same for
 * signed and unsigned data, which is why one rule serves both.  Z: Rn equals
 * a bound; C: out of bounds; N and V are undefined (kept, as reported for
 * a real 68040). */
M68K_INLINE void chk2(m68k_cpu *c, uint32_t op, int m, int sz)
{
    uint32_t insn = c->pc - 2;
    uint32_t w = ext16(c);
    uint32_t a = ea_addr(c, m, op & 7, sz, false);
    int kind = ae_kind(m);
    uint32_t lo = rd(c, sz, a, kind, 0), hi = rd(c, sz, a + (uint32_t)sz, kind, 0);
    uint32_t v = c->r[w >> 12];
    uint32_t mask = sz_mask(sz);
    if (w & 0x8000) {
        lo = sext(sz, lo);
        hi = sext(sz, hi);
        mask = 0xFFFFFFFFu;
    } else {
        v &= mask;
    }
    bool out = ((v - lo) & mask) > ((hi - lo) & mask);
    uint32_t n = c->fn, ov = flag_v(c);
    set_z(c, v == lo || v == hi);
    c->fn = n;
    set_vc(c, ov, out);
    c->budget -= 16; /* approximate */
    if (out && (w & 0x800)) {
        m68k_exception_insn(c, 6, c->pc, insn);
        return;
    }
    prefetch(c);
}
M68K_EA_WRAPPERS(h_chk2_b, chk2, 1)
M68K_EA_WRAPPERS(h_chk2_w, chk2, 2)
M68K_EA_WRAPPERS(h_chk2_l, chk2, 4)

/* ---- CAS Dc,Du,<ea>: compare <ea> with Dc; equal: Du -> <ea>, else
 * <ea> -> Dc.  Extension word: Du in bits 8-6, Dc in bits 2-0. ---- */
M68K_INLINE void cas(m68k_cpu *c, uint32_t op, int m, int sz)
{
    uint32_t w = ext16(c);
    uint32_t ea = 0;
    uint32_t dest = ea_read_rmw(c, m, op & 7, sz, &ea, 0);
    int dc = w & 7, du = w >> 6 & 7;
    flags_sub_lazy(c, sz, c->d[dc], dest);
    if (c->fz == 0)
        rmw_write(c, sz, ea, c->d[du], false);
    else
        dreg_write(c, dc, sz, dest);
    c->budget -= 10; /* approximate */
    prefetch(c);
}
M68K_EA_WRAPPERS(h_cas_b, cas, 1)
M68K_EA_WRAPPERS(h_cas_w, cas, 2)
M68K_EA_WRAPPERS(h_cas_l, cas, 4)

/* ---- CAS2 Dc1:Dc2,Du1:Du2,(Rn1):(Rn2) ----
 * Two extension words, one per operand: Rn in bits 15-12, Du in bits 8-6,
 * Dc in bits 2-0.  Both memory operands must equal their Dc for the two
 * updates to be written; otherwise both are loaded into Dc1 and Dc2. */
M68K_INLINE void cas2(m68k_cpu *c, uint32_t op, int sz)
{
    M68K_IR(c, op);
    uint32_t w1 = ext16(c), w2 = ext16(c);
    uint32_t a1 = c->r[w1 >> 12], a2 = c->r[w2 >> 12];
    uint32_t m1 = rd(c, sz, a1, AE_READ, 0), m2 = rd(c, sz, a2, AE_READ, 0);
    int dc1 = w1 & 7, dc2 = w2 & 7;
    flags_sub_lazy(c, sz, c->d[dc1], m1);
    if (c->fz == 0)
        flags_sub_lazy(c, sz, c->d[dc2], m2);
    if (c->fz == 0) {
        wr(c, sz, a1, c->d[w1 >> 6 & 7], 0);
        wr(c, sz, a2, c->d[w2 >> 6 & 7], 0);
    } else {
        dreg_write(c, dc1, sz, m1);
        dreg_write(c, dc2, sz, m2);
    }
    c->budget -= 20; /* approximate */
    prefetch(c);
    m68k_next(c);
}
static void op_cas2_w(m68k_cpu *c, uint32_t op) { cas2(c, op, 2); }
static void op_cas2_l(m68k_cpu *c, uint32_t op) { cas2(c, op, 4); }

/* ---- PACK / UNPK: BCD digits between a word and a byte, plus an
 * adjustment word (added to the unpacked word).  Rx is bits 2-0, Ry bits
 * 11-9; bit 3 selects -(Ax),-(Ay) over Dx,Dy.  No flags change. ---- */
static void op_pack(m68k_cpu *c, uint32_t op)
{
    M68K_IR(c, op); /* before the extension word: it also keeps insn_pc */
    int x = op & 7, y = op >> 9 & 7;
    uint32_t adj = ext16(c);
    uint32_t v;
    if (op & 8) {
        /* The word's low byte is read first, from the higher address. */
        c->a[x] -= (uint32_t)pd_step(c, x, 1);
        v = rd8(c, c->a[x]);
        c->a[x] -= (uint32_t)pd_step(c, x, 1);
        v |= rd8(c, c->a[x]) << 8;
    } else {
        v = c->d[x];
    }
    v = (v + adj) & 0xFFFF;
    v = (v >> 4 & 0xF0) | (v & 0x0F);
    if (op & 8) {
        c->a[y] -= (uint32_t)pd_step(c, y, 1);
        wr8(c, c->a[y], v);
    } else {
        dreg_write(c, y, 1, v);
    }
    c->budget -= 4; /* approximate */
    prefetch(c);
    m68k_next(c);
}

static void op_unpk(m68k_cpu *c, uint32_t op)
{
    M68K_IR(c, op); /* before the extension word: it also keeps insn_pc */
    int x = op & 7, y = op >> 9 & 7;
    uint32_t adj = ext16(c);
    uint32_t v;
    if (op & 8) {
        c->a[x] -= (uint32_t)pd_step(c, x, 1);
        v = rd8(c, c->a[x]);
    } else {
        v = c->d[x] & 0xFF;
    }
    v = (((v & 0xF0) << 4 | (v & 0x0F)) + adj) & 0xFFFF;
    if (op & 8) {
        /* Low byte first, to the higher address. */
        c->a[y] -= (uint32_t)pd_step(c, y, 1);
        wr8(c, c->a[y], v);
        c->a[y] -= (uint32_t)pd_step(c, y, 1);
        wr8(c, c->a[y], v >> 8);
    } else {
        dreg_write(c, y, 2, v);
    }
    c->budget -= 4; /* approximate */
    prefetch(c);
    m68k_next(c);
}

/* ---- TRAPcc, TRAPcc.W #d16, TRAPcc.L #d32: vector 7 when cc holds; the
 * operand is only for a handler to read. ---- */
static void op_trapcc(m68k_cpu *c, uint32_t op)
{
    uint32_t insn = c->pc - 2;
    M68K_IR(c, op);
    int mode = op & 7; /* 2: word, 3: long, 4: none */
    if (mode == 2)
        ext16(c);
    else if (mode == 3)
        ext32(c);
    if (cond_true(c, (int)(op >> 8 & 15))) {
        c->budget -= 4; /* approximate */
        m68k_exception_insn(c, 7, c->pc, insn);
        return;
    }
    prefetch(c);
    m68k_next(c);
}

/* ---- BKPT #n (68010+): the breakpoint acknowledge cycle has no debugger
 * to answer it, so it ends as an illegal instruction (vector 4). ---- */
static void op_bkpt(m68k_cpu *c, uint32_t op)
{
    M68K_IR(c, op);
    m68k_illegal(c, op);
}

static const m68k_handler h_extb[1] = {op_extb};
static const m68k_handler h_bcc_l[1] = {op_bcc_l};
static const m68k_handler h_link_l[1] = {op_link_l};
static const m68k_handler h_rtd[1] = {op_rtd};
static const m68k_handler h_cas2_w[1] = {op_cas2_w};
static const m68k_handler h_cas2_l[1] = {op_cas2_l};
static const m68k_handler h_pack[1] = {op_pack};
static const m68k_handler h_unpk[1] = {op_unpk};
static const m68k_handler h_trapcc[1] = {op_trapcc};
static const m68k_handler h_bkpt[1] = {op_bkpt};

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
    {"0100 ---1 00-- ----", K_EA, h_chk_l, NULL, NULL, EA_DATA, MODELS_68020_UP, 0, "CHK.L"},
    {"0000 0000 11-- ----", K_EA, h_chk2_b, NULL, NULL, EA_CTRL, MODELS_68020_UP, 0, "CHK2.B"},
    {"0000 0010 11-- ----", K_EA, h_chk2_w, NULL, NULL, EA_CTRL, MODELS_68020_UP, 0, "CHK2.W"},
    {"0000 0100 11-- ----", K_EA, h_chk2_l, NULL, NULL, EA_CTRL, MODELS_68020_UP, 0, "CHK2.L"},
    {"0000 1010 11-- ----", K_EA, h_cas_b, NULL, NULL, EA_MEMALT, MODELS_68020_UP, 0, "CAS.B"},
    {"0000 1100 11-- ----", K_EA, h_cas_w, NULL, NULL, EA_MEMALT, MODELS_68020_UP, 0, "CAS.W"},
    {"0000 1110 11-- ----", K_EA, h_cas_l, NULL, NULL, EA_MEMALT, MODELS_68020_UP, 0, "CAS.L"},
    {"0000 1100 1111 1100", K_ONE, h_cas2_w, NULL, NULL, 0, MODELS_68020_UP, 0, "CAS2.W"},
    {"0000 1110 1111 1100", K_ONE, h_cas2_l, NULL, NULL, 0, MODELS_68020_UP, 0, "CAS2.L"},
    {"1000 ---1 0100 ----", K_ONE, h_pack, NULL, NULL, 0, MODELS_68020_UP, 0, "PACK"},
    {"1000 ---1 1000 ----", K_ONE, h_unpk, NULL, NULL, 0, MODELS_68020_UP, 0, "UNPK"},
    /* Over the Scc rows of branch.c. */
    {"0101 ---- 1111 1010", K_ONE, h_trapcc, NULL, NULL, 0, MODELS_68020_UP, 1, "TRAPcc.W"},
    {"0101 ---- 1111 1011", K_ONE, h_trapcc, NULL, NULL, 0, MODELS_68020_UP, 1, "TRAPcc.L"},
    {"0101 ---- 1111 1100", K_ONE, h_trapcc, NULL, NULL, 0, MODELS_68020_UP, 1, "TRAPcc"},
    {"0100 1000 0100 1---", K_ONE, h_bkpt, NULL, NULL, 0, MODELS_68010_UP, 0, "BKPT"},
};
M68K_ROWS(m68k_rows_ops020, rows)
