/* 128-bit helpers on uint64_t halves for the FPU's soft-float (fpu_float.c,
 * fpu_trans.c): count leading zeros, 64x64->128 multiply (unsigned __int128
 * where the host has it, else 32-bit halves; -DFX_NO_INT128 forces the
 * halves), shifts with a sticky bit. */
#ifndef TANDEM_M68K_FPU_U128_H
#define TANDEM_M68K_FPU_U128_H

#include <stdint.h>

#define BIT63 UINT64_C(0x8000000000000000)

static inline int clz64(uint64_t v)
{
    int n = 0;
    if (!v)
        return 64;
    if (!(v & UINT64_C(0xFFFFFFFF00000000))) { n += 32; v <<= 32; }
    if (!(v & UINT64_C(0xFFFF000000000000))) { n += 16; v <<= 16; }
    if (!(v & UINT64_C(0xFF00000000000000))) { n += 8; v <<= 8; }
    if (!(v & UINT64_C(0xF000000000000000))) { n += 4; v <<= 4; }
    if (!(v & UINT64_C(0xC000000000000000))) { n += 2; v <<= 2; }
    if (!(v & BIT63)) n += 1;
    return n;
}

/* 64x64 -> 128. */
static inline void mul64(uint64_t a, uint64_t b, uint64_t *hi, uint64_t *lo)
{
#if defined(__SIZEOF_INT128__) && !defined(FX_NO_INT128) /* -DFX_NO_INT128 tries the fallback */
    unsigned __int128 p = (unsigned __int128)a * b;
    *hi = (uint64_t)(p >> 64);
    *lo = (uint64_t)p;
#else
    uint64_t a0 = a & 0xFFFFFFFFu, a1 = a >> 32, b0 = b & 0xFFFFFFFFu, b1 = b >> 32;
    uint64_t p00 = a0 * b0, p01 = a0 * b1, p10 = a1 * b0, p11 = a1 * b1;
    uint64_t mid = (p00 >> 32) + (p01 & 0xFFFFFFFFu) + (p10 & 0xFFFFFFFFu);
    *lo = (p00 & 0xFFFFFFFFu) | mid << 32;
    *hi = p11 + (p01 >> 32) + (p10 >> 32) + (mid >> 32);
#endif
}

/* (hi, lo) >>= n with the bits shifted out ORed into bit 0 (sticky). */
static inline void shr128_sticky(uint64_t *hi, uint64_t *lo, int n)
{
    if (n <= 0)
        return;
    if (n >= 128) {
        *lo = (*hi | *lo) != 0;
        *hi = 0;
        return;
    }
    uint64_t h = *hi, l = *lo, sticky;
    if (n >= 64) {
        sticky = l | (n > 64 ? h << (128 - n) : 0);
        l = n == 64 ? h : h >> (n - 64);
        h = 0;
    } else {
        sticky = l << (64 - n);
        l = l >> n | h << (64 - n);
        h >>= n;
    }
    *hi = h;
    *lo = l | (sticky != 0);
}

static inline void shl128(uint64_t *hi, uint64_t *lo, int n)
{
    if (n <= 0)
        return;
    if (n >= 64) {
        *hi = *lo << (n - 64);
        *lo = 0;
    } else {
        *hi = *hi << n | *lo >> (64 - n);
        *lo <<= n;
    }
}

#endif
