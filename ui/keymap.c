/* Host keys to machine keys by physical position.  On X11 and Wayland under
 * Linux a GDK hardware keycode is the evdev code + 8, which is exactly what
 * machine.h wants, so layouts (AZERTY, QWERTZ ...) need no tables.  Keys the
 * host has and the ST lacks are folded onto ST keys. */
#include "config.h"

#include <gtk/gtk.h>

#include "ui/app.h"

/* Linux input codes (linux/input-event-codes.h), named here to stay portable. */
enum {
    K_LEFTCTRL = 29, K_LEFTALT = 56, K_KPSLASH = 98, K_RIGHTCTRL = 97, K_RIGHTALT = 100,
    K_NUMLOCK = 69, K_SCROLLLOCK = 70, K_F11 = 87, K_F12 = 88, K_PAGEUP = 104,
    K_END = 107, K_PAGEDOWN = 109, K_PAUSE = 119, K_LEFTMETA = 125, K_RIGHTMETA = 126,
    K_COMPOSE = 127, K_UNDO = 131, K_HELP = 138, K_KPLEFTPAREN = 179, K_KPRIGHTPAREN = 180,
    K_PRINT = 99,
};

int keymap_from_gdk(unsigned hw)
{
    if (hw < 8 || hw > 255 + 8)
        return -1;
    int k = (int)hw - 8;
    switch (k) {
    case K_RIGHTCTRL: return K_LEFTCTRL;  /* one Control key on the ST */
    case K_RIGHTALT: return K_LEFTALT;    /* one Alternate key */
    case K_PAGEUP: return K_HELP;         /* Help and Undo sit above the cursor keys */
    case K_PAGEDOWN: return K_UNDO;
    case K_END: return K_UNDO;
    case K_NUMLOCK: return K_KPLEFTPAREN; /* top row of the ST keypad: ( ) / * */
    case K_SCROLLLOCK: return K_KPRIGHTPAREN;
    case K_F11: case K_F12: case K_PAUSE: case K_PRINT: /* kept by the UI */
    case K_LEFTMETA: case K_RIGHTMETA: case K_COMPOSE:
        return -1;
    default:
        return k;
    }
}
