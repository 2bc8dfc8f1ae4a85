/* Run one instruction on guest registers and capture X N Z V C.  The flags go
 * through Scc (legal in user mode on every 68k) and X through ADDX, so the
 * same binary works on a 68000 and under qemu-m68k. */
#ifndef GUEST_FLAGS_H
#define GUEST_FLAGS_H

#include "guest.h"

enum { F_C = 1, F_V = 2, F_Z = 4, F_N = 8, F_X = 16 };

static inline u32 pack_flags(const u8 f[4], u32 x)
{
    return (f[0] ? F_C : 0) | (f[1] ? F_V : 0) | (f[2] ? F_Z : 0) | (f[3] ? F_N : 0) |
           (x ? F_X : 0);
}

/* Two-operand form "INSN src,dst" with data registers; ccr_in sets X/Z first. */
#define RUN2(INSN, src, dst, ccr_in, res, flags)                                     \
    do {                                                                             \
        u32 d_ = (dst), x_;                                                          \
        u8 f_[4];                                                                    \
        __asm__ volatile("move.w %[ci],%%ccr\n\t" INSN " %[s],%[d]\n\t"              \
                         "scs %[f0]\n\tsvs %[f1]\n\tseq %[f2]\n\tsmi %[f3]\n\t"      \
                         "moveq #0,%[x]\n\taddx.b %[x],%[x]"                         \
                         : [d] "+d"(d_), [x] "=&d"(x_), [f0] "=m"(f_[0]),            \
                           [f1] "=m"(f_[1]), [f2] "=m"(f_[2]), [f3] "=m"(f_[3])      \
                         : [s] "d"(src), [ci] "d"((u32)(ccr_in))                     \
                         : "cc");                                                    \
        (res) = d_;                                                                  \
        (flags) = pack_flags(f_, x_);                                                \
    } while (0)

/* One-operand form "INSN dst". */
#define RUN1(INSN, dst, ccr_in, res, flags)                                          \
    do {                                                                             \
        u32 d_ = (dst), x_;                                                          \
        u8 f_[4];                                                                    \
        __asm__ volatile("move.w %[ci],%%ccr\n\t" INSN " %[d]\n\t"                   \
                         "scs %[f0]\n\tsvs %[f1]\n\tseq %[f2]\n\tsmi %[f3]\n\t"      \
                         "moveq #0,%[x]\n\taddx.b %[x],%[x]"                         \
                         : [d] "+d"(d_), [x] "=&d"(x_), [f0] "=m"(f_[0]),            \
                           [f1] "=m"(f_[1]), [f2] "=m"(f_[2]), [f3] "=m"(f_[3])      \
                         : [ci] "d"((u32)(ccr_in))                                   \
                         : "cc");                                                    \
        (res) = d_;                                                                  \
        (flags) = pack_flags(f_, x_);                                                \
    } while (0)

#endif
