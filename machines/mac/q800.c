#include "machines/mac/q800.h"
#include "machines/errmsg.h"
#include "machines/mac/mac_boot.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "machines/i18n.h"

/* The video mode Linux is told about (QEMU: -g 640x480x8). */
#define Q800_VIDEO_W 640
#define Q800_VIDEO_H 480
#define Q800_VIDEO_DEPTH 8

/* --- Wiring ----------------------------------------------------------------- */

static int32_t cpu_progress(const void *ctx)
{
    const q800_machine *m = ctx;
    return m->in_cpu ? m68k_cycles_run(m->cpu) : 0;
}

static void cpu_preempt(void *ctx)
{
    q800_machine *m = ctx;
    if (m->in_cpu)
        m68k_end_run(m->cpu);
}

static void glue_set_ipl(void *ctx, int level)
{
    q800_machine *m = ctx;
    if (m->cpu)
        m68k_set_irq(m->cpu, level);
}

/* Every Quadra interrupt is autovectored. */
static int cpu_irq_ack(void *ctx, int level)
{
    (void)ctx;
    (void)level;
    return M68K_AUTOVECTOR;
}

static void cpu_reset_devices(void *ctx)
{
    q800_machine *m = ctx;
    mac_via_reset(&m->via);
    scc_reset(&m->scc);
    ncr53c96_reset(&m->scsi);
}

static void via1_irq(void *ctx, bool on)
{
    mac_glue_set(&((q800_machine *)ctx)->glue, MAC_GLUE_VIA1, on);
}

static void via2_irq(void *ctx, bool on)
{
    mac_glue_set(&((q800_machine *)ctx)->glue, MAC_GLUE_VIA2, on);
}

static void via_auxmode(void *ctx, bool aux)
{
    mac_glue_set_auxmode(&((q800_machine *)ctx)->glue, aux);
}

static void via_power_off(void *ctx)
{
    q800_machine *m = ctx;
    m->powered_off = true;
    if (m->in_cpu)
        m68k_end_run(m->cpu);
}

static void via_tick60(void *ctx)
{
    ((q800_machine *)ctx)->frame_done = true;
}

static void scc_irq(void *ctx, bool on)
{
    mac_glue_set(&((q800_machine *)ctx)->glue, MAC_GLUE_SCC, on);
}

static void scsi_irq(void *ctx, bool on)
{
    mac_via_scsi_irq(&((q800_machine *)ctx)->via, on);
}

static void scsi_drq(void *ctx, bool on)
{
    mac_via_scsi_drq(&((q800_machine *)ctx)->via, on);
}

static void scc_tx(void *ctx, int ch, uint8_t byte)
{
    q800_machine *m = ctx;
    if (ch != SCC_A || !m->serial)
        return;
    fputc(byte, m->serial);
    if (byte == '\n')
        fflush(m->serial);
}

/* --serial-in: one byte a millisecond into channel A, held back while the
 * receiver is off (WR3 bit 0) or its FIFO is full. */
static void serial_in_event(void *ctx, int64_t when)
{
    q800_machine *m = ctx;
    if (m->serial_in_pos < m->serial_in_len && (m->scc.ch[SCC_A].wr[3] & 1) &&
        scc_receive(&m->scc, SCC_A, m->serial_in[m->serial_in_pos]))
        m->serial_in_pos++;
    if (m->serial_in_pos < m->serial_in_len)
        sched_at(&m->sched, &m->serial_in_ev, when + Q800_CPU_HZ / 1000);
}

static bool load_serial_in(q800_machine *m, const char *path, char *err, size_t errlen)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        fmt_err(err, errlen, _("cannot read serial input %s: %s"), path, strerror(errno));
        return false;
    }
    size_t cap = 4096, n = 0;
    uint8_t *buf = malloc(cap);
    while (buf) {
        size_t got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (n < cap)
            break;
        uint8_t *nb = cap < (64u << 20) ? realloc(buf, cap * 2) : NULL;
        if (!nb) {
            free(buf);
            buf = NULL;
            break;
        }
        buf = nb;
        cap *= 2;
    }
    fclose(f);
    if (!buf) {
        fmt_err(err, errlen, _("serial input %s is too large"), path);
        return false;
    }
    m->serial_in = buf;
    m->serial_in_len = n;
    m->serial_in_pos = 0;
    return true;
}

