/* The ST memory controller: flat RAM when $FF8001 matches the fitted RAM,
 * row/column aliasing when it does not (what TOS sizes memory by), the ROM's
 * reset vectors at 0, supervisor-only low RAM, floating bus above RAM. */
#include <string.h>

#include "machines/atari_st/mmu.h"
#include "tests/tap.h"

typedef struct faults {
    int n;
    mem_fault last;
} faults;

static void on_fault(void *ctx, const mem_fault *f)
{
    faults *r = ctx;
    r->n++;
    r->last = *f;
}

typedef struct rig {
    mem_space *mem;
    mem_backing *rom;
    st_mmu mmu;
    faults f;
} rig;

static bool rig_init(rig *r, uint32_t ram_kb)
{
    memset(r, 0, sizeof *r);
    r->mem = mem_space_new(0x00FFFFFF, 1);
    r->rom = mem_backing_new(r->mem, "rom", 192 * 1024);
    static const uint8_t head[8] = {0x00, 0x00, 0x12, 0x34, 0x00, 0xFC, 0x00, 0x30};
    mem_backing_fill(r->rom, 0, head, 8);
    mem_map_rom(r->mem, "rom", 0xFC0000, 192 * 1024, r->rom, 0, MEM_F_ROM_WRITE_FAULT);
    mem_set_fault_handler(r->mem, on_fault, &r->f);
    mem_set_supervisor(r->mem, true);
    char err[256];
    return st_mmu_init(&r->mmu, r->mem, ram_kb, r->rom, err, sizeof err);
}

static void rig_free(rig *r)
{
    mem_space_free(r->mem);
}

/* The EmuTOS/TOS test: a pattern at base+8 seen again at base+off? */
static bool aliases(rig *r, uint32_t base, uint32_t off)
{
    mem_write16(r->mem, base + off, 0x0000);
    mem_write16(r->mem, base + 8, 0xFA54);
    return mem_read16(r->mem, base + off) == 0xFA54;
}

int main(void)
{
    rig r;
    tap_ok(rig_init(&r, 1024), "1 MB machine maps");
    tap_ok(st_mmu_read_conf(&r.mmu) == 0x05 && st_mmu_expected_conf(&r.mmu) == 0x05,
           "1 MB = two 512 KB banks, $FF8001 = $05");
    tap_ok(mem_read32(r.mem, 0) == 0x00001234 && mem_read32(r.mem, 4) == 0x00FC0030,
           "0-7 read the ROM's reset vectors");
    int n = r.f.n;
    mem_write16(r.mem, 0, 0xBEEF);
    tap_ok(r.f.n == n + 1 && r.f.last.kind == MEM_FAULT_BUS && r.f.last.write,
           "writing 0-7 is a bus error");
    mem_write32(r.mem, 8, 0x11223344);
    tap_ok(mem_read32(r.mem, 8) == 0x11223344, "RAM from 8 up");
    mem_write32(r.mem, 0xFFFFC, 0xCAFEBABE);
    tap_ok(mem_read32(r.mem, 0xFFFFC) == 0xCAFEBABE, "last long of 1 MB");
    n = r.f.n;
    tap_ok(mem_read16(r.mem, 0x100000) == 0xFFFF && mem_read8(r.mem, 0x3FFFFF) == 0xFF &&
               r.f.n == n,
           "above RAM up to 4 MB: floating bus, no bus error");
    mem_set_supervisor(r.mem, false);
    n = r.f.n;
    mem_read16(r.mem, 0x400);
    tap_ok(r.f.n == n + 1 && r.f.last.kind == MEM_FAULT_BUS, "user-mode read of $400 bus-errors");
    mem_read16(r.mem, 0x800);
    tap_ok(r.f.n == n + 1, "user-mode read of $800 is fine");
    mem_set_supervisor(r.mem, true);

    /* TOS sizing: configure 2 MB + 2 MB and look for aliases. */
    st_mmu_write_conf(&r.mmu, 0x0A);
    tap_ok(r.mmu.translating, "$0A on 512 KB chips: addresses are translated");
    tap_ok(aliases(&r, 0, 0x408) && !aliases(&r, 0, 0x208), "bank 0: $408 aliases $8, $208 does not");
    tap_ok(aliases(&r, 0x200000, 0x408) && !aliases(&r, 0x200000, 0x208),
           "bank 1 at $200000: 512 KB chips alias at $408");
    mem_write32(r.mem, 0x100, 0x55AA1234);
    st_mmu_write_conf(&r.mmu, 0x05);
    tap_ok(!r.mmu.translating && mem_read32(r.mem, 0x100) == 0x55AA1234,
           "back to $05: flat, data written while translating is in place");
    st_mmu_write_conf(&r.mmu, 0x00);
    tap_ok(st_mmu_translate(&r.mmu, 0x208) == 0x608,
           "512 KB chips set to 128 KB: row/column remapped ($208 -> $608)");
    tap_ok(st_mmu_translate(&r.mmu, 0x20000) >= 0x80000 && st_mmu_translate(&r.mmu, 0x40000) < 0,
           "128 KB + 128 KB: bank 1 at $20000 is the second chip set; $40000 is nothing");
    rig_free(&r);

    rig_init(&r, 4096);
    tap_ok(st_mmu_read_conf(&r.mmu) == 0x0A, "4 MB: $0A");
    tap_ok(!aliases(&r, 0, 0x408) && !aliases(&r, 0, 0x208) && !aliases(&r, 0x200000, 0x408),
           "4 MB: no aliases");
    mem_write32(r.mem, 0x3FFFFC, 0x01020304);
    tap_ok(mem_read32(r.mem, 0x3FFFFC) == 0x01020304, "4 MB: last long");
    rig_free(&r);

    rig_init(&r, 512);
    st_mmu_write_conf(&r.mmu, 0x0A);
    mem_write16(r.mem, 0x200008, 0x1234);
    tap_ok(mem_read16(r.mem, 0x200008) == 0xFFFF, "512 KB: empty bank 1 reads floating bus");
    tap_ok(aliases(&r, 0, 0x408), "512 KB: bank 0 aliases at $408");
    st_mmu_write_conf(&r.mmu, 0x04);
    tap_ok(!r.mmu.translating && mem_read16(r.mem, 0x80000) == 0xFFFF, "512 KB at $04: flat, $80000 floats");
    rig_free(&r);

    rig_init(&r, 2048);
    st_mmu_write_conf(&r.mmu, 0x0A);
    tap_ok(!aliases(&r, 0, 0x408) && !aliases(&r, 0, 0x208) &&
               mem_read16(r.mem, 0x200008) == 0xFFFF,
           "2 MB: bank 0 without aliases, bank 1 empty");
    st_mmu_write_conf(&r.mmu, 0x04);
    tap_ok(st_mmu_translate(&r.mmu, 0x408) == 0xC08, "2 MB chips set to 512 KB: row/column remapped ($408 -> $C08)");
    rig_free(&r);

    char err[128];
    st_mmu mm;
    mem_space *s = mem_space_new(0x00FFFFFF, 1);
    tap_ok(!st_mmu_init(&mm, s, 3000, NULL, err, sizeof err), "3000 KB refused: %s", err);
    mem_space_free(s);
    return tap_done();
}
