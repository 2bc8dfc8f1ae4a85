/* Internal layout of the 68k CPU and the helpers every handler file shares:
 * flags, registers, timed bus accesses with 68000 address-error checks.
 *
 * Timing model: every bus cycle subtracts 4 clocks from `budget` as it
 * happens, internal delays are subtracted explicitly.  An instruction that
 * faults half way has therefore already paid for what it did, which is what
 * the 68000's group-0 exception timing needs.
 *
 * PC model: while a handler runs, `pc` is the address of the next unread
 * instruction-stream word (opcode + 2 on entry); extension words are read
 * with ext16/ext32 which advance it.  Address-error frames push pc plus a
 * per-instruction adjustment, mirroring the 68000's prefetch queue.
 *
 * Faults: bus and address errors build the group-0 frame and longjmp back
 * to the run loop (exceptions.c); group 1/2 exceptions (TRAP, CHK, ...) are
 * processed in line by the handler.  Rare states (interrupt pending, trace,
 * STOP, halt, end of run) live in `special`; setting a bit parks the budget
 * in `hold` and zeroes it, so the hot loop only tests the budget.
 *
 * Models: the decode rows carry a model mask; today every row is a 68000
 * form (68010+ differ only where a row says so), and the vector base and
 * frame writers are the hooks for the 68010+ frame formats. */
#ifndef TANDEM_M68K_CPU_H
#define TANDEM_M68K_CPU_H

#include <setjmp.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "m68k/m68k.h"

typedef void (*m68k_handler)(m68k_cpu *cpu, uint32_t op);

/* Handler bodies take the addressing mode and size as constants; forcing
 * them inline is what turns each thin wrapper into specialised code. */
#if defined(__GNUC__)
#define M68K_INLINE static inline __attribute__((always_inline))
#else
#define M68K_INLINE static inline
#endif

/* Bits of `special`: rare states the run loop looks at when the budget ends. */
enum {
    SPC_IRQ = 1u << 0,     /* an interrupt may be pending: re-check IPL vs mask */
    SPC_TRACE = 1u << 1,   /* SR.T1 or T0 is set: run single-stepped */
    SPC_TRACE_EXC = 1u << 2, /* trace exception due before the next instruction */
    SPC_STOPPED = 1u << 3,
    SPC_HALTED = 1u << 4,
    SPC_END_RUN = 1u << 5,
};

/* Address-error access kinds. */
enum { AE_READ = 0, AE_WRITE = 1, AE_PROG = 2 };

