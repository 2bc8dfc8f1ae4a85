/* Effective addresses.  Handlers are specialised per addressing-mode family:
 * every function here takes the mode as a compile-time constant, so each thin
 * wrapper compiles to straight-line code for its mode. */
#ifndef TANDEM_M68K_EA_H
#define TANDEM_M68K_EA_H

#include "m68k/cpu.h"

/* Mode families (the 6-bit EA field mapped to 0..11). */
enum {
    M_DN, M_AN, M_AI, M_PI, M_PD, M_DI, M_IX, M_AW, M_AL, M_PCDI, M_PCIX, M_IM,
    M_COUNT
};

/* EA-mode masks for decode rows. */
#define EA_DN (1u << M_DN)
#define EA_AN (1u << M_AN)
#define EA_MEMALT ((1u << M_AI) | (1u << M_PI) | (1u << M_PD) | (1u << M_DI) | (1u << M_IX) | \
                   (1u << M_AW) | (1u << M_AL))
#define EA_DATALT (EA_DN | EA_MEMALT)
#define EA_ALT (EA_DATALT | EA_AN)
#define EA_PCREL ((1u << M_PCDI) | (1u << M_PCIX))
#define EA_DATA (EA_DATALT | EA_PCREL | (1u << M_IM))
#define EA_ALL (EA_DATA | EA_AN)
#define EA_MEM (EA_MEMALT | EA_PCREL | (1u << M_IM))
#define EA_CTRL ((1u << M_AI) | (1u << M_DI) | (1u << M_IX) | (1u << M_AW) | (1u << M_AL) | \
                 EA_PCREL)
#define EA_CTRLALT ((1u << M_AI) | (1u << M_DI) | (1u << M_IX) | (1u << M_AW) | (1u << M_AL))

/* Mode family of a 6-bit EA field (mode<<3|reg); -1 if invalid. */
M68K_INLINE int ea_family(unsigned ea6)
{
    unsigned m = ea6 >> 3 & 7, r = ea6 & 7;
    if (m < 7)
        return (int)m;
    return r <= 4 ? M_AW + (int)r : -1;
}

M68K_INLINE bool mode_is_mem(int m)
{
    return m != M_DN && m != M_AN && m != M_IM;
}
M68K_INLINE bool mode_is_prog(int m)
{
    return m == M_PCDI || m == M_PCIX;
}
M68K_INLINE int ae_kind(int m)
{
    return mode_is_prog(m) ? AE_PROG : AE_READ;
}

/* The frame-PC adjustment most instructions show on a faulting operand read
 * (the 68000's prefetch state at that point). */
M68K_INLINE int std_adj(int m, int sz)
{
    if (m == M_PD)
        return sz != 4 ? 2 : 0;
    if (m == M_DI || m == M_IX || m == M_PCDI || m == M_PCIX)
        return -2;
    return 0;
}

/* The 68020+ full-format extension word (ea020.c): base and index
 * suppress, 16/32-bit base displacement, memory indirect pre- and
 * post-indexed with an outer displacement.  `ext` has been read. */
uint32_t m68k_ea_full(m68k_cpu *c, uint32_t base, uint32_t ext);

/* Index word: d8 + Xn.  The 68020+ scale Xn by 1/2/4/8 and take bit 8 as
 * the full format; the 68000/68010 ignore both (ix_full, ix_scale are 0). */
M68K_INLINE uint32_t ea_index(m68k_cpu *c, uint32_t base)
{
    uint32_t ext = ext16(c);
    if (MEM_UNLIKELY(ext & c->ix_full))
        return m68k_ea_full(c, base, ext);
    uint32_t xn = c->r[ext >> 12];
    /* A word index is sign-extended: shift it up and back by 16. */
    unsigned sh = (~ext >> 7) & 16;
    xn = (uint32_t)((int32_t)(xn << sh) >> sh);
    xn <<= (ext >> 9) & c->ix_scale;
    c->budget -= 2;
    return base + (uint32_t)(int32_t)(int8_t)ext + xn;
}

/* (An)+ and -(An) step: the size, but 2 for a byte on A7 (kept even);
 * a table in the CPU (no extra base register) beats comparing n with 7. */
