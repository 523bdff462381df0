"""What the side-by-side tests share (proc_format_test.py, oom_report_test.py):
load a tools/linux-ref/ script as a module, and boot this kernel at 128M
under norandmaps with an initramfs whose /etc/tests user/init.c runs, the
way tools/linux-ref/run-user.sh booted Linux 6.1 for the stored reference."""
import importlib.util
import os
import subprocess
import sys

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "../.."))


def linux_ref_tool(filename):
    path = os.path.join(ROOT, "tools/linux-ref", filename)
    spec = importlib.util.spec_from_file_location(filename.split(".")[0].replace("-", "_"), path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def boot_tests(kernel, tmp, tests, mkcpio_args):
    """Boots kernel with user/init running the lines of tests; returns the serial log's path."""
    listing, cpio = os.path.join(tmp, "tests"), os.path.join(tmp, "tests.cpio")
    with open(listing, "w") as f:
        f.write("\n".join(tests) + "\n")
    subprocess.run([sys.executable, os.path.join(ROOT, "tools/mkcpio.py"), "-o", cpio,
                    "--init", os.path.join(ROOT, "build/user/init"), *mkcpio_args,
                    "--file", f"etc/tests={listing}:0644"], check=True)
    iso, log = os.path.join(tmp, "tests.iso"), os.path.join(tmp, "serial.log")
    subprocess.run([os.path.join(ROOT, "tools/mkiso.sh"), kernel, iso, "norandmaps panic=-1", "",
                    cpio], check=True)
    subprocess.run([os.path.join(ROOT, "tools/run-qemu.sh"), iso, "128M", "-serial",
                    f"file:{log}", "-display", "none", "-no-reboot"], timeout=300, check=False)
    return log
