#include "machines/atari_st/st.h"
#include "machines/errmsg.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "machines/i18n.h"

/* --- Wiring: what each chip's outputs are connected to ------------------- */

static int32_t cpu_progress(const void *ctx)
{
    const st_machine *m = ctx;
    return m->in_cpu ? m68k_cycles_run(m->cpu) : 0;
}

static void cpu_preempt(void *ctx)
{
    st_machine *m = ctx;
    if (m->in_cpu)
        m68k_end_run(m->cpu);
}

static void glue_set_ipl(void *ctx, int level)
{
    st_machine *m = ctx;
    if (m->cpu)
        m68k_set_irq(m->cpu, level);
}

static int glue_mfp_ack(void *ctx)
{
    return mfp_irq_ack(&((st_machine *)ctx)->mfp);
}

static int cpu_irq_ack(void *ctx, int level)
{
    return st_glue_ack(&((st_machine *)ctx)->glue, level);
}

static void cpu_reset_devices(void *ctx)
{
    st_machine *m = ctx;
    /* The RESET line reaches the MFP, the sound chip and the disk system;
     * video keeps running and the ACIAs have no reset pin. */
    mfp_reset(&m->mfp);
    ym2149_reset(&m->ym);
    dma_reset(&m->dma);
    wd1772_reset(&m->fdc);
}

static void mfp_irq(void *ctx, bool asserted)
{
    st_glue_mfp(&((st_machine *)ctx)->glue, asserted);
}

/* Both ACIAs share GPIP 4 (active low, wired-OR). */
static void acia_lines(st_machine *m)
{
    mfp_set_gpip(&m->mfp, 4, !(m->kbd_irq || m->midi_irq));
}

static void kbd_acia_irq(void *ctx, bool asserted)
{
    st_machine *m = ctx;
    m->kbd_irq = asserted;
    acia_lines(m);
}

static void midi_acia_irq(void *ctx, bool asserted)
{
    st_machine *m = ctx;
    m->midi_irq = asserted;
    acia_lines(m);
}

static void kbd_acia_tx(void *ctx, uint8_t byte)
{
    ikbd_receive(&((st_machine *)ctx)->kbd, byte);
}

static void ikbd_send(void *ctx, uint8_t byte)
{
    acia_receive(&((st_machine *)ctx)->kbd_acia, byte);
}

/* YM port A: drive select (active low) and side select (inverted). */
static void ym_port_a(void *ctx, uint8_t v)
{
    st_machine *m = ctx;
    int drive = !(v & YM_PA_DRIVE_A) ? 0 : !(v & YM_PA_DRIVE_B) ? 1 : -1;
    wd1772_select(&m->fdc, drive, (v & YM_PA_SIDE0) ? 0 : 1);
}

/* FDC/ACSI interrupt to GPIP 5, active low. */
static void dma_irq(void *ctx, bool asserted)
{
    mfp_set_gpip(&((st_machine *)ctx)->mfp, 5, !asserted);
}

static void dma_ram_write(void *ctx, uint32_t addr, const uint8_t *buf, unsigned len)
{
    mem_dma_write(((st_machine *)ctx)->mem, addr & 0xFFFFFF, buf, len);
}

static void dma_ram_read(void *ctx, uint32_t addr, uint8_t *buf, unsigned len)
{
    mem_dma_read(((st_machine *)ctx)->mem, addr & 0xFFFFFF, buf, len);
}

static void video_hbl(void *ctx)
{
    st_glue_hbl(&((st_machine *)ctx)->glue);
}

static void video_vbl(void *ctx)
{
    st_glue_vbl(&((st_machine *)ctx)->glue);
}

static void video_de_end(void *ctx)
{
    mfp_timer_event(&((st_machine *)ctx)->mfp, MFP_TIMER_B);
}

static void video_fetch(void *ctx, uint32_t addr, uint8_t *buf, uint32_t len)
{
    st_mmu_fetch(&((st_machine *)ctx)->mmu, addr, buf, len);
}

