/* Exceptions taken and returned from, with handlers the program installs in
 * the vector table (tandem-run maps it as user-writable RAM; the handlers run
 * in supervisor mode).  Runner-only: qemu-m68k turns these into signals.
 * With the argument "unhandled" it executes ILLEGAL with no handler, to test
 * the runner's report. */
#include "guest.h"

typedef struct exc_record {
    u32 count, vector, sr, pc, handler_sr, fault_addr, ir;
} exc_record;
extern volatile exc_record exc_log;
extern volatile u32 exc_skip, exc_resume;
void exc_handler_3(void), exc_handler_4(void), exc_handler_5(void), exc_handler_6(void),
    exc_handler_7(void), exc_handler_8(void), exc_handler_10(void), exc_handler_11(void),
    exc_handler_37(void), exc_handler_47(void);

static check ck = {"exceptions", 0, 0};

static void install(u32 vector, void (*handler)(void))
{
    volatile u32 *table = (volatile u32 *)0;
    __asm__("" : "+a"(table)); /* address 0 is the vector table, not a null pointer */
    table[vector] = (u32)handler;
}

static void reset_log(u32 skip)
{
    exc_log.count = exc_log.vector = exc_log.sr = exc_log.pc = 0;
    exc_log.handler_sr = exc_log.fault_addr = exc_log.ir = 0;
    exc_skip = skip;
}

static void expect(const char *what, u32 vector, u32 pc)
{
    printf("%s: count=%u vector=%u\n", what, exc_log.count, exc_log.vector);
    check_eq(&ck, what, exc_log.count, 1);
    check_eq(&ck, what, exc_log.vector, vector);
    check_eq(&ck, what, exc_log.pc, pc);
    check_eq(&ck, "handler runs in supervisor mode", exc_log.handler_sr & 0x2000, 0x2000);
    check_eq(&ck, "interrupted code was in user mode", exc_log.sr & 0x2000, 0);
}

