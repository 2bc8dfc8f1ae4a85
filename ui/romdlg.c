/* The ROM manager: lists the ROM folder, says what each file is, copies new
 * ROMs in, removes them, and chooses the ROM of the current machine.  On the
 * first run (no ROM at all) it explains where the free EmuTOS comes from. */
#include "config.h"

#include <gtk/gtk.h>
#include <string.h>

#include "machines/i18n.h"
#include "ui/app.h"
#include "ui/romdir.h"

enum { COL_NAME, COL_FILE, COL_SIZE, COL_SUITS, COL_PATH, COL_USABLE, COL_INDIR, N_COLS };
enum { RESP_ADD = 1, RESP_REMOVE, RESP_USE };

typedef struct rom_dialog {
    app *a;
    GtkWidget *dialog, *view, *use_button, *remove_button;
    GtkListStore *store;
} rom_dialog;

/* select: a path to select afterwards (the ROM just added), or NULL. */
static void refill(rom_dialog *r, const char *select)
{
    gtk_list_store_clear(r->store);
    GPtrArray *l = romdir_list(r->a->run->rom);
    for (guint i = 0; i < l->len; i++) {
        romdir_entry *e = l->pdata[i];
        const char *name;
        char *suits;
        if (!e->readable) {
            name = _("unreadable");
            suits = g_strdup(e->note ? e->note : "");
        } else if (e->id.match == TOS_UNKNOWN) {
            name = _("unknown");
            suits = g_strdup(e->note ? e->note : "");
        } else {
            name = e->id.name;
            suits = g_strdup_printf("%s%s", strstr(e->id.machines, "st") ? _("Atari ST") : "",
                                    e->id.match == TOS_HEADER ? _(" (identified by its header)") : "");
        }
        char *base = g_path_get_basename(e->path);
        char *size = g_format_size(e->id.size);
        char *file = e->in_dir ? g_strdup(base) : g_strdup_printf(_("%s (elsewhere)"), e->path);
        GtkTreeIter it;
        gtk_list_store_insert_with_values(r->store, &it, -1, COL_NAME, name, COL_FILE, file,
                                          COL_SIZE, size, COL_SUITS, suits, COL_PATH, e->path,
                                          COL_USABLE, e->id.match != TOS_UNKNOWN, COL_INDIR,
                                          e->in_dir, -1);
        app_trace(r->a, "rom listed: %s = %s", base, name);
        if (select && strcmp(select, e->path) == 0)
            gtk_tree_selection_select_iter(gtk_tree_view_get_selection(GTK_TREE_VIEW(r->view)), &it);
        g_free(file);
        g_free(size);
        g_free(base);
        g_free(suits);
    }
    g_ptr_array_unref(l);
}

static char *selected(rom_dialog *r, bool *usable, bool *in_dir)
{
    GtkTreeModel *m;
    GtkTreeIter it;
    if (!gtk_tree_selection_get_selected(gtk_tree_view_get_selection(GTK_TREE_VIEW(r->view)), &m, &it))
        return NULL;
    char *path;
    gboolean u, d;
    gtk_tree_model_get(m, &it, COL_PATH, &path, COL_USABLE, &u, COL_INDIR, &d, -1);
    if (usable)
        *usable = u;
    if (in_dir)
        *in_dir = d;
    return path;
}

static void on_selection(GtkTreeSelection *sel, gpointer data)
{
    rom_dialog *r = data;
    bool usable = false;
    char *p = selected(r, &usable, NULL);
    gtk_widget_set_sensitive(r->use_button, p && usable);
    gtk_widget_set_sensitive(r->remove_button, p != NULL);
    g_free(p);
}