static void video_frame_done(void *ctx)
{
    ((st_machine *)ctx)->frame_done = true;
}

/* Open-bus regions: the empty cartridge port. */
static int open_read(void *dev, uint32_t off, unsigned size, uint32_t *value)
{
    *value = size == 4 ? 0xFFFFFFFFu : size == 2 ? 0xFFFFu : 0xFFu;
    return 0;
}

static int open_write(void *dev, uint32_t off, unsigned size, uint32_t value)
{
    return MEM_FAULT_BUS;
}

static const mem_device_ops io_ops = {st_io_read, st_io_write};
static const mem_device_ops open_ops = {open_read, open_write};

/* The GPIP inputs at rest: nothing interrupting, GPIP 7 low for a
 * monochrome monitor. */
static void gpip_rest(st_machine *m)
{
    for (unsigned pin = 0; pin < 8; pin++)
        mfp_set_gpip(&m->mfp, pin, pin == 7 ? !m->mono : true);
    acia_lines(m);
}

/* --- Assembly ----------------------------------------------------------- */

st_machine *st_create(const machine_config *cfg, char *err, size_t errlen)
{
    st_rom_image rom;
    if (!st_rom_load(cfg->rom_path, &rom, err, errlen))
        return NULL;
    uint32_t ram_kb = cfg->ram_kb ? cfg->ram_kb : 1024;
    uint32_t banks[2];
    if (!st_mmu_banks(ram_kb, banks)) {
        fmt_err(err, errlen, _("unsupported RAM size %u KB: use 512K, 1M, 2M or 4M"),
                (unsigned)ram_kb);
        st_rom_free(&rom);
        return NULL;
    }
    st_machine *m = calloc(1, sizeof *m);
    if (!m) {
        st_rom_free(&rom);
        fmt_err(err, errlen, _("out of memory"));
        return NULL;
    }
    m->base.ops = &st_machine_ops;
    m->mono = cfg->mono;
    m->rom_base = rom.base;
    m->rom_size = rom.size;
    m->tos_version = rom.version;
    sched_init(&m->sched);
    m->sched.progress = cpu_progress;
    m->sched.progress_ctx = m;
    m->sched.preempt = cpu_preempt;
    m->sched.preempt_ctx = m;

    /* Address space: 24-bit bus, word accesses must be even. */
    mem_space *s = m->mem = mem_space_new(0x00FFFFFF, 1);
    bool ok = s != NULL;
    if (ok) {
        m->rom_mem = mem_backing_new(s, "st.rom", rom.size);
        m->cart_mem = NULL;
        ok = m->rom_mem != NULL;
    }
    if (ok) {
        mem_backing_fill(m->rom_mem, 0, rom.data, rom.size);
        ok = mem_map_rom(s, "rom", rom.base, rom.size, m->rom_mem, 0, MEM_F_ROM_WRITE_FAULT) >= 0 &&
             mem_map_device(s, "cartridge", ST_CART_BASE, ST_CART_SIZE,
                            &open_ops, m, 4, 0) >= 0 &&
             mem_map_device(s, "io", ST_IO_BASE, 0x8000, &io_ops, m, 2, MEM_F_SUPERVISOR) >= 0;
        if (!ok)
            fmt_err(err, errlen, _("cannot map the ST ROM: %s"), mem_error(s));
    } else {
        fmt_err(err, errlen, _("out of memory"));
    }
    st_rom_free(&rom);
    if (ok)
        ok = st_mmu_init(&m->mmu, s, ram_kb, m->rom_mem, err, errlen);
    if (!ok) {
        st_destroy(m);
        return NULL;
    }

    /* Chips and their interrupt lines. */
    st_glue_init(&m->glue, &(st_glue_hooks){.ctx = m, .set_ipl = glue_set_ipl,
                                              .mfp_ack = glue_mfp_ack});
    mfp_init(&m->mfp, &m->sched, ST_CPU_HZ, &(mfp_hooks){.ctx = m, .irq = mfp_irq});
    acia_init(&m->kbd_acia, &m->sched, "acia.kbd", 16,
              &(acia_hooks){.ctx = m, .irq = kbd_acia_irq, .tx = kbd_acia_tx});
    acia_init(&m->midi_acia, &m->sched, "acia.midi", 16,
              &(acia_hooks){.ctx = m, .irq = midi_acia_irq});
    ikbd_init(&m->kbd, &m->sched, &(ikbd_hooks){.ctx = m, .send = ikbd_send});
    ym2149_init(&m->ym, &m->sched, &(ym2149_hooks){.ctx = m, .port_a = ym_port_a});
    floppy_drive_init(&m->drive[0], true);
    floppy_drive_init(&m->drive[1], true);
    wd1772_init(&m->fdc, &m->sched, &(wd1772_hooks){0});
    wd1772_attach(&m->fdc, 0, &m->drive[0]);
    wd1772_attach(&m->fdc, 1, &m->drive[1]);
    dma_init(&m->dma, &m->sched, &m->fdc,
             &(dma_hooks){.ctx = m, .irq = dma_irq, .ram_write = dma_ram_write,
                          .ram_read = dma_ram_read});
    if (!shifter_init(&m->video, &m->sched, m->mono,
                      &(shifter_hooks){.ctx = m, .hbl = video_hbl, .vbl = video_vbl,
                                       .de_end = video_de_end, .fetch = video_fetch,
                                       .frame_done = video_frame_done})) {
        fmt_err(err, errlen, _("out of memory"));
        st_destroy(m);
        return NULL;
    }

    /* The CPU: IPL from the GLUE, interrupt acknowledge through it. */
    m->cpu = m68k_new(M68K_68000, s);
    if (!m->cpu) {
        fmt_err(err, errlen, _("out of memory"));
        st_destroy(m);
        return NULL;
    }
    m68k_set_hooks(m->cpu, &(m68k_hooks){.ctx = m, .irq_ack = cpu_irq_ack,
                                          .reset_devices = cpu_reset_devices});

    for (int d = 0; d < 2; d++) {
        if (cfg->disk[d] && !st_machine_ops.insert_disk(&m->base, d, cfg->disk[d],
                                                         cfg->disk_writable[d], err, errlen)) {
            st_destroy(m);
            return NULL;
        }
    }
    st_reset(m, true);
    return m;
}

