/* Unit tests of mem/: the XOR rule, routing, faults, overlays, 24-bit wrap,
 * self-modifying code and region validation. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "mem/mem.h"
#include "tests/tap.h"

/* --- A device that records accesses and behaves like 256 bytes of memory. */
typedef struct test_dev {
    uint8_t reg[256];
    int reads, writes;
    unsigned last_size;
    uint32_t last_off;
    bool fail;
} test_dev;

static int dev_read(void *d, uint32_t off, unsigned size, uint32_t *v)
{
    test_dev *t = d;
    t->reads++;
    t->last_size = size;
    t->last_off = off;
    if (t->fail)
        return MEM_FAULT_BUS;
    uint32_t x = 0;
    for (unsigned i = 0; i < size; i++)
        x = (x << 8) | t->reg[(off + i) & 255];
    *v = x;
    return 0;
}

static int dev_write(void *d, uint32_t off, unsigned size, uint32_t v)
{
    test_dev *t = d;
    t->writes++;
    t->last_size = size;
    t->last_off = off;
    if (t->fail)
        return MEM_FAULT_BUS;
    for (unsigned i = 0; i < size; i++)
        t->reg[(off + i) & 255] = (uint8_t)(v >> (8 * (size - 1 - i)));
    return 0;
}

static const mem_device_ops dev_ops = {dev_read, dev_write};

typedef struct fault_log {
    int count;
    mem_fault last;
} fault_log;

static void record_fault(void *ctx, const mem_fault *f)
{
    fault_log *l = ctx;
    l->count++;
    l->last = *f;
}

static void stub(void) {}
static void handler(void) {}

/* --- The XOR formulas as pure arithmetic, for both host byte orders. */
static void test_xor_formula(void)
{
    /* A pretend host block of S bytes at H (S-aligned) holding guest base B. */
    const uintptr_t H = 0x7f0000040000u;
    const uint32_t S = 0x40000, B = 0x00fc0000;
    int ok_le = 1, ok_be = 1;
    uintptr_t kle = mem_xor_key_for(H, B, S, 0), kbe = mem_xor_key_for(H, B, S, 1);
    for (uint32_t off = 0; off < S; off += 97) {
        uint32_t g = B + off;
        /* Little-endian host: reversed layout, H + S-1-off for byte g. */
        if (mem_xor_addr_for(kle, g, 1, 0) != H + S - 1 - off)
            ok_le = 0;
        /* An n-byte value's lowest host byte is that of its last guest byte. */
        if (off + 4 <= S && mem_xor_addr_for(kle, g, 4, 0) != H + S - 1 - (off + 3))
            ok_le = 0;
        /* Big-endian host: in place. */
        if (mem_xor_addr_for(kbe, g, 1, 1) != H + off || mem_xor_addr_for(kbe, g, 4, 1) != H + off)
            ok_be = 0;
    }
    tap_ok(ok_le, "little-endian XOR formula maps every byte of the block reversed");
    tap_ok(ok_be, "big-endian XOR formula maps every byte of the block in place");
    /* The paper's example: 256 MB at guest 0 in a host block at 0x30000000. */
    tap_ok(mem_xor_key_for(0x30000000u, 0, 0x10000000u, 0) == 0x3FFFFFFFu &&
               (0x3FFFFFFFu ^ 0x00012345u) == 0x3FFEDCBAu,
           "paper's example constant 0x3FFFFFFF and address 0x3FFEDCBA");
}

/* A space with 64 KB RAM at 0, 32 KB ROM at 0x20000, a device at 0xFF8000. */
typedef struct fixture {
    mem_space *s;
    mem_backing *ram, *rom;
    int ram_id, rom_id, dev_id;
    test_dev dev;
    fault_log faults;
} fixture;

static void fixture_init(fixture *f, unsigned align)
{
    memset(f, 0, sizeof *f);
    f->s = mem_space_new(0x00FFFFFF, align);
    f->ram = mem_backing_new(f->s, "ram", 0x10000);
    f->rom = mem_backing_new(f->s, "rom", 0x8000);
    f->ram_id = mem_map_ram(f->s, "ram", 0, 0x10000, f->ram, 0, 0);
    f->rom_id = mem_map_rom(f->s, "rom", 0x20000, 0x8000, f->rom, 0, 0);
    f->dev_id = mem_map_device(f->s, "dev", 0xFF8000, 0x100, &dev_ops, &f->dev, 2, 0);
    mem_set_fault_handler(f->s, record_fault, &f->faults);
    mem_set_decode_stub(f->s, stub);
    for (uint32_t i = 0; i < 0x8000; i++)
        mem_backing_write8(f->rom, i, (uint8_t)(i * 7 + 3));
}

