/* Musashi's self-checking 68040 programs (bit fields, CAS, CHK2, CMP2, 32-bit
 * multiply and divide, interrupts, JMP with 68020 addressing, RTD, shifts,
 * TRAPcc), run on the 68040 model.  The programs are data outside the
 * repository (see ../shared/cpu-tests/README.md); this is our own harness for
 * the machine they expect:
 *
 *   0x000000-0x00FFFF  RAM (vectors and stack)
 *   0x010000-0x04FFFF  the program, read-only (a write is a bus error)
 *   0x100000-0x100FFF  the test device (below)
 *   0x300000-0x30FFFF  RAM
 *   anything else      bus error
 *
 * The device: a write to +0 counts a FAIL, +4 a PASS, +8 prints the
 * registers, +0xC sets the interrupt level (value & 7, autovectored), byte
 * writes to +0x14 are characters.  A program passes with at least one PASS
 * and no FAIL.
 *
 * Vectors the program does not set point into the device, at +0x800 + 4 *
 * vector, where it serves STOP #$2700: an unexpected exception then stops the
 * CPU at once and is reported with the PC it stacked, instead of running
 * through zeroed memory. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "m68k/m68k.h"
#include "mem/mem.h"
#include "tests/tap.h"

#define ROM_BASE 0x10000u
#define ROM_SIZE 0x40000u
#define RAM2_BASE 0x300000u
#define RAM_SIZE 0x10000u
#define DEV_BASE 0x100000u
#define DEV_SIZE 0x1000u
#define STUB_OFF 0x800u /* unexpected-exception stubs: STOP #$2700 each */
#define STUB_END (STUB_OFF + 4u * 256u)
#define MAX_INSNS 50000000u
#define SLICE_CYCLES 1000000

enum {
    REG_FAIL = 0x00,
    REG_PASS = 0x04,
    REG_PRINT = 0x08,
    REG_IRQ = 0x0C,
    REG_STDOUT = 0x14
};

static const char *const programs[] = {
    "bfchg",  "bfclr",     "bfext",     "bfffo",     "bfins", "bfset",
    "bftst",  "cas",       "chk2",      "cmp2",      "divs_long", "divu_long",
    "interrupt", "jmp",    "mul_long",  "rtd",       "shifts3",   "trapcc",
};

/* Programs whose expectations depart from the 68020-68040, with the reason:
 * their failures are reported as skips that say why, a pass as a failure
 * (so the entry gets removed).  CMP2/CHK2: the programs expect Musashi's
 * own rule where their authors doubted it (byte bounds $F0..$70 with $60,
 * $70 and -$10 in them; the reversed word bounds $1000..$0000).  The chips
 * compare signed, after sign-extending the bounds and a byte or word Rn,
 * and with reversed bounds (lower > upper) Rn is out exactly when it lies
 * between them, upper < Rn < lower: the "unsigned" ranges the Programmer's
 * Reference Manual describes (hardware-checked results in WinUAE's CPU
 * tester agree; tests/test_ops020.sh has the cases). */
static const struct {
    const char *name, *why;
} known_incomplete[] = {
    {"chk2", "expects Musashi's CHK2 bounds rule, not the chip's (see the comment above)"},
    {"cmp2", "expects Musashi's CMP2 bounds rule, not the chip's (see the comment above)"},
    {NULL, NULL},
};

typedef struct rig {
    mem_space *mem;
    m68k_cpu *cpu;
    unsigned passes, fails;
    uint32_t fail_pc; /* PC when the first FAIL was written */
    char line[200];   /* character output not yet printed */
    size_t line_len;
} rig;

static void flush_line(rig *r)
{
    if (r->line_len) {
        tap_diag("out: %.*s", (int)r->line_len, r->line);
        r->line_len = 0;
    }
}

