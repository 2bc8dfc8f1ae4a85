/* Western Digital WD1772 Floppy Disk Controller (WD177x-00 data sheet).
 *
 *   pin        ST wiring
 *   D0-D7      DMA chip (registers reached through $FF8604, A1/A0 from $FF8606)
 *   DRQ        DMA chip (16-byte FIFO; so "lost data" never happens on reads)
 *   INTRQ      DMA chip -> MFP GPIP 5 (active low, shared with ACSI)
 *   STEP, DIRC, MO     both drives
 *   TR00, IP, WPRT     selected drive
 *   drive/side select  not on the WD1772: YM2149 port A (wd1772_select)
 *   CLK        8 MHz: step rates 6/12/2/3 ms, 300 rpm, 250 kbit/s MFM
 *
 * One scheduler event runs the command state machine.  The disk turns with an
 * absolute phase (index pulse at every multiple of WD_REV_CYCLES while a
 * disk is in the selected drive), and a track has a fixed layout (gap 1, then
 * one slot per sector holding the ID field and the data field), so sector
 * latency, read address and read track follow the real rotation.
 */
#include "machines/atari_st/wd1772.h"

#include <stdio.h>
#include <string.h>

#define INDEX_PULSE_CYCLES 16000      /* ~2 ms index hole */
#define SETTLE_CYCLES 120000          /* E flag: 15 ms head settle */
#define TRACK_BYTES 6250
#define GAP1 60
#define MOTOR_OFF_PULSES 10           /* motor stops after 10 idle index pulses */
#define MAX_TRACK 85

static const int step_ms_cycles[4] = {48000, 96000, 16000, 24000}; /* 6, 12, 2, 3 ms */

enum {
    S_IDLE,
    S_SPINUP,      /* waiting for 6 index pulses */
    S_TYPE1_STEP,  /* one step pulse done, continue seeking */
    S_TYPE1_VERIFY,
    S_TYPE1_DONE,
    S_SETTLE,      /* type II/III 15 ms delay */
    S_FIND,        /* type II: search the sector */
    S_READ_CHUNK,
    S_WRITE_CHUNK,
    S_SECTOR_DONE,
    S_RNF,
    S_READ_ADDR,
    S_READ_TRACK,
    S_WRITE_TRACK,
    S_INDEX_IRQ,   /* force interrupt I2: INTRQ at each index pulse */
    S_NO_DISK      /* waiting for a disk to turn up under the head */
};

/* --- Signals -------------------------------------------------------------- */

static floppy_drive *cur_drive(const wd1772 *f)
{
    if (f->sel < 0 || f->sel > 1)
        return NULL;
    floppy_drive *d = f->drive[f->sel];
    return d && d->connected ? d : NULL;
}

static floppy_image *cur_disk(const wd1772 *f)
{
    floppy_drive *d = cur_drive(f);
    return d && f->motor ? d->img : NULL;
}

static bool tr00(const wd1772 *f)
{
    floppy_drive *d = cur_drive(f);
    return d && d->track == 0;
}

static bool index_pulse(const wd1772 *f, int64_t now)
{
    return cur_disk(f) && (now % WD_REV_CYCLES) < INDEX_PULSE_CYCLES;
}

/* First index pulse strictly after t, and the n-th one. */
static int64_t nth_index_after(int64_t t, int n)
{
    return (t / WD_REV_CYCLES + n) * WD_REV_CYCLES;
}

static void set_intrq(wd1772 *f, bool on)
{
    if (on == f->intrq)
        return;
    f->intrq = on;
    if (f->hooks.intrq)
        f->hooks.intrq(f->hooks.ctx, on);
}

/* --- Track layout ----------------------------------------------------------- */

typedef struct slot_layout {
    int start;    /* byte offset of the slot from the index */
    int zeros;    /* sync zeros before each address mark */
    int gap2;     /* 4E bytes between ID and data fields */
    int id_pos;   /* offset of the ID address mark (FE) */
    int data_pos; /* offset of the first data byte */
} slot_layout;