static uint32_t be(const uint8_t *p, unsigned n)
{
    uint32_t v = 0;
    for (unsigned i = 0; i < n; i++)
        v = (v << 8) | p[i];
    return v;
}

static void test_host_layout(void)
{
    fixture f;
    fixture_init(&f, 0);
    static const uint8_t bytes[8] = {0x12, 0x34, 0x56, 0x78, 0x9a, 0xbc, 0xde, 0xf0};
    mem_load(f.s, 0x100, bytes, 8, false);
    tap_ok(mem_read32(f.s, 0x100) == 0x12345678 && mem_read16(f.s, 0x104) == 0x9abc &&
               mem_read8(f.s, 0x107) == 0xf0,
           "guest big-endian values read back on this host (%s-endian)",
           MEM_HOST_BIG_ENDIAN ? "big" : "little");
    tap_ok(mem_backing_read8(f.ram, 0x100) == 0x12 && mem_backing_read16(f.ram, 0x102) == 0x5678,
           "backing accessors agree with the guest view");
    mem_space_free(f.s);
}

/* Every size at every alignment across a block edge, against a byte model. */
static void test_alignments(void)
{
    fixture f;
    fixture_init(&f, 0);
    uint8_t model[0x400];
    for (unsigned i = 0; i < sizeof model; i++)
        model[i] = (uint8_t)(i * 13 + 1);
    mem_load(f.s, 0, model, sizeof model, false);
    int bad = 0;
    uint32_t val = 0x01020304;
    for (unsigned size = 1; size <= 4; size *= 2) {
        for (uint32_t a = 0x100 - 8; a < 0x100 + 8; a++) { /* a 128-byte block edge */
            uint32_t got = size == 1 ? mem_read8(f.s, a) : size == 2 ? mem_read16(f.s, a) : mem_read32(f.s, a);
            if (got != be(&model[a], size))
                bad++;
            val = val * 1103515245u + 12345u;
            if (size == 1) mem_write8(f.s, a, val);
            else if (size == 2) mem_write16(f.s, a, val);
            else mem_write32(f.s, a, val);
            for (unsigned i = 0; i < size; i++)
                model[a + i] = (uint8_t)(val >> (8 * (size - 1 - i)));
            got = size == 1 ? mem_rmw_read8(f.s, a) : size == 2 ? mem_rmw_read16(f.s, a) : mem_rmw_read32(f.s, a);
            if (got != be(&model[a], size))
                bad++;
        }
    }
    uint8_t back[0x400];
    mem_dma_read(f.s, 0, back, sizeof back);
    tap_ok(bad == 0 && memcmp(back, model, sizeof model) == 0,
           "byte/word/long reads and writes at every alignment across a block edge");
    tap_ok(f.faults.count == 0, "68040-style space: misaligned accesses do not fault");
    mem_space_free(f.s);

    fixture_init(&f, 1);
    mem_read16(f.s, 0x101);
    bool word_fault = f.faults.count == 1 && f.faults.last.kind == MEM_FAULT_ADDRESS &&
                      f.faults.last.addr == 0x101 && !f.faults.last.write;
    mem_write32(f.s, 0x203, 5);
    bool long_fault = f.faults.count == 2 && f.faults.last.kind == MEM_FAULT_ADDRESS && f.faults.last.write;
    mem_read8(f.s, 0x101);
    tap_ok(word_fault && long_fault && f.faults.count == 2,
           "68000 space: odd word/long accesses are address errors, bytes are not");
    mem_read16(f.s, 0x101); /* twice: the fast path must not hide it after a fill */
    tap_ok(f.faults.count == 3, "odd access faults even when its block is cached");
    mem_space_free(f.s);
}

