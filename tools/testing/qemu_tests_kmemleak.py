"""QEMU tests of kmemleak (mm/kmemleak.cpp, issue 13): kmemleak=on tracks
slab, large kmalloc, vmalloc and memblock blocks and a scan finds the blocks
nobody points to, in Linux's report format. Linux's sample module
(samples/kmemleak/kmemleak-test.c, the shell's `kmemleak test`) is found
whole: 24 leaks; a ktest=all run with kmemleak on leaks nothing (the runner
scans after the last test); bad kmemleak= values get Linux's message.
Loaded by qemu_boot_test.py."""
import re

from qemu_boot_test import Test

REPORT = re.compile(r"^unreferenced object 0x([0-9a-f]{8}) \(size (\d+)\):$")
COMM = re.compile(r'^  comm "swapper", pid 0, jiffies \d+ \(age \d+\.\d{3}s\)$')
HEX_ROW = re.compile(r"^    ([0-9a-f]{2} ){0,15}[0-9a-f]{2} +\S*$")
TRACE = re.compile(r"^    \[<[0-9a-f]{8}>\] \S+\+0x[0-9a-f]+/0x[0-9a-f]+$")
PLANTED = re.compile(r"kmemleak_test: (?:kmalloc\((\d+)\)|vmalloc\((\d+)\)|kzalloc\(sizeof\(\*elem\)\))"
                     r" = (?:0x)?([0-9a-f]{8})$")


def reports(lines):
    """The reports in lines: (address, size, their lines), each checked
    against Linux's format (comm line, hex dump of the first 32 bytes at
    most, backtrace)."""
    found, errors = [], []
    for i, l in enumerate(lines):
        m = REPORT.match(l)
        if not m:
            continue
        addr, size = int(m.group(1), 16), int(m.group(2))
        block = lines[i + 1:i + 5 + 2]
        if not COMM.match(block[0]):
            errors.append(f"after {l!r}: {block[0]!r} is not the comm line")
        dump = min(size, 32)
        if block[1] != f"  hex dump (first {dump} bytes):":
            errors.append(f"after {l!r}: {block[1]!r} is not the hex dump header")
        rows = (dump + 15) // 16
        for r in block[2:2 + rows]:
            if not HEX_ROW.match(r):
                errors.append(f"after {l!r}: {r!r} is not a hex dump row")
        if block[2 + rows] != "  backtrace:":
            errors.append(f"after {l!r}: {block[2 + rows]!r} is not '  backtrace:'")
        elif not TRACE.match(lines[i + 4 + rows]):
            errors.append(f"after {l!r}: no backtrace line")
        found.append((addr, size))
    return found, errors


def sample_found(lines):
    """Every block `kmemleak test` printed is reported by `kmemleak show`,
    with its kmalloc size class (Linux reports the object size) or its
    vmalloc size; 24 of them, the count line said so, and after `clear`
    the second `show` prints nothing."""
    planted = {}
    for l in lines:
        m = PLANTED.search(l)
        if m:
            size = int(m.group(1) or m.group(2) or 256)
            planted[int(m.group(3), 16)] = {32: 32, 129: 192, 208: 256}.get(size, size)
    errors = [] if len(planted) == 24 else [f"{len(planted)} planted blocks printed, not 24"]
    shows = [i for i, l in enumerate(lines) if l.endswith("> kmemleak show")]
    if len(shows) != 2:
        return errors + [f"{len(shows)} 'kmemleak show' commands seen, not 2"]
    found, bad = reports(lines[shows[0]:shows[1]])
    errors += bad
    got = dict(found)
    for addr, size in planted.items():
        if addr not in got:
            errors.append(f"planted block {addr:#x} not reported")
        elif got[addr] != size:
            errors.append(f"planted block {addr:#x}: size {got[addr]}, expected {size}")
    if len(found) != 24:
        errors.append(f"{len(found)} blocks reported, not 24")
    after, _ = reports(lines[shows[1]:])
    if after:
        errors.append(f"{len(after)} reports after 'kmemleak clear'")
    return errors


SAMPLE_INPUT = ("\n\n\nkmemleak test\nkmemleak age=0\nkmemleak scan\nkmemleak scan\n"
                "kmemleak show\nkmemleak clear\nkmemleak scan\nkmemleak show\nkmemleak stats\n"
                "poweroff\n")

TESTS = [
    # The sample, typed: 24 leaks (age=0: TCG's clock would make it wait).
    Test("kmemleak_sample", "128M", "kmemleak=on", exit_code=0, timeout=90,
         serial_input=SAMPLE_INPUT,
         expect=["kmemleak: Kernel memory leak detector initialized (mem pool available: ",
                 "kmemleak_test: Kmemleak testing",
                 "kmemleak: 24 new suspected memory leaks (see /sys/kernel/debug/kmemleak)",
                 "> kmemleak show", "unreferenced object 0x", "  backtrace:",
                 "> kmemleak clear", "> kmemleak show", "> kmemleak stats",
                 "reboot: Power down"],
         verify=sample_found),
]
TESTS += [
    Test("kmemleak_ktest_all", "128M", "kmemleak=on ktest=all", timeout=600,
         expect=["kmemleak: Kernel memory leak detector initialized", "ktest: ",
                 "kmemleak: scan after the tests: 0 new suspected memory leaks"]),
]
