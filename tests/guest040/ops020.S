/* The 68020 integer additions (m68k/ops020.c), for a Linux/m68k 68040 user
 * process: every case runs one instruction (or a short sequence) and prints
 * D0-D7, A0-A1, the CCR and two longs of scratch memory as hex, so a run
 * under tandem-run can be compared line by line with qemu-m68k -cpu m68040.
 * With an argument N the program instead prints "trap N" and runs trapping
 * case N (zero divide, CHK, CHK2, TRAPcc, BKPT): the process then dies of
 * the signal Linux gives that vector.  With "x" it runs the cases that
 * qemu cannot (see extra).
 * No stack addresses are printed: they differ between the two runners. */

	.macro	T insn
	\insn
	jsr	dump
	.endm

	/* Set CCR to \cc, then run the instruction. */
	.macro	TC cc, insn
	move.w	#\cc,%ccr
	\insn
	jsr	dump
	.endm

	.text
	.globl	_start
_start:
	cmp.l	#1,(%sp)
	bgt	trapcase
	movem.l	zeros,%d0-%d7/%a0-%a6

	/* ---- EXTB.L ---- */
	move.l	#0x12345680,%d0
	T	"extb.l %d0"
	move.l	#0x1234567F,%d0
	T	"extb.l %d0"
	move.l	#0xFFFFFF00,%d0
	T	"extb.l %d0"

	/* ---- MULU.L / MULS.L, 32-bit product ---- */
	moveq	#0,%d0
	moveq	#0,%d1
	moveq	#0,%d2
	moveq	#0,%d3
	moveq	#0,%d4
	moveq	#0,%d5
	moveq	#0,%d6
	moveq	#0,%d7
	move.l	#0x1234,%d0
	move.l	#0x5678,%d1
	TC	0x1F, "mulu.l %d0,%d1"
	move.l	#0x10000,%d0
	move.l	#0x10000,%d1
	TC	0x00, "mulu.l %d0,%d1"
	move.l	#-1,%d0
	move.l	#-1,%d1
	TC	0x00, "mulu.l %d0,%d1"
	move.l	#-1,%d1
	TC	0x00, "muls.l %d0,%d1"
	move.l	#0x80000000,%d1
	TC	0x00, "muls.l %d0,%d1"
	move.l	#0x40000000,%d1
	TC	0x00, "muls.l #2,%d1"
	move.l	#0x40000000,%d1
	TC	0x00, "muls.l #-2,%d1"
	move.l	#12345,%d1
	TC	0x0F, "muls.l #0,%d1"
	move.l	#-3,%d1
	TC	0x00, "muls.l #7,%d1"
	lea	mem,%a0
	move.l	#0x89ABCDEF,(%a0)
	move.l	#3,%d1
	TC	0x00, "mulu.l (%a0),%d1"
	move.l	#3,%d1
	TC	0x00, "muls.l (%a0)+,%d1"
	lea	mem,%a0
	move.l	#5,%d1
	TC	0x00, "mulu.l 4(%a0),%d1"
	move.l	#5,%d1
	TC	0x00, "mulu.l pcword(%pc),%d1"

	/* ---- 64-bit products ---- */
	move.l	#-1,%d0
	move.l	#-1,%d1
	TC	0x00, "mulu.l %d0,%d2:%d1"
	move.l	#-1,%d1
	TC	0x00, "muls.l %d0,%d2:%d1"
	move.l	#0x80000000,%d0
	move.l	#0x80000000,%d1
	TC	0x00, "muls.l %d0,%d2:%d1"
	move.l	#0x7FFFFFFF,%d1
	TC	0x00, "muls.l #-5,%d2:%d1"
	move.l	#0,%d1
	TC	0x1F, "muls.l #-5,%d2:%d1"
	move.l	#0x12345678,%d1
	TC	0x00, "mulu.l #0x9ABCDEF0,%d2:%d1"

	/* ---- DIVU.L / DIVUL.L ---- */
	move.l	#0x12345,%d0
	TC	0x1F, "divu.l #7,%d0"
	move.l	#0x12345,%d0
	move.l	#1,%d1
	TC	0x00, "divul.l #7,%d1:%d0"
	move.l	#0xFFFFFFFF,%d0
	TC	0x00, "divu.l #1,%d0"
	move.l	#0,%d0
	TC	0x00, "divu.l #5,%d0"
	move.l	#3,%d0
	TC	0x00, "divul.l #0x80000000,%d1:%d0"
	move.l	#0xF0000000,%d0
	TC	0x00, "divul.l #3,%d1:%d0"
	/* 64 / 32 */
	move.l	#0x12345678,%d1
	move.l	#0x9ABCDEF0,%d0
	TC	0x00, "divu.l #0x87654321,%d1:%d0"
	move.l	#0x12345678,%d1
	move.l	#0x9ABCDEF0,%d0
	TC	0x00, "divu.l #0x12345678,%d1:%d0"
	move.l	#0x12345678,%d1
	move.l	#0x9ABCDEF0,%d0
	TC	0x08, "divu.l #0x12345679,%d1:%d0"
	move.l	#0x1,%d1
	move.l	#0x0,%d0
	TC	0x00, "divu.l #2,%d1:%d0"
	move.l	#0,%d1
	move.l	#10,%d0
	TC	0x00, "divu.l #3,%d1:%d0"

	/* ---- DIVS.L / DIVSL.L ---- */
	move.l	#0x12345,%d0
	TC	0x00, "divs.l #-7,%d0"
	move.l	#0x12345,%d0
	move.l	#1,%d1
	TC	0x00, "divsl.l #-7,%d1:%d0"
	move.l	#-0x12345,%d0
	TC	0x00, "divsl.l #7,%d1:%d0"
	move.l	#-0x12345,%d0
	TC	0x00, "divsl.l #-7,%d1:%d0"
	move.l	#0x80000000,%d0
	TC	0x00, "divsl.l #1,%d1:%d0"
	move.l	#5,%d0
	TC	0x00, "divsl.l #-10,%d1:%d0"
	/* 64 / 32 */
	move.l	#-0x12345,%d0
	move.l	#-2,%d1
	TC	0x00, "divs.l #7,%d1:%d0"
	move.l	#0,%d1
	move.l	#0x80000000,%d0
	TC	0x00, "divs.l #-1,%d1:%d0"
	move.l	#-1,%d1
	move.l	#0x80000000,%d0
	TC	0x00, "divs.l #-1,%d1:%d0"
	move.l	#-1,%d1
	move.l	#0x80000000,%d0
	TC	0x00, "divs.l #1,%d1:%d0"
	move.l	#0x00000001,%d1
	move.l	#0,%d0
	TC	0x00, "divs.l #2,%d1:%d0"
	move.l	#0x00000001,%d1
	move.l	#0,%d0
	TC	0x00, "divs.l #4,%d1:%d0"
	move.l	#0xFFFFFFFF,%d1
	move.l	#0,%d0
	TC	0x00, "divs.l #-2,%d1:%d0"
	move.l	#0xFFFFFFFF,%d1
	move.l	#0,%d0
	TC	0x00, "divs.l #2,%d1:%d0"
	lea	mem,%a0
	move.l	#-9,(%a0)
	move.l	#100,%d0
	TC	0x00, "divsl.l (%a0),%d1:%d0"

	/* ---- Bcc.L / BRA.L / BSR.L: what ran shows in D0-D5 ---- */
	moveq	#0,%d0
	moveq	#0,%d1
	moveq	#0,%d2
	moveq	#0,%d3
	moveq	#0,%d4
	moveq	#0,%d5
	bra.l	1f
	moveq	#1,%d0