static void test_routing(void)
{
    fixture f;
    fixture_init(&f, 1);
    tap_ok(mem_read16(f.s, 0x20010) == be((uint8_t[]){(uint8_t)(0x10 * 7 + 3), (uint8_t)(0x11 * 7 + 3)}, 2),
           "ROM reads its contents");
    uint32_t before = mem_read32(f.s, 0x20020);
    mem_write32(f.s, 0x20020, 0xdeadbeef);
    tap_ok(mem_read32(f.s, 0x20020) == before && f.faults.count == 0, "a ROM write is ignored and ROM unchanged");
    mem_write16(f.s, 0xFF8010, 0xabcd);
    tap_ok(f.dev.writes == 1 && f.dev.last_off == 0x10 && f.dev.last_size == 2 && f.dev.reg[0x10] == 0xab,
           "device write gets (offset, size, value)");
    f.dev.reads = 0;
    uint32_t v = mem_read32(f.s, 0xFF8010);
    tap_ok(f.dev.reads == 2 && (v >> 16) == 0xabcd, "a long access to a 16-bit device is split big-endian first");
    mem_read16(f.s, 0xFF8010);
    tap_ok(f.dev.reads == 3, "device accesses are never cached");
    f.dev.fail = true;
    mem_read16(f.s, 0xFF8000);
    tap_ok(f.faults.count == 1 && f.faults.last.kind == MEM_FAULT_BUS, "a device can answer with a bus error");
    f.dev.fail = false;
    mem_read8(f.s, 0x300000);
    tap_ok(f.faults.count == 2 && f.faults.last.kind == MEM_FAULT_BUS && f.faults.last.addr == 0x300000,
           "unmapped address is a bus error");
    mem_space_free(f.s);

    /* A ROM that faults on writes. */
    mem_space *s = mem_space_new(0x00FFFFFF, 1);
    fault_log log = {0};
    mem_set_fault_handler(s, record_fault, &log);
    mem_backing *b = mem_backing_new(s, "rom", 0x1000);
    mem_backing_write8(b, 4, 0x5a);
    mem_map_rom(s, "rom", 0xFC0000, 0x1000, b, 0, MEM_F_ROM_WRITE_FAULT);
    mem_write8(s, 0xFC0004, 1);
    tap_ok(log.count == 1 && log.last.write && mem_read8(s, 0xFC0004) == 0x5a,
           "a ROM marked so answers writes with a bus error and keeps its contents");
    mem_space_free(s);
}

static void test_overlay_and_wrap(void)
{
    fixture f;
    fixture_init(&f, 1);
    /* The ST maps the first 8 bytes of ROM at 0 for the reset vectors. */
    int ov = mem_map_rom(f.s, "rom@0", 0, 8, f.rom, 0, MEM_F_OVERLAY);
    mem_write32(f.s, 0x4, 0x11223344); /* lands nowhere: ROM */
    tap_ok(ov >= 0 && mem_read32(f.s, 4) == be((uint8_t[]){3 + 28, 3 + 35, 3 + 42, 3 + 49}, 4),
           "an enabled overlay shows ROM at 0");
    tap_ok(mem_read32(f.s, 8) == 0, "bytes beyond the overlay are RAM");
    mem_region_enable(f.s, ov, false);
    mem_write32(f.s, 0x4, 0x11223344);
    tap_ok(mem_read32(f.s, 4) == 0x11223344, "switching the overlay off shows RAM (TLBs flushed)");
    mem_region_enable(f.s, ov, true);
    tap_ok(mem_read32(f.s, 4) != 0x11223344, "switching it on again shows ROM");
    mem_region_enable(f.s, ov, false);

    mem_write32(f.s, 0x40, 0xcafef00d);
    tap_ok(mem_read32(f.s, 0x01000040) == 0xcafef00d && mem_read32(f.s, 0xff000040) == 0xcafef00d,
           "24-bit bus: the top byte of the address is ignored");
    mem_space_free(f.s);

    /* A long access at the top of a 24-bit space wraps to 0. */
    mem_space *s = mem_space_new(0x00FFFFFF, 0);
    mem_backing *lo = mem_backing_new(s, "lo", 0x1000), *hi = mem_backing_new(s, "hi", 0x1000);
    mem_map_ram(s, "lo", 0, 0x1000, lo, 0, 0);
    mem_map_ram(s, "hi", 0xFFF000, 0x1000, hi, 0, 0);
    mem_write32(s, 0xFFFFFE, 0xa1b2c3d4);
    tap_ok(mem_read16(s, 0xFFFFFE) == 0xa1b2 && mem_read16(s, 0) == 0xc3d4 && mem_read32(s, 0xFFFFFE) == 0xa1b2c3d4,
           "24-bit wrap: a long at 0xFFFFFE continues at 0");
    mem_space_free(s);
}

