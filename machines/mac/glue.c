/* Interrupt priority encoding of the Quadra 800 (the two mappings NetBSD
 * documents and QEMU's q800 GLUE models).
 *
 *   input          A/UX mapping (VIA1 PB6 low)   classic mapping (PB6 high)
 *   VIA1           6                             1
 *   VIA2           2                             2
 *   SONIC          3                             (to VIA2 slot $9: not routed here)
 *   SCC            4                             4
 *   ASC            5                             (to VIA2 CB1: not routed here)
 *   NMI switch     7                             7
 *
 * The IPL is the highest level with an asserted input; the CPU's acknowledge
 * always gets an autovector.  Linux sets PB6 low (A/UX mapping) on the
 * Quadra 800; the ROM leaves the classic mapping.
 */
#include "machines/mac/glue.h"

#include <string.h>

static const int aux_level[MAC_GLUE_INPUTS] = {6, 2, 3, 4, 5, 7};
static const int classic_level[MAC_GLUE_INPUTS] = {1, 2, 0, 4, 0, 7};

int mac_glue_level(const mac_glue *g, int line)
{
    if (line < 0 || line >= MAC_GLUE_INPUTS)
        return 0;
    return g->auxmode ? aux_level[line] : classic_level[line];
}

static void update(mac_glue *g)
{
    int ipl = 0;
    for (int i = 0; i < MAC_GLUE_INPUTS; i++) {
        int l = mac_glue_level(g, i);
        if ((g->lines & (1u << i)) && l > ipl)
            ipl = l;
    }
    if (ipl != g->ipl) {
        g->ipl = ipl;
        if (g->hooks.set_ipl)
            g->hooks.set_ipl(g->hooks.ctx, ipl);
    }
}

void mac_glue_init(mac_glue *g, const mac_glue_hooks *hooks)
{
    memset(g, 0, sizeof *g);
    g->hooks = *hooks;
    mac_glue_reset(g);
}

void mac_glue_reset(mac_glue *g)
{
    g->lines = 0;
    g->auxmode = false;
    g->ipl = 0;
    if (g->hooks.set_ipl)
        g->hooks.set_ipl(g->hooks.ctx, 0);
}

void mac_glue_set(mac_glue *g, int line, bool asserted)
{
    if (line < 0 || line >= MAC_GLUE_INPUTS)
        return;
    if (asserted)
        g->lines |= 1u << line;
    else
        g->lines &= ~(1u << line);
    update(g);
}

void mac_glue_set_auxmode(mac_glue *g, bool auxmode)
{
    g->auxmode = auxmode;
    update(g);
}

int mac_glue_ipl(const mac_glue *g)
{
    return g->ipl;
}
