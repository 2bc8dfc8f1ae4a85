/* MOVE, MOVEA, MOVEQ: specialised for every source x destination family.
 * The 68000 updates flags, and prefetches, at instruction-specific points
 * relative to the destination write; a faulting write shows that in the
 * stacked SR and IR, so each destination family follows its own order. */
#include "m68k/ea.h"

M68K_INLINE void move_body(m68k_cpu *c, uint32_t op, int src, int dst, int sz)
{
    uint32_t ea = 0;
    int sn = op & 7, dn = op >> 9 & 7;
    uint32_t v = ea_read(c, src, sn, sz, &ea, std_adj(src, sz));
    bool memsrc = mode_is_mem(src);

    switch (dst) {
    case M_DN:
        set_logic(c, sz, v);
        dreg_write(c, dn, sz, v);
        prefetch(c);
        return;
    case M_AN:
        c->a[dn] = sext(sz, v);
        prefetch(c);
        return;
    case M_AI:
    case M_PI: {
        uint32_t a = c->a[dn];
        if (wr_fast(c, sz, a, v)) {
            set_logic(c, sz, v); /* the write cannot fault: only the end state shows */
        } else if (sz == 4 && !memsrc) {
            wr(c, sz, a, v, c->pc + 2);
            set_logic(c, sz, v);
        } else {
            /* N and Z from the low word first (seen in a faulting write's SR). */
            set_logic(c, 2, v);
            wr(c, sz, a, v, c->pc + 2);
            set_nz(c, sz, v);
        }
        if (dst == M_PI)
            c->a[dn] += (uint32_t)pd_step(c, dn, sz);
        prefetch(c);
        return;
    }
    case M_PD: {
        uint32_t ir0 = c->ir;
        set_logic(c, sz, v);
        uint32_t a = c->a[dn] - (uint32_t)pd_step(c, dn, sz);
        if (MEM_LIKELY(c->pc < c->blk_end && (sz == 1 || !misaligned(c, a)))) {
            /* The prefetch before the write puts the next opcode in IR,
             * which only a faulting write's frame shows: with that opcode
             * in the current code block (its fetch cannot fault), read it
             * only when the write leaves the fast path. */
            mem_space *m = c->mem;
            c->budget -= sz == 4 ? 12 : 8;
            if (sz == 4) {
                if (!mem_try_write16(m, a + 2, v)) {
                    c->ir = fetch16(c, c->pc);
                    mem_write16(m, a + 2, v);
                }
                if (!mem_try_write16(m, a, v >> 16)) {
                    c->ir = fetch16(c, c->pc);
                    mem_write16(m, a, v >> 16);
                }
            } else if (!(sz == 1 ? mem_try_write8(m, a, v) : mem_try_write16(m, a, v))) {
                c->ir = fetch16(c, c->pc);
                if (sz == 1)
                    mem_write8(m, a, v);
                else
                    mem_write16(m, a, v);
            }
            c->a[dn] = a;
            return;
        }
        prefetch_ir(c);
        if (sz != 1 && misaligned(c, a)) {
            if (sz == 4) {
                c->ir = ir0;
                m68k_address_error(c, a + 2, AE_WRITE, c->pc + 2);
            }
            c->a[dn] = a;
            m68k_address_error(c, a, AE_WRITE, c->pc + 2);
        }
        if (sz == 4)
            wr32_rev(c, a, v);
        else
            wr(c, sz, a, v, 0);
        c->a[dn] = a;
        return;
    }
    case M_DI:
    case M_IX: {
        uint32_t a = ea_addr(c, dst, dn, sz, false);
        if (wr_fast(c, sz, a, v)) {
            set_logic(c, sz, v);
        } else if (sz == 4 && !memsrc) {
            c->fn = v;
            c->fz |= v >> 16; /* Z stays only if the high word is zero too */
            wr(c, sz, a, v, c->pc);
            set_logic(c, sz, v);
        } else {
            set_logic(c, sz, v);
            wr(c, sz, a, v, c->pc);
        }
        prefetch(c);
        return;
    }
    case M_AW: {
        uint32_t a = ea_addr(c, dst, dn, sz, false);
        set_logic(c, sz, v);
        wr(c, sz, a, v, c->pc);
        prefetch(c);
        return;
    }
    default: { /* M_AL */
        if (memsrc) {
            set_logic(c, 2, v);
            uint32_t a = ext32(c);
            if (sz != 1 && misaligned(c, a)) {
                c->budget += 4; /* the second address word is read after the write */
                m68k_address_error(c, a, AE_WRITE, c->pc - 2);
            }
            set_logic(c, sz, v);
            wr(c, sz, a, v, 0);
        } else {
            set_logic(c, sz, v);
            uint32_t a = ext32(c);
            wr(c, sz, a, v, c->pc);
        }
        prefetch(c);
        return;
    }
    }
}

