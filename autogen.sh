#!/bin/sh
# Generates ./configure from configure.ac (autoconf, automake, gettext's autopoint).
set -e
cd "$(dirname "$0")"
autoreconf --install --force
# The TAP test driver ships with automake; copy it next to the other helpers.
cp "$(automake --print-libdir)/tap-driver.sh" build-aux/tap-driver.sh
