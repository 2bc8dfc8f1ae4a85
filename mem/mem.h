/* The guest address space: regions, three XOR-translating software TLBs
 * (READ, WRITE, CODE), the slow path to devices, and self-modifying-code rules.
 *
 * Fast paths are inline here; misses go to mem.c.  See ../shared/DESIGN.md.
 *
 *  - READ  caches reads of RAM and ROM, 128-byte blocks.
 *  - WRITE caches writes and read-modify-writes, writable RAM only, 128-byte blocks.
 *  - CODE  caches instruction fetch, 128-byte blocks (512 entries), each with a
 *          row of dispatch slots (one per even address) that the CPU fills
 *          with decoded handlers.
 *
 * A block is never in CODE and WRITE at once (filling one flushes the other,
 * with a guard block each side), so a guest store into cached code always takes
 * the slow path, which is where dispatch slots are invalidated.
 */
#ifndef TANDEM_MEM_H
#define TANDEM_MEM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mem/xor.h"

#define MEM_DATA_SHIFT 7 /* 128-byte READ/WRITE blocks */
#define MEM_CODE_SHIFT 7 /* 128-byte CODE blocks */
#define MEM_TLB_BITS 11  /* 2048 entries per data TLB */
#define MEM_TLB_ENTRIES (1u << MEM_TLB_BITS)
#define MEM_TLB_MASK (MEM_TLB_ENTRIES - 1)
/* CODE: fewer, larger blocks cover the same 64 KB of code with the same
 * slot memory; straight-line code then leaves its block a quarter as often
 * (measured: 32-byte blocks were 5-14% slower on the benchmarks). */
#define MEM_CODE_TLB_BITS 9
#define MEM_CODE_TLB_ENTRIES (1u << MEM_CODE_TLB_BITS)
#define MEM_CODE_TLB_MASK (MEM_CODE_TLB_ENTRIES - 1)
#define MEM_TLB_MASK_OF(tlb) ((tlb) == MEM_TLB_CODE ? MEM_CODE_TLB_MASK : MEM_TLB_MASK)
#define MEM_DATA_BLOCK (1u << MEM_DATA_SHIFT)
#define MEM_CODE_BLOCK (1u << MEM_CODE_SHIFT)
#define MEM_SLOTS_PER_BLOCK (MEM_CODE_BLOCK / 2) /* instructions start at even addresses */
/* Guard slots after each row hold the block-exit handler: straight-line
 * code that runs off the end of its block (by up to a 68040's longest
 * instruction, 22 bytes) lands in one, so the CPU needs no address check
 * per instruction (the paper's guard blocks, as slots). */
#define MEM_SLOT_GUARDS 12
#define MEM_SLOT_ROW (MEM_SLOTS_PER_BLOCK + MEM_SLOT_GUARDS)

/* A tag no guest address can match: guest addresses are zero-extended 32-bit. */
#define MEM_TAG_INVALID (UINT64_C(1) << 63)
/* Under translation, entries filled in supervisor mode carry MEM_TAG_SUPER,
 * those filled in user mode MEM_TAG_USER, and the compare masks (cmp_*)
 * leave out the current mode's bit: an entry of the other mode then never
 * matches, at no cost to the fast paths (they load cmp_* anyway), and a
 * change of mode flushes nothing.  Without translation neither bit is set. */
#define MEM_TAG_SUPER (UINT64_C(1) << 40)
#define MEM_TAG_USER (UINT64_C(1) << 41)

enum { MEM_TLB_READ, MEM_TLB_WRITE, MEM_TLB_CODE, MEM_TLB_COUNT };

typedef struct mem_tlb_entry {
    uint64_t tag; /* guest block address as the CPU issued it (bits above a 24-bit
                   * bus included), or MEM_TAG_INVALID */
    uintptr_t k;  /* XOR constant: host = k ^ guest (those bits folded in) */
} mem_tlb_entry;