1:	move.w	#4,%ccr
	beq.l	2f
	moveq	#2,%d1
2:	move.w	#0,%ccr
	beq.l	3f
	moveq	#3,%d2
3:	bsr.l	sub1
	bra.l	4f
5:	moveq	#5,%d4
	bra.l	6f
4:	bra.l	5b
6:	T	"moveq #6,%d5"

	/* ---- LINK.L / UNLK, RTD: stack pointer differences only ---- */
	move.l	%a6,%a1
	move.l	%sp,%a2
	link.l	%a6,#-0x12340
	move.l	%a2,%d6
	sub.l	%sp,%d6		/* 0x12344 */
	move.l	%a2,%d7
	sub.l	%a6,%d7		/* 4 */
	move.l	(%a6),%a0	/* the old a6 */
	sub.l	%a1,%a0		/* 0 */
	unlk	%a6
	move.l	%sp,%d4
	sub.l	%a2,%d4		/* 0 */
	moveq	#0,%d5
	T	"cmp.l %a1,%a6"
	move.l	%sp,%a2
	move.l	#0x11111111,-(%sp)
	move.l	#0x22222222,-(%sp)
	bsr	rtdsub
	move.l	%sp,%d6
	sub.l	%a2,%d6		/* 0 */
	T	"moveq #0,%d7"

	/* ---- MOVE from CCR ---- */
	move.l	#0x12345678,%d0
	TC	0x1F, "move.w %ccr,%d0"
	TC	0x0A, "move.w %ccr,%d0"
	lea	mem,%a0
	move.l	#0x55555555,(%a0)
	TC	0x15, "move.w %ccr,(%a0)"
	TC	0x04, "move.w %ccr,2(%a0)"

	/* ---- CHK.L in bounds ---- */
	move.l	#100,%d1
	move.l	#50,%d2
	TC	0x00, "chk.l %d1,%d2"
	TC	0x1F, "chk.l %d1,%d2"
	move.l	#0,%d2
	TC	0x00, "chk.l %d1,%d2"
	move.l	#100,%d2
	TC	0x0F, "chk.l %d1,%d2"
	move.l	#0x7FFFFFFF,%d1
	move.l	#0x7FFFFFFE,%d2
	TC	0x00, "chk.l %d1,%d2"
	lea	mem,%a0
	move.l	#0x10000,(%a0)
	move.l	#0xFFFF,%d2
	TC	0x00, "chk.l (%a0),%d2"

	/* ---- CAS ---- */
	lea	mem,%a0
	move.l	#0x01234568,(%a0)
	move.l	#1,%d1
	move.l	#321,%d2
	TC	0x00, "cas.l %d1,%d2,(%a0)"
	TC	0x00, "cas.l %d1,%d2,(%a0)"
	move.l	#0x01230000,(%a0)
	move.l	#0x55550000,%d1
	TC	0x00, "cas.w %d1,%d2,(%a0)"
	move.l	#0x55550123,%d1
	TC	0x1F, "cas.w %d1,%d2,(%a0)+"
	lea	mem+4,%a0
	move.l	#0x7A000000,(%a0)
	moveq	#0x7B,%d1
	TC	0x00, "cas.b %d1,%d2,(%a0)"
	moveq	#0x7A,%d1
	TC	0x00, "cas.b %d1,%d2,(%a0)"
	move.l	#0x80000000,(%a0)
	move.l	#1,%d1
	TC	0x00, "cas.l %d1,%d2,-4(%a0)"
	lea	mem+8,%a0
	move.l	#0,%d1
	move.l	#0xAAAAAAAA,%d2
	TC	0x00, "cas.l %d1,%d2,-(%a0)"

	/* ---- CAS2 ---- */
	lea	mem,%a0
	lea	mem+4,%a1
	move.l	#0x01234567,(%a0)
	move.l	#0x89ABCDEF,(%a1)
	moveq	#0,%d0
	moveq	#1,%d1
	moveq	#0,%d2
	moveq	#1,%d3
	TC	0x00, "cas2.l %d0:%d1,%d2:%d3,(%a0):(%a1)"
	move.l	#0x01234567,%d0
	moveq	#1,%d1
	TC	0x00, "cas2.l %d0:%d1,%d2:%d3,(%a0):(%a1)"
	move.l	#0x01234567,%d0
	move.l	#0x89ABCDEF,%d1
	move.l	#0x11111111,%d2
	move.l	#0x22222222,%d3
	TC	0x00, "cas2.l %d0:%d1,%d2:%d3,(%a0):(%a1)"
	move.l	#0xAAAA1111,%d0
	move.l	#0xBBBB2222,%d1
	move.l	#0xCCCC3333,%d2
	move.l	#0xDDDD4444,%d3
	TC	0x00, "cas2.w %d0:%d1,%d2:%d3,(%a0):(%a1)"
	TC	0x00, "cas2.w %d0:%d1,%d2:%d3,(%a0):(%a1)"
	move.l	#0x5555,%d1
	TC	0x00, "cas2.w %d0:%d1,%d2:%d3,(%a0):(%a1)"
	/* the address registers are taken from D or A registers */
	move.l	%a0,%d6
	move.l	%a1,%d7
	move.l	(%a0),%d0
	move.l	(%a1),%d1
	TC	0x00, "cas2.l %d0:%d1,%d2:%d3,(%d6):(%d7)"
	moveq	#0,%d6
	moveq	#0,%d7

	/* ---- TRAPcc not taken ---- */
	TC	0x00, "trapf"
	TC	0x04, "trapne"
	TC	0x00, "trapeq.w #0x1234"
	TC	0x01, "trapcc.l #0x12345678"
	TC	0x08, "trapge"
	TC	0x02, "trapvc.w #1"

