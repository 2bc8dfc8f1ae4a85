/* /init for the Quadra boot test's initramfs: no libc, Linux/m68k system
 * calls through TRAP #0 (number in d0, arguments in d1-d5 and a0).  Each
 * check prints one line; then the machine powers off
 * (reboot(LINUX_REBOOT_CMD_POWER_OFF)), which ends the run on VIA2's power
 * line.  Lines with values that differ between machines (the clock) start
 * with "tandem-init: time=".  With a SCSI disk (/dev/sda) it reads the
 * test's marker and writes a block. */
typedef unsigned long ulong;

static long sys6(long n, long a, long b, long c, long d, long e, long f)
{
    register long d0 __asm__("d0") = n;
    register long d1 __asm__("d1") = a;
    register long d2 __asm__("d2") = b;
    register long d3 __asm__("d3") = c;
    register long d4 __asm__("d4") = d;
    register long d5 __asm__("d5") = e;
    register long a0 __asm__("a0") = f;
    __asm__ volatile("trap #0"
                     : "+d"(d0)
                     : "d"(d1), "d"(d2), "d"(d3), "d"(d4), "d"(d5), "a"(a0)
                     : "memory");
    return d0;
}
#define sys3(n, a, b, c) sys6(n, (long)(a), (long)(b), (long)(c), 0, 0, 0)

enum { NR_exit = 1, NR_fork = 2, NR_read = 3, NR_write = 4, NR_open = 5, NR_close = 6,
       NR_lseek = 19, NR_reboot = 88, NR_wait4 = 114, NR_fsync = 118, NR_mmap2 = 192,
       NR_clock_gettime64 = 403 };

static ulong slen(const char *s)
{
    ulong n = 0;
    while (s[n])
        n++;
    return n;
}

static void put(const char *s)
{
    sys3(NR_write, 1, s, slen(s));
}

static void put_num(const char *label, ulong v)
{
    char buf[16];
    int i = 15;
    buf[i] = 0;
    do {
        buf[--i] = (char)('0' + v % 10);
        v /= 10;
    } while (v && i > 0);
    put(label);
    put(buf + i);
    put("\n");
}

static void check(const char *what, int ok)
{
    put("tandem-init: ");
    put(what);
    put(ok ? " ok\n" : " FAILED\n");
}

void _start(void)
{
    put("tandem-init: hello from /init\n");

    /* The clock Linux read from the RTC at boot: some time after 2020. */
    long long ts[2] = {0, 0}; /* struct __kernel_timespec */
    sys3(NR_clock_gettime64, 0 /* CLOCK_REALTIME */, ts, 0);
    ulong t = (ulong)ts[0];
    put_num("tandem-init: time=", t);
    check("clock", t > 1577836800ul);

    /* fork, and the child's exit status through wait4. */
    long pid = sys3(NR_fork, 0, 0, 0);
    if (pid == 0) {
        put("tandem-init: child running\n");
        sys3(NR_exit, 7, 0, 0);
    }
    int status = 0;
    long w = sys6(NR_wait4, pid, (long)&status, 0, 0, 0, 0);
    check("fork and wait", pid > 0 && w == pid && ((status >> 8) & 0xFF) == 7);

    /* 256 KB of fresh pages, each touched: page faults. */
    long p = sys6(NR_mmap2, 0, 256 * 1024, 3 /* read, write */, 0x22 /* private, anon */, -1,
                  0);
    ulong sum = 0;
    if ((ulong)p < 0xFFFFF000ul) {
        volatile unsigned char *m = (volatile unsigned char *)p;
        for (ulong i = 0; i < 256 * 1024; i += 4096)
            m[i] = (unsigned char)(i >> 12);
        for (ulong i = 0; i < 256 * 1024; i += 4096)
            sum += m[i];
    }
    check("page faults", sum == 63 * 64 / 2);

    /* The FPU, and FSIN, which the 68040 leaves to the kernel's FPSP. */
    volatile double x = 0.5, y = 3.0;
    double prod = x * y + 0.25; /* 1.75 */
    double s;
    __asm__ volatile("fsin.x %1,%0" : "=f"(s) : "f"(x));
    long milli = (long)(s * 1000000.0); /* sin(0.5) = 0.479425... */
    check("fpu", prod == 1.75 && milli >= 479425 && milli <= 479426);

    /* The framebuffer: a bar across the top of /dev/fb0 in colour 15 (white
     * in the console palette). */
    long fb = sys3(NR_open, "/dev/fb0", 1 /* write only */, 0);
    int fb_ok = 0;
    if (fb >= 0) {
        static unsigned char row[640 * 8];
        for (ulong i = 0; i < sizeof row; i++)
            row[i] = 0x0F;
        fb_ok = sys3(NR_write, fb, row, sizeof row) == (long)sizeof row;
        sys3(NR_close, fb, 0, 0);
    }
    check("framebuffer", fb_ok);

    /* The SCSI disk, when there is one: the test's marker at byte 1024,
     * and a block written at byte 4096 (the test reads the image after). */
    long sd = sys3(NR_open, "/dev/sda", 2 /* read and write */, 0);
    if (sd >= 0) {
        static char block[512];
        int ok = sys3(NR_lseek, sd, 1024, 0) == 1024 && sys3(NR_read, sd, block, 10) == 10;
        static const char marker[] = "TANDEMDISK", text[] = "written by tandem-init";
        for (int i = 0; ok && i < 10; i++)
            ok = block[i] == marker[i];
        check("disk read", ok);
        for (ulong i = 0; i < sizeof block; i++)
            block[i] = i < sizeof text ? text[i] : 0;
        ok = sys3(NR_lseek, sd, 4096, 0) == 4096 &&
             sys3(NR_write, sd, block, sizeof block) == (long)sizeof block &&
             sys3(NR_fsync, sd, 0, 0) == 0;
        check("disk write", ok);
        sys3(NR_close, sd, 0, 0);
    }

    put("tandem-init: powering off\n");
    sys3(NR_reboot, 0xfee1dead, 672274793, 0x4321FEDC);
    for (;;)
        sys3(NR_exit, 0, 0, 0);
}
