/* The Quadra's Linux direct boot: the bootinfo records byte for byte (the
 * layout QEMU's q800 loader writes), a small m68k ELF "kernel" loaded at its
 * physical address with the records after its end and the initrd at the top
 * of RAM, bad input, and the whole machine running that kernel through the
 * headless runner: it prints on the SCC's modem port (--serial-out), reads
 * the RTC through VIA1 and powers off through VIA2. */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "machines/headless.h"
#include "machines/mac/mac_boot.h"
#include "machines/mac/q800.h"
#include "tests/tap.h"

static size_t put32(uint8_t *p, size_t n, uint32_t v)
{
    p[n] = (uint8_t)(v >> 24);
    p[n + 1] = (uint8_t)(v >> 16);
    p[n + 2] = (uint8_t)(v >> 8);
    p[n + 3] = (uint8_t)v;
    return n + 4;
}

static size_t rec(uint8_t *p, size_t n, uint16_t tag, uint16_t size)
{
    return put32(p, n, (uint32_t)tag << 16 | size);
}

static void test_bootinfo_layout(void)
{
    mac_boot_params bp = {.ram_size = 64u << 20, .video_addr = 0xF9001000, .video_depth = 8,
                          .video_width = 640, .video_height = 480, .video_row = 0x400,
                          .scc_base = 0x50F0C020, .cmdline = "console=ttyS0",
                          .initrd_base = 0x03F00000, .initrd_size = 0x1234};
    uint8_t want[512], got[512];
    size_t n = 0;
    static const struct { uint16_t tag; uint32_t v; } one[] = {
        {BI_MACHTYPE, 3}, {BI_FPUTYPE, 4}, {BI_MMUTYPE, 4}, {BI_CPUTYPE, 4},
        {BI_MAC_CPUID, 2}, {BI_MAC_MODEL, 35}, {BI_MAC_MEMSIZE, 64}};
    for (size_t i = 0; i < sizeof one / sizeof one[0]; i++)
        n = put32(want, rec(want, n, one[i].tag, 8), one[i].v);
    n = put32(want, put32(want, rec(want, n, BI_MEMCHUNK, 12), 0), 64u << 20);
    n = put32(want, rec(want, n, BI_MAC_VADDR, 8), 0xF9001000);
    n = put32(want, rec(want, n, BI_MAC_VDEPTH, 8), 8);
    n = put32(want, rec(want, n, BI_MAC_VDIM, 8), 480u << 16 | 640);
    n = put32(want, rec(want, n, BI_MAC_VROW, 8), 0x400);
    n = put32(want, rec(want, n, BI_MAC_SCCBASE, 8), 0x50F0C020);
    n = rec(want, n, BI_COMMAND_LINE, 20);
    memcpy(want + n, "console=ttyS0\0\0\0", 16);
    n += 16;
    n = put32(want, put32(want, rec(want, n, BI_RAMDISK, 12), 0x03F00000), 0x1234);
    n = rec(want, n, BI_LAST, 4);
    size_t len = mac_bootinfo_build(got, sizeof got, &bp);
    tap_ok(len == n && memcmp(got, want, n) == 0, "bootinfo records as QEMU's q800 writes them "
                                                  "(%zu bytes, want %zu)", len, n);
    tap_ok(len % 4 == 0, "records padded to 4 bytes");
    tap_ok(mac_bootinfo_build(got, 40, &bp) == 0, "too small a buffer: 0");
    bp.cmdline = NULL;
    bp.initrd_size = 0;
    tap_ok(mac_bootinfo_build(got, sizeof got, &bp) == n - 20 - 12,
           "no command line or RAM disk: no records for them");
}

/* --- A tiny kernel ------------------------------------------------------- */

/* At $2000: print "Hi\n" on the modem port, read seconds byte 0 from the RTC
 * the way Linux does and print it as a letter ('A' + value % 26), then power
 * off through VIA2.  Hand-assembled 68000 code. */
