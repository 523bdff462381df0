"""QEMU tests of the in-kernel test runner (kernel/ktest.cpp) and the ktests:
each configuration below once hung, panicked or failed a ktest that assumed
a machine the kernel was not booted as. Every boot must end in a passing
`ktest=all` (exit code 33): a test follows the configuration or skips with
its reason. Then a panic under ktest= (an exit code, never a hang), the
panic end marker on one line, the first WARNING "Not tainted", and the
`ktest list` action at boot and in the shell."""
from qemu_boot_test import Test

NO_FAILURES = "ktest: "  # the summary line; the exit code says whether all passed


def ktest_all(name, mem, params="", grub_extra="", expect=(), timeout=120, runs=()):
    """ktest=all with params: every test passes or skips (exit code 33);
    the tests in runs must pass, not skip."""
    cmdline = ("ktest=all " + params).strip()
    checks = [no_not_ok] + [ran(r) for r in runs]
    return Test(f"ktest_{name}", mem, cmdline, grub_extra=grub_extra, timeout=timeout,
                expect=list(expect) + [NO_FAILURES],
                verify=lambda lines: [e for c in checks for e in c(lines)])


def no_not_ok(lines):
    bad = [l for l in lines if l.startswith("not ok ")]
    return [f"failed ktests: {bad}"] if bad else []


def ran(name):
    """verify: the test ran and passed; a SKIP does not count."""
    def check(lines):
        got = [l for l in lines if l.startswith("ok ") and l.split(" ")[2:3] == [name]]
        return [] if got and "# SKIP" not in got[0] else [f"{name} did not run and pass: {got}"]
    return check


def first_warning_not_tainted(lines):
    """Linux's __warn taints (W) only after its report: the first WARNING's
    CPU line reads "Not tainted"."""
    i = next((n for n, l in enumerate(lines) if l.startswith("WARNING: CPU: 0")), None)
    if i is None:
        return ["no WARNING line"]
    cpu = next((l for l in lines[i:] if l.startswith("CPU: 0 PID: 0")), "")
    return [] if "Not tainted" in cpu else [f"first WARNING's CPU line: {cpu!r}"]


def default_panic(test):
    """The harness adds panic=-1 unless told not to: these boots test what a
    ktest= boot does with the default panic=0."""
    test.default_panic = True
    return test


TESTS = [
    # The runner's own check: an ASSERT ends its function, an EXPECT does not.
    Test("ktest_assert_stops", "16M", "ktest=ktest", timeout=30,
         expect=["assertion failed, the test stops:", "# ktest.scratch: kernel/ktest_ktest.cpp:",
                 "ok 1 ktest.assert_stops_expect_goes_on", "ktest: 1 passed, 0 failed"]),
    # vmalloc.sizes_up_to_64M once shrank its largest size to 0 and looped forever.
    ktest_all("mem_8M", "128M", "mem=8M", runs=["vmalloc.sizes_up_to_64M"], timeout=60),
    ktest_all("8M", "8M", runs=["vmalloc.sizes_up_to_64M", "e820.low_memory_as_a_pc_has_it"],
              timeout=60),
    # Grouping by mobility is off below 20M: freed pages wait on the MOVABLE list.
    *[ktest_all(m, m, runs=["page_alloc.pcp_reuses_hot_pages"], timeout=60)
      for m in ("17M", "18M", "19M", "20M")],
    # No vmalloc range at all (or a tiny one): the vmalloc users skip or shrink.
    ktest_all("vmalloc_0", "1G", "vmalloc=0"),
    ktest_all("vmalloc_garbage", "1G", "vmalloc=garbage"),
    ktest_all("vmalloc_4G", "1G", "vmalloc=4G"),
    ktest_all("vmalloc_1M", "1G", "vmalloc=1M", runs=["vmalloc.sizes_up_to_64M"]),
    # highmem=0 leaves the RAM above lowmem unused: max_pfn below memblock's end.
    ktest_all("highmem_0", "1G", "highmem=0", runs=["mm.memblock_memory_matches_e820"]),
    # Unknown slub_debug flags are skipped; Z alone still catches a double free.
    ktest_all("slub_debug_XYZ", "128M", "slub_debug=XYZ",
              expect=["slub_debug option 'X' unknown. skipped"],
              runs=["slub.bad_frees_are_reported"]),
    # A hole in RAM above 1M: the e820 test once wanted RAM from 1M to 15M.
    ktest_all("cutmem_8M_9M", "128M", grub_extra="cutmem 8M 9M",
              runs=["e820.low_memory_as_a_pc_has_it"], timeout=60),
    # Watermarks that keep half of RAM: vmalloc sizes fit what is above them.
    ktest_all("min_free_kbytes_64M", "128M", "min_free_kbytes=65536",
              runs=["vmalloc.sizes_up_to_64M"], timeout=60),
    # A panic under ktest= without panic=: the run ends with a failing exit
    # code (no halt), and the reason's trailing newline does not split the
    # end marker (Linux drops it).
    default_panic(Test("ktest_panic_exits", "16M", "ktest=crash.panic", exit_code=35, timeout=30,
                       expect=["Kernel panic - not syncing: ktest: a panic on purpose",
                               "---[ end Kernel panic - not syncing: ktest: a panic on purpose ]---",
                               "not ok 1 crash.panic # panic",
                               "ktest: panic in crash.panic, after 0 passed and 0 failed; "
                               "exiting with a failure"])),
    default_panic(Test("ktest_oops_exits", "16M", "ktest=crash.null_deref", exit_code=35, timeout=30,
                       expect=["BUG: kernel NULL pointer dereference",
                               "---[ end Kernel panic - not syncing: Fatal exception ]---",
                               "not ok 1 crash.null_deref # panic",
                               "ktest: panic in crash.null_deref"])),
    # The first WARNING: cut here, the message, WARNING, Modules linked in,
    # then a CPU line that is not yet tainted.
    Test("ktest_first_warning_not_tainted", "16M", "ktest=panic.warn_continues", timeout=30,
         expect=["------------[ cut here ]------------", "ktest: this warning is expected",
                 "WARNING: CPU: 0 PID: 0 at arch/x86/tests/boot_ktest.cpp:",
                 "Modules linked in:", "CPU: 0 PID: 0 Comm: swapper Not tainted",
                 "---[ end trace 0000000000000000 ]---", "ktest: 1 passed, 0 failed"],
         verify=first_warning_not_tainted),
    # Early params see every word: a bare "panic" has no value to parse.
    Test("ktest_bare_panic_word", "16M", "ktest=boot panic", timeout=30,
         expect=["Malformed early option 'panic'", "ktest: "]),
    # ktest=list (KUnit's kunit.action=list): every test by name, in run order.
    Test("ktest_list", "16M", "ktest=list", timeout=30,
         expect=["KTAP version 1", "boot.running_at_page_offset",
                 "crash.null_deref # only by full name: it crashes on purpose",
                 "bench.allocators # not in all: by its suite or full name",
                 "vmalloc.sizes_up_to_64M", " tests; run them with ktest=all"]),
    Test("ktest_list_shell", "16M", "", exit_code=0, timeout=60,
         serial_input="\n\n\n\nktest list\npoweroff\n",
         expect=["> ktest list", "KTAP version 1", "boot.running_at_page_offset",
                 "crash.null_deref # only as ktest=suite.name at boot: it crashes on purpose",
                 " tests; run them with ktest=all", "Power down"]),
]
