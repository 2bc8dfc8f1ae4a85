/* Integer arithmetic and logic: ADD/SUB/CMP/AND/OR/EOR in all their forms
 * (register, memory, address, immediate, quick, extended), NEG/NEGX/NOT/CLR,
 * TST, EXT, SWAP, EXG and the immediate-to-CCR/SR forms.
 *
 * Read-modify-write forms read through the WRITE TLB, prefetch, then write;
 * the write cannot fault because the read of the same address did not. */
#include "m68k/ea.h"

/* ---- flag arithmetic ---- */
M68K_INLINE uint32_t add_flags(m68k_cpu *c, int sz, uint32_t s, uint32_t d, uint32_t r, bool x)
{
    uint32_t msb = sz_msb(sz);
    set_nz(c, sz, r);
    set_vc(c, (((s ^ r) & (d ^ r)) & msb) != 0, (((s & d) | (~r & (s | d))) & msb) != 0);
    if (x)
        c->fx = c->fc;
    return r & sz_mask(sz);
}
M68K_INLINE uint32_t sub_flags(m68k_cpu *c, int sz, uint32_t s, uint32_t d, uint32_t r, bool x)
{
    uint32_t msb = sz_msb(sz);
    set_nz(c, sz, r);
    set_vc(c, (((s ^ d) & (r ^ d)) & msb) != 0, (((s & r) | (~d & (s | r))) & msb) != 0);
    if (x)
        c->fx = c->fc;
    return r & sz_mask(sz);
}
/* ADD, SUB and CMP keep V and C lazily (FK_ADD/FK_SUB): the operands go
 * up to bit 31, where the sum or difference also gives N and Z. */
M68K_INLINE uint32_t do_add(m68k_cpu *c, int sz, uint32_t s, uint32_t d)
{
    unsigned sh = 32 - 8 * (unsigned)sz;
    uint32_t ss = s << sh, dd = d << sh, r = dd + ss;
    c->fn = r;
    c->fz = r;
    c->fs = ss;
    c->fd = dd;
    c->fk = FK_ADD;
    c->fx = r < ss;
    return r >> sh;
}
M68K_INLINE uint32_t do_sub(m68k_cpu *c, int sz, uint32_t s, uint32_t d)
{
    uint32_t r = flags_sub_lazy(c, sz, s, d);
    c->fx = c->fd < c->fs;
    return r;
}
M68K_INLINE void do_cmp(m68k_cpu *c, int sz, uint32_t s, uint32_t d)
{
    flags_sub_lazy(c, sz, s, d);
}
/* ADDX/SUBX/NEGX: Z is only ever cleared. */
M68K_INLINE uint32_t do_addx(m68k_cpu *c, int sz, uint32_t s, uint32_t d)
{
    uint32_t z = c->fz;
    uint32_t r = add_flags(c, sz, s, d, s + d + c->fx, true);
    c->fz = z | r;
    return r;
}
M68K_INLINE uint32_t do_subx(m68k_cpu *c, int sz, uint32_t s, uint32_t d)
{
    uint32_t z = c->fz;
    uint32_t r = sub_flags(c, sz, s, d, d - s - c->fx, true);
    c->fz = z | r;
    return r;
}

enum { OP_ADD, OP_SUB, OP_AND, OP_OR, OP_EOR, OP_CMP };

M68K_INLINE uint32_t alu(m68k_cpu *c, int o, int sz, uint32_t s, uint32_t d)
{
    switch (o) {
    case OP_ADD: return do_add(c, sz, s, d);
    case OP_SUB: return do_sub(c, sz, s, d);
    case OP_AND: d &= s; break;
    case OP_OR: d |= s; break;
    case OP_EOR: d ^= s; break;
    default: do_cmp(c, sz, s, d); return d;
    }
    set_logic(c, sz, d);
    return d & sz_mask(sz);
}

/* <ea>,Dn */
M68K_INLINE void ea_dn(m68k_cpu *c, uint32_t op, int m, int sz, int o)
{
    uint32_t ea = 0;
    int dn = op >> 9 & 7;
    uint32_t v = ea_read(c, m, op & 7, sz, &ea, std_adj(m, sz));
    uint32_t r = alu(c, o, sz, v, c->d[dn] & sz_mask(sz));
    if (o != OP_CMP)
        dreg_write(c, dn, sz, r);
    prefetch(c);
    if (sz == 4)
        c->budget -= (o == OP_CMP || mode_is_mem(m)) ? 2 : 4;
}
/* Dn,<ea> (memory; EOR also Dn) */
M68K_INLINE void dn_ea(m68k_cpu *c, uint32_t op, int m, int sz, int o)
{
    uint32_t ea = 0;
    uint32_t v = ea_read_rmw(c, m, op & 7, sz, &ea, std_adj(m, sz));
    uint32_t r = alu(c, o, sz, c->d[op >> 9 & 7] & sz_mask(sz), v);
    prefetch(c);
    if (m == M_DN) {
        if (sz == 4)
            c->budget -= 4;
        dreg_write(c, op & 7, sz, r);
    } else {
        rmw_write(c, sz, ea, r, true);
    }
}

