"""QEMU tests of a memory map with a hole where the kernel image is (issue
12): GRUB's cutmem 1M 2M and the like took the image GRUB loaded at 1M out
of usable RAM, and the boot panicked "Too little usable RAM" on a machine
with plenty. The image's pages are RAM whatever the map says: the kernel
adds them to memblock.memory with one line (keep_kernel_image_ram()), and
ktest=all and the shell then run as on the whole map. Loaded by
qemu_boot_test.py.

The image's end moves as the kernel grows: it is read from the ELF under
test (qemu_tests_boot.image_end_kb)."""
import re

from qemu_boot_test import Test, size, zone_lines
from qemu_tests_boot import END_KB, TOO_LITTLE, no_fault

M = 1024  # KiB


def kept_line(missing_kb):
    return (f"e820: {missing_kb}K of the kernel image [mem 0x00100000-{END_KB * 1024 - 1:#010x}]"
            " is not in a usable region; using it as RAM anyway (reserved)")


def node_line(start, end):
    return f"  node   0: [mem {start:#018x}-{end - 1:#018x}]"


def ram_top(mem):
    """Where QEMU's RAM below 4G ends (SeaBIOS keeps the top 128K)."""
    return min(size(mem), 0xC0000000) - 0x20000


def total_kb(mem, cut_kb=0):
    """The "Memory: n/TOTALK available" total: the whole map's (image
    included), less the part of the hole beyond the image."""
    return int(re.search(r"/(\d+)K", zone_lines(size(mem))[-1]).group(1)) - cut_kb


def ram_above_1M(mem, lo, hi):
    """memblock's regions above 1M: the map's RAM around the hole [lo, hi),
    and the image, merged."""
    pieces = sorted([(0x100000, lo), (hi, ram_top(mem)), (0x100000, END_KB * 1024)])
    out = []
    for start, end in pieces:
        if start >= end:
            continue
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


def kb_name(kb):
    return f"{kb // M}M" if kb % M == 0 else f"{kb}K"


def never_too_little(lines):
    return no_fault(lines) + [f"panicked: {l!r}" for l in lines if TOO_LITTLE in l][:1]


def hole(mem, lo_kb, hi_kb):
    """ktest=all with GRUB's cutmem [lo, hi) over (part of) the image: the
    line that says so, memblock's node ranges with the image in them, the
    same total as the whole map but for the hole beyond the image, and
    every ktest passing (or skipping with its reason)."""
    missing = min(hi_kb, END_KB) - max(lo_kb, M)
    nodes = [node_line(s, e) for s, e in ram_above_1M(mem, lo_kb * 1024, hi_kb * 1024)]
    # GRUB puts .symtab/.strtab right after the image: in the hole, if the
    # hole goes past the image, so they are copied, with the reason
    symbols = ["is outside mapped RAM (not in a usable region of the map); copied "] \
        if hi_kb > END_KB else []
    return Test(f"boot2_cutmem_{kb_name(lo_kb)}_{kb_name(hi_kb)}_{mem}", mem, "ktest=all",
                grub_extra=f"cutmem {lo_kb}K {hi_kb}K", timeout=120,
                expect=[kept_line(missing)] + symbols + ["Early memory node ranges",
                        node_line(0x1000, 0x9F000)] + nodes +
                [f"/{total_kb(mem, max(0, hi_kb - END_KB))}K available (", "ktest: "],
                verify=never_too_little)


SHELL_INPUT = "\n\n\nmemblock\npage 0x100\nstress 2000\nktest mm\npoweroff\n"

TESTS = [
    hole("128M", 1024, 2048),
    hole("1G", 1024, 2048),
    hole("128M", 1024, 1536),
    hole("1G", 1024, 1536),
    hole("128M", 1536, 3072),
    hole("1G", 1536, 3072),
    # the shell on the same hole: memblock holds the image, its first page
    # is a reserved DMA page with a struct page, stress and the mm ktests
    # find nothing wrong
    Test("boot2_cutmem_1M_2M_shell", "128M", "", grub_extra="cutmem 1M 2M", exit_code=0,
         timeout=90, serial_input=SHELL_INPUT,
         expect=[kept_line(1024), "mmlab shell", "> memblock",
                 f" memory[0x1]\t[0x00100000-{ram_top('128M') - 1:#010x}]", "> page 0x100",
                 "pfn:0x100", "flags: 0x1000(reserved|zone=0)", "> stress 2000",
                 "stress: 0 invariant violations; every page is back", "> ktest mm",
                 "ktest: 9 passed, 0 failed", "reboot: Power down"],
         verify=never_too_little),
]
