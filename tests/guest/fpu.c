/* Floating point as gcc -m68040 compiles it (FMOVE/FADD/FSUB/FMUL/FDIV in
 * their double and single forms, FCMP with FBcc/FScc, conversions to and from
 * integers, FSQRT, FABS, FNEG): pseudo-random doubles through each
 * operation, the result bits printed in hex, plus a small matrix multiply and
 * a Whetstone-like loop.  Runs on the 68040 as the chip (nothing here traps
 * to the FPSP) and under qemu-m68k -cpu m68040, whose output must agree. */
#include "guest.h"

typedef union {
    double d;
    u32 w[2];
} dbits;
typedef union {
    float f;
    u32 w;
} fbits;

static void pd(const char *what, double v)
{
    dbits b;
    b.d = v;
    printf("%s %08x%08x\n", what, b.w[0], b.w[1]);
}
static void pf(const char *what, float v)
{
    fbits b;
    b.f = v;
    printf("%s %08x\n", what, b.w);
}

static double fsqrt(double x)
{
    double r;
    __asm__("fsqrt.x %1,%0" : "=f"(r) : "f"(x));
    return r;
}

static u32 seed = 0x2545F491;
static double rnd_double(void)
{
    s32 a = (s32)rnd_next(&seed), b = (s32)(rnd_next(&seed) | 1);
    int e = (int)(rnd_next(&seed) % 40) - 20;
    double v = (double)a / (double)b;
    while (e > 0) {
        v *= 10.0;
        e--;
    }
    while (e < 0) {
        v /= 7.0;
        e++;
    }
    return v;
}

int guest_main(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    volatile double x, y;
    volatile float fx, fy;
    for (int i = 0; i < 40; i++) {
        x = rnd_double();
        y = rnd_double();
        pd("x", x);
        pd("y", y);
        pd("add", x + y);
        pd("sub", x - y);
        pd("mul", x * y);
        pd("div", x / y);
        pd("sqrt", fsqrt(x < 0 ? -x : x));
        pd("neg", -x);
        printf("cmp %d %d %d\n", x < y, x == y, x >= y);
        printf("int %d %d\n", (int)x, (int)(x * 1000.0));
        /* In range: out of range, the chip saturates (OPERR) and qemu wraps. */
        double z = x;
        while (z > 3000.0 || z < -3000.0)
            z /= 16.0;
        printf("short %d\n", (int)(short)(z * 10.0));
        pd("fromint", (double)(int)rnd_next(&seed));
        fx = (float)x;
        fy = (float)y;
        pf("fadd", fx + fy);
        pf("fmul", fx * fy);
        pf("fdiv", fx / fy);
        pd("widen", (double)fx);
    }

    /* A 6x6 matrix multiply. */
    double a[6][6], b[6][6], c[6][6];
    for (int i = 0; i < 6; i++)
        for (int j = 0; j < 6; j++) {
            a[i][j] = rnd_double();
            b[i][j] = (double)(i - j) / 3.0;
        }
    for (int i = 0; i < 6; i++)
        for (int j = 0; j < 6; j++) {
            double s = 0;
            for (int k = 0; k < 6; k++)
                s += a[i][k] * b[k][j];
            c[i][j] = s;
        }
    for (int i = 0; i < 6; i++)
        pd("mat", c[i][i] + c[i][5 - i]);

    /* Whetstone-like: module 1 and 2 style array arithmetic. */
    double t = 0.499975, t2 = 2.0;
    double e1[4] = {1.0, -1.0, -1.0, -1.0};
    for (int i = 0; i < 200; i++) {
        e1[0] = (e1[0] + e1[1] + e1[2] - e1[3]) * t;
        e1[1] = (e1[0] + e1[1] - e1[2] + e1[3]) * t;
        e1[2] = (e1[0] - e1[1] + e1[2] + e1[3]) * t;
        e1[3] = (-e1[0] + e1[1] + e1[2] + e1[3]) / t2;
    }
    for (int i = 0; i < 4; i++)
        pd("whet", e1[i]);
    double s = 0;
    for (int i = 1; i <= 500; i++)
        s += 1.0 / ((double)i * (double)i);
    pd("zeta2", s);
    pd("sqrtpi", fsqrt(s * 6.0));
    flush();
    return 0;
}
