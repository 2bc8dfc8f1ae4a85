libtandem_a_SOURCES += machines/i18n.h machines/errmsg.h machines/errmsg.c machines/safefile.h machines/safefile.c machines/machine.h machines/machine.c machines/sched.h machines/sched.c
