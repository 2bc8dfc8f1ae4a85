/* Bit-field instructions of the 68020 and later: BFTST BFEXTU BFEXTS BFCHG BFCLR
 * BFSET BFFFO BFINS, on data registers and memory.
 *
 * Opcode 1110 1ttt 11 <ea>, then an extension word:
 *   bits 14-12 Dn (BFEXTU/BFEXTS/BFFFO destination, BFINS source),
 *   bit 11 Do: offset in D(bits 8-6) else bits 10-6 are the offset 0..31,
 *   bit 5 Dw: width in D(bits 2-0) else bits 4-0 are the width (0 means 32).
 * Bits are numbered from the most significant end.  In a data register the
 * field wraps round the 32 bits (offset mod 32); in memory the offset is a
 * signed bit number from bit 7 of the byte at the EA, so a field of up to 32
 * bits starting anywhere in a byte covers up to 5 bytes.
 *
 * Internally a field is held "top aligned": its first bit at bit 31 of a
 * uint32_t, the bits below the field zero.  N and Z come straight from that
 * (V and C clear, X untouched), taken before any change: BFINS takes them
 * from the value inserted. */
#include "m68k/ea.h"

enum { BF_TST, BF_EXTU, BF_CHG, BF_EXTS, BF_CLR, BF_FFO, BF_SET, BF_INS };

M68K_INLINE uint32_t rotl32(uint32_t v, unsigned n)
{
    n &= 31;
    return n ? v << n | v >> (32 - n) : v;
}
M68K_INLINE uint32_t rotr32(uint32_t v, unsigned n)
{
    n &= 31;
    return n ? v >> n | v << (32 - n) : v;
}

/* Leading zero bits of a nonzero value (portable; BFFFO is rare). */
M68K_INLINE uint32_t clz32(uint32_t v)
{
    uint32_t n = 0;
    if (!(v & 0xFFFF0000u)) { n += 16; v <<= 16; }
    if (!(v & 0xFF000000u)) { n += 8; v <<= 8; }
    if (!(v & 0xF0000000u)) { n += 4; v <<= 4; }
    if (!(v & 0xC0000000u)) { n += 2; v <<= 2; }
    if (!(v & 0x80000000u)) n += 1;
    return n;
}

/* The new top-aligned field of BFCHG/BFCLR/BFSET/BFINS from the old one;
 * `mask` has the field's bits set. */
M68K_INLINE uint32_t bf_modify(int t, uint32_t old, uint32_t mask, uint32_t ins)
{
    switch (t) {
    case BF_CHG: return ~old & mask;
    case BF_CLR: return 0;
    case BF_SET: return mask;
    default: return ins; /* BF_INS */
    }
}

/* The n bytes (1..5) from a, the first at bits 63-56; read through the
 * WRITE TLB for the read-modify-write forms.  Byte accesses keep this simple
 * (the bus cycles of a real 68020 differ; each byte charges its own 4
 * clocks); out of line, so that the 96 handlers stay small. */
static uint64_t bf_load(m68k_cpu *c, uint32_t a, unsigned n, bool rmw)
{
    uint64_t v = 0;
    for (unsigned i = 0; i < n; i++) {
        uint32_t b = rmw ? rmw8(c, a + i, AE_READ, 0) : rd8(c, a + i);
        v |= (uint64_t)b << (56 - 8 * i);
    }
    return v;
}
static void bf_store(m68k_cpu *c, uint32_t a, unsigned n, uint64_t v)
{
    for (unsigned i = 0; i < n; i++)
        wr8(c, a + i, (uint32_t)(v >> (56 - 8 * i)) & 0xFF);
}

/* Clocks beyond the extension word and the memory accesses, which charge
 * their own time: rough guesses of the 68020's cache-case times (not taken
 * from its tables; nothing here is timed exactly). */
static const int8_t bf_clocks_reg[8] = {6, 8, 12, 8, 12, 18, 12, 10};
static const int8_t bf_clocks_mem[8] = {8, 8, 12, 8, 12, 18, 12, 12};

/* `t` (BF_TST...) stands in the wrappers' size argument, so that each
 * instruction gets its own handlers with the operation folded in. */
