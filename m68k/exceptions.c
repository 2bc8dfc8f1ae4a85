/* Exception processing: group 0 (bus and address error, 14-byte frame),
 * groups 1 and 2 (6-byte frame), interrupts, the SR/stack switch. */
#include <stdlib.h>

#include "m68k/cpu.h"

/* Where the inactive stack pointers live: USP, ISP (`ssp`), and on the
 * 68020+ the MSP when SR.M is set; A7 is the active one. */
static uint32_t *stack_slot(m68k_cpu *c, uint32_t sr_sys)
{
    if (!(sr_sys & 0x2000))
        return &c->usp;
    return (sr_sys & 0x1000) ? &c->msp : &c->ssp;
}

/* SR.T/S/M/IPL changed from `old` to c->sr_sys: swap A7 with its slot. */
static void stack_switch(m68k_cpu *c, uint32_t old)
{
    uint32_t *from = stack_slot(c, old), *to = stack_slot(c, c->sr_sys);
    if (from != to) {
        *from = c->a[7];
        c->a[7] = *to;
    }
    if ((old ^ c->sr_sys) & 0x2000)
        mem_set_supervisor(c->mem, (c->sr_sys & 0x2000) != 0);
}

static void enter_supervisor(m68k_cpu *c)
{
    uint32_t old = c->sr_sys;
    c->sr_sys = (c->sr_sys | 0x2000) & ~0xC000u; /* tracing off */
    stack_switch(c, old);
    c->special &= ~(uint32_t)(SPC_TRACE | SPC_TRACE_EXC);
}

void m68k_sr_set(m68k_cpu *c, uint32_t v)
{
    v &= c->sr_mask;
    uint32_t old = c->sr_sys;
    c->sr_sys = v & 0xFF00;
    stack_switch(c, old);
    ccr_set(c, v);
    if (v & 0x8000)
        special_set(c, SPC_TRACE);
    else
        c->special &= ~(uint32_t)SPC_TRACE;
    int mask = (int)(v >> 8 & 7);
    if (c->ipl > mask || c->nmi_latched)
        special_set(c, SPC_IRQ);
}

static void halt(m68k_cpu *c)
{
    c->special |= SPC_HALTED;
    c->hold = 0;
    c->budget = 0;
    if (c->hooks.halted)
        c->hooks.halted(c->hooks.ctx);
    if (c->in_run)
        longjmp(c->jb, 1);
}

/* Stacking writes: 4 clocks each, straight to mem (the stack was checked). */
static void stack_w(m68k_cpu *c, uint32_t a, uint32_t v)
{
    c->budget -= 4;
    mem_write16(c->mem, a, v);
}

/* The vector fetch and the refill of the prefetch queue at the handler. */
static void jump_vector(m68k_cpu *c, int vec, bool group0)
{
    uint32_t va = c->vbr + (uint32_t)vec * 4;
    c->budget -= 8;
    uint32_t hi = mem_read16(c->mem, va);
    uint32_t pc = hi << 16 | mem_read16(c->mem, va + 2);
    if (pc & 1) {
        if (group0)
            halt(c);
        c->ir = 0;
        m68k_address_error(c, pc, AE_PROG, va);
    }
    c->pc = pc;
    m68k_forget_block(c); /* the handler that raised it may chain on */
    c->budget -= 10; /* two prefetch reads and 2 idle clocks */
}

/* ---- 68010+ frames: SR, PC, format/vector word, then `n` more words ---- */

/* Push a frame of format `fmt` whose words after the format word are
 * extra[0..n-1]; stacking faults are double faults. */
static void push_frame(m68k_cpu *c, uint32_t sr, uint32_t pc, int vec, int fmt,
                       const uint16_t *extra, int n)
{
    bool nested = c->in_group0;
    c->in_group0 = true;
    uint32_t sp = c->a[7] - 8 - 2 * (uint32_t)n;
    c->a[7] = sp;
    for (int i = n - 1; i >= 0; i--)
        stack_w(c, sp + 8 + 2 * (uint32_t)i, extra[i]);
    stack_w(c, sp + 6, (uint32_t)fmt << 12 | (uint32_t)vec * 4);
    stack_w(c, sp + 4, pc);
    stack_w(c, sp + 2, pc >> 16);
    stack_w(c, sp, sr);
    c->in_group0 = nested;
}

static void put32(uint16_t *w, uint32_t v)
{
    w[0] = (uint16_t)(v >> 16);
    w[1] = (uint16_t)v;
}

void m68k_exception_format(m68k_cpu *c, int vec, int fmt, uint32_t pc, const uint16_t *extra,
                           int n)
{
    uint32_t sr = sr_get(c);
    enter_supervisor(c);
    push_frame(c, sr, pc, vec, fmt, extra, n);
    jump_vector(c, vec, false);
}

