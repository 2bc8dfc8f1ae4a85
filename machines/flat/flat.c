/* The flat machine: RAM, the port device, the stubs in low RAM, program
 * loading and the initial Linux/m68k user stack. */
#include "config.h"

#include "machines/flat/flat.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "machines/i18n.h"

enum {
    OP_MOVE_L_D0_ABS_L = 0x23C0, /* move.l d0,(xxx).l */
    OP_MOVE_W_IMM_ABS_L = 0x33FC, /* move.w #imm,(xxx).l */
    OP_RTE = 0x4E73,
    OP_BRA_SELF = 0x60FE, /* bra.s * */
    AT_NULL = 0,
    AT_PHDR = 3,
    AT_PHENT = 4,
    AT_PHNUM = 5,
    AT_PAGESZ = 6,
    AT_ENTRY = 9
};

/* The port: a write records the event and stops the CPU at the end of the
 * instruction; flat_service does the work between slices. */
static int port_read(void *dev, uint32_t offset, unsigned size, uint32_t *value)
{
    *value = 0;
    return MEM_FAULT_NONE;
}

static int port_write(void *dev, uint32_t offset, unsigned size, uint32_t value)
{
    flat_machine *m = dev;
    /* The CPU may split a long store into two word stores: act on the last part. */
    uint32_t end = offset + size;
    if (offset < 4 && end <= 4) {
        if (end != 4)
            return MEM_FAULT_NONE;
        m->event = FLAT_EV_SYSCALL;
    } else if (offset >= 4 && end <= 6) {
        if (end != 6)
            return MEM_FAULT_NONE;
        m->event = FLAT_EV_EXCEPTION;
        m->event_vector = value & 0xFF;
    } else
        return MEM_FAULT_BUS;
    m68k_end_run(m->cpu);
    return MEM_FAULT_NONE;
}

static const mem_device_ops port_ops = {port_read, port_write};

static void put16(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)(v >> 8);
    p[1] = (uint8_t)v;
}

static void put32(uint8_t *p, uint32_t v)
{
    put16(p, v >> 16);
    put16(p + 2, v);
}

/* Vectors, the TRAP #0 stub and one reporting stub per vector. */
static bool write_stubs(flat_machine *m)
{
    uint8_t vec[1024], trap0[16], exc[256 * 8];
    for (unsigned v = 0; v < 256; v++) {
        uint8_t *s = exc + v * 8;
        put16(s, OP_MOVE_W_IMM_ABS_L);
        put16(s + 2, v);
        put32(s + 4, FLAT_PORT_EXCEPTION);
        put32(vec + v * 4, FLAT_EXC_STUBS + v * 8);
    }
    put32(vec + 0, FLAT_SSP);
    put32(vec + 4, FLAT_TRAP0_STUB + 8); /* reset PC: a harmless loop until flat_load */
    put32(vec + 32 * 4, FLAT_TRAP0_STUB);
    put16(trap0, OP_MOVE_L_D0_ABS_L);
    put32(trap0 + 2, FLAT_PORT_SYSCALL);
    put16(trap0 + 6, OP_RTE);
    put16(trap0 + 8, OP_BRA_SELF);
    memset(trap0 + 10, 0, 6);
    return mem_load(m->mem, FLAT_VECTORS, vec, sizeof vec, false) &&
           mem_load(m->mem, FLAT_TRAP0_STUB, trap0, sizeof trap0, false) &&
           mem_load(m->mem, FLAT_EXC_STUBS, exc, sizeof exc, false);
}

flat_machine *flat_new(m68k_model model, char *err, size_t errlen)
{
    flat_machine *m = calloc(1, sizeof *m);
    if (!m) {
        snprintf(err, errlen, "%s", _("out of memory"));
        return NULL;
    }
    bool wide = model != M68K_68000 && model != M68K_68010;
    m->mem = mem_space_new(wide ? 0xFFFFFFFFu : 0x00FFFFFFu, wide ? 0 : 1);
    if (!m->mem) {
        snprintf(err, errlen, "%s", _("out of memory"));
        free(m);
        return NULL;
    }
    m->ram = mem_backing_new(m->mem, "ram", FLAT_RAM_END);
    if (!m->ram || mem_map_ram(m->mem, "ram", 0, FLAT_RAM_END, m->ram, 0, 0) < 0 ||
        mem_map_device(m->mem, "port", FLAT_PORT, FLAT_PORT_SIZE, &port_ops, m, 4,
                       MEM_F_SUPERVISOR) < 0) {
        snprintf(err, errlen, _("cannot build the flat machine: %s"), mem_error(m->mem));
        flat_free(m);
        return NULL;
    }
    m->cpu = m68k_new(model, m->mem);
    if (!m->cpu || !write_stubs(m)) {
        snprintf(err, errlen, "%s", _("cannot create the CPU"));
        flat_free(m);
        return NULL;
    }
    m68k_reset(m->cpu);
    return m;
}

void flat_free(flat_machine *m)
{
    if (!m)
        return;
    if (m->cpu)
        m68k_free(m->cpu);
    if (m->mem)
        mem_space_free(m->mem);
    free(m);
}