struct m68k_cpu {
    /* Hot state first. */
    union {
        struct {
            uint32_t d[8];
            uint32_t a[8]; /* a[7] is the active stack pointer */
        };
        uint32_t r[16]; /* D0-D7 then A0-A7, as index words number them */
    };
    uint32_t pc;
    int32_t budget; /* clocks left in this run slice */
    mem_space *mem;
    const m68k_handler *table; /* 64K decode table for the model */
    /* Flags.  N is bit 31 of fn and Z is "fz == 0", so most instructions
     * store their sign-extended result in both and nothing is computed
     * until a reader (flag_n/flag_z) asks.  X is 0 or 1.  V and C are kept
     * as `fk` says: FK_VC in fv/fc (0 or 1), FK_LOGIC both clear, FK_ADD and
     * FK_SUB from the operands fs and fd of the last ADD or SUB/CMP, shifted
     * so the operation's size ends at bit 31 (flag_v/flag_c; a condition
     * after a compare is then one host compare).
     * Deliberately not adjacent: GCC otherwise packs the stores of an ALU
     * op into one vector store, which costs more instructions than it saves. */
    uint32_t fn;
    uint32_t sr_sys; /* SR with the CCR bits zero: T, S, IPL mask */
    uint32_t fz;
    uint32_t ir; /* instruction register (opcode, or the prefetched word) */
    /* Address of the instruction being executed, for the 68010+ frames
     * that restart or name it: stored by the run loop's dispatch and, as
     * chaining does not, by every handler that can fault (M68K_IR, next to
     * IR so that the two stores can merge). */
    uint32_t insn_pc;
    uint32_t fv;
    uint32_t special;
    uint32_t fc;
    int32_t hold; /* budget parked while `special` forced budget to 0 */
    uint32_t fx;
    uint32_t fk;
    uint32_t fs;
    uint32_t fd;
    /* The code block the last dispatch came from: straight-line code in the
     * same block skips the TLB lookup, and runs off its end into the guard
     * slots (MEM_SLOT_GUARDS), so it checks nothing but the budget.  mem/
     * calls m68k_forget_block whenever a CODE entry changes (code_watch),
     * so no tag re-check.  Anything that moves pc other than straight on
     * (jumps, exceptions) either checks the block or forgets it. */
    uint32_t blk_pc;  /* start of that block, or 1 (never matches) */
    /* blk_pc + block size, or 0 (also for the top block of the 4 GB, where
     * it wraps).  Instruction-stream words (always at or after the opcode,
     * which lies in the block) test only a + n <= blk_end, summed in 64 bits. */
    uint32_t blk_end;
    uintptr_t blk_bias; /* slot of pc = blk_bias + (pc + 2) * 8 (16-byte slots, even
                         * pc); biased by pc + 2, which the dispatch computes anyway */
    uintptr_t blk_k;    /* its XOR constant, for unmasked pc (see fetch16) */
    /* Dispatches that went through the TLB; the others were CODE hits, added
     * to mem/'s counter at the end of each run instead of one by one. */
    uint64_t lookups;
    /* Host address the last read-modify-write read found through the WRITE
     * TLB, or 0 after a miss: its write goes straight there (rmw_write). */
    uintptr_t rmw_p;
    uint8_t byte_step[8]; /* (An)+/-(An) byte steps: 1, but 2 for A7 */
    uint32_t data_align;  /* 1 where odd word/long data addresses fault (68000/68010), else 0 */
    /* Index words: 0x100 (the full-format bit) and 3 (the scale field) on
     * the 68020+, 0 on the 68000/68010, which ignore those bits. */
    uint32_t ix_full, ix_scale;


    uint32_t usp, ssp, msp, vbr; /* ssp is the ISP on the 68020+; msp is used while SR.M is set */
    uint32_t sr_mask;            /* SR bits that exist: 0xA71F, 0xF71F on the 68020+ */
    uint32_t sfc, dfc, cacr, caar; /* 68010+ control registers (MOVEC) */
    uint32_t tc, itt[2], dtt[2], mmusr, urp, srp; /* 68040 MMU registers (mmu040.c) */
    int ipl;         /* level on the pins */
    int nmi_latched; /* level 7 is edge triggered */
    int32_t run_total;
    unsigned time_shift; /* budget units per model clock: 1 << time_shift (see m68k_run) */
    int32_t time_frac;   /* budget units short of a whole model clock, carried between runs */
    uint64_t instructions, cycles;
    m68k_model model;
    m68k_hooks hooks;
    jmp_buf jb;
    bool in_group0; /* building a group-0 frame: another fault halts */
    /* Set when an instruction moved pc other than straight on (a taken
     * branch, a jump, a return): trace on change of flow (SR.T0) asks. */
    bool flow;
    bool in_run;
    /* FPU (fpu.c): FP0-FP7 in the extended format as sign/exponent words
     * and mantissas (m68k/fpu_float.h), FPCR, FPSR, FPIAR; fpu_full runs
     * on the 68040 what the chip leaves to software; fpu_idle is the FSAVE
     * state (false: null, as after reset or FRESTORE of a null frame). */
    uint64_t fp_m[8];
    uint16_t fp_se[8];
    uint32_t fpcr, fpsr, fpiar;
    bool fpu_full, fpu_idle;
};

