#!/usr/bin/env bash
# busybox.sh OUT   writes Debian's static i386 busybox to OUT
#
# The default initramfs's /bin/busybox: Debian 12's busybox-static:i386,
# unmodified. The .deb is fetched once with `apt-get download` into
# build/busybox/ (never committed) and the binary taken out of it; later
# builds reuse it. Needs Debian's apt-get and root the first time (or the
# .deb put there by hand: the error says how).
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
out=${1:?usage: busybox.sh OUT}
cache=${BUSYBOX_CACHE:-$here/build/busybox}
pkg=busybox-static

die() { echo "busybox.sh: $*" >&2; exit 1; }

# shellcheck source=tools/linux-ref/deb.sh
. "$here/tools/linux-ref/deb.sh"

mkdir -p "$cache"
deb=$(fetch_deb)
rm -rf "$cache/root"
dpkg-deb -x "$deb" "$cache/root"
[ -x "$cache/root/bin/busybox" ] || die "no bin/busybox in $deb"
cp "$cache/root/bin/busybox" "$out.tmp"
mv "$out.tmp" "$out"
