#!/usr/bin/env bash
# run-qemu.sh ISO|ELF MEM [more qemu args...]
# The one QEMU command line every target and test uses: the pc (i440fx) board
# under TCG, no window, and isa-debug-exit at 0xf4 so the kernel can end the
# run with an exit code (see kernel/ktest.cpp). An ISO boots through GRUB
# (multiboot2); an ELF is started by QEMU itself (-kernel, through the PVH
# note), which is how the tests play a boot loader that is not multiboot2.
set -eu
image=$1 mem=$2
shift 2
case "$image" in
  *.iso) media=(-cdrom "$image" -boot d) ;;
  *) media=(-kernel "$image") ;;
esac
exec qemu-system-i386 -machine pc -accel tcg -m "$mem" "${media[@]}" -display none \
  -device isa-debug-exit,iobase=0xf4,iosize=0x04 "$@"
