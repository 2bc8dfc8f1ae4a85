#include "machines/atari_st/mmu.h"
#include "machines/errmsg.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "machines/i18n.h"

#define KB 1024u
#define SYS_END 0x800u /* end of supervisor-only RAM */
#define ROM_VECTORS 8u  /* 0-7 always read the ROM */

bool st_mmu_banks(uint32_t ram_kb, uint32_t bank[2])
{
    switch (ram_kb) {
    case 512: bank[0] = 512 * KB; bank[1] = 0; return true;
    case 1024: bank[0] = 512 * KB; bank[1] = 512 * KB; return true;
    case 2048: bank[0] = 2048 * KB; bank[1] = 0; return true;
    case 4096: bank[0] = 2048 * KB; bank[1] = 2048 * KB; return true;
    default: return false;
    }
}

static uint32_t cfg_bytes(unsigned bits)
{
    static const uint32_t sizes[4] = {128 * KB, 512 * KB, 2048 * KB, 0};
    return sizes[bits & 3];
}

static unsigned size_code(uint32_t bytes)
{
    return bytes == 128 * KB ? 0 : bytes == 512 * KB ? 1 : 2;
}

/* DRAM address lines of a chip: 8 (128 KB bank), 9 (512 KB) or 10 (2 MB). */
static unsigned lines_for(uint32_t bytes)
{
    return bytes == 128 * KB ? 8 : bytes == 512 * KB ? 9 : 10;
}

int64_t st_mmu_translate(const st_mmu *m, uint32_t addr)
{
    addr &= 0xFFFFFF;
    int b;
    uint32_t start;
    if (addr < m->cfg[0]) {
        b = 0;
        start = 0;
    } else if (addr < m->cfg[0] + m->cfg[1]) {
        b = 1;
        start = m->bank[0];
    } else {
        return -1;
    }
    if (!m->bank[b] || !m->cfg[b])
        return -1;
    if (!m->translating)
        return addr; /* configuration matches the chips: identity */
    /* The controller multiplexes the row from A1-A10 and the column from the
     * address bits above the configured row width (A11 up for 2 MB, A10 up
     * for 512 KB, A9 up for 128 KB); the chips take their low address lines. */
    unsigned shift = lines_for(m->cfg[b]) + 1;
    uint32_t row = (addr >> 1) & 0x3FF, col = (addr >> shift) & 0x3FF;
    unsigned n = lines_for(m->bank[b]);
    uint32_t mask = (1u << n) - 1;
    uint32_t phys = ((col & mask) << (n + 1)) | ((row & mask) << 1) | (addr & 1);
    return (int64_t)start + phys;
}

static uint32_t read_bytes(st_mmu *m, uint32_t addr, unsigned size)
{
    uint32_t v = 0;
    for (unsigned i = 0; i < size; i++) {
        uint32_t a = addr + i;
        int64_t p = st_mmu_translate(m, a);
        uint32_t byte = p < 0 ? 0xFF : mem_backing_read8(m->ram, (uint32_t)p);
        v = v << 8 | byte;
    }
    return v;
}

static void write_bytes(st_mmu *m, uint32_t addr, unsigned size, uint32_t v)
{
    for (unsigned i = 0; i < size; i++) {
        uint32_t a = addr + i;
        int64_t p = st_mmu_translate(m, a);
        if (p >= 0)
            mem_backing_write8(m->ram, (uint32_t)p, v >> (8 * (size - 1 - i)));
    }
    /* No TLB can hold RAM while translating (it is all device regions then),
     * so aliases need no flushing. */
}

static int xlat_sys_read(void *dev, uint32_t off, unsigned size, uint32_t *value)
{
    *value = read_bytes(dev, ROM_VECTORS + off, size);
    return 0;
}

static int xlat_sys_write(void *dev, uint32_t off, unsigned size, uint32_t value)
{
    write_bytes(dev, ROM_VECTORS + off, size, value);
    return 0;
}

static int xlat_read(void *dev, uint32_t off, unsigned size, uint32_t *value)
{
    *value = read_bytes(dev, SYS_END + off, size);
    return 0;
}

static int xlat_write(void *dev, uint32_t off, unsigned size, uint32_t value)
{
    write_bytes(dev, SYS_END + off, size, value);
    return 0;
}

/* Between the end of RAM and 4 MB: floating bus, no bus error. */
static int void_read(void *dev, uint32_t off, unsigned size, uint32_t *value)
{
    *value = size == 4 ? 0xFFFFFFFFu : size == 2 ? 0xFFFFu : 0xFFu;
    return 0;
}

static int void_write(void *dev, uint32_t off, unsigned size, uint32_t value)
{
    return 0;
}

