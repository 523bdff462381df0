"""QEMU tests of slab sizing and watermark parameters a student may push
past what the machine can give (issue 12): slub_min_order=10 and 11,
slub_max_order= and slub_min_objects= past their limits, min_free_kbytes=
above RAM. Each boot reaches the shell or a passing ktest=all, and every
value the kernel does not take as given is said, with what it used instead.
Loaded by qemu_boot_test.py."""
import re

from qemu_boot_test import Test

SHELL_INPUT = "\n\n\nslabinfo\nmeminfo\npoweroff\n"


def shell(name, mem, cmdline, expect, verify=None):
    return Test(f"mmfix_{name}", mem, cmdline, exit_code=0, timeout=60,
                serial_input=SHELL_INPUT, expect=expect + ["reboot: Power down"], verify=verify)


SLABINFO = re.compile(r"^(?:\[ *\d+\.\d+\] )?(\S+) +\d+ +\d+ +(\d+) +(\d+) +(\d+) : tunables")


def slab_geometry(want):
    """verify: slabinfo's <objperslab> <pagesperslab> for the caches named in
    want, and for every cache at least 1 and at most 32767 objects (the
    most struct page can count)."""
    def check(lines):
        seen, errors = {}, []
        for l in lines:
            m = SLABINFO.search(l)
            if m:
                seen[m.group(1)] = (int(m.group(3)), int(m.group(4)))
        for name, (objs, pages) in seen.items():
            if not 1 <= objs <= 32767:
                errors.append(f"{name}: {objs} objects per slab")
        for name, geometry in want.items():
            if seen.get(name) != geometry:
                errors.append(f"{name}: (objperslab, pagesperslab) {seen.get(name)}, "
                              f"expected {geometry}")
        return errors
    return check


TESTS = [
    # 4 MiB slabs: small objects stop at 32767 per slab (kmalloc-8: order 5),
    # large ones get order 10; 16M of RAM holds few such slabs, so slabs
    # fall back to the smallest order and ktest=all still passes.
    Test("mmfix_slub_min_order_10_ktest_16M", "16M", "slub_min_order=10 ktest=all",
         timeout=120, expect=["SLUB: HWalign=32, Order=10-10, MinObjects=0, CPUs=1, Nodes=1",
                              "ktest: "]),
    shell("slub_min_order_10_slabinfo", "128M", "slub_min_order=10",
          ["SLUB: HWalign=32, Order=10-10, MinObjects=0, CPUs=1, Nodes=1",
           "slabinfo - version: 2.1", "MemTotal:"],
          slab_geometry({"kmalloc-8": (16384, 32), "kmalloc-16": (16384, 64),
                         "kmalloc-128": (16384, 512), "kmalloc-192": (21845, 1024),
                         "kmalloc-4k": (1024, 1024), "kmalloc-8k": (512, 1024)})),
    # slub_debug validates every object of slabs up to 32767 objects
    Test("mmfix_slub_min_order_10_slub_debug", "128M", "slub_min_order=10 slub_debug ktest=slub",
         timeout=120, expect=["SLUB: HWalign=32, Order=10-10", "ktest: "]),
    shell("slub_min_order_11", "128M", "slub_min_order=11",
          ["slub_min_order=11 is more than the largest order (10); using 10",
           "SLUB: HWalign=32, Order=10-10, MinObjects=0", "MemTotal:"]),
    shell("slub_max_order_99", "128M", "slub_max_order=99",
          ["slub_max_order=99 is more than the largest order (10); using 10",
           "SLUB: HWalign=32, Order=0-10, MinObjects=0", "MemTotal:"]),
    shell("slub_min_objects_40000", "128M", "slub_min_objects=40000 slub_max_order=10",
          ["slub_min_objects=40000 is more than a slab can hold (32767); using 32767",
           "SLUB: HWalign=32, Order=0-10, MinObjects=32767", "MemTotal:"]),
]
