#!/usr/bin/env python3
"""QEMU boot tests: boot the kernel the way `make run` does and check what it
prints on COM1 and how QEMU exits.

Each test builds an ISO with tools/mkiso.sh (CMDLINE, GRUB_EXTRA), boots it
with tools/run-qemu.sh (MEM, QEMU_EXTRA), and checks:
  - QEMU's exit code: 33 = ktest passed (isa-debug-exit 0x10), 35 = a ktest
    failed, 0 = the kernel rebooted (panic=-1 under -no-reboot) or
    triple-faulted, which only the crash tests expect; 37 = GRUB could not
    boot the kernel (iso/grub.cfg.in);
  - the e820 lines, exactly, against the map QEMU's firmware reports (see
    firmware_e820 below, checked against Linux 6.1's own log at 128M);
  - other expected lines, in order.
On failure the whole serial log is printed.

  qemu_boot_test.py --list            names of all tests, one a line
  qemu_boot_test.py --kernel ELF NAME run one
"""
import argparse
import os
import re
import subprocess
import sys
import tempfile
import threading
import time

LAST_PFN = "{last_pfn}"  # in serial_input: the pfn the last "alloc" printed
SHELL_PROMPT = re.compile(rb"(^|\n)> ")  # puts_raw: shown whatever the loglevel
PAUSE = "{pause}"  # in serial_input: wait 3 seconds before typing on (a command is busy)

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
LINUX_LOG = os.path.join(ROOT, "docs", "reference", "linux-6.1-i386-qemu-128M.log")
K, M, G = 1 << 10, 1 << 20, 1 << 30
TS = re.compile(r"^\[ *\d+\.\d+\] ")


def size(s):
    return int(s[:-1]) * {"K": K, "M": M, "G": G}[s[-1]]


def e820_line(who, start, end, kind):
    return f"{who}: [mem {start:#018x}-{end:#018x}] {kind}"


def firmware_e820(mem, holes=(), low_kb=639, who="BIOS-e820"):
    """The map SeaBIOS gives on QEMU's pc machine: 639K of base memory, the
    BIOS ROM, RAM from 1M up to the top of low RAM minus 128K that SeaBIOS
    keeps, the flash below 4G, and whatever does not fit below 3G above 4G.
    holes: (start, end) ranges GRUB's cutmem removed from usable RAM."""
    below = mem if mem < 0xE0000000 else 0xC0000000
    lines = [e820_line(who, 0, low_kb * K - 1, "usable"),
             e820_line(who, low_kb * K, 0x9FFFF, "reserved"),
             e820_line(who, 0xF0000, 0xFFFFF, "reserved")]
    start = M
    for h0, h1 in sorted(holes):
        lines.append(e820_line(who, start, h0 - 1, "usable"))
        start = h1
    lines += [e820_line(who, start, below - 0x20001, "usable"),
              e820_line(who, below - 0x20000, below - 1, "reserved"),
              e820_line(who, 0xFFFC0000, 0xFFFFFFFF, "reserved")]
    if mem > below:
        lines.append(e820_line(who, 1 << 32, (1 << 32) + mem - below - 1, "usable"))
    return lines


class Test:
    def __init__(self, name, mem, cmdline, grub_extra="", exit_code=33, e820=None,
                 expect=(), timeout=120, qemu_extra=(), direct=False, pattern_module=0,
                 serial_input=None, verify=None, modules=(), halts=False, prompt=SHELL_PROMPT):
        self.prompt = prompt  # typing starts once this is seen (bytes regex)
        self.modules = list(modules)  # files GRUB loads (paths relative to the tree)
        self.halts = halts  # the kernel stops for ever: done once expect is seen and all is quiet
        self.serial_input = serial_input  # typed on COM1 (QEMU's stdin), None: nothing
        self.verify = verify  # more checks: lines -> list of errors
        self.name, self.mem, self.cmdline, self.grub_extra = name, mem, cmdline, grub_extra
        self.pattern_module = pattern_module  # bytes of a self-checking module, 0: none
        self.direct = direct  # QEMU starts the ELF itself: not a multiboot2 loader
        self.exit_code, self.e820, self.expect = exit_code, e820, list(expect)
        self.timeout, self.qemu_extra = timeout, list(qemu_extra)


MAXMEM_PFN = 0x377FE  # (VMALLOC_END - PAGE_OFFSET - 128M) >> 12, asm/pgtable_32_areas.h


