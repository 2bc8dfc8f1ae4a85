/* CPU instances, reset, the run loop and the register API. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "m68k/cpu.h"
#include "m68k/decode.h"

void m68k_take_interrupt(m68k_cpu *c, int level);
void m68k_take_trace(m68k_cpu *c);

/* mem/ changed a CODE entry: the current block may be gone. */
static void code_changed(void *ctx)
{
    m68k_forget_block(ctx);
}

/* The handler in the guard slots after each block's row: straight-line
 * code ran off the end of its block.  The chain that got here counted an
 * instruction and moved pc past an opcode; undo both, and let the run
 * loop look the next block up. */
static void block_exit(m68k_cpu *c, uint32_t unused)
{
    (void)unused;
    c->pc -= 2;
    c->instructions--;
}

m68k_cpu *m68k_new(m68k_model model, mem_space *mem)
{
    m68k_cpu *c = calloc(1, sizeof *c);
    m68k_handler *t = malloc(65536 * sizeof *t);
    if (!c || !t) {
        free(c);
        free(t);
        return NULL;
    }
    if (m68k_decode_build(model, t, NULL, 0) != 0) {
        free(c);
        free(t);
        return NULL;
    }
    c->table = t;
    for (int i = 0; i < 8; i++)
        c->byte_step[i] = i == 7 ? 2 : 1;
    c->model = model;
    c->data_align = model >= M68K_68020 ? 0 : 1;
    c->ix_full = model >= M68K_68020 ? 0x100 : 0;
    c->ix_scale = model >= M68K_68020 ? 3 : 0;
    c->sr_mask = model >= M68K_68020 ? 0xF71F : 0xA71F;
    c->time_shift = model == M68K_68040 ? 2 : model >= M68K_68020 ? 1 : 0;
    c->mem = mem;
    c->sr_sys = 0x2700;
    c->fz = 1; /* CCR clear (Z is "fz == 0") */
    m68k_forget_block(c);
    /* One CPU per address space: it owns the CODE-change watch. */
    mem_set_code_watch(mem, code_changed, c);
    mem_set_fault_handler(mem, m68k_fault_handler, c);
    mem_set_decode_stub(mem, (mem_dispatch_fn)m68k_decode_stub);
    mem_set_block_exit(mem, (mem_dispatch_fn)block_exit);
    mem_set_supervisor(mem, true);
    return c;
}

void m68k_free(m68k_cpu *c)
{
    if (!c)
        return;
    if (c->mem->code_watch_ctx == c)
        mem_set_code_watch(c->mem, NULL, NULL);
    if (c->mem->translate_ctx == c)
        mem_set_translate(c->mem, NULL, NULL);
    free((void *)c->table);
    free(c);
}

void m68k_set_hooks(m68k_cpu *c, const m68k_hooks *hooks)
{
    c->hooks = *hooks;
}

void m68k_reset(m68k_cpu *c)
{
    c->special = 0;
    c->hold = 0;
    c->sr_sys = 0x2700;
    c->vbr = 0;
    mem_set_supervisor(c->mem, true);
    m68k_mmu040_reset(c);
    c->nmi_latched = 0;
    c->in_group0 = false;
    /* The FPU's null state (as FRESTORE of a null frame leaves it, fpu.c):
     * FP0-FP7 NaNs, FPCR/FPSR/FPIAR clear. */
    for (int i = 0; i < 8; i++) {
        c->fp_se[i] = 0x7FFF;
        c->fp_m[i] = UINT64_MAX;
    }
    c->fpcr = c->fpsr = c->fpiar = 0;
    c->fpu_idle = false;
    m68k_forget_block(c);
    /* Side-effect-free reads: the machine may overlay ROM at 0 for this. */
    c->ssp = c->a[7] = mem_peek(c->mem, 0, 4);
    c->pc = mem_peek(c->mem, 4, 4);
}

/* CODE miss: mem/ refills (which stores 1 in blk_pc) or faults; code in a
 * device region gets an uncached slot and no current block. */
#if defined(__GNUC__)
__attribute__((noinline))
#endif
static mem_slot *slot_miss(m68k_cpu *c, uint32_t pc)
{
    mem_space *m = c->mem;
    c->lookups++; /* not a hit: the run's hit count leaves it out */
    c->insn_pc = pc; /* a fault on this opcode's fetch names it */
    mem_slot *s = mem_code_miss(m, pc);
    if (s < m->slots || s >= m->slots + (size_t)MEM_CODE_TLB_ENTRIES * MEM_SLOT_ROW) {
        m68k_forget_block(c);
        return s;
    }
    m68k_block_enter(c, pc, (size_t)(s - m->slots) / MEM_SLOT_ROW);
    return s;
}

/* Slot lookup through the CODE TLB when flow enters another block. */
static mem_slot *slot_lookup(m68k_cpu *c, uint32_t pc)
{
    if (MEM_LIKELY(m68k_enter_cached(c, pc)))
        return (mem_slot *)(c->blk_bias + ((uintptr_t)pc + 2) * (sizeof(mem_slot) / 2));
    return slot_miss(c, pc);
}

