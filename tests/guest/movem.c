/* MOVEM (long and word, control, predecrement and postincrement forms) and
 * MOVEP (word and long, both directions). */
#include "guest.h"

u32 *movem_load_store(const u32 *src, u32 *dst_end);
const u16 *movem_word_load(const u16 *src, u32 *out);
u32 movem_predec_base(u32 *buf);
void movep_write(u8 *buf, u32 value);
u32 movep_read_l(const u8 *buf);
u32 movep_read_w(const u8 *buf);

static check ck = {"movem", 0, 0};

int guest_main(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    u32 src[13], dst[16];
    for (int i = 0; i < 13; i++)
        src[i] = 0x01010101u * (u32)(i + 1) ^ 0x80000000u;
    memset(dst, 0xEE, sizeof dst);
    u32 *end = movem_load_store(src, dst + 14);
    check_eq(&ck, "movem -(an) final address", (u32)end, (u32)(dst + 1));
    check_eq(&ck, "movem -(an) below", dst[0], 0xEEEEEEEE);
    check_eq(&ck, "movem -(an) above", dst[14], 0xEEEEEEEE);
    for (int i = 0; i < 13; i++)
        check_eq(&ck, "movem round trip", dst[1 + i], src[i]);

    static const u16 words[6] = {0x8001, 0x7FFF, 0xFFFF, 0x0001, 0x8000, 0x1234};
    u32 out[5];
    const u16 *after = movem_word_load(words, out);
    check_eq(&ck, "movem.w (an)+ final address", (u32)after, (u32)(words + 6));
    static const u32 want[5] = {0xFFFF8001, 0x00007FFF, 0xFFFFFFFF, 0x00000001, 0xFFFF8000};
    for (int i = 0; i < 5; i++)
        check_eq(&ck, "movem.w sign extension", out[i], want[i]);

    u32 buf[4] = {0, 0, 0, 0};
    /* A 68000 stores a0's initial value, a 68020+ that value less the
     * operation size (4) when built for it; check the difference, not
     * addresses, so qemu-user's stack layout doesn't matter. */
#if defined(__mc68020__) || defined(__mc68030__) || defined(__mc68040__)
    const u32 predec_want = 4;
#else
    const u32 predec_want = 0;
#endif
    check_eq(&ck, "movem.l a0-a1,-(a0): bytes below a0's initial value stored (0 on a 68000)",
             (u32)(buf + 2) - movem_predec_base(buf), predec_want);
    check_eq(&ck, "movem.l a0-a1,-(a0) a1", buf[1], (u32)(buf + 2));

    u8 mp[16];
    memset(mp, 0xEE, sizeof mp);
    movep_write(mp, 0x11223344);
    static const u8 mp_want[16] = {0xEE, 0x11, 0xEE, 0x22, 0xEE, 0x33, 0xEE, 0x44,
                                   0xEE, 0xEE, 0x33, 0xEE, 0x44, 0xEE, 0xEE, 0xEE};
    for (int i = 0; i < 16; i++)
        check_eq(&ck, "movep to memory", mp[i], mp_want[i]);
    check_eq(&ck, "movep.l from memory", movep_read_l(mp), 0x11223344);
    mp[0] = 0xAB;
    mp[2] = 0xCD;
    check_eq(&ck, "movep.w from memory keeps the high word", movep_read_w(mp), 0x1234ABCD);
    return check_done(&ck);
}
