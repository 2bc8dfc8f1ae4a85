/* Apple Desktop Bus keyboard and mouse (Guide to the Macintosh Family
 * Hardware, ch. 8; Inside Macintosh: Devices).
 *
 *   device          address  handler  registers
 *   keyboard        2        1        R0 key codes (two a Talk, $FF = none),
 *                                     R2 modifiers and LEDs, R3 address/handler
 *   mouse           3        2        R0 button (bit 7 of byte 0, 0 = down) and
 *                                     7-bit signed Y and X motion, R3 address/handler
 *
 * Commands: aaaa0000 SendReset, aaaa0001 Flush, aaaa10rr Listen, aaaa11rr
 * Talk.  A device with nothing to say does not answer Talk R0 (the
 * transceiver reports a timeout).  Listen R3 moves a device to another
 * address ($FE as handler: always, as if no collision was seen) or selects a
 * handler the device supports (keyboard 1-3, mouse 1-2, as QEMU's devices).
 */
#include "machines/mac/adb.h"

#include <linux/input-event-codes.h>
#include <string.h>

static void device_reset(adb_device *d)
{
    d->addr = d->default_addr;
    d->handler = d->default_handler;
    d->srq_enable = true;
}

void adb_init(adb_bus *b)
{
    memset(b, 0, sizeof *b);
    b->kbd.default_addr = 2;
    b->kbd.default_handler = 1;
    b->mouse.default_addr = 3;
    b->mouse.default_handler = 2;
    adb_reset(b);
}

void adb_reset(adb_bus *b)
{
    device_reset(&b->kbd);
    device_reset(&b->mouse);
    b->key_head = b->key_count = 0;
    b->dx = b->dy = 0;
    b->button_sent = b->button;
}

static bool kbd_has_data(const adb_bus *b)
{
    return b->key_count != 0;
}

static bool mouse_has_data(const adb_bus *b)
{
    return b->dx || b->dy || b->button != b->button_sent;
}

bool adb_service_request(const adb_bus *b, int addr)
{
    return (b->kbd.addr != addr && b->kbd.srq_enable && kbd_has_data(b)) ||
           (b->mouse.addr != addr && b->mouse.srq_enable && mouse_has_data(b));
}

static uint8_t pop_key(adb_bus *b)
{
    if (!b->key_count)
        return 0xFF;
    uint8_t k = b->keys[b->key_head];
    b->key_head = (b->key_head + 1) % ADB_KEY_FIFO;
    b->key_count--;
    return k;
}

static int clamp63(int v)
{
    return v < -63 ? -63 : v > 63 ? 63 : v;
}

static int talk(adb_bus *b, adb_device *d, unsigned reg, uint8_t *reply)
{
    bool kbd = d == &b->kbd;
    switch (reg) {
    case 0:
        if (kbd) {
            if (!kbd_has_data(b))
                return -1;
            reply[0] = pop_key(b);
            reply[1] = pop_key(b);
            return 2;
        }
        if (!mouse_has_data(b))
            return -1;
        {
            int dx = clamp63(b->dx), dy = clamp63(b->dy);
            b->dx -= dx;
            b->dy -= dy;
            b->button_sent = b->button;
            reply[0] = (uint8_t)((b->button ? 0x00 : 0x80) | (dy & 0x7F));
            reply[1] = (uint8_t)(0x80 | (dx & 0x7F));
            return 2;
        }
    case 2:
        if (!kbd)
            return -1;
        reply[0] = 0xFF; /* no modifier held (active low) */
        reply[1] = 0xFF; /* LEDs off */
        return 2;
    case 3:
        reply[0] = (uint8_t)((d->srq_enable ? 0x20 : 0) | 0x40 | d->addr);
        reply[1] = d->handler;
        return 2;
    default:
        return -1;
    }
}

static void listen(adb_bus *b, adb_device *d, unsigned reg, const uint8_t *data, int n)
{
    if (reg != 3 || n < 2)
        return;
    uint8_t h = data[1];
    bool kbd = d == &b->kbd;
    switch (h) {
    case 0x00: /* change address and enable */
    case 0xFD: /* change address if activator pressed: treat as pressed */
    case 0xFE: /* change address if no collision */
        d->addr = data[0] & 0x0F;
        d->srq_enable = (data[0] & 0x20) != 0;
        break;
    case 0xFF: /* self test */
        break;
    default:
        if ((kbd && h >= 1 && h <= 3) || (!kbd && (h == 1 || h == 2)))
            d->handler = h;
        d->srq_enable = (data[0] & 0x20) != 0;
        break;
    }
}

int adb_transaction(adb_bus *b, const uint8_t *bytes, int len, uint8_t *reply)
{
    if (len < 1)
        return 0;
    unsigned addr = bytes[0] >> 4, cmd = (bytes[0] >> 2) & 3, reg = bytes[0] & 3;
    if ((bytes[0] & 0x0F) == 0) {
        adb_reset(b);
        return 0;
    }
    adb_device *d = b->kbd.addr == addr ? &b->kbd : b->mouse.addr == addr ? &b->mouse : NULL;
    if (!d)
        return cmd == 3 ? -1 : 0;
    if ((bytes[0] & 0x0F) == 1) { /* Flush */
        if (d == &b->kbd)
            b->key_count = 0;
        else
            b->dx = b->dy = 0;
        return 0;
    }
    if (cmd == 3)
        return talk(b, d, reg, reply);
    if (cmd == 2)
        listen(b, d, reg, bytes + 1, len - 1);
    return 0;
}

