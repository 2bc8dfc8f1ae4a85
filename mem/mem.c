/* The guest address space: regions, TLB refill and flush rules, the slow path.
 *
 * Flush rules, all here next to the code that fills entries:
 *  - Filling CODE for a block flushes the WRITE entries covering that block
 *    and the next one (an instruction may run on into the next block).
 *  - Filling WRITE for a 128-byte block flushes the CODE entries of the code
 *    blocks it covers plus one guard block each side.
 * Entries are tagged with addresses as the CPU issues them (see fill_data),
 * so flushes match a block under any alias of a 24-bit bus.
 * So no byte of cached code is ever reachable through the WRITE fast path, and
 * every store into code comes here, where the CODE entries are dropped (their
 * dispatch slots are reset to the decode stub on the next refill).
 */
#include "mem/mem.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "machines/i18n.h"

#if defined(__unix__) || defined(__APPLE__)
#include <sys/mman.h>
#include <unistd.h>
#endif

static void set_error(mem_space *s, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(s->error, sizeof s->error, fmt, ap);
    va_end(ap);
}

const char *mem_error(const mem_space *s)
{
    return s->error;
}

/* A CODE entry changed: the CPU forgets its current block (see code_watch). */
static void code_changed(mem_space *s)
{
    if (s->code_watch)
        s->code_watch(s->code_watch_ctx);
}

/* The privilege bit a fill under translation tags its entry with. */
static uint64_t mode_tag(const mem_space *s)
{
    if (!s->translate)
        return 0;
    return s->supervisor ? MEM_TAG_SUPER : MEM_TAG_USER;
}

/* The compare masks: the block bits (and on a 68000 the alignment bit);
 * under translation without the current mode's tag bit (MEM_TAG_SUPER). */
static void set_cmp(mem_space *s)
{
    uint64_t mode = !s->translate ? 0 : s->supervisor ? MEM_TAG_SUPER : MEM_TAG_USER;
    s->cmp_byte = ~(uint64_t)(MEM_DATA_BLOCK - 1) & ~mode;
    s->cmp_word = s->cmp_byte | s->align_mask;
    s->cmp_code = (~(uint64_t)(MEM_CODE_BLOCK - 1) | 1) & ~mode;
}

static void invalidate_tlb(mem_space *s, int tlb)
{
    if (tlb == MEM_TLB_CODE)
        code_changed(s);
    for (unsigned i = 0; i < MEM_TLB_ENTRIES; i++)
        s->tlb[tlb][i].tag = MEM_TAG_INVALID;
    memset(s->phys_map[tlb], 0, sizeof s->phys_map[tlb]);
}

void mem_flush_all(mem_space *s)
{
    for (int t = 0; t < MEM_TLB_COUNT; t++) {
        invalidate_tlb(s, t);
        s->stats.tlb[t].flushes++;
    }
    s->super_entries = false;
    memset(s->xcache, 0, sizeof s->xcache);
}

mem_space *mem_space_new(uint32_t addr_mask, unsigned align_mask)
{
    mem_space *s = calloc(1, sizeof *s);
    if (!s)
        return NULL;
    s->slots = calloc((size_t)MEM_CODE_TLB_ENTRIES * MEM_SLOT_ROW, sizeof *s->slots);
    if (!s->slots) {
        free(s);
        return NULL;
    }
    s->addr_mask = addr_mask;
    s->align_mask = align_mask & 1;
    s->supervisor = true;
    set_cmp(s);
    s->last_region = -1;
    for (int t = 0; t < MEM_TLB_COUNT; t++)
        invalidate_tlb(s, t);
    return s;
}

/* Zeroed host storage of `block` bytes aligned to `block` (the XOR rule
 * needs that).  Where the host has mmap, the OS hands out zero pages on
 * first touch, so RAM the guest never uses costs neither time nor memory
 * (clearing a Quadra's 64 MB up front took longer than booting it); the
 * fallback clears it. */
static uint8_t *alloc_host(uint32_t block, bool *mapped)
{
#if defined(MAP_ANONYMOUS)
    size_t len = (size_t)block * 2;
    uint8_t *p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p != MAP_FAILED) {
        uintptr_t start = ((uintptr_t)p + block - 1) & ~(uintptr_t)(block - 1);
        uint8_t *host = (uint8_t *)start;
        size_t head = (size_t)(host - p), tail = len - head - block;
        if (head)
            munmap(p, head);
        if (tail)
            munmap(host + block, tail);
        *mapped = true;
        return host;
    }
#endif
    void *host = NULL;
    if (posix_memalign(&host, block, block) != 0)
        return NULL;
    memset(host, 0, block);
    *mapped = false;
    return host;
}

static void release_host(mem_backing *b)
{
#if defined(MAP_ANONYMOUS)
    if (b->mapped) {
        munmap(b->host, b->block);
        return;
    }
#endif
    free(b->host);
}

void mem_space_free(mem_space *s)
{
    if (!s)
        return;
    for (int i = 0; i < s->nbackings; i++)
        release_host(&s->backings[i]);
    free(s->slots);
    free(s);
}

mem_backing *mem_backing_new(mem_space *s, const char *name, uint32_t size)
{
    if (s->nbackings >= MEM_MAX_BACKINGS) {
        set_error(s, _("too many memory blocks (at most %d)"), MEM_MAX_BACKINGS);
        return NULL;
    }
    if (size == 0 || size > 0x80000000u) {
        set_error(s, _("memory block '%s': invalid size %" PRIu32), name, size);
        return NULL;
    }
    uint32_t block = MEM_DATA_BLOCK;
    while (block < size)
        block <<= 1;
    bool mapped = false;
    uint8_t *host = alloc_host(block, &mapped);
    if (!host) {
        set_error(s, _("memory block '%s': out of memory (%" PRIu32 " bytes)"), name, block);
        return NULL;
    }
    mem_backing *b = &s->backings[s->nbackings++];
    snprintf(b->name, sizeof b->name, "%s", name);
    b->host = host;
    b->mapped = mapped;
    b->size = size;
    b->block = block;
    return b;
}

