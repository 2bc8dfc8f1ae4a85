/* Atari IKBD: HD6301V1 keyboard controller running Atari's firmware ("Atari
 * ST Intelligent Keyboard (ikbd) Protocol", Feb 1985), modelled at the
 * protocol level.
 *
 *   HD6301 pin   ST wiring
 *   SCI TxD/RxD  keyboard ACIA RxD/TxD, 7812.5 baud 8N1 (10240 CPU cycles a byte)
 *   P1, P3, P4   key matrix (scan codes 0x01-0x72)
 *   P2           mouse XA/XB/YA/YB quadrature + joystick 0 (shared port)
 *   P4           joystick 1; fire buttons on P2 (mouse buttons double as fire)
 *
 * Output bytes queue here and leave at the serial byte rate; the board hands
 * each one to acia_receive.  Commands arrive from the ACIA's transmitter.
 */
#include "machines/atari_st/ikbd.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define RESET_DELAY_CYCLES 500000 /* ~62 ms self test before 0xF1 */

enum {
    KEY_LEFT_BUTTON = 0x74, KEY_RIGHT_BUTTON = 0x75,
    KEY_UP = 0x48, KEY_DOWN = 0x50, KEY_LEFT = 0x4B, KEY_RIGHT = 0x4D
};

/* --- Output queue --------------------------------------------------------- */

static void kick_tx(ikbd *k)
{
    if (!k->paused && k->out_len && !k->tx_ev.active)
        sched_at(k->s, &k->tx_ev, sched_now(k->s) + k->byte_cycles);
}

static void report_relative(ikbd *k, bool force);

static void tx_event(void *ctx, int64_t when)
{
    ikbd *k = ctx;
    (void)when;
    if (k->paused || !k->out_len)
        return;
    uint8_t b = k->out[k->out_head];
    k->out_head = (k->out_head + 1) % IKBD_OUT_SIZE;
    k->out_len--;
    /* The line is free: motion gathered meanwhile goes out as one packet. */
    if (!k->out_len && k->mouse_mode == IKBD_MOUSE_RELATIVE)
        report_relative(k, false);
    kick_tx(k);
    if (k->trace)
        fprintf(stderr, "ikbd @%lld: sends $%02X\n", (long long)sched_now(k->s), b);
    if (k->hooks.send)
        k->hooks.send(k->hooks.ctx, b);
}

/* Queue a whole report, or nothing if it does not fit. */
static void emit(ikbd *k, const uint8_t *bytes, unsigned n)
{
    if (k->out_len + n > IKBD_OUT_SIZE)
        return;
    for (unsigned i = 0; i < n; i++)
        k->out[(k->out_head + k->out_len++) % IKBD_OUT_SIZE] = bytes[i];
    kick_tx(k);
}

static void emit1(ikbd *k, uint8_t b)
{
    emit(k, &b, 1);
}

unsigned ikbd_pending(const ikbd *k)
{
    return k->out_len;
}

/* --- Time-of-day clock ---------------------------------------------------- */

static int days_in_month(int yy, int month)
{
    static const int d[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month == 2 && yy % 4 == 0)
        return 29;
    return d[(month - 1) % 12];
}

/* Bring the seeded clock forward to the scheduler's time (whole seconds;
 * the fraction stays in clock_base). */
static void clock_sync(ikbd *k)
{
    int64_t now = sched_now(k->s);
    int64_t secs = (now - k->clock_base) / k->cpu_hz;
    if (secs <= 0)
        return;
    k->clock_base += secs * k->cpu_hz;
    int64_t s = k->sec + secs;
    k->sec = (int)(s % 60);
    int64_t m = k->min + s / 60;
    k->min = (int)(m % 60);
    int64_t h = k->hour + m / 60;
    k->hour = (int)(h % 24);
    for (int64_t days = h / 24; days > 0; days--) {
        if (++k->day > days_in_month(k->year, k->month)) {
            k->day = 1;
            if (++k->month > 12) {
                k->month = 1;
                k->year = (k->year + 1) % 100;
            }
        }
    }
}