def memory_split(mem, highmem_pages=None):
    """The lines find_low_pfn_range()/initmem_init() print: RAM below 4G ends
    128K under the top of low RAM; lowmem stops at MAXMEM_PFN."""
    below = mem if mem < 0xE0000000 else 0xC0000000
    max_pfn = (below - 0x20000) >> 12
    low = min(max_pfn, MAXMEM_PFN)
    return [f"last_pfn = {max_pfn:#x} max_arch_pfn = 0x100000",
            f"{(max_pfn - low) >> 8}MB HIGHMEM available.",
            f"{low >> 8}MB LOWMEM available.",
            f"  mapped low ram: 0 - {low << 12:08x}",
            f"  low ram: 0 - {low << 12:08x}"]


def zone_lines(mem):
    """What free_area_init and mem_init print on QEMU's pc machine: the
    zones split at 16M and max_low_pfn, two memblock ranges (page 0 and the
    ISA hole left out), the two holes below 1M, and the "Memory:" total."""
    below = mem if mem < 0xE0000000 else 0xC0000000
    max_pfn = (below - 0x20000) >> 12
    low = min(max_pfn, MAXMEM_PFN)

    def rng(name, start, end):
        if start >= end:
            return f"  {name:<8} empty"
        return f"  {name:<8} [mem {start << 12:#018x}-{(end << 12) - 1:#018x}]"
    present = (0x9F - 1) + (max_pfn - 0x100)
    return ["Zone ranges:", rng("DMA", 1, min(0x1000, low)), rng("Normal", min(0x1000, low), low),
            rng("HighMem", low, max_pfn), "Movable zone start for each node", "Early memory node ranges",
            "  node   0: [mem 0x0000000000001000-0x000000000009efff]",
            f"  node   0: [mem 0x0000000000100000-{(max_pfn << 12) - 1:#018x}]",
            f"Initmem setup node 0 [mem 0x0000000000001000-{(max_pfn << 12) - 1:#018x}]",
            "On node 0, zone DMA: 1 pages in unavailable ranges",
            "On node 0, zone DMA: 97 pages in unavailable ranges",
            # grouping is off below pageblock_nr_pages * MIGRATE_TYPES pages, as in Linux
            f"Built 1 zonelists, mobility grouping {'on' if present > 1024 * 5 else 'off'}.  Total pages: ",
            f"/{present * 4}K available ("]


def boot_test(mem, **kw):
    return Test(f"boot_{mem}", mem, "ktest=all", e820=firmware_e820(size(mem)),
                expect=memory_split(size(mem)) + zone_lines(size(mem))[:-1] + [
                    "Kernel command line: ktest=all", zone_lines(size(mem))[-1],
                    "SLUB: HWalign=32, Order=0-3, MinObjects=0, CPUs=1, Nodes=1",
                    "virtual kernel memory layout:", "    pkmap   : 0xff800000 - 0xffc00000   (4096 kB)",
                    "page allocation failure: order:0, mode:0x100cc2(GFP_HIGHUSER), nodemask=(null)",
                    "Mem-Info:", " pages RAM", "ktest: "], **kw)


def oops_test(name, expect, after_modules=()):
    return Test(f"oops_{name}", "128M", f"ktest=crash.{name}", exit_code=0,
                expect=expect + ["Modules linked in:"] + list(after_modules) +
                ["---[ end trace 0000000000000000 ]---",
                                 "Kernel panic - not syncing: Fatal exception",
                                 "reboot: Restarting system"])


USER_MAP = [
    e820_line("user", 0, 0x9FBFF, "usable"),
    e820_line("user", 0x9FC00, 0x9FFFF, "reserved"),
    e820_line("user", 0xF0000, 0xFFFFF, "reserved"),
    e820_line("user", 0x100000, 0x1FFFFFF, "usable"),
    e820_line("user", 0x2000000, 0x23FFFFF, "reserved"),
    e820_line("user", 0x2400000, 0x2FFFFFF, "usable"),
    e820_line("user", 0x3000000, 0x300FFFF, "ACPI data"),
    e820_line("user", 0x3010000, 0x77FFFFF, "usable"),
    e820_line("user", 0x7FE0000, 0x7FFFFFF, "reserved"),
    e820_line("user", 0xFFFC0000, 0xFFFFFFFF, "reserved"),
]