void mem_backing_fill(mem_backing *b, uint32_t off, const void *data, uint32_t len)
{
    const uint8_t *p = data;
    for (uint32_t i = 0; i < len && off + i < b->block; i++)
        mem_backing_write8(b, off + i, p[i]);
}

/* --- Region table ------------------------------------------------------- */

static bool overlay(const mem_region *r)
{
    return (r->flags & MEM_F_OVERLAY) != 0;
}

static void count_overlays(mem_space *s)
{
    s->overlays_on = 0;
    for (int i = 0; i < s->nregions; i++)
        if (s->regions[i].enabled && overlay(&s->regions[i]))
            s->overlays_on++;
    s->last_region = -1;
}

static int add_region(mem_space *s, mem_region *n)
{
    if (s->nregions >= MEM_MAX_REGIONS) {
        set_error(s, _("region '%s': too many regions (at most %d)"), n->name, MEM_MAX_REGIONS);
        return -1;
    }
    if (n->size == 0 || n->base > s->addr_mask || n->size - 1 > s->addr_mask - n->base) {
        set_error(s, _("region '%s' (0x%08" PRIx32 ", %" PRIu32 " bytes) lies outside the address space"),
                  n->name, n->base, n->size);
        return -1;
    }
    n->end = n->base + n->size - 1;
    for (int i = 0; i < s->nregions; i++) {
        const mem_region *o = &s->regions[i];
        if (overlay(o) != overlay(n))
            continue;
        if (n->base <= o->end && o->base <= n->end) {
            set_error(s,
                      _("region '%s' (0x%08" PRIx32 "-0x%08" PRIx32 ") overlaps region '%s' "
                        "(0x%08" PRIx32 "-0x%08" PRIx32 ")"),
                      n->name, n->base, n->end, o->name, o->base, o->end);
            return -1;
        }
    }
    n->enabled = !(n->flags & MEM_F_DISABLED);
    s->regions[s->nregions] = *n;
    int id = s->nregions++;
    count_overlays(s);
    mem_flush_all(s);
    return id;
}

static int map_backed(mem_space *s, int kind, const char *name, uint32_t base, uint32_t size,
                      mem_backing *b, uint32_t offset, unsigned flags)
{
    mem_region n = {0};
    snprintf(n.name, sizeof n.name, "%s", name);
    n.kind = kind;
    n.base = base;
    n.size = size;
    n.flags = flags;
    if (!b) {
        set_error(s, _("region '%s' has no memory block"), name);
        return -1;
    }
    if (offset > b->size || size > b->size - offset) {
        set_error(s, _("region '%s': %" PRIu32 " bytes at offset %" PRIu32
                       " do not fit its %" PRIu32 "-byte memory block"),
                  name, size, offset, b->size);
        return -1;
    }
    /* host(g) = K ^ g needs guest (base - offset) aligned to the host block. */
    uint32_t guest_block_base = base - offset;
    if (guest_block_base & (b->block - 1)) {
        set_error(s, _("region '%s' at 0x%08" PRIx32 " is misaligned: offset %" PRIu32
                       " of its block must map to a multiple of %" PRIu32),
                  name, base, offset, b->block);
        return -1;
    }
    n.backing = b;
    n.offset = offset;
    n.k = mem_xor_key((uintptr_t)b->host, guest_block_base, b->block);
    return add_region(s, &n);
}

int mem_map_ram(mem_space *s, const char *name, uint32_t base, uint32_t size, mem_backing *b,
                uint32_t offset, unsigned flags)
{
    return map_backed(s, MEM_RAM, name, base, size, b, offset, flags);
}

int mem_map_rom(mem_space *s, const char *name, uint32_t base, uint32_t size, mem_backing *b,
                uint32_t offset, unsigned flags)
{
    return map_backed(s, MEM_ROM, name, base, size, b, offset, flags);
}

int mem_map_device(mem_space *s, const char *name, uint32_t base, uint32_t size,
                   const mem_device_ops *ops, void *dev, unsigned max_access, unsigned flags)
{
    mem_region n = {0};
    snprintf(n.name, sizeof n.name, "%s", name);
    n.kind = MEM_DEVICE;
    n.base = base;
    n.size = size;
    n.flags = flags;
    n.ops = ops;
    n.dev = dev;
    if (!ops || !ops->read || !ops->write) {
        set_error(s, _("device region '%s' has no read/write handlers"), name);
        return -1;
    }
    if (max_access != 1 && max_access != 2 && max_access != 4) {
        set_error(s, _("device region '%s': access width must be 1, 2 or 4 bytes"), name);
        return -1;
    }
    n.max_access = max_access;
    return add_region(s, &n);
}

void mem_region_enable(mem_space *s, int id, bool enabled)
{
    if (id < 0 || id >= s->nregions || s->regions[id].enabled == enabled)
        return;
    s->regions[id].enabled = enabled;
    count_overlays(s);
    mem_flush_all(s);
}

void mem_set_fault_handler(mem_space *s, mem_fault_fn fn, void *ctx)
{
    s->fault_fn = fn;
    s->fault_ctx = ctx;
}

void mem_set_decode_stub(mem_space *s, mem_dispatch_fn stub)
{
    s->decode_stub = stub;
    invalidate_tlb(s, MEM_TLB_CODE);
}

void mem_set_block_exit(mem_space *s, mem_dispatch_fn fn)
{
    for (unsigned r = 0; r < MEM_CODE_TLB_ENTRIES; r++)
        for (unsigned i = MEM_SLOTS_PER_BLOCK; i < MEM_SLOT_ROW; i++)
            mem_slot_row(s, r)[i].fn = fn;
}

void mem_set_code_watch(mem_space *s, void (*fn)(void *ctx), void *ctx)
{
    s->code_watch = fn;
    s->code_watch_ctx = ctx;
}

