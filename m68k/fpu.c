/* The floating-point unit: coprocessor 1 (opcodes 1111 001x xxxx xxxx) as a
 * 68881/68882 on the 68020/68030 and as the 68040's own FPU.
 *
 * General instructions (F200 | ea, then a command word):
 *   bits 15-13 opclass: 000 FPm to FPn, 010 <ea> to FPn (bits 12-10 the
 *   source format L S X P W D B, 111 with 010111 = FMOVECR), 011 FPn to
 *   <ea> (FMOVE out, bits 6-0 the packed k-factor), 100/101 FMOVE(M) of
 *   the control registers (bits 12-10 FPCR FPSR FPIAR), 110/111 FMOVEM of
 *   data registers (bits 12-11: static/dynamic list, -(An) or (An)+ and
 *   control modes; list bit 7 is FP0, or FP7 for -(An)).
 *   In opclasses 000/010, bits 9-7 are the destination and 6-0 the opmode.
 * Then FScc/FDBcc/FTRAPcc (F240-F27F), FBcc (F280/F2C0, 16- and 32-bit
 * displacements; FNOP is FBF.W 0), FSAVE (F300) and FRESTORE (F340).
 *
 * The arithmetic is m68k/fpu_float.c.  After each arithmetic instruction
 * the FPSR exception byte holds what it raised, the accrued byte collects
 * them (AIOP = SNAN|OPERR, AUNFL = UNFL&INEX2, AINEX = INEX1|INEX2|OVFL)
 * and the condition codes describe the result.  An exception that is also
 * enabled in FPCR is taken after the instruction (68040: a format-3 frame
 * with the operand's address; 68881/68882: a format-0 frame, both with the
 * next instruction's PC, which simplifies the 68881's pre-instruction
 * protocol); SNAN, OPERR and DZ then leave the destination as it was.
 *
 * The 68040 as the chip: what it does not do in hardware (FMOD FREM FSCALE
 * FINT FINTRZ FGETEXP FGETMAN FMOVECR and the transcendentals) takes the
 * unimplemented floating-point instruction exception (vector 11) with a
 * format-2 frame holding the operand's effective address (M68040 User's
 * Manual 9.6.1: format $4 is the EC040/LC040's), and packed decimal
 * operands the unsupported data type exception (vector 55, format 0 for a
 * source, format 3 for FMOVE out), so that the guest's FPSP does them;
 * fpu_full (m68k_set_fpu_full) runs them here instead, with the results
 * the FPSP gives (FMOVECR's constant table, packed decimal's conversions:
 * fpu_float.c, fpu_packed.c); the transcendentals are fpu_trans.c's.  Not
 * done yet: the FSAVE busy and unimplemented-instruction frames
 * (FSAVE gives null and idle frames only), denormal and unnormal operands
 * as unsupported data types on the 68040 (they are computed in hardware
 * here).
 *
 * Timing is approximate: a few clocks per operation on top of the bus
 * cycles, nothing like the chips' tables. */
#include "m68k/ea.h"
#include "m68k/fpu_float.h"

enum { F_L, F_S, F_X, F_P, F_W, F_D, F_B, F_NONE };
static const int fmt_bytes[8] = {4, 4, 12, 12, 2, 8, 1, 0};

enum {
    FPSR_BSUN = 0x8000,
    FPSR_AIOP = 0x80, FPSR_AOVFL = 0x40, FPSR_AUNFL = 0x20, FPSR_ADZ = 0x10, FPSR_AINEX = 0x08,
    FPSR_NAN = 0x01000000
};

M68K_INLINE fx80 fpr(const m68k_cpu *c, int n)
{
    return fx_make(c->fp_se[n], c->fp_m[n]);
}
M68K_INLINE void fpw(m68k_cpu *c, int n, fx80 v)
{
    c->fp_se[n] = v.se;
    c->fp_m[n] = v.m;
}

void m68k_set_fpu_full(m68k_cpu *c, bool full)
{
    c->fpu_full = full;
}

/* The chip's way on the 68040 (some things trap to the FPSP). */
M68K_INLINE bool chip040(const m68k_cpu *c)
{
    return c->model == M68K_68040 && !c->fpu_full;
}

static void fpu_reset_state(m68k_cpu *c)
{
    for (int i = 0; i < 8; i++)
        fpw(c, i, fx_default_nan());
    c->fpcr = c->fpsr = c->fpiar = 0;
    c->fpu_idle = false;
}

static fx_env env_of(const m68k_cpu *c)
{
    fx_env e;
    e.rmode = (int)(c->fpcr >> 4 & 3);
    e.prec = (int)(c->fpcr >> 6 & 3);
    if (e.prec == 3)
        e.prec = FX_PX;
    e.flags = 0;
    e.accrued = 0;
    return e;
}

