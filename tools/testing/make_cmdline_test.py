#!/usr/bin/env python3
"""make passes CMDLINE= and GRUB_EXTRA= through untouched: `make iso` (as
`make run` calls it) into a scratch BUILD directory with a command line
holding $ (docs/01's memmap=4M$0x2000000, which make used to eat), ', ",
;, # and a backslash, and a GRUB_EXTRA whose $ GRUB itself must expand.
Checks build/iso.args, then boots the ISO and checks that the kernel's
"Kernel command line:" is the CMDLINE given and that GRUB ran GRUB_EXTRA."""
import argparse
import os
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CMDLINE = "ktest=boot panic=-1 memmap=4M$0x2000000 x=\"it's a;b\" #c \\d $$e"
GRUB_EXTRA = "echo 'GRUB_EXTRA ran on' $grub_platform"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--kernel", default=os.path.join(ROOT, "build", "kernel.elf"))
    kernel = os.path.abspath(ap.parse_args().kernel)
    errors = []
    with tempfile.TemporaryDirectory() as build:
        # -o: the copied kernel counts as up to date, nothing is compiled
        elf = os.path.join(build, "kernel.elf")
        shutil.copy(kernel, elf)
        argv = ["make", "--no-print-directory", "-C", ROOT, f"BUILD={build}", "-o", elf, "iso",
                f"CMDLINE={CMDLINE}", f"GRUB_EXTRA={GRUB_EXTRA}"]
        print("$", " ".join(argv))
        subprocess.run(argv, check=True)
        with open(os.path.join(build, "iso.args")) as f:
            args = f.read().split("\n")
        if args[:2] != [CMDLINE, GRUB_EXTRA]:
            errors.append(f"iso.args holds {args[:2]!r}, not {[CMDLINE, GRUB_EXTRA]!r}")
        try:
            p = subprocess.run([os.path.join(ROOT, "tools/run-qemu.sh"),
                                os.path.join(build, "kernel.iso"), "128M", "-serial", "stdio",
                                "-no-reboot"], stdin=subprocess.DEVNULL, capture_output=True,
                               timeout=60)
            serial, code = p.stdout.decode(errors="replace"), p.returncode
        except subprocess.TimeoutExpired as e:
            serial, code = (e.stdout or b"").decode(errors="replace"), None
    lines = serial.splitlines()
    if not any(l.endswith("] Kernel command line: " + CMDLINE) for l in lines):
        got = [l for l in lines if "Kernel command line:" in l]
        errors.append(f"the kernel got {got!r}, not {CMDLINE!r}")
    if "GRUB_EXTRA ran on pc" not in lines:
        errors.append("GRUB did not run GRUB_EXTRA with its $grub_platform expanded")
    if code != 33:
        errors.append(f"QEMU exit code {code}, expected 33 (ktest=boot passed)")
    if errors:
        print(serial)
    for e in errors:
        print("FAIL:", e)
    if not errors:
        print("make CMDLINE/GRUB_EXTRA: ok")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
