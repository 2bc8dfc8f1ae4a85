/* WD1772 + ST DMA chip tests, no CPU: the test plays TOS (register writes at
 * $FF8604/$FF8606, polling INTRQ as GPIP 5) against a generated image. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "machines/atari_st/dma.h"
#include "machines/atari_st/floppy.h"
#include "machines/atari_st/wd1772.h"
#include "mem/mem.h"
#include "tests/tap.h"

#define RAM_SIZE (1u << 20)
#define REV WD_REV_CYCLES

typedef struct rig {
    sched s;
    wd1772 fdc;
    dma d;
    floppy_drive a, b;
    uint8_t *ram;
    bool irq;
    int bursts, bad_bursts;
} rig;

static void on_irq(void *ctx, bool asserted)
{
    ((rig *)ctx)->irq = asserted;
}

static void ram_write(void *ctx, uint32_t addr, const uint8_t *buf, unsigned len)
{
    rig *r = ctx;
    r->bursts++;
    if (len != 16 || (addr & 15))
        r->bad_bursts++;
    if (addr + len <= RAM_SIZE)
        memcpy(r->ram + addr, buf, len);
}

static void ram_read(void *ctx, uint32_t addr, uint8_t *buf, unsigned len)
{
    rig *r = ctx;
    if (addr + len <= RAM_SIZE)
        memcpy(buf, r->ram + addr, len);
}

static uint8_t pattern(int t, int s, int n, int i)
{
    return (uint8_t)(t * 7 + s * 131 + n * 31 + i * 3 + (i >> 8));
}

static floppy_image *make_image(void)
{
    floppy_image *img = floppy_new_blank(80, 2, 9);
    uint8_t sec[512];
    for (int t = 0; t < 80; t++)
        for (int s = 0; s < 2; s++)
            for (int n = 1; n <= 9; n++) {
                if (t == 0 && s == 0 && n == 1)
                    continue; /* keep the boot sector */
                for (int i = 0; i < 512; i++)
                    sec[i] = pattern(t, s, n, i);
                floppy_write_sector(img, t, s, n, sec);
            }
    img->dirty = false;
    return img;
}

static void rig_init(rig *r)
{
    memset(r, 0, sizeof *r);
    r->ram = calloc(1, RAM_SIZE);
    sched_init(&r->s);
    floppy_drive_init(&r->a, true);
    floppy_drive_init(&r->b, false); /* no drive B */
    wd1772_init(&r->fdc, &r->s, NULL);
    wd1772_attach(&r->fdc, 0, &r->a);
    wd1772_attach(&r->fdc, 1, &r->b);
    dma_init(&r->d, &r->s, &r->fdc,
             &(dma_hooks){.ctx = r, .irq = on_irq, .ram_write = ram_write, .ram_read = ram_read});
    floppy_drive_insert(&r->a, make_image(), 0);
    r->a.track = 5;
    wd1772_select(&r->fdc, 0, 0);
}

static void rig_free(rig *r)
{
    floppy_free(floppy_drive_eject(&r->a, 0));
    free(r->ram);
}

/* Word write without a TAP line. */
static void ww(rig *r, uint32_t off, uint16_t v)
{
    dma_write(&r->d, off, 2, v);
}

static uint16_t rw(rig *r, uint32_t off)
{
    uint32_t v = 0;
    dma_read(&r->d, off, 2, &v);
    return (uint16_t)v;
}

static void fdc_reg(rig *r, unsigned reg, uint8_t v)
{
    ww(r, 6, (uint16_t)((r->d.mode & DMA_MODE_WRITE) | 0x80 | (reg << 1)));
    ww(r, 4, v);
}

static uint8_t fdc_status(rig *r)
{
    ww(r, 6, (uint16_t)((r->d.mode & DMA_MODE_WRITE) | 0x80));
    return (uint8_t)rw(r, 4);
}

