"""QEMU tests of the early boot and the oops path (issue 12): too little RAM
is a panic that says how much there is and how much is needed, GRUB's
symbol table is kept inside mapped RAM or dropped with one line, and an
oops that faults again ends in one line and a panic, never a cascade of
nested oopses and a reset. Loaded by qemu_boot_test.py.

Some sizes depend on the kernel image (its end moves as the kernel grows),
so they are read from the ELF under test (nm _end)."""
import os
import re
import subprocess
import sys

from qemu_boot_test import ROOT, Test

PAGE_OFFSET = 0xC0000000
MIN_FREE_LOWMEM_KB = 512  # arch/x86/include/asm/init.h


def kernel_elf():
    argv = sys.argv
    for i, a in enumerate(argv):
        if a == "--kernel" and i + 1 < len(argv):
            return argv[i + 1]
        if a.startswith("--kernel="):
            return a.split("=", 1)[1]
    return os.path.join(ROOT, "build", "kernel.elf")


def image_end_kb():
    """Where the kernel image ends (physical, KiB, page aligned); a guess if
    the ELF is not there (--list)."""
    try:
        out = subprocess.run(["nm", kernel_elf()], capture_output=True, text=True,
                             check=True).stdout
        end = int(re.search(r"^([0-9a-f]+) \w _end$", out, re.M).group(1), 16) - PAGE_OFFSET
        return (end + 0xFFF) // 0x1000 * 4
    except (OSError, subprocess.CalledProcessError, AttributeError):
        return 2064


END_KB = image_end_kb()
TOO_LITTLE = "Kernel panic - not syncing: Too little usable RAM: "
NEEDS = f"the kernel needs its image in lowmem RAM and {MIN_FREE_LOWMEM_KB}K free lowmem beside it"
REBOOT = "reboot: Restarting system"
FAULT = re.compile(r"BUG: (unable to handle page fault|kernel NULL pointer)")


def at_most_one_fault(lines):
    faults = [l for l in lines if FAULT.search(l)]
    headers = [l for l in lines if re.search(r"^Oops: .*\[#\d+\]", l)]
    errors = []
    if len(faults) > 1 or len(headers) > 1:
        errors.append(f"nested oops: {len(faults)} faults, {len(headers)} oops headers")
    errors += [f"bare {l!r}" for l in lines if "kernel BUG at" in l][:1]
    return errors


def no_fault(lines):
    return [f"oops: {l!r}" for l in lines if FAULT.search(l)][:1] + at_most_one_fault(lines)


def ends_in_panic_or_ktest(lines):
    """mem=2M and the like: the ktests run to their summary, or the boot
    stops with the too-little-RAM panic; never a fault."""
    errors = no_fault(lines)
    if not any(l.startswith("ktest: ") and " passed, " in l for l in lines) and \
            not any(TOO_LITTLE in l for l in lines):
        errors.append("neither a ktest summary nor the too-little-RAM panic")
    return errors


def line_with(*parts):
    """verify(): one line holds every part, in order."""
    pat = re.compile(".*".join(re.escape(p) for p in parts))

    def verify(lines):
        return [] if any(pat.search(l) for l in lines) else [f"no line matching {pat.pattern!r}"]
    return verify


def too_little_ram(name, cmdline, *parts, grub_extra=""):
    """A boot that must stop with the reason: how much RAM, how much needed
    (parts: pieces of the panic line, in order)."""
    has = line_with(TOO_LITTLE, *parts, NEEDS)
    return Test(f"boot_{name}", "128M", cmdline, grub_extra=grub_extra, exit_code=0, timeout=30,
                expect=[TOO_LITTLE, REBOOT], verify=lambda lines: no_fault(lines) + has(lines))


def crash(name, *expect):
    return Test(f"boot_crash_{name}", "128M", f"ktest=crash.{name}", exit_code=0, timeout=30,
                expect=list(expect) + [REBOOT], verify=at_most_one_fault)


def vm_test(name, params, *expect):
    """A 1G boot (lowmem is then bounded by the vmalloc area) with params:
    the boot and mm ktests pass, after the lines expected."""
    return Test(f"boot_{name}", "1G", f"ktest=boot,mm {params}", timeout=60,
                expect=list(expect) + ["ktest: "], verify=no_fault)


