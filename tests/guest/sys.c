/* The Linux system calls tandem-run provides, as a program sees them: write
 * to stdout/stderr, bad descriptors and buffers, zero lengths, brk growth,
 * refusal and shrink.  With the argument "unsupported" it calls read(2),
 * which the runner must refuse by name. */
#include "guest.h"

static check ck = {"syscalls", 0, 0};

int guest_main(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "unsupported") == 0) {
        char c;
        guest_syscall(3, 0, (long)&c, 1);
        return 0;
    }
    flush();
    check_eq(&ck, "write to stdout", (u32)sys_write(1, "out\n", 4), 4);
    check_eq(&ck, "write of nothing", (u32)sys_write(1, "", 0), 0);
    check_eq(&ck, "bad descriptor: EBADF", (u32)sys_write(7, "x", 1), (u32)-9);
    check_eq(&ck, "unmapped buffer: EFAULT", (u32)sys_write(1, (const void *)0xFFFFF000, 16),
             (u32)-14);
    char *cur = sys_brk(0);
    check_eq(&ck, "brk(0) is page aligned", (u32)cur & 4095, 0);
    check_eq(&ck, "brk grows", (u32)sys_brk(cur + 100000), (u32)(cur + 100000));
    cur[99999] = 1;
    cur[5000] = 7;
    check_eq(&ck, "brk refuses 1 GB", (u32)sys_brk(cur + 0x40000000), (u32)(cur + 100000));
    check_eq(&ck, "brk shrinks", (u32)sys_brk(cur + 4096), (u32)(cur + 4096));
    check_eq(&ck, "brk grows back", (u32)sys_brk(cur + 8192), (u32)(cur + 8192));
    check_eq(&ck, "regrown memory reads zero", (u32)cur[5000], 0);
    return check_done(&ck);
}
