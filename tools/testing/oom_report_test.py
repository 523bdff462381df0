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
import importlib.util
import os
import subprocess
import sys
import tempfile

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "../.."))
REFERENCE = os.path.join(ROOT, "docs/reference/linux-6.1-i386-oom-128M.log")


def oom_report():
    path = os.path.join(ROOT, "tools/linux-ref/oom-report.py")
    spec = importlib.util.spec_from_file_location("oom_report", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def main():
    kernel = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "build/kernel.elf")
    with tempfile.TemporaryDirectory() as tmp:
        tests, cpio = os.path.join(tmp, "tests"), os.path.join(tmp, "oom.cpio")
        with open(tests, "w") as f:
            f.write("/bin/oomscore\n")
        subprocess.run([sys.executable, os.path.join(ROOT, "tools/mkcpio.py"), "-o", cpio,
                        "--init", os.path.join(ROOT, "build/user/init"),
                        "--bin", os.path.join(ROOT, "build/user/oomscore"),
                        "--file", f"etc/tests={tests}:0644"], check=True)
        iso, log = os.path.join(tmp, "oom.iso"), os.path.join(tmp, "serial.log")
        subprocess.run([os.path.join(ROOT, "tools/mkiso.sh"), kernel, iso, "norandmaps panic=-1",
                        "", cpio], check=True)
        subprocess.run([os.path.join(ROOT, "tools/run-qemu.sh"), iso, "128M", "-serial",
                        f"file:{log}", "-display", "none", "-no-reboot"], timeout=300,
                       check=False)
        return oom_report().main(["oom-report.py", REFERENCE, log])


if __name__ == "__main__":
    sys.exit(main())
