/* 32-bit multiply and divide for the 68000, replacing libgcc's (which Debian
 * builds with 68020 instructions).  C calling convention: arguments on the
 * stack, result in d0, d0/d1/a0/a1 scratch. */
    .text

/* unsigned long __mulsi3(a, b): low 32 bits from three 16x16 products. */
    .globl __mulsi3
__mulsi3:
    move.w  4(%sp),%d0          | a.hi
    mulu.w  10(%sp),%d0         | a.hi * b.lo
    move.w  6(%sp),%d1          | a.lo
    mulu.w  8(%sp),%d1          | a.lo * b.hi
    add.w   %d1,%d0
    swap    %d0
    clr.w   %d0
    move.w  6(%sp),%d1
    mulu.w  10(%sp),%d1         | a.lo * b.lo
    add.l   %d1,%d0
    rts

/* udivmod: d0 = n, d1 = d  ->  d0 = n / d, d1 = n % d.  Division by zero
 * raises the CPU's divide-by-zero exception, as Linux programs expect. */
udivmod:
    movem.l %d2-%d3,-(%sp)
    cmp.l   #0xffff,%d1
    bhi.s   1f
    /* 16-bit divisor: two DIVU.W steps, high word then low word. */
    move.l  %d0,%d2
    clr.w   %d2
    swap    %d2                 | n >> 16
    divu.w  %d1,%d2             | r1:q1
    move.w  %d2,%d3             | q1
    move.w  %d0,%d2             | r1:n.lo
    divu.w  %d1,%d2             | r:q0
    swap    %d3
    move.w  %d2,%d3             | q1:q0
    clr.w   %d2
    swap    %d2                 | r
    move.l  %d3,%d0
    move.l  %d2,%d1
    movem.l (%sp)+,%d2-%d3
    rts
1:  /* Wide divisor: restoring shift-and-subtract, one quotient bit a step. */
    moveq   #31,%d3
    moveq   #0,%d2
2:  add.l   %d0,%d0
    addx.l  %d2,%d2
    cmp.l   %d1,%d2
    bcs.s   3f
    sub.l   %d1,%d2
    addq.l  #1,%d0
3:  dbra    %d3,2b
    move.l  %d2,%d1
    movem.l (%sp)+,%d2-%d3
    rts

    .globl __udivsi3
__udivsi3:
    move.l  4(%sp),%d0
    move.l  8(%sp),%d1
    bsr.w   udivmod
    rts

    .globl __umodsi3
__umodsi3:
    move.l  4(%sp),%d0
    move.l  8(%sp),%d1
    bsr.w   udivmod
    move.l  %d1,%d0
    rts

/* Signed: divide magnitudes; the quotient is negative when the signs differ,
 * the remainder takes the dividend's sign (C99 truncation). */
    .globl __divsi3
__divsi3:
    move.l  %d2,-(%sp)
    move.l  8(%sp),%d0
    move.l  12(%sp),%d1
    move.l  %d0,%d2
    eor.l   %d1,%d2             | sign of the quotient in bit 31
    tst.l   %d0
    bpl.s   1f
    neg.l   %d0
1:  tst.l   %d1
    bpl.s   2f
    neg.l   %d1
2:  bsr.w   udivmod
    tst.l   %d2
    bpl.s   3f
    neg.l   %d0
3:  move.l  (%sp)+,%d2
    rts

    .globl __modsi3
__modsi3:
    move.l  %d2,-(%sp)
    move.l  8(%sp),%d0
    move.l  12(%sp),%d1
    move.l  %d0,%d2             | sign of the remainder
    bpl.s   1f
    neg.l   %d0
1:  tst.l   %d1
    bpl.s   2f
    neg.l   %d1
2:  bsr.w   udivmod
    move.l  %d1,%d0
    tst.l   %d2
    bpl.s   3f
    neg.l   %d0
3:  move.l  (%sp)+,%d2
    rts

    .section .note.GNU-stack,"",@progbits
