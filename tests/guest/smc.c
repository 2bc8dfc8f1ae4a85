/* Self-modifying code: patch an instruction and run it, copy a routine and
 * run the copy, reuse the copy's buffer for another routine, and a loop that
 * rewrites its own body on every pass. */
#include "guest.h"

extern u8 smc_func[], smc_func_end[], smc_add[], smc_add_end[];
u32 smc_self(u32 v);
u32 smc_loop(u32 n);

static check ck = {"smc", 0, 0};
static u16 copy_buf[64] __attribute__((section(".smc")));

typedef u32 (*fn0)(void);
typedef u32 (*fn1)(u32);

int guest_main(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fn0 f = (fn0)(void *)smc_func;
    check_eq(&ck, "unpatched", f(), 1);
    for (u32 v = 0; v < 200; v++) {
        smc_func[1] = (u8)v; /* MOVEQ's immediate byte */
        check_eq(&ck, "patched moveq byte", f(), (u32)(s32)(s8)v);
    }
    *(volatile u16 *)smc_func = 0x70FF; /* the whole opcode: moveq #-1,d0 */
    check_eq(&ck, "patched opcode word", f(), 0xFFFFFFFF);
    *(volatile u16 *)smc_func = 0x7001;

    for (u32 v = 1; v < 100; v += 7)
        check_eq(&ck, "self-patching routine", smc_self(v), v);

    /* Copy a routine, run it, patch the copy, then overwrite the copy with another. */
    memcpy(copy_buf, smc_func, (size_t)(smc_func_end - smc_func));
    fn0 c0 = (fn0)(void *)copy_buf;
    check_eq(&ck, "copied routine", c0(), 1);
    ((u8 *)copy_buf)[1] = 42;
    check_eq(&ck, "patched copy", c0(), 42);
    check_eq(&ck, "original untouched", f(), 1);
    for (int round = 0; round < 20; round++) {
        memcpy(copy_buf, smc_add, (size_t)(smc_add_end - smc_add));
        check_eq(&ck, "other routine in the same buffer", ((fn1)(void *)copy_buf)((u32)round),
                 (u32)round + 1000);
        memcpy(copy_buf, smc_func, (size_t)(smc_func_end - smc_func));
        ((u8 *)copy_buf)[1] = (u8)round;
        check_eq(&ck, "first routine back", c0(), (u32)round);
    }

    u32 n = 1000, want = 0;
    for (u32 i = 0; i < n; i++)
        want += i % 8 + 1;
    check_eq(&ck, "loop rewriting its own body", smc_loop(n), want);
    return check_done(&ck);
}