M68K_INLINE void add_ea_dn(m68k_cpu *c, uint32_t op, int m, int sz) { ea_dn(c, op, m, sz, OP_ADD); }
M68K_INLINE void sub_ea_dn(m68k_cpu *c, uint32_t op, int m, int sz) { ea_dn(c, op, m, sz, OP_SUB); }
M68K_INLINE void and_ea_dn(m68k_cpu *c, uint32_t op, int m, int sz) { ea_dn(c, op, m, sz, OP_AND); }
M68K_INLINE void or_ea_dn(m68k_cpu *c, uint32_t op, int m, int sz) { ea_dn(c, op, m, sz, OP_OR); }
M68K_INLINE void cmp_ea_dn(m68k_cpu *c, uint32_t op, int m, int sz) { ea_dn(c, op, m, sz, OP_CMP); }
M68K_INLINE void add_dn_ea(m68k_cpu *c, uint32_t op, int m, int sz) { dn_ea(c, op, m, sz, OP_ADD); }
M68K_INLINE void sub_dn_ea(m68k_cpu *c, uint32_t op, int m, int sz) { dn_ea(c, op, m, sz, OP_SUB); }
M68K_INLINE void and_dn_ea(m68k_cpu *c, uint32_t op, int m, int sz) { dn_ea(c, op, m, sz, OP_AND); }
M68K_INLINE void or_dn_ea(m68k_cpu *c, uint32_t op, int m, int sz) { dn_ea(c, op, m, sz, OP_OR); }
M68K_INLINE void eor_dn_ea(m68k_cpu *c, uint32_t op, int m, int sz) { dn_ea(c, op, m, sz, OP_EOR); }

M68K_EA_WRAPPERS_BWL(h_add_ea_dn, add_ea_dn)
M68K_EA_WRAPPERS_BWL(h_sub_ea_dn, sub_ea_dn)
M68K_EA_WRAPPERS_BWL(h_and_ea_dn, and_ea_dn)
M68K_EA_WRAPPERS_BWL(h_or_ea_dn, or_ea_dn)
M68K_EA_WRAPPERS_BWL(h_cmp_ea_dn, cmp_ea_dn)
M68K_EA_WRAPPERS_BWL(h_add_dn_ea, add_dn_ea)
M68K_EA_WRAPPERS_BWL(h_sub_dn_ea, sub_dn_ea)
M68K_EA_WRAPPERS_BWL(h_and_dn_ea, and_dn_ea)
M68K_EA_WRAPPERS_BWL(h_or_dn_ea, or_dn_ea)
M68K_EA_WRAPPERS_BWL(h_eor_dn_ea, eor_dn_ea)

/* ADDA/SUBA/CMPA: size is bit 8. */
M68K_INLINE void adda(m68k_cpu *c, uint32_t op, int m, int sz, int o)
{
    uint32_t ea = 0;
    uint32_t v = sext(sz, ea_read(c, m, op & 7, sz, &ea, std_adj(m, sz)));
    uint32_t *an = &c->a[op >> 9 & 7];
    if (o == OP_CMP) {
        do_cmp(c, 4, v, *an);
        prefetch(c);
        c->budget -= 2;
        return;
    }
    *an = o == OP_ADD ? *an + v : *an - v;
    prefetch(c);
    c->budget -= 2 + ((sz == 2 || !mode_is_mem(m)) ? 2 : 0);
}
M68K_INLINE void adda_b(m68k_cpu *c, uint32_t op, int m, int sz) { adda(c, op, m, sz, OP_ADD); }
M68K_INLINE void suba_b(m68k_cpu *c, uint32_t op, int m, int sz) { adda(c, op, m, sz, OP_SUB); }
M68K_INLINE void cmpa_b(m68k_cpu *c, uint32_t op, int m, int sz) { adda(c, op, m, sz, OP_CMP); }
M68K_EA_WRAPPERS(h_adda_w, adda_b, 2)
M68K_EA_WRAPPERS(h_adda_l, adda_b, 4)
M68K_EA_WRAPPERS(h_suba_w, suba_b, 2)
M68K_EA_WRAPPERS(h_suba_l, suba_b, 4)
M68K_EA_WRAPPERS(h_cmpa_w, cmpa_b, 2)
M68K_EA_WRAPPERS(h_cmpa_l, cmpa_b, 4)

