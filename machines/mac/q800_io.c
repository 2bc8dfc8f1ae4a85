/* The Quadra 800's I/O block: $40000 bytes at $50000000, repeated up to
 * $54000000 (so $50F00000, where Linux and the ROM reach the chips, is the
 * block's 61st copy).
 *
 *   offset           device
 *   $00000-$01FFF    VIA1 (registers $200 apart)
 *   $02000-$03FFF    VIA2
 *   $0C000-$0DFFF    SCC: A1 = channel A, A2 = data port (repeats every 8 bytes)
 *   $0E000-$0FFFF    djMEMC memory controller: reads 0, writes ignored
 *   $10000-$100FF    NCR 53C96 SCSI: register n at n * 16
 *   $10100-$101FF    its pseudo-DMA data port
 *   $18000-$19FFF    IOSB: reads 0, writes ignored
 *   elsewhere        bus error: SONIC ($08000/$0A000), ASC ($14000) and
 *                    SWIM ($1E000) are not modelled yet
 */
#include "machines/mac/q800.h"

static int scc_access(q800_machine *m, uint32_t off, unsigned size, uint32_t *value, bool write)
{
    uint32_t v = 0;
    for (unsigned i = 0; i < size; i++) {
        uint32_t o = off + i;
        int ch = (o & 2) ? SCC_A : SCC_B;
        bool data = (o & 4) != 0;
        if (write)
            scc_write(&m->scc, ch, data, (uint8_t)(*value >> (8 * (size - 1 - i))));
        else
            v = (v << 8) | scc_read(&m->scc, ch, data);
    }
    if (!write)
        *value = v;
    return 0;
}

static int scsi_access(q800_machine *m, uint32_t off, unsigned size, uint32_t *value, bool write)
{
    uint32_t v = 0;
    for (unsigned i = 0; i < size; i++) {
        uint32_t o = off + i;
        uint8_t b = (uint8_t)(*value >> (8 * (size - 1 - i)));
        if (o >= 0x10100) { /* the pseudo-DMA port */
            if (write)
                ncr53c96_dma_write(&m->scsi, b);
            else
                v = (v << 8) | ncr53c96_dma_read(&m->scsi);
        } else if (write) {
            ncr53c96_write(&m->scsi, (o >> 4) & 15, b);
        } else {
            v = (v << 8) | ncr53c96_read(&m->scsi, (o >> 4) & 15);
        }
    }
    if (!write)
        *value = v;
    return 0;
}

static int fault(q800_machine *m, uint32_t offset)
{
    m->io_faults++;
    m->last_fault_addr = Q800_IO_BASE + offset;
    return MEM_FAULT_BUS;
}

int q800_io_read(void *ctx, uint32_t offset, unsigned size, uint32_t *value)
{
    q800_machine *m = ctx;
    uint32_t off = offset & (Q800_IO_SLICE - 1);
    if (off < 0x4000)
        return mac_via_read(&m->via, off, size, value);
    if (off >= 0xC000 && off < 0xE000)
        return scc_access(m, off, size, value, false);
    if (off >= 0x10000 && off < 0x10200)
        return scsi_access(m, off, size, value, false);
    if ((off >= 0xE000 && off < 0x10000) || (off >= 0x18000 && off < 0x1A000)) {
        *value = 0;
        return 0;
    }
    return fault(m, offset);
}

int q800_io_write(void *ctx, uint32_t offset, unsigned size, uint32_t value)
{
    q800_machine *m = ctx;
    uint32_t off = offset & (Q800_IO_SLICE - 1);
    if (off < 0x4000)
        return mac_via_write(&m->via, off, size, value);
    if (off >= 0xC000 && off < 0xE000)
        return scc_access(m, off, size, &value, true);
    if (off >= 0x10000 && off < 0x10200)
        return scsi_access(m, off, size, &value, true);
    if ((off >= 0xE000 && off < 0x10000) || (off >= 0x18000 && off < 0x1A000))
        return 0;
    return fault(m, offset);
}
