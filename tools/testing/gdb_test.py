#!/usr/bin/env python3
"""gdb test: QEMU waits with its gdb server (-s -S), gdb in batch mode loads the
kernel's symbols through tools/gdb/mmlab.py, stops in the pre-paging entry
code (_start, linked at its physical address) and at start_kernel, checks
the backtrace, steps a source line and reads kernel variables; then QEMU is
killed. This is `make debug`, scripted."""
import argparse
import os
import pty
import re
import select
import socket
import subprocess
import sys
import tempfile
import time

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


def make_debug_test(kernel):
    """`make debug` on a terminal (a pty), as a student runs it: continue,
    Ctrl-C must stop the guest (gdb's SIGINT) and leave QEMU running; quitting
    gdb must end QEMU. Uses the kernel's build directory as BUILD (the ISO
    goes to a scratch file)."""
    port = free_port()
    with tempfile.TemporaryDirectory() as tmp:
        argv = ["make", "--no-print-directory", "-C", ROOT, f"BUILD={os.path.dirname(kernel)}",
                f"ISO={tmp}/debug.iso", f"GDB_PORT={port}", "MEM=128M", "debug"]
        print("$", " ".join(argv))
        pid, fd = pty.fork()
        if pid == 0:
            os.execvp(argv[0], argv)
        out = bytearray()

        def plain():  # without gdb's colours and terminal modes
            return re.sub(rb"\x1b\[[0-9;?]*[a-zA-Z]", b"", bytes(out)).decode(errors="replace")

        def wait_for(text, timeout=120):
            deadline = time.time() + timeout
            while text not in plain() and time.time() < deadline:
                r, _, _ = select.select([fd], [], [], 0.2)
                if r:
                    try:
                        out.extend(os.read(fd, 4096))
                    except OSError:  # the child is gone
                        return False
            return text in plain()

        def send(keys):
            os.write(fd, keys.encode())

        errors = []
        if not wait_for("start_kernel () at kernel/main.cpp"):
            errors.append("make debug did not stop at start_kernel")
        wait_for("(gdb) ")
        send("continue\n")
        wait_for("Continuing.")
        time.sleep(2)  # the kernel boots on to its shell
        send("\x03")
        if not wait_for("received signal SIGINT", 30):
            errors.append("Ctrl-C did not stop the guest")
        del out[:]
        send('printf "ALIVE pc=%#x\\n", $pc\n')
        if not wait_for("ALIVE pc=0xc0", 30):
            errors.append("QEMU did not survive Ctrl-C (gdb cannot read the pc)")
        send("quit\n")
        wait_for("(y or n)", 10)
        send("y\n")
        deadline, status = time.time() + 30, None
        while status is None and time.time() < deadline:
            wait_for("\0", 0.5)  # drain the pty
            done, st = os.waitpid(pid, os.WNOHANG)
            status = os.waitstatus_to_exitcode(st) if done else None
        if status != 0:
            errors.append(f"make debug ended with {status}, not 0")
        time.sleep(1)
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                errors.append("QEMU still runs (its gdb port answers) after gdb quit")
    print(plain()[-2000:])
    for e in errors:
        print("FAIL:", e)
    if not errors:
        print("make debug: ok (Ctrl-C stopped the guest, QEMU ended with gdb)")
    return 1 if errors else 0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--kernel", default=os.path.join(ROOT, "build", "kernel.elf"))
    ap.add_argument("--make-debug", action="store_true", help="drive `make debug` on a pty")
    a = ap.parse_args()
    kernel = os.path.abspath(a.kernel)
    if a.make_debug:
        return make_debug_test(kernel)
    with tempfile.TemporaryDirectory() as tmp:
        qemu, port = start_qemu(kernel, tmp, "ktest=boot panic=-1", os.path.join(tmp, "serial.log"))
        text = run_gdb(kernel, port, [
            "hbreak _start",
            "continue",
            "printf \"AT-ENTRY pc=%#x\\n\", $pc",
            "info symbol $pc",
            # refused before paging, never a hang or a bare memory error
            "mm-shell meminfo",
            "mm-e820",
            # a misspelt location is an error and the kernel stays stopped
            "mmlab-continue-to no_such_function",
            "printf \"STILL pc=%#x\\n\", $pc",
            "mmlab-continue-to start_kernel",
            "bt",
            "next",
            "info line *$pc",
            "printf \"MBI=%#x\\n\", multiboot_info_phys",
            "printf \"BOOTSTACK=%d\\n\", (unsigned)$sp >= (unsigned)boot_stack && (unsigned)$sp < (unsigned)boot_stack_top",
            "mm-shell meminfo",  # paging is on, but the shell is not running yet
            # e820_table is a type name too: mm-e820 and the documented
            # spelling must work from a stop outside e820.cpp
            "mmlab-continue-to memblock_free_all",
            "mm-e820",
            "mm-memblock",
            "printf \"E820_ENTRIES=%d\\n\", ('e820.cpp'::e820_table)->nr_entries",
            "p *'e820.cpp'::e820_table",
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
        (r"mm-shell: paging is off \(CR0\.PG=0\)", "mm-shell refused before paging"),
        (r"mm-e820: paging is off", "mm-e820 refused before paging"),
        (r'mmlab-continue-to: Function "no_such_function" not defined', "misspelt FUNC refused"),
        (r"STILL pc=0x1000[0-9a-f]{2}", "the kernel stayed stopped after the misspelt FUNC"),
        (r"mm-shell: the kernel is not in its shell yet", "mm-shell refused before the shell"),
        (r"e820: \[mem 0x0000000000100000-0x0000000007fdffff\] usable",
         "mm-e820 from a stop outside e820.cpp"),
        (r" memory\[0x1\]\t\[0x00100000-0x07fdffff\]", "mm-memblock from a stop outside memblock.cpp"),
        (r"E820_ENTRIES=7", "the documented p *'e820.cpp'::e820_table spelling"),
        (r"nr_entries = 7, entries = ", "p *'e820.cpp'::e820_table prints the table"),
    ]
    if re.search(r"Attempt to use a type name|Python Exception", text):
        checks.append((r"(?!)", "a type-name error or a Python exception in gdb's output"))
    failed = [why for pattern, why in checks if not re.search(pattern, text)]
    for why in failed:
        print("FAIL:", why)
    if not failed:
        print("gdb test: ok")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
