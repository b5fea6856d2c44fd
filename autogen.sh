#!/bin/sh
# Regenerate the build system.  automake --add-missing installs test-driver
# but never tap-driver.sh, so copy that one by hand (it is not committed).
set -e
cd "$(dirname "$0")"
mkdir -p build-aux m4
cp "$(automake --print-libdir)/tap-driver.sh" build-aux/
autoreconf -fi