static uint8_t to_bcd(int v)
{
    return (uint8_t)(((v / 10) << 4) | (v % 10));
}

/* A field is set only from valid BCD (the firmware skips the others). */
static void set_bcd(int *field, uint8_t bcd, int lo, int hi)
{
    if ((bcd >> 4) > 9 || (bcd & 15) > 9)
        return;
    int v = (bcd >> 4) * 10 + (bcd & 15);
    if (v >= lo && v <= hi)
        *field = v;
}

void ikbd_set_time(ikbd *k, int year, int month, int day, int hour, int min, int sec)
{
    k->clock_base = sched_now(k->s);
    k->year = ((year % 100) + 100) % 100;
    k->month = month >= 1 && month <= 12 ? month : 1;
    k->day = day >= 1 && day <= 31 ? day : 1;
    k->hour = hour >= 0 && hour < 24 ? hour : 0;
    k->min = min >= 0 && min < 60 ? min : 0;
    k->sec = sec >= 0 && sec < 60 ? sec : 0;
}

/* --- Mouse ---------------------------------------------------------------- */

static int clamp(int v, int lo, int hi)
{
    return v < lo ? lo : v > hi ? hi : v;
}

/* Like the firmware, motion is reported when it passes the threshold and the
 * serial line is idle, so fast host motion merges instead of queueing up;
 * button changes (force) are always reported. */
static void report_relative(ikbd *k, bool force)
{
    if (!force && k->out_len)
        return;
    uint8_t head = (uint8_t)(0xF8 | ((k->buttons & IKBD_BUTTON_LEFT) ? 2 : 0) |
                             ((k->buttons & IKBD_BUTTON_RIGHT) ? 1 : 0));
    while (force || abs(k->acc_dx) >= k->thresh_x || abs(k->acc_dy) >= k->thresh_y) {
        int dx = clamp(k->acc_dx, -128, 127), dy = clamp(k->acc_dy, -128, 127);
        uint8_t pkt[3] = {head, (uint8_t)dx, (uint8_t)dy};
        emit(k, pkt, 3);
        k->acc_dx -= dx;
        k->acc_dy -= dy;
        force = false;
        if (!k->acc_dx && !k->acc_dy)
            break;
    }
}

static void report_absolute(ikbd *k)
{
    uint8_t pkt[6] = {0xF7, (uint8_t)k->abs_buttons, (uint8_t)(k->abs_x >> 8), (uint8_t)k->abs_x,
                      (uint8_t)(k->abs_y >> 8), (uint8_t)k->abs_y};
    k->abs_buttons = 0;
    emit(k, pkt, 6);
}

static void key_pair(ikbd *k, uint8_t code)
{
    uint8_t pkt[2] = {code, (uint8_t)(code | 0x80)};
    emit(k, pkt, 2);
}