TESTS = [boot_test(m) for m in ("16M", "128M", "1G", "3G", "4G", "8G")] + [
    Test("cutmem_hole", "1G", "ktest=all", grub_extra="cutmem 64M 96M",
         e820=firmware_e820(size("1G"), holes=[(64 * M, 96 * M)], low_kb=638)),
    Test("memmap_user_map", "128M",
         "ktest=all memmap=4M$0x2000000 memmap=64K#0x3000000 mem=120M",
         e820=firmware_e820(size("128M")),
         expect=["e820: remove [mem 0x07800000-0xfffffffffffffffe] usable",
                 "user-defined physical RAM map:"] + USER_MAP),
    Test("memmap_exactmap", "128M", "ktest=all memmap=exactmap memmap=640K@0 memmap=31M@1M",
         e820=firmware_e820(size("128M")),
         expect=["user-defined physical RAM map:",
                 e820_line("user", 0, 0x9FFFF, "usable"),
                 e820_line("user", 0x100000, 0x1FFFFFF, "usable"),
                 "e820.kernel_edits # SKIP mem=/memmap= changed the map",
                 "ktest: "]),
    Test("cmdline_params", "128M", 'ktest=boot,serial loglevel=8 foo=bar "quoted=a b" -- init-arg',
         expect=['Kernel command line: ktest=boot,serial loglevel=8 foo=bar "quoted=a b" panic=-1 -- init-arg',
                 'Unknown kernel command line parameters "foo=bar quoted=a b", will be passed to user space.',
                 "ktest: "]),
    Test("ktest_unknown_name", "16M", "ktest=no_such_suite", exit_code=35,
         expect=['ktest: no test matches "no_such_suite"', "ktest: 0 passed, 0 failed"]),
    oops_test("null_deref", [
        "BUG: kernel NULL pointer dereference, address: 00000000",
        "#PF: supervisor read access in kernel mode",
        "#PF: error_code(0x0000) - not-present page",
        "*pde = 00000000",
        "hint: page 0 is never mapped: a NULL pointer, or a small offset from one",
        "Oops: 0000 [#1]",
        "CPU: 0 PID: 0 Comm: swapper Not tainted",
        "EIP: ktest_crash_null_deref+0x0/0x",
        "Code: ", "EAX: ", "ESI: ", "DS: 007b ES: 007b", "CR0: ", "Stack:",
        "Call Trace:", "ktest_run_requested+0x", "start_kernel+0x"],
        after_modules=["CR2: 0000000000000000"]),
    oops_test("divide_error", ["divide error: 0000 [#1]", "EIP: ktest_crash_divide_error+0x",
                               "Call Trace:", "ktest_run_requested+0x"]),
    oops_test("invalid_opcode", ["invalid opcode: 0000 [#1]",
                                 "EIP: ktest_crash_invalid_opcode+0x0/0x", "<0f> 0b",
                                 "Call Trace:", "ktest_run_requested+0x"]),
    oops_test("bug", ["kernel BUG at arch/x86/tests/crash_ktest.cpp:", "invalid opcode: 0000 [#1]",
                      "Call Trace:", "ktest_crash_bug+0x"]),
    oops_test("stack_overflow", ["BUG: stack guard page was hit at ",
                                 "stack guard page: 0000 [#1]", "EIP: recurse_forever+0x",
                                 "Call Trace:", "recurse_forever+0x"]),
    oops_test("write_text", [
        "BUG: unable to handle page fault for address: c01",
        "#PF: supervisor write access in kernel mode",
        "#PF: error_code(0x0003) - permissions violation",
        "*pde = ", "hint: kernel text and rodata are mapped read-only",
        "Oops: 0003 [#1]", "EIP: ktest_crash_write_text+0x"]),
    oops_test("write_rodata", [
        "BUG: unable to handle page fault for address: c01",
        "#PF: error_code(0x0003) - permissions violation", "EIP: ktest_crash_write_rodata+0x"]),
    oops_test("vmalloc_guard", [
        "BUG: unable to handle page fault for address: c87e3000",
        "#PF: supervisor write access in kernel mode",
        "#PF: error_code(0x0002) - not-present page",
        "hint: c87e3000 is the guard page after the vmalloc area c87e0000-c87e3000 (12288 bytes, from ktest_crash_vmalloc_guard+0x",
        "Oops: 0002 [#1]", "EIP: ktest_crash_vmalloc_guard+0x"]),
    # The kernel page tables with 4 KiB pages only; the mm ktests check them.
    Test("nopse", "128M", "ktest=all nopse",
         expect=["x86/mm: lowmem mapped at PAGE_OFFSET with 4kB pages", "ktest: "]),
    # vmalloc=256M leaves 256M+8M of the 1G window to vmalloc: lowmem shrinks.
    Test("vmalloc_param", "1G", "ktest=all vmalloc=256M",
         expect=["271MB HIGHMEM available.", "751MB LOWMEM available.",
                 "    vmalloc : 0xef7fe000 - 0xff7fe000   ( 256 MB)", "ktest: "]),
    # highmem=64M on a machine whose RAM would all fit in lowmem.
    Test("highmem_param", "256M", "ktest=all highmem=64M",
         expect=["64MB HIGHMEM available.", "191MB LOWMEM available.", "ktest: "]),
    # Freed pages are filled with 0xaa and checked when handed out again.
    Test("page_poison", "128M", "ktest=page_alloc,memblock page_poison=1",
         expect=["page_alloc.exhaust_and_restore", "ktest: "]),
    # Every cache debugged: each planted corruption is reported in Linux's
    # words and repaired, and the whole ktest suite still passes. (Earlier
    # ktests have tainted the kernel: B for bad pages, W for a WARN.)
    Test("slub_debug", "128M", "ktest=all slub_debug=FZPU",
         expect=["SLUB: HWalign=32, Order=0-3, MinObjects=0, CPUs=1, Nodes=1",
                 "slub.slabinfo_around_a_workload",
                 "SLUB: Unable to allocate memory on node -1, gfp=0xcc0(GFP_KERNEL)",
                 "BUG kmalloc-64 (Tainted: G    B   W         ): Invalid object pointer 0x",
                 "BUG kmalloc-64 (Tainted: G    B   W         ): Object already free",
                 "BUG kmalloc-64 (Tainted: G    B   W         ): Right Redzone overwritten",
                 "FIX kmalloc-64: Restoring Right Redzone 0x",
                 "BUG kmalloc-64 (Tainted: G    B   W         ): Left Redzone overwritten",
                 "BUG kmalloc-64 (Tainted: G    B   W         ): kmalloc Redzone overwritten",
                 "BUG kmalloc-64 (Tainted: G    B   W         ): Poison overwritten",
                 "First byte 0x6a instead of 0x6b", "FIX kmalloc-64: Restoring Poison 0x",
                 "slub.debug_detections", "ktest: "]),
    # No ktest=: the shell. Typed input, line editing and every command once,
    # bad input refused, then poweroff (QEMU exits 0). Bytes that arrive
    # before the kernel resets the UART can be lost: empty lines first.
    Test("shell", "128M", "", exit_code=0, timeout=60,
         serial_input="\n\n\n\nhelp\nmeminfo\nbuddyinfo\npagetypeinfo\nzoneinfo\nslabinfo\n"
                      "vmallocinfo\ne820\nmemblock\nlayout\npgwalk 0xc0100000\n"
                      "alloc 3\nfree 0x12345\nalloc 11\npgwalk nope\nbogus\n"
                      "memx\x7finfo\nhelp me\x15meminfo\n\x03"
                      "kmalloc 100\nkfree 0xc0000000\nvmalloc 12K\nvfree 0x1234\n"
                      "fault 0\nfault 0xc0101000\nfault 0xc0101000 w\nfault 0xc0101000 x\n"
                      "page 0x100\nvmstat\nktest all\nmeminfo\npoweroff\n",
         expect=["mmlab shell: 'help' lists the commands", "> help",
                 "  poweroff " + " " * 22 + "switch QEMU off", "> meminfo", "MemTotal:",
                 "VmallocTotal:     901240 kB", "> buddyinfo", "Node 0, zone   Normal",
                 "Free pages count per migrate type at order", "pages free",
                 "slabinfo - version: 2.1", "> vmallocinfo", "e820: [mem 0x",
                 "MEMBLOCK configuration:", "virtual kernel memory layout:",
                 "c0100000 -> phys 0x00100000", "alloc: order 3 at pfn 0x",
                 "free: 0x12345 was not handed out by 'alloc'; refused",
                 "alloc: order 11 is out of range: 0 to 10", "usage: pgwalk <vaddr>",
                 "bogus: unknown command; 'help' lists them",
                 "MemTotal:",  # "memx<BS>info": backspace edited the line
                 "MemTotal:",  # "help me" killed by Ctrl-U, then meminfo
                 "^C", "kmalloc(100) = ",
                 "kfree: 0xc0000000 was not handed out by 'kmalloc'; refused",
                 "vmalloc(12288) = ", "pages=3 vmalloc",
                 "vfree: 0x1234 was not handed out by 'vmalloc'; refused",
                 "fault 0x0 r: -EFAULT: the page fault at ",
                 "#PF: supervisor read access in kernel mode",
                 "#PF: error_code(0x0000) - not-present page",
                 "hint: page 0 is never mapped", "and the tables say:",
                 "fault 0xc0101000 r: no fault",
                 "fault 0xc0101000 w: -EFAULT", "#PF: supervisor write access in kernel mode",
                 "#PF: error_code(0x0003) - permissions violation",
                 "hint: kernel text and rodata are mapped read-only", "pte: ", "usage: fault <addr> [r|w]", "page:", "pgalloc_normal ",
                 # every suite from the shell; the UART test steps aside, and the
                 # shell still reads what is typed after
                 "serial.loopback_receive # SKIP the shell is reading COM1",
                 "passed, 0 failed, ", "> meminfo", "MemTotal:", "Power down"]),
    # The shell's reboot resets the machine (QEMU, told -no-reboot, exits 0).
    Test("shell_reboot", "16M", "", exit_code=0, timeout=60, serial_input="\n\n\n\nreboot\n",
         expect=["> reboot", "reboot: Restarting system"]),
    # The workbench commands at 1G (so HighMem exists): gfp flags by name,
    # caches, kmap, physmap, tracing, stress, frag, ktest, release; bad input
    # refused; buddyinfo back to where it was after alloc 3 and free.
    Test("shell_workbench", "1G", "", exit_code=0, timeout=240,
         serial_input="\n\n\n\nalloc 3\nfree " + LAST_PFN + "\n"
                      "alloc 2 GFP_HIGHUSER|__GFP_MOVABLE\nalloc 0 GFP_DMA __GFP_ZERO\n"
                      "alloc 1 GFP_BOGUS\n"
                      "cache create demo 100\ncache alloc demo\ncache alloc nosuch\n"
                      "cache free 0x10\ncache destroy demo\ncache frob\n"
                      "kmap 0x38000\nkmap 0x38000\nkmap 0x100\nkunmap 0x38001\nkmap 0x7fffffff\n"
                      "page 0xc0100000\npage 0xfffff000\nphysmap\nphysmap 0\n"
                      "trace on\nkmalloc 30\ntrace off\ntrace show\ntrace clear\ntrace\n"
                      "release\nslabinfo\nstress 20000\nstress x\nfrag\nktest vmalloc\nbench\n"
                      "ktest crash\npoweroff\n",
         expect=["> alloc 3", "alloc: order 3 at pfn 0x", "free: order 3 at pfn 0x",
                 "zone HighMem, gfp GFP_HIGHUSER_MOVABLE",
                 "zone DMA, gfp GFP_DMA|__GFP_ZERO",
                 "alloc: unknown gfp flag 'GFP_BOGUS'",
                 "cache create: demo: objects of 100 bytes take",
                 "demo                   0      0", "cache alloc: demo: c",
                 "demo                   1     ", "cache alloc: no cache 'nosuch' made by 'cache create'",
                 "cache free: 0x10 was not handed out by 'cache alloc'; refused",
                 "cache destroy: demo still has objects", "usage: cache create <name> <size>",
                 "kmap: pfn 0x38000 is HighMem: pkmap slot ", "pte: 38000163",
                 "kmap: pfn 0x38000 is HighMem: pkmap slot ",
                 "kmap: pfn 0x100 is lowmem (zone DMA): kmap returns its direct-map address c0100000",
                 "kunmap: 0x38001 was not handed out by 'kmap'; refused",
                 "kmap: pfn 0x7fffffff is not RAM",
                 "page: 0xc0100000 is pfn 0x100 (direct map)", "flags: 0x1000(reserved|zone=0)",
                 "page: 0xfffff000 is not mapped",
                 "physmap: 256 pages (1024K) per cell, 64 cells a row",
                 "physmap: 0x00000 DMA     |", "physmap: 0x01000 Normal  |", "physmap: 0x09000 Normal  |AAAAAAAAAAAAAAAA",
                 "HighMem |", "physmap: types: pageblock migratetype",
                 "physmap: pages per cell 0 is out of range: 16 to 262112",
                 "trace: on", "kmalloc(30) = ", "trace: off",
                 "events held (ring of 512)",
                 "bytes_req=30 bytes_alloc=32 gfp_flags=GFP_KERNEL name=kmalloc-32",
                 "trace: cleared", "usage: trace on|off|show|clear",
                 "release: 2 page blocks, 1 kmalloc, 0 vmalloc, 1 cache objects, 3 kmaps, 1 caches",
                 "slabinfo - version: 2.1",
                 "stress: 20000 operations: ", "stress: 0 invariant violations; every page is back",
                 "usage: stress <ops> [seed]",
                 "frag: round 1: grouping by mobility off",
                 "frag: grouping off: ",
                 "frag: round 2: grouping by mobility on", "frag: grouping on: ",
                 "every page and pageblock type is back as it was",
                 "KTAP version 1", "ok 1 vmalloc.", "ktest: ",
                 "bench: kmalloc_pair/16 ", "bench: phase memblock_free_all",
                 "bench: mem_map ", "bench: fragmentation, blocks of 1-8 pages, mobility grouping on",
                 "ktest: 5 passed, 0 failed", "ktest: no test matches \"crash\"",
                 "Power down"],
         verify=lambda lines: shell_workbench_checks(lines)),
    # GRUB loads a 300K module; scribbling over all free memory must miss it.
    Test("module_survives_scribble", "64M", "ktest=memblock,mm expect_module",
         pattern_module=300 * 1024, expect=["memblock.scribble_free_memory", "ktest: "]),
    # panic=0 (the default) halts with the end marker and QEMU keeps running;
    # the run ends at its timeout, which this test expects.
    Test("panic_halts_by_default", "16M", "ktest=crash.null_deref panic=0", exit_code=None,
         halts=True, timeout=15, expect=["Kernel panic - not syncing: Fatal exception",
                             "---[ end Kernel panic - not syncing: Fatal exception ]---"]),
    # Started by something other than a multiboot2 loader: one clear line, halt.
    Test("not_multiboot2", "16M", "", direct=True, exit_code=None, halts=True, timeout=10,
         expect=["mmlab: not started by a multiboot2 boot loader; halting. eax=0x"]),
    Test("panic_reboots_after_timeout", "16M", "ktest=crash.divide_error panic=1", exit_code=0,
         expect=["Kernel panic - not syncing: Fatal exception", "Rebooting in 1 seconds..",
                 "reboot: Restarting system"]),
]