static slot_layout layout(int spt, int i)
{
    slot_layout l;
    int slot = (TRACK_BYTES - GAP1) / spt;
    l.start = GAP1 + i * slot;
    bool tight = slot < 600; /* 11 sectors: shorter gaps */
    l.zeros = tight ? 6 : 12;
    l.gap2 = tight ? 16 : 22;
    l.id_pos = l.start + l.zeros + 3;
    l.data_pos = l.id_pos + 7 + l.gap2 + l.zeros + 3 + 1;
    return l;
}

/* Time at or after t when byte `pos` of the track passes under the head. */
static int64_t time_of_byte(int64_t t, int pos)
{
    int64_t off = (int64_t)pos * WD_BYTE_CYCLES;
    if (t <= off)
        return off;
    return off + (t - off + WD_REV_CYCLES - 1) / WD_REV_CYCLES * WD_REV_CYCLES;
}

static uint16_t crc16(uint16_t crc, const uint8_t *p, unsigned n)
{
    while (n--) {
        crc ^= (uint16_t)(*p++ << 8);
        for (int b = 0; b < 8; b++)
            crc = (uint16_t)((crc & 0x8000) ? (crc << 1) ^ 0x1021 : crc << 1);
    }
    return crc;
}

static void id_field(int track, int side, int sector, uint8_t out[6])
{
    uint8_t raw[8] = {0xA1, 0xA1, 0xA1, 0xFE, (uint8_t)track, (uint8_t)side, (uint8_t)sector, 2};
    uint16_t c = crc16(0xFFFF, raw, 8);
    memcpy(out, raw + 4, 4);
    out[4] = (uint8_t)(c >> 8);
    out[5] = (uint8_t)c;
}

/* Does the current track of the selected drive have ID fields under the
 * selected head?  (A head past the image's last track or side sees none.) */
static bool track_readable(const wd1772 *f)
{
    floppy_drive *d = cur_drive(f);
    floppy_image *img = cur_disk(f);
    return img && d->track < img->tracks && f->side < img->sides;
}

/* One byte of the raw MFM track (as read track returns it). */
static uint8_t track_byte(const wd1772 *f, int pos)
{
    floppy_drive *d = cur_drive(f);
    floppy_image *img = cur_disk(f);
    if (!track_readable(f))
        return 0x4E;
    int slot = (TRACK_BYTES - GAP1) / img->spt;
    if (pos < GAP1)
        return 0x4E;
    int i = (pos - GAP1) / slot;
    if (i >= img->spt)
        return 0x4E;
    slot_layout l = layout(img->spt, i);
    int r = pos - l.start;
    if (r < l.zeros)
        return 0x00;
    if (r < l.zeros + 3)
        return 0xA1;
    int id = pos - l.id_pos;
    if (id == 0)
        return 0xFE;
    if (id >= 1 && id <= 6) {
        uint8_t idf[6];
        id_field(d->track, f->side, i + 1, idf);
        return idf[id - 1];
    }
    int dm = l.data_pos - 1; /* data address mark */
    if (pos >= dm - 3 - l.zeros && pos < dm - 3)
        return 0x00;
    if (pos >= dm - 3 && pos < dm)
        return 0xA1;
    if (pos == dm)
        return 0xFB;
    if (pos > dm && pos < l.data_pos + 512 + 2) {
        uint8_t sec[FLOPPY_SECTOR_SIZE];
        floppy_read_sector(img, d->track, f->side, i + 1, sec);
        if (pos < l.data_pos + 512)
            return sec[pos - l.data_pos];
        uint8_t mark[4] = {0xA1, 0xA1, 0xA1, 0xFB};
        uint16_t c = crc16(crc16(0xFFFF, mark, 4), sec, 512);
        return pos == l.data_pos + 512 ? (uint8_t)(c >> 8) : (uint8_t)c;
    }
    return 0x4E;
}

/* --- Command engine --------------------------------------------------------- */