/* Run until INTRQ or the timeout; returns the time INTRQ rose, or -1. */
static int64_t wait_irq(rig *r, int64_t timeout)
{
    int64_t end = sched_now(&r->s) + timeout;
    while (!r->irq) {
        int64_t next = sched_next(&r->s);
        if (next > end) {
            sched_advance(&r->s, end);
            return -1;
        }
        sched_advance(&r->s, next);
    }
    return sched_now(&r->s);
}

static void set_dma(rig *r, uint32_t addr, bool write, int count)
{
    uint8_t b[3] = {(uint8_t)(addr >> 16), (uint8_t)(addr >> 8), (uint8_t)addr};
    dma_write(&r->d, 0xD, 1, b[2]);
    dma_write(&r->d, 0xB, 1, b[1]);
    dma_write(&r->d, 0x9, 1, b[0]);
    uint16_t wr = write ? DMA_MODE_WRITE : 0;
    ww(r, 6, (uint16_t)(0x90 | (wr ^ DMA_MODE_WRITE))); /* toggle R/W: resets the DMA */
    ww(r, 6, (uint16_t)(0x90 | wr));
    ww(r, 4, (uint16_t)count);
}

static uint32_t dma_addr(rig *r)
{
    uint32_t hi, mid, lo;
    dma_read(&r->d, 9, 1, &hi);
    dma_read(&r->d, 0xB, 1, &mid);
    dma_read(&r->d, 0xD, 1, &lo);
    return hi << 16 | mid << 8 | lo;
}

static void test_bus(void)
{
    rig r;
    rig_init(&r);
    uint32_t v;
    tap_ok(dma_read(&r.d, 4, 1, &v) == MEM_FAULT_BUS && dma_read(&r.d, 5, 1, &v) == MEM_FAULT_BUS &&
               dma_read(&r.d, 6, 1, &v) == MEM_FAULT_BUS && dma_read(&r.d, 7, 1, &v) == MEM_FAULT_BUS,
           "byte reads of $FF8604-$FF8607 are bus errors");
    tap_ok(dma_write(&r.d, 7, 1, 0x80) == MEM_FAULT_BUS, "byte write to $FF8607: bus error");
    tap_ok(dma_read(&r.d, 6, 2, &v) == 0 && (v & 1), "word read of DMA status: no error bit 0");
    tap_ok(dma_read(&r.d, 0, 2, &v) == MEM_FAULT_BUS, "$FF8600: bus error");
    set_dma(&r, 0x123456, false, 0);
    tap_ok(dma_addr(&r) == 0x123456, "DMA address counter reads back through $FF8609/B/D");
    ww(&r, 6, 0x84); /* A1 A0 = 10: sector register */
    ww(&r, 4, 7);
    tap_ok(r.fdc.sector == 7 && (rw(&r, 4) & 0xFF) == 7, "FDC sector register via A1A0 = 10");
    rig_free(&r);
}

