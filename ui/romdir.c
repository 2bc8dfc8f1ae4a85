/* ROM folder management for the ROM manager dialog and the first run. */
#include "config.h"

#include "ui/romdir.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <string.h>

#include "machines/i18n.h"

char *romdir_path(void)
{
    return g_build_filename(g_get_user_data_dir(), "tandem", "roms", NULL);
}

static void entry_free(gpointer p)
{
    romdir_entry *e = p;
    g_free(e->path);
    g_free(e->note);
    g_free(e);
}

static romdir_entry *identify(const char *path, bool in_dir)
{
    romdir_entry *e = g_new0(romdir_entry, 1);
    e->path = g_strdup(path);
    e->in_dir = in_dir;
    char err[512];
    e->readable = tos_identify_file(path, &e->id, err, sizeof err);
    if (err[0])
        e->note = g_strdup(err);
    else if (e->id.match == TOS_UNKNOWN)
        e->note = g_strdup(_("Not a known TOS or EmuTOS image."));
    return e;
}

static int by_name(gconstpointer x, gconstpointer y)
{
    const romdir_entry *a = *(romdir_entry *const *)x, *b = *(romdir_entry *const *)y;
    return g_strcmp0(a->path, b->path);
}

GPtrArray *romdir_list(const char *extra)
{
    GPtrArray *out = g_ptr_array_new_with_free_func(entry_free);
    char *dir = romdir_path();
    GDir *d = g_dir_open(dir, 0, NULL);
    if (d) {
        const char *name;
        while ((name = g_dir_read_name(d))) {
            if (name[0] == '.')
                continue; /* includes our own temporary files */
            char *p = g_build_filename(dir, name, NULL);
            if (!g_file_test(p, G_FILE_TEST_IS_DIR))
                g_ptr_array_add(out, identify(p, true));
            g_free(p);
        }
        g_dir_close(d);
    }
    g_ptr_array_sort(out, by_name);
    if (extra) {
        char *edir = g_path_get_dirname(extra);
        bool inside = strcmp(edir, dir) == 0;
        g_free(edir);
        if (!inside)
            g_ptr_array_insert(out, 0, identify(extra, false));
    }
    g_free(dir);
    return out;
}

bool romdir_add(const char *src, char **dest, GError **error)
{
    *dest = NULL;
    GStatBuf st;
    if (g_stat(src, &st) != 0) {
        g_set_error(error, G_FILE_ERROR, g_file_error_from_errno(errno), _("Cannot open %s: %s"),
                    src, g_strerror(errno));
        return false;
    }
    if (!S_ISREG(st.st_mode) || st.st_size == 0 || (guint64)st.st_size > TOS_MAX_IMAGE) {
        g_set_error(error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                    _("%s is not a ROM image: it is empty, too large or not a file."), src);
        return false;
    }
    char *data;
    gsize len;
    if (!g_file_get_contents(src, &data, &len, error))
        return false;
    char *dir = romdir_path();
    if (g_mkdir_with_parents(dir, 0700) != 0) {
        g_set_error(error, G_FILE_ERROR, g_file_error_from_errno(errno),
                    _("Cannot create %s: %s"), dir, g_strerror(errno));
        g_free(dir);
        g_free(data);
        return false;
    }
    char *base = g_path_get_basename(src);
    if (base[0] == '.')
        base[0] = '_';
    char *path = g_build_filename(dir, base, NULL);
    for (int n = 2; g_file_test(path, G_FILE_TEST_EXISTS); n++) {
        char *old;
        gsize olen;
        if (g_file_get_contents(path, &old, &olen, NULL)) {
            bool same = olen == len && memcmp(old, data, len) == 0;
            g_free(old);
            if (same)
                break; /* already there */
        }
        g_free(path);
        char *name = g_strdup_printf("%d-%s", n, base);
        path = g_build_filename(dir, name, NULL);
        g_free(name);
    }
    bool ok = g_file_test(path, G_FILE_TEST_EXISTS) ||
              g_file_set_contents(path, data, (gssize)len, error); /* temp + rename */
    g_free(base);
    g_free(dir);
    g_free(data);
    if (ok)
        *dest = path;
    else
        g_free(path);
    return ok;
}

bool romdir_remove(const char *path, GError **error)
{
    char *dir = romdir_path(), *pdir = g_path_get_dirname(path);
    bool inside = strcmp(dir, pdir) == 0;
    g_free(dir);
    g_free(pdir);
    if (!inside) {
        g_set_error(error, G_FILE_ERROR, G_FILE_ERROR_PERM,
                    _("%s is not in the ROM folder; it is only forgotten, not deleted."), path);
        return false;
    }
    if (g_unlink(path) != 0) {
        g_set_error(error, G_FILE_ERROR, g_file_error_from_errno(errno),
                    _("Cannot delete %s: %s"), path, g_strerror(errno));
        return false;
    }
    return true;
}

char *romdir_pick(const char *model)
{
    GPtrArray *l = romdir_list(NULL);
    char *best = NULL;
    int best_rank = 0;
    for (guint i = 0; i < l->len; i++) {
        romdir_entry *e = l->pdata[i];
        if (e->id.match == TOS_UNKNOWN || !e->id.machines || !strstr(e->id.machines, model))
            continue;
        int rank = e->id.match == TOS_KNOWN ? 2 : 1;
        if (rank > best_rank) {
            g_free(best);
            best = g_strdup(e->path);
            best_rank = rank;
        }
    }
    g_ptr_array_unref(l);
    return best;
}
