/* Raw .ST floppy image tests: geometry detection, rejection of bad images,
 * blank images, write protection and safe write-back (temp + rename). */
#include <dirent.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "machines/atari_st/floppy.h"
#include "tests/tap.h"

static char dir[256];

static bool write_file(const char *path, const void *data, size_t n)
{
    FILE *f = fopen(path, "wb");
    if (!f)
        return false;
    bool ok = fwrite(data, 1, n, f) == n;
    return fclose(f) == 0 && ok;
}

static uint8_t *read_file(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long sz = ftell(f);
    fseek(f, 0, SEEK_SET);
    uint8_t *b = malloc(sz > 0 ? (size_t)sz : 1);
    *n = fread(b, 1, (size_t)sz, f);
    fclose(f);
    return b;
}

/* Files in the test directory (to see that no temp file is left behind). */
static int count_files(void)
{
    DIR *d = opendir(dir);
    int n = 0;
    struct dirent *e;
    while (d && (e = readdir(d)))
        if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
            n++;
    if (d)
        closedir(d);
    return n;
}

static void test_geometry(void)
{
    static const struct {
        size_t size;
        int t, s, n;
    } good[] = {
        {368640, 80, 1, 9},  {409600, 80, 1, 10}, {450560, 80, 1, 11}, {737280, 80, 2, 9},
        {746496, 81, 2, 9},  {755712, 82, 2, 9},  {819200, 80, 2, 10}, {829440, 81, 2, 10},
        {839680, 82, 2, 10}, {901120, 80, 2, 11}, {912384, 81, 2, 11}, {923648, 82, 2, 11},
    };
    for (unsigned i = 0; i < sizeof good / sizeof good[0]; i++) {
        int t = 0, s = 0, n = 0;
        char err[256] = "";
        bool ok = floppy_geometry(NULL, good[i].size, &t, &s, &n, err, sizeof err);
        tap_ok(ok && t == good[i].t && s == good[i].s && n == good[i].n,
               "%zu bytes: %d tracks, %d sides, %d sectors (got %d/%d/%d %s)", good[i].size,
               good[i].t, good[i].s, good[i].n, t, s, n, err);
    }
    /* The boot sector settles 368,640 bytes as 40 tracks double sided. */
    floppy_image *b40 = floppy_new_blank(40, 2, 9);
    int t, s, n;
    char err[256];
    tap_ok(b40 && floppy_geometry(b40->data, b40->size, &t, &s, &n, err, sizeof err) && t == 40 &&
               s == 2 && n == 9,
           "368,640 bytes with a 40-track double-sided BPB: 40/2/9");
    floppy_free(b40);

    static const size_t bad[] = {0, 737279, 737281, 1000000, 512, 1474560, 5u << 20};
    for (unsigned i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        err[0] = 0;
        bool ok = floppy_geometry(NULL, bad[i], &t, &s, &n, err, sizeof err);
        tap_ok(!ok && err[0], "%zu bytes rejected: %s", bad[i], err);
    }
    /* A 720 KB image cut short by one track: its BPB says how big it should be. */
    floppy_image *full = floppy_new_blank(80, 2, 9);
    err[0] = 0;
    floppy_image *cut = floppy_from_memory(full->data, full->size - 9 * 512, "cut.st", err,
                                           sizeof err);
    tap_ok(!cut && strstr(err, "truncated") && strstr(err, "cut.st"),
           "truncated image rejected, message names the file: %s", err);
    floppy_free(cut);
    floppy_free(full);
    err[0] = 0;
    tap_ok(!floppy_from_memory("abc", 3, "tiny.st", err, sizeof err) && err[0],
           "a 3-byte image is rejected without a crash: %s", err);
}

static void test_blank_and_sectors(void)
{
    floppy_image *img = floppy_new_blank(80, 2, 9);
    tap_ok(img && img->size == 737280 && img->data[21] == 0xF9 && img->data[24] == 9 &&
               img->data[26] == 2 && (img->data[19] | img->data[20] << 8) == 1440,
           "blank 720 KB image: FAT12 BPB with 1440 sectors, 9 per track, 2 sides");
    char path[512];
    snprintf(path, sizeof path, "%s/blank.st", dir);
    write_file(path, img->data, img->size);
    char cmd[600];
    snprintf(cmd, sizeof cmd, "mdir -i '%s' :: >/dev/null 2>&1", path);
    if (system("command -v mdir >/dev/null 2>&1") == 0)
        tap_ok(system(cmd) == 0, "mtools reads the blank image as a FAT file system");
    else
        tap_skip("mtools not installed", "mtools reads the blank image");
    unlink(path);

    uint8_t buf[512], back[512];
    for (int i = 0; i < 512; i++)
        buf[i] = (uint8_t)(i * 7);
    tap_ok(floppy_write_sector(img, 5, 1, 3, buf) && img->dirty, "write T5 S1 sector 3");
    tap_ok(floppy_read_sector(img, 5, 1, 3, back) && memcmp(buf, back, 512) == 0,
           "read it back");
    tap_ok(memcmp(img->data + ((5 * 2 + 1) * 9 + 2) * 512, buf, 512) == 0,
           "raw layout: track-major, side 0 then side 1");
    tap_ok(!floppy_read_sector(img, 80, 0, 1, back) && !floppy_read_sector(img, 0, 0, 10, back) &&
               !floppy_read_sector(img, 0, 0, 0, back) && !floppy_read_sector(img, 0, 2, 1, back),
           "sectors outside the geometry do not exist");
    img->write_protected = true;
    tap_ok(!floppy_write_sector(img, 0, 0, 1, buf), "write-protected disk refuses writes");
    floppy_free(img);

    floppy_drive d;
    floppy_drive_init(&d, true);
    tap_ok(floppy_drive_wprot(&d, 0), "empty drive reads write protected");
    floppy_drive_insert(&d, floppy_new_blank(80, 2, 9), 1000);
    tap_ok(floppy_drive_wprot(&d, 1000 + 100000), "just inserted: write protect flickers on");
    tap_ok(!floppy_drive_wprot(&d, 1000 + 8000000), "later: the real (unprotected) state");
    floppy_free(floppy_drive_eject(&d, 9000000));
    tap_ok(!d.img && floppy_drive_wprot(&d, 9000000), "ejected: protected again");
}

