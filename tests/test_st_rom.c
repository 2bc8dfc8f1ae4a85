/* ST ROM loading: good images at both addresses, and each kind of bad file. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "machines/atari_st/st_rom.h"
#include "tests/tap.h"

static char dir[] = "/tmp/test_st_rom.XXXXXX";

static const char *write_file(const char *name, const uint8_t *data, size_t len)
{
    static char path[4][256];
    static int k;
    char *p = path[k++ & 3];
    snprintf(p, 256, "%s/%s", dir, name);
    FILE *f = fopen(p, "wb");
    if (f) {
        fwrite(data, 1, len, f);
        fclose(f);
    }
    return p;
}

static uint8_t *fake_tos(size_t size, uint32_t base)
{
    uint8_t *d = calloc(1, size);
    d[0] = 0x60;
    d[1] = 0x2E;
    d[2] = 0x01;
    d[3] = 0x04;
    uint32_t pc = base + 0x30;
    for (int i = 0; i < 4; i++) {
        d[4 + i] = (uint8_t)(pc >> (24 - 8 * i));
        d[8 + i] = (uint8_t)(base >> (24 - 8 * i));
    }
    return d;
}

int main(void)
{
    if (!mkdtemp(dir))
        return tap_skip_all("cannot make a temporary directory");
    char err[512];
    st_rom_image img;

    uint8_t *d = fake_tos(192 * 1024, 0xFC0000);
    const char *p = write_file("good192.img", d, 192 * 1024);
    tap_ok(st_rom_load(p, &img, err, sizeof err) && img.base == 0xFC0000 && img.size == 192 * 1024 &&
               img.version == 0x0104,
           "192 KB image with a TOS header loads at 0xFC0000");
    st_rom_free(&img);

    p = write_file("short.img", d, 100000);
    tap_ok(!st_rom_load(p, &img, err, sizeof err) && strstr(err, "too short"),
           "short image rejected: %s", err);
    free(d);

    d = fake_tos(256 * 1024, 0xE00000);
    p = write_file("good256.img", d, 256 * 1024);
    tap_ok(st_rom_load(p, &img, err, sizeof err) && img.base == 0xE00000,
           "256 KB image loads at 0xE00000");
    st_rom_free(&img);
    free(d);

    d = fake_tos(192 * 1024, 0xE00000);
    p = write_file("wrongbase.img", d, 192 * 1024);
    tap_ok(!st_rom_load(p, &img, err, sizeof err) && strstr(err, "not an Atari ST"),
           "192 KB image built for 0xE00000 rejected: %s", err);
    free(d);

    d = calloc(1, 200 * 1024);
    p = write_file("zeros.img", d, 192 * 1024);
    tap_ok(!st_rom_load(p, &img, err, sizeof err) && strstr(err, "not an Atari ST"),
           "unknown 192 KB file rejected: %s", err);
    p = write_file("odd.img", d, 200 * 1024);
    tap_ok(!st_rom_load(p, &img, err, sizeof err) && strstr(err, "unsupported size"),
           "odd-sized file rejected: %s", err);
    free(d);

    char missing[300];
    snprintf(missing, sizeof missing, "%s/nonexistent.img", dir);
    tap_ok(!st_rom_load(missing, &img, err, sizeof err) && strstr(err, "cannot open"),
           "missing file rejected: %s", err);
    tap_ok(!st_rom_load(NULL, &img, err, sizeof err) && strstr(err, "--rom"),
           "no ROM given: %s", err);

    const char *src = getenv("TANDEM_SRCDIR");
    char etos[1024];
    snprintf(etos, sizeof etos, "%s/../shared/roms/etos192us.img", src ? src : "..");
    if (access(etos, R_OK) == 0) {
        tap_ok(st_rom_load(etos, &img, err, sizeof err) && img.base == 0xFC0000,
               "EmuTOS 192 KB US loads at 0xFC0000");
        st_rom_free(&img);
    } else {
        tap_skip("../shared/roms/etos192us.img is absent", "EmuTOS image");
    }

    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        tap_diag("could not remove %s", dir);
    return tap_done();
}
