# The Atari ST machine.

# chips (peripheral chips engineer: keep edits to this block)
libtandem_a_SOURCES += machines/atari_st/mfp.h machines/atari_st/mfp.c \
	machines/atari_st/acia.h machines/atari_st/acia.c \
	machines/atari_st/ikbd.h machines/atari_st/ikbd.c \
	machines/atari_st/ym2149.h machines/atari_st/ym2149.c \
	machines/atari_st/dma.h machines/atari_st/wd1772.h machines/atari_st/floppy.h
check_PROGRAMS += tests/test_st_mfp tests/test_st_acia_ikbd tests/test_st_ym
TESTS += tests/test_st_mfp tests/test_st_acia_ikbd tests/test_st_ym
tests_test_st_mfp_SOURCES = tests/test_st_mfp.c tests/tap.h
tests_test_st_mfp_LDADD = $(CORE_LIBS)
tests_test_st_acia_ikbd_SOURCES = tests/test_st_acia_ikbd.c tests/tap.h
tests_test_st_acia_ikbd_LDADD = $(CORE_LIBS)
tests_test_st_ym_SOURCES = tests/test_st_ym.c tests/tap.h
tests_test_st_ym_LDADD = $(CORE_LIBS)
# end chips
