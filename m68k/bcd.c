#include "m68k/ea.h"

static const m68k_row rows[] = {
    {"1111 1111 1111 1111", K_ONE, NULL, NULL, NULL, 0, 1u << 31, 0, "placeholder"},
};
M68K_ROWS(m68k_rows_bcd, rows)
