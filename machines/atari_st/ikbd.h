/* The Atari intelligent keyboard (IKBD): an HD6301 running Atari's firmware,
 * modelled at the protocol level (commands in, reports out).  It talks to
 * the keyboard ACIA at 7812.5 baud. */
#ifndef TANDEM_ST_IKBD_H
#define TANDEM_ST_IKBD_H

#include <stdbool.h>
#include <stdint.h>

#include "machines/sched.h"

/* Joystick bits for ikbd_joystick. */
enum { IKBD_JOY_UP = 1, IKBD_JOY_DOWN = 2, IKBD_JOY_LEFT = 4, IKBD_JOY_RIGHT = 8,
       IKBD_JOY_FIRE = 0x80 };
/* Mouse buttons for ikbd_mouse (as machine.h: left 1, right 2). */
enum { IKBD_BUTTON_LEFT = 1, IKBD_BUTTON_RIGHT = 2 };

enum { IKBD_MOUSE_RELATIVE, IKBD_MOUSE_ABSOLUTE, IKBD_MOUSE_KEYCODE, IKBD_MOUSE_OFF };
enum { IKBD_JOY_EVENT, IKBD_JOY_INTERROGATE, IKBD_JOY_OFF };

#define IKBD_OUT_SIZE 256
#define IKBD_BYTE_CYCLES 10240 /* 10 bits at 7812.5 baud, 8 MHz CPU */

typedef struct ikbd_hooks {
    void *ctx;
    /* One byte leaves the IKBD: the board passes it to acia_receive on the
     * keyboard ACIA.  Called at the real byte rate. */
    void (*send)(void *ctx, uint8_t byte);
} ikbd_hooks;

/* Save state, version 1: every field below hooks except s (the output queue,
 * the command being received, mouse/joystick modes and accumulators, keys
 * down, the clock seed and clock_base) plus tx_ev ("ikbd.tx") and reset_ev
 * ("ikbd.reset"): active, when. */
typedef struct ikbd {
    sched *s;
    ikbd_hooks hooks;
    unsigned byte_cycles;     /* CPU cycles per byte on the serial line */
    uint32_t cpu_hz;          /* scheduler clock, for the time-of-day clock */
    bool trace;               /* log bytes in and out to stderr (off by default) */
    /* Output queue toward the ACIA. */
    uint8_t out[IKBD_OUT_SIZE];
    unsigned out_head, out_len;
    sched_event tx_ev;
    bool paused;              /* output paused by command 0x13 */
    /* Command being received. */
    uint8_t cmd[8];
    unsigned cmd_len, cmd_need;
    unsigned mem_load_left;   /* MEMORY LOAD data bytes still to swallow */
    /* Reset (0x80 0x01) answers after a delay. */
    sched_event reset_ev;
    /* Mouse. */
    int mouse_mode;
    uint8_t button_action;
    bool y_up;                /* 0x0F: Y=0 at the bottom */
    int thresh_x, thresh_y;   /* relative mode thresholds */
    int scale_x, scale_y;     /* absolute mode scale */
    int key_dx, key_dy;       /* keycode mode deltas */
    int abs_x, abs_y, abs_max_x, abs_max_y;
    unsigned abs_buttons;     /* button changes since the last interrogation */
    int acc_dx, acc_dy;       /* relative motion not yet reported */
    unsigned buttons;
    /* Joysticks (0 and 1). */
    int joy_mode;
    uint8_t joy[2];
    /* Keyboard. */
    uint8_t keys_down[128 / 8];
    /* Time-of-day clock: seeded value at cycle `clock_base`, advanced from the
     * scheduler's time when read. */
    int64_t clock_base;
    int year, month, day, hour, min, sec; /* year 0..99 (BCD on the wire) */
} ikbd;

void ikbd_init(ikbd *k, sched *s, const ikbd_hooks *hooks);
/* Power-on reset (also what command 0x80 0x01 does, minus the 0xF1 answer). */
void ikbd_reset(ikbd *k);

/* A command byte from the host (the keyboard ACIA's transmit side). */
void ikbd_receive(ikbd *k, uint8_t byte);

/* Input from the board.  scancode: ST scan code 1..0x72. */
void ikbd_key(ikbd *k, int scancode, bool down);
void ikbd_mouse(ikbd *k, int dx, int dy, unsigned buttons);
/* port 0 or 1; state: IKBD_JOY_* bits. */
void ikbd_joystick(ikbd *k, int port, unsigned state);
/* Seed the time-of-day clock deterministically (year 1980..2079). */
void ikbd_set_time(ikbd *k, int year, int month, int day, int hour, int min, int sec);

/* Bytes queued toward the ACIA but not yet sent. */
unsigned ikbd_pending(const ikbd *k);

#endif