/* ---- sizes ---- */
M68K_INLINE uint32_t sz_mask(int sz)
{
    return sz == 1 ? 0xFFu : sz == 2 ? 0xFFFFu : 0xFFFFFFFFu;
}
M68K_INLINE uint32_t sz_msb(int sz)
{
    return sz == 1 ? 0x80u : sz == 2 ? 0x8000u : 0x80000000u;
}
M68K_INLINE uint32_t sext(int sz, uint32_t v)
{
    return sz == 1 ? (uint32_t)(int32_t)(int8_t)v
                   : sz == 2 ? (uint32_t)(int32_t)(int16_t)v : v;
}

/* ---- flags ---- */
M68K_INLINE uint32_t flag_n(const m68k_cpu *c)
{
    return c->fn >> 31;
}
M68K_INLINE uint32_t flag_z(const m68k_cpu *c)
{
    return c->fz == 0;
}
/* N and Z from booleans. */
M68K_INLINE void set_n(m68k_cpu *c, bool n)
{
    c->fn = (uint32_t)n << 31;
}
M68K_INLINE void set_z(m68k_cpu *c, bool z)
{
    c->fz = !z;
}
enum { FK_VC, FK_LOGIC, FK_ADD, FK_SUB };
M68K_INLINE uint32_t flag_v(const m68k_cpu *c)
{
    uint32_t s = c->fs, d = c->fd;
    switch (c->fk) {
    case FK_LOGIC: return 0;
    case FK_ADD: return ((s ^ (d + s)) & (d ^ (d + s))) >> 31;
    case FK_SUB: return ((s ^ d) & ((d - s) ^ d)) >> 31;
    default: return c->fv;
    }
}
M68K_INLINE uint32_t flag_c(const m68k_cpu *c)
{
    uint32_t s = c->fs, d = c->fd;
    switch (c->fk) {
    case FK_LOGIC: return 0;
    case FK_ADD: return d + s < s;
    case FK_SUB: return d < s;
    default: return c->fc;
    }
}
/* V and C as plain bits (0 or 1). */
M68K_INLINE void set_vc(m68k_cpu *c, uint32_t v, uint32_t cf)
{
    c->fv = v;
    c->fc = cf;
    c->fk = FK_VC;
}
M68K_INLINE uint32_t ccr_get(const m68k_cpu *c)
{
    return c->fx << 4 | flag_n(c) << 3 | flag_z(c) << 2 | flag_v(c) << 1 | flag_c(c);
}
M68K_INLINE void ccr_set(m68k_cpu *c, uint32_t v)
{
    c->fx = v >> 4 & 1;
    c->fn = (v >> 3 & 1) << 31;
    c->fz = ~v & 4;
    set_vc(c, v >> 1 & 1, v & 1);
}
M68K_INLINE uint32_t sr_get(const m68k_cpu *c)
{
    return c->sr_sys | ccr_get(c);
}
/* The whole SR; switches stacks, tells mem/, and re-arms IRQ/trace checks. */
void m68k_sr_set(m68k_cpu *c, uint32_t v);

/* SUB, CMP and CAS: d - s in sz bits; N and Z from the difference, V and C
 * left to FK_SUB (the operands shifted so the size ends at bit 31). */
M68K_INLINE uint32_t flags_sub_lazy(m68k_cpu *c, int sz, uint32_t s, uint32_t d)
{
    unsigned sh = 32 - 8 * (unsigned)sz;
    uint32_t ss = s << sh, dd = d << sh, r = dd - ss;
    c->fn = r;
    c->fz = r;
    c->fs = ss;
    c->fd = dd;
    c->fk = FK_SUB;
    return r >> sh;
}

M68K_INLINE void set_nz(m68k_cpu *c, int sz, uint32_t r)
{
    uint32_t v = sext(sz, r);
    c->fn = v;
    c->fz = v;
}
M68K_INLINE void set_logic(m68k_cpu *c, int sz, uint32_t r)
{
    set_nz(c, sz, r);
    c->fk = FK_LOGIC;
}