/* RAM above the installed size and up to $40000000: reads 0 (as QEMU's q800). */
static int zero_read(void *dev, uint32_t off, unsigned size, uint32_t *value)
{
    (void)dev;
    (void)off;
    (void)size;
    *value = 0;
    return 0;
}

static int ignore_write(void *dev, uint32_t off, unsigned size, uint32_t value)
{
    (void)dev;
    (void)off;
    (void)size;
    (void)value;
    return 0;
}

static int id_read(void *dev, uint32_t off, unsigned size, uint32_t *value)
{
    (void)dev;
    uint32_t v = 0;
    for (unsigned i = 0; i < size; i++)
        v = (v << 8) | ((Q800_MACHINE_ID >> (8 * (3 - ((off + i) & 3)))) & 0xFF);
    *value = v;
    return 0;
}

static int fb_read(void *dev, uint32_t off, unsigned size, uint32_t *value)
{
    return dafb_read(&((q800_machine *)dev)->video, off, size, value);
}

static int fb_write(void *dev, uint32_t off, unsigned size, uint32_t value)
{
    return dafb_write(&((q800_machine *)dev)->video, off, size, value);
}

static const mem_device_ops io_ops = {q800_io_read, q800_io_write};
static const mem_device_ops zero_ops = {zero_read, ignore_write};
static const mem_device_ops id_ops = {id_read, ignore_write};
static const mem_device_ops fb_ops = {fb_read, fb_write};

/* What Linux's mac_reset and mac_poweroff jump to at ROM + $A when there is
 * no Apple ROM: switch the power off through VIA2 (DDRB bit 2 out, PB2 low),
 * then wait.  Our own six instructions, as QEMU's q800 provides. */
static const uint8_t power_off_stub[] = {
    0x20, 0x7C, 0x50, 0xF0, 0x24, 0x00, /* movea.l #$50F02400,a0  VIA2 DDRB */
    0x00, 0x10, 0x00, 0x04,             /* ori.b   #4,(a0)                   */
    0x20, 0x7C, 0x50, 0xF0, 0x20, 0x00, /* movea.l #$50F02000,a0  VIA2 ORB  */
    0x02, 0x10, 0x00, 0xFB,             /* andi.b  #$FB,(a0)                 */
    0x60, 0xFE,                         /* bra.s   *                         */
};

static bool load_rom(q800_machine *m, const char *path, char *err, size_t errlen)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        fmt_err(err, errlen, _("cannot open ROM image %s: %s"), path, strerror(errno));
        return false;
    }
    uint8_t *buf = malloc(Q800_ROM_SIZE + 1);
    size_t n = buf ? fread(buf, 1, Q800_ROM_SIZE + 1, f) : 0;
    fclose(f);
    if (!buf) {
        fmt_err(err, errlen, _("out of memory"));
        return false;
    }
    if (n < 8 || n > Q800_ROM_SIZE) {
        fmt_err(err, errlen, _("ROM image %s has an unsupported size (%zu bytes): a Quadra ROM "
                               "is at most 1 MB"),
                path, n);
        free(buf);
        return false;
    }
    mem_backing_fill(m->rom, 0, buf, (uint32_t)n);
    /* The reset vectors, as QEMU's q800 places them: SSP and PC from the ROM. */
    uint32_t ssp = (uint32_t)buf[0] << 24 | buf[1] << 16 | buf[2] << 8 | buf[3];
    uint32_t pc = Q800_ROM_BASE + ((uint32_t)buf[4] << 24 | buf[5] << 16 | buf[6] << 8 | buf[7]);
    uint8_t vec[8] = {(uint8_t)(ssp >> 24), (uint8_t)(ssp >> 16), (uint8_t)(ssp >> 8),
                      (uint8_t)ssp,         (uint8_t)(pc >> 24),  (uint8_t)(pc >> 16),
                      (uint8_t)(pc >> 8),   (uint8_t)pc};
    mem_load(m->mem, 0, vec, 8, false);
    free(buf);
    return true;
}