static void test_type1(void)
{
    rig r;
    rig_init(&r);
    /* Restore, 3 ms steps, spin-up, as TOS: motor was off. */
    int64_t t0 = sched_now(&r.s);
    fdc_reg(&r, 0, 0x03);
    tap_ok(fdc_status(&r) & WD_ST_BUSY, "restore: busy at once");
    int64_t done = wait_irq(&r, 4 * 8000000);
    uint8_t st = fdc_status(&r);
    tap_ok(done > 0, "restore completes with INTRQ (GPIP 5 low) after %.3f s",
           (double)(done - t0) / 8e6);
    tap_ok(done - t0 >= 5 * REV && done - t0 <= 6 * REV + 5 * 24000,
           "spin-up of 6 index pulses + 5 steps of 3 ms");
    tap_ok(!r.irq, "reading the status clears INTRQ");
    tap_ok((st & (WD_ST_BUSY | WD_ST_TRACK0 | WD_ST_MOTOR | WD_ST_SPINUP | WD_ST_RNF)) ==
               (WD_ST_TRACK0 | WD_ST_MOTOR | WD_ST_SPINUP),
           "status after restore: track 0, motor on, spun up ($%02X)", st);
    tap_ok(r.fdc.track == 0 && r.a.track == 0, "track register and head at 0");

    /* Seek to 10 with verify: motor already on, no spin-up. */
    fdc_reg(&r, 3, 10);
    int64_t t1 = sched_now(&r.s);
    fdc_reg(&r, 0, 0x17);
    done = wait_irq(&r, 8000000);
    st = fdc_status(&r);
    tap_ok(done - t1 >= 10 * 24000 && done - t1 < 10 * 24000 + REV / 8,
           "seek 10 tracks with verify: %lld cycles (10 x 3 ms + ID latency)",
           (long long)(done - t1));
    tap_ok(r.a.track == 10 && r.fdc.track == 10 && !(st & (WD_ST_RNF | WD_ST_TRACK0)),
           "head and track register at 10, verified");

    /* Step in (with update) and step out; step with u=0 leaves the register. */
    fdc_reg(&r, 0, 0x53);
    wait_irq(&r, 8000000);
    fdc_status(&r);
    tap_ok(r.a.track == 11 && r.fdc.track == 11, "step in: 11");
    fdc_reg(&r, 0, 0x63);
    wait_irq(&r, 8000000);
    fdc_status(&r);
    tap_ok(r.a.track == 10 && r.fdc.track == 11, "step out without update: head 10, register 11");

    /* Verify fails when the register disagrees with the head. */
    fdc_reg(&r, 1, 20);
    fdc_reg(&r, 3, 22);
    int64_t t2 = sched_now(&r.s);
    fdc_reg(&r, 0, 0x17);
    done = wait_irq(&r, 3 * 8000000);
    st = fdc_status(&r);
    tap_ok((st & WD_ST_RNF) && done - t2 >= 4 * REV, "seek with mismatched track: seek error after 5 revolutions");

    /* Index pulses show in type I status while idle. */
    int seen = 0;
    int64_t base = (sched_now(&r.s) / REV + 1) * REV;
    for (int i = 0; i < 8; i++) {
        sched_advance(&r.s, base + i * (REV / 8) + 100);
        if (fdc_status(&r) & WD_ST_INDEX)
            seen |= 1 << i;
    }
    tap_ok(seen == 1, "index bit high only during the index pulse (pattern %02X)", (unsigned)seen);

    /* Motor stops ~10 revolutions after the last command. */
    sched_advance(&r.s, sched_now(&r.s) + 11 * REV);
    tap_ok(!(fdc_status(&r) & WD_ST_MOTOR), "motor off after 10 idle revolutions");

    /* Drive B absent: restore with the motor on never sees track 0. */
    fdc_reg(&r, 0, 0x0B); /* restore, h=1 (no spin-up) */
    wait_irq(&r, 8000000);
    fdc_status(&r);
    wd1772_select(&r.fdc, 1, 0);
    int64_t t3 = sched_now(&r.s);
    fdc_reg(&r, 0, 0x0B);
    done = wait_irq(&r, 3 * 8000000);
    st = fdc_status(&r);
    if (!tap_ok(done > 0 && (st & WD_ST_RNF) && !(st & WD_ST_TRACK0) && done - t3 >= 255 * 24000,
           "absent drive B: seek error after 255 steps (%.2f s)", (double)(done - t3) / 8e6))
        tap_diag("status $%02X done %lld", st, (long long)done);
    rig_free(&r);
}

static bool ram_is_sector(rig *r, uint32_t addr, int t, int s, int n)
{
    for (int i = 0; i < 512; i++)
        if (r->ram[addr + i] != pattern(t, s, n, i))
            return false;
    return true;
}

