/* The main window: the emulated screen in a GtkDrawingArea drawn with cairo,
 * the menus (GtkApplication actions with accelerators), the status bar, and
 * keyboard/mouse input with pointer capture. */
#include "config.h"

#include <gtk/gtk.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "machines/i18n.h"
#include "ui/app.h"
#include "ui/romdir.h"

#define RELEASE_HINT_KEY "F12"

void app_trace(app *a, const char *fmt, ...)
{
    if (!a->trace)
        return;
    va_list ap;
    va_start(ap, fmt);
    fputs("tandem-ui: ", stdout);
    vprintf(fmt, ap);
    fputc('\n', stdout);
    fflush(stdout);
    va_end(ap);
}

static void error_response(GtkDialog *d, int response, gpointer data)
{
    app_trace(data, "error dismissed");
    gtk_widget_destroy(GTK_WIDGET(d));
}

void app_error(app *a, const char *primary, const char *secondary)
{
    app_trace(a, "error: %s%s%s", primary, secondary ? " / " : "", secondary ? secondary : "");
    GtkWidget *d = gtk_message_dialog_new(GTK_WINDOW(a->window), GTK_DIALOG_MODAL |
                                          GTK_DIALOG_DESTROY_WITH_PARENT, GTK_MESSAGE_ERROR,
                                          GTK_BUTTONS_CLOSE, "%s", primary);
    if (secondary)
        gtk_message_dialog_format_secondary_text(GTK_MESSAGE_DIALOG(d), "%s", secondary);
    gtk_window_set_title(GTK_WINDOW(d), _("Tandem error"));
    g_signal_connect(d, "response", G_CALLBACK(error_response), a);
    gtk_widget_show(d);
}

void app_message(app *a, const char *text)
{
    if (a->msg_label)
        gtk_label_set_text(GTK_LABEL(a->msg_label), text ? text : "");
    if (text)
        app_trace(a, "message: %s", text);
}

void app_save_settings(app *a)
{
    GError *e = NULL;
    if (!settings_save(a->file, a->config_path, &e)) {
        char *m = g_strdup_printf(_("Cannot save settings: %s"), e->message);
        app_message(a, m);
        g_free(m);
        g_error_free(e);
    }
}

const machine_ops *app_model(app *a, const char *id)
{
    return id ? a->find(id) : NULL;
}

/* ---- screen ---------------------------------------------------------------- */

static int scale_setting(app *a)
{
    return strcmp(a->run->scale, "fit") == 0 ? 0 : atoi(a->run->scale);
}

/* The frame's size on screen at scale 1, with non-square pixels stretched
 * (ST medium resolution: 640x200 pixels of aspect 0.5 show as 640x400). */
static void natural_size(int w, int h, double aspect, double *dw, double *dh)
{
    *dw = w;
    *dh = h;
    if (aspect > 0 && aspect < 1)
        *dh = h / aspect;
    else if (aspect > 1)
        *dw = w * aspect;
}

typedef struct draw_ctx {
    app *a;
    cairo_t *cr;
    int width, height, scale_factor;
} draw_ctx;

static void draw_frame(const machine_frame *f, void *user)
{
    draw_ctx *c = user;
    double dw, dh;
    natural_size(f->width, f->height, f->pixel_aspect, &dw, &dh);
    int s = scale_setting(c->a);
    double k = s ? s : MIN(c->width / dw, c->height / dh);
    if (k <= 0)
        return;
    /* Fit: a whole number of device pixels per emulated pixel when that costs
     * under 10% of the size, so dither patterns stay free of moire. */
    double whole = floor(k * c->scale_factor) / c->scale_factor;
    if (!s && !c->a->run->smooth && whole >= 1 && whole > k * 0.9)
        k = whole;
    double w = dw * k, h = dh * k;
    /* Place on whole device pixels so nearest-neighbour stays crisp on HiDPI. */
    double x = floor((c->width - w) / 2 * c->scale_factor) / c->scale_factor;
    double y = floor((c->height - h) / 2 * c->scale_factor) / c->scale_factor;
    cairo_surface_t *surf = cairo_image_surface_create_for_data(
        (unsigned char *)f->pixels, CAIRO_FORMAT_RGB24, f->width, f->height, f->stride * 4);
    cairo_t *cr = c->cr;
    cairo_save(cr);
    cairo_translate(cr, x, y);
    cairo_scale(cr, w / f->width, h / f->height);
    cairo_set_source_surface(cr, surf, 0, 0);
    cairo_pattern_set_filter(cairo_get_source(cr),
                             c->a->run->smooth ? CAIRO_FILTER_GOOD : CAIRO_FILTER_NEAREST);
    cairo_pattern_set_extend(cairo_get_source(cr), CAIRO_EXTEND_PAD);
    cairo_rectangle(cr, 0, 0, f->width, f->height);
    cairo_fill(cr);
    cairo_restore(cr);
    cairo_surface_destroy(surf);
}

static gboolean on_draw(GtkWidget *w, cairo_t *cr, gpointer data)
{
    app *a = data;
    draw_ctx c = { a, cr, gtk_widget_get_allocated_width(w), gtk_widget_get_allocated_height(w),
                   gtk_widget_get_scale_factor(w) };
    cairo_set_source_rgb(cr, 0, 0, 0);
    cairo_paint(cr);
    if (a->emu && emu_with_frame(a->emu, draw_frame, &c))
        return TRUE;
    /* No picture: say why, in the window itself. */
    const char *text = a->machine_error ? a->machine_error : (a->emu ? "" : _("No machine is running."));
    PangoLayout *pl = gtk_widget_create_pango_layout(w, text);
    pango_layout_set_width(pl, (c.width - 40) * PANGO_SCALE);
    pango_layout_set_wrap(pl, PANGO_WRAP_WORD);
    pango_layout_set_alignment(pl, PANGO_ALIGN_CENTER);
    int tw, th;
    pango_layout_get_pixel_size(pl, &tw, &th);
    cairo_set_source_rgb(cr, 0.85, 0.85, 0.85);
    cairo_move_to(cr, 20, (c.height - th) / 2.0);
    pango_cairo_show_layout(cr, pl);
    g_object_unref(pl);
    return TRUE;
}

