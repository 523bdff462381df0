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
# hex_dump_to_buffer()'s ASCII column is one printable character or "." per
# byte, and a space is printable: random pointer bytes can put one anywhere.
HEX_ROW = re.compile(r"^    ((?:[0-9a-f]{2} ){0,15}[0-9a-f]{2})  ([ -~]*)$")
TRACE = re.compile(r"^    \[<[0-9a-f]{8}>\] \S+\+0x[0-9a-f]+/0x[0-9a-f]+$")
NEW_LEAKS = re.compile(r"kmemleak: (\d+) new suspected memory leaks \(see /sys/kernel/debug/kmemleak\)$")
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
            m = HEX_ROW.match(r)
            if not m or len(m.group(2).strip()) > len(m.group(1).split()):
                errors.append(f"after {l!r}: {r!r} is not a hex dump row")
        if block[2 + rows] != "  backtrace:":
            errors.append(f"after {l!r}: {block[2 + rows]!r} is not '  backtrace:'")
        elif not TRACE.match(lines[i + 4 + rows]):
            errors.append(f"after {l!r}: no backtrace line")
        found.append((addr, size))
    return found, errors


def planted_blocks(lines):
    """What the sample printed: address -> the size kmemleak must report
    (the kmalloc cache's object size, as Linux's slab hook passes, or the
    vmalloc'ed size; the list elements are 208 bytes: kmalloc-256)."""
    planted = {}
    for l in lines:
        m = PLANTED.search(l)
        if m:
            size = int(m.group(1) or m.group(2) or 256)
            planted[int(m.group(3), 16)] = {129: 192}.get(size, size)
    return planted


def compare(planted, got):
    errors = []
    for addr, size in planted.items():
        if addr not in got:
            errors.append(f"planted block {addr:#x} not reported")
        elif got[addr] != size:
            errors.append(f"planted block {addr:#x}: size {got[addr]}, expected {size}")
    return errors


def sample_found(lines):
    """Every block `kmemleak test` printed is reported by `kmemleak show`,
    with its size; 24 of them, and after `clear` the second `show` prints
    nothing."""
    planted = planted_blocks(lines)
    errors = [] if len(planted) == 24 else [f"{len(planted)} planted blocks printed, not 24"]
    shows = [i for i, l in enumerate(lines) if l.endswith("> kmemleak show")]
    if len(shows) != 2:
        return errors + [f"{len(shows)} 'kmemleak show' commands seen, not 2"]
    counts = [int(m.group(1)) for m in (NEW_LEAKS.search(l) for l in lines[:shows[0]]) if m]
    if sum(counts) != 24:
        errors.append(f"the scans counted {counts} new leaks, not 24 in all")
    found, bad = reports(lines[shows[0]:shows[1]])
    errors += bad + compare(planted, dict(found))
    if len(found) != 24:
        errors.append(f"{len(found)} blocks reported, not 24")
    after, _ = reports(lines[shows[1]:])
    if after:
        errors.append(f"{len(after)} reports after 'kmemleak clear'")
    return errors


def suite_found(lines):
    """ktest=kmemleak: the sample's 24 blocks are each reported (the test
    calls kmemleak_show) with their sizes, in Linux's format."""
    planted = planted_blocks(lines)
    errors = [] if len(planted) == 24 else [f"{len(planted)} planted blocks printed, not 24"]
    end = next((i for i, l in enumerate(lines) if "kmemleak.sample_leaks_are_found" in l), None)
    if end is None:
        return errors + ["no result line for kmemleak.sample_leaks_are_found"]
    found, bad = reports(lines[:end])
    return errors + bad + compare(planted, dict(found))


# vmalloc 4096 first: a block at VMALLOC_START looks referenced for ever
# (vmalloc keeps that number in its .bss), so the shell holds that page.
SAMPLE_INPUT = ("\n\n\nvmalloc 4096\nkmemleak test\nkmemleak age=0\nkmemleak scan\nkmemleak scan\n"
                "kmemleak show\nkmemleak clear\nkmemleak scan\nkmemleak show\nkmemleak stats\n"
                "kmemleak off\nkmemleak scan\nkmemleak clear\nkmemleak stats\npoweroff\n")