static bool boot_linux(q800_machine *m, const machine_config *cfg, char *err, size_t errlen)
{
    mac_boot_params p = {
        .ram_size = m->ram_size,
        .video_addr = Q800_SLOT9 + m->video.offset,
        .video_depth = m->video.depth,
        .video_width = m->video.width,
        .video_height = m->video.height,
        .video_row = m->video.stride,
        .scc_base = Q800_SCC_BASE,
        .cmdline = cfg->cmdline,
    };
    uint32_t entry;
    if (!mac_boot_linux(m->mem, cfg->kernel_path, cfg->initrd_path, &p, &entry, err, errlen))
        return false;
    uint8_t pc[4] = {(uint8_t)(entry >> 24), (uint8_t)(entry >> 16), (uint8_t)(entry >> 8),
                     (uint8_t)entry};
    mem_load(m->mem, 4, pc, 4, false);
    mem_backing_fill(m->rom, 0xA, power_off_stub, sizeof power_off_stub);
    return true;
}

/* --- Assembly ----------------------------------------------------------- */

static bool map_all(q800_machine *m, char *err, size_t errlen)
{
    mem_space *s = m->mem;
    m->ram = mem_backing_new(s, "q800.ram", m->ram_size);
    m->rom = mem_backing_new(s, "q800.rom", Q800_ROM_SIZE);
    m->vram = mem_backing_new(s, "q800.vram", DAFB_VRAM_SIZE);
    if (!m->ram || !m->rom || !m->vram) {
        fmt_err(err, errlen, _("out of memory"));
        return false;
    }
    bool ok =
        mem_map_ram(s, "ram", 0, m->ram_size, m->ram, 0, 0) >= 0 &&
        mem_map_device(s, "ram-hole", m->ram_size, 0x40000000u - m->ram_size, &zero_ops, m, 4,
                       0) >= 0 &&
        mem_map_rom(s, "rom", Q800_ROM_BASE, Q800_ROM_SIZE, m->rom, 0, 0) >= 0 &&
        mem_map_rom(s, "rom-alias", Q800_ROM_ALIAS, Q800_ROM_SIZE, m->rom, 0, 0) >= 0 &&
        mem_map_device(s, "io", Q800_IO_BASE, Q800_IO_SIZE, &io_ops, m, 4, 0) >= 0 &&
        mem_map_device(s, "machine-id", Q800_MACHINE_ID_ADDR, 4, &id_ops, m, 4, 0) >= 0 &&
        mem_map_ram(s, "vram", Q800_SLOT9, DAFB_VRAM_SIZE, m->vram, 0, 0) >= 0 &&
        mem_map_device(s, "dafb", Q800_SLOT9 + DAFB_REGS, 0x1000, &fb_ops, m, 4, 0) >= 0;
    if (!ok)
        fmt_err(err, errlen, _("cannot map the Quadra 800 memory: %s"), mem_error(s));
    return ok;
}

