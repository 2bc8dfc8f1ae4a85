# The GTK3 application and the ROM identification it shares with the machines.
libtandem_a_SOURCES += machines/atari_st/tos_known.c machines/atari_st/tos_known.h

check_PROGRAMS += tests/test_rom_ident
TESTS += tests/test_rom_ident
tests_test_rom_ident_SOURCES = tests/test_rom_ident.c tests/tap.h
tests_test_rom_ident_LDADD = $(CORE_LIBS)

# The window, menus and dialogs (everything but main()), shared by the program
# and by the UI test program that runs them on a stand-in machine.
UI_SOURCES = ui/app.c ui/app.h ui/dialogs.c ui/emu.c ui/emu.h ui/keymap.c ui/romdir.c \
	ui/romdir.h ui/romdlg.c ui/settings.c ui/settings.h

bin_PROGRAMS += tandem
tandem_SOURCES = ui/main.c $(UI_SOURCES)
tandem_CFLAGS = $(AM_CFLAGS) $(GTK_CFLAGS)
tandem_LDADD = $(CORE_LIBS) $(GTK_LIBS)

check_PROGRAMS += tests/test_ui_fake
tests_test_ui_fake_SOURCES = tests/test_ui_fake.c $(UI_SOURCES)
tests_test_ui_fake_CFLAGS = $(AM_CFLAGS) $(GTK_CFLAGS)
tests_test_ui_fake_LDADD = $(CORE_LIBS) $(GTK_LIBS)

check_PROGRAMS += tests/test_config
TESTS += tests/test_config
tests_test_config_SOURCES = tests/test_config.c ui/settings.c ui/settings.h tests/tap.h
tests_test_config_CFLAGS = $(AM_CFLAGS) $(GTK_CFLAGS)
tests_test_config_LDADD = $(CORE_LIBS) $(GTK_LIBS)

# Window, menus and dialogs under Xvfb with xdotool (skip without them).
TESTS += tests/test_ui_fake.sh
EXTRA_DIST += tests/test_ui_lib.sh tests/test_ui_fake.sh

# Desktop integration, installed by `make install`.
desktopdir = $(datadir)/applications
desktop_DATA = ui/io.github.tandem_emu.Tandem.desktop
metainfodir = $(datadir)/metainfo
metainfo_DATA = ui/io.github.tandem_emu.Tandem.metainfo.xml
uiicondir = $(datadir)/icons/hicolor/scalable/apps
uiicon_DATA = ui/io.github.tandem_emu.Tandem.svg
EXTRA_DIST += $(desktop_DATA) $(metainfo_DATA) $(uiicon_DATA)
TESTS += tests/test_ui.sh tests/test_ui_po.sh
EXTRA_DIST += tests/test_ui.sh tests/test_ui_po.sh
