# The 68040 Macintosh: the Quadra 800.
libtandem_a_SOURCES += machines/mac/via.h machines/mac/via.c \
	machines/mac/rtc.h machines/mac/rtc.c \
	machines/mac/mac_via.h machines/mac/mac_via.c \
	machines/mac/scc.h machines/mac/scc.c \
	machines/mac/glue.h machines/mac/glue.c \
	machines/mac/dafb.h machines/mac/dafb.c \
	machines/mac/mac_boot.h machines/mac/mac_boot.c \
	machines/mac/q800.h machines/mac/q800.c machines/mac/q800_io.c