static const uint8_t kernel_code[] = {
    0x20, 0x7C, 0x50, 0xF0, 0xC0, 0x26, /* movea.l #$50F0C026,a0   SCC A data */
    0x10, 0xBC, 0x00, 0x48,             /* move.b  #'H',(a0) */
    0x10, 0xBC, 0x00, 0x69,             /* move.b  #'i',(a0) */
    0x10, 0xBC, 0x00, 0x0A,             /* move.b  #10,(a0) */
    0x22, 0x7C, 0x50, 0xF0, 0x00, 0x00, /* movea.l #$50F00000,a1   VIA1 ORB */
    0x13, 0x7C, 0x00, 0x07, 0x04, 0x00, /* move.b  #7,$400(a1)     DDRB: RTC lines out */
    0x12, 0xBC, 0x00, 0x06,             /* move.b  #6,(a1)         clk high, /enable high */
    0x12, 0xBC, 0x00, 0x02,             /* move.b  #2,(a1)         enable */
    0x70, 0x81,                         /* moveq   #$81,d0         read seconds byte 0 */
    0x72, 0x07,                         /* moveq   #7,d1 */
    /* send: */
    0x74, 0x00,                         /* moveq   #0,d2 */
    0x1E, 0x00,                         /* move.b  d0,d7 */
    0xEE, 0x0F,                         /* lsr.b   #7,d7 */
    0x12, 0x87,                         /* move.b  d7,(a1)         data, clk low */
    0x08, 0xC7, 0x00, 0x01,             /* bset    #1,d7 */
    0x12, 0x87,                         /* move.b  d7,(a1)         clk high */
    0xE3, 0x08,                         /* lsl.b   #1,d0 */
    0x51, 0xC9, 0xFF, 0xEE,             /* dbra    d1,send */
    0x13, 0x7C, 0x00, 0x06, 0x04, 0x00, /* move.b  #6,$400(a1)     data line in */
    0x72, 0x07,                         /* moveq   #7,d1 */
    0x70, 0x00,                         /* moveq   #0,d0 */
    /* recv: */
    0x12, 0xBC, 0x00, 0x00,             /* move.b  #0,(a1)         clk low */
    0x12, 0xBC, 0x00, 0x02,             /* move.b  #2,(a1)         clk high */
    0x14, 0x11,                         /* move.b  (a1),d2 */
    0x02, 0x02, 0x00, 0x01,             /* andi.b  #1,d2 */
    0xE3, 0x08,                         /* lsl.b   #1,d0 */
    0x80, 0x02,                         /* or.b    d2,d0 */
    0x51, 0xC9, 0xFF, 0xEC,             /* dbra    d1,recv */
    0x12, 0xBC, 0x00, 0x06,             /* move.b  #6,(a1)         /enable high */
    0x02, 0x80, 0x00, 0x00, 0x00, 0xFF, /* andi.l  #$FF,d0 */
    0x80, 0xFC, 0x00, 0x1A,             /* divu    #26,d0 */
    0x48, 0x40,                         /* swap    d0 */
    0x06, 0x00, 0x00, 0x41,             /* addi.b  #'A',d0 */
    0x10, 0x80,                         /* move.b  d0,(a0) */
    0x10, 0xBC, 0x00, 0x0A,             /* move.b  #10,(a0) */
    0x4E, 0xF9, 0x40, 0x80, 0x00, 0x0A, /* jmp     $4080000A       the ROM's power-off stub */
};

/* At $2000: VIA1 timer 1 free-running at 100 Hz with its interrupt enabled,
 * PB6 low (the A/UX mapping: VIA1 at level 6, autovector $78), interrupts
 * on; the handler counts; after three it prints "T3" and powers off. */
