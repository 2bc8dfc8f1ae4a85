#include "machines/headless.h"
#include "machines/errmsg.h"
#include "machines/safefile.h"

#include <cairo.h>
#include <ctype.h>
#include <errno.h>
#include <linux/input-event-codes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "machines/i18n.h"
#include "machines/options.h"

/* --- PNG ---------------------------------------------------------------- */

static cairo_status_t png_to_file(void *closure, const unsigned char *data, unsigned int len)
{
    return safe_file_write(closure, data, len) ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR;
}

int headless_write_png(const machine_frame *f, const char *path, char *err, size_t errlen)
{
    int stride = cairo_format_stride_for_width(CAIRO_FORMAT_RGB24, f->width);
    unsigned char *data = malloc((size_t)stride * (size_t)f->height);
    if (!data) {
        fmt_err(err, errlen, _("out of memory"));
        return -1;
    }
    /* RGB24 is a native-endian 0x00RRGGBB word per pixel, as the frame is. */
    for (int y = 0; y < f->height; y++)
        memcpy(data + (size_t)y * (size_t)stride, f->pixels + (size_t)y * (size_t)f->stride,
               (size_t)f->width * 4);
    cairo_surface_t *surf = cairo_image_surface_create_for_data(data, CAIRO_FORMAT_RGB24,
                                                                f->width, f->height, stride);
    safe_file sf;
    int rc = -1;
    if (!safe_file_open(&sf, path)) {
        fmt_err(err, errlen, _("cannot write %s: %s"), path, strerror(errno));
    } else {
        cairo_status_t st = cairo_surface_write_to_png_stream(surf, png_to_file, &sf);
        if (st != CAIRO_STATUS_SUCCESS) {
            safe_file_abort(&sf);
            fmt_err(err, errlen, _("cannot write %s: %s"), path, cairo_status_to_string(st));
        } else if (!safe_file_commit(&sf)) {
            fmt_err(err, errlen, _("cannot write %s: %s"), path, strerror(errno));
        } else {
            rc = 0;
        }
    }
    cairo_surface_destroy(surf);
    free(data);
    return rc;
}

/* --- Script ---------------------------------------------------------------- */

typedef enum ev_kind { SC_KEY, SC_MOUSE, SC_BUTTONS, SC_INSERT, SC_EJECT, SC_SHOT, SC_QUIT } ev_kind;

typedef struct script_ev {
    long frame;
    int seq; /* order of creation, keeps equal frames in script order */
    ev_kind kind;
    int a, b;   /* key code and down / dx dy / buttons / drive */
    char *path; /* INSERT, SHOT */
} script_ev;

typedef struct script {
    script_ev *ev;
    size_t n, cap;
    int seq;
    bool has_quit;
    long last_frame;
} script;

static bool add_ev(script *s, long frame, ev_kind kind, int a, int b, const char *path)
{
    if (s->n == s->cap) {
        size_t cap = s->cap ? 2 * s->cap : 64;
        script_ev *p = realloc(s->ev, cap * sizeof *p);
        if (!p)
            return false;
        s->ev = p;
        s->cap = cap;
    }
    script_ev *e = &s->ev[s->n++];
    e->frame = frame;
    e->seq = s->seq++;
    e->kind = kind;
    e->a = a;
    e->b = b;
    e->path = path ? strdup(path) : NULL;
    if (frame > s->last_frame)
        s->last_frame = frame;
    if (kind == SC_QUIT)
        s->has_quit = true;
    return !path || e->path;
}

static void script_free(script *s)
{
    for (size_t i = 0; i < s->n; i++)
        free(s->ev[i].path);
    free(s->ev);
    memset(s, 0, sizeof *s);
}

static int ev_cmp(const void *a, const void *b)
{
    const script_ev *x = a, *y = b;
    if (x->frame != y->frame)
        return x->frame < y->frame ? -1 : 1;
    return x->seq - y->seq;
}

