/* The 68020+ full-format extension word of the indexed modes:
 *
 *   15: D/A  14-12: register  11: W/L  10-9: scale  8: 1  7: BS  6: IS
 *   5-4: base displacement size (01 none, 10 word, 11 long)  3: 0
 *   2-0: I/IS (memory indirection and outer displacement size)
 *
 * then the base displacement and the outer displacement.  Reserved
 * encodings take the illegal-instruction exception, as the 68040 does. */
#include "m68k/ea.h"

static uint32_t disp(m68k_cpu *c, unsigned size)
{
    switch (size & 3) {
    case 2: return (uint32_t)(int32_t)(int16_t)ext16(c);
    case 3: return ext32(c);
    default: return 0;
    }
}

uint32_t m68k_ea_full(m68k_cpu *c, uint32_t base, uint32_t ext)
{
    unsigned iis = ext & 7;
    bool is = (ext & 0x40) != 0;
    if ((ext & 0x08) || ((ext >> 4) & 3) == 0 || (is && iis > 3) || iis == 4)
        m68k_illegal_abort(c);
    uint32_t xn = 0;
    if (!is) {
        xn = c->r[ext >> 12];
        if (!(ext & 0x800))
            xn = (uint32_t)(int32_t)(int16_t)xn;
        xn <<= (ext >> 9) & 3;
    }
    if (ext & 0x80)
        base = 0;
    base += disp(c, ext >> 4);
    c->budget -= 4; /* approximate: the 68020 cache case takes 5-11 clocks */
    if (iis == 0)
        return base + xn;
    uint32_t od;
    if (iis & 4) { /* post-indexed: ([bd,An],Xn,od) */
        uint32_t m = rd32(c, base, AE_READ, 0);
        od = disp(c, iis);
        return m + xn + od;
    }
    /* pre-indexed ([bd,An,Xn],od), or memory indirect with the index suppressed */
    uint32_t m = rd32(c, base + xn, AE_READ, 0);
    od = disp(c, iis);
    return m + od;
}
