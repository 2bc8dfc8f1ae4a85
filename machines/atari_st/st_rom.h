/* Loading an ST operating system ROM image (TOS or EmuTOS) into the machine's
 * ROM space.  A 192 KB image lives at 0xFC0000; 256 KB and larger images at
 * 0xE00000.  The TOS header at the start of the image says where it expects
 * to be (the long at offset 8), which must agree with its size. */
#ifndef TANDEM_ST_ROM_H
#define TANDEM_ST_ROM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define ST_ROM_BASE_192K 0xFC0000u
#define ST_ROM_BASE_LARGE 0xE00000u

typedef struct st_rom_image {
    uint8_t *data; /* big-endian, as in the file */
    uint32_t size;
    uint32_t base; /* guest address */
    uint16_t version; /* header version word (0x0104 ...) */
} st_rom_image;

/* Check an image held in memory; false with a translated message in err
 * ("what" names the file in messages). */
bool st_rom_check(const uint8_t *data, size_t size, const char *what, uint32_t *base,
                  char *err, size_t errlen);

/* Read and check a file.  false with a clear message for a missing, unreadable,
 * short, oversized or unknown image. */
bool st_rom_load(const char *path, st_rom_image *out, char *err, size_t errlen);
void st_rom_free(st_rom_image *img);

#endif
