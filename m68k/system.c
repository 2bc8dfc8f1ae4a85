/* System and data-movement instructions: SR/CCR/USP moves, MOVEM, MOVEP,
 * LEA, PEA, LINK, UNLK, RTE/RTR/RTS, TRAP, TRAPV, CHK, TAS, NOP, RESET,
 * STOP, ILLEGAL, line A/F. */
#include "m68k/ea.h"

static inline _Noreturn void ae_direct(m68k_cpu *c, uint32_t a, int kind, uint32_t fpc)
{
    m68k_address_error(c, a, kind, fpc);
}

/* ---- SR and CCR ---- */
M68K_INLINE void move_to_ccr(m68k_cpu *c, uint32_t op, int m, int sz)
{
    uint32_t ea = 0;
    uint32_t v = ea_read(c, m, op & 7, sz, &ea, std_adj(m, sz));
    c->budget -= 4;
    ccr_set(c, v & 0x1F);
    c->budget -= 4;
    prefetch(c);
}
M68K_EA_WRAPPERS(h_move_to_ccr, move_to_ccr, 2)

M68K_INLINE void move_to_sr(m68k_cpu *c, uint32_t op, int m, int sz)
{
    if (!supervisor(c)) {
        m68k_privilege(c);
        return;
    }
    uint32_t ea = 0;
    uint32_t v = ea_read(c, m, op & 7, sz, &ea, std_adj(m, sz));
    c->budget -= 4;
    m68k_sr_set(c, v);
    c->budget -= 4;
    prefetch(c);
}
M68K_EA_WRAPPERS(h_move_to_sr, move_to_sr, 2)

/* 68000: MOVE from SR is not privileged and reads its operand first. */
M68K_INLINE void move_from_sr(m68k_cpu *c, uint32_t op, int m, int sz)
{
    if (m == M_DN) {
        prefetch(c);
        c->budget -= 2;
        dreg_write(c, op & 7, 2, sr_get(c));
        return;
    }
    uint32_t ea = 0;
    ea_read_rmw(c, m, op & 7, sz, &ea, std_adj(m, sz));
    prefetch(c);
    rmw_write(c, 2, ea, sr_get(c), false);
}
M68K_EA_WRAPPERS(h_move_from_sr, move_from_sr, 2)

/* 68010 and later: MOVE from SR is privileged (timing to be refined with
 * the 68010+ forms). */
M68K_INLINE void move_from_sr_priv(m68k_cpu *c, uint32_t op, int m, int sz)
{
    if (!supervisor(c)) {
        m68k_privilege(c);
        return;
    }
    move_from_sr(c, op, m, sz);
}
M68K_EA_WRAPPERS(h_move_from_sr_priv, move_from_sr_priv, 2)

static void op_move_to_usp(m68k_cpu *c, uint32_t op)
{
    M68K_IR(c, op);
    if (!supervisor(c)) {
        m68k_privilege(c);
        return;
    }
    prefetch(c);
    c->usp = c->a[op & 7];
}
static void op_move_from_usp(m68k_cpu *c, uint32_t op)
{
    M68K_IR(c, op);
    if (!supervisor(c)) {
        m68k_privilege(c);
        return;
    }
    prefetch(c);
    c->a[op & 7] = c->usp;
}

/* ---- MOVEM ---- */
M68K_INLINE void movem_to_regs(m68k_cpu *c, uint32_t op, int m, int sz)
{
    uint32_t mask = ext16(c);
    int n = op & 7;
    uint32_t ea = ea_addr(c, m, n, sz, false);
    if (misaligned(c, ea))
        ae_direct(c, ea, ae_kind(m), c->pc + 2);
    int kind = ae_kind(m);
    c->budget -= 4; /* the 68000 reads one word beyond the list */
    for (int i = 0; i < 16; i++) {
        if (!(mask & (1u << i)))
            continue;
        uint32_t v = sz == 2 ? sext(2, rd16(c, ea, kind, 0)) : rd32(c, ea, kind, 0);
        if (i < 8)
            c->d[i] = v;
        else
            c->a[i - 8] = v;
        ea += (uint32_t)sz;
    }
    if (m == M_PI)
        c->a[n] = ea;
    prefetch(c);
}
M68K_EA_WRAPPERS(h_movem_rm_w, movem_to_regs, 2)
M68K_EA_WRAPPERS(h_movem_rm_l, movem_to_regs, 4)