static void test_smc(void)
{
    fixture f;
    fixture_init(&f, 1);
    uint8_t code[0x100];
    for (unsigned i = 0; i < sizeof code; i++)
        code[i] = (uint8_t)i;
    mem_load(f.s, 0x1000, code, sizeof code, false);

    /* "Decode" the instruction at 0x1010 as a CPU would. */
    mem_slot *sl = mem_code_slot(f.s, 0x1010);
    tap_ok(sl->fn == stub, "a fresh code block starts with decode stubs");
    sl->fn = handler;
    tap_ok(mem_code_slot(f.s, 0x1010)->fn == handler && mem_fetch16(f.s, 0x1010) == 0x1011,
           "a decoded slot is reused");
    mem_write16(f.s, 0x1010, 0x4e71);
    tap_ok(mem_fetch16(f.s, 0x1010) == 0x4e71 && mem_code_slot(f.s, 0x1010)->fn == stub,
           "a write into cached code is seen by the next fetch and the slot is re-decoded");

    /* Written twice in a row: the second store must also be seen (WRITE/CODE ping-pong). */
    mem_code_slot(f.s, 0x1010)->fn = handler;
    mem_write16(f.s, 0x1010, 0x4e75);
    mem_code_slot(f.s, 0x1010)->fn = handler;
    mem_write16(f.s, 0x1010, 0x4e73);
    tap_ok(mem_fetch16(f.s, 0x1010) == 0x4e73 && mem_code_slot(f.s, 0x1010)->fn == stub,
           "repeated writes into code are each seen");

    /* An instruction at the end of a code block runs on into the next one:
     * a write to the next block must drop its decode. */
    mem_code_slot(f.s, 0x101e)->fn = handler;
    mem_fetch32(f.s, 0x101e);
    mem_write16(f.s, 0x1020, 0x1234);
    tap_ok(mem_code_slot(f.s, 0x101e)->fn == stub, "a write into the next block re-decodes a straddling instruction");

    /* A long write straddling a code block edge. */
    mem_code_slot(f.s, 0x103e)->fn = handler;
    mem_code_slot(f.s, 0x1040)->fn = handler;
    mem_write32(f.s, 0x103e, 0xaabbccdd);
    tap_ok(mem_fetch16(f.s, 0x103e) == 0xaabb && mem_fetch16(f.s, 0x1040) == 0xccdd &&
               mem_code_slot(f.s, 0x103e)->fn == stub && mem_code_slot(f.s, 0x1040)->fn == stub,
           "a write straddling a code block edge re-decodes both blocks");

    /* A long write straddling a data (128-byte) block edge. */
    mem_code_slot(f.s, 0x107e)->fn = handler;
    mem_code_slot(f.s, 0x1080)->fn = handler;
    mem_write8(f.s, 0x107f, 0x11);
    mem_write8(f.s, 0x1080, 0x22);
    tap_ok(mem_fetch16(f.s, 0x107e) == 0x7e11 && mem_fetch16(f.s, 0x1080) == 0x2281 &&
               mem_code_slot(f.s, 0x107e)->fn == stub && mem_code_slot(f.s, 0x1080)->fn == stub,
           "byte writes either side of a data block edge re-decode the code there");

    /* A device DMA path writing into code. */
    mem_code_slot(f.s, 0x1050)->fn = handler;
    static const uint8_t patch[2] = {0x60, 0xfe};
    mem_dma_write(f.s, 0x1050, patch, 2);
    tap_ok(mem_fetch16(f.s, 0x1050) == 0x60fe && mem_code_slot(f.s, 0x1050)->fn == stub,
           "a DMA write into code is seen by the next fetch and re-decoded");

    /* Code and data in the same 128-byte block, alternating. */
    int stale = 0;
    for (int i = 0; i < 100; i++) {
        mem_slot *x = mem_code_slot(f.s, 0x1100);
        if (x->fn == handler && mem_fetch16(f.s, 0x1100) != (uint32_t)(i - 1))
            stale++;
        x->fn = handler;
        mem_write16(f.s, 0x1100, (uint32_t)i);
        mem_write16(f.s, 0x1170, (uint32_t)i); /* data in the same block */
    }
    tap_ok(stale == 0 && mem_fetch16(f.s, 0x1100) == 99, "alternating code and data in one block never runs stale code");

    /* A 24-bit bus: entries keep the address bits above the bus (no masking
     * on the fast paths), so every alias must still see and drop the code. */
    mem_code_slot(f.s, 0x1200)->fn = handler;
    mem_write16(f.s, 0xFF001200, 0x4afc);
    tap_ok(mem_fetch16(f.s, 0x1200) == 0x4afc && mem_code_slot(f.s, 0x1200)->fn == stub,
           "a write through another 24-bit alias re-decodes the code");
    mem_code_slot(f.s, 0x80001210)->fn = handler;
    mem_write16(f.s, 0x1210, 0x4e71);
    tap_ok(mem_fetch16(f.s, 0x80001210) == 0x4e71 && mem_code_slot(f.s, 0x80001210)->fn == stub,
           "code cached through an alias is re-decoded after a plain write");
    mem_write32(f.s, 0x2000, 1);
    uint32_t a1 = mem_read32(f.s, 0xAB002000);
    mem_write32(f.s, 0xAB002004, 2);
    mem_write8(f.s, 0x01002000, 3);
    tap_ok(a1 == 1 && mem_read32(f.s, 0x2004) == 2 && mem_read8(f.s, 0xAB002000) == 3 &&
               mem_read8(f.s, 0x2000) == 3,
           "data written through one alias is read back through the others");

    /* Code from a device region is never cached. */
    mem_slot *u = mem_code_slot(f.s, 0xFF8000);
    tap_ok(u == &f.s->uncached_slot && u->fn == stub, "code in device space runs from an uncached slot");

    mem_code_slot(f.s, 0x1101);
    tap_ok(f.faults.count == 1 && f.faults.last.kind == MEM_FAULT_ADDRESS && f.faults.last.fetch,
           "an odd PC is an address error on fetch");
    mem_space_free(f.s);
}