static void test_read_write(void)
{
    rig r;
    rig_init(&r);
    fdc_reg(&r, 0, 0x03); /* restore, spin-up */
    wait_irq(&r, 4 * 8000000);
    fdc_status(&r);
    fdc_reg(&r, 3, 10);
    fdc_reg(&r, 0, 0x13); /* seek 10 */
    wait_irq(&r, 4 * 8000000);
    fdc_status(&r);

    /* Read sector 4 on side 1. */
    wd1772_select(&r.fdc, 0, 1);
    set_dma(&r, 0x10000, false, 1);
    fdc_reg(&r, 2, 4);
    r.bursts = 0;
    int64_t t0 = sched_now(&r.s);
    fdc_reg(&r, 0, 0x80);
    int64_t done = wait_irq(&r, 2 * 8000000);
    uint8_t st = fdc_status(&r);
    tap_ok(done > 0 && !(st & (WD_ST_RNF | WD_ST_CRC | WD_ST_LOST | WD_ST_BUSY)),
           "read sector: INTRQ, no error ($%02X)", st);
    tap_ok(ram_is_sector(&r, 0x10000, 10, 1, 4), "track 10 side 1 sector 4 landed in RAM at $10000");
    tap_ok(r.bursts == 32 && r.bad_bursts == 0, "moved as 32 aligned 16-byte bursts");
    tap_ok(dma_addr(&r) == 0x10200, "DMA address advanced by 512");
    tap_ok((rw(&r, 6) & 3) == 1, "DMA status: no error, sector count zero");
    tap_ok(done - t0 >= 512 * 256 && done - t0 <= REV + 600 * 256,
           "a sector takes 512 x 32 us plus rotational latency (%lld cycles)",
           (long long)(done - t0));

    /* Missing sector: record not found after 5 revolutions. */
    set_dma(&r, 0x20000, false, 1);
    fdc_reg(&r, 2, 10);
    t0 = sched_now(&r.s);
    fdc_reg(&r, 0, 0x80);
    done = wait_irq(&r, 3 * 8000000);
    st = fdc_status(&r);
    tap_ok((st & WD_ST_RNF) && done - t0 >= 4 * REV && done - t0 <= 5 * REV,
           "sector 10 on a 9-sector track: RNF after 5 revolutions");

    /* Multiple sectors: 1..9 then RNF. */
    wd1772_select(&r.fdc, 0, 0);
    set_dma(&r, 0x30000, false, 9);
    fdc_reg(&r, 2, 1);
    fdc_reg(&r, 0, 0x90);
    done = wait_irq(&r, 4 * 8000000);
    st = fdc_status(&r);
    bool all = true;
    for (int n = 1; n <= 9; n++)
        all = all && ram_is_sector(&r, 0x30000 + (uint32_t)(n - 1) * 512, 10, 0, n);
    tap_ok(all && (st & WD_ST_RNF) && r.fdc.sector == 10,
           "multi-sector read: sectors 1-9 in RAM, then RNF at sector 10");

    /* Sector count 0: the DMA drops the data. */
    memset(r.ram + 0x40000, 0xEE, 512);
    set_dma(&r, 0x40000, false, 0);
    fdc_reg(&r, 2, 2);
    fdc_reg(&r, 0, 0x80);
    wait_irq(&r, 2 * 8000000);
    fdc_status(&r);
    tap_ok(r.ram[0x40000] == 0xEE && dma_addr(&r) == 0x40000, "sector count 0: nothing reaches RAM");

    /* Write sector with the disk write protected. */
    r.a.img->write_protected = true;
    for (int i = 0; i < 512; i++)
        r.ram[0x50000 + i] = (uint8_t)(0xC3 ^ i);
    set_dma(&r, 0x50000, true, 1);
    fdc_reg(&r, 2, 3);
    t0 = sched_now(&r.s);
    fdc_reg(&r, 0, 0xA0);
    done = wait_irq(&r, 8000000);
    st = fdc_status(&r);
    uint8_t sec[512];
    floppy_read_sector(r.a.img, 10, 0, 3, sec);
    tap_ok((st & WD_ST_WPROT) && done - t0 < 1000 && sec[0] == pattern(10, 0, 3, 0),
           "write to a protected disk: WP status at once, sector unchanged");

    /* And allowed. */
    r.a.img->write_protected = false;
    set_dma(&r, 0x50000, true, 1);
    fdc_reg(&r, 2, 3);
    fdc_reg(&r, 0, 0xA0);
    done = wait_irq(&r, 2 * 8000000);
    st = fdc_status(&r);
    floppy_read_sector(r.a.img, 10, 0, 3, sec);
    tap_ok(!(st & (WD_ST_WPROT | WD_ST_RNF | WD_ST_LOST)) && memcmp(sec, r.ram + 0x50000, 512) == 0 &&
               r.a.img->dirty,
           "write sector: RAM at $50000 stored in track 10 sector 3, image dirty");
    tap_ok(dma_addr(&r) == 0x50200, "write: DMA address advanced by 512");

    /* Read it back through the controller. */
    set_dma(&r, 0x60000, false, 1);
    fdc_reg(&r, 0, 0x80);
    wait_irq(&r, 2 * 8000000);
    fdc_status(&r);
    tap_ok(memcmp(r.ram + 0x60000, r.ram + 0x50000, 512) == 0, "read back what was written");

    rig_free(&r);
}