def load_more_tests():
    """Tests kept in tools/testing/qemu_tests_*.py (one file per area), each
    with its own TESTS list; they import Test and the helpers from here."""
    import glob
    import importlib.util
    sys.modules.setdefault("qemu_boot_test", sys.modules[__name__])
    here = os.path.dirname(os.path.abspath(__file__))
    for path in sorted(glob.glob(os.path.join(here, "qemu_tests_*.py"))):
        name = os.path.splitext(os.path.basename(path))[0]
        spec = importlib.util.spec_from_file_location(name, path)
        mod = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(mod)
        TESTS.extend(mod.TESTS)
        LONG_TESTS.extend(getattr(mod, "LONG_TESTS", []))  # `make test-long` only


LONG_TESTS = []


def block_after(lines, marker, prefix):
    """The run of lines starting with prefix that first follows marker."""
    i = next((n for n, l in enumerate(lines) if marker in l), None)
    if i is None:
        return []
    while i < len(lines) and not lines[i].startswith(prefix):
        i += 1
    block = []
    while i < len(lines) and lines[i].startswith(prefix):
        block.append(lines[i])
        i += 1
    return block


def shell_workbench_checks(lines):
    errors = []
    before = block_after(lines, "> alloc 3", "Node 0, zone")
    after = block_after(lines, "free: order 3 at pfn", "Node 0, zone")
    if not before or before != after:
        errors.append(f"buddyinfo after alloc 3 + free differs:\n  {before}\n  {after}")
    # frag: grouping keeps order-9 requests working (Linux's published: 72% vs 6%)
    pct = {}
    for l in lines:
        m = re.search(r"frag: grouping (off|on): .* succeed \((\d+)%\)", l)
        if m:
            pct[m.group(1)] = int(m.group(2))
    if not (pct.get("off", 100) <= 10 and pct.get("on", 0) >= 72):
        errors.append(f"frag percentages off/on: {pct}")
    ok = [l for l in lines if l.startswith("ok ") and " vmalloc." in l]
    if not ok or any(l.startswith("not ok") for l in lines):
        errors.append("ktest vmalloc from the shell did not pass every test")
    return errors


