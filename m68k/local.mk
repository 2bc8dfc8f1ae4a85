# The CPU core.
libtandem_a_SOURCES += m68k/m68k.h