/* Word or long data at an odd address: an address error on the 68000 and
 * 68010, allowed from the 68020 on (instruction fetches must be even on
 * every model). */
M68K_INLINE bool misaligned(const m68k_cpu *c, uint32_t a)
{
    return (a & c->data_align) != 0;
}

M68K_INLINE bool supervisor(const m68k_cpu *c)
{
    return (c->sr_sys & 0x2000) != 0;
}

/* Make the run loop look at `special` after the current instruction. */
M68K_INLINE void special_set(m68k_cpu *c, uint32_t bits)
{
    c->special |= bits;
    c->hold += c->budget;
    c->budget = 0;
}

/* ---- faults (exceptions.c) ---- */
_Noreturn void m68k_address_error(m68k_cpu *c, uint32_t addr, int kind, uint32_t frame_pc);
/* Group 1/2 exception: push the model's short frame (6 bytes on a 68000,
 * format 0 on the 68010+) with `pc`, jump through `vec`. */
void m68k_exception(m68k_cpu *c, int vec, uint32_t pc);
/* The same for the exceptions that on the 68020+ push a format-2 frame,
 * which adds the address of the instruction that caused it (CHK, CHK2,
 * TRAPcc, TRAPV, zero divide, trace): `pc` is the next instruction's. */
void m68k_exception_insn(m68k_cpu *c, int vec, uint32_t pc, uint32_t insn_addr);
/* A 68010+ exception with a frame of format `fmt` whose words after the
 * format/vector word are extra[0..n-1] (the FPU's formats 3 and 4, ...). */
void m68k_exception_format(m68k_cpu *c, int vec, int fmt, uint32_t pc, const uint16_t *extra,
                           int n);
void m68k_fault_handler(void *ctx, const mem_fault *f);

/* ---- the 68040 MMU (mmu040.c) ---- */
/* TC, URP, SRP or a TT register changed: install or remove mem/'s
 * translation hook and flush the TLBs. */
void m68k_mmu040_changed(m68k_cpu *c);
/* Reset: translation and the TT registers off. */
void m68k_mmu040_reset(m68k_cpu *c);
/* A 68040 access error (a translation fault or a bus error) is about to
 * restart the instruction at insn_pc: undo the register updates it made
 * before the fault (see mmu040.c). */
void m68k_mmu040_restart(m68k_cpu *c, const mem_fault *f);
/* A table search (PTEST's): MMUSR value, physical address, refusal. */
uint32_t m68k_mmu040_search(m68k_cpu *c, uint32_t la, bool write, bool super, bool fetch,
                            bool update, uint32_t *pa, bool *deny);

M68K_INLINE int fc_bits(const m68k_cpu *c, int kind)
{
    return (supervisor(c) ? 4 : 0) | ((kind & AE_PROG) ? 2 : 1);
}

/* ---- timed bus accesses ---- */
M68K_INLINE uint32_t rd8(m68k_cpu *c, uint32_t a)
{
    c->budget -= 4;
    return mem_read8(c->mem, a);
}
/* Word and long accesses: the TLB compare also rejects an odd address on a
 * 68000 (mem/ puts bit 0 in cmp_word), so the address-error test waits in
 * the miss path, which then does the access through mem/'s slow path. */
uint32_t m68k_read_miss(m68k_cpu *c, uint32_t a, int size, int tlb, int kind, uint32_t fpc);
void m68k_write_miss(m68k_cpu *c, uint32_t a, int size, uint32_t v, uint32_t fpc);

