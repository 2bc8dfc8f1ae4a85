# Shared test infrastructure; each directory's local.mk adds its own tests.
EXTRA_DIST += tests/check-all.sh tests/deps.sh tests/tap.h
