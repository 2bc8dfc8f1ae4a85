/* A long random sequence of reads, writes, read-modify-writes, fetches and DMA
 * through the TLBs, checked against a trivially simple byte-array model.
 *
 * A pretend CPU "decodes" each slot by remembering the 6 bytes at its address
 * (an instruction with two extension words, possibly running into the next code
 * block); whenever it meets an already decoded slot it checks that memory still
 * holds those bytes — stale decoded code would show here. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mem/mem.h"
#include "tests/tap.h"

#define RAM_SIZE 0x40000u /* at 0 */
#define ROM_BASE 0x100000u
#define ROM_SIZE 0x10000u
#define DEV_BASE 0x200000u
#define DEV_SIZE 0x100u

static uint8_t model[0x1000000]; /* the whole 24-bit space; unmapped bytes unused */
static uint8_t dev_bytes[DEV_SIZE];

static int dev_read(void *d, uint32_t off, unsigned size, uint32_t *v)
{
    (void)d;
    uint32_t x = 0;
    for (unsigned i = 0; i < size; i++)
        x = (x << 8) | dev_bytes[off + i];
    *v = x;
    return 0;
}

static int dev_write(void *d, uint32_t off, unsigned size, uint32_t v)
{
    (void)d;
    for (unsigned i = 0; i < size; i++)
        dev_bytes[off + i] = (uint8_t)(v >> (8 * (size - 1 - i)));
    return 0;
}

static const mem_device_ops dev_ops = {dev_read, dev_write};

static int faults;
static void on_fault(void *ctx, const mem_fault *f)
{
    (void)ctx;
    (void)f;
    faults++;
}

static void stub(void) {}
static void decoded(void) {}

static uint64_t rng = 0x9E3779B97F4A7C15u;
static uint32_t rnd(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (uint32_t)(rng >> 11);
}

enum { AREA_RAM, AREA_ROM, AREA_DEV, AREA_NONE };

static int area(uint32_t a)
{
    if (a < RAM_SIZE)
        return AREA_RAM;
    if (a >= ROM_BASE && a < ROM_BASE + ROM_SIZE)
        return AREA_ROM;
    if (a >= DEV_BASE && a < DEV_BASE + DEV_SIZE)
        return AREA_DEV;
    return AREA_NONE;
}

static uint8_t model_byte(uint32_t a)
{
    return area(a) == AREA_DEV ? dev_bytes[a - DEV_BASE] : model[a];
}

/* Addresses with locality: mostly near a few hot spots, sometimes anywhere.
 * Code runs in its own hot spots (loops), as real programs do; a few stores
 * still land in code (self-modifying code) to exercise the ping-pong. */
static uint32_t hot[8], code_hot[4];
static uint32_t pick_addr(void)
{
    uint32_t r = rnd() % 100;
    if (r < 93)
        return (hot[rnd() % 7] + (rnd() % 512)) & 0xFFFFFF;
    if (r < 94)
        return (RAM_SIZE - 8 + rnd() % 16) & 0xFFFFFF; /* runs off the end of RAM */
    if (r < 98)
        return rnd() % RAM_SIZE;
    if (r < 99)
        return ROM_BASE + rnd() % ROM_SIZE;
    return DEV_BASE + rnd() % DEV_SIZE;
}