M68K_INLINE int pd_step(const m68k_cpu *c, int n, int sz)
{
    return sz == 1 ? c->byte_step[n & 7] : sz;
}

/* Address of a memory operand; -(An) costs its 2 idle clocks unless the
 * instruction overlaps them (impl_dec).  Does not update An. */
M68K_INLINE uint32_t ea_addr(m68k_cpu *c, int m, int n, int sz, bool impl_dec)
{
    switch (m) {
    case M_AI:
    case M_PI:
        return c->a[n];
    case M_PD:
        if (!impl_dec)
            c->budget -= 2;
        return c->a[n] - (uint32_t)pd_step(c, n, sz);
    case M_DI:
        return c->a[n] + (uint32_t)(int32_t)(int16_t)ext16(c);
    case M_IX:
        return ea_index(c, c->a[n]);
    case M_AW:
        return (uint32_t)(int32_t)(int16_t)ext16(c);
    case M_AL:
        return ext32(c);
    case M_PCDI: {
        uint32_t base = c->pc;
        return base + (uint32_t)(int32_t)(int16_t)ext16(c);
    }
    case M_PCIX:
        return ea_index(c, c->pc);
    default:
        return 0;
    }
}

M68K_INLINE void ea_pre(m68k_cpu *c, int m, int n, int sz)
{
    if (m == M_PD)
        c->a[n] -= (uint32_t)pd_step(c, n, sz);
}
M68K_INLINE void ea_post(m68k_cpu *c, int m, int n, int sz)
{
    if (m == M_PI)
        c->a[n] += (uint32_t)pd_step(c, n, sz);
}

M68K_INLINE uint32_t imm(m68k_cpu *c, int sz)
{
    if (sz == 4)
        return ext32(c);
    uint32_t v = ext16(c);
    return sz == 1 ? (v & 0xFF) : v;
}

/* Read an operand (any mode).  *ea receives the address for a later write.
 * `adj` is the frame-PC adjustment should the read fault. */
M68K_INLINE uint32_t ea_read(m68k_cpu *c, int m, int n, int sz, uint32_t *ea, int adj)
{
    switch (m) {
    case M_DN:
        return c->d[n] & sz_mask(sz);
    case M_AN:
        return c->a[n] & sz_mask(sz);
    case M_IM:
        return imm(c, sz);
    default: {
        /* -(An) and, below long size, (An)+ update An before the access:
         * a faulting read shows it updated. */
        uint32_t a = ea_addr(c, m, n, sz, false);
        ea_pre(c, m, n, sz);
        *ea = a;
        if (sz == 4) {
            uint32_t v = rd32(c, a, ae_kind(m), c->pc + (uint32_t)adj);
            ea_post(c, m, n, sz);
            return v;
        }
        ea_post(c, m, n, sz);
        return rd(c, sz, a, ae_kind(m), c->pc + (uint32_t)adj);
    }
    }
}

/* Same for the read half of a read-modify-write (WRITE TLB). */
M68K_INLINE uint32_t ea_read_rmw(m68k_cpu *c, int m, int n, int sz, uint32_t *ea, int adj)
{
    if (m == M_DN)
        return c->d[n] & sz_mask(sz);
    uint32_t a = ea_addr(c, m, n, sz, false);
    ea_pre(c, m, n, sz);
    *ea = a;
    if (sz == 4) {
        uint32_t v = rmw(c, sz, a, c->pc + (uint32_t)adj);
        ea_post(c, m, n, sz);
        return v;
    }
    ea_post(c, m, n, sz);
    return rmw(c, sz, a, c->pc + (uint32_t)adj);
}

M68K_INLINE void dreg_write(m68k_cpu *c, int n, int sz, uint32_t v)
{
    if (sz == 1)
        c->d[n] = (c->d[n] & 0xFFFFFF00u) | (v & 0xFF);
    else if (sz == 2)
        c->d[n] = (c->d[n] & 0xFFFF0000u) | (v & 0xFFFF);
    else
        c->d[n] = v;
}

/* Write back to an operand that was read with ea_read (no fault possible). */
M68K_INLINE void ea_writeback(m68k_cpu *c, int m, int n, int sz, uint32_t ea, uint32_t v)
{
    if (m == M_DN)
        dreg_write(c, n, sz, v);
    else
        wr(c, sz, ea, v, c->pc);
}