void st_destroy(st_machine *m)
{
    if (!m)
        return;
    for (int d = 0; d < 2; d++) {
        if (m->drive[d].img) {
            char err[256];
            floppy_flush(m->drive[d].img, err, sizeof err);
            floppy_free(m->drive[d].img);
            m->drive[d].img = NULL;
        }
    }
    if (m->cpu)
        m68k_free(m->cpu);
    shifter_free(&m->video);
    if (m->mem)
        mem_space_free(m->mem);
    free(m);
}

void st_reset(st_machine *m, bool cold)
{
    st_mmu_reset(&m->mmu, cold);
    st_glue_reset(&m->glue);
    mfp_reset(&m->mfp);
    acia_reset(&m->kbd_acia);
    acia_reset(&m->midi_acia);
    m->kbd_irq = m->midi_irq = false;
    if (cold) {
        ikbd_reset(&m->kbd);
        /* A fixed time of day keeps runs reproducible. */
        ikbd_set_time(&m->kbd, 2024, 1, 1, 12, 0, 0);
    }
    ym2149_reset(&m->ym);
    wd1772_reset(&m->fdc);
    dma_reset(&m->dma);
    gpip_rest(m);
    shifter_reset(&m->video);
    m68k_reset(m->cpu);
    m68k_set_irq(m->cpu, st_glue_ipl(&m->glue));
}

int64_t st_now(const st_machine *m)
{
    return sched_now(&m->sched);
}