q800_machine *q800_create(const machine_config *cfg, char *err, size_t errlen)
{
    uint32_t ram_kb = cfg->ram_kb ? cfg->ram_kb : 64 * 1024;
    if (ram_kb % 1024 || ram_kb < Q800_RAM_MIN_MB * 1024 || ram_kb > Q800_RAM_MAX_MB * 1024) {
        fmt_err(err, errlen, _("unsupported RAM size %u KB: the Quadra 800 takes 8 to 256 MB"),
                (unsigned)ram_kb);
        return NULL;
    }
    if (cfg->initrd_path && !cfg->kernel_path) {
        fmt_err(err, errlen, _("--initrd needs --kernel"));
        return NULL;
    }
    q800_machine *m = calloc(1, sizeof *m);
    if (!m) {
        fmt_err(err, errlen, _("out of memory"));
        return NULL;
    }
    m->base.ops = &q800_machine_ops;
    m->ram_size = ram_kb * 1024u;
    sched_init(&m->sched);
    m->sched.progress = cpu_progress;
    m->sched.progress_ctx = m;
    m->sched.preempt = cpu_preempt;
    m->sched.preempt_ctx = m;

    /* A 32-bit bus; the 68040 allows misaligned word and long accesses. */
    m->mem = mem_space_new(0xFFFFFFFFu, 0);
    if (!m->mem) {
        fmt_err(err, errlen, _("out of memory"));
        free(m);
        return NULL;
    }
    if (!map_all(m, err, errlen)) {
        q800_destroy(m);
        return NULL;
    }
    if (!dafb_init(&m->video, m->vram, Q800_VIDEO_W, Q800_VIDEO_H, Q800_VIDEO_DEPTH)) {
        fmt_err(err, errlen, _("out of memory"));
        q800_destroy(m);
        return NULL;
    }

    /* Chips and their interrupt lines. */
    mac_glue_init(&m->glue, &(mac_glue_hooks){.ctx = m, .set_ipl = glue_set_ipl});
    /* A fixed time of day keeps runs reproducible: 2024-01-01 12:00:00 UTC. */
    mac_via_init(&m->via, &m->sched, Q800_VIA_DIV, 1704110400u + MAC_RTC_UNIX_OFFSET,
                 &(mac_via_hooks){.ctx = m, .irq1 = via1_irq, .irq2 = via2_irq,
                                  .auxmode = via_auxmode, .power_off = via_power_off,
                                  .tick60 = via_tick60});
    scc_init(&m->scc, &(scc_hooks){.ctx = m, .irq = scc_irq, .tx = scc_tx});
    /* An empty bus: selections time out after 100 us (the chip's own
     * timeout is about 250 ms). */
    ncr53c96_init(&m->scsi, &m->sched, Q800_CPU_HZ / 10000,
                  &(ncr53c96_hooks){.ctx = m, .irq = scsi_irq, .drq = scsi_drq});

    m->cpu = m68k_new(M68K_68040, m->mem);
    if (!m->cpu) {
        fmt_err(err, errlen, _("out of memory"));
        q800_destroy(m);
        return NULL;
    }
    m68k_set_fpu_full(m->cpu, cfg->fpu_full);
    m68k_set_hooks(m->cpu, &(m68k_hooks){.ctx = m, .irq_ack = cpu_irq_ack,
                                          .reset_devices = cpu_reset_devices});

    if (cfg->serial_out && *cfg->serial_out) {
        if (strcmp(cfg->serial_out, "-") == 0) {
            m->serial = stdout;
        } else {
            m->serial = fopen(cfg->serial_out, "wb");
            if (!m->serial) {
                fmt_err(err, errlen, _("cannot write serial output %s: %s"), cfg->serial_out,
                        strerror(errno));
                q800_destroy(m);
                return NULL;
            }
            m->serial_close = true;
        }
    }
    sched_event_init(&m->serial_in_ev, "q800.serial_in", serial_in_event, m);
    bool ok = true;
    if (cfg->serial_in)
        ok = load_serial_in(m, cfg->serial_in, err, errlen);
    if (ok && cfg->scsi_disk) {
        ok = scsi_disk_open(&m->disk[0], cfg->scsi_disk, false, cfg->disk_writable[0], err,
                            errlen);
        if (ok)
            ncr53c96_attach(&m->scsi, 0, &m->disk[0]);
    }
    if (ok && cfg->cdrom) {
        ok = scsi_disk_open(&m->disk[1], cfg->cdrom, true, false, err, errlen);
        if (ok)
            ncr53c96_attach(&m->scsi, 3, &m->disk[1]);
    }
    if (ok && cfg->rom_path)
        ok = load_rom(m, cfg->rom_path, err, errlen);
    if (ok && cfg->kernel_path)
        ok = boot_linux(m, cfg, err, errlen);
    if (!ok) {
        q800_destroy(m);
        return NULL;
    }
    q800_reset(m, true);
    return m;
}

void q800_destroy(q800_machine *m)
{
    if (!m)
        return;
    if (m->serial) {
        fflush(m->serial);
        if (m->serial_close)
            fclose(m->serial);
    }
    if (getenv("TANDEM_Q800_DEBUG") && m->cpu)
        fprintf(stderr, "q800: pc=%08x sr=%04x state=%d io_faults=%llu last=%08x ipl=%d\n",
                (unsigned)m68k_get_reg(m->cpu, M68K_PC), (unsigned)m68k_get_reg(m->cpu, M68K_SR),
                m68k_state(m->cpu), (unsigned long long)m->io_faults,
                (unsigned)m->last_fault_addr, mac_glue_ipl(&m->glue));
    if (m->cpu)
        m68k_free(m->cpu);
    free(m->serial_in);
    ncr53c96_reset(&m->scsi);
    scsi_disk_close(&m->disk[0]);
    scsi_disk_close(&m->disk[1]);
    dafb_free(&m->video);
    if (m->mem)
        mem_space_free(m->mem);
    free(m);
}

