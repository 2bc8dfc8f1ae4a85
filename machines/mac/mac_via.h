/* The Quadra 800's two VIAs as wired on its logic board: VIA1 (RTC/PRAM,
 * ADB transceiver, 60.15 Hz and 1 Hz interrupts, interrupt-mapping select)
 * and VIA2 (NuBus slot, SCSI and sound interrupts, power off). */
#ifndef TANDEM_MAC_MAC_VIA_H
#define TANDEM_MAC_MAC_VIA_H

#include <stdbool.h>
#include <stdint.h>

#include "machines/mac/adb.h"
#include "machines/mac/rtc.h"
#include "machines/mac/via.h"
#include "machines/sched.h"

/* VIA clock: 783.36 kHz.  The machine's CPU clock is 42 of these. */
#define MAC_VIA_HZ 783360
/* One 60.15 Hz tick, in VIA clocks (783360 / 60.15). */
#define MAC_VIA_VBL_TICKS 13024

/* VIA1 port B */
#define VIA1B_RTC_DATA 0x01
#define VIA1B_RTC_CLK 0x02
#define VIA1B_RTC_ENB 0x04
#define VIA1B_ADB_INT 0x08
#define VIA1B_ADB_ST 0x30
#define VIA1B_AUXMODE 0x40
/* VIA2 port B */
#define VIA2B_POWER 0x04

typedef struct mac_via_hooks {
    void *ctx;
    void (*irq1)(void *ctx, bool asserted);
    void (*irq2)(void *ctx, bool asserted);
    /* VIA1 PB6: true = A/UX interrupt mapping (line driven low). */
    void (*auxmode)(void *ctx, bool aux);
    /* VIA2 PB2 driven low: the power supply switches off. */
    void (*power_off)(void *ctx);
    /* Each 60.15 Hz tick (the machine's frame boundary). */
    void (*tick60)(void *ctx);
} mac_via_hooks;

/* The ADB transceiver's view of a transaction. */
typedef struct mac_adb {
    int state;          /* ST1:ST0 as last driven: 0 command, 1 even, 2 odd, 3 idle */
    bool int_low;       /* /CTLR_IRQ (VIA1 PB3) asserted */
    uint8_t last_sr;    /* the byte the host last shifted out */
    uint8_t out[ADB_MAX_REPLY + 1]; /* this transaction's command and data bytes */
    int nout;
    bool talked;        /* the reply phase has started (the command was a Talk) */
    int nreply;         /* reply bytes, -1 for a timeout */
    uint8_t reply[ADB_MAX_REPLY];
    int given;          /* reply bytes (or timeout markers) delivered */
    uint8_t next;       /* byte the pending completion delivers */
    bool next_int;      /* /CTLR_IRQ level with it */
    sched_event ev;
    uint64_t commands;  /* transactions started, for tests */
    adb_bus bus;        /* the keyboard and the mouse */
} mac_adb;

/* Save state, version 1: the two VIAs, rtc, adb, slot_irq, powered_off and
 * the two events ("mac_via.60hz", "mac_via.1hz").  s, hooks, div: wiring. */
typedef struct mac_via {
    sched *s;
    mac_via_hooks hooks;
    uint32_t div; /* scheduler cycles per VIA clock */
    via via1, via2;
    mac_rtc rtc;
    mac_adb adb;
    uint8_t slot_irq; /* VIA2 PA0-PA6 asserted (1 = interrupting) */
    bool powered_off;
    sched_event ev60, ev1;
    uint64_t ticks60;
} mac_via;

/* div: scheduler cycles per VIA clock (42 at 32.9 MHz); seconds: the RTC at
 * time 0 (Mac epoch). */
void mac_via_init(mac_via *m, sched *s, uint32_t div, uint32_t seconds,
                  const mac_via_hooks *hooks);
void mac_via_reset(mac_via *m);

/* Bus access to the 16 KB VIA block (VIA1 at 0, VIA2 at $2000; registers
 * $200 apart).  Same contract as mem_device_ops; byte accesses. */
int mac_via_read(mac_via *m, uint32_t offset, unsigned size, uint32_t *value);
int mac_via_write(mac_via *m, uint32_t offset, unsigned size, uint32_t value);

/* Interrupt inputs on VIA2. */
void mac_via_slot_irq(mac_via *m, int slot, bool asserted); /* slot $9..$E, or $F: video */
void mac_via_scsi_irq(mac_via *m, bool asserted);
void mac_via_scsi_drq(mac_via *m, bool asserted);
void mac_via_asc_irq(mac_via *m, bool asserted);

#endif