static void at(wd1772 *f, int state, int64_t when)
{
    f->state = state;
    sched_at(f->s, &f->ev, when);
}

static void motor_pulse(void *ctx, int64_t when);

static void start_motor_timeout(wd1772 *f, int64_t now)
{
    f->idle_pulses = 0;
    sched_at(f->s, &f->motor_ev, nth_index_after(now, 1));
}

static void finish(wd1772 *f)
{
    if (f->trace)
        fprintf(stderr, "wd1772 @%lld: done, status $%02X\n", (long long)sched_now(f->s),
                f->status & ~WD_ST_BUSY);
    f->status &= (uint8_t)~(WD_ST_BUSY | WD_ST_DRQ);
    f->state = S_IDLE;
    sched_cancel(f->s, &f->ev);
    set_intrq(f, true);
    /* The motor runs on for about ten revolutions. */
    start_motor_timeout(f, sched_now(f->s));
    if (f->force_index_irq && cur_disk(f))
        at(f, S_INDEX_IRQ, nth_index_after(sched_now(f->s), 1));
}

static bool is_type1(uint8_t cmd)
{
    return !(cmd & 0x80);
}

static void type1_next(wd1772 *f, int64_t now);

static void do_step(wd1772 *f, int dir)
{
    f->dir = dir;
    floppy_drive *d = cur_drive(f);
    if (d) {
        d->track += dir;
        if (d->track < 0)
            d->track = 0;
        if (d->track > MAX_TRACK)
            d->track = MAX_TRACK;
    }
}

/* Seek/restore loop: one step per call, then wait the step time. */
static void type1_next(wd1772 *f, int64_t now)
{
    uint8_t c = f->cmd;
    int64_t step = step_ms_cycles[c & 3];
    if (c < 0x10) { /* restore: step out until track 0, at most 255 steps */
        if (tr00(f)) {
            f->track = 0;
            at(f, S_TYPE1_VERIFY, now);
        } else if (++f->steps_left > 255) {
            f->status |= WD_ST_RNF; /* seek error */
            finish(f);
        } else {
            do_step(f, -1);
            at(f, S_TYPE1_STEP, now + step);
        }
        return;
    }
    if (c < 0x20) { /* seek */
        if (f->track == f->data) {
            at(f, S_TYPE1_VERIFY, now);
            return;
        }
        int dir = f->data > f->track ? 1 : -1;
        if (dir < 0 && tr00(f)) {
            f->track = 0;
            at(f, S_TYPE1_VERIFY, now);
            return;
        }
        f->track = (uint8_t)(f->track + dir);
        do_step(f, dir);
        at(f, S_TYPE1_STEP, now + step);
        return;
    }
    /* step / step in / step out: a single step */
    int dir = c < 0x40 ? f->dir : (c < 0x60 ? 1 : -1);
    if (dir == 0)
        dir = 1;
    if (c & 0x10)
        f->track = (uint8_t)(f->track + dir);
    do_step(f, dir);
    at(f, S_TYPE1_VERIFY, now + step);
}

/* Type I verify: read an ID field whose track matches the track register. */
static void type1_verify(wd1772 *f, int64_t now)
{
    if (!(f->cmd & 0x04)) {
        finish(f);
        return;
    }
    if (!cur_disk(f)) {
        at(f, S_NO_DISK, now + WD_REV_CYCLES);
        return;
    }
    floppy_drive *d = cur_drive(f);
    if (!track_readable(f) || d->track != f->track) {
        at(f, S_RNF, nth_index_after(now, 5));
        return;
    }
    /* The first ID field to come by, read to its CRC. */
    floppy_image *img = cur_disk(f);
    int64_t best = INT64_MAX;
    for (int i = 0; i < img->spt; i++) {
        int64_t t = time_of_byte(now, layout(img->spt, i).id_pos + 7);
        if (t < best)
            best = t;
    }
    at(f, S_TYPE1_DONE, best);
}