/* The enabled region holding `a`: an enabled overlay wins over a base region. */
static mem_region *find_region(mem_space *s, uint32_t a)
{
    int lr = s->last_region;
    if (lr >= 0) {
        mem_region *r = &s->regions[lr];
        if (a >= r->base && a <= r->end && (overlay(r) || s->overlays_on == 0))
            return r;
    }
    int hit = -1;
    for (int i = 0; i < s->nregions; i++) {
        mem_region *r = &s->regions[i];
        if (!r->enabled || a < r->base || a > r->end)
            continue;
        hit = i;
        if (overlay(r))
            break;
    }
    if (hit < 0)
        return NULL;
    s->last_region = hit;
    return &s->regions[hit];
}

/* May the whole block [b, b+len) be cached with region r's K? */
static bool block_cacheable(const mem_space *s, const mem_region *r, uint32_t b, uint32_t len)
{
    uint32_t last = b + len - 1;
    if (b < r->base || last > r->end)
        return false;
    if (overlay(r))
        return true;
    for (int i = 0; i < s->nregions; i++) {
        const mem_region *o = &s->regions[i];
        if (o->enabled && overlay(o) && o->base <= last && b <= o->end)
            return false;
    }
    return true;
}

/* --- Faults ----------------------------------------------------------------- */

static uint32_t fault_x(mem_space *s, int kind, uint32_t a, unsigned size, bool write, bool fetch,
                        bool atc)
{
    if (s->as_active) {
        /* A fault in mem_read_as/mem_write_as: their privilege ends here
         * (the CPU's handler does not return). */
        s->as_active = false;
        s->supervisor = s->as_saved_super;
    }
    s->last_fault.atc = atc;
    s->last_fault.kind = kind;
    s->last_fault.addr = a & s->addr_mask;
    s->last_fault.size = size;
    s->last_fault.write = write;
    s->last_fault.fetch = fetch;
    if (s->fault_fn)
        s->fault_fn(s->fault_ctx, &s->last_fault);
    return size == 4 ? 0xFFFFFFFFu : size == 2 ? 0xFFFFu : 0xFFu;
}

static uint32_t fault(mem_space *s, int kind, uint32_t a, unsigned size, bool write, bool fetch)
{
    return fault_x(s, kind, a, size, write, fetch, false);
}

/* --- Refill and flush ---------------------------------------------------------- */

/* Whether an entry holds bus block `block` under any alias (tags keep the
 * address bits above a 24-bit bus; see fill_data). */
static bool holds_block(const mem_space *s, const mem_tlb_entry *e, uint32_t block)
{
    return ((e->tag ^ block) & ((uint64_t)s->addr_mask | MEM_TAG_INVALID)) == 0;
}

static void drop_entry(mem_space *s, int tlb, uint32_t block_addr, unsigned shift)
{
    mem_tlb_entry *e = &s->tlb[tlb][(block_addr >> shift) & MEM_TLB_MASK_OF(tlb)];
    if (holds_block(s, e, block_addr)) {
        e->tag = MEM_TAG_INVALID;
        s->stats.tlb[tlb].flushes++;
        if (tlb == MEM_TLB_CODE)
            code_changed(s);
    }
}

static void note_super(mem_space *s, const mem_region *r)
{
    if (r->flags & MEM_F_SUPERVISOR)
        s->super_entries = true;
}

/* --- Physical tags (translation on) ---------------------------------------------- */

static unsigned phys_bit(uint32_t pblock)
{
    return (pblock >> 12) & 1023;
}

static void phys_note(mem_space *s, int tlb, uint32_t pblock)
{
    unsigned b = phys_bit(pblock);
    s->phys_map[tlb][b >> 6] |= UINT64_C(1) << (b & 63);
}

static bool phys_maybe(const mem_space *s, int tlb, uint32_t pblock)
{
    unsigned b = phys_bit(pblock);
    return (s->phys_map[tlb][b >> 6] >> (b & 63)) & 1;
}

/* Drop every entry of `tlb` that maps a physical block in [lo, hi] (block
 * addresses, inclusive, hi - lo < 4 KB), under whatever logical address it
 * was filled.  Returns how many were dropped. */
static unsigned drop_phys(mem_space *s, int tlb, uint32_t lo, uint32_t hi)
{
    if (!phys_maybe(s, tlb, lo) && !phys_maybe(s, tlb, hi))
        return 0;
    unsigned n = 0, entries = (unsigned)MEM_TLB_MASK_OF(tlb) + 1;
    for (unsigned i = 0; i < entries; i++) {
        mem_tlb_entry *e = &s->tlb[tlb][i];
        uint32_t p = s->ptag[tlb][i];
        if (!(e->tag & MEM_TAG_INVALID) && p - lo <= hi - lo) {
            e->tag = MEM_TAG_INVALID;
            n++;
        }
    }
    if (n && tlb == MEM_TLB_CODE)
        code_changed(s);
    return n;
}

/* Entries are tagged with the address as the CPU issued it, bits above the
 * bus included, and their K folds those bits in: K ^ address is then the
 * host byte for any alias, so the fast paths need not mask addresses.
 * `ltag` is that block address (logical under an MMU), `pblock` the bus
 * (physical) block it reaches; without translation they differ only in
 * the bits above a 24-bit bus. */
static void fill_data(mem_space *s, int tlb, uint32_t ltag, uint32_t pblock, const mem_region *r)
{
    if (tlb == MEM_TLB_WRITE) {
        /* Guard blocks: the code block before may hold an instruction that runs on into this block. */
        for (int i = -1; i <= (int)(MEM_DATA_BLOCK / MEM_CODE_BLOCK); i++)
            drop_entry(s, MEM_TLB_CODE, (ltag + (uint32_t)i * MEM_CODE_BLOCK) & s->addr_mask,
                       MEM_CODE_SHIFT);
        /* Under an MMU, the same by physical block: code decoded through
         * another logical alias of this block goes too. */
        if (s->translate)
            s->stats.tlb[MEM_TLB_CODE].flushes +=
                drop_phys(s, MEM_TLB_CODE, pblock - MEM_CODE_BLOCK, pblock + MEM_DATA_BLOCK);
    }
    uint32_t idx = (ltag >> MEM_DATA_SHIFT) & MEM_TLB_MASK;
    mem_tlb_entry *e = &s->tlb[tlb][idx];
    e->tag = ltag | mode_tag(s);
    e->k = r->k ^ ltag ^ pblock;
    s->ptag[tlb][idx] = pblock;
    if (s->translate)
        phys_note(s, tlb, pblock);
    s->stats.tlb[tlb].refills++;
    note_super(s, r);
}