static void print_regs(rig *r)
{
    char buf[256];
    size_t n = 0;
    for (int i = 0; i < 16; i++) {
        n += (size_t)snprintf(buf + n, sizeof buf - n, "%s%c%d=%08x", (i & 7) ? " " : "", i < 8 ? 'D' : 'A', i & 7,
                              (unsigned)m68k_get_reg(r->cpu, (enum m68k_reg)(M68K_D0 + i)));
        if (i == 7 || i == 15) {
            tap_diag("regs: %s", buf);
            n = 0;
        }
    }
    tap_diag("regs: PC=%08x SR=%04x USP=%08x SSP=%08x MSP=%08x VBR=%08x",
             (unsigned)m68k_get_reg(r->cpu, M68K_PC), (unsigned)m68k_get_reg(r->cpu, M68K_SR),
             (unsigned)m68k_get_reg(r->cpu, M68K_USP), (unsigned)m68k_get_reg(r->cpu, M68K_SSP),
             (unsigned)m68k_get_reg(r->cpu, M68K_MSP), (unsigned)m68k_get_reg(r->cpu, M68K_VBR));
}

/* Register reads give 0; the stub area gives STOP #$2700 (0x4E72 0x2700) in
 * every 4-byte cell. */
static int dev_read(void *dev, uint32_t off, unsigned size, uint32_t *value)
{
    (void)dev;
    uint32_t v = 0;
    for (unsigned i = 0; i < size; i++) {
        uint32_t o = off + i, byte = 0;
        if (o >= STUB_OFF && o < STUB_END) {
            static const uint8_t stop[4] = {0x4E, 0x72, 0x27, 0x00};
            byte = stop[o & 3];
        } else if (o >= STUB_END) {
            return MEM_FAULT_BUS;
        }
        v = v << 8 | byte;
    }
    *value = v;
    return MEM_FAULT_NONE;
}

static int dev_write(void *dev, uint32_t off, unsigned size, uint32_t value)
{
    rig *r = dev;
    if (off >= STUB_OFF)
        return MEM_FAULT_BUS;
    switch (off) {
    case REG_FAIL:
        if (r->fails++ == 0)
            r->fail_pc = m68k_get_reg(r->cpu, M68K_PC);
        break;
    case REG_PASS:
        r->passes++;
        break;
    case REG_PRINT:
        flush_line(r);
        print_regs(r);
        break;
    case REG_IRQ:
        m68k_set_irq(r->cpu, (int)(value & 7));
        break;
    case REG_STDOUT:
        if (size != 1)
            break;
        if (value == '\n' || r->line_len == sizeof r->line) {
            flush_line(r);
            if (value == '\n')
                break;
        }
        r->line[r->line_len++] = (char)value;
        break;
    default:
        break;
    }
    return MEM_FAULT_NONE;
}

static const mem_device_ops dev_ops = {dev_read, dev_write};

/* Why `name` is expected to fail, or NULL. */
static const char *known_reason(const char *name)
{
    for (size_t i = 0; known_incomplete[i].name; i++)
        if (strcmp(known_incomplete[i].name, name) == 0)
            return known_incomplete[i].why;
    return NULL;
}

static bool dir_exists(const char *dir)
{
    char path[1100];
    snprintf(path, sizeof path, "%.1024s/entry.s", dir);
    FILE *f = fopen(path, "rb");
    if (!f)
        return false;
    fclose(f);
    return true;
}

/* The test directory: $TANDEM_CPU_TESTS, else next to the source tree. */
static bool find_dir(char *out, size_t size)
{
    const char *env = getenv("TANDEM_CPU_TESTS");
    if (env && *env) {
        snprintf(out, size, "%s", env);
        return dir_exists(out);
    }
    const char *src = getenv("TANDEM_SRCDIR");
    if (!src || !*src)
        src = ".";
    static const char *const rel[] = {"/../shared/cpu-tests/musashi-mc68040",
                                      "/../../shared/cpu-tests/musashi-mc68040"};
    for (size_t i = 0; i < sizeof rel / sizeof rel[0]; i++) {
        snprintf(out, size, "%s%s", src, rel[i]);
        if (dir_exists(out))
            return true;
    }
    return false;
}

