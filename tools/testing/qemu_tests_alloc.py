"""QEMU tests of the allocators' answers to absurd requests (issue 12): sizes
past every kmalloc limit get NULL and one WARNING for the boot, as Linux 6.1
(__alloc_pages's WARN_ON_ONCE_GFP), never a hang; the kmem trace's
bytes_alloc is the slot slabinfo shows; dump_page's flags read as Linux's
%pGp; and stress after a history of created and destroyed caches finds
every page back. Loaded by qemu_boot_test.py."""
import re

from qemu_boot_test import Test

KMALLOC_LIMITS = [
    # (typed, bytes, ksize or None for NULL): both sides of KMALLOC_MAX_CACHE_SIZE
    # (8k) and KMALLOC_MAX_SIZE (4M), 2^31, 3G and 2^32 - 1, where PAGE_SIZE <<
    # order wraps to 0 on i386.
    ("3G", 3 << 30, None), ("3G", 3 << 30, None), ("4194305", 4194305, None),
    ("2147483648", 1 << 31, None), ("4294967295", (1 << 32) - 1, None),
    ("8192", 8192, 8192), ("8193", 8193, 16384), ("4194304", 4194304, 4194304),
]


def kmalloc_checks(lines):
    errors = []
    warnings = [n for n, l in enumerate(lines) if re.search(r"WARNING: CPU: \d+ PID: \d+ at ", l)]
    first = next((n for n, l in enumerate(lines) if "> kmalloc 3G" in l), None)
    if len(warnings) != 1:
        errors.append(f"{len(warnings)} WARNINGs for the oversized kmallocs; Linux warns once")
    elif first is None or warnings[0] < first or "__alloc_pages" not in lines[warnings[0]]:
        errors.append(f"the WARNING is not __alloc_pages's after 'kmalloc 3G': "
                      f"{lines[warnings[0]]}")
    return errors


def trace_checks(lines):
    """Each kmem_cache_alloc/kmalloc event's bytes_alloc is its cache's
    <objsize> in slabinfo (Linux: s->size for both)."""
    objsize = {}
    for l in lines:
        m = re.search(r"^(?:\[ *\d+\.\d+\] )?(\S+) +\d+ +\d+ +(\d+) +\d+ +\d+ : tunables", l)
        if m:
            objsize[m.group(1)] = int(m.group(2))
    errors, seen = [], 0
    for l in lines:
        m = re.search(r"(kmem_cache_alloc|kmalloc): .* bytes_alloc=(\d+) .*name=(\S+)", l)
        if not m:
            continue
        seen += 1
        if objsize.get(m.group(3)) != int(m.group(2)):
            errors.append(f"bytes_alloc {m.group(2)} but slabinfo says {m.group(3)} is "
                          f"{objsize.get(m.group(3))}: {l}")
    if seen < 3:
        errors.append(f"only {seen} slab events in the trace")
    return errors


TESTS = [
    Test("alloc_kmalloc_limits", "128M", "", exit_code=0, timeout=60,
         serial_input="\n\n\n\n" + "".join(f"kmalloc {t}\n" for t, _, _ in KMALLOC_LIMITS)
                      + "vmalloc 3G\nvmalloc 4294963200\nrelease\npoweroff\n",
         expect=[x for t, b, ks in KMALLOC_LIMITS for x in
                 ([f"> kmalloc {t}", f"kmalloc({b}) = NULL"] if ks is None else
                  [f"> kmalloc {t}", f"(ksize {ks})"])]
                + ["vmalloc error: size 3221225472, exceeds total pages, mode:0xcc2",
                   "vmalloc(3221225472) = NULL",
                   "vmalloc error: size 4294963200, exceeds total pages",
                   "release: 0 page blocks, 3 kmalloc", "Power down"],
         verify=kmalloc_checks),
    # The sequence: two caches made and given back, then stress.
    Test("alloc_stress_after_cache_history", "128M", "", exit_code=0, timeout=120,
         serial_input="\n\n\n\ncache create a 100\ncache create b 2000\nrelease\n"
                      "stress 20000\ncache create a 100\ncache alloc a\ncache create b 2000\n"
                      "release\nstress 5000 7\n"
                      "trace on\ncache create t 40\ncache alloc t\nkmalloc 100\nkmalloc 40\n"
                      "trace off\ntrace show\nslabinfo\npage 0xc0100000\nrelease\npoweroff\n",
         expect=["> cache create a 100", "> cache create b 2000", "release: ", "> stress 20000",
                 "stress: 0 invariant violations; every page is back",
                 "> stress 5000 7", "stress: 0 invariant violations; every page is back",
                 "trace: on", "trace: off", "events held",
                 "kmem_cache_alloc: call_site=", "slabinfo - version: 2.1",
                 "page: 0xc0100000 is pfn 0x100 (direct map)",
                 "flags: 0x1000(reserved|zone=0)", "Power down"],
         verify=trace_checks),
]
