/* The ST's GLUE as interrupt priority encoder (C025915 / C101727).
 *
 *   IPL 6  MFP IRQ (level)             vectored: the MFP supplies the vector
 *   IPL 4  VBL (latched each frame)    autovector 28 ($70)
 *   IPL 2  HBL (latched each line)     autovector 26 ($68)
 *
 * HBL and VBL stay pending until the CPU acknowledges them; the CPU sees the
 * highest pending level on its IPL pins. */
#ifndef TANDEM_ST_GLUE_H
#define TANDEM_ST_GLUE_H

#include <stdbool.h>

typedef struct st_glue_hooks {
    void *ctx;
    /* The IPL pins changed (0..7). */
    void (*set_ipl)(void *ctx, int level);
    /* Interrupt acknowledge for the MFP: a vector number, or -1 if nothing is
     * pending any more (then the CPU takes a spurious interrupt). */
    int (*mfp_ack)(void *ctx);
} st_glue_hooks;

typedef struct st_glue {
    st_glue_hooks hooks;
    bool hbl, vbl, mfp;
    int ipl;
    unsigned long long hbl_count, vbl_count; /* raised, for tests and stats */
} st_glue;

void st_glue_init(st_glue *g, const st_glue_hooks *hooks);
void st_glue_reset(st_glue *g);
void st_glue_hbl(st_glue *g);
void st_glue_vbl(st_glue *g);
void st_glue_mfp(st_glue *g, bool asserted);
int st_glue_ipl(const st_glue *g);
/* The CPU acknowledges `level`: a vector number, M68K_AUTOVECTOR or
 * M68K_SPURIOUS. */
int st_glue_ack(st_glue *g, int level);

#endif
