"""QEMU tests of init_on_alloc= and init_on_free= (issue 13): the
"mem auto-init:" line in Linux 6.1's format for each combination, page_poison=1
taking precedence as in Linux, bad values refused with Linux's early-option
message and ignored, and the ktests ported from Linux's lib/test_meminit.c
running (not skipping) and passing, with ktest=all passing under both options.
Loaded by qemu_boot_test.py."""
import re

from qemu_boot_test import Test
from qemu_tests_ktest import ran as ran_one

SHELL_INPUT = "\n\n\nmeminfo\npoweroff\n"
MEMINIT_TESTS = ["meminit.pages_every_order", "meminit.kmalloc_and_vmalloc_every_power_of_two",
                 "meminit.kmem_cache_sizes_ctor_zero_bulk", "meminit.gfp_zero_always_zeroes"]
AUTO_INIT = re.compile(r"mem auto-init: stack:\S+, heap alloc:\S+, heap free:\S+$")
CLEARING = "mem auto-init: clearing system memory may take some time..."


def auto_init(alloc, free):
    return f"mem auto-init: stack:off, heap alloc:{alloc}, heap free:{free}"


def no_not_ok(lines):
    bad = [l for l in lines if l.startswith("not ok ")]
    return [f"failed ktests: {bad}"] if bad else []


def ran(names):
    """verify: each test ran and passed; a SKIP does not count."""
    checks = [ran_one(n) for n in names]
    return lambda lines: [e for c in checks for e in c(lines)]


def skipped(names):
    def check(lines):
        errors = []
        for name in names:
            got = [l for l in lines if l.startswith("ok ") and l.split(" ")[2:3] == [name]]
            if not got or "# SKIP init_on_alloc and init_on_free are off" not in got[0]:
                errors.append(f"{name} did not skip: {got}")
        return errors
    return check


def once(line, where_before="Memory: "):
    """verify: one auto-init line, the one given, printed before the
    "Memory:" line as Linux's mm_init() prints it; the clearing note only
    when init_on_free is on, right after it."""
    def check(lines):
        said = [i for i, l in enumerate(lines) if AUTO_INIT.search(l)]
        if len(said) != 1:
            return [f"{len(said)} mem auto-init lines, not 1"]
        errors = []
        if not lines[said[0]].endswith(line):
            errors.append(f"{lines[said[0]]!r}, expected {line!r}")
        mem = next((i for i, l in enumerate(lines) if where_before in l), None)
        if mem is None or mem < said[0]:
            errors.append(f"the auto-init line is not before {where_before!r}")
        clearing = [i for i, l in enumerate(lines) if l.endswith(CLEARING)]
        want = [said[0] + 1] if line.endswith("heap free:on") else []
        if clearing != want:
            errors.append(f"clearing note at {clearing}, expected {want}")
        return errors
    return check


def both(*checks):
    return lambda lines: [e for c in checks for e in c(lines)]


def ktest(name, mem, params, line, runs=(), skips=(), suites="meminit", timeout=120,
          expect=()):
    return Test(f"initon_{name}", mem, f"ktest={suites} {params}".strip(), timeout=timeout,
                expect=list(expect) + [line, "ktest: "],
                verify=both(no_not_ok, once(line), ran(runs), skipped(skips)))


def shell(name, params, expect, verify):
    return Test(f"initon_{name}", "128M", params, exit_code=0, timeout=60,
                serial_input=SHELL_INPUT, expect=expect + ["MemTotal:", "reboot: Power down"],
                verify=verify)


TESTS = [
    # off/off is the default: the line says so, the garbage checks skip, the
    # checks that hold on every boot (ctor, __GFP_ZERO) run
    ktest("default_off", "128M", "", auto_init("off", "off"),
          runs=["meminit.kmem_cache_sizes_ctor_zero_bulk", "meminit.gfp_zero_always_zeroes"],
          skips=["meminit.pages_every_order",
                 "meminit.kmalloc_and_vmalloc_every_power_of_two"]),
    ktest("alloc", "128M", "init_on_alloc=1", auto_init("on", "off"), runs=MEMINIT_TESTS),
    ktest("free", "128M", "init_on_free=1", auto_init("off", "on"), runs=MEMINIT_TESTS),
    ktest("both", "128M", "init_on_alloc=1 init_on_free=1", auto_init("on", "on"),
          runs=MEMINIT_TESTS),
    # kstrtobool spells on and off as "on", "off" too; the last init_on_free= counts
    ktest("spellings", "128M", "init_on_alloc=on init_on_free=1 init_on_free=off",
          auto_init("on", "off"), runs=MEMINIT_TESTS),
    # HighMem pages are zeroed through a temporary mapping
    ktest("highmem_both", "1G", "init_on_alloc=1 init_on_free=1", auto_init("on", "on"),
          runs=MEMINIT_TESTS + ["meminit.highmem_pages"]),
    # slub_debug keeps its red zones and tracks with init_on_free on: no report
    ktest("slub_debug_ZU_both", "128M", "slub_debug=ZU init_on_alloc=1 init_on_free=1",
          auto_init("on", "on"), runs=MEMINIT_TESTS, suites="meminit,slub"),
    ktest("slub_debug_FZPU_both", "128M", "slub_debug=FZPU init_on_alloc=1 init_on_free=1",
          auto_init("on", "on"), runs=MEMINIT_TESTS, suites="meminit,slub"),
    # page_poison=1 takes precedence over both, as in Linux
    ktest("page_poison_wins", "128M", "page_poison=1 init_on_free=1 init_on_alloc=1",
          auto_init("off", "off"),
          expect=["mem auto-init: CONFIG_PAGE_POISONING is on, will take precedence over "
                  "init_on_alloc and init_on_free"],
          skips=["meminit.pages_every_order"]),
    # every ktest passes with both on
    Test("initon_ktest_all_both", "128M", "ktest=all init_on_alloc=1 init_on_free=1",
         timeout=300, expect=[auto_init("on", "on"), CLEARING, "ktest: "],
         verify=both(no_not_ok, ran(MEMINIT_TESTS))),
    # a bad value: Linux's message, the option keeps its default (off)
    shell("bad_values", "init_on_alloc=banana init_on_free=o init_on_alloc",
          ["Malformed early option 'init_on_alloc'", "Malformed early option 'init_on_free'",
           "Malformed early option 'init_on_alloc'", auto_init("off", "off")],
          both(once(auto_init("off", "off")),
               lambda lines: [] if not any("Unknown kernel command line" in l for l in lines)
               else ["init_on_* passed to user space"])),
    # a bad value after a good one leaves the good one
    shell("bad_after_good", "init_on_free=1 init_on_free=maybe",
          ["Malformed early option 'init_on_free'", auto_init("off", "on"), CLEARING],
          once(auto_init("off", "on"))),
]