/* Start of a type II/III command after spin-up and settle. */
static void type23_begin(wd1772 *f, int64_t now)
{
    uint8_t c = f->cmd;
    if ((c & 0xE0) == 0xA0 || (c & 0xF0) == 0xF0) { /* write sector / write track */
        floppy_drive *d = cur_drive(f);
        if (!d || floppy_drive_wprot(d, now)) {
            f->status |= WD_ST_WPROT;
            finish(f);
            return;
        }
    }
    if (!cur_disk(f)) {
        at(f, S_NO_DISK, now + WD_REV_CYCLES);
        return;
    }
    switch (c & 0xF0) {
    case 0xC0: { /* read address: the next ID field */
        if (!track_readable(f)) {
            at(f, S_RNF, nth_index_after(now, 5));
            return;
        }
        floppy_image *img = cur_disk(f);
        int64_t best = INT64_MAX;
        int which = 0;
        for (int i = 0; i < img->spt; i++) {
            int64_t t = time_of_byte(now, layout(img->spt, i).id_pos + 7);
            if (t < best) {
                best = t;
                which = i;
            }
        }
        id_field(cur_drive(f)->track, f->side, which + 1, f->buf);
        at(f, S_READ_ADDR, best);
        return;
    }
    case 0xE0: /* read track: from the next index pulse to the one after */
        f->pos = 0;
        at(f, S_READ_TRACK, nth_index_after(now, 1) + WD_CHUNK * WD_BYTE_CYCLES);
        return;
    case 0xF0:
        f->pos = 0;
        at(f, S_WRITE_TRACK, nth_index_after(now, 1) + WD_CHUNK * WD_BYTE_CYCLES);
        return;
    default:
        at(f, S_FIND, now);
        return;
    }
}

/* Type II: find the sector in the sector register on this track. */
static void find_sector(wd1772 *f, int64_t now)
{
    floppy_image *img = cur_disk(f);
    if (!img) {
        at(f, S_NO_DISK, now + WD_REV_CYCLES);
        return;
    }
    floppy_drive *d = cur_drive(f);
    if (!track_readable(f) || d->track != f->track || f->sector < 1 || f->sector > img->spt) {
        at(f, S_RNF, nth_index_after(now, 5));
        return;
    }
    slot_layout l = layout(img->spt, f->sector - 1);
    int64_t id_time = time_of_byte(now, l.id_pos);
    int64_t data_time = id_time + (int64_t)(l.data_pos - l.id_pos) * WD_BYTE_CYCLES;
    f->pos = 0;
    if ((f->cmd & 0xE0) == 0xA0) {
        f->status |= WD_ST_DRQ; /* the first byte is asked for before the data field */
        at(f, S_WRITE_CHUNK, data_time + WD_CHUNK * WD_BYTE_CYCLES);
    } else {
        floppy_read_sector(img, d->track, f->side, f->sector, f->buf);
        at(f, S_READ_CHUNK, data_time + WD_CHUNK * WD_BYTE_CYCLES);
    }
}

static void write_track_done(wd1772 *f);

