/* The 68040's MMU: transparent translation (ITT0/1, DTT0/1), the three-level
 * table search from URP/SRP, PFLUSH and PTEST.  mem/'s three TLBs are the
 * address translation caches: with translation on, mem/ calls this file's
 * hook on every TLB miss, so a search happens on a miss and its result is
 * cached as logical block -> host bytes of the physical block.
 *
 * Tables (M68040 User's Manual, section 3):
 *   root index   = bits 31-25 (128 root descriptors at URP/SRP, 512-byte aligned)
 *   pointer index= bits 24-18 (128 pointer descriptors, 512-byte aligned)
 *   page index   = bits 17-12 with 4 KB pages (64 descriptors, 256-byte aligned),
 *                  bits 17-13 with 8 KB pages (32 descriptors, 128-byte aligned)
 *   root/pointer descriptors: U bit 3, W bit 2, UDT bits 1-0 (1x resident)
 *   page descriptors: G 10, U1/U0 9-8, S 7, CM 6-5, M 4, U 3, W 2,
 *                     PDT 1-0 (00 invalid, 01/11 resident, 10 indirect)
 *
 * What the TLBs cache is always allowed by the chip's rules or stricter:
 * WRITE entries are filled only by a write search (which set M and passed
 * write protection), READ entries by a read search, CODE by a fetch; TLBs
 * are flushed on a privilege change (mem/), on every write to TC, URP,
 * SRP and the TT registers, and by PFLUSH.  PFLUSHN and PFLUSHAN flush
 * global pages too (the TLBs keep no G bit): more than the chip flushes,
 * which software cannot tell from an ATC that replaced those entries.
 *
 * Approximate (see also m68k_mmu040_restart):
 *  - access errors always restart the instruction (RTE of the format-7
 *    frame); the chip's pending write-backs are never reported (WBnS 0),
 *    which handlers such as Linux's accept;
 *  - the SSW's TM is the CPU's privilege and data/program even for MOVES
 *    (the chip shows SFC/DFC); MA, LK and the CU/CT/CM/CP bits are 0; a
 *    fault in a read-modify-write operand read is reported as a write,
 *    since it is the write permission that is checked;
 *  - a user access to an S page still sets U in its descriptor; M is set
 *    only by a permitted write;
 *  - a bus error while reading a descriptor is an access error with ATC
 *    set (MMUSR B for PTEST);
 *  - PTEST with TC.E clear and no TT match leaves MMUSR 0. */
#include "m68k/ea.h"

enum {
    TC_E = 0x8000,
    TC_P = 0x4000, /* 8 KB pages */
    MMUSR_B = 1u << 11,
    MMUSR_T = 1u << 1,
    MMUSR_R = 1u << 0,
};

/* Descriptors are aligned longs in RAM or ROM; anything else is a bus
 * error of the table search. */
static bool phys_rd(m68k_cpu *c, uint32_t pa, uint32_t *v)
{
    return mem_phys_read32(c->mem, pa, v);
}

static void phys_wr(m68k_cpu *c, uint32_t pa, uint32_t v)
{
    mem_phys_write32(c->mem, pa, v);
}

/* TT register match: enabled, the S field (00 user, 01 supervisor, 1x
 * both) and the logical base under the mask (address bits 31-24). */
static bool tt_match(uint32_t tt, uint32_t la, bool super)
{
    if (!(tt & 0x8000))
        return false;
    unsigned sf = tt >> 13 & 3;
    if (!(sf & 2) && (sf & 1) != (unsigned)super)
        return false;
    return (((la >> 24) ^ (tt >> 24)) & ~(tt >> 16) & 0xFF) == 0;
}

/* One translation: the MMUSR value a PTEST would leave (R clear for an
 * invalid descriptor, B for a bus error on a table read), the physical
 * address, and whether the access is refused (*deny).  `update` writes the
 * U bits of every descriptor met and the M bit of the page on a permitted
 * write, as the chip does with its locked read-modify-write cycles. */
