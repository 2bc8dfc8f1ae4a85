/* Validating parser for static big-endian 68k ELF executables (ELF32, EM_68K,
 * ET_EXEC).  It only reads a buffer: the caller copies segments into guest RAM. */
#ifndef TANDEM_FLAT_ELF_H
#define TANDEM_FLAT_ELF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define FLAT_ELF_MAX_SEGMENTS 16

typedef struct flat_segment {
    uint32_t vaddr, memsz; /* guest range [vaddr, vaddr + memsz) */
    uint32_t offset, filesz; /* file bytes; the rest of memsz is zero */
} flat_segment;

typedef struct flat_elf {
    uint32_t entry;
    uint32_t phdr_vaddr; /* guest address of the program headers, 0 if not loaded */
    uint32_t phnum;
    uint32_t end; /* highest vaddr + memsz over all segments */
    flat_segment seg[FLAT_ELF_MAX_SEGMENTS];
    int nseg;
} flat_elf;

/* Parse `data` (the whole file).  Every PT_LOAD segment must lie inside the
 * guest range [lo, hi).  On failure returns false with a translated message
 * in `err`. */
bool flat_elf_parse(const uint8_t *data, size_t size, uint32_t lo, uint32_t hi, flat_elf *out,
                    char *err, size_t errlen);

#endif
