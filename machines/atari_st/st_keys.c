/* Host keys (Linux input event codes, by physical position) to ST scan codes.
 * The ST's main block uses the same codes as a PC keyboard (set 1), which are
 * also the evdev codes 1-83; the cursor block, keypad and extra keys differ. */
#include "machines/atari_st/st.h"

#include <linux/input-event-codes.h>

int st_scancode(int key)
{
    if (key >= KEY_ESC && key <= KEY_KPDOT) {
        switch (key) {
        case KEY_NUMLOCK: return 0x63;    /* keypad ( */
        case KEY_SCROLLLOCK: return 0x64; /* keypad ) */
        case KEY_KPASTERISK: return 0x66;
        case KEY_KP7: return 0x67;
        case KEY_KP8: return 0x68;
        case KEY_KP9: return 0x69;
        case KEY_KP4: return 0x6A;
        case KEY_KP5: return 0x6B;
        case KEY_KP6: return 0x6C;
        case KEY_KP1: return 0x6D;
        case KEY_KP2: return 0x6E;
        case KEY_KP3: return 0x6F;
        case KEY_KP0: return 0x70;
        case KEY_KPDOT: return 0x71;
        case KEY_KPMINUS: return 0x4A;
        case KEY_KPPLUS: return 0x4E;
        default: return key; /* Esc .. F10, same codes */
        }
    }
    switch (key) {
    case KEY_102ND: return 0x60; /* the ISO key left of Z */
    case KEY_F11: return 0x61;   /* Undo */
    case KEY_F12: return 0x62;   /* Help */
    case KEY_UNDO: return 0x61;
    case KEY_HELP: return 0x62;
    case KEY_PAGEDOWN: return 0x61;
    case KEY_PAGEUP: return 0x62;
    case KEY_KPENTER: return 0x72;
    case KEY_RIGHTCTRL: return 0x1D;
    case KEY_RIGHTALT: return 0x38;
    case KEY_KPSLASH: return 0x65;
    case KEY_KPLEFTPAREN: return 0x63;
    case KEY_KPRIGHTPAREN: return 0x64;
    case KEY_HOME: return 0x47; /* Clr/Home */
    case KEY_UP: return 0x48;
    case KEY_LEFT: return 0x4B;
    case KEY_RIGHT: return 0x4D;
    case KEY_DOWN: return 0x50;
    case KEY_INSERT: return 0x52;
    case KEY_DELETE: return 0x53;
    default: return 0;
    }
}