#define M68K_DEFINE_RD(NAME, TLB, N, LOAD)                                             \
    M68K_INLINE uint32_t NAME(m68k_cpu *c, uint32_t a, int kind, uint32_t fpc)           \
    {                                                                                    \
        mem_space *m = c->mem;                                                           \
        const mem_tlb_entry *e = mem_data_entry(m, TLB, a + (N - 1));                   \
        if (MEM_LIKELY((((uint64_t)a ^ e->tag) & (N == 1 ? m->cmp_byte : m->cmp_word)) == 0)) { \
            m->stats.tlb[TLB].hits++;                                                    \
            c->budget -= N == 4 ? 8 : 4;                                                 \
            if (TLB == MEM_TLB_WRITE)                                                    \
                c->rmw_p = (uintptr_t)MEM_XOR_PTR(e->k, a, N);                           \
            return LOAD(e->k, a);                                                        \
        }                                                                                \
        return m68k_read_miss(c, a, N, TLB, kind, fpc);                                  \
    }
M68K_DEFINE_RD(rd16, MEM_TLB_READ, 2, mem_xor_load16)
M68K_DEFINE_RD(rd32, MEM_TLB_READ, 4, mem_xor_load32)
/* Read halves of read-modify-writes go through WRITE (see mem_rmw_read16). */
M68K_DEFINE_RD(rmw8, MEM_TLB_WRITE, 1, mem_xor_load8)
M68K_DEFINE_RD(rmw16, MEM_TLB_WRITE, 2, mem_xor_load16)
M68K_DEFINE_RD(rmw32, MEM_TLB_WRITE, 4, mem_xor_load32)

/* A write that takes only the TLB fast path: false, with nothing done and no
 * time charged, on a miss or an odd address (then use wr, which faults). */
M68K_INLINE bool wr_fast(m68k_cpu *c, int sz, uint32_t a, uint32_t v)
{
    mem_space *m = c->mem;
    bool ok = sz == 1 ? mem_try_write8(m, a, v)
              : sz == 2 ? mem_try_write16(m, a, v) : mem_try_write32(m, a, v);
    if (ok)
        c->budget -= sz == 4 ? 8 : 4;
    return ok;
}
M68K_INLINE void wr8(m68k_cpu *c, uint32_t a, uint32_t v)
{
    if (!wr_fast(c, 1, a, v))
        m68k_write_miss(c, a, 1, v, 0);
}
M68K_INLINE void wr16(m68k_cpu *c, uint32_t a, uint32_t v, uint32_t fpc)
{
    if (!wr_fast(c, 2, a, v))
        m68k_write_miss(c, a, 2, v, fpc);
}
M68K_INLINE void wr32(m68k_cpu *c, uint32_t a, uint32_t v, uint32_t fpc)
{
    if (!wr_fast(c, 4, a, v))
        m68k_write_miss(c, a, 4, v, fpc);
}
M68K_INLINE uint32_t rd(m68k_cpu *c, int sz, uint32_t a, int kind, uint32_t fpc)
{
    return sz == 1 ? rd8(c, a) : sz == 2 ? rd16(c, a, kind, fpc) : rd32(c, a, kind, fpc);
}
/* Read half of a read-modify-write (same timing, WRITE TLB). */
M68K_INLINE uint32_t rmw(m68k_cpu *c, int sz, uint32_t a, uint32_t fpc)
{
    if (sz == 1)
        return rmw8(c, a, AE_READ, fpc);
    return sz == 2 ? rmw16(c, a, AE_READ, fpc) : rmw32(c, a, AE_READ, fpc);
}
M68K_INLINE void wr(m68k_cpu *c, int sz, uint32_t a, uint32_t v, uint32_t fpc)
{
    if (sz == 1)
        wr8(c, a, v);
    else if (sz == 2)
        wr16(c, a, v, fpc);
    else
        wr32(c, a, v, fpc);
}

/* The write half of a read-modify-write, after rmw() read the same address:
 * nothing can have touched the WRITE entry in between, so a read that hit
 * left the host address in rmw_p.  The order a long is stored in (low word
 * first for most of them, `low_first`) only shows in faults, which a hit
 * rules out. */
