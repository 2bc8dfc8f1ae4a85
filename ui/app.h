/* The desktop application: one window showing one machine.  Internal to ui/;
 * the pieces (window and input, dialogs, ROM manager) share this struct. */
#ifndef TANDEM_UI_APP_H
#define TANDEM_UI_APP_H

#include <stdbool.h>

#include "machines/machine.h"

/* Runs the program (after main() has set up gettext and ruled out
 * --headless).  find: the registry of machine models (machine_find in the
 * program; tests pass their own). */
typedef const machine_ops *(*ui_model_finder)(const char *id);
int ui_app_run(int argc, char **argv, ui_model_finder find);

#ifdef GTK_MAJOR_VERSION
#include "ui/emu.h"
#include "ui/settings.h"

#define TANDEM_APP_ID "io.github.tandem_emu.Tandem"

typedef struct app {
    GtkApplication *gapp;
    GtkWidget *window, *area, *statusbar;
    GtkWidget *drive_label[2], *perf_label, *capture_label, *msg_label;
    GMenu *recent_menu;
    settings *file;       /* what the settings file says (saved on change) */
    settings *run;        /* in effect: file + command line */
    char *config_path;
    ui_model_finder find;
    emu *emu;             /* NULL while no machine runs */
    char *machine_error;  /* why no machine runs */
    char *drive_name[2];  /* images in the drives (NULL: empty) */
    bool captured, fullscreen, paused, trace;
    int redraw_pending;   /* atomic */
    int last_w, last_h;   /* frame geometry seen by the last draw */
    double last_aspect;
    unsigned buttons;
    bool key_down[256];
    int exit_status;
    guint status_timer;
    unsigned ticks;
} app;

/* Prints a state change on stdout when TANDEM_UI_TRACE is set (tests read it). */
void app_trace(app *a, const char *fmt, ...) G_GNUC_PRINTF(2, 3);
void app_error(app *a, const char *primary, const char *secondary);
void app_message(app *a, const char *text);
void app_save_settings(app *a);
const machine_ops *app_model(app *a, const char *id);
/* (Re)creates the machine from a->run; false (with a message shown) on error. */
bool app_start_machine(app *a);
void app_stop_machine(app *a);
bool app_insert_disk(app *a, int drive, const char *path);
void app_eject_disk(app *a, int drive);
void app_update_recent(app *a);
void app_apply_scale(app *a);

/* dialogs.c */
void dialog_insert_disk(app *a, int drive);
void dialog_screenshot(app *a);
void dialog_configure(app *a);
void dialog_shortcuts(app *a);
void dialog_about(app *a);
/* Writes the current frame as PNG (temporary file + rename). */
bool app_write_screenshot(app *a, const char *path, char **error);

/* romdlg.c */
void dialog_roms(app *a, bool first_run);

/* keymap.c: GDK hardware keycode -> Linux input code for the machine, or -1. */
int keymap_from_gdk(unsigned hardware_keycode);
#endif

#endif
