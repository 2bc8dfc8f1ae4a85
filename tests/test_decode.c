/* The decode table: no two pattern rows may claim an opcode without an
 * explicit priority, and the 68000 must decode the expected set. */
#include <stdio.h>
#include <stdlib.h>

#include "m68k/decode.h"
#include "tests/tap.h"

static const char *exp_name[] = {"68000", "68010", "68020", "68030", "68040"};

int main(void)
{
    m68k_handler *t = malloc(65536 * sizeof *t);
    if (!tap_ok(t != NULL, "allocate a table"))
        return tap_done();
    for (int m = M68K_68000; m <= M68K_68040; m++) {
        char why[256];
        int clashes = m68k_decode_build((m68k_model)m, t, why, sizeof why);
        if (!tap_ok(clashes == 0, "%s: no overlapping rows without priority", exp_name[m]))
            tap_diag("%d clashes, first: %s", clashes, why);
        int n = m68k_decode_count(t);
        tap_diag("%s decodes %d opcodes", exp_name[m], n);
        if (m == M68K_68000) {
            /* Spot checks: known 68000 opcodes decode, known illegal ones do not. */
            static const unsigned legal[] = {0x4E71, 0x4E75, 0x4E73, 0x4E77, 0x4E76, 0x4E70,
                                             0x4E72, 0x7001, 0x2000, 0x3E3C, 0xD040, 0xC140,
                                             0xE148, 0x0108, 0x48E7, 0x4CDF, 0x4AD0,
                                             0x4840, 0x4E40, 0x6000, 0x51C8, 0x4180};
            static const unsigned illegal[] = {0x4E7A, 0x4E7B, 0x49C0, 0x06FC,
                                               0xA000, 0xF000, 0x4E74, 0x25C0};
            int bad = 0;
            for (size_t i = 0; i < sizeof legal / sizeof legal[0]; i++)
                if (t[legal[i]] == m68k_op_illegal) {
                    tap_diag("%04X should decode", legal[i]);
                    bad++;
                }
            for (size_t i = 0; i < sizeof illegal / sizeof illegal[0]; i++)
                if (t[illegal[i]] != m68k_op_illegal) {
                    tap_diag("%04X should be illegal on the 68000", illegal[i]);
                    bad++;
                }
            tap_ok(bad == 0, "68000 spot checks of legal and illegal opcodes");
            tap_ok(n > 40000 && n < 60000, "68000 decodes a plausible number of opcodes (%d)", n);
        }
    }
    /* The model gate: MOVE from SR D0 is a different (privileged) form on the 68010. */
    m68k_handler *t2 = malloc(65536 * sizeof *t2);
    if (t2 && m68k_decode_build(M68K_68000, t, NULL, 0) == 0 &&
        m68k_decode_build(M68K_68010, t2, NULL, 0) == 0)
        tap_ok(t[0x40C0] != t2[0x40C0] && t[0x40C0] != m68k_op_illegal &&
                   t2[0x40C0] != m68k_op_illegal && t[0x4E71] == t2[0x4E71],
               "rows are gated by model (MOVE from SR differs between 68000 and 68010)");
    else
        tap_ok(0, "build tables for the model-gate check");
    free(t2);
    free(t);
    return tap_done();
}