bool flat_enable_mmu(flat_machine *m, char *err, size_t errlen)
{
    enum { ROOT = 0x2000, PTRS = 0x2200, PAGES = 0x2400, NPTR = 64 }; /* 64 x 256 KB = 16 MB */
    if (m68k_get_model(m->cpu) != M68K_68040) {
        snprintf(err, errlen, "%s", _("the MMU needs --cpu 68040"));
        return false;
    }
    uint8_t d[4];
    put32(d, PTRS | 2);
    bool ok = mem_load(m->mem, ROOT, d, 4, false);
    for (uint32_t p = 0; p < NPTR; p++) {
        put32(d, (PAGES + p * 256) | 2);
        ok = ok && mem_load(m->mem, PTRS + p * 4, d, 4, false);
        for (uint32_t i = 0; i < 64; i++) {
            put32(d, (p << 18 | i << 12) | 1);
            ok = ok && mem_load(m->mem, PAGES + p * 256 + i * 4, d, 4, false);
        }
    }
    ok = ok && m68k_set_control(m->cpu, 0x806, ROOT) && m68k_set_control(m->cpu, 0x807, ROOT) &&
         m68k_set_control(m->cpu, 0x003, 0x8000);
    if (!ok)
        snprintf(err, errlen, "%s", _("cannot build the page tables"));
    return ok;
}

/* argc, argv[], NULL, envp[] (empty), NULL, auxv pairs, then the strings. */
static bool build_stack(flat_machine *m, const flat_elf *elf, int argc, char **argv,
                        uint32_t *sp_out, char *err, size_t errlen)
{
    uint32_t top = FLAT_RAM_END, strings = 0;
    for (int i = 0; i < argc; i++)
        strings += (uint32_t)strlen(argv[i]) + 1;
    uint32_t words = 1 + (uint32_t)argc + 1 + 1 + 2 * 6;
    if (strings > 0x10000 || argc > 4096) {
        snprintf(err, errlen, "%s", _("argument list too long"));
        return false;
    }
    uint32_t str_base = (top - strings) & ~3u;
    uint32_t sp = (str_base - words * 4) & ~15u;
    uint32_t len = top - sp;
    uint8_t *img = calloc(1, len);
    if (!img) {
        snprintf(err, errlen, "%s", _("out of memory"));
        return false;
    }
    uint8_t *w = img;
    put32(w, (uint32_t)argc), w += 4;
    uint32_t s = str_base;
    for (int i = 0; i < argc; i++) {
        size_t n = strlen(argv[i]) + 1;
        put32(w, s), w += 4;
        memcpy(img + (s - sp), argv[i], n);
        s += (uint32_t)n;
    }
    w += 4; /* argv NULL */
    w += 4; /* envp NULL */
    const uint32_t aux[][2] = {{AT_PAGESZ, 4096},    {AT_PHDR, elf->phdr_vaddr},
                               {AT_PHENT, 32},       {AT_PHNUM, elf->phnum},
                               {AT_ENTRY, elf->entry}, {AT_NULL, 0}};
    for (size_t i = 0; i < sizeof aux / sizeof aux[0]; i++) {
        put32(w, aux[i][0]);
        put32(w + 4, aux[i][1]);
        w += 8;
    }
    bool ok = mem_load(m->mem, sp, img, len, false);
    free(img);
    *sp_out = sp;
    if (!ok)
        snprintf(err, errlen, "%s", _("cannot write the initial stack"));
    return ok;
}

bool flat_load(flat_machine *m, const uint8_t *file, size_t size, int argc, char **argv,
               char *err, size_t errlen)
{
    flat_elf elf;
    uint32_t hi = FLAT_RAM_END - FLAT_STACK_RESERVE;
    if (!flat_elf_parse(file, size, FLAT_LOAD_LO, hi, &elf, err, errlen))
        return false;
    for (int i = 0; i < elf.nseg; i++) {
        const flat_segment *sg = &elf.seg[i];
        uint8_t *zero = calloc(1, sg->memsz - sg->filesz + 1);
        bool ok = zero && mem_load(m->mem, sg->vaddr, file + sg->offset, sg->filesz, false) &&
                  mem_load(m->mem, sg->vaddr + sg->filesz, zero, sg->memsz - sg->filesz, false);
        free(zero);
        if (!ok) {
            snprintf(err, errlen, "%s", _("cannot copy a segment into guest RAM"));
            return false;
        }
    }
    uint32_t sp;
    if (!build_stack(m, &elf, argc, argv, &sp, err, errlen))
        return false;
    m->brk_start = m->brk_cur = (elf.end + 4095) & ~4095u;
    m->brk_limit = hi;
    m68k_set_reg(m->cpu, M68K_SSP, FLAT_SSP);
    m68k_set_reg(m->cpu, M68K_USP, sp);
    m68k_set_reg(m->cpu, M68K_SR, 0x0000); /* user mode, interrupts enabled (none come) */
    m68k_set_reg(m->cpu, M68K_A7, sp);
    m68k_set_reg(m->cpu, M68K_PC, elf.entry);
    return true;
}
