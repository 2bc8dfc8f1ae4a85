/* The 64K decode table, filled per CPU model from readable bit patterns.
 * Each family file lists rows {pattern, kind, handlers, valid EA set, models,
 * priority}; overlapping rows must say which one wins (tests/test_decode.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "m68k/decode.h"
#include "m68k/ea.h"

void m68k_op_illegal(m68k_cpu *c, uint32_t op)
{
    m68k_illegal(c, op);
}

static bool parse(const char *p, uint32_t *mask, uint32_t *value)
{
    int bits = 0;
    *mask = *value = 0;
    for (; *p; p++) {
        if (*p == ' ')
            continue;
        *mask <<= 1;
        *value <<= 1;
        if (*p == '0' || *p == '1') {
            *mask |= 1;
            *value |= (uint32_t)(*p - '0');
        }
        bits++;
    }
    return bits == 16;
}

static m68k_handler pick(const m68k_row *r, uint32_t op)
{
    int fam = ea_family(op & 63);
    switch (r->kind) {
    case K_ONE:
        return r->h[0];
    case K_EA:
        if (fam < 0 || !(r->ea_mask & (1u << fam)))
            return NULL;
        return r->h[fam];
    case K_SZ: {
        unsigned s = op >> 6 & 3;
        const m68k_handler *t = s == 0 ? r->h : s == 1 ? r->h_w : s == 2 ? r->h_l : NULL;
        return t ? t[0] : NULL;
    }
    case K_SZEA:
    case K_SZEA_ANY: {
        if (fam < 0 || !(r->ea_mask & (1u << fam)))
            return NULL;
        unsigned s = op >> 6 & 3;
        if (s == 3)
            return NULL;
        if (s == 0 && fam == M_AN && r->kind == K_SZEA)
            return NULL; /* byte access to An does not exist */
        const m68k_handler *t = s == 0 ? r->h : s == 1 ? r->h_w : r->h_l;
        return t ? t[fam] : NULL;
    }
    case K_MOVE: {
        unsigned s = op >> 12 & 3;
        int sz = s == 1 ? 1 : s == 3 ? 2 : 4;
        int dst = ea_family((op >> 9 & 7) | (op >> 3 & 0x38));
        if (fam < 0 || dst < 0 || s == 0)
            return NULL;
        if (!(r->ea_mask & (1u << dst)))
            return NULL;
        if (sz == 1 && (fam == M_AN || dst == M_AN))
            return NULL;
        return m68k_move_table(sz)[dst * M_COUNT + fam];
    }
    default:
        return NULL;
    }
}

typedef m68k_rows (*rows_fn)(void);

int m68k_decode_build(m68k_model model, m68k_handler *table, char *why, size_t why_len)
{
    static const rows_fn families[] = {m68k_rows_move, m68k_rows_alu,   m68k_rows_shift,
                                       m68k_rows_bits, m68k_rows_bcd,   m68k_rows_muldiv,
                                       m68k_rows_branch, m68k_rows_system,
                                       m68k_rows_bitfield, m68k_rows_ops020, m68k_rows_control,
                                       m68k_rows_fpu,
                                       m68k_rows_mmu040};
    signed char *prio = malloc(65536);
    const char **owner = calloc(65536, sizeof *owner);
    int clashes = 0;
    if (!prio || !owner) {
        free(prio);
        free(owner);
        return -1;
    }
    memset(prio, -128, 65536);
    if (why && why_len)
        why[0] = 0;
    for (uint32_t op = 0; op < 65536; op++)
        table[op] = m68k_op_illegal;

    for (size_t f = 0; f < sizeof families / sizeof families[0]; f++) {
        m68k_rows rows = families[f]();
        for (int i = 0; i < rows.count; i++) {
            const m68k_row *r = &rows.rows[i];
            uint32_t mask, value;
            if (r->models && !(r->models & (1u << model)))
                continue;
            if (!parse(r->pattern, &mask, &value)) {
                if (why && why_len)
                    snprintf(why, why_len, "bad pattern \"%s\" (%s)", r->pattern, r->name);
                clashes++;
                continue;
            }
            /* Visit only the opcodes the pattern matches: every subset of its
             * free bits, added to the fixed value. */
            uint32_t free_bits = ~mask & 0xFFFF;
            uint32_t sub = 0;
            do {
                uint32_t op = value | sub;
                sub = (sub - free_bits) & free_bits; /* next subset */
                m68k_handler h = pick(r, op);
                if (!h)
                    continue;
                if (r->priority < prio[op])
                    continue;
                if (r->priority == prio[op]) {
                    if (clashes == 0 && why && why_len)
                        snprintf(why, why_len, "opcode %04X: %s and %s", (unsigned)op,
                                 owner[op], r->name);
                    clashes++;
                }
                prio[op] = (signed char)r->priority;
                owner[op] = r->name;
                table[op] = h;
            } while (sub != 0);
        }
    }
    free(prio);
    free(owner);
    return clashes;
}

int m68k_decode_count(const m68k_handler *table)
{
    int n = 0;
    for (uint32_t op = 0; op < 65536; op++)
        n += table[op] != m68k_op_illegal;
    return n;
}

void m68k_decode_stub(m68k_cpu *c, uint32_t unused)
{
    (void)unused;
    uint32_t pc = c->pc - 2;
    uint32_t op = mem_fetch16(c->mem, pc);
    m68k_handler h = c->table[op];
    mem_slot *s = mem_code_slot(c->mem, pc);
    c->mem->stats.dispatch_decodes++;
    if (s != &c->mem->uncached_slot) {
        m68k_handler pair = m68k_fuse_compare(c, pc, &op);
        if (pair)
            h = pair;
        s->fn = (mem_dispatch_fn)h;
        s->data = op;
    }
    c->ir = op & 0xFFFF;
    h(c, op);
}