M68K_INLINE void rmw_write(m68k_cpu *c, int sz, uint32_t a, uint32_t v, bool low_first)
{
    uint8_t *p = (uint8_t *)c->rmw_p;
    if (MEM_LIKELY(p != NULL)) {
        c->budget -= sz == 4 ? 8 : 4;
        if (sz == 1) {
            *p = (uint8_t)v;
        } else if (sz == 2) {
            uint16_t x = (uint16_t)v;
            memcpy(p, &x, 2);
        } else {
            memcpy(p, &v, 4);
        }
        return;
    }
    if (sz == 4 && low_first) {
        wr16(c, a + 2, v, 0);
        wr16(c, a, v >> 16, 0);
    } else {
        wr(c, sz, a, v, 0);
    }
}

/* Instruction-stream words (at even addresses): straight from the current
 * code block when they lie in it, else through the CODE TLB. */
M68K_INLINE uint32_t fetch16(m68k_cpu *c, uint32_t a)
{
    if (MEM_LIKELY((uint64_t)a + 2 <= (uint64_t)c->blk_end))
        return mem_xor_load16(c->blk_k, a);
    return mem_fetch16(c->mem, a);
}
M68K_INLINE uint32_t fetch32(m68k_cpu *c, uint32_t a)
{
    if (MEM_LIKELY((uint64_t)a + 4 <= (uint64_t)c->blk_end))
        return mem_xor_load32(c->blk_k, a);
    return mem_fetch32(c->mem, a);
}

/* Instruction stream: extension words and the closing prefetch. */
M68K_INLINE uint32_t ext16(m68k_cpu *c)
{
    uint32_t v = fetch16(c, c->pc);
    c->pc += 2;
    c->budget -= 4;
    return v;
}
M68K_INLINE uint32_t ext32(m68k_cpu *c)
{
    uint32_t v = fetch32(c, c->pc);
    c->pc += 4;
    c->budget -= 8;
    return v;
}
/* The prefetch that ends most instructions: the opcode it reads is fetched
 * again through the dispatch slot, so only its time is charged here. */
M68K_INLINE void prefetch(m68k_cpu *c)
{
    c->budget -= 4;
}
/* A prefetch that happens before a later bus cycle that may fault: IR then
 * holds the next opcode, which a group-0 frame shows. */
M68K_INLINE void prefetch_ir(m68k_cpu *c)
{
    c->ir = fetch16(c, c->pc);
    c->budget -= 4;
}

/* Branch target check and the two refill reads after a jump. */
void m68k_jump_fault(m68k_cpu *c, uint32_t target, uint32_t frame_pc);
M68K_INLINE void jump_to(m68k_cpu *c, uint32_t target, uint32_t frame_pc)
{
    if (target & 1)
        m68k_jump_fault(c, target, frame_pc);
    c->pc = target;
    c->budget -= 8; /* refill the two-word prefetch queue */
}

M68K_INLINE void push16(m68k_cpu *c, uint32_t v, uint32_t fpc)
{
    c->a[7] -= 2;
    wr16(c, c->a[7], v, fpc);
}
M68K_INLINE void push32(m68k_cpu *c, uint32_t v, uint32_t fpc)
{
    c->a[7] -= 4;
    wr32(c, c->a[7], v, fpc);
}

