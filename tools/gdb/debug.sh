#!/usr/bin/env bash
# debug.sh ISO KERNEL_ELF MEM PORT SERIAL_LOG STOP [more qemu args...]
# `make debug`: QEMU paused in the background (serial to SERIAL_LOG), gdb in
# the foreground attached to it and run on to STOP (none: stay at the first
# instruction); QEMU goes when gdb does.
set -eu
iso=$1 kernel=$2 mem=$3 port=$4 log=$5 stop=$6
shift 6
here=$(cd "$(dirname "$0")" && pwd)
# QEMU in a session of its own: Ctrl-C in gdb (SIGINT to the terminal's
# foreground process group) must reach gdb alone, which then stops the guest
# through QEMU's gdb server; in gdb's group it killed QEMU ("terminating on
# signal 2").
setsid "$here/../run-qemu.sh" "$iso" "$mem" -serial "file:$log" -S -gdb "tcp::$port" "$@" \
  </dev/null &
qemu=$!
trap 'kill "$qemu" 2>/dev/null; wait "$qemu" 2>/dev/null || true' EXIT
# Job control gives gdb a process group of its own in the terminal's
# foreground, so Ctrl-C does not reach make and this script either (make
# would stop waiting for gdb, and nothing would be left to kill QEMU).
if [ -t 0 ]; then
  set -m
fi
gdb -q -x "$here/mmlab.py" -ex "mmlab-connect $port $stop" "$kernel" || true