static void add_rom(rom_dialog *r)
{
    GtkWidget *d = gtk_file_chooser_dialog_new(_("Add a ROM"), GTK_WINDOW(r->dialog),
                                               GTK_FILE_CHOOSER_ACTION_OPEN, _("_Cancel"),
                                               GTK_RESPONSE_CANCEL, _("_Add"),
                                               GTK_RESPONSE_ACCEPT, NULL);
    GtkFileFilter *f = gtk_file_filter_new();
    gtk_file_filter_set_name(f, _("ROM images (*.img, *.rom, *.bin)"));
    gtk_file_filter_add_pattern(f, "*.img");
    gtk_file_filter_add_pattern(f, "*.rom");
    gtk_file_filter_add_pattern(f, "*.bin");
    gtk_file_filter_add_pattern(f, "*.IMG");
    gtk_file_filter_add_pattern(f, "*.ROM");
    gtk_file_chooser_add_filter(GTK_FILE_CHOOSER(d), f);
    f = gtk_file_filter_new();
    gtk_file_filter_set_name(f, _("All files"));
    gtk_file_filter_add_pattern(f, "*");
    gtk_file_chooser_add_filter(GTK_FILE_CHOOSER(d), f);
    const char *dl = g_get_user_special_dir(G_USER_DIRECTORY_DOWNLOAD);
    gtk_file_chooser_set_current_folder(GTK_FILE_CHOOSER(d), dl ? dl : g_get_home_dir());
    app_trace(r->a, "dialog open: %s", _("Add a ROM"));
    char *src = gtk_dialog_run(GTK_DIALOG(d)) == GTK_RESPONSE_ACCEPT
                    ? gtk_file_chooser_get_filename(GTK_FILE_CHOOSER(d)) : NULL;
    gtk_widget_destroy(d);
    if (!src)
        return;
    char *dest = NULL;
    GError *e = NULL;
    if (romdir_add(src, &dest, &e)) {
        app_trace(r->a, "rom added %s", dest);
        tos_ident id;
        char err[256];
        if (tos_identify_file(dest, &id, err, sizeof err) && id.match == TOS_UNKNOWN)
            app_error(r->a, _("The file was copied, but it is not a known TOS or EmuTOS image."),
                      err[0] ? err : NULL);
    } else {
        app_error(r->a, _("The ROM could not be added."), e->message);
        g_error_free(e);
    }
    refill(r, dest);
    g_free(dest);
    g_free(src);
}

static void remove_rom(rom_dialog *r)
{
    bool in_dir = false;
    char *p = selected(r, NULL, &in_dir);
    if (!p)
        return;
    GError *e = NULL;
    if (in_dir && !romdir_remove(p, &e)) {
        app_error(r->a, _("The ROM could not be removed."), e->message);
        g_error_free(e);
    } else {
        app_trace(r->a, "rom removed %s", p);
        if (r->a->run->rom && strcmp(r->a->run->rom, p) == 0)
            for (settings *s = r->a->file; s; s = s == r->a->file ? r->a->run : NULL) {
                g_free(s->rom);
                s->rom = NULL;
            }
        app_save_settings(r->a);
    }
    g_free(p);
    refill(r, NULL);
}

static void use_rom(rom_dialog *r)
{
    char *p = selected(r, NULL, NULL);
    if (!p)
        return;
    for (settings *s = r->a->file; s; s = s == r->a->file ? r->a->run : NULL) {
        g_free(s->rom);
        s->rom = g_strdup(p);
    }
    app_save_settings(r->a);
    app_trace(r->a, "rom chosen for %s: %s", r->a->run->machine, p);
    g_free(p);
}

static GtkWidget *column(GtkWidget *view, const char *title, int col)
{
    GtkCellRenderer *cell = gtk_cell_renderer_text_new();
    GtkTreeViewColumn *c = gtk_tree_view_column_new_with_attributes(title, cell, "text", col, NULL);
    gtk_tree_view_column_set_resizable(c, TRUE);
    gtk_tree_view_append_column(GTK_TREE_VIEW(view), c);
    return view;
}