M68K_INLINE void movem_to_mem(m68k_cpu *c, uint32_t op, int m, int sz)
{
    uint32_t mask = ext16(c);
    int n = op & 7;
    if (m == M_PD) {
        uint32_t ea = c->a[n];
        if (mask && misaligned(c, ea))
            ae_direct(c, ea - 2, AE_WRITE, c->pc + 2);
        /* Mask bit 0 is A7 ... bit 15 is D0.  When An itself is stored, the
         * 68000/68010 write its initial value, the 68020+ that value minus
         * the operand size. */
        uint32_t an_value = c->model >= M68K_68020 ? c->a[n] - (uint32_t)sz : c->a[n];
        for (int i = 15; i >= 0; i--) {
            if (!(mask & (0x8000u >> i)))
                continue;
            uint32_t v = i < 8 ? c->d[i] : i - 8 == n ? an_value : c->a[i - 8];
            ea -= (uint32_t)sz;
            if (sz == 2)
                wr16(c, ea, v, 0);
            else
                wr32(c, ea, v, 0);
        }
        c->a[n] = ea;
        prefetch(c);
        return;
    }
    uint32_t ea = ea_addr(c, m, n, sz, false);
    if (mask && misaligned(c, ea))
        ae_direct(c, ea, AE_WRITE, c->pc + 2);
    for (int i = 0; i < 16; i++) {
        if (!(mask & (1u << i)))
            continue;
        uint32_t v = i < 8 ? c->d[i] : c->a[i - 8];
        if (sz == 2)
            wr16(c, ea, v, 0);
        else
            wr32(c, ea, v, 0);
        ea += (uint32_t)sz;
    }
    prefetch(c);
}
M68K_EA_WRAPPERS(h_movem_mr_w, movem_to_mem, 2)
M68K_EA_WRAPPERS(h_movem_mr_l, movem_to_mem, 4)

/* ---- MOVEP: alternate bytes, high byte first ---- */
static void op_movep(m68k_cpu *c, uint32_t op)
{
    M68K_IR(c, op);
    int dx = op >> 9 & 7;
    uint32_t ea = c->a[op & 7] + (uint32_t)(int32_t)(int16_t)ext16(c);
    bool lng = op & 0x40;
    if (op & 0x80) { /* register to memory */
        uint32_t v = c->d[dx];
        if (lng) {
            wr8(c, ea, v >> 24);
            wr8(c, ea + 2, v >> 16);
            ea += 4;
        }
        wr8(c, ea, v >> 8);
        wr8(c, ea + 2, v);
    } else {
        uint32_t v = 0;
        if (lng) {
            v = rd8(c, ea) << 24;
            v |= rd8(c, ea + 2) << 16;
            ea += 4;
        }
        v |= rd8(c, ea) << 8;
        v |= rd8(c, ea + 2);
        dreg_write(c, dx, lng ? 4 : 2, v);
    }
    prefetch(c);
}

/* ---- LEA, PEA, LINK, UNLK ---- */
M68K_INLINE void lea(m68k_cpu *c, uint32_t op, int m, int sz)
{
    c->a[op >> 9 & 7] = ea_addr(c, m, op & 7, sz, false);
    if (m == M_IX || m == M_PCIX)
        c->budget -= 2;
    prefetch(c);
}
M68K_EA_WRAPPERS(h_lea, lea, 4)

M68K_INLINE void pea(m68k_cpu *c, uint32_t op, int m, int sz)
{
    uint32_t ea = ea_addr(c, m, op & 7, sz, false);
    if (m == M_IX || m == M_PCIX)
        c->budget -= 2;
    if (misaligned(c, c->a[7])) {
        c->a[7] -= 4;
        ae_direct(c, c->a[7], AE_WRITE, (m == M_AW || m == M_AL) ? c->pc : c->pc + 2);
    }
    prefetch(c);
    push32(c, ea, 0);
}
M68K_EA_WRAPPERS(h_pea, pea, 4)

static void op_link(m68k_cpu *c, uint32_t op)
{
    M68K_IR(c, op);
    int n = op & 7;
    uint32_t ir0 = c->ir;
    uint32_t disp = (uint32_t)(int32_t)(int16_t)ext16(c);
    uint32_t sp = c->a[7] - 4;
    if (misaligned(c, sp)) {
        c->a[n] = sp;
        c->ir = ir0;
        ae_direct(c, sp, AE_WRITE, c->pc + 2);
    }
    uint32_t old = c->a[n];
    c->a[7] = sp;
    wr32(c, sp, old, 0);
    c->a[n] = sp;
    c->a[7] += disp;
    prefetch(c);
    m68k_next(c);
}