static const uint8_t timer_code[] = {
    0x4F, 0xF9, 0x00, 0x01, 0x00, 0x00,             /* lea     $10000,a7 */
    0x21, 0xFC, 0x00, 0x00, 0x20, 0x60, 0x00, 0x78, /* move.l  #handler,$78.w */
    0x7E, 0x00,                                     /* moveq   #0,d7 */
    0x22, 0x7C, 0x50, 0xF0, 0x00, 0x00,             /* movea.l #$50F00000,a1 */
    0x00, 0x29, 0x00, 0x40, 0x04, 0x00,             /* ori.b   #$40,$400(a1)   DDRB */
    0x02, 0x11, 0x00, 0xBF,                         /* andi.b  #$BF,(a1)       PB6 low */
    0x13, 0x7C, 0x00, 0x40, 0x16, 0x00,             /* move.b  #$40,$1600(a1)  ACR: T1 free-run */
    0x13, 0x7C, 0x00, 0x99, 0x08, 0x00,             /* move.b  #$99,$800(a1)   T1 = 7833 */
    0x13, 0x7C, 0x00, 0x1E, 0x0A, 0x00,             /* move.b  #$1E,$A00(a1) */
    0x13, 0x7C, 0x00, 0xC0, 0x1C, 0x00,             /* move.b  #$C0,$1C00(a1)  IER: T1 */
    0x46, 0xFC, 0x20, 0x00,                         /* move    #$2000,sr */
    0x0C, 0x87, 0x00, 0x00, 0x00, 0x03,             /* loop: cmpi.l #3,d7 */
    0x6D, 0xF8,                                     /* blt.s   loop */
    0x46, 0xFC, 0x27, 0x00,                         /* move    #$2700,sr */
    0x20, 0x7C, 0x50, 0xF0, 0xC0, 0x26,             /* movea.l #$50F0C026,a0 */
    0x10, 0xBC, 0x00, 0x54,                         /* move.b  #'T',(a0) */
    0x10, 0xBC, 0x00, 0x33,                         /* move.b  #'3',(a0) */
    0x10, 0xBC, 0x00, 0x0A,                         /* move.b  #10,(a0) */
    0x4E, 0xF9, 0x40, 0x80, 0x00, 0x0A,             /* jmp     $4080000A */
    0x4A, 0x29, 0x08, 0x00,                         /* handler: tst.b $800(a1) (clears T1) */
    0x52, 0x87,                                     /* addq.l  #1,d7 */
    0x4E, 0x73,                                     /* rte */
};

/* A minimal ELF32 big-endian m68k executable with one PT_LOAD at `paddr`. */
static size_t make_elf(uint8_t *f, uint16_t machine, uint32_t paddr, const uint8_t *code,
                       size_t len)
{
    memset(f, 0, 52 + 32);
    memcpy(f, "\177ELF\1\2\1", 7);
    f[17] = 2;                          /* ET_EXEC */
    f[18] = (uint8_t)(machine >> 8);
    f[19] = (uint8_t)machine;
    put32(f, 20, 1);                    /* version */
    put32(f, 24, paddr);                /* entry */
    put32(f, 28, 52);                   /* phoff */
    f[41] = 52;                         /* ehsize */
    f[43] = 32;                         /* phentsize */
    f[45] = 1;                          /* phnum */
    uint8_t *ph = f + 52;
    put32(ph, 0, 1);                    /* PT_LOAD */
    put32(ph, 4, 0x100);                /* offset */
    put32(ph, 8, paddr);
    put32(ph, 12, paddr);
    put32(ph, 16, (uint32_t)len);
    put32(ph, 20, (uint32_t)len + 0x100); /* a little bss */
    put32(ph, 24, 7);
    memcpy(f + 0x100, code, len);
    return 0x100 + len;
}

static char tmpdir[64];

static const char *write_tmp(const char *name, const void *data, size_t len)
{
    static char paths[8][128];
    static int k;
    char *p = paths[k++ % 8];
    snprintf(p, 128, "%s/%s", tmpdir, name);
    FILE *f = fopen(p, "wb");
    if (f) {
        fwrite(data, 1, len, f);
        fclose(f);
    }
    return p;
}

