#!/usr/bin/env python3
"""The bar of issue 15: the user programs print the same on this kernel as
on Debian's Linux 6.1 686 on the same QEMU machine (norandmaps): maps,
pointers malloc/mmap/brk return, minor-fault counts and errnos.

Boots Linux with build/initramfs.cpio (tools/linux-ref/run-user.sh, which
fetches the kernel package from Debian's archive once), boots mmlab with the
same archive as a GRUB module, and diffs the two logs program by program
with tools/linux-ref/user-diff.py, which masks only what legitimately
differs (device:inode numbers, the kernels' own log lines, Linux's lagging
RSS counters; each said why in that file). Fails on any other difference.
"""
import os
import subprocess
import sys
import tempfile

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "../.."))


def main():
    kernel = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "build/kernel.elf")
    cpio = os.path.join(ROOT, "build/initramfs.cpio")
    linux_log = os.path.join(ROOT, "build/linux-ref/user.log")
    subprocess.run([os.path.join(ROOT, "tools/linux-ref/run-user.sh"), cpio], check=True,
                   stdout=subprocess.DEVNULL)
    with tempfile.TemporaryDirectory() as tmp:
        iso, log = os.path.join(tmp, "user.iso"), os.path.join(tmp, "serial.log")
        subprocess.run([os.path.join(ROOT, "tools/mkiso.sh"), kernel, iso, "norandmaps panic=-1",
                        "", cpio], check=True)
        subprocess.run([os.path.join(ROOT, "tools/run-qemu.sh"), iso, "128M", "-serial",
                        f"file:{log}", "-no-reboot"], timeout=300, check=False)
        diff = subprocess.run([sys.executable, os.path.join(ROOT, "tools/linux-ref/user-diff.py"),
                               linux_log, log], capture_output=True, text=True)
    print(diff.stdout, end="")
    print(diff.stderr, end="", file=sys.stderr)
    return diff.returncode


if __name__ == "__main__":
    sys.exit(main())
