/* The Quadra 800's interrupt priority logic (in Apple's GLUE/djMEMC/IOSB
 * chip set): device interrupt lines in, an IPL to the 68040 out, every
 * interrupt autovectored. */
#ifndef TANDEM_MAC_GLUE_H
#define TANDEM_MAC_GLUE_H

#include <stdbool.h>

/* Input lines. */
enum {
    MAC_GLUE_VIA1, MAC_GLUE_VIA2, MAC_GLUE_SONIC, MAC_GLUE_SCC, MAC_GLUE_ASC, MAC_GLUE_NMI,
    MAC_GLUE_INPUTS
};

typedef struct mac_glue_hooks {
    void *ctx;
    void (*set_ipl)(void *ctx, int level);
} mac_glue_hooks;

/* Save state, version 1: lines, auxmode, ipl.  hooks are wiring. */
typedef struct mac_glue {
    mac_glue_hooks hooks;
    unsigned lines;   /* bit per input, 1 = asserted */
    bool auxmode;     /* A/UX interrupt mapping (VIA1 PB6 low) */
    int ipl;
} mac_glue;

void mac_glue_init(mac_glue *g, const mac_glue_hooks *hooks);
void mac_glue_reset(mac_glue *g);
void mac_glue_set(mac_glue *g, int line, bool asserted);
void mac_glue_set_auxmode(mac_glue *g, bool auxmode);
int mac_glue_ipl(const mac_glue *g);
/* The level an input line is routed to in the current mode (0: not routed). */
int mac_glue_level(const mac_glue *g, int line);

#endif