exit0:	moveq	#1,%d0
	moveq	#0,%d1
	trap	#0

/* ---- argv[1] = "x": cases qemu-m68k 7.2 cannot run (its host divide
 * traps on INT_MIN / -1; it has no CMP2/CHK2; its PACK/UNPK Dn forms
 * skip no adjustment word), checked against
 * ops020_x.expected instead ---- */
extra:	movem.l	zeros,%d0-%d7/%a0-%a6
	/* ---- CMP2 / CHK2 ---- */
	lea	bounds,%a0
	/* bytes: 0x10..0x70, 0x70..0x10 (wrapped), 0xF0..0x10 (signed -16..16) */
	moveq	#0x40,%d1
	TC	0x00, "cmp2.b (%a0),%d1"
	moveq	#0x10,%d1
	TC	0x00, "cmp2.b (%a0),%d1"
	moveq	#0x70,%d1
	TC	0x1F, "cmp2.b (%a0),%d1"
	move.l	#0x12345671,%d1
	TC	0x00, "cmp2.b (%a0),%d1"
	moveq	#0x0F,%d1
	TC	0x00, "cmp2.b (%a0),%d1"
	moveq	#0x40,%d1
	TC	0x00, "cmp2.b 2(%a0),%d1"
	moveq	#0x08,%d1
	TC	0x00, "cmp2.b 2(%a0),%d1"
	move.l	#0xFF,%d1
	TC	0x00, "cmp2.b 2(%a0),%d1"
	moveq	#0,%d1
	TC	0x00, "cmp2.b 4(%a0),%d1"
	moveq	#0x20,%d1
	TC	0x00, "cmp2.b 4(%a0),%d1"
	move.l	#0xF8,%d1
	TC	0x00, "cmp2.b 4(%a0),%d1"
	/* byte bounds for An: sign extended, compared with all of An */
	move.l	#0xFFFFFFF8,%a1
	TC	0x00, "cmp2.b 4(%a0),%a1"
	move.l	#0xF8,%a1
	TC	0x00, "cmp2.b 4(%a0),%a1"
	/* words: 0x1000..0x8000 */
	move.l	#0x4000,%d1
	TC	0x00, "cmp2.w 6(%a0),%d1"
	move.l	#0x8000,%d1
	TC	0x00, "cmp2.w 6(%a0),%d1"
	move.l	#0x8001,%d1
	TC	0x00, "cmp2.w 6(%a0),%d1"
	move.l	#0x4000,%a1
	TC	0x00, "cmp2.w 6(%a0),%a1"
	move.l	#0xFFFF9000,%a1
	TC	0x00, "cmp2.w 6(%a0),%a1"
	/* longs: 0x80000000..0x7FFFFFFF (all), 0x00000010..0xFFFFFFF0 */
	move.l	#0x12345678,%d1
	TC	0x00, "cmp2.l 10(%a0),%d1"
	move.l	#0x80000000,%d1
	TC	0x00, "cmp2.l 10(%a0),%d1"
	move.l	#0x8,%d1
	TC	0x00, "cmp2.l 18(%a0),%d1"
	move.l	#0x80000000,%d1
	TC	0x00, "cmp2.l 18(%a0),%d1"
	move.l	#0xFFFFFFF0,%a1
	TC	0x00, "cmp2.l 18(%a0),%a1"
	moveq	#0x40,%d1
	TC	0x00, "chk2.b (%a0),%d1"
	moveq	#0x10,%d1
	TC	0x1F, "chk2.b (%a0),%d1"
	move.l	#0x4000,%a1
	TC	0x00, "chk2.w 6(%a0),%a1"
	TC	0x00, "cmp2.w bounds+6(%pc),%a1"

	move.l	#0x80000000,%d0
	TC	0x00, "divs.l #-1,%d0"
	move.l	#0x80000000,%d0
	TC	0x08, "divsl.l #-1,%d1:%d0"
	move.l	#0x80000000,%d0
	TC	0x1F, "divsl.l #-1,%d1:%d0"
	move.l	#0x80000000,%d1
	move.l	#0,%d0
	TC	0x00, "divs.l #-1,%d1:%d0"
	/* ---- PACK / UNPK ---- */
	move.l	#0x12340506,%d0
	move.l	#0xAAAAAAAA,%d1
	TC	0x1F, "pack %d0,%d1,#0"
	move.l	#0x3839,%d0
	TC	0x00, "pack %d0,%d1,#0x7000"
	move.l	#0xFFFFFFFF,%d0
	TC	0x00, "pack %d0,%d1,#0x0101"
	move.l	#0x12345678,%d0
	move.l	#0xAAAAAAAA,%d1
	TC	0x1F, "unpk %d0,%d1,#0"
	TC	0x00, "unpk %d0,%d1,#0x3030"
	TC	0x00, "unpk %d0,%d1,#0xFFFF"
	lea	mem,%a0
	move.l	#0x31323334,(%a0)
	move.l	#0xEEEEEEEE,4(%a0)
	lea	mem+4,%a0
	lea	mem+8,%a1
	TC	0x00, "pack -(%a0),-(%a1),#0xD0D0"
	TC	0x00, "pack -(%a0),-(%a1),#0xD0D0"
	lea	mem,%a0
	move.l	#0x12345678,(%a0)
	move.l	#0xEEEEEEEE,4(%a0)
	lea	mem+2,%a0
	lea	mem+8,%a1
	TC	0x00, "unpk -(%a0),-(%a1),#0x3030"
	TC	0x00, "unpk -(%a0),-(%a1),#0x3030"

	bra	exit0