static mem_slot *fill_code(mem_space *s, uint32_t ltag, uint32_t pblock, const mem_region *r)
{
    _Static_assert(MEM_CODE_BLOCK <= MEM_DATA_BLOCK, "a code block and the next span two data blocks at most");
    for (uint32_t i = 0; i < 2; i++) {
        uint32_t cb = (ltag + i * MEM_CODE_BLOCK) & s->addr_mask;
        drop_entry(s, MEM_TLB_WRITE, cb & ~(MEM_DATA_BLOCK - 1), MEM_DATA_SHIFT);
    }
    if (s->translate)
        s->stats.tlb[MEM_TLB_WRITE].flushes +=
            drop_phys(s, MEM_TLB_WRITE, pblock & ~(MEM_DATA_BLOCK - 1),
                      (pblock + MEM_CODE_BLOCK) & ~(MEM_DATA_BLOCK - 1));
    uint32_t idx = (ltag >> MEM_CODE_SHIFT) & MEM_CODE_TLB_MASK;
    mem_tlb_entry *e = &s->tlb[MEM_TLB_CODE][idx];
    code_changed(s);
    e->tag = ltag | mode_tag(s);
    e->k = r->k ^ ltag ^ pblock;
    s->ptag[MEM_TLB_CODE][idx] = pblock;
    if (s->translate)
        phys_note(s, MEM_TLB_CODE, pblock);
    mem_slot *row = mem_slot_row(s, idx);
    for (unsigned i = 0; i < MEM_SLOTS_PER_BLOCK; i++)
        row[i].fn = s->decode_stub;
    s->stats.tlb[MEM_TLB_CODE].refills++;
    note_super(s, r);
    return row;
}

void mem_invalidate_code(mem_space *s, uint32_t addr, uint32_t len)
{
    if (len == 0)
        return;
    if (s->translate) {
        /* By physical block: every logical alias of the range. */
        uint64_t lo = addr & s->addr_mask, hi = lo + len - 1;
        lo = lo >= MEM_CODE_BLOCK ? lo - MEM_CODE_BLOCK : 0;
        for (uint64_t b = lo & ~(uint64_t)(MEM_CODE_BLOCK - 1); b <= hi; b += 4096) {
            uint64_t e = b + 4095 < hi ? b + 4095 : hi;
            s->stats.slot_invalidations +=
                drop_phys(s, MEM_TLB_CODE, (uint32_t)b, (uint32_t)e & ~(MEM_CODE_BLOCK - 1));
        }
        return;
    }
    uint64_t first = ((uint64_t)(addr & s->addr_mask) >> MEM_CODE_SHIFT);
    uint64_t last = ((uint64_t)(addr & s->addr_mask) + len - 1) >> MEM_CODE_SHIFT;
    if (first > 0)
        first--; /* an instruction starting in the block before may run into the range */
    if (last - first >= MEM_CODE_TLB_ENTRIES) {
        for (unsigned i = 0; i < MEM_CODE_TLB_ENTRIES; i++) {
            mem_tlb_entry *e = &s->tlb[MEM_TLB_CODE][i];
            uint64_t b = (e->tag & s->addr_mask) >> MEM_CODE_SHIFT;
            if (!(e->tag & MEM_TAG_INVALID) && b >= first && b <= last) {
                e->tag = MEM_TAG_INVALID;
                s->stats.slot_invalidations++;
                code_changed(s);
            }
        }
        return;
    }
    for (uint64_t b = first; b <= last; b++) {
        uint32_t ba = (uint32_t)(b << MEM_CODE_SHIFT) & s->addr_mask;
        mem_tlb_entry *e = &s->tlb[MEM_TLB_CODE][(ba >> MEM_CODE_SHIFT) & MEM_CODE_TLB_MASK];
        if (holds_block(s, e, ba)) {
            e->tag = MEM_TAG_INVALID;
            s->stats.slot_invalidations++;
            code_changed(s);
        }
    }
}

/* The translation cache's slot for page a and access kind acc. */
static unsigned xcache_index(uint32_t a, unsigned acc)
{
    return ((a >> 12) ^ (acc << 7)) & 1023;
}

void mem_flush_range(mem_space *s, uint32_t addr, uint32_t len)
{
    if (len == 0)
        return;
    uint64_t end = (uint64_t)addr + len;
    for (uint64_t a = addr & ~(uint64_t)(MEM_DATA_BLOCK - 1); a < end; a += MEM_DATA_BLOCK) {
        drop_entry(s, MEM_TLB_READ, (uint32_t)a, MEM_DATA_SHIFT);
        drop_entry(s, MEM_TLB_WRITE, (uint32_t)a, MEM_DATA_SHIFT);
    }
    for (uint64_t a = addr & ~(uint64_t)(MEM_CODE_BLOCK - 1); a < end; a += MEM_CODE_BLOCK)
        drop_entry(s, MEM_TLB_CODE, (uint32_t)a, MEM_CODE_SHIFT);
    if (len > (1u << 20)) {
        memset(s->xcache, 0, sizeof s->xcache);
        return;
    }
    for (uint64_t a = addr & ~(uint64_t)0xFFF; a < end; a += 0x1000)
        for (unsigned acc = 0; acc < 8; acc++) {
            unsigned i = xcache_index((uint32_t)a, acc);
            if ((s->xcache[i].tag & ~0xFFFu) == (uint32_t)a)
                s->xcache[i].tag = 0;
        }
}