/* Low word first: how the 68000 stores longs in read-modify-write forms. */
M68K_INLINE void wr32_rev(m68k_cpu *c, uint32_t a, uint32_t v)
{
    c->budget -= 8;
    mem_write16(c->mem, a + 2, v);
    mem_write16(c->mem, a, v >> 16);
}

/* Write-only operand (CLR, Scc, MOVE from SR ...): compute, -(An), write, (An)+. */
M68K_INLINE void ea_write(m68k_cpu *c, int m, int n, int sz, uint32_t v, int adj)
{
    if (m == M_DN) {
        dreg_write(c, n, sz, v);
        return;
    }
    if (m == M_AN) {
        c->a[n] = v;
        return;
    }
    uint32_t a = ea_addr(c, m, n, sz, false);
    ea_pre(c, m, n, sz);
    wr(c, sz, a, v, c->pc + (uint32_t)adj);
    ea_post(c, m, n, sz);
}

/* Opcode into IR for the memory families (the ADDX/SUBX/CMPM/ABCD/SBCD
 * memory forms, which use the An family, store it themselves). */
#define IR_IF_MEM(M) do { if (mode_is_mem(M)) M68K_IR(c, op); } while (0)

/* Thin wrappers: one handler per mode family from one inline body, each
 * ending with NEXT (m68k_next, or m68k_next_far for jumps). */
