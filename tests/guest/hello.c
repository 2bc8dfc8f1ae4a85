/* The smallest guest: prints its arguments, grows the heap with brk, and
 * exits with the status given as its first argument (default 0). */
#include "guest.h"

int guest_main(int argc, char **argv)
{
    const char *name = argv[0];
    for (const char *p = argv[0]; *p; p++)
        if (*p == '/')
            name = p + 1;
    printf("hello from the guest: %s, argc=%d\n", name, argc);
    for (int i = 1; i < argc; i++)
        printf("argv[%d]=%s\n", i, argv[i]);
    char *base = sys_brk(0);
    char *top = sys_brk(base + 8192);
    int ok = top == base + 8192;
    if (ok) {
        memset(base, 0x5a, 8192);
        ok = base[0] == 0x5a && base[8191] == 0x5a;
    }
    printf("brk %s\n", ok ? "ok" : "failed");
    printf("%s hello\n", ok ? "PASS" : "FAIL");
    return argc > 1 ? (int)atol(argv[1]) : !ok;
}