#define MV(SZN, SZ, D, S) \
    static void mv_##SZN##_##D##_##S(m68k_cpu *c, uint32_t op) { if (mode_is_mem(S) || mode_is_mem(D)) M68K_IR(c, op); move_body(c, op, S, D, SZ); m68k_next(c); }
#define MV_ROW(SZN, SZ, D)                                                                  \
    MV(SZN, SZ, D, M_DN) MV(SZN, SZ, D, M_AN) MV(SZN, SZ, D, M_AI) MV(SZN, SZ, D, M_PI)     \
    MV(SZN, SZ, D, M_PD) MV(SZN, SZ, D, M_DI) MV(SZN, SZ, D, M_IX) MV(SZN, SZ, D, M_AW)     \
    MV(SZN, SZ, D, M_AL) MV(SZN, SZ, D, M_PCDI) MV(SZN, SZ, D, M_PCIX) MV(SZN, SZ, D, M_IM)
#define MV_SIZE(SZN, SZ)                                                                    \
    MV_ROW(SZN, SZ, M_DN) MV_ROW(SZN, SZ, M_AN) MV_ROW(SZN, SZ, M_AI) MV_ROW(SZN, SZ, M_PI) \
    MV_ROW(SZN, SZ, M_PD) MV_ROW(SZN, SZ, M_DI) MV_ROW(SZN, SZ, M_IX) MV_ROW(SZN, SZ, M_AW) \
    MV_ROW(SZN, SZ, M_AL)

MV_SIZE(b, 1)
MV_SIZE(w, 2)
MV_SIZE(l, 4)

#define MVT(SZN, D, S) mv_##SZN##_##D##_##S
#define MVT_ROW(SZN, D)                                                                     \
    MVT(SZN, D, M_DN), MVT(SZN, D, M_AN), MVT(SZN, D, M_AI), MVT(SZN, D, M_PI),             \
    MVT(SZN, D, M_PD), MVT(SZN, D, M_DI), MVT(SZN, D, M_IX), MVT(SZN, D, M_AW),             \
    MVT(SZN, D, M_AL), MVT(SZN, D, M_PCDI), MVT(SZN, D, M_PCIX), MVT(SZN, D, M_IM)
#define MVT_SIZE(SZN)                                                                       \
    {MVT_ROW(SZN, M_DN), MVT_ROW(SZN, M_AN), MVT_ROW(SZN, M_AI), MVT_ROW(SZN, M_PI),        \
     MVT_ROW(SZN, M_PD), MVT_ROW(SZN, M_DI), MVT_ROW(SZN, M_IX), MVT_ROW(SZN, M_AW),        \
     MVT_ROW(SZN, M_AL)}

static const m68k_handler move_b[M_COUNT * M_COUNT] = MVT_SIZE(b);
static const m68k_handler move_w[M_COUNT * M_COUNT] = MVT_SIZE(w);
static const m68k_handler move_l[M_COUNT * M_COUNT] = MVT_SIZE(l);

const m68k_handler *m68k_move_table(int sz)
{
    return sz == 1 ? move_b : sz == 2 ? move_w : move_l;
}

static void op_moveq(m68k_cpu *c, uint32_t op)
{
    uint32_t v = (uint32_t)(int32_t)(int8_t)op;
    c->d[op >> 9 & 7] = v;
    set_logic(c, 4, v);
    prefetch(c);
    m68k_next(c);
}
static const m68k_handler moveq_h[1] = {op_moveq};

/* Destination-EA validity is checked by the K_MOVE kind: data alterable or An. */
static const m68k_row rows[] = {
    {"00ss ---- ---- ----", K_MOVE, NULL, NULL, NULL, EA_ALT, 0, 0, "MOVE"},
    {"0111 ---0 ---- ----", K_ONE, moveq_h, NULL, NULL, 0, 0, 0, "MOVEQ"},
};
M68K_ROWS(m68k_rows_move, rows)
