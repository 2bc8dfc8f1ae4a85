/* Bit-field instructions (68020+) for the 68040 model, checked against
 * qemu-m68k -cpu m68040 by tests/test_bitfield040.sh: every case prints one
 * line with D0-D7, the CCR and the bytes round the field, so any difference
 * shows which case and what.  Linux system calls only (write, exit), no libc.
 *
 * Each case: `setup` loads D0-D7 from `init`, copies `pattern` into `buf`,
 * points A0 at buf+24 and sets A1 (an index) to 8; the CCR is set just before
 * the instruction (X and V/C set, to see X kept and V/C cleared), then `save`
 * records the flags and registers and `report` prints them.
 * Part 1 is hand-picked (immediate and register offset/width, negative
 * offsets, width 32, 5-byte fields, wrap-round in a register, every EA mode
 * with brief index words); part 2 runs every instruction on pseudo-random
 * registers, memory and offsets/widths from registers.  Given an argument,
 * it runs part 3 alone: the one known difference from qemu (see there). */

	.text
	.globl _start

	/* A case: set the CCR, run the instruction(s), record. */
	.macro T ccr, mnem, ops:vararg
	bsr setup
	move.w #\ccr,%ccr
	\mnem \ops
	bsr save
	.endm
	/* Register n of the next cases' initial values. */
	.macro R n, v
	move.l #\v,init+4*\n
	.endm

