/* EmuTOS boots to the GEM desktop on the emulated ST, in colour (low
 * resolution) and on a monochrome monitor, with a blank 720 KB floppy in A.
 * The desktop is recognised by robust features of the frame: the menu bar
 * (white, with dark title text), the desktop pattern (green/white dither in
 * colour, black/white in mono) and the drive and trash icons.  Also: the run
 * is deterministic, the boot time and TLB hit rates are reported, a scripted
 * double-click on DISK A opens a window listing the files of the disk, a TOS
 * program of ours launched from it prints its line, and the desktop's menu
 * switches to medium resolution. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "machines/atari_st/floppy.h"
#include "machines/atari_st/st.h"
#include "machines/machine.h"
#include "tests/tap.h"

static double host_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

typedef struct counts {
    long white, black, green, other, alternations, white_runs, total;
} counts;

/* Colour census of a rectangle, in fractions of the emulated screen
 * (so one description serves 320x200 and 640x400). */
static counts census(const machine_frame *f, double fx0, double fy0, double fx1, double fy1)
{
    counts c = {0};
    int x0 = (int)(fx0 * f->width), x1 = (int)(fx1 * f->width);
    int y0 = (int)(fy0 * f->height), y1 = (int)(fy1 * f->height);
    for (int y = y0; y < y1; y++) {
        const uint32_t *row = f->pixels + (size_t)y * (size_t)f->stride;
        for (int x = x0; x < x1; x++) {
            uint32_t p = row[x] & 0xFFFFFF;
            int r = p >> 16, g = (p >> 8) & 0xFF, b = p & 0xFF;
            if (p == 0xFFFFFF)
                c.white++;
            else if (r + g + b < 0x60)
                c.black++;
            else if (g > r + 0x60 && g > b + 0x60)
                c.green++;
            else
                c.other++;
            if (x > x0 && row[x] != row[x - 1])
                c.alternations++;
            if (x > x0 && p == 0xFFFFFF && (row[x - 1] & 0xFFFFFF) == 0xFFFFFF)
                c.white_runs++; /* two white pixels side by side: never in the dither */
            c.total++;
        }
    }
    return c;
}

typedef struct features {
    bool menu_bar, pattern, disk_icons, trash;
} features;

static features look(const machine_frame *f, bool mono)
{
    features r;
    /* Menu bar: the top 4% of the screen, mostly white with dark title text. */
    counts m = census(f, 0, 0, 1, 0.04);
    r.menu_bar = m.white > m.total * 6 / 10 && m.black > m.total / 20 && m.green == 0;
    /* The desktop pattern away from icons and the pointer: a fine dither of
     * two colours, alternating nearly every pixel. */
    counts p = census(f, 0.62, 0.55, 1, 1);
    long second = mono ? p.black : p.green;
    r.pattern = p.white > p.total * 4 / 10 && second > p.total * 4 / 10 &&
                p.alternations > p.total * 8 / 10;
    /* DISK A and DISK B at the top left, TRASH at the bottom left: black
     * outlines (colour: the pattern has no black) and solid white areas
     * (the dither never puts two white pixels side by side). */
    counts d = census(f, 0, 0.05, 0.47, 0.26);
    counts t = census(f, 0, 0.75, 0.23, 1);
    if (mono) {
        r.disk_icons = d.white_runs > 1000;
        r.trash = t.white_runs > 400;
    } else {
        r.disk_icons = d.black > 300 && d.white_runs > 1000;
        r.trash = t.black > 100 && t.white_runs > 400;
    }
    return r;
}

static bool all(features f)
{
    return f.menu_bar && f.pattern && f.disk_icons && f.trash;
}

static char dir[] = "/tmp/test_st_boot.XXXXXX";
static char disk[300];

/* A blank formatted 720 KB floppy: mtools' mformat if present, else the
 * floppy module's own FAT12 formatter. */
static bool make_disk(void)
{
    snprintf(disk, sizeof disk, "%s/blank.st", dir);
    char cmd[600];
    snprintf(cmd, sizeof cmd, "mformat -i '%s' -f 720 -C :: >/dev/null 2>&1", disk);
    if (system(cmd) == 0) {
        tap_diag("blank disk made by mformat");
        return true;
    }
    floppy_image *img = floppy_new_blank(80, 2, 9);
    if (!img)
        return false;
    FILE *f = fopen(disk, "wb");
    bool ok = f && fwrite(img->data, 1, img->size, f) == img->size;
    if (f)
        ok = fclose(f) == 0 && ok;
    floppy_free(img);
    tap_diag("blank disk made by floppy_new_blank (no mformat)");
    return ok;
}