void mem_set_translate(mem_space *s, mem_translate_fn fn, void *ctx)
{
    if (s->translate == fn && s->translate_ctx == ctx)
        return;
    s->translate = fn;
    s->translate_ctx = ctx;
    set_cmp(s);
    mem_flush_all(s);
}

/* Under translation, user and supervisor entries are told apart by a tag
 * bit (MEM_TAG_SUPER/USER) that the compare masks of the other mode look
 * at, so a change of privilege only swaps the masks: no flush, and no cost
 * on the fast paths, which load the masks on every access anyway.  (The
 * first version flushed every TLB on each change instead; measured with
 * callgrind on a loop of system calls among a little work, 68040 with the
 * identity-mapped MMU: 271.7 host instructions per guest instruction when
 * flushing, 48.8 with the tags, 48.2 with the MMU off.)  The CPU forgets its current code block, which it runs from
 * without lookups.  MOVES does not switch (mem_read_as).  Instruction and
 * data translations cannot mix: they live in different TLBs (CODE vs
 * READ/WRITE). */
void mem_set_supervisor(mem_space *s, bool supervisor)
{
    if (MEM_UNLIKELY(s->translate != NULL)) {
        if (s->supervisor != supervisor) {
            s->supervisor = supervisor;
            set_cmp(s);
            code_changed(s);
        }
        return;
    }
    bool leaving = s->supervisor && !supervisor;
    s->supervisor = supervisor;
    if (!leaving || !s->super_entries)
        return;
    /* Drop every cached block of a supervisor-only region. */
    for (int i = 0; i < s->nregions; i++) {
        const mem_region *r = &s->regions[i];
        if (!(r->flags & MEM_F_SUPERVISOR))
            continue;
        for (uint64_t a = r->base & ~(uint64_t)(MEM_CODE_BLOCK - 1); a <= r->end; a += MEM_CODE_BLOCK)
            drop_entry(s, MEM_TLB_CODE, (uint32_t)a, MEM_CODE_SHIFT);
        for (uint64_t a = r->base & ~(uint64_t)(MEM_DATA_BLOCK - 1); a <= r->end; a += MEM_DATA_BLOCK) {
            drop_entry(s, MEM_TLB_READ, (uint32_t)a, MEM_DATA_SHIFT);
            drop_entry(s, MEM_TLB_WRITE, (uint32_t)a, MEM_DATA_SHIFT);
        }
    }
    s->super_entries = false;
}

/* --- The slow path ---------------------------------------------------------------- */

static uint32_t device_read(mem_space *s, mem_region *r, uint32_t a, unsigned size, bool *ok)
{
    uint32_t v = 0;
    unsigned step = size < r->max_access ? size : r->max_access;
    for (unsigned done = 0; done < size; done += step) {
        uint32_t part = 0;
        s->stats.device_reads++;
        if (r->ops->read(r->dev, a + done - r->base, step, &part) != 0) {
            *ok = false;
            return 0;
        }
        v = (step == 4) ? part : (v << (8 * step)) | (part & ((1u << (8 * step)) - 1));
    }
    *ok = true;
    return v;
}

static bool device_write(mem_space *s, mem_region *r, uint32_t a, unsigned size, uint32_t v)
{
    unsigned step = size < r->max_access ? size : r->max_access;
    for (unsigned done = 0; done < size; done += step) {
        unsigned shift = 8 * (size - done - step);
        uint32_t part = step == 4 ? v : (v >> shift) & ((1u << (8 * step)) - 1);
        s->stats.device_writes++;
        if (r->ops->write(r->dev, a + done - r->base, step, part) != 0)
            return false;
    }
    return true;
}

static bool single_block(uint32_t a, unsigned size, unsigned shift)
{
    return (a >> shift) == ((a + size - 1) >> shift);
}

/* An access that spans blocks or regions: one byte at a time, big-endian. */
static uint32_t read_split(mem_space *s, uint32_t a, unsigned size, int tlb)
{
    uint32_t v = 0;
    for (unsigned i = 0; i < size; i++)
        v = (v << 8) | mem_read_slow(s, (a + i) & s->addr_mask, 1, tlb);
    return v;
}

/* --- The slow path under translation ------------------------------------------------
 * The logical address goes to the hook, the physical one to the region
 * table; entries are tagged with the logical block.  A TLB block never
 * spans two pages, so only an access that spans blocks is split (a byte at
 * a time: a fault then names the first byte it could not reach, in the
 * second page for one that runs into an unmapped page). */

static bool xlate(mem_space *s, uint32_t a, unsigned acc, uint32_t *p)
{
    if (s->supervisor)
        acc |= MEM_ACC_SUPER;
    if (acc & MEM_ACC_PROBE) {
        if (s->translate(s->translate_ctx, a, acc, p) != 0)
            return false;
        *p &= s->addr_mask;
        return true;
    }
    unsigned i = xcache_index(a, acc);
    uint32_t tag = (a & ~0xFFFu) | acc | 8;
    if (s->xcache[i].tag == tag) {
        *p = (s->xcache[i].pa | (a & 0xFFF)) & s->addr_mask;
        return true;
    }
    if (s->translate(s->translate_ctx, a, acc, p) != 0)
        return false;
    s->xcache[i].tag = tag;
    s->xcache[i].pa = *p & ~0xFFFu;
    *p &= s->addr_mask;
    return true;
}

static bool may_fill(const mem_space *s)
{
    return !s->as_active;
}

/* May code block `lblock` be cached?  Not the last block of a (4 KB) page
 * while the next page does not translate: an instruction there may run
 * on into that page, and its fetch fault must name the instruction's
 * start, which the CPU stores only on a dispatch through the run loop,
 * which is what an uncached block gets (the block is cached again once
 * the page is mapped; PFLUSH of a page must also drop the block before
 * it).  A probe, without U/M updates. */
static bool code_cacheable_xlate(mem_space *s, uint32_t lblock)
{
    uint32_t next = lblock + MEM_CODE_BLOCK, p;
    if (next & 0xFFF)
        return true;
    return xlate(s, next, MEM_ACC_FETCH | MEM_ACC_PROBE, &p);
}