/* In an integer scale the drawing area asks for exactly the scaled frame. */
void app_apply_scale(app *a)
{
    int s = scale_setting(a);
    int w = a->last_w ? a->last_w : 320, h = a->last_h ? a->last_h : 200;
    double dw, dh;
    natural_size(w, h, a->last_w ? a->last_aspect : 1.0, &dw, &dh);
    if (s && !a->fullscreen) {
        gtk_widget_set_size_request(a->area, (int)(dw * s), (int)(dh * s));
        gtk_window_resize(GTK_WINDOW(a->window), 1, 1);
    } else {
        gtk_widget_set_size_request(a->area, 160, 100);
    }
}

typedef struct geom { int w, h; double aspect; } geom;

static void read_geom(const machine_frame *f, void *user)
{
    geom *g = user;
    g->w = f->width;
    g->h = f->height;
    g->aspect = f->pixel_aspect;
}

static gboolean redraw_idle(gpointer data)
{
    app *a = data;
    g_atomic_int_set(&a->redraw_pending, 0);
    if (!a->emu || !a->window)
        return G_SOURCE_REMOVE;
    geom g = { 0, 0, 0 };
    emu_with_frame(a->emu, read_geom, &g);
    if (g.w && (g.w != a->last_w || g.h != a->last_h || g.aspect != a->last_aspect)) {
        bool first = a->last_w == 0;
        a->last_w = g.w;
        a->last_h = g.h;
        a->last_aspect = g.aspect;
        app_apply_scale(a);
        app_trace(a, "%s %dx%d aspect %.2f", first ? "first frame" : "resolution", g.w, g.h,
                  g.aspect);
    }
    gtk_widget_queue_draw(a->area);
    return G_SOURCE_REMOVE;
}

/* Emulation thread: a frame is ready. */
static void on_frame(void *data)
{
    app *a = data;
    if (g_atomic_int_compare_and_exchange(&a->redraw_pending, 0, 1))
        g_idle_add(redraw_idle, a);
}

/* ---- status bar ------------------------------------------------------------ */

static void update_status(app *a)
{
    if (!a->window)
        return;
    emu_status st = { 0 };
    if (a->emu)
        emu_status_get(a->emu, &st);
    for (int d = 0; d < 2; d++) {
        char *base = a->drive_name[d] ? g_path_get_basename(a->drive_name[d]) : NULL;
        const char *wp = a->drive_name[d] && !a->run->disk_writable[d] ? _(" (protected)") : "";
        char *esc = g_markup_printf_escaped(
            "<span foreground=\"%s\">●</span> %c: %s%s", st.drive_active[d] ? "#30d030" : "#505050",
            'A' + d, base ? base : _("empty"), wp);
        gtk_label_set_markup(GTK_LABEL(a->drive_label[d]), esc);
        g_free(esc);
        g_free(base);
    }
    char buf[128];
    if (!a->emu)
        buf[0] = 0;
    else if (a->paused)
        g_snprintf(buf, sizeof buf, "%s", _("Paused"));
    else
        g_snprintf(buf, sizeof buf, _("%.1f MIPS  %.0f%%"), st.mips, st.speed);
    gtk_label_set_text(GTK_LABEL(a->perf_label), buf);
    if (a->captured)
        g_snprintf(buf, sizeof buf, _("Mouse captured: %s releases"), RELEASE_HINT_KEY);
    else
        g_snprintf(buf, sizeof buf, "%s", _("Click the screen to capture the mouse"));
    gtk_label_set_text(GTK_LABEL(a->capture_label), buf);
}

static gboolean status_tick(gpointer data)
{
    app *a = data;
    update_status(a);
    /* For tests: the measured speed every 2 s. */
    if (a->trace && a->emu && !a->paused && ++a->ticks % 8 == 0) {
        emu_status st;
        emu_status_get(a->emu, &st);
        app_trace(a, "status mips=%.2f speed=%.0f%% frames=%llu", st.mips, st.speed,
                  (unsigned long long)st.frames);
    }
    return G_SOURCE_CONTINUE;
}

/* ---- machine lifecycle ----------------------------------------------------- */

void app_stop_machine(app *a)
{
    if (!a->emu)
        return;
    emu_stop(a->emu);
    a->emu = NULL;
    for (int d = 0; d < 2; d++) {
        g_free(a->drive_name[d]);
        a->drive_name[d] = NULL;
    }
    app_trace(a, "machine stopped");
}