sub1:	T	"moveq #7,%d3"
	rts

rtdsub:	T	"moveq #8,%d7"
	rtd	#8

/* ---- trapping cases: argv[1] = N ---- */
trapcase:
	move.l	8(%sp),%a0	/* argv[1] */
	cmp.b	#'x',(%a0)
	beq	extra
	moveq	#0,%d7
1:	moveq	#0,%d0
	move.b	(%a0)+,%d0
	beq	2f
	sub.b	#'0',%d0
	mulu.w	#10,%d7
	add.l	%d0,%d7
	bra	1b
2:	lea	trapmsg+5,%a0
	move.l	%d7,%d0
	divu.w	#10,%d0
	add.b	#'0',%d0
	move.b	%d0,(%a0)+
	swap	%d0
	add.b	#'0',%d0
	move.b	%d0,(%a0)
	moveq	#4,%d0
	moveq	#1,%d1
	move.l	#trapmsg,%d2
	moveq	#8,%d3
	trap	#0
	move.w	#0,%ccr
	lea	bounds,%a0
	move.l	#0x12345,%d0
	moveq	#0,%d1
	lsl.w	#2,%d7
	jmp	traps(%pc,%d7.w)
traps:	bra.w	tr0
	bra.w	tr1
	bra.w	tr2
	bra.w	tr3
	bra.w	tr4
	bra.w	tr5
	bra.w	tr6
	bra.w	tr7
	bra.w	tr8
	bra.w	tr9
	bra.w	tr10
	bra.w	tr11
	bra.w	tr12
	bra.w	tr13
