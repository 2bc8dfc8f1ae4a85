/* The supervisor side of the 68010-68040 that user-mode references cannot
 * show: stack frames byte by byte (formats 0, 1, 2, 7, 8, B), RTE of each
 * and its format error, VBR, MOVEC (and its illegal and privileged cases),
 * MOVES, the master/interrupt stack switch, trace, bus and address errors.
 * Programs are hand-assembled words (the comments give the source). */
#include <stdio.h>
#include <string.h>

#include "m68k/m68k.h"
#include "mem/mem.h"
#include "tests/tap.h"

typedef struct rig {
    mem_space *mem;
    m68k_cpu *cpu;
} rig;

static int irq_ack(void *ctx, int level)
{
    rig *r = ctx;
    (void)level;
    m68k_set_irq(r->cpu, 0);
    return M68K_AUTOVECTOR;
}

/* 0xE00000-0xE0FFFF: a device that reads 0; from 0xE10000 every access is a bus error. */
static int dev_read(void *dev, uint32_t off, unsigned size, uint32_t *v)
{
    (void)dev;
    (void)size;
    *v = 0;
    return off >= 0x10000 ? MEM_FAULT_BUS : 0;
}
static int dev_write(void *dev, uint32_t off, unsigned size, uint32_t v)
{
    (void)dev;
    (void)size;
    (void)v;
    return off >= 0x10000 ? MEM_FAULT_BUS : 0;
}
static const mem_device_ops dev_ops = {dev_read, dev_write};

static void put16(rig *r, uint32_t a, uint32_t w)
{
    uint8_t b[2] = {(uint8_t)(w >> 8), (uint8_t)w};
    mem_dma_write(r->mem, a, b, 2);
}
static void put32(rig *r, uint32_t a, uint32_t v)
{
    put16(r, a, v >> 16);
    put16(r, a + 2, v & 0xFFFF);
}
static void code(rig *r, uint32_t a, const uint16_t *w, size_t n)
{
    for (size_t i = 0; i < n; i++)
        put16(r, a + 2 * (uint32_t)i, w[i]);
}
static uint32_t peek16(rig *r, uint32_t a)
{
    return mem_peek(r->mem, a, 2);
}
static uint32_t peek32(rig *r, uint32_t a)
{
    return mem_peek(r->mem, a, 4);
}
static uint32_t reg(rig *r, enum m68k_reg n)
{
    return m68k_get_reg(r->cpu, n);
}

/* 1 MB of RAM; every vector points at STOP #$2700 at 0x400, so a test
 * looks at the frame the exception left; SSP 0x8000, PC 0x1000. */
static bool setup(rig *r, m68k_model model)
{
    memset(r, 0, sizeof *r);
    bool wide = model >= M68K_68020;
    r->mem = mem_space_new(wide ? 0xFFFFFFFFu : 0x00FFFFFFu, wide ? 0 : 1);
    if (!r->mem)
        return false;
    mem_backing *b = mem_backing_new(r->mem, "ram", 0x100000);
    if (!b || mem_map_ram(r->mem, "ram", 0, 0x100000, b, 0, 0) < 0)
        return false;
    if (mem_map_device(r->mem, "dev", 0xE00000, 0x20000, &dev_ops, r, 4, 0) < 0)
        return false;
    r->cpu = m68k_new(model, r->mem);
    if (!r->cpu)
        return false;
    m68k_hooks h = {r, irq_ack, NULL, NULL};
    m68k_set_hooks(r->cpu, &h);
    for (uint32_t v = 2; v < 256; v++)
        put32(r, v * 4, 0x400);
    put16(r, 0x400, 0x4E72); /* STOP #$2700 */
    put16(r, 0x402, 0x2700);
    put32(r, 0, 0x8000);
    put32(r, 4, 0x1000);
    m68k_reset(r->cpu);
    return true;
}
static void teardown(rig *r)
{
    m68k_free(r->cpu);
    mem_space_free(r->mem);
}
/* Run until the CPU stops (at most `cycles`). */
static void run(rig *r, int32_t cycles)
{
    while (cycles > 0 && m68k_state(r->cpu) == M68K_RUNNING)
        cycles -= m68k_run(r->cpu, cycles < 1000 ? cycles : 1000);
}
static bool stopped_in_handler(rig *r)
{
    return m68k_state(r->cpu) == M68K_STOPPED && reg(r, M68K_PC) == 0x404;
}