bool app_start_machine(app *a)
{
    app_stop_machine(a);
    g_free(a->machine_error);
    a->machine_error = NULL;
    settings *s = a->run;
    const machine_ops *ops = app_model(a, s->machine);
    if (!ops) {
        a->machine_error = g_strdup_printf(_("There is no machine model called '%s'."), s->machine);
    } else if (!s->rom) {
        a->machine_error = g_strdup(_("No ROM is chosen for this machine. Choose one in Machine ▸ ROMs…"));
    }
    if (ops && !s->rom) { /* first choice: an identified ROM in the ROM folder */
        char *pick = romdir_pick(s->machine);
        if (pick) {
            g_free(a->machine_error);
            a->machine_error = NULL;
            for (settings *x = a->file; x; x = x == a->file ? a->run : NULL) {
                g_free(x->rom);
                x->rom = g_strdup(pick);
            }
            app_save_settings(a);
            app_trace(a, "rom picked from the ROM folder: %s", pick);
            g_free(pick);
        }
    }
    machine *m = NULL;
    char err[512] = "";
    if (!a->machine_error) {
        machine_config cfg = { .model = s->machine, .rom_path = s->rom, .ram_kb = s->ram_kb,
                               .mono = s->mono };
        /* Disks go in after creation so a bad image does not stop the machine. */
        m = ops->create(&cfg, err, sizeof err);
        if (!m)
            a->machine_error = g_strdup_printf(_("Cannot start the %s: %s"), _(ops->name), err);
    }
    if (!m) {
        app_trace(a, "machine not started: %s", a->machine_error);
        app_message(a, a->machine_error);
        gtk_widget_queue_draw(a->area);
        return false;
    }
    a->last_w = 0;
    a->emu = emu_start(m, on_frame, a);
    emu_set_throttle(a->emu, !s->unthrottled);
    a->paused = false;
    app_trace(a, "machine started %s rom=%s", s->machine, s->rom);
    for (int d = 0; d < 2; d++)
        if (s->disk[d]) {
            char *p = g_strdup(s->disk[d]);
            app_insert_disk(a, d, p);
            g_free(p);
        }
    GAction *pause = g_action_map_lookup_action(G_ACTION_MAP(a->gapp), "pause");
    if (pause)
        g_simple_action_set_state(G_SIMPLE_ACTION(pause), g_variant_new_boolean(FALSE));
    update_status(a);
    return true;
}

/* A quick look before handing a file to the machine: something that cannot
 * be a floppy image is refused here with a clear reason. */
static bool plausible_disk(const char *path, char **why)
{
    struct stat st;
    if (stat(path, &st) != 0) {
        *why = g_strdup_printf(_("Cannot open it: %s"), g_strerror(errno));
        return false;
    }
    if (!S_ISREG(st.st_mode)) {
        *why = g_strdup(_("It is not a regular file."));
        return false;
    }
    if (st.st_size < 9 * 512 * 40 || st.st_size > 2 * 86 * 22 * 512 || st.st_size % 512) {
        *why = g_strdup_printf(_("Its size (%lld bytes) is not that of a raw .ST floppy image."),
                               (long long)st.st_size);
        return false;
    }
    return true;
}

bool app_insert_disk(app *a, int drive, const char *path)
{
    char *why = NULL;
    char title[128];
    g_snprintf(title, sizeof title, _("Cannot insert the disk into drive %c"), 'A' + drive);
    if (!a->emu) {
        app_error(a, title, a->machine_error ? a->machine_error : _("No machine is running."));
        return false;
    }
    if (!plausible_disk(path, &why)) {
        char *m = g_strdup_printf(_("%s is not a disk image. %s"), path, why);
        app_error(a, title, m);
        g_free(m);
        g_free(why);
        return false;
    }
    char err[512] = "";
    if (!emu_insert_disk(a->emu, drive, path, a->run->disk_writable[drive], err, sizeof err)) {
        app_error(a, title, err[0] ? err : _("The machine refused the image."));
        return false;
    }
    g_free(a->drive_name[drive]);
    a->drive_name[drive] = g_strdup(path);
    for (settings *s = a->file; s; s = s == a->file ? a->run : NULL) {
        g_free(s->disk[drive]);
        s->disk[drive] = g_strdup(path);
        settings_add_recent(s, path);
    }
    app_save_settings(a);
    app_update_recent(a);
    app_trace(a, "disk %c inserted %s%s", 'A' + drive, path,
              a->run->disk_writable[drive] ? "" : " (write-protected)");
    update_status(a);
    return true;
}

void app_eject_disk(app *a, int drive)
{
    if (a->emu)
        emu_eject_disk(a->emu, drive);
    g_free(a->drive_name[drive]);
    a->drive_name[drive] = NULL;
    for (settings *s = a->file; s; s = s == a->file ? a->run : NULL) {
        g_free(s->disk[drive]);
        s->disk[drive] = NULL;
    }
    app_save_settings(a);
    app_trace(a, "disk %c ejected", 'A' + drive);
    update_status(a);
}

/* ---- mouse capture --------------------------------------------------------- */

static void release_keys(app *a)
{
    for (int k = 0; k < 256; k++)
        if (a->key_down[k]) {
            a->key_down[k] = false;
            if (a->emu)
                emu_key(a->emu, k, false);
        }
}

static void warp_to_centre(app *a)
{
    GdkWindow *win = gtk_widget_get_window(a->area);
    GdkDevice *ptr = gdk_seat_get_pointer(gdk_display_get_default_seat(gdk_window_get_display(win)));
    int ox, oy;
    gdk_window_get_origin(win, &ox, &oy);
    gdk_device_warp(ptr, gdk_window_get_screen(win), ox + gtk_widget_get_allocated_width(a->area) / 2,
                    oy + gtk_widget_get_allocated_height(a->area) / 2);
}