/* One instruction through the dispatch slot.  SMC and flushes change the
 * CODE entry, which makes mem/ reset blk_pc, so the next instruction goes
 * through mem_code_slot and a fresh decode. */
static inline void dispatch(m68k_cpu *c)
{
    uint32_t pc = c->pc;
    mem_slot *s;
    if (MEM_LIKELY((pc & ~(uint32_t)(MEM_CODE_BLOCK - 1)) == c->blk_pc))
        s = (mem_slot *)(c->blk_bias + ((uintptr_t)pc + 2) * (sizeof(mem_slot) / 2));
    else
        s = slot_lookup(c, pc);
    uint32_t op = (uint32_t)s->data;
    m68k_handler h = (m68k_handler)s->fn;
    c->ir = op & 0xFFFF; /* a compare-and-branch pair keeps more in the slot */
    c->insn_pc = pc;
    c->pc = pc + 2;
    c->instructions++;
    h(c, op);
}

/* The hot loop, kept out of the function that holds the setjmp so the
 * compiler can keep `c` in a register. */
#if defined(__GNUC__)
__attribute__((noinline))
#endif
static void hot_loop(m68k_cpu *c)
{
    /* The budget goes out in chunks, which bounds how deep handlers chain
     * (m68k_next); the rest waits in `hold`, where special_set parks too. */
    enum { CHUNK = 4096 };
    for (;;) {
        if (c->budget > CHUNK) {
            c->hold += c->budget - CHUNK;
            c->budget = CHUNK;
        }
        while (c->budget > 0)
            dispatch(c);
        if (c->special || c->hold <= 0)
            return;
        c->budget += c->hold;
        c->hold = 0;
    }
}

/* Special states; returns true when m68k_run must return. */
static bool service(m68k_cpu *c)
{
    if (c->special & SPC_END_RUN) {
        c->special &= ~(uint32_t)SPC_END_RUN;
        return true;
    }
    if (c->special & SPC_HALTED) {
        c->budget = 0;
        return true;
    }
    if (c->special & SPC_TRACE_EXC) {
        c->special &= ~(uint32_t)SPC_TRACE_EXC;
        m68k_take_trace(c);
        return false;
    }
    if (c->special & SPC_IRQ) {
        int mask = (int)(c->sr_sys >> 8 & 7);
        if (c->nmi_latched || c->ipl > mask) {
            int level = c->nmi_latched ? 7 : c->ipl;
            c->nmi_latched = 0;
            c->special &= ~(uint32_t)SPC_IRQ;
            m68k_take_interrupt(c, level);
            return false;
        }
        c->special &= ~(uint32_t)SPC_IRQ;
    }
    if (c->special & SPC_STOPPED) {
        c->budget = 0;
        return true;
    }
    if (c->special & SPC_TRACE) {
        /* Single-step: an instruction that starts with T1 set is followed
         * by a trace exception (after any group 1/2 exception it raised;
         * a group-0 fault longjmps past this and suppresses it); with T0
         * (68020+), only one that changed the flow of control. */
        uint32_t t = c->sr_sys & 0xC000;
        c->hold += c->budget; /* no budget: m68k_next does not chain */
        c->budget = 0;
        c->flow = false;
        dispatch(c);
        if ((t & 0x8000) || c->flow)
            c->special |= SPC_TRACE_EXC;
        return false;
    }
    return false;
}

/* The loop proper; a group-0 fault longjmps back to its top. */
static void run_loop(m68k_cpu *c)
{
    setjmp(c->jb);
    for (;;) {
        if (c->special) {
            c->budget += c->hold;
            c->hold = 0;
            if (c->budget <= 0)
                break;
            if (service(c))
                break;
            if (c->special) {
                c->hold += c->budget;
                c->budget = 0;
                continue;
            }
        }
        hot_loop(c);
        if (!c->special)
            break;
    }
}

/* The handlers charge 68000 bus and internal clocks.  The 68020/68030 (in
 * their cache case) and the 68040 (cache hits, pipelined) take about a half
 * and a quarter of that per instruction, so the budget the handlers see is
 * the model's clocks shifted left by time_shift, and the clocks reported
 * back are shifted right again, the remainder carried to the next run so
 * that no time is lost.  A coarse model, not the manuals' per-instruction
 * tables (README: what is approximate). */
int32_t m68k_run(m68k_cpu *c, int32_t cycles)
{
    unsigned sh = c->time_shift;
    if (cycles > INT32_MAX >> sh)
        cycles = INT32_MAX >> sh;
    int32_t internal = cycles << sh;
    c->budget = internal;
    c->hold = 0;
    c->run_total = internal;
    c->in_run = true;
    c->in_group0 = false;
    c->special &= ~(uint32_t)SPC_END_RUN; /* only meaningful inside a run */
    if (c->special)
        special_set(c, 0);
    uint64_t insn0 = c->instructions, look0 = c->lookups;
    run_loop(c);
    c->mem->stats.tlb[MEM_TLB_CODE].hits += (c->instructions - insn0) - (c->lookups - look0);
    c->budget += c->hold;
    c->hold = 0;
    c->in_run = false;
    int32_t used;
    if ((c->special & (SPC_STOPPED | SPC_HALTED)) && c->budget > 0) {
        used = cycles;
        c->time_frac = 0;
    } else {
        int64_t u = (int64_t)internal - c->budget + c->time_frac;
        used = (int32_t)(u >> sh);
        c->time_frac = (int32_t)(u & ((1 << sh) - 1));
    }
    c->cycles += (uint64_t)used;
    return used;
}

