#!/usr/bin/env bash
# run-user.sh [INITRAMFS]   (default: build/initramfs.cpio, from `make user`)
#
# Boots Debian 12's Linux 6.1 686 kernel, the one tools/linux-ref/capture.sh
# uses, with the user programs' initramfs on the machine mmlab runs on
# (tools/run-qemu.sh's pc board under TCG, 128M), writes the serial log to
# build/linux-ref/user.log and prints each program's block. /init powers
# the machine off after the last program; the timeout is for a boot that
# hangs. The log is what tools/linux-ref/user-diff.py holds mmlab's against:
#
#   tools/linux-ref/user-diff.py build/linux-ref/user.log OURS.log
#
# Run it on Debian as root (it runs apt-get download the first time, or
# prints the sudo line); the .deb and the vmlinuz stay in build/linux-ref/
# and are never committed.
#
#   LINUX_REF_CACHE=dir   where the .deb, vmlinuz and user.log go
#   LINUX_REF_TIMEOUT=s   how long the boot may take (default 300)
set -eu
here=$(cd "$(dirname "$0")/../.." && pwd)
cache=${LINUX_REF_CACHE:-$here/build/linux-ref}
initrd=${1:-$here/build/initramfs.cpio}
abi=6.1.0-50-686
pkg=linux-image-$abi
# The programs print addresses: norandmaps makes them the same on every boot
# (no ASLR of stack, mmap base or brk). quiet keeps Linux's own messages
# off the console the programs write to.
append=${LINUX_REF_APPEND:-"console=ttyS0 norandmaps quiet"}

die() { echo "run-user.sh: $*" >&2; exit 1; }

# shellcheck source=tools/linux-ref/deb.sh
. "$here/tools/linux-ref/deb.sh"

mkdir -p "$cache"
[ -f "$initrd" ] || die "no $initrd: run 'make user' first"
command -v qemu-system-i386 >/dev/null || die "needs qemu-system-i386 (apt-get install qemu-system-x86)"
vmlinuz=$(extract_vmlinuz "$(fetch_deb)")
raw=$cache/user-serial.log log=$cache/user.log
rm -f "$raw"
echo "  LINUX   ${initrd#"$here"/} -> ${log#"$here"/}" >&2
# run-qemu.sh's machine exactly (a non-ISO image goes in as -kernel).
timeout "${LINUX_REF_TIMEOUT:-300}" "$here/tools/run-qemu.sh" "$vmlinuz" 128M -initrd "$initrd" \
  -append "$append" -no-reboot -serial "file:$raw" || echo "run-user.sh: QEMU ended with $?" >&2
tr -d '\r' < "$raw" > "$log"
python3 "$here/tools/linux-ref/user-diff.py" --print "$log"
grep -qx '== all done' "$log" || die "no '== all done' in $log: /init did not finish"
