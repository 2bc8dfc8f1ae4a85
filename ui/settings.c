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
    if (!text || !*text)
        return 0;
    char *end;
    errno = 0;
    unsigned long v = strtoul(text, &end, 10);
    if (errno || end == text || v == 0)
        return 0;
    if (*end == 'K' || *end == 'k')
        end++;
    else if (*end == 'M' || *end == 'm')
        v *= 1024, end++;
    if (*end == 'B' || *end == 'b')
        end++;
    if (*end || v > 1024ul * 1024)
        return 0;
    return (unsigned)v;
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

const char *settings_usage(void)
{
    return _("Usage: tandem [OPTION]...\n"
             "  --machine ID        machine model (st)\n"
             "  --rom FILE          operating system ROM image\n"
             "  --ram SIZE          RAM size: 512K, 1M, 2M, 4M\n"
             "  --mono              monochrome monitor (high resolution)\n"
             "  --color             colour monitor\n"
             "  --disk-a IMAGE      disk image in drive A (--disk-b for drive B)\n"
             "  --writable-a        allow writes to the disk in drive A (--writable-b)\n"
             "  --scale fit|1|2|3|4 window scaling\n"
             "  --unthrottled       run as fast as possible\n"
             "  --config FILE       settings file instead of ~/.config/tandem/tandem.conf\n"
             "  --headless ...      run without a window (see tandem --headless --help)\n");
}

bool settings_parse_args(settings *s, int argc, char **argv, char **config_path, char **error)
{
    *error = NULL;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        char *name = g_strdup(a), *val = NULL;
        char *eq = strchr(name, '=');
        if (eq && g_str_has_prefix(name, "--"))
            *eq = 0, val = eq + 1;
        static const char *const with_arg[] = { "--machine", "--rom", "--ram", "--disk-a",
                                                "--disk-b", "--scale", "--config", NULL };
        bool needs = g_strv_contains(with_arg, name);
        if (needs && !val) {
            if (i + 1 >= argc) {
                *error = g_strdup_printf(_("Option %s needs a value."), name);
                g_free(name);
                return false;
            }
            val = argv[++i];
        } else if (!needs && val) {
            *error = g_strdup_printf(_("Option %s takes no value."), name);
            g_free(name);
            return false;
        }
        bool ok = true;
        if (strcmp(name, "--machine") == 0) {
            settings_select_machine(s, val);
        } else if (strcmp(name, "--rom") == 0) {
            g_free(s->rom);
            s->rom = g_strdup(val);
        } else if (strcmp(name, "--ram") == 0) {
            s->ram_kb = settings_parse_ram(val);
            if (!s->ram_kb) {
                *error = g_strdup_printf(_("'%s' is not a memory size (try 512K, 1M, 2M, 4M)."), val);
                ok = false;
            }
        } else if (strcmp(name, "--mono") == 0) {
            s->mono = true;
        } else if (strcmp(name, "--color") == 0 || strcmp(name, "--colour") == 0) {
            s->mono = false;
        } else if (strcmp(name, "--disk-a") == 0 || strcmp(name, "--disk-b") == 0) {
            int d = name[7] == 'b';
            g_free(s->disk[d]);
            s->disk[d] = *val ? g_strdup(val) : NULL;
        } else if (strcmp(name, "--writable-a") == 0 || strcmp(name, "--writable-b") == 0) {
            s->disk_writable[name[11] == 'b'] = true;
        } else if (strcmp(name, "--scale") == 0) {
            if (!valid_scale(val)) {
                *error = g_strdup_printf(_("'%s' is not a scale (fit, 1, 2, 3 or 4)."), val);
                ok = false;
            } else {
                g_free(s->scale);
                s->scale = g_strdup(val);
            }
        } else if (strcmp(name, "--unthrottled") == 0) {
            s->unthrottled = true;
        } else if (strcmp(name, "--config") == 0) {
            if (config_path) {
                g_free(*config_path);
                *config_path = g_strdup(val);
            }
        } else if (strcmp(name, "--frames") == 0 || strcmp(name, "--screenshot") == 0 ||
                   strcmp(name, "--script") == 0 || strcmp(name, "--stats") == 0) {
            *error = g_strdup_printf(_("Option %s only works with --headless."), name);
            ok = false;
        } else {
            *error = g_strdup_printf(_("Unknown option %s (see tandem --help)."), a);
            ok = false;
        }
        g_free(name);
        if (!ok)
            return false;
    }
    return true;
}
