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
import importlib.util
import os
import subprocess
import sys
import tempfile

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "../.."))
REFERENCE = os.path.join(ROOT, "docs/reference/linux-6.1-i386-proc-views-128M.log")
APPLETS = ["cat", "free", "ps", "top", "ls"]


def proc_format():
    path = os.path.join(ROOT, "tools/linux-ref/proc-format.py")
    spec = importlib.util.spec_from_file_location("proc_format", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def main():
    kernel = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "build/kernel.elf")
    pf = proc_format()
    with tempfile.TemporaryDirectory() as tmp:
        tests, cpio = os.path.join(tmp, "tests"), os.path.join(tmp, "proc.cpio")
        with open(tests, "w") as f:
            f.write("\n".join(pf.PROC_TESTS) + "\n")
        links = [a for name in APPLETS for a in ("--link", f"bin/{name}=busybox")]
        subprocess.run([sys.executable, os.path.join(ROOT, "tools/mkcpio.py"), "-o", cpio,
                        "--init", os.path.join(ROOT, "build/user/init"),
                        "--file", f"bin/busybox={ROOT}/build/busybox/busybox:0755", *links,
                        "--file", f"etc/tests={tests}:0644"], check=True)
        iso, log = os.path.join(tmp, "proc.iso"), os.path.join(tmp, "serial.log")
        subprocess.run([os.path.join(ROOT, "tools/mkiso.sh"), kernel, iso, "norandmaps panic=-1",
                        "", cpio], check=True)
        subprocess.run([os.path.join(ROOT, "tools/run-qemu.sh"), iso, "128M", "-serial",
                        f"file:{log}", "-display", "none", "-no-reboot"], timeout=300,
                       check=False)
        return pf.main(["proc-format.py", REFERENCE, log])


if __name__ == "__main__":
    sys.exit(main())
