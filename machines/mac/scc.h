/* Zilog Z85C30 Serial Communications Controller: two channels (A and B),
 * each with write registers WR0-WR15 and read registers RR0-RR15 reached
 * through the register pointer in WR0.  Only asynchronous mode is modelled:
 * characters go out at once through a hook and come in through scc_receive. */
#ifndef TANDEM_MAC_SCC_H
#define TANDEM_MAC_SCC_H

#include <stdbool.h>
#include <stdint.h>

enum { SCC_A = 0, SCC_B = 1 };

/* RR0 bits */
#define SCC_RR0_RX_AVAIL 0x01
#define SCC_RR0_TX_EMPTY 0x04
#define SCC_RR0_DCD 0x08
#define SCC_RR0_CTS 0x20
#define SCC_RR0_TX_UNDERRUN 0x40
/* RR3 bits (channel A only) */
#define SCC_RR3_B_EXT 0x01
#define SCC_RR3_B_TX 0x02
#define SCC_RR3_B_RX 0x04
#define SCC_RR3_A_EXT 0x08
#define SCC_RR3_A_TX 0x10
#define SCC_RR3_A_RX 0x20

#define SCC_RX_FIFO 16

typedef struct scc_hooks {
    void *ctx;
    /* /INT (active while MIE is on and some enabled interrupt is pending). */
    void (*irq)(void *ctx, bool asserted);
    /* A character left channel `ch`'s transmitter. */
    void (*tx)(void *ctx, int ch, uint8_t byte);
} scc_hooks;

typedef struct scc_channel {
    uint8_t wr[16];
    uint8_t rr0, rr1;
    unsigned ptr;           /* register pointer for the next control access */
    bool tx_ip, rx_ip, ext_ip;
    uint8_t rx[SCC_RX_FIFO];
    unsigned rx_head, rx_count;
    uint64_t tx_count;      /* characters sent, for tests and stats */
} scc_channel;

/* Save state, version 1: both channels (wr, rr0, rr1, ptr, tx_ip, rx_ip,
 * ext_ip, rx fifo), wr9 and irq_out.  hooks are wiring. */
typedef struct scc {
    scc_hooks hooks;
    scc_channel ch[2];
    uint8_t wr2, wr9; /* shared by both channels */
    bool irq_out;
} scc;

void scc_init(scc *s, const scc_hooks *hooks);
/* Hardware reset (/RD and /WR low together, or WR9 = $C0). */
void scc_reset(scc *s);

/* Bus access: channel A or B, the data port or the control port. */
uint8_t scc_read(scc *s, int ch, bool data);
void scc_write(scc *s, int ch, bool data, uint8_t value);

/* A character arrives on channel `ch`; false if the receive FIFO is full. */
bool scc_receive(scc *s, int ch, uint8_t byte);

#endif
