/* Static 68k ELF validation: everything the loader relies on is checked here,
 * so a truncated or foreign file is an error message, never a wild copy. */
#include "config.h"

#include "machines/flat/elf.h"

#include <stdio.h>
#include <string.h>

#include "machines/i18n.h"

enum {
    EHDR_SIZE = 52,
    PHDR_SIZE = 32,
    ELFCLASS32 = 1,
    ELFDATA2MSB = 2,
    ET_EXEC = 2,
    EM_68K = 4,
    PT_LOAD = 1,
    PT_INTERP = 3,
    MAX_PHNUM = 256
};

static uint32_t be16(const uint8_t *p)
{
    return (uint32_t)p[0] << 8 | p[1];
}

static uint32_t be32(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static bool fail(char *err, size_t errlen, const char *msg)
{
    snprintf(err, errlen, "%s", msg);
    return false;
}

bool flat_elf_parse(const uint8_t *data, size_t size, uint32_t lo, uint32_t hi, flat_elf *out,
                    char *err, size_t errlen)
{
    memset(out, 0, sizeof *out);
    if (size < EHDR_SIZE || memcmp(data, "\177ELF", 4) != 0)
        return fail(err, errlen, _("not an ELF file (or truncated header)"));
    if (data[4] != ELFCLASS32 || data[5] != ELFDATA2MSB)
        return fail(err, errlen, _("not a 32-bit big-endian ELF file"));
    if (be16(data + 18) != EM_68K)
        return fail(err, errlen, _("not a 68k ELF file (e_machine is not EM_68K)"));
    if (be16(data + 16) != ET_EXEC)
        return fail(err, errlen, _("not a static executable (e_type is not ET_EXEC)"));
    uint32_t phoff = be32(data + 28), phentsize = be16(data + 42), phnum = be16(data + 44);
    if (phentsize != PHDR_SIZE || phnum == 0 || phnum > MAX_PHNUM)
        return fail(err, errlen, _("bad program header table (entry size or count)"));
    if (phoff > size || (size - phoff) / PHDR_SIZE < phnum)
        return fail(err, errlen, _("program header table lies outside the file (truncated?)"));

    out->entry = be32(data + 24);
    out->phnum = phnum;
    for (uint32_t i = 0; i < phnum; i++) {
        const uint8_t *ph = data + phoff + i * PHDR_SIZE;
        uint32_t type = be32(ph);
        if (type == PT_INTERP)
            return fail(err, errlen, _("dynamically linked programs are not supported"));
        if (type != PT_LOAD)
            continue;
        uint32_t offset = be32(ph + 4), vaddr = be32(ph + 8);
        uint32_t filesz = be32(ph + 16), memsz = be32(ph + 20);
        if (memsz == 0)
            continue;
        if (filesz > memsz)
            return fail(err, errlen, _("segment has more file bytes than memory bytes"));
        if (offset > size || size - offset < filesz)
            return fail(err, errlen, _("segment data lies outside the file (truncated?)"));
        if (vaddr < lo || vaddr > hi || hi - vaddr < memsz) {
            snprintf(err, errlen, _("segment 0x%08x-0x%08x lies outside guest RAM 0x%08x-0x%08x"),
                     (unsigned)vaddr, (unsigned)(vaddr + memsz - 1), (unsigned)lo,
                     (unsigned)(hi - 1));
            return false;
        }
        if (out->nseg == FLAT_ELF_MAX_SEGMENTS)
            return fail(err, errlen, _("too many loadable segments"));
        out->seg[out->nseg++] = (flat_segment){vaddr, memsz, offset, filesz};
        if (vaddr + memsz > out->end)
            out->end = vaddr + memsz;
        if (phoff >= offset && phoff - offset < filesz &&
            filesz - (phoff - offset) >= phnum * PHDR_SIZE)
            out->phdr_vaddr = vaddr + (phoff - offset);
    }
    if (out->nseg == 0)
        return fail(err, errlen, _("no loadable segment"));
    bool entry_ok = false;
    for (int i = 0; i < out->nseg; i++)
        if (out->entry >= out->seg[i].vaddr && out->entry - out->seg[i].vaddr < out->seg[i].memsz)
            entry_ok = true;
    if (!entry_ok || (out->entry & 1))
        return fail(err, errlen, _("entry point is odd or outside every loadable segment"));
    return true;
}