uint32_t m68k_mmu040_search(m68k_cpu *c, uint32_t la, bool write, bool super, bool fetch,
                            bool update, uint32_t *pa, bool *deny)
{
    const uint32_t *tt = fetch ? c->itt : c->dtt;
    *pa = la;
    *deny = false;
    for (int i = 0; i < 2; i++) {
        if (tt_match(tt[i], la, super)) {
            *deny = write && (tt[i] & 4);
            return MMUSR_T | MMUSR_R;
        }
    }
    if (!(c->tc & TC_E))
        return 0;
    *deny = true;
    uint32_t wp = 0, d, da = ((super ? c->srp : c->urp) & ~0x1FFu) + (la >> 25) * 4;
    for (int level = 0; level < 2; level++) {
        if (!phys_rd(c, da, &d))
            return MMUSR_B;
        if (!(d & 2))
            return 0;
        if (update && !(d & 8))
            phys_wr(c, da, d | 8);
        wp |= d & 4;
        if (level == 0) {
            da = (d & ~0x1FFu) + (la >> 18 & 0x7F) * 4;
        } else if (c->tc & TC_P) {
            da = (d & ~0x7Fu) + (la >> 13 & 0x1F) * 4;
        } else {
            da = (d & ~0xFFu) + (la >> 12 & 0x3F) * 4;
        }
    }
    if (!phys_rd(c, da, &d))
        return MMUSR_B;
    if ((d & 3) == 2) { /* indirect: the page descriptor is elsewhere */
        da = d & ~3u;
        if (!phys_rd(c, da, &d))
            return MMUSR_B;
        if ((d & 3) == 2)
            return 0; /* an indirect descriptor may not point at another */
    }
    if ((d & 3) == 0)
        return 0;
    wp |= d & 4;
    bool s_fault = (d & 0x80) && !super;
    bool w_fault = write && wp;
    if (update) {
        uint32_t nd = d | 8;
        if (write && !wp && !s_fault)
            nd |= 0x10;
        if (nd != d)
            phys_wr(c, da, nd);
        d = nd;
    }
    uint32_t pmask = (c->tc & TC_P) ? 0xFFFFE000u : 0xFFFFF000u;
    *pa = (d & pmask) | (la & ~pmask);
    *deny = s_fault || w_fault;
    return (d & pmask) | (d & 0x7F0) | wp | MMUSR_R;
}

/* mem/'s translation hook. */
static int translate(void *ctx, uint32_t la, unsigned acc, uint32_t *pa)
{
    m68k_cpu *c = ctx;
    bool deny;
    m68k_mmu040_search(c, la, (acc & MEM_ACC_WRITE) != 0, (acc & MEM_ACC_SUPER) != 0,
                       (acc & MEM_ACC_FETCH) != 0, !(acc & MEM_ACC_PROBE), pa, &deny);
    return deny;
}

void m68k_mmu040_changed(m68k_cpu *c)
{
    if (c->model != M68K_68040)
        return;
    bool on = (c->tc & TC_E) || ((c->itt[0] | c->itt[1] | c->dtt[0] | c->dtt[1]) & 0x8000);
    mem_set_translate(c->mem, on ? translate : NULL, c);
    mem_flush_all(c->mem); /* new tables or TT windows: nothing cached stays */
}

void m68k_mmu040_reset(m68k_cpu *c)
{
    c->tc = 0;
    for (int i = 0; i < 2; i++) {
        c->itt[i] &= ~0x8000u;
        c->dtt[i] &= ~0x8000u;
    }
    m68k_mmu040_changed(c);
}

/* ---- Restarting an instruction after an access error ----
 * RTE of the format-7 frame restarts the instruction at insn_pc, so what
 * it changed before the fault must be undone.  Handled: MOVE's (An)+ and
 * -(An) source (the destination's An is only written after its write);
 * the one-operand ALU forms that read their operand with ea_read or
 * ea_read_rmw (OR/SUB/CMP/EOR/AND/ADD with Dn or An, the immediate forms,
 * ADDQ/SUBQ, NEGX/CLR/NEG/NOT/TST, MULU/MULS/DIVU/DIVS.W), which move An
 * before the access except a long (An)+, updated after it; and the
 * return-address pushes of BSR, JSR, PEA and LINK (SP is decremented
 * before the write).  Every other instruction leaves its registers as
 * they were when it faulted (MOVEM and MOVE16 write their address
 * registers only at the end). */

/* Operand size of a one-operand ALU form whose EA is bits 0-5, or 0. */
static int alu_size(uint32_t op)
{
    unsigned line = op >> 12, sz2 = op >> 6 & 3, opmode = op >> 6 & 7;
    static const int bwl[4] = {1, 2, 4, 0};
    switch (line) {
    case 0x0:
        if ((op & 0x0100) || (op >> 9 & 7) == 4 || (op >> 9 & 7) == 7)
            return 0; /* bit operations, MOVEP, MOVES, CAS */
        return bwl[sz2];
    case 0x4:
        if ((op & 0xF900) == 0x4000 || (op & 0xFF00) == 0x4A00 || (op & 0xFF00) == 0x4600)
            return bwl[sz2]; /* NEGX, CLR, NEG, NOT, TST */
        return 0;
    case 0x5:
        return bwl[sz2]; /* ADDQ/SUBQ (size 3 is Scc/DBcc/TRAPcc) */
    case 0x8:
    case 0xC:
        return opmode == 3 || opmode == 7 ? 2 : bwl[opmode & 3];
    case 0x9:
    case 0xB:
    case 0xD:
        return opmode == 3 ? 2 : opmode == 7 ? 4 : bwl[opmode & 3];
    default:
        return 0;
    }
}
static bool opcode_at(m68k_cpu *c, uint32_t pc, uint32_t *op)
{
    uint32_t pa;
    bool deny;
    uint32_t st = m68k_mmu040_search(c, pc, false, supervisor(c), true, false, &pa, &deny);
    if (deny || (!(st & MMUSR_R) && (c->tc & TC_E)))
        return false;
    *op = mem_peek(c->mem, pa, 2);
    return true;
}

