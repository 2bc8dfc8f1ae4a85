/* Public interface of the 68k CPU core: what machines, runners and tests use.
 * The CPU is a struct (m68k/cpu.h has its layout); no globals, any number of
 * instances.  The model is chosen at run time. */
#ifndef TANDEM_M68K_H
#define TANDEM_M68K_H

#include <stdbool.h>
#include <stdint.h>

#include "mem/mem.h"

typedef enum m68k_model {
    M68K_68000,
    M68K_68010,
    M68K_68020,
    M68K_68030,
    M68K_68040
} m68k_model;

typedef struct m68k_cpu m68k_cpu;

/* Return values of the interrupt-acknowledge hook. */
#define M68K_AUTOVECTOR (-1)
#define M68K_SPURIOUS (-2)

typedef struct m68k_hooks {
    void *ctx;
    /* Interrupt acknowledge for `level` (1..7): a vector number 0..255,
     * M68K_AUTOVECTOR or M68K_SPURIOUS.  NULL means autovector. */
    int (*irq_ack)(void *ctx, int level);
    /* The RESET instruction pulsed the reset line. */
    void (*reset_devices)(void *ctx);
    /* A double bus fault halted the CPU. */
    void (*halted)(void *ctx);
} m68k_hooks;

enum m68k_reg {
    M68K_D0, M68K_D1, M68K_D2, M68K_D3, M68K_D4, M68K_D5, M68K_D6, M68K_D7,
    M68K_A0, M68K_A1, M68K_A2, M68K_A3, M68K_A4, M68K_A5, M68K_A6, M68K_A7,
    M68K_PC, M68K_SR, M68K_USP, M68K_SSP, M68K_MSP, M68K_VBR,
    M68K_REG_COUNT
};

/* Special states (m68k_state). */
enum {
    M68K_RUNNING = 0,
    M68K_STOPPED = 1, /* STOP: waiting for an interrupt */
    M68K_HALTED = 2   /* double bus fault */
};

m68k_cpu *m68k_new(m68k_model model, mem_space *mem);
void m68k_free(m68k_cpu *cpu);
void m68k_set_hooks(m68k_cpu *cpu, const m68k_hooks *hooks);

/* Reset exception: supervisor mode, IPL mask 7, SSP and PC from vectors 0 and 4. */
void m68k_reset(m68k_cpu *cpu);

/* Run for about `cycles` clock cycles (the last instruction may overrun).
 * Returns the cycles actually used.  Returns early after m68k_end_run(), or
 * when the CPU is stopped (the remaining budget is then consumed as idle time)
 * or halted. */
int32_t m68k_run(m68k_cpu *cpu, int32_t cycles);
/* Make m68k_run return at the next instruction boundary (safe from device
 * callbacks running inside the CPU's memory accesses). */
void m68k_end_run(m68k_cpu *cpu);
/* Cycles used so far in the current m68k_run call (for devices that read the
 * time in the middle of an instruction). */
int32_t m68k_cycles_run(const m68k_cpu *cpu);

/* Interrupt priority level on the IPL pins (0..7); sampled between instructions. */
void m68k_set_irq(m68k_cpu *cpu, int level);

uint32_t m68k_get_reg(const m68k_cpu *cpu, enum m68k_reg r);
/* Write a control register by its MOVEC code (0x003 TC, 0x806 URP, ...) with
 * MOVEC's effects (an MMU register write flushes the TLBs).  False when the
 * model has no such register. */
bool m68k_set_control(m68k_cpu *cpu, unsigned code, uint32_t value);
void m68k_set_reg(m68k_cpu *cpu, enum m68k_reg r, uint32_t value);
int m68k_state(const m68k_cpu *cpu);
m68k_model m68k_get_model(const m68k_cpu *cpu);

/* Counters, always on. */
uint64_t m68k_instructions(const m68k_cpu *cpu);
uint64_t m68k_total_cycles(const m68k_cpu *cpu);

/* 68040: run the FPU instructions and data types the chip traps to its
 * software package (FPSP) natively instead (default false; the 68020/68030
 * always have a full 68881/68882). */
void m68k_set_fpu_full(m68k_cpu *cpu, bool full);

/* Parse "68000" / "68040" etc.; false if unknown. */
bool m68k_model_from_name(const char *name, m68k_model *out);
const char *m68k_model_name(m68k_model model);

#endif