/* ADDX/SUBX: Dn,Dn (family DN) or -(Ay),-(Ax) (family AN in the low bits). */
M68K_INLINE void addx(m68k_cpu *c, uint32_t op, int m, int sz, bool sub)
{
    int ry = op & 7, rx = op >> 9 & 7;
    if (m == M_DN) {
        uint32_t s = c->d[ry] & sz_mask(sz), d = c->d[rx] & sz_mask(sz);
        uint32_t r = sub ? do_subx(c, sz, s, d) : do_addx(c, sz, s, d);
        prefetch(c);
        if (sz == 4)
            c->budget -= 4;
        dreg_write(c, rx, sz, r);
        return;
    }
    uint32_t fpc = c->pc + 2;
    c->budget -= 2;
    uint32_t sa = c->a[ry] - (uint32_t)pd_step(c, ry, sz);
    if (sz != 1 && misaligned(c, sa))
        m68k_address_error(c, sz == 4 ? sa + 2 : (c->a[ry] = sa, sa), AE_READ, fpc);
    c->a[ry] = sa;
    uint32_t s = rd(c, sz, sa, AE_READ, fpc);
    uint32_t da = c->a[rx] - (uint32_t)pd_step(c, rx, sz);
    if (sz != 1 && misaligned(c, da))
        m68k_address_error(c, sz == 4 ? da + 2 : (c->a[rx] = da, da), AE_READ, fpc);
    c->a[rx] = da;
    uint32_t d = rmw(c, sz, da, fpc);
    uint32_t r = sub ? do_subx(c, sz, s, d) : do_addx(c, sz, s, d);
    prefetch(c);
    rmw_write(c, sz, da, r, true);
}
/* The memory forms of ADDX/SUBX/CMPM/ABCD/SBCD sit in the An family: they
 * store IR themselves (the wrappers only do it for memory families). */
M68K_INLINE void addx_b(m68k_cpu *c, uint32_t op, int m, int sz) { if (m == M_AN) M68K_IR(c, op); addx(c, op, m, sz, false); }
M68K_INLINE void subx_b(m68k_cpu *c, uint32_t op, int m, int sz) { if (m == M_AN) M68K_IR(c, op); addx(c, op, m, sz, true); }
M68K_EA_WRAPPERS_BWL(h_addx, addx_b)
M68K_EA_WRAPPERS_BWL(h_subx, subx_b)

/* CMPM (Ay)+,(Ax)+ */
M68K_INLINE void cmpm(m68k_cpu *c, uint32_t op, int m, int sz)
{
    M68K_IR(c, op);
    (void)m;
    int ry = op & 7, rx = op >> 9 & 7;
    /* A faulting source read leaves Ay advanced by one word, a faulting
     * destination read leaves Ax alone. */
    uint32_t sa = c->a[ry];
    if (sz != 1 && misaligned(c, sa)) {
        c->a[ry] += 2;
        m68k_address_error(c, sa, AE_READ, c->pc + 2);
    }
    uint32_t s = rd(c, sz, sa, AE_READ, 0);
    c->a[ry] += (uint32_t)pd_step(c, ry, sz);
    uint32_t da = c->a[rx];
    uint32_t d = rd(c, sz, da, AE_READ, c->pc + 2);
    c->a[rx] += (uint32_t)pd_step(c, rx, sz);
    do_cmp(c, sz, s, d);
    prefetch(c);
}
M68K_EA_WRAPPERS_BWL(h_cmpm, cmpm)

