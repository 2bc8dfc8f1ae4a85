/* Integer arithmetic, logic and shift instructions against a C model of the
 * 68000's results and flags (X N Z V C), on edge values and a random sweep,
 * for byte, word and long sizes. */
#include "flags.h"

static check ck = {"arith", 0, 0};

static const u32 masks[3] = {0xFF, 0xFFFF, 0xFFFFFFFF};
static const u32 msbs[3] = {0x80, 0x8000, 0x80000000};
static const unsigned bits[3] = {8, 16, 32};

/* Destination register after a sized operation: untouched bits above the size. */
static u32 merge(u32 old, u32 res, int sz)
{
    return (old & ~masks[sz]) | (res & masks[sz]);
}

static u32 nz(u32 r, int sz)
{
    return ((r & masks[sz]) == 0 ? F_Z : 0) | (r & msbs[sz] ? F_N : 0);
}

enum { ADD, SUB, CMP, ADDX, SUBX, AND, OR, EOR, NEG, NEGX, NOT, NOPS };
static const char *const op_names[NOPS] = {"add", "sub", "cmp", "addx", "subx", "and",
                                           "or",  "eor", "neg", "negx", "not"};

/* Model: returns the new destination value, flags in *f; ccr is the input CCR. */
static u32 model(int op, int sz, u32 s, u32 d, u32 ccr, u32 *f)
{
    u32 m = masks[sz], msb = msbs[sz], x = ccr & F_X ? 1 : 0;
    s &= m;
    u32 dd = d & m, r, c, v;
    switch (op) {
    case ADD:
    case ADDX:
        r = (dd + s + (op == ADDX ? x : 0)) & m;
        c = sz == 2 ? (r < dd || (op == ADDX && x && r == dd)) : ((dd + s + (op == ADDX ? x : 0)) > m);
        v = ((s ^ r) & (dd ^ r) & msb) != 0;
        *f = (c ? F_C | F_X : 0) | (v ? F_V : 0) | (r & msb ? F_N : 0);
        if (op == ADDX)
            *f |= r ? 0 : (ccr & F_Z);
        else
            *f |= r ? 0 : F_Z;
        return merge(d, r, sz);
    case SUB:
    case CMP:
    case SUBX:
    case NEG:
    case NEGX: {
        u32 xin = (op == SUBX || op == NEGX) ? x : 0;
        if (op == NEG || op == NEGX) {
            s = dd;
            dd = 0;
        }
        r = (dd - s - xin) & m;
        c = s > dd || (xin && s == dd);
        v = ((s ^ dd) & (r ^ dd) & msb) != 0;
        *f = (c ? F_C : 0) | (v ? F_V : 0) | (r & msb ? F_N : 0);
        if (op == CMP)
            *f |= ccr & F_X;
        else if (c)
            *f |= F_X;
        if (op == SUBX || op == NEGX)
            *f |= r ? 0 : (ccr & F_Z);
        else
            *f |= r ? 0 : F_Z;
        return op == CMP ? d : merge(d, r, sz);
    }
    case AND:
    case OR:
    case EOR:
    case NOT:
        r = op == AND ? dd & s : op == OR ? dd | s : op == EOR ? dd ^ s : ~dd & m;
        *f = (ccr & F_X) | nz(r, sz);
        return merge(d, r, sz);
    }
    return 0;
}


static u32 hw(int op, int sz, u32 s, u32 d, u32 ccr, u32 *f)
{
    u32 r = 0, fl = 0;
#define CASE2(OP, MN)                                                                \
    case OP:                                                                         \
        if (sz == 0)                                                                 \
            RUN2(MN ".b", s, d, ccr, r, fl);                                         \
        else if (sz == 1)                                                            \
            RUN2(MN ".w", s, d, ccr, r, fl);                                         \
        else                                                                         \
            RUN2(MN ".l", s, d, ccr, r, fl);                                         \
        break;
#define CASE1(OP, MN)                                                                \
    case OP:                                                                         \
        if (sz == 0)                                                                 \
            RUN1(MN ".b", d, ccr, r, fl);                                            \
        else if (sz == 1)                                                            \
            RUN1(MN ".w", d, ccr, r, fl);                                            \
        else                                                                         \
            RUN1(MN ".l", d, ccr, r, fl);                                            \
        break;
    switch (op) {
        CASE2(ADD, "add")
        CASE2(SUB, "sub")
        CASE2(CMP, "cmp")
        CASE2(ADDX, "addx")
        CASE2(SUBX, "subx")
        CASE2(AND, "and")
        CASE2(OR, "or")
        CASE2(EOR, "eor")
        CASE1(NEG, "neg")
        CASE1(NEGX, "negx")
        CASE1(NOT, "not")
    }
    *f = fl;
    return r;
}

