/* Preferences file and command line.  The file holds one group per machine
 * model ([st]: rom, ram, mono), [disks] and [view]; unknown groups and keys are
 * kept so an older version does not destroy a newer one's settings. */
#include "config.h"

#include "ui/settings.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>

#include "machines/i18n.h"
#include "machines/options.h"

settings *settings_new(void)
{
    settings *s = g_new0(settings, 1);
    s->machine = g_strdup("st");
    s->scale = g_strdup("fit");
    s->recent = g_new0(char *, 1);
    s->kf = g_key_file_new();
    return s;
}

settings *settings_copy(const settings *s)
{
    settings *c = g_new0(settings, 1);
    *c = *s;
    c->machine = g_strdup(s->machine);
    c->rom = g_strdup(s->rom);
    c->disk[0] = g_strdup(s->disk[0]);
    c->disk[1] = g_strdup(s->disk[1]);
    c->scale = g_strdup(s->scale);
    c->recent = g_strdupv(s->recent);
    c->kf = g_key_file_new();
    gsize len;
    char *data = g_key_file_to_data(s->kf, &len, NULL);
    g_key_file_load_from_data(c->kf, data, len, G_KEY_FILE_KEEP_COMMENTS, NULL);
    g_free(data);
    return c;
}

void settings_free(settings *s)
{
    if (!s)
        return;
    g_free(s->machine);
    g_free(s->rom);
    g_free(s->disk[0]);
    g_free(s->disk[1]);
    g_free(s->scale);
    g_strfreev(s->recent);
    g_key_file_free(s->kf);
    g_free(s);
}

char *settings_default_path(void)
{
    return g_build_filename(g_get_user_config_dir(), "tandem", "tandem.conf", NULL);
}

unsigned settings_parse_ram(const char *text)
{
    long kb; /* the same syntax as the command line */
    if (!text || !opt_parse_size_kb(text, &kb) || kb > 1024l * 1024)
        return 0;
    return (unsigned)kb;
}

static bool valid_scale(const char *v)
{
    return v && (strcmp(v, "fit") == 0 || (v[0] >= '1' && v[0] <= '4' && v[1] == 0));
}

/* Per-key reading with a fallback; problems are appended to warn. */
static char *get_str(GKeyFile *kf, const char *g, const char *k)
{
    char *v = g_key_file_get_string(kf, g, k, NULL);
    if (v && !*v) {
        g_free(v);
        v = NULL;
    }
    return v;
}

static bool get_bool(GKeyFile *kf, const char *g, const char *k, bool def, GString *warn)
{
    GError *e = NULL;
    if (!g_key_file_has_key(kf, g, k, NULL))
        return def;
    bool v = g_key_file_get_boolean(kf, g, k, &e);
    if (e) {
        g_string_append_printf(warn, _(" Ignoring %s/%s: not true or false."), g, k);
        g_error_free(e);
        return def;
    }
    return v;
}

static void load_machine_group(settings *s)
{
    GKeyFile *kf = s->kf;
    g_free(s->rom);
    s->rom = get_str(kf, s->machine, "rom");
    char *ram = get_str(kf, s->machine, "ram");
    s->ram_kb = ram ? settings_parse_ram(ram) : 0;
    g_free(ram);
    GString *ignored = g_string_new(NULL);
    s->mono = get_bool(kf, s->machine, "mono", false, ignored);
    g_string_free(ignored, TRUE);
}

void settings_select_machine(settings *s, const char *id)
{
    g_free(s->machine);
    s->machine = g_strdup(id);
    load_machine_group(s);
}

