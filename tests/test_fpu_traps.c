/* The 68040's FPU as the chip: what it leaves to software traps with the
 * frames the FPSP expects, a handler can finish the instruction and return,
 * FSAVE gives null and idle frames, FRESTORE of a null frame resets the FPU;
 * with m68k_set_fpu_full the same instructions run natively; the 68020's
 * 68882 runs them natively too.  The handler for vectors 11 and 55 copies the
 * first 12 bytes of its frame to $900 and returns, 11's after putting 42 in
 * FP1, 55's past the (4-byte) instruction. */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "m68k/m68k.h"
#include "mem/mem.h"
#include "tests/tap.h"

#define RAM_SIZE 0x100000u
#define CODE 0x10000u
#define FRAME 0x900u
#define OPND 0x2000u
#define OUT 0x2100u

static mem_space *mem;

static void put16(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)(v >> 8);
    p[1] = (uint8_t)v;
}

static void poke_words(uint32_t a, const uint16_t *w, size_t n)
{
    uint8_t b[1024];
    for (size_t i = 0; i < n; i++)
        put16(b + 2 * i, w[i]);
    mem_dma_write(mem, a, b, (uint32_t)(2 * n));
    mem_invalidate_code(mem, a, (uint32_t)(2 * n));
}

static m68k_cpu *machine(m68k_model model)
{
    mem = mem_space_new(0xFFFFFFFF, 0);
    mem_backing *ram = mem_backing_new(mem, "ram", RAM_SIZE);
    mem_map_ram(mem, "ram", 0, RAM_SIZE, ram, 0, 0);
    uint16_t vec[512];
    for (int v = 0; v < 256; v++) {
        uint32_t a = v == 0 ? 0x8000 : v == 1 ? CODE : v == 55 ? 0x1100 : 0x1000;
        vec[2 * v] = (uint16_t)(a >> 16);
        vec[2 * v + 1] = (uint16_t)a;
    }
    poke_words(0, vec, 512);
    static const uint16_t handler[] = {
        0x21D7, FRAME,                 /* move.l (a7),$900.w */
        0x21EF, 0x0004, FRAME + 4,     /* move.l 4(a7),$904.w */
        0x21EF, 0x0008, FRAME + 8,     /* move.l 8(a7),$908.w */
        0xF23C, 0x4080, 0x0000, 0x002A, /* fmove.l #42,fp1 */
        0x4E73};                       /* rte */
    poke_words(0x1000, handler, sizeof handler / 2);
    /* Vector 55 (a pre-instruction frame at the instruction): skip it. */
    static const uint16_t skip[] = {
        0x21D7, FRAME, 0x21EF, 0x0004, FRAME + 4, 0x21EF, 0x0008, FRAME + 8,
        0x58AF, 0x0002, /* addq.l #4,2(a7) */
        0x4E73};
    poke_words(0x1100, skip, sizeof skip / 2);
    m68k_cpu *c = m68k_new(model, mem);
    m68k_reset(c);
    return c;
}

static void done(m68k_cpu *c)
{
    m68k_free(c);
    mem_space_free(mem);
}

/* Runs `insn` (n words) at CODE, then FMOVE.X FP1,(A2) and STOP. */
static bool run(m68k_cpu *c, const uint16_t *insn, size_t n)
{
    uint16_t prog[64];
    memcpy(prog, insn, n * 2);
    static const uint16_t tail[] = {0xF212, 0x6880, 0x4E72, 0x2700};
    memcpy(prog + n, tail, sizeof tail);
    poke_words(CODE, prog, n + 4);
    uint8_t zero[12] = {0};
    mem_dma_write(mem, FRAME, zero, 12);
    m68k_set_reg(c, M68K_SR, 0x2700);
    m68k_set_reg(c, M68K_A7, 0x8000);
    m68k_set_reg(c, M68K_A0, OPND);
    m68k_set_reg(c, M68K_A2, OUT);
    m68k_set_reg(c, M68K_PC, CODE);
    for (int i = 0; i < 50 && m68k_state(c) == M68K_RUNNING; i++)
        m68k_run(c, 1000);
    bool ok = m68k_state(c) == M68K_STOPPED;
    m68k_reset(c);
    return ok;
}

/* FP1 as stored by the tail: 42.0 is 4004 0000 A8000000 00000000. */
static bool fp1_is_42(void)
{
    return mem_peek(mem, OUT, 4) == 0x40040000u && mem_peek(mem, OUT + 4, 4) == 0xA8000000u &&
           mem_peek(mem, OUT + 8, 4) == 0;
}

