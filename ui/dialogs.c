/* Dialogs of the main window: disk and screenshot file choosers, machine
 * configuration, keyboard shortcuts and About. */
#include "config.h"

#include <errno.h>
#include <gtk/gtk.h>
#include <glib/gstdio.h>
#include <string.h>

#include "machines/headless.h"
#include "machines/atari_st/tos_known.h"
#include "machines/i18n.h"
#include "machines/options.h"
#include "ui/app.h"
#include "ui/romdir.h"

/* ---- disks ------------------------------------------------------------------ */

static void add_filter(GtkFileChooser *fc, const char *name, const char *const *patterns)
{
    GtkFileFilter *f = gtk_file_filter_new();
    gtk_file_filter_set_name(f, name);
    for (int i = 0; patterns[i]; i++)
        gtk_file_filter_add_pattern(f, patterns[i]);
    gtk_file_chooser_add_filter(fc, f);
}

void dialog_insert_disk(app *a, int drive)
{
    char title[64];
    g_snprintf(title, sizeof title, drive ? _("Insert Disk B") : _("Insert Disk A"));
    GtkWidget *d = gtk_file_chooser_dialog_new(title, GTK_WINDOW(a->window),
                                               GTK_FILE_CHOOSER_ACTION_OPEN, _("_Cancel"),
                                               GTK_RESPONSE_CANCEL, _("_Insert"),
                                               GTK_RESPONSE_ACCEPT, NULL);
    GtkFileChooser *fc = GTK_FILE_CHOOSER(d);
    /* Only formats the machine reads: raw .ST images for now. */
    static const char *const st[] = { "*.st", "*.ST", "*.St", NULL };
    static const char *const all[] = { "*", NULL };
    add_filter(fc, _("Atari ST disk images (*.st)"), st);
    add_filter(fc, _("All files"), all);
    GtkWidget *wp = gtk_check_button_new_with_mnemonic(_("_Write-protected"));
    gtk_toggle_button_set_active(GTK_TOGGLE_BUTTON(wp), !a->run->disk_writable[drive]);
    gtk_file_chooser_set_extra_widget(fc, wp);
    const char *cur = a->drive_name[drive] ? a->drive_name[drive] : a->run->recent[0];
    /* Always a real folder: GTK's "Recent" view misbehaves with a typed path. */
    char *dir = cur ? g_path_get_dirname(cur) : g_strdup(g_get_home_dir());
    gtk_file_chooser_set_current_folder(fc, dir);
    g_free(dir);
    app_trace(a, "dialog open: %s", title);
    int r = gtk_dialog_run(GTK_DIALOG(d));
    char *path = r == GTK_RESPONSE_ACCEPT ? gtk_file_chooser_get_filename(fc) : NULL;
    bool protect = gtk_toggle_button_get_active(GTK_TOGGLE_BUTTON(wp));
    gtk_widget_destroy(d);
    app_trace(a, "dialog closed: %s", path ? path : "cancelled");
    if (!path)
        return;
    if (protect == a->run->disk_writable[drive]) { /* changed in the dialog */
        a->run->disk_writable[drive] = a->file->disk_writable[drive] = !protect;
        GAction *x = g_action_map_lookup_action(G_ACTION_MAP(a->gapp), drive ? "wp-b" : "wp-a");
        if (x)
            g_simple_action_set_state(G_SIMPLE_ACTION(x), g_variant_new_boolean(protect));
    }
    app_insert_disk(a, drive, path);
    g_free(path);
}

/* ---- screenshots ------------------------------------------------------------ */

/* The frame is copied under the emulation lock, then written outside it. */
static void copy_for_shot(const machine_frame *f, void *user)
{
    machine_frame *copy = user;
    uint32_t *pixels = g_new(uint32_t, (size_t)f->width * (size_t)f->height);
    for (int y = 0; y < f->height; y++)
        memcpy(pixels + (size_t)y * (size_t)f->width, f->pixels + (size_t)y * (size_t)f->stride,
               (size_t)f->width * 4);
    *copy = *f;
    copy->pixels = pixels;
    copy->stride = f->width;
}

