/* The 68040 MMU with mem/'s TLBs as its address translation cache:
 * hand-built page tables in guest RAM (every descriptor type, 4 KB and 8 KB
 * pages), protection, transparent translation, U/M updates, PTEST results,
 * the PFLUSH variants, access-error frames for data and instruction faults
 * with handlers that map the page and return so that the instruction
 * completes, self-modifying code through a physical alias, and a random
 * run against a reference model of the table search.
 *
 * Layout: 1 MB of RAM at 0; ITT0/DTT0 map 0x00xxxxxx transparently for
 * both privileges (test code, vectors, tables), so the table search is
 * exercised at 0x40000000 and up.  Tables at 0x10000, pages from 0x30000.
 * Programs are hand-assembled words (comments give the source). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "m68k/m68k.h"
#include "mem/mem.h"
#include "tests/tap.h"

static uint32_t rnd(void);

typedef struct rig {
    mem_space *mem;
    m68k_cpu *cpu;
    uint32_t next_table;
    uint32_t urp, srp;
    bool p8; /* 8 KB pages */
} rig;

enum {
    TT_ALL_LOW = 0x0000C000, /* base 0x00, mask 0x00, enabled, both privileges */
    TC_E = 0x8000,
    TC_P = 0x4000,
    PD_RES = 1,
    PD_IND = 2,
    D_W = 4,
    D_U = 8,
    D_M = 0x10,
    D_S = 0x80,
    D_G = 0x400,
    UDT_RES = 2,
    HANDLER = 0x600,
};

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
static uint32_t peek32(rig *r, uint32_t a)
{
    return mem_peek(r->mem, a, 4);
}
static uint32_t peek16(rig *r, uint32_t a)
{
    return mem_peek(r->mem, a, 2);
}
static void code(rig *r, uint32_t a, const uint16_t *w, size_t n)
{
    for (size_t i = 0; i < n; i++)
        put16(r, a + 2 * (uint32_t)i, w[i]);
}
static uint32_t reg(rig *r, enum m68k_reg n)
{
    return m68k_get_reg(r->cpu, n);
}
static void set(rig *r, enum m68k_reg n, uint32_t v)
{
    m68k_set_reg(r->cpu, n, v);
}

/* Run the code at pc until the CPU stops. */
static void run_at(rig *r, uint32_t pc)
{
    set(r, M68K_PC, pc);
    int32_t cycles = 2000000;
    while (cycles > 0 && m68k_state(r->cpu) == M68K_RUNNING)
        cycles -= m68k_run(r->cpu, 1000);
}
static bool stopped_at(rig *r, uint32_t pc)
{
    return m68k_state(r->cpu) == M68K_STOPPED && reg(r, M68K_PC) == pc;
}

static uint32_t alloc_table(rig *r)
{
    uint32_t t = r->next_table;
    r->next_table += 512;
    for (uint32_t i = 0; i < 512; i += 4)
        put32(r, t + i, 0);
    return t;
}

/* The page descriptor's address for `la` under `root`, making the root
 * and pointer entries (resident, no W) on the way. */
static uint32_t desc_addr(rig *r, uint32_t root, uint32_t la)
{
    uint32_t ra = root + (la >> 25) * 4, rd = peek32(r, ra);
    if (!(rd & 2)) {
        rd = alloc_table(r) | UDT_RES;
        put32(r, ra, rd);
    }
    uint32_t pa = (rd & ~0x1FFu) + (la >> 18 & 0x7F) * 4, pd = peek32(r, pa);
    if (!(pd & 2)) {
        pd = alloc_table(r) | UDT_RES;
        put32(r, pa, pd);
    }
    return r->p8 ? (pd & ~0x7Fu) + (la >> 13 & 0x1F) * 4 : (pd & ~0xFFu) + (la >> 12 & 0x3F) * 4;
}
static uint32_t map(rig *r, uint32_t root, uint32_t la, uint32_t desc)
{
    uint32_t a = desc_addr(r, root, la);
    put32(r, a, desc);
    return a;
}
static uint32_t root_entry(rig *r, uint32_t root, uint32_t la)
{
    return root + (la >> 25) * 4;
}
static uint32_t ptr_entry(rig *r, uint32_t root, uint32_t la)
{
    return (peek32(r, root_entry(r, root, la)) & ~0x1FFu) + (la >> 18 & 0x7F) * 4;
}

/* MOVEC D0,URP; MOVEC D1,SRP; MOVEC D3,DTT0; MOVEC D4,DTT1; MOVEC D5,ITT0;
 * MOVEC D6,ITT1; MOVEC D2,TC; STOP #$2700 */
static void load_mmu(rig *r, uint32_t tc, uint32_t dtt1, uint32_t itt1)
{
    static const uint16_t prog[] = {0x4E7B, 0x0806, 0x4E7B, 0x1807, 0x4E7B, 0x3006, 0x4E7B, 0x4007,
                                    0x4E7B, 0x5004, 0x4E7B, 0x6005, 0x4E7B, 0x2003, 0x4E72, 0x2700};
    code(r, 0x1000, prog, sizeof prog / 2);
    set(r, M68K_D0, r->urp);
    set(r, M68K_D1, r->srp);
    set(r, M68K_D2, tc);
    set(r, M68K_D3, TT_ALL_LOW);
    set(r, M68K_D4, dtt1);
    set(r, M68K_D5, TT_ALL_LOW);
    set(r, M68K_D6, itt1);
    r->p8 = (tc & TC_P) != 0;
    run_at(r, 0x1000);
}

static bool setup(rig *r, bool p8)
{
    memset(r, 0, sizeof *r);
    r->mem = mem_space_new(0xFFFFFFFFu, 0);
    if (!r->mem)
        return false;
    mem_backing *b = mem_backing_new(r->mem, "ram", 0x100000);
    if (!b || mem_map_ram(r->mem, "ram", 0, 0x100000, b, 0, 0) < 0)
        return false;
    r->cpu = m68k_new(M68K_68040, r->mem);
    if (!r->cpu)
        return false;
    for (uint32_t v = 2; v < 256; v++)
        put32(r, v * 4, 0x400);
    put32(r, 2 * 4, HANDLER);
    put16(r, 0x400, 0x4E72); /* STOP #$2700 */
    put16(r, 0x402, 0x2700);
    /* Access-error handler: MOVE.L A7,D6 (the frame); MOVE.L D7,(A5) (a
     * descriptor the test prepared); PFLUSHA; ADDQ.L #1,D5; RTE */
    static const uint16_t h[] = {0x2C0F, 0x2A87, 0xF518, 0x5285, 0x4E73};
    code(r, HANDLER, h, sizeof h / 2);
    put32(r, 0, 0x8000);
    put32(r, 4, 0x1000);
    put16(r, 0x1000, 0x4E72);
    put16(r, 0x1002, 0x2700);
    m68k_reset(r->cpu);
    r->next_table = 0x10000;
    r->urp = alloc_table(r);
    r->srp = alloc_table(r);
    load_mmu(r, TC_E | (p8 ? TC_P : 0), 0, 0);
    return true;
}
static void teardown(rig *r)
{
    m68k_free(r->cpu);
    mem_space_free(r->mem);
}

