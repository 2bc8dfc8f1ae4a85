/* /init for the Quadra boot test's initramfs: no libc, Linux/m68k system
 * calls through TRAP #0.  Prints a banner on the console, then powers off
 * (reboot(LINUX_REBOOT_CMD_POWER_OFF)), which ends the run on the machine's
 * VIA2 power line. */
static long sys3(long n, long a, long b, long c)
{
    register long d0 __asm__("d0") = n;
    register long d1 __asm__("d1") = a;
    register long d2 __asm__("d2") = b;
    register long d3 __asm__("d3") = c;
    __asm__ volatile("trap #0" : "+d"(d0) : "d"(d1), "d"(d2), "d"(d3) : "memory");
    return d0;
}

void _start(void)
{
    static const char msg[] = "tandem-init: hello from /init\n";
    sys3(4, 1, (long)msg, sizeof msg - 1);              /* write(1, ...) */
    sys3(88, 0xfee1dead, 672274793, 0x4321FEDC);        /* reboot: power off */
    for (;;)
        sys3(1, 0, 0, 0);                               /* exit(0) */
}