BAD_INPUT = "\n\n\nkmemleak scan\nkmemleak show\nkmemleak stats\npoweroff\n"
NOT_ENABLED = "kmemleak: not enabled (boot with kmemleak=on)"


def no_kmemleak_lines(lines):
    said = [l for l in lines if l.startswith("kmemleak")]
    return [f"kmemleak said {said[0]!r} while off"] if said else []


def stays_off(lines):
    on = any("Kernel memory leak detector initialized" in l for l in lines)
    return ["kmemleak came up"] if on else []


TESTS = [
    # The sample, typed: 24 leaks over the two scans (the first spares the
    # blocks written since they were allocated; age=0: TCG's clock would
    # make it wait); after clear none is shown; off, then clear, forgets
    # every record.
    Test("kmemleak_sample", "128M", "kmemleak=on", exit_code=0, timeout=90,
         serial_input=SAMPLE_INPUT,
         expect=["kmemleak: Kernel memory leak detector initialized (mem pool available: ",
                 "kmemleak_test: Kmemleak testing",
                 "new suspected memory leaks (see /sys/kernel/debug/kmemleak)",
                 "> kmemleak show", "unreferenced object 0x", "  backtrace:",
                 "> kmemleak clear", "> kmemleak show", "> kmemleak stats",
                 "> kmemleak off", "kmemleak: Kernel memory leak detector disabled", "> kmemleak scan",
                 NOT_ENABLED, "> kmemleak clear", "> kmemleak stats", "kmemleak: 0 objects",
                 "reboot: Power down"],
         verify=sample_found),
    # kmemleak's ktests: the sample found by a scan, every kind of reference
    # honoured, the age rule, clear, every free path.
    Test("kmemleak_ktest_suite", "128M", "kmemleak=on ktest=kmemleak", timeout=120,
         expect=["ok 1 kmemleak.sample_leaks_are_found",
                 "ok 2 kmemleak.referenced_blocks_are_not_reported",
                 "ok 3 kmemleak.young_blocks_are_not_reported",
                 "ok 4 kmemleak.clear_forgets_reported_leaks",
                 "ok 5 kmemleak.every_free_path_forgets_the_block", "ktest: 5 passed, 0 failed",
                 "kmemleak: scan after the tests: 0 new suspected memory leaks"],
         verify=suite_found),
    # Off, the default: the tests skip and kmemleak says nothing.
    Test("kmemleak_ktest_suite_off", "128M", "ktest=kmemleak", timeout=60,
         expect=["ok 1 kmemleak.sample_leaks_are_found # SKIP kmemleak is off",
                 "ktest: 0 passed, 0 failed, 5 skipped"],
         verify=no_kmemleak_lines),
    # Every kernel test with kmemleak on, then a scan of everything: no leak
    # (1G: with HighMem, whose tests kmap and vmalloc highmem pages).
    *[Test(f"kmemleak_ktest_all_{mem}", mem, "kmemleak=on ktest=all", timeout=220,
           expect=["kmemleak: Kernel memory leak detector initialized", "ktest: ",
                   "kmemleak: scan after the tests: 0 new suspected memory leaks"])
      for mem in ("128M", "1G")],
    # Bad values: Linux's message, ignored (kmemleak stays off).
    *[Test(f"kmemleak_bad_{name}", "64M", arg, exit_code=0, timeout=60,
           serial_input=BAD_INPUT, verify=stays_off,
           expect=["Malformed early option 'kmemleak'", "> kmemleak scan", NOT_ENABLED,
                   "> kmemleak show", NOT_ENABLED, "reboot: Power down"])
      for name, arg in (("garbage", "kmemleak=garbage"), ("bare", "kmemleak"),
                        ("capital", "kmemleak=On"))],
    # kmemleak=off: said, and the shell refuses.
    Test("kmemleak_off", "64M", "kmemleak=off", exit_code=0, timeout=60,
         serial_input=BAD_INPUT, verify=stays_off,
         expect=["kmemleak: Kernel memory leak detector disabled", "> kmemleak scan",
                 NOT_ENABLED, "reboot: Power down"]),
]
