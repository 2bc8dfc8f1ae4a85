/* ROM identification (machines/atari_st/tos_known): the shared EmuTOS image is
 * named exactly; foreign, empty, huge and unreadable files are reported as
 * unknown or as an error, never a crash. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "machines/atari_st/tos_known.h"
#include "tests/tap.h"

static char tmpdir[256];

static const char *tmpfile_with(const char *name, const void *data, size_t len)
{
    static char path[512];
    snprintf(path, sizeof path, "%s/%s", tmpdir, name);
    FILE *f = fopen(path, "wb");
    if (!f)
        return NULL;
    if (len)
        fwrite(data, 1, len, f);
    fclose(f);
    return path;
}

int main(void)
{
    tos_ident id;
    char err[256];

    snprintf(tmpdir, sizeof tmpdir, "/tmp/tandem-romid-XXXXXX");
    if (!mkdtemp(tmpdir))
        return tap_skip_all("cannot create a temporary directory");

    tap_ok(tos_crc32((const uint8_t *)"123456789", 9) == 0xcbf43926u, "CRC-32 check value");

    const char *src = getenv("TANDEM_SRCDIR");
    char rom[1024];
    snprintf(rom, sizeof rom, "%s/../shared/roms/etos192us.img", src ? src : "..");
    if (access(rom, R_OK) == 0) {
        bool ok = tos_identify_file(rom, &id, err, sizeof err);
        tap_ok(ok, "shared EmuTOS image is readable");
        tap_ok(id.match == TOS_KNOWN, "EmuTOS image found in the known table");
        if (!tap_ok(strcmp(id.name, "EmuTOS 0.9.9.1 192K (US)") == 0,
                    "named EmuTOS 0.9.9.1 192K (US)"))
            tap_diag("got '%s'", id.name);
        tap_ok(strcmp(id.version_text, "0.9.9.1") == 0, "version 0.9.9.1");
        tap_ok(id.country_name && strcmp(id.country_name, "US") == 0, "country US");
        tap_ok(id.emutos && id.base == 0xfc0000 && id.size == 196608,
               "EmuTOS, 192 KB at 0xFC0000");
        tap_ok(id.machines && strstr(id.machines, "st"), "suits the Atari ST");
        tap_ok(id.year == 2017 && id.month == 12 && id.day == 14, "header date 2017-12-14");

        /* Same image with one byte changed: no longer the table entry, but the
         * header still says EmuTOS. */
        FILE *f = fopen(rom, "rb");
        uint8_t *buf = malloc(196608);
        size_t n = f && buf ? fread(buf, 1, 196608, f) : 0;
        if (f)
            fclose(f);
        if (n == 196608) {
            buf[0x1000] ^= 0xff;
            tos_identify(buf, n, &id);
            tap_ok(id.match == TOS_HEADER && id.emutos, "patched image: EmuTOS by header");
            tap_ok(strstr(id.name, "EmuTOS") && strstr(id.name, "192K") && strstr(id.name, "US"),
                   "patched image named from its header (%s)", id.name);
            /* A TOS (not EmuTOS) header: drop the ETOS marker. */
            memcpy(buf + 0x2c, "XXXX", 4);
            buf[0x1d] = 3 << 1; /* UK */
            tos_identify(buf, n, &id);
            tap_ok(id.match == TOS_HEADER && !id.emutos && strcmp(id.name, "TOS 1.04 192K (UK)") == 0,
                   "TOS header: version and country (%s)", id.name);
        } else {
            tap_ok(0, "reading the shared image into memory");
        }
        free(buf);
    } else {
        tap_skip("../shared/roms/etos192us.img is absent", "EmuTOS identification");
    }

    /* Unknown: text file of ROM-like size and a small random file. */
    static uint8_t junk[196608];
    for (size_t i = 0; i < sizeof junk; i++)
        junk[i] = (uint8_t)(i * 131 + 7);
    const char *p = tmpfile_with("junk.img", junk, sizeof junk);
    tap_ok(p && tos_identify_file(p, &id, err, sizeof err) && id.match == TOS_UNKNOWN,
           "192 KB of junk is unknown");
    p = tmpfile_with("readme.txt", "hello\n", 6);
    tap_ok(p && tos_identify_file(p, &id, err, sizeof err) && id.match == TOS_UNKNOWN,
           "small text file is unknown");

    /* Empty file. */
    p = tmpfile_with("empty.img", NULL, 0);
    tap_ok(p && tos_identify_file(p, &id, err, sizeof err) && id.match == TOS_UNKNOWN &&
               err[0],
           "empty file is unknown, with a reason (%s)", err);
    tos_identify(NULL, 0, &id);
    tap_ok(id.match == TOS_UNKNOWN, "NULL buffer is unknown");

    /* Huge (sparse) file: rejected by size without reading it. */
    char huge[512];
    snprintf(huge, sizeof huge, "%s/huge.img", tmpdir);
    FILE *h = fopen(huge, "wb");
    int hok = h && fseeko(h, (off_t)8 << 30, SEEK_SET) == 0 && fputc(0, h) != EOF;
    if (h)
        fclose(h);
    if (hok)
        tap_ok(tos_identify_file(huge, &id, err, sizeof err) && id.match == TOS_UNKNOWN && err[0],
               "8 GB file is unknown, not read (%s)", err);
    else
        tap_skip("cannot create a sparse file here", "huge file");
    unlink(huge);

    /* Unreadable: a missing file, a directory, and (unless root) mode 000. */
    snprintf(huge, sizeof huge, "%s/missing.img", tmpdir);
    tap_ok(!tos_identify_file(huge, &id, err, sizeof err) && err[0],
           "missing file is an error (%s)", err);
    tap_ok(!tos_identify_file(tmpdir, &id, err, sizeof err) && err[0],
           "directory is an error (%s)", err);
    p = tmpfile_with("secret.img", junk, 1024);
    if (p && geteuid() != 0 && chmod(p, 0) == 0)
        tap_ok(!tos_identify_file(p, &id, err, sizeof err) && err[0],
               "unreadable file is an error (%s)", err);
    else
        tap_skip("running as root, permissions are not enforced", "unreadable file");

    /* Truncated real image: no longer the table entry. */
    if (access(rom, R_OK) == 0) {
        FILE *f = fopen(rom, "rb");
        uint8_t part[4096];
        size_t n = f ? fread(part, 1, sizeof part, f) : 0;
        if (f)
            fclose(f);
        tos_identify(part, n, &id);
        tap_ok(id.match != TOS_KNOWN, "truncated EmuTOS image is not taken for the real one");
    }

    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    if (system(cmd) != 0)
        tap_diag("could not remove %s", tmpdir);
    return tap_done();
}