void ikbd_mouse(ikbd *k, int dx, int dy, unsigned buttons)
{
    if (k->y_up)
        dy = -dy;
    unsigned changed = (buttons ^ k->buttons) & 3;
    unsigned pressed = changed & buttons, released = changed & ~buttons;
    k->buttons = buttons & 3;
    if (k->mouse_mode == IKBD_MOUSE_OFF)
        return;
    bool as_keys = (k->button_action & 4) || k->mouse_mode == IKBD_MOUSE_KEYCODE;
    if (as_keys) {
        if (pressed & IKBD_BUTTON_LEFT) emit1(k, KEY_LEFT_BUTTON);
        if (pressed & IKBD_BUTTON_RIGHT) emit1(k, KEY_RIGHT_BUTTON);
        if (released & IKBD_BUTTON_LEFT) emit1(k, KEY_LEFT_BUTTON | 0x80);
        if (released & IKBD_BUTTON_RIGHT) emit1(k, KEY_RIGHT_BUTTON | 0x80);
    }
    switch (k->mouse_mode) {
    case IKBD_MOUSE_RELATIVE:
        k->acc_dx += dx;
        k->acc_dy += dy;
        report_relative(k, changed && !as_keys);
        break;
    case IKBD_MOUSE_ABSOLUTE: {
        /* Button history for interrogation: right down/up bits 0/1, left 2/3. */
        if (pressed & IKBD_BUTTON_RIGHT) k->abs_buttons |= 1;
        if (released & IKBD_BUTTON_RIGHT) k->abs_buttons |= 2;
        if (pressed & IKBD_BUTTON_LEFT) k->abs_buttons |= 4;
        if (released & IKBD_BUTTON_LEFT) k->abs_buttons |= 8;
        k->acc_dx += dx;
        k->acc_dy += dy;
        int sx = k->scale_x ? k->scale_x : 1, sy = k->scale_y ? k->scale_y : 1;
        k->abs_x = clamp(k->abs_x + k->acc_dx / sx, 0, k->abs_max_x);
        k->abs_y = clamp(k->abs_y + k->acc_dy / sy, 0, k->abs_max_y);
        k->acc_dx %= sx;
        k->acc_dy %= sy;
        if (!as_keys && (((k->button_action & 1) && pressed) || ((k->button_action & 2) && released)))
            report_absolute(k);
        break;
    }
    case IKBD_MOUSE_KEYCODE: {
        k->acc_dx += dx;
        k->acc_dy += dy;
        int ux = k->key_dx ? k->key_dx : 1, uy = k->key_dy ? k->key_dy : 1;
        while (k->acc_dx >= ux) { key_pair(k, KEY_RIGHT); k->acc_dx -= ux; }
        while (k->acc_dx <= -ux) { key_pair(k, KEY_LEFT); k->acc_dx += ux; }
        while (k->acc_dy >= uy) { key_pair(k, KEY_DOWN); k->acc_dy -= uy; }
        while (k->acc_dy <= -uy) { key_pair(k, KEY_UP); k->acc_dy += uy; }
        break;
    }
    default:
        break;
    }
}

/* --- Keyboard and joysticks ------------------------------------------------ */

void ikbd_key(ikbd *k, int scancode, bool down)
{
    if (scancode <= 0 || scancode >= 0x80)
        return;
    uint8_t bit = (uint8_t)(1u << (scancode & 7));
    bool was = (k->keys_down[scancode >> 3] & bit) != 0;
    if (was == down)
        return;
    if (down)
        k->keys_down[scancode >> 3] |= bit;
    else
        k->keys_down[scancode >> 3] &= (uint8_t)~bit;
    emit1(k, (uint8_t)(down ? scancode : scancode | 0x80));
}

void ikbd_joystick(ikbd *k, int port, unsigned state)
{
    if (port < 0 || port > 1)
        return;
    uint8_t v = (uint8_t)(state & 0x8F);
    if (v == k->joy[port])
        return;
    k->joy[port] = v;
    if (k->joy_mode != IKBD_JOY_EVENT)
        return;
    if (port == 0 && k->mouse_mode != IKBD_MOUSE_OFF)
        return; /* port 0 belongs to the mouse */
    uint8_t pkt[2] = {(uint8_t)(0xFE + port), v};
    emit(k, pkt, 2);
}

/* --- Commands ------------------------------------------------------------- */

/* Parameter bytes after the command byte; -1: not a command. */
static int param_count(uint8_t c)
{
    switch (c) {
    case 0x80: return 1;
    case 0x07: return 1;
    case 0x08: return 0;
    case 0x09: return 4;
    case 0x0A: case 0x0B: case 0x0C: return 2;
    case 0x0D: return 0;
    case 0x0E: return 5;
    case 0x0F: case 0x10: case 0x11: case 0x12: case 0x13: case 0x14: case 0x15: case 0x16:
        return 0;
    case 0x17: return 1;
    case 0x18: return 0;
    case 0x19: return 6;
    case 0x1A: return 0;
    case 0x1B: return 6;
    case 0x1C: return 0;
    case 0x20: return 3;
    case 0x21: return 2;
    case 0x22: return 2;
    default:
        if (c >= 0x87 && c <= 0x9A)
            return 0;
        return -1;
    }
}