/* Condition codes 0..15 (T F HI LS CC CS NE EQ VC VS PL MI GE LT GT LE). */
M68K_INLINE bool cond_true(const m68k_cpu *c, int cc)
{
    if (c->fk == FK_SUB) {
        /* After SUB/CMP every condition is a compare of the operands; Z is
         * read from fz, which BTST/BCHG/BCLR/BSET, DIVU and others change
         * while keeping the SUB's C, N and V (found by tests/fuzz_cpu.sh:
         * subq.l #5,%d1; bset #16,%d6; sgt %d0 with bit 16 clear). */
        uint32_t s = c->fs, d = c->fd;
        switch (cc) {
        case 2: return d >= s && c->fz;
        case 3: return d < s || !c->fz;
        case 4: return d >= s;
        case 5: return d < s;
        case 12: return (int32_t)d >= (int32_t)s;
        case 13: return (int32_t)d < (int32_t)s;
        case 14: return (int32_t)d >= (int32_t)s && c->fz;
        case 15: return (int32_t)d < (int32_t)s || !c->fz;
        default: break;
        }
    }
    switch (cc) {
    case 0: return true;
    case 1: return false;
    case 2: return !flag_c(c) && c->fz;
    case 3: return flag_c(c) || !c->fz;
    case 4: return !flag_c(c);
    case 5: return flag_c(c);
    case 6: return c->fz != 0;
    case 7: return c->fz == 0;
    case 8: return !flag_v(c);
    case 9: return flag_v(c);
    case 10: return (int32_t)c->fn >= 0;
    case 11: return (int32_t)c->fn < 0;
    case 12: return flag_n(c) == flag_v(c);
    case 13: return flag_n(c) != flag_v(c);
    case 14: return c->fz && flag_n(c) == flag_v(c);
    default: return !c->fz || flag_n(c) != flag_v(c);
    }
}

/* IR only shows in group-0 (bus and address error) frames, so chaining
 * leaves it alone: a handler that may take one stores its opcode first
 * (M68K_IR), register-only handlers skip the store.  (A bus error on the
 * opcode fetch right after a register-only instruction therefore shows
 * the last opcode stored, not that instruction's.)  The same store keeps
 * the instruction's address for the 68010+ fault frames (insn_pc): it
 * must come before the handler reads an extension word. */
#define M68K_IR(c, op) ((c)->ir = (op), (c)->insn_pc = (c)->pc - 2)

/* Threaded dispatch: a handler ends by jumping straight into the next
 * instruction's handler while the budget lasts.  Straight on, that is the
 * next slot of the current block's row, or past the row's end a guard slot
 * (block_exit, which returns to the run loop); whatever else ends a chain
 * (a special state, a forgotten block after SMC or an exception) parks the
 * budget, so skipping this is always safe.  It must be the handler's last
 * statement: the call is then a tail call (a jump) at -O2.  The run loop
 * hands the budget out in chunks, which bounds the depth should a compiler
 * not turn it into a jump. */
M68K_INLINE void m68k_chain(m68k_cpu *c, uint32_t pc)
{
    uint32_t next = pc + 2;
    const mem_slot *s = (const mem_slot *)(c->blk_bias + (uintptr_t)next * (sizeof(mem_slot) / 2));
    uint32_t op = (uint32_t)s->data;
    c->pc = next;
    c->instructions++;
    ((m68k_handler)s->fn)(c, op);
}
M68K_INLINE void m68k_next(m68k_cpu *c)
{
    if (MEM_LIKELY(c->budget > 0))
        m68k_chain(c, c->pc);
}
/* The same with the next pc in hand: it is stored once, on the way out or
 * by the chain. */
M68K_INLINE void m68k_next_at(m68k_cpu *c, uint32_t pc)
{
    if (MEM_LIKELY(c->budget > 0))
        m68k_chain(c, pc);
    else
        c->pc = pc;
}

/* No current block: the next dispatch looks pc up in the CODE TLB.  The
 * budget is parked (as special_set does) so that no handler chains on
 * straight: with pc moved or the block's row gone, the slot after this
 * instruction's is no longer the next instruction's. */
M68K_INLINE void m68k_forget_block(m68k_cpu *c)
{
    c->blk_pc = 1;
    c->blk_end = 0;
    c->hold += c->budget;
    c->budget = 0;
}