/* F-line exception at the instruction (an encoding the FPU does not have). */
static void fline(m68k_cpu *c)
{
    c->budget -= 4;
    m68k_exception(c, 11, c->insn_pc);
}

/* 68040 unimplemented floating-point instruction: format 2 with the
 * effective address, PC of the next instruction. */
static void unimp040(m68k_cpu *c, uint32_t ea)
{
    uint16_t w[2] = {(uint16_t)(ea >> 16), (uint16_t)ea};
    c->budget -= 4;
    m68k_exception_format(c, 11, 2, c->pc, w, 2);
}

/* FPSR update after an operation that raised `ex`; `cc` < 0 keeps the
 * condition codes.  Returns the enabled exceptions. */
static unsigned fpsr_update(m68k_cpu *c, unsigned ex, unsigned acc, int cc)
{
    uint32_t s = c->fpsr & ~0xFF00u;
    if (cc >= 0)
        s = (s & ~0x0F000000u) | (uint32_t)cc << 24;
    s |= ex << 8;
    ex |= acc;
    if (ex & (FX_SNAN | FX_OPERR))
        s |= FPSR_AIOP;
    if (ex & FX_OVFL)
        s |= FPSR_AOVFL;
    if ((ex & FX_UNFL) && (ex & FX_INEX2))
        s |= FPSR_AUNFL;
    if (ex & FX_DZ)
        s |= FPSR_ADZ;
    if (ex & (FX_INEX1 | FX_INEX2 | FX_OVFL))
        s |= FPSR_AINEX;
    c->fpsr = s;
    /* An overflow also takes an enabled inexact trap (OVFL implies INEX). */
    if (ex & FX_OVFL)
        ex |= FX_INEX2;
    return ex & (c->fpcr >> 8) & 0xFF;
}

/* Take the highest-priority enabled arithmetic exception. */
static void fp_trap(m68k_cpu *c, unsigned trap, uint32_t ea)
{
    int vec = trap & FX_SNAN    ? 54
              : trap & FX_OPERR ? 52
              : trap & FX_OVFL  ? 53
              : trap & FX_UNFL  ? 51
              : trap & FX_DZ    ? 50
                                : 49;
    c->budget -= 4;
    if (c->model == M68K_68040) {
        uint16_t w[2] = {(uint16_t)(ea >> 16), (uint16_t)ea};
        m68k_exception_format(c, vec, 3, c->pc, w, 2);
    } else {
        m68k_exception(c, vec, c->pc);
    }
}

/* ---- operands ---- */

/* Raw operand words: up to three longs, big-endian order. */
typedef struct raw {
    uint32_t w[3];
} raw;

static void read_raw(m68k_cpu *c, int m, uint32_t a, int fmt, raw *r)
{
    int kind = ae_kind(m);
    switch (fmt) {
    case F_B: r->w[0] = rd8(c, a); break;
    case F_W: r->w[0] = rd16(c, a, kind, c->pc); break;
    case F_L:
    case F_S: r->w[0] = rd32(c, a, kind, c->pc); break;
    case F_D:
        r->w[0] = rd32(c, a, kind, c->pc);
        r->w[1] = rd32(c, a + 4, kind, c->pc);
        break;
    default:
        r->w[0] = rd32(c, a, kind, c->pc);
        r->w[1] = rd32(c, a + 4, kind, c->pc);
        r->w[2] = rd32(c, a + 8, kind, c->pc);
        break;
    }
}

static void read_imm(m68k_cpu *c, int fmt, raw *r)
{
    switch (fmt) {
    case F_B: r->w[0] = ext16(c) & 0xFF; break;
    case F_W: r->w[0] = ext16(c); break;
    case F_L:
    case F_S: r->w[0] = ext32(c); break;
    case F_D:
        r->w[0] = ext32(c);
        r->w[1] = ext32(c);
        break;
    default:
        r->w[0] = ext32(c);
        r->w[1] = ext32(c);
        r->w[2] = ext32(c);
        break;
    }
}

static fx80 from_raw(fx_env *env, int fmt, const raw *r)
{
    switch (fmt) {
    case F_P: return fx_from_packed(env, r->w);
    case F_B: return fx_from_int((int8_t)r->w[0]);
    case F_W: return fx_from_int((int16_t)r->w[0]);
    case F_L: return fx_from_int((int32_t)r->w[0]);
    case F_S: return fx_from_single(env, r->w[0]);
    case F_D: return fx_from_double(env, (uint64_t)r->w[0] << 32 | r->w[1]);
    default: return fx_from_ext((uint16_t)(r->w[0] >> 16), (uint64_t)r->w[1] << 32 | r->w[2]);
    }
}