static const mem_device_ops xlat_sys_ops = {xlat_sys_read, xlat_sys_write};
static const mem_device_ops xlat_ops = {xlat_read, xlat_write};
static const mem_device_ops void_ops = {void_read, void_write};

bool st_mmu_init(st_mmu *m, mem_space *mem, uint32_t ram_kb, mem_backing *rom, char *err,
                 size_t errlen)
{
    memset(m, 0, sizeof *m);
    m->mem = mem;
    m->rom = rom;
    if (!st_mmu_banks(ram_kb, m->bank)) {
        fmt_err(err, errlen, _("unsupported RAM size %u KB: use 512K, 1M, 2M or 4M"),
                (unsigned)ram_kb);
        return false;
    }
    uint32_t total = m->bank[0] + m->bank[1];
    m->ram = mem_backing_new(mem, "st.ram", total);
    bool ok = m->ram != NULL;
    /* The ROM's first 8 bytes lie over RAM at 0 for good (reset vectors). */
    ok = ok && mem_map_rom(mem, "rom.vectors", 0, ROM_VECTORS, rom, 0,
                           MEM_F_SUPERVISOR | MEM_F_OVERLAY | MEM_F_ROM_WRITE_FAULT) >= 0;
    ok = ok && mem_map_ram(mem, "ram.sys", 0, SYS_END, m->ram, 0, MEM_F_SUPERVISOR) >= 0;
    ok = ok && mem_map_ram(mem, "ram", SYS_END, total - SYS_END, m->ram, SYS_END, 0) >= 0;
    if (ok && total < ST_RAM_LIMIT)
        ok = mem_map_device(mem, "ram.void", total, ST_RAM_LIMIT - total, &void_ops, m, 4, 0) >= 0;
    if (ok) {
        m->xlat_sys = mem_map_device(mem, "ram.mmu.sys", ROM_VECTORS, SYS_END - ROM_VECTORS,
                                     &xlat_sys_ops, m, 4,
                                     MEM_F_SUPERVISOR | MEM_F_OVERLAY | MEM_F_DISABLED);
        m->xlat_ram = mem_map_device(mem, "ram.mmu", SYS_END, ST_RAM_LIMIT - SYS_END, &xlat_ops,
                                     m, 4, MEM_F_OVERLAY | MEM_F_DISABLED);
        ok = m->xlat_sys >= 0 && m->xlat_ram >= 0;
    }
    if (!ok) {
        fmt_err(err, errlen, _("cannot map ST RAM: %s"), mem_error(mem));
        return false;
    }
    st_mmu_write_conf(m, st_mmu_expected_conf(m));
    return true;
}

void st_mmu_reset(st_mmu *m, bool cold)
{
    if (!cold)
        return;
    memset(m->ram->host, 0, m->ram->block);
    mem_flush_all(m->mem);
    st_mmu_write_conf(m, 0);
}

uint8_t st_mmu_read_conf(const st_mmu *m)
{
    return m->conf;
}

uint8_t st_mmu_expected_conf(const st_mmu *m)
{
    unsigned b1 = m->bank[1] ? size_code(m->bank[1]) : 0;
    return (uint8_t)(size_code(m->bank[0]) << 2 | b1);
}

void st_mmu_write_conf(st_mmu *m, uint8_t value)
{
    m->conf = value & 0x0F;
    m->cfg[0] = cfg_bytes(m->conf >> 2);
    m->cfg[1] = cfg_bytes(m->conf);
    bool xlat = m->cfg[0] != m->bank[0] || (m->bank[1] && m->cfg[1] != m->bank[1]);
    if (xlat == m->translating)
        return;
    m->translating = xlat;
    mem_region_enable(m->mem, m->xlat_sys, xlat);
    mem_region_enable(m->mem, m->xlat_ram, xlat);
}

void st_mmu_fetch(const st_mmu *m, uint32_t addr, uint8_t *buf, uint32_t len)
{
    addr &= 0xFFFFFF;
    if (!m->translating && addr + len <= m->bank[0] + m->bank[1]) {
        if (MEM_HOST_BIG_ENDIAN) {
            memcpy(buf, m->ram->host + addr, len);
        } else {
            /* The backing is stored byte-reversed: walk it downwards. */
            const uint8_t *p = m->ram->host + (m->ram->block - 1 - addr);
            for (uint32_t i = 0; i < len; i++)
                buf[i] = *(p - i);
        }
        return;
    }
    for (uint32_t i = 0; i < len; i++) {
        int64_t p = st_mmu_translate(m, addr + i);
        buf[i] = p < 0 ? 0 : (uint8_t)mem_backing_read8(m->ram, (uint32_t)p);
    }
}
