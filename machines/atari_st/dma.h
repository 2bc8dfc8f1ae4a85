/* The ST's DMA chip: the bus front end of the floppy controller (WD1772) and
 * the ACSI hard disk port, with its 16-byte FIFO, sector counter and 24-bit
 * address counter.  Registers at $FF8604-$FF860D. */
#ifndef TANDEM_ST_DMA_H
#define TANDEM_ST_DMA_H

#include <stdbool.h>
#include <stdint.h>

#include "machines/atari_st/wd1772.h"
#include "machines/sched.h"

/* Mode register ($FF8606 write) bits. */
enum {
    DMA_MODE_A0 = 0x002, DMA_MODE_A1 = 0x004,
    DMA_MODE_HDC = 0x008,      /* register access goes to ACSI instead of the FDC */
    DMA_MODE_SECCOUNT = 0x010, /* $FF8604 addresses the sector count register */
    DMA_MODE_NODMA = 0x040,    /* DMA transfers off */
    DMA_MODE_FDC_DRQ = 0x080,  /* DRQ/IRQ source: FDC (else ACSI); TOS sets it for floppy */
    DMA_MODE_WRITE = 0x100     /* memory to disk; toggling it resets the DMA */
};
/* Status register ($FF8606 read) bits. */
enum { DMA_ST_OK = 0x01, DMA_ST_SECCOUNT = 0x02, DMA_ST_DRQ = 0x04 };

typedef struct dma_hooks {
    void *ctx;
    /* Combined FDC INTRQ / ACSI IRQ (true = asserted).  The ST feeds it, inverted,
     * to MFP GPIP 5. */
    void (*irq)(void *ctx, bool asserted);
    /* Move len bytes (16 per burst) between the FIFO and guest RAM; the board
     * uses mem_dma_write/mem_dma_read (which honour self-modifying code). */
    void (*ram_write)(void *ctx, uint32_t addr, const uint8_t *buf, unsigned len);
    void (*ram_read)(void *ctx, uint32_t addr, uint8_t *buf, unsigned len);
    /* ACSI port; NULL: nothing attached (reads give $FF, no IRQ ever). */
    void (*acsi_write)(void *ctx, bool a1, uint8_t byte);
    uint8_t (*acsi_read)(void *ctx, bool a1);
} dma_hooks;

/* Save state, version 1: mode, seccount, addr, error, fifo, fifo_len,
 * sector_bytes, fdc_irq, acsi_irq.  No events of its own. */
typedef struct dma {
    sched *s;
    dma_hooks hooks;
    wd1772 *fdc;
    uint16_t mode;
    uint16_t seccount;     /* 0..255 */
    uint32_t addr;         /* 24 bits, even */
    bool error;            /* status bit 0 clear when set */
    uint8_t fifo[16];
    unsigned fifo_len;
    unsigned sector_bytes; /* bytes moved in the current sector (counts 512) */
    bool fdc_irq, acsi_irq;
} dma;

/* Takes the FDC's hooks over: after dma_init, the FDC's data and INTRQ go
 * through the DMA chip.  Initialise the wd1772 first. */
void dma_init(dma *d, sched *s, wd1772 *fdc, const dma_hooks *hooks);
void dma_reset(dma *d);

/* Bus access.  offset relative to $FF8600: 4 = FDC/HDC registers or sector count,
 * 6 = mode (write) / status (read), both word-only (a byte access is a bus error,
 * MEM_FAULT_BUS); 9, B, D = address counter high/mid/low bytes.  Offsets 0-3
 * are a bus error; other bytes read $FF. */
int dma_read(dma *d, uint32_t offset, unsigned size, uint32_t *value);
int dma_write(dma *d, uint32_t offset, unsigned size, uint32_t value);

/* ACSI IRQ input from a hard disk model (true = asserted). */
void dma_acsi_irq(dma *d, bool asserted);

#endif