void q800_reset(q800_machine *m, bool cold)
{
    (void)cold;
    m->powered_off = false;
    mac_glue_reset(&m->glue);
    mac_via_reset(&m->via);
    scc_reset(&m->scc);
    ncr53c96_reset(&m->scsi);
    dafb_reset(&m->video);
    m->serial_in_pos = 0;
    if (m->serial_in_len)
        sched_at(&m->sched, &m->serial_in_ev, sched_now(&m->sched) + Q800_CPU_HZ / 1000);
    m68k_reset(m->cpu);
    m68k_set_irq(m->cpu, mac_glue_ipl(&m->glue));
}

int64_t q800_now(const q800_machine *m)
{
    return sched_now(&m->sched);
}

/* Run the CPU between device events until `end` or the next 60.15 Hz tick. */
static void run_until(q800_machine *m, int64_t end, bool stop_at_frame)
{
    sched *s = &m->sched;
    while (s->base < end && !(stop_at_frame && m->frame_done)) {
        int64_t next = sched_next(s);
        if (next > end)
            next = end;
        int64_t budget = next - s->base;
        int32_t used = 0;
        if (budget > 0 && m->powered_off)
            used = budget > INT32_MAX / 2 ? INT32_MAX / 2 : (int32_t)budget; /* time goes on; the CPU has no power */
        else if (budget > 0)
            used = sched_run_cpu(s, m->cpu, budget, &m->in_cpu);
        sched_advance(s, s->base + (used > 0 ? used : 0));
    }
}

void q800_run_cycles(q800_machine *m, int64_t cycles)
{
    run_until(m, m->sched.base + cycles, false);
}

/* --- machine_ops ---------------------------------------------------------- */

static machine *op_create(const machine_config *cfg, char *err, size_t errlen)
{
    q800_machine *m = q800_create(cfg, err, errlen);
    return m ? &m->base : NULL;
}

static void op_destroy(machine *mm)
{
    q800_destroy((q800_machine *)mm);
}

static void op_reset(machine *mm, bool cold)
{
    q800_reset((q800_machine *)mm, cold);
}

static void op_run_frame(machine *mm)
{
    q800_machine *m = (q800_machine *)mm;
    m->frame_done = false;
    run_until(m, m->sched.base + 2 * (int64_t)MAC_VIA_VBL_TICKS * Q800_VIA_DIV, true);
}

static const machine_frame *op_frame(machine *mm)
{
    return dafb_frame(&((q800_machine *)mm)->video);
}

static void op_key(machine *mm, int key, bool down)
{
    int code = adb_keycode(key);
    if (code >= 0)
        adb_key(&((q800_machine *)mm)->via.adb.bus, (uint8_t)code, down);
}

static void op_mouse(machine *mm, int dx, int dy, unsigned buttons)
{
    adb_mouse(&((q800_machine *)mm)->via.adb.bus, dx, dy, buttons & MACHINE_MOUSE_LEFT);
}

static bool op_insert_disk(machine *mm, int drive, const char *path, bool writable, char *err,
                           size_t errlen)
{
    (void)mm;
    (void)writable;
    fmt_err(err, errlen, _("cannot insert %s in drive %d: the Quadra 800's floppy drive is not "
                           "modelled yet"),
            path, drive);
    return false;
}

static void op_eject_disk(machine *mm, int drive)
{
    (void)mm;
    (void)drive;
}

static void op_stats(machine *mm, machine_stats *out)
{
    q800_machine *m = (q800_machine *)mm;
    memset(out, 0, sizeof *out);
    out->instructions = m68k_instructions(m->cpu);
    out->cycles = (uint64_t)q800_now(m);
    out->frames = m->via.ticks60;
    out->emulated_seconds = (double)out->cycles / Q800_CPU_HZ;
    out->code_hit = mem_hit_rate(m->mem, MEM_TLB_CODE);
    out->read_hit = mem_hit_rate(m->mem, MEM_TLB_READ);
    out->write_hit = mem_hit_rate(m->mem, MEM_TLB_WRITE);
}

static bool op_powered_off(machine *mm)
{
    return ((q800_machine *)mm)->powered_off;
}

const machine_ops q800_machine_ops = {
    .id = "q800",
    .name = N_("Macintosh Quadra 800"),
    .create = op_create,
    .destroy = op_destroy,
    .reset = op_reset,
    .run_frame = op_run_frame,
    .frame = op_frame,
    .key = op_key,
    .mouse = op_mouse,
    .insert_disk = op_insert_disk,
    .eject_disk = op_eject_disk,
    .stats = op_stats,
    .audio = NULL,
    .powered_off = op_powered_off,
};
