/* The 68010+ supervisor side: MOVEC, MOVES, and the 68040's MOVE16 and
 * CINV/CPUSH. */
#include "m68k/ea.h"

/* No rows yet. */
m68k_rows m68k_rows_control(void)
{
    m68k_rows r = {NULL, 0};
    return r;
}
