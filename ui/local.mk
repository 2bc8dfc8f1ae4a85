# The GTK3 application and the ROM identification it shares with the machines.
libtandem_a_SOURCES += machines/atari_st/tos_known.c machines/atari_st/tos_known.h

check_PROGRAMS += tests/test_rom_ident
TESTS += tests/test_rom_ident
tests_test_rom_ident_SOURCES = tests/test_rom_ident.c tests/tap.h
tests_test_rom_ident_LDADD = $(CORE_LIBS)
