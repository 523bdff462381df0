"""QEMU tests of slab sizing and watermark parameters a student may push
past what the machine can give (issue 12): slub_min_order=10 and 11,
slub_max_order= and slub_min_objects= past their limits, min_free_kbytes=
above RAM. Each boot reaches the shell or a passing ktest=all, and every
value the kernel does not take as given is said, with what it used instead.
Loaded by qemu_boot_test.py."""
import re

from qemu_boot_test import Test

SHELL_INPUT = "\n\n\nslabinfo\nmeminfo\npoweroff\n"
WMARK_INPUT = "\n\n\nzoneinfo\nmeminfo\npoweroff\n"


def shell(name, mem, cmdline, expect, verify=None, serial_input=SHELL_INPUT):
    return Test(f"mmfix_{name}", mem, cmdline, exit_code=0, timeout=60,
                serial_input=serial_input, expect=expect + ["reboot: Power down"], verify=verify)


SLABINFO = re.compile(r"^(?:\[ *\d+\.\d+\] )?(\S+) +\d+ +\d+ +(\d+) +(\d+) +(\d+) : tunables")


def clamped(value, lowmem_kb_range, zoneinfo=True):
    """verify: one "min_free_kbytes=VALUE is more than half of lowmem (N kB);
    using N/2" line, N within the range (what the zones manage moves a few
    kB with the kernel's reservations), and (zoneinfo typed) the DMA and
    Normal min watermarks adding up to N/2 (a page per zone of rounding)."""
    pattern = re.compile(rf"min_free_kbytes={value} is more than half of lowmem "
                         r"\((\d+) kB\); using (\d+)$")

    def check(lines):
        said = [pattern.search(l) for l in lines]
        said = [m for m in said if m]
        if len(said) != 1:
            return [f"{len(said)} lines say min_free_kbytes={value} was clamped, not 1"]
        lowmem, using = int(said[0].group(1)), int(said[0].group(2))
        errors = []
        if not lowmem_kb_range[0] <= lowmem <= lowmem_kb_range[1]:
            errors.append(f"lowmem {lowmem} kB, expected {lowmem_kb_range}")
        if using != lowmem // 2:
            errors.append(f"using {using}, not half of {lowmem}")
        mins = [int(m.group(1)) for m in (re.search(r"^(?:\[ *\d+\.\d+\] )? +min +(\d+)$", l)
                                          for l in lines) if m]
        if zoneinfo and len(mins) < 2:
            errors.append("no zoneinfo min watermarks")
        elif zoneinfo and not using // 4 - 4 <= sum(mins[:2]) <= using // 4:
            errors.append(f"zoneinfo's min watermarks (DMA, Normal) {mins[:2]} pages do not "
                          f"add up to {using} kB")
        return errors
    return check


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
        for name, (objs, _) in seen.items():
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
    # large ones get order 10; 16M of RAM holds few 4 MiB blocks, so new
    # slabs fall back to the smallest order and ktest=all still passes.
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
    # min_free_kbytes= above half of lowmem is clamped to half (lowmem: the
    # DMA and Normal zones' managed pages when the watermarks are set)
    shell("min_free_kbytes_262144", "128M", "min_free_kbytes=262144",
          ["min_free_kbytes=262144 is more than half of lowmem (", "MemTotal:"],
          clamped(262144, (126000, 130552)), WMARK_INPUT),
    Test("mmfix_min_free_kbytes_1000000_ktest_16M", "16M", "min_free_kbytes=1000000 ktest=all",
         timeout=120, expect=["min_free_kbytes=1000000 is more than half of lowmem (", "ktest: "],
         verify=clamped(1000000, (13000, 15360), zoneinfo=False)),
    # the smallest machine that boots: half of its 956 kB of lowmem
    shell("min_free_kbytes_1000000_mem_2560K", "128M", "mem=2560K min_free_kbytes=1000000",
          ["min_free_kbytes=1000000 is more than half of lowmem (", "MemTotal:"],
          clamped(1000000, (400, 1500)), WMARK_INPUT),
    # HighMem does not count (the watermark protects lowmem): vmalloc=768M
    # leaves 239M of the 1G as lowmem, so 256M is too much although RAM is 1G
    shell("min_free_kbytes_262144_highmem", "1G", "vmalloc=768M min_free_kbytes=262144",
          ["min_free_kbytes=262144 is more than half of lowmem (", "MemTotal:"],
          clamped(262144, (230000, 244736)), WMARK_INPUT),
]
