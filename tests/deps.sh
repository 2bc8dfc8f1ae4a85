#!/bin/sh
# Installs what Tandem needs from Debian 12's packages.
#   tests/deps.sh run    build dependencies (to build and run the emulator)
#   tests/deps.sh test   build and test dependencies
# Runs apt-get as root, or through sudo when not root.
set -e
what=${1:-test}
build="build-essential autoconf automake autopoint gettext pkg-config
       libgtk-3-dev libcairo2-dev libsndfile1-dev zlib1g-dev"
test="gcc-m68k-linux-gnu binutils-m68k-linux-gnu qemu-user xvfb xauth xdotool
      imagemagick x11-utils mtools dosfstools valgrind libmpfr-dev"
case "$what" in
run) pkgs="$build" ;;
test) pkgs="$build $test" ;;
*) echo "usage: $0 run|test" >&2; exit 2 ;;
esac
if [ "$(id -u)" = 0 ]; then sudo=""; else sudo="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
# shellcheck disable=SC2086
$sudo apt-get install -y -qq --no-install-recommends $pkgs >/dev/null
echo "deps.sh: installed the '$what' packages"