/* Reads NAME.bin; returns its size, or 0 with `why` filled in. */
static size_t load_program(const char *dir, const char *name, uint8_t *buf, char *why,
                           size_t why_size)
{
    char path[1100];
    snprintf(path, sizeof path, "%.1024s/%.32s.bin", dir, name);
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(why, why_size, "cannot open %.400s", path);
        return 0;
    }
    size_t n = fread(buf, 1, ROM_SIZE + 1, f);
    bool err = ferror(f) != 0;
    fclose(f);
    if (err || n == 0 || n > ROM_SIZE) {
        snprintf(why, why_size, "%.400s: unreadable, empty or over %u bytes", path, ROM_SIZE);
        return 0;
    }
    return n;
}

static bool build(rig *r, const uint8_t *image, size_t len, char *why, size_t why_size)
{
    memset(r, 0, sizeof *r);
    r->mem = mem_space_new(0xFFFFFFFF, 0);
    if (!r->mem) {
        snprintf(why, why_size, "out of memory");
        return false;
    }
    mem_backing *lo = mem_backing_new(r->mem, "ram", RAM_SIZE);
    mem_backing *hi = mem_backing_new(r->mem, "ram2", RAM_SIZE);
    /* The program's backing covers 0-0x7FFFF so that its offsets equal guest
     * addresses (mem/ maps a backing aligned to its power-of-two block). */
    mem_backing *rom = mem_backing_new(r->mem, "program", ROM_BASE + ROM_SIZE);
    if (!lo || !hi || !rom || mem_map_ram(r->mem, "ram", 0, RAM_SIZE, lo, 0, 0) < 0 ||
        mem_map_ram(r->mem, "ram2", RAM2_BASE, RAM_SIZE, hi, 0, 0) < 0 ||
        mem_map_rom(r->mem, "program", ROM_BASE, ROM_SIZE, rom, ROM_BASE,
                    MEM_F_ROM_WRITE_FAULT) < 0 ||
        mem_map_device(r->mem, "test device", DEV_BASE, DEV_SIZE, &dev_ops, r, 4, 0) < 0) {
        snprintf(why, why_size, "memory map: %s", mem_error(r->mem));
        return false;
    }
    mem_backing_fill(rom, ROM_BASE, image, (uint32_t)len);
    uint8_t vec[1024];
    for (uint32_t v = 0; v < 256; v++) {
        uint32_t a = v == 0 ? 0x3F0 : v == 1 ? ROM_BASE : DEV_BASE + STUB_OFF + 4 * v;
        vec[4 * v] = (uint8_t)(a >> 24);
        vec[4 * v + 1] = (uint8_t)(a >> 16);
        vec[4 * v + 2] = (uint8_t)(a >> 8);
        vec[4 * v + 3] = (uint8_t)a;
    }
    if (!mem_dma_write(r->mem, 0, vec, sizeof vec)) {
        snprintf(why, why_size, "cannot write the vector table");
        return false;
    }
    r->cpu = m68k_new(M68K_68040, r->mem);
    if (!r->cpu) {
        snprintf(why, why_size, "cannot create the 68040 CPU");
        return false;
    }
    m68k_reset(r->cpu);
    return true;
}

static void teardown(rig *r)
{
    if (r->cpu)
        m68k_free(r->cpu);
    if (r->mem)
        mem_space_free(r->mem);
}

/* The CPU stopped in the stub of `vector`: what it stacked.  A 68040 frame
 * has the vector offset in its format word at SP+6; without one it is a
 * 68000 frame (14 bytes for bus and address errors). */
static void describe_exception(rig *r, unsigned vector, char *out, size_t size)
{
    uint32_t sp = m68k_get_reg(r->cpu, M68K_A7);
    uint32_t fmt = mem_peek(r->mem, sp + 6, 2);
    uint32_t pc, fault = 0;
    bool addr_known = false;
    const char *kind = "68040";
    if ((fmt & 0xFFF) == vector * 4) {
        pc = mem_peek(r->mem, sp + 2, 4);
        if ((fmt >> 12) == 7) {
            fault = mem_peek(r->mem, sp + 0x14, 4);
            addr_known = true;
        } else if ((fmt >> 12) == 2) {
            fault = mem_peek(r->mem, sp + 8, 4);
            addr_known = true;
        }
    } else if (vector == 2 || vector == 3) {
        kind = "68000 group 0";
        pc = mem_peek(r->mem, sp + 10, 4);
        fault = mem_peek(r->mem, sp + 2, 4);
        addr_known = true;
    } else {
        kind = "68000";
        pc = mem_peek(r->mem, sp + 2, 4);
    }
    char extra[40] = "";
    if (addr_known)
        snprintf(extra, sizeof extra, ", address %08x", (unsigned)fault);
    snprintf(out, size,
             "unexpected exception: vector %u (%s frame: stacked PC %08x, opcode %04x there%s)",
             vector, kind, (unsigned)pc, (unsigned)mem_peek(r->mem, pc, 2), extra);
}

