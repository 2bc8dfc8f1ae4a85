/* The desktop program with a stand-in machine, for UI tests that must not
 * depend on the real ST booting: a 320x200 picture with fixed bands (to check
 * scaling and aspect in screenshots) and a moving bar (to see it run).  Key,
 * mouse, disk and reset calls are printed on stdout.  Env TANDEM_FAKE_MED=1
 * gives a 640x200 frame with 2:1 pixels like ST medium resolution. */
#include "config.h"

#include <locale.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "machines/i18n.h"
#include "machines/machine.h"
#include "ui/app.h"

typedef struct fake {
    machine base;
    uint32_t pixels[640 * 200];
    machine_frame frame;
    uint64_t frames, instructions;
    bool disk[2];
} fake;

static void say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void say(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("fake: ", stdout);
    vprintf(fmt, ap);
    fputc('\n', stdout);
    fflush(stdout);
    va_end(ap);
}

static const machine_ops fake_ops;

static machine *fake_create(const machine_config *cfg, char *err, size_t errlen)
{
    struct stat st;
    if (!cfg->rom_path || stat(cfg->rom_path, &st) != 0) {
        snprintf(err, errlen, "cannot open ROM %s", cfg->rom_path ? cfg->rom_path : "(none)");
        return NULL;
    }
    fake *f = calloc(1, sizeof *f);
    f->base.ops = &fake_ops;
    bool med = getenv("TANDEM_FAKE_MED") != NULL;
    f->frame = (machine_frame){ f->pixels, med ? 640 : 320, 200, 640, med ? 0.5 : 1.0, 60.0 };
    say("create rom=%s ram=%u mono=%d", cfg->rom_path, cfg->ram_kb, cfg->mono);
    return &f->base;
}

static void fake_destroy(machine *m) { say("destroy"); free(m); }
static void fake_reset(machine *m, bool cold) { say("reset %s", cold ? "cold" : "warm"); }

static void fake_run_frame(machine *m)
{
    fake *f = (fake *)m;
    int w = f->frame.width, h = f->frame.height;
    /* Left half red, right half blue, top 20 lines white, a green bar moving. */
    int bar = (int)(f->frames % (uint64_t)w);
    for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++) {
            uint32_t c = x < w / 2 ? 0xd02020 : 0x2020d0;
            if (y < 20)
                c = 0xffffff;
            else if (y >= 180 && x >= bar && x < bar + 8)
                c = 0x20d020;
            f->pixels[y * 640 + x] = c;
        }
    f->frames++;
    f->instructions += 133333;
}

static const machine_frame *fake_frame(machine *m) { return &((fake *)m)->frame; }
static void fake_key(machine *m, int key, bool down) { say("key %d %s", key, down ? "down" : "up"); }
static void fake_mouse(machine *m, int dx, int dy, unsigned b)
{
    say("mouse %d %d %u", dx, dy, b);
}

static bool fake_insert(machine *m, int drive, const char *path, bool writable, char *err,
                        size_t errlen)
{
    say("insert %c %s %s", 'A' + drive, path, writable ? "rw" : "ro");
    ((fake *)m)->disk[drive] = true;
    return true;
}

static void fake_eject(machine *m, int drive)
{
    say("eject %c", 'A' + drive);
    ((fake *)m)->disk[drive] = false;
}

static void fake_stats(machine *m, machine_stats *out)
{
    fake *f = (fake *)m;
    memset(out, 0, sizeof *out);
    out->frames = f->frames;
    out->instructions = f->instructions;
    out->emulated_seconds = f->frames / 60.0;
    out->drive_active[0] = f->disk[0] && (f->frames / 30) % 2;
}

static const machine_ops fake_ops = {
    "st", "Atari ST", fake_create, fake_destroy, fake_reset, fake_run_frame, fake_frame,
    fake_key, fake_mouse, fake_insert, fake_eject, fake_stats, NULL, NULL,
};

static const machine_ops *find(const char *id)
{
    return strcmp(id, "st") == 0 ? &fake_ops : NULL;
}

int main(int argc, char **argv)
{
    setlocale(LC_ALL, "");
    bindtextdomain(PACKAGE, LOCALEDIR);
    textdomain(PACKAGE);
    return ui_app_run(argc, argv, find);
}