static void run(void *ctx, int64_t now)
{
    wd1772 *f = ctx;
    switch (f->state) {
    case S_SPINUP:
        if (!cur_disk(f)) { /* no index pulses without a disk: wait */
            f->motor_on_at = now;
            at(f, S_SPINUP, now + WD_REV_CYCLES);
            return;
        }
        if (now < nth_index_after(f->motor_on_at, 6)) {
            at(f, S_SPINUP, nth_index_after(f->motor_on_at, 6));
            return;
        }
        if (is_type1(f->cmd)) {
            f->status |= WD_ST_SPINUP; /* type II/III: this bit is the record type */
            type1_next(f, now);
        } else if (f->cmd & 0x04) {
            at(f, S_SETTLE, now + SETTLE_CYCLES);
        } else {
            type23_begin(f, now);
        }
        return;
    case S_TYPE1_STEP:
        type1_next(f, now);
        return;
    case S_TYPE1_VERIFY:
        type1_verify(f, now);
        return;
    case S_TYPE1_DONE:
        finish(f);
        return;
    case S_SETTLE:
        type23_begin(f, now);
        return;
    case S_FIND:
        find_sector(f, now);
        return;
    case S_NO_DISK:
        if (!cur_disk(f)) {
            at(f, S_NO_DISK, now + WD_REV_CYCLES);
            return;
        }
        if (is_type1(f->cmd))
            type1_verify(f, now);
        else
            type23_begin(f, now);
        return;
    case S_READ_CHUNK:
        if (f->hooks.data_in)
            f->hooks.data_in(f->hooks.ctx, f->buf + f->pos, WD_CHUNK);
        f->pos += WD_CHUNK;
        f->data = f->buf[f->pos - 1];
        if (f->pos < FLOPPY_SECTOR_SIZE)
            at(f, S_READ_CHUNK, now + WD_CHUNK * WD_BYTE_CYCLES);
        else
            at(f, S_SECTOR_DONE, now + 2 * WD_BYTE_CYCLES); /* CRC */
        return;
    case S_WRITE_CHUNK:
        if (!f->hooks.data_out || !f->hooks.data_out(f->hooks.ctx, f->buf + f->pos, WD_CHUNK)) {
            memset(f->buf + f->pos, 0, WD_CHUNK);
            f->status |= WD_ST_LOST;
        }
        f->pos += WD_CHUNK;
        f->data = f->buf[f->pos - 1];
        if (f->pos < FLOPPY_SECTOR_SIZE) {
            at(f, S_WRITE_CHUNK, now + WD_CHUNK * WD_BYTE_CYCLES);
        } else {
            f->status &= (uint8_t)~WD_ST_DRQ;
            floppy_drive *d = cur_drive(f);
            if (!d || !d->img || !floppy_write_sector(d->img, d->track, f->side, f->sector, f->buf))
                f->status |= WD_ST_RNF;
            at(f, S_SECTOR_DONE, now + 2 * WD_BYTE_CYCLES);
        }
        return;
    case S_SECTOR_DONE:
        if ((f->cmd & 0x10) && !(f->status & (WD_ST_RNF | WD_ST_LOST))) {
            f->sector++; /* multiple sectors: on until a sector is missing */
            find_sector(f, now);
            return;
        }
        finish(f);
        return;
    case S_RNF:
        f->status |= WD_ST_RNF;
        finish(f);
        return;
    case S_READ_ADDR:
        if (f->hooks.data_in)
            f->hooks.data_in(f->hooks.ctx, f->buf, 6);
        f->sector = f->buf[0]; /* the data sheet: track address goes to the sector register */
        f->data = f->buf[5];
        finish(f);
        return;
    case S_READ_TRACK: {
        uint8_t chunk[WD_CHUNK];
        for (unsigned i = 0; i < WD_CHUNK; i++)
            chunk[i] = track_byte(f, (int)(f->pos + i));
        if (f->hooks.data_in)
            f->hooks.data_in(f->hooks.ctx, chunk, WD_CHUNK);
        f->pos += WD_CHUNK;
        if (f->pos + WD_CHUNK <= TRACK_BYTES)
            at(f, S_READ_TRACK, now + WD_CHUNK * WD_BYTE_CYCLES);
        else
            finish(f);
        return;
    }
    case S_WRITE_TRACK:
        if (f->pos + WD_CHUNK <= sizeof f->track_buf) {
            if (!f->hooks.data_out ||
                !f->hooks.data_out(f->hooks.ctx, f->track_buf + f->pos, WD_CHUNK)) {
                memset(f->track_buf + f->pos, 0x4E, WD_CHUNK);
                f->status |= WD_ST_LOST;
            }
        }
        f->pos += WD_CHUNK;
        if (f->pos + WD_CHUNK <= TRACK_BYTES) {
            at(f, S_WRITE_TRACK, now + WD_CHUNK * WD_BYTE_CYCLES);
        } else {
            write_track_done(f);
            finish(f);
        }
        return;
    case S_INDEX_IRQ:
        if (!f->force_index_irq)
            return;
        set_intrq(f, true);
        if (cur_disk(f))
            at(f, S_INDEX_IRQ, nth_index_after(now, 1));
        return;
    default:
        return;
    }
}

