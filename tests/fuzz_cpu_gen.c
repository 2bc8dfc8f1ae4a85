/* fuzz_cpu_gen: differential instruction fuzzer for tandem-run vs qemu-m68k.
 *
 *   fuzz_cpu_gen --seed S --cases N [--first F] --cpu 68040|68020|68000 --classes LIST
 *                [--kmax K] [--dumpwin] -o out.S
 *   fuzz_cpu_gen --compare TANDEM.bin QEMU.bin [the same options] [--known FILE]
 *                [--report N] [--engine-a NAME] [--engine-b NAME]
 *
 * The first form writes GNU assembler source (m68k-linux-gnu-as syntax) of one
 * static Linux/m68k program holding cases F .. F+N-1.  Every case fills a 4 KB
 * data window at a fixed address (fz_win, 0x800000 by tests/fuzz_cpu.ld) with
 * seeded bytes, loads D0-D7, A0-A4 and the user SP (pointing into the window)
 * with seeded values, sets the CCR, runs 1..K random user-mode instructions that
 * are valid by construction, and stores a 64-byte record: CCR, D0-D7, A0-A4 and
 * SP as offsets from the window, and a checksum of the window.  Records are
 * written to stdout in one write system call per 100 cases.
 *
 * --even keeps word and long data at even addresses (the 68000's rule; the
 * 68020+ allow odd ones).
 *
 * Each case draws from its own generator seeded by (seed, case number), so a
 * case is the same in any program that holds it (--first/--cases select).
 *
 * Validity: the generator tracks which address registers point where in the
 * window and which data registers hold known values, and only emits memory
 * operands whose every byte lies inside the window; index registers get a
 * known small value first (moveq) when none is at hand; divisors are made
 * nonzero by an ori first; CHK/CHK2 bounds are set up to hold; branches only go
 * forward inside the case.  Flags the manual leaves undefined are tracked per
 * case and masked by --compare.
 *
 * The second form regenerates the same cases, compares the two engines'
 * records case by case, prints the first N (--report) differing cases that are
 * not known (all of them with --show-known): instruction text and both dumps,
 * and ends with one line:
 *     counts cases=N agree=N differ=N known=N printed=N trapped=N
 * (trapped: agreeing cases where both engines raised the same signal).
 * Differences whose case contains an instruction matching a line of the known
 * file (CLASS<TAB>extended regex<TAB>manual reference) count as known. */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <regex.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define WIN 4096              /* window size in bytes */
#define WIN_ADDR 0x800000u    /* fz_win, fixed by tests/fuzz_cpu.ld */
#define UNK INT_MIN           /* an address register pointing nowhere known */
#define REC 64                /* bytes per case record */
#define FLUSH_EVERY 100
#define MAX_LINES 96
#define TABLE 32              /* bytes of PC-relative data per case */

enum { CF_C = 1, CF_V = 2, CF_Z = 4, CF_N = 8, CF_X = 16, CF_NZVC = 15 };

enum cls {
    C_MOVE, C_ALU, C_SHIFT, C_BIT, C_BCD, C_MULDIV16, C_MISC, C_BRANCH, C_BCDX,
    C_EA020, C_MULDIV32, C_BITFIELD, C_EXTB, C_CAS, C_CHK2CMP2, C_PACKUNPK, C_BCCL,
    C_LINKL, C_MISC020, C_COUNT
};
static const char *const cls_name[C_COUNT] = {
    "move", "alu", "shift", "bit", "bcd", "muldiv16", "misc", "branch", "bcdx",
    "ea020", "muldiv32", "bitfield", "extb", "cas", "chk2cmp2", "packunpk", "bccl",
    "link_l", "misc020"};
/* "68000": the 68000 classes on the operands the manual defines (bcdx apart) */
#define CLS_68000 ((1u << C_BCDX) - 1)
#define CLS_020 (((1u << C_COUNT) - 1) & ~((1u << C_EA020) - 1))