static void read_all(settings *s, GString *warn)
{
    GKeyFile *kf = s->kf;
    char *m = get_str(kf, "general", "machine");
    if (m && strspn(m, "abcdefghijklmnopqrstuvwxyz0123456789_") == strlen(m)) {
        g_free(s->machine);
        s->machine = m;
    } else {
        if (m)
            g_string_append_printf(warn, _(" Ignoring general/machine: '%s' is not a model name."), m);
        g_free(m);
    }
    g_free(s->rom);
    s->rom = get_str(kf, s->machine, "rom");
    char *ram = get_str(kf, s->machine, "ram");
    s->ram_kb = ram ? settings_parse_ram(ram) : 0;
    if (ram && !s->ram_kb)
        g_string_append_printf(warn, _(" Ignoring %s/ram: '%s' is not a memory size."), s->machine, ram);
    g_free(ram);
    s->mono = get_bool(kf, s->machine, "mono", false, warn);
    static const char *const dk[2] = { "a", "b" }, *const wk[2] = { "a_writable", "b_writable" };
    for (int i = 0; i < 2; i++) {
        g_free(s->disk[i]);
        s->disk[i] = get_str(kf, "disks", dk[i]);
        s->disk_writable[i] = get_bool(kf, "disks", wk[i], false, warn);
    }
    char **rec = g_key_file_get_string_list(kf, "disks", "recent", NULL, NULL);
    g_strfreev(s->recent);
    s->recent = g_new0(char *, SETTINGS_RECENT_MAX + 1);
    for (int i = 0, n = 0; rec && rec[i] && n < SETTINGS_RECENT_MAX; i++)
        if (*rec[i])
            s->recent[n++] = g_strdup(rec[i]);
    g_strfreev(rec);
    char *sc = get_str(kf, "view", "scale");
    if (sc && !valid_scale(sc))
        g_string_append_printf(warn, _(" Ignoring view/scale: '%s' is not fit or 1-4."), sc);
    g_free(s->scale);
    s->scale = valid_scale(sc) ? sc : (g_free(sc), g_strdup("fit"));
    s->smooth = get_bool(kf, "view", "smooth", false, warn);
    s->unthrottled = get_bool(kf, "view", "unthrottled", false, warn);
}

/* Values that are not UTF-8 read as missing; name them. */
static void check_utf8(GKeyFile *kf, GString *warn)
{
    char **groups = g_key_file_get_groups(kf, NULL);
    for (int g = 0; groups[g]; g++) {
        char **keys = g_key_file_get_keys(kf, groups[g], NULL, NULL);
        for (int k = 0; keys && keys[k]; k++) {
            char *raw = g_key_file_get_value(kf, groups[g], keys[k], NULL);
            if (raw && !g_utf8_validate(raw, -1, NULL))
                g_string_append_printf(warn, _(" Ignoring %s/%s: not valid UTF-8 text."),
                                       groups[g], keys[k]);
            g_free(raw);
        }
        g_strfreev(keys);
    }
    g_strfreev(groups);
}

settings_status settings_load(settings *s, const char *path, char **message)
{
    settings *def = settings_new();
    /* Start from defaults whatever happens. */
    g_free(s->machine); s->machine = g_strdup(def->machine);
    g_free(s->rom); s->rom = NULL;
    s->ram_kb = 0; s->mono = false;
    for (int i = 0; i < 2; i++) {
        g_free(s->disk[i]);
        s->disk[i] = NULL;
        s->disk_writable[i] = false;
    }
    g_free(s->scale); s->scale = g_strdup("fit");
    s->smooth = s->unthrottled = false;
    g_strfreev(s->recent); s->recent = g_new0(char *, 1);
    g_key_file_free(s->kf); s->kf = g_key_file_new();
    settings_free(def);
    if (message)
        *message = NULL;

    GError *e = NULL;
    if (!g_key_file_load_from_file(s->kf, path, G_KEY_FILE_KEEP_COMMENTS, &e)) {
        bool missing = g_error_matches(e, G_FILE_ERROR, G_FILE_ERROR_NOENT);
        if (message)
            *message = missing
                ? g_strdup_printf(_("No settings file %s yet; using the defaults."), path)
                : g_strdup_printf(_("The settings file %s is damaged (%s); using the defaults."),
                                  path, e->message);
        g_error_free(e);
        g_key_file_free(s->kf);
        s->kf = g_key_file_new();
        return missing ? SETTINGS_MISSING : SETTINGS_CORRUPT;
    }
    GString *warn = g_string_new(NULL);
    read_all(s, warn);
    check_utf8(s->kf, warn);
    if (warn->len && message)
        *message = g_strdup_printf(_("Settings file %s:%s"), path, warn->str);
    g_string_free(warn, TRUE);
    return SETTINGS_LOADED;
}

static void set_or_remove(GKeyFile *kf, const char *g, const char *k, const char *v)
{
    if (v && *v)
        g_key_file_set_string(kf, g, k, v);
    else
        g_key_file_remove_key(kf, g, k, NULL);
}