TESTS = [
    # --- item 1: GRUB's symbol table outside mapped RAM, nested oopses ---------
    # mem=2M used to fault on the first symbol lookup, nest 17 oopses deep
    # and reset; today's image ends past 2M, so it is the panic
    Test("boot_mem_2M", "128M", "ktest=all mem=2M", exit_code=None, timeout=60,
         verify=ends_in_panic_or_ktest),
    Test("boot_cutmem_2M_128M", "128M", "ktest=all", grub_extra="cutmem 2M 128M", exit_code=None,
         timeout=60, verify=ends_in_panic_or_ktest),
    # RAM ends where the image does: GRUB's .symtab/.strtab right after it
    # are outside the direct map, and the ~620K below 640K cannot hold them
    # and the 512K the boot needs: dropped with one line, nothing faults
    Test("boot_mem_image_end_symbols_dropped", "128M", f"mem={END_KB}K", exit_code=0,
         timeout=60, serial_input="\n\n\nvmalloc 4096\nfault 0\npoweroff\n",
         expect=[f"is outside mapped RAM (lowmem ends at {END_KB * 1024:#010x}) and too big "
                 "to copy", "mmlab shell", "> vmalloc 4096", "vmalloc(4096) = ", "> fault 0",
                 "hint: page 0 is never mapped", "reboot: Power down"],
         verify=no_fault),
    # a hole in the map where GRUB put them, RAM beyond it: copied into
    # lowmem; the shell's vmalloc and fault (both print symbols) then work
    Test("boot_hole_after_image_symbols_copied", "128M",
         f"memmap=exactmap memmap=640K@0 memmap={END_KB - 1024}K@1M "
         f"memmap=4M@{END_KB + 1024}K", exit_code=0, timeout=60,
         serial_input="\n\n\nvmalloc 4096\nfault 0\npoweroff\n",
         expect=["is outside mapped RAM (not in a usable region of the map); copied ",
                 "mmlab shell", "> vmalloc 4096",
                 "vmalloc(4096) = ", "cmd_vmalloc+", "> fault 0", "hint: page 0 is never mapped", "reboot: Power down"],
         verify=no_fault),
    # the same, with only 536K free lowmem: a copy would leave less than the
    # boot needs, so the tables are dropped with one line; oopses and %pS
    # print bare addresses, and nothing faults
    Test("boot_exactmap_symbols_dropped", "128M",
         f"memmap=exactmap memmap=600K@0 memmap={END_KB - 1024}K@1M", exit_code=0, timeout=60,
         serial_input="\n\n\nvmalloc 4096\nfault 0\npoweroff\n",
         expect=["and too big to copy; backtraces will show addresses only",
                 "mmlab shell", "> vmalloc 4096", "vmalloc(4096) = ", "> fault 0",
                 "hint: page 0 is never mapped", "reboot: Power down"],
         verify=no_fault),
    # the symbol table unreadable: a lookup that faults, and an oops whose
    # first %pS faults, end in one line and a panic with the reason
    crash("symbol_table_unreadable",
          "while reading the kernel symbol table; backtraces show addresses only from now on",
          "Kernel panic - not syncing: Fault while looking up a kernel symbol: "
          "the symbol table is unreadable"),
    crash("null_deref_symbols_unreadable",
          "BUG: kernel NULL pointer dereference, address: 00000000", "Oops: 0000 [#1]",
          "while reading the kernel symbol table",
          "Kernel panic - not syncing: Fault while looking up a kernel symbol"),
    # the stack runs out while the oops is printed: the double-fault report
    # finds an oops in progress and stops
    crash("fault_while_printing_oops", "BUG: stack guard page was hit at",
          "while printing oops #1; not printing another",
          "Kernel panic - not syncing: Recursive fault while printing an oops"),

    # --- item 2: too little usable RAM is a panic with the figures --------------
    too_little_ram("exactmap_alone", "memmap=exactmap", "0K usable, 0K of it free lowmem; ",
                   f"{END_KB - 1024}K of the kernel image [mem 0x00100000-{END_KB * 1024 - 1:#010x}]"
                   " is not in it; "),
    too_little_ram("exactmap_640K", "memmap=exactmap memmap=640K@0",
                   "636K usable, 572K of it free lowmem; ", "is not in it; "),
    too_little_ram("exactmap_1M", "memmap=exactmap memmap=1M@0", "636K usable, 572K of it free"),
    too_little_ram("mem_1M", "mem=1M", "632K usable, 572K of it free lowmem; ",
                   f"{END_KB - 1024}K of the kernel image"),
    # memmap= reserves the RAM the image is in, but 27M are left above it:
    # the image is RAM anyway (one line says so) and ZONE_DMA, only the
    # image, has nothing to hand out: the ktests that need it skip
    Test("boot_memmap_reserve_low_100M", "128M", "ktest=all memmap=100M$0", timeout=90,
         expect=[f"e820: {END_KB - 1024}K of the kernel image [mem 0x00100000-"
                 f"{END_KB * 1024 - 1:#010x}] is not in a usable region; using it as RAM anyway",
                 "page_alloc.gfp_picks_the_zone # SKIP ZONE_DMA has no memory", "ktest: "],
         verify=no_fault),
    # 4K short of the image
    too_little_ram("mem_below_image_end", f"mem={END_KB - 4}K",
                   "; 4K of the kernel image [mem 0x00100000-"),
    # the image in RAM but only 200K below 640K: too little free lowmem
    too_little_ram("exactmap_low_ram_short",
                   f"memmap=exactmap memmap=200K@0 memmap={END_KB - 1024}K@1M",
                   f"{END_KB - 1024 + 196}K usable, 136K of it free lowmem; "),
    # the smallest that boots: RAM up to the image's end (4K more than above)
    Test("boot_mem_image_end_ktest", "128M", f"ktest=all mem={END_KB}K", timeout=90,
         expect=["ktest: "], verify=no_fault),

    # memmap= declaring RAM the machine does not have: it used to reset
    # silently (page tables in it) or drown in "Bad page state" (mem_map in
    # it); now it is probed or, beyond the early map, refused, with a line
    Test("boot_memmap_absent_ram_16M", "16M", "ktest=all memmap=64M@32M", timeout=90,
         expect=["e820: memmap= says [mem 0x02000000-0x05ffffff] is RAM, but no RAM answers "
                 "there; not using it", "15MB LOWMEM available.", "ktest: "], verify=no_fault),
    Test("boot_memmap_absent_ram_above_128M", "128M",
         "ktest=all memmap=exactmap memmap=640K@0 memmap=8M@1M memmap=100M@200M", timeout=90,
         expect=["e820: memmap= says [mem 0x0c800000-0x12bfffff] is RAM, but the firmware did "
                 "not report it; not using it", "9MB LOWMEM available.", "ktest: "],
         verify=no_fault),

    # --- item 3: vmalloc= and highmem= with absurd values ------------------------
    # vmalloc=0 (and 4G, which wrapped to 0) left a 0 MB vmalloc area at 1G;
    # 1016M wrapped MAXMEM and died on a bare BUG; garbage read as 0
    vm_test("vmalloc_0", "vmalloc=0", "vmalloc area too small, limiting to 16MB",
            "991MB LOWMEM available.", "    vmalloc : 0xfe7fe000 - 0xff7fe000   (  16 MB)"),
    vm_test("vmalloc_1016M", "vmalloc=1016M", "vmalloc area is too big, limiting to 943MB",
            "64MB LOWMEM available.", "    vmalloc : 0xc48fe000 - 0xff7fe000   ( 943 MB)"),
    vm_test("vmalloc_4G_nopse", "nopse vmalloc=4G", "vmalloc area is too big, limiting to 943MB",
            "x86/mm: lowmem mapped at PAGE_OFFSET with 4kB pages", "958MB HIGHMEM available.",
            "64MB LOWMEM available."),
    vm_test("vmalloc_garbage", "vmalloc=garbage", "vmalloc=garbage: not a size; ignored",
            "135MB HIGHMEM available.", "887MB LOWMEM available."),
    vm_test("highmem_garbage", "highmem=garbage", "highmem=garbage: not a size; ignored",
            "135MB HIGHMEM available.", "887MB LOWMEM available."),
    vm_test("highmem_2pow64", "highmem=18446744073709551616",
            "only 135MB highmem pages available, ignoring highmem size of 4096MB!",
            "135MB HIGHMEM available.", "887MB LOWMEM available."),
]