#define M68K_EA_WRAPPERS_NEXT(NAME, BODY, SZ, NEXT)                                                 \
    static void NAME##_dn(m68k_cpu *c, uint32_t op) { IR_IF_MEM(M_DN); BODY(c, op, M_DN, SZ); NEXT(c); }           \
    static void NAME##_an(m68k_cpu *c, uint32_t op) { IR_IF_MEM(M_AN); BODY(c, op, M_AN, SZ); NEXT(c); }           \
    static void NAME##_ai(m68k_cpu *c, uint32_t op) { IR_IF_MEM(M_AI); BODY(c, op, M_AI, SZ); NEXT(c); }           \
    static void NAME##_pi(m68k_cpu *c, uint32_t op) { IR_IF_MEM(M_PI); BODY(c, op, M_PI, SZ); NEXT(c); }           \
    static void NAME##_pd(m68k_cpu *c, uint32_t op) { IR_IF_MEM(M_PD); BODY(c, op, M_PD, SZ); NEXT(c); }           \
    static void NAME##_di(m68k_cpu *c, uint32_t op) { IR_IF_MEM(M_DI); BODY(c, op, M_DI, SZ); NEXT(c); }           \
    static void NAME##_ix(m68k_cpu *c, uint32_t op) { IR_IF_MEM(M_IX); BODY(c, op, M_IX, SZ); NEXT(c); }           \
    static void NAME##_aw(m68k_cpu *c, uint32_t op) { IR_IF_MEM(M_AW); BODY(c, op, M_AW, SZ); NEXT(c); }           \
    static void NAME##_al(m68k_cpu *c, uint32_t op) { IR_IF_MEM(M_AL); BODY(c, op, M_AL, SZ); NEXT(c); }           \
    static void NAME##_pcdi(m68k_cpu *c, uint32_t op) { IR_IF_MEM(M_PCDI); BODY(c, op, M_PCDI, SZ); NEXT(c); }       \
    static void NAME##_pcix(m68k_cpu *c, uint32_t op) { IR_IF_MEM(M_PCIX); BODY(c, op, M_PCIX, SZ); NEXT(c); }       \
    static void NAME##_im(m68k_cpu *c, uint32_t op) { IR_IF_MEM(M_IM); BODY(c, op, M_IM, SZ); NEXT(c); }           \
    static const m68k_handler NAME[M_COUNT] = {                                          \
        NAME##_dn, NAME##_an, NAME##_ai, NAME##_pi, NAME##_pd, NAME##_di, NAME##_ix,     \
        NAME##_aw, NAME##_al, NAME##_pcdi, NAME##_pcix, NAME##_im};

#define M68K_EA_WRAPPERS(NAME, BODY, SZ) M68K_EA_WRAPPERS_NEXT(NAME, BODY, SZ, m68k_next)

/* Byte, word and long sets of one body: NAME_b, NAME_w, NAME_l. */
#define M68K_EA_WRAPPERS_BWL(NAME, BODY)                                                 \
    M68K_EA_WRAPPERS(NAME##_b, BODY, 1)                                                  \
    M68K_EA_WRAPPERS(NAME##_w, BODY, 2)                                                  \
    M68K_EA_WRAPPERS(NAME##_l, BODY, 4)

/* Decode rows (decode.c collects the per-family tables). */
enum {
    K_ONE,   /* handler[0] */
    K_EA,    /* handler[family(op & 63)] */
    K_SZEA,  /* bits 7-6 = 00/01/10 select b/w/l tables, then the EA family */
    K_MOVE,  /* MOVE: size from bits 13-12, destination EA in bits 11-6 */
    K_SZEA_ANY, /* K_SZEA that also allows byte size with family AN (ADDX/CMPM forms) */
    K_SZ,    /* bits 7-6 = 00/01/10 select b/w/l; the low 6 bits are not an EA */
};

typedef struct m68k_row {
    const char *pattern; /* 16 chars of 0/1/other, spaces ignored */
    int kind;
    const m68k_handler *h;   /* K_ONE/K_EA: 1 or 12 entries; K_SZEA: 3 tables */
    const m68k_handler *h_w; /* K_SZEA: word table */
    const m68k_handler *h_l; /* K_SZEA: long table */
    uint32_t ea_mask;        /* allowed families for the low 6 bits (K_EA/K_SZEA) */
    uint32_t models;         /* bit per m68k_model; 0 means all */
    int priority;            /* higher wins an overlap; equal priorities must not overlap */
    const char *name;
} m68k_row;

/* Model masks for rows (0 means every model). */
#define MODEL_BIT(m) (1u << (m))
#define MODELS_68000_ONLY MODEL_BIT(M68K_68000)
#define MODELS_68010_UP (MODEL_BIT(M68K_68010) | MODEL_BIT(M68K_68020) | MODEL_BIT(M68K_68030) | \
                         MODEL_BIT(M68K_68040))
#define MODELS_68020_UP (MODEL_BIT(M68K_68020) | MODEL_BIT(M68K_68030) | MODEL_BIT(M68K_68040))
#define MODELS_68020_ONLY MODEL_BIT(M68K_68020)
#define MODELS_68040_ONLY MODEL_BIT(M68K_68040)

/* Each family file exports its rows. */
typedef struct m68k_rows {
    const m68k_row *rows;
    int count;
} m68k_rows;

m68k_rows m68k_rows_move(void);
m68k_rows m68k_rows_alu(void);
m68k_rows m68k_rows_shift(void);
m68k_rows m68k_rows_bits(void);
m68k_rows m68k_rows_bcd(void);
m68k_rows m68k_rows_muldiv(void);
m68k_rows m68k_rows_branch(void);
m68k_rows m68k_rows_system(void);
m68k_rows m68k_rows_bitfield(void); /* 68020+ bit fields (bitfield.c) */
m68k_rows m68k_rows_ops020(void);   /* 68020+ integer additions (ops020.c) */
m68k_rows m68k_rows_control(void);  /* 68010+ supervisor side: MOVEC, MOVES, ... (control.c) */
m68k_rows m68k_rows_fpu(void);      /* 68881/68882 and 68040 FPU (fpu.c) */
m68k_rows m68k_rows_mmu040(void);   /* 68040 PFLUSH, PTEST (mmu040.c) */

/* The handler for a compare at pc (a cached slot) paired with the Bcc after
 * it, which adds the Bcc's displacement to *op; NULL when it has none (alu.c). */
m68k_handler m68k_fuse_compare(m68k_cpu *c, uint32_t pc, uint32_t *op);

/* MOVE needs a 12x12 table per size (decode.c reads it from move.c). */
const m68k_handler *m68k_move_table(int sz); /* [dst family * 12 + src family] */

#define M68K_ROWS(FN, ARR)                                                               \
    m68k_rows FN(void)                                                                   \
    {                                                                                    \
        m68k_rows r = {ARR, (int)(sizeof ARR / sizeof ARR[0])};                          \
        return r;                                                                        \
    }

#endif