/* Write track (format): pick the sectors out of the byte stream the CPU sent
 * (F5 = A1 sync, F7 = CRC) and store those that fit the image's geometry. */
static void write_track_done(wd1772 *f)
{
    floppy_drive *d = cur_drive(f);
    if (!d || !d->img)
        return;
    const uint8_t *p = f->track_buf;
    unsigned n = f->pos < sizeof f->track_buf ? f->pos : (unsigned)sizeof f->track_buf;
    int found = 0, stored = 0;
    for (unsigned i = 0; i + 5 < n; i++) {
        if (p[i] != 0xFE || i < 1 || p[i - 1] != 0xF5)
            continue;
        int sec = p[i + 3]; /* raw images store by physical track and side */
        /* The data mark follows within a gap. */
        for (unsigned j = i + 5; j + 513 < n && j < i + 80; j++) {
            if (p[j] == 0xFB && p[j - 1] == 0xF5) {
                found++;
                if (floppy_write_sector(d->img, d->track, f->side, sec, p + j + 1))
                    stored++;
                i = j + 512;
                break;
            }
        }
    }
    if (found != stored || (found && found != d->img->spt))
        f->format_mismatch = true; /* the image cannot hold this format */
}

/* --- Registers ------------------------------------------------------------- */

static uint8_t status_value(wd1772 *f)
{
    uint8_t s = f->status;
    if (f->motor)
        s |= WD_ST_MOTOR;
    else
        s &= (uint8_t)~WD_ST_MOTOR;
    if (f->type1_status) {
        int64_t now = sched_now(f->s);
        floppy_drive *d = cur_drive(f);
        s &= (uint8_t)~(WD_ST_INDEX | WD_ST_TRACK0 | WD_ST_WPROT);
        if (index_pulse(f, now))
            s |= WD_ST_INDEX;
        if (tr00(f))
            s |= WD_ST_TRACK0;
        if (!d || floppy_drive_wprot(d, now))
            s |= WD_ST_WPROT;
    }
    return s;
}

uint8_t wd1772_read(wd1772 *f, unsigned reg)
{
    switch (reg & 3) {
    case WD_REG_CMD: {
        uint8_t s = status_value(f);
        if (!f->intrq_sticky)
            set_intrq(f, false);
        return s;
    }
    case WD_REG_TRACK: return f->track;
    case WD_REG_SECTOR: return f->sector;
    default: return f->data;
    }
}

/* The motor goes off after 10 index pulses without a command.  Pulses come
 * only from a selected drive holding a disk, so an empty drive keeps the
 * motor on (EmuTOS relies on that: its timeout is shorter with the motor on). */
static void motor_pulse(void *ctx, int64_t when)
{
    wd1772 *f = ctx;
    if (!f->motor || (f->state != S_IDLE && f->state != S_INDEX_IRQ))
        return;
    if (cur_disk(f) && ++f->idle_pulses >= MOTOR_OFF_PULSES) {
        f->motor = false;
        return;
    }
    sched_at(f->s, &f->motor_ev, nth_index_after(when, 1));
}