static const struct {
    const char *name;
    int key;
} key_names[] = {
    {"ESC", KEY_ESC}, {"ESCAPE", KEY_ESC}, {"RETURN", KEY_ENTER}, {"ENTER", KEY_ENTER},
    {"SPACE", KEY_SPACE}, {"TAB", KEY_TAB}, {"BACKSPACE", KEY_BACKSPACE},
    {"DELETE", KEY_DELETE}, {"INSERT", KEY_INSERT}, {"HOME", KEY_HOME}, {"UP", KEY_UP},
    {"DOWN", KEY_DOWN}, {"LEFT", KEY_LEFT}, {"RIGHT", KEY_RIGHT}, {"HELP", KEY_HELP},
    {"UNDO", KEY_UNDO}, {"SHIFT", KEY_LEFTSHIFT}, {"LSHIFT", KEY_LEFTSHIFT},
    {"RSHIFT", KEY_RIGHTSHIFT}, {"CTRL", KEY_LEFTCTRL}, {"CONTROL", KEY_LEFTCTRL},
    {"ALT", KEY_LEFTALT}, {"CAPSLOCK", KEY_CAPSLOCK}, {"F1", KEY_F1}, {"F2", KEY_F2},
    {"F3", KEY_F3}, {"F4", KEY_F4}, {"F5", KEY_F5}, {"F6", KEY_F6}, {"F7", KEY_F7},
    {"F8", KEY_F8}, {"F9", KEY_F9}, {"F10", KEY_F10}, {"KPENTER", KEY_KPENTER},
    {"MINUS", KEY_MINUS}, {"EQUAL", KEY_EQUAL}, {"COMMA", KEY_COMMA}, {"DOT", KEY_DOT},
    {"SLASH", KEY_SLASH}, {"BACKSLASH", KEY_BACKSLASH}, {"SEMICOLON", KEY_SEMICOLON},
    {"APOSTROPHE", KEY_APOSTROPHE}, {"GRAVE", KEY_GRAVE}, {"LEFTBRACE", KEY_LEFTBRACE},
    {"RIGHTBRACE", KEY_RIGHTBRACE},
};

static const int letter_keys[26] = {
    KEY_A, KEY_B, KEY_C, KEY_D, KEY_E, KEY_F, KEY_G, KEY_H, KEY_I, KEY_J, KEY_K, KEY_L, KEY_M,
    KEY_N, KEY_O, KEY_P, KEY_Q, KEY_R, KEY_S, KEY_T, KEY_U, KEY_V, KEY_W, KEY_X, KEY_Y, KEY_Z,
};
static const int digit_keys[10] = {KEY_0, KEY_1, KEY_2, KEY_3, KEY_4,
                                   KEY_5, KEY_6, KEY_7, KEY_8, KEY_9};

static int key_by_name(const char *name)
{
    if (name[0] && !name[1]) {
        int c = toupper((unsigned char)name[0]);
        if (c >= 'A' && c <= 'Z')
            return letter_keys[c - 'A'];
        if (c >= '0' && c <= '9')
            return digit_keys[c - '0'];
    }
    for (size_t i = 0; i < sizeof key_names / sizeof key_names[0]; i++)
        if (strcasecmp(key_names[i].name, name) == 0)
            return key_names[i].key;
    return 0;
}

/* A character on a US keyboard: the key and whether Shift is held. */
static bool char_key(int c, int *key, bool *shift)
{
    static const char *plain = "`-=[]\\;',./ \n\t", *shifted = "~_+{}|:\"<>? \n\t";
    static const int keys[] = {KEY_GRAVE, KEY_MINUS, KEY_EQUAL, KEY_LEFTBRACE, KEY_RIGHTBRACE,
                               KEY_BACKSLASH, KEY_SEMICOLON, KEY_APOSTROPHE, KEY_COMMA, KEY_DOT,
                               KEY_SLASH, KEY_SPACE, KEY_ENTER, KEY_TAB};
    static const char *shifted_digits = ")!@#$%^&*(";
    *shift = false;
    if (c >= 'a' && c <= 'z')
        return (*key = letter_keys[c - 'a']), true;
    if (c >= 'A' && c <= 'Z')
        return (*key = letter_keys[c - 'A'], *shift = true), true;
    if (c >= '0' && c <= '9')
        return (*key = digit_keys[c - '0']), true;
    const char *p;
    if (c && (p = strchr(shifted_digits, c)))
        return (*key = digit_keys[p - shifted_digits], *shift = true), true;
    if (c && (p = strchr(plain, c)))
        return (*key = keys[p - plain]), true;
    if (c && (p = strchr(shifted, c)))
        return (*key = keys[p - shifted], *shift = true), true;
    return false;
}

/* Frames a key is held and the gap after it: long enough for the IKBD line
 * (about 1.3 ms a byte) and for TOS to see separate presses. */
#define KEY_HOLD 2
#define KEY_GAP 2

static bool add_key_press(script *s, long *frame, int key, bool shift)
{
    bool ok = true;
    if (shift)
        ok = add_ev(s, *frame, SC_KEY, KEY_LEFTSHIFT, 1, NULL);
    ok = ok && add_ev(s, *frame, SC_KEY, key, 1, NULL);
    ok = ok && add_ev(s, *frame + KEY_HOLD, SC_KEY, key, 0, NULL);
    if (shift)
        ok = ok && add_ev(s, *frame + KEY_HOLD, SC_KEY, KEY_LEFTSHIFT, 0, NULL);
    *frame += KEY_HOLD + KEY_GAP;
    return ok;
}