bool settings_save(settings *s, const char *path, GError **error)
{
    GKeyFile *kf = s->kf;
    g_key_file_set_string(kf, "general", "machine", s->machine);
    set_or_remove(kf, s->machine, "rom", s->rom);
    if (s->ram_kb) {
        char buf[32];
        if (s->ram_kb % 1024 == 0)
            g_snprintf(buf, sizeof buf, "%uM", s->ram_kb / 1024);
        else
            g_snprintf(buf, sizeof buf, "%uK", s->ram_kb);
        g_key_file_set_string(kf, s->machine, "ram", buf);
    } else {
        g_key_file_remove_key(kf, s->machine, "ram", NULL);
    }
    g_key_file_set_boolean(kf, s->machine, "mono", s->mono);
    set_or_remove(kf, "disks", "a", s->disk[0]);
    set_or_remove(kf, "disks", "b", s->disk[1]);
    g_key_file_set_boolean(kf, "disks", "a_writable", s->disk_writable[0]);
    g_key_file_set_boolean(kf, "disks", "b_writable", s->disk_writable[1]);
    g_key_file_set_string_list(kf, "disks", "recent", (const char *const *)s->recent,
                               g_strv_length(s->recent));
    g_key_file_set_string(kf, "view", "scale", s->scale);
    g_key_file_set_boolean(kf, "view", "smooth", s->smooth);
    g_key_file_set_boolean(kf, "view", "unthrottled", s->unthrottled);

    char *dir = g_path_get_dirname(path);
    int rc = g_mkdir_with_parents(dir, 0700);
    g_free(dir);
    if (rc != 0) {
        g_set_error(error, G_FILE_ERROR, g_file_error_from_errno(errno),
                    _("Cannot create the folder for %s: %s"), path, g_strerror(errno));
        return false;
    }
    gsize len;
    char *data = g_key_file_to_data(kf, &len, NULL);
    bool ok = g_file_set_contents(path, data, (gssize)len, error); /* temp + rename */
    g_free(data);
    return ok;
}

void settings_add_recent(settings *s, const char *path)
{
    char **n = g_new0(char *, SETTINGS_RECENT_MAX + 1);
    int k = 0;
    n[k++] = g_strdup(path);
    for (int i = 0; s->recent[i] && k < SETTINGS_RECENT_MAX; i++)
        if (strcmp(s->recent[i], path) != 0)
            n[k++] = g_strdup(s->recent[i]);
    g_strfreev(s->recent);
    s->recent = n;
}

/* Options only the window has; everything else comes from the shared table
 * (machines/options.h) so the names match the headless runner. */
static const struct { const char *name, *arg, *help; } ui_opts[] = {
    { "scale", "fit|1|2|3|4", N_("window scaling") },
    { "unthrottled", NULL, N_("run as fast as possible instead of in real time") },
    { "writable-a", NULL, N_("let the guest write to the image in drive A (also -b)") },
    { "color", NULL, N_("colour monitor (the opposite of --mono)") },
    { "config", "FILE", N_("settings file instead of ~/.config/tandem/tandem.conf") },
};

void settings_print_usage(FILE *f)
{
    fprintf(f, _("Usage: tandem [OPTION]... [DISK-IMAGE]\n"
                 "       tandem --headless [OPTION]... (see tandem --headless --help)\n"));
    opt_print_help(f, OPT_F_SAVED | OPT_F_RUN);
    for (size_t i = 0; i < G_N_ELEMENTS(ui_opts); i++) {
        char left[48];
        g_snprintf(left, sizeof left, "--%s%s%s", ui_opts[i].name, ui_opts[i].arg ? " " : "",
                   ui_opts[i].arg ? ui_opts[i].arg : "");
        fprintf(f, "  %-24s %s\n", left, _(ui_opts[i].help));
    }
}

/* Splits "--name=value" / "--name value"; returns the value or NULL. */
static const char *split(int argc, char **argv, int *i, const char *name_eq, char *name,
                         size_t namelen, bool wants_value, char **error)
{
    const char *eq = strchr(name_eq, '=');
    size_t n = eq ? (size_t)(eq - name_eq) : strlen(name_eq);
    g_strlcpy(name, name_eq, MIN(namelen, n + 1));
    if (eq)
        return eq + 1;
    if (!wants_value)
        return NULL;
    if (*i + 1 >= argc) {
        *error = g_strdup_printf(_("Option --%s needs a value."), name);
        return NULL;
    }
    return argv[++*i];
}