tr0:	divu.l	%d1,%d0
	bra	nottrapped
tr1:	divs.l	#0,%d1:%d0
	bra	nottrapped
tr2:	divul.l	(%a0,%d1.w),%d1:%d0	/* bounds starts with 0x10, 0x70: not zero */
	divsl.l	zero(%pc),%d1:%d0
	bra	nottrapped
tr3:	moveq	#-1,%d2
	chk.l	#100,%d2
	bra	nottrapped
tr4:	move.l	#101,%d2
	chk.l	#100,%d2
	bra	nottrapped
tr5:	moveq	#0x71,%d1
	chk2.b	(%a0),%d1
	bra	nottrapped
tr6:	move.l	#0x8001,%d1
	chk2.w	6(%a0),%d1
	bra	nottrapped
tr7:	trapt
	bra	nottrapped
tr8:	move.w	#4,%ccr
	trapeq.w #1
	bra	nottrapped
tr9:	move.w	#8,%ccr
	traplt.l #0x12345678
	bra	nottrapped
tr10:	bkpt	#3
	bra	nottrapped
tr11:	move.l	#0x8,%a1
	chk2.l	18(%a0),%a1
	bra	nottrapped
tr12:	move.w	#2,%ccr
	trapvs
	bra	nottrapped
tr13:	moveq	#0,%d2
	chk.l	#-5,%d2