void dialog_roms(app *a, bool first_run)
{
    rom_dialog r = { .a = a };
    const machine_ops *ops = app_model(a, a->run->machine);
    char use_label[128];
    g_snprintf(use_label, sizeof use_label, _("_Use for %s"), ops ? _(ops->name) : a->run->machine);
    r.dialog = gtk_dialog_new_with_buttons(_("ROMs"), GTK_WINDOW(a->window),
                                           GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                           _("_Add…"), RESP_ADD, _("_Remove"), RESP_REMOVE,
                                           use_label, RESP_USE, _("_Close"), GTK_RESPONSE_CLOSE,
                                           NULL);
    gtk_window_set_default_size(GTK_WINDOW(r.dialog), 720, 360);
    GtkWidget *box = gtk_dialog_get_content_area(GTK_DIALOG(r.dialog));
    gtk_box_set_spacing(GTK_BOX(box), 8);
    g_object_set(box, "margin", 8, NULL);

    char *dir = romdir_path();
    char *intro;
    if (first_run)
        intro = g_markup_printf_escaped(
            _("<b>Tandem needs an operating system ROM to start the machine.</b>\n"
              "For the Atari ST use EmuTOS, a free replacement for TOS: download a release from "
              "<a href=\"https://emutos.sourceforge.io/\">emutos.sourceforge.io</a> "
              "(the 192k image, e.g. etos192us.img, suits a plain ST), then press Add… "
              "to copy it into %s and Use to start with it."), dir);
    else
        intro = g_markup_printf_escaped(_("ROM files in %s and ROMs chosen elsewhere:"), dir);
    GtkWidget *label = gtk_label_new(NULL);
    gtk_label_set_markup(GTK_LABEL(label), intro);
    gtk_label_set_line_wrap(GTK_LABEL(label), TRUE);
    gtk_label_set_xalign(GTK_LABEL(label), 0);
    gtk_box_pack_start(GTK_BOX(box), label, FALSE, FALSE, 0);
    g_free(intro);
    g_free(dir);

    r.store = gtk_list_store_new(N_COLS, G_TYPE_STRING, G_TYPE_STRING, G_TYPE_STRING,
                                 G_TYPE_STRING, G_TYPE_STRING, G_TYPE_BOOLEAN, G_TYPE_BOOLEAN);
    r.view = gtk_tree_view_new_with_model(GTK_TREE_MODEL(r.store));
    column(r.view, _("ROM"), COL_NAME);
    column(r.view, _("File"), COL_FILE);
    column(r.view, _("Size"), COL_SIZE);
    column(r.view, _("Suits"), COL_SUITS);
    GtkWidget *scroll = gtk_scrolled_window_new(NULL, NULL);
    gtk_container_add(GTK_CONTAINER(scroll), r.view);
    gtk_box_pack_start(GTK_BOX(box), scroll, TRUE, TRUE, 0);
    r.use_button = gtk_dialog_get_widget_for_response(GTK_DIALOG(r.dialog), RESP_USE);
    r.remove_button = gtk_dialog_get_widget_for_response(GTK_DIALOG(r.dialog), RESP_REMOVE);
    GtkTreeSelection *sel = gtk_tree_view_get_selection(GTK_TREE_VIEW(r.view));
    g_signal_connect(sel, "changed", G_CALLBACK(on_selection), &r);
    refill(&r, a->run->rom);
    on_selection(sel, &r);

    gtk_widget_show_all(r.dialog);
    app_trace(a, "dialog open: %s%s", _("ROMs"), first_run ? " (first run)" : "");
    char *before = g_strdup(a->run->rom);
    for (;;) {
        int resp = gtk_dialog_run(GTK_DIALOG(r.dialog));
        /* Let the key or click that chose the button finish here, before a
         * file chooser takes the grab. */
        while (gtk_events_pending())
            gtk_main_iteration();
        if (resp == RESP_ADD)
            add_rom(&r);
        else if (resp == RESP_REMOVE)
            remove_rom(&r);
        else if (resp == RESP_USE)
            use_rom(&r);
        else
            break;
    }
    gtk_widget_destroy(r.dialog);
    g_object_unref(r.store);
    app_trace(a, "dialog closed: %s", _("ROMs"));
    /* A new ROM for the running model takes effect now (a cold start). */
    if (a->run->rom && g_strcmp0(before, a->run->rom) != 0 && !app_start_machine(a))
        app_error(a, _("The machine could not start."), a->machine_error);
    g_free(before);
}