/* #imm,<ea> */
M68K_INLINE void imm_ea(m68k_cpu *c, uint32_t op, int m, int sz, int o)
{
    uint32_t s = imm(c, sz), ea = 0;
    if (m == M_DN) {
        int dn = op & 7;
        uint32_t r = alu(c, o, sz, s, c->d[dn] & sz_mask(sz));
        prefetch(c);
        if (sz == 4)
            c->budget -= o == OP_CMP ? 2 : 4;
        if (o != OP_CMP)
            dreg_write(c, dn, sz, r);
        return;
    }
    if (o == OP_CMP) {
        uint32_t d = ea_read(c, m, op & 7, sz, &ea, std_adj(m, sz));
        prefetch(c);
        do_cmp(c, sz, s, d);
        return;
    }
    uint32_t d = ea_read_rmw(c, m, op & 7, sz, &ea, std_adj(m, sz));
    uint32_t r = alu(c, o, sz, s, d);
    prefetch(c);
    rmw_write(c, sz, ea, r, true);
}
M68K_INLINE void addi(m68k_cpu *c, uint32_t op, int m, int sz) { imm_ea(c, op, m, sz, OP_ADD); }
M68K_INLINE void subi(m68k_cpu *c, uint32_t op, int m, int sz) { imm_ea(c, op, m, sz, OP_SUB); }
M68K_INLINE void andi(m68k_cpu *c, uint32_t op, int m, int sz) { imm_ea(c, op, m, sz, OP_AND); }
M68K_INLINE void ori(m68k_cpu *c, uint32_t op, int m, int sz) { imm_ea(c, op, m, sz, OP_OR); }
M68K_INLINE void eori(m68k_cpu *c, uint32_t op, int m, int sz) { imm_ea(c, op, m, sz, OP_EOR); }
M68K_INLINE void cmpi(m68k_cpu *c, uint32_t op, int m, int sz) { imm_ea(c, op, m, sz, OP_CMP); }
M68K_EA_WRAPPERS_BWL(h_addi, addi)
M68K_EA_WRAPPERS_BWL(h_subi, subi)
M68K_EA_WRAPPERS_BWL(h_andi, andi)
M68K_EA_WRAPPERS_BWL(h_ori, ori)
M68K_EA_WRAPPERS_BWL(h_eori, eori)
M68K_EA_WRAPPERS_BWL(h_cmpi, cmpi)

/* ADDQ/SUBQ */
M68K_INLINE void addq(m68k_cpu *c, uint32_t op, int m, int sz, bool sub)
{
    uint32_t s = op >> 9 & 7, ea = 0;
    if (!s)
        s = 8;
    if (m == M_AN) {
        uint32_t *an = &c->a[op & 7];
        *an = sub ? *an - s : *an + s;
        prefetch(c);
        c->budget -= 4;
        return;
    }
    if (m == M_DN) {
        int dn = op & 7;
        uint32_t d = c->d[dn] & sz_mask(sz);
        uint32_t r = sub ? do_sub(c, sz, s, d) : do_add(c, sz, s, d);
        prefetch(c);
        if (sz == 4)
            c->budget -= 4;
        dreg_write(c, dn, sz, r);
        return;
    }
    uint32_t d = ea_read_rmw(c, m, op & 7, sz, &ea, std_adj(m, sz));
    uint32_t r = sub ? do_sub(c, sz, s, d) : do_add(c, sz, s, d);
    prefetch(c);
    rmw_write(c, sz, ea, r, false);
}
M68K_INLINE void addq_b(m68k_cpu *c, uint32_t op, int m, int sz) { addq(c, op, m, sz, false); }
M68K_INLINE void subq_b(m68k_cpu *c, uint32_t op, int m, int sz) { addq(c, op, m, sz, true); }
M68K_EA_WRAPPERS_BWL(h_addq, addq_b)
M68K_EA_WRAPPERS_BWL(h_subq, subq_b)

/* NEG/NEGX/NOT/CLR: the 68000 reads the operand even for CLR. */
enum { U_NEG, U_NEGX, U_NOT, U_CLR };
M68K_INLINE void unary(m68k_cpu *c, uint32_t op, int m, int sz, int u)
{
    uint32_t ea = 0;
    uint32_t d = ea_read_rmw(c, m, op & 7, sz, &ea, std_adj(m, sz));
    uint32_t r;
    switch (u) {
    case U_NEG: r = do_sub(c, sz, d, 0); break;
    case U_NEGX: r = do_subx(c, sz, d, 0); break;
    case U_NOT: r = ~d & sz_mask(sz); set_logic(c, sz, r); break;
    default: r = 0; set_logic(c, sz, 0); break;
    }
    prefetch(c);
    if (m == M_DN) {
        if (sz == 4)
            c->budget -= 2;
        dreg_write(c, op & 7, sz, r);
    } else {
        rmw_write(c, sz, ea, r, true);
    }
}
M68K_INLINE void neg_b(m68k_cpu *c, uint32_t op, int m, int sz) { unary(c, op, m, sz, U_NEG); }
M68K_INLINE void negx_b(m68k_cpu *c, uint32_t op, int m, int sz) { unary(c, op, m, sz, U_NEGX); }
M68K_INLINE void not_b(m68k_cpu *c, uint32_t op, int m, int sz) { unary(c, op, m, sz, U_NOT); }
M68K_INLINE void clr_b(m68k_cpu *c, uint32_t op, int m, int sz) { unary(c, op, m, sz, U_CLR); }
M68K_EA_WRAPPERS_BWL(h_neg, neg_b)
M68K_EA_WRAPPERS_BWL(h_negx, negx_b)
M68K_EA_WRAPPERS_BWL(h_not, not_b)
M68K_EA_WRAPPERS_BWL(h_clr, clr_b)