static void op_unlk(m68k_cpu *c, uint32_t op)
{
    M68K_IR(c, op);
    int n = op & 7;
    uint32_t a = c->a[n];
    if (misaligned(c, a))
        ae_direct(c, a, AE_READ, c->pc + 2);
    c->a[7] = a;
    uint32_t v = rd32(c, a, AE_READ, 0);
    c->a[n] = v;
    if (n != 7)
        c->a[7] += 4;
    prefetch(c);
    m68k_next(c);
}

/* ---- returns ---- */
M68K_INLINE void stack_check(m68k_cpu *c)
{
    if (misaligned(c, c->a[7])) {
        c->budget -= 4; /* the 68000 reads the even word first */
        ae_direct(c, c->a[7], AE_READ, c->pc);
    }
}

static void op_rts(m68k_cpu *c, uint32_t op)
{
    M68K_IR(c, op);
    stack_check(c);
    uint32_t pc = rd32(c, c->a[7], AE_READ, c->pc);
    c->a[7] += 4;
    if (pc & 1)
        ae_direct(c, pc, AE_PROG, c->pc);
    c->pc = pc;
    c->budget -= 8;
    m68k_next_far(c);
}

static void op_rtr(m68k_cpu *c, uint32_t op)
{
    M68K_IR(c, op);
    stack_check(c);
    uint32_t ccr = rd16(c, c->a[7], AE_READ, c->pc);
    c->a[7] += 2;
    uint32_t pc = rd32(c, c->a[7], AE_READ, c->pc);
    c->a[7] += 4;
    ccr_set(c, ccr & 0x1F);
    if (pc & 1)
        ae_direct(c, pc, AE_PROG, c->pc);
    c->pc = pc;
    c->flow = true; /* returns do not chain: say so for SR.T0 */
    c->budget -= 8;
}

/* Bytes in a stack frame of format `fmt` on `model`; 0 if it has none. */
static uint32_t frame_bytes(m68k_model model, unsigned fmt)
{
    static const uint8_t bytes[5][16] = {
        [M68K_68010] = {[0] = 8, [8] = 58},
        [M68K_68020] = {[0] = 8, [1] = 8, [2] = 12, [9] = 20, [0xA] = 32, [0xB] = 92},
        [M68K_68030] = {[0] = 8, [1] = 8, [2] = 12, [9] = 20, [0xA] = 32, [0xB] = 92},
        [M68K_68040] = {[0] = 8, [1] = 8, [2] = 12, [3] = 12, [4] = 16, [7] = 60},
    };
    return bytes[model][fmt & 15];
}

/* 68010+ RTE: the format word says how much to pop.  A throwaway frame
 * (format 1) restores SR, which selects the stack the real frame is on.
 * Bus-fault frames restart the faulting instruction (see group0_010). */
static void rte_010(m68k_cpu *c)
{
    for (int frames = 0;; frames++) {
        uint32_t sp = c->a[7];
        uint32_t sr = rd16(c, sp, AE_READ, c->pc);
        uint32_t pc = rd32(c, sp + 2, AE_READ, c->pc);
        uint32_t fmt = rd16(c, sp + 6, AE_READ, c->pc) >> 12;
        uint32_t len = frame_bytes(c->model, fmt);
        if (len == 0 || frames == 2) { /* (a throwaway frame comes alone) */
            m68k_format_error(c);
            return;
        }
        c->a[7] = sp + len;
        m68k_sr_set(c, sr);
        if (fmt == 1)
            continue;
        if (pc & 1)
            ae_direct(c, pc, AE_PROG, c->pc);
        c->pc = pc;
        c->flow = true;
        c->budget -= 8;
        return;
    }
}

static void op_rte(m68k_cpu *c, uint32_t op)
{
    M68K_IR(c, op);
    if (!supervisor(c)) {
        m68k_privilege(c);
        return;
    }
    if (c->model != M68K_68000) {
        rte_010(c);
        return;
    }
    uint32_t sr = rd16(c, c->a[7], AE_READ, c->pc);
    c->a[7] += 2;
    uint32_t pc = rd32(c, c->a[7], AE_READ, c->pc);
    c->a[7] += 4;
    m68k_sr_set(c, sr);
    if (pc & 1)
        ae_direct(c, pc, AE_PROG, c->pc);
    c->pc = pc;
    c->flow = true; /* returns do not chain: say so for SR.T0 */
    c->budget -= 8;
}