/* Runs one program; fills `why` with what happened when it did not pass. */
static bool run_program(rig *r, char *why, size_t why_size)
{
    while (m68k_state(r->cpu) == M68K_RUNNING && m68k_instructions(r->cpu) < MAX_INSNS)
        m68k_run(r->cpu, SLICE_CYCLES);
    flush_line(r);
    int state = m68k_state(r->cpu);
    uint32_t pc = m68k_get_reg(r->cpu, M68K_PC);
    uint64_t insns = m68k_instructions(r->cpu);
    if (state == M68K_STOPPED && r->passes > 0 && r->fails == 0)
        return true;

    char end[160];
    if (state == M68K_HALTED) {
        snprintf(end, sizeof end, "halted (double bus fault) at PC %08x", (unsigned)pc);
    } else if (state == M68K_RUNNING) {
        snprintf(end, sizeof end, "hit the %u-instruction limit at PC %08x", MAX_INSNS,
                 (unsigned)pc);
    } else if (pc >= DEV_BASE + STUB_OFF + 4 && pc <= DEV_BASE + STUB_END) {
        describe_exception(r, (unsigned)(pc - DEV_BASE - STUB_OFF) / 4 - 1, end, sizeof end);
    } else {
        snprintf(end, sizeof end, "stopped at PC %08x", (unsigned)pc);
    }
    if (r->fails)
        snprintf(why, why_size,
                 "%u PASS, %u FAIL (first FAIL written at PC %08x); %s; %llu instructions",
                 r->passes, r->fails, (unsigned)r->fail_pc, end, (unsigned long long)insns);
    else
        snprintf(why, why_size, "%u PASS, 0 FAIL; %s; %llu instructions", r->passes, end,
                 (unsigned long long)insns);
    return false;
}

int main(void)
{
    char dir[1024];
    if (!find_dir(dir, sizeof dir))
        return tap_skip_all("Musashi's 68040 test programs not found (set TANDEM_CPU_TESTS to "
                            "the musashi-mc68040 directory, or put it at "
                            "$TANDEM_SRCDIR/../shared/cpu-tests/musashi-mc68040)");
    tap_diag("programs from %s", dir);
    uint8_t *image = malloc(ROM_SIZE + 1);
    if (!image) {
        tap_ok(0, "memory for the program image");
        return tap_done();
    }
    unsigned passed = 0, failed = 0, expected_failures = 0;
    for (size_t i = 0; i < sizeof programs / sizeof programs[0]; i++) {
        const char *name = programs[i];
        char why[512] = "";
        const char *reason = known_reason(name);
        bool known = reason != NULL;
        size_t len = load_program(dir, name, image, why, sizeof why);
        rig r;
        bool ok = false, ran = false;
        if (len && build(&r, image, len, why, sizeof why)) {
            ran = true;
            ok = run_program(&r, why, sizeof why);
        }
        if (ok) {
            passed++;
            if (known)
                tap_ok(0, "%s passes now: remove it from known_incomplete", name);
            else
                tap_ok(1, "%s: %u PASS, 0 FAIL", name, r.passes);
        } else {
            failed++;
            if (known && ran) {
                expected_failures++;
                char skip[600];
                snprintf(skip, sizeof skip, "%s: %s", reason, why);
                tap_skip(skip, "%s", name);
            } else {
                tap_ok(0, "%s: %s", name, why);
            }
        }
        if (len)
            teardown(&r);
    }
    free(image);
    tap_diag("musashi-040: passed=%u failed=%u (of which known to differ: %u)", passed, failed,
             expected_failures);
    printf("musashi-040: passed=%u failed=%u\n", passed, failed);
    return tap_done();
}