static void test_short_frames(void)
{
    /* TRAP #1 */
    static const uint16_t trap[] = {0x4E41};
    static const struct { m68k_model model; uint32_t sp; const char *what; } cases[] = {
        {M68K_68000, 0x8000 - 6, "68000: TRAP pushes 3 words"},
        {M68K_68010, 0x8000 - 8, "68010: TRAP pushes a format-0 frame"},
        {M68K_68040, 0x8000 - 8, "68040: TRAP pushes a format-0 frame"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        rig r;
        if (!tap_ok(setup(&r, cases[i].model), "rig"))
            return;
        code(&r, 0x1000, trap, 1);
        run(&r, 1000);
        uint32_t sp = reg(&r, M68K_A7);
        bool ok = stopped_in_handler(&r) && sp == cases[i].sp && peek16(&r, sp) == 0x2700 &&
                  peek32(&r, sp + 2) == 0x1002;
        if (cases[i].model != M68K_68000)
            ok = ok && peek16(&r, sp + 6) == 0x0084;
        if (!tap_ok(ok, "%s", cases[i].what))
            tap_diag("SP %08X SR %04X PC %08X fmt %04X", (unsigned)sp, (unsigned)peek16(&r, sp),
                     (unsigned)peek32(&r, sp + 2), (unsigned)peek16(&r, sp + 6));
        teardown(&r);
    }
}

static void test_vbr_and_format2(void)
{
    rig r;
    if (!tap_ok(setup(&r, M68K_68040), "rig"))
        return;
    /* movec d0,vbr; move #2,ccr (V); trapv */
    static const uint16_t prog[] = {0x4E7B, 0x0801, 0x44FC, 0x0002, 0x4E76};
    code(&r, 0x1000, prog, 5);
    m68k_set_reg(r.cpu, M68K_D0, 0x20000);
    put32(&r, 0x20000 + 7 * 4, 0x400);
    put32(&r, 7 * 4, 0x12345678); /* the vector VBR does not point at: never used */
    run(&r, 1000);
    uint32_t sp = reg(&r, M68K_A7);
    tap_ok(reg(&r, M68K_VBR) == 0x20000, "MOVEC D0,VBR sets the vector base");
    bool ok = stopped_in_handler(&r) && sp == 0x8000 - 12 && peek16(&r, sp) == 0x2702 &&
              peek32(&r, sp + 2) == 0x100A && peek16(&r, sp + 6) == 0x201C &&
              peek32(&r, sp + 8) == 0x1008;
    if (!tap_ok(ok, "TRAPV through VBR: format-2 frame with the TRAPV's address"))
        tap_diag("state %d PC %08X SP %08X: %04X %08X %04X %08X", m68k_state(r.cpu),
                 (unsigned)reg(&r, M68K_PC), (unsigned)sp, (unsigned)peek16(&r, sp),
                 (unsigned)peek32(&r, sp + 2), (unsigned)peek16(&r, sp + 6),
                 (unsigned)peek32(&r, sp + 8));
    teardown(&r);
}

static void test_rte_format_error(void)
{
    rig r;
    if (!tap_ok(setup(&r, M68K_68040), "rig"))
        return;
    /* move.w #$F000,-(a7); move.l #$1234,-(a7); move.w #$2700,-(a7); rte */
    static const uint16_t prog[] = {0x3F3C, 0xF000, 0x2F3C, 0x0000, 0x1234,
                                    0x3F3C, 0x2700, 0x4E73};
    code(&r, 0x1000, prog, 8);
    run(&r, 1000);
    uint32_t sp = reg(&r, M68K_A7);
    bool ok = stopped_in_handler(&r) && peek16(&r, sp + 6) == 0x0038 &&
              peek32(&r, sp + 2) == 0x100E && sp == 0x8000 - 8 - 8;
    if (!tap_ok(ok, "RTE of a format-$F frame: format error (vector 14) at the RTE, frame kept"))
        tap_diag("SP %08X PC %08X fmt %04X", (unsigned)sp, (unsigned)peek32(&r, sp + 2),
                 (unsigned)peek16(&r, sp + 6));
    teardown(&r);

    /* A format-2 frame returns to its PC and pops 12 bytes on the 68040. */
    if (!tap_ok(setup(&r, M68K_68040), "rig"))
        return;
    /* move.l #0,-(a7); move.w #$2018,-(a7); move.l #$1100,-(a7); move.w #$0700,-(a7); rte */
    static const uint16_t prog2[] = {0x2F3C, 0x0000, 0x0000, 0x3F3C, 0x2018, 0x2F3C,
                                     0x0000, 0x1100, 0x3F3C, 0x0700, 0x4E73};
    code(&r, 0x1000, prog2, 11);
    put16(&r, 0x1100, 0x60FE); /* bra.s * */
    m68k_run(r.cpu, 2000);
    tap_ok(reg(&r, M68K_PC) == 0x1100 && reg(&r, M68K_SR) == 0x0700 &&
               reg(&r, M68K_USP) == 0 && m68k_get_reg(r.cpu, M68K_SSP) == 0x8000,
           "RTE of a format-2 frame: to user mode at its PC, 12 bytes popped");
    teardown(&r);
}

static void test_movec(void)
{
    rig r;
    if (!tap_ok(setup(&r, M68K_68040), "rig"))
        return;
    /* movec d0,cacr; movec cacr,d1; movec a0,msp; movec isp,a1; movec d3,dfc;
     * movec dfc,d2; movec d0,$123 (no such register) */
    static const uint16_t prog[] = {0x4E7B, 0x0002, 0x4E7A, 0x1002, 0x4E7B, 0x8803,
                                    0x4E7A, 0x9804, 0x4E7B, 0x3001, 0x4E7A, 0x2001,
                                    0x4E7B, 0x0123};
    code(&r, 0x1000, prog, 14);
    m68k_set_reg(r.cpu, M68K_D0, 0xFFFFFFFF);
    m68k_set_reg(r.cpu, M68K_A0, 0x9000);
    m68k_set_reg(r.cpu, M68K_D3, 0x15);
    run(&r, 1000);
    tap_ok(reg(&r, M68K_D1) == 0x80008000u, "68040 CACR keeps only DE and IE (%08X)",
           (unsigned)reg(&r, M68K_D1));
    tap_ok(reg(&r, M68K_MSP) == 0x9000 && reg(&r, M68K_A1) == 0x8000,
           "MOVEC reaches MSP, and ISP is the active A7");
    tap_ok(reg(&r, M68K_D2) == 5, "DFC keeps three bits");
    uint32_t sp = reg(&r, M68K_A7);
    tap_ok(stopped_in_handler(&r) && peek16(&r, sp + 6) == 0x0010 && peek32(&r, sp + 2) == 0x1018,
           "MOVEC of a register the model lacks: illegal instruction at the MOVEC");
    teardown(&r);

    /* In user mode: privilege violation. move.w #0,sr; movec d0,vbr */
    if (!tap_ok(setup(&r, M68K_68040), "rig"))
        return;
    static const uint16_t user[] = {0x46FC, 0x0000, 0x4E7B, 0x0801};
    code(&r, 0x1000, user, 4);
    run(&r, 1000);
    sp = reg(&r, M68K_A7);
    tap_ok(stopped_in_handler(&r) && peek16(&r, sp + 6) == 0x0020 && peek32(&r, sp + 2) == 0x1004 &&
               reg(&r, M68K_VBR) == 0,
           "MOVEC in user mode: privilege violation, VBR unchanged");
    teardown(&r);

    /* The 68000 has no MOVEC; the 68010 has no CACR. */
    if (!tap_ok(setup(&r, M68K_68010), "rig"))
        return;
    code(&r, 0x1000, prog, 2);
    run(&r, 1000);
    sp = reg(&r, M68K_A7);
    tap_ok(stopped_in_handler(&r) && peek16(&r, sp + 6) == 0x0010,
           "68010: MOVEC to CACR is an illegal instruction");
    teardown(&r);
}

static void test_moves(void)
{
    rig r;
    if (!tap_ok(setup(&r, M68K_68040), "rig"))
        return;
    /* movec d3,dfc; movec d3,sfc; moves.l d4,(a2); moves.w (a2)+,d5 */
    static const uint16_t prog[] = {0x4E7B, 0x3001, 0x4E7B, 0x3000, 0x0E92, 0x4800,
                                    0x0E5A, 0x5000, 0x4E72, 0x2700};
    code(&r, 0x1000, prog, 10);
    m68k_set_reg(r.cpu, M68K_D3, 1); /* user data */
    m68k_set_reg(r.cpu, M68K_D4, 0xCAFEF00D);
    m68k_set_reg(r.cpu, M68K_A2, 0x3000);
    run(&r, 1000);
    tap_ok(peek32(&r, 0x3000) == 0xCAFEF00D && (reg(&r, M68K_D5) & 0xFFFF) == 0xCAFE &&
               reg(&r, M68K_A2) == 0x3002 && (reg(&r, M68K_SR) & 0x2000),
           "MOVES writes and reads user data, (An)+ steps, the CPU stays in supervisor mode");
    teardown(&r);
}

static void test_master_stack(void)
{
    rig r;
    if (!tap_ok(setup(&r, M68K_68040), "rig"))
        return;
    /* movec a0,msp; move.w #$3000,sr; loop: tst.l d5; beq.s loop;
     * move.l a7,d7; move.w sr,d6; stop #$2700 */
    static const uint16_t prog[] = {0x4E7B, 0x8803, 0x46FC, 0x3000, 0x4A85, 0x67FC,
                                    0x2E0F, 0x40C6, 0x4E72, 0x2700};
    code(&r, 0x1000, prog, 10);
    put32(&r, (24 + 3) * 4, 0x600);
    put16(&r, 0x600, 0x4E73); /* level-3 handler: rte */
    m68k_set_reg(r.cpu, M68K_A0, 0x9000);
    m68k_run(r.cpu, 200); /* into the loop, waiting for D5 */
    tap_ok((reg(&r, M68K_SR) & 0x3000) == 0x3000 && reg(&r, M68K_A7) == 0x9000,
           "SR.M set: A7 is the master stack pointer");
    m68k_set_reg(r.cpu, M68K_D5, 1);
    m68k_set_irq(r.cpu, 3);
    /* Stop in the handler to look at both frames: point it at STOP for now. */
    put32(&r, (24 + 3) * 4, 0x400);
    run(&r, 1000);
    bool ok = stopped_in_handler(&r) && reg(&r, M68K_A7) == 0x8000 - 8 &&
              peek16(&r, 0x8000 - 8 + 6) == 0x106C && peek16(&r, 0x8000 - 8) == 0x3004 &&
              peek16(&r, 0x9000 - 8 + 6) == 0x006C && m68k_get_reg(r.cpu, M68K_MSP) == 0x9000 - 8;
    if (!tap_ok(ok, "interrupt on the master stack: format 0 there, throwaway format 1 on the ISP"))
        tap_diag("A7 %08X MSP %08X isp fmt %04X sr %04X msp fmt %04X",
                 (unsigned)reg(&r, M68K_A7), (unsigned)m68k_get_reg(r.cpu, M68K_MSP),
                 (unsigned)peek16(&r, 0x8000 - 8 + 6), (unsigned)peek16(&r, 0x8000 - 8),
                 (unsigned)peek16(&r, 0x9000 - 8 + 6));
    teardown(&r);

    /* The same with an RTE handler: both frames are popped, back on the MSP. */
    if (!tap_ok(setup(&r, M68K_68040), "rig"))
        return;
    code(&r, 0x1000, prog, 10);
    put32(&r, (24 + 3) * 4, 0x600);
    put16(&r, 0x600, 0x4E73);
    m68k_set_reg(r.cpu, M68K_A0, 0x9000);
    m68k_run(r.cpu, 200);
    m68k_set_reg(r.cpu, M68K_D5, 1);
    m68k_set_irq(r.cpu, 3);
    run(&r, 1000);
    ok = reg(&r, M68K_D7) == 0x9000 && (reg(&r, M68K_D6) & 0xFFFF) == 0x3000 &&
         m68k_get_reg(r.cpu, M68K_SSP) == 0x8000;
    if (!tap_ok(ok, "RTE through the throwaway frame returns to the master stack"))
        tap_diag("D7 %08X D6 %08X SSP %08X", (unsigned)reg(&r, M68K_D7),
                 (unsigned)reg(&r, M68K_D6), (unsigned)m68k_get_reg(r.cpu, M68K_SSP));
    teardown(&r);
}

static void test_trace(void)
{
    rig r;
    if (!tap_ok(setup(&r, M68K_68040), "rig"))
        return;
    /* move.w #$8700,sr; nop */
    static const uint16_t prog[] = {0x46FC, 0x8700, 0x4E71};
    code(&r, 0x1000, prog, 3);
    put16(&r, 0x1006, 0x4E71);
    run(&r, 1000);
    uint32_t sp = reg(&r, M68K_A7);
    bool ok = stopped_in_handler(&r) && peek16(&r, sp + 6) == 0x2024 &&
              peek32(&r, sp + 2) == 0x1006 && peek32(&r, sp + 8) == 0x1004 &&
              peek16(&r, sp) == 0x8700 && !(reg(&r, M68K_SR) & 0x8000);
    if (!tap_ok(ok, "T1 trace: format-2 frame naming the traced NOP, tracing off in the handler"))
        tap_diag("SP %08X SR %04X PC %08X fmt %04X addr %08X", (unsigned)sp,
                 (unsigned)peek16(&r, sp), (unsigned)peek32(&r, sp + 2),
                 (unsigned)peek16(&r, sp + 6), (unsigned)peek32(&r, sp + 8));
    teardown(&r);
}

static void test_bus_errors(void)
{
    /* nop; move.l (a4),d6 */
    static const uint16_t rd[] = {0x4E71, 0x2C14};
    /* nop; move.l d6,(a4) */
    static const uint16_t wr[] = {0x4E71, 0x2886};
    rig r;
    if (!tap_ok(setup(&r, M68K_68040), "rig"))
        return;
    code(&r, 0x1000, rd, 2);
    m68k_set_reg(r.cpu, M68K_A4, 0xE10000);
    run(&r, 1000);
    uint32_t sp = reg(&r, M68K_A7);
    bool ok = stopped_in_handler(&r) && sp == 0x8000 - 60 && peek16(&r, sp + 6) == 0x7008 &&
              peek32(&r, sp + 2) == 0x1002 && peek32(&r, sp + 0x14) == 0xE10000 &&
              (peek16(&r, sp + 0xC) & 0x1FF) == 0x105;
    if (!tap_ok(ok, "68040 bus error on a read: format 7, fault address, SSW read/long/supervisor data"))
        tap_diag("SP %08X PC %08X fmt %04X FA %08X SSW %04X", (unsigned)sp,
                 (unsigned)peek32(&r, sp + 2), (unsigned)peek16(&r, sp + 6),
                 (unsigned)peek32(&r, sp + 0x14), (unsigned)peek16(&r, sp + 0xC));
    teardown(&r);

    if (!tap_ok(setup(&r, M68K_68040), "rig"))
        return;
    code(&r, 0x1000, wr, 2);
    m68k_set_reg(r.cpu, M68K_A4, 0xE10000);
    run(&r, 1000);
    sp = reg(&r, M68K_A7);
    tap_ok(stopped_in_handler(&r) && (peek16(&r, sp + 0xC) & 0x100) == 0,
           "68040 bus error on a write: SSW RW clear");
    teardown(&r);

    /* The handler points A4 at RAM and returns: the MOVE runs again. */
    if (!tap_ok(setup(&r, M68K_68040), "rig"))
        return;
    code(&r, 0x1000, rd, 2);
    put16(&r, 0x1004, 0x4E72);
    put16(&r, 0x1006, 0x2700);
    static const uint16_t fix[] = {0x287C, 0x0000, 0x3000, 0x4E73}; /* movea.l #$3000,a4; rte */
    code(&r, 0x600, fix, 4);
    put32(&r, 2 * 4, 0x600);
    put32(&r, 0x3000, 0x600DF00D);
    m68k_set_reg(r.cpu, M68K_A4, 0xE10000);
    run(&r, 2000);
    tap_ok(reg(&r, M68K_D6) == 0x600DF00D && reg(&r, M68K_A7) == 0x8000 &&
               reg(&r, M68K_PC) == 0x1008,
           "RTE of a format-7 frame restarts the faulting instruction");
    teardown(&r);

    /* Address error: jmp (a3) to an odd address. */
    if (!tap_ok(setup(&r, M68K_68040), "rig"))
        return;
    put16(&r, 0x1000, 0x4ED3);
    m68k_set_reg(r.cpu, M68K_A3, 0x2001);
    run(&r, 1000);
    sp = reg(&r, M68K_A7);
    ok = stopped_in_handler(&r) && peek16(&r, sp + 6) == 0x200C && peek32(&r, sp + 8) == 0x2000 &&
         peek32(&r, sp + 2) == 0x1000;
    if (!tap_ok(ok, "68040 address error: format 2 with the address (A0 cleared)"))
        tap_diag("PC %08X fmt %04X addr %08X", (unsigned)peek32(&r, sp + 2),
                 (unsigned)peek16(&r, sp + 6), (unsigned)peek32(&r, sp + 8));
    teardown(&r);

    /* Misaligned data is legal on the 68020+, an address error on the 68010. */
    static const uint16_t odd[] = {0x2C14, 0x4E72, 0x2700}; /* move.l (a4),d6; stop */
    if (!tap_ok(setup(&r, M68K_68040), "rig"))
        return;
    code(&r, 0x1000, odd, 3);
    put32(&r, 0x3001, 0x11223344);
    m68k_set_reg(r.cpu, M68K_A4, 0x3001);
    run(&r, 1000);
    tap_ok(reg(&r, M68K_D6) == 0x11223344 && reg(&r, M68K_PC) == 0x1006,
           "68040: a long read at an odd address just works");
    teardown(&r);
    if (!tap_ok(setup(&r, M68K_68010), "rig"))
        return;
    code(&r, 0x1000, odd, 3);
    m68k_set_reg(r.cpu, M68K_A4, 0x3001);
    run(&r, 1000);
    sp = reg(&r, M68K_A7);
    ok = stopped_in_handler(&r) && sp == 0x8000 - 58 && peek16(&r, sp + 6) == 0x800C &&
         peek32(&r, sp + 10) == 0x3001;
    if (!tap_ok(ok, "68010: odd long read: address error, format-8 frame with the address"))
        tap_diag("SP %08X fmt %04X addr %08X", (unsigned)sp, (unsigned)peek16(&r, sp + 6),
                 (unsigned)peek32(&r, sp + 10));
    teardown(&r);
    if (!tap_ok(setup(&r, M68K_68030), "rig"))
        return;
    code(&r, 0x1000, rd, 2);
    m68k_set_reg(r.cpu, M68K_A4, 0xE10000);
    run(&r, 1000);
    sp = reg(&r, M68K_A7);
    ok = stopped_in_handler(&r) && sp == 0x8000 - 92 && peek16(&r, sp + 6) == 0xB008 &&
         peek32(&r, sp + 0x10) == 0xE10000 && (peek16(&r, sp + 0xA) & 0x40);
    if (!tap_ok(ok, "68030 bus error: long format-B frame, fault address at +$10, SSW read"))
        tap_diag("SP %08X fmt %04X addr %08X", (unsigned)sp, (unsigned)peek16(&r, sp + 6),
                 (unsigned)peek32(&r, sp + 0x10));
    teardown(&r);
}

static void test_040_only(void)
{
    rig r;
    if (!tap_ok(setup(&r, M68K_68040), "rig"))
        return;
    /* move16 (a0)+,(a1)+; cinva bc; stop */
    static const uint16_t prog[] = {0xF620, 0x9000, 0xF4D8, 0x4E72, 0x2700};
    code(&r, 0x1000, prog, 5);
    for (uint32_t i = 0; i < 16; i += 4)
        put32(&r, 0x3000 + i, 0x01020304u * (i + 1));
    m68k_set_reg(r.cpu, M68K_A0, 0x3008); /* aligned down to the line */
    m68k_set_reg(r.cpu, M68K_A1, 0x4000);
    run(&r, 1000);
    bool ok = reg(&r, M68K_PC) == 0x100A && reg(&r, M68K_A0) == 0x3018 && reg(&r, M68K_A1) == 0x4010;
    for (uint32_t i = 0; i < 16; i += 4)
        ok = ok && peek32(&r, 0x4000 + i) == 0x01020304u * (i + 1);
    if (!tap_ok(ok, "MOVE16 (Ax)+,(Ay)+ copies the aligned 16-byte line; CINVA is accepted in supervisor mode"))
        tap_diag("PC %08X A0 %08X A1 %08X [4000] %08X", (unsigned)reg(&r, M68K_PC),
                 (unsigned)reg(&r, M68K_A0), (unsigned)reg(&r, M68K_A1), (unsigned)peek32(&r, 0x4000));
    teardown(&r);

    /* On the 68030 the same opcode is a line-F exception. */
    if (!tap_ok(setup(&r, M68K_68030), "rig"))
        return;
    code(&r, 0x1000, prog, 5);
    run(&r, 1000);
    uint32_t sp = reg(&r, M68K_A7);
    tap_ok(stopped_in_handler(&r) && peek16(&r, sp + 6) == 0x002C, "68030: MOVE16 is line F");
    teardown(&r);
}

/* The 68020/68030 take about half the 68000's clocks per instruction, the
 * 68040 a quarter (m68k_run): a budget runs that many more NOPs, and the
 * clocks reported across many short runs add up to exactly the NOPs' time
 * (the remainder of a part-clock is carried to the next run). */
static void test_time_scale(void)
{
    static const struct { m68k_model model; unsigned per_nop; } cases[] = {
        {M68K_68000, 4}, {M68K_68020, 2}, {M68K_68040, 1},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        rig r;
        if (!tap_ok(setup(&r, cases[i].model), "rig"))
            return;
        for (uint32_t a = 0x1000; a < 0x9000 - 0x1000; a += 2)
            put16(&r, a, 0x4E71);
        int32_t used = 0;
        for (int k = 0; k < 300; k++)
            used += m68k_run(r.cpu, 7);
        uint64_t n = m68k_instructions(r.cpu);
        if (!tap_ok((uint64_t)used == n * cases[i].per_nop && used >= 2100 &&
                        used < 2100 + (int32_t)cases[i].per_nop * 300,
                    "%s: a NOP takes %u clocks, and 300 runs of 7 report exactly the NOPs' time",
                    m68k_model_name(cases[i].model), cases[i].per_nop))
            tap_diag("used %d, %llu NOPs", (int)used, (unsigned long long)n);
        teardown(&r);
    }
}

int main(void)
{
    test_short_frames();
    test_vbr_and_format2();
    test_rte_format_error();
    test_movec();
    test_moves();
    test_master_stack();
    test_trace();
    test_bus_errors();
    test_040_only();
    test_time_scale();
    return tap_done();
}