/* The access itself, once `r` holds the whole access at physical address p
 * (logical fa, which a bus error names): a device, ROM or RAM; RAM and ROM
 * blocks are entered in the TLB under `tag` when `fill` and the block
 * allows it.  Shared by the paths with and without translation. */
static uint32_t region_read(mem_space *s, mem_region *r, uint32_t p, uint32_t fa, uint32_t tag,
                            bool fill, unsigned size, int tlb)
{
    if (r->kind == MEM_DEVICE) {
        bool ok;
        uint32_t v = device_read(s, r, p, size, &ok);
        return ok ? v : fault(s, MEM_FAULT_BUS, fa, size, false, false);
    }
    uint32_t block = p & ~(MEM_DATA_BLOCK - 1);
    if (fill && (tlb == MEM_TLB_READ || r->kind == MEM_RAM) &&
        block_cacheable(s, r, block, MEM_DATA_BLOCK))
        fill_data(s, tlb, tag, block, r);
    switch (size) {
    case 1: return mem_xor_load8(r->k, p);
    case 2: return mem_xor_load16(r->k, p);
    default: return mem_xor_load32(r->k, p);
    }
}

static void region_write(mem_space *s, mem_region *r, uint32_t p, uint32_t fa, uint32_t tag,
                         bool fill, unsigned size, uint32_t v)
{
    switch (r->kind) {
    case MEM_DEVICE:
        if (!device_write(s, r, p, size, v))
            fault(s, MEM_FAULT_BUS, fa, size, true, false);
        return;
    case MEM_ROM:
        if (r->flags & MEM_F_ROM_WRITE_FAULT)
            fault(s, MEM_FAULT_BUS, fa, size, true, false);
        return;
    default:
        break;
    }
    uint32_t block = p & ~(MEM_DATA_BLOCK - 1);
    if (fill && block_cacheable(s, r, block, MEM_DATA_BLOCK))
        fill_data(s, MEM_TLB_WRITE, tag, block, r); /* also drops cached code there */
    else
        mem_invalidate_code(s, p, size); /* by physical address */
    switch (size) {
    case 1: mem_xor_store8(r->k, p, v); break;
    case 2: mem_xor_store16(r->k, p, v); break;
    default: mem_xor_store32(r->k, p, v); break;
    }
}

static uint32_t read_xlate(mem_space *s, uint32_t a, unsigned size, int tlb)
{
    bool w = tlb == MEM_TLB_WRITE; /* a read-modify-write: needs write access */
    s->stats.tlb[tlb].misses++;
    if (size > 1 && (a & s->align_mask))
        return fault(s, MEM_FAULT_ADDRESS, a, size, false, false);
    if (size > 1 && !single_block(a, size, MEM_DATA_SHIFT)) {
        uint32_t v = 0;
        for (unsigned i = 0; i < size; i++)
            v = (v << 8) | read_xlate(s, a + i, 1, tlb);
        return v;
    }
    uint32_t p;
    if (!xlate(s, a, w ? MEM_ACC_WRITE : 0, &p))
        return fault_x(s, MEM_FAULT_BUS, a, size, w, false, true);
    mem_region *r = find_region(s, p);
    if (!r || ((r->flags & MEM_F_SUPERVISOR) && !s->supervisor))
        return fault(s, MEM_FAULT_BUS, a, size, false, false);
    if (size > 1 && p + size - 1 > r->end) {
        uint32_t v = 0;
        for (unsigned i = 0; i < size; i++)
            v = (v << 8) | read_xlate(s, a + i, 1, tlb);
        return v;
    }
    return region_read(s, r, p, a, a & ~(MEM_DATA_BLOCK - 1), may_fill(s), size, tlb);
}

static void write_xlate(mem_space *s, uint32_t a, unsigned size, uint32_t v)
{
    s->stats.tlb[MEM_TLB_WRITE].misses++;
    if (size > 1 && (a & s->align_mask)) {
        fault(s, MEM_FAULT_ADDRESS, a, size, true, false);
        return;
    }
    if (size > 1 && !single_block(a, size, MEM_DATA_SHIFT)) {
        for (unsigned i = 0; i < size; i++)
            write_xlate(s, a + i, 1, v >> (8 * (size - 1 - i)));
        return;
    }
    uint32_t p;
    if (!xlate(s, a, MEM_ACC_WRITE, &p)) {
        fault_x(s, MEM_FAULT_BUS, a, size, true, false, true);
        return;
    }
    mem_region *r = find_region(s, p);
    if (!r || ((r->flags & MEM_F_SUPERVISOR) && !s->supervisor)) {
        fault(s, MEM_FAULT_BUS, a, size, true, false);
        return;
    }
    if (size > 1 && p + size - 1 > r->end) {
        for (unsigned i = 0; i < size; i++)
            write_xlate(s, a + i, 1, v >> (8 * (size - 1 - i)));
        return;
    }
    region_write(s, r, p, a, a & ~(MEM_DATA_BLOCK - 1), may_fill(s), size, v);
}

static uint32_t fetch_xlate(mem_space *s, uint32_t a, unsigned size)
{
    if (a & 1)
        return fault(s, MEM_FAULT_ADDRESS, a, size, false, true);
    if (size == 4 && !single_block(a, 4, MEM_CODE_SHIFT))
        return (mem_fetch16(s, a) << 16) | mem_fetch16(s, a + 2);
    uint32_t p;
    if (!xlate(s, a, MEM_ACC_FETCH, &p))
        return fault_x(s, MEM_FAULT_BUS, a, size, false, true, true);
    mem_region *r = find_region(s, p);
    if (!r || ((r->flags & MEM_F_SUPERVISOR) && !s->supervisor))
        return fault(s, MEM_FAULT_BUS, a, size, false, true);
    if (p + size - 1 > r->end)
        return (mem_fetch16(s, a) << 16) | mem_fetch16(s, a + 2);
    if (r->kind == MEM_DEVICE) {
        bool ok;
        uint32_t v = device_read(s, r, p, size, &ok);
        return ok ? v : fault(s, MEM_FAULT_BUS, a, size, false, true);
    }
    uint32_t block = p & ~(MEM_CODE_BLOCK - 1);
    if (block_cacheable(s, r, block, MEM_CODE_BLOCK) &&
        code_cacheable_xlate(s, a & ~(MEM_CODE_BLOCK - 1)))
        fill_code(s, a & ~(MEM_CODE_BLOCK - 1), block, r);
    return size == 2 ? mem_xor_load16(r->k, p) : mem_xor_load32(r->k, p);
}