bool app_write_screenshot(app *a, const char *path, char **error)
{
    machine_frame copy = { NULL };
    if (!a->emu || !emu_with_frame(a->emu, copy_for_shot, &copy)) {
        *error = g_strdup(_("There is no picture yet."));
        return false;
    }
    char err[512];
    bool ok = headless_write_png(&copy, path, err, sizeof err) == 0;
    if (!ok)
        *error = g_strdup(err);
    g_free((uint32_t *)copy.pixels);
    return ok;
}

void dialog_screenshot(app *a)
{
    GtkWidget *d = gtk_file_chooser_dialog_new(_("Save Screenshot"), GTK_WINDOW(a->window),
                                               GTK_FILE_CHOOSER_ACTION_SAVE, _("_Cancel"),
                                               GTK_RESPONSE_CANCEL, _("_Save"),
                                               GTK_RESPONSE_ACCEPT, NULL);
    GtkFileChooser *fc = GTK_FILE_CHOOSER(d);
    gtk_file_chooser_set_do_overwrite_confirmation(fc, TRUE);
    GDateTime *now = g_date_time_new_now_local();
    char *name = g_date_time_format(now, "tandem-%Y%m%d-%H%M%S.png");
    g_date_time_unref(now);
    gtk_file_chooser_set_current_name(fc, name);
    g_free(name);
    const char *pics = g_get_user_special_dir(G_USER_DIRECTORY_PICTURES);
    gtk_file_chooser_set_current_folder(fc, pics ? pics : g_get_home_dir());
    static const char *const png[] = { "*.png", NULL };
    add_filter(fc, _("PNG images"), png);
    app_trace(a, "dialog open: %s", _("Save Screenshot"));
    char *path = gtk_dialog_run(GTK_DIALOG(d)) == GTK_RESPONSE_ACCEPT
                     ? gtk_file_chooser_get_filename(fc) : NULL;
    gtk_widget_destroy(d);
    if (!path)
        return;
    char *err = NULL;
    if (app_write_screenshot(a, path, &err)) {
        char *m = g_strdup_printf(_("Screenshot saved to %s"), path);
        app_message(a, m);
        g_free(m);
        app_trace(a, "screenshot saved %s", path);
    } else {
        app_error(a, _("The screenshot could not be saved."), err);
        g_free(err);
    }
    g_free(path);
}

/* ---- machine configuration -------------------------------------------------- */

static const char *const model_ids[] = { "st", "mac" };

typedef struct cfg_dialog {
    app *a;
    GtkWidget *model, *ram, *mono, *rom;
} cfg_dialog;

static void fill_roms(cfg_dialog *c)
{
    GtkComboBoxText *cb = GTK_COMBO_BOX_TEXT(c->rom);
    gtk_combo_box_text_remove_all(cb);
    GPtrArray *roms = romdir_list(c->a->run->rom);
    const char *model = gtk_combo_box_get_active_id(GTK_COMBO_BOX(c->model));
    for (guint i = 0; i < roms->len; i++) {
        romdir_entry *e = roms->pdata[i];
        if (e->id.match == TOS_UNKNOWN || !e->id.machines || !model ||
            !strstr(e->id.machines, model))
            continue;
        char *base = g_path_get_basename(e->path);
        char *label = g_strdup_printf("%s — %s", e->id.name, base);
        gtk_combo_box_text_append(cb, e->path, label);
        g_free(label);
        g_free(base);
    }
    g_ptr_array_unref(roms);
    if (!c->a->run->rom || !gtk_combo_box_set_active_id(GTK_COMBO_BOX(cb), c->a->run->rom))
        gtk_combo_box_set_active(GTK_COMBO_BOX(cb), 0);
}

static void open_roms(GtkButton *b, gpointer data)
{
    cfg_dialog *c = data;
    dialog_roms(c->a, false);
    fill_roms(c);
}

static GtkWidget *grid_label(GtkGrid *g, int row, const char *mnemonic, GtkWidget *w)
{
    GtkWidget *l = gtk_label_new_with_mnemonic(mnemonic);
    gtk_label_set_mnemonic_widget(GTK_LABEL(l), w);
    gtk_label_set_xalign(GTK_LABEL(l), 0);
    gtk_grid_attach(g, l, 0, row, 1, 1);
    gtk_grid_attach(g, w, 1, row, 1, 1);
    return w;
}

