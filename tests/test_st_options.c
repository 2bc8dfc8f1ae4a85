/* The preferences table and the command line / config file derived from it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "machines/options.h"
#include "tests/tap.h"

int main(void)
{
    opt_set o;
    char err[256];
    opt_init(&o);
    tap_ok(opt_int(&o, OPT_RAM) == 1024 && !opt_bool(&o, OPT_MONO) &&
               strcmp(opt_str(&o, OPT_MACHINE), "st") == 0,
           "defaults: st, 1 MB, colour");
    char *argv1[] = {"tandem", "--headless", "--machine", "st", "--rom=x.img", "--ram", "4M",
                     "--mono", "--frames", "300", "--disk-a", "a.st", NULL};
    tap_ok(opt_parse_args(&o, 12, argv1, 0, err, sizeof err), "a full command line parses");
    tap_ok(opt_int(&o, OPT_RAM) == 4096 && opt_bool(&o, OPT_MONO) &&
               opt_int(&o, OPT_FRAMES) == 300 && strcmp(opt_str(&o, OPT_ROM), "x.img") == 0 &&
               strcmp(opt_str(&o, OPT_DISK_A), "a.st") == 0,
           "values taken");
    machine_config cfg;
    opt_machine_config(&o, &cfg);
    tap_ok(cfg.ram_kb == 4096 && cfg.mono && cfg.disk[0] && !cfg.disk[1] &&
               strcmp(cfg.rom_path, "x.img") == 0,
           "machine_config derived");
    char *argv2[] = {"tandem", "--no-mono", "--ram", "512K", NULL};
    tap_ok(opt_parse_args(&o, 4, argv2, 0, err, sizeof err) && !opt_bool(&o, OPT_MONO) &&
               opt_int(&o, OPT_RAM) == 512,
           "--no-mono, --ram 512K");
    char *argv3[] = {"tandem", "--bogus", NULL};
    tap_ok(!opt_parse_args(&o, 2, argv3, 0, err, sizeof err) && strstr(err, "--bogus"),
           "unknown option: %s", err);
    char *argv4[] = {"tandem", "--ram", "3M", NULL};
    tap_ok(!opt_parse_args(&o, 3, argv4, 0, err, sizeof err), "unsupported RAM size: %s", err);
    char *argv5[] = {"tandem", "--frames", NULL};
    tap_ok(!opt_parse_args(&o, 2, argv5, 0, err, sizeof err), "missing value: %s", err);
    char *argv6[] = {"tandem", "--frames", "ten", NULL};
    tap_ok(!opt_parse_args(&o, 3, argv6, 0, err, sizeof err), "bad number: %s", err);
    char *argv7[] = {"tandem", "stray", NULL};
    tap_ok(!opt_parse_args(&o, 2, argv7, 0, err, sizeof err), "stray argument: %s", err);
    char *argv8[] = {"tandem", "--frames", "5", NULL};
    tap_ok(!opt_parse_args(&o, 3, argv8, OPT_F_SAVED, err, sizeof err),
           "a mask hides options it does not include");

    char path[] = "/tmp/test_st_options.XXXXXX";
    int fd = mkstemp(path);
    if (fd >= 0)
        close(fd);
    opt_set_text(&o, OPT_RAM, "2M", err, sizeof err);
    opt_set_text(&o, OPT_MONO, "true", err, sizeof err);
    opt_set_text(&o, OPT_ROM, "/roms/etos.img", err, sizeof err);
    tap_ok(opt_save_file(&o, path, err, sizeof err), "config file written");
    opt_set o2;
    opt_init(&o2);
    tap_ok(opt_load_file(&o2, path, err, sizeof err) && opt_int(&o2, OPT_RAM) == 2048 &&
               opt_bool(&o2, OPT_MONO) && strcmp(opt_str(&o2, OPT_ROM), "/roms/etos.img") == 0,
           "config file read back");
    FILE *f = fopen(path, "w");
    fputs("ram = lots\n", f);
    fclose(f);
    tap_ok(!opt_load_file(&o2, path, err, sizeof err) && strstr(err, ":1:"),
           "bad config line reported with its line: %s", err);
    unlink(path);
    tap_ok(opt_load_file(&o2, path, err, sizeof err), "a missing config file is not an error");
    opt_free(&o2);
    opt_free(&o);
    return tap_done();
}