static void test_loader(void)
{
    uint8_t elf[1024];
    size_t n = make_elf(elf, 4, 0x2000, kernel_code, sizeof kernel_code);
    const char *kernel = write_tmp("k.elf", elf, n);
    static uint8_t rd[5000];
    for (size_t i = 0; i < sizeof rd; i++)
        rd[i] = (uint8_t)i;
    const char *initrd = write_tmp("rd.img", rd, sizeof rd);
    mem_space *mem = mem_space_new(0xFFFFFFFF, 0);
    mem_backing *ram = mem_backing_new(mem, "ram", 8u << 20);
    mem_map_ram(mem, "ram", 0, 8u << 20, ram, 0, 0);
    mac_boot_params p = {.ram_size = 8u << 20, .cmdline = "hello"};
    uint32_t entry = 0;
    char err[512] = "";
    bool ok = mac_boot_linux(mem, kernel, initrd, &p, &entry, err, sizeof err);
    tap_ok(ok && entry == 0x2000, "ELF loaded, entry $%x %s", (unsigned)entry, err);
    tap_ok(mem_peek(mem, 0x2000, 4) == 0x207C50F0u, "code at its physical address");
    uint32_t bi = 0x2000 + (uint32_t)sizeof kernel_code + 0x100;
    bi = (bi + 1) & ~1u;
    tap_ok(mem_peek(mem, bi, 4) == 0x00010008u && mem_peek(mem, bi + 4, 4) == BI_MACH_MAC,
           "bootinfo starts at the end of the bss ($%x)", (unsigned)bi);
    uint32_t base = ((8u << 20) - 5000) & ~0xFFFu;
    tap_ok(p.initrd_base == base && p.initrd_size == 5000 && mem_peek(mem, base + 7, 1) == 7,
           "initrd at the top of RAM rounded down to 4 KB ($%x)", (unsigned)p.initrd_base);

    /* Bad input. */
    uint8_t x86[1024];
    n = make_elf(x86, 62, 0x2000, kernel_code, sizeof kernel_code);
    x86[5] = 1; /* little-endian x86-64-ish */
    ok = mac_boot_linux(mem, write_tmp("x86.elf", x86, n), NULL, &p, &entry, err, sizeof err);
    tap_ok(!ok && strstr(err, "m68k"), "a non-m68k ELF is refused: %s", err);
    ok = mac_boot_linux(mem, write_tmp("text", "hello", 5), NULL, &p, &entry, err, sizeof err);
    tap_ok(!ok && strstr(err, "not an ELF"), "a non-ELF file is refused: %s", err);
    n = make_elf(elf, 4, 0x7FFF00, kernel_code, sizeof kernel_code);
    ok = mac_boot_linux(mem, write_tmp("high.elf", elf, n), NULL, &p, &entry, err, sizeof err);
    tap_ok(!ok && strstr(err, "does not fit"), "a kernel beyond RAM is refused: %s", err);
    static uint8_t big[9u << 20];
    ok = mac_boot_linux(mem, kernel, write_tmp("big.img", big, sizeof big), &p, &entry, err,
                        sizeof err);
    tap_ok(!ok && strstr(err, "does not fit"), "an initrd larger than RAM is refused: %s", err);
    ok = mac_boot_linux(mem, "/nonexistent/vmlinux", NULL, &p, &entry, err, sizeof err);
    tap_ok(!ok && strstr(err, "/nonexistent/vmlinux"), "a missing kernel is named: %s", err);
    mem_space_free(mem);
}