static void defaults(ikbd *k)
{
    k->mouse_mode = IKBD_MOUSE_RELATIVE;
    k->button_action = 0;
    k->y_up = false;
    k->thresh_x = k->thresh_y = 1;
    k->scale_x = k->scale_y = 1;
    k->key_dx = k->key_dy = 1;
    k->abs_x = k->abs_y = 0;
    k->abs_max_x = 320;
    k->abs_max_y = 200;
    k->abs_buttons = 0;
    k->acc_dx = k->acc_dy = 0;
    k->joy_mode = IKBD_JOY_EVENT;
    k->paused = false;
    k->mem_load_left = 0;
}

static void reset_done(void *ctx, int64_t when)
{
    ikbd *k = ctx;
    (void)when;
    emit1(k, 0xF1);
}

static void status_report(ikbd *k, uint8_t c)
{
    uint8_t r[8] = {0xF6, 0, 0, 0, 0, 0, 0, 0};
    switch (c & 0x7F) {
    case 0x07: r[1] = k->button_action; break;
    case 0x08: case 0x09: case 0x0A:
        if (k->mouse_mode == IKBD_MOUSE_ABSOLUTE) {
            r[1] = 0x09;
            r[2] = (uint8_t)(k->abs_max_x >> 8); r[3] = (uint8_t)k->abs_max_x;
            r[4] = (uint8_t)(k->abs_max_y >> 8); r[5] = (uint8_t)k->abs_max_y;
        } else if (k->mouse_mode == IKBD_MOUSE_KEYCODE) {
            r[1] = 0x0A; r[2] = (uint8_t)k->key_dx; r[3] = (uint8_t)k->key_dy;
        } else {
            r[1] = 0x08;
        }
        break;
    case 0x0B: r[1] = (uint8_t)k->thresh_x; r[2] = (uint8_t)k->thresh_y; break;
    case 0x0C: r[1] = (uint8_t)k->scale_x; r[2] = (uint8_t)k->scale_y; break;
    case 0x0F: case 0x10: r[1] = k->y_up ? 0x0F : 0x10; break;
    case 0x12: r[1] = k->mouse_mode == IKBD_MOUSE_OFF ? 0x12 : 0x00; break;
    case 0x14: case 0x15: case 0x19: r[1] = k->joy_mode == IKBD_JOY_INTERROGATE ? 0x15 : 0x14; break;
    case 0x1A: r[1] = k->joy_mode == IKBD_JOY_OFF ? 0x1A : 0x00; break;
    default: return; /* not a reportable parameter: no answer */
    }
    emit(k, r, 8);
}

static int word_param(const uint8_t *p)
{
    return (p[0] << 8) | p[1];
}

