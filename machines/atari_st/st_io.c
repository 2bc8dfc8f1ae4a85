/* The ST's I/O page, $FF8000-$FFFFFF, as a plain STF (Ricoh GLUE/MMU, no
 * blitter, no real-time clock) decodes it.  Anything not listed is a bus
 * error; a word access faults only when neither of its bytes exists.
 *
 *   $FF8001        memory configuration            mmu.c
 *   $FF8200-$FF827F video (odd bytes of $FF8200-0F) shifter.c
 *   $FF8600-$FF860F DMA / floppy controller         dma.c (word-only registers)
 *   $FF8800-$FF88FF YM2149, mirrored every 4 bytes  ym2149.c
 *   $FFFA00-$FFFA3F MFP on odd bytes ($31-$3F: no register, no bus error)
 *   $FFFC00-$FFFDFF ACIAs at $FFFC00 (keyboard) and $FFFC04 (MIDI); the rest
 *                  of this range (the Mega ST clock's place) reads $FF
 */
#include "machines/atari_st/st.h"

static void trace(st_machine *m, uint32_t addr, unsigned size, uint32_t value, bool write,
                  bool fault)
{
    st_io_access *a = &m->io_trace[m->io_trace_pos++ % ST_IO_TRACE];
    a->addr = addr;
    a->size = (uint8_t)size;
    a->value = value;
    a->write = write;
    a->fault = fault;
    m->io_accesses++;
}

/* Registers that exist only as bytes: 0xFF and true for a void byte,
 * false for a bus error. */
static bool byte_read(st_machine *m, uint32_t addr, uint8_t *b)
{
    *b = 0xFF;
    if (addr == 0xFF8001) {
        *b = st_mmu_read_conf(&m->mmu);
        return true;
    }
    if (addr >= 0xFFFA30 && addr <= 0xFFFA3F)
        return addr & 1;
    return false;
}

static bool byte_write(st_machine *m, uint32_t addr, uint8_t b)
{
    if (addr == 0xFF8001) {
        st_mmu_write_conf(&m->mmu, b);
        return true;
    }
    if (addr >= 0xFFFA30 && addr <= 0xFFFA3F)
        return addr & 1;
    return false;
}

static int bytes_read(st_machine *m, uint32_t addr, unsigned size, uint32_t *value)
{
    uint32_t v = 0;
    bool any = false;
    for (unsigned i = 0; i < size; i++) {
        uint8_t b;
        any |= byte_read(m, addr + i, &b);
        v = v << 8 | b;
    }
    *value = v;
    return any ? 0 : MEM_FAULT_BUS;
}

static int bytes_write(st_machine *m, uint32_t addr, unsigned size, uint32_t value)
{
    bool any = false;
    for (unsigned i = 0; i < size; i++)
        any |= byte_write(m, addr + i, (uint8_t)(value >> (8 * (size - 1 - i))));
    return any ? 0 : MEM_FAULT_BUS;
}

static int io_read(st_machine *m, uint32_t addr, unsigned size, uint32_t *value)
{
    uint32_t lo = addr & 0xFF;
    switch (addr >> 8) {
    case 0xFF82:
        if (lo < 0x80)
            return shifter_read(&m->video, lo, size, value);
        break;
    case 0xFF86:
        if (lo >= 4 && lo < 8 && size == 1)
            return MEM_FAULT_BUS; /* the DMA's word registers */
        if (lo < 0x10)
            return dma_read(&m->dma, lo, size, value);
        break;
    case 0xFF88:
        return ym2149_read(&m->ym, lo & 3, size, value);
    case 0xFFFA:
        if (lo < 0x30)
            return mfp_read(&m->mfp, lo, size, value);
        break;
    case 0xFFFC:
    case 0xFFFD:
        if ((addr & 0x1FF) < 4)
            return acia_read(&m->kbd_acia, addr & 3, size, value);
        if ((addr & 0x1FF) < 8)
            return acia_read(&m->midi_acia, addr & 3, size, value);
        *value = size == 2 ? 0xFFFF : 0xFF;
        return 0;
    default:
        break;
    }
    return bytes_read(m, addr, size, value);
}

static int io_write(st_machine *m, uint32_t addr, unsigned size, uint32_t value)
{
    uint32_t lo = addr & 0xFF;
    switch (addr >> 8) {
    case 0xFF82:
        if (lo < 0x80)
            return shifter_write(&m->video, lo, size, value);
        break;
    case 0xFF86:
        if (lo >= 4 && lo < 8 && size == 1)
            return MEM_FAULT_BUS;
        if (lo < 0x10)
            return dma_write(&m->dma, lo, size, value);
        break;
    case 0xFF88:
        return ym2149_write(&m->ym, lo & 3, size, value);
    case 0xFFFA:
        if (lo < 0x30)
            return mfp_write(&m->mfp, lo, size, value);
        break;
    case 0xFFFC:
    case 0xFFFD:
        if ((addr & 0x1FF) < 4)
            return acia_write(&m->kbd_acia, addr & 3, size, value);
        if ((addr & 0x1FF) < 8)
            return acia_write(&m->midi_acia, addr & 3, size, value);
        return 0;
    default:
        break;
    }
    return bytes_write(m, addr, size, value);
}

int st_io_read(void *ctx, uint32_t offset, unsigned size, uint32_t *value)
{
    st_machine *m = ctx;
    uint32_t addr = ST_IO_BASE + offset;
    int r = io_read(m, addr, size, value);
    trace(m, addr, size, *value, false, r != 0);
    return r;
}

int st_io_write(void *ctx, uint32_t offset, unsigned size, uint32_t value)
{
    st_machine *m = ctx;
    uint32_t addr = ST_IO_BASE + offset;
    int r = io_write(m, addr, size, value);
    trace(m, addr, size, value, true, r != 0);
    return r;
}
