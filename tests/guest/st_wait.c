/* A TOS program for the ST desktop test: prints one line with GEMDOS Cconws,
 * waits for a key with Cconin (so the line stays on screen for the test to
 * see), then ends with Pterm0.  The message's address is an absolute long in
 * data that GEMDOS relocates at load time.  Built by elf2prg into st_wait.prg. */

static const char message[] = "Tandem ST: press a key\r\n";
static const char *volatile message_ptr = message;

static void cconws(const char *s)
{
    __asm__ volatile("move.l %0,-(%%sp)\n\tmove.w #9,-(%%sp)\n\ttrap #1\n\taddq.l #6,%%sp"
                     :
                     : "g"(s)
                     : "d0", "d1", "d2", "a0", "a1", "a2", "memory", "cc");
}

static void cconin(void)
{
    __asm__ volatile("move.w #1,-(%%sp)\n\ttrap #1\n\taddq.l #2,%%sp"
                     :
                     :
                     : "d0", "d1", "d2", "a0", "a1", "a2", "memory", "cc");
}

__attribute__((section(".text.start"), noreturn)) void _start(void)
{
    cconws(message_ptr);
    cconin();
    __asm__ volatile("clr.w -(%%sp)\n\ttrap #1" : : : "memory");
    for (;;)
        ;
}
