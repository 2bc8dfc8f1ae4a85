/* Booting Linux/m68k on the Quadra with no Apple ROM, as QEMU's q800 loader
 * does: the kernel ELF at its physical addresses, the bootinfo records right
 * after the kernel's end, the initrd at the top of RAM. */
#ifndef TANDEM_MAC_BOOT_H
#define TANDEM_MAC_BOOT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mem/mem.h"

/* Bootinfo tags (Linux's asm/bootinfo.h and bootinfo-mac.h). */
enum {
    BI_LAST = 0x0000, BI_MACHTYPE = 0x0001, BI_CPUTYPE = 0x0002, BI_FPUTYPE = 0x0003,
    BI_MMUTYPE = 0x0004, BI_MEMCHUNK = 0x0005, BI_RAMDISK = 0x0006, BI_COMMAND_LINE = 0x0007,
    BI_MAC_MODEL = 0x8000, BI_MAC_VADDR = 0x8001, BI_MAC_VDEPTH = 0x8002, BI_MAC_VROW = 0x8003,
    BI_MAC_VDIM = 0x8004, BI_MAC_SCCBASE = 0x8006, BI_MAC_MEMSIZE = 0x8009,
    BI_MAC_CPUID = 0x800a
};
#define BI_MACH_MAC 3
#define BI_CPU_68040 4 /* 1 << CPUB_68040 */
#define BI_FPU_68040 4
#define BI_MMU_68040 4
#define BI_CPUB_68040 2
#define BI_MAC_MODEL_Q800 35

typedef struct mac_boot_params {
    uint32_t ram_size;
    uint32_t video_addr, video_depth, video_width, video_height, video_row;
    uint32_t scc_base;
    const char *cmdline; /* NULL: no command-line record */
    uint32_t initrd_base, initrd_size; /* size 0: no RAM disk record */
} mac_boot_params;

/* Write the records into buf (big-endian); returns the bytes used, or 0 if
 * `cap` is too small.  Records are padded to a multiple of 4 bytes. */
size_t mac_bootinfo_build(uint8_t *buf, size_t cap, const mac_boot_params *p);

/* Load `kernel` (an m68k ELF executable), then `initrd` (or NULL) and the
 * bootinfo into RAM [0, p->ram_size); p's initrd fields are filled in.
 * Returns false with a translated message naming the file on bad input. */
bool mac_boot_linux(mem_space *mem, const char *kernel, const char *initrd, mac_boot_params *p,
                    uint32_t *entry, char *err, size_t errlen);

#endif
