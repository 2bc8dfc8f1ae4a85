/* The XOR translation from guest addresses to host addresses, written once.
 *
 * A guest region lives in a host block of S bytes (S a power of two) whose host
 * address H is S-aligned.  The guest range starts at the S-aligned guest base B.
 * On a little-endian host the block is stored byte-reversed, so that
 *
 *     host(g) = K ^ g     with  K = H ^ B ^ (S - 1)
 *
 * and the big-endian n-byte guest value at g is the little-endian n-byte host
 * integer whose lowest byte is at host(g + n - 1).  On a big-endian host the
 * (S - 1) term is dropped and values are read in place at host(g).
 * No byte swap is ever executed: the reversal is in the layout.
 */
#ifndef TANDEM_MEM_XOR_H
#define TANDEM_MEM_XOR_H

#include <stdint.h>
#include <string.h>

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
#define MEM_HOST_BIG_ENDIAN 1
#else
#define MEM_HOST_BIG_ENDIAN 0
#endif

/* K for a block at host address `host`, `size` bytes, holding guest base `base`.
 * `big_endian_host` is a parameter so both formulas can be tested on any host. */
static inline uintptr_t mem_xor_key_for(uintptr_t host, uint32_t base, uint32_t size,
                                        int big_endian_host)
{
    return host ^ (uintptr_t)base ^ (big_endian_host ? 0 : (uintptr_t)(size - 1));
}

static inline uintptr_t mem_xor_key(uintptr_t host, uint32_t base, uint32_t size)
{
    return mem_xor_key_for(host, base, size, MEM_HOST_BIG_ENDIAN);
}

/* Host address of the lowest host byte of an n-byte guest access at g. */
static inline uintptr_t mem_xor_addr_for(uintptr_t k, uint32_t g, unsigned n, int big_endian_host)
{
    return big_endian_host ? (k ^ g) : (k ^ (uintptr_t)(uint32_t)(g + n - 1));
}

#define MEM_XOR_PTR(k, g, n) ((uint8_t *)mem_xor_addr_for((k), (g), (n), MEM_HOST_BIG_ENDIAN))

/* Loads and stores through K.  memcpy of a native integer compiles to one move;
 * the layout makes the native order the guest's value on either host. */
static inline uint32_t mem_xor_load8(uintptr_t k, uint32_t g)
{
    return *MEM_XOR_PTR(k, g, 1);
}
static inline uint32_t mem_xor_load16(uintptr_t k, uint32_t g)
{
    uint16_t v;
    memcpy(&v, MEM_XOR_PTR(k, g, 2), 2);
    return v;
}
static inline uint32_t mem_xor_load32(uintptr_t k, uint32_t g)
{
    uint32_t v;
    memcpy(&v, MEM_XOR_PTR(k, g, 4), 4);
    return v;
}
static inline void mem_xor_store8(uintptr_t k, uint32_t g, uint32_t v)
{
    *MEM_XOR_PTR(k, g, 1) = (uint8_t)v;
}
static inline void mem_xor_store16(uintptr_t k, uint32_t g, uint32_t v)
{
    uint16_t x = (uint16_t)v;
    memcpy(MEM_XOR_PTR(k, g, 2), &x, 2);
}
static inline void mem_xor_store32(uintptr_t k, uint32_t g, uint32_t v)
{
    memcpy(MEM_XOR_PTR(k, g, 4), &v, 4);
}

#endif