nottrapped:
	moveq	#1,%d0
	moveq	#3,%d1
	trap	#0

/* ---- dump: one line "NN d0..d7 a0 a1 ccr mem0 mem1" ---- */
dump:
	move.w	%ccr,-(%sp)
	movem.l	%d0-%d7/%a0-%a6,-(%sp)
	lea	line,%a1
	addq.l	#1,count
	move.l	count,%d0
	moveq	#1,%d2		/* 2 digits */
	bsr	hex
	move.l	%sp,%a2
	moveq	#9,%d3
3:	move.l	(%a2)+,%d0
	moveq	#7,%d2
	bsr	hex
	dbra	%d3,3b
	move.w	60(%sp),%d0
	moveq	#1,%d2
	bsr	hex
	move.l	mem,%d0
	moveq	#7,%d2
	bsr	hex
	move.l	mem+4,%d0
	moveq	#7,%d2
	bsr	hex
	move.b	#10,-1(%a1)
	moveq	#4,%d0
	moveq	#1,%d1
	move.l	#line,%d2
	move.l	%a1,%d3
	sub.l	%d2,%d3
	trap	#0
	movem.l	(%sp)+,%d0-%d7/%a0-%a6
	addq.l	#2,%sp
	rts

/* d0 as d2+1 hex digits at (a1)+, then a space; uses d1 */
hex:	move.l	%d2,%d1
	addq.l	#1,%d1
	lsl.l	#2,%d1
	ror.l	%d1,%d0
1:	rol.l	#4,%d0
	move.b	%d0,%d1
	and.b	#15,%d1
	cmp.b	#10,%d1
	blt	2f
	addq.b	#7,%d1
2:	add.b	#'0',%d1
	move.b	%d1,(%a1)+
	dbra	%d2,1b
	move.b	#' ',(%a1)+
	rts

	.align	2
pcword:	.long	0x87654321
zero:	.long	0
bounds:	.byte	0x10, 0x70, 0x70, 0x10, 0xF0, 0x10
	.word	0x1000, 0x8000
	.long	0x80000000, 0x7FFFFFFF, 0x00000010, 0xFFFFFFF0

zeros:	.space	60

	.data
trapmsg: .ascii	"trap NN\n"
	.bss
	.align	4
count:	.long	0
mem:	.long	0, 0, 0, 0
line:	.space	160
