# The 68040 Macintosh: the Quadra 800.
libtandem_a_SOURCES += machines/mac/via.h machines/mac/via.c \
	machines/mac/rtc.h machines/mac/rtc.c \
	machines/mac/mac_via.h machines/mac/mac_via.c \
	machines/mac/adb.h machines/mac/adb.c \
	machines/mac/scc.h machines/mac/scc.c \
	machines/mac/ncr53c96.h machines/mac/ncr53c96.c \
	machines/mac/scsi_disk.h machines/mac/scsi_disk.c \
	machines/mac/glue.h machines/mac/glue.c \
	machines/mac/dafb.h machines/mac/dafb.c \
	machines/mac/mac_boot.h machines/mac/mac_boot.c \
	machines/mac/q800.h machines/mac/q800.c machines/mac/q800_io.c

MAC_UNIT_TESTS = tests/test_mac_via tests/test_mac_rtc tests/test_mac_scc tests/test_mac_dafb \
	tests/test_mac_scsi \
	tests/test_mac_boot
check_PROGRAMS += $(MAC_UNIT_TESTS)
TESTS += $(MAC_UNIT_TESTS) tests/test_boot_q800.sh
EXTRA_DIST += tests/test_boot_q800.sh tests/mac/q800_kernel.config tests/mac/build-kernel.sh \
	tests/mac/init.c tests/mac/make-initrd.sh tests/mac/bench-boot.sh
tests_test_mac_via_SOURCES = tests/test_mac_via.c tests/tap.h
tests_test_mac_via_LDADD = $(CORE_LIBS)
tests_test_mac_rtc_SOURCES = tests/test_mac_rtc.c tests/tap.h
tests_test_mac_rtc_LDADD = $(CORE_LIBS)
tests_test_mac_scc_SOURCES = tests/test_mac_scc.c tests/tap.h
tests_test_mac_scc_LDADD = $(CORE_LIBS)
tests_test_mac_boot_SOURCES = tests/test_mac_boot.c tests/tap.h
tests_test_mac_boot_LDADD = $(CORE_LIBS)
tests_test_mac_dafb_SOURCES = tests/test_mac_dafb.c tests/tap.h
tests_test_mac_dafb_LDADD = $(CORE_LIBS)

# The Linux kernel test_boot_q800.sh boots when it is there (about 6 minutes
# at -j1): `make mac-kernel` builds it from Debian's linux-source-6.1 into
# mac-kernel/ in the build tree.
mac-kernel:
	JOBS=$${JOBS:-1} $(SHELL) $(srcdir)/tests/mac/build-kernel.sh $(abs_top_builddir)/mac-kernel
.PHONY: mac-kernel
tests_test_mac_scsi_SOURCES = tests/test_mac_scsi.c tests/tap.h
tests_test_mac_scsi_LDADD = $(CORE_LIBS)

# Host seconds to boot Linux to /init and power off, tandem and QEMU.
bench-q800: tests/st_headless$(EXEEXT)
	TANDEM_BUILDDIR=$(abs_top_builddir) $(SHELL) $(srcdir)/tests/mac/bench-boot.sh
.PHONY: bench-q800