M68K_INLINE void tst(m68k_cpu *c, uint32_t op, int m, int sz)
{
    uint32_t ea = 0;
    uint32_t v = ea_read(c, m, op & 7, sz, &ea, std_adj(m, sz));
    set_logic(c, sz, v);
    prefetch(c);
}
M68K_EA_WRAPPERS_BWL(h_tst, tst)

/* ---- single-form instructions ---- */
static void op_ext_w(m68k_cpu *c, uint32_t op)
{
    uint32_t v = sext(1, c->d[op & 7]);
    dreg_write(c, op & 7, 2, v);
    set_logic(c, 2, v);
    prefetch(c);
    m68k_next(c);
}
static void op_ext_l(m68k_cpu *c, uint32_t op)
{
    uint32_t v = sext(2, c->d[op & 7]);
    c->d[op & 7] = v;
    set_logic(c, 4, v);
    prefetch(c);
    m68k_next(c);
}
static void op_swap(m68k_cpu *c, uint32_t op)
{
    uint32_t v = c->d[op & 7];
    v = v >> 16 | v << 16;
    c->d[op & 7] = v;
    set_logic(c, 4, v);
    prefetch(c);
    m68k_next(c);
}
static void op_exg_dd(m68k_cpu *c, uint32_t op)
{
    uint32_t t = c->d[op >> 9 & 7];
    c->d[op >> 9 & 7] = c->d[op & 7];
    c->d[op & 7] = t;
    prefetch(c);
    c->budget -= 2;
    m68k_next(c);
}
static void op_exg_aa(m68k_cpu *c, uint32_t op)
{
    uint32_t t = c->a[op >> 9 & 7];
    c->a[op >> 9 & 7] = c->a[op & 7];
    c->a[op & 7] = t;
    prefetch(c);
    c->budget -= 2;
    m68k_next(c);
}
static void op_exg_da(m68k_cpu *c, uint32_t op)
{
    uint32_t t = c->d[op >> 9 & 7];
    c->d[op >> 9 & 7] = c->a[op & 7];
    c->a[op & 7] = t;
    prefetch(c);
    c->budget -= 2;
    m68k_next(c);
}

/* ANDI/ORI/EORI to CCR and SR: 8 idle clocks and a dummy read. */
M68K_INLINE void imm_ccr(m68k_cpu *c, int o, bool sr)
{
    if (sr && !supervisor(c)) {
        m68k_privilege(c);
        return;
    }
    uint32_t s = ext16(c);
    uint32_t d = sr ? sr_get(c) : ccr_get(c);
    uint32_t r = o == OP_AND ? (s & d) : o == OP_OR ? (s | d) : (s ^ d);
    c->budget -= 8;
    if (sr)
        m68k_sr_set(c, r);
    else
        ccr_set(c, r & 0x1F);
    c->budget -= 4; /* re-read of the next word */
    prefetch(c);
}
static void op_andi_ccr(m68k_cpu *c, uint32_t op) { M68K_IR(c, op); imm_ccr(c, OP_AND, false); }
static void op_ori_ccr(m68k_cpu *c, uint32_t op) { M68K_IR(c, op); imm_ccr(c, OP_OR, false); }
static void op_eori_ccr(m68k_cpu *c, uint32_t op) { M68K_IR(c, op); imm_ccr(c, OP_EOR, false); }
static void op_andi_sr(m68k_cpu *c, uint32_t op) { M68K_IR(c, op); imm_ccr(c, OP_AND, true); }
static void op_ori_sr(m68k_cpu *c, uint32_t op) { M68K_IR(c, op); imm_ccr(c, OP_OR, true); }
static void op_eori_sr(m68k_cpu *c, uint32_t op) { M68K_IR(c, op); imm_ccr(c, OP_EOR, true); }

#define ONE(NAME, FN) static const m68k_handler NAME[1] = {FN};
ONE(h_ext_w, op_ext_w)
ONE(h_ext_l, op_ext_l)
ONE(h_swap, op_swap)
ONE(h_exg_dd, op_exg_dd)
ONE(h_exg_aa, op_exg_aa)
ONE(h_exg_da, op_exg_da)
ONE(h_andi_ccr, op_andi_ccr)
ONE(h_ori_ccr, op_ori_ccr)
ONE(h_eori_ccr, op_eori_ccr)
ONE(h_andi_sr, op_andi_sr)
ONE(h_ori_sr, op_ori_sr)
ONE(h_eori_sr, op_eori_sr)