typedef struct boot {
    machine *m;
    long frame;       /* first frame showing the desktop, -1 if never */
    double emulated, host;
    machine_stats st;
} boot;

static boot run_boot_disk(const char *rom, const char *img, bool mono, long max_frames)
{
    const machine_ops *ops = machine_find("st");
    machine_config cfg = {.model = "st", .rom_path = rom, .ram_kb = 1024, .mono = mono};
    cfg.disk[0] = img;
    char err[512];
    boot b = {.frame = -1};
    double t0 = host_now();
    b.m = ops->create(&cfg, err, sizeof err);
    if (!b.m) {
        tap_diag("create: %s", err);
        return b;
    }
    for (long i = 1; i <= max_frames; i++) {
        ops->run_frame(b.m);
        if (all(look(ops->frame(b.m), mono))) {
            b.frame = i;
            b.host = host_now() - t0;
            ops->stats(b.m, &b.st);
            b.emulated = b.st.emulated_seconds;
            break;
        }
    }
    return b;
}

static boot run_boot(const char *rom, bool mono, long max_frames)
{
    return run_boot_disk(rom, disk, mono, max_frames);
}

static void frames(machine *m, int n)
{
    for (int i = 0; i < n; i++)
        m->ops->run_frame(m);
}

/* The pointer to (x, y) from the top-left corner (GEM does not accelerate). */
static void point_at(machine *m, int x, int y)
{
    m->ops->mouse(m, -1000, -1000, 0);
    m->ops->mouse(m, x, y, 0);
    frames(m, 20);
}

static void click(machine *m, int times)
{
    for (int i = 0; i < times; i++) {
        m->ops->mouse(m, 0, 0, MACHINE_MOUSE_LEFT);
        frames(m, 3);
        m->ops->mouse(m, 0, 0, 0);
        frames(m, 3);
    }
}

/* An open directory window: the middle band of the screen is the window's
 * white work area; file icons and names put black pixels in it. */
static long open_window_ink(const machine_frame *f)
{
    counts c = census(f, 0.05, 0.35, 0.95, 0.65);
    return c.white > c.total * 85 / 100 ? c.black : -1;
}

/* Double-click DISK A and wait for its window. -1: no window appeared. */
static long open_drive_a(const char *rom, const char *img, long *frames_taken)
{
    boot b = run_boot_disk(rom, img, false, 1800);
    if (!b.m || b.frame < 0) {
        if (b.m)
            b.m->ops->destroy(b.m);
        return -2;
    }
    point_at(b.m, 36, 26);
    click(b.m, 2);
    long ink = -1;
    for (long i = 0; i < 900 && ink < 0; i += 10) {
        frames(b.m, 10);
        *frames_taken = i + 10;
        ink = open_window_ink(b.m->ops->frame(b.m));
    }
    /* Let the icons finish drawing. */
    frames(b.m, 120);
    ink = open_window_ink(b.m->ops->frame(b.m));
    b.m->ops->destroy(b.m);
    return ink;
}

static void check_open_drive(const char *rom)
{
    char files[300], cmd[1200];
    snprintf(files, sizeof files, "%s/files.st", dir);
    snprintf(cmd, sizeof cmd,
             "mformat -i '%s/files.st' -f 720 -C :: && echo hello >'%s/HELLO.TXT' && "
             "echo readme >'%s/README.TXT' && mcopy -i '%s/files.st' '%s/HELLO.TXT' "
             "'%s/README.TXT' ::/ >/dev/null 2>&1",
             dir, dir, dir, dir, dir, dir);
    if (system(cmd) != 0) {
        tap_skip("mtools (mformat, mcopy) not installed", "drive A window lists files");
        return;
    }
    long t1 = 0, t2 = 0;
    long ink_files = open_drive_a(rom, files, &t1);
    long ink_blank = open_drive_a(rom, disk, &t2);
    tap_diag("window after %ld frames; ink with files %ld, blank disk %ld", t1, ink_files,
             ink_blank);
    tap_ok(ink_files >= 0, "double-clicking DISK A opens its window");
    tap_ok(ink_files > 250 && ink_blank >= 0 && ink_blank < ink_files / 3,
           "the window lists the disk's two files (the blank disk's window is empty)");
}

/* A TOS program's line on a cleared screen: the first text row inked from
 * the left edge across `chars` 8-pixel cells, nothing below but the cursor. */
