/* Linux/m68k system calls for tandem-run, and reports of exceptions the guest
 * left unhandled.  Runs between m68k_run slices, after a stub in low RAM wrote
 * to the port: the CPU is at an instruction boundary, its registers final. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <unistd.h>

#include "machines/flat/flat.h"
#include "machines/i18n.h"

enum {
    NR_EXIT = 1,
    NR_WRITE = 4,
    NR_BRK = 45,
    NR_EXIT_GROUP = 252,
    GUEST_EBADF = 9,
    GUEST_EFAULT = 14
};

static const char *syscall_name(uint32_t nr)
{
    static const struct {
        uint32_t nr;
        const char *name;
    } names[] = {{2, "fork"},        {3, "read"},         {5, "open"},
                 {6, "close"},       {11, "execve"},      {13, "time"},
                 {19, "lseek"},      {20, "getpid"},      {37, "kill"},
                 {54, "ioctl"},      {90, "mmap"},        {91, "munmap"},
                 {122, "uname"},     {125, "mprotect"},   {146, "writev"},
                 {173, "rt_sigreturn"}, {174, "rt_sigaction"}, {175, "rt_sigprocmask"},
                 {192, "mmap2"},     {197, "fstat64"},    {224, "gettid"},
                 {253, "set_tid_address"}, {265, "clock_gettime"}, {333, "get_thread_area"},
                 {334, "set_thread_area"}};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (names[i].nr == nr)
            return names[i].name;
    return "?";
}

static const char *vector_name(unsigned v)
{
    static const char *const names[] = {
        "reset SSP",        "reset PC",          "bus error",
        "address error",    "illegal instruction", "divide by zero",
        "CHK",              "TRAPV",             "privilege violation",
        "trace",            "line A",            "line F"};
    if (v < sizeof names / sizeof names[0])
        return names[v];
    if (v >= 24 && v <= 31)
        return v == 24 ? "spurious interrupt" : "interrupt autovector";
    if (v >= 32 && v <= 47)
        return "TRAP";
    if (v >= 48 && v <= 58)
        return "FPU or MMU";
    return "exception";
}

/* Linux's signal for a fault, so a crash reads as a shell reports it (128 + n). */
static int vector_signal(unsigned v)
{
    switch (v) {
    case 2:
    case 3:
        return 7; /* SIGBUS */
    case 4:
    case 8:
    case 10:
    case 11:
        return 4; /* SIGILL */
    case 5:
    case 6:
    case 7:
        return 8; /* SIGFPE */
    case 9:
        return 5; /* SIGTRAP */
    default:
        return 11; /* SIGSEGV */
    }
}

static void report_exception(flat_machine *m)
{
    unsigned v = m->event_vector;
    uint32_t sp = m68k_get_reg(m->cpu, M68K_A7);
    bool group0 = m68k_get_model(m->cpu) == M68K_68000 && (v == 2 || v == 3);
    uint32_t pc = mem_peek(m->mem, sp + (group0 ? 10 : 2), 4);
    fprintf(stderr, _("tandem-run: unhandled exception: vector %u (%s), stacked PC 0x%08x\n"), v,
            vector_name(v), (unsigned)pc);
    /* Where the fault address is: the 68000's short group-0 frame, or by
     * the 68010+'s frame format (2, 7, 8, B). */
    int at = -1;
    if (group0)
        at = 2;
    else if (v == 2 || v == 3) {
        switch (mem_peek(m->mem, sp + 6, 2) >> 12) {
        case 2: at = 8; break;
        case 7: at = 0x14; break;
        case 8: at = 10; break;
        case 0xB: at = 0x10; break;
        default: break;
        }
    }
    if (at >= 0)
        fprintf(stderr, _("tandem-run: fault address 0x%08x\n"),
                (unsigned)mem_peek(m->mem, sp + (uint32_t)at, 4));
    m->exit_status = 128 + vector_signal(v);
}

static uint32_t sys_write(flat_machine *m, uint32_t fd, uint32_t buf, uint32_t len)
{
    if (fd != 1 && fd != 2)
        return (uint32_t)-GUEST_EBADF;
    uint8_t chunk[4096];
    uint32_t done = 0;
    while (done < len) {
        uint32_t n = len - done < sizeof chunk ? len - done : (uint32_t)sizeof chunk;
        if (!mem_dma_read(m->mem, buf + done, chunk, n))
            return done ? done : (uint32_t)-GUEST_EFAULT;
        for (uint32_t off = 0; off < n;) {
            ssize_t w = write((int)fd, chunk + off, n - off);
            if (w < 0 && errno == EINTR)
                continue;
            if (w <= 0)
                return done + off;
            off += (uint32_t)w;
        }
        done += n;
    }
    return done;
}

static uint32_t sys_brk(flat_machine *m, uint32_t want)
{
    if (want >= m->brk_start && want <= m->brk_limit) {
        if (want > m->brk_cur) {
            /* Memory handed out by brk reads as zero, even after a shrink. */
            static const uint8_t zero[4096];
            for (uint32_t a = m->brk_cur; a < want; a += sizeof zero) {
                uint32_t n = want - a < sizeof zero ? want - a : (uint32_t)sizeof zero;
                mem_load(m->mem, a, zero, n, false);
            }
        }
        m->brk_cur = want;
    }
    return m->brk_cur;
}

static bool do_syscall(flat_machine *m)
{
    uint32_t nr = m68k_get_reg(m->cpu, M68K_D0);
    uint32_t a = m68k_get_reg(m->cpu, M68K_D1), b = m68k_get_reg(m->cpu, M68K_D2),
             c = m68k_get_reg(m->cpu, M68K_D3);
    uint32_t ret;
    switch (nr) {
    case NR_EXIT:
    case NR_EXIT_GROUP:
        m->exited = true;
        m->exit_status = (int)(a & 0xFF);
        return false;
    case NR_WRITE:
        ret = sys_write(m, a, b, c);
        break;
    case NR_BRK:
        ret = sys_brk(m, a);
        break;
    default:
        fprintf(stderr, _("tandem-run: unsupported system call %u (%s)\n"), (unsigned)nr,
                syscall_name(nr));
        m->exit_status = 2;
        return false;
    }
    m68k_set_reg(m->cpu, M68K_D0, ret);
    return true;
}

bool flat_service(flat_machine *m)
{
    enum flat_event ev = m->event;
    m->event = FLAT_EV_NONE;
    switch (ev) {
    case FLAT_EV_SYSCALL:
        return do_syscall(m);
    case FLAT_EV_EXCEPTION:
        report_exception(m);
        return false;
    default:
        return true;
    }
}