/* A dispatch slot.  mem/ only resets `fn` to the CPU's decode stub; the CPU
 * casts it to its own handler type and may use `data` as it likes. */
typedef void (*mem_dispatch_fn)(void);
typedef struct mem_slot {
    mem_dispatch_fn fn;
    uint64_t data;
} mem_slot;

typedef struct mem_counters {
    uint64_t hits, misses, refills, flushes;
} mem_counters;

typedef struct mem_stats {
    mem_counters tlb[MEM_TLB_COUNT];
    uint64_t dispatch_decodes;   /* slots decoded (incremented by the CPU) */
    uint64_t slot_invalidations; /* code blocks dropped because guest or DMA wrote into them */
    uint64_t device_reads, device_writes;
} mem_stats;

/* Region kinds and flags. */
enum { MEM_RAM = 1, MEM_ROM, MEM_DEVICE };
enum {
    MEM_F_SUPERVISOR = 1u << 0,     /* user-mode access is a bus error */
    MEM_F_OVERLAY = 1u << 1,        /* may overlap base regions and wins while enabled */
    MEM_F_DISABLED = 1u << 2,       /* starts disabled (see mem_region_enable) */
    MEM_F_ROM_WRITE_FAULT = 1u << 3 /* a write to ROM is a bus error (else ignored) */
};

/* Device access: size is 1, 2 or 4 (never more than the region's max_access; mem/
 * splits wider accesses big-endian first).  Return 0, or MEM_FAULT_BUS for a bus error. */
typedef struct mem_device_ops {
    int (*read)(void *dev, uint32_t offset, unsigned size, uint32_t *value);
    int (*write)(void *dev, uint32_t offset, unsigned size, uint32_t value);
} mem_device_ops;

enum { MEM_FAULT_NONE = 0, MEM_FAULT_BUS = 1, MEM_FAULT_ADDRESS = 2 };

/* What went wrong on an access; the CPU turns it into an exception frame. */
typedef struct mem_fault {
    int kind;      /* MEM_FAULT_BUS or MEM_FAULT_ADDRESS */
    uint32_t addr; /* the access's first byte (masked to the bus width); for a
                    * split access the first byte that faulted */
    unsigned size;
    bool write;    /* also for the read half of a read-modify-write under an MMU */
    bool fetch; /* instruction stream */
    bool atc;   /* the translation hook refused it (an MMU fault), not the bus */
} mem_fault;

/* Called on a fault.  The CPU's handler does not return (it longjmps to its
 * instruction loop); if it returns, a read yields all ones and a write is dropped. */
typedef void (*mem_fault_fn)(void *ctx, const mem_fault *f);

/* Address translation (an MMU), called by the slow paths only.  Access kinds: */
enum {
    MEM_ACC_WRITE = 1u << 0, /* a write, or the read half of a read-modify-write */
    MEM_ACC_FETCH = 1u << 1, /* instruction stream */
    MEM_ACC_SUPER = 1u << 2, /* supervisor privilege */
    MEM_ACC_PROBE = 1u << 3  /* no side effects (no U/M updates): debuggers, the CPU's own peeks */
};
/* Translate logical `la` for an access of kind `acc`: 0 with *pa set, or
 * nonzero for a fault (mem/ then reports MEM_FAULT_BUS with `atc` set).  A
 * success may be cached for the aligned 4 KB page holding `la` and that
 * kind of access until the next flush (mem_flush_all, mem_flush_range over
 * the page, mem_set_translate): pages are >= 4 KB. */
typedef int (*mem_translate_fn)(void *ctx, uint32_t la, unsigned acc, uint32_t *pa);

/* Host storage for RAM or ROM: a power-of-two block aligned to its size,
 * byte-reversed on little-endian hosts. */
typedef struct mem_backing {
    char name[32];
    uint8_t *host; /* aligned to `block` */
    uint32_t size; /* bytes the machine asked for */
    uint32_t block; /* power of two >= size */
} mem_backing;