static bool ui_option(settings *s, const char *name, const char *val, char **config_path,
                      char **error)
{
    if (strcmp(name, "scale") == 0) {
        if (!valid_scale(val)) {
            *error = g_strdup_printf(_("'%s' is not a scale (fit, 1, 2, 3 or 4)."), val);
            return false;
        }
        g_free(s->scale);
        s->scale = g_strdup(val);
    } else if (strcmp(name, "unthrottled") == 0) {
        s->unthrottled = true;
    } else if (strcmp(name, "writable-a") == 0 || strcmp(name, "writable-b") == 0) {
        s->disk_writable[name[9] == 'b'] = true;
    } else if (strcmp(name, "color") == 0 || strcmp(name, "colour") == 0) {
        s->mono = false;
    } else if (strcmp(name, "config") == 0) {
        if (config_path) {
            g_free(*config_path);
            *config_path = g_strdup(val);
        }
    }
    return true;
}

bool settings_parse_args(settings *s, int argc, char **argv, char **config_path, char **error)
{
    *error = NULL;
    GPtrArray *shared = g_ptr_array_new();
    g_ptr_array_add(shared, argv[0]);
    for (int i = 1; i < argc && !*error; i++) {
        const char *a = argv[i];
        if (strncmp(a, "--", 2) != 0 || !a[2]) { /* a bare file: the disk for drive A */
            g_free(s->disk[0]);
            s->disk[0] = g_strdup(a);
            continue;
        }
        char name[64];
        const char *eq = strchr(a + 2, '=');
        g_strlcpy(name, a + 2, MIN(sizeof name, (size_t)(eq ? eq - (a + 2) : (long)strlen(a + 2)) + 1));
        size_t k;
        for (k = 0; k < G_N_ELEMENTS(ui_opts) && strcmp(ui_opts[k].name, name) != 0; k++)
            ;
        if (k < G_N_ELEMENTS(ui_opts) || strcmp(name, "colour") == 0) {
            bool wants = k < G_N_ELEMENTS(ui_opts) && ui_opts[k].arg;
            if (!wants && eq) {
                *error = g_strdup_printf(_("Option --%s takes no value."), name);
                break;
            }
            const char *val = split(argc, argv, &i, a + 2, name, sizeof name, wants, error);
            if (!*error)
                ui_option(s, name, val, config_path, error);
            continue;
        }
        const opt_desc *d = opt_find(name);
        if (d && (d->flags & OPT_F_HEADLESS)) {
            *error = g_strdup_printf(_("Option --%s only works with --headless."), name);
            break;
        }
        g_ptr_array_add(shared, argv[i]);
        if (d && d->type != OPT_BOOL && !eq && i + 1 < argc)
            g_ptr_array_add(shared, argv[++i]);
    }
    if (*error) {
        g_ptr_array_free(shared, TRUE);
        return false;
    }
    opt_set o;
    opt_init(&o);
    char err[256];
    bool ok = opt_parse_args(&o, (int)shared->len, (char **)shared->pdata, OPT_F_SAVED | OPT_F_RUN,
                             err, sizeof err);
    g_ptr_array_free(shared, TRUE);
    if (!ok) {
        *error = g_strdup(err);
        opt_free(&o);
        return false;
    }
    if (o.v[OPT_MACHINE].set)
        settings_select_machine(s, opt_str(&o, OPT_MACHINE));
    if (o.v[OPT_ROM].set) {
        g_free(s->rom);
        s->rom = *opt_str(&o, OPT_ROM) ? g_strdup(opt_str(&o, OPT_ROM)) : NULL;
    }
    if (o.v[OPT_RAM].set)
        s->ram_kb = (unsigned)opt_int(&o, OPT_RAM);
    if (o.v[OPT_MONO].set)
        s->mono = opt_bool(&o, OPT_MONO);
    static const opt_id disks[2] = { OPT_DISK_A, OPT_DISK_B };
    for (int d = 0; d < 2; d++)
        if (o.v[disks[d]].set) {
            g_free(s->disk[d]);
            s->disk[d] = *opt_str(&o, disks[d]) ? g_strdup(opt_str(&o, disks[d])) : NULL;
        }
    if (o.v[OPT_DISK_WRITABLE].set)
        s->disk_writable[0] = s->disk_writable[1] = opt_bool(&o, OPT_DISK_WRITABLE);
    opt_free(&o);
    return true;
}