/* Bus and address errors of the 68010+.  The frames are those of the
 * chips (68010: format 8; 68020/68030: the long bus-fault format B;
 * 68040: access-error format 7, address-error format 2), but what they
 * hold is simpler: the PC is the faulting instruction's and RTE restarts
 * it, where the chips resume from internal state in the frame. */
static _Noreturn void group0_010(m68k_cpu *c, int vec, uint32_t addr, bool write, bool fetch,
                                 unsigned size, bool atc)
{
    uint32_t sr = sr_get(c);
    if (c->in_group0)
        halt(c);
    enter_supervisor(c);
    c->in_group0 = true; /* a fault while stacking halts */
    uint32_t pc = c->insn_pc;
    int fc = (sr & 0x2000 ? 4 : 0) | (fetch ? 2 : 1);
    uint16_t w[46] = {0};
    if (c->model == M68K_68040) {
        if (vec == 3) {
            put32(w, addr & ~1u); /* format 2: the address, A0 cleared */
            push_frame(c, sr, pc, vec, 2, w, 2);
        } else {
            /* format 7: EA, SSW, three write-back status words, FA, ... */
            unsigned sz = size == 1 ? 1 : size == 2 ? 2 : 0;
            put32(w, addr);
            /* SSW: ATC (bit 10) for a translation fault, RW, SIZE, TM */
            w[2] = (uint16_t)((atc ? 0x400 : 0) | (write ? 0 : 0x100) | sz << 5 | (unsigned)fc);
            put32(w + 6, addr);
            push_frame(c, sr, pc, vec, 7, w, 26);
        }
    } else if (c->model == M68K_68010) {
        /* format 8: SSW (RW, function code), fault address, buffers */
        w[0] = (uint16_t)((write ? 0 : 0x100) | (fetch ? 0x2000 : 0) | (unsigned)fc);
        put32(w + 1, addr);
        push_frame(c, sr, pc, vec, 8, w, 25);
    } else {
        /* format B: SSW at +10 (RW, function code), fault address at +16 */
        w[1] = (uint16_t)((write ? 0 : 0x40) | (unsigned)fc);
        put32(w + 4, addr);
        push_frame(c, sr, pc, vec, 0xB, w, 42);
    }
    jump_vector(c, vec, true);
    c->in_group0 = false;
    if (!c->in_run)
        abort(); /* cannot happen: faults outside m68k_run return early */
    longjmp(c->jb, 1);
}

static _Noreturn void group0(m68k_cpu *c, int vec, uint32_t addr, uint32_t status, uint32_t fpc)
{
    uint32_t sr = sr_get(c);
    if (c->in_group0)
        halt(c);
    c->in_group0 = true;
    enter_supervisor(c);
    c->budget -= 8;
    uint32_t sp = c->a[7] - 14;
    if (sp & 1)
        halt(c);
    c->a[7] = sp;
    stack_w(c, sp + 12, fpc);
    stack_w(c, sp + 8, sr);
    stack_w(c, sp + 10, fpc >> 16);
    stack_w(c, sp + 6, c->ir);
    stack_w(c, sp + 4, addr);
    stack_w(c, sp + 0, status);
    stack_w(c, sp + 2, addr >> 16);
    c->budget -= 2;
    jump_vector(c, vec, true);
    c->in_group0 = false;
    if (!c->in_run)
        abort(); /* cannot happen: faults outside m68k_run return early */
    longjmp(c->jb, 1);
}

void m68k_address_error(m68k_cpu *c, uint32_t addr, int kind, uint32_t frame_pc)
{
    if (c->model != M68K_68000)
        group0_010(c, 3, addr, (kind & AE_WRITE) != 0, (kind & AE_PROG) != 0, 2, false);
    uint32_t status = (c->ir & 0xFFE0) | ((kind & AE_WRITE) ? 0 : 0x10) | (uint32_t)fc_bits(c, kind);
    if (kind & 8)
        status |= 8; /* instruction/not bit: "not an instruction" */
    c->budget -= 2;
    group0(c, 3, addr, status, frame_pc);
}

void m68k_fault_handler(void *ctx, const mem_fault *f)
{
    m68k_cpu *c = ctx;
    if (!c->in_run)
        return; /* outside an instruction: mem/ returns ones / drops the write */
    int vec = f->kind == MEM_FAULT_ADDRESS ? 3 : 2;
    if (c->model == M68K_68040 && f->kind == MEM_FAULT_BUS && !c->in_group0)
        m68k_mmu040_restart(c, f);
    if (c->model != M68K_68000)
        group0_010(c, vec, f->addr, f->write, f->fetch, f->size, f->atc);
    int kind = (f->write ? AE_WRITE : 0) | (f->fetch ? AE_PROG : 0);
    uint32_t status = (c->ir & 0xFFE0) | (f->write ? 0 : 0x10) | (uint32_t)fc_bits(c, kind);
    c->budget -= 2;
    group0(c, vec, f->addr, status, c->pc);
}

