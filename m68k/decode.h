/* Decode table construction from the family files' pattern rows. */
#ifndef TANDEM_M68K_DECODE_H
#define TANDEM_M68K_DECODE_H

#include <stddef.h>

#include "m68k/cpu.h"

/* Fill a 65,536-entry table for `model`.  Returns the number of opcodes
 * claimed by two rows of equal priority (0 when the rows are consistent);
 * the first such clash is described in `why` if given.  Opcodes no row
 * claims get the illegal / line-A / line-F handler. */
int m68k_decode_build(m68k_model model, m68k_handler *table, char *why, size_t why_len);

/* How many opcodes a model decodes to real instructions (for tests). */
int m68k_decode_count(const m68k_handler *table);

/* The decode stub stored in fresh dispatch slots. */
void m68k_decode_stub(m68k_cpu *c, uint32_t op);

void m68k_op_illegal(m68k_cpu *c, uint32_t op);

#endif
