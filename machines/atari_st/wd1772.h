/* Western Digital WD1772 floppy disk controller: command engine, status and
 * timing (head steps, spin-up, rotation, 250 kbit/s data).  Data moves through
 * the DMA chip via hooks; the drives are floppy_drive structs. */
#ifndef TANDEM_ST_WD1772_H
#define TANDEM_ST_WD1772_H

#include <stdbool.h>
#include <stdint.h>

#include "machines/atari_st/floppy.h"
#include "machines/sched.h"

/* Status register bits (type I / type II-III meaning). */
enum {
    WD_ST_BUSY = 0x01,
    WD_ST_INDEX = 0x02, WD_ST_DRQ = 0x02,
    WD_ST_TRACK0 = 0x04, WD_ST_LOST = 0x04,
    WD_ST_CRC = 0x08,
    WD_ST_RNF = 0x10,     /* record not found / seek error */
    WD_ST_SPINUP = 0x20,  /* type I: spin-up done; type II/III: record type */
    WD_ST_WPROT = 0x40,
    WD_ST_MOTOR = 0x80
};

/* Registers by A1A0. */
enum { WD_REG_CMD = 0, WD_REG_TRACK = 1, WD_REG_SECTOR = 2, WD_REG_DATA = 3 };

#define WD_REV_CYCLES 1600000 /* 300 rpm at 8 MHz */
#define WD_BYTE_CYCLES 256    /* 250 kbit/s MFM: 32 us per byte */
#define WD_CHUNK 16           /* bytes moved per DMA burst */

typedef struct wd1772_hooks {
    void *ctx;
    /* INTRQ output level (true = asserted). */
    void (*intrq)(void *ctx, bool asserted);
    /* Disk to memory: bytes read off the disk, WD_CHUNK at a time (the DMA's
     * FIFO).  Returns false if the DMA did not take them (lost data). */
    bool (*data_in)(void *ctx, const uint8_t *buf, unsigned len);
    /* Memory to disk: fill buf with len bytes to write.  false: lost data. */
    bool (*data_out)(void *ctx, uint8_t *buf, unsigned len);
} wd1772_hooks;

/* Save state, version 1: cmd, status, track, sector, data, intrq,
 * intrq_sticky, force_index_irq, type1_status, format_mismatch, sel, side,
 * dir, motor, motor_on_at, idle_pulses, state, steps_left, pos, buf,
 * track_buf (while a write track runs), ev ("wd1772.cmd") and motor_ev
 * ("wd1772.motor"): active, when.  Drives save their head track; images are
 * files, re-inserted by the board. */
typedef struct wd1772 {
    sched *s;
    wd1772_hooks hooks;
    uint8_t cmd, status, track, sector, data;
    bool intrq;
    bool intrq_sticky;        /* force interrupt I3: INTRQ stays until the next command */
    bool force_index_irq;     /* force interrupt I2: INTRQ at each index pulse */
    bool type1_status;        /* status shows type I bits (index, track 0, WP live) */
    bool format_mismatch;     /* the last write track did not fit the image geometry */
    bool trace;               /* log commands and results to stderr (off by default) */
    /* Drives: selection comes from the board (YM port A). */
    floppy_drive *drive[2];
    int sel;                  /* selected drive 0/1, -1: none */
    int side;
    int dir;                  /* last step direction: +1 in, -1 out */
    bool motor;
    int64_t motor_on_at;      /* spin-up counts 6 index pulses from here */
    int idle_pulses;          /* index pulses since the last command ended */
    /* Command engine: a state machine driven by one scheduler event. */
    int state;
    int steps_left;           /* restore: steps taken looking for track 0 */
    unsigned pos;             /* byte position within the transfer */
    uint8_t buf[FLOPPY_SECTOR_SIZE];
    uint8_t track_buf[6272];  /* write track stream */
    sched_event ev;           /* "wd1772.cmd" */
    sched_event motor_ev;     /* "wd1772.motor": counts idle index pulses, motor off at 10 */
} wd1772;

void wd1772_init(wd1772 *f, sched *s, const wd1772_hooks *hooks);
void wd1772_reset(wd1772 *f);
/* Attach drive 0 (A) and 1 (B); NULL for absent. */
void wd1772_attach(wd1772 *f, int unit, floppy_drive *d);

/* Register access by A1A0 (the DMA chip passes these on). */
uint8_t wd1772_read(wd1772 *f, unsigned reg);
void wd1772_write(wd1772 *f, unsigned reg, uint8_t value);

/* Drive and side select from the board: drive -1 (none), 0 or 1; side 0/1. */
void wd1772_select(wd1772 *f, int drive, int side);
/* Drive activity (motor on and a drive selected), for a front end's LED. */
bool wd1772_active(const wd1772 *f, int drive);

#endif