/* ---- traps and checks ---- */
static void op_trap(m68k_cpu *c, uint32_t op)
{
    M68K_IR(c, op);
    c->budget -= 4;
    m68k_exception(c, 32 + (int)(op & 15), c->pc);
}

static void op_trapv(m68k_cpu *c, uint32_t op)
{
    M68K_IR(c, op);
    if (flag_v(c)) {
        c->budget -= 4;
        m68k_exception_insn(c, 7, c->pc, c->insn_pc);
        return;
    }
    prefetch(c);
}

M68K_INLINE void chk(m68k_cpu *c, uint32_t op, int m, int sz)
{
    uint32_t start = c->pc - 2;
    uint32_t ea = 0;
    uint32_t src;
    if (mode_is_mem(m)) {
        uint32_t a = ea_addr(c, m, op & 7, sz, false);
        ea_pre(c, m, op & 7, sz);
        ea_post(c, m, op & 7, sz);
        ea = a;
        if (misaligned(c, a))
            m68k_address_error(c, a, ae_kind(m), c->pc + (uint32_t)std_adj(m, sz));
        src = rd16(c, a, ae_kind(m), 0);
    } else {
        src = ea_read(c, m, op & 7, sz, &ea, 0);
    }
    int32_t s = (int16_t)src, d = (int16_t)c->d[op >> 9 & 7];
    c->budget -= 6;
    set_n(c, false);
    set_z(c, d == 0);
    set_vc(c, 0, 0);
    if (d > s || d < 0) {
        /* The compare is a 16-bit subtract: when Dn < 0 and Dn - src does
         * not look positive, the 68000 takes 2 more clocks. */
        uint32_t r = (uint32_t)(d - s) & 0xFFFF;
        c->budget -= (d < 0 && !(r != 0 && r < 0x8000)) ? 4 : 2;
        set_n(c, d < 0);
        m68k_exception_insn(c, 6, c->pc, start);
        return;
    }
    prefetch(c);
}
M68K_EA_WRAPPERS(h_chk, chk, 2)

M68K_INLINE void tas(m68k_cpu *c, uint32_t op, int m, int sz)
{
    (void)sz;
    uint32_t ea = 0;
    uint32_t v = ea_read_rmw(c, m, op & 7, 1, &ea, 0);
    set_logic(c, 1, v);
    v |= 0x80;
    if (m == M_DN) {
        dreg_write(c, op & 7, 1, v);
    } else {
        c->budget -= 2;
        rmw_write(c, 1, ea, v, false);
    }
    prefetch(c);
}
M68K_EA_WRAPPERS(h_tas, tas, 1)

/* ---- control ---- */
static void op_nop(m68k_cpu *c, uint32_t op)
{
    (void)op;
    prefetch(c);
    m68k_next(c);
}

static void op_reset(m68k_cpu *c, uint32_t op)
{
    M68K_IR(c, op);
    if (!supervisor(c)) {
        m68k_privilege(c);
        return;
    }
    c->budget -= 128; /* the RESET line is held for 124 clocks */
    if (c->hooks.reset_devices)
        c->hooks.reset_devices(c->hooks.ctx);
    prefetch(c);
}

static void op_stop(m68k_cpu *c, uint32_t op)
{
    M68K_IR(c, op);
    if (!supervisor(c)) {
        m68k_privilege(c);
        return;
    }
    uint32_t v = ext16(c);
    m68k_sr_set(c, v);
    special_set(c, SPC_STOPPED);
}

static void op_illegal_insn(m68k_cpu *c, uint32_t op)
{
    M68K_IR(c, op);
    m68k_illegal(c, op);
}

#define ONE(NAME, FN) static const m68k_handler NAME[1] = {FN};
ONE(h_move_to_usp, op_move_to_usp)
ONE(h_move_from_usp, op_move_from_usp)
ONE(h_movep, op_movep)
ONE(h_link, op_link)
ONE(h_unlk, op_unlk)
ONE(h_rts, op_rts)
ONE(h_rtr, op_rtr)
ONE(h_rte, op_rte)
ONE(h_trap, op_trap)
ONE(h_trapv, op_trapv)
ONE(h_nop, op_nop)
ONE(h_reset, op_reset)
ONE(h_stop, op_stop)
ONE(h_illegal, op_illegal_insn)