static void capture(app *a, const GdkEvent *ev)
{
    if (a->captured || !a->emu)
        return;
    GdkWindow *win = gtk_widget_get_window(a->area);
    GdkDisplay *dpy = gdk_window_get_display(win);
    GdkCursor *blank = gdk_cursor_new_for_display(dpy, GDK_BLANK_CURSOR);
    GdkGrabStatus st = gdk_seat_grab(gdk_display_get_default_seat(dpy), win, GDK_SEAT_CAPABILITY_ALL,
                                     TRUE, blank, ev, NULL, NULL);
    g_object_unref(blank);
    if (st != GDK_GRAB_SUCCESS) {
        app_message(a, _("Could not capture the mouse."));
        return;
    }
    a->captured = true;
    warp_to_centre(a);
    app_trace(a, "mouse captured");
    update_status(a);
}

static void uncapture(app *a)
{
    if (!a->captured)
        return;
    GdkWindow *win = gtk_widget_get_window(a->area);
    gdk_seat_ungrab(gdk_display_get_default_seat(gdk_window_get_display(win)));
    a->captured = false;
    if (a->buttons && a->emu)
        emu_mouse(a->emu, 0, 0, 0);
    a->buttons = 0;
    release_keys(a);
    app_trace(a, "mouse released");
    update_status(a);
}

static unsigned button_bit(unsigned button)
{
    return button == 1 ? MACHINE_MOUSE_LEFT : button == 3 ? MACHINE_MOUSE_RIGHT : 0;
}

static gboolean on_button(GtkWidget *w, GdkEventButton *ev, gpointer data)
{
    app *a = data;
    gtk_widget_grab_focus(w);
    if (ev->type != GDK_BUTTON_PRESS && ev->type != GDK_BUTTON_RELEASE)
        return TRUE; /* double clicks arrive as two presses anyway */
    if (!a->captured) {
        if (ev->type == GDK_BUTTON_PRESS && ev->button == 1)
            capture(a, (GdkEvent *)ev);
        return TRUE;
    }
    unsigned bit = button_bit(ev->button);
    if (!bit)
        return TRUE;
    if (ev->type == GDK_BUTTON_PRESS)
        a->buttons |= bit;
    else
        a->buttons &= ~bit;
    emu_mouse(a->emu, 0, 0, a->buttons);
    return TRUE;
}

static gboolean on_motion(GtkWidget *w, GdkEventMotion *ev, gpointer data)
{
    app *a = data;
    if (!a->captured || !a->emu)
        return FALSE;
    int cx = gtk_widget_get_allocated_width(w) / 2, cy = gtk_widget_get_allocated_height(w) / 2;
    int dx = (int)ev->x - cx, dy = (int)ev->y - cy;
    if (dx || dy) {
        emu_mouse(a->emu, dx, dy, a->buttons);
        warp_to_centre(a);
    }
    return TRUE;
}

static gboolean on_focus_out(GtkWidget *w, GdkEvent *ev, gpointer data)
{
    app *a = data;
    release_keys(a);
    return FALSE;
}

/* ---- keyboard -------------------------------------------------------------- */

static gboolean on_key(GtkWidget *w, GdkEventKey *ev, gpointer data)
{
    app *a = data;
    bool down = ev->type == GDK_KEY_PRESS;
    if (down && ev->keyval == GDK_KEY_F12) {
        uncapture(a);
        return TRUE;
    }
    if (down && ev->keyval == GDK_KEY_F11) {
        g_action_group_activate_action(G_ACTION_GROUP(a->gapp), "fullscreen", NULL);
        return TRUE;
    }
    if (down && ev->keyval == GDK_KEY_Escape && a->fullscreen && !a->captured) {
        g_action_group_activate_action(G_ACTION_GROUP(a->gapp), "fullscreen", NULL);
        return TRUE;
    }
    /* Uncaptured, the menus' accelerators and mnemonics come first. */
    if (!a->captured && down && gtk_window_activate_key(GTK_WINDOW(a->window), ev)) {
        release_keys(a);
        return TRUE;
    }
    int k = keymap_from_gdk(ev->hardware_keycode);
    if (k < 0 || k > 255 || !a->emu)
        return a->captured;
    if (down == a->key_down[k] && !down)
        return TRUE; /* release of a key the machine never saw pressed */
    a->key_down[k] = down;
    emu_key(a->emu, k, down);
    return TRUE;
}

/* ---- drag and drop --------------------------------------------------------- */

/* A dropped URI goes to drive A; anything but a local file is refused. */
static bool drop_uri(app *a, const char *uri)
{
    GError *e = NULL;
    app_trace(a, "drop %s", uri);
    char *path = g_filename_from_uri(uri, NULL, &e);
    if (!path) {
        app_error(a, _("Cannot insert the disk into drive A"), _("Only local files can be dropped here."));
        g_error_free(e);
        return false;
    }
    bool ok = app_insert_disk(a, 0, path);
    g_free(path);
    return ok;
}

static void on_drop(GtkWidget *w, GdkDragContext *ctx, int x, int y, GtkSelectionData *sel,
                    guint info, guint time, gpointer data)
{
    app *a = data;
    char **uris = gtk_selection_data_get_uris(sel);
    bool ok = false;
    if (uris && uris[0])
        ok = drop_uri(a, uris[0]);
    else
        app_error(a, _("Cannot insert the disk into drive A"), _("Only files can be dropped here."));
    g_strfreev(uris);
    gtk_drag_finish(ctx, ok, FALSE, time);
}

/* Test hook: TANDEM_UI_TEST_DROP="URI ..." drops each URI after start-up, the
 * way a drag and drop would, since X test tools cannot drive XDND. */
static gboolean test_drop_idle(gpointer data)
{
    app *a = data;
    char **uris = g_strsplit(g_getenv("TANDEM_UI_TEST_DROP"), " ", -1);
    for (int i = 0; uris[i]; i++)
        if (*uris[i])
            drop_uri(a, uris[i]);
    g_strfreev(uris);
    return G_SOURCE_REMOVE;
}