static bool shows_line(const machine_frame *f, int chars)
{
    int min_x = f->width, max_x = -1;
    long ink = 0;
    for (int y = 0; y < f->height; y++) {
        const uint32_t *row = f->pixels + (size_t)y * (size_t)f->stride;
        for (int x = 0; x < f->width; x++) {
            uint32_t p = row[x] & 0xFFFFFF;
            if (p == 0xFFFFFF)
                continue;
            if (p != 0 || (y >= 8 && (y >= 16 || x >= 8)))
                return false; /* colour, or ink outside the line and the cursor */
            if (y < 8) {
                ink++;
                min_x = x < min_x ? x : min_x;
                max_x = x > max_x ? x : max_x;
            }
        }
    }
    return ink > chars * 8 && min_x < 8 && max_x >= (chars - 2) * 8 && max_x < chars * 8;
}

/* Our TOS program tests/guest/st_wait.prg (GEMDOS Cconws, then Cconin),
 * copied to a floppy as HELLO.TOS and launched by double-clicks on DISK A and
 * on its icon: its line must show, stay until a key, and the desktop return. */
static const char guest_line[] = "Tandem ST: press a key";

static void check_guest_prg(const char *rom)
{
    const char *bd = getenv("TANDEM_BUILDDIR");
    char prg[1024], img[300], cmd[2600];
    snprintf(prg, sizeof prg, "%s/tests/guest/st_wait.prg", bd ? bd : ".");
    if (access(prg, R_OK) != 0) {
        tap_skip("tests/guest/st_wait.prg not built (no m68k cross compiler)",
                 "a TOS program launched from the desktop prints its line");
        return;
    }
    snprintf(img, sizeof img, "%s/prg.st", dir);
    snprintf(cmd, sizeof cmd, "mformat -i '%s' -f 720 -C :: && mcopy -i '%s' '%s' ::/HELLO.TOS",
             img, img, prg);
    if (system(cmd) != 0) {
        tap_skip("mtools (mformat, mcopy) not installed",
                 "a TOS program launched from the desktop prints its line");
        return;
    }
    boot b = run_boot_disk(rom, img, false, 1800);
    if (!b.m || b.frame < 0) {
        tap_ok(false, "guest program: desktop first");
        if (b.m)
            b.m->ops->destroy(b.m);
        return;
    }
    machine *m = b.m;
    point_at(m, 36, 26);
    click(m, 2);
    long i;
    /* Until the window shows the program's icon. */
    for (i = 0; i < 900 && open_window_ink(m->ops->frame(m)) < 150; i += 10)
        frames(m, 10);
    frames(m, 30);
    m->ops->mouse(m, 46 - 36, 88 - 26, 0); /* the window's first icon */
    frames(m, 10);
    click(m, 2);
    bool seen = false;
    for (i = 0; i < 1200 && !seen; i += 5) {
        frames(m, 5);
        seen = shows_line(m->ops->frame(m), (int)strlen(guest_line));
    }
    tap_ok(seen, "HELLO.TOS launched from the desktop prints \"%s\" (%ld frames after the "
                 "double-click)", guest_line, i);
    frames(m, 30);
    tap_ok(seen && shows_line(m->ops->frame(m), (int)strlen(guest_line)),
           "the program waits for a key (GEMDOS Cconin) with its line on screen");
    m->ops->key(m, 28, true); /* Return */
    frames(m, 3);
    m->ops->key(m, 28, false);
    bool back = false;
    for (i = 0; i < 900 && !back; i += 10) {
        frames(m, 10);
        back = all(look(m->ops->frame(m), false));
    }
    tap_ok(back, "after a key press the program ends and the desktop comes back");
    m->ops->destroy(m);
}

/* Options > Change resolution... > Yes: the desktop comes back in medium. */
static void check_medium(const char *rom)
{
    boot b = run_boot(rom, false, 1800);
    if (!b.m || b.frame < 0) {
        tap_ok(false, "medium resolution: desktop first");
        if (b.m)
            b.m->ops->destroy(b.m);
        return;
    }
    machine *m = b.m;
    point_at(m, 195, 4); /* the Options title drops its menu */
    frames(m, 40);
    m->ops->mouse(m, 150 - 195, 60 - 4, 0); /* "Change resolution..." */
    frames(m, 20);
    click(m, 1);
    frames(m, 60);
    m->ops->mouse(m, 127 - 150, 125 - 60, 0); /* "Yes" */
    frames(m, 10);
    click(m, 1);
    bool ok = false;
    long i;
    for (i = 0; i < 1200 && !ok; i += 10) {
        frames(m, 10);
        const machine_frame *f = m->ops->frame(m);
        features ft = look(f, false);
        ok = f->width == 640 && f->height == 200 && all(ft);
    }
    const machine_frame *f = m->ops->frame(m);
    tap_ok(ok && f->pixel_aspect == 0.5,
           "switching to medium resolution from the Options menu: 640x200 desktop (%ld frames)", i);
    m->ops->destroy(m);
}

