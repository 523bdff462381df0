#!/usr/bin/env python3
"""Issue 17's side by side: the OOM killer's reports on this kernel read as
Linux 6.1's (the same victims in the same order, the report's lines in the
same order with the same fields, the same tasks in the table).

Builds an initramfs running user/oomscore (four children with oom_score_adj
0, 500, -500 and -1000, then a hog: two OOM kills) through user/init,
boots it at 128M under norandmaps, and holds the log against
docs/reference/linux-6.1-i386-oom-128M.log, which Debian's Linux 6.1 686
printed for the same initramfs on the same QEMU machine
(tools/linux-ref/run-user.sh, LINUX_REF_APPEND="console=ttyS0 norandmaps").

    oom_report_test.py [KERNEL]
"""
import os
import sys
import tempfile

from side_by_side import ROOT, boot_tests, linux_ref_tool

REFERENCE = os.path.join(ROOT, "docs/reference/linux-6.1-i386-oom-128M.log")


def main():
    kernel = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "build/kernel.elf")
    with tempfile.TemporaryDirectory() as tmp:
        log = boot_tests(kernel, tmp, ["/bin/oomscore"],
                         ["--bin", os.path.join(ROOT, "build/user/oomscore")])
        return linux_ref_tool("oom-report.py").main(["oom-report.py", REFERENCE, log])


if __name__ == "__main__":
    sys.exit(main())