/* ---- actions --------------------------------------------------------------- */

#define ACTION(name) static void act_##name(GSimpleAction *act, GVariant *param, gpointer data)

/* Dialogs run their own main loop: start them from an idle callback, once the
 * menu or key event that asked for them has been handled completely. */
typedef struct deferred {
    void (*fn)(app *a, int arg);
    app *a;
    int arg;
} deferred;

static gboolean deferred_run(gpointer data)
{
    deferred *d = data;
    if (d->a->window)
        d->fn(d->a, d->arg);
    g_free(d);
    return G_SOURCE_REMOVE;
}

static void defer(app *a, void (*fn)(app *, int), int arg)
{
    deferred *d = g_new(deferred, 1);
    *d = (deferred){ fn, a, arg };
    g_idle_add(deferred_run, d);
}

static void run_screenshot(app *a, int unused) { dialog_screenshot(a); }
static void run_configure(app *a, int unused) { dialog_configure(a); }
static void run_roms(app *a, int unused) { dialog_roms(a, false); }

ACTION(insert_a) { defer(data, dialog_insert_disk, 0); }
ACTION(insert_b) { defer(data, dialog_insert_disk, 1); }
ACTION(eject_a) { app_eject_disk(data, 0); }
ACTION(eject_b) { app_eject_disk(data, 1); }
ACTION(screenshot) { defer(data, run_screenshot, 0); }
ACTION(configure) { defer(data, run_configure, 0); }
ACTION(roms) { defer(data, run_roms, 0); }
ACTION(shortcuts) { dialog_shortcuts(data); }
ACTION(about) { dialog_about(data); }

ACTION(open_recent) { app_insert_disk(data, 0, g_variant_get_string(param, NULL)); }

/* Quitting tears the window down from an idle callback, not from inside the
 * menu or key handler that asked for it (they still hold the widgets). */
static gboolean quit_idle(gpointer data)
{
    app *a = data;
    if (!a->window)
        return G_SOURCE_REMOVE;
    uncapture(a);
    app_trace(a, "quit");
    app_stop_machine(a);
    if (a->status_timer)
        g_source_remove(a->status_timer);
    a->status_timer = 0;
    GtkWidget *w = a->window;
    a->window = NULL;
    a->msg_label = NULL;
    gtk_widget_destroy(w);
    return G_SOURCE_REMOVE;
}

ACTION(quit) { g_idle_add(quit_idle, data); }

ACTION(reset)
{
    app *a = data;
    bool cold = strcmp(g_action_get_name(G_ACTION(act)), "cold-reset") == 0;
    if (!a->emu) {
        app_start_machine(a);
        return;
    }
    emu_reset(a->emu, cold);
    app_trace(a, "%s reset", cold ? "cold" : "warm");
}

static void set_write_protect(app *a, int d, bool protect)
{
    a->run->disk_writable[d] = a->file->disk_writable[d] = !protect;
    app_save_settings(a);
    app_trace(a, "drive %c %s", 'A' + d, protect ? "write-protected" : "writable");
    if (a->drive_name[d]) { /* the machine learns the new tab position on re-insertion */
        char *p = g_strdup(a->drive_name[d]);
        app_insert_disk(a, d, p);
        g_free(p);
    }
    update_status(a);
}

static void act_wp(GSimpleAction *act, GVariant *state, gpointer data)
{
    g_simple_action_set_state(act, state);
    int d = strcmp(g_action_get_name(G_ACTION(act)), "wp-b") == 0;
    set_write_protect(data, d, g_variant_get_boolean(state));
}

static void act_pause(GSimpleAction *act, GVariant *state, gpointer data)
{
    app *a = data;
    if (!a->emu)
        return;
    g_simple_action_set_state(act, state);
    a->paused = g_variant_get_boolean(state);
    emu_set_paused(a->emu, a->paused);
    app_trace(a, a->paused ? "paused" : "resumed");
    update_status(a);
}

static void act_speed(GSimpleAction *act, GVariant *state, gpointer data)
{
    app *a = data;
    g_simple_action_set_state(act, state);
    bool max = strcmp(g_variant_get_string(state, NULL), "max") == 0;
    a->run->unthrottled = a->file->unthrottled = max;
    app_save_settings(a);
    if (a->emu)
        emu_set_throttle(a->emu, !max);
    app_trace(a, "speed %s", max ? "unthrottled" : "100%");
}

static void act_scale(GSimpleAction *act, GVariant *state, gpointer data)
{
    app *a = data;
    g_simple_action_set_state(act, state);
    const char *v = g_variant_get_string(state, NULL);
    for (settings *s = a->file; s; s = s == a->file ? a->run : NULL) {
        g_free(s->scale);
        s->scale = g_strdup(v);
    }
    app_save_settings(a);
    app_apply_scale(a);
    gtk_widget_queue_draw(a->area);
    app_trace(a, "scale %s", v);
}

static void act_smooth(GSimpleAction *act, GVariant *state, gpointer data)
{
    app *a = data;
    g_simple_action_set_state(act, state);
    a->run->smooth = a->file->smooth = g_variant_get_boolean(state);
    app_save_settings(a);
    gtk_widget_queue_draw(a->area);
}

static void act_fullscreen(GSimpleAction *act, GVariant *param, gpointer data)
{
    app *a = data;
    app_trace(a, "fullscreen %s requested", a->fullscreen ? "off" : "on");
    if (a->fullscreen)
        gtk_window_unfullscreen(GTK_WINDOW(a->window));
    else
        gtk_window_fullscreen(GTK_WINDOW(a->window));
}

