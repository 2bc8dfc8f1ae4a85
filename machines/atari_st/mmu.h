/* The ST memory controller ("MMU", C025912): RAM banks, the memory
 * configuration register at $FF8001 and RAM address decoding.
 *
 *   $FF8001  bits 3-2: bank 0 size, bits 1-0: bank 1 size
 *            (00 = 128 KB, 01 = 512 KB, 10 = 2 MB)
 *
 * The controller turns a CPU address into DRAM row and column addresses for
 * the configured bank size; the chips fitted use as many of those lines as
 * they have.  When the configuration matches the fitted RAM this is the
 * identity and RAM is mapped flat (fast path).  Otherwise addresses alias
 * inside each bank exactly as the row/column wiring dictates, which is what
 * TOS measures to size memory: then RAM is reached through a translating
 * device region.  The first 8 bytes always read the ROM (reset vectors);
 * writing them is a bus error.  0-$7FF is supervisor-only.  Addresses above
 * the configured banks up to 4 MB read as floating bus, without a bus error. */
#ifndef TANDEM_ST_MMU_H
#define TANDEM_ST_MMU_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mem/mem.h"

#define ST_RAM_LIMIT 0x400000u /* 4 MB of RAM address space */

typedef struct st_mmu {
    mem_space *mem;
    mem_backing *ram;
    mem_backing *rom;    /* its first 8 bytes appear at 0-7 */
    uint32_t bank[2];       /* fitted RAM per bank, bytes (0: empty) */
    uint32_t cfg[2];        /* configured bank sizes, bytes */
    uint8_t conf;           /* $FF8001 */
    bool translating;
    int xlat_sys, xlat_ram; /* overlay regions used while translating */
} st_mmu;

/* Split a RAM size into banks the way Atari fitted them: 512 KB = 512+0,
 * 1 MB = 512+512, 2 MB = 2048+0, 4 MB = 2048+2048.  false if unsupported. */
bool st_mmu_banks(uint32_t ram_kb, uint32_t bank[2]);

/* Allocate RAM and map the RAM address space 0-$3FFFFF.  rom: the ROM
 * backing, whose first 8 bytes appear at 0.  false with err on failure. */
bool st_mmu_init(st_mmu *m, mem_space *mem, uint32_t ram_kb, mem_backing *rom,
                 char *err, size_t errlen);
/* Cold reset clears RAM and sets the register to 0; warm reset keeps both. */
void st_mmu_reset(st_mmu *m, bool cold);

uint8_t st_mmu_read_conf(const st_mmu *m);
void st_mmu_write_conf(st_mmu *m, uint8_t value);
/* The value TOS should end up writing for the fitted RAM ($05 for 1 MB). */
uint8_t st_mmu_expected_conf(const st_mmu *m);

/* The RAM offset a CPU address reaches under the current configuration, or
 * -1 for floating bus (no RAM there). */
int64_t st_mmu_translate(const st_mmu *m, uint32_t addr);
/* Read RAM as the video and DMA see it (through the same decoding); bytes
 * with no RAM read as 0. */
void st_mmu_fetch(const st_mmu *m, uint32_t addr, uint8_t *buf, uint32_t len);

#endif