static void check_desktop(const char *rom, bool mono)
{
    const char *name = mono ? "monochrome" : "colour";
    boot b = run_boot(rom, mono, 1800);
    if (!tap_ok(b.m != NULL, "%s: machine created", name))
        return;
    if (!tap_ok(b.frame > 0, "%s: the GEM desktop appears", name)) {
        features f = look(b.m->ops->frame(b.m), mono);
        tap_diag("menu bar %d, pattern %d, disk icons %d, trash %d", f.menu_bar, f.pattern,
                 f.disk_icons, f.trash);
        /* Where it stopped: PC and the last I/O accesses. */
        st_machine *st = (st_machine *)b.m;
        tap_diag("PC $%06X, %llu I/O accesses; the last ones:", m68k_get_reg(st->cpu, M68K_PC),
                 (unsigned long long)st->io_accesses);
        for (unsigned k = 0; k < ST_IO_TRACE; k++) {
            const st_io_access *a = &st->io_trace[(st->io_trace_pos + k) % ST_IO_TRACE];
            tap_diag("  %s.%c $%06X = $%X%s", a->write ? "write" : "read", "?bw?l"[a->size],
                     a->addr, a->value, a->fault ? " (bus error)" : "");
        }
        b.m->ops->destroy(b.m);
        return;
    }
    printf("boot: %s desktop after %.2f emulated s (frame %ld), %.3f host s (checking every frame); "
           "code_hit=%.2f read_hit=%.2f write_hit=%.2f instructions=%llu\n",
           name, b.emulated, b.frame, b.host, b.st.code_hit, b.st.read_hit, b.st.write_hit,
           (unsigned long long)b.st.instructions);
    tap_ok(b.emulated > 2.0 && b.emulated < 15.0, "%s: desktop after a plausible %.2f s", name,
           b.emulated);
    /* Still there a second later, with the expected geometry. */
    for (int i = 0; i < 60; i++)
        b.m->ops->run_frame(b.m);
    const machine_frame *f = b.m->ops->frame(b.m);
    features ft = look(f, mono);
    tap_ok(ft.menu_bar, "%s: menu bar with its titles", name);
    tap_ok(ft.pattern, "%s: desktop pattern", name);
    tap_ok(ft.disk_icons && ft.trash, "%s: drive and trash icons", name);
    if (mono)
        tap_ok(f->width == 640 && f->height == 400 && f->refresh_hz > 71 && f->refresh_hz < 72,
               "monochrome: 640x400 at 71 Hz");
    else
        tap_ok(f->width == 320 && f->height == 200 && f->refresh_hz > 59 && f->refresh_hz < 61,
               "colour: 320x200 at 60 Hz (the US EmuTOS)");
    b.m->ops->destroy(b.m);
}

/* Same inputs, same pictures, bit for bit. */
static void check_determinism(const char *rom)
{
    const machine_ops *ops = machine_find("st");
    machine_config cfg = {.model = "st", .rom_path = rom, .ram_kb = 1024};
    cfg.disk[0] = disk;
    char err[512];
    uint32_t *first = NULL;
    size_t n = 0;
    bool same = true;
    for (int run = 0; run < 2; run++) {
        machine *m = ops->create(&cfg, err, sizeof err);
        if (!m) {
            same = false;
            break;
        }
        for (int i = 0; i < 500; i++) {
            ops->run_frame(m);
            if (i == 250) {
                ops->mouse(m, 37, 21, 0);
                ops->key(m, 30, true);
            }
            if (i == 253)
                ops->key(m, 30, false);
        }
        const machine_frame *f = ops->frame(m);
        n = (size_t)f->stride * (size_t)f->height;
        if (run == 0) {
            first = malloc(n * sizeof *first);
            if (first)
                memcpy(first, f->pixels, n * sizeof *first);
        } else {
            same = first && memcmp(first, f->pixels, n * sizeof *first) == 0;
        }
        ops->destroy(m);
    }
    tap_ok(same, "two runs with the same input give identical frames");
    free(first);
}

int main(void)
{
    const char *src = getenv("TANDEM_SRCDIR");
    char rom[1024];
    snprintf(rom, sizeof rom, "%s/../shared/roms/etos192us.img", src ? src : "..");
    if (access(rom, R_OK) != 0)
        return tap_skip_all("../shared/roms/etos192us.img is absent (EmuTOS 192 KB US)");
    if (!mkdtemp(dir) || !make_disk())
        return tap_skip_all("cannot make a blank floppy image in /tmp");
    check_desktop(rom, false);
    check_desktop(rom, true);
    check_determinism(rom);
    check_open_drive(rom);
    check_guest_prg(rom);
    check_medium(rom);
    char cmd[400];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        tap_diag("could not remove %s", dir);
    return tap_done();
}
