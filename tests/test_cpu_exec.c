/* CPU behaviour the single-instruction vectors cannot show: programs over
 * several instructions, self-modifying code through the dispatch slots,
 * interrupts (autovectored, vectored, spurious, masked, NMI edge), STOP,
 * trace, RESET, bus errors from devices, double bus fault, code running from
 * a device region, and the run-budget API. */
#include <stdio.h>
#include <string.h>

#include "m68k/m68k.h"
#include "mem/mem.h"
#include "tests/tap.h"

typedef struct rig {
    mem_space *mem;
    m68k_cpu *cpu;
    int acks, last_level, ack_result, resets, halts;
    bool end_in_ack;
    uint16_t rom[16]; /* words served by the device region at 0xE00000 */
} rig;

static int irq_ack(void *ctx, int level)
{
    rig *r = ctx;
    r->acks++;
    r->last_level = level;
    m68k_set_irq(r->cpu, 0);
    if (r->end_in_ack)
        m68k_end_run(r->cpu);
    return r->ack_result;
}
static void reset_devices(void *ctx)
{
    ((rig *)ctx)->resets++;
}
static void halted(void *ctx)
{
    ((rig *)ctx)->halts++;
}

/* A device: 0xE00000.. serves `rom` words; 0xE10000.. is a bus error. */
static int dev_read(void *dev, uint32_t off, unsigned size, uint32_t *v)
{
    rig *r = dev;
    if (off >= 0x10000)
        return MEM_FAULT_BUS;
    uint32_t i = (off >> 1) & 15;
    *v = size == 1 ? ((off & 1) ? r->rom[i] & 0xFF : r->rom[i] >> 8) : r->rom[i];
    return 0;
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

/* Fresh machine: 1 MB RAM, vectors point at an RTE at 0x400 by default,
 * SSP 0x8000, PC 0x1000. */
static bool setup(rig *r)
{
    memset(r, 0, sizeof *r);
    r->ack_result = M68K_AUTOVECTOR;
    r->mem = mem_space_new(0x00FFFFFF, 1);
    if (!r->mem)
        return false;
    mem_backing *b = mem_backing_new(r->mem, "ram", 0x100000);
    if (!b || mem_map_ram(r->mem, "ram", 0, 0x100000, b, 0, 0) < 0)
        return false;
    if (mem_map_device(r->mem, "dev", 0xE00000, 0x20000, &dev_ops, r, 2, 0) < 0)
        return false;
    r->cpu = m68k_new(M68K_68000, r->mem);
    if (!r->cpu)
        return false;
    m68k_hooks h = {r, irq_ack, reset_devices, halted};
    m68k_set_hooks(r->cpu, &h);
    for (uint32_t v = 2; v < 256; v++)
        put32(r, v * 4, 0x400);
    put16(r, 0x400, 0x4E73); /* RTE */
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

static uint32_t reg(rig *r, enum m68k_reg n)
{
    return m68k_get_reg(r->cpu, n);
}

static void test_reset_and_loop(void)
{
    rig r;
    if (!tap_ok(setup(&r), "rig for reset/loop"))
        return;
    tap_ok(reg(&r, M68K_PC) == 0x1000 && reg(&r, M68K_A7) == 0x8000 &&
               reg(&r, M68K_SR) == 0x2700,
           "reset loads SSP and PC from vectors 0 and 1, SR = $2700");
    /* MOVEQ #9,D0; loop: ADDQ.L #3,D1; DBRA D0,loop; STOP #$2700 */
    static const uint16_t prog[] = {0x7009, 0x5681, 0x51C8, 0xFFFC, 0x4E72, 0x2700};
    code(&r, 0x1000, prog, 6);
    int32_t used = m68k_run(r.cpu, 10000);
    tap_ok(reg(&r, M68K_D1) == 30 && reg(&r, M68K_D0) == 0xFFFF,
           "DBRA loop ran 10 times (D1=%u)", (unsigned)reg(&r, M68K_D1));
    tap_ok(m68k_state(r.cpu) == M68K_STOPPED, "STOP stops the CPU");
    tap_ok(used == 10000, "a stopped CPU consumes the rest of the budget (%d)", (int)used);
    /* 4 (MOVEQ) + 10 x 8 (ADDQ.L) + 9 x 10 + 14 (DBRA) + 4 (STOP) */
    tap_ok(m68k_instructions(r.cpu) == 22, "22 instructions counted (%llu)",
           (unsigned long long)m68k_instructions(r.cpu));
    teardown(&r);
}

static void test_smc(void)
{
    rig r;
    if (!tap_ok(setup(&r), "rig for SMC"))
        return;
    static const uint16_t prog[] = {
        0x7001,                 /* 1000 MOVEQ #1,D0 */
        0x5247,                 /* 1002 ADDQ.W #1,D7 */
        0x0C47, 0x0002,         /* 1004 CMPI.W #2,D7 */
        0x6708,                 /* 1008 BEQ.S $1012 */
        0x31FC, 0x7005, 0x1000, /* 100A MOVE.W #$7005,$1000.W */
        0x60EE,                 /* 1010 BRA.S $1000 */
        0x4E72, 0x2700,         /* 1012 STOP #$2700 */
    };
    code(&r, 0x1000, prog, sizeof prog / 2);
    uint64_t dec0 = r.mem->stats.dispatch_decodes;
    m68k_run(r.cpu, 1000);
    tap_ok(reg(&r, M68K_D0) == 5, "a guest store over executed code is honoured (D0=%u)",
           (unsigned)reg(&r, M68K_D0));
    /* 7 instruction addresses, and $1000 decoded again after the store. */
    tap_ok(r.mem->stats.dispatch_decodes - dec0 >= 8, "the patched slot was decoded again (%llu)",
           (unsigned long long)(r.mem->stats.dispatch_decodes - dec0));

    /* DMA over cached code is honoured as well. */
    static const uint16_t prog2[] = {0x7203, 0x4E72, 0x2700}; /* MOVEQ #3,D1; STOP */
    code(&r, 0x2000, prog2, 3);
    m68k_set_reg(r.cpu, M68K_PC, 0x2000);
    m68k_run(r.cpu, 100);
    put16(&r, 0x2000, 0x7204); /* MOVEQ #4,D1 */
    m68k_set_reg(r.cpu, M68K_PC, 0x2000);
    m68k_run(r.cpu, 100);
    tap_ok(reg(&r, M68K_D1) == 4, "DMA over cached code is honoured (D1=%u)",
           (unsigned)reg(&r, M68K_D1));
    teardown(&r);
}

static void test_interrupts(void)
{
    rig r;
    if (!tap_ok(setup(&r), "rig for interrupts"))
        return;
    /* Level-3 autovector handler at $500: ADDQ.L #1,D2; RTE. Vector 64 at $520:
     * ADDQ.L #1,D3; RTE.  Spurious (24) at $540: ADDQ.L #1,D4; RTE. */
    static const uint16_t h3[] = {0x5282, 0x4E73}, h64[] = {0x5283, 0x4E73},
                          hsp[] = {0x5284, 0x4E73}, h7[] = {0x5285, 0x4E73};
    code(&r, 0x500, h3, 2);
    code(&r, 0x520, h64, 2);
    code(&r, 0x540, hsp, 2);
    code(&r, 0x560, h7, 2);
    put32(&r, 27 * 4, 0x500);
    put32(&r, 64 * 4, 0x520);
    put32(&r, 24 * 4, 0x540);
    put32(&r, 31 * 4, 0x560);
    static const uint16_t prog[] = {0x46FC, 0x2000, 0x60FE}; /* MOVE #$2000,SR; BRA.S * */
    code(&r, 0x1000, prog, 3);
    m68k_run(r.cpu, 200);
    m68k_set_irq(r.cpu, 3);
    m68k_run(r.cpu, 200);
    tap_ok(reg(&r, M68K_D2) == 1 && r.acks == 1 && r.last_level == 3,
           "level 3 autovectored interrupt taken once (D2=%u acks=%d)",
           (unsigned)reg(&r, M68K_D2), r.acks);
    tap_ok(reg(&r, M68K_SR) == 0x2000 && reg(&r, M68K_A7) == 0x8000,
           "RTE restored SR and the stack");

    r.ack_result = 64;
    m68k_set_irq(r.cpu, 2);
    m68k_run(r.cpu, 200);
    tap_ok(reg(&r, M68K_D3) == 1, "vectored interrupt uses the acknowledged vector");
    r.ack_result = M68K_SPURIOUS;
    m68k_set_irq(r.cpu, 1);
    m68k_run(r.cpu, 200);
    tap_ok(reg(&r, M68K_D4) == 1, "spurious interrupt uses vector 24");

    /* Masked: SR mask 5 ignores level 4, NMI (7) still gets through once. */
    r.ack_result = M68K_AUTOVECTOR;
    m68k_set_reg(r.cpu, M68K_SR, 0x2500);
    int acks = r.acks;
    m68k_set_irq(r.cpu, 4);
    m68k_run(r.cpu, 200);
    tap_ok(r.acks == acks, "level 4 is masked by IPL mask 5");
    m68k_set_irq(r.cpu, 0);
    m68k_set_reg(r.cpu, M68K_SR, 0x2700);
    m68k_set_irq(r.cpu, 7);
    m68k_run(r.cpu, 200);
    tap_ok(reg(&r, M68K_D5) == 1, "level 7 is taken through mask 7 (NMI)");

    /* Interrupt wakes a STOP; m68k_end_run from the acknowledge returns early. */
    static const uint16_t stop[] = {0x4E72, 0x2000, 0x60FE};
    code(&r, 0x3000, stop, 3);
    m68k_set_reg(r.cpu, M68K_PC, 0x3000);
    m68k_run(r.cpu, 100);
    tap_ok(m68k_state(r.cpu) == M68K_STOPPED, "STOP #$2000 waits");
    r.end_in_ack = true;
    m68k_set_irq(r.cpu, 3);
    int32_t used = m68k_run(r.cpu, 100000);
    tap_ok(m68k_state(r.cpu) == M68K_RUNNING && used < 1000,
           "an interrupt wakes STOP; m68k_end_run returns early (%d cycles)", (int)used);
    teardown(&r);
}

static void test_trace_reset_privilege(void)
{
    rig r;
    if (!tap_ok(setup(&r), "rig for trace"))
        return;
    static const uint16_t th[] = {0x5286, 0x4E73}; /* trace: ADDQ.L #1,D6; RTE */
    code(&r, 0x600, th, 2);
    put32(&r, 9 * 4, 0x600);
    /* NOP x3 then STOP */
    static const uint16_t prog[] = {0x4E71, 0x4E71, 0x4E71, 0x4E72, 0x2700};
    code(&r, 0x1000, prog, 5);
    m68k_set_reg(r.cpu, M68K_SR, 0xA700);
    m68k_run(r.cpu, 1000);
    tap_ok(reg(&r, M68K_D6) == 4, "trace exception after each traced instruction (D6=%u)",
           (unsigned)reg(&r, M68K_D6));

    static const uint16_t rst[] = {0x4E70, 0x4E72, 0x2700};
    code(&r, 0x2000, rst, 3);
    m68k_set_reg(r.cpu, M68K_SR, 0x2700);
    m68k_set_reg(r.cpu, M68K_PC, 0x2000);
    m68k_run(r.cpu, 1000);
    tap_ok(r.resets == 1, "RESET calls the reset_devices hook");

    /* User mode STOP: privilege violation (vector 8) with the opcode's PC. */
    static const uint16_t ph[] = {0x2E2F, 0x0002, 0x4E72, 0x2700}; /* MOVE.L 2(A7),D7; STOP */
    code(&r, 0x700, ph, 4);
    put32(&r, 8 * 4, 0x700);
    code(&r, 0x2100, rst + 1, 2);
    m68k_set_reg(r.cpu, M68K_USP, 0x9000);
    m68k_set_reg(r.cpu, M68K_SR, 0x0000);
    m68k_set_reg(r.cpu, M68K_PC, 0x2100);
    m68k_run(r.cpu, 1000);
    tap_ok(reg(&r, M68K_D7) == 0x2100 && (reg(&r, M68K_SR) & 0x2000),
           "privileged instruction in user mode: vector 8, frame PC = instruction");
    teardown(&r);
}

static void test_faults(void)
{
    rig r;
    if (!tap_ok(setup(&r), "rig for faults"))
        return;
    /* Bus error handler: MOVE.L 2(A7),D0 (access address); STOP. */
    static const uint16_t bh[] = {0x202F, 0x0002, 0x4E72, 0x2700};
    code(&r, 0x800, bh, 4);
    put32(&r, 2 * 4, 0x800);
    static const uint16_t prog[] = {0x3039, 0x00E1, 0x0010}; /* MOVE.W $E10010,D0 */
    code(&r, 0x1000, prog, 3);
    m68k_run(r.cpu, 1000);
    tap_ok(reg(&r, M68K_D0) == 0xE10010 && reg(&r, M68K_A7) == 0x8000 - 14,
           "device bus error: vector 2, 14-byte frame with the access address");

    /* Address error with an odd SSP: double bus fault halts. */
    static const uint16_t ae[] = {0x3010}; /* MOVE.W (A0),D0 */
    code(&r, 0x2000, ae, 1);
    m68k_set_reg(r.cpu, M68K_A0, 0x3001);
    m68k_set_reg(r.cpu, M68K_A7, 0x7001);
    m68k_set_reg(r.cpu, M68K_PC, 0x2000);
    int32_t used = m68k_run(r.cpu, 1000);
    tap_ok(m68k_state(r.cpu) == M68K_HALTED && r.halts == 1 && used == 1000,
           "double bus fault halts the CPU and calls the halted hook");

    /* Code fetched from a device region runs (uncached dispatch slot). */
    m68k_set_reg(r.cpu, M68K_A7, 0x8000);
    m68k_set_reg(r.cpu, M68K_PC, 0x2000); /* leaves the halted state */
    static const uint16_t jmp[] = {0x4EF9, 0x00E0, 0x0000};
    code(&r, 0x2000, jmp, 3);
    static const uint16_t dev[] = {0x7807, 0x7A09, 0x4E72, 0x2700};
    memcpy(r.rom, dev, sizeof dev);
    m68k_run(r.cpu, 1000);
    tap_ok(reg(&r, M68K_D4) == 7 && reg(&r, M68K_D5) == 9,
           "instructions fetched from a device region decode each time");
    teardown(&r);
}

static void test_budget(void)
{
    rig r;
    if (!tap_ok(setup(&r), "rig for budget"))
        return;
    static const uint16_t prog[] = {0x5280, 0x60FC}; /* ADDQ.L #1,D0; BRA.S -4 */
    code(&r, 0x1000, prog, 2);
    int32_t used = m68k_run(r.cpu, 1000);
    /* ADDQ.L 8 + BRA 10 = 18 clocks per iteration: stops at the first boundary >= 1000. */
    tap_ok(used >= 1000 && used < 1000 + 18, "run stops at the first boundary past the budget");
    tap_ok(m68k_total_cycles(r.cpu) == (uint64_t)used, "total cycles accumulate");
    uint32_t n = reg(&r, M68K_D0);
    tap_ok(n == 56, "ADDQ.L + BRA.S loop: 56 iterations in 1000 clocks (%u)", (unsigned)n);
    teardown(&r);
}

/* Straight-line code leaves its 128-byte code block through the guard slots
 * after the block's row, even when the last instruction reaches 8 bytes
 * into the next block. */
static void test_block_crossing(void)
{
    rig r;
    if (!tap_ok(setup(&r), "rig for block crossing"))
        return;
    static const uint16_t prog[] = {
        0x7201,                         /* 4078 MOVEQ #1,D1 */
        0x7402,                         /* 407A MOVEQ #2,D2 */
        0x4E71,                         /* 407C NOP */
        0x23F9, 0, 0x5000, 0, 0x5004,   /* 407E MOVE.L $5000,$5004 (ends at 4088) */
        0x7007,                         /* 4088 MOVEQ #7,D0 */
        0x4E72, 0x2700,                 /* 408A STOP #$2700 */
    };
    code(&r, 0x4078, prog, sizeof prog / 2);
    put32(&r, 0x5000, 0x12345678);
    m68k_set_reg(r.cpu, M68K_PC, 0x4078);
    for (int pass = 0; pass < 2; pass++) { /* the second with the slots decoded */
        uint64_t n0 = m68k_instructions(r.cpu);
        m68k_set_reg(r.cpu, M68K_D0, 0);
        m68k_set_reg(r.cpu, M68K_PC, 0x4078);
        m68k_run(r.cpu, 1000);
        tap_ok(reg(&r, M68K_D0) == 7 && reg(&r, M68K_D1) == 1 && mem_peek(r.mem, 0x5004, 4) == 0x12345678 &&
                   m68k_instructions(r.cpu) - n0 == 6 && m68k_state(r.cpu) == M68K_STOPPED,
               "pass %d: an instruction spanning two blocks, then the next block (D0=%u, %llu instructions)",
               pass + 1, (unsigned)reg(&r, M68K_D0), (unsigned long long)(m68k_instructions(r.cpu) - n0));
    }
    teardown(&r);
}

/* A compare followed by a Bcc.s runs as one handler (alu.c), yet stays two
 * instructions: the budget can end between them, trace sees both, and a
 * write over the branch is honoured. */
static void test_compare_branch_pairs(void)
{
    rig r;
    if (!tap_ok(setup(&r), "rig for compare-and-branch pairs"))
        return;
    /* MOVEQ #5,D0; loop: SUBQ.L #1,D0; TST.L D0; BNE.S loop; STOP #$2700 */
    static const uint16_t prog[] = {0x7005, 0x5380, 0x4A80, 0x66FA, 0x4E72, 0x2700};
    code(&r, 0x3000, prog, sizeof prog / 2);
    m68k_set_reg(r.cpu, M68K_PC, 0x3000);
    m68k_run(r.cpu, 4 + 8 + 4); /* up to the end of the first TST */
    tap_ok(reg(&r, M68K_PC) == 0x3006 && m68k_instructions(r.cpu) == 3,
           "the budget can end between a compare and its branch (PC=%x, %llu instructions)",
           (unsigned)reg(&r, M68K_PC), (unsigned long long)m68k_instructions(r.cpu));
    m68k_run(r.cpu, 10000);
    tap_ok(reg(&r, M68K_D0) == 0 && m68k_state(r.cpu) == M68K_STOPPED &&
               m68k_instructions(r.cpu) == 17,
           "the loop then runs to its end (D0=%u, %llu instructions)", (unsigned)reg(&r, M68K_D0),
           (unsigned long long)m68k_instructions(r.cpu));

    /* BNE becomes BEQ: the pair is decoded again. */
    put16(&r, 0x3006, 0x67FA);
    m68k_set_reg(r.cpu, M68K_PC, 0x3000);
    m68k_run(r.cpu, 10000);
    tap_ok(reg(&r, M68K_D0) == 4, "a write over the branch of a pair is honoured (D0=%u)",
           (unsigned)reg(&r, M68K_D0));

    /* Traced, each of the pair takes its own trace exception. */
    static const uint16_t th[] = {0x5286, 0x4E73}; /* ADDQ.L #1,D6; RTE */
    code(&r, 0x600, th, 2);
    put32(&r, 9 * 4, 0x600);
    put16(&r, 0x3006, 0x66FA);
    m68k_set_reg(r.cpu, M68K_D6, 0);
    m68k_set_reg(r.cpu, M68K_PC, 0x3000);
    m68k_set_reg(r.cpu, M68K_SR, 0xA700);
    m68k_run(r.cpu, 10000);
    tap_ok(reg(&r, M68K_D6) == 17, "trace: one exception per instruction of a pair (D6=%u)",
           (unsigned)reg(&r, M68K_D6));
    teardown(&r);
}

int main(void)
{
    test_reset_and_loop();
    test_smc();
    test_interrupts();
    test_trace_reset_privilege();
    test_faults();
    test_budget();
    test_compare_branch_pairs();
    test_block_crossing();
    m68k_model m;
    tap_ok(m68k_model_from_name("68040", &m) && m == M68K_68040 &&
               !m68k_model_from_name("6502", &m) &&
               strcmp(m68k_model_name(M68K_68000), "68000") == 0,
           "model names");
    return tap_done();
}