/* A data access from outside the CPU (no instruction running): a fault
 * returns all ones and leaves mem/'s last_fault. */
static bool faults(rig *r)
{
    return r->mem->last_fault.kind != MEM_FAULT_NONE;
}
static void clear_fault(rig *r)
{
    memset(&r->mem->last_fault, 0, sizeof r->mem->last_fault);
}

static void test_walk(bool p8)
{
    rig r;
    if (!setup(&r, p8)) {
        tap_ok(0, "setup");
        return;
    }
    const char *ps = p8 ? "8K" : "4K";
    uint32_t pg = p8 ? 0x2000 : 0x1000;
    uint32_t la = 0x40000000 + 3 * pg, phys = 0x40000;
    uint32_t d = map(&r, r.srp, la, phys | PD_RES);
    put32(&r, phys + 0x10, 0x12345678);
    clear_fault(&r);
    uint32_t v = mem_read32(r.mem, la + 0x10);
    tap_ok(!faults(&r) && v == 0x12345678, "%s: a resident page descriptor translates a read (0x%08x)", ps, v);
    tap_ok((peek32(&r, root_entry(&r, r.srp, la)) & D_U) && (peek32(&r, ptr_entry(&r, r.srp, la)) & D_U) &&
               (peek32(&r, d) & (D_U | D_M)) == D_U,
           "%s: the read set U in the root, pointer and page descriptors, not M", ps);
    mem_write16(r.mem, la + pg - 2, 0xBEEF);
    tap_ok(!faults(&r) && peek16(&r, phys + pg - 2) == 0xBEEF && (peek32(&r, d) & D_M),
           "%s: a write reaches the physical page's last word and sets M", ps);
    /* PDT 11 is resident too */
    uint32_t la2 = la + pg;
    map(&r, r.srp, la2, (phys + pg) | 3);
    put32(&r, phys + pg + 4, 0xCAFEF00D);
    tap_ok(mem_read32(r.mem, la2 + 4) == 0xCAFEF00D && !faults(&r), "%s: PDT 11 is resident", ps);
    /* invalid page descriptor, invalid pointer and root descriptors */
    uint32_t la3 = la + 2 * pg;
    map(&r, r.srp, la3, phys | 0);
    clear_fault(&r);
    mem_read8(r.mem, la3 + 1);
    tap_ok(faults(&r) && r.mem->last_fault.atc && r.mem->last_fault.addr == la3 + 1 &&
               !r.mem->last_fault.write,
           "%s: an invalid page descriptor faults (ATC, address 0x%08x)", ps, r.mem->last_fault.addr);
    clear_fault(&r);
    mem_read8(r.mem, 0x40000000 + (1u << 18)); /* pointer entry never made: 0 */
    tap_ok(faults(&r) && r.mem->last_fault.atc, "%s: an invalid pointer descriptor faults", ps);
    clear_fault(&r);
    mem_read8(r.mem, 0x60000000);
    tap_ok(faults(&r) && r.mem->last_fault.atc, "%s: an invalid root descriptor faults", ps);
    /* indirect */
    uint32_t la4 = la + 4 * pg, target = 0x1F000;
    put32(&r, target, (phys + 2 * pg) | PD_RES);
    map(&r, r.srp, la4, target | PD_IND);
    put32(&r, phys + 2 * pg + 8, 0x0BADF00D);
    clear_fault(&r);
    v = mem_read32(r.mem, la4 + 8);
    mem_write8(r.mem, la4 + 12, 0x5A);
    tap_ok(!faults(&r) && v == 0x0BADF00D && (peek32(&r, target) & (D_U | D_M)) == (D_U | D_M) &&
               mem_peek(r.mem, phys + 2 * pg + 12, 1) == 0x5A,
           "%s: an indirect descriptor: translation, U and M in the descriptor it points at", ps);
    uint32_t la5 = la + 5 * pg;
    put32(&r, target + 4, 0x1F100 | PD_IND);
    map(&r, r.srp, la5, (target + 4) | PD_IND);
    clear_fault(&r);
    mem_read8(r.mem, la5);
    tap_ok(faults(&r), "%s: an indirect descriptor pointing at another indirect one is invalid", ps);
    /* write protection in the pointer descriptor */
    uint32_t la6 = 0x40000000 + (5u << 18);
    uint32_t d6 = map(&r, r.srp, la6, 0x50000 | PD_RES);
    put32(&r, ptr_entry(&r, r.srp, la6), peek32(&r, ptr_entry(&r, r.srp, la6)) | D_W);
    put32(&r, 0x50000, 0x11223344);
    clear_fault(&r);
    v = mem_read32(r.mem, la6);
    bool rd_ok = !faults(&r) && v == 0x11223344;
    mem_write32(r.mem, la6, 0);
    tap_ok(rd_ok && faults(&r) && r.mem->last_fault.write && r.mem->last_fault.atc &&
               peek32(&r, 0x50000) == 0x11223344 && !(peek32(&r, d6) & D_M),
           "%s: W in a pointer descriptor: reads pass, a write faults, M stays clear", ps);
    /* W in the page descriptor */
    uint32_t la7 = la + 6 * pg;
    map(&r, r.srp, la7, 0x52000 | D_W | PD_RES);
    clear_fault(&r);
    mem_write8(r.mem, la7, 1);
    tap_ok(faults(&r) && r.mem->last_fault.write, "%s: W in the page descriptor write-protects", ps);
    /* S: supervisor only; user accesses go through URP */
    uint32_t la8 = 0x44000000;
    map(&r, r.urp, la8, 0x54000 | D_S | PD_RES);
    put32(&r, 0x54000, 0x77777777);
    mem_set_supervisor(r.mem, false);
    clear_fault(&r);
    mem_read32(r.mem, la8);
    bool user_fault = faults(&r) && r.mem->last_fault.atc;
    clear_fault(&r);
    mem_read32(r.mem, la); /* mapped only under SRP */
    bool urp_sep = faults(&r);
    mem_set_supervisor(r.mem, true);
    clear_fault(&r);
    mem_read32(r.mem, la8); /* not mapped under SRP */
    bool srp_sep = faults(&r);
    tap_ok(user_fault && urp_sep && srp_sep,
           "%s: S pages fault in user mode; user and supervisor use URP and SRP", ps);
    /* The TLB keeps a supervisor translation from the user */
    mem_read32(r.mem, la); /* cached now */
    mem_set_supervisor(r.mem, false);
    clear_fault(&r);
    mem_read32(r.mem, la);
    tap_ok(faults(&r), "%s: a cached supervisor translation does not serve user mode", ps);
    mem_set_supervisor(r.mem, true);
    /* One logical page, different pages under URP and SRP: each mode sees
     * its own; and a mode switch flushes nothing (entries are tagged with
     * their mode): a supervisor and a user page stay cached across switches. */
    uint32_t la9 = 0x48000000, la10 = 0x48004080;
    map(&r, r.srp, la9, 0x56000 | PD_RES);
    map(&r, r.urp, la9, 0x58000 | PD_RES);
    map(&r, r.urp, la10 & ~0x1FFFu, 0x5A000 | PD_RES);
    put32(&r, 0x56000, 0x5555AAAA);
    put32(&r, 0x58000, 0x0000FFFF);
    put32(&r, 0x5A080, 0x12121212);
    bool modes_ok = true;
    for (int k = 0; k < 4; k++) {
        mem_set_supervisor(r.mem, (k & 1) == 0);
        uint32_t want = (k & 1) == 0 ? 0x5555AAAA : 0x0000FFFF;
        modes_ok = modes_ok && mem_read32(r.mem, la9) == want;
    }
    uint64_t misses0 = r.mem->stats.tlb[MEM_TLB_READ].misses;
    for (int k = 0; k < 6; k++) {
        mem_set_supervisor(r.mem, (k & 1) == 0);
        modes_ok = modes_ok && ((k & 1) == 0 ? mem_read32(r.mem, la + 0x10) == 0x12345678
                                               : mem_read32(r.mem, la10) == 0x12121212);
    }
    mem_set_supervisor(r.mem, true);
    tap_ok(modes_ok && r.mem->stats.tlb[MEM_TLB_READ].misses - misses0 == 1,
           "%s: one address, URP and SRP pages: each mode sees its own; switches flush nothing", ps);
    teardown(&r);
}