static void test_machine_runs_kernel(void)
{
    uint8_t elf[1024];
    size_t n = make_elf(elf, 4, 0x2000, kernel_code, sizeof kernel_code);
    const char *kernel = write_tmp("k2.elf", elf, n);
    char serial[128];
    snprintf(serial, sizeof serial, "%s/serial.txt", tmpdir);
    char *argv[] = {"tandem", "--headless", "--machine", "q800", "--kernel", (char *)kernel,
                    "--serial-out", serial, "--frames", "3", NULL};
    int rc = headless_main(10, argv);
    char buf[64] = "";
    FILE *f = fopen(serial, "rb");
    size_t got = f ? fread(buf, 1, sizeof buf - 1, f) : 0;
    if (f)
        fclose(f);
    buf[got] = 0;
    char shown[64];
    for (size_t i = 0; i <= got; i++)
        shown[i] = buf[i] == '\n' ? '|' : buf[i];
    /* 2024-01-01 12:00:00 UTC is $E1B859C0 in Mac seconds: $C0 = 192, 192 % 26 = 10: 'K'. */
    tap_ok(rc == 0 && strcmp(buf, "Hi\nK\n") == 0,
           "the machine runs the kernel: serial output \"Hi\\nK\\n\" (rc %d, got \"%s\")", rc,
           shown);

    char err[512] = "";
    machine_config cfg = {.model = "q800", .kernel_path = kernel};
    q800_machine *m = q800_create(&cfg, err, sizeof err);
    tap_ok(m != NULL, "q800_create %s", err);
    if (!m)
        return;
    for (int i = 0; i < 3; i++)
        m->base.ops->run_frame(&m->base);
    tap_ok(m->powered_off, "the ROM stub switched the power off through VIA2");
    tap_ok(m->glue.auxmode == false && m68k_get_model(m->cpu) == M68K_68040,
           "a 68040, classic interrupt mapping left alone");
    machine_stats st;
    m->base.ops->stats(&m->base, &st);
    tap_ok(st.frames == 3 && st.cycles >= 3ull * MAC_VIA_VBL_TICKS * Q800_VIA_DIV,
           "three 60.15 Hz frames (%llu cycles)", (unsigned long long)st.cycles);
    const machine_frame *fr = m->base.ops->frame(&m->base);
    tap_ok(fr->width == 640 && fr->height == 480 && fr->pixels[0] == 0xFFFFFF,
           "frame: 640x480, blank VRAM shows CLUT entry 0 (white)");
    /* The frame follows VRAM and the CLUT. */
    uint8_t px = 1;
    mem_load(m->mem, Q800_SLOT9 + 0x1000 + 0x400 + 3, &px, 1, false);
    mem_write32(m->mem, Q800_SLOT9 + DAFB_REGS + 0x200, 0);
    mem_write8(m->mem, Q800_SLOT9 + DAFB_REGS + 0x213, 0x00);
    mem_write8(m->mem, Q800_SLOT9 + DAFB_REGS + 0x213, 0x00);
    mem_write8(m->mem, Q800_SLOT9 + DAFB_REGS + 0x213, 0x00);
    mem_write8(m->mem, Q800_SLOT9 + DAFB_REGS + 0x213, 0x12);
    mem_write8(m->mem, Q800_SLOT9 + DAFB_REGS + 0x213, 0x34);
    mem_write8(m->mem, Q800_SLOT9 + DAFB_REGS + 0x213, 0x56);
    fr = m->base.ops->frame(&m->base);
    tap_ok(fr->pixels[640 + 3] == 0x123456 && fr->pixels[0] == 0,
           "8-bit pixels through the CLUT written at $F9800213 ($%06x)",
           (unsigned)fr->pixels[640 + 3]);
    tap_ok(mem_peek(m->mem, Q800_IO_BASE + 0xF00000 + 0x0C020, 1) ==
               mem_peek(m->mem, Q800_IO_BASE + 0x0C020, 1),
           "the I/O block repeats every $40000");
    m->base.ops->destroy(&m->base);

    /* Interrupts: VIA1 timer 1 through the GLUE to the CPU. */
    n = make_elf(elf, 4, 0x2000, timer_code, sizeof timer_code);
    cfg.kernel_path = write_tmp("timer.elf", elf, n);
    cfg.serial_out = serial;
    m = q800_create(&cfg, err, sizeof err);
    tap_ok(m != NULL, "q800_create %s", err);
    if (!m)
        return;
    int frames = 0;
    while (!m->powered_off && frames < 10) {
        m->base.ops->run_frame(&m->base);
        frames++;
    }
    tap_ok(m->powered_off && m->glue.auxmode && m68k_get_reg(m->cpu, M68K_D7) == 3,
           "VIA1 timer interrupts reach the CPU at level 6 (A/UX mapping): 3 counted in %d "
           "frames", frames);
    m->base.ops->destroy(&m->base);
    f = fopen(serial, "rb");
    got = f ? fread(buf, 1, sizeof buf - 1, f) : 0;
    if (f)
        fclose(f);
    buf[got] = 0;
    tap_ok(strcmp(buf, "T3\n") == 0, "and the program printed T3");
}

/* --rom: an image of our own (no Apple ROM in tests): SSP and the start
 * offset in its first eight bytes, then code that prints "R" and powers off. */
static void test_rom(void)
{
    static const uint8_t rom[] = {
        0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x08, /* SSP $10000, PC = ROM + 8 */
        0x20, 0x7C, 0x50, 0xF0, 0xC0, 0x26,             /* movea.l #$50F0C026,a0 */
        0x10, 0xBC, 0x00, 0x52,                         /* move.b  #'R',(a0) */
        0x10, 0xBC, 0x00, 0x0A,                         /* move.b  #10,(a0) */
        0x20, 0x7C, 0x50, 0xF0, 0x24, 0x00,             /* movea.l #$50F02400,a0 VIA2 DDRB */
        0x00, 0x10, 0x00, 0x04,                         /* ori.b   #4,(a0) */
        0x20, 0x7C, 0x50, 0xF0, 0x20, 0x00,             /* movea.l #$50F02000,a0 VIA2 ORB */
        0x02, 0x10, 0x00, 0xFB,                         /* andi.b  #$FB,(a0) */
        0x60, 0xFE,                                     /* bra.s   * */
    };
    const char *path = write_tmp("rom.bin", rom, sizeof rom);
    char err[512] = "", serial[128];
    snprintf(serial, sizeof serial, "%s/rom-serial.txt", tmpdir);
    machine_config cfg = {.model = "q800", .rom_path = path, .serial_out = serial};
    q800_machine *m = q800_create(&cfg, err, sizeof err);
    tap_ok(m != NULL, "a 1 MB-or-smaller ROM image is accepted %s", err);
    if (!m)
        return;
    tap_ok(m68k_get_reg(m->cpu, M68K_PC) == Q800_ROM_BASE + 8 &&
               m68k_get_reg(m->cpu, M68K_A7) == 0x10000 &&
               mem_peek(m->mem, Q800_ROM_ALIAS + 8, 2) == 0x207C,
           "reset from the ROM's vectors (PC $%08x), the ROM also at $40000000",
           (unsigned)m68k_get_reg(m->cpu, M68K_PC));
    for (int i = 0; i < 3 && !m->powered_off; i++)
        m->base.ops->run_frame(&m->base);
    tap_ok(m->powered_off, "the ROM code ran and switched the power off");
    m->base.ops->destroy(&m->base);
    char buf[16] = "";
    FILE *f = fopen(serial, "rb");
    size_t got = f ? fread(buf, 1, sizeof buf - 1, f) : 0;
    if (f)
        fclose(f);
    buf[got] = 0;
    tap_ok(strcmp(buf, "R\n") == 0, "and printed R on the modem port");
    static uint8_t big[Q800_ROM_SIZE + 1];
    cfg.rom_path = write_tmp("big.rom", big, sizeof big);
    cfg.serial_out = NULL;
    m = q800_create(&cfg, err, sizeof err);
    tap_ok(!m && strstr(err, "at most 1 MB"), "a ROM image over 1 MB is refused: %s", err);
}