def converse(argv, test):
    """Types serial_input, but each LAST_PFN waits for the shell's answer to
    the alloc before it and becomes the pfn it printed."""
    p = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE)
    out = bytearray()
    threading.Thread(target=lambda: [out.extend(b) for b in iter(lambda: p.stdout.read1(4096), b"")],
                     daemon=True).start()
    deadline = time.time() + test.timeout
    # Nothing is typed before the shell is up: bytes that reach the UART
    # while GRUB or the boot runs can be lost, more so on a loaded machine.
    while not test.prompt.search(out) and p.poll() is None and time.time() < deadline:
        time.sleep(0.05)
    pieces = test.serial_input.split(LAST_PFN)
    seen = 0
    for i, piece in enumerate(pieces):
        if i:
            while len(re.findall(rb"alloc: order \d+ at pfn (0x[0-9a-f]+)", out)) <= seen:
                if time.time() > deadline or p.poll() is not None:
                    break
                time.sleep(0.1)
            pfns = re.findall(rb"alloc: order \d+ at pfn (0x[0-9a-f]+)", out)
            seen = len(pfns)
            piece = (pfns[-1].decode() if pfns else "0") + piece
        for j, part in enumerate(piece.split(PAUSE)):
            if j:
                time.sleep(3)
            try:
                p.stdin.write(part.encode())
                p.stdin.flush()
            except BrokenPipeError:  # QEMU has gone (a panic, say): its output says why
                break
    try:
        code = p.wait(timeout=max(1, deadline - time.time()))
    except subprocess.TimeoutExpired:
        p.kill()
        code = None
    time.sleep(0.2)  # the reader's last bytes
    return code, out.decode(errors="replace"), p.stderr.read().decode(errors="replace")