/* ---- opmodes ---- */

enum { OP_BAD, OP_HW, OP_SW, OP_TRANS }; /* 68040 hardware, FPSP software, not done */

static int opmode_class(unsigned opm, bool is040)
{
    switch (opm) {
    case 0x00: case 0x04: case 0x18: case 0x1A: case 0x20: case 0x22: case 0x23:
    case 0x24: case 0x27: case 0x28: case 0x38: case 0x3A:
        return OP_HW;
    case 0x01: case 0x03: case 0x1E: case 0x1F: case 0x21: case 0x25: case 0x26:
        return OP_SW;
    case 0x40: case 0x44: case 0x41: case 0x45: case 0x58: case 0x5C: case 0x5A: case 0x5E:
    case 0x60: case 0x64: case 0x62: case 0x66: case 0x63: case 0x67: case 0x68: case 0x6C:
        return is040 ? OP_HW : OP_BAD;
    case 0x02: case 0x06: case 0x08: case 0x09: case 0x0A: case 0x0C: case 0x0D: case 0x0E:
    case 0x0F: case 0x10: case 0x11: case 0x12: case 0x14: case 0x15: case 0x16: case 0x19:
    case 0x1C: case 0x1D:
        return OP_TRANS;
    default:
        if (opm >= 0x30 && opm <= 0x37)
            return OP_TRANS; /* FSINCOS */
        return OP_BAD;
    }
}

/* Precision of an opmode: the FPCR's, or single/double for the 68040's
 * FSxxx/FDxxx forms. */
static int opm_prec(unsigned opm, int fpcr_prec)
{
    if (opm & 0x40)
        return opm & 0x04 ? FX_PD : FX_PS;
    return fpcr_prec;
}

/* One arithmetic opmode on dst and src: *write says whether the result
 * goes to the register, *cc < 0 that the condition codes come from it. */
static fx80 fp_op(fx_env *env, unsigned opm, int prec, fx80 dst, fx80 src, bool *write, int *cc,
                  int *quot)
{
    fx80 res;
    *write = true;
    *cc = -1;
    *quot = -1;
    switch (opm) {
    case 0x00: case 0x40: case 0x44:
        res = fx_round_to(env, prec, src);
        break;
    case 0x04: case 0x41: case 0x45:
        res = fx_sqrt(env, prec, src);
        break;
    case 0x18: case 0x58: case 0x5C:
        src.se &= 0x7FFF;
        res = fx_round_to(env, prec, src);
        break;
    case 0x1A: case 0x5A: case 0x5E:
        src.se ^= 0x8000;
        res = fx_round_to(env, prec, src);
        break;
    case 0x20: case 0x60: case 0x64: res = fx_div(env, prec, dst, src); break;
    case 0x22: case 0x62: case 0x66: res = fx_add(env, prec, dst, src); break;
    case 0x23: case 0x63: case 0x67: res = fx_mul(env, prec, dst, src); break;
    case 0x28: case 0x68: case 0x6C: res = fx_sub(env, prec, dst, src); break;
    case 0x24: res = fx_sgldiv(env, dst, src); break;
    case 0x27: res = fx_sglmul(env, dst, src); break;
    /* FINT/FINTRZ give all 64 bits whatever the rounding precision. */
    case 0x01: res = fx_int(env, FX_PX, src, env->rmode); break;
    case 0x03: res = fx_int(env, FX_PX, src, FX_RZ); break;
    case 0x1E: res = fx_getexp(env, src); break;
    case 0x1F: res = fx_getman(env, src); break;
    case 0x26: res = fx_scale(env, prec, dst, src); break;
    case 0x21:
    case 0x25: {
        uint8_t q;
        res = fx_rem(env, prec, dst, src, opm == 0x25, &q);
        *quot = q;
        break;
    }
    case 0x38:
        *cc = (int)fx_cmp_cc(env, dst, src);
        res = dst;
        *write = false;
        break;
    case 0x3A: /* FTST */
        res = src;
        if (fx_is_snan(src))
            env->flags |= FX_SNAN;
        *write = false;
        break;
    default: /* the transcendentals of fpu_trans.c (FSINCOS: the sine here) */
        if (!fx_trans(env, prec, opm >= 0x30 && opm <= 0x37 ? 0x0E : opm, src, &res))
            res = fx_default_nan();
        break;
    }
    return res;
}