#define SZ3(N) N##_b, N##_w, N##_l
#define EA_DN_AN (EA_DN | EA_AN)

/* ---- compare-and-branch pairs ----
 * CMP, CMPA, CMPI and TST on a register or an immediate, followed in the
 * same code block by a Bcc.s with an even displacement, are decoded into
 * one handler: the pair then costs one dispatch, not two.  The Bcc stays
 * an instruction of its own (counted, timed, and skipped when the budget
 * ends between the two: m68k_then_bcc).  Writing to either word drops the
 * block and with it the pair. */
#define FUSED_CC(NAME, BODY, M, SZ, CC) \
    static void NAME##_##CC(m68k_cpu *c, uint32_t op) { BODY(c, op, M, SZ); m68k_then_bcc(c, op, CC); }
#define FUSED(NAME, BODY, M, SZ)                                                          \
    FUSED_CC(NAME, BODY, M, SZ, 0) FUSED_CC(NAME, BODY, M, SZ, 2)                         \
    FUSED_CC(NAME, BODY, M, SZ, 3) FUSED_CC(NAME, BODY, M, SZ, 4)                         \
    FUSED_CC(NAME, BODY, M, SZ, 5) FUSED_CC(NAME, BODY, M, SZ, 6)                         \
    FUSED_CC(NAME, BODY, M, SZ, 7) FUSED_CC(NAME, BODY, M, SZ, 8)                         \
    FUSED_CC(NAME, BODY, M, SZ, 9) FUSED_CC(NAME, BODY, M, SZ, 10)                        \
    FUSED_CC(NAME, BODY, M, SZ, 11) FUSED_CC(NAME, BODY, M, SZ, 12)                       \
    FUSED_CC(NAME, BODY, M, SZ, 13) FUSED_CC(NAME, BODY, M, SZ, 14)                       \
    FUSED_CC(NAME, BODY, M, SZ, 15)                                                       \
    static const m68k_handler NAME[16] = {                                                \
        NAME##_0, NULL, NAME##_2, NAME##_3, NAME##_4, NAME##_5, NAME##_6, NAME##_7,       \
        NAME##_8, NAME##_9, NAME##_10, NAME##_11, NAME##_12, NAME##_13, NAME##_14, NAME##_15};

FUSED(f_cmp_b_dn, cmp_ea_dn, M_DN, 1)
FUSED(f_cmp_b_im, cmp_ea_dn, M_IM, 1)
FUSED(f_cmp_w_dn, cmp_ea_dn, M_DN, 2)
FUSED(f_cmp_w_an, cmp_ea_dn, M_AN, 2)
FUSED(f_cmp_w_im, cmp_ea_dn, M_IM, 2)
FUSED(f_cmp_l_dn, cmp_ea_dn, M_DN, 4)
FUSED(f_cmp_l_an, cmp_ea_dn, M_AN, 4)
FUSED(f_cmp_l_im, cmp_ea_dn, M_IM, 4)
FUSED(f_cmpa_w_dn, cmpa_b, M_DN, 2)
FUSED(f_cmpa_w_an, cmpa_b, M_AN, 2)
FUSED(f_cmpa_w_im, cmpa_b, M_IM, 2)
FUSED(f_cmpa_l_dn, cmpa_b, M_DN, 4)
FUSED(f_cmpa_l_an, cmpa_b, M_AN, 4)
FUSED(f_cmpa_l_im, cmpa_b, M_IM, 4)
FUSED(f_cmpi_b_dn, cmpi, M_DN, 1)
FUSED(f_cmpi_w_dn, cmpi, M_DN, 2)
FUSED(f_cmpi_l_dn, cmpi, M_DN, 4)
FUSED(f_tst_b_dn, tst, M_DN, 1)
FUSED(f_tst_w_dn, tst, M_DN, 2)
FUSED(f_tst_l_dn, tst, M_DN, 4)

/* A pairable compare: the handler it decodes to on its own (one per form,
 * so it names the form), its pairs, and its length in bytes. */
static const struct {
    m68k_handler alone;
    const m68k_handler *pairs;
    uint32_t len;
} pair_forms[] = {
    {h_cmp_ea_dn_b_dn, f_cmp_b_dn, 2}, {h_cmp_ea_dn_b_im, f_cmp_b_im, 4},
    {h_cmp_ea_dn_w_dn, f_cmp_w_dn, 2}, {h_cmp_ea_dn_w_an, f_cmp_w_an, 2},
    {h_cmp_ea_dn_w_im, f_cmp_w_im, 4}, {h_cmp_ea_dn_l_dn, f_cmp_l_dn, 2},
    {h_cmp_ea_dn_l_an, f_cmp_l_an, 2}, {h_cmp_ea_dn_l_im, f_cmp_l_im, 6},
    {h_cmpa_w_dn, f_cmpa_w_dn, 2},     {h_cmpa_w_an, f_cmpa_w_an, 2},
    {h_cmpa_w_im, f_cmpa_w_im, 4},     {h_cmpa_l_dn, f_cmpa_l_dn, 2},
    {h_cmpa_l_an, f_cmpa_l_an, 2},     {h_cmpa_l_im, f_cmpa_l_im, 6},
    {h_cmpi_b_dn, f_cmpi_b_dn, 4},     {h_cmpi_w_dn, f_cmpi_w_dn, 4},
    {h_cmpi_l_dn, f_cmpi_l_dn, 6},     {h_tst_b_dn, f_tst_b_dn, 2},
    {h_tst_w_dn, f_tst_w_dn, 2},       {h_tst_l_dn, f_tst_l_dn, 2},
};

m68k_handler m68k_fuse_compare(m68k_cpu *c, uint32_t pc, uint32_t *op)
{
    m68k_handler alone = c->table[*op];
    size_t i = 0, n = sizeof pair_forms / sizeof pair_forms[0];
    while (i < n && pair_forms[i].alone != alone)
        i++;
    if (i == n)
        return NULL; /* not a pairable compare (on this model) */
    uint32_t next = pc + pair_forms[i].len;
    if ((next ^ pc) & ~(uint32_t)(MEM_CODE_BLOCK - 1))
        return NULL; /* the Bcc would be in another block */
    uint32_t bop = mem_fetch16(c->mem, next);
    int cc = bop >> 8 & 15;
    if ((bop & 0xF000) != 0x6000 || cc == 1 || (bop & 0xFF) == 0 || (bop & 1))
        return NULL; /* not a Bcc.s with an even displacement (nor BSR) */
    *op |= (bop & 0xFF) << 16;
    return pair_forms[i].pairs[cc];
}

static const m68k_row rows[] = {
    {"1101 ---0 ---- ----", K_SZEA, SZ3(h_add_ea_dn), EA_ALL, 0, 0, "ADD <ea>,Dn"},
    {"1101 ---1 ---- ----", K_SZEA, SZ3(h_add_dn_ea), EA_MEMALT, 0, 0, "ADD Dn,<ea>"},
    {"1101 ---0 11-- ----", K_EA, h_adda_w, NULL, NULL, EA_ALL, 0, 0, "ADDA.W"},
    {"1101 ---1 11-- ----", K_EA, h_adda_l, NULL, NULL, EA_ALL, 0, 0, "ADDA.L"},
    {"1101 ---1 --00 ----", K_SZEA_ANY, SZ3(h_addx), EA_DN_AN, 0, 0, "ADDX"},
    {"1001 ---0 ---- ----", K_SZEA, SZ3(h_sub_ea_dn), EA_ALL, 0, 0, "SUB <ea>,Dn"},
    {"1001 ---1 ---- ----", K_SZEA, SZ3(h_sub_dn_ea), EA_MEMALT, 0, 0, "SUB Dn,<ea>"},
    {"1001 ---0 11-- ----", K_EA, h_suba_w, NULL, NULL, EA_ALL, 0, 0, "SUBA.W"},
    {"1001 ---1 11-- ----", K_EA, h_suba_l, NULL, NULL, EA_ALL, 0, 0, "SUBA.L"},
    {"1001 ---1 --00 ----", K_SZEA_ANY, SZ3(h_subx), EA_DN_AN, 0, 0, "SUBX"},
    {"1011 ---0 ---- ----", K_SZEA, SZ3(h_cmp_ea_dn), EA_ALL, 0, 0, "CMP"},
    {"1011 ---0 11-- ----", K_EA, h_cmpa_w, NULL, NULL, EA_ALL, 0, 0, "CMPA.W"},
    {"1011 ---1 11-- ----", K_EA, h_cmpa_l, NULL, NULL, EA_ALL, 0, 0, "CMPA.L"},
    {"1011 ---1 ---- ----", K_SZEA, SZ3(h_eor_dn_ea), EA_DATALT, 0, 0, "EOR"},
    {"1011 ---1 --00 1---", K_SZEA_ANY, SZ3(h_cmpm), EA_AN, 0, 0, "CMPM"},
    {"1100 ---0 ---- ----", K_SZEA, SZ3(h_and_ea_dn), EA_DATA, 0, 0, "AND <ea>,Dn"},
    {"1100 ---1 ---- ----", K_SZEA, SZ3(h_and_dn_ea), EA_MEMALT, 0, 0, "AND Dn,<ea>"},
    {"1000 ---0 ---- ----", K_SZEA, SZ3(h_or_ea_dn), EA_DATA, 0, 0, "OR <ea>,Dn"},
    {"1000 ---1 ---- ----", K_SZEA, SZ3(h_or_dn_ea), EA_MEMALT, 0, 0, "OR Dn,<ea>"},
    {"0000 0000 ---- ----", K_SZEA, SZ3(h_ori), EA_DATALT, 0, 0, "ORI"},
    {"0000 0010 ---- ----", K_SZEA, SZ3(h_andi), EA_DATALT, 0, 0, "ANDI"},
    {"0000 0100 ---- ----", K_SZEA, SZ3(h_subi), EA_DATALT, 0, 0, "SUBI"},
    {"0000 0110 ---- ----", K_SZEA, SZ3(h_addi), EA_DATALT, 0, 0, "ADDI"},
    {"0000 1010 ---- ----", K_SZEA, SZ3(h_eori), EA_DATALT, 0, 0, "EORI"},
    {"0000 1100 ---- ----", K_SZEA, SZ3(h_cmpi), EA_DATALT, 0, 0, "CMPI"},
    {"0000 0000 0011 1100", K_ONE, h_ori_ccr, NULL, NULL, 0, 0, 0, "ORI to CCR"},
    {"0000 0000 0111 1100", K_ONE, h_ori_sr, NULL, NULL, 0, 0, 0, "ORI to SR"},
    {"0000 0010 0011 1100", K_ONE, h_andi_ccr, NULL, NULL, 0, 0, 0, "ANDI to CCR"},
    {"0000 0010 0111 1100", K_ONE, h_andi_sr, NULL, NULL, 0, 0, 0, "ANDI to SR"},
    {"0000 1010 0011 1100", K_ONE, h_eori_ccr, NULL, NULL, 0, 0, 0, "EORI to CCR"},
    {"0000 1010 0111 1100", K_ONE, h_eori_sr, NULL, NULL, 0, 0, 0, "EORI to SR"},
    {"0101 ---0 ---- ----", K_SZEA, SZ3(h_addq), EA_ALT, 0, 0, "ADDQ"},
    {"0101 ---1 ---- ----", K_SZEA, SZ3(h_subq), EA_ALT, 0, 0, "SUBQ"},
    {"0100 0000 ---- ----", K_SZEA, SZ3(h_negx), EA_DATALT, 0, 0, "NEGX"},
    {"0100 0010 ---- ----", K_SZEA, SZ3(h_clr), EA_DATALT, 0, 0, "CLR"},
    {"0100 0100 ---- ----", K_SZEA, SZ3(h_neg), EA_DATALT, 0, 0, "NEG"},
    {"0100 0110 ---- ----", K_SZEA, SZ3(h_not), EA_DATALT, 0, 0, "NOT"},
    {"0100 1010 ---- ----", K_SZEA, SZ3(h_tst), EA_DATALT, 0, 0, "TST"},
    /* The 68020 lets TST take An (word, long), PC-relative and immediate
     * operands, and CMPI PC-relative ones. */
    {"0100 1010 ---- ----", K_SZEA, SZ3(h_tst), EA_ALL, MODELS_68020_UP, 1, "TST (68020+)"},
    {"0000 1100 ---- ----", K_SZEA, SZ3(h_cmpi), EA_DATALT | EA_PCREL, MODELS_68020_UP, 1,
     "CMPI (68020+)"},
    {"0100 1000 1000 0---", K_ONE, h_ext_w, NULL, NULL, 0, 0, 0, "EXT.W"},
    {"0100 1000 1100 0---", K_ONE, h_ext_l, NULL, NULL, 0, 0, 0, "EXT.L"},
    {"0100 1000 0100 0---", K_ONE, h_swap, NULL, NULL, 0, 0, 0, "SWAP"},
    {"1100 ---1 0100 0---", K_ONE, h_exg_dd, NULL, NULL, 0, 0, 0, "EXG Dx,Dy"},
    {"1100 ---1 0100 1---", K_ONE, h_exg_aa, NULL, NULL, 0, 0, 0, "EXG Ax,Ay"},
    {"1100 ---1 1000 1---", K_ONE, h_exg_da, NULL, NULL, 0, 0, 0, "EXG Dx,Ay"},
};
M68K_ROWS(m68k_rows_alu, rows)
