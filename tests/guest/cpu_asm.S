/* Assembly helpers for the CPU tests (linked into every guest program). */
    .text

/* u32 *movem_load_store(const u32 *src, u32 *dst_end): MOVEM.L (src),d1-d7/a0-a5,
 * then MOVEM.L d1-d7/a0-a5,-(dst_end); returns the final predecremented pointer. */
    .globl movem_load_store
movem_load_store:
    movem.l %d2-%d7/%a2-%a6,-(%sp)
    move.l  48(%sp),%a6
    movem.l (%a6),%d1-%d7/%a0-%a5
    move.l  52(%sp),%a6
    movem.l %d1-%d7/%a0-%a5,-(%a6)
    move.l  %a6,%d0
    movem.l (%sp)+,%d2-%d7/%a2-%a6
    rts

/* movem_word_load(const u16 *src, u32 *out): MOVEM.W sign-extends into
 * registers, (An)+ form; stores d0-d3/a0-a1 as longs and returns the final An. */
    .globl movem_word_load
movem_word_load:
    movem.l %d2-%d3/%a2,-(%sp)
    move.l  16(%sp),%a2
    movem.w (%a2)+,%d0-%d3/%a0-%a1
    move.l  20(%sp),%a1
    move.l  %d0,(%a1)+
    move.l  %d1,(%a1)+
    move.l  %d2,(%a1)+
    move.l  %d3,(%a1)+
    move.l  %a0,(%a1)+
    move.l  %a2,%d0
    movem.l (%sp)+,%d2-%d3/%a2
    rts

/* u32 movem_predec_base(u32 *buf): a0 = a1 = buf + 8, MOVEM.L a0-a1,-(a0).
 * The 68000 stores a0's initial value (68020+: the decremented one); returns buf[0]. */
    .globl movem_predec_base
movem_predec_base:
    move.l  4(%sp),%a0
    lea     8(%a0),%a0
    move.l  %a0,%a1
    movem.l %a0-%a1,-(%a0)
    move.l  (%a0),%d0
    rts

/* movep_write(u8 *buf, u32 value): MOVEP.L d0,1(a0) then MOVEP.W d0,10(a0). */
    .globl movep_write
movep_write:
    move.l  4(%sp),%a0
    move.l  8(%sp),%d0
    movep.l %d0,1(%a0)
    movep.w %d0,10(%a0)
    rts

/* u32 movep_read_l(const u8 *buf): MOVEP.L 1(a0),d0.  */
    .globl movep_read_l
movep_read_l:
    move.l  4(%sp),%a0
    movep.l 1(%a0),%d0
    rts

/* u32 movep_read_w(const u8 *buf): d0 = 0x12345678, MOVEP.W 0(a0),d0 keeps the high word. */
    .globl movep_read_w
movep_read_w:
    move.l  4(%sp),%a0
    move.l  #0x12345678,%d0
    movep.w 0(%a0),%d0
    rts

    .section .note.GNU-stack,"",@progbits