int main(void)
{
    m68k_cpu *c = machine(M68K_68040);
    /* 1.0 as an extended operand at OPND */
    static const uint16_t one[] = {0x3FFF, 0, 0x8000, 0, 0, 0};
    poke_words(OPND, one, 6);

    static const uint16_t fsave[] = {0xF310}; /* fsave (a0) */
    mem_dma_write(mem, OPND + 0x40, "\x55\x55\x55\x55", 4);
    static const uint16_t fsave40[] = {0xF328, 0x0040}; /* fsave 64(a0) */
    run(c, fsave40, 2);
    tap_ok(mem_peek(mem, OPND + 0x40, 4) == 0, "68040: FSAVE after reset gives a null frame (0)");
    {
        /* m68k_reset puts the FPU back in the null state: NaNs everywhere. */
        static const uint16_t out1[] = {0x4E71};
        run(c, out1, 1);
        tap_ok(mem_peek(mem, OUT, 4) == 0x7FFF0000u && mem_peek(mem, OUT + 4, 4) == 0xFFFFFFFFu,
               "68040: after reset FP1 is a NaN (%08x %08x)", (unsigned)mem_peek(mem, OUT, 4),
               (unsigned)mem_peek(mem, OUT + 4, 4));
    }
    static const uint16_t op_then_save[] = {0xF23C, 0x4000, 0, 1, 0xF328, 0x0040}; /* fmove.l #1,fp0 */
    run(c, op_then_save, 6);
    tap_ok(mem_peek(mem, OPND + 0x40, 4) == 0x41000000u,
           "68040: FSAVE after an FPU instruction gives an idle frame (41000000), got %08x",
           (unsigned)mem_peek(mem, OPND + 0x40, 4));
    (void)fsave;

    /* FSIN FP0,FP1: vector 11, format 2, PC of the next instruction, EA 0. */
    static const uint16_t fsin[] = {0xF200, 0x008E};
    bool ok = run(c, fsin, 2);
    uint32_t w0 = mem_peek(mem, FRAME, 4), pc = mem_peek(mem, FRAME + 2, 4),
             fv = mem_peek(mem, FRAME + 6, 2), ea = mem_peek(mem, FRAME + 8, 4);
    (void)w0;
    tap_ok(ok && fv == 0x202C && pc == CODE + 4 && ea == 0 && fp1_is_42(),
           "68040: FSIN traps to vector 11 with a format-2 frame (format word %04x, PC %08x, EA %08x), "
           "the handler's result stands",
           (unsigned)fv, (unsigned)pc, (unsigned)ea);

    /* FINT (A0),FP1 (extended source): EA in the frame, A0 unchanged. */
    static const uint16_t fint[] = {0xF210, 0x4881};
    ok = run(c, fint, 2);
    fv = mem_peek(mem, FRAME + 6, 2), pc = mem_peek(mem, FRAME + 2, 4), ea = mem_peek(mem, FRAME + 8, 4);
    tap_ok(ok && fv == 0x202C && pc == CODE + 4 && ea == OPND && fp1_is_42(),
           "68040: FINT (A0) traps to vector 11, the frame has the operand's address (%08x)",
           (unsigned)ea);

    /* FMOD.X (A0)+,FP1: EA, and the 68040 leaves A0 for the handler. */
    static const uint16_t fmod[] = {0xF218, 0x48A1};
    ok = run(c, fmod, 2);
    ea = mem_peek(mem, FRAME + 8, 4);
    tap_ok(ok && mem_peek(mem, FRAME + 6, 2) == 0x202C && ea == OPND,
           "68040: FMOD (A0)+ traps to vector 11 with EA %08x", (unsigned)ea);

    /* FMOVECR #0,FP1 */
    static const uint16_t fmovecr[] = {0xF200, 0x5C80};
    ok = run(c, fmovecr, 2);
    tap_ok(ok && mem_peek(mem, FRAME + 6, 2) == 0x202C && fp1_is_42(),
           "68040: FMOVECR traps to vector 11");

    /* FMOVE.P (A0),FP1: unsupported data type, vector 55, format 0. */
    static const uint16_t fmovep[] = {0xF210, 0x4C80};
    ok = run(c, fmovep, 2);
    fv = mem_peek(mem, FRAME + 6, 2), pc = mem_peek(mem, FRAME + 2, 4);
    tap_ok(ok && fv == 0x00DC && pc == CODE,
           "68040: FMOVE.P in takes vector 55 with a format-0 frame at the instruction "
           "(format word %04x, PC %08x)",
           (unsigned)fv, (unsigned)pc);

    /* FADD (A0),FP1 runs in hardware: 1 + 1 = 2. */
    static const uint16_t fadd[] = {0xF23C, 0x4080, 0, 1, 0xF210, 0x48A2};
    ok = run(c, fadd, 6);
    tap_ok(ok && mem_peek(mem, OUT, 4) == 0x40000000u && mem_peek(mem, OUT + 4, 4) == 0x80000000u &&
               mem_peek(mem, FRAME + 6, 2) == 0,
           "68040: FADD runs in hardware");

    /* FRESTORE of a null frame resets the FPU: FP1 becomes a NaN. */
    uint8_t z[4] = {0};
    mem_dma_write(mem, OPND + 0x40, z, 4);
    static const uint16_t frestore[] = {0xF368, 0x0040};
    ok = run(c, frestore, 2);
    tap_ok(ok && mem_peek(mem, OUT, 4) == 0x7FFF0000u && mem_peek(mem, OUT + 4, 4) == 0xFFFFFFFFu,
           "68040: FRESTORE of a null frame resets the FPU (FP1 %08x %08x)",
           (unsigned)mem_peek(mem, OUT, 4), (unsigned)mem_peek(mem, OUT + 4, 4));

    /* FScc, FDBcc, FTRAPcc, FBcc.L and FNOP on FPSR's condition codes. */
    static const uint16_t conds[] = {
        0xF23C, 0x8800, 0x0400, 0x0000, /* fmove.l #Z,fpsr */
        0xF240, 0x0001,                 /* fseq d0 */
        0xF241, 0x000E,                 /* fsne d1 */
        0x7403, 0x7600,                 /* moveq #3,d2; moveq #0,d3 */
        0x5283, 0xF24A, 0x0000, 0xFFFA, /* lp: addq.l #1,d3; fdbf d2,lp */
        0xF2C1, 0x0000, 0x0006,         /* fbeq.l over the next */
        0x78FF,                         /* moveq #-1,d4 */
        0xF27C, 0x000E,                 /* ftrapne */
        0xF27C, 0x0001,                 /* ftrapeq (taken: vector 7; the handler's
                                         * FMOVE then changes the condition codes) */
        0xF280, 0x0000};                /* fnop */
    m68k_set_reg(c, M68K_D4, 0);
    ok = run(c, conds, sizeof conds / 2);
    fv = mem_peek(mem, FRAME + 6, 2), pc = mem_peek(mem, FRAME + 2, 4), ea = mem_peek(mem, FRAME + 8, 4);
    tap_ok(ok && (m68k_get_reg(c, M68K_D0) & 0xFF) == 0xFF && (m68k_get_reg(c, M68K_D1) & 0xFF) == 0 &&
               m68k_get_reg(c, M68K_D3) == 4 && m68k_get_reg(c, M68K_D4) == 0 && fv == 0x201C &&
               pc == CODE + 0x2C && ea == CODE + 0x28,
           "FSEQ/FSNE, FDBF (4 passes), FTRAPEQ (vector 7, format 2, PC %08x, address %08x), "
           "FBEQ.L, FNOP",
           (unsigned)pc, (unsigned)ea);
    /* An IEEE-unaware predicate on a NaN sets BSUN and AIOP (not enabled). */
    static const uint16_t bsun[] = {0xF23C, 0x8800, 0x0100, 0x0000, /* fmove.l #NAN,fpsr */
                                    0xF292, 0x0002,                 /* fbgt +2 */
                                    0xF205, 0xA800};                /* fmove.l fpsr,d5 */
    ok = run(c, bsun, sizeof bsun / 2);
    uint32_t d5 = m68k_get_reg(c, M68K_D5);
    tap_ok(ok && (d5 & 0x0100FFFFu) == 0x01008080u, "FBGT on a NaN sets BSUN and AIOP (FPSR %08x)",
           (unsigned)d5);

    /* --fpu full: FINT runs natively (round to nearest: 1.0 stays 1.0). */
    m68k_set_fpu_full(c, true);
    ok = run(c, fint, 2);
    tap_ok(ok && mem_peek(mem, FRAME + 6, 2) == 0 && mem_peek(mem, OUT, 4) == 0x3FFF0000u &&
               mem_peek(mem, OUT + 4, 4) == 0x80000000u,
           "68040 with the full FPU: FINT runs natively");
    done(c);

    /* The 68020's 68882: FINT natively, FSAVE idle frame 1F38xxxx with a 0x38-byte body. */
    c = machine(M68K_68020);
    poke_words(OPND, one, 6);
    ok = run(c, fint, 2);
    tap_ok(ok && mem_peek(mem, FRAME + 6, 2) == 0 && mem_peek(mem, OUT, 4) == 0x3FFF0000u,
           "68020 (68882): FINT runs natively");
    /* fmove.l #1,fp0; lea $3000.w,a0; fsave -(a0) (m68k_reset between runs
     * leaves the FPU null, so the FPU instruction comes first) */
    static const uint16_t save_pd[] = {0xF23C, 0x4000, 0, 1, 0x41F8, 0x3000, 0xF320};
    ok = run(c, save_pd, 7);
    uint32_t a0 = m68k_get_reg(c, M68K_A0);
    (void)a0;
    tap_ok(ok && mem_peek(mem, 0x3000 - 0x3C, 4) == 0x1F380000u,
           "68020 (68882): FSAVE -(A0) stores an idle frame (%08x)",
           (unsigned)mem_peek(mem, 0x3000 - 0x3C, 4));
    done(c);
    return tap_done();
}
