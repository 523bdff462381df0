#!/usr/bin/env python3
"""gdb test: QEMU waits with its gdb server (-s -S), gdb in batch mode loads the
kernel's symbols through tools/gdb/mmlab.py, stops in the pre-paging entry
code (_start, linked at its physical address) and at start_kernel, checks
the backtrace, steps a source line and reads kernel variables; then QEMU is
killed. This is `make debug`, scripted."""
import argparse
import os
import re
import socket
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_qemu(kernel, tmp, cmdline, log):
    """QEMU at 128M, stopped before the first instruction, its gdb server on
    a free port; returns (process, port)."""
    port = free_port()
    iso = os.path.join(tmp, "gdb.iso")
    subprocess.run([os.path.join(ROOT, "tools/mkiso.sh"), kernel, iso, cmdline, ""], check=True)
    qemu = subprocess.Popen([os.path.join(ROOT, "tools/run-qemu.sh"), iso, "128M", "-serial",
                             f"file:{log}", "-no-reboot", "-S", "-gdb", f"tcp:127.0.0.1:{port}"])
    return qemu, port


def run_gdb(kernel, port, cmds, qemu):
    """gdb in batch mode with the mmlab helpers, attached to port, running
    cmds; QEMU is killed afterwards. Returns what gdb printed."""
    argv = ["gdb", "-q", "-nx", "-batch", "-x", os.path.join(ROOT, "tools/gdb/mmlab.py"),
            "-ex", "set confirm off", "-ex", f"target remote 127.0.0.1:{port}"]
    for c in cmds:
        argv += ["-ex", c]
    argv.append(kernel)
    print("$", " ".join(argv))
    try:
        return subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                              timeout=180).stdout
    finally:
        qemu.kill()
        qemu.wait()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--kernel", default=os.path.join(ROOT, "build", "kernel.elf"))
    kernel = os.path.abspath(ap.parse_args().kernel)
    with tempfile.TemporaryDirectory() as tmp:
        qemu, port = start_qemu(kernel, tmp, "ktest=boot panic=-1", os.path.join(tmp, "serial.log"))
        text = run_gdb(kernel, port, [
            "hbreak _start",
            "continue",
            "printf \"AT-ENTRY pc=%#x\\n\", $pc",
            "info symbol $pc",
            "mmlab-continue-to start_kernel",
            "bt",
            "next",
            "info line *$pc",
            "printf \"MBI=%#x\\n\", multiboot_info_phys",
            "printf \"BOOTSTACK=%d\\n\", (unsigned)$sp >= (unsigned)boot_stack && (unsigned)$sp < (unsigned)boot_stack_top",
            "kill",
        ], qemu)
    print(text)
    checks = [
        (r"AT-ENTRY pc=0x1000[0-9a-f]{2}", "stopped at the physical entry point"),
        (r"_start in section \.boot", "the entry code has symbols before paging is on"),
        (r"[Bb]reakpoint \d+, start_kernel \(\) at kernel/main\.cpp:\d+", "stopped at start_kernel with source"),
        (r"#0 +start_kernel \(\) at kernel/main\.cpp", "backtrace starts in start_kernel"),
        (r"#1 +0x[0-9a-f]+ in startup_32_high", "backtrace reaches the entry assembly"),
        (r"Line \d+ of \"kernel/main\.cpp\"", "next stepped to another source line"),
        (r"MBI=0x[1-9a-f][0-9a-f]*", "read a kernel variable set by head_32.asm"),
        (r"BOOTSTACK=1", "running on the boot stack"),
    ]
    failed = [why for pattern, why in checks if not re.search(pattern, text)]
    for why in failed:
        print("FAIL:", why)
    if not failed:
        print("gdb test: ok")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