static gboolean on_window_state(GtkWidget *w, GdkEventWindowState *ev, gpointer data)
{
    app *a = data;
    bool fs = ev->new_window_state & GDK_WINDOW_STATE_FULLSCREEN;
    if (fs != a->fullscreen) {
        a->fullscreen = fs;
        gtk_widget_set_visible(a->statusbar, !fs);
        app_apply_scale(a);
        app_trace(a, fs ? "fullscreen on" : "fullscreen off");
        if (fs)
            app_message(a, _("Full screen: F11 or Escape returns to the window."));
    }
    return FALSE;
}

static const GActionEntry actions[] = {
    { "insert-a", act_insert_a, NULL, NULL, NULL, { 0 } },
    { "insert-b", act_insert_b, NULL, NULL, NULL, { 0 } },
    { "eject-a", act_eject_a, NULL, NULL, NULL, { 0 } },
    { "eject-b", act_eject_b, NULL, NULL, NULL, { 0 } },
    { "wp-a", NULL, NULL, "true", act_wp, { 0 } },
    { "wp-b", NULL, NULL, "true", act_wp, { 0 } },
    { "open-recent", act_open_recent, "s", NULL, NULL, { 0 } },
    { "screenshot", act_screenshot, NULL, NULL, NULL, { 0 } },
    { "quit", act_quit, NULL, NULL, NULL, { 0 } },
    { "cold-reset", act_reset, NULL, NULL, NULL, { 0 } },
    { "warm-reset", act_reset, NULL, NULL, NULL, { 0 } },
    { "pause", NULL, NULL, "false", act_pause, { 0 } },
    { "speed", NULL, "s", "'100'", act_speed, { 0 } },
    { "configure", act_configure, NULL, NULL, NULL, { 0 } },
    { "roms", act_roms, NULL, NULL, NULL, { 0 } },
    { "scale", NULL, "s", "'fit'", act_scale, { 0 } },
    { "smooth", NULL, NULL, "false", act_smooth, { 0 } },
    { "fullscreen", act_fullscreen, NULL, NULL, NULL, { 0 } },
    { "shortcuts", act_shortcuts, NULL, NULL, NULL, { 0 } },
    { "about", act_about, NULL, NULL, NULL, { 0 } },
};

static const struct { const char *action; const char *accels[3]; } accels[] = {
    { "app.insert-a", { "<Primary>o", NULL } },
    { "app.insert-b", { "<Primary><Shift>o", NULL } },
    { "app.eject-a", { "<Primary>e", NULL } },
    { "app.eject-b", { "<Primary><Shift>e", NULL } },
    { "app.screenshot", { "<Primary>s", "Print", NULL } },
    { "app.quit", { "<Primary>q", NULL } },
    { "app.warm-reset", { "<Primary>r", NULL } },
    { "app.cold-reset", { "<Primary><Shift>r", NULL } },
    { "app.pause", { "Pause", "<Primary>p", NULL } },
    { "app.configure", { "<Primary>comma", NULL } },
    { "app.shortcuts", { "<Primary>question", "<Primary>F1", NULL } },
};

void app_update_recent(app *a)
{
    g_menu_remove_all(a->recent_menu);
    for (int i = 0; a->run->recent && a->run->recent[i]; i++) {
        char *base = g_path_get_basename(a->run->recent[i]);
        GMenuItem *it = g_menu_item_new(base, NULL);
        g_menu_item_set_action_and_target_value(it, "app.open-recent",
                                                g_variant_new_string(a->run->recent[i]));
        g_menu_append_item(a->recent_menu, it);
        g_object_unref(it);
        g_free(base);
    }
    if (!a->run->recent || !a->run->recent[0]) {
        GMenuItem *it = g_menu_item_new(_("No recent disk images"), "app.none");
        g_menu_append_item(a->recent_menu, it);
        g_object_unref(it);
    }
}