static void fp_arith(m68k_cpu *c, int m, int n, uint32_t cmd)
{
    bool rm = (cmd >> 14) & 1;
    int fmt = rm ? (int)(cmd >> 10 & 7) : F_X;
    int dreg = (int)(cmd >> 7 & 7);
    unsigned opm = cmd & 0x7F;
    int cls = opmode_class(opm, c->model == M68K_68040);
    if (cls == OP_BAD || (rm && fmt == F_NONE)) {
        fline(c);
        return;
    }
    uint32_t a = 0;
    raw r = {{0, 0, 0}};
    if (rm) {
        if (m == M_DN) {
            if (fmt != F_L && fmt != F_S && fmt != F_W && fmt != F_B) {
                fline(c);
                return;
            }
            r.w[0] = c->d[n];
        } else if (m == M_AN) {
            fline(c);
            return;
        } else if (m == M_IM) {
            read_imm(c, fmt, &r);
        } else {
            a = ea_addr(c, m, n, fmt_bytes[fmt], false);
        }
    }
    if (cls != OP_HW && chip040(c)) {
        if (c->model == M68K_68040)
            unimp040(c, a);
        else
            fline(c);
        return;
    }
    if (fmt == F_P && chip040(c)) {
        /* Packed decimal: the 68040 leaves it to the FPSP. */
        c->budget -= 4;
        m68k_exception(c, 55, c->insn_pc);
        return;
    }
    if (rm && mode_is_mem(m) && m != M_IM) {
        /* An moves only once the read is done: a 68040 access error
         * restarts the instruction with the registers as they were. */
        read_raw(c, m, a, fmt, &r);
        ea_pre(c, m, n, fmt_bytes[fmt]);
        ea_post(c, m, n, fmt_bytes[fmt]);
    }
    c->fpiar = c->insn_pc;
    c->fpu_idle = true;
    fx_env env = env_of(c);
    fx80 src = rm ? from_raw(&env, fmt, &r) : fpr(c, (int)(cmd >> 10 & 7));
    fx80 dst = fpr(c, dreg);
    int prec = opm_prec(opm, env.prec);
    bool write;
    int cc, quot;
    fx80 res = fp_op(&env, opm, prec, dst, src, &write, &cc, &quot);
    bool dyadic = (opm & 0x20) != 0;
    if ((env.flags & FX_OVFL) && prec != FX_PX &&
        (fx_is_denormal(src) || (dyadic && fx_is_denormal(dst)))) {
        /* A denormal operand goes through the FPSP on the chip, which
         * reports INEX2 on overflow only if the extended result is inexact. */
        fx_env e2 = env_of(c);
        fx80 r2 = fp_op(&e2, opm, FX_PX, dst, src, &write, &cc, &quot);
        (void)r2;
        env.flags = (env.flags & ~(unsigned)FX_INEX2) | (e2.flags & FX_INEX2);
    }
    if (opm == 0x26 && (env.flags & (FX_UNFL | FX_INEX2)) == (FX_UNFL | FX_INEX2) &&
        !(c->fpcr & (FX_UNFL << 8)) && fx_exp(res) == 0 && res.m <= 1 &&
        fx_exp(src) < FX_BIAS + 14) {
        /* The FPSP's FSCALE shows an underflow that leaves nothing of the
         * mantissa as UNFL alone (untrapped), accruing AUNFL and AINEX. */
        env.flags &= ~(unsigned)FX_INEX2;
        env.accrued |= FX_INEX2 | FX_UNFL;
    }
    if (quot >= 0)
        c->fpsr = (c->fpsr & ~0x00FF0000u) | (uint32_t)quot << 16;
    /* FSINCOS: the cosine to FPc (bits 2-0), the sine (and the condition
     * codes) to FPs. */
    bool cosine = opm >= 0x30 && opm <= 0x37;
    fx80 cosv = res;
    if (cosine) {
        fx_env e2 = env_of(c);
        fx_trans(&e2, prec, 0x1D, src, &cosv);
        env.flags |= e2.flags;
    }
    if (cc < 0)
        cc = (int)fx_cc(res);
    unsigned trap = fpsr_update(c, env.flags, env.accrued, cc);
    if (write && !(trap & (FX_SNAN | FX_OPERR | FX_DZ)))
        fpw(c, dreg, res);
    if (cosine) /* FPc is written even when the exception is taken (FPSP) */
        fpw(c, (int)(opm & 7), cosv);
    /* rough: divide and square root 40 clocks, the transcendentals 200,
     * the rest 6 */
    c->budget -= cls == OP_TRANS ? 200
                 : opm == 0x20 || opm == 0x04 || (opm & 0x43) == 0x41 || opm == 0x60 ||
                         opm == 0x64 || opm == 0x24
                     ? 40
                     : 6;
    if (trap)
        fp_trap(c, trap, a);
}

