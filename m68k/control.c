/* The 68010+ supervisor side: MOVEC, MOVES, and the 68040's MOVE16 and
 * CINV/CPUSH.  Timing is approximate (a few clocks per instruction, bus
 * accesses charged as they happen). */
#include "m68k/ea.h"

/* ---- MOVEC ---- */

/* The control register `code` names on this model, or NULL when it has
 * none (then MOVEC is an illegal instruction).  `mask` gets the bits that
 * exist, for writes. */
static uint32_t *control_reg(m68k_cpu *c, uint32_t code, uint32_t *mask)
{
    m68k_model m = c->model;
    *mask = 0xFFFFFFFFu;
    switch (code) {
    case 0x000: *mask = 7; return &c->sfc;
    case 0x001: *mask = 7; return &c->dfc;
    case 0x800: return &c->usp;
    case 0x801: return &c->vbr;
    default: break;
    }
    if (m < M68K_68020)
        return NULL;
    switch (code) {
    case 0x002:
        *mask = m == M68K_68040 ? 0x80008000u : m == M68K_68030 ? 0x3F1Fu : 0x3u;
        return &c->cacr;
    case 0x802: return m == M68K_68040 ? NULL : &c->caar;
    case 0x803: return &c->msp;
    case 0x804: return &c->ssp;
    default: break;
    }
    if (m != M68K_68040)
        return NULL;
    switch (code) {
    case 0x003: *mask = 0xC000; return &c->tc;
    case 0x004: *mask = 0xFFFFE364u; return &c->itt[0];
    case 0x005: *mask = 0xFFFFE364u; return &c->itt[1];
    case 0x006: *mask = 0xFFFFE364u; return &c->dtt[0];
    case 0x007: *mask = 0xFFFFE364u; return &c->dtt[1];
    case 0x805: *mask = 0xFFFFF3FFu; return &c->mmusr;
    case 0x806: *mask = 0xFFFFFE00u; return &c->urp;
    case 0x807: *mask = 0xFFFFFE00u; return &c->srp;
    default: return NULL;
    }
}

/* A7 is whichever of USP/ISP/MSP is active: MOVEC reaches the others. */
static uint32_t *live(m68k_cpu *c, uint32_t *reg)
{
    bool m = (c->sr_sys & 0x1000) != 0;
    if ((reg == &c->msp && m) || (reg == &c->ssp && !m))
        return &c->a[7];
    return reg;
}

static void control_write(m68k_cpu *c, uint32_t *reg, unsigned code, uint32_t v, uint32_t mask)
{
    *live(c, reg) = v & mask;
    if ((code >= 0x003 && code <= 0x007) || code == 0x806 || code == 0x807)
        m68k_mmu040_changed(c); /* TC, TT registers, URP, SRP */
}

bool m68k_set_control(m68k_cpu *c, unsigned code, uint32_t value)
{
    uint32_t mask, *reg = control_reg(c, code & 0xFFF, &mask);
    if (!reg)
        return false;
    control_write(c, reg, code & 0xFFF, value, mask);
    return true;
}

static void op_movec(m68k_cpu *c, uint32_t op)
{
    M68K_IR(c, op);
    if (!supervisor(c)) {
        m68k_privilege(c);
        return;
    }
    uint32_t ext = ext16(c), mask;
    uint32_t *reg = control_reg(c, ext & 0xFFF, &mask);
    if (!reg)
        m68k_illegal_abort(c);
    if (op & 1)
        control_write(c, reg, ext & 0xFFF, c->r[ext >> 12], mask);
    else
        c->r[ext >> 12] = *live(c, reg);
    c->budget -= 12;
    prefetch(c);
    m68k_next(c);
}
static const m68k_handler h_movec[1] = {op_movec};

/* ---- MOVES: an access in the address space SFC or DFC names ---- */

/* With no MMU the function code only decides the privilege mem/ checks:
 * 1 and 2 are user data and program, 5 and 6 supervisor (3 and 7 are
 * treated by their S bit as well). */
