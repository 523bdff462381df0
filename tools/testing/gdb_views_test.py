#!/usr/bin/env python3
"""gdb helpers test: boots the kernel to its shell under QEMU's gdb server,
has the shell allocate a few things (through mm-shell, so the state is not
only the boot's), then runs every mm-* command and checks that each prints
exactly what the kernel's own shell prints for the same state (the serial
log), line for line. Also walks the page tables before paging is on, and
checks $pfn_to_page, $va and $pa."""
import argparse
import os
import re
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gdb_test import ROOT, run_gdb, start_qemu  # noqa: E402

TS = re.compile(r"^\[ *\d+\.\d+\] ")

# (gdb command, shell command): the gdb output must appear, as a run of
# consecutive lines, in what the shell printed.
VIEWS = [
    ("mm-e820", "e820"),
    ("mm-memblock", "memblock"),
    ("mm-buddyinfo", "buddyinfo"),
    ("mm-zoneinfo", "zoneinfo"),
    ("mm-slabinfo", "slabinfo"),
    ("mm-vmallocinfo", "vmallocinfo"),
    ("mm-pgwalk 0xc0100000", "pgwalk 0xc0100000"),
    ("mm-pgwalk 0xf0000000", "pgwalk 0xf0000000"),
    ("mm-pgwalk $vm", "pgwalk $vm"),
    ("mm-pgwalk 0x1000", "pgwalk 0x1000"),
    ("mm-page 0x100", "page 0x100"),
    ("mm-page $pfn", "page $pfn"),
]
# What the shell holds while the views are compared: a vmalloc area (so
# vmallocinfo has a caller to print), a kmalloc object, a page block, a cache.
SETUP = ["vmalloc 20000", "kmalloc 300", "alloc 2", "cache create gdbdemo 200",
         "cache alloc gdbdemo", "cache alloc gdbdemo"]


def marker(text):
    return f'printf "=== {text}\\n"'


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--kernel", default=os.path.join(ROOT, "build", "kernel.elf"))
    kernel = os.path.abspath(ap.parse_args().kernel)
    with tempfile.TemporaryDirectory() as tmp:
        log = os.path.join(tmp, "serial.log")
        qemu, port = start_qemu(kernel, tmp, "panic=-1", log)
        # before paging: the boot code's own tables, read physically
        cmds = ["hbreak enable_paging", "continue", marker("before paging"),
                "mm-pgwalk 0xc0100000 &initial_page_table", "mm-pgwalk 0x00100000 &initial_page_table",
                "hbreak shell_main", "continue"]
        cmds += [f"mm-shell {c}" for c in SETUP]
        cmds += ["set $vm = (unsigned long)'kernel/shell_mm.cpp'::held[0].obj",
                 "set $pfn = (unsigned long)((struct page *)'kernel/shell_mm.cpp'::held[2].obj - mem_map)",
                 'printf "VM=%#lx PFN=%#lx\\n", $vm, $pfn']
        for g, s in VIEWS:
            cmds += [f"mm-shell {s}", marker(g), g]
        cmds += [marker("functions"),
                 'printf "PFN_TO_PAGE=%d\\n", $pfn_to_page(0x100) == &mem_map[0x100]',
                 'printf "VA=%#lx\\n", (unsigned long)$va(0x100000)',
                 'printf "PA=%#lx\\n", (unsigned long)$pa(0xc0100000)',
                 'printf "PA_VMALLOC=%d\\n", ($pa($vm) >> 12) == '
                 '(vmalloc_to_page((const void *)$vm) - mem_map)',
                 "kill"]
        out = run_gdb(kernel, port, cmds, qemu)
        with open(log, errors="replace") as f:
            serial = [TS.sub("", line.rstrip("\r\n")) for line in f]
    print(out)
    return check(out, serial)


def blocks(out):
    """gdb's output split at the === markers."""
    found, name = {}, None
    for line in out.splitlines():
        if line.startswith("=== "):
            name = line[4:]
            found[name] = []
        elif name:
            found[name].append(line)
    return found


def contains_run(lines, run):
    return any(lines[i:i + len(run)] == run for i in range(len(lines) - len(run) + 1))


def check(out, serial):
    errors = []
    got = blocks(out)
    before = got.get("before paging", [])
    if not (len(before) >= 4 and re.match(r"  pgd: [0-9a-f]{8}  P RW", before[0])
            and "c0100000 -> phys 0x00100000" in "\n".join(before)
            and "00100000 -> phys 0x00100000" in "\n".join(before)):
        errors.append(f"mm-pgwalk before paging: {before}")
    for g, _ in VIEWS:
        lines = got.get(g, [])
        if not lines or any("Error" in l or "error" in l for l in lines):
            errors.append(f"{g}: no output or an error: {lines}")
            continue
        if g == "mm-page $pfn" or g == "mm-page 0x100":  # the reason line differs
            lines = lines[:-1]
        if not contains_run(serial, lines):
            errors.append(f"{g}: not what the shell printed:\n    " + "\n    ".join(lines))
    if "mm-vmallocinfo" in got and not any("cmd_vmalloc+0x" in l for l in got["mm-vmallocinfo"]):
        errors.append("mm-vmallocinfo does not name cmd_vmalloc as the caller")
    if "mm-slabinfo" in got and not any(l.startswith("gdbdemo                2 ")
                                        for l in got["mm-slabinfo"]):
        errors.append("mm-slabinfo does not show gdbdemo with 2 active objects")
    for pattern in (r"PFN_TO_PAGE=1", r"VA=0xc0100000", r"PA=0x100000\b", r"PA_VMALLOC=1"):
        if not re.search(pattern, out):
            errors.append(f"missing {pattern}")
    for e in errors:
        print("FAIL:", e)
    if not errors:
        print(f"gdb views test: ok ({len(VIEWS)} commands match the shell)")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