static void test_tt(void)
{
    rig r;
    if (!setup(&r, false)) {
        tap_ok(0, "setup");
        return;
    }
    /* DTT1: 0x40xxxxxx-0x41xxxxxx... base 0x40 mask 0x01, user only (S=00), write protected */
    uint32_t dtt1 = 0x40018000 | 4;
    r.next_table = 0x12000;
    load_mmu(&r, TC_E, dtt1, 0);
    put32(&r, 0x20000, 0xA5A5A5A5);
    mem_set_supervisor(r.mem, false);
    clear_fault(&r);
    /* 0x41020000 matches (mask bit 0) but physical 0x41020000 is not RAM: a bus error, not ATC */
    mem_read32(r.mem, 0x41020000);
    bool phys = faults(&r) && !r.mem->last_fault.atc;
    clear_fault(&r);
    mem_write32(r.mem, 0x40020000, 0);
    bool wp = faults(&r) && r.mem->last_fault.atc && r.mem->last_fault.write;
    mem_set_supervisor(r.mem, true);
    clear_fault(&r);
    mem_read32(r.mem, 0x40020000); /* supervisor: no match, the table walk (nothing mapped) */
    bool s_walk = faults(&r) && r.mem->last_fault.atc;
    tap_ok(phys && wp && s_walk,
           "TT: address under the mask, S field (user only), write protection; a miss walks the tables");
    /* the low window is the TT registers' own: ITT0 covers the code, DTT0 the data */
    clear_fault(&r);
    tap_ok(mem_read32(r.mem, 0x20000) == 0xA5A5A5A5 && !faults(&r), "TT: the low window is transparent");
    /* ITT1 for instruction fetches only: fetch at 0x40030000 (user) -> its own window;
     * data at the same address does not match it */
    load_mmu(&r, TC_E, 0, 0x4000A000); /* base 0x40 mask 0, supervisor only */
    put16(&r, 0x30000, 0x4E71);
    (void)mem_fetch16(r.mem, 0x40030000); /* phys 0x40030000: not RAM, bus error */
    bool fetch_tt = faults(&r) && !r.mem->last_fault.atc;
    clear_fault(&r);
    mem_read16(r.mem, 0x40030000);
    bool data_walk = faults(&r) && r.mem->last_fault.atc;
    tap_ok(fetch_tt && data_walk, "TT: ITT1 matches instruction fetches, not data");
    teardown(&r);
}

/* PTESTR/PTESTW (A0) with DFC from D0: MOVEC D0,DFC; PTESTx (A0); MOVEC MMUSR,D7; STOP */
static uint32_t ptest(rig *r, uint32_t la, uint32_t fc, bool write)
{
    uint16_t prog[] = {0x4E7B, 0x0001, write ? 0xF548 : 0xF568, 0x4E7A, 0x7805, 0x4E72, 0x2700};
    code(r, 0x1100, prog, sizeof prog / 2);
    set(r, M68K_D0, fc);
    set(r, M68K_A0, la);
    run_at(r, 0x1100);
    return reg(r, M68K_D7);
}

static void test_ptest(void)
{
    rig r;
    if (!setup(&r, false)) {
        tap_ok(0, "setup");
        return;
    }
    uint32_t d = map(&r, r.srp, 0x40001000, 0x60000 | D_G | 0x40 /* CM */ | PD_RES);
    uint32_t st = ptest(&r, 0x40001234, 5, false);
    tap_ok(st == (0x60000 | D_G | 0x40 | 1) && (peek32(&r, d) & (D_U | D_M)) == D_U,
           "PTESTR: PA, G, CM and R in MMUSR (0x%08x); U set, not M", st);
    st = ptest(&r, 0x40001234, 5, true);
    tap_ok(st == (0x60000 | D_G | 0x40 | D_M | 1) && (peek32(&r, d) & D_M),
           "PTESTW: sets M, which MMUSR shows (0x%08x)", st);
    st = ptest(&r, 0x40002000, 5, false);
    tap_ok(st == 0, "PTEST of an invalid descriptor: MMUSR 0 (R clear)");
    st = ptest(&r, 0x00002000, 5, false);
    tap_ok(st == 3, "PTEST in a TT window: T and R only (0x%08x)", st);
    map(&r, r.urp, 0x40003000, 0x62000 | D_S | D_W | PD_RES);
    st = ptest(&r, 0x40003000, 1, true);
    tap_ok(st == (0x62000 | D_S | D_W | D_U | 1) - D_U, "PTESTW, user data: S and W reported, no M (0x%08x)", st);
    st = ptest(&r, 0x40003000, 5, false);
    tap_ok(st == 0, "PTEST with DFC 5 searches the supervisor tables (nothing there)");
    teardown(&r);
}