/* "a"/"A"/"b"/"B" -> 0/1 */
static int drive_arg(const char *t)
{
    if (!t || t[1])
        return -1;
    return t[0] == 'a' || t[0] == 'A' ? 0 : t[0] == 'b' || t[0] == 'B' ? 1 : -1;
}

static int button_arg(const char *t)
{
    if (!t || strcasecmp(t, "left") == 0)
        return MACHINE_MOUSE_LEFT;
    if (strcasecmp(t, "right") == 0)
        return MACHINE_MOUSE_RIGHT;
    return 0;
}

/* Mouse homing: far enough to reach the top-left corner from anywhere. */
#define MOUSE_HOME 1000
#define CLICK_HOLD 3

/* Where the runner has put the guest's pointer: unknown until the first
 * move, which pushes it into the top-left corner first; after that moves
 * are relative to the tracked position (so they do not sweep across the
 * menu bar), clamped to the screen as GEM clamps the pointer. */
typedef struct pointer {
    bool known;
    int x, y;
} pointer;

static void move_pointer(machine *m, pointer *p, int x, int y, unsigned buttons)
{
    const machine_frame *f = m->ops->frame(m);
    if (x >= f->width)
        x = f->width - 1;
    if (y >= f->height)
        y = f->height - 1;
    if (!p->known) {
        m->ops->mouse(m, -MOUSE_HOME, -MOUSE_HOME, buttons);
        p->x = p->y = 0;
        p->known = true;
    }
    m->ops->mouse(m, x - p->x, y - p->y, buttons);
    p->x = x;
    p->y = y;
}