typedef struct mem_region {
    char name[32];
    uint32_t base, size, end; /* end = base + size - 1 */
    int kind;
    unsigned flags;
    bool enabled;
    /* RAM/ROM */
    mem_backing *backing;
    uint32_t offset; /* backing offset of `base` */
    uintptr_t k;
    /* DEVICE */
    const mem_device_ops *ops;
    void *dev;
    unsigned max_access;
} mem_region;

#define MEM_MAX_REGIONS 64
#define MEM_MAX_BACKINGS 16

typedef struct mem_space {
    /* Hot fields first. */
    mem_tlb_entry tlb[MEM_TLB_COUNT][MEM_TLB_ENTRIES];
    uint64_t cmp_byte;   /* compare mask for byte accesses */
    uint64_t cmp_word;   /* for word and long accesses (adds the alignment bit on a 68000) */
    uint64_t cmp_code;   /* for CODE lookups (odd PC always misses) */
    uint32_t addr_mask;  /* 0x00FFFFFF (24-bit bus) or 0xFFFFFFFF */
    bool supervisor;     /* current CPU privilege, for MEM_F_SUPERVISOR regions */
    mem_stats stats;
    mem_slot *slots; /* MEM_CODE_TLB_ENTRIES rows of MEM_SLOT_ROW */
    mem_dispatch_fn decode_stub;
    mem_slot uncached_slot; /* for code fetched from a device region */
    /* Called whenever a CODE entry changes (refill, flush, invalidation):
     * the CPU then forgets its cached "current block", so it need not
     * re-check the tag on every instruction. */
    void (*code_watch)(void *ctx);
    void *code_watch_ctx;

    mem_fault_fn fault_fn;
    void *fault_ctx;
    mem_fault last_fault;

    unsigned align_mask; /* 1: word/long at odd addresses fault (68000); 0: allowed */
    bool super_entries;  /* a supervisor-only block is in some TLB */
    mem_region regions[MEM_MAX_REGIONS];
    int nregions;
    int last_region; /* one-entry cache for the slow path */
    int overlays_on; /* enabled overlay regions */
    mem_backing backings[MEM_MAX_BACKINGS];
    int nbackings;
    char error[256];

    /* Translation (mem_set_translate): NULL is the identity, and then none
     * of the rest is looked at.  With a hook, TLB tags are logical blocks,
     * K maps them to the host bytes of the physical block, and ptag keeps
     * that physical block for the self-modifying-code rules, which work by
     * physical block (aliases).  phys_map has one bit per hashed physical
     * 4 KB page that some entry of that TLB may hold, so most fills need no
     * scan; it is cleared when the TLB is. */
    mem_translate_fn translate;
    void *translate_ctx;
    bool as_active;    /* inside mem_read_as/mem_write_as: fill nothing */
    bool as_saved_super;
    uint32_t ptag[MEM_TLB_COUNT][MEM_TLB_ENTRIES];
    uint64_t phys_map[MEM_TLB_COUNT][16];
    /* Successful translations by 4 KB page and access kind, so that the 32
     * blocks of a page cost one table search: tag = page | acc | 8 (valid). */
    struct {
        uint32_t tag, pa;
    } xcache[1024];
} mem_space;

/* --- Setup --------------------------------------------------------------- */

/* addr_mask: 0x00FFFFFF for a 24-bit bus; align_mask: 1 where word/long accesses
 * must be even (68000).  Returns NULL only when out of memory. */
mem_space *mem_space_new(uint32_t addr_mask, unsigned align_mask);
void mem_space_free(mem_space *s);

/* Zeroed host storage of at least `size` bytes.  NULL with mem_error() set on failure. */
mem_backing *mem_backing_new(mem_space *s, const char *name, uint32_t size);

/* Map `size` bytes of a backing, from `offset`, at guest `base`.  Returns the
 * region id, or -1 with mem_error() saying why (overlap, misalignment, outside
 * the backing, too many regions). */