void adb_key(adb_bus *b, uint8_t code, bool down)
{
    if (b->key_count == ADB_KEY_FIFO)
        return;
    b->keys[(b->key_head + b->key_count) % ADB_KEY_FIFO] = (uint8_t)((code & 0x7F) | (down ? 0 : 0x80));
    b->key_count++;
}

void adb_mouse(adb_bus *b, int dx, int dy, bool button)
{
    b->dx += dx;
    b->dy += dy;
    b->button = button;
}

/* US layout, by position (Apple Extended Keyboard codes). */
int adb_keycode(int key)
{
    static const struct { int key; uint8_t code; } map[] = {
        {KEY_A, 0x00}, {KEY_S, 0x01}, {KEY_D, 0x02}, {KEY_F, 0x03}, {KEY_H, 0x04},
        {KEY_G, 0x05}, {KEY_Z, 0x06}, {KEY_X, 0x07}, {KEY_C, 0x08}, {KEY_V, 0x09},
        {KEY_B, 0x0B}, {KEY_Q, 0x0C}, {KEY_W, 0x0D}, {KEY_E, 0x0E}, {KEY_R, 0x0F},
        {KEY_Y, 0x10}, {KEY_T, 0x11}, {KEY_1, 0x12}, {KEY_2, 0x13}, {KEY_3, 0x14},
        {KEY_4, 0x15}, {KEY_6, 0x16}, {KEY_5, 0x17}, {KEY_EQUAL, 0x18}, {KEY_9, 0x19},
        {KEY_7, 0x1A}, {KEY_MINUS, 0x1B}, {KEY_8, 0x1C}, {KEY_0, 0x1D},
        {KEY_RIGHTBRACE, 0x1E}, {KEY_O, 0x1F}, {KEY_U, 0x20}, {KEY_LEFTBRACE, 0x21},
        {KEY_I, 0x22}, {KEY_P, 0x23}, {KEY_ENTER, 0x24}, {KEY_L, 0x25}, {KEY_J, 0x26},
        {KEY_APOSTROPHE, 0x27}, {KEY_K, 0x28}, {KEY_SEMICOLON, 0x29}, {KEY_BACKSLASH, 0x2A},
        {KEY_COMMA, 0x2B}, {KEY_SLASH, 0x2C}, {KEY_N, 0x2D}, {KEY_M, 0x2E}, {KEY_DOT, 0x2F},
        {KEY_TAB, 0x30}, {KEY_SPACE, 0x31}, {KEY_GRAVE, 0x32}, {KEY_BACKSPACE, 0x33},
        {KEY_ESC, 0x35}, {KEY_LEFTCTRL, 0x36}, {KEY_LEFTMETA, 0x37}, {KEY_LEFTSHIFT, 0x38},
        {KEY_CAPSLOCK, 0x39}, {KEY_LEFTALT, 0x3A}, {KEY_LEFT, 0x3B}, {KEY_RIGHT, 0x3C},
        {KEY_DOWN, 0x3D}, {KEY_UP, 0x3E}, {KEY_KPDOT, 0x41}, {KEY_KPASTERISK, 0x43},
        {KEY_KPPLUS, 0x45}, {KEY_NUMLOCK, 0x47}, {KEY_KPSLASH, 0x4B}, {KEY_KPENTER, 0x4C},
        {KEY_KPMINUS, 0x4E}, {KEY_KPEQUAL, 0x51}, {KEY_KP0, 0x52}, {KEY_KP1, 0x53},
        {KEY_KP2, 0x54}, {KEY_KP3, 0x55}, {KEY_KP4, 0x56}, {KEY_KP5, 0x57}, {KEY_KP6, 0x58},
        {KEY_KP7, 0x59}, {KEY_KP8, 0x5B}, {KEY_KP9, 0x5C}, {KEY_F5, 0x60}, {KEY_F6, 0x61},
        {KEY_F7, 0x62}, {KEY_F3, 0x63}, {KEY_F8, 0x64}, {KEY_F9, 0x65}, {KEY_F11, 0x67},
        {KEY_F10, 0x6D}, {KEY_F12, 0x6F}, {KEY_INSERT, 0x72}, {KEY_HOME, 0x73},
        {KEY_PAGEUP, 0x74}, {KEY_DELETE, 0x75}, {KEY_F4, 0x76}, {KEY_END, 0x77},
        {KEY_F2, 0x78}, {KEY_PAGEDOWN, 0x79}, {KEY_F1, 0x7A}, {KEY_RIGHTSHIFT, 0x7B},
        {KEY_RIGHTALT, 0x7C}, {KEY_RIGHTCTRL, 0x7D}, {KEY_RIGHTMETA, 0x37},
    };
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
        if (map[i].key == key)
            return map[i].code;
    return -1;
}