static bool parse_line(script *s, char *line, char *err, size_t errlen)
{
    char *save = NULL;
    char *w = strtok_r(line, " \t", &save);
    if (!w || strcmp(w, "at") != 0) {
        fmt_err(err, errlen, _("expected 'at FRAME COMMAND ...'"));
        return false;
    }
    char *fs = strtok_r(NULL, " \t", &save), *end;
    long frame = fs ? strtol(fs, &end, 10) : -1;
    if (!fs || *end || frame < 0) {
        fmt_err(err, errlen, _("'%s' is not a frame number"), fs ? fs : "");
        return false;
    }
    char *cmd = strtok_r(NULL, " \t", &save);
    if (!cmd) {
        fmt_err(err, errlen, _("missing command after the frame number"));
        return false;
    }
    char *rest = save;
    while (rest && (*rest == ' ' || *rest == '\t'))
        rest++;
    bool ok = true;
    if (strcmp(cmd, "type") == 0) {
        if (!rest || !*rest) {
            fmt_err(err, errlen, _("'type' needs some text"));
            return false;
        }
        for (const char *p = rest; *p && ok; p++) {
            int c = (unsigned char)*p, key;
            bool shift;
            if (c == '\\' && p[1] == 'n') {
                c = '\n';
                p++;
            } else if (c == '\\' && p[1] == 't') {
                c = '\t';
                p++;
            } else if (c == '\\' && p[1] == '\\') {
                p++;
            }
            if (!char_key(c, &key, &shift)) {
                fmt_err(err, errlen, _("'type': cannot type the character '%c'"), c);
                return false;
            }
            ok = add_key_press(s, &frame, key, shift);
        }
    } else if (strcmp(cmd, "key") == 0 || strcmp(cmd, "keydown") == 0 ||
               strcmp(cmd, "keyup") == 0) {
        char *name = strtok_r(NULL, " \t", &save);
        if (!name) {
            fmt_err(err, errlen, _("'%s' needs a key name"), cmd);
            return false;
        }
        /* Modifiers: CTRL+ALT+DELETE */
        int keys[4], nk = 0;
        for (char *k = strtok_r(name, "+", &end); k && nk < 4; k = strtok_r(NULL, "+", &end)) {
            keys[nk] = key_by_name(k);
            if (!keys[nk]) {
                fmt_err(err, errlen, _("unknown key name '%s'"), k);
                return false;
            }
            nk++;
        }
        bool down = strcmp(cmd, "keyup") != 0, up = strcmp(cmd, "keydown") != 0;
        for (int i = 0; i < nk && ok && down; i++)
            ok = add_ev(s, frame, SC_KEY, keys[i], 1, NULL);
        for (int i = nk - 1; i >= 0 && ok && up; i--)
            ok = add_ev(s, frame + (down ? KEY_HOLD : 0), SC_KEY, keys[i], 0, NULL);
    } else if (strcmp(cmd, "mouse") == 0) {
        char *xs = strtok_r(NULL, " \t", &save), *ys = strtok_r(NULL, " \t", &save);
        char *e1 = NULL, *e2 = NULL;
        long x = xs ? strtol(xs, &e1, 10) : -1, y = ys ? strtol(ys, &e2, 10) : -1;
        if (!xs || !ys || *e1 || *e2 || x < 0 || y < 0 || x > 4000 || y > 4000) {
            fmt_err(err, errlen, _("'mouse' needs X Y screen coordinates"));
            return false;
        }
        ok = add_ev(s, frame, SC_MOUSE, (int)x, (int)y, NULL);
    } else if (strcmp(cmd, "click") == 0 || strcmp(cmd, "dclick") == 0 ||
               strcmp(cmd, "press") == 0 || strcmp(cmd, "release") == 0) {
        char *bs = strtok_r(NULL, " \t", &save);
        int b = button_arg(bs);
        if (!b) {
            fmt_err(err, errlen, _("unknown mouse button '%s' (left or right)"), bs);
            return false;
        }
        if (strcmp(cmd, "press") == 0) {
            ok = add_ev(s, frame, SC_BUTTONS, b, 1, NULL);
        } else if (strcmp(cmd, "release") == 0) {
            ok = add_ev(s, frame, SC_BUTTONS, b, 0, NULL);
        } else {
            int times = cmd[0] == 'd' ? 2 : 1;
            for (int i = 0; i < times && ok; i++) {
                long f = frame + (long)i * 2 * CLICK_HOLD;
                ok = add_ev(s, f, SC_BUTTONS, b, 1, NULL) &&
                     add_ev(s, f + CLICK_HOLD, SC_BUTTONS, b, 0, NULL);
            }
        }
    } else if (strcmp(cmd, "insert") == 0) {
        char *ds = strtok_r(NULL, " \t", &save);
        char *path = save;
        while (path && (*path == ' ' || *path == '\t'))
            path++;
        int d = drive_arg(ds);
        if (d < 0 || !path || !*path) {
            fmt_err(err, errlen, _("'insert' needs a drive (a or b) and an image file"));
            return false;
        }
        ok = add_ev(s, frame, SC_INSERT, d, 0, path);
    } else if (strcmp(cmd, "eject") == 0) {
        int d = drive_arg(strtok_r(NULL, " \t", &save));
        if (d < 0) {
            fmt_err(err, errlen, _("'eject' needs a drive (a or b)"));
            return false;
        }
        ok = add_ev(s, frame, SC_EJECT, d, 0, NULL);
    } else if (strcmp(cmd, "screenshot") == 0) {
        if (!rest || !*rest) {
            fmt_err(err, errlen, _("'screenshot' needs a file name"));
            return false;
        }
        ok = add_ev(s, frame, SC_SHOT, 0, 0, rest);
    } else if (strcmp(cmd, "quit") == 0) {
        ok = add_ev(s, frame, SC_QUIT, 0, 0, NULL);
    } else {
        fmt_err(err, errlen, _("unknown command '%s'"), cmd);
        return false;
    }
    if (!ok)
        fmt_err(err, errlen, _("out of memory"));
    return ok;
}

static bool script_load(script *s, const char *path, char *err, size_t errlen)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        fmt_err(err, errlen, _("cannot open script %s: %s"), path, strerror(errno));
        return false;
    }
    char line[4096];
    int lineno = 0;
    bool ok = true;
    while (ok && fgets(line, sizeof line, f)) {
        lineno++;
        size_t n = strlen(line);
        while (n && (line[n - 1] == '\n' || line[n - 1] == '\r'))
            line[--n] = 0;
        char *p = line;
        while (*p == ' ' || *p == '\t')
            p++;
        if (!*p || *p == '#')
            continue;
        char why[512];
        if (!parse_line(s, p, why, sizeof why)) {
            fmt_err(err, errlen, "%s:%d: %s", path, lineno, why);
            ok = false;
        }
    }
    fclose(f);
    if (ok)
        qsort(s->ev, s->n, sizeof *s->ev, ev_cmp);
    return ok;
}

/* --- The run ----------------------------------------------------------------- */

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static void usage(FILE *f, const char *prog)
{
    fprintf(f, _("Usage: %s --headless --machine st --rom FILE [options]\n"), prog);
    fprintf(f, _("       %s --headless --machine q800 --kernel vmlinux [options]\n"), prog);
    fprintf(f, _("Runs a machine without a window.  Options:\n"));
    opt_print_help(f, 0);
}