int mem_map_ram(mem_space *s, const char *name, uint32_t base, uint32_t size,
                mem_backing *b, uint32_t offset, unsigned flags);
int mem_map_rom(mem_space *s, const char *name, uint32_t base, uint32_t size,
                mem_backing *b, uint32_t offset, unsigned flags);
int mem_map_device(mem_space *s, const char *name, uint32_t base, uint32_t size,
                   const mem_device_ops *ops, void *dev, unsigned max_access, unsigned flags);
const char *mem_error(const mem_space *s);

/* Switch an overlay (or any region) on or off; flushes every TLB. */
void mem_region_enable(mem_space *s, int id, bool enabled);
void mem_set_fault_handler(mem_space *s, mem_fault_fn fn, void *ctx);
/* The CPU's privilege changed.  Leaving supervisor mode drops cached
 * supervisor-only blocks. */
void mem_set_supervisor(mem_space *s, bool supervisor);
void mem_set_decode_stub(mem_space *s, mem_dispatch_fn stub);
/* The handler in every guard slot (see MEM_SLOT_GUARDS). */
void mem_set_block_exit(mem_space *s, mem_dispatch_fn fn);
/* The CODE-change watch (one per address space; NULL to remove it). */
void mem_set_code_watch(mem_space *s, void (*fn)(void *ctx), void *ctx);

void mem_flush_all(mem_space *s);
/* Drop the entries of every TLB whose logical block lies in [addr, addr+len)
 * (PFLUSH of a page). */
void mem_flush_range(mem_space *s, uint32_t addr, uint32_t len);

/* Install (fn non-NULL) or remove the translation hook; flushes every TLB
 * when it changes.  While installed, entries are tagged with the privilege
 * they were filled in (MEM_TAG_SUPER/USER), so they never serve the other
 * mode's accesses (see mem_set_supervisor in mem.c). */
void mem_set_translate(mem_space *s, mem_translate_fn fn, void *ctx);
/* Accesses with an explicit privilege through the slow path (MOVES): under
 * translation they fill no TLB entry, so nothing of the other privilege
 * stays cached; without a hook they are ordinary slow-path accesses.
 * Faults are reported as on the normal paths. */
uint32_t mem_read_as(mem_space *s, uint32_t a, unsigned size, bool supervisor);
void mem_write_as(mem_space *s, uint32_t a, unsigned size, uint32_t v, bool supervisor);
/* Drop cached code for [addr, addr+len) and the block before it (an
 * instruction starting there may extend into the range).  Addresses are
 * physical (bus addresses): with a translation hook, entries are matched
 * by the physical block they map, so every logical alias is dropped. */
void mem_invalidate_code(mem_space *s, uint32_t addr, uint32_t len);

void mem_stats_reset(mem_space *s);
/* Hit rate in percent of a TLB; 100 when it saw no access. */
double mem_hit_rate(const mem_space *s, int tlb);
/* Percent of instruction dispatches that found their slot already decoded. */
double mem_dispatch_hit_rate(const mem_space *s);
/* Bytes used by the translation structures (TLBs and dispatch slots). */
size_t mem_footprint(const mem_space *s);

/* --- Side-effect-free access for loaders, DMA, video and debuggers -------- */

/* Copy to/from guest RAM/ROM (writes: RAM only, plus ROM when `rom_ok`).
 * Device and unmapped bytes are not touched; returns false if any byte was not
 * RAM/ROM.  Writes invalidate cached code over the range. */
bool mem_dma_read(mem_space *s, uint32_t addr, void *buf, uint32_t len);
bool mem_dma_write(mem_space *s, uint32_t addr, const void *buf, uint32_t len);
bool mem_load(mem_space *s, uint32_t addr, const void *buf, uint32_t len, bool rom_ok);
/* An aligned long of RAM/ROM by physical address, for an MMU's table
 * search: false (nothing done) when it is not RAM/ROM, or ROM for a write.
 * Writes invalidate cached code over the long. */
