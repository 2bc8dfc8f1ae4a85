# The Atari ST machine.

# chips (peripheral chips engineer: keep edits to this block)
libtandem_a_SOURCES += machines/atari_st/mfp.h machines/atari_st/acia.h \
	machines/atari_st/ikbd.h machines/atari_st/ym2149.h machines/atari_st/dma.h \
	machines/atari_st/wd1772.h machines/atari_st/floppy.h
# end chips
