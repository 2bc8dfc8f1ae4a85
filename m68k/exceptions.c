/* Exception processing: group 0 (bus and address error, 14-byte frame),
 * groups 1 and 2 (6-byte frame), interrupts, the SR/stack switch. */
#include <stdlib.h>

#include "m68k/cpu.h"

static void enter_supervisor(m68k_cpu *c)
{
    if (!supervisor(c)) {
        c->usp = c->a[7];
        c->a[7] = c->ssp;
        c->sr_sys |= 0x2000;
        mem_set_supervisor(c->mem, true);
    }
    c->sr_sys &= ~0x8000u; /* tracing off */
    c->special &= ~(uint32_t)(SPC_TRACE | SPC_TRACE_EXC);
}

void m68k_sr_set(m68k_cpu *c, uint32_t v)
{
    v &= 0xA71F;
    bool was_s = supervisor(c), now_s = (v & 0x2000) != 0;
    if (was_s != now_s) {
        if (now_s) {
            c->usp = c->a[7];
            c->a[7] = c->ssp;
        } else {
            c->ssp = c->a[7];
            c->a[7] = c->usp;
        }
        mem_set_supervisor(c->mem, now_s);
    }
    c->sr_sys = v & 0xA700;
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
    int kind = (f->write ? AE_WRITE : 0) | (f->fetch ? AE_PROG : 0);
    uint32_t status = (c->ir & 0xFFE0) | (f->write ? 0 : 0x10) | (uint32_t)fc_bits(c, kind);
    c->budget -= 2;
    group0(c, f->kind == MEM_FAULT_ADDRESS ? 3 : 2, f->addr, status, c->pc);
}

void m68k_jump_fault(m68k_cpu *c, uint32_t target, uint32_t frame_pc)
{
    m68k_address_error(c, target, AE_PROG, frame_pc);
}

void m68k_exception(m68k_cpu *c, int vec, uint32_t pc)
{
    uint32_t sr = sr_get(c);
    enter_supervisor(c);
    uint32_t sp = c->a[7] - 6;
    c->a[7] = sp;
    /* The 68000 drives A0 low here: an odd SSP does not fault. */
    stack_w(c, (sp + 4) & ~1u, pc);
    stack_w(c, sp & ~1u, sr);
    stack_w(c, (sp + 2) & ~1u, pc >> 16);
    jump_vector(c, vec, false);
}

void m68k_exception_insn(m68k_cpu *c, int vec, uint32_t pc, uint32_t insn_addr)
{
    (void)insn_addr;
    m68k_exception(c, vec, pc);
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

/* Interrupt acknowledge and entry (between instructions). */
void m68k_take_interrupt(m68k_cpu *c, int level);
void m68k_take_interrupt(m68k_cpu *c, int level)
{
    uint32_t sr = sr_get(c);
    c->special &= ~(uint32_t)SPC_STOPPED;
    enter_supervisor(c);
    c->sr_sys = (c->sr_sys & ~0x0700u) | (uint32_t)level << 8;
    c->budget -= 6;
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

/* Trace exception after a traced instruction. */
void m68k_take_trace(m68k_cpu *c);
void m68k_take_trace(m68k_cpu *c)
{
    c->special &= ~(uint32_t)SPC_STOPPED;
    c->budget -= 4;
    m68k_exception(c, 9, c->pc);
}
