/* The desktop program's settings file (ui/settings.c): defaults, a missing and
 * a damaged file both fall back to the defaults and say so, bad values are
 * ignored one by one, saving is atomic and round-trips, XDG_CONFIG_HOME is
 * honoured and the command line overrides the file. */
#include <glib.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/tap.h"
#include "ui/settings.h"

static char *write_file(const char *dir, const char *name, const char *text, gssize len)
{
    char *p = g_build_filename(dir, name, NULL);
    g_file_set_contents(p, text, len, NULL);
    return p;
}

static bool is_default(const settings *s)
{
    return strcmp(s->machine, "st") == 0 && !s->rom && s->ram_kb == 0 && !s->mono &&
           !s->disk[0] && !s->disk[1] && strcmp(s->scale, "fit") == 0 && !s->smooth &&
           !s->unthrottled && s->recent && !s->recent[0];
}

int main(void)
{
    char *dir = g_dir_make_tmp("tandem-config-XXXXXX", NULL);
    if (!dir)
        return tap_skip_all("cannot create a temporary directory");
    g_setenv("XDG_CONFIG_HOME", dir, TRUE);

    char *def = settings_default_path();
    char *want = g_build_filename(dir, "tandem", "tandem.conf", NULL);
    tap_ok(strcmp(def, want) == 0, "default path follows XDG_CONFIG_HOME (%s)", def);

    settings *s = settings_new();
    tap_ok(is_default(s), "new settings are the defaults");

    /* Missing file. */
    char *msg = NULL;
    settings_status st = settings_load(s, def, &msg);
    tap_ok(st == SETTINGS_MISSING, "missing file reported as missing");
    tap_ok(is_default(s), "missing file: defaults");
    tap_ok(msg && strstr(msg, "default"), "missing file: says so (%s)", msg ? msg : "");
    g_free(msg);

    /* Damaged files: binary garbage, a broken group header, invalid UTF-8. */
    static const char *const bad[] = { "\x01\x02\xff\xfe garbage\n[[[\n", "[st\nram=1M\n",
                                       "ram=1M\n[st]\n" };
    for (size_t i = 0; i < G_N_ELEMENTS(bad); i++) {
        char name[32];
        g_snprintf(name, sizeof name, "bad%zu.conf", i);
        char *p = write_file(dir, name, bad[i], -1);
        s->mono = true; /* must be reset */
        st = settings_load(s, p, &msg);
        tap_ok(st == SETTINGS_CORRUPT && is_default(s), "damaged file %zu: defaults", i);
        tap_ok(msg && strstr(msg, "damaged") && strstr(msg, "default"),
               "damaged file %zu: says so (%s)", i, msg ? msg : "");
        g_free(msg);
        g_free(p);
    }
    /* A directory where the file should be. */
    st = settings_load(s, dir, &msg);
    tap_ok(st == SETTINGS_CORRUPT && is_default(s) && msg, "a directory: defaults, with a message");
    g_free(msg);

    /* Valid file with some bad values: good ones kept, bad ones defaulted. */
    char *p = write_file(dir, "mixed.conf",
                         "# comment kept\n[general]\nmachine=st\n[st]\nrom=/roms/etos.img\n"
                         "ram=banana\nmono=perhaps\n[disks]\na=/d/a.st\nrecent=/d/a.st;/d/b.st;\n"
                         "[view]\nscale=7\nsmooth=true\n[mac]\nrom=\xff\xfe\n[future]\nkey=kept\n", -1);
    st = settings_load(s, p, &msg);
    tap_ok(st == SETTINGS_LOADED, "file with bad values still loads");
    tap_ok(s->rom && strcmp(s->rom, "/roms/etos.img") == 0, "rom read");
    tap_ok(s->ram_kb == 0 && !s->mono, "bad ram and mono fall back to defaults");
    tap_ok(strcmp(s->scale, "fit") == 0 && s->smooth, "bad scale defaulted, smooth read");
    tap_ok(s->disk[0] && strcmp(s->disk[0], "/d/a.st") == 0 && !s->disk[1], "disk A read");
    tap_ok(s->recent[0] && s->recent[1] && !s->recent[2] && strcmp(s->recent[1], "/d/b.st") == 0,
           "recent list read");
    tap_ok(msg && strstr(msg, "ram") && strstr(msg, "mono") && strstr(msg, "scale") &&
               strstr(msg, "mac/rom"),
           "each bad value named (%s)", msg ? msg : "");
    g_free(msg);

    /* Save to the XDG path (directory created), reload: same values. */
    g_key_file_remove_group(s->kf, "mac", NULL); /* its bad value would be reported again */
    s->ram_kb = 2048;
    s->mono = true;
    s->disk_writable[1] = true;
    settings_add_recent(s, "/d/c.st");
    settings_add_recent(s, "/d/a.st");
    GError *e = NULL;
    tap_ok(settings_save(s, def, &e), "saved to %s", def);
    if (e)
        g_error_free(e);
    settings *t = settings_new();
    st = settings_load(t, def, &msg);
    tap_ok(st == SETTINGS_LOADED && !msg, "saved file loads cleanly");
    g_free(msg);
    tap_ok(t->ram_kb == 2048 && t->mono && t->disk_writable[1] && !t->disk_writable[0],
           "ram, mono, write flags round-trip");
    tap_ok(strcmp(t->recent[0], "/d/a.st") == 0 && strcmp(t->recent[1], "/d/c.st") == 0 &&
               strcmp(t->recent[2], "/d/b.st") == 0 && !t->recent[3],
           "recent list: newest first, no duplicates");
    char *data = NULL;
    g_file_get_contents(def, &data, NULL, NULL);
    tap_ok(data && strstr(data, "[future]") && strstr(data, "key=kept"), "unknown groups kept");
    g_free(data);
    char *tdir = g_path_get_dirname(def);
    GDir *d = g_dir_open(tdir, 0, NULL);
    int files = 0;
    for (const char *n; d && (n = g_dir_read_name(d));)
        files++;
    if (d)
        g_dir_close(d);
    tap_ok(files == 1, "no temporary file left behind");
    g_free(tdir);

    /* Per-machine groups: switching machine reads that machine's values. */
    settings_select_machine(t, "mac");
    tap_ok(!t->rom && t->ram_kb == 0 && !t->mono, "another machine has its own (empty) group");
    settings_select_machine(t, "st");
    tap_ok(t->rom && t->ram_kb == 2048, "switching back restores the ST's values");

    /* Recent list is bounded. */
    for (int i = 0; i < 20; i++) {
        char n[32];
        g_snprintf(n, sizeof n, "/d/%d.st", i);
        settings_add_recent(t, n);
    }
    tap_ok(g_strv_length(t->recent) == SETTINGS_RECENT_MAX, "recent list bounded to %d",
           SETTINGS_RECENT_MAX);

    /* Command line overrides the file. */
    char *args[] = { "tandem", "--rom", "/x/tos.img", "--ram=4M", "--mono", "--disk-a",
                     "/x/a.st", "--scale", "2", "--unthrottled", "--config", "/x/c.conf", NULL };
    char *cfg = NULL, *err = NULL;
    tap_ok(settings_parse_args(t, G_N_ELEMENTS(args) - 1, args, &cfg, &err), "options parse");
    tap_ok(strcmp(t->rom, "/x/tos.img") == 0 && t->ram_kb == 4096 && t->mono &&
               strcmp(t->disk[0], "/x/a.st") == 0 && strcmp(t->scale, "2") == 0 && t->unthrottled,
           "options override the file");
    tap_ok(cfg && strcmp(cfg, "/x/c.conf") == 0, "--config found");
    char *more[] = { "tandem", "--no-mono", "--disk-writable", "/x/b.st", NULL };
    tap_ok(settings_parse_args(t, 4, more, NULL, &err) && !t->mono && t->disk_writable[0] &&
               t->disk_writable[1] && strcmp(t->disk[0], "/x/b.st") == 0,
           "--no-mono, --disk-writable and a bare disk image");
    g_free(cfg);
    static const char *const wrong[][3] = {
        { "tandem", "--bogus", NULL }, { "tandem", "--ram", "lots" }, { "tandem", "--rom", NULL },
        { "tandem", "--scale", "9" }, { "tandem", "--frames", "10" }, { "tandem", "--mono=maybe", NULL },
        { "tandem", "--unthrottled=1", NULL }, { "tandem", "--machine", "c64" },
    };
    for (size_t i = 0; i < G_N_ELEMENTS(wrong); i++) {
        int n = wrong[i][2] ? 3 : 2;
        err = NULL;
        bool ok = settings_parse_args(t, n, (char **)wrong[i], NULL, &err);
        tap_ok(!ok && err, "'%s %s' rejected: %s", wrong[i][1], wrong[i][2] ? wrong[i][2] : "",
               err ? err : "");
        g_free(err);
    }
    tap_ok(settings_parse_ram("512K") == 512 && settings_parse_ram("1M") == 1024 &&
               settings_parse_ram("4MB") == 4096 && settings_parse_ram("2048") == 2048 &&
               settings_parse_ram("x") == 0 && settings_parse_ram("1G") == 0,
           "memory sizes");

    settings_free(s);
    settings_free(t);
    char *cmd = g_strdup_printf("rm -rf '%s'", dir);
    if (system(cmd) != 0)
        tap_diag("could not remove %s", dir);
    g_free(cmd);
    g_free(p);
    g_free(def);
    g_free(want);
    g_free(dir);
    return tap_done();
}
