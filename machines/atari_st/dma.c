/* Atari ST DMA controller (C025913 "DMA chip"): the bus front end of the
 * WD1772 and the ACSI port, as described in the ST hardware documentation.
 *
 *   signal          ST wiring
 *   $FF8604         FDC/HDC register or sector count (word access only)
 *   $FF8606         mode (write) / status (read) (word access only)
 *   $FF8609/B/D     address counter bits 23-16 / 15-8 / 7-0
 *   FDCS, A0-A1     WD1772 chip select and register select
 *   HDCS, A1        ACSI command port (A1 low: first command byte)
 *   FDRQ / HDRQ     DRQ from the WD1772 / ACSI, serviced through a 16-byte FIFO
 *   FDINT / HDINT   WD1772 INTRQ and ACSI IRQ, combined onto MFP GPIP 5 (active low)
 *
 * Data moves in 16-byte bursts between the FIFO and RAM through the board's
 * callbacks; every 512 bytes the sector counter decrements, and at zero the
 * chip stops taking data (the FDC's bytes are then lost, as on the ST).
 */
#include "machines/atari_st/dma.h"

#include <string.h>

#include "mem/mem.h"

static void update_irq(dma *d)
{
    if (d->hooks.irq)
        d->hooks.irq(d->hooks.ctx, d->fdc_irq || d->acsi_irq);
}

static void fdc_intrq(void *ctx, bool asserted)
{
    dma *d = ctx;
    d->fdc_irq = asserted;
    update_irq(d);
}

void dma_acsi_irq(dma *d, bool asserted)
{
    d->acsi_irq = asserted;
    update_irq(d);
}

static void count_bytes(dma *d, unsigned n)
{
    d->sector_bytes += n;
    while (d->sector_bytes >= FLOPPY_SECTOR_SIZE) {
        d->sector_bytes -= FLOPPY_SECTOR_SIZE;
        if (d->seccount)
            d->seccount--;
    }
}

static bool active(const dma *d, bool write)
{
    return !(d->mode & DMA_MODE_NODMA) && d->seccount && ((d->mode & DMA_MODE_WRITE) != 0) == write;
}

/* Disk to memory: fill the FIFO, flush each full 16 bytes. */
static bool fdc_data_in(void *ctx, const uint8_t *buf, unsigned len)
{
    dma *d = ctx;
    if (!active(d, false))
        return false;
    while (len) {
        unsigned n = 16 - d->fifo_len;
        if (n > len)
            n = len;
        memcpy(d->fifo + d->fifo_len, buf, n);
        d->fifo_len += n;
        buf += n;
        len -= n;
        if (d->fifo_len == 16) {
            if (d->hooks.ram_write)
                d->hooks.ram_write(d->hooks.ctx, d->addr, d->fifo, 16);
            d->addr = (d->addr + 16) & 0xFFFFFF;
            d->fifo_len = 0;
            count_bytes(d, 16);
            if (!d->seccount)
                break; /* the rest is lost */
        }
    }
    return true;
}

/* Memory to disk. */
static bool fdc_data_out(void *ctx, uint8_t *buf, unsigned len)
{
    dma *d = ctx;
    if (!active(d, true))
        return false;
    if (d->hooks.ram_read)
        d->hooks.ram_read(d->hooks.ctx, d->addr, buf, len);
    else
        memset(buf, 0, len);
    d->addr = (d->addr + len) & 0xFFFFFF;
    count_bytes(d, len);
    return true;
}

static void reset_fifo(dma *d)
{
    d->fifo_len = 0;
    d->sector_bytes = 0;
    d->seccount = 0;
    d->error = false;
}

static uint16_t status(const dma *d)
{
    uint16_t s = d->error ? 0 : DMA_ST_OK;
    if (d->seccount)
        s |= DMA_ST_SECCOUNT;
    return s; /* DRQ is serviced at once, so it reads 0 */
}

static uint16_t read_data_port(dma *d)
{
    if (d->mode & DMA_MODE_SECCOUNT)
        return d->seccount; /* not really readable: what was written */
    if (d->mode & DMA_MODE_HDC)
        return d->hooks.acsi_read ? d->hooks.acsi_read(d->hooks.ctx, d->mode & DMA_MODE_A0) : 0xFF;
    return wd1772_read(d->fdc, (d->mode >> 1) & 3);
}

static void write_data_port(dma *d, uint16_t v)
{
    if (d->mode & DMA_MODE_SECCOUNT) {
        d->seccount = v & 0xFF;
        d->sector_bytes = 0;
    } else if (d->mode & DMA_MODE_HDC) {
        if (d->hooks.acsi_write)
            d->hooks.acsi_write(d->hooks.ctx, d->mode & DMA_MODE_A0, (uint8_t)v);
    } else {
        wd1772_write(d->fdc, (d->mode >> 1) & 3, (uint8_t)v);
    }
}

static void write_mode(dma *d, uint16_t v)
{
    /* Toggling the read/write bit resets the FIFO, status and sector count. */
    if ((v ^ d->mode) & DMA_MODE_WRITE)
        reset_fifo(d);
    d->mode = v & 0x1FF;
}

/* One word register or one byte of the address counter. */
int dma_read(dma *d, uint32_t offset, unsigned size, uint32_t *value)
{
    *value = 0;
    for (unsigned done = 0; done < size;) {
        uint32_t off = offset + done;
        if (off == 4 || off == 6) {
            if (size - done < 2)
                return MEM_FAULT_BUS; /* byte access: bus error */
            uint16_t w = off == 4 ? read_data_port(d) : status(d);
            *value = (*value << 16) | w;
            done += 2;
            continue;
        }
        if (off == 9 || off == 0xB || off == 0xD) {
            if (size - done != 1)
                return MEM_FAULT_BUS; /* the counter bytes have no even partner */
            *value = (*value << 8) | ((d->addr >> (8 * ((0xD - off) / 2))) & 0xFF);
            done++;
            continue;
        }
        return MEM_FAULT_BUS; /* $FF8600-$FF8603, even bytes next to the counter */
    }
    return 0;
}

int dma_write(dma *d, uint32_t offset, unsigned size, uint32_t value)
{
    for (unsigned done = 0; done < size;) {
        uint32_t off = offset + done;
        if (off == 4 || off == 6) {
            if (size - done < 2)
                return MEM_FAULT_BUS;
            uint16_t w = (uint16_t)(value >> (8 * (size - done - 2)));
            if (off == 4)
                write_data_port(d, w);
            else
                write_mode(d, w);
            done += 2;
            continue;
        }
        if (off == 9 || off == 0xB || off == 0xD) {
            if (size - done != 1)
                return MEM_FAULT_BUS;
            unsigned shift = 8 * ((0xD - off) / 2);
            d->addr = (d->addr & ~(0xFFu << shift)) | ((value & 0xFFu) << shift);
            done++;
            continue;
        }
        return MEM_FAULT_BUS;
    }
    return 0;
}

void dma_init(dma *d, sched *s, wd1772 *fdc, const dma_hooks *hooks)
{
    memset(d, 0, sizeof *d);
    d->s = s;
    d->fdc = fdc;
    if (hooks)
        d->hooks = *hooks;
    fdc->hooks = (wd1772_hooks){.ctx = d, .intrq = fdc_intrq, .data_in = fdc_data_in,
                                .data_out = fdc_data_out};
    d->fdc_irq = fdc->intrq;
    dma_reset(d);
}

void dma_reset(dma *d)
{
    d->mode = 0;
    d->addr = 0;
    d->acsi_irq = false;
    reset_fifo(d);
    update_irq(d);
}