/* PFLUSH variants: remap a cached page and see when the new mapping shows. */
static void test_pflush(void)
{
    static const struct { uint16_t op; const char *name; } cases[] = {
        {0xF508, "PFLUSH (A0)"}, {0xF500, "PFLUSHN (A0)"}, {0xF518, "PFLUSHA"}, {0xF510, "PFLUSHAN"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        rig r;
        if (!setup(&r, false)) {
            tap_ok(0, "setup");
            return;
        }
        uint32_t la = 0x40005000, other = 0x40100000;
        uint32_t d = map(&r, r.srp, la, 0x64000 | PD_RES);
        uint32_t d2 = map(&r, r.srp, other, 0x68000 | PD_RES);
        put32(&r, 0x64000, 1);
        put32(&r, 0x66000, 2);
        put32(&r, 0x68000, 3);
        put32(&r, 0x6A000, 4);
        uint32_t a = mem_read32(r.mem, la), b = mem_read32(r.mem, other);
        put32(&r, d, 0x66000 | PD_RES);
        put32(&r, d2, 0x6A000 | PD_RES);
        uint32_t stale = mem_read32(r.mem, la);
        uint16_t prog[] = {cases[i].op, 0x4E72, 0x2700};
        code(&r, 0x1100, prog, 3);
        set(&r, M68K_A0, la + 0x10);
        run_at(&r, 0x1100);
        uint32_t now = mem_read32(r.mem, la), now2 = mem_read32(r.mem, other);
        bool all = (cases[i].op & 0x10) != 0;
        tap_ok(a == 1 && b == 3 && stale == 1 && now == 2 && now2 == (all ? 4u : 3u),
               "%s: the TLB serves the old mapping until the flush, then the new one (%s)", cases[i].name,
               all ? "every page" : "only An's page");
        teardown(&r);
    }
}

/* Data faults: the frame, and a handler that maps the page so that the
 * instruction completes. */
static void test_data_faults(void)
{
    rig r;
    if (!setup(&r, false)) {
        tap_ok(0, "setup");
        return;
    }
    uint32_t la = 0x40008000;
    uint32_t d = map(&r, r.srp, la, 0); /* not resident yet */
    put32(&r, 0x70010, 0xFEEDFACE);
    /* MOVE.L (A0),D1; STOP */
    static const uint16_t p1[] = {0x2210, 0x4E72, 0x2700};
    code(&r, 0x1100, p1, 3);
    set(&r, M68K_A0, la + 0x10);
    set(&r, M68K_A5, d);
    set(&r, M68K_D7, 0x70000 | PD_RES);
    set(&r, M68K_D5, 0);
    run_at(&r, 0x1100);
    uint32_t f = reg(&r, M68K_D6);
    tap_ok(stopped_at(&r, 0x1106) && reg(&r, M68K_D1) == 0xFEEDFACE && reg(&r, M68K_D5) == 1,
           "data read fault: the handler maps the page, RTE restarts MOVE.L (A0),D1, which completes");
    tap_ok(peek16(&r, f + 6) == 0x7008 && peek32(&r, f + 2) == 0x1100 && peek32(&r, f + 0x14) == la + 0x10 &&
               peek16(&r, f + 0x0C) == (0x400 | 0x100 | 5),
           "its format-7 frame: PC of the instruction, FA, SSW ATC|RW|long|TM 5 (0x%04x)", peek16(&r, f + 0x0C));

    /* MOVE.W D0,(A0)+ and MOVE.L (A1)+,(A0)+ and MOVE.L (A1)+,-(A0) with the destination unmapped */
    static const struct { uint16_t op; uint32_t a0, a1, e0, e1, dst, val; int sz; const char *what; } mv[] = {
        {0x30C0, 0x40009000, 0, 0x40009002, 0, 0x72000, 0x1234, 2, "MOVE.W D0,(A0)+"},
        {0x20D9, 0x40009010, 0x3000, 0x40009014, 0x3004, 0x72010, 0xDEADBEEF, 4, "MOVE.L (A1)+,(A0)+"},
        {0x2119, 0x40009024, 0x3000, 0x40009020, 0x3004, 0x72020, 0xDEADBEEF, 4, "MOVE.L (A1)+,-(A0)"},
        {0x2121, 0x40009034, 0x3004, 0x40009030, 0x3000, 0x72030, 0xDEADBEEF, 4, "MOVE.L -(A1),-(A0)"},
        {0x3099, 0x40009040, 0x3000, 0x40009040, 0x3002, 0x72040, 0xDEAD, 2, "MOVE.W (A1)+,(A0)"},
    };
    put32(&r, 0x3000, 0xDEADBEEF);
    for (size_t i = 0; i < sizeof mv / sizeof mv[0]; i++) {
        uint32_t dd = map(&r, r.srp, 0x40009000, 0);
        uint16_t p[] = {mv[i].op, 0x4E72, 0x2700};
        code(&r, 0x1100, p, 3);
        set(&r, M68K_D0, 0x1234);
        set(&r, M68K_A0, mv[i].a0);
        set(&r, M68K_A1, mv[i].a1);
        set(&r, M68K_A5, dd);
        set(&r, M68K_D7, 0x72000 | PD_RES);
        set(&r, M68K_D5, 0);
        run_at(&r, 0x1100);
        f = reg(&r, M68K_D6);
        uint32_t got = mv[i].sz == 2 ? peek16(&r, mv[i].dst) : peek32(&r, mv[i].dst);
        tap_ok(stopped_at(&r, 0x1106) && reg(&r, M68K_D5) == 1 && reg(&r, M68K_A0) == mv[i].e0 &&
                   reg(&r, M68K_A1) == mv[i].e1 && got == mv[i].val &&
                   (peek16(&r, f + 0x0C) & 0x500) == 0x400,
               "write fault in %s: restarted once, A0=0x%08x A1=0x%x, data 0x%x, SSW ATC and RW=0", mv[i].what,
               reg(&r, M68K_A0), reg(&r, M68K_A1), got);
        /* unmap the page again for the next case */
        put32(&r, dd, 0);
        mem_flush_all(r.mem);
    }

    /* Write protection fault: the handler clears W */
    uint32_t wd = map(&r, r.srp, 0x4000C000, 0x76000 | D_W | PD_RES);
    static const uint16_t p4[] = {0x2080, 0x4E72, 0x2700}; /* MOVE.L D0,(A0) */
    code(&r, 0x1100, p4, 3);
    set(&r, M68K_A7, 0x8000);
    set(&r, M68K_D0, 0x55667788);
    set(&r, M68K_A0, 0x4000C100);
    set(&r, M68K_A5, wd);
    set(&r, M68K_D7, 0x76000 | PD_RES);
    set(&r, M68K_D5, 0);
    run_at(&r, 0x1100);
    f = reg(&r, M68K_D6);
    tap_ok(stopped_at(&r, 0x1106) && peek32(&r, 0x76100) == 0x55667788 && reg(&r, M68K_D5) == 1 &&
               peek16(&r, f + 0x0C) == (0x400 | 5) && (peek32(&r, wd) & D_M),
           "write-protect fault: SSW ATC, RW=0, long, TM 5 (0x%04x); after the handler the write lands, M set",
           peek16(&r, f + 0x0C));
    /* BSR with the stack on an unmapped page */
    uint32_t sd = map(&r, r.srp, 0x4000A000, 0);
    /* BSR.W +6 (to 0x1108); STOP; (0x1108:) STOP */
    static const uint16_t p3[] = {0x6100, 0x0006, 0x4E72, 0x2700, 0x4E72, 0x2700};
    code(&r, 0x1100, p3, 6);
    set(&r, M68K_A7, 0x4000B000); /* first push at 0x4000AFFC */
    set(&r, M68K_A5, sd);
    set(&r, M68K_D7, 0x74000 | PD_RES);
    set(&r, M68K_D5, 0);
    run_at(&r, 0x1100);
    tap_ok(m68k_state(r.cpu) == M68K_HALTED && reg(&r, M68K_D5) == 0,
           "BSR with SP on an unmapped page in supervisor mode: the frame cannot be stacked (double fault)");

    teardown(&r);
}

/* User mode: a supervisor-only page, and a push that faults (BSR). */
static void test_user_faults(void)
{
    rig r;
    if (!setup(&r, false)) {
        tap_ok(0, "setup");
        return;
    }
    uint32_t d = map(&r, r.urp, 0x40000000, 0x78000 | D_S | PD_RES);
    put32(&r, 0x78000, 0x31415926);
    /* MOVE.W #0,SR; MOVE.L (A0),D1; TRAP #0 */
    static const uint16_t p[] = {0x46FC, 0x0000, 0x2210, 0x4E40};
    code(&r, 0x1100, p, 4);
    set(&r, M68K_A0, 0x40000000);
    set(&r, M68K_USP, 0x40011000);
    set(&r, M68K_A5, d);
    set(&r, M68K_D7, 0x78000 | PD_RES);
    set(&r, M68K_D5, 0);
    run_at(&r, 0x1100);
    uint32_t f1 = reg(&r, M68K_D6);
    uint16_t ssw1 = (uint16_t)peek16(&r, f1 + 0x0C);
    uint16_t sr1 = (uint16_t)peek16(&r, f1);
    tap_ok(reg(&r, M68K_D1) == 0x31415926 && (ssw1 & 0x7FF) == (0x400 | 0x100 | 1) && (sr1 & 0x2000) == 0,
           "user read of an S page: SSW ATC|RW|long|TM 1 (0x%04x), frame SR user; completes once S is cleared", ssw1);
    teardown(&r);
}

/* BSR in user mode with the user stack on an unmapped page. */
static void test_push_fault(void)
{
    rig r;
    if (!setup(&r, false)) {
        tap_ok(0, "setup");
        return;
    }
    uint32_t sd = map(&r, r.urp, 0x40010000, 0);
    /* MOVE.W #0,SR; BSR.W +4 (to 0x110A); TRAP #0; (0x110A:) TRAP #0 */
    static const uint16_t p[] = {0x46FC, 0x0000, 0x6100, 0x0004, 0x4E40, 0x4E40};
    code(&r, 0x1100, p, 6);
    set(&r, M68K_USP, 0x40011000);
    set(&r, M68K_A5, sd);
    set(&r, M68K_D7, 0x7A000 | PD_RES);
    set(&r, M68K_D5, 0);
    run_at(&r, 0x1100);
    /* TRAP #0 at 0x110A stacks PC 0x110C */
    uint32_t ssp = reg(&r, M68K_A7);
    tap_ok(stopped_at(&r, 0x404) && reg(&r, M68K_D5) == 1 && reg(&r, M68K_USP) == 0x40010FFC &&
               peek32(&r, 0x7AFFC) == 0x1108 && peek32(&r, ssp + 2) == 0x110C,
           "BSR pushing onto an unmapped user stack page: one fault, restarted, USP 0x%08x, return address stacked",
           reg(&r, M68K_USP));
    teardown(&r);
}

/* Instruction faults: a jump into an unmapped page, and an instruction
 * whose immediate lies on the next, unmapped page. */
static void test_fetch_faults(void)
{
    rig r;
    if (!setup(&r, false)) {
        tap_ok(0, "setup");
        return;
    }
    uint32_t d = map(&r, r.srp, 0x40020000, 0);
    /* the page's code (physical 0x7C000): MOVEQ #7,D0; STOP */
    static const uint16_t page[] = {0x7007, 0x4E72, 0x2700};
    code(&r, 0x7C000, page, 3);
    static const uint16_t p[] = {0x4ED2}; /* JMP (A2) */
    code(&r, 0x1100, p, 1);
    set(&r, M68K_A2, 0x40020000);
    set(&r, M68K_A5, d);
    set(&r, M68K_D7, 0x7C000 | PD_RES);
    set(&r, M68K_D5, 0);
    set(&r, M68K_D0, 0);
    run_at(&r, 0x1100);
    uint32_t f = reg(&r, M68K_D6);
    tap_ok(stopped_at(&r, 0x40020006) && reg(&r, M68K_D0) == 7 && reg(&r, M68K_D5) == 1,
           "fetch fault on a jump target: the handler maps the page, RTE runs the code there");
    tap_ok(peek32(&r, f + 2) == 0x40020000 && peek32(&r, f + 0x14) == 0x40020000 &&
               (peek16(&r, f + 0x0C) & 0x507) == (0x400 | 0x100 | 6),
           "its frame: PC and FA the target, SSW ATC|RW|TM 6 (0x%04x)", peek16(&r, f + 0x0C));

    /* MOVE.L #$01020304,D1 at 0x40030FFC: opcode and the first word in the
     * mapped page, the second immediate word in the unmapped next page. */
    map(&r, r.srp, 0x40030000, 0x7E000 | PD_RES);
    uint32_t d2 = map(&r, r.srp, 0x40031000, 0);
    static const uint16_t a[] = {0x4E71, 0x4E71, 0x4E71, 0x4E71, 0x223C, 0x0102};
    code(&r, 0x7EFF4, a, 6);
    static const uint16_t b[] = {0x0304, 0x4E72, 0x2700};
    code(&r, 0x7D000, b, 3);
    set(&r, M68K_A2, 0x40030FF4);
    set(&r, M68K_A5, d2);
    set(&r, M68K_D7, 0x7D000 | PD_RES);
    set(&r, M68K_D5, 0);
    run_at(&r, 0x1100);
    f = reg(&r, M68K_D6);
    tap_ok(stopped_at(&r, 0x40031006) && reg(&r, M68K_D1) == 0x01020304 && reg(&r, M68K_D5) == 1 &&
               peek32(&r, f + 2) == 0x40030FFC && peek32(&r, f + 0x14) == 0x40031000,
           "an immediate on the next, unmapped page: frame PC the instruction (0x%08x), FA the page "
           "(0x%08x); restarted, it completes",
           peek32(&r, f + 2), peek32(&r, f + 0x14));
    teardown(&r);
}

/* More restarts: ALU forms with (An)+/-(An), MOVEM and MOVE16 that fault
 * half-way, and a misaligned long that runs into an unmapped page. */
static void test_more_restarts(void)
{
    rig r;
    if (!setup(&r, false)) {
        tap_ok(0, "setup");
        return;
    }
    static const struct {
        uint16_t op[3];
        uint32_t a0, a1, e0, e1, d0, e_d0;
        const char *what;
    } cs[] = {
        /* the page at 0x4000D000 is unmapped at the start of each case; it maps to 0x8A000 */
        {{0xD058, 0x4E72, 0x2700}, 0x4000D010, 0, 0x4000D012, 0, 1, 0x1235, "ADD.W (A0)+,D0"},
        {{0xB220, 0x4E72, 0x2700}, 0x4000D021, 0, 0x4000D020, 0, 0, 0, "CMP.B -(A0),D1"},
        {{0x5298, 0x4E72, 0x2700}, 0x4000D030, 0, 0x4000D034, 0, 0, 0, "ADDQ.L #1,(A0)+"},
        {{0x4458, 0x4E72, 0x2700}, 0x4000D040, 0, 0x4000D042, 0, 0, 0, "NEG.W (A0)+"},
        {{0x0C58, 0x1234, 0x4E71}, 0x4000D050, 0, 0x4000D052, 0, 0, 0, "CMPI.W #$1234,(A0)+"},
        {{0x4A60, 0x4E72, 0x2700}, 0x4000D062, 0, 0x4000D060, 0, 0, 0, "TST.W -(A0)"},
    };
    put16(&r, 0x8A010, 0x1234);
    for (size_t i = 0; i < sizeof cs / sizeof cs[0]; i++) {
        uint32_t d = map(&r, r.srp, 0x4000D000, 0);
        mem_flush_all(r.mem);
        code(&r, 0x1100, cs[i].op, 3);
        put16(&r, 0x1106, 0x4E72);
        put16(&r, 0x1108, 0x2700);
        set(&r, M68K_D0, cs[i].d0);
        set(&r, M68K_A0, cs[i].a0);
        set(&r, M68K_A5, d);
        set(&r, M68K_D7, 0x8A000 | PD_RES);
        set(&r, M68K_D5, 0);
        run_at(&r, 0x1100);
        bool ok = m68k_state(r.cpu) == M68K_STOPPED && reg(&r, M68K_D5) == 1 && reg(&r, M68K_A0) == cs[i].e0 &&
                  (cs[i].e_d0 == 0 || reg(&r, M68K_D0) == cs[i].e_d0);
        tap_ok(ok, "fault in %s: restarted once, A0=0x%08x", cs[i].what, reg(&r, M68K_A0));
    }

    /* MOVEM.L D0-D4,(A0) with A0 12 bytes before an unmapped page (D5-D7
     * belong to the handler) */
    map(&r, r.srp, 0x4000E000, 0x8C000 | PD_RES);
    uint32_t d = map(&r, r.srp, 0x4000F000, 0);
    static const uint16_t mm[] = {0x48D0, 0x001F, 0x4E72, 0x2700};
    code(&r, 0x1100, mm, 4);
    for (int k = 0; k < 5; k++)
        set(&r, (enum m68k_reg)(M68K_D0 + k), 0x11111111u * (uint32_t)(k + 1));
    set(&r, M68K_A0, 0x4000EFF4);
    set(&r, M68K_A5, d);
    set(&r, M68K_D7, 0x8E000 | PD_RES);
    set(&r, M68K_D5, 0);
    run_at(&r, 0x1100);
    bool all = true;
    for (uint32_t k = 0; k < 5; k++) {
        uint32_t a = k < 3 ? 0x8CFF4 + 4 * k : 0x8E000 + 4 * (k - 3);
        all = all && peek32(&r, a) == 0x11111111u * (k + 1);
    }
    uint32_t f = reg(&r, M68K_D6);
    tap_ok(stopped_at(&r, 0x1108) && all && reg(&r, M68K_D5) == 1 && peek32(&r, f + 0x14) == 0x4000F000,
           "MOVEM.L D0-D4,(A0) faulting half-way (FA 0x%08x): restarted, all five longs written",
           peek32(&r, f + 0x14));

    /* MOVEM.L (A0)+,D0-D3 reading across into the unmapped page */
    put32(&r, d, 0);
    mem_flush_all(r.mem);
    for (uint32_t k = 0; k < 4; k++)
        put32(&r, (k < 2 ? 0x8CFF8 : 0x8E000 - 8) + 4 * k, 0xA0000000u + k);
    static const uint16_t mr[] = {0x4CD8, 0x000F, 0x4E72, 0x2700};
    code(&r, 0x1100, mr, 4);
    set(&r, M68K_A0, 0x4000EFF8);
    set(&r, M68K_D5, 0);
    run_at(&r, 0x1100);
    tap_ok(stopped_at(&r, 0x1108) && reg(&r, M68K_D5) == 1 && reg(&r, M68K_A0) == 0x4000F008 &&
               reg(&r, M68K_D0) == 0xA0000000 && reg(&r, M68K_D3) == 0xA0000003,
           "MOVEM.L (A0)+,D0-D3 faulting half-way: restarted, registers loaded, A0 0x%08x", reg(&r, M68K_A0));

    /* MOVE16 (A0)+,(A1)+ with the destination line unmapped */
    put32(&r, d, 0);
    mem_flush_all(r.mem);
    for (uint32_t k = 0; k < 4; k++)
        put32(&r, 0x3100 + 4 * k, 0x16161616u + k);
    static const uint16_t m16[] = {0xF620, 0x9000, 0x4E72, 0x2700};
    code(&r, 0x1100, m16, 4);
    set(&r, M68K_A0, 0x3100);
    set(&r, M68K_A1, 0x4000F040);
    set(&r, M68K_D5, 0);
    run_at(&r, 0x1100);
    tap_ok(stopped_at(&r, 0x1108) && reg(&r, M68K_D5) == 1 && reg(&r, M68K_A0) == 0x3110 &&
               reg(&r, M68K_A1) == 0x4000F050 && peek32(&r, 0x8E040) == 0x16161616 &&
               peek32(&r, 0x8E04C) == 0x16161619,
           "MOVE16 (A0)+,(A1)+ with the destination unmapped: restarted, line copied, both registers +16");

    /* MOVE.L D0,(A0) at 0x4000EFFE: two bytes in the mapped page, two in the unmapped one */
    put32(&r, d, 0);
    mem_flush_all(r.mem);
    static const uint16_t ma[] = {0x2080, 0x4E72, 0x2700};
    code(&r, 0x1100, ma, 3);
    set(&r, M68K_D0, 0xA1B2C3D4);
    set(&r, M68K_A0, 0x4000EFFE);
    set(&r, M68K_D5, 0);
    run_at(&r, 0x1100);
    f = reg(&r, M68K_D6);
    tap_ok(stopped_at(&r, 0x1106) && reg(&r, M68K_D5) == 1 && peek16(&r, 0x8CFFE) == 0xA1B2 &&
               peek16(&r, 0x8E000) == 0xC3D4 && peek32(&r, f + 0x14) == 0x4000F000,
           "a misaligned long running into an unmapped page: the fault names the second page (0x%08x); "
           "restarted, it completes", peek32(&r, f + 0x14));
    teardown(&r);
}

/* Self-modifying code through a physical alias. */
static void test_alias_smc(void)
{
    rig r;
    if (!setup(&r, false)) {
        tap_ok(0, "setup");
        return;
    }
    uint32_t A = 0x40040000, B = 0x40041000, phys = 0x80000;
    map(&r, r.srp, A, phys | PD_RES);
    map(&r, r.srp, B, phys | PD_RES);
    static const uint16_t fn[] = {0x7001, 0x4E75}; /* MOVEQ #1,D0; RTS */
    code(&r, phys + 0x40, fn, 2);
    /* JSR (A2); MOVE.L D0,D4; MOVE.W #$7002,(A3); JSR (A2); STOP */
    static const uint16_t p[] = {0x4E92, 0x2800, 0x36BC, 0x7002, 0x4E92, 0x4E72, 0x2700};
    code(&r, 0x1100, p, 7);
    set(&r, M68K_A2, A + 0x40);
    set(&r, M68K_A3, B + 0x40);
    set(&r, M68K_A7, 0x8000);
    run_at(&r, 0x1100);
    tap_ok(stopped_at(&r, 0x110E) && reg(&r, M68K_D4) == 1 && reg(&r, M68K_D0) == 2,
           "a write through one logical alias invalidates code decoded through the other (D0=%u)",
           reg(&r, M68K_D0));
    /* and the other way: a WRITE entry for A's block exists when code is
     * decoded through B; the next write through A must still reach the slow path */
    mem_write16(r.mem, A + 0x40, 0x7003);
    set(&r, M68K_A2, B + 0x40);
    static const uint16_t q[] = {0x4E92, 0x4E72, 0x2700};
    code(&r, 0x1100, q, 3);
    run_at(&r, 0x1100);
    uint32_t d3 = reg(&r, M68K_D0);
    mem_write16(r.mem, A + 0x40, 0x7004);
    run_at(&r, 0x1100);
    tap_ok(d3 == 3 && reg(&r, M68K_D0) == 4,
           "a WRITE entry of one alias, filled before code is decoded through the other, is dropped (D0=%u)",
           reg(&r, M68K_D0));
    /* DMA into physical memory invalidates code of every alias */
    uint8_t w[2] = {0x70, 0x05};
    mem_dma_write(r.mem, phys + 0x40, w, 2);
    run_at(&r, 0x1100);
    tap_ok(reg(&r, M68K_D0) == 5, "a DMA write by physical address invalidates the aliases' code");
    teardown(&r);
}

/* MOVES under the MMU: the function code's privilege picks the tables and
 * the protection, and no entry of that privilege stays in the TLBs. */
static void test_moves(void)
{
    rig r;
    if (!setup(&r, false)) {
        tap_ok(0, "setup");
        return;
    }
    map(&r, r.urp, 0x40070000, 0x8F000 | PD_RES);
    put32(&r, 0x8F010, 0x600DCAFE);
    /* MOVEC D0,SFC; MOVES.L (A0),D1; STOP */
    static const uint16_t p[] = {0x4E7B, 0x0000, 0x0E90, 0x1000, 0x4E72, 0x2700};
    code(&r, 0x1100, p, 6);
    set(&r, M68K_D0, 1);
    set(&r, M68K_A0, 0x40070010);
    set(&r, M68K_D1, 0);
    run_at(&r, 0x1100);
    bool user_read = stopped_at(&r, 0x110C) && reg(&r, M68K_D1) == 0x600DCAFE;
    clear_fault(&r);
    mem_read32(r.mem, 0x40070010); /* supervisor: not mapped under SRP, nothing cached */
    bool no_leak = faults(&r);
    if (!tap_ok(user_read && no_leak, "MOVES with SFC 1 reads through the user tables; no user entry stays cached"))
        tap_diag("state %d pc 0x%08x d1 0x%08x leak-check fault %d", m68k_state(r.cpu), reg(&r, M68K_PC),
                 reg(&r, M68K_D1), no_leak);
    teardown(&r);
}

/* Random self-modifying code through two aliases and DMA. */
static void test_random_smc(void)
{
    rig r;
    if (!setup(&r, false)) {
        tap_ok(0, "setup");
        return;
    }
    uint32_t al[3] = {0x40080000, 0x40081000, 0x400C3000}, phys = 0x98000;
    for (int i = 0; i < 3; i++)
        map(&r, r.srp, al[i], phys | PD_RES);
    put16(&r, phys + 0x7E, 0x7000);
    put16(&r, phys + 0x80, 0x4E75); /* MOVEQ #k,D0 at 0x7E (the block before the RTS); RTS */
    /* MOVE.W D1,(A3); JSR (A2); STOP */
    static const uint16_t p[] = {0x3681, 0x4E92, 0x4E72, 0x2700};
    code(&r, 0x1100, p, 4);
    set(&r, M68K_A7, 0x8000);
    int bad = 0, n = 0;
    for (int step = 0; step < 600; step++) {
        uint32_t k = rnd() & 0x7F, how = rnd() % 4, x = rnd() % 3;
        if (how == 3) {
            uint8_t w[2] = {0x70, (uint8_t)k};
            mem_dma_write(r.mem, phys + 0x7E, w, 2);
            code(&r, 0x1100, p + 1, 3); /* no store: JSR; STOP */
        } else {
            code(&r, 0x1100, p, 4);
            set(&r, M68K_A3, al[how] + 0x7E);
            set(&r, M68K_D1, 0x7000 | k);
        }
        set(&r, M68K_A2, al[x] + 0x7E);
        run_at(&r, 0x1100);
        n++;
        if (m68k_state(r.cpu) != M68K_STOPPED || reg(&r, M68K_D0) != k) {
            if (bad++ < 3)
                tap_diag("step %d: wrote %u via %u, ran via %u: D0=%u", step, k, how, x, reg(&r, M68K_D0));
        }
    }
    tap_ok(bad == 0, "random: %d patches of code through three logical aliases and DMA, run through any "
           "alias: never stale", n);
    teardown(&r);
}

/* MOVEC writes flush, and the MMU off again is the identity. */
static void test_movec(void)
{
    rig r;
    if (!setup(&r, false)) {
        tap_ok(0, "setup");
        return;
    }
    map(&r, r.srp, 0x40050000, 0x84000 | PD_RES);
    put32(&r, 0x84000, 42);
    uint32_t a = mem_read32(r.mem, 0x40050000);
    uint32_t other = alloc_table(&r);
    uint32_t save = r.srp;
    r.srp = other;
    load_mmu(&r, TC_E, 0, 0); /* a new SRP */
    clear_fault(&r);
    mem_read32(r.mem, 0x40050000);
    bool gone = faults(&r);
    r.srp = save;
    load_mmu(&r, 0, 0, 0); /* E off, TT on: the identity */
    bool hook = r.mem->translate != NULL;
    put32(&r, 0x50000, 43);
    clear_fault(&r);
    uint32_t id = mem_read32(r.mem, 0x50000);
    tap_ok(a == 42 && gone && hook && id == 43 && !faults(&r),
           "MOVEC to SRP flushes the old translations; TC.E off leaves the identity");
    /* everything off: no hook at all (the fast MMU-off paths) */
    static const uint16_t p[] = {0x7000, 0x4E7B, 0x0003, 0x4E7B, 0x0004, 0x4E7B, 0x0006, 0x4E72, 0x2700};
    code(&r, 0x1100, p, 9);
    run_at(&r, 0x1100);
    tap_ok(r.mem->translate == NULL, "TC, ITT0 and DTT0 cleared: mem/ has no translation hook");
    teardown(&r);
}

/* ---- random: TLB contents never stale after table writes and PFLUSH ---- */

static uint64_t rng_state = 0x9E3779B97F4A7C15u;
static uint32_t rnd(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return (uint32_t)(rng_state >> 16);
}

enum { NLP = 12, NPP = 6 };

static void test_random(void)
{
    rig r;
    if (!setup(&r, false)) {
        tap_ok(0, "setup");
        return;
    }
    /* logical pages 0x40060000 + i*0x1000 (some in another pointer table), physical 0x90000 + j*0x1000 */
    uint32_t lp[NLP], da[NLP], ref[NLP]; /* ref: the descriptor the model sees */
    for (int i = 0; i < NLP; i++) {
        lp[i] = 0x40060000 + (uint32_t)(i % 6) * 0x1000 + (uint32_t)(i / 6) * 0x00400000;
        ref[i] = 0;
        da[i] = map(&r, r.srp, lp[i], 0);
    }
    for (uint32_t a = 0x90000; a < 0x90000 + NPP * 0x1000; a += 4)
        put32(&r, a, a * 2654435761u);
    /* PFLUSH (A0); STOP at 0x1100 */
    static const uint16_t pf[] = {0xF508, 0x4E72, 0x2700};
    code(&r, 0x1100, pf, 3);
    int bad = 0, accesses = 0, faults_seen = 0, flushes = 0;
    for (int step = 0; step < 20000 && bad < 5; step++) {
        uint32_t op = rnd() % 16;
        int i = (int)(rnd() % NLP);
        if (op == 0) {
            /* a table write, then the flush the manual asks for */
            uint32_t k = rnd() % 4;
            uint32_t desc = k == 0 ? 0 : (0x90000 + (rnd() % NPP) * 0x1000) | PD_RES | (k == 3 ? D_W : 0);
            put32(&r, da[i], desc);
            ref[i] = desc;
            if (rnd() % 8 == 0) {
                mem_flush_all(r.mem); /* as PFLUSHA would */
            } else {
                set(&r, M68K_A0, lp[i] + (rnd() & 0xFFF));
                run_at(&r, 0x1100);
            }
            flushes++;
            continue;
        }
        uint32_t off = rnd() & 0xFFF, sz = 1u << (rnd() % 3);
        off &= ~(sz - 1);
        uint32_t la = lp[i] + off;
        bool write = op >= 10;
        bool valid = (ref[i] & 3) != 0, wp = (ref[i] & D_W) != 0;
        bool expect_fault = !valid || (write && wp);
        uint32_t pa = (ref[i] & ~0xFFFu) + off;
        clear_fault(&r);
        accesses++;
        if (write) {
            uint32_t v = rnd();
            uint32_t before = expect_fault ? 0 : mem_peek(r.mem, pa, sz);
            (void)before;
            if (sz == 1)
                mem_write8(r.mem, la, v);
            else if (sz == 2)
                mem_write16(r.mem, la, v);
            else
                mem_write32(r.mem, la, v);
            uint32_t mask = sz == 4 ? 0xFFFFFFFFu : (1u << (8 * sz)) - 1;
            bool ok = expect_fault ? faults(&r) : (!faults(&r) && mem_peek(r.mem, pa, sz) == (v & mask));
            if (!ok) {
                tap_diag("step %d: write%u at 0x%08x (desc 0x%08x): fault=%d", step, sz, la, ref[i], faults(&r));
                bad++;
            }
        } else {
            uint32_t v = sz == 1 ? mem_read8(r.mem, la) : sz == 2 ? mem_read16(r.mem, la) : mem_read32(r.mem, la);
            bool ok = expect_fault ? faults(&r) : (!faults(&r) && v == mem_peek(r.mem, pa, sz));
            if (!ok) {
                tap_diag("step %d: read%u at 0x%08x (desc 0x%08x): got 0x%x want 0x%x fault=%d", step, sz, la,
                         ref[i], v, expect_fault ? 0 : mem_peek(r.mem, pa, sz), faults(&r));
                bad++;
            }
        }
        faults_seen += expect_fault;
        /* the model's M and U: the search keeps the descriptor's address bits */
        ref[i] = (ref[i] & ~(uint32_t)(D_U | D_M)) | (peek32(&r, da[i]) & (D_U | D_M));
    }
    tap_ok(bad == 0, "random: %d accesses (%d faults expected) and %d table changes with their PFLUSH: "
           "TLBs never stale, aliases coherent", accesses, faults_seen, flushes);
    teardown(&r);
}

int main(void)
{
    test_walk(false);
    test_walk(true);
    test_tt();
    test_ptest();
    test_pflush();
    test_data_faults();
    test_user_faults();
    test_push_fault();
    test_fetch_faults();
    test_more_restarts();
    test_alias_smc();
    test_movec();
    test_moves();
    test_random();
    test_random_smc();
    return tap_done();
}