/* ---- FMOVE out (opclass 011) ---- */

static void fp_move_out(m68k_cpu *c, int m, int n, uint32_t cmd)
{
    int fmt = (int)(cmd >> 10 & 7);
    fx80 v = fpr(c, (int)(cmd >> 7 & 7));
    int k = 0;
    if (fmt == F_P || fmt == 7) {
        /* Packed, with a static (format 3) or dynamic (7, in Dn) k-factor. */
        if (m == M_DN || m == M_AN || m == M_IM || mode_is_prog(m)) {
            fline(c);
            return;
        }
        if (chip040(c)) {
            uint32_t a = ea_addr(c, m, n, 12, false);
            uint16_t w[2] = {(uint16_t)(a >> 16), (uint16_t)a};
            c->budget -= 4;
            m68k_exception_format(c, 55, 3, c->pc, w, 2);
            return;
        }
        uint32_t kf = fmt == 7 ? c->d[cmd >> 4 & 7] : cmd;
        k = (int)((kf & 0x7F) ^ 0x40) - 0x40;
        fmt = F_P;
    }
    if (m == M_AN || m == M_IM || mode_is_prog(m) ||
        (m == M_DN && fmt != F_L && fmt != F_S && fmt != F_W && fmt != F_B)) {
        fline(c);
        return;
    }
    c->fpiar = c->insn_pc;
    c->fpu_idle = true;
    fx_env env = env_of(c);
    raw r = {{0, 0, 0}};
    switch (fmt) {
    case F_B: r.w[0] = (uint32_t)fx_to_int(&env, v, 1) & 0xFF; break;
    case F_W: r.w[0] = (uint32_t)fx_to_int(&env, v, 2) & 0xFFFF; break;
    case F_L: r.w[0] = (uint32_t)fx_to_int(&env, v, 4); break;
    case F_S: r.w[0] = fx_to_single(&env, v); break;
    case F_D: {
        uint64_t d = fx_to_double(&env, v);
        r.w[0] = (uint32_t)(d >> 32);
        r.w[1] = (uint32_t)d;
        break;
    }
    case F_P:
        fx_to_packed(&env, v, k, r.w);
        break;
    default: /* X: normalised (unnormals), denormals raise UNFL, NaNs quieted */
        v = fx_round_to(&env, FX_PX, v);
        r.w[0] = (uint32_t)v.se << 16;
        r.w[1] = (uint32_t)(v.m >> 32);
        r.w[2] = (uint32_t)v.m;
        break;
    }
    uint32_t a = 0;
    if (m == M_DN) {
        dreg_write(c, n, fmt_bytes[fmt], r.w[0]);
    } else {
        int sz = fmt_bytes[fmt];
        a = ea_addr(c, m, n, sz, false);
        if (sz == 1)
            wr8(c, a, r.w[0]);
        else if (sz == 2)
            wr16(c, a, r.w[0], c->pc);
        else
            for (int i = 0; i < sz / 4; i++)
                wr32(c, a + 4 * (uint32_t)i, r.w[i], c->pc);
        ea_pre(c, m, n, sz); /* after the writes (restartable) */
        ea_post(c, m, n, sz);
    }
    unsigned trap = fpsr_update(c, env.flags, env.accrued, -1);
    c->budget -= 6;
    if (trap)
        fp_trap(c, trap, a);
}

/* ---- FMOVE(M) of the control registers (opclass 100 and 101) ---- */