#define EA_MOVEM_RM ((1u << M_AI) | (1u << M_PI) | (1u << M_DI) | (1u << M_IX) | (1u << M_AW) | \
                     (1u << M_AL) | EA_PCREL)
#define EA_MOVEM_MR ((1u << M_AI) | (1u << M_PD) | (1u << M_DI) | (1u << M_IX) | (1u << M_AW) | \
                     (1u << M_AL))

static const m68k_row rows[] = {
    {"0100 0100 11-- ----", K_EA, h_move_to_ccr, NULL, NULL, EA_DATA, 0, 0, "MOVE to CCR"},
    {"0100 0110 11-- ----", K_EA, h_move_to_sr, NULL, NULL, EA_DATA, 0, 0, "MOVE to SR"},
    {"0100 0000 11-- ----", K_EA, h_move_from_sr, NULL, NULL, EA_DATALT, MODELS_68000_ONLY, 0,
     "MOVE from SR"},
    {"0100 0000 11-- ----", K_EA, h_move_from_sr_priv, NULL, NULL, EA_DATALT, MODELS_68010_UP, 0,
     "MOVE from SR (privileged)"},
    {"0100 1110 0110 0---", K_ONE, h_move_to_usp, NULL, NULL, 0, 0, 0, "MOVE to USP"},
    {"0100 1110 0110 1---", K_ONE, h_move_from_usp, NULL, NULL, 0, 0, 0, "MOVE from USP"},
    {"0100 1100 10-- ----", K_EA, h_movem_rm_w, NULL, NULL, EA_MOVEM_RM, 0, 0, "MOVEM.W to regs"},
    {"0100 1100 11-- ----", K_EA, h_movem_rm_l, NULL, NULL, EA_MOVEM_RM, 0, 0, "MOVEM.L to regs"},
    {"0100 1000 10-- ----", K_EA, h_movem_mr_w, NULL, NULL, EA_MOVEM_MR, 0, 0, "MOVEM.W to mem"},
    {"0100 1000 11-- ----", K_EA, h_movem_mr_l, NULL, NULL, EA_MOVEM_MR, 0, 0, "MOVEM.L to mem"},
    {"0000 ---1 --00 1---", K_ONE, h_movep, NULL, NULL, 0, 0, 0, "MOVEP"},
    {"0100 ---1 11-- ----", K_EA, h_lea, NULL, NULL, EA_CTRL, 0, 0, "LEA"},
    {"0100 1000 01-- ----", K_EA, h_pea, NULL, NULL, EA_CTRL, 0, 0, "PEA"},
    {"0100 1110 0101 0---", K_ONE, h_link, NULL, NULL, 0, 0, 0, "LINK"},
    {"0100 1110 0101 1---", K_ONE, h_unlk, NULL, NULL, 0, 0, 0, "UNLK"},
    {"0100 1110 0111 0101", K_ONE, h_rts, NULL, NULL, 0, 0, 0, "RTS"},
    {"0100 1110 0111 0111", K_ONE, h_rtr, NULL, NULL, 0, 0, 0, "RTR"},
    {"0100 1110 0111 0011", K_ONE, h_rte, NULL, NULL, 0, 0, 0, "RTE"},
    {"0100 1110 0100 ----", K_ONE, h_trap, NULL, NULL, 0, 0, 0, "TRAP"},
    {"0100 1110 0111 0110", K_ONE, h_trapv, NULL, NULL, 0, 0, 0, "TRAPV"},
    {"0100 ---1 10-- ----", K_EA, h_chk, NULL, NULL, EA_DATA, 0, 0, "CHK"},
    {"0100 1010 11-- ----", K_EA, h_tas, NULL, NULL, EA_DATALT, 0, 0, "TAS"},
    {"0100 1110 0111 0001", K_ONE, h_nop, NULL, NULL, 0, 0, 0, "NOP"},
    {"0100 1110 0111 0000", K_ONE, h_reset, NULL, NULL, 0, 0, 0, "RESET"},
    {"0100 1110 0111 0010", K_ONE, h_stop, NULL, NULL, 0, 0, 0, "STOP"},
    {"0100 1010 1111 1100", K_ONE, h_illegal, NULL, NULL, 0, 0, 1, "ILLEGAL"},
};
M68K_ROWS(m68k_rows_system, rows)