int guest_main(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "unhandled") == 0) {
        printf("executing ILLEGAL with no handler\n");
        flush();
        __asm__ volatile("illegal");
        return 0;
    }
    u32 pc, r;
    install(37, exc_handler_37);
    install(47, exc_handler_47);
    install(4, exc_handler_4);
    install(5, exc_handler_5);
    install(6, exc_handler_6);
    install(7, exc_handler_7);
    install(8, exc_handler_8);
    install(10, exc_handler_10);
    install(11, exc_handler_11);
    install(3, exc_handler_3);

    /* TRAP: the stacked PC is the next instruction. */
    reset_log(0);
    __asm__ volatile("trap #5\n1:\tlea 1b,%0" : "=a"(pc));
    expect("trap #5", 37, pc);
    reset_log(0);
    __asm__ volatile("trap #15\n1:\tlea 1b,%0" : "=a"(pc));
    expect("trap #15", 47, pc);

    /* Illegal, line A, line F: the stacked PC is the instruction itself. */
    reset_log(2);
    __asm__ volatile("lea 1f,%0\n1:\tillegal" : "=a"(pc));
    expect("illegal", 4, pc);
    reset_log(2);
    __asm__ volatile("lea 1f,%0\n1:\t.short 0xA123" : "=a"(pc));
    expect("line A", 10, pc);
    reset_log(2);
    __asm__ volatile("lea 1f,%0\n1:\t.short 0xF123" : "=a"(pc));
    expect("line F", 11, pc);

    /* Privilege violation: MOVE to SR in user mode; the PC is the instruction. */
    reset_log(4);
    __asm__ volatile("lea 1f,%0\n1:\tmove.w #0x2700,%%sr" : "=a"(pc));
    expect("privilege violation", 8, pc);

    /* Divide by zero: the PC is the next instruction; the destination is unchanged. */
    reset_log(0);
    r = 1234;
    __asm__ volatile("moveq #0,%%d1\n\tdivu.w %%d1,%1\n1:\tlea 1b,%0"
                     : "=a"(pc), "+d"(r)
                     :
                     : "d1", "cc");
    expect("divu by zero", 5, pc);
    check_eq(&ck, "divu by zero leaves the destination", r, 1234);
    reset_log(0);
    __asm__ volatile("moveq #0,%%d1\n\tdivs.w %%d1,%1\n1:\tlea 1b,%0"
                     : "=a"(pc), "+d"(r)
                     :
                     : "d1", "cc");
    expect("divs by zero", 5, pc);

    /* DIVS.W 0x80000000 / -1 overflows (V set), no exception. */
    reset_log(0);
    u32 d = 0x80000000;
    u8 v;
    __asm__ volatile("moveq #-1,%%d1\n\tdivs.w %%d1,%0\n\tsvs %1" : "+d"(d), "=d"(v) : : "d1", "cc");
    check_eq(&ck, "divs 0x80000000/-1 sets V", v, 0xFF);
    check_eq(&ck, "divs 0x80000000/-1 leaves the destination", d, 0x80000000);
    check_eq(&ck, "divs overflow is not an exception", exc_log.count, 0);

    /* CHK: out of bounds below 0 (N set) and above the bound (N clear); in bounds. */
    static const struct {
        s32 value, bound;
        int trap;
        u32 n;
    } chk[] = {{-1, 10, 1, 8}, {11, 10, 1, 0}, {5, 10, 0, 0}, {0, 0, 0, 0}, {-32768, 5, 1, 8}};
    for (unsigned i = 0; i < sizeof chk / sizeof chk[0]; i++) {
        reset_log(0);
        u32 val = (u32)chk[i].value, bound = (u32)chk[i].bound;
        __asm__ volatile("chk.w %2,%1\n1:\tlea 1b,%0" : "=a"(pc), "+d"(val) : "d"(bound) : "cc");
        if (chk[i].trap) {
            expect("chk out of bounds", 6, pc);
            check_eq(&ck, "chk N flag", exc_log.sr & 8, chk[i].n);
        } else
            check_eq(&ck, "chk in bounds", exc_log.count, 0);
    }

    /* TRAPV: only with V set. */
    reset_log(0);
    __asm__ volatile("move.w #0,%%ccr\n\ttrapv" : : : "cc");
    check_eq(&ck, "trapv with V clear", exc_log.count, 0);
    __asm__ volatile("move.w #2,%%ccr\n\ttrapv\n1:\tlea 1b,%0" : "=a"(pc) : : "cc");
    expect("trapv", 7, pc);

    /* Address error: a word read at an odd address (68000 group-0 frame). */
    static u16 words[4] = {0x1111, 0x2222, 0x3333, 0x4444};
    reset_log(0);
    const u8 *odd = (const u8 *)words + 1;
    __asm__ volatile("lea 2f,%%a1\n\tmove.l %%a1,exc_resume\n\tlea 1f,%1\n"
                     "1:\tmove.w (%2),%0\n2:"
                     : "=d"(r), "=&a"(pc)
                     : "a"(odd)
                     : "a1", "memory");
    check_eq(&ck, "address error taken", exc_log.count, 1);
    check_eq(&ck, "address error vector", exc_log.vector, 3);
    check_eq(&ck, "address error access address", exc_log.fault_addr, (u32)odd);
    check_eq(&ck, "address error instruction register", exc_log.ir, *(const u16 *)pc);
    printf("address error: count=%u address=%s ir=%s\n", exc_log.count,
           exc_log.fault_addr == (u32)odd ? "ok" : "wrong",
           exc_log.ir == *(const u16 *)pc ? "ok" : "wrong");

    /* Handlers nest with the program's own state intact. */
    reset_log(0);
    u32 sum = 0;
    for (int i = 0; i < 100; i++) {
        __asm__ volatile("trap #5");
        sum += i;
    }
    check_eq(&ck, "100 traps", exc_log.count, 100);
    check_eq(&ck, "state across traps", sum, 4950);
    return check_done(&ck);
}