static void fp_move_ctl(m68k_cpu *c, int m, int n, uint32_t cmd)
{
    bool to_mem = (cmd >> 13) & 1;
    unsigned list = cmd >> 10 & 7; /* 4 FPCR, 2 FPSR, 1 FPIAR */
    int count = (list >> 2 & 1) + (list >> 1 & 1) + (list & 1);
    uint32_t *regs[3] = {&c->fpcr, &c->fpsr, &c->fpiar};
    static const uint32_t masks[3] = {0x0000FFF0u, 0x0FFFFFF8u, 0xFFFFFFFFu};
    if (count == 0 || ((m == M_DN || m == M_AN) && count != 1) || (m == M_AN && list != 1) ||
        (to_mem && (m == M_IM || mode_is_prog(m)))) {
        fline(c);
        return;
    }
    c->budget -= 4;
    if (m == M_DN || m == M_AN) {
        for (int i = 0; i < 3; i++) {
            if (!(list & (4u >> i)))
                continue;
            if (to_mem)
                c->r[(m == M_AN ? 8 : 0) + n] = *regs[i];
            else
                *regs[i] = c->r[(m == M_AN ? 8 : 0) + n] & masks[i];
        }
        return;
    }
    if (m == M_IM) {
        for (int i = 0; i < 3; i++)
            if (list & (4u >> i))
                *regs[i] = ext32(c) & masks[i];
        return;
    }
    uint32_t a;
    uint32_t start;
    if (m == M_PD) {
        a = c->a[n] - 4u * (uint32_t)count;
        c->budget -= 2;
    } else {
        a = ea_addr(c, m, n, 4 * count, false);
    }
    start = a;
    uint32_t v[3];
    for (int i = 0; i < 3; i++) {
        if (!(list & (4u >> i)))
            continue;
        if (to_mem)
            wr32(c, a, *regs[i], c->pc);
        else
            v[i] = rd32(c, a, ae_kind(m), c->pc) & masks[i];
        a += 4;
    }
    /* Registers and An change once every access is done (restartable). */
    if (!to_mem)
        for (int i = 0; i < 3; i++)
            if (list & (4u >> i))
                *regs[i] = v[i];
    if (m == M_PD)
        c->a[n] = start;
    else if (m == M_PI)
        c->a[n] = a;
}

/* ---- FMOVEM of data registers (opclass 110 and 111) ---- */

static void fp_movem(m68k_cpu *c, int m, int n, uint32_t cmd)
{
    bool to_mem = (cmd >> 13) & 1;
    unsigned mode = cmd >> 11 & 3;
    unsigned list = mode & 1 ? c->d[cmd >> 4 & 7] & 0xFF : cmd & 0xFF;
    bool predec = !(mode & 2);
    if (m == M_DN || m == M_AN || (to_mem && (m == M_IM || m == M_PI || mode_is_prog(m))) ||
        (!to_mem && (m == M_IM || m == M_PD)) || (predec != (m == M_PD))) {
        fline(c);
        return;
    }
    int kind = ae_kind(m);
    c->budget -= 4;
    if (m == M_PD) {
        /* In -(An) mode list bit 7 is FP7 and bit 0 FP0; stored from FP7
         * down, so that FP0 ends at the lowest address. */
        uint32_t a = c->a[n];
        for (int r = 7; r >= 0; r--) {
            if (!(list & (1u << r)))
                continue;
            a -= 12;
            fx80 v = fpr(c, r);
            wr32(c, a, (uint32_t)v.se << 16, c->pc);
            wr32(c, a + 4, (uint32_t)(v.m >> 32), c->pc);
            wr32(c, a + 8, (uint32_t)v.m, c->pc);
        }
        c->a[n] = a;
        return;
    }
    uint32_t a = ea_addr(c, m, n, 12, false);
    for (int r = 0; r < 8; r++) {
        if (!(list & (0x80u >> r)))
            continue;
        if (to_mem) {
            fx80 v = fpr(c, r);
            wr32(c, a, (uint32_t)v.se << 16, c->pc);
            wr32(c, a + 4, (uint32_t)(v.m >> 32), c->pc);
            wr32(c, a + 8, (uint32_t)v.m, c->pc);
        } else {
            uint32_t w0 = rd32(c, a, kind, c->pc);
            uint32_t w1 = rd32(c, a + 4, kind, c->pc);
            uint32_t w2 = rd32(c, a + 8, kind, c->pc);
            fpw(c, r, fx_make((uint16_t)(w0 >> 16), (uint64_t)w1 << 32 | w2));
        }
        a += 12;
    }
    if (m == M_PI)
        c->a[n] = a;
    c->fpu_idle = true;
}

/* FMOVECR #offset,FPn (the 68040 leaves it to the FPSP). */
static void fp_movecr(m68k_cpu *c, uint32_t cmd)
{
    if (chip040(c)) {
        unimp040(c, 0);
        return;
    }
    c->fpiar = c->insn_pc;
    c->fpu_idle = true;
    fx_env env = env_of(c);
    fx80 r = fx_constant(&env, env.prec, cmd & 0x7F);
    unsigned trap = fpsr_update(c, env.flags, env.accrued, (int)fx_cc(r));
    fpw(c, (int)(cmd >> 7 & 7), r);
    c->budget -= 6;
    if (trap)
        fp_trap(c, trap, 0);
}