_start:
	lea outbuf,%a5
	cmpi.l #1,(%sp)             /* argc: any argument selects part 3 */
	bne part3

	/* ---- part 1: fixed cases ---- */
	R 0, 0x01234567
	R 1, 0x89ABCDEF
	R 2, 0xC0FEFEDE
	R 3, 13
	R 4, 8
	R 5, 0
	R 6, 0xFFFFFFFF
	R 7, 0x00000003

	/* Register forms, immediate offset/width. */
	T 0x13, bftst, %d0{#12:#8}
	T 0x13, bftst, %d1{#0:#1}
	T 0x00, bftst, %d5{#7:#20}
	T 0x1F, bfextu, %d0{#12:#8},%d5
	T 0x1F, bfextu, %d1{#0:#32},%d5
	T 0x10, bfextu, %d1{#28:#8},%d5     /* wraps round */
	T 0x03, bfexts, %d1{#0:#4},%d5
	T 0x03, bfexts, %d0{#4:#4},%d5
	T 0x03, bfexts, %d1{#30:#4},%d5
	T 0x03, bfexts, %d1{#0:#32},%d5
	T 0x13, bfchg, %d0{#12:#8}
	T 0x13, bfchg, %d0{#30:#4}
	T 0x13, bfchg, %d0{#0:#32}
	T 0x13, bfclr, %d1{#4:#12}
	T 0x13, bfclr, %d1{#31:#2}
	T 0x13, bfset, %d0{#16:#16}
	T 0x13, bfset, %d5{#29:#5}
	T 0x13, bfffo, %d0{#12:#8},%d5
	T 0x13, bfffo, %d5{#3:#10},%d6
	T 0x13, bfffo, %d0{#30:#6},%d5
	T 0x13, bfffo, %d6{#31:#32},%d5
	T 0x13, bfins, %d7,%d0{#30:#4}
	T 0x13, bfins, %d2,%d1{#0:#32}
	T 0x13, bfins, %d5,%d6{#5:#9}
	T 0x13, bfins, %d2,%d0{#20:#16}

	/* Register forms, offset/width from registers (width 0 means 32,
	 * both taken mod 32; BFFFO adds the whole offset register). */
	R 3, 30
	R 4, 4
	T 0x13, bfextu, %d1{%d3:%d4},%d5
	T 0x13, bfffo, %d1{%d3:%d4},%d5
	T 0x13, bfins, %d7,%d0{%d3:%d4}
	R 3, 62
	R 4, 36
	T 0x13, bfextu, %d1{%d3:%d4},%d5
	T 0x13, bfexts, %d1{%d3:%d4},%d5
	T 0x13, bfchg, %d1{%d3:%d4}
	R 3, -3
	R 4, 0
	T 0x13, bfextu, %d1{%d3:%d4},%d5
	T 0x13, bfset, %d5{%d3:%d4}
	R 3, 0
	R 4, 0
	T 0x13, bftst, %d0{%d3:%d4}
	T 0x13, bfclr, %d6{%d3:%d4}

	/* Memory, immediate offset/width. */
	R 3, 13
	R 4, 8
	T 0x13, bftst, (%a0){#12:#8}
	T 0x13, bftst, (%a0){#0:#1}
	T 0x13, bfextu, (%a0){#12:#8},%d5
	T 0x13, bfextu, (%a0){#31:#32},%d5  /* 5 bytes */
	T 0x13, bfextu, (%a0){#0:#32},%d5
	T 0x13, bfextu, (%a0){#7:#2},%d5
	T 0x13, bfexts, (%a0){#12:#8},%d5
	T 0x13, bfexts, (%a0){#31:#32},%d5
	T 0x13, bfexts, (%a0){#17:#3},%d5
	T 0x13, bfffo, (%a0){#12:#8},%d5
	T 0x13, bfffo, (%a0){#31:#32},%d5
	T 0x13, bfchg, (%a0){#12:#8}
	T 0x13, bfchg, (%a0){#31:#32}
	T 0x13, bfclr, (%a0){#3:#27}
	T 0x13, bfclr, (%a0){#25:#32}
	T 0x13, bfset, (%a0){#9:#1}
	T 0x13, bfset, (%a0){#15:#30}
	T 0x13, bfins, %d2,(%a0){#31:#32}
	T 0x13, bfins, %d7,(%a0){#0:#3}
	T 0x13, bfins, %d5,(%a0){#12:#7}
	T 0x13, bfins, %d1,(%a0){#13:#7}

	/* Memory, offsets from registers: large, negative, mod nothing. */
	R 3, 77
	R 4, 32
	T 0x13, bfextu, (%a0){%d3:%d4},%d5
	T 0x13, bfexts, (%a0){%d3:#11},%d5
	T 0x13, bfffo, (%a0){%d3:%d4},%d5
	T 0x13, bfins, %d2,(%a0){%d3:%d4}
	R 3, -1
	R 4, 9
	T 0x13, bfextu, (%a0){%d3:%d4},%d5
	T 0x13, bfffo, (%a0){%d3:%d4},%d5
	T 0x13, bfchg, (%a0){%d3:%d4}
	R 3, -93
	R 4, 0
	T 0x13, bfexts, (%a0){%d3:%d4},%d5
	T 0x13, bfffo, (%a0){%d3:%d4},%d5
	T 0x13, bfclr, (%a0){%d3:%d4}
	T 0x13, bfset, (%a0){%d3:#5}
	T 0x13, bfins, %d1,(%a0){%d3:%d4}
	R 3, -8
	R 4, 40
	T 0x13, bftst, (%a0){%d3:%d4}
	T 0x13, bfset, (%a0){%d3:%d4}
	/* An address far away, brought back by a negative offset. */
	R 3, -0x800000+5
	T 0x13, bfextu, buf+24+0x100000{%d3:#20},%d5
	R 3, 0x800000+5
	T 0x13, bfins, %d2,buf+24-0x100000{%d3:#20}

	/* Every allowed addressing mode (brief index words). */
	R 3, 13
	T 0x13, bfextu, 3(%a0){#5:#12},%d5
	T 0x13, bfextu, -5(%a0,%a1.l){#5:#12},%d5
	T 0x13, bfextu, 2(%a0,%d7.w){#5:#12},%d5
	T 0x13, bfextu, buf+30{#5:#12},%d5
	T 0x13, bfextu, pcdata(%pc){#5:#12},%d5
	T 0x13, bfffo, pcdata+1(%pc){#5:#12},%d5
	/* (d8,PC,Xn) with a brief index word: the data must be near. */
	bra 1f
pcnear:	.long 0x01234567, 0x89ABCDEF, 0xF00FC33C, 0x5AA50000
1:	T 0x13, bfexts, pcnear(%pc,%d7.l){#5:#12},%d5
	T 0x13, bftst, pcnear(%pc,%a1.w){%d3:#12}
	T 0x13, bfextu, pcnear-2(%pc,%a1.l){#7:#32},%d5
	T 0x13, bfchg, 3(%a0){#5:#12}
	T 0x13, bfclr, -5(%a0,%a1.l){#5:#12}
	T 0x13, bfset, buf+30{#5:#12}
	T 0x13, bfins, %d2,2(%a0,%d7.w){#5:#12}
	/* The destination/source register is also an operand. */
	R 3, 4
	T 0x13, bfextu, %d3{%d3:#8},%d3
	T 0x13, bfffo, (%a0){%d3:#8},%d3
	T 0x13, bfins, %d3,%d3{#4:#8}

	/* ---- part 2: pseudo-random ---- */
	move.l #400,count
rloop:
	/* Random D0-D7, pattern and initial CCR; D3 a memory-sized offset
	 * (-128..127), D4 a width 0..63 (mod 32 matters). */
	lea init,%a2
	moveq #7,%d7
1:	bsr rand
	move.l %d0,(%a2)+
	dbra %d7,1b
	lea pattern,%a2
	moveq #15,%d7
1:	bsr rand
	move.l %d0,(%a2)+
	dbra %d7,1b
	bsr rand
	move.l %d0,%d1
	ext.w %d1
	ext.l %d1
	move.l %d1,init+12
	swap %d0
	andi.l #63,%d0
	move.l %d0,init+16
	andi.l #31,init+24

	T 0x1F, bftst, %d1{%d3:%d4}
	T 0x00, bfextu, %d1{%d3:%d4},%d5
	T 0x1F, bfexts, %d1{%d3:%d4},%d5
	T 0x10, bfffo, %d1{%d6:%d4},%d5
	T 0x0F, bfchg, %d1{%d3:%d4}
	T 0x1F, bfclr, %d1{%d3:%d4}
	T 0x13, bfset, %d1{%d3:%d4}
	T 0x03, bfins, %d2,%d1{%d3:%d4}
	T 0x1F, bftst, (%a0){%d3:%d4}
	T 0x00, bfextu, (%a0){%d3:%d4},%d5
	T 0x1F, bfexts, (%a0){%d3:%d4},%d5
	T 0x10, bfffo, (%a0){%d3:%d4},%d5
	T 0x0F, bfchg, (%a0){%d3:%d4}
	T 0x1F, bfclr, (%a0){%d3:%d4}
	T 0x13, bfset, (%a0){%d3:%d4}
	T 0x03, bfins, %d2,(%a0){%d3:%d4}
	/* The whole register as offset: only mod 32 matters.  (BFFFO
	 * returns it whole, where qemu reduces it: see part 3.) */
	bsr rand
	move.l %d0,init+12
	T 0x13, bfextu, %d1{%d3:%d4},%d5
	T 0x13, bfins, %d2,%d1{%d3:%d4}

	subq.l #1,count
	bne rloop
	bra done

	/* ---- part 3: BFFFO on a register with an offset outside 0..31 ----
	 * The field is found with the offset mod 32 but the result adds the
	 * whole register, as reported from real hardware (English Amiga Board,
	 * "Bitfields BFFFO", 2015); qemu-m68k adds the reduced offset, so this
	 * part is checked against tests/guest040/bitfield_hw.expected instead.
	 * Each case is D0{D1:D2} -> D4, comment = the reported result. */
part3:
	.macro H d0, d1, d2
	R 0, \d0
	R 1, \d1
	R 2, \d2
	T 0x13, bfffo, %d0{%d1:%d2},%d4
	.endm
	H 0xffffff00, 0xffffff00, 0x7fffffe0   /* ffffff00 */
	H 0x00000000, 0xffffffff, 0x7fffffe0   /* 0000001f */
	H 0x00000000, 0x00000000, 0x7fffffe0   /* 00000020 */
	H 0x00000000, 0x00000020, 0x7fffffe0   /* 00000040 */
	H 0x1badcafe, 0x000000ff, 0x000000ff   /* 00000103 */
	H 0x1badcafe, 0x0000007f, 0x0000007f   /* 00000083 */
	H 0x1badcafe, 0x00000020, 0x00000020   /* 00000023 */
	H 0x1badcafe, 0x00000020, 0x00000003   /* 00000023 */
	H 0x1badcafe, 0x00000020, 0x00000002   /* 00000022 */
	H 0x1badcafe, 0x00000020, 0x00000001   /* 00000021 */
	H 0x01234567, 0x0000003e, 0x00000024   /* (offset 62) */
	H 0x01234567, 0xfffffffd, 0x00000000   /* (offset -3) */

done:
	bsr flush
	moveq #1,%d0
	moveq #0,%d1
	trap #0

/* Load the case's starting state (see the top). */
setup:
	lea pattern,%a2
	lea buf,%a3
	moveq #15,%d0
1:	move.l (%a2)+,(%a3)+
	dbra %d0,1b
	lea buf+24,%a0
	moveq #8,%d0
	move.l %d0,%a1
	movem.l init,%d0-%d7
	rts

/* Record the flags first (Scc and MOVEM keep them; MOVE from CCR would
 * need a 68010), then D0-D7, and print the case's line. */
save:
	smi flagbytes
	seq flagbytes+1
	svs flagbytes+2
	scs flagbytes+3
	movem.l %d0-%d7,saved
	moveq #0,%d0
	addx.l %d0,%d0            /* X */
	moveq #3,%d1
	lea flagbytes,%a2
1:	add.l %d0,%d0
	tst.b (%a2)+
	beq 2f
	addq.l #1,%d0
2:	dbra %d1,1b
	move.w %d0,saveccr
	addq.l #1,casenum
	/* case number, D0-D7, CCR, buf */
	move.l casenum,%d0
	bsr hex32
	lea saved,%a2
	moveq #7,%d6
1:	move.b #' ',(%a5)+
	move.l (%a2)+,%d0
	bsr hex32
	dbra %d6,1b
	move.b #' ',(%a5)+
	move.w saveccr,%d0
	andi.l #0x1F,%d0
	bsr hex32
	move.b #' ',(%a5)+
	lea buf,%a2
	moveq #15,%d6
1:	move.l (%a2)+,%d0
	bsr hex32
	dbra %d6,1b
	move.b #'\n',(%a5)+
	cmpa.l #outbuf+3500,%a5
	bcs 1f
	bsr flush
1:	rts

/* D0 as 8 hex digits at (A5)+; uses D0-D2. */
hex32:
	moveq #7,%d1
1:	rol.l #4,%d0
	move.l %d0,%d2
	andi.l #15,%d2
	move.b hexdig(%pc,%d2.l),(%a5)+
	dbra %d1,1b
	rts
hexdig:	.ascii "0123456789abcdef"
	.even

/* Write outbuf up to A5 to stdout. */
flush:
	movem.l %d0-%d3/%a0,-(%sp)
	moveq #4,%d0
	moveq #1,%d1
	move.l #outbuf,%d2
	move.l %a5,%d3
	sub.l %d2,%d3
	trap #0
	lea outbuf,%a5
	movem.l (%sp)+,%d0-%d3/%a0
	rts

/* D0 = next of a 32-bit xorshift generator. */
rand:
	move.l %d1,-(%sp)
	move.l seed,%d0
	move.l %d0,%d1
	lsl.l #8,%d1
	lsl.l #5,%d1
	eor.l %d1,%d0
	move.l %d0,%d1
	lsr.l #8,%d1
	lsr.l #8,%d1
	lsr.l #1,%d1
	eor.l %d1,%d0
	move.l %d0,%d1
	lsl.l #5,%d1
	eor.l %d1,%d0
	move.l %d0,seed
	move.l (%sp)+,%d1
	rts

/* Read-only data the PC-relative cases read. */
pcdata:	.long 0x01234567, 0x89ABCDEF, 0xF00FC33C, 0x5AA50000, 0x00000001
	.long 0x80000000, 0x7FFFFFFF, 0xDEADBEEF, 0x0BADCAFE, 0x12481248

	.data
	.even
seed:	.long 0x2545F491
pattern:
	.long 0x01234567, 0x89ABCDEF, 0xF00FC33C, 0x5AA50000, 0x00000001
	.long 0x80000000, 0x7FFFFFFF, 0xC4D5E6F7, 0x0BADCAFE, 0x12481248
	.long 0xFFFFFFFF, 0x00000000, 0x13579BDF, 0x2468ACE0, 0x01010101
	.long 0xFEDCBA98

	.bss
	.even
init:	.space 32
saved:	.space 32
saveccr: .space 2
flagbytes: .space 4
	.even
casenum: .space 4
count:	.space 4
buf:	.space 64
outbuf:	.space 4096