static GMenuModel *build_menus(app *a)
{
    GMenu *bar = g_menu_new();
    GMenu *file = g_menu_new(), *sec;
    sec = g_menu_new();
    g_menu_append(sec, _("_Insert Disk A…"), "app.insert-a");
    g_menu_append(sec, _("Insert Disk _B…"), "app.insert-b");
    g_menu_append(sec, _("_Eject Disk A"), "app.eject-a");
    g_menu_append(sec, _("E_ject Disk B"), "app.eject-b");
    g_menu_append_section(file, NULL, G_MENU_MODEL(sec));
    g_object_unref(sec);
    sec = g_menu_new();
    g_menu_append(sec, _("_Write-Protect Drive A"), "app.wp-a");
    g_menu_append(sec, _("Write-Protect Dri_ve B"), "app.wp-b");
    a->recent_menu = g_menu_new();
    app_update_recent(a);
    g_menu_append_submenu(sec, _("_Recent Disk Images"), G_MENU_MODEL(a->recent_menu));
    g_menu_append_section(file, NULL, G_MENU_MODEL(sec));
    g_object_unref(sec);
    sec = g_menu_new();
    g_menu_append(sec, _("_Screenshot…"), "app.screenshot");
    g_menu_append_section(file, NULL, G_MENU_MODEL(sec));
    g_object_unref(sec);
    sec = g_menu_new();
    g_menu_append(sec, _("_Quit"), "app.quit");
    g_menu_append_section(file, NULL, G_MENU_MODEL(sec));
    g_object_unref(sec);
    g_menu_append_submenu(bar, _("_File"), G_MENU_MODEL(file));
    g_object_unref(file);

    GMenu *view = g_menu_new();
    sec = g_menu_new();
    g_menu_append(sec, _("_Fit to Window"), "app.scale::fit");
    g_menu_append(sec, _("Scale _1×"), "app.scale::1");
    g_menu_append(sec, _("Scale _2×"), "app.scale::2");
    g_menu_append(sec, _("Scale _3×"), "app.scale::3");
    g_menu_append(sec, _("Scale _4×"), "app.scale::4");
    g_menu_append_section(view, NULL, G_MENU_MODEL(sec));
    g_object_unref(sec);
    sec = g_menu_new();
    g_menu_append(sec, _("_Smooth Scaling"), "app.smooth");
    g_menu_append(sec, _("F_ull Screen"), "app.fullscreen");
    g_menu_append_section(view, NULL, G_MENU_MODEL(sec));
    g_object_unref(sec);
    g_menu_append_submenu(bar, _("_View"), G_MENU_MODEL(view));
    g_object_unref(view);

    GMenu *mach = g_menu_new();
    sec = g_menu_new();
    g_menu_append(sec, _("_Cold Reset"), "app.cold-reset");
    g_menu_append(sec, _("_Warm Reset"), "app.warm-reset");
    g_menu_append(sec, _("_Pause"), "app.pause");
    GMenu *speed = g_menu_new();
    g_menu_append(speed, _("_Real Time (100%)"), "app.speed::100");
    g_menu_append(speed, _("_Unthrottled"), "app.speed::max");
    g_menu_append_submenu(sec, _("_Speed"), G_MENU_MODEL(speed));
    g_object_unref(speed);
    g_menu_append_section(mach, NULL, G_MENU_MODEL(sec));
    g_object_unref(sec);
    sec = g_menu_new();
    g_menu_append(sec, _("C_onfigure Machine…"), "app.configure");
    g_menu_append(sec, _("_ROMs…"), "app.roms");
    g_menu_append_section(mach, NULL, G_MENU_MODEL(sec));
    g_object_unref(sec);
    g_menu_append_submenu(bar, _("_Machine"), G_MENU_MODEL(mach));
    g_object_unref(mach);

    GMenu *help = g_menu_new();
    g_menu_append(help, _("_Keyboard Shortcuts"), "app.shortcuts");
    g_menu_append(help, _("_About Tandem"), "app.about");
    g_menu_append_submenu(bar, _("_Help"), G_MENU_MODEL(help));
    g_object_unref(help);
    return G_MENU_MODEL(bar);
}

static void sync_action_states(app *a)
{
    GActionMap *map = G_ACTION_MAP(a->gapp);
    GAction *x;
    if ((x = g_action_map_lookup_action(map, "wp-a")))
        g_simple_action_set_state(G_SIMPLE_ACTION(x), g_variant_new_boolean(!a->run->disk_writable[0]));
    if ((x = g_action_map_lookup_action(map, "wp-b")))
        g_simple_action_set_state(G_SIMPLE_ACTION(x), g_variant_new_boolean(!a->run->disk_writable[1]));
    if ((x = g_action_map_lookup_action(map, "speed")))
        g_simple_action_set_state(G_SIMPLE_ACTION(x),
                                  g_variant_new_string(a->run->unthrottled ? "max" : "100"));
    if ((x = g_action_map_lookup_action(map, "scale")))
        g_simple_action_set_state(G_SIMPLE_ACTION(x), g_variant_new_string(a->run->scale));
    if ((x = g_action_map_lookup_action(map, "smooth")))
        g_simple_action_set_state(G_SIMPLE_ACTION(x), g_variant_new_boolean(a->run->smooth));
}

static gboolean on_delete(GtkWidget *w, GdkEvent *ev, gpointer data)
{
    g_action_group_activate_action(G_ACTION_GROUP(((app *)data)->gapp), "quit", NULL);
    return TRUE;
}

static gboolean first_run_idle(gpointer data)
{
    dialog_roms(data, true);
    return G_SOURCE_REMOVE;
}