/* Read address, read track and write track with hooks that capture the data. */
typedef struct capture {
    uint8_t buf[8192];
    unsigned n;
    const uint8_t *src;
    unsigned src_len, src_pos;
    bool irq;
} capture;

static bool cap_in(void *ctx, const uint8_t *b, unsigned len)
{
    capture *c = ctx;
    for (unsigned i = 0; i < len && c->n < sizeof c->buf; i++)
        c->buf[c->n++] = b[i];
    return true;
}

static bool cap_out(void *ctx, uint8_t *b, unsigned len)
{
    capture *c = ctx;
    for (unsigned i = 0; i < len; i++)
        b[i] = c->src_pos < c->src_len ? c->src[c->src_pos++] : 0x4E;
    return true;
}

static void cap_irq(void *ctx, bool on)
{
    ((capture *)ctx)->irq = on;
}

static uint16_t crc_ccitt(const uint8_t *p, unsigned n)
{
    uint16_t c = 0xFFFF;
    while (n--) {
        c ^= (uint16_t)(*p++ << 8);
        for (int b = 0; b < 8; b++)
            c = (uint16_t)((c & 0x8000) ? (c << 1) ^ 0x1021 : c << 1);
    }
    return c;
}

static void run_until_irq(sched *s, capture *c, int64_t limit)
{
    int64_t end = sched_now(s) + limit;
    while (!c->irq && sched_next(s) <= end)
        sched_advance(s, sched_next(s));
}

