/* The ST's memory map as the CPU sees it, without running the CPU: ROM,
 * cartridge, I/O registers and their mirrors, and bus errors where a real
 * STF gives them.  Uses a small fake TOS image, so it needs no ROM file. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "machines/atari_st/st.h"
#include "tests/tap.h"

typedef struct faults {
    int n;
    mem_fault last;
} faults;

static void on_fault(void *ctx, const mem_fault *f)
{
    faults *r = ctx;
    r->n++;
    r->last = *f;
}

static faults F;

/* Did this access bus-error? */
static bool berr_r(mem_space *s, uint32_t a, unsigned size)
{
    int n = F.n;
    if (size == 1)
        mem_read8(s, a);
    else if (size == 2)
        mem_read16(s, a);
    else
        mem_read32(s, a);
    return F.n != n && F.last.kind == MEM_FAULT_BUS;
}

static bool berr_w(mem_space *s, uint32_t a, unsigned size, uint32_t v)
{
    int n = F.n;
    if (size == 1)
        mem_write8(s, a, v);
    else
        mem_write16(s, a, v);
    return F.n != n && F.last.kind == MEM_FAULT_BUS;
}

int main(void)
{
    char path[] = "/tmp/test_st_map.XXXXXX";
    int fd = mkstemp(path);
    if (fd < 0)
        return tap_skip_all("cannot make a temporary file");
    static uint8_t rom[192 * 1024];
    const uint8_t head[12] = {0x60, 0x2E, 0x01, 0x04, 0x00, 0xFC, 0x00, 0x30,
                              0x00, 0xFC, 0x00, 0x00};
    memcpy(rom, head, sizeof head);
    rom[0x30] = 0x60; /* BRA.S * at the reset PC */
    rom[0x31] = 0xFE;
    rom[0x1234] = 0xA5;
    if (write(fd, rom, sizeof rom) != (ssize_t)sizeof rom)
        return tap_skip_all("cannot write a temporary file");
    close(fd);

    machine_config cfg = {.model = "st", .rom_path = path, .ram_kb = 1024};
    char err[512];
    st_machine *m = st_create(&cfg, err, sizeof err);
    if (!tap_ok(m != NULL, "machine built: %s", m ? "" : err)) {
        unlink(path);
        return tap_done();
    }
    mem_space *s = m->mem;
    mem_set_fault_handler(s, on_fault, &F); /* the CPU's handler would longjmp */
    mem_set_supervisor(s, true);

    tap_ok(m68k_get_reg(m->cpu, M68K_PC) == 0xFC0030, "reset PC from the ROM vectors at 0");
    tap_ok(mem_read8(s, 0xFC1234) == 0xA5 && !berr_r(s, 0xFEFFFE, 2), "ROM at $FC0000 (192 KB)");
    tap_ok(berr_w(s, 0xFC0000, 2, 0), "writing ROM bus-errors");
    tap_ok(berr_r(s, 0xE00000, 2) && berr_r(s, 0xEFFFFE, 2), "$E00000 bus-errors with a 192 KB ROM");
    tap_ok(berr_r(s, 0x400000, 2) && berr_r(s, 0xDFFFFE, 2) && berr_r(s, 0xF00000, 1),
           "$400000-$DFFFFF and $F00000 bus-error");
    tap_ok(!berr_r(s, 0xFA0000, 4) && mem_read32(s, 0xFA0000) == 0xFFFFFFFF,
           "empty cartridge reads $FF, no magic");
    tap_ok(berr_r(s, 0xFF0000, 2) && berr_r(s, 0xFF7FFE, 2), "$FF0000-$FF7FFF bus-errors");
    tap_ok(!berr_r(s, 0x3FFFFE, 2), "RAM space up to 4 MB never bus-errors");

    /* I/O. */
    mem_write8(s, 0xFF8001, 0x05);
    tap_ok(mem_read8(s, 0xFF8001) == 0x05, "$FF8001 reads the memory configuration");
    tap_ok(berr_r(s, 0xFF8000, 1) && !berr_r(s, 0xFF8000, 2), "$FF8000 byte bus-errors, word does not");
    tap_ok(berr_r(s, 0xFF8006, 1) && berr_r(s, 0xFF8006, 2), "$FF8006 bus-errors");
    tap_ok(berr_r(s, 0xFF8A00, 2) && berr_r(s, 0xFF8A3C, 1), "no blitter: $FF8A00/$FF8A3C bus-error");
    mem_write16(s, 0xFF8240, 0xFFFF);
    tap_ok(mem_read16(s, 0xFF8240) == 0x0777, "palette reads back masked $0777");
    mem_write8(s, 0xFF8201, 0x0F);
    mem_write8(s, 0xFF8203, 0x80);
    tap_ok(mem_read8(s, 0xFF8201) == 0x0F && mem_read8(s, 0xFF8203) == 0x80, "video base");
    tap_ok(berr_r(s, 0xFF8604, 1) && berr_r(s, 0xFF8607, 1) && !berr_r(s, 0xFF8604, 2) &&
               !berr_r(s, 0xFF8606, 2),
           "DMA $FF8604/6: word only, a byte access bus-errors");
    tap_ok(berr_r(s, 0xFF8600, 2), "$FF8600 bus-errors");
    mem_write8(s, 0xFF8800, 7);
    mem_write8(s, 0xFF8802, 0xC0);
    tap_ok(mem_read8(s, 0xFF8800) == 0xC0, "YM register 7 written and read back");
    mem_write8(s, 0xFF88A4, 8); /* mirror of $FF8800 */
    mem_write8(s, 0xFF88A6, 0x0F); /* mirror of $FF8802 */
    mem_write8(s, 0xFF8800, 8);
    tap_ok(mem_read8(s, 0xFF8800) == 0x0F && mem_read8(s, 0xFF88FC) == 0x0F,
           "YM mirrored every 4 bytes up to $FF88FF");
    tap_ok(berr_r(s, 0xFF8900, 1), "$FF8900 bus-errors (no DMA sound on an STF)");
    mem_write8(s, 0xFFFA17, 0x48);
    tap_ok(mem_read8(s, 0xFFFA17) == 0x48, "MFP vector register at $FFFA17");
    tap_ok((mem_read8(s, 0xFFFA01) & 0x80) != 0, "GPIP 7 high: colour monitor");
    tap_ok(berr_r(s, 0xFFFA00, 1) && !berr_r(s, 0xFFFA3F, 1) && berr_r(s, 0xFFFA40, 1),
           "MFP: even bytes bus-error, $FFFA31-3F do not, $FFFA40 does");
    tap_ok(!berr_r(s, 0xFFFC00, 1) && !berr_r(s, 0xFFFC21, 1) && mem_read8(s, 0xFFFC21) == 0xFF &&
               !berr_r(s, 0xFFFDFE, 2),
           "$FFFC00-$FFFDFF never bus-errors; the Mega ST clock reads $FF");
    tap_ok(berr_r(s, 0xFFFE00, 2), "$FFFE00 bus-errors");
    mem_set_supervisor(s, false);
    tap_ok(berr_r(s, 0xFF8240, 2) && berr_r(s, 0x000400, 2) && !berr_r(s, 0xFC0000, 2),
           "user mode: I/O and low RAM bus-error, ROM does not");
    mem_set_supervisor(s, true);
    tap_ok(st_scancode(30) == 0x1E && st_scancode(103) == 0x48 && st_scancode(28) == 0x1C &&
               st_scancode(0x1FF) == 0,
           "key map: A, Up, Return by position");
    st_destroy(m);

    cfg.mono = true;
    cfg.ram_kb = 4096;
    m = st_create(&cfg, err, sizeof err);
    if (tap_ok(m != NULL, "4 MB monochrome machine")) {
        mem_set_fault_handler(m->mem, on_fault, &F);
        tap_ok((mem_read8(m->mem, 0xFFFA01) & 0x80) == 0 && st_mmu_expected_conf(&m->mmu) == 0x0A,
               "GPIP 7 low: monochrome monitor; 4 MB = $0A");
        st_destroy(m);
    }
    cfg.ram_kb = 3000;
    tap_ok(st_create(&cfg, err, sizeof err) == NULL, "3000 KB refused: %s", err);
    unlink(path);
    return tap_done();
}
