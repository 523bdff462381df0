"""QEMU tests of debug_pagealloc=on and page_owner=on (issue 13), as Linux
6.1 has them: a planted use-after-free of a page faults at the access, with
the oops, the hint and `page <pfn>`'s state; the page_owner records in
dump_page's and /sys/kernel/debug/page_owner's formats; bad values are
Linux's "Malformed early option"; and ktest=all passes with each option on.
Loaded by qemu_boot_test.py."""
import re

from qemu_boot_test import Test, LAST_PFN
from qemu_tests_ktest import ran as ran_one

NO_FAILURES = "ktest: "  # the summary line; the exit code says whether all passed
STACK_LINE = re.compile(r"^ \S+\+0x[0-9a-f]+/0x[0-9a-f]+$")
ALLOC_DUMP = re.compile(
    r"^page last allocated via order (\d+), migratetype (\w+), gfp_mask (0x[0-9a-f]+)\((\S+)\), "
    r"pid 0, tgid 0 \(swapper/0\), ts (\d+), free_ts (\d+)$")
VIEW_HEAD = re.compile(
    r"^Page allocated via order (\d+), mask (0x[0-9a-f]+)\((\S+)\), pid 0, tgid 0 "
    r"\(swapper/0\), ts (\d+) ns, free_ts (\d+) ns$")
VIEW_PFN = re.compile(r"^PFN (\d+) type (\w+) Block (\d+) type (\w+) Flags 0x[0-9a-f]+\(\S*\)$")


def ran(*names):
    """verify: each test ran and passed; a SKIP does not count."""
    checks = [ran_one(n) for n in names]
    return lambda lines: [e for c in checks for e in c(lines)]


def no_not_ok(lines):
    bad = [l for l in lines if l.startswith("not ok ")]
    return [f"failed ktests: {bad}"] if bad else []


def all_of(*checks):
    return lambda lines: [e for c in checks for e in c(lines)]


def stack_after(lines, i):
    """The stack lines right after line i."""
    out = []
    for l in lines[i + 1:]:
        if not STACK_LINE.match(l):
            break
        out.append(l.strip())
    return out


def uaf_report(lines):
    """verify: the oops is for the address the test wrote to, the pte names
    the freed frame, not present; `page` said freed and unmapped, with the
    free stack through the test; the hint names the same pfn."""
    text = "\n".join(lines)
    m = re.search(r"debug_pagealloc: freed pfn (0x[0-9a-f]+); writing to ([0-9a-f]{8})", text)
    if not m:
        return ["no 'freed pfn' line"]
    pfn, addr = int(m.group(1), 16), m.group(2)
    errors = []
    want = [f"BUG: unable to handle page fault for address: {addr}",
            "#PF: supervisor write access in kernel mode",
            "#PF: error_code(0x0002) - not-present page",
            f"hint: {addr} is in pfn {pfn:#x}, which is free, on the pcp list of zone "
            f"Normal: debug_pagealloc unmapped it when it was freed, so this is a "
            f"use-after-free of a page",
            f"debug_pagealloc: pfn {pfn:#x} is unmapped from the direct map ({addr}): free, on "
            f"the pcp list of zone Normal"]
    errors += [f"missing: {w!r}" for w in want if w not in lines]
    pte = re.search(r"\*pde = [0-9a-f]{8} \*pte = ([0-9a-f]{8})", text)
    if not pte or int(pte.group(1), 16) >> 12 != pfn or int(pte.group(1), 16) & 3:
        errors.append(f"the oops's pte does not name pfn {pfn:#x}, not present: {pte and pte.group(0)}")
    if "page_owner tracks the page as freed" not in lines:
        errors.append("`page` did not say page_owner tracks the page as freed")
    else:
        i = lines.index("page last free stack trace:") if "page last free stack trace:" in lines else -1
        stack = stack_after(lines, i) if i >= 0 else []
        if not any(s.startswith("ktest_debug_pagealloc_use_after_free+") for s in stack) or \
                not stack[0].startswith("free_pages_prepare+"):
            errors.append(f"free stack: {stack}")
    return errors