/* Shifts and rotates by a register count, modelled one bit at a time. */
enum { ASL, ASR, LSL, LSR, ROL, ROR, ROXL, ROXR, NSH };
static const char *const sh_names[NSH] = {"asl", "asr", "lsl", "lsr", "rol", "ror", "roxl", "roxr"};

static u32 sh_model(int op, int sz, u32 cnt, u32 d, u32 ccr, u32 *f)
{
    u32 m = masks[sz], msb = msbs[sz], r = d & m;
    u32 x = ccr & F_X ? 1 : 0, c = 0, v = 0;
    cnt &= 63;
    for (u32 i = 0; i < cnt; i++) {
        u32 out;
        switch (op) {
        case ASL:
        case LSL:
            out = (r & msb) != 0;
            r = (r << 1) & m;
            if (op == ASL && ((r & msb) != 0) != out)
                v = 1;
            break;
        case ASR:
        case LSR:
            out = r & 1;
            r = (r >> 1) | (op == ASR ? (r & msb) : 0);
            break;
        case ROL:
            out = (r & msb) != 0;
            r = ((r << 1) | out) & m;
            break;
        case ROR:
            out = r & 1;
            r = (r >> 1) | (out ? msb : 0);
            break;
        case ROXL:
            out = (r & msb) != 0;
            r = ((r << 1) | x) & m;
            x = out;
            break;
        default: /* ROXR */
            out = r & 1;
            r = (r >> 1) | (x ? msb : 0);
            x = out;
            break;
        }
        c = out;
        if (op != ROL && op != ROR)
            x = out;
    }
    if (cnt == 0 && (op == ROXL || op == ROXR))
        c = x;
    *f = (x ? F_X : 0) | (c ? F_C : 0) | (v ? F_V : 0) | nz(r, sz);
    return merge(d, r, sz);
}

static u32 sh_hw(int op, int sz, u32 s, u32 d, u32 ccr, u32 *f)
{
    u32 r = 0, fl = 0;
    switch (op) {
        CASE2(ASL, "asl")
        CASE2(ASR, "asr")
        CASE2(LSL, "lsl")
        CASE2(LSR, "lsr")
        CASE2(ROL, "rol")
        CASE2(ROR, "ror")
        CASE2(ROXL, "roxl")
        CASE2(ROXR, "roxr")
    }
    *f = fl;
    return r;
}

static u32 pick(u32 *seed, int sz)
{
    static const u32 edge[] = {0, 1, 2, 0x7F, 0x80, 0xFF, 0x7FFF, 0x8000, 0xFFFF,
                               0x7FFFFFFF, 0x80000000, 0xFFFFFFFF, 0x12345678};
    u32 r = rnd_next(seed);
    if ((r & 3) == 0)
        return edge[(r >> 8) % (sizeof edge / sizeof edge[0])] ^ (r & 0xFFFF0000 & ~masks[sz]);
    return rnd_next(seed);
}

static void compare(const char *name, int sz, u32 s, u32 d, u32 ccr, u32 gr, u32 gf, u32 wr,
                    u32 wf)
{
    if (gr == wr && gf == wf) {
        ck.passed++;
        return;
    }
    if (ck.failed++ < 12)
        printf("  %s.%c src=%08x dst=%08x ccr=%02x: got %08x/%02x want %08x/%02x\n", name,
               "bwl"[sz], s, d, ccr, gr, gf, wr, wf);
}

int guest_main(int argc, char **argv)
{
    u32 seed = 0x2545F491;
    int rounds = argc > 1 ? (int)atol(argv[1]) : 300;
    for (int op = 0; op < NOPS; op++)
        for (int sz = 0; sz < 3; sz++)
            for (int i = 0; i < rounds; i++) {
                u32 s = pick(&seed, sz), d = pick(&seed, sz), ccr = rnd_next(&seed) & 0x1F;
                u32 gf, wf;
                u32 gr = hw(op, sz, s, d, ccr, &gf);
                u32 wr = model(op, sz, s, d, ccr, &wf);
                compare(op_names[op], sz, s, d, ccr, gr, gf, wr, wf);
            }
    for (int op = 0; op < NSH; op++)
        for (int sz = 0; sz < 3; sz++)
            for (int i = 0; i < rounds; i++) {
                u32 cnt = rnd_next(&seed);
                cnt = (cnt & 0x100) ? (cnt & 63) : (cnt & 0xFFC0) | (cnt % (bits[sz] + 2));
                u32 d = pick(&seed, sz), ccr = rnd_next(&seed) & 0x1F;
                u32 gf, wf;
                u32 gr = sh_hw(op, sz, cnt, d, ccr, &gf);
                u32 wr = sh_model(op, sz, cnt, d, ccr, &wf);
                compare(sh_names[op], sz, cnt, d, ccr, gr, gf, wr, wf);
            }
    return check_done(&ck);
}
