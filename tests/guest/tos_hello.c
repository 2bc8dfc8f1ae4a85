/* A TOS program for the ST boot test: prints one line with GEMDOS Cconws
 * (TRAP #1, function 9) and ends with Pterm0.  Built by elf2prg into
 * tos_hello.prg; the string's address is relocated by GEMDOS at load time. */

static const char message[] = "Hello from a Tandem PRG\r\n";
static const char *volatile message_ptr = message; /* an absolute long in data: relocated */

static void cconws(const char *s)
{
    __asm__ volatile("move.l %0,-(%%sp)\n\tmove.w #9,-(%%sp)\n\ttrap #1\n\taddq.l #6,%%sp"
                     :
                     : "g"(s)
                     : "d0", "d1", "d2", "a0", "a1", "a2", "memory", "cc");
}

__attribute__((section(".text.start"), noreturn)) void _start(void)
{
    cconws(message_ptr);
    __asm__ volatile("clr.w -(%%sp)\n\ttrap #1" : : : "memory");
    for (;;)
        ;
}