/* Make CODE entry idx the current block (pc inside it). */
M68K_INLINE void m68k_block_enter(m68k_cpu *c, uint32_t pc, size_t idx)
{
    mem_space *m = c->mem;
    uint32_t blk = pc & ~(uint32_t)(MEM_CODE_BLOCK - 1);
    c->blk_pc = blk;
    c->blk_end = blk + MEM_CODE_BLOCK;
    c->blk_k = m->tlb[MEM_TLB_CODE][idx].k; /* it serves pc as issued (see fill_data) */
    c->blk_bias = (uintptr_t)mem_slot_row(m, idx) -
                  ((uintptr_t)blk + 2) * (sizeof(mem_slot) / 2);
}

/* Make pc's block current if the CODE TLB holds it (false on a miss). */
M68K_INLINE bool m68k_enter_cached(m68k_cpu *c, uint32_t pc)
{
    mem_space *m = c->mem;
    size_t idx = (pc >> MEM_CODE_SHIFT) & MEM_CODE_TLB_MASK;
    if ((((uint64_t)pc ^ m->tlb[MEM_TLB_CODE][idx].tag) & m->cmp_code) != 0)
        return false;
    m68k_block_enter(c, pc, idx);
    return true;
}

/* The same after a jump: a target in another block is looked up in the
 * CODE TLB here; only a miss goes back to the run loop.  (A TLB hit needs
 * no counting: the run loop counts every dispatch that was not a miss.) */
M68K_INLINE void m68k_next_far_at(m68k_cpu *c, uint32_t pc)
{
    if (MEM_UNLIKELY(c->budget <= 0) ||
        ((pc & ~(uint32_t)(MEM_CODE_BLOCK - 1)) != c->blk_pc && MEM_UNLIKELY(!m68k_enter_cached(c, pc)))) {
        c->pc = pc;
        c->flow = true; /* for SR.T0, which single-steps with no budget */
        return;
    }
    m68k_chain(c, pc);
}
M68K_INLINE void m68k_next_far(m68k_cpu *c)
{
    m68k_next_far_at(c, c->pc);
}

/* Bcc.s other than BSR with an even displacement (opcode `op`, pc past it):
 * the target is then even (pc is), so nothing can fault; not taken goes
 * straight on. */
M68K_INLINE void m68k_bcc_short_at(m68k_cpu *c, uint32_t pc, uint32_t op, int cc)
{
    if (cond_true(c, cc)) {
        c->budget -= 10; /* 2 to compute the target, 8 to refill the queue there */
        m68k_next_far_at(c, pc + (uint32_t)(int32_t)(int8_t)op);
    } else {
        c->budget -= 8;
        m68k_next_at(c, pc);
    }
}
M68K_INLINE void m68k_bcc_short(m68k_cpu *c, uint32_t op, int cc)
{
    m68k_bcc_short_at(c, c->pc, op, cc);
}

/* The second half of a compare-and-branch pair (see m68k_fuse_compare): the
 * compare has run and pc is at the Bcc, whose displacement the decoder put
 * in bits 16-23 of the compare's opcode (its handler reads only bits 0-11).
 * The budget is tested at this instruction boundary as between any two:
 * when it ran out (an interrupt, trace, the end of the slice), the Bcc runs
 * later from its own slot. */
M68K_INLINE void m68k_then_bcc(m68k_cpu *c, uint32_t op, int cc)
{
    if (MEM_UNLIKELY(c->budget <= 0))
        return;
    c->instructions++;
    m68k_bcc_short_at(c, c->pc + 2, op >> 16, cc);
}

/* Privilege violation from a handler (vector 8, PC of the instruction). */
void m68k_privilege(m68k_cpu *c);
/* Illegal instruction found after the handler read extension words (a
 * reserved encoding): raise it for the instruction at insn_pc and abandon
 * the handler (longjmp to the run loop). */
_Noreturn void m68k_illegal_abort(m68k_cpu *c);
/* RTE found a stack frame format the model does not have (vector 14). */
void m68k_format_error(m68k_cpu *c);
void m68k_illegal(m68k_cpu *c, uint32_t op);

#endif