void m68k_jump_fault(m68k_cpu *c, uint32_t target, uint32_t frame_pc)
{
    m68k_address_error(c, target, AE_PROG, frame_pc);
}

/* A group 1/2 exception frame: the 68000's three words, or the 68010+'s
 * format 0 (or format 2 with the instruction's address on the 68020+). */
static void exception_frame(m68k_cpu *c, int vec, uint32_t pc, bool with_addr, uint32_t addr)
{
    uint32_t sr = sr_get(c);
    enter_supervisor(c);
    if (c->model == M68K_68000) {
        uint32_t sp = c->a[7] - 6;
        c->a[7] = sp;
        /* The 68000 drives A0 low here: an odd SSP does not fault. */
        stack_w(c, (sp + 4) & ~1u, pc);
        stack_w(c, sp & ~1u, sr);
        stack_w(c, (sp + 2) & ~1u, pc >> 16);
    } else if (with_addr && c->model >= M68K_68020) {
        uint16_t w[2];
        put32(w, addr);
        push_frame(c, sr, pc, vec, 2, w, 2);
    } else {
        push_frame(c, sr, pc, vec, 0, NULL, 0);
    }
    jump_vector(c, vec, false);
}

void m68k_exception(m68k_cpu *c, int vec, uint32_t pc)
{
    exception_frame(c, vec, pc, false, 0);
}

void m68k_exception_insn(m68k_cpu *c, int vec, uint32_t pc, uint32_t insn_addr)
{
    exception_frame(c, vec, pc, true, insn_addr);
}

void m68k_privilege(m68k_cpu *c)
{
    c->budget -= 4;
    m68k_exception(c, 8, c->pc - 2);
}

void m68k_illegal(m68k_cpu *c, uint32_t op)
{
    int vec = (op >> 12) == 0xA ? 10 : (op >> 12) == 0xF ? 11 : 4;
    c->budget -= 4;
    m68k_exception(c, vec, c->pc - 2);
}

void m68k_illegal_abort(m68k_cpu *c)
{
    c->budget -= 4;
    m68k_exception(c, 4, c->insn_pc);
    longjmp(c->jb, 1);
}

void m68k_format_error(m68k_cpu *c)
{
    c->budget -= 4;
    m68k_exception(c, 14, c->insn_pc);
}

/* Interrupt acknowledge and entry (between instructions). */
void m68k_take_interrupt(m68k_cpu *c, int level);
void m68k_take_interrupt(m68k_cpu *c, int level)
{
    uint32_t sr = sr_get(c);
    c->special &= ~(uint32_t)SPC_STOPPED;
    enter_supervisor(c);
    c->sr_sys = (c->sr_sys & ~0x0700u) | (uint32_t)level << 8;
    c->budget -= 6;
    if (c->model != M68K_68000) {
        c->budget -= 4;
        int v = c->hooks.irq_ack ? c->hooks.irq_ack(c->hooks.ctx, level) : M68K_AUTOVECTOR;
        int vec = v == M68K_AUTOVECTOR ? 24 + level : v == M68K_SPURIOUS ? 24 : (v & 0xFF);
        push_frame(c, sr, c->pc, vec, 0, NULL, 0);
        if (c->sr_sys & 0x1000) {
            /* On the master stack: clear M and leave a throwaway frame on
             * the interrupt stack holding the SR from before the interrupt
             * (with S set), which brings RTE back to the MSP. */
            uint32_t old = c->sr_sys;
            c->sr_sys &= ~0x1000u;
            stack_switch(c, old);
            push_frame(c, sr | 0x2000, c->pc, vec, 1, NULL, 0);
        }
        jump_vector(c, vec, false);
        return;
    }
    uint32_t sp = c->a[7] - 6;
    c->a[7] = sp;
    stack_w(c, (sp + 4) & ~1u, c->pc);
    c->budget -= 4;
    int v = c->hooks.irq_ack ? c->hooks.irq_ack(c->hooks.ctx, level) : M68K_AUTOVECTOR;
    int vec = v == M68K_AUTOVECTOR ? 24 + level : v == M68K_SPURIOUS ? 24 : (v & 0xFF);
    c->budget -= 4;
    stack_w(c, sp & ~1u, sr);
    stack_w(c, (sp + 2) & ~1u, c->pc >> 16);
    jump_vector(c, vec, false);
}

/* Trace exception after a traced instruction (format 2 on the 68020+,
 * with the traced instruction's address). */
void m68k_take_trace(m68k_cpu *c);
void m68k_take_trace(m68k_cpu *c)
{
    c->special &= ~(uint32_t)SPC_STOPPED;
    c->budget -= 4;
    m68k_exception_insn(c, 9, c->pc, c->insn_pc);
}