void dialog_configure(app *a)
{
    GtkWidget *d = gtk_dialog_new_with_buttons(_("Configure Machine"), GTK_WINDOW(a->window),
                                               GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                               _("_Cancel"), GTK_RESPONSE_CANCEL,
                                               _("_Apply and Restart"), GTK_RESPONSE_ACCEPT, NULL);
    cfg_dialog c = { .a = a };
    GtkWidget *grid = gtk_grid_new();
    gtk_grid_set_row_spacing(GTK_GRID(grid), 8);
    gtk_grid_set_column_spacing(GTK_GRID(grid), 12);
    g_object_set(grid, "margin", 12, NULL);
    gtk_container_add(GTK_CONTAINER(gtk_dialog_get_content_area(GTK_DIALOG(d))), grid);

    c.model = gtk_combo_box_text_new();
    for (size_t i = 0; i < G_N_ELEMENTS(model_ids); i++) {
        const machine_ops *ops = app_model(a, model_ids[i]);
        if (ops)
            gtk_combo_box_text_append(GTK_COMBO_BOX_TEXT(c.model), ops->id, _(ops->name));
    }
    if (!gtk_combo_box_set_active_id(GTK_COMBO_BOX(c.model), a->run->machine))
        gtk_combo_box_set_active(GTK_COMBO_BOX(c.model), 0);
    grid_label(GTK_GRID(grid), 0, _("_Model:"), c.model);

    /* RAM sizes: the choices of the shared options table. */
    c.ram = gtk_combo_box_text_new();
    char id[16];
    const opt_desc *ram = opt_find("ram");
    char **sizes = g_strsplit(ram && ram->choices ? ram->choices : "1024", " ", -1);
    for (int i = 0; sizes[i]; i++) {
        unsigned kb = (unsigned)atoi(sizes[i]);
        char *label = kb % 1024 ? g_strdup_printf(_("%u KB"), kb) : g_strdup_printf(_("%u MB"), kb / 1024);
        gtk_combo_box_text_append(GTK_COMBO_BOX_TEXT(c.ram), sizes[i], label);
        g_free(label);
    }
    g_strfreev(sizes);
    g_snprintf(id, sizeof id, "%u", a->run->ram_kb ? a->run->ram_kb : 1024);
    if (!gtk_combo_box_set_active_id(GTK_COMBO_BOX(c.ram), id))
        gtk_combo_box_set_active(GTK_COMBO_BOX(c.ram), 1);
    grid_label(GTK_GRID(grid), 1, _("_RAM:"), c.ram);

    c.mono = gtk_check_button_new_with_mnemonic(_("Mo_nochrome monitor (high resolution)"));
    gtk_toggle_button_set_active(GTK_TOGGLE_BUTTON(c.mono), a->run->mono);
    gtk_grid_attach(GTK_GRID(grid), c.mono, 1, 2, 1, 1);

    c.rom = gtk_combo_box_text_new();
    fill_roms(&c);
    grid_label(GTK_GRID(grid), 3, _("R_OM:"), c.rom);
    GtkWidget *manage = gtk_button_new_with_mnemonic(_("_Manage ROMs…"));
    g_signal_connect(manage, "clicked", G_CALLBACK(open_roms), &c);
    gtk_grid_attach(GTK_GRID(grid), manage, 1, 4, 1, 1);

    gtk_widget_show_all(d);
    app_trace(a, "dialog open: %s", _("Configure Machine"));
    int r = gtk_dialog_run(GTK_DIALOG(d));
    app_trace(a, "dialog closed: %s", _("Configure Machine"));
    if (r == GTK_RESPONSE_ACCEPT) {
        const char *model = gtk_combo_box_get_active_id(GTK_COMBO_BOX(c.model));
        const char *ram = gtk_combo_box_get_active_id(GTK_COMBO_BOX(c.ram));
        const char *rom = gtk_combo_box_get_active_id(GTK_COMBO_BOX(c.rom));
        bool mono = gtk_toggle_button_get_active(GTK_TOGGLE_BUTTON(c.mono));
        for (settings *s = a->file; s; s = s == a->file ? a->run : NULL) {
            if (model && strcmp(model, s->machine) != 0)
                settings_select_machine(s, model);
            s->ram_kb = ram ? (unsigned)atoi(ram) : 0;
            s->mono = mono;
            if (rom) {
                g_free(s->rom);
                s->rom = g_strdup(rom);
            }
        }
        app_save_settings(a);
        app_trace(a, "configured %s ram=%u mono=%d rom=%s", a->run->machine, a->run->ram_kb,
                  a->run->mono, a->run->rom ? a->run->rom : "(none)");
        gtk_widget_destroy(d);
        if (!app_start_machine(a))
            app_error(a, _("The machine could not start."), a->machine_error);
        return;
    }
    gtk_widget_destroy(d);
}