def shell_page_owner(lines):
    """verify: `page <pfn>` of the shell's order-2 block gives dump_page's
    page_owner lines (order 2, GFP_KERNEL, a stack through cmd_alloc) and
    debug_pagealloc's "mapped"; `page_owner 3` prints three records in the
    debugfs format (head, PFN line, a stack, a blank line) and the count."""
    errors = []
    pfn = next((int(m.group(1), 16) for m in (re.search(r"alloc: order 2 at pfn (0x[0-9a-f]+)", l)
                                               for l in lines) if m), None)
    if pfn is None:
        return ["no alloc line"]
    i = next((n for n, l in enumerate(lines) if ALLOC_DUMP.match(l)), None)
    if i is None:
        return ["no 'page last allocated via' line"]
    m = ALLOC_DUMP.match(lines[i])
    if m.group(1, 2, 3, 4, 6) != ("2", "Unmovable", "0xcc0", "GFP_KERNEL", "0"):
        errors.append(f"dump line: {lines[i]}")
    stack = stack_after(lines, i)
    if not stack or not stack[0].startswith("prep_new_page+") or \
            not any(s.startswith("cmd_alloc+") for s in stack):
        errors.append(f"allocation stack: {stack}")
    if lines[i - 1] != "page_owner tracks the page as allocated":
        errors.append(f"line before the dump: {lines[i - 1]!r}")
    mapped = [l for l in lines if l.startswith(f"debug_pagealloc: pfn {pfn:#x} is mapped at ")]
    if not mapped:
        errors.append("`page` did not say the page is mapped")
    heads = [n for n, l in enumerate(lines) if VIEW_HEAD.match(l)]
    if len(heads) != 3:
        errors.append(f"{len(heads)} page_owner records, not 3")
    for n in heads:
        pm = VIEW_PFN.match(lines[n + 1])
        stack = stack_after(lines, n + 1)
        if not pm or int(pm.group(3)) != int(pm.group(1)) >> 10 or not stack or \
                lines[n + 2 + len(stack)] != "":
            errors.append(f"record at line {n}: {lines[n:n + 3 + len(stack)]}")
    if not any(re.match(r"^page_owner: \d+ allocated blocks, 3 shown$", l) for l in lines):
        errors.append("no page_owner count line")
    return errors


def in_order_absent(*words):
    return lambda lines: [f"unexpected: {w!r}" for w in words if any(w in l for l in lines)]


SHELL = "\n\n\nalloc 2\npage " + LAST_PFN + "\npage_owner 3\npoweroff\n"