static void test_type3(void)
{
    sched s;
    sched_init(&s);
    floppy_drive a;
    floppy_drive_init(&a, true);
    floppy_drive_insert(&a, make_image(), 0);
    a.track = 12;
    capture *c = calloc(1, sizeof *c);
    wd1772 f;
    wd1772_init(&f, &s, &(wd1772_hooks){.ctx = c, .intrq = cap_irq, .data_in = cap_in,
                                         .data_out = cap_out});
    wd1772_attach(&f, 0, &a);
    wd1772_select(&f, 0, 1);
    sched_advance(&s, 5000000);
    wd1772_write(&f, WD_REG_CMD, 0xC0); /* read address */
    run_until_irq(&s, c, 4 * 8000000);
    wd1772_read(&f, WD_REG_CMD);
    uint8_t raw[8] = {0xA1, 0xA1, 0xA1, 0xFE, 12, 1, c->buf[2], 2};
    uint16_t crc = crc_ccitt(raw, 8);
    tap_ok(c->n == 6 && c->buf[0] == 12 && c->buf[1] == 1 && c->buf[2] >= 1 && c->buf[2] <= 9 &&
               c->buf[3] == 2 && c->buf[4] == (crc >> 8) && c->buf[5] == (crc & 0xFF),
           "read address: track 12 side 1 sector %d size 2 with a valid ID CRC", c->buf[2]);
    tap_ok(f.sector == 12, "read address puts the track number in the sector register");

    /* Read track: the raw track from index to index holds all 9 sectors. */
    c->n = 0;
    c->irq = false;
    wd1772_write(&f, WD_REG_CMD, 0xE0);
    run_until_irq(&s, c, 4 * 8000000);
    wd1772_read(&f, WD_REG_CMD);
    int ids = 0, data_ok = 0;
    for (unsigned i = 3; i + 520 < c->n; i++) {
        if (c->buf[i] == 0xFE && c->buf[i - 1] == 0xA1 && c->buf[i + 1] == 12)
            ids++;
        if (c->buf[i] == 0xFB && c->buf[i - 1] == 0xA1) {
            int n = data_ok + 1;
            if (c->buf[i + 1] == pattern(12, 1, n, 0) && c->buf[i + 512] == pattern(12, 1, n, 511))
                data_ok++;
        }
    }
    tap_ok(c->n >= 6200 && ids == 9 && data_ok == 9,
           "read track: %u bytes, %d ID fields, %d data fields in order", c->n, ids, data_ok);

    /* Write track: a TOS-style format of this track fills every sector. */
    uint8_t *fmt = malloc(6400);
    unsigned p = 0;
    memset(fmt, 0x4E, 6400);
    p = 60;
    for (int n = 1; n <= 9; n++) {
        memset(fmt + p, 0, 12), p += 12;
        memset(fmt + p, 0xF5, 3), p += 3;
        fmt[p++] = 0xFE, fmt[p++] = 12, fmt[p++] = 1, fmt[p++] = (uint8_t)n, fmt[p++] = 2;
        fmt[p++] = 0xF7;
        memset(fmt + p, 0x4E, 22), p += 22;
        memset(fmt + p, 0, 12), p += 12;
        memset(fmt + p, 0xF5, 3), p += 3;
        fmt[p++] = 0xFB;
        memset(fmt + p, 0xE5, 512), p += 512;
        fmt[p++] = 0xF7;
        memset(fmt + p, 0x4E, 40), p += 40;
    }
    c->src = fmt;
    c->src_len = 6400;
    c->src_pos = 0;
    c->irq = false;
    wd1772_write(&f, WD_REG_CMD, 0xF0);
    run_until_irq(&s, c, 4 * 8000000);
    uint8_t st = wd1772_read(&f, WD_REG_CMD);
    uint8_t sec[512];
    bool formatted = true;
    for (int n = 1; n <= 9; n++) {
        floppy_read_sector(a.img, 12, 1, n, sec);
        formatted = formatted && sec[0] == 0xE5 && sec[511] == 0xE5;
    }
    floppy_read_sector(a.img, 12, 0, 1, sec);
    tap_ok(formatted && !(st & WD_ST_WPROT) && !f.format_mismatch && sec[0] == pattern(12, 0, 1, 0),
           "write track: 9 sectors of $E5 stored on track 12 side 1, side 0 untouched");
    free(fmt);

    /* Force interrupt: an empty drive leaves a read hanging; $D0 ends it quietly. */
    floppy_free(floppy_drive_eject(&a, sched_now(&s)));
    c->irq = false;
    wd1772_write(&f, WD_REG_SECTOR, 1);
    wd1772_write(&f, WD_REG_CMD, 0x80);
    sched_advance(&s, sched_now(&s) + 3 * 8000000);
    tap_ok((wd1772_read(&f, WD_REG_CMD) & WD_ST_BUSY) && !c->irq,
           "read on an empty drive: still busy after 3 s, no INTRQ");
    wd1772_write(&f, WD_REG_CMD, 0xD0);
    st = wd1772_read(&f, WD_REG_CMD);
    tap_ok(!(st & WD_ST_BUSY) && !c->irq, "$D0 during a command: not busy, no interrupt");
    wd1772_write(&f, WD_REG_CMD, 0xD0);
    st = wd1772_read(&f, WD_REG_CMD);
    tap_ok((st & (WD_ST_WPROT | WD_ST_MOTOR | WD_ST_SPINUP)) == (WD_ST_WPROT | WD_ST_MOTOR),
           "$D0 when idle: type I status, motor on, empty drive reads protected ($%02X)", st);
    wd1772_write(&f, WD_REG_CMD, 0xD8);
    tap_ok(c->irq, "$D8: immediate interrupt");
    wd1772_read(&f, WD_REG_CMD);
    tap_ok(c->irq, "$D8 interrupt survives a status read");
    wd1772_write(&f, WD_REG_CMD, 0xD0);
    wd1772_read(&f, WD_REG_CMD);
    tap_ok(!c->irq, "cleared by a following $D0");
    sched_advance(&s, sched_now(&s) + 5 * 8000000);
    tap_ok(wd1772_read(&f, WD_REG_CMD) & WD_ST_MOTOR,
           "empty drive: no index pulses, so the motor stays on");
    floppy_drive_insert(&a, make_image(), sched_now(&s));
    sched_advance(&s, sched_now(&s) + 12 * REV);
    tap_ok(!(wd1772_read(&f, WD_REG_CMD) & WD_ST_MOTOR), "disk inserted: motor off 10 pulses later");
    floppy_free(floppy_drive_eject(&a, sched_now(&s)));
    free(c);
}