/* ---- help ------------------------------------------------------------------- */

static void add_shortcut(GtkWidget *group, const char *accel, const char *title)
{
    GtkWidget *s = g_object_new(GTK_TYPE_SHORTCUTS_SHORTCUT, "accelerator", accel, "title", title,
                                "visible", TRUE, NULL);
    gtk_container_add(GTK_CONTAINER(group), s);
}

void dialog_shortcuts(app *a)
{
    GtkWidget *w = g_object_new(GTK_TYPE_SHORTCUTS_WINDOW, "modal", TRUE, "transient-for",
                                a->window, "title", _("Keyboard Shortcuts"), NULL);
    GtkWidget *sec = g_object_new(GTK_TYPE_SHORTCUTS_SECTION, "section-name", "main",
                                  "visible", TRUE, NULL);
    gtk_container_add(GTK_CONTAINER(w), sec);
    GtkWidget *g = g_object_new(GTK_TYPE_SHORTCUTS_GROUP, "title", _("Disks"), "visible", TRUE, NULL);
    gtk_container_add(GTK_CONTAINER(sec), g);
    add_shortcut(g, "<Primary>o", _("Insert disk A"));
    add_shortcut(g, "<Primary><Shift>o", _("Insert disk B"));
    add_shortcut(g, "<Primary>e", _("Eject disk A"));
    add_shortcut(g, "<Primary><Shift>e", _("Eject disk B"));
    g = g_object_new(GTK_TYPE_SHORTCUTS_GROUP, "title", _("Machine"), "visible", TRUE, NULL);
    gtk_container_add(GTK_CONTAINER(sec), g);
    add_shortcut(g, "<Primary>r", _("Warm reset"));
    add_shortcut(g, "<Primary><Shift>r", _("Cold reset"));
    add_shortcut(g, "Pause <Primary>p", _("Pause or resume"));
    add_shortcut(g, "<Primary>comma", _("Configure the machine"));
    g = g_object_new(GTK_TYPE_SHORTCUTS_GROUP, "title", _("Window"), "visible", TRUE, NULL);
    gtk_container_add(GTK_CONTAINER(sec), g);
    add_shortcut(g, "F11", _("Full screen on or off"));
    add_shortcut(g, "F12", _("Release the captured mouse and keyboard"));
    add_shortcut(g, "<Primary>s Print", _("Save a screenshot"));
    add_shortcut(g, "<Primary>q", _("Quit"));
    g = g_object_new(GTK_TYPE_SHORTCUTS_GROUP, "title", _("Atari ST keys"), "visible", TRUE, NULL);
    gtk_container_add(GTK_CONTAINER(sec), g);
    add_shortcut(g, "Page_Up", _("Help"));
    add_shortcut(g, "Page_Down End", _("Undo"));
    add_shortcut(g, "Num_Lock Scroll_Lock", _("Keypad ( and )"));
    app_trace(a, "dialog open: %s", _("Keyboard Shortcuts"));
    gtk_widget_show(w);
}

void dialog_about(app *a)
{
    static const char *const authors[] = { "The Tandem developers", NULL };
    app_trace(a, "dialog open: %s", _("About Tandem"));
    gtk_show_about_dialog(GTK_WINDOW(a->window), "program-name", "Tandem", "version",
                          PACKAGE_VERSION, "logo-icon-name", TANDEM_APP_ID, "comments",
                          _("An emulator of the Atari ST and the 68040 Macintosh.\n"
                            "The operating system ROM is yours: EmuTOS is a free one for the ST."),
                          "authors", authors, NULL);
}