TESTS = [
    # The planted bug: a page freed, then written. debug_pagealloc turns it
    # into an oops at the write; page_owner says who freed it.
    Test("pagedbg_use_after_free_oops", "128M",
         "debug_pagealloc=on page_owner=on ktest=debug_pagealloc.use_after_free", exit_code=0,
         timeout=60,
         expect=["x86/mm: lowmem mapped at PAGE_OFFSET with 4kB pages",
                 "allocated ", "debug_pagealloc: freed pfn", "page dumped because: shell",
                 "page_owner tracks the page as freed", "page last free stack trace:",
                 "is unmapped from the direct map", "BUG: unable to handle page fault for address:",
                 "hint: ", "Oops: 0002 [#1]", "EIP: ktest_debug_pagealloc_use_after_free+",
                 "---[ end trace 0000000000000000 ]---",
                 "Kernel panic - not syncing: Fatal exception", "reboot: Restarting system"],
         verify=uaf_report),
    # Without it the same write goes unnoticed: the test passes, no oops.
    Test("pagedbg_use_after_free_unnoticed_when_off", "128M",
         "ktest=debug_pagealloc.use_after_free", timeout=60,
         expect=["x86/mm: lowmem mapped at PAGE_OFFSET with 4MB pages",
                 "ok 1 debug_pagealloc.use_after_free", "ktest: 1 passed, 0 failed"],
         verify=in_order_absent("BUG: unable to handle", "hint: ")),
    Test("pagedbg_shell_page_owner", "128M", "debug_pagealloc=on page_owner=on", exit_code=0,
         timeout=90, serial_input=SHELL,
         expect=["allocated ", "Node 0, zone   Normal: page owner found early allocated",
                 "alloc: order 2 at pfn", "page_owner tracks the page as allocated",
                 "page_owner free stack trace missing", "reboot: Power down"],
         verify=shell_page_owner),
    # Bad values: Linux's message, the option stays off, the boot goes on.
    Test("pagedbg_bad_values", "64M", "debug_pagealloc=maybe page_owner=2 page_owner", exit_code=0,
         timeout=60, serial_input="\n\n\npage_owner\npoweroff\n",
         expect=["Malformed early option 'debug_pagealloc'", "Malformed early option 'page_owner'",
                 "Malformed early option 'page_owner'",
                 "x86/mm: lowmem mapped at PAGE_OFFSET with 4MB pages",
                 "page_owner: not enabled; boot with page_owner=on", "reboot: Power down"],
         verify=in_order_absent("bytes of page_ext")),
    # ktest=all with each option, and with both and page_poison=1 (poison
    # written before the unmap, checked after the map: never a fault).
    Test("pagedbg_ktest_all_debug_pagealloc", "128M", "debug_pagealloc=on ktest=all",
         timeout=300, expect=["x86/mm: lowmem mapped at PAGE_OFFSET with 4kB pages", NO_FAILURES],
         verify=all_of(no_not_ok, ran("debug_pagealloc.direct_map_has_no_large_pages",
                                      "debug_pagealloc.freed_page_is_unmapped_and_mapped_again",
                                      "debug_pagealloc.blocks_and_zeroing",
                                      "debug_pagealloc.every_free_page_is_unmapped",
                                      "debug_pagealloc.large_kmalloc_freed_is_unmapped",
                                      "mm.direct_map_translates", "mm.pse_and_global_pages"))),
    Test("pagedbg_ktest_all_page_owner", "128M", "page_owner=on ktest=all", timeout=300,
         expect=["allocated ", "Stack Depot allocating hash table with memblock_alloc",
                 "page owner found early allocated", NO_FAILURES],
         verify=all_of(no_not_ok, ran("page_owner.records_allocation_and_free",
                                      "page_owner.one_site_one_handle",
                                      "page_owner.split_page_makes_order_0",
                                      "page_owner.walk_shows_allocated_heads_only",
                                      "page_owner.dump_and_view"))),
    Test("pagedbg_ktest_all_both_and_poison", "128M",
         "debug_pagealloc=on page_owner=on page_poison=1 ktest=all", timeout=300,
         expect=[NO_FAILURES],
         verify=all_of(no_not_ok, in_order_absent("pagealloc: memory corruption",
                                                  "pagealloc: single bit error"),
                       ran("debug_pagealloc.every_free_page_is_unmapped",
                           "page_owner.dump_and_view"))),
    # 1G: highmem pages are not in the direct map and are left alone; lowmem
    # (887M) is all 4 KiB pages, page_ext covers every pfn.
    Test("pagedbg_ktest_all_both_1G", "1G", "debug_pagealloc=on page_owner=on ktest=all",
         timeout=600, expect=["x86/mm: lowmem mapped at PAGE_OFFSET with 4kB pages", NO_FAILURES],
         verify=all_of(no_not_ok, ran("debug_pagealloc.every_free_page_is_unmapped",
                                      "page_owner.records_allocation_and_free"))),
    # The off boot: the new tests skip or check the off state.
    Test("pagedbg_ktest_all_off", "128M", "ktest=all", timeout=300, expect=[NO_FAILURES],
         verify=all_of(no_not_ok, ran("debug_pagealloc.off_leaves_freed_pages_mapped"))),
]
