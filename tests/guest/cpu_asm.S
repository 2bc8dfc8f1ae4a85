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
    move.l  %a6,%a0             | pointers are returned in a0
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
    move.l  %a2,%a0
    movem.l (%sp)+,%d2-%d3/%a2
    rts

/* u32 movem_predec_base(u32 *buf): a0 = a1 = buf + 8, MOVEM.L a0-a1,-(a0).
 * The 68000 stores a0's initial value (68020+: that value less 4); returns buf[0]. */
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

/* Exception handlers for exc.c (tandem-run only: the program writes the
 * vector table in low RAM; qemu-m68k delivers signals instead).  They log the
 * vector, the stacked SR and PC and the SR inside the handler, add exc_skip to
 * the stacked PC and return with RTE. */
    .data
    .globl exc_log, exc_skip, exc_resume
exc_log:    .space 28           | count, vector, stacked SR, stacked PC, handler SR,
                                | fault address, IR (address error)
exc_skip:   .long 0
exc_resume: .long 0             | where the address-error handler resumes
    .text
    .irp vec,4,5,6,7,8,10,11,37,47
    .globl exc_handler_\vec
exc_handler_\vec:
    move.l  #\vec,exc_log+4
    bra.w   exc_common
    .endr
exc_common:
    move.l  %d0,-(%sp)
    addq.l  #1,exc_log
    moveq   #0,%d0
    move.w  4(%sp),%d0          | stacked SR
    move.l  %d0,exc_log+8
    move.l  6(%sp),exc_log+12   | stacked PC
    move.w  %sr,%d0
    move.l  %d0,exc_log+16
    move.l  exc_skip,%d0
    add.l   %d0,6(%sp)
    move.l  (%sp)+,%d0
    rte

/* 68000 address error: a 14-byte group-0 frame (status word, access address,
 * instruction register, SR, PC).  Resume at exc_resume. */
    .globl exc_handler_3
exc_handler_3:
    addq.l  #1,exc_log
    move.l  #3,exc_log+4
    move.l  2(%sp),exc_log+20
    clr.w   exc_log+24
    move.w  6(%sp),exc_log+26
    addq.l  #8,%sp
    clr.w   exc_log+8
    move.w  (%sp),exc_log+10
    move.l  exc_resume,2(%sp)
    rte

/* Self-modifying code, in a writable and executable section. */
    .section .smc,"awx"
    .globl smc_func, smc_func_end
smc_func:                       | u32 smc_func(void): returns its MOVEQ immediate
    moveq   #1,%d0
    rts
smc_func_end:

    .globl smc_add, smc_add_end
smc_add:                        | u32 smc_add(u32 a): a + 1000 (a different routine)
    move.l  4(%sp),%d0
    add.l   #1000,%d0
    rts
smc_add_end:

    .globl smc_self
smc_self:                       | u32 smc_self(u32 v): patches its own MOVEQ below, runs it
    move.l  4(%sp),%d0
    move.b  %d0,2f+1            | more than the 68000's prefetch ahead; the BRA
    bra.w   1f                  | ends qemu's translation block (qemu-m68k 7.2 misses
1:  nop                         | a patch inside the block it is executing)
2:  moveq   #0,%d0
    rts

    .globl smc_loop
smc_loop:                       | u32 smc_loop(u32 n): a loop whose body patches its own
    movem.l %d2-%d3,-(%sp)      | ADDQ count on every pass (1..8, cycling); returns the sum
    move.l  12(%sp),%d1
    moveq   #0,%d0
    subq.l  #1,%d1
3:  addq.l  #1,%d0
    move.w  3b,%d2              | the ADDQ's current opcode
    move.w  %d2,%d3
    add.w   #0x0200,%d3         | count field (bits 11-9) + 1; 0 means 8
    and.w   #0x0E00,%d3
    and.w   #0xF1FF,%d2
    or.w    %d3,%d2
    move.w  %d2,3b
    dbra    %d1,3b
    movem.l (%sp)+,%d2-%d3
    rts