M68K_INLINE void moves(m68k_cpu *c, uint32_t op, int m, int sz)
{
    M68K_IR(c, op);
    if (!supervisor(c)) {
        m68k_privilege(c);
        return;
    }
    uint32_t ext = ext16(c);
    int n = op & 7;
    uint32_t a = ea_addr(c, m, n, sz, false);
    bool to_mem = (ext & 0x800) != 0;
    uint32_t fc = to_mem ? c->dfc : c->sfc;
    uint32_t v = c->r[ext >> 12];
    if (c->mem->translate) {
        /* Under the MMU: the access translated for the function code's
         * privilege, without leaving TLB entries of that privilege behind. */
        ea_pre(c, m, n, sz);
        c->budget -= sz == 4 ? 8 : 4;
        if (to_mem)
            mem_write_as(c->mem, a, (unsigned)sz, v, (fc & 4) != 0);
        else
            v = mem_read_as(c->mem, a, (unsigned)sz, (fc & 4) != 0);
        ea_post(c, m, n, sz);
        if (!to_mem) {
            if (ext & 0x8000)
                c->a[ext >> 12 & 7] = sext(sz, v);
            else
                dreg_write(c, ext >> 12 & 7, sz, v);
        }
        c->budget -= 4;
        prefetch(c);
        return;
    }
    if (!(fc & 4))
        mem_set_supervisor(c->mem, false);
    if (to_mem) {
        ea_pre(c, m, n, sz);
        /* The register is read before An is updated (the manual leaves the
         * same-register case undefined). */
        wr(c, sz, a, v, 0);
    } else {
        ea_pre(c, m, n, sz);
        v = rd(c, sz, a, AE_READ, 0);
    }
    if (!(fc & 4))
        mem_set_supervisor(c->mem, true);
    ea_post(c, m, n, sz);
    if (!to_mem) {
        if (ext & 0x8000)
            c->a[ext >> 12 & 7] = sext(sz, v);
        else
            dreg_write(c, ext >> 12 & 7, sz, v);
    }
    c->budget -= 4;
    prefetch(c);
}
M68K_EA_WRAPPERS_BWL(h_moves, moves)

/* ---- MOVE16: one 16-byte line, both addresses aligned down to 16 ---- */
static void move16_line(m68k_cpu *c, uint32_t src, uint32_t dst)
{
    uint32_t v[4];
    src &= ~15u;
    dst &= ~15u;
    for (int i = 0; i < 4; i++)
        v[i] = rd32(c, src + 4 * (uint32_t)i, AE_READ, 0);
    for (int i = 0; i < 4; i++)
        wr32(c, dst + 4 * (uint32_t)i, v[i], 0);
}

/* (Ax)+,(Ay)+ */
static void op_move16_pp(m68k_cpu *c, uint32_t op)
{
    M68K_IR(c, op);
    uint32_t ext = ext16(c);
    int x = op & 7, y = ext >> 12 & 7;
    move16_line(c, c->a[x], c->a[y]);
    c->a[x] += 16;
    if (y != x)
        c->a[y] += 16;
    prefetch(c);
    m68k_next(c);
}

/* The four forms with an absolute address: bit 3 says which side is
 * absolute, bit 4 whether Ay stays put. */
static void op_move16_abs(m68k_cpu *c, uint32_t op)
{
    M68K_IR(c, op);
    uint32_t abs = ext32(c);
    int y = op & 7;
    if (op & 8)
        move16_line(c, abs, c->a[y]);
    else
        move16_line(c, c->a[y], abs);
    if (!(op & 0x10))
        c->a[y] += 16;
    prefetch(c);
    m68k_next(c);
}
static const m68k_handler h_move16_pp[1] = {op_move16_pp};
static const m68k_handler h_move16_abs[1] = {op_move16_abs};

/* ---- CINV/CPUSH: privileged, otherwise nothing to do: mem/ catches every
 * write into cached code, so there is no stale instruction cache, and
 * there is no data cache to push. ---- */
static void op_cache(m68k_cpu *c, uint32_t op)
{
    M68K_IR(c, op);
    if ((op & 0x18) == 0) { /* scope 00 is reserved */
        m68k_illegal(c, op);
        return;
    }
    if (!supervisor(c)) {
        m68k_privilege(c);
        return;
    }
    c->budget -= 4;
    prefetch(c);
    m68k_next(c);
}
static const m68k_handler h_cache[1] = {op_cache};

#define SZ3(N) N##_b, N##_w, N##_l

static const m68k_row rows[] = {
    {"0100 1110 0111 101-", K_ONE, h_movec, NULL, NULL, 0, MODELS_68010_UP, 0, "MOVEC"},
    {"0000 1110 ---- ----", K_SZEA, SZ3(h_moves), EA_MEMALT, MODELS_68010_UP, 0, "MOVES"},
    {"1111 0110 0010 0---", K_ONE, h_move16_pp, NULL, NULL, 0, MODELS_68040_ONLY, 0,
     "MOVE16 (Ax)+,(Ay)+"},
    {"1111 0110 000- ----", K_ONE, h_move16_abs, NULL, NULL, 0, MODELS_68040_ONLY, 0,
     "MOVE16 with (xxx).L"},
    {"1111 0100 ---- ----", K_ONE, h_cache, NULL, NULL, 0, MODELS_68040_ONLY, 0, "CINV/CPUSH"},
};
M68K_ROWS(m68k_rows_control, rows)
