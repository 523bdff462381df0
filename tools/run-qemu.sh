#!/usr/bin/env bash
# run-qemu.sh ISO MEM [more qemu args...]
# The one QEMU command line every target and test uses: the pc (i440fx) board
# under TCG, COM1 on stdio, no window, and isa-debug-exit at 0xf4 so the kernel
# can end the run with an exit code (see kernel/ktest.cpp).
set -eu
iso=$1 mem=$2
shift 2
exec qemu-system-i386 -machine pc -accel tcg -m "$mem" \
  -cdrom "$iso" -boot d -display none \
  -device isa-debug-exit,iobase=0xf4,iosize=0x04 "$@"