/* ---- random numbers: splitmix64 ---- */
typedef struct { uint64_t s; } rng;
static uint64_t rnext(rng *r)
{
    uint64_t z = (r->s += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}
static uint32_t r32(rng *r) { return (uint32_t)(rnext(r) >> 32); }
static int rn(rng *r, int n) { return n <= 1 ? 0 : (int)(rnext(r) % (uint64_t)n); }
static int rrange(rng *r, int lo, int hi) { return lo + rn(r, hi - lo + 1); } /* inclusive */
static bool rp(rng *r, int percent) { return rn(r, 100) < percent; }

/* ---- generator state ---- */
typedef struct {
    int aoff[8];        /* A0-A4 and A7: offset into the window, or UNK */
    bool dk[8];         /* data register value known */
    uint32_t dv[8];
    unsigned undef;     /* CCR bits undefined now */
    unsigned undef_v;   /* CCR bits undefined if V is set (after a divide) */
} state;

typedef struct {
    char text[200];
    int cls;
} line;

typedef struct {
    /* options */
    uint64_t seed;
    unsigned classes;
    int kmax;
    bool cpu020; /* --cpu 68020 */
    bool even;   /* --even: word and long data at even addresses only (68000 rule) */
    /* per case */
    rng r;
    long caseno;
    state s;
    line lines[MAX_LINES];
    int nlines;
    int cur;           /* class of the instruction being made */
    unsigned busy_d;   /* data registers the current instruction already uses as index */
    unsigned busy_a;   /* address registers the current instruction uses */
    bool force020;     /* ea020: the next memory operand must be a 68020 mode */
    bool ptr_used;     /* the current instruction has a memory-indirect operand */
    bool table_used;
    bool sp_ok;        /* A7 may be used in this operand */
    int label;
    uint8_t table[TABLE];
    /* initial values, for reports */
    uint32_t init_d[8];
    int init_a[8];
    unsigned init_ccr;
    uint32_t fill_seed;
} gen;

static const char *const SZ[] = {"", "b", "w", "", "l"};

static void emit(gen *g, const char *fmt, ...)
{
    if (g->nlines >= MAX_LINES)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(g->lines[g->nlines].text, sizeof g->lines[0].text, fmt, ap);
    va_end(ap);
    g->lines[g->nlines].cls = g->cur;
    g->nlines++;
}

/* Flags effect of the instruction just emitted: def = bits it sets to a defined
 * value, nu = bits it leaves undefined, nuv = bits undefined when V ends set. */
static void flags(gen *g, unsigned def, unsigned nu, unsigned nuv)
{
    state *s = &g->s;
    if ((def & CF_V) && (s->undef_v & ~def)) /* the V that told us is gone */
        s->undef |= s->undef_v & ~def;
    if (def & CF_V)
        s->undef_v = 0;
    s->undef &= ~def;
    s->undef_v &= ~def;
    s->undef |= nu;
    s->undef_v |= nuv;
}
static void dw(gen *g, int n) { g->s.dk[n] = false; }
static void dset(gen *g, int n, uint32_t v)
{
    g->s.dk[n] = true;
    g->s.dv[n] = v;
}
static const char *dn(int n)
{
    static const char *const names[] = {"%d0", "%d1", "%d2", "%d3", "%d4", "%d5", "%d6", "%d7"};
    return names[n & 7];
}
static const char *an(int n)
{
    static const char *const names[] = {"%a0", "%a1", "%a2", "%a3", "%a4", "%a5", "%a6", "%sp"};
    return names[n & 7];
}

/* An interesting 32-bit value. */
static uint32_t rval(rng *r)
{
    static const uint32_t special[] = {0, 1, 2, 0x7F, 0x80, 0xFF, 0x100, 0x7FFF, 0x8000, 0xFFFF,
                                       0x10000, 0x7FFFFFFF, 0x80000000u, 0xFFFFFFFFu,
                                       0xFFFFFF80u, 0xFFFF8000u, 0x99, 0x9999, 0x12345678};
    switch (rn(r, 8)) {
    case 0: return (uint32_t)rn(r, 17);
    case 1: return (uint32_t)-rrange(r, 1, 17);
    case 2: return special[rn(r, (int)(sizeof special / sizeof special[0]))];
    case 3: return r32(r) & 0xFF;
    case 4: return r32(r) & 0xFFFF;
    default: return r32(r);
    }
}
static uint32_t rimm(rng *r, int size)
{
    uint32_t v = rval(r);
    return size == 1 ? (v & 0xFF) : size == 2 ? (v & 0xFFFF) : v;
}

/* ---- effective addresses ---- */
enum {
    EA_DN = 1, EA_AN = 2, EA_IND = 4, EA_POST = 8, EA_PRE = 16, EA_D16 = 32, EA_IDX = 64,
    EA_ABS = 128, EA_PCD = 256, EA_PCX = 512, EA_IMM = 1024,
    M_DALT = EA_DN | EA_IND | EA_POST | EA_PRE | EA_D16 | EA_IDX | EA_ABS,
    M_MALT = M_DALT & ~EA_DN,
    M_DATA = M_DALT | EA_PCD | EA_PCX | EA_IMM,
    M_ALL = M_DATA | EA_AN,
    M_CTRL = EA_IND | EA_D16 | EA_IDX | EA_ABS | EA_PCD | EA_PCX,
    M_CALT = EA_IND | EA_D16 | EA_IDX | EA_ABS,
    M_MEM = M_CTRL | EA_POST | EA_PRE
};

typedef struct {
    char text[120];
    int mode;   /* the EA_ bit chosen (EA_IDX also for 68020 forms) */
    int reg;    /* Dn/An number for EA_DN/EA_AN and register modes */
    int off;    /* window offset of the address for memory modes, UNK for PC */
    uint32_t imm;
} ea_t;

static bool in_win(long lo, long hi) { return lo >= 0 && hi <= WIN && lo <= hi; }

static long lmax(long a, long b) { return a > b ? a : b; }
static long lmin(long a, long b) { return a < b ? a : b; }

/* Move an odd displacement by one within [lo, hi] so the address is even. */
static bool even_fix(long *d, long lo, long hi)
{
    if (*d + 1 <= hi && *d + 1 <= 32767)
        return ++*d, true;
    if (*d - 1 >= lo && *d - 1 >= -32768)
        return --*d, true;
    return false;
}

/* Pick a value into [lo, hi] (inclusive), preferring small magnitudes. */
static bool pick_in(rng *r, long lo, long hi, long limlo, long limhi, long *out)
{
    if (lo < limlo)
        lo = limlo;
    if (hi > limhi)
        hi = limhi;
    if (lo > hi)
        return false;
    if (rp(r, 50) && lo <= 0 && hi >= 0) { /* near zero */
        long a = lo < -16 ? -16 : lo, b = hi > 16 ? 16 : hi;
        *out = a + rn(r, (int)(b - a + 1));
    } else {
        *out = lo + (long)(rnext(r) % (uint64_t)(hi - lo + 1));
    }
    return true;
}

/* A data register with a known value usable as an index: returns its number,
 * or makes one known with moveq (a setup instruction) when `setup`.  *v is the
 * value as the index sees it (.w: sign-extended low word). */
static int index_reg(gen *g, bool *wordsz, long *v, bool setup)
{
    int start = rn(&g->r, 8);
    for (int i = 0; i < 8; i++) {
        int n = (start + i) & 7;
        if (!g->s.dk[n])
            continue;
        bool w = rp(&g->r, 50);
        long val = w ? (int16_t)g->s.dv[n] : (int32_t)g->s.dv[n];
        if (val < -WIN * 2 || val > WIN * 2) {
            if (!w && (int16_t)g->s.dv[n] >= -WIN * 2 && (int16_t)g->s.dv[n] <= WIN * 2) {
                w = true;
                val = (int16_t)g->s.dv[n];
            } else {
                continue;
            }
        }
        *wordsz = w;
        *v = val;
        g->busy_d |= 1u << n;
        return n;
    }
    if (!setup)
        return -1;
    for (int i = 0; i < 8; i++) {
        int n = (start + i) & 7;
        if (g->busy_d & (1u << n))
            continue;
        int val = rrange(&g->r, -64, 63);
        emit(g, "moveq #%d,%s", val, dn(n));
        flags(g, CF_NZVC, 0, 0);
        dset(g, n, (uint32_t)val);
        g->busy_d |= 1u << n;
        *wordsz = rp(&g->r, 50);
        *v = val;
        return n;
    }
    return -1;
}

/* An address register (A0-A4, or A7 when sp_ok) with known offset, or -1; may
 * re-point one with a setup lea when none is known. */
static int addr_reg(gen *g, bool allow_sp, bool setup)
{
    int cand[6], nc = 0;
    for (int n = 0; n < 5; n++)
        if (g->s.aoff[n] != UNK)
            cand[nc++] = n;
    if (allow_sp && g->s.aoff[7] != UNK && rp(&g->r, 30))
        cand[nc++] = 7;
    if (nc)
        return cand[rn(&g->r, nc)];
    if (!setup)
        return -1;
    for (int i = 0; i < 5; i++) {
        int n = (rn(&g->r, 5) + i) % 5;
        if (g->busy_a & (1u << n))
            continue;
        int off = rrange(&g->r, 0, WIN - 1);
        emit(g, "lea (%d,%%a6),%s", off, an(n));
        g->s.aoff[n] = off;
        return n;
    }
    return -1;
}

/* 68020+ memory operands: scaled index, full format (base/index suppress,
 * 32-bit displacements) and memory indirect pre/post-indexed.  The accessed
 * bytes are [addr+lo, addr+hi). */
static bool ea020(gen *g, long lo, long hi, bool allow_pc, ea_t *e)
{
    rng *r = &g->r;
    static const int scales[] = {1, 2, 4, 8};
    int kind = rn(r, allow_pc ? 6 : 5);
    if ((kind == 3 || kind == 4) && g->ptr_used)
        kind = 0;
    bool w;
    long v, d;
    int x, a;
    int sc = scales[rn(r, 4)];
    switch (kind) {
    case 0: /* (d8,An,Xn.s*scale) brief format, scale 2/4/8 */
    case 1: { /* (bd,An,Xn*sc) full format, 16-bit bd beyond d8 range or index suppressed */
        a = addr_reg(g, false, true);
        if (a < 0)
            return false;
        g->busy_a |= 1u << a;
        x = index_reg(g, &w, &v, true);
        if (x < 0)
            return false;
        if (kind == 0 && sc == 1)
            sc = 2;
        long base = g->s.aoff[a] + v * sc;
        if (kind == 0) {
            if (!pick_in(r, -base - lo, WIN - hi - base, -128, 127, &d))
                return false;
            snprintf(e->text, sizeof e->text, "(%ld,%s,%s.%s*%d)", d, an(a), dn(x), w ? "w" : "l", sc);
        } else if (rp(r, 30)) { /* index suppressed: bd must exceed d8 or gas picks (d16,An) */
            base = g->s.aoff[a];
            if (!pick_in(r, -base - lo, WIN - hi - base, -32768, 32767, &d))
                return false;
            snprintf(e->text, sizeof e->text, "(%ld,%s,%%zd%d)", d, an(a), x);
        } else {
            long dd;
            if (!pick_in(r, -base - lo, WIN - hi - base, -32768, 32767, &dd))
                return false;
            if (dd >= -128 && dd <= 127) { /* push it out of d8 range if the window allows */
                long alt = dd + (dd < 0 ? 200 : -200);
                if (in_win(base + alt + lo, base + alt + hi))
                    dd = alt;
            }
            d = dd;
            snprintf(e->text, sizeof e->text, "(%ld,%s,%s.%s*%d)", d, an(a), dn(x), w ? "w" : "l", sc);
        }
        e->off = (int)(base + d);
        return true;
    }
    case 2: { /* (bd.l,ZAn,Xn*sc): base suppressed, 32-bit absolute bd */
        x = index_reg(g, &w, &v, true);
        if (x < 0)
            return false;
        long base = v * sc;
        if (!pick_in(r, -base - lo, WIN - hi - base, -WIN * 16, WIN * 16, &d))
            return false;
        snprintf(e->text, sizeof e->text, "(fz_win+%ld,%%za0,%s.%s*%d)", d, dn(x), w ? "w" : "l", sc);
        e->off = (int)(base + d);
        return true;
    }
    case 3:   /* ([bd,An,Xn*sc],od) memory indirect pre-indexed */
    case 4: { /* ([bd,An],Xn*sc,od) memory indirect post-indexed */
        a = addr_reg(g, false, true);
        if (a < 0)
            return false;
        g->busy_a |= 1u << a;
        bool useidx = rp(r, 80);
        x = -1;
        v = 0;
        if (useidx) {
            x = index_reg(g, &w, &v, true);
            if (x < 0)
                return false;
        }
        long pre = kind == 3 ? v * sc : 0, post = kind == 4 ? v * sc : 0;
        long pbase = g->s.aoff[a] + pre; /* pointer at pbase + bd, 4 bytes */
        long bd, od, target;
        if (!pick_in(r, -pbase, WIN - 4 - pbase, -32768, 32767, &bd))
            return false;
        /* the pointer's target and the outer displacement */
        if (!pick_in(r, -200, 200, -32768, 32767, &od))
            return false;
        long tlo = -post - od - lo, thi = WIN - hi - post - od; /* range for the target */
        if (!pick_in(r, tlo, thi, 0, WIN - 1, &target))
            return false;
        long p = pbase + bd;
        if (g->even && (p & 1) && !even_fix(&bd, -pbase, WIN - 4 - pbase))
            return false;
        p = pbase + bd;
        g->ptr_used = true;
        emit(g, "move.l #fz_win+%ld,(fz_win+%ld).l", target, p);
        flags(g, CF_NZVC, 0, 0);
        char idx[24] = "";
        if (useidx)
            snprintf(idx, sizeof idx, ",%s.%s*%d", dn(x), w ? "w" : "l", sc);
        if (kind == 3)
            snprintf(e->text, sizeof e->text, "([%ld,%s%s],%ld)", bd, an(a), idx, od);
        else
            snprintf(e->text, sizeof e->text, "([%ld,%s]%s,%ld)", bd, an(a), idx, od);
        e->off = (int)(target + post + od);
        return true;
    }
    default: { /* (d8,PC,Xn*sc) into the case's table */
        x = index_reg(g, &w, &v, true);
        if (x < 0 || g->nlines > 3)
            return false;
        long base = v * sc;
        if (!pick_in(r, -base - lo, TABLE - hi - base, -60, TABLE - 2, &d))
            return false;
        g->table_used = true;
        snprintf(e->text, sizeof e->text, "(.Lt%ld+%ld,%%pc,%s.%s*%d)", g->caseno, d, dn(x),
                 w ? "w" : "l", sc);
        e->off = UNK;
        return true;
    }
    }
}

/* Choose an operand among `modes` whose accessed bytes [addr+lo, addr+hi) lie
 * in the window (or the case's table for PC modes); `step` is the (An)+/-(An)
 * step (0: hi - lo).  size (1, 2, 4) is for immediates and register width. */
static bool gen_ea_r(gen *g, unsigned modes, int size, long lo, long hi, int step, ea_t *e)
{
    rng *r = &g->r;
    memset(e, 0, sizeof *e);
    e->off = UNK;
    if (step == 0)
        step = (int)(hi - lo);
    bool ev = g->even && size >= 2; /* the address must be even */
    if (size == 1)
        modes &= ~(unsigned)EA_AN;
    if (g->force020 && (modes & (EA_IND | EA_D16 | EA_IDX | EA_ABS))) {
        for (int t = 0; t < 8; t++) {
            if (ea020(g, lo, hi, (modes & EA_PCX) != 0, e) && !(ev && e->off != UNK && (e->off & 1))) {
                e->mode = EA_IDX;
                g->force020 = false;
                return true;
            }
        }
        return false;
    }
    for (int tries = 0; tries < 12; tries++) {
        int bits[16], nb = 0;
        for (int b = 0; b < 11; b++)
            if (modes & (1u << b))
                bits[nb++] = 1 << b;
        if (!nb)
            return false;
        int m = bits[rn(r, nb)];
        e->mode = m;
        switch (m) {
        case EA_DN:
            e->reg = rn(r, 8);
            snprintf(e->text, sizeof e->text, "%s", dn(e->reg));
            return true;
        case EA_AN: {
            e->reg = rp(r, 10) ? 7 : rn(r, 5);
            snprintf(e->text, sizeof e->text, "%s", an(e->reg));
            return true;
        }
        case EA_IMM:
            e->imm = rimm(r, size);
            snprintf(e->text, sizeof e->text, "#0x%x", (unsigned)e->imm);
            return true;
        case EA_IND: case EA_POST: case EA_PRE: case EA_D16: {
            int a = addr_reg(g, g->sp_ok, true);
            if (a < 0)
                continue;
            int st = step;
            if (a == 7 && st == 1)
                st = 2; /* byte pushes and pops keep A7 even */
            long o = g->s.aoff[a];
            if (ev && m != EA_D16 && ((o - (m == EA_PRE ? st : 0)) & 1))
                continue;
            if (m == EA_IND || m == EA_POST) {
                if (!in_win(o + lo, o + hi))
                    continue;
                if (m == EA_POST)
                    g->s.aoff[a] += st;
                snprintf(e->text, sizeof e->text, m == EA_IND ? "(%s)" : "(%s)+", an(a));
                e->off = (int)o;
            } else if (m == EA_PRE) {
                o -= st;
                if (!in_win(o + lo, o + hi))
                    continue;
                g->s.aoff[a] = (int)o;
                snprintf(e->text, sizeof e->text, "-(%s)", an(a));
                e->off = (int)o;
            } else {
                long d;
                if (!pick_in(r, -o - lo, WIN - hi - o, -32768, 32767, &d))
                    continue;
                if (ev && ((o + d) & 1) && !even_fix(&d, -o - lo, WIN - hi - o))
                    continue;
                snprintf(e->text, sizeof e->text, "(%ld,%s)", d, an(a));
                e->off = (int)(o + d);
            }
            e->reg = a;
            g->busy_a |= 1u << a;
            return true;
        }
        case EA_IDX: {
            int a = addr_reg(g, false, true);
            if (a < 0)
                continue;
            g->busy_a |= 1u << a;
            bool w;
            long v, d;
            int x = index_reg(g, &w, &v, true);
            if (x < 0)
                continue;
            long base = g->s.aoff[a] + v;
            if (!pick_in(r, -base - lo, WIN - hi - base, -128, 127, &d))
                continue;
            if (ev && ((base + d) & 1) &&
                !even_fix(&d, lmax(-base - lo, -128), lmin(WIN - hi - base, 127)))
                continue;
            snprintf(e->text, sizeof e->text, "(%ld,%s,%s.%s)", d, an(a), dn(x), w ? "w" : "l");
            e->off = (int)(base + d);
            e->reg = a;
            return true;
        }
        case EA_ABS: {
            long o;
            if (!pick_in(r, -lo, WIN - hi, 0, WIN, &o))
                continue;
            if (ev && (o & 1) && !even_fix(&o, -lo, WIN - hi))
                continue;
            snprintf(e->text, sizeof e->text, "(fz_win+%ld).l", o);
            e->off = (int)o;
            return true;
        }
        case EA_PCD: {
            long o;
            if (!pick_in(r, -lo, TABLE - hi, 0, TABLE, &o))
                continue;
            if (ev && (o & 1) && !even_fix(&o, -lo, TABLE - hi))
                continue;
            g->table_used = true;
            snprintf(e->text, sizeof e->text, "(.Lt%ld+%ld,%%pc)", g->caseno, o);
            return true;
        }
        case EA_PCX: {
            if (g->nlines > 3) /* keep the table within d8 reach */
                continue;
            bool w;
            long v, d;
            int x = index_reg(g, &w, &v, true);
            if (x < 0)
                continue;
            if (!pick_in(r, -v - lo, TABLE - hi - v, -60, TABLE - 2, &d))
                continue;
            if (ev && ((v + d) & 1) && !even_fix(&d, lmax(-v - lo, -60), lmin(TABLE - hi - v, 100)))
                continue;
            g->table_used = true;
            snprintf(e->text, sizeof e->text, "(.Lt%ld+%ld,%%pc,%s.%s)", g->caseno, d, dn(x),
                     w ? "w" : "l");
            return true;
        }
        }
    }
    return false;
}
static bool gen_ea(gen *g, unsigned modes, int size, ea_t *e)
{
    g->sp_ok = true;
    return gen_ea_r(g, modes, size, 0, size, size, e);
}

/* After an instruction wrote an operand: forget a data register's value. */
static void ea_written(gen *g, const ea_t *e)
{
    if (e->mode == EA_DN)
        dw(g, e->reg);
}

static int rsize(rng *r)
{
    static const int s[] = {1, 2, 4};
    return s[rn(r, 3)];
}

/* ---- instruction classes ---- */

static bool i_move(gen *g)
{
    rng *r = &g->r;
    ea_t s, d;
    int sz = rsize(r);
    switch (rn(r, 11)) {
    case 0: case 1: case 2: case 3: case 4: case 9:
        if (!gen_ea(g, M_ALL, sz, &s) || !gen_ea(g, M_DALT, sz, &d))
            return false;
        emit(g, "move.%s %s,%s", SZ[sz], s.text, d.text);
        flags(g, CF_NZVC, 0, 0);
        ea_written(g, &d);
        return true;
    case 5: { /* movea */
        sz = rp(r, 50) ? 2 : 4;
        int a = rn(r, 5);
        if (sz == 4 && rp(r, 40)) { /* a known pointer */
            int off = rrange(r, 0, WIN - 1);
            emit(g, "movea.l #fz_win+%d,%s", off, an(a));
            g->s.aoff[a] = off;
            return true;
        }
        if (!gen_ea(g, M_ALL, sz, &s))
            return false;
        emit(g, "movea.%s %s,%s", SZ[sz], s.text, an(a));
        g->s.aoff[a] = (s.mode == EA_AN) ? g->s.aoff[s.reg] : UNK;
        if (s.mode == EA_AN && sz == 2)
            g->s.aoff[a] = UNK;
        return true;
    }
    case 6: case 7: {
        int n = rn(r, 8);
        int v = (int)(int8_t)r32(r);
        emit(g, "moveq #%d,%s", v, dn(n));
        flags(g, CF_NZVC, 0, 0);
        dset(g, n, (uint32_t)v);
        return true;
    }
    case 8: /* move to CCR */
        if (!gen_ea(g, M_DATA, 2, &s))
            return false;
        emit(g, "move.w %s,%%ccr", s.text);
        flags(g, CF_NZVC | CF_X, 0, 0);
        return true;
    default: { /* movep */
        sz = rp(r, 50) ? 2 : 4;
        int n = rn(r, 8);
        int a = addr_reg(g, false, true);
        if (a < 0)
            return false;
        long o = g->s.aoff[a], dd;
        int span = sz == 2 ? 3 : 7;
        if (!pick_in(r, -o, WIN - span - o, -32768, 32767, &dd))
            return false;
        if (rp(r, 50)) {
            emit(g, "movep.%s %s,(%ld,%s)", SZ[sz], dn(n), dd, an(a));
        } else {
            emit(g, "movep.%s (%ld,%s),%s", SZ[sz], dd, an(a), dn(n));
            dw(g, n);
        }
        return true;
    }
    }
}

static bool i_alu(gen *g)
{
    rng *r = &g->r;
    static const char *const ops[] = {"add", "sub", "and", "or", "cmp", "eor"};
    ea_t s, d;
    int sz = rsize(r);
    int n = rn(r, 8);
    switch (rn(r, 14)) {
    case 0: case 1: case 2: { /* op <ea>,Dn */
        int op = rn(r, 5);
        unsigned m = (op == 2 || op == 3) ? M_DATA : M_ALL;
        if (!gen_ea(g, m, sz, &s))
            return false;
        emit(g, "%s.%s %s,%s", ops[op], SZ[sz], s.text, dn(n));
        flags(g, CF_NZVC | (op < 2 ? CF_X : 0), 0, 0);
        if (op != 4)
            dw(g, n);
        return true;
    }
    case 3: case 4: { /* op Dn,<ea> */
        static const int memops[] = {0, 1, 2, 3, 5};
        int op = memops[rn(r, 5)];
        if (!gen_ea(g, op == 5 ? M_DALT : M_MALT, sz, &d))
            return false;
        emit(g, "%s.%s %s,%s", ops[op], SZ[sz], dn(n), d.text);
        flags(g, CF_NZVC | (op < 2 ? CF_X : 0), 0, 0);
        ea_written(g, &d);
        return true;
    }
    case 5: { /* adda/suba/cmpa */
        static const char *const aops[] = {"adda", "suba", "cmpa"};
        int op = rn(r, 3);
        sz = rp(r, 50) ? 2 : 4;
        int a = rn(r, 5);
        if (op < 2 && rp(r, 50)) {
            int v = rrange(r, -64, 64);
            long o = g->s.aoff[a];
            emit(g, "%s.%s #%d,%s", aops[op], SZ[sz], v, an(a));
            if (o != UNK) {
                o += op == 0 ? v : -v;
                g->s.aoff[a] = (o >= 0 && o < WIN) ? (int)o : UNK;
            }
            return true;
        }
        if (!gen_ea(g, M_ALL, sz, &s))
            return false;
        emit(g, "%s.%s %s,%s", aops[op], SZ[sz], s.text, an(a));
        if (op < 2)
            g->s.aoff[a] = UNK;
        else
            flags(g, CF_NZVC, 0, 0);
        return true;
    }
    case 6: case 7: { /* immediates */
        static const char *const iops[] = {"addi", "subi", "andi", "ori", "eori", "cmpi"};
        int op = rn(r, 6);
        if (!gen_ea(g, M_DALT, sz, &d))
            return false;
        emit(g, "%s.%s #0x%x,%s", iops[op], SZ[sz], (unsigned)rimm(r, sz), d.text);
        flags(g, CF_NZVC | (op < 2 ? CF_X : 0), 0, 0);
        if (op != 5)
            ea_written(g, &d);
        return true;
    }
    case 8: { /* addq/subq */
        int q = rrange(r, 1, 8);
        bool add = rp(r, 50);
        if (rp(r, 25)) {
            int a = rn(r, 5);
            sz = rp(r, 50) ? 2 : 4;
            emit(g, "%s.%s #%d,%s", add ? "addq" : "subq", SZ[sz], q, an(a));
            if (g->s.aoff[a] != UNK) {
                long o = g->s.aoff[a] + (add ? q : -q);
                g->s.aoff[a] = (o >= 0 && o < WIN) ? (int)o : UNK;
            }
            return true;
        }
        if (!gen_ea(g, M_DALT, sz, &d))
            return false;
        emit(g, "%s.%s #%d,%s", add ? "addq" : "subq", SZ[sz], q, d.text);
        flags(g, CF_NZVC | CF_X, 0, 0);
        ea_written(g, &d);
        return true;
    }
    case 9: case 10: { /* neg negx not clr tst */
        static const char *const uops[] = {"neg", "negx", "not", "clr", "tst"};
        int op = rn(r, 5);
        if (!gen_ea(g, M_DALT, sz, &d))
            return false;
        emit(g, "%s.%s %s", uops[op], SZ[sz], d.text);
        if (op == 1)
            flags(g, CF_N | CF_V | CF_C | CF_X, 0, 0); /* Z: cleared if nonzero, else unchanged */
        else
            flags(g, CF_NZVC | (op == 0 ? CF_X : 0), 0, 0);
        if (op != 4)
            ea_written(g, &d);
        return true;
    }
    case 11: { /* addx/subx */
        const char *op = rp(r, 50) ? "addx" : "subx";
        if (rp(r, 50)) {
            int y = rn(r, 8);
            emit(g, "%s.%s %s,%s", op, SZ[sz], dn(y), dn(n));
            dw(g, n);
        } else {
            ea_t a1, a2;
            g->sp_ok = false;
            if (!gen_ea_r(g, EA_PRE, sz, 0, sz, sz, &a1) || !gen_ea_r(g, EA_PRE, sz, 0, sz, sz, &a2))
                return false;
            emit(g, "%s.%s %s,%s", op, SZ[sz], a1.text, a2.text);
        }
        flags(g, CF_N | CF_V | CF_C | CF_X, 0, 0);
        return true;
    }
    case 12: { /* cmpm */
        ea_t a1, a2;
        g->sp_ok = false;
        if (!gen_ea_r(g, EA_POST, sz, 0, sz, sz, &a1) || !gen_ea_r(g, EA_POST, sz, 0, sz, sz, &a2))
            return false;
        emit(g, "cmpm.%s %s,%s", SZ[sz], a1.text, a2.text);
        flags(g, CF_NZVC, 0, 0);
        return true;
    }
    default: { /* andi/ori/eori to CCR */
        static const char *const cops[] = {"andi", "ori", "eori"};
        int op = rn(r, 3);
        unsigned m = r32(r) & 0x1F;
        emit(g, "%s.b #0x%x,%%ccr", cops[op], m);
        /* V no longer tells whether a divide overflowed */
        if ((op == 0 && !(m & CF_V)) || (op > 0 && (m & CF_V)))
            g->s.undef |= g->s.undef_v, g->s.undef_v = 0;
        if (op == 0)
            g->s.undef &= m, g->s.undef_v &= m;
        else if (op == 1)
            g->s.undef &= ~m, g->s.undef_v &= ~m;
        return true;
    }
    }
}

static bool i_shift(gen *g)
{
    rng *r = &g->r;
    static const char *const ops[] = {"as", "ls", "ro", "rox"};
    const char *op = ops[rn(r, 4)];
    const char *dir = rp(r, 50) ? "l" : "r";
    int sz = rsize(r);
    int n = rn(r, 8);
    switch (rn(r, 3)) {
    case 0:
        emit(g, "%s%s.%s #%d,%s", op, dir, SZ[sz], rrange(r, 1, 8), dn(n));
        break;
    case 1:
        emit(g, "%s%s.%s %s,%s", op, dir, SZ[sz], dn(rn(r, 8)), dn(n));
        break;
    default: {
        ea_t d;
        if (!gen_ea(g, M_MALT, 2, &d))
            return false;
        emit(g, "%s%s.w %s", op, dir, d.text);
        flags(g, CF_NZVC | CF_X, 0, 0);
        return true;
    }
    }
    flags(g, CF_NZVC | CF_X, 0, 0); /* X: unaffected by ro, set by a nonzero count else */
    dw(g, n);
    return true;
}

static bool i_bit(gen *g)
{
    rng *r = &g->r;
    static const char *const ops[] = {"btst", "bchg", "bclr", "bset"};
    int op = rn(r, 4);
    bool imm = rp(r, 50);
    char src[16];
    ea_t d;
    int n = rn(r, 8);
    if (rp(r, 50)) { /* register: bit number modulo 32 */
        if (imm)
            snprintf(src, sizeof src, "#%d", rp(r, 85) ? rn(r, 32) : rn(r, 256));
        else
            snprintf(src, sizeof src, "%s", dn(rn(r, 8)));
        emit(g, "%s %s,%s", ops[op], src, dn(n));
        if (op)
            dw(g, n);
    } else { /* memory byte: bit number modulo 8 */
        if (imm)
            snprintf(src, sizeof src, "#%d", rp(r, 85) ? rn(r, 8) : rn(r, 256));
        else
            snprintf(src, sizeof src, "%s", dn(rn(r, 8)));
        unsigned m = op ? M_MALT : (M_DATA & ~(unsigned)EA_DN & ~(unsigned)(imm ? EA_IMM : 0));
        if (!gen_ea(g, m, 1, &d))
            return false;
        emit(g, "%s %s,%s", ops[op], src, d.text);
    }
    flags(g, CF_Z, 0, 0);
    return true;
}

static int bcd_byte(rng *r) { return rn(r, 10) << 4 | rn(r, 10); }
static bool bcd_ok(uint32_t v) { return (v & 0xF) < 10 && (v & 0xF0) < 0xA0; }

/* A data register given a valid BCD low byte, unless it has one. */
static void bcd_reg(gen *g, int n)
{
    if (g->s.dk[n] && bcd_ok(g->s.dv[n]))
        return;
    emit(g, "move.b #0x%02x,%s", bcd_byte(&g->r), dn(n));
    flags(g, CF_NZVC, 0, 0);
    dw(g, n);
}

/* ABCD, SBCD, NBCD: the manual gives N and V as undefined (M68000PRM 4, ABCD/
 * SBCD/NBCD "Condition Codes": N Undefined, V Undefined); Z is cleared if the
 * result is nonzero, unchanged otherwise.  The manual defines them on BCD
 * operands only: with `valid` every operand byte is made valid BCD first (the
 * bcd class); the bcdx class takes any bytes. */
static bool bcd_common(gen *g, bool valid)
{
    rng *r = &g->r;
    int k = rn(r, 5);
    if (k < 4) {
        const char *op = k & 1 ? "sbcd" : "abcd";
        if (k < 2) {
            int x = rn(r, 8), y = rn(r, 8);
            if (valid)
                bcd_reg(g, y), bcd_reg(g, x);
            emit(g, "%s %s,%s", op, dn(y), dn(x));
            dw(g, x);
        } else {
            ea_t a1, a2;
            g->sp_ok = true;
            if (!gen_ea_r(g, EA_PRE, 1, 0, 1, 1, &a1) || !gen_ea_r(g, EA_PRE, 1, 0, 1, 1, &a2))
                return false;
            if (valid) {
                emit(g, "move.b #0x%02x,(fz_win+%d).l", bcd_byte(r), a1.off);
                if (a2.off != a1.off)
                    emit(g, "move.b #0x%02x,(fz_win+%d).l", bcd_byte(r), a2.off);
                flags(g, CF_NZVC, 0, 0);
            }
            emit(g, "%s %s,%s", op, a1.text, a2.text);
        }
    } else {
        ea_t d;
        if (!gen_ea(g, M_DALT, 1, &d))
            return false;
        if (valid) {
            if (d.mode == EA_DN)
                bcd_reg(g, d.reg);
            else
                emit(g, "move.b #0x%02x,(fz_win+%d).l", bcd_byte(r), d.off), flags(g, CF_NZVC, 0, 0);
        }
        emit(g, "nbcd %s", d.text);
        ea_written(g, &d);
    }
    flags(g, CF_C | CF_X, CF_N | CF_V, 0);
    return true;
}
static bool i_bcd(gen *g) { return bcd_common(g, true); }
static bool i_bcdx(gen *g) { return bcd_common(g, false); }

/* A nonzero divisor operand: an immediate, a data register given a nonzero
 * low word by ori first, or a memory word given one the same way. */
/* With `no_m1` the divisor is an immediate other than -1: qemu-m68k 7.2 divides
 * on the host, and the most negative dividend over -1 kills it with SIGFPE
 * (DIVS overflow: the manual sets V and leaves the destination alone). */
static bool divisor(gen *g, int sz, ea_t *s, bool no_m1)
{
    rng *r = &g->r;
    unsigned k = (r32(r) & 0xFFFF) | (1u << rn(r, 16));
    uint32_t m1 = sz == 2 ? 0xFFFF : 0xFFFFFFFFu;
    switch (no_m1 ? 0 : rn(r, 3)) {
    case 0:
        s->mode = EA_IMM;
        s->imm = rimm(r, sz);
        if ((sz == 2 ? s->imm & 0xFFFF : s->imm) == 0 || (no_m1 && s->imm == m1))
            s->imm = 1 + (uint32_t)rn(r, 9);
        snprintf(s->text, sizeof s->text, "#0x%x", (unsigned)s->imm);
        return true;
    case 1: {
        int n = rn(r, 8);
        if (!(g->s.dk[n] && (g->s.dv[n] & 0xFFFF))) {
            emit(g, "ori.w #0x%x,%s", k, dn(n));
            flags(g, CF_NZVC, 0, 0);
            dw(g, n);
        }
        s->mode = EA_DN;
        s->reg = n;
        snprintf(s->text, sizeof s->text, "%s", dn(n));
        return true;
    }
    default:
        g->sp_ok = true;
        if (!gen_ea_r(g, EA_IND | EA_D16 | EA_IDX | EA_ABS, sz, 0, sz, sz, s))
            return false;
        emit(g, "ori.w #0x%x,%s", k, s->text); /* the first word of a long too */
        flags(g, CF_NZVC, 0, 0);
        return true;
    }
}

static bool i_muldiv16(gen *g)
{
    rng *r = &g->r;
    int n = rn(r, 8);
    int k = rn(r, 4);
    static const char *const ops[] = {"mulu", "muls", "divu", "divs"};
    ea_t s;
    if (k < 2) {
        if (!gen_ea(g, M_DATA, 2, &s))
            return false;
        emit(g, "%s.w %s,%s", ops[k], s.text, dn(n));
        flags(g, CF_NZVC, 0, 0);
    } else {
        /* DIVS: the dividend could be 0x80000000 unless known otherwise */
        bool risky = k == 3 && !(g->s.dk[n] && g->s.dv[n] != 0x80000000u);
        if (!divisor(g, 2, &s, risky))
            return false;
        emit(g, "%s.w %s,%s", ops[k], s.text, dn(n));
        /* DIVU/DIVS: N and Z undefined on overflow (M68000PRM 4, DIVS/DIVU
         * "Condition Codes"); C always cleared. */
        flags(g, CF_NZVC, 0, CF_N | CF_Z);
    }
    dw(g, n);
    return true;
}

static bool i_misc(gen *g)
{
    rng *r = &g->r;
    int n = rn(r, 8);
    ea_t e;
    switch (rn(r, 11)) {
    case 0:
        emit(g, "ext.%s %s", rp(r, 50) ? "w" : "l", dn(n));
        flags(g, CF_NZVC, 0, 0);
        dw(g, n);
        return true;
    case 1:
        emit(g, "swap %s", dn(n));
        flags(g, CF_NZVC, 0, 0);
        dw(g, n);
        return true;
    case 2: { /* exg */
        int k = rn(r, 3);
        if (k == 0) {
            int m = rn(r, 8);
            emit(g, "exg %s,%s", dn(n), dn(m));
            state t = g->s;
            g->s.dk[n] = t.dk[m], g->s.dv[n] = t.dv[m];
            g->s.dk[m] = t.dk[n], g->s.dv[m] = t.dv[n];
        } else if (k == 1) {
            int a = rn(r, 5), b = rn(r, 5);
            emit(g, "exg %s,%s", an(a), an(b));
            int t = g->s.aoff[a];
            g->s.aoff[a] = g->s.aoff[b];
            g->s.aoff[b] = t;
        } else {
            int a = rn(r, 5);
            emit(g, "exg %s,%s", dn(n), an(a));
            int ao = g->s.aoff[a];
            bool k2 = g->s.dk[n];
            uint32_t v = g->s.dv[n];
            g->s.aoff[a] = (k2 && v >= WIN_ADDR && v < WIN_ADDR + WIN) ? (int)(v - WIN_ADDR) : UNK;
            if (ao != UNK)
                dset(g, n, WIN_ADDR + (uint32_t)ao);
            else
                dw(g, n);
        }
        return true;
    }
    case 3: { /* lea */
        int a = rn(r, 5);
        g->sp_ok = true;
        if (!gen_ea_r(g, M_CTRL, 1, 0, 1, 1, &e))
            return false;
        emit(g, "lea %s,%s", e.text, an(a));
        g->s.aoff[a] = e.off;
        return true;
    }
    case 4: { /* pea */
        int sp = g->s.aoff[7];
        if (sp == UNK || sp < 4)
            return false;
        g->sp_ok = false;
        if (!gen_ea_r(g, M_CTRL, 1, 0, 1, 1, &e))
            return false;
        emit(g, "pea %s", e.text);
        g->s.aoff[7] -= 4;
        return true;
    }
    case 5: case 6: { /* movem */
        bool w = rp(r, 40);
        int sz = w ? 2 : 4;
        unsigned mask = 0;
        while (!mask)
            mask = r32(r) & 0x1FFF; /* d0-d7/a0-a4 */
        int cnt = 0;
        for (unsigned m = mask; m; m &= m - 1)
            cnt++;
        char list[80] = "";
        for (int i = 0; i < 13; i++)
            if (mask & (1u << i)) {
                if (list[0])
                    strcat(list, "/");
                strcat(list, i < 8 ? dn(i) : an(i - 8));
            }
        g->sp_ok = true;
        if (rp(r, 50)) { /* to memory */
            if (!gen_ea_r(g, EA_IND | EA_PRE | EA_D16 | EA_IDX | EA_ABS, sz, 0, sz * cnt, sz * cnt, &e))
                return false;
            emit(g, "movem.%s %s,%s", SZ[sz], list, e.text);
        } else {
            if (!gen_ea_r(g, EA_IND | EA_POST | EA_D16 | EA_IDX | EA_ABS | EA_PCD, sz, 0, sz * cnt,
                          sz * cnt, &e))
                return false;
            emit(g, "movem.%s %s,%s", SZ[sz], e.text, list);
            for (int i = 0; i < 13; i++)
                if (mask & (1u << i)) {
                    if (i < 8)
                        dw(g, i);
                    else
                        g->s.aoff[i - 8] = UNK;
                }
        }
        return true;
    }
    case 7: { /* link/unlk pair */
        int a = rn(r, 5), sp = g->s.aoff[7];
        int d = 2 * rn(r, 33);
        if (sp == UNK || sp - 4 - d < 0)
            return false;
        emit(g, "link.w %s,#%d", an(a), -d);
        if (d >= 4 && rp(r, 50))
            emit(g, "move.l %s,(%%sp)", dn(rn(r, 8))), flags(g, CF_NZVC, 0, 0);
        emit(g, "unlk %s", an(a));
        return true;
    }
    case 8: { /* chk.w in bounds: all of N Z V C undefined (M68000PRM 4, CHK) */
        int v = rn(r, 100), bound = v + rn(r, 200);
        if (!(g->s.dk[n] && (int16_t)g->s.dv[n] >= 0 && (int16_t)g->s.dv[n] <= 200)) {
            emit(g, "moveq #%d,%s", v, dn(n));
            flags(g, CF_NZVC, 0, 0);
            dset(g, n, (uint32_t)v);
        } else {
            bound = (int16_t)g->s.dv[n] + rn(r, 100);
        }
        emit(g, "chk.w #%d,%s", bound, dn(n));
        flags(g, 0, CF_NZVC, 0);
        return true;
    }
    case 9: /* tas */
        if (!gen_ea(g, M_DALT, 1, &e))
            return false;
        emit(g, "tas %s", e.text);
        flags(g, CF_NZVC, 0, 0);
        ea_written(g, &e);
        return true;
    default:
        emit(g, "nop");
        return true;
    }
}

/* ---- branches (forward only, inside the case) ---- */
static const char *const conds[] = {"t", "f", "hi", "ls", "cc", "cs", "ne", "eq",
                                    "vc", "vs", "pl", "mi", "ge", "lt", "gt", "le"};
static const unsigned cond_uses[] = {0, 0, CF_C | CF_Z, CF_C | CF_Z, CF_C, CF_C, CF_Z, CF_Z,
                                     CF_V, CF_V, CF_N, CF_N, CF_N | CF_V, CF_N | CF_V,
                                     CF_N | CF_V | CF_Z, CF_N | CF_V | CF_Z};
/* A condition that reads no undefined flag. */
static int pick_cond(gen *g, bool allow_tf)
{
    unsigned bad = g->s.undef | g->s.undef_v;
    for (int t = 0; t < 32; t++) {
        int c = rn(&g->r, 16);
        if (!allow_tf && c < 2)
            continue;
        if (!(cond_uses[c] & bad))
            return c;
    }
    return allow_tf ? 0 : -1;
}

static bool gen_one(gen *g, unsigned classes);

/* Emit 1..max filler instructions from the non-branch classes, then merge the
 * state of the branch-taken and fall-through paths. */
static void skipped_then_merge(gen *g, const state *before, int count, const char *label)
{
    unsigned fill = g->classes & ~((1u << C_BRANCH) | (1u << C_BCCL));
    if (!fill)
        fill = (1u << C_ALU) | (1u << C_MOVE);
    int cls = g->cur, before_lines = g->nlines;
    for (int i = 0; i < count; i++)
        gen_one(g, fill);
    g->cur = cls;
    if (g->nlines == before_lines)
        emit(g, "nop");
    emit(g, "%s:", label);
    state *s = &g->s;
    for (int i = 0; i < 8; i++) {
        if (s->aoff[i] != before->aoff[i])
            s->aoff[i] = UNK;
        if (s->dk[i] != before->dk[i] || s->dv[i] != before->dv[i])
            s->dk[i] = false;
    }
    s->undef |= before->undef;
    s->undef_v |= before->undef_v;
}

static bool i_branch_common(gen *g, bool longform)
{
    rng *r = &g->r;
    char label[32];
    snprintf(label, sizeof label, ".L%ld_%d", g->caseno, g->label++);
    int k = longform ? (rp(r, 70) ? 0 : 2) : rn(r, 6); /* bccl: Bcc.L, BRA.L and BSR.L only */
    if (g->s.aoff[7] == UNK || g->s.aoff[7] < 4)
        k = k == 2 ? 0 : k;
    switch (k) {
    case 0: { /* Bcc/BRA forward over 1-3 instructions */
        int c = pick_cond(g, true);
        if (c == 1) /* Bcc with "false" is BSR */
            c = 0;
        /* no size: the assembler picks .s or .w (never .l: the case is short) */
        const char *sz = longform ? ".l" : rp(r, 50) ? "" : ".w";
        emit(g, "b%s%s %s", c == 0 ? "ra" : conds[c], sz, label);
        state before = g->s;
        skipped_then_merge(g, &before, rrange(r, 1, 3), label);
        return true;
    }
    case 1: { /* DBcc forward: counts Dn down unless the condition holds */
        int c = pick_cond(g, true);
        int n = rn(r, 8);
        emit(g, "db%s %s,%s", conds[c], dn(n), label);
        dw(g, n);
        state before = g->s;
        skipped_then_merge(g, &before, rrange(r, 1, 3), label);
        return true;
    }
    case 2: { /* BSR to a local subroutine: bsr L1; bra L2; L1: <insn> rts; L2: */
        char sub[32];
        snprintf(sub, sizeof sub, ".L%ld_%d", g->caseno, g->label++);
        const char *sz = longform ? ".l" : rp(r, 50) ? "" : ".w";
        emit(g, "bsr%s %s", sz, sub);
        emit(g, "bra %s", label);
        emit(g, "%s:", sub);
        g->s.aoff[7] -= 4;
        if (rp(r, 60)) { /* a body that does not touch the stack pointer */
            int n = rn(r, 8);
            emit(g, "not.l %s", dn(n));
            flags(g, CF_NZVC, 0, 0);
            dw(g, n);
        }
        g->s.aoff[7] += 4;
        emit(g, "rts");
        emit(g, "%s:", label);
        return true;
    }
    case 3: case 4: { /* Scc */
        ea_t d;
        if (!gen_ea(g, M_DALT, 1, &d))
            return false;
        int c = pick_cond(g, true);
        emit(g, "s%s %s", conds[c], d.text);
        ea_written(g, &d);
        return true;
    }
    default: { /* JMP forward, PC-relative */
        emit(g, "jmp (%s,%%pc)", label);
        state before = g->s;
        int cls = g->cur;
        unsigned fill = g->classes & ~((1u << C_BRANCH) | (1u << C_BCCL));
        int nb = g->nlines;
        gen_one(g, fill ? fill : 1u << C_ALU);
        g->cur = cls;
        if (g->nlines == nb)
            emit(g, "nop");
        g->s = before; /* the skipped instruction never runs */
        emit(g, "%s:", label);
        return true;
    }
    }
}
static bool i_branch(gen *g) { return i_branch_common(g, false); }
static bool i_bccl(gen *g) { return i_branch_common(g, true); }

/* ---- 68020+ classes ---- */
static bool i_ea020(gen *g)
{
    rng *r = &g->r;
    g->force020 = true;
    ea_t s, d;
    int sz = rsize(r);
    int n = rn(r, 8);
    bool ok;
    switch (rn(r, 6)) {
    case 0: /* load */
        ok = gen_ea(g, M_DATA, sz, &s);
        if (ok)
            emit(g, "move.%s %s,%s", SZ[sz], s.text, dn(n)), dw(g, n), flags(g, CF_NZVC, 0, 0);
        break;
    case 1: /* store */
        ok = gen_ea(g, M_MALT, sz, &d);
        if (ok)
            emit(g, "move.%s %s,%s", SZ[sz], dn(n), d.text), flags(g, CF_NZVC, 0, 0);
        break;
    case 2: /* add to memory */
        ok = gen_ea(g, M_MALT, sz, &d);
        if (ok)
            emit(g, "add.%s %s,%s", SZ[sz], dn(n), d.text), flags(g, CF_NZVC | CF_X, 0, 0);
        break;
    case 3: { /* lea */
        int a = rn(r, 5);
        g->sp_ok = false;
        ok = gen_ea_r(g, M_CALT, 1, 0, 1, 1, &s);
        if (ok) {
            emit(g, "lea %s,%s", s.text, an(a));
            g->s.aoff[a] = s.off;
        }
        break;
    }
    case 4: /* cmp */
        ok = gen_ea(g, M_DATA, sz, &s);
        if (ok)
            emit(g, "cmp.%s %s,%s", SZ[sz], s.text, dn(n)), flags(g, CF_NZVC, 0, 0);
        break;
    default: /* memory to memory */
        ok = gen_ea(g, M_DATA, sz, &s);
        if (ok) {
            g->force020 = rp(r, 50);
            ok = gen_ea(g, M_MALT, sz, &d);
            if (ok)
                emit(g, "move.%s %s,%s", SZ[sz], s.text, d.text), flags(g, CF_NZVC, 0, 0);
        }
        break;
    }
    bool used = !g->force020;
    g->force020 = false;
    return ok && used;
}

/* MULU.L/MULS.L (32 and 64-bit products), DIVU.L/DIVS.L (32/32, 64/32),
 * DIVUL.L/DIVSL.L (32/32 with remainder).  Divide: N and Z undefined on
 * overflow (M68000PRM 4, DIVS/DIVU). */
static bool i_muldiv32(gen *g)
{
    rng *r = &g->r;
    ea_t s;
    int l = rn(r, 8), h = (l + 1 + rn(r, 7)) & 7;
    bool sgn = rp(r, 50);
    switch (rn(r, 5)) {
    case 0: case 1:
        if (!gen_ea(g, M_DATA, 4, &s))
            return false;
        if (rp(r, 50)) {
            emit(g, "mul%s.l %s,%s", sgn ? "s" : "u", s.text, dn(l));
        } else {
            emit(g, "mul%s.l %s,%s:%s", sgn ? "s" : "u", s.text, dn(h), dn(l));
            dw(g, h);
        }
        dw(g, l);
        flags(g, CF_NZVC, 0, 0);
        return true;
    default: {
        int k = rn(r, 3);
        /* DIVS.L: a most negative dividend (Dq, or Dr:Dq for the 64-bit form) */
        bool risky = sgn && !(g->s.dk[l] && g->s.dv[l] != 0x80000000u && g->s.dv[l] != 0);
        if (k == 1 && sgn)
            risky = risky || !(g->s.dk[h] && g->s.dv[h] != 0x80000000u && g->s.dv[h] != 0xFFFFFFFFu);
        if (!divisor(g, 4, &s, risky))
            return false;
        if (k == 0)
            emit(g, "div%s.l %s,%s", sgn ? "s" : "u", s.text, dn(l));
        else
            emit(g, "div%s.l %s,%s:%s", k == 1 ? (sgn ? "s" : "u") : (sgn ? "sl" : "ul"), s.text,
                 dn(h), dn(l));
        dw(g, l);
        if (k)
            dw(g, h);
        flags(g, CF_NZVC, 0, CF_N | CF_Z);
        return true;
    }
    }
}

static long floordiv8(long v) { return v >= 0 ? v / 8 : -((-v + 7) / 8); }

static bool i_bitfield(gen *g)
{
    rng *r = &g->r;
    static const char *const ops[] = {"bftst", "bfextu", "bfexts", "bfffo",
                                      "bfchg", "bfclr", "bfset", "bfins"};
    int op = rn(r, 8);
    int n = rn(r, 8);
    char off[16], wid[16];
    long olo = 0, ohi = 31; /* bit offset range */
    int wmax;
    /* width: immediate 1..32 or a data register (modulo 32, 0 means 32) */
    if (rp(r, 60)) {
        int w = rrange(r, 1, 32);
        snprintf(wid, sizeof wid, "%d", w);
        wmax = w;
    } else {
        snprintf(wid, sizeof wid, "%s", dn(rn(r, 8)));
        wmax = 32;
    }
    bool reg = rp(r, 40);
    if (rp(r, 50)) {
        int o = rn(r, 32);
        snprintf(off, sizeof off, "%d", o);
        olo = ohi = o;
    } else if (reg) {
        snprintf(off, sizeof off, "%s", dn(rn(r, 8))); /* modulo 32 for a register */
    } else {
        /* memory: the offset register's signed value moves the address */
        int x = -1;
        for (int i = 0, st = rn(r, 8); i < 8; i++) {
            int c = (st + i) & 7;
            if (g->s.dk[c] && (int32_t)g->s.dv[c] >= -2048 && (int32_t)g->s.dv[c] <= 2047) {
                x = c;
                break;
            }
        }
        if (x < 0) {
            x = rn(r, 8);
            int v = rrange(r, -128, 127);
            emit(g, "moveq #%d,%s", v, dn(x));
            flags(g, CF_NZVC, 0, 0);
            dset(g, x, (uint32_t)v);
        }
        snprintf(off, sizeof off, "%s", dn(x));
        g->busy_d |= 1u << x;
        olo = ohi = (int32_t)g->s.dv[x];
    }
    char dst[130];
    if (reg) {
        snprintf(dst, sizeof dst, "%s", dn(rn(r, 8)));
        if (op >= 4)
            dw(g, dst[2] - '0');
    } else {
        ea_t e;
        long lo = floordiv8(olo), hi = floordiv8(ohi + wmax - 1) + 1;
        g->sp_ok = false;
        if (!gen_ea_r(g, op >= 4 ? M_CALT : M_CTRL, 1, lo, hi, 1, &e))
            return false;
        snprintf(dst, sizeof dst, "%s", e.text);
    }
    if (op == 7)
        emit(g, "bfins %s,%s{%s:%s}", dn(n), dst, off, wid);
    else if (op >= 1 && op <= 3)
        emit(g, "%s %s{%s:%s},%s", ops[op], dst, off, wid, dn(n)), dw(g, n);
    else
        emit(g, "%s %s{%s:%s}", ops[op], dst, off, wid);
    flags(g, CF_NZVC, 0, 0);
    return true;
}

static bool i_extb(gen *g)
{
    int n = rn(&g->r, 8);
    emit(g, "extb.l %s", dn(n));
    flags(g, CF_NZVC, 0, 0);
    dw(g, n);
    return true;
}

static bool i_cas(gen *g)
{
    rng *r = &g->r;
    int sz = rsize(r);
    int c = rn(r, 8), u = rn(r, 8);
    if (rp(r, 70)) {
        ea_t e;
        if (!gen_ea(g, M_MALT, sz, &e))
            return false;
        emit(g, "cas.%s %s,%s,%s", SZ[sz], dn(c), dn(u), e.text);
        dw(g, c);
    } else {
        if (sz == 1)
            sz = 2;
        int a = addr_reg(g, false, true);
        if (a < 0)
            return false;
        g->busy_a |= 1u << a;
        int b = addr_reg(g, false, true);
        if (b < 0 || !in_win(g->s.aoff[a], g->s.aoff[a] + sz) || !in_win(g->s.aoff[b], g->s.aoff[b] + sz))
            return false;
        if (g->even && ((g->s.aoff[a] | g->s.aoff[b]) & 1))
            return false;
        int c2 = (c + 1 + rn(r, 7)) & 7, u2 = rn(r, 8);
        emit(g, "cas2.%s %s:%s,%s:%s,(%s):(%s)", SZ[sz], dn(c), dn(c2), dn(u), dn(u2), an(a), an(b));
        dw(g, c);
        dw(g, c2);
    }
    flags(g, CF_NZVC, 0, 0);
    return true;
}

/* CMP2 with whatever bounds the window holds; CHK2 with bounds set up to hold.
 * N and V undefined (M68000PRM 4, CHK2/CMP2 "Condition Codes"). */
static bool i_chk2cmp2(gen *g)
{
    rng *r = &g->r;
    int sz = rsize(r);
    if (rp(r, 60)) {
        ea_t e;
        g->sp_ok = false;
        if (!gen_ea_r(g, M_CTRL, sz, 0, 2 * sz, 2 * sz, &e))
            return false;
        bool isa = rp(r, 25);
        int n = isa ? rn(r, 5) : rn(r, 8);
        emit(g, "cmp2.%s %s,%s", SZ[sz], e.text, isa ? an(n) : dn(n));
    } else {
        /* bounds 0 <= lo <= v <= hi <= 127: the same signed and unsigned */
        int v = rn(r, 128), lo = rn(r, v + 1), hi = v + rn(r, 128 - v);
        int n = rn(r, 8);
        long p;
        if (!pick_in(r, 0, WIN - 2 * sz, 0, WIN, &p))
            return false;
        if (g->even && sz > 1)
            p &= ~1L;
        emit(g, "moveq #%d,%s", v, dn(n));
        dset(g, n, (uint32_t)v);
        emit(g, "move.%s #%d,(fz_win+%ld).l", SZ[sz], lo, p);
        emit(g, "move.%s #%d,(fz_win+%ld).l", SZ[sz], hi, p + sz);
        emit(g, "chk2.%s (fz_win+%ld).l,%s", SZ[sz], p, dn(n));
    }
    flags(g, CF_Z | CF_C, CF_N | CF_V, 0);
    return true;
}

static bool i_packunpk(gen *g)
{
    rng *r = &g->r;
    bool pack = rp(r, 50);
    unsigned adj = r32(r) & 0xFFFF;
    if (rp(r, 20))
        adj = pack ? 0 : 0x3030;
    if (rp(r, 50)) {
        int x = rn(r, 8), y = rn(r, 8);
        emit(g, "%s %s,%s,#0x%x", pack ? "pack" : "unpk", dn(y), dn(x), adj);
        dw(g, x);
    } else {
        ea_t s, d;
        g->sp_ok = false;
        if (!gen_ea_r(g, EA_PRE, 1, 0, pack ? 2 : 1, pack ? 2 : 1, &s) ||
            !gen_ea_r(g, EA_PRE, 1, 0, pack ? 1 : 2, pack ? 1 : 2, &d))
            return false;
        emit(g, "%s %s,%s,#0x%x", pack ? "pack" : "unpk", s.text, d.text, adj);
    }
    return true;
}

static bool i_linkl(gen *g)
{
    rng *r = &g->r;
    int a = rn(r, 5), sp = g->s.aoff[7];
    int d = 2 * rn(r, 1024);
    if (sp == UNK || sp - 4 - d < 0)
        d = 0;
    if (sp == UNK || sp < 4)
        return false;
    emit(g, "link.l %s,#%d", an(a), -d);
    if (d >= 4 && rp(r, 50))
        emit(g, "move.l %s,(%%sp)", dn(rn(r, 8))), flags(g, CF_NZVC, 0, 0);
    emit(g, "unlk %s", an(a));
    return true;
}

/* 68010+ and 68020+ forms beyond the 68000: MOVE from CCR (68010+, user
 * mode), CHK.L in bounds, TST of An, #imm and PC-relative operands, CMPI to
 * PC-relative. */
static bool i_misc020(gen *g)
{
    rng *r = &g->r;
    int sz = rsize(r);
    ea_t e;
    switch (rn(r, 5)) {
    case 4:
        if (g->s.undef || g->s.undef_v)
            return false;
        if (!gen_ea(g, M_DALT, 2, &e))
            return false;
        emit(g, "move.w %%ccr,%s", e.text);
        ea_written(g, &e);
        return true;
    case 0: {
        int n = rn(r, 8), v = rn(r, 100);
        emit(g, "moveq #%d,%s", v, dn(n));
        dset(g, n, (uint32_t)v);
        emit(g, "chk.l #%d,%s", v + rn(r, 100000), dn(n));
        flags(g, 0, CF_NZVC, 0); /* M68000PRM 4, CHK: N Z V C undefined in bounds */
        return true;
    }
    case 1:
        if (sz == 1)
            sz = 2;
        emit(g, "tst.%s %s", SZ[sz], an(rn(r, 5)));
        break;
    case 2:
        g->sp_ok = false;
        if (!gen_ea_r(g, EA_IMM | EA_PCD | EA_PCX, sz, 0, sz, sz, &e))
            return false;
        emit(g, "tst.%s %s", SZ[sz], e.text);
        break;
    default:
        g->sp_ok = false;
        if (!gen_ea_r(g, EA_PCD | EA_PCX, sz, 0, sz, sz, &e))
            return false;
        emit(g, "cmpi.%s #0x%x,%s", SZ[sz], (unsigned)rimm(r, sz), e.text);
        break;
    }
    flags(g, CF_NZVC, 0, 0);
    return true;
}

typedef bool (*gen_fn)(gen *);
static const gen_fn cls_fn[C_COUNT] = {
    i_move, i_alu, i_shift, i_bit, i_bcd, i_muldiv16, i_misc, i_branch, i_bcdx,
    i_ea020, i_muldiv32, i_bitfield, i_extb, i_cas, i_chk2cmp2, i_packunpk, i_bccl,
    i_linkl, i_misc020};

/* One instruction (with its setup lines) from one of `classes`; on failure the
 * state and lines are rolled back and another try is made. */
static bool gen_one(gen *g, unsigned classes)
{
    int list[C_COUNT], nl = 0;
    for (int c = 0; c < C_COUNT; c++)
        if (classes & (1u << c))
            list[nl++] = c;
    if (!nl)
        return false;
    for (int tries = 0; tries < 40; tries++) {
        state save = g->s;
        int nsave = g->nlines, lsave = g->label;
        bool tsave = g->table_used;
        g->cur = list[rn(&g->r, nl)];
        g->busy_d = g->busy_a = 0;
        g->force020 = false;
        g->ptr_used = false;
        g->sp_ok = true;
        if (g->nlines + 12 < MAX_LINES && cls_fn[g->cur](g))
            return true;
        g->s = save;
        g->nlines = nsave;
        g->label = lsave;
        g->table_used = tsave;
    }
    return false;
}

/* Build case k: initial values and instruction lines. */
static void gen_case(gen *g, long k)
{
    g->r.s = g->seed * 0xD1B54A32D192ED03ull ^ ((uint64_t)k + 1) * 0x9E3779B97F4A7C15ull;
    rnext(&g->r);
    g->caseno = k;
    g->nlines = 0;
    g->label = 0;
    g->table_used = false;
    g->fill_seed = r32(&g->r);
    for (int i = 0; i < TABLE; i++)
        g->table[i] = (uint8_t)r32(&g->r);
    for (int i = 0; i < 8; i++) {
        g->init_d[i] = rval(&g->r);
        g->s.dk[i] = true;
        g->s.dv[i] = g->init_d[i];
    }
    for (int i = 0; i < 8; i++)
        g->init_a[i] = UNK;
    for (int i = 0; i < 5; i++) {
        int o = rrange(&g->r, 16, WIN - 16);
        if (rp(&g->r, 75))
            o &= ~1;
        g->init_a[i] = o;
    }
    g->init_a[7] = rrange(&g->r, WIN / 4, WIN - 64) & ~3;
    for (int i = 0; i < 8; i++)
        g->s.aoff[i] = g->init_a[i];
    g->s.undef = g->s.undef_v = 0;
    g->init_ccr = r32(&g->r) & 0x1F;
    int k_insn = rrange(&g->r, 1, g->kmax);
    for (int i = 0; i < k_insn; i++)
        gen_one(g, g->classes);
}

/* ---- program output ---- */
/* The harness.  Only 68000 instructions, so it runs on any model: the CCR is
 * read with Scc and ADDX (MOVE from CCR is 68010+ and is under test itself).
 *
 * Exceptions do not end the run: started with the argument "tandem" the
 * program installs handlers in the vector table (tandem-run maps it as user-
 * writable RAM; they run in supervisor mode), with "qemu" it installs signal
 * handlers on an alternate stack (rt_sigaction, SA_SIGINFO|SA_ONSTACK|
 * SA_NODEFER).  Either one stores the registers at the fault and the signal
 * Linux would send into the case's record and resumes at the case's end
 * (fz_next).  The CCR at a fault is not recorded (where a frame keeps the SR
 * differs between models and frame formats).  Without an argument a fault
 * ends the program. */
static void write_prologue(FILE *f, const gen *g, long first, long n, bool dumpwin)
{
    int rec = REC + (dumpwin ? WIN : 0);
    fprintf(f, "| Generated by tests/fuzz_cpu_gen: seed %llu, cases %ld..%ld, cpu %s.\n",
            (unsigned long long)g->seed, first, first + n - 1,
            g->cpu020 ? "68020" : g->even ? "68040 or 68000, even data addresses" : "68040");
    fprintf(f, "| Record per case (%d bytes): ccr.w signal.b 0x5a.b d0-d7 a0-a4 sp (window offsets)"
               " checksum%s\n",
            rec, dumpwin ? " window" : "");
    fprintf(f,
            "\t.section .fuzzwin,\"aw\",@nobits\n\t.balign 4096\n\t.globl fz_win\n"
            "fz_win:\t.skip %d\n"
            "\t.section .bss\n\t.balign 4\nfz_sp:\t.skip 4\nfz_next:\t.skip 4\nfz_sig:\t.skip 4\n"
            "fz_altstack:\t.skip 65536\nfz_sstack:\t.skip 256\nfz_out:\t.skip %d\n",
            WIN, rec * FLUSH_EVERY);
    fputs("\t.section .data\n\t.balign 4\n"
          "fz_ss:\t.long fz_altstack,0,65536\n"
          "fz_act:\t.long fz_sighandler,0x48000004,0,0,0\n"
          "\t.text\n\t.globl _start\n_start:\n"
          "\tmove.l %sp,fz_sp\n"
          "\tlea fz_win,%a6\n"
          "\tlea fz_out,%a5\n"
          "\tcmpi.l #2,(%sp)\n"
          "\tblt.w fz_cases\n"
          "\tmove.l (8,%sp),%a0\n"
          "\tcmpi.b #'t',(%a0)\n"
          "\tbeq.w fz_vectors\n"
          "\tcmpi.b #'q',(%a0)\n"
          "\tbne.w fz_cases\n"
          "| qemu-m68k: signal handlers on an alternate stack\n"
          "\tmove.l #186,%d0\n\tmove.l #fz_ss,%d1\n\tmoveq #0,%d2\n\ttrap #0\n",
          f);
    static const int sigs[] = {4, 5, 7, 8, 11};
    for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
        fprintf(f, "\tmove.l #174,%%d0\n\tmoveq #%d,%%d1\n\tmove.l #fz_act,%%d2\n"
                   "\tmoveq #0,%%d3\n\tmoveq #8,%%d4\n\ttrap #0\n",
                sigs[i]);
    fputs("\tbra.w fz_cases\n"
          "| tandem-run: handlers in the vector table for vectors 2-11\n"
          "fz_vectors:\n",
          f);
    /* the signal Linux sends for each vector */
    static const int vsig[12] = {0, 0, 7, 7, 4, 8, 8, 8, 4, 5, 4, 4};
    for (int v = 2; v < 12; v++)
        fprintf(f, "\tmove.l #fz_vec%d,(%d).w\n", v, 4 * v);
    fputs("\tbra.w fz_cases\n", f);
    for (int v = 2; v < 12; v++)
        fprintf(f, "fz_vec%d:\tmove.b #%d,fz_sig\n\tbra.w fz_exc\n", v, vsig[v]);
    fputs("fz_exc:\n"
          "\tmovem.l %d0-%d7/%a0-%a4,(4,%a5)\n"
          "\tmove.l %usp,%a0\n"
          "\tmove.l %a0,(56,%a5)\n"
          "\tclr.w (%a5)\n"
          "\tmove.b fz_sig,(2,%a5)\n"
          "\tmove.b #0x5a,(3,%a5)\n"
          "| leave the frame (its layout depends on the model and the vector) on the\n"
          "| old stack; return to user mode through a format-0 frame on our own\n"
          "| (a 6-byte-frame RTE leaves the format word behind: harmless here)\n"
          "\tlea fz_sstack+256,%sp\n"
          "\tclr.w -(%sp)\n"
          "\tmove.l #fz_resume,-(%sp)\n"
          "\tclr.w -(%sp)\n"
          "\trte\n"
          "| qemu-m68k signal handler: 4(sp) signal, 12(sp) ucontext (gregs at +24)\n"
          "fz_sighandler:\n"
          "\tmove.l (12,%sp),%a1\n"
          "\tlea (24,%a1),%a1\n"
          "\tmove.l (52,%a1),%a5\n"
          "\tlea (4,%a5),%a2\n"
          "\tmoveq #12,%d0\n"
          "1:\tmove.l (%a1)+,(%a2)+\n"
          "\tdbra %d0,1b\n"
          "\tmove.l (8,%a1),(56,%a5)\n"
          "\tclr.w (%a5)\n"
          "\tmove.l (4,%sp),%d0\n"
          "\tmove.b %d0,(2,%a5)\n"
          "\tmove.b #0x5a,(3,%a5)\n"
          "fz_resume:\n"
          "\tmove.l fz_sp,%sp\n"
          "\tlea fz_win,%a6\n"
          "\tjsr fz_finish\n"
          "\tmove.l fz_next,%a0\n"
          "\tjmp (%a0)\n"
          "| fill the window from the seed in d0\n"
          "fz_fill:\n"
          "\tmove.l %a6,%a0\n"
          "\tmove.l #0x9e3779b9,%d1\n"
          "\tmove.w #1023,%d2\n"
          "1:\tmove.l %d0,(%a0)+\n"
          "\tadd.l %d1,%d0\n"
          "\trol.l #5,%d0\n"
          "\teor.w %d2,%d0\n"
          "\tdbra %d2,1b\n"
          "\trts\n"
          "| the CCR from X (still live) and the N Z V C bytes Scc stored at 0-3(a5)\n"
          "fz_dump:\n"
          "\tmoveq #0,%d0\n"
          "\taddx.b %d0,%d0\n"
          "\tmoveq #3,%d2\n"
          "\tmove.l %a5,%a0\n"
          "1:\tmove.b (%a0)+,%d1\n"
          "\tandi.b #1,%d1\n"
          "\tadd.b %d0,%d0\n"
          "\tor.b %d1,%d0\n"
          "\tdbra %d2,1b\n"
          "\tmove.w %d0,(%a5)\n"
          "\tmove.w #0x5a,(2,%a5)\n"
          "| finish a record: offsets from the window, checksum, next record\n"
          "fz_finish:\n"
          "\tmove.l %a6,%d0\n"
          "\tsub.l %d0,(36,%a5)\n\tsub.l %d0,(40,%a5)\n\tsub.l %d0,(44,%a5)\n"
          "\tsub.l %d0,(48,%a5)\n\tsub.l %d0,(52,%a5)\n\tsub.l %d0,(56,%a5)\n"
          "\tmoveq #0,%d0\n"
          "\tmove.l %a6,%a0\n"
          "\tmove.w #1023,%d2\n"
          "1:\tadd.l (%a0)+,%d0\n"
          "\trol.l #1,%d0\n"
          "\tdbra %d2,1b\n"
          "\tmove.l %d0,(60,%a5)\n"
          "\tlea (64,%a5),%a5\n",
          f);
    if (dumpwin)
        fputs("\tmove.l %a6,%a0\n\tmove.w #1023,%d2\n1:\tmove.l (%a0)+,(%a5)+\n\tdbra %d2,1b\n", f);
    fputs("\trts\n"
          "| write the records so far to stdout\n"
          "fz_flush:\n"
          "\tmove.l #fz_out,%d2\n"
          "\tmove.l %a5,%d3\n"
          "\tsub.l %d2,%d3\n"
          "\tmoveq #4,%d0\n"
          "\tmoveq #1,%d1\n"
          "\ttrap #0\n"
          "\tlea fz_out,%a5\n"
          "\trts\n"
          "fz_cases:\n",
          f);
}

static void write_case(FILE *f, const gen *g)
{
    long k = g->caseno;
    fprintf(f, "| case %ld\n", k);
    fprintf(f, "\tmove.l #.Lr%ld,fz_next\n", k);
    fprintf(f, "\tmove.l #0x%08x,%%d0\n\tjsr fz_fill\n", (unsigned)g->fill_seed);
    for (int i = 0; i < 8; i++)
        fprintf(f, "\tmove.l #0x%08x,%s\n", (unsigned)g->init_d[i], dn(i));
    for (int i = 0; i < 5; i++)
        fprintf(f, "\tlea (%d,%%a6),%s\n", g->init_a[i], an(i));
    fprintf(f, "\tlea (%d,%%a6),%%sp\n", g->init_a[7]);
    fprintf(f, "\tmove.w #0x%x,%%ccr\n", g->init_ccr);
    if (g->table_used) {
        fprintf(f, "\tbra.s .Lt%ld_e\n.Lt%ld:\t.byte ", k, k);
        for (int i = 0; i < TABLE; i++)
            fprintf(f, "%s0x%02x", i ? "," : "", g->table[i]);
        fprintf(f, "\n.Lt%ld_e:\n", k);
    }
    for (int i = 0; i < g->nlines; i++) {
        const char *t = g->lines[i].text;
        if (t[strlen(t) - 1] == ':')
            fprintf(f, "%s\n", t);
        else
            fprintf(f, "\t%s\t| case %ld %s\n", t, k, cls_name[g->lines[i].cls]);
    }
    fprintf(f,
            "\tsmi (0,%%a5)\n\tseq (1,%%a5)\n\tsvs (2,%%a5)\n\tscs (3,%%a5)\n"
            "\tmovem.l %%d0-%%d7/%%a0-%%a4,(4,%%a5)\n"
            "\tmove.l %%sp,(56,%%a5)\n"
            "\tmove.l fz_sp,%%sp\n"
            "\tjsr fz_dump\n"
            ".Lr%ld:\n",
            k);
}

static unsigned parse_classes(const char *list)
{
    unsigned m = 0;
    char buf[512];
    snprintf(buf, sizeof buf, "%s", list);
    for (char *t = strtok(buf, ", "); t; t = strtok(NULL, ", ")) {
        if (strcmp(t, "all") == 0) {
            m |= (1u << C_COUNT) - 1;
            continue;
        }
        if (strcmp(t, "68000") == 0) {
            m |= CLS_68000;
            continue;
        }
        if (strcmp(t, "68020") == 0) {
            m |= CLS_020;
            continue;
        }
        int c;
        for (c = 0; c < C_COUNT; c++)
            if (strcmp(t, cls_name[c]) == 0)
                break;
        if (c == C_COUNT) {
            fprintf(stderr, "fuzz_cpu_gen: unknown class '%s' (known:", t);
            for (c = 0; c < C_COUNT; c++)
                fprintf(stderr, " %s", cls_name[c]);
            fprintf(stderr, " 68000 68020 all)\n");
            exit(2);
        }
        m |= 1u << c;
    }
    return m;
}

/* ---- comparison ---- */
typedef struct {
    int cls;
    regex_t re;
    char ref[200];
    char pat[200];
} known_t;

static int load_known(const char *path, known_t **out)
{
    *out = NULL;
    if (!path)
        return 0;
    FILE *f = fopen(path, "r");
    if (!f) {
        fprintf(stderr, "fuzz_cpu_gen: cannot open %s: %s\n", path, strerror(errno));
        exit(2);
    }
    int n = 0, cap = 0;
    known_t *k = NULL;
    char buf[600];
    int lineno = 0;
    while (fgets(buf, sizeof buf, f)) {
        lineno++;
        buf[strcspn(buf, "\r\n")] = 0;
        if (!buf[0] || buf[0] == '#')
            continue;
        char *c = strtok(buf, "\t"), *p = strtok(NULL, "\t"), *ref = strtok(NULL, "");
        if (!c || !p) {
            fprintf(stderr, "%s:%d: want CLASS<TAB>REGEX<TAB>REFERENCE\n", path, lineno);
            exit(2);
        }
        if (n == cap) {
            cap = cap ? cap * 2 : 8;
            k = realloc(k, (size_t)cap * sizeof *k);
            if (!k)
                exit(2);
        }
        int ci;
        for (ci = 0; ci < C_COUNT; ci++)
            if (strcmp(c, cls_name[ci]) == 0)
                break;
        if (ci == C_COUNT) {
            fprintf(stderr, "%s:%d: unknown class '%s'\n", path, lineno, c);
            exit(2);
        }
        k[n].cls = ci;
        if (regcomp(&k[n].re, p, REG_EXTENDED | REG_NOSUB) != 0) {
            fprintf(stderr, "%s:%d: bad regular expression '%s'\n", path, lineno, p);
            exit(2);
        }
        snprintf(k[n].pat, sizeof k[n].pat, "%s", p);
        snprintf(k[n].ref, sizeof k[n].ref, "%s", ref ? ref : "");
        while (k[n].ref[0] == '\t')
            memmove(k[n].ref, k[n].ref + 1, strlen(k[n].ref));
        n++;
    }
    fclose(f);
    *out = k;
    return n;
}

static uint8_t *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "fuzz_cpu_gen: cannot open %s: %s\n", path, strerror(errno));
        exit(2);
    }
    size_t cap = 1 << 16, n = 0;
    uint8_t *b = malloc(cap);
    for (;;) {
        if (n == cap) {
            cap *= 2;
            b = realloc(b, cap);
        }
        if (!b)
            exit(2);
        size_t got = fread(b + n, 1, cap - n, f);
        if (!got)
            break;
        n += got;
    }
    fclose(f);
    *len = n;
    return b;
}