bool mem_phys_read32(mem_space *s, uint32_t addr, uint32_t *v);
bool mem_phys_write32(mem_space *s, uint32_t addr, uint32_t v);
/* Read RAM/ROM without faults or device side effects (devices read as 0xFF..). */
uint32_t mem_peek(mem_space *s, uint32_t addr, unsigned size);

/* Direct backing access by offset (video fetch, ROM loading). */
static inline uint32_t mem_backing_read8(const mem_backing *b, uint32_t off)
{
    return b->host[MEM_HOST_BIG_ENDIAN ? off : b->block - 1 - off];
}
static inline uint32_t mem_backing_read16(const mem_backing *b, uint32_t off)
{
    return mem_xor_load16(mem_xor_key((uintptr_t)b->host, 0, b->block), off);
}
static inline void mem_backing_write8(mem_backing *b, uint32_t off, uint32_t v)
{
    b->host[MEM_HOST_BIG_ENDIAN ? off : b->block - 1 - off] = (uint8_t)v;
}
void mem_backing_fill(mem_backing *b, uint32_t off, const void *data, uint32_t len);

/* --- Slow paths (mem.c) ---------------------------------------------------- */
uint32_t mem_read_slow(mem_space *s, uint32_t a, unsigned size, int tlb);
void mem_write_slow(mem_space *s, uint32_t a, unsigned size, uint32_t v);
uint32_t mem_fetch_slow(mem_space *s, uint32_t a, unsigned size);
mem_slot *mem_code_miss(mem_space *s, uint32_t pc);

/* --- Fast paths ------------------------------------------------------------ */

#if defined(__GNUC__)
#define MEM_LIKELY(x) __builtin_expect(!!(x), 1)
#define MEM_UNLIKELY(x) __builtin_expect(!!(x), 0)
#else
#define MEM_LIKELY(x) (x)
#define MEM_UNLIKELY(x) (x)
#endif

/* The entry for a block: the index is scaled to a byte offset with one
 * shift and one mask where entries are 16 bytes (64-bit hosts). */
static inline mem_tlb_entry *mem_tlb_at(mem_space *s, int tlb, uint32_t last, unsigned shift)
{
    if (sizeof(mem_tlb_entry) == 16)
        return (mem_tlb_entry *)((char *)s->tlb[tlb] +
                                 ((last >> (shift - 4)) & ((uint32_t)MEM_TLB_MASK_OF(tlb) << 4)));
    return &s->tlb[tlb][(last >> shift) & MEM_TLB_MASK_OF(tlb)];
}
static inline mem_tlb_entry *mem_data_entry(mem_space *s, int tlb, uint32_t last)
{
    return mem_tlb_at(s, tlb, last, MEM_DATA_SHIFT);
}

#define MEM_DEFINE_READ(NAME, TLB, N, CMP, LOAD)                                     \
    static inline uint32_t NAME(mem_space *s, uint32_t a)                            \
    {                                                                                \
        const mem_tlb_entry *e = mem_data_entry(s, TLB, a + (N - 1));                \
        if (MEM_LIKELY((((uint64_t)a ^ e->tag) & s->CMP) == 0)) {                    \
            s->stats.tlb[TLB].hits++;                                                \
            return LOAD(e->k, a);                                                    \
        }                                                                            \
        return mem_read_slow(s, a, N, TLB);                                          \
    }

MEM_DEFINE_READ(mem_read8, MEM_TLB_READ, 1, cmp_byte, mem_xor_load8)
MEM_DEFINE_READ(mem_read16, MEM_TLB_READ, 2, cmp_word, mem_xor_load16)
MEM_DEFINE_READ(mem_read32, MEM_TLB_READ, 4, cmp_word, mem_xor_load32)
/* The read half of a read-modify-write goes through WRITE, so the store that
 * follows hits the same entry. */