/* --serial-in: a program that enables channel A's receiver and echoes what
 * arrives until a newline, then powers off. */
static void test_serial_in(void)
{
    static const uint8_t echo_code[] = {
        0x20, 0x7C, 0x50, 0xF0, 0xC0, 0x22, /* movea.l #$50F0C022,a0  SCC A control */
        0x22, 0x7C, 0x50, 0xF0, 0xC0, 0x26, /* movea.l #$50F0C026,a1  SCC A data */
        0x10, 0xBC, 0x00, 0x03,             /* move.b  #3,(a0)        pointer: WR3 */
        0x10, 0xBC, 0x00, 0xC1,             /* move.b  #$C1,(a0)      8 bits, Rx enable */
        0x08, 0x10, 0x00, 0x00,             /* loop: btst #0,(a0)     RR0: a byte? */
        0x67, 0xFA,                         /* beq.s   loop */
        0x10, 0x11,                         /* move.b  (a1),d0 */
        0x12, 0x80,                         /* move.b  d0,(a1)        echo */
        0x0C, 0x00, 0x00, 0x0A,             /* cmpi.b  #10,d0 */
        0x66, 0xF0,                         /* bne.s   loop */
        0x4E, 0xF9, 0x40, 0x80, 0x00, 0x0A, /* jmp     $4080000A      power off */
    };
    uint8_t elf[1024];
    size_t n = make_elf(elf, 4, 0x2000, echo_code, sizeof echo_code);
    const char *kernel = write_tmp("echo.elf", elf, n);
    const char *in = write_tmp("in.txt", "typed\n", 6);
    char serial[128];
    snprintf(serial, sizeof serial, "%s/echo-out.txt", tmpdir);
    char *argv[] = {"tandem", "--headless", "--machine", "q800", "--kernel", (char *)kernel,
                    "--serial-in", (char *)in, "--serial-out", serial, "--frames", "60", NULL};
    int rc = headless_main(12, argv);
    char buf[32] = "";
    FILE *f = fopen(serial, "rb");
    size_t got = f ? fread(buf, 1, sizeof buf - 1, f) : 0;
    if (f)
        fclose(f);
    buf[got] = 0;
    tap_ok(rc == 0 && strcmp(buf, "typed\n") == 0,
           "--serial-in reaches the SCC's receiver; the echo comes back (rc %d, %zu bytes)", rc,
           got);
    char *bad[] = {"tandem", "--headless", "--machine", "q800", "--serial-in",
                   "/nonexistent/in.txt", "--frames", "1", NULL};
    tap_ok(headless_main(8, bad) == 1, "a missing --serial-in file: status 1");
}

int main(void)
{
    snprintf(tmpdir, sizeof tmpdir, "/tmp/test_mac_boot.XXXXXX");
    if (!mkdtemp(tmpdir))
        return tap_skip_all("no temporary directory");
    test_bootinfo_layout();
    test_loader();
    test_machine_runs_kernel();
    test_rom();
    test_serial_in();
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    if (system(cmd) != 0)
        tap_diag("could not remove %s", tmpdir);
    return tap_done();
}