int main(void)
{
    mem_space *s = mem_space_new(0x00FFFFFF, 0);
    mem_backing *ram = mem_backing_new(s, "ram", RAM_SIZE);
    mem_backing *rom = mem_backing_new(s, "rom", ROM_SIZE);
    mem_map_ram(s, "ram", 0, RAM_SIZE, ram, 0, 0);
    mem_map_rom(s, "rom", ROM_BASE, ROM_SIZE, rom, 0, 0);
    mem_map_device(s, "dev", DEV_BASE, DEV_SIZE, &dev_ops, NULL, 2, 0);
    mem_set_fault_handler(s, on_fault, NULL);
    mem_set_decode_stub(s, stub);

    for (uint32_t i = 0; i < RAM_SIZE; i++)
        model[i] = (uint8_t)rnd();
    mem_load(s, 0, model, RAM_SIZE, false);
    for (uint32_t i = 0; i < ROM_SIZE; i++)
        model[ROM_BASE + i] = (uint8_t)rnd();
    mem_load(s, ROM_BASE, model + ROM_BASE, ROM_SIZE, true);
    for (int i = 0; i < 8; i++)
        hot[i] = rnd() % RAM_SIZE;
    for (int i = 0; i < 4; i++)
        code_hot[i] = 0x30000 + 0x1000 * (uint32_t)i;
    code_hot[3] = ROM_BASE + 0x2C00; /* no TLB index shared with the RAM loops */
    hot[6] = ROM_BASE + 0x100;

    /* What the pretend CPU decoded, per slot. */
    static uint8_t decoded_bytes[MEM_CODE_TLB_ENTRIES * MEM_SLOT_ROW][6];

    const long ops = 2000000;
    long mismatches = 0, stale = 0, expected_faults = 0, wrong_faults = 0, decodes = 0;
    for (long n = 0; n < ops; n++) {
        if (n % 50000 == 0)
            hot[rnd() % 7] = rnd() % RAM_SIZE;
        uint32_t a = pick_addr();
        unsigned size = 1u << (rnd() % 3);
        uint32_t op = rnd() % 100;
        if (op >= 45 && op < 85 && rnd() % 1000 == 0)
            a = code_hot[rnd() % 4] + (rnd() % 128); /* a store into code */
        bool mapped = true;
        for (unsigned i = 0; i < size; i++)
            if (area((a + i) & 0xFFFFFF) == AREA_NONE)
                mapped = false;
        int faults_before = faults;
        if (op < 45) { /* read or read-modify-write read */
            uint32_t got;
            bool rmw = op < 10;
            switch (size) {
            case 1: got = rmw ? mem_rmw_read8(s, a) : mem_read8(s, a); break;
            case 2: got = rmw ? mem_rmw_read16(s, a) : mem_read16(s, a); break;
            default: got = rmw ? mem_rmw_read32(s, a) : mem_read32(s, a); break;
            }
            if (!mapped) {
                expected_faults++;
                if (faults == faults_before)
                    wrong_faults++;
                continue;
            }
            if (faults != faults_before)
                wrong_faults++;
            uint32_t want = 0;
            for (unsigned i = 0; i < size; i++)
                want = (want << 8) | model_byte((a + i) & 0xFFFFFF);
            if (got != want && mismatches++ < 5)
                tap_diag("read%u at %06x: got %x want %x", size * 8, a, got, want);
        } else if (op < 85) { /* write */
            uint32_t v = rnd();
            switch (size) {
            case 1: mem_write8(s, a, v); break;
            case 2: mem_write16(s, a, v); break;
            default: mem_write32(s, a, v); break;
            }
            /* A store running off mapped memory faults; the mapped bytes of a
             * split access still take it. */
            if (!mapped) {
                expected_faults++;
                if (faults == faults_before)
                    wrong_faults++;
            } else if (faults != faults_before) {
                wrong_faults++;
            }
            for (unsigned i = 0; i < size; i++) {
                uint32_t b = (a + i) & 0xFFFFFF;
                if (area(b) == AREA_RAM)
                    model[b] = (uint8_t)(v >> (8 * (size - 1 - i)));
            }
        } else if (op < 99) { /* execute: look up the slot, "decode" or check */
            uint32_t pc = (n % 50 == 0) ? a & ~1u : (code_hot[rnd() % 4] + 2 * (rnd() % 64)) & ~1u;
            if (area(pc) == AREA_DEV || area(pc) == AREA_NONE || area(pc + 5) != area(pc))
                continue;
            mem_slot *sl = mem_code_slot(s, pc);
            if (sl == &s->uncached_slot)
                continue;
            size_t idx = (size_t)(sl - s->slots);
            if (sl->fn == decoded) {
                for (int i = 0; i < 6; i++)
                    if (decoded_bytes[idx][i] != model_byte(pc + i)) {
                        if (stale++ < 5)
                            tap_diag("stale decode at %06x", pc);
                        break;
                    }
            } else {
                decodes++;
                for (int i = 0; i < 6; i += 2) {
                    uint32_t w = mem_fetch16(s, pc + i);
                    decoded_bytes[idx][i] = (uint8_t)(w >> 8);
                    decoded_bytes[idx][i + 1] = (uint8_t)w;
                }
                sl->fn = decoded;
                s->stats.dispatch_decodes++; /* as the CPU's decode stub does */
            }
        } else { /* a DMA burst into RAM */
            uint8_t buf[64];
            uint32_t at = (a % RAM_SIZE) & ~1u, len = 2 + rnd() % 62;
            if (at + len > RAM_SIZE)
                continue;
            for (uint32_t i = 0; i < len; i++)
                buf[i] = (uint8_t)rnd();
            mem_dma_write(s, at, buf, len);
            memcpy(model + at, buf, len);
        }
    }

    uint8_t *back = malloc(RAM_SIZE);
    mem_dma_read(s, 0, back, RAM_SIZE);
    bool same = memcmp(back, model, RAM_SIZE) == 0;
    free(back);

    tap_diag("%ld operations, %ld decodes", ops, decodes);
    tap_diag("hit rates: read %.2f%%  write %.2f%%  code %.2f%%  dispatch %.2f%%",
             mem_hit_rate(s, MEM_TLB_READ), mem_hit_rate(s, MEM_TLB_WRITE), mem_hit_rate(s, MEM_TLB_CODE),
             mem_dispatch_hit_rate(s));
    tap_diag("flushes: read %llu write %llu code %llu; code invalidations by writes %llu",
             (unsigned long long)s->stats.tlb[MEM_TLB_READ].flushes,
             (unsigned long long)s->stats.tlb[MEM_TLB_WRITE].flushes,
             (unsigned long long)s->stats.tlb[MEM_TLB_CODE].flushes,
             (unsigned long long)s->stats.slot_invalidations);
    tap_ok(mismatches == 0, "every read matched the reference model (%ld mismatches)", mismatches);
    tap_ok(same, "RAM equals the reference model after the run");
    tap_ok(stale == 0, "no decoded slot was ever stale (%ld stale)", stale);
    tap_ok(wrong_faults == 0 && expected_faults > 0,
           "bus errors exactly where the model has no memory (%ld accesses off the map, %ld misjudged)",
           expected_faults, wrong_faults);
    tap_ok(mem_hit_rate(s, MEM_TLB_READ) > 85.0 && mem_hit_rate(s, MEM_TLB_WRITE) > 85.0 &&
               mem_hit_rate(s, MEM_TLB_CODE) > 85.0,
           "the TLBs hit on a workload with locality (each over 85%%; 1-5%% of accesses are random, ROM writes or device)");
    mem_space_free(s);
    return tap_done();
}