static void fp_general(m68k_cpu *c, uint32_t op, int m)
{
    M68K_IR(c, op);
    uint32_t cmd = ext16(c);
    int n = (int)(op & 7);
    switch (cmd >> 13) {
    case 0: /* register to register (the EA field is not used) */
        fp_arith(c, m, n, cmd);
        break;
    case 2:
        if ((cmd & 0xFC00) == 0x5C00) {
            fp_movecr(c, cmd);
            return;
        }
        fp_arith(c, m, n, cmd);
        break;
    case 3: fp_move_out(c, m, n, cmd); break;
    case 4:
    case 5: fp_move_ctl(c, m, n, cmd); break;
    case 6:
    case 7: fp_movem(c, m, n, cmd); break;
    default: fline(c); break;
    }
}

M68K_INLINE void fgen(m68k_cpu *c, uint32_t op, int m, int unused)
{
    (void)unused;
    fp_general(c, op, m);
}
M68K_EA_WRAPPERS(h_fgen, fgen, 0)

/* ---- conditions ---- */

/* Predicate `p` (6 bits) on the FPSR condition codes; the IEEE-unaware
 * ones (bit 4 set) raise BSUN when NAN is set.  Returns -1 when an enabled
 * BSUN exception was taken. */
static int fp_cond(m68k_cpu *c, unsigned p)
{
    uint32_t cc = c->fpsr >> 24;
    bool nan = cc & 1, z = cc & 4, neg = cc & 8;
    if ((p & 0x10) && nan) {
        c->fpsr |= FPSR_BSUN | FPSR_AIOP;
        if (c->fpcr & FPSR_BSUN) {
            c->budget -= 4;
            m68k_exception(c, 48, c->insn_pc);
            return -1;
        }
    }
    bool r;
    switch (p & 0xF) {
    case 0x0: r = false; break;
    case 0x1: r = z; break;
    case 0x2: r = !(nan || z || neg); break;
    case 0x3: r = z || !(nan || neg); break;
    case 0x4: r = neg && !(nan || z); break;
    case 0x5: r = z || (neg && !nan); break;
    case 0x6: r = !(nan || z); break;
    case 0x7: r = !nan; break;
    case 0x8: r = nan; break;
    case 0x9: r = nan || z; break;
    case 0xA: r = nan || !(neg || z); break;
    case 0xB: r = nan || z || !neg; break;
    case 0xC: r = nan || (neg && !z); break;
    case 0xD: r = nan || z || neg; break;
    case 0xE: r = !z; break;
    default: r = true; break;
    }
    return r;
}

/* FBcc with a 16- or 32-bit displacement (from the address after the opcode). */
M68K_INLINE void fbcc(m68k_cpu *c, uint32_t op, bool lng)
{
    M68K_IR(c, op);
    uint32_t base = c->pc;
    uint32_t disp = lng ? ext32(c) : (uint32_t)(int32_t)(int16_t)ext16(c);
    int t = fp_cond(c, op & 0x3F);
    if (t < 0)
        return;
    c->budget -= 2;
    if (t) {
        jump_to(c, base + disp, c->pc);
        m68k_next_far(c);
        return;
    }
    m68k_next(c);
}
static void h_fbcc16(m68k_cpu *c, uint32_t op) { fbcc(c, op, false); }
static void h_fbcc32(m68k_cpu *c, uint32_t op) { fbcc(c, op, true); }

M68K_INLINE void fscc(m68k_cpu *c, uint32_t op, int m, int unused)
{
    (void)unused;
    M68K_IR(c, op);
    uint32_t p = ext16(c);
    if (p & 0xFFC0) {
        fline(c);
        return;
    }
    int t = fp_cond(c, p);
    if (t < 0)
        return;
    int n = (int)(op & 7);
    if (m == M_DN) {
        dreg_write(c, n, 1, t ? 0xFF : 0);
    } else {
        uint32_t a = ea_addr(c, m, n, 1, false);
        wr8(c, a, t ? 0xFF : 0);
        ea_pre(c, m, n, 1); /* after the write (restartable) */
        ea_post(c, m, n, 1);
    }
    c->budget -= 2;
}
M68K_EA_WRAPPERS(h_fscc, fscc, 0)

static void h_fdbcc(m68k_cpu *c, uint32_t op)
{
    M68K_IR(c, op);
    uint32_t p = ext16(c);
    uint32_t base = c->pc;
    uint32_t disp = (uint32_t)(int32_t)(int16_t)ext16(c);
    int t = fp_cond(c, p & 0x3F);
    if (t < 0)
        return;
    c->budget -= 4;
    if (!t) {
        uint32_t *dn = &c->d[op & 7];
        uint32_t w = (*dn - 1) & 0xFFFF;
        *dn = (*dn & 0xFFFF0000u) | w;
        if (w != 0xFFFF) {
            jump_to(c, base + disp, c->pc);
            m68k_next_far(c);
            return;
        }
    }
    m68k_next(c);
}