void m68k_mmu040_restart(m68k_cpu *c, const mem_fault *f)
{
    uint32_t op;
    if (f->fetch && f->addr == c->insn_pc)
        return; /* the opcode itself: nothing ran */
    if (!opcode_at(c, c->insn_pc, &op))
        return;
    unsigned line = op >> 12;
    if (line >= 1 && line <= 3) { /* MOVE, MOVEA */
        int sz = line == 1 ? 1 : line == 3 ? 2 : 4;
        int sm = op >> 3 & 7, sn = op & 7;
        uint32_t step = sz == 1 ? c->byte_step[sn] : (uint32_t)sz;
        bool read_fault = !f->write && !f->fetch;
        if (sm == 3 && !(read_fault && sz == 4)) /* (An)+: long reads update An after */
            c->a[sn] -= step;
        else if (sm == 4)
            c->a[sn] += step;
        return;
    }
    int sz = alu_size(op), m = op >> 3 & 7, n = op & 7;
    if (sz && !f->fetch && (m == 3 || m == 4)) {
        uint32_t step = sz == 1 ? c->byte_step[n] : (uint32_t)sz;
        if (m == 4)
            c->a[n] += step;
        else if (sz != 4)
            c->a[n] -= step;
        return;
    }
    bool push = (op & 0xFF00) == 0x6100 ||              /* BSR */
                (op & 0xFFC0) == 0x4E80 ||              /* JSR */
                ((op & 0xFFC0) == 0x4840 && (op & 0x38)) || /* PEA (not SWAP) */
                (op & 0xFFF8) == 0x4E50 || (op & 0xFFF8) == 0x4808; /* LINK.W, LINK.L */
    if (push && f->write && f->addr - c->a[7] < 4)
        c->a[7] += 4;
}

/* ---- PFLUSH, PTEST ---- */

static uint32_t page_size(const m68k_cpu *c)
{
    return (c->tc & TC_P) ? 0x2000 : 0x1000;
}

/* 1111 0101 000o orrr: opmode 00 PFLUSHN (An), 01 PFLUSH (An), 10 PFLUSHAN,
 * 11 PFLUSHA.  The (An) forms flush the page of An in both ATCs for the
 * function code in DFC; the TLBs hold only the current privilege's
 * entries, so the page is dropped whatever DFC says. */
static void op_pflush(m68k_cpu *c, uint32_t op)
{
    M68K_IR(c, op);
    if (!supervisor(c)) {
        m68k_privilege(c);
        return;
    }
    if (op & 0x10) {
        mem_flush_all(c->mem);
    } else {
        uint32_t ps = page_size(c);
        uint32_t page = c->a[op & 7] & ~(ps - 1);
        mem_flush_range(c->mem, page, ps);
        /* The code block before the page may hold an instruction that
         * runs on into it (mem/ fetches its extension words from here). */
        mem_flush_range(c->mem, page - MEM_CODE_BLOCK, MEM_CODE_BLOCK);
    }
    c->budget -= 8;
    prefetch(c);
    m68k_next(c);
}

/* 1111 0101 01r0 1nnn: PTESTW (r = 0) and PTESTR (r = 1) of (An) in the
 * address space DFC names: a table search as an access of that kind would
 * do (U, and for PTESTW M, updated), its result in MMUSR. */
static void op_ptest(m68k_cpu *c, uint32_t op)
{
    M68K_IR(c, op);
    if (!supervisor(c)) {
        m68k_privilege(c);
        return;
    }
    uint32_t la = c->a[op & 7], pa;
    bool deny, write = !(op & 0x20);
    uint32_t fc = c->dfc & 7;
    uint32_t st = m68k_mmu040_search(c, la, write, (fc & 4) != 0, (fc & 3) == 2, true, &pa, &deny);
    c->mmusr = st;
    /* The search replaced the ATC entry for this page. */
    uint32_t ps = page_size(c);
    mem_flush_range(c->mem, la & ~(ps - 1), ps);
    c->budget -= 20;
    prefetch(c);
    m68k_next(c);
}

static const m68k_handler h_pflush[1] = {op_pflush};
static const m68k_handler h_ptest[1] = {op_ptest};

static const m68k_row rows[] = {
    {"1111 0101 000- ----", K_ONE, h_pflush, NULL, NULL, 0, MODELS_68040_ONLY, 0,
     "PFLUSH/PFLUSHN/PFLUSHA/PFLUSHAN"},
    {"1111 0101 01-0 1---", K_ONE, h_ptest, NULL, NULL, 0, MODELS_68040_ONLY, 0, "PTESTR/PTESTW"},
};
M68K_ROWS(m68k_rows_mmu040, rows)