def until_halted(argv, test, log, settle=2.0):
    """A test that expects the kernel to halt for ever (halts=True) ends
    when every expected line has appeared and the log has then been quiet
    for settle seconds, not at its timeout: a halted machine prints nothing
    more, and a reboot would have ended QEMU by then. (exit_code None alone
    means "any exit code", as the matrix's tests use it: those run on.)"""
    p = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    deadline, last_size, quiet_since = time.time() + test.timeout, -1, time.time()
    while p.poll() is None and time.time() < deadline:
        time.sleep(0.2)
        size = os.path.getsize(log) if os.path.exists(log) else 0
        if size != last_size:
            last_size, quiet_since = size, time.time()
            continue
        with open(log, errors="replace") as f:
            seen = not check(test, None, serial_lines(f.read()))
        if seen and time.time() - quiet_since >= settle:
            break
    code = p.poll()
    if code is None:
        p.kill()
    qemu_out = p.communicate()[0].decode(errors="replace")
    return code, "", qemu_out


def serial_lines(log):
    return [TS.sub("", l.rstrip("\r")) for l in log.splitlines()]


def check(test, code, lines):
    errors = []
    if test.exit_code is not None and code != test.exit_code:
        errors.append(f"QEMU exit code {code}, expected {test.exit_code}")
    if test.e820:
        got = [l for l in lines if l.startswith("BIOS-e820:")]
        if got != test.e820:
            errors.append("e820 lines differ:\n  got:\n    " + "\n    ".join(got) +
                          "\n  expected:\n    " + "\n    ".join(test.e820))
    pos = 0
    for want in test.expect:
        while pos < len(lines) and want not in lines[pos]:
            pos += 1
        if pos == len(lines):
            errors.append(f"missing (in order): {want!r}")
            break
        pos += 1
    return errors