static void h_ftrapcc(m68k_cpu *c, uint32_t op)
{
    M68K_IR(c, op);
    uint32_t p = ext16(c);
    if ((op & 7) == 2)
        ext16(c);
    else if ((op & 7) == 3)
        ext32(c);
    int t = fp_cond(c, p & 0x3F);
    if (t < 0)
        return;
    c->budget -= 4;
    if (t) {
        m68k_exception_insn(c, 7, c->pc, c->insn_pc);
        return;
    }
    m68k_next(c);
}

/* ---- FSAVE and FRESTORE ---- */

M68K_INLINE void fsave(m68k_cpu *c, uint32_t op, int m, int unused)
{
    (void)unused;
    if (!supervisor(c)) {
        m68k_privilege(c);
        return;
    }
    M68K_IR(c, op);
    int n = (int)(op & 7);
    /* Null frame: one long 0.  Idle: 68040 0x41000000 (no body); 68882
     * version 0x1F with a 0x38-byte body. */
    uint32_t body = !c->fpu_idle ? 0 : c->model == M68K_68040 ? 0 : 0x38;
    uint32_t head = !c->fpu_idle ? 0 : c->model == M68K_68040 ? 0x41000000u : 0x1F000000u | body << 16;
    uint32_t a = m == M_PD ? c->a[n] - 4 - body : ea_addr(c, m, n, 4, false);
    wr32(c, a, head, c->pc);
    for (uint32_t i = 0; i < body; i += 4)
        wr32(c, a + 4 + i, i + 4 == body ? 0x70000000u : 0, c->pc);
    if (m == M_PD)
        c->a[n] = a; /* after the writes (restartable) */
    c->budget -= 8;
}
M68K_EA_WRAPPERS(h_fsave, fsave, 0)

M68K_INLINE void frestore(m68k_cpu *c, uint32_t op, int m, int unused)
{
    (void)unused;
    if (!supervisor(c)) {
        m68k_privilege(c);
        return;
    }
    M68K_IR(c, op);
    int n = (int)(op & 7);
    uint32_t a = ea_addr(c, m, n, 4, false);
    uint32_t head = rd32(c, a, ae_kind(m), c->pc);
    uint32_t size = head >> 16 & 0xFF;
    if ((head >> 24) == 0) {
        fpu_reset_state(c);
    } else {
        c->fpu_idle = true;
    }
    if (m == M_PI)
        c->a[n] = a + 4 + size;
    c->budget -= 8;
}
M68K_EA_WRAPPERS(h_frestore, frestore, 0)

#define MODELS_FPU MODELS_68020_UP
static const m68k_row rows[] = {
    {"1111 0010 00-- ----", K_EA, h_fgen, NULL, NULL, EA_ALL, MODELS_FPU, 1, "FPU general"},
    {"1111 0010 01-- ----", K_EA, h_fscc, NULL, NULL, EA_DATALT, MODELS_FPU, 1, "FScc"},
    {"1111 0010 0100 1---", K_ONE, (const m68k_handler[]){h_fdbcc}, NULL, NULL, 0, MODELS_FPU, 1,
     "FDBcc"},
    {"1111 0010 0111 1010", K_ONE, (const m68k_handler[]){h_ftrapcc}, NULL, NULL, 0, MODELS_FPU, 1,
     "FTRAPcc.W"},
    {"1111 0010 0111 1011", K_ONE, (const m68k_handler[]){h_ftrapcc}, NULL, NULL, 0, MODELS_FPU, 1,
     "FTRAPcc.L"},
    {"1111 0010 0111 1100", K_ONE, (const m68k_handler[]){h_ftrapcc}, NULL, NULL, 0, MODELS_FPU, 1,
     "FTRAPcc"},
    {"1111 0010 10-- ----", K_ONE, (const m68k_handler[]){h_fbcc16}, NULL, NULL, 0, MODELS_FPU, 1,
     "FBcc.W"},
    {"1111 0010 11-- ----", K_ONE, (const m68k_handler[]){h_fbcc32}, NULL, NULL, 0, MODELS_FPU, 1,
     "FBcc.L"},
    {"1111 0011 00-- ----", K_EA, h_fsave, NULL, NULL, EA_CTRLALT | (1u << M_PD), MODELS_FPU, 1,
     "FSAVE"},
    {"1111 0011 01-- ----", K_EA, h_frestore, NULL, NULL, EA_CTRL | (1u << M_PI), MODELS_FPU, 1,
     "FRESTORE"},
};
M68K_ROWS(m68k_rows_fpu, rows)