static uint32_t be32(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static void print_dump(const char *name, const uint8_t *p, unsigned mask)
{
    unsigned ccr = (unsigned)(p[0] << 8 | p[1]);
    static const char fl[] = "XNZVC";
    char f[6];
    for (int i = 0; i < 5; i++)
        f[i] = (ccr & (16u >> i)) ? fl[i] : (mask & (16u >> i)) ? '-' : '.';
    f[5] = 0;
    printf("#   %-6s ccr=%02x %s", name, ccr & 0x1F, f);
    if (p[2])
        printf(" SIGNAL %d at:", p[2]);
    printf(" d:");
    for (int i = 0; i < 8; i++)
        printf(" %08x", (unsigned)be32(p + 4 + 4 * i));
    printf(" a:");
    for (int i = 0; i < 5; i++)
        printf(" %+d", (int)be32(p + 36 + 4 * i));
    printf(" sp:%+d sum:%08x\n", (int)be32(p + 56), (unsigned)be32(p + 60));
}

static int do_compare(gen *g, long first, long n, const char *fa, const char *fb,
                      const char *known_path, int report, bool show_known, const char *na,
                      const char *nb, bool dumpwin)
{
    size_t la, lb;
    uint8_t *a = slurp(fa, &la), *b = slurp(fb, &lb);
    known_t *kn;
    int nk = load_known(known_path, &kn);
    long agree = 0, differ = 0, known = 0, trapped = 0;
    int printed = 0;
    size_t rec = REC + (dumpwin ? WIN : 0);
    for (long i = 0; i < n; i++) {
        size_t o = (size_t)i * rec;
        /* byte 3 of every record is 0x5A: whatever a dying engine printed to
         * stdout after its last records is no record */
        bool ha = o + rec <= la && a[o + 3] == 0x5A, hb = o + rec <= lb && b[o + 3] == 0x5A;
        gen_case(g, first + i);
        unsigned mask = 0x1F;
        bool same = ha && hb;
        if (same) {
            unsigned ca = a[o + 1] & 0x1F, cb = b[o + 1] & 0x1F;
            unsigned undef = g->s.undef;
            if ((ca | cb) & CF_V)
                undef |= g->s.undef_v;
            mask &= ~undef;
            same = ((ca ^ cb) & mask) == 0 && a[o + 2] == b[o + 2] &&
                   memcmp(a + o + 4, b + o + 4, rec - 4) == 0;
        }
        if (same) {
            agree++;
            if (a[o + 2])
                trapped++;
            continue;
        }
        differ++;
        const known_t *hit = NULL;
        for (int l = 0; l < g->nlines && !hit; l++)
            for (int q = 0; q < nk; q++)
                if (kn[q].cls == g->lines[l].cls &&
                    regexec(&kn[q].re, g->lines[l].text, 0, NULL, 0) == 0) {
                    hit = &kn[q];
                    break;
                }
        if (hit)
            known++;
        if (printed >= report || (hit && !show_known))
            continue;
        printed++;
        printf("# case %ld differs%s%s%s\n", first + i, hit ? " (known: " : "", hit ? hit->ref : "",
               hit ? ")" : "");
        printf("#   init   ccr=%02x d:", g->init_ccr);
        for (int r = 0; r < 8; r++)
            printf(" %08x", (unsigned)g->init_d[r]);
        printf(" a:");
        for (int r = 0; r < 5; r++)
            printf(" %+d", g->init_a[r]);
        printf(" sp:%+d\n", g->init_a[7]);
        for (int l = 0; l < g->nlines; l++)
            printf("#     %-9s %s\n", cls_name[g->lines[l].cls], g->lines[l].text);
        if (ha)
            print_dump(na, a + o, ~mask & 0x1F);
        else
            printf("#   %-6s no record (the program stopped before case %ld, or a dying engine wrote over it)\n", na, first + i);
        if (hb)
            print_dump(nb, b + o, ~mask & 0x1F);
        else
            printf("#   %-6s no record (the program stopped before case %ld, or a dying engine wrote over it)\n", nb, first + i);
        if (ha && hb && dumpwin) {
            int shown = 0;
            for (int w = 0; w < WIN && shown < 16; w++)
                if (a[o + REC + w] != b[o + REC + w]) {
                    printf("#   window +%d: %s %02x %s %02x\n", w, na, a[o + REC + w], nb,
                           b[o + REC + w]);
                    shown++;
                }
        }
    }
    printf("counts cases=%ld agree=%ld differ=%ld known=%ld printed=%d trapped=%ld\n", n, agree,
           differ, known, printed, trapped);
    for (int i = 0; i < nk; i++)
        regfree(&kn[i].re);
    free(kn);
    free(a);
    free(b);
    return 0;
}

static void usage(void)
{
    fprintf(stderr,
            "usage: fuzz_cpu_gen --seed S --cases N [--first F] [--cpu 68040|68020|68000]\n"
            "                    [--classes LIST] [--kmax K] [--even] [--dumpwin] -o OUT.S\n"
            "       fuzz_cpu_gen --compare A.bin B.bin [same options] [--known FILE]\n"
            "                    [--report N] [--show-known] [--engine-a NAME] [--engine-b NAME]\n");
    exit(2);
}

static long num(const char *s)
{
    char *end;
    errno = 0;
    long v = strtol(s, &end, 0);
    if (errno || *end || end == s)
        usage();
    return v;
}

int main(int argc, char **argv)
{
    gen g;
    memset(&g, 0, sizeof g);
    g.seed = 1;
    g.kmax = 6;
    g.classes = CLS_68000;
    long first = 0, n = 100;
    const char *out = NULL, *cmp_a = NULL, *cmp_b = NULL, *known = NULL;
    const char *na = "tandem", *nb = "qemu";
    int report = 10;
    bool dumpwin = false, show_known = false;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        bool more = i + 1 < argc;
        if (strcmp(a, "--seed") == 0 && more)
            g.seed = (uint64_t)strtoull(argv[++i], NULL, 0);
        else if (strcmp(a, "--cases") == 0 && more)
            n = num(argv[++i]);
        else if (strcmp(a, "--first") == 0 && more)
            first = num(argv[++i]);
        else if (strcmp(a, "--kmax") == 0 && more)
            g.kmax = (int)num(argv[++i]);
        else if (strcmp(a, "--cpu") == 0 && more) {
            const char *c = argv[++i];
            if (strcmp(c, "68000") == 0)
                g.even = true; /* the 68000 faults on odd word/long data */
            else if (strcmp(c, "68040") == 0)
                g.cpu020 = false;
            else if (strcmp(c, "68020") == 0)
                g.cpu020 = true;
            else
                usage();
        } else if (strcmp(a, "--classes") == 0 && more)
            g.classes = parse_classes(argv[++i]);
        else if (strcmp(a, "-o") == 0 && more)
            out = argv[++i];
        else if (strcmp(a, "--even") == 0)
            g.even = true;
        else if (strcmp(a, "--dumpwin") == 0)
            dumpwin = true;
        else if (strcmp(a, "--compare") == 0 && i + 2 < argc) {
            cmp_a = argv[++i];
            cmp_b = argv[++i];
        } else if (strcmp(a, "--known") == 0 && more)
            known = argv[++i];
        else if (strcmp(a, "--show-known") == 0)
            show_known = true;
        else if (strcmp(a, "--report") == 0 && more)
            report = (int)num(argv[++i]);
        else if (strcmp(a, "--engine-a") == 0 && more)
            na = argv[++i];
        else if (strcmp(a, "--engine-b") == 0 && more)
            nb = argv[++i];
        else
            usage();
    }
    if (n < 0 || first < 0 || g.kmax < 1 || g.kmax > 16 || !g.classes)
        usage();
    if (cmp_a)
        return do_compare(&g, first, n, cmp_a, cmp_b, known, report, show_known, na, nb, dumpwin);
    if (!out)
        usage();
    FILE *f = strcmp(out, "-") == 0 ? stdout : fopen(out, "w");
    if (!f) {
        fprintf(stderr, "fuzz_cpu_gen: cannot write %s: %s\n", out, strerror(errno));
        return 2;
    }
    write_prologue(f, &g, first, n, dumpwin);
    for (long i = 0; i < n; i++) {
        gen_case(&g, first + i);
        write_case(f, &g);
        if ((i + 1) % FLUSH_EVERY == 0)
            fputs("\tjsr fz_flush\n", f);
    }
    fputs("\tjsr fz_flush\n\tmoveq #1,%d0\n\tmoveq #0,%d1\n\ttrap #0\n", f);
    if (fclose(f) != 0) {
        fprintf(stderr, "fuzz_cpu_gen: error writing %s\n", out);
        return 2;
    }
    return 0;
}