ZONE_LINE = re.compile(r"^(Zone ranges:|  (DMA|Normal|HighMem) |Movable zone start|Early memory node|"
                       r"  node   0:|Initmem setup|On node 0, zone)")


def linux_reference_check(ours_log_lines):
    """Our firmware model, our zone/node lines and the SMBIOS/DMI lines must
    reproduce Linux 6.1's own 128M log, and so must the total in the
    "Memory:" line."""
    if not os.path.exists(LINUX_LOG):
        return []
    with open(LINUX_LOG, errors="replace") as f:
        linux = serial_lines(f.read())
    errors = []
    if [l for l in linux if l.startswith("BIOS-e820:")] != firmware_e820(128 * M):
        errors.append("firmware model differs from Linux's 128M log")
    linux_zones = [l for l in linux if ZONE_LINE.match(l)]
    ours_zones = [l for l in ours_log_lines if ZONE_LINE.match(l)]
    if linux_zones != ours_zones:
        errors.append("zone/node lines differ from Linux's:\n  " + "\n  ".join(ours_zones))
    # drivers/firmware/dmi_scan.cpp: the BIOS's SMBIOS identity, as Linux prints it
    for prefix in ("SMBIOS ", "DMI: "):
        want = [l for l in linux if l.startswith(prefix)]
        got = [l for l in ours_log_lines if l.startswith(prefix)]
        if want != got:
            errors.append(f"{prefix.strip()} line: Linux {want}, ours {got}")
    total = re.search(r"Memory: \d+K/(\d+)K", "\n".join(linux)).group(1)
    if not any(re.search(rf"Memory: \d+K/{total}K available", l) for l in ours_log_lines):
        errors.append(f"the Memory: total is not Linux's {total}K")
    return errors