static void test_writeback(void)
{
    char path[512], err[512];
    snprintf(path, sizeof path, "%s/disk.st", dir);
    floppy_image *blank = floppy_new_blank(80, 2, 9);
    write_file(path, blank->data, blank->size);
    chmod(path, 0640);
    floppy_free(blank);

    uint8_t sec[512];
    memset(sec, 0xA5, sizeof sec);
    /* Writes not allowed: guest writes stay in memory. */
    floppy_image *ro = floppy_open(path, false, false, err, sizeof err);
    tap_ok(ro != NULL, "open %s", ro ? "ok" : err);
    if (!ro)
        return;
    floppy_write_sector(ro, 10, 0, 1, sec);
    tap_ok(floppy_flush(ro, err, sizeof err), "flush without permission succeeds doing nothing");
    size_t n;
    uint8_t *file = read_file(path, &n);
    tap_ok(n == 737280 && file[(10 * 2 * 9) * 512] != 0xA5, "file untouched without permission");
    free(file);
    floppy_free(ro);

    /* Writes allowed: flushed through a temp file and rename. */
    floppy_image *rw = floppy_open(path, true, false, err, sizeof err);
    floppy_write_sector(rw, 10, 0, 1, sec);
    bool ok = floppy_flush(rw, err, sizeof err);
    tap_ok(ok && !rw->dirty, "flush with permission: %s", ok ? "ok" : err);
    file = read_file(path, &n);
    tap_ok(n == 737280 && memcmp(file + (10 * 2 * 9) * 512, sec, 512) == 0,
           "the sector reached the file");
    free(file);
    struct stat st;
    tap_ok(stat(path, &st) == 0 && (st.st_mode & 0777) == 0640, "permissions kept (0640)");
    tap_ok(count_files() == 1, "no temp file left behind");

    /* A flush that fails (file size limit) leaves the original intact. */
    memset(sec, 0x5A, sizeof sec);
    floppy_write_sector(rw, 11, 1, 2, sec);
    struct rlimit old, lim;
    getrlimit(RLIMIT_FSIZE, &old);
    lim = old;
    lim.rlim_cur = 100000;
    signal(SIGXFSZ, SIG_IGN);
    if (setrlimit(RLIMIT_FSIZE, &lim) == 0) {
        err[0] = 0;
        ok = floppy_flush(rw, err, sizeof err);
        setrlimit(RLIMIT_FSIZE, &old);
        tap_ok(!ok && err[0] && rw->dirty, "flush past the file size limit fails: %s", err);
        file = read_file(path, &n);
        tap_ok(n == 737280 && file[((11 * 2 + 1) * 9 + 1) * 512] != 0x5A &&
                   file[(10 * 2 * 9) * 512] == 0xA5,
               "the original file is untouched by the failed flush");
        free(file);
        tap_ok(count_files() == 1, "the failed temp file was removed");
        ok = floppy_flush(rw, err, sizeof err);
        file = read_file(path, &n);
        tap_ok(ok && file[((11 * 2 + 1) * 9 + 1) * 512] == 0x5A, "a later flush succeeds");
        free(file);
    } else {
        tap_skip("setrlimit failed", "failed flush leaves the original intact");
    }
    floppy_free(rw);

    /* Bad files. */
    err[0] = 0;
    snprintf(path, sizeof path, "%s/missing.st", dir);
    tap_ok(!floppy_open(path, false, false, err, sizeof err) && strstr(err, "missing.st"),
           "missing file: %s", err);
    snprintf(path, sizeof path, "%s/odd.st", dir);
    write_file(path, "0123456789", 10);
    err[0] = 0;
    tap_ok(!floppy_open(path, false, false, err, sizeof err) && err[0], "10-byte file: %s", err);
    unlink(path);
    snprintf(path, sizeof path, "%s/disk.st", dir);
    unlink(path);
}

int main(void)
{
    const char *tmp = getenv("TMPDIR");
    snprintf(dir, sizeof dir, "%s/tandem-floppy-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(dir))
        return tap_skip_all("cannot create a temporary directory");
    test_geometry();
    test_blank_and_sectors();
    test_writeback();
    rmdir(dir);
    return tap_done();
}