M68K_INLINE void bitfield(m68k_cpu *c, uint32_t op, int m, int t)
{
    uint32_t ext = ext16(c);
    uint32_t off = ext & 0x800 ? c->d[ext >> 6 & 7] : (ext >> 6 & 31);
    uint32_t w = ((ext & 0x20 ? c->d[ext & 7] : ext) - 1) % 32 + 1; /* 1..32 */
    uint32_t mask = 0xFFFFFFFFu << (32 - w);                       /* top aligned */
    uint32_t *dr = &c->d[ext >> 12 & 7];
    /* BFINS: the low w bits of Dn, top aligned; flags come from them. */
    uint32_t ins = (*dr << (32 - w)) & mask;
    bool modifies = t == BF_CHG || t == BF_CLR || t == BF_SET || t == BF_INS;
    uint32_t field; /* top aligned */

    if (m == M_DN) {
        uint32_t *dn = &c->d[op & 7];
        uint32_t rot = rotl32(*dn, off);
        field = rot & mask;
        if (modifies) {
            uint32_t nf = bf_modify(t, field, mask, ins);
            *dn = rotr32((rot & ~mask) | nf, off);
        }
        c->budget -= bf_clocks_reg[t];
    } else {
        /* Byte address and bit within it from the signed offset (floor
         * division by 8, in unsigned arithmetic). */
        uint32_t a = ea_addr(c, m, op & 7, 1, false);
        a += (off >> 3) | (off & 0x80000000u ? 0xE0000000u : 0);
        unsigned bit = off & 7;
        unsigned n = (bit + w + 7) / 8; /* 1..5 bytes */
        uint64_t v = bf_load(c, a, n, modifies);
        field = (uint32_t)((v << bit) >> 32) & mask;
        if (modifies) {
            uint32_t nf = bf_modify(t, field, mask, ins);
            uint64_t m64 = ((uint64_t)mask << 32) >> bit;
            v = (v & ~m64) | (((uint64_t)nf << 32) >> bit);
            bf_store(c, a, n, v);
        }
        c->budget -= bf_clocks_mem[t];
    }

    set_logic(c, 4, t == BF_INS ? ins : field);
    switch (t) {
    case BF_EXTU:
        *dr = field >> (32 - w);
        break;
    case BF_EXTS: {
        uint32_t sign = 1u << (w - 1), u = field >> (32 - w);
        *dr = (u ^ sign) - sign;
        break;
    }
    case BF_FFO:
        /* The offset as given plus the first set bit's place in the field,
         * or the width.  A register offset is not reduced mod 32 here, as
         * reported from real hardware (qemu-m68k reduces it; see part 3 of
         * tests/guest040/bitfield.S). */
        *dr = off + (field ? clz32(field) : w);
        break;
    default:
        break;
    }
}
M68K_EA_WRAPPERS(h_bftst, bitfield, BF_TST)
M68K_EA_WRAPPERS(h_bfextu, bitfield, BF_EXTU)
M68K_EA_WRAPPERS(h_bfchg, bitfield, BF_CHG)
M68K_EA_WRAPPERS(h_bfexts, bitfield, BF_EXTS)
M68K_EA_WRAPPERS(h_bfclr, bitfield, BF_CLR)
M68K_EA_WRAPPERS(h_bfffo, bitfield, BF_FFO)
M68K_EA_WRAPPERS(h_bfset, bitfield, BF_SET)
M68K_EA_WRAPPERS(h_bfins, bitfield, BF_INS)

/* The register shift row (1110 ---- ---- ----, which decodes nothing with
 * size bits 11) covers these patterns too: ours win on the models that have
 * them, and the 68000/68010 keep them illegal. */
#define EA_BF_READ (EA_DN | EA_CTRL)
#define EA_BF_WRITE (EA_DN | EA_CTRLALT)
static const m68k_row rows[] = {
    {"1110 1000 11-- ----", K_EA, h_bftst, NULL, NULL, EA_BF_READ, MODELS_68020_UP, 1, "BFTST"},
    {"1110 1001 11-- ----", K_EA, h_bfextu, NULL, NULL, EA_BF_READ, MODELS_68020_UP, 1, "BFEXTU"},
    {"1110 1010 11-- ----", K_EA, h_bfchg, NULL, NULL, EA_BF_WRITE, MODELS_68020_UP, 1, "BFCHG"},
    {"1110 1011 11-- ----", K_EA, h_bfexts, NULL, NULL, EA_BF_READ, MODELS_68020_UP, 1, "BFEXTS"},
    {"1110 1100 11-- ----", K_EA, h_bfclr, NULL, NULL, EA_BF_WRITE, MODELS_68020_UP, 1, "BFCLR"},
    {"1110 1101 11-- ----", K_EA, h_bfffo, NULL, NULL, EA_BF_READ, MODELS_68020_UP, 1, "BFFFO"},
    {"1110 1110 11-- ----", K_EA, h_bfset, NULL, NULL, EA_BF_WRITE, MODELS_68020_UP, 1, "BFSET"},
    {"1110 1111 11-- ----", K_EA, h_bfins, NULL, NULL, EA_BF_WRITE, MODELS_68020_UP, 1, "BFINS"},
};
M68K_ROWS(m68k_rows_bitfield, rows)