def run(test, kernel):
    cmdline = test.cmdline
    if "panic=" not in cmdline and not getattr(test, "default_panic", False):  # before any "--"
        head, sep, tail = cmdline.partition(" -- ")
        cmdline = head + " panic=-1" + sep + tail
    with tempfile.TemporaryDirectory() as tmp:
        iso, log = os.path.join(tmp, "test.iso"), os.path.join(tmp, "serial.log")
        modules = ""
        if test.pattern_module:
            modules = os.path.join(tmp, "pattern")
            with open(modules, "wb") as f:  # byte i = (i * 7 + 3) & 0xff: see arch/x86/tests/init_ktest.cpp
                f.write(bytes((i * 7 + 3) & 0xFF for i in range(test.pattern_module)))
        if test.modules:
            modules = " ".join([modules] * bool(modules) +
                               [os.path.join(ROOT, m) for m in test.modules])
        if test.direct:
            iso = kernel
        else:
            subprocess.run([os.path.join(ROOT, "tools/mkiso.sh"), kernel, iso, cmdline,
                            test.grub_extra, modules], check=True)
        # Typed input needs COM1 on a pipe: QEMU's stdin in, its stdout out.
        serial = "stdio" if test.serial_input is not None else f"file:{log}"
        argv = [os.path.join(ROOT, "tools/run-qemu.sh"), iso, test.mem, "-serial", serial,
                "-no-reboot"] + test.qemu_extra
        print("$", " ".join(argv), f"  # CMDLINE={cmdline!r} GRUB_EXTRA={test.grub_extra!r}")
        if test.serial_input:
            code, out, qemu_out = converse(argv, test)
        elif test.halts and test.serial_input is None:
            code, out, qemu_out = until_halted(argv, test, log)
        else:
            try:
                p = subprocess.run(argv, timeout=test.timeout, capture_output=True,
                                   input=(test.serial_input or "").encode())
                code = p.returncode
                out, err = p.stdout.decode(errors="replace"), p.stderr.decode(errors="replace")
                qemu_out = err if test.serial_input is not None else out + err
            except subprocess.TimeoutExpired as e:
                code, qemu_out = None, "(timed out)"
                out = (e.stdout or b"").decode(errors="replace")
        if test.serial_input is not None:
            text = out
        else:
            with open(log, errors="replace") as f:
                text = f.read()
    lines = serial_lines(text)
    errors = check(test, code, lines)
    if test.verify:
        errors += test.verify(lines)
    if code is None and test.exit_code is not None:
        errors.insert(0, f"timed out after {test.timeout}s")
    if test.name == "boot_128M":
        errors += linux_reference_check(lines)
    if errors:
        print(f"--- serial log of {test.name} ---\n{text}--- QEMU said ---\n{qemu_out}")
        for e in errors:
            print("FAIL:", e)
        return 1
    print(f"{test.name}: ok (exit code {code}, {len(lines)} lines)")
    return 0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--list", action="store_true")
    ap.add_argument("--list-long", action="store_true", help="the tests only make test-long runs")
    ap.add_argument("--kernel", default=os.path.join(ROOT, "build", "kernel.elf"))
    ap.add_argument("name", nargs="?")
    a = ap.parse_args()
    load_more_tests()
    if a.list or a.list_long:
        print("\n".join(t.name for t in (LONG_TESTS if a.list_long else TESTS)))
        return 0
    tests = {t.name: t for t in TESTS + LONG_TESTS}
    if a.name not in tests:
        print(f"unknown test {a.name!r}; --list shows them", file=sys.stderr)
        return 2
    return run(tests[a.name], os.path.abspath(a.kernel))


if __name__ == "__main__":
    sys.exit(main())
