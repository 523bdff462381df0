#!/usr/bin/env python3
"""Issue 16's side by side: the /proc files, free, ps and top -bn1 on this
kernel have Linux 6.1's format (field names, order, layout; values differ).

Builds an initramfs whose /etc/tests runs the commands of
tools/linux-ref/proc-format.py's PROC_TESTS through user/init and busybox,
boots it at 128M under norandmaps, and holds the log against
docs/reference/linux-6.1-i386-proc-views-128M.log, which Debian's Linux
6.1 686 printed for the same commands on the same QEMU machine
(tools/linux-ref/run-user.sh with that initramfs).

    proc_format_test.py [KERNEL]
"""
import os
import sys
import tempfile

from side_by_side import ROOT, boot_tests, linux_ref_tool

REFERENCE = os.path.join(ROOT, "docs/reference/linux-6.1-i386-proc-views-128M.log")
APPLETS = ["cat", "free", "ps", "top", "ls"]


def main():
    kernel = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "build/kernel.elf")
    pf = linux_ref_tool("proc-format.py")
    links = [a for name in APPLETS for a in ("--link", f"bin/{name}=busybox")]
    with tempfile.TemporaryDirectory() as tmp:
        log = boot_tests(kernel, tmp, pf.PROC_TESTS,
                         ["--file", f"bin/busybox={ROOT}/build/busybox/busybox:0755", *links])
        return pf.main(["proc-format.py", REFERENCE, log])


if __name__ == "__main__":
    sys.exit(main())