/* Run the CPU between device events until `end` or the end of a frame. */
static void run_until(st_machine *m, int64_t end, bool stop_at_frame)
{
    sched *s = &m->sched;
    while (s->base < end && !(stop_at_frame && m->frame_done)) {
        int64_t next = sched_next(s);
        if (next > end)
            next = end;
        int64_t budget = next - s->base;
        int32_t used = budget > 0 ? sched_run_cpu(s, m->cpu, budget, &m->in_cpu) : 0;
        sched_advance(s, s->base + (used > 0 ? used : 0));
    }
}

void st_run_cycles(st_machine *m, int64_t cycles)
{
    run_until(m, m->sched.base + cycles, false);
}

/* --- machine_ops ---------------------------------------------------------- */

static machine *op_create(const machine_config *cfg, char *err, size_t errlen)
{
    st_machine *m = st_create(cfg, err, errlen);
    return m ? &m->base : NULL;
}

static void op_destroy(machine *mm)
{
    st_destroy((st_machine *)mm);
}

static void op_reset(machine *mm, bool cold)
{
    st_reset((st_machine *)mm, cold);
}

static void op_run_frame(machine *mm)
{
    st_machine *m = (st_machine *)mm;
    m->frame_done = false;
    /* A frame is at most 160,256 cycles (50 Hz); the bound guards against a
     * frame that never ends because the mode keeps changing. */
    run_until(m, m->sched.base + 4 * 160256, true);
}

static const machine_frame *op_frame(machine *mm)
{
    return shifter_frame(&((st_machine *)mm)->video);
}

static void op_key(machine *mm, int key, bool down)
{
    int sc = st_scancode(key);
    if (sc)
        ikbd_key(&((st_machine *)mm)->kbd, sc, down);
}

static void op_mouse(machine *mm, int dx, int dy, unsigned buttons)
{
    st_machine *m = (st_machine *)mm;
    unsigned b = 0;
    if (buttons & MACHINE_MOUSE_LEFT)
        b |= IKBD_BUTTON_LEFT;
    if (buttons & MACHINE_MOUSE_RIGHT)
        b |= IKBD_BUTTON_RIGHT;
    m->buttons = b;
    ikbd_mouse(&m->kbd, dx, dy, b);
}

static bool op_insert_disk(machine *mm, int drive, const char *path, bool writable, char *err,
                           size_t errlen)
{
    st_machine *m = (st_machine *)mm;
    if (drive < 0 || drive > 1) {
        fmt_err(err, errlen, _("no drive %d on this machine"), drive);
        return false;
    }
    floppy_image *img = floppy_open(path, writable, false, err, errlen);
    if (!img)
        return false;
    if (m->drive[drive].img) {
        char why[256];
        floppy_flush(m->drive[drive].img, why, sizeof why);
    }
    floppy_drive_insert(&m->drive[drive], img, st_now(m));
    return true;
}

static void op_eject_disk(machine *mm, int drive)
{
    st_machine *m = (st_machine *)mm;
    if (drive < 0 || drive > 1 || !m->drive[drive].img)
        return;
    char why[256];
    floppy_flush(m->drive[drive].img, why, sizeof why);
    floppy_drive_insert(&m->drive[drive], NULL, st_now(m));
}

static void op_stats(machine *mm, machine_stats *out)
{
    st_machine *m = (st_machine *)mm;
    memset(out, 0, sizeof *out);
    out->instructions = m68k_instructions(m->cpu);
    out->cycles = (uint64_t)st_now(m);
    out->frames = m->video.frames;
    out->emulated_seconds = (double)out->cycles / ST_CPU_HZ;
    out->code_hit = mem_hit_rate(m->mem, MEM_TLB_CODE);
    out->read_hit = mem_hit_rate(m->mem, MEM_TLB_READ);
    out->write_hit = mem_hit_rate(m->mem, MEM_TLB_WRITE);
    for (int d = 0; d < 2; d++)
        out->drive_active[d] = wd1772_active(&m->fdc, d);
}

const machine_ops st_machine_ops = {
    .id = "st",
    .name = N_("Atari ST"),
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
};