int headless_main(int argc, char **argv)
{
    const char *prog = argc > 0 && argv[0] ? argv[0] : "tandem";
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            usage(stdout, prog);
            return 0;
        }
    }
    opt_set o;
    opt_init(&o);
    char err[1024];
    script sc = {0};
    machine *m = NULL;
    int status = 0;
    if (!opt_parse_args(&o, argc, argv, 0, err, sizeof err)) {
        fprintf(stderr, "%s: %s\n", prog, err);
        status = 2;
        goto out;
    }
    const machine_ops *ops = machine_find(opt_str(&o, OPT_MACHINE));
    if (!ops) {
        fprintf(stderr, _("%s: unknown machine '%s'\n"), prog, opt_str(&o, OPT_MACHINE));
        status = 2;
        goto out;
    }
    const char *script_path = opt_str(&o, OPT_SCRIPT);
    if (script_path && *script_path && !script_load(&sc, script_path, err, sizeof err)) {
        fprintf(stderr, "%s: %s\n", prog, err);
        status = 2;
        goto out;
    }
    long frames = opt_int(&o, OPT_FRAMES);
    if (frames == 0 && !sc.has_quit) {
        if (sc.n == 0) {
            fprintf(stderr, _("%s: nothing to do: give --frames N or a --script that quits\n"),
                    prog);
            status = 2;
            goto out;
        }
        frames = sc.last_frame + 1;
    }
    machine_config cfg;
    opt_machine_config(&o, &cfg);
    m = ops->create(&cfg, err, sizeof err);
    if (!m) {
        fprintf(stderr, "%s: %s\n", prog, err);
        status = 1;
        goto out;
    }

    double t0 = now_seconds();
    size_t next = 0;
    unsigned buttons = 0;
    pointer ptr = {0};
    long done = 0;
    bool quit = false;
    for (;;) {
        /* Commands "at N" run once N frames are complete. */
        while (next < sc.n && sc.ev[next].frame <= done && !quit) {
            const script_ev *e = &sc.ev[next++];
            switch (e->kind) {
            case SC_KEY:
                m->ops->key(m, e->a, e->b != 0);
                break;
            case SC_MOUSE:
                move_pointer(m, &ptr, e->a, e->b, buttons);
                break;
            case SC_BUTTONS:
                buttons = e->b ? (buttons | (unsigned)e->a) : (buttons & ~(unsigned)e->a);
                m->ops->mouse(m, 0, 0, buttons);
                break;
            case SC_INSERT:
                if (!m->ops->insert_disk(m, e->a, e->path, opt_bool(&o, OPT_DISK_WRITABLE), err,
                                         sizeof err)) {
                    fprintf(stderr, "%s: %s\n", prog, err);
                    status = 1;
                }
                break;
            case SC_EJECT:
                m->ops->eject_disk(m, e->a);
                break;
            case SC_SHOT:
                if (headless_write_png(m->ops->frame(m), e->path, err, sizeof err) != 0) {
                    fprintf(stderr, "%s: %s\n", prog, err);
                    status = 1;
                }
                break;
            case SC_QUIT:
                quit = true;
                break;
            }
        }
        if (quit || (frames > 0 && done >= frames))
            break;
        m->ops->run_frame(m);
        done++;
        if (m->ops->powered_off && m->ops->powered_off(m))
            break; /* the guest switched itself off */
    }
    double host = now_seconds() - t0;

    const char *shot = opt_str(&o, OPT_SCREENSHOT);
    if (shot && *shot && headless_write_png(m->ops->frame(m), shot, err, sizeof err) != 0) {
        fprintf(stderr, "%s: %s\n", prog, err);
        status = 1;
    }
    if (opt_bool(&o, OPT_STATS)) {
        machine_stats st;
        m->ops->stats(m, &st);
        printf("stats: instructions=%llu seconds=%.3f mips=%.1f code_hit=%.2f read_hit=%.2f "
               "write_hit=%.2f frames=%llu\n",
               (unsigned long long)st.instructions, host,
               host > 0 ? (double)st.instructions / host / 1e6 : 0.0, st.code_hit, st.read_hit,
               st.write_hit, (unsigned long long)st.frames);
        printf("stats-detail: emulated_seconds=%.3f cycles=%llu\n", st.emulated_seconds,
               (unsigned long long)st.cycles);
    }
out:
    if (m)
        m->ops->destroy(m);
    script_free(&sc);
    opt_free(&o);
    return status;
}
