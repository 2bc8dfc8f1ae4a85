/* Apple Desktop Bus devices: the keyboard (address 2) and the mouse
 * (address 3) that sit behind the Quadra's ADB transceiver (mac_via.c). */
#ifndef TANDEM_MAC_ADB_H
#define TANDEM_MAC_ADB_H

#include <stdbool.h>
#include <stdint.h>

#define ADB_KEY_FIFO 16
#define ADB_MAX_REPLY 8

typedef struct adb_device {
    uint8_t addr, handler;
    uint8_t default_addr, default_handler;
    bool srq_enable;
} adb_device;

/* Save state, version 1: both devices, the key FIFO, the mouse motion and
 * buttons. */
typedef struct adb_bus {
    adb_device kbd, mouse;
    uint8_t keys[ADB_KEY_FIFO]; /* ADB key codes, bit 7 set on release */
    unsigned key_head, key_count;
    int dx, dy;
    bool button, button_sent;
} adb_bus;

void adb_init(adb_bus *b);
/* SendReset on the bus: every device back to its default address. */
void adb_reset(adb_bus *b);
/* One bus transaction: the command byte and, for Listen, its data.  For
 * Talk returns the reply length (the register's bytes in `reply`), or -1
 * when no device answers (a timeout); for the other commands 0. */
int adb_transaction(adb_bus *b, const uint8_t *bytes, int len, uint8_t *reply);
/* A device other than the one at `addr` has data and may ask for service. */
bool adb_service_request(const adb_bus *b, int addr);

/* Host input: a key by its ADB code, mouse motion and the button. */
void adb_key(adb_bus *b, uint8_t code, bool down);
void adb_mouse(adb_bus *b, int dx, int dy, bool button);
/* Linux input event code (KEY_A == 30) to the ADB key code, -1 if none. */
int adb_keycode(int evdev_key);

#endif
