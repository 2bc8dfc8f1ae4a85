/* Integer instructions the 68020 added: MULU.L/MULS.L, DIVU.L/DIVS.L/DIVUL/DIVSL,
 * CHK.L, CHK2/CMP2, CAS/CAS2, PACK/UNPK, EXTB.L, LINK.L, TRAPcc, BKPT, RTD,
 * Bcc.L/BSR.L, MOVE from CCR. */
#include "m68k/ea.h"

/* No rows yet. */
m68k_rows m68k_rows_ops020(void)
{
    m68k_rows r = {NULL, 0};
    return r;
}
