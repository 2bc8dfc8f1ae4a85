/* Preferences: ~/.config/tandem/tandem.conf (a GKeyFile; XDG_CONFIG_HOME is
 * honoured) plus command-line overrides with the headless runner's names.
 * GLib only, so tests can drive it without a display. */
#ifndef TANDEM_UI_SETTINGS_H
#define TANDEM_UI_SETTINGS_H

#include <glib.h>
#include <stdbool.h>
#include <stdio.h>

#define SETTINGS_RECENT_MAX 8

typedef struct settings {
    char *machine;          /* model id, "st" */
    char *rom;              /* ROM of the selected machine, NULL: none chosen */
    unsigned ram_kb;        /* 0: the model's default */
    bool mono;
    char *disk[2];          /* images in drives A and B at start */
    bool disk_writable[2];
    char *scale;            /* "fit" or "1".."4" */
    bool smooth;            /* bilinear instead of nearest-neighbour */
    bool unthrottled;
    char **recent;          /* recently used disk images, newest first */
    GKeyFile *kf;           /* everything, including other machines' groups */
} settings;

typedef enum settings_status {
    SETTINGS_LOADED,
    SETTINGS_MISSING,  /* no file: defaults */
    SETTINGS_CORRUPT,  /* unreadable or not a key file: defaults */
} settings_status;

settings *settings_new(void); /* defaults */
settings *settings_copy(const settings *s);
void settings_free(settings *s);

/* $XDG_CONFIG_HOME/tandem/tandem.conf (newly allocated). */
char *settings_default_path(void);

/* Loads path into s (replacing it).  Bad individual values fall back to their
 * default.  *message (may be NULL) gets a sentence for the user when something
 * was missing or wrong, else NULL. */
settings_status settings_load(settings *s, const char *path, char **message);

/* Writes atomically (temporary file + rename), creating the directory. */
bool settings_save(settings *s, const char *path, GError **error);

/* Switches the machine, loading that machine's own rom/ram/mono. */
void settings_select_machine(settings *s, const char *id);

/* Applies command-line options (argv[0] skipped; "--headless" never reaches
 * here): the shared table's (machines/options.h, same names as the headless
 * runner) and the window's own; a bare argument is a disk for drive A.  Returns false with *error set on an unknown option or bad value;
 * *config_path receives --config FILE if given. */
bool settings_parse_args(settings *s, int argc, char **argv, char **config_path, char **error);

/* "512K", "1M", "2MB", "4096" (KB) -> KB; 0 on error. */
unsigned settings_parse_ram(const char *text);

/* Puts path at the front of the recent list (deduplicated, bounded). */
void settings_add_recent(settings *s, const char *path);

/* Help text for --help, from the shared options table plus the window's own. */
void settings_print_usage(FILE *f);

#endif