void m68k_end_run(m68k_cpu *c)
{
    special_set(c, SPC_END_RUN);
}

int32_t m68k_cycles_run(const m68k_cpu *c)
{
    return (int32_t)(((int64_t)c->run_total - (c->budget + c->hold) + c->time_frac) >> c->time_shift);
}

void m68k_set_irq(m68k_cpu *c, int level)
{
    if (level == 7 && c->ipl != 7)
        c->nmi_latched = 1;
    c->ipl = level;
    if (level > (int)(c->sr_sys >> 8 & 7) || c->nmi_latched)
        special_set(c, SPC_IRQ);
}

uint32_t m68k_get_reg(const m68k_cpu *c, enum m68k_reg r)
{
    switch (r) {
    case M68K_PC: return c->pc;
    case M68K_SR: return sr_get(c);
    case M68K_USP: return supervisor(c) ? c->usp : c->a[7];
    case M68K_SSP: return (c->sr_sys & 0x3000) == 0x2000 ? c->a[7] : c->ssp;
    case M68K_MSP: return (c->sr_sys & 0x3000) == 0x3000 ? c->a[7] : c->msp;
    case M68K_VBR: return c->vbr;
    default:
        if (r <= M68K_D7)
            return c->d[r];
        if (r <= M68K_A7)
            return c->a[r - M68K_A0];
        return 0;
    }
}

void m68k_set_reg(m68k_cpu *c, enum m68k_reg r, uint32_t v)
{
    switch (r) {
    case M68K_PC:
        /* A new PC (debugger, test harness) drops a pending trace and
         * leaves the stopped or halted state. */
        c->pc = v;
        m68k_forget_block(c);
        c->special &= ~(uint32_t)(SPC_TRACE_EXC | SPC_STOPPED | SPC_HALTED);
        break;
    case M68K_SR: m68k_sr_set(c, v); break;
    case M68K_USP:
        if (supervisor(c)) c->usp = v; else c->a[7] = v;
        break;
    case M68K_SSP:
        if ((c->sr_sys & 0x3000) == 0x2000) c->a[7] = v; else c->ssp = v;
        break;
    case M68K_MSP:
        if ((c->sr_sys & 0x3000) == 0x3000) c->a[7] = v; else c->msp = v;
        break;
    case M68K_VBR: c->vbr = v; break;
    default:
        if (r <= M68K_D7)
            c->d[r] = v;
        else if (r <= M68K_A7)
            c->a[r - M68K_A0] = v;
        break;
    }
}

int m68k_state(const m68k_cpu *c)
{
    if (c->special & SPC_HALTED)
        return M68K_HALTED;
    if (c->special & SPC_STOPPED)
        return M68K_STOPPED;
    return M68K_RUNNING;
}

m68k_model m68k_get_model(const m68k_cpu *c) { return c->model; }
uint64_t m68k_instructions(const m68k_cpu *c) { return c->instructions; }
uint64_t m68k_total_cycles(const m68k_cpu *c) { return c->cycles; }

static const char *const names[] = {"68000", "68010", "68020", "68030", "68040"};

bool m68k_model_from_name(const char *name, m68k_model *out)
{
    if (!name)
        return false;
    if (name[0] == 'm' || name[0] == 'M')
        name++;
    for (int i = 0; i < 5; i++) {
        if (strcmp(name, names[i]) == 0) {
            *out = (m68k_model)i;
            return true;
        }
    }
    return false;
}

const char *m68k_model_name(m68k_model model)
{
    return (unsigned)model < 5 ? names[model] : "?";
}

uint32_t m68k_read_miss(m68k_cpu *c, uint32_t a, int size, int tlb, int kind, uint32_t fpc)
{
    if (tlb == MEM_TLB_WRITE)
        c->rmw_p = 0; /* its write takes the checked path */
    if (size > 1 && (a & 1) && c->data_align)
        m68k_address_error(c, a, kind, fpc);
    c->budget -= size == 4 ? 8 : 4;
    return mem_read_slow(c->mem, a, (unsigned)size, tlb);
}

void m68k_write_miss(m68k_cpu *c, uint32_t a, int size, uint32_t v, uint32_t fpc)
{
    if (size > 1 && (a & 1) && c->data_align)
        m68k_address_error(c, a, AE_WRITE, fpc);
    c->budget -= size == 4 ? 8 : 4;
    mem_write_slow(c->mem, a, (unsigned)size, v);
}
