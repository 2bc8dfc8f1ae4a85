#include "machines/atari_st/glue.h"

#include "m68k/m68k.h"

static void update(st_glue *g)
{
    int ipl = g->mfp ? 6 : g->vbl ? 4 : g->hbl ? 2 : 0;
    if (ipl == g->ipl)
        return;
    g->ipl = ipl;
    if (g->hooks.set_ipl)
        g->hooks.set_ipl(g->hooks.ctx, ipl);
}

void st_glue_init(st_glue *g, const st_glue_hooks *hooks)
{
    g->hooks = *hooks;
    st_glue_reset(g);
}

void st_glue_reset(st_glue *g)
{
    g->hbl = g->vbl = g->mfp = false;
    g->ipl = -1;
    update(g);
}

void st_glue_hbl(st_glue *g)
{
    g->hbl_count++;
    if (!g->hbl) {
        g->hbl = true;
        update(g);
    }
}

void st_glue_vbl(st_glue *g)
{
    g->vbl_count++;
    if (!g->vbl) {
        g->vbl = true;
        update(g);
    }
}

void st_glue_mfp(st_glue *g, bool asserted)
{
    if (g->mfp != asserted) {
        g->mfp = asserted;
        update(g);
    }
}

int st_glue_ipl(const st_glue *g)
{
    return g->ipl;
}

int st_glue_ack(st_glue *g, int level)
{
    int v = M68K_SPURIOUS;
    switch (level) {
    case 6:
        if (g->mfp && g->hooks.mfp_ack) {
            int vec = g->hooks.mfp_ack(g->hooks.ctx);
            v = vec >= 0 ? vec : M68K_SPURIOUS;
        }
        break;
    case 4:
        if (g->vbl) {
            g->vbl = false;
            v = M68K_AUTOVECTOR;
        }
        break;
    case 2:
        if (g->hbl) {
            g->hbl = false;
            v = M68K_AUTOVECTOR;
        }
        break;
    default:
        break;
    }
    update(g);
    return v;
}