static mem_slot *code_miss_xlate(mem_space *s, uint32_t pc)
{
    s->stats.tlb[MEM_TLB_CODE].misses++;
    s->uncached_slot.fn = s->decode_stub;
    if (pc & 1) {
        fault(s, MEM_FAULT_ADDRESS, pc, 2, false, true);
        return &s->uncached_slot;
    }
    uint32_t p;
    if (!xlate(s, pc, MEM_ACC_FETCH, &p)) {
        fault_x(s, MEM_FAULT_BUS, pc, 2, false, true, true);
        return &s->uncached_slot;
    }
    mem_region *r = find_region(s, p);
    if (!r || ((r->flags & MEM_F_SUPERVISOR) && !s->supervisor)) {
        fault(s, MEM_FAULT_BUS, pc, 2, false, true);
        return &s->uncached_slot;
    }
    uint32_t block = p & ~(MEM_CODE_BLOCK - 1);
    if (r->kind == MEM_DEVICE || !block_cacheable(s, r, block, MEM_CODE_BLOCK) ||
        !code_cacheable_xlate(s, pc & ~(MEM_CODE_BLOCK - 1)))
        return &s->uncached_slot;
    mem_slot *row = fill_code(s, pc & ~(MEM_CODE_BLOCK - 1), block, r);
    return &row[(pc >> 1) & (MEM_SLOTS_PER_BLOCK - 1)];
}

/* Accesses with an explicit privilege (MOVES): through the slow path, which
 * fills nothing while as_active is set, so no entry of the other privilege
 * stays behind.  A fault ends the state in fault_x. */
uint32_t mem_read_as(mem_space *s, uint32_t a, unsigned size, bool supervisor)
{
    s->as_saved_super = s->supervisor;
    s->as_active = true;
    s->supervisor = supervisor;
    uint32_t v = s->translate ? read_xlate(s, a, size, MEM_TLB_READ)
                              : mem_read_slow(s, a, size, MEM_TLB_READ);
    s->supervisor = s->as_saved_super;
    s->as_active = false;
    return v;
}

void mem_write_as(mem_space *s, uint32_t a, unsigned size, uint32_t v, bool supervisor)
{
    s->as_saved_super = s->supervisor;
    s->as_active = true;
    s->supervisor = supervisor;
    if (s->translate)
        write_xlate(s, a, size, v);
    else
        mem_write_slow(s, a, size, v);
    s->supervisor = s->as_saved_super;
    s->as_active = false;
}

uint32_t mem_read_slow(mem_space *s, uint32_t a, unsigned size, int tlb)
{
    if (MEM_UNLIKELY(s->translate != NULL))
        return read_xlate(s, a, size, tlb);
    uint32_t hi = a & ~s->addr_mask;
    a &= s->addr_mask;
    s->stats.tlb[tlb].misses++;
    if (size > 1 && (a & s->align_mask))
        return fault(s, MEM_FAULT_ADDRESS, a, size, false, false);
    mem_region *r = find_region(s, a);
    if (!r)
        return fault(s, MEM_FAULT_BUS, a, size, false, false);
    if ((r->flags & MEM_F_SUPERVISOR) && !s->supervisor)
        return fault(s, MEM_FAULT_BUS, a, size, false, false);
    if (size > 1 && (!single_block(a, size, MEM_DATA_SHIFT) || a + size - 1 > r->end))
        return read_split(s, a, size, tlb);
    return region_read(s, r, a, a, (a & ~(MEM_DATA_BLOCK - 1)) | hi, true, size, tlb);
}

void mem_write_slow(mem_space *s, uint32_t a, unsigned size, uint32_t v)
{
    if (MEM_UNLIKELY(s->translate != NULL)) {
        write_xlate(s, a, size, v);
        return;
    }
    uint32_t hi = a & ~s->addr_mask;
    a &= s->addr_mask;
    s->stats.tlb[MEM_TLB_WRITE].misses++;
    if (size > 1 && (a & s->align_mask)) {
        fault(s, MEM_FAULT_ADDRESS, a, size, true, false);
        return;
    }
    mem_region *r = find_region(s, a);
    if (!r || ((r->flags & MEM_F_SUPERVISOR) && !s->supervisor)) {
        fault(s, MEM_FAULT_BUS, a, size, true, false);
        return;
    }
    if (size > 1 && (!single_block(a, size, MEM_DATA_SHIFT) || a + size - 1 > r->end)) {
        for (unsigned i = 0; i < size; i++)
            mem_write_slow(s, (a + i) & s->addr_mask, 1, v >> (8 * (size - 1 - i)));
        return;
    }
    region_write(s, r, a, a, (a & ~(MEM_DATA_BLOCK - 1)) | hi, true, size, v);
}

