/* The preferences table: every user-settable option once, with its name, type,
 * default and help text.  The command line (headless runner and GTK program),
 * the UI's config file and its dialogs are all derived from this table
 * (STYLE.md 15).  No GTK here. */
#ifndef TANDEM_OPTIONS_H
#define TANDEM_OPTIONS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "machines/machine.h"

typedef enum opt_type {
    OPT_BOOL,   /* --name / --no-name; file: true/false */
    OPT_INT,    /* decimal, within [min, max] */
    OPT_STRING, /* free text */
    OPT_PATH,   /* a file name (dialogs show a file chooser) */
    OPT_CHOICE, /* one of `choices` */
    OPT_SIZE_KB /* RAM size: 512K ... 256M (kilobytes; must be in `choices`) */
} opt_type;

/* Where an option is meaningful. */
enum {
    OPT_F_SAVED = 1u << 0,    /* a preference: kept in the config file, shown in dialogs */
    OPT_F_HEADLESS = 1u << 1, /* only the headless runner uses it */
    OPT_F_RUN = 1u << 2       /* per run (command line only), never saved */
};

/* The options, as indices into the table and into an option set. */
typedef enum opt_id {
    OPT_MACHINE,
    OPT_ROM,
    OPT_RAM,
    OPT_MONO,
    OPT_DISK_A,
    OPT_DISK_B,
    OPT_DISK_WRITABLE,
    OPT_HEADLESS,
    OPT_FRAMES,
    OPT_SCREENSHOT,
    OPT_SCRIPT,
    OPT_STATS,
    OPT_KERNEL,
    OPT_INITRD,
    OPT_APPEND,
    OPT_SERIAL_OUT,
    OPT_SERIAL_IN,
    OPT_SCSI_DISK,
    OPT_CDROM,
    OPT_FPU,
    OPT_COUNT
} opt_id;

typedef struct opt_desc {
    const char *name;    /* long option without dashes; config file key */
    opt_type type;
    const char *def;     /* default, in the text form the parser accepts */
    const char *arg;     /* argument placeholder for --help ("FILE"), NULL for bools */
    const char *help;    /* untranslated; show with _() */
    const char *choices; /* OPT_CHOICE / OPT_SIZE_KB: space-separated */
    long min, max;       /* OPT_INT */
    unsigned flags;
} opt_desc;

/* A value for each option.  Strings are owned by the set. */
typedef struct opt_value {
    bool set; /* given explicitly (command line or file), not the default */
    bool b;
    long i;
    char *s;
} opt_value;

typedef struct opt_set {
    opt_value v[OPT_COUNT];
} opt_set;

const opt_desc *opt_table(void);
const opt_desc *opt_find(const char *name);

/* Fill with defaults / free the strings. */
void opt_init(opt_set *o);
void opt_free(opt_set *o);

/* Set an option from its text form.  false with a translated message in err. */
bool opt_set_text(opt_set *o, opt_id id, const char *text, char *err, size_t errlen);
/* The value as text (the form the config file stores); buf is used for numbers. */
const char *opt_get_text(const opt_set *o, opt_id id, char *buf, size_t len);

static inline bool opt_bool(const opt_set *o, opt_id id) { return o->v[id].b; }
static inline long opt_int(const opt_set *o, opt_id id) { return o->v[id].i; }
static inline const char *opt_str(const opt_set *o, opt_id id) { return o->v[id].s; }

/* Parse a command line.  Accepts --name VALUE, --name=VALUE, --flag, --no-flag.
 * Arguments that are not options are an error too.  `mask`: which options are
 * accepted (OPT_F_* bits; 0 = all).  Returns false with a translated message
 * naming the offending argument in err. */
bool opt_parse_args(opt_set *o, int argc, char **argv, unsigned mask, char *err, size_t errlen);

/* Config file: "name = value" lines, '#' comments.  Only OPT_F_SAVED options
 * are read or written.  Loading a missing file is not an error (returns true).
 * Saving writes a temporary file and renames it over the old one. */
bool opt_load_file(opt_set *o, const char *path, char *err, size_t errlen);
bool opt_save_file(const opt_set *o, const char *path, char *err, size_t errlen);

/* Print "--name ARG  help (default: ...)" lines for the options in `mask`. */
void opt_print_help(FILE *f, unsigned mask);

/* The machine_config an option set describes.  Strings point into `o`. */
void opt_machine_config(const opt_set *o, machine_config *cfg);

/* Parse "512K", "1M", "1024", "4MB" into kilobytes; false if malformed. */
bool opt_parse_size_kb(const char *text, long *kb);

#endif