static void command(wd1772 *f, uint8_t c)
{
    int64_t now = sched_now(f->s);
    if (f->trace) {
        floppy_drive *d = cur_drive(f);
        fprintf(stderr, "wd1772 @%lld: command $%02X track %u sector %u data %u drive %d side %d head %d%s\n",
                (long long)now, c, f->track, f->sector, f->data, f->sel, f->side, d ? d->track : -1,
                f->status & WD_ST_BUSY ? " (busy)" : "");
    }
    if ((c & 0xF0) == 0xD0) { /* force interrupt */
        bool was_busy = f->status & WD_ST_BUSY;
        sched_cancel(f->s, &f->ev);
        f->state = S_IDLE;
        f->status &= (uint8_t)~(WD_ST_BUSY | WD_ST_DRQ);
        /* A running command keeps its status bits; when idle the status turns
         * to type I, the motor comes on and spin-up reads clear (as an STF does). */
        if (!was_busy) {
            f->type1_status = true;
            f->status &= (uint8_t)~(WD_ST_RNF | WD_ST_CRC | WD_ST_LOST | WD_ST_SPINUP);
            if (!f->motor) {
                f->motor = true;
                f->motor_on_at = now;
            }
        }
        f->force_index_irq = (c & 0x04) != 0;
        f->intrq_sticky = (c & 0x08) != 0;
        set_intrq(f, (c & 0x08) != 0);
        if (f->force_index_irq && cur_disk(f))
            at(f, S_INDEX_IRQ, nth_index_after(now, 1));
        start_motor_timeout(f, now);
        return;
    }
    if (f->status & WD_ST_BUSY)
        return; /* ignored while busy */
    f->cmd = c;
    f->intrq_sticky = false;
    f->force_index_irq = false;
    set_intrq(f, false);
    sched_cancel(f->s, &f->motor_ev);
    f->status = WD_ST_BUSY | (f->status & WD_ST_SPINUP);
    f->type1_status = is_type1(c);
    f->steps_left = 0;
    f->format_mismatch = false;
    bool spin = !(c & 0x08) && !f->motor;
    if (!f->motor) {
        f->motor = true;
        f->motor_on_at = now;
    }
    if (is_type1(c)) {
        if (c < 0x10) { /* restore */
            f->track = 0xFF;
            f->data = 0;
        }
        if (spin) {
            f->status &= (uint8_t)~WD_ST_SPINUP;
            at(f, S_SPINUP, now);
        } else {
            type1_next(f, now);
        }
        return;
    }
    f->status &= (uint8_t)~WD_ST_SPINUP; /* record type bit in type II/III */
    if (spin)
        at(f, S_SPINUP, now);
    else if (c & 0x04)
        at(f, S_SETTLE, now + SETTLE_CYCLES);
    else
        type23_begin(f, now);
}

void wd1772_write(wd1772 *f, unsigned reg, uint8_t v)
{
    switch (reg & 3) {
    case WD_REG_CMD: command(f, v); break;
    case WD_REG_TRACK: f->track = v; break;
    case WD_REG_SECTOR: f->sector = v; break;
    default: f->data = v; break;
    }
}

void wd1772_select(wd1772 *f, int drive, int side)
{
    f->sel = drive >= 0 && drive <= 1 ? drive : -1;
    f->side = side ? 1 : 0;
}

bool wd1772_active(const wd1772 *f, int drive)
{
    return f->motor && f->sel == drive;
}

void wd1772_attach(wd1772 *f, int unit, floppy_drive *d)
{
    if (unit == 0 || unit == 1)
        f->drive[unit] = d;
}

void wd1772_init(wd1772 *f, sched *s, const wd1772_hooks *hooks)
{
    memset(f, 0, sizeof *f);
    f->s = s;
    if (hooks)
        f->hooks = *hooks;
    f->sel = -1;
    sched_event_init(&f->ev, "wd1772.cmd", run, f);
    sched_event_init(&f->motor_ev, "wd1772.motor", motor_pulse, f);
    wd1772_reset(f);
}

void wd1772_reset(wd1772 *f)
{
    sched_cancel(f->s, &f->ev);
    sched_cancel(f->s, &f->motor_ev);
    f->state = S_IDLE;
    f->cmd = 0;
    f->status = 0;
    f->track = 0;
    f->sector = 1;
    f->data = 0;
    f->dir = 1;
    f->motor = false;
    f->type1_status = true;
    f->force_index_irq = false;
    f->intrq_sticky = false;
    set_intrq(f, false);
}
