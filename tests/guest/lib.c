/* Runtime for guest programs: syscalls, buffered stdout, printf subset, strings. */
#include "guest.h"

#include <stdarg.h>

enum { NR_EXIT = 1, NR_WRITE = 4, NR_BRK = 45 };

static char outbuf[512];
static unsigned outlen;

void flush(void)
{
    unsigned off = 0;
    while (off < outlen) {
        long n = sys_write(1, outbuf + off, outlen - off);
        if (n <= 0)
            break;
        off += (unsigned)n;
    }
    outlen = 0;
}

static void put(char ch)
{
    if (outlen == sizeof outbuf)
        flush();
    outbuf[outlen++] = ch;
    if (ch == '\n')
        flush();
}

void sys_exit(int status)
{
    flush();
    for (;;)
        guest_syscall(NR_EXIT, status, 0, 0);
}

long sys_write(int fd, const void *buf, size_t len)
{
    return guest_syscall(NR_WRITE, fd, (long)buf, (long)len);
}

void *sys_brk(void *addr)
{
    return (void *)guest_syscall(NR_BRK, (long)addr, 0, 0);
}

void *memcpy(void *dst, const void *src, size_t n)
{
    u8 *d = dst;
    const u8 *s = src;
    if ((((u32)d | (u32)s) & 1) == 0) {
        while (n >= 4) {
            *(u32 *)d = *(const u32 *)s;
            d += 4;
            s += 4;
            n -= 4;
        }
    }
    while (n--)
        *d++ = *s++;
    return dst;
}

void *memmove(void *dst, const void *src, size_t n)
{
    u8 *d = dst;
    const u8 *s = src;
    if (d <= s || d >= s + n)
        return memcpy(dst, src, n);
    while (n--)
        d[n] = s[n];
    return dst;
}

void *memset(void *dst, int c, size_t n)
{
    u8 *d = dst;
    u32 v = (u8)c;
    v |= v << 8;
    v |= v << 16;
    while (n && ((u32)d & 1)) {
        *d++ = (u8)c;
        n--;
    }
    while (n >= 4) {
        *(u32 *)d = v;
        d += 4;
        n -= 4;
    }
    while (n--)
        *d++ = (u8)c;
    return dst;
}

int memcmp(const void *a, const void *b, size_t n)
{
    const u8 *x = a, *y = b;
    for (; n; n--, x++, y++)
        if (*x != *y)
            return *x < *y ? -1 : 1;
    return 0;
}

size_t strlen(const char *s)
{
    const char *p = s;
    while (*p)
        p++;
    return (size_t)(p - s);
}

int strcmp(const char *a, const char *b)
{
    while (*a && *a == *b)
        a++, b++;
    return (u8)*a - (u8)*b;
}

char *strcpy(char *dst, const char *src)
{
    char *d = dst;
    while ((*d++ = *src++))
        ;
    return dst;
}

char *strcat(char *dst, const char *src)
{
    strcpy(dst + strlen(dst), src);
    return dst;
}

long atol(const char *s)
{
    long v = 0;
    int neg = *s == '-';
    if (neg)
        s++;
    while (*s >= '0' && *s <= '9')
        v = v * 10 + (*s++ - '0');
    return neg ? -v : v;
}

static int put_num(u32 v, unsigned base, int width, char pad, int neg)
{
    char tmp[12];
    int n = 0, count = 0;
    do {
        unsigned d = v % base;
        tmp[n++] = (char)(d < 10 ? '0' + d : 'a' + d - 10);
        v /= base;
    } while (v);
    if (neg)
        tmp[n++] = '-';
    for (; width > n; width--, count++)
        put(pad);
    while (n) {
        put(tmp[--n]);
        count++;
    }
    return count;
}

int printf(const char *fmt, ...)
{
    va_list ap;
    int count = 0;
    va_start(ap, fmt);
    for (; *fmt; fmt++) {
        if (*fmt != '%') {
            put(*fmt);
            count++;
            continue;
        }
        fmt++;
        char pad = ' ';
        int width = 0;
        if (*fmt == '0')
            pad = '0', fmt++;
        while (*fmt >= '0' && *fmt <= '9')
            width = width * 10 + (*fmt++ - '0');
        if (*fmt == 'l')
            fmt++;
        switch (*fmt) {
        case 'd': {
            int v = va_arg(ap, int);
            count += put_num(v < 0 ? -(u32)v : (u32)v, 10, width, pad, v < 0);
            break;
        }
        case 'u':
            count += put_num(va_arg(ap, u32), 10, width, pad, 0);
            break;
        case 'x':
            count += put_num(va_arg(ap, u32), 16, width, pad, 0);
            break;
        case 'c':
            put((char)va_arg(ap, int));
            count++;
            break;
        case 's': {
            const char *s = va_arg(ap, const char *);
            for (; *s; s++, count++)
                put(*s);
            break;
        }
        case '%':
            put('%');
            count++;
            break;
        default:
            put('%');
            put(*fmt);
            count += 2;
            break;
        }
        if (!*fmt)
            break;
    }
    va_end(ap);
    return count;
}

void check_eq(check *c, const char *what, u32 got, u32 want)
{
    if (got == want) {
        c->passed++;
        return;
    }
    if (c->failed++ < 10)
        printf("  %s: %s: got %08x want %08x\n", c->name, what, got, want);
}

int check_done(check *c)
{
    int total = c->passed + c->failed;
    if (c->failed)
        printf("FAIL %s (%d of %d failed)\n", c->name, c->failed, total);
    else
        printf("PASS %s (%d checks)\n", c->name, total);
    return c->failed ? 1 : 0;
}
