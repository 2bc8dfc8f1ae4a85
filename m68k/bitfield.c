/* Bit-field instructions of the 68020 and later: BFTST BFEXTU BFEXTS BFCHG BFCLR
 * BFSET BFFFO BFINS, on data registers and memory. */
#include "m68k/ea.h"

/* No rows yet. */
m68k_rows m68k_rows_bitfield(void)
{
    m68k_rows r = {NULL, 0};
    return r;
}