MEM_DEFINE_READ(mem_rmw_read8, MEM_TLB_WRITE, 1, cmp_byte, mem_xor_load8)
MEM_DEFINE_READ(mem_rmw_read16, MEM_TLB_WRITE, 2, cmp_word, mem_xor_load16)
MEM_DEFINE_READ(mem_rmw_read32, MEM_TLB_WRITE, 4, cmp_word, mem_xor_load32)

/* A write that only takes the fast path: false (and nothing done) on a miss. */
#define MEM_DEFINE_TRY_WRITE(NAME, N, CMP, STORE)                                    \
    static inline bool NAME(mem_space *s, uint32_t a, uint32_t v)                    \
    {                                                                                \
        const mem_tlb_entry *e = mem_data_entry(s, MEM_TLB_WRITE, a + (N - 1));      \
        if (MEM_LIKELY((((uint64_t)a ^ e->tag) & s->CMP) == 0)) {                    \
            s->stats.tlb[MEM_TLB_WRITE].hits++;                                      \
            STORE(e->k, a, v);                                                       \
            return true;                                                             \
        }                                                                            \
        return false;                                                                \
    }

MEM_DEFINE_TRY_WRITE(mem_try_write8, 1, cmp_byte, mem_xor_store8)
MEM_DEFINE_TRY_WRITE(mem_try_write16, 2, cmp_word, mem_xor_store16)
MEM_DEFINE_TRY_WRITE(mem_try_write32, 4, cmp_word, mem_xor_store32)

static inline void mem_write8(mem_space *s, uint32_t a, uint32_t v)
{
    if (!mem_try_write8(s, a, v))
        mem_write_slow(s, a, 1, v);
}
static inline void mem_write16(mem_space *s, uint32_t a, uint32_t v)
{
    if (!mem_try_write16(s, a, v))
        mem_write_slow(s, a, 2, v);
}
static inline void mem_write32(mem_space *s, uint32_t a, uint32_t v)
{
    if (!mem_try_write32(s, a, v))
        mem_write_slow(s, a, 4, v);
}

/* Instruction-stream reads (opcode and extension words) through CODE. */
#define MEM_DEFINE_FETCH(NAME, N, LOAD)                                              \
    static inline uint32_t NAME(mem_space *s, uint32_t a)                            \
    {                                                                                \
        const mem_tlb_entry *e = mem_tlb_at(s, MEM_TLB_CODE, a + (N - 1), MEM_CODE_SHIFT); \
        if (MEM_LIKELY((((uint64_t)a ^ e->tag) & s->cmp_code) == 0))                 \
            return LOAD(e->k, a);                                                    \
        return mem_fetch_slow(s, a, N);                                              \
    }

MEM_DEFINE_FETCH(mem_fetch16, 2, mem_xor_load16)
MEM_DEFINE_FETCH(mem_fetch32, 4, mem_xor_load32)

/* The dispatch slot for the instruction at pc (decoded or the decode stub),
 * or the result of mem_code_miss (which refills, or faults). */
/* The row of dispatch slots of CODE entry idx (its guard slots follow). */
static inline mem_slot *mem_slot_row(const mem_space *s, size_t idx)
{
    return &s->slots[idx * MEM_SLOT_ROW];
}

static inline mem_slot *mem_code_slot(mem_space *s, uint32_t pc)
{
    uint32_t idx = (pc >> MEM_CODE_SHIFT) & MEM_CODE_TLB_MASK;
    if (MEM_LIKELY((((uint64_t)pc ^ s->tlb[MEM_TLB_CODE][idx].tag) & s->cmp_code) == 0)) {
        s->stats.tlb[MEM_TLB_CODE].hits++;
        return &mem_slot_row(s, idx)[(pc >> 1) & (MEM_SLOTS_PER_BLOCK - 1)];
    }
    return mem_code_miss(s, pc);
}

#endif