/* A read sector that has to spin the motor up first (as TOS's boot sector read). */
static void test_read_with_spinup(void)
{
    rig r;
    rig_init(&r);
    r.a.track = 0;
    set_dma(&r, 0x8000, false, 1);
    fdc_reg(&r, 2, 2);
    int64_t t0 = sched_now(&r.s);
    fdc_reg(&r, 0, 0x80);
    int64_t done = wait_irq(&r, 4 * 8000000);
    uint8_t st = fdc_status(&r);
    tap_ok(done - t0 >= 5 * REV && done - t0 <= 7 * REV,
           "read with the motor off: spin-up then the sector (%.3f s)", (double)(done - t0) / 8e6);
    tap_ok(st == WD_ST_MOTOR && ram_is_sector(&r, 0x8000, 0, 0, 2),
           "type II status after spin-up is plain $80 (no record-type bit), data in RAM ($%02X)", st);
    rig_free(&r);
}

static void test_writeback_file(void)
{
    char dir[256], path[300], err[512];
    const char *tmp = getenv("TMPDIR");
    snprintf(dir, sizeof dir, "%s/tandem-fdc-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(dir)) {
        tap_skip("no temp dir", "write back through the FDC");
        return;
    }
    snprintf(path, sizeof path, "%s/a.st", dir);
    floppy_image *img = make_image();
    FILE *fp = fopen(path, "wb");
    fwrite(img->data, 1, img->size, fp);
    fclose(fp);
    floppy_free(img);

    for (int allow = 0; allow <= 1; allow++) {
        rig r;
        rig_init(&r);
        floppy_free(floppy_drive_eject(&r.a, 0));
        floppy_drive_insert(&r.a, floppy_open(path, allow, false, err, sizeof err), 0);
        r.a.track = 0;
        fdc_reg(&r, 0, 0x03);
        wait_irq(&r, 4 * 8000000);
        fdc_status(&r);
        memset(r.ram + 0x1000, 0x40 + allow, 512);
        set_dma(&r, 0x1000, true, 1);
        fdc_reg(&r, 2, 5);
        fdc_reg(&r, 0, 0xA0);
        wait_irq(&r, 2 * 8000000);
        uint8_t st = fdc_status(&r);
        floppy_image *out = floppy_drive_eject(&r.a, sched_now(&r.s));
        bool flushed = floppy_flush(out, err, sizeof err);
        floppy_free(out);
        fp = fopen(path, "rb");
        uint8_t sec[512];
        fseek(fp, 4 * 512, SEEK_SET);
        size_t got = fread(sec, 1, 512, fp);
        fclose(fp);
        if (allow)
            tap_ok(!(st & 0x5C) && flushed && got == 512 && sec[0] == 0x41 && sec[511] == 0x41,
                   "writes allowed: the guest's sector is in the file after the flush");
        else
            tap_ok(!(st & 0x5C) && flushed && got == 512 && sec[0] == pattern(0, 0, 5, 0),
                   "writes not allowed: the guest wrote, the file is unchanged");
        rig_free(&r);
    }
    unlink(path);
    rmdir(dir);
}

