/* The guest programs' tiny runtime: Linux/m68k syscalls, a buffered stdout,
 * a printf subset, string helpers.  Freestanding: no libc, no libgcc. */
#ifndef GUEST_H
#define GUEST_H

typedef unsigned char u8;
typedef unsigned short u16;
typedef unsigned int u32;
typedef signed char s8;
typedef short s16;
typedef int s32;
typedef unsigned long size_t;

long guest_syscall(long nr, long a, long b, long c);
void sys_exit(int status) __attribute__((noreturn));
long sys_write(int fd, const void *buf, size_t len);
void *sys_brk(void *addr);

void *memcpy(void *dst, const void *src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
int strcmp(const char *a, const char *b);
char *strcpy(char *dst, const char *src);
char *strcat(char *dst, const char *src);

/* %d %u %x %c %s %%, with optional '0' flag and width; 'l' is accepted and ignored. */
int printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void flush(void);
long atol(const char *s);

/* Checks: count failures and report the first few. */
typedef struct check {
    const char *name;
    int passed, failed;
} check;
void check_eq(check *c, const char *what, u32 got, u32 want);
/* Prints "PASS name (N checks)" or "FAIL name (N of M failed)"; returns the exit status. */
int check_done(check *c);

/* A deterministic pseudo-random sequence (xorshift32). */
static inline u32 rnd_next(u32 *s)
{
    u32 x = *s;
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    return *s = x;
}

int guest_main(int argc, char **argv);

#endif
