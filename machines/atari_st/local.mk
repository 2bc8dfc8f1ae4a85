# The Atari ST machine.

# chips (peripheral chips engineer: keep edits to this block)
libtandem_a_SOURCES += machines/atari_st/mfp.h machines/atari_st/mfp.c \
	machines/atari_st/acia.h machines/atari_st/acia.c \
	machines/atari_st/ikbd.h machines/atari_st/ikbd.c \
	machines/atari_st/ym2149.h machines/atari_st/ym2149.c \
	machines/atari_st/floppy.h machines/atari_st/floppy.c \
	machines/atari_st/wd1772.h machines/atari_st/wd1772.c \
	machines/atari_st/dma.h machines/atari_st/dma.c
check_PROGRAMS += tests/test_st_mfp tests/test_st_acia_ikbd tests/test_st_ym \
	tests/test_st_floppy tests/test_st_fdc
TESTS += tests/test_st_mfp tests/test_st_acia_ikbd tests/test_st_ym tests/test_st_floppy \
	tests/test_st_fdc
tests_test_st_mfp_SOURCES = tests/test_st_mfp.c tests/tap.h
tests_test_st_mfp_LDADD = $(CORE_LIBS)
tests_test_st_acia_ikbd_SOURCES = tests/test_st_acia_ikbd.c tests/tap.h
tests_test_st_acia_ikbd_LDADD = $(CORE_LIBS)
tests_test_st_ym_SOURCES = tests/test_st_ym.c tests/tap.h
tests_test_st_ym_LDADD = $(CORE_LIBS)
tests_test_st_floppy_SOURCES = tests/test_st_floppy.c tests/tap.h
tests_test_st_floppy_LDADD = $(CORE_LIBS)
tests_test_st_fdc_SOURCES = tests/test_st_fdc.c tests/tap.h
tests_test_st_fdc_LDADD = $(CORE_LIBS)
# end chips

# machine (ST machine and headless runner engineer: keep edits to this block)
libtandem_a_SOURCES += machines/options.h machines/options.c \
	machines/headless.h machines/headless.c \
	machines/atari_st/st.h machines/atari_st/st.c machines/atari_st/st_io.c \
	machines/atari_st/st_keys.c machines/atari_st/st_rom.h machines/atari_st/st_rom.c \
	machines/atari_st/mmu.h machines/atari_st/mmu.c machines/atari_st/glue.h \
	machines/atari_st/glue.c machines/atari_st/shifter.h machines/atari_st/shifter.c
EXTRA_DIST += machines/HEADLESS.md
ST_UNIT_TESTS = tests/test_st_rom tests/test_st_mmu tests/test_st_video tests/test_st_options \
	tests/test_st_map tests/test_st_boot
check_PROGRAMS += $(ST_UNIT_TESTS) tests/st_headless
TESTS += $(ST_UNIT_TESTS) tests/test_boot_st.sh
EXTRA_DIST += tests/test_boot_st.sh
# The boot test's own TOS program (waits for a key), built like tos_hello.prg.
if HAVE_M68K_CC
EXTRA_tests_test_st_boot_DEPENDENCIES = tests/guest/st_wait.prg
endif
CLEANFILES += tests/guest/st_wait.elf tests/guest/st_wait.prg
tests/guest/st_wait.elf: $(srcdir)/tests/guest/st_wait.c $(srcdir)/tests/guest/prg.ld
	@$(MKDIR_P) tests/guest
	$(AM_V_GEN)$(M68K_CC) -m68000 -Os -ffreestanding -nostdlib -static -fno-pic -Wall -Wextra \
		-Wl,--build-id=none -Wl,-q -Wl,--no-warn-rwx-segments -T $(srcdir)/tests/guest/prg.ld \
		-o $@ $(srcdir)/tests/guest/st_wait.c
tests/guest/st_wait.prg: tests/guest/st_wait.elf tests/elf2prg$(EXEEXT)
	$(AM_V_GEN)tests/elf2prg$(EXEEXT) tests/guest/st_wait.elf $@ >/dev/null
tests_st_headless_SOURCES = tests/st_headless.c
tests_st_headless_LDADD = $(CORE_LIBS)
tests_test_st_map_SOURCES = tests/test_st_map.c tests/tap.h
tests_test_st_map_LDADD = $(CORE_LIBS)
tests_test_st_boot_SOURCES = tests/test_st_boot.c tests/tap.h
tests_test_st_boot_LDADD = $(CORE_LIBS)
tests_test_st_rom_SOURCES = tests/test_st_rom.c tests/tap.h
tests_test_st_rom_LDADD = $(CORE_LIBS)
tests_test_st_mmu_SOURCES = tests/test_st_mmu.c tests/tap.h
tests_test_st_mmu_LDADD = $(CORE_LIBS)
tests_test_st_video_SOURCES = tests/test_st_video.c tests/tap.h
tests_test_st_video_LDADD = $(CORE_LIBS)
tests_test_st_options_SOURCES = tests/test_st_options.c tests/tap.h
tests_test_st_options_LDADD = $(CORE_LIBS)
# end machine