static void execute(ikbd *k)
{
    const uint8_t *p = k->cmd + 1;
    uint8_t c = k->cmd[0];
    if (c != 0x13)
        k->paused = false; /* any command but PAUSE resumes output */
    switch (c) {
    case 0x80:
        if (p[0] == 0x01) {
            sched_cancel(k->s, &k->tx_ev);
            k->out_len = 0;
            defaults(k);
            memset(k->keys_down, 0, sizeof k->keys_down);
            sched_at(k->s, &k->reset_ev, sched_now(k->s) + RESET_DELAY_CYCLES);
        }
        break;
    case 0x07: k->button_action = p[0] & 7; break;
    case 0x08: k->mouse_mode = IKBD_MOUSE_RELATIVE; break;
    case 0x09:
        k->mouse_mode = IKBD_MOUSE_ABSOLUTE;
        k->abs_max_x = word_param(p);
        k->abs_max_y = word_param(p + 2);
        k->abs_x = k->abs_y = 0;
        break;
    case 0x0A:
        k->mouse_mode = IKBD_MOUSE_KEYCODE;
        k->key_dx = p[0];
        k->key_dy = p[1];
        break;
    case 0x0B: k->thresh_x = p[0] ? p[0] : 1; k->thresh_y = p[1] ? p[1] : 1; break;
    case 0x0C: k->scale_x = p[0]; k->scale_y = p[1]; break;
    case 0x0D: report_absolute(k); break;
    case 0x0E:
        k->abs_x = clamp(word_param(p + 1), 0, k->abs_max_x);
        k->abs_y = clamp(word_param(p + 3), 0, k->abs_max_y);
        break;
    case 0x0F: k->y_up = true; break;
    case 0x10: k->y_up = false; break;
    case 0x11: break;
    case 0x12: k->mouse_mode = IKBD_MOUSE_OFF; break;
    case 0x13: k->paused = true; sched_cancel(k->s, &k->tx_ev); break;
    case 0x14:
    case 0x15:
        k->joy_mode = c == 0x14 ? IKBD_JOY_EVENT : IKBD_JOY_INTERROGATE;
        /* The joystick takes port 0 from the mouse, except while the IKBD is
         * still resetting (games send 0x08 0x14 right after the reset). */
        if (!k->reset_ev.active)
            k->mouse_mode = IKBD_MOUSE_OFF;
        break;
    case 0x16: {
        uint8_t r[3] = {0xFD, k->joy[0], k->joy[1]};
        emit(k, r, 3);
        break;
    }
    case 0x17: case 0x18: case 0x19: k->joy_mode = IKBD_JOY_INTERROGATE; break;
    case 0x1A: k->joy_mode = IKBD_JOY_OFF; break;
    case 0x1B:
        clock_sync(k);
        set_bcd(&k->year, p[0], 0, 99);
        set_bcd(&k->month, p[1], 1, 12);
        set_bcd(&k->day, p[2], 1, 31);
        set_bcd(&k->hour, p[3], 0, 23);
        set_bcd(&k->min, p[4], 0, 59);
        set_bcd(&k->sec, p[5], 0, 59);
        k->clock_base = sched_now(k->s);
        break;
    case 0x1C: {
        clock_sync(k);
        uint8_t r[7] = {0xFC, to_bcd(k->year), to_bcd(k->month), to_bcd(k->day),
                        to_bcd(k->hour), to_bcd(k->min), to_bcd(k->sec)};
        emit(k, r, 7);
        break;
    }
    case 0x20: k->mem_load_left = p[2]; break;
    case 0x21: {
        uint8_t r[8] = {0xF6, 0x20, p[0], p[1], 0, 0, 0, 0};
        emit(k, r, 8);
        break;
    }
    case 0x22: break; /* controller execute: no firmware to run */
    default:
        if (c >= 0x87 && c <= 0x9A)
            status_report(k, c);
        break;
    }
    kick_tx(k);
}

void ikbd_receive(ikbd *k, uint8_t byte)
{
    if (k->trace)
        fprintf(stderr, "ikbd @%lld: receives $%02X\n", (long long)sched_now(k->s), byte);
    if (k->mem_load_left) { /* data bytes of a MEMORY LOAD are swallowed */
        k->mem_load_left--;
        return;
    }
    if (k->cmd_len == 0) {
        int n = param_count(byte);
        if (n < 0)
            return; /* unknown commands are ignored */
        k->cmd_need = (unsigned)n + 1;
    }
    k->cmd[k->cmd_len++] = byte;
    if (k->cmd_len == k->cmd_need) {
        execute(k);
        k->cmd_len = 0;
    }
}

/* --- Life cycle ----------------------------------------------------------- */

void ikbd_init(ikbd *k, sched *s, const ikbd_hooks *hooks)
{
    memset(k, 0, sizeof *k);
    k->s = s;
    if (hooks)
        k->hooks = *hooks;
    k->byte_cycles = IKBD_BYTE_CYCLES;
    k->cpu_hz = 8000000;
    sched_event_init(&k->tx_ev, "ikbd.tx", tx_event, k);
    sched_event_init(&k->reset_ev, "ikbd.reset", reset_done, k);
    ikbd_set_time(k, 1980, 1, 1, 0, 0, 0);
    ikbd_reset(k);
}

void ikbd_reset(ikbd *k)
{
    sched_cancel(k->s, &k->tx_ev);
    sched_cancel(k->s, &k->reset_ev);
    k->out_len = k->out_head = 0;
    k->cmd_len = 0;
    defaults(k);
    memset(k->keys_down, 0, sizeof k->keys_down);
    k->buttons = 0;
    k->joy[0] = k->joy[1] = 0;
}
