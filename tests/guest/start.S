/* Process entry for guest programs: Linux/m68k hands over with the stack
 * holding argc, argv[], NULL, envp[], NULL, auxv. */
    .section .text.start,"ax"
    .globl _start
_start:
    move.l  (%sp),%d0           | argc
    lea     4(%sp),%a0          | argv
    move.l  %a0,-(%sp)
    move.l  %d0,-(%sp)
    jsr     guest_main
    move.l  %d0,-(%sp)
    jsr     sys_exit            | flushes stdout, never returns

/* long guest_syscall(long nr, long a, long b, long c): TRAP #0 with the number
 * in d0 and arguments in d1-d3 (d2/d3 are callee-saved in the C ABI). */
    .text
    .globl guest_syscall
guest_syscall:
    movem.l %d2-%d3,-(%sp)
    movem.l 12(%sp),%d0-%d3
    trap    #0
    movem.l (%sp)+,%d2-%d3
    rts

    .section .note.GNU-stack,"",@progbits
