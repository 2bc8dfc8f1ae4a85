libtandem_a_SOURCES += mem/mem.c mem/mem.h mem/xor.h

check_PROGRAMS += tests/test_mem tests/test_mem_random
TESTS += tests/test_mem tests/test_mem_random
tests_test_mem_SOURCES = tests/test_mem.c tests/tap.h
tests_test_mem_LDADD = $(CORE_LIBS)
tests_test_mem_random_SOURCES = tests/test_mem_random.c tests/tap.h
tests_test_mem_random_LDADD = $(CORE_LIBS)