static void on_activate(GtkApplication *gapp, gpointer data)
{
    app *a = data;
    if (a->window) {
        gtk_window_present(GTK_WINDOW(a->window));
        return;
    }
    g_action_map_add_action_entries(G_ACTION_MAP(gapp), actions, G_N_ELEMENTS(actions), a);
    for (size_t i = 0; i < G_N_ELEMENTS(accels); i++)
        gtk_application_set_accels_for_action(gapp, accels[i].action, accels[i].accels);
    sync_action_states(a);
    GMenuModel *menus = build_menus(a);
    gtk_application_set_menubar(gapp, menus);
    g_object_unref(menus);

    a->window = gtk_application_window_new(gapp);
    gtk_window_set_title(GTK_WINDOW(a->window), "Tandem");
    gtk_window_set_icon_name(GTK_WINDOW(a->window), TANDEM_APP_ID);
    gtk_application_window_set_show_menubar(GTK_APPLICATION_WINDOW(a->window), TRUE);
    GtkWidget *box = gtk_box_new(GTK_ORIENTATION_VERTICAL, 0);
    gtk_container_add(GTK_CONTAINER(a->window), box);

    a->area = gtk_drawing_area_new();
    gtk_widget_set_can_focus(a->area, TRUE);
    gtk_widget_set_hexpand(a->area, TRUE);
    gtk_widget_set_vexpand(a->area, TRUE);
    gtk_widget_add_events(a->area, GDK_BUTTON_PRESS_MASK | GDK_BUTTON_RELEASE_MASK |
                                       GDK_POINTER_MOTION_MASK | GDK_FOCUS_CHANGE_MASK);
    g_signal_connect(a->area, "draw", G_CALLBACK(on_draw), a);
    g_signal_connect(a->area, "button-press-event", G_CALLBACK(on_button), a);
    g_signal_connect(a->area, "button-release-event", G_CALLBACK(on_button), a);
    g_signal_connect(a->area, "motion-notify-event", G_CALLBACK(on_motion), a);
    gtk_drag_dest_set(a->area, GTK_DEST_DEFAULT_ALL, NULL, 0, GDK_ACTION_COPY);
    gtk_drag_dest_add_uri_targets(a->area);
    g_signal_connect(a->area, "drag-data-received", G_CALLBACK(on_drop), a);
    gtk_box_pack_start(GTK_BOX(box), a->area, TRUE, TRUE, 0);

    a->statusbar = gtk_box_new(GTK_ORIENTATION_HORIZONTAL, 12);
    gtk_widget_set_margin_start(a->statusbar, 6);
    gtk_widget_set_margin_end(a->statusbar, 6);
    gtk_widget_set_margin_top(a->statusbar, 2);
    gtk_widget_set_margin_bottom(a->statusbar, 2);
    for (int d = 0; d < 2; d++) {
        a->drive_label[d] = gtk_label_new(NULL);
        gtk_box_pack_start(GTK_BOX(a->statusbar), a->drive_label[d], FALSE, FALSE, 0);
    }
    a->perf_label = gtk_label_new(NULL);
    gtk_box_pack_start(GTK_BOX(a->statusbar), a->perf_label, FALSE, FALSE, 0);
    a->capture_label = gtk_label_new(NULL);
    gtk_box_pack_start(GTK_BOX(a->statusbar), a->capture_label, FALSE, FALSE, 0);
    a->msg_label = gtk_label_new(NULL);
    gtk_label_set_ellipsize(GTK_LABEL(a->msg_label), PANGO_ELLIPSIZE_END);
    gtk_label_set_xalign(GTK_LABEL(a->msg_label), 1.0);
    gtk_box_pack_end(GTK_BOX(a->statusbar), a->msg_label, TRUE, TRUE, 0);
    gtk_box_pack_end(GTK_BOX(box), a->statusbar, FALSE, FALSE, 0);

    g_signal_connect(a->window, "key-press-event", G_CALLBACK(on_key), a);
    g_signal_connect(a->window, "key-release-event", G_CALLBACK(on_key), a);
    g_signal_connect(a->window, "focus-out-event", G_CALLBACK(on_focus_out), a);
    g_signal_connect(a->window, "window-state-event", G_CALLBACK(on_window_state), a);
    g_signal_connect(a->window, "delete-event", G_CALLBACK(on_delete), a);

    gtk_window_set_default_size(GTK_WINDOW(a->window), 640, 400 + 60);
    app_apply_scale(a);
    gtk_widget_show_all(a->window);
    gtk_widget_grab_focus(a->area);
    a->status_timer = g_timeout_add(250, status_tick, a);
    app_trace(a, "window shown");

    char *msg = g_object_steal_data(G_OBJECT(gapp), "startup-message");
    bool started = app_start_machine(a);
    if (msg) /* settings file missing or damaged: say so, after the machine's own news */
        app_message(a, msg), g_free(msg);
    update_status(a);
    if (a->trace && g_getenv("TANDEM_UI_TEST_DROP"))
        g_timeout_add(500, test_drop_idle, a);
    if (!started && !a->run->rom)
        g_idle_add(first_run_idle, a);
    else if (!started)
        app_error(a, _("The machine could not start."), a->machine_error);
}

static bool want_help(int argc, char **argv)
{
    for (int i = 1; i < argc; i++)
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0)
            return true;
    return false;
}

int ui_app_run(int argc, char **argv, ui_model_finder find)
{
    if (want_help(argc, argv)) {
        settings_print_usage(stdout);
        return 0;
    }
    for (int i = 1; i < argc; i++)
        if (strcmp(argv[i], "--version") == 0) {
            printf("tandem %s\n", PACKAGE_VERSION);
            return 0;
        }
    app a = { 0 };
    a.find = find;
    a.trace = g_getenv("TANDEM_UI_TRACE") != NULL;

    /* First pass: validate the command line and find --config. */
    settings *probe = settings_new();
    char *err = NULL;
    bool ok = settings_parse_args(probe, argc, argv, &a.config_path, &err);
    settings_free(probe);
    if (!ok) {
        fprintf(stderr, "tandem: %s\n", err);
        g_free(err);
        g_free(a.config_path);
        return 2;
    }
    if (!a.config_path)
        a.config_path = settings_default_path();
    a.file = settings_new();
    char *msg = NULL;
    settings_load(a.file, a.config_path, &msg);
    if (msg)
        fprintf(stderr, "tandem: %s\n", msg);
    a.run = settings_copy(a.file);
    settings_parse_args(a.run, argc, argv, NULL, &err);
    g_free(err);

    a.gapp = gtk_application_new(TANDEM_APP_ID, G_APPLICATION_NON_UNIQUE);
    if (msg)
        g_object_set_data(G_OBJECT(a.gapp), "startup-message", msg);
    g_signal_connect(a.gapp, "activate", G_CALLBACK(on_activate), &a);
    int status = g_application_run(G_APPLICATION(a.gapp), 1, argv);
    app_stop_machine(&a);
    g_free(g_object_steal_data(G_OBJECT(a.gapp), "startup-message"));
    g_object_unref(a.gapp);
    settings_free(a.file);
    settings_free(a.run);
    g_free(a.config_path);
    g_free(a.machine_error);
    return status ? status : a.exit_status;
}
