"""QEMU tests of slub_debug= under every flag set a student is likely to
type (issue 13): `ktest=all` passes under each, the always-on checks (a
double free, a bad pointer, the wrong cache) hold on the debug path as on
the fast path, and the shell's odd kmalloc sizes under
slub_debug=ZU,kmalloc-32 (the free pointer once sat in the 0xcc slack and
the second `kmalloc 18` crashed) survive with no report.
Loaded by qemu_boot_test.py."""
import re

from qemu_boot_test import Test
from qemu_tests_ktest import ktest_all

FLAG_SETS = ("Z", "ZU", "FZ", "FZU", "U", "FU", "P", "ZP", "FZPU")

TESTS = [ktest_all(f"slub_debug_{flags}", "128M", f"slub_debug={flags}",
                   runs=["slub.bad_frees_are_reported", "slub.kmalloc_redzone_access"])
         for flags in FLAG_SETS]

ODD_SIZES = (18, 50, 70, 100)
# Each size twice, so the second allocation pops the free list the first left.
SHELL_INPUT = "\n\n\n" + "".join(f"kmalloc {n}\nkmalloc {n}\n" for n in ODD_SIZES) + \
    "release\nkmalloc 18\nkmalloc 18\nslabinfo\npoweroff\n"


def no_slub_report(lines):
    """verify: no report or oops, and every kmalloc answered with its own
    object (before `release`: all different; after it, the two)."""
    bad = [l for l in lines if l.startswith(("BUG kmalloc", "FIX kmalloc", "BUG: ", "Oops"))]
    errors = [f"unexpected reports: {bad[:4]}"] if bad else []
    got = [m.group(1) for m in (re.match(r"kmalloc\(\d+\) = ([0-9a-f]{8}) ", l) for l in lines)
           if m]
    held = 2 * len(ODD_SIZES)
    if len(got) != held + 2:
        errors.append(f"{len(got)} kmalloc answers, expected {held + 2}")
    elif len(set(got[:held])) != held or got[held] == got[held + 1]:
        errors.append(f"an object handed out twice: {got}")
    return errors


TESTS += [Test("slub_debug_ZU_kmalloc_32_shell", "128M", "slub_debug=ZU,kmalloc-32", exit_code=0,
               timeout=60, serial_input=SHELL_INPUT,
               expect=["kmalloc(18) = ", "kmalloc(100) = ", "kmalloc-32",
                       "reboot: Power down"],
               verify=no_slub_report)]