/* A FAT image made by mtools, read as TOS does: boot sector, then the root
 * directory (720 KB: 1 reserved + 2 FATs of 3 sectors -> track 0 sector 8). */
static void test_mtools_image(void)
{
    if (system("command -v mformat >/dev/null 2>&1 && command -v mcopy >/dev/null 2>&1") != 0) {
        tap_skip("mtools not installed", "read an mtools-made image through the FDC");
        return;
    }
    char dir[256], img_path[300], file_path[300], cmd[1024], err[512];
    const char *tmp = getenv("TMPDIR");
    snprintf(dir, sizeof dir, "%s/tandem-mtools-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(dir)) {
        tap_skip("no temp dir", "read an mtools-made image through the FDC");
        return;
    }
    snprintf(img_path, sizeof img_path, "%s/fat.st", dir);
    snprintf(file_path, sizeof file_path, "%s/README.TXT", dir);
    FILE *fp = fopen(file_path, "w");
    fputs("hello from tandem\n", fp);
    fclose(fp);
    snprintf(cmd, sizeof cmd,
             "mformat -C -f 720 -i '%s' :: >/dev/null 2>&1 && mcopy -i '%s' '%s' ::README.TXT",
             img_path, img_path, file_path);
    bool made = system(cmd) == 0;
    floppy_image *img = made ? floppy_open(img_path, false, false, err, sizeof err) : NULL;
    tap_ok(img && img->tracks == 80 && img->sides == 2 && img->spt == 9,
           "mtools 720 KB image opens as 80/2/9");
    if (img) {
        rig r;
        rig_init(&r);
        floppy_free(floppy_drive_eject(&r.a, 0));
        floppy_drive_insert(&r.a, img, 0);
        r.a.track = 0;
        set_dma(&r, 0x2000, false, 1);
        fdc_reg(&r, 2, 1);
        fdc_reg(&r, 0, 0x80);
        wait_irq(&r, 4 * 8000000);
        fdc_status(&r);
        unsigned spf = r.ram[0x2000 + 22] | r.ram[0x2000 + 23] << 8;
        unsigned root = 1 + 2 * spf + 1; /* 1-based sector number on track 0 */
        set_dma(&r, 0x3000, false, 1);
        fdc_reg(&r, 2, (uint8_t)root);
        fdc_reg(&r, 0, 0x80);
        wait_irq(&r, 4 * 8000000);
        uint8_t st = fdc_status(&r);
        bool found = false;
        for (int e = 0; e < 16; e++)
            if (memcmp(r.ram + 0x3000 + e * 32, "README  TXT", 11) == 0)
                found = true;
        tap_ok(!(st & 0x1C) && found, "root directory (sector %u) read by DMA lists README.TXT", root);
        rig_free(&r);
    }
    unlink(img_path);
    unlink(file_path);
    rmdir(dir);
}

int main(void)
{
    test_bus();
    test_type1();
    test_read_write();
    test_type3();
    test_read_with_spinup();
    test_writeback_file();
    test_mtools_image();
    return tap_done();
}
