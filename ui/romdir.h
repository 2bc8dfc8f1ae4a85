/* The user's ROM folder ($XDG_DATA_HOME/tandem/roms): listing with
 * identification, safe copying in, removal.  GLib only (testable headless). */
#ifndef TANDEM_UI_ROMDIR_H
#define TANDEM_UI_ROMDIR_H

#include <glib.h>
#include <stdbool.h>

#include "machines/atari_st/tos_known.h"

typedef struct romdir_entry {
    char *path;
    bool in_dir;   /* lives in the ROM folder (else chosen by hand elsewhere) */
    bool readable;
    tos_ident id;
    char *note;    /* why unknown or unreadable, or NULL */
} romdir_entry;

char *romdir_path(void); /* newly allocated */

/* Every file in the ROM folder plus `extra` (may be NULL) when it lies
 * elsewhere, identified; an array of romdir_entry that frees itself. */
GPtrArray *romdir_list(const char *extra);

/* Copies src into the folder (temporary file + rename).  Refuses empty files
 * and files too large to be a ROM.  An identical file already there is reused;
 * a different one with the same name gets a new name.  *dest: the copy. */
bool romdir_add(const char *src, char **dest, GError **error);

/* Deletes a file of the ROM folder (never anything outside it). */
bool romdir_remove(const char *path, GError **error);

/* The first identified ROM suiting the model, or NULL. */
char *romdir_pick(const char *model);

#endif