uint32_t mem_fetch_slow(mem_space *s, uint32_t a, unsigned size)
{
    if (MEM_UNLIKELY(s->translate != NULL))
        return fetch_xlate(s, a, size);
    uint32_t hi = a & ~s->addr_mask;
    a &= s->addr_mask;
    if (a & 1)
        return fault(s, MEM_FAULT_ADDRESS, a, size, false, true);
    if (size == 4 && !single_block(a, 4, MEM_CODE_SHIFT))
        return (mem_fetch16(s, a) << 16) | mem_fetch16(s, (a + 2) & s->addr_mask);
    mem_region *r = find_region(s, a);
    if (!r || ((r->flags & MEM_F_SUPERVISOR) && !s->supervisor))
        return fault(s, MEM_FAULT_BUS, a, size, false, true);
    if (a + size - 1 > r->end)
        return (mem_fetch16(s, a) << 16) | mem_fetch16(s, (a + 2) & s->addr_mask);
    if (r->kind == MEM_DEVICE) {
        bool ok;
        uint32_t v = device_read(s, r, a, size, &ok);
        return ok ? v : fault(s, MEM_FAULT_BUS, a, size, false, true);
    }
    uint32_t block = a & ~(MEM_CODE_BLOCK - 1);
    if (block_cacheable(s, r, block, MEM_CODE_BLOCK))
        fill_code(s, block | hi, block, r);
    return size == 2 ? mem_xor_load16(r->k, a) : mem_xor_load32(r->k, a);
}

mem_slot *mem_code_miss(mem_space *s, uint32_t pc)
{
    if (MEM_UNLIKELY(s->translate != NULL))
        return code_miss_xlate(s, pc);
    uint32_t hi = pc & ~s->addr_mask;
    pc &= s->addr_mask;
    s->stats.tlb[MEM_TLB_CODE].misses++;
    s->uncached_slot.fn = s->decode_stub;
    if (pc & 1) {
        fault(s, MEM_FAULT_ADDRESS, pc, 2, false, true);
        return &s->uncached_slot;
    }
    mem_region *r = find_region(s, pc);
    if (!r || ((r->flags & MEM_F_SUPERVISOR) && !s->supervisor)) {
        fault(s, MEM_FAULT_BUS, pc, 2, false, true);
        return &s->uncached_slot;
    }
    uint32_t block = pc & ~(MEM_CODE_BLOCK - 1);
    if (r->kind == MEM_DEVICE || !block_cacheable(s, r, block, MEM_CODE_BLOCK))
        return &s->uncached_slot;
    mem_slot *row = fill_code(s, block | hi, block, r);
    return &row[(pc >> 1) & (MEM_SLOTS_PER_BLOCK - 1)];
}

/* --- Side-effect-free access ------------------------------------------------------ */

static bool copy_bytes(mem_space *s, uint32_t addr, uint8_t *in, const uint8_t *out, uint32_t len,
                       bool rom_ok)
{
    bool all = true;
    for (uint32_t i = 0; i < len; i++) {
        uint32_t a = (addr + i) & s->addr_mask;
        mem_region *r = find_region(s, a);
        if (!r || r->kind == MEM_DEVICE || (out && r->kind == MEM_ROM && !rom_ok)) {
            all = false;
            if (in)
                in[i] = 0xFF;
            continue;
        }
        uint8_t *p = MEM_XOR_PTR(r->k, a, 1);
        if (in)
            in[i] = *p;
        else
            *p = out[i];
    }
    return all;
}

static mem_region *phys_long(mem_space *s, uint32_t addr)
{
    addr &= s->addr_mask;
    mem_region *r = find_region(s, addr);
    if (!r || r->kind == MEM_DEVICE || (addr & 3) || addr + 3 > r->end)
        return NULL;
    return r;
}

bool mem_phys_read32(mem_space *s, uint32_t addr, uint32_t *v)
{
    mem_region *r = phys_long(s, addr);
    if (!r)
        return false;
    *v = mem_xor_load32(r->k, addr & s->addr_mask);
    return true;
}

bool mem_phys_write32(mem_space *s, uint32_t addr, uint32_t v)
{
    mem_region *r = phys_long(s, addr);
    if (!r || r->kind != MEM_RAM)
        return false;
    mem_xor_store32(r->k, addr & s->addr_mask, v);
    mem_invalidate_code(s, addr & s->addr_mask, 4);
    return true;
}

bool mem_dma_read(mem_space *s, uint32_t addr, void *buf, uint32_t len)
{
    return copy_bytes(s, addr, buf, NULL, len, false);
}

bool mem_load(mem_space *s, uint32_t addr, const void *buf, uint32_t len, bool rom_ok)
{
    bool ok = copy_bytes(s, addr, NULL, buf, len, rom_ok);
    mem_invalidate_code(s, addr, len);
    return ok;
}

bool mem_dma_write(mem_space *s, uint32_t addr, const void *buf, uint32_t len)
{
    return mem_load(s, addr, buf, len, false);
}

uint32_t mem_peek(mem_space *s, uint32_t addr, unsigned size)
{
    uint8_t b[4];
    copy_bytes(s, addr, b, NULL, size, false);
    uint32_t v = 0;
    for (unsigned i = 0; i < size; i++)
        v = (v << 8) | b[i];
    return v;
}

/* --- Counters ---------------------------------------------------------------------- */

void mem_stats_reset(mem_space *s)
{
    memset(&s->stats, 0, sizeof s->stats);
}

double mem_hit_rate(const mem_space *s, int tlb)
{
    uint64_t h = s->stats.tlb[tlb].hits, m = s->stats.tlb[tlb].misses;
    return h + m ? 100.0 * (double)h / (double)(h + m) : 100.0;
}

double mem_dispatch_hit_rate(const mem_space *s)
{
    const mem_counters *c = &s->stats.tlb[MEM_TLB_CODE];
    uint64_t lookups = c->hits + c->misses, decodes = s->stats.dispatch_decodes;
    if (lookups == 0)
        return 100.0;
    return decodes >= lookups ? 0.0 : 100.0 * (double)(lookups - decodes) / (double)lookups;
}

size_t mem_footprint(const mem_space *s)
{
    (void)s;
    /* The CODE TLB uses the first MEM_CODE_TLB_ENTRIES of its row. */
    return (size_t)(MEM_TLB_COUNT - 1) * MEM_TLB_ENTRIES * sizeof(mem_tlb_entry) +
           (size_t)MEM_CODE_TLB_ENTRIES * (sizeof(mem_tlb_entry) + MEM_SLOT_ROW * sizeof(mem_slot)) +
           sizeof s->ptag + sizeof s->phys_map + sizeof s->xcache;
}
