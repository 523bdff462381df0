#!/usr/bin/env bash
# capture.sh [MEM...]   (default: 128M 1G)
#
# Boots Debian 12's Linux 6.1 686 kernel on the same QEMU machine mmlab uses
# (tools/run-qemu.sh's pc board under TCG) and writes its serial log to
# docs/reference/linux-6.1-i386-qemu-MEM.log, the reference
# tools/compare-with-linux and the QEMU tests hold mmlab's memory-init lines
# against. Run it on Debian (as root, or it prints the sudo line); the .deb and
# the vmlinuz stay in build/linux-ref/ and are never committed.
#
#   LINUX_REF_CACHE=dir   where the .deb and vmlinuz go (default build/linux-ref)
#   LINUX_REF_OUT=dir     where the logs go (default docs/reference)
set -eu
here=$(cd "$(dirname "$0")/../.." && pwd)
cache=${LINUX_REF_CACHE:-$here/build/linux-ref}
out=${LINUX_REF_OUT:-$here/docs/reference}
abi=6.1.0-50-686
pkg=linux-image-$abi
# Linux prints everything on COM1 (ignore_loglevel: KERN_DEBUG too, as mmlab
# does by default). nokaslr keeps the kernel at its link address so two runs
# give the same memblock map; panic=-1 under -no-reboot makes QEMU exit when
# Linux finds no root file system, long after memory init.
append="console=ttyS0 norandmaps nokaslr memblock=debug loglevel=8 ignore_loglevel panic=-1"
mems=("$@")
# Not 16M: Debian's kernel does not even decompress there (QEMU prints
# nothing at all), so there is no Linux line to compare with.
[ ${#mems[@]} -gt 0 ] || mems=(128M 1G)

die() { echo "capture.sh: $*" >&2; exit 1; }

# shellcheck source=tools/linux-ref/deb.sh
. "$here/tools/linux-ref/deb.sh"

# An empty initramfs: Linux skips a zero-length initrd (early_reserve_initrd
# returns before memblock_reserve), so the memblock map has no RAMDISK region
# that mmlab, which has no initrd, could not match. The boot then ends at
# "VFS: Unable to mount root fs", which is what panic=-1 needs.
make_initramfs() {
  local cpio=$cache/empty-initramfs.cpio
  : > "$cpio"
  echo "$cpio"
}

boot_one() {
  local vmlinuz=$1 initrd=$2 mem=$3
  local raw=$cache/serial-$mem.log log=$out/linux-6.1-i386-qemu-$mem.log
  rm -f "$raw"
  echo "  LINUX   -m $mem -> ${log#"$here"/}" >&2
  # run-qemu.sh's machine exactly (it passes a non-ISO image as -kernel).
  timeout 120 "$here/tools/run-qemu.sh" "$vmlinuz" "$mem" -initrd "$initrd" -append "$append" \
    -no-reboot -serial "file:$raw" || echo "capture.sh: QEMU ended with $? at -m $mem" >&2
  grep -q '^\[ *[0-9.]*\] Memory: ' "$raw" || die "no Memory: line in $raw (too little RAM for this kernel?)"
  tr -d '\r' < "$raw" > "$log"
}

mkdir -p "$cache" "$out"
command -v qemu-system-i386 >/dev/null || die "needs qemu-system-i386 (apt-get install qemu-system-x86)"
deb=$(fetch_deb)
vmlinuz=$(extract_vmlinuz "$deb")
initrd=$(make_initramfs)
for mem in "${mems[@]}"; do
  boot_one "$vmlinuz" "$initrd" "$mem"
done
