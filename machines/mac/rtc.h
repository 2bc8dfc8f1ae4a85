/* The Macintosh real-time clock and parameter RAM (Apple 343-0042-B, with the
 * 256-byte extended PRAM of the Mac II family and later): a seconds counter
 * from 1904-01-01 and battery-backed bytes, read and written one serial bit
 * at a time through three VIA1 port B lines. */
#ifndef TANDEM_MAC_RTC_H
#define TANDEM_MAC_RTC_H

#include <stdbool.h>
#include <stdint.h>

#include "machines/sched.h"

/* Seconds between 1904-01-01 (the Mac's epoch) and 1970-01-01. */
#define MAC_RTC_UNIX_OFFSET 2082844800u

enum { MAC_RTC_CMD, MAC_RTC_CMD2, MAC_RTC_DATA_IN, MAC_RTC_DATA_OUT, MAC_RTC_DONE };

/* Save state, version 1: seconds0, xpram, wp, enabled, clk, state, cmd, addr,
 * shift, nbits, out, out_bits, data_out.  s and hz are wiring. */
typedef struct mac_rtc {
    sched *s;
    uint32_t hz;       /* scheduler cycles per second */
    uint32_t seconds0; /* counter value at cycle 0 */
    uint8_t xpram[256];
    bool wp;           /* write protect (bit 7 of the last write-protect command) */
    bool enabled, clk; /* line levels seen (enabled: /RTCEnb low) */
    int state;
    uint8_t cmd;       /* the command byte being served */
    uint16_t addr;     /* XPRAM address, or seconds byte 0-3 */
    uint8_t shift;     /* bits arriving from the CPU */
    int nbits;
    uint8_t out;       /* bits going to the CPU, MSB first */
    int out_bits;
    bool data_out;     /* the level the RTC drives on the data line */
} mac_rtc;

/* seconds: the counter at time 0 (Mac epoch); hz: scheduler clock. */
void mac_rtc_init(mac_rtc *r, sched *s, uint32_t hz, uint32_t seconds);
/* The three lines as the VIA drives them: /enable (active low), clock, and
 * data (only sampled while the RTC is receiving). */
void mac_rtc_lines(mac_rtc *r, bool enable_n, bool clk, bool data);
/* The data line as the RTC drives it while sending (high otherwise). */
bool mac_rtc_data(const mac_rtc *r);
/* The seconds counter now. */
uint32_t mac_rtc_seconds(const mac_rtc *r);

#endif