static void test_supervisor(void)
{
    mem_space *s = mem_space_new(0x00FFFFFF, 1);
    fault_log log = {0};
    mem_set_fault_handler(s, record_fault, &log);
    mem_backing *b = mem_backing_new(s, "ram", 0x10000);
    int lo = mem_map_ram(s, "ram-sys", 0, 0x800, b, 0, MEM_F_SUPERVISOR);
    int hi = mem_map_ram(s, "ram", 0x800, 0xF800, b, 0x800, 0);
    mem_set_supervisor(s, true);
    mem_write16(s, 0x400, 0x1234);
    tap_ok(lo >= 0 && hi >= 0 && mem_read16(s, 0x400) == 0x1234 && log.count == 0,
           "supervisor-only RAM works in supervisor mode");
    mem_set_supervisor(s, false);
    mem_read16(s, 0x400);
    mem_write16(s, 0x400, 1);
    mem_code_slot(s, 0x400);
    tap_ok(log.count == 3 && log.last.kind == MEM_FAULT_BUS, "in user mode it is a bus error, cached or not");
    tap_ok(mem_read16(s, 0x900) == 0 && log.count == 3, "user mode reaches ordinary RAM");
    mem_space_free(s);
}

static void test_validation(void)
{
    mem_space *s = mem_space_new(0x00FFFFFF, 1);
    mem_backing *b = mem_backing_new(s, "ram", 0x20000);
    int a = mem_map_ram(s, "ram", 0, 0x20000, b, 0, 0);
    test_dev d = {0};
    int ov = mem_map_device(s, "dev", 0x1F000, 0x2000, &dev_ops, &d, 2, 0);
    tap_ok(a >= 0 && ov < 0 && strstr(mem_error(s), "overlaps") != NULL,
           "overlapping regions are rejected: %s", mem_error(s));
    mem_backing *c = mem_backing_new(s, "rom", 0x10000);
    int mis = mem_map_rom(s, "rom", 0x23000, 0x8000, c, 0, 0);
    tap_ok(mis < 0 && strstr(mem_error(s), "misaligned") != NULL,
           "a region not aligned to its host block is rejected: %s", mem_error(s));
    int big = mem_map_rom(s, "rom", 0x40000, 0x20000, c, 0, 0);
    tap_ok(big < 0 && strstr(mem_error(s), "fit") != NULL, "a region larger than its block is rejected: %s",
           mem_error(s));
    int out = mem_map_device(s, "dev", 0xFFFF00, 0x200, &dev_ops, NULL, 2, 0);
    tap_ok(out < 0 && strstr(mem_error(s), "outside") != NULL, "a region beyond the address space is rejected: %s",
           mem_error(s));
    /* A mirror: the same RAM again at 0x400000, legal because it is block aligned. */
    int mirror = mem_map_ram(s, "mirror", 0x400000, 0x20000, b, 0, 0);
    mem_write16(s, 0x100, 0xbeef);
    tap_ok(mirror >= 0 && mem_read16(s, 0x400100) == 0xbeef, "an aligned mirror of a backing is accepted and aliases");
    mem_space_free(s);
}

static void test_footprint(void)
{
    mem_space *s = mem_space_new(0xFFFFFFFF, 0);
    size_t fp = mem_footprint(s);
    tap_diag("translation structures: %zu bytes (dispatch slots %zu)", fp,
             (size_t)MEM_CODE_TLB_ENTRIES * MEM_SLOT_ROW * sizeof(mem_slot));
    tap_ok(fp < 1024 * 1024, "all translation structures together stay under 1 MB (%zu bytes)", fp);
    mem_space_free(s);
}

int main(void)
{
    test_xor_formula();
    test_host_layout();
    test_alignments();
    test_routing();
    test_overlay_and_wrap();
    test_smc();
    test_supervisor();
    test_validation();
    test_footprint();
    return tap_done();
}
