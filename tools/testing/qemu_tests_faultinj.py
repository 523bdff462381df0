"""QEMU tests of fault injection (lib/fault-inject.cpp, mm/failslab.cpp,
mm/fail_page_alloc.cpp) and of the ktest runner's memory checks
(kernel/ktest_fail_nth.cpp): boots with failslab= and fail_page_alloc=
that print Linux's FAULT_INJECTION report and keep going, bad values that
get Linux's message and are ignored, and the fail-nth sweep over every
ktest, split by suite so CTest runs the parts side by side. The CI share
samples at most 60 values of n per test (12 and 20 in the two slow
suites); `make test-long` runs every n.
Loaded by qemu_boot_test.py."""
from qemu_boot_test import Test

FORCED = "FAULT_INJECTION: forcing a failure."


def shell(name, cmdline, serial_input, expect, verify=None):
    return Test(f"faultinj_{name}", "128M", cmdline, exit_code=0, timeout=60,
                serial_input="\n\n\n" + serial_input + "poweroff\n",
                expect=expect + ["reboot: Power down"], verify=verify)


def no_line(text):
    def check(lines):
        bad = [l for l in lines if text in l]
        return [f"unexpected: {bad[:3]}"] if bad else []
    return check


def sweep_ran(lines):
    """verify: the sweep said what it did for at least one test with
    allocations, and nothing misbehaved."""
    said = [l for l in lines if "fail_nth: " in l and " allocations, " in l]
    bad = [l for l in lines if "misbehaved; once more" in l or l.startswith("not ok")]
    errors = [] if any(" 0 allocations" not in l for l in said) else ["no swept test allocated"]
    return errors + ([f"sweep failures: {bad[:5]}"] if bad else [])


# The big suites on their own, so CTest runs the parts side by side; "rest"
# is every other suite, those added later included ("-suite" leaves one out).
SWEEP_PARTS = {
    "rest": "all,-memblock,-page_alloc,-slub,-vmalloc",
    "memblock": "memblock",
    "page_alloc": "page_alloc",
    "slub": "slub",
    "vmalloc": "vmalloc",
}


def sweep(part, suites, runs="60", timeout=230):
    return Test(f"faultinj_sweep_{part}", "128M", f"ktest={suites} ktest.fail_nth={runs}",
                timeout=timeout, expect=["ktest: "], verify=sweep_ran)


TESTS = [
    # failslab=1,100,0,2 taken from the boot line; with ignore-gfp-wait N
    # the next two kmalloc()s fail, each with the two lines and a stack,
    # and the third succeeds; the kernel keeps going.
    shell("failslab_boot", "failslab=1,100,0,2",
          "fail\nfail failslab ignore-gfp-wait N\nkmalloc 100\nkmalloc 100\nkmalloc 100\nfail\n",
          ["failslab: interval 1, probability 100, space 0, times 2, verbose 2, failures 0",
           "> kmalloc 100", FORCED, "name failslab, interval 1, probability 100, space 0, times 2",
           "Call Trace:", "> kmalloc 100", FORCED,
           "name failslab, interval 1, probability 100, space 0, times 1", "> kmalloc 100",
           "> fail", "failslab: interval 1, probability 100, space 0, times 0, verbose 2, "
           "failures 2", "  ignore-gfp-wait N, cache-filter N",
           "fail_page_alloc: interval 1, probability 0, space 0, times 1, verbose 2, failures 0",
           "  ignore-gfp-wait Y, ignore-gfp-highmem Y, min-order 1"]),
    # From the shell: GFP_KERNEL kmalloc fails once ignore-gfp-wait is N;
    # the shell says it got NULL and keeps going.
    shell("failslab_shell", "", "fail failslab ignore-gfp-wait N\nfail failslab probability 100\n"
          "fail failslab times 1\nfail failslab verbose 1\nkmalloc 100\nkmalloc 100\nfail\n",
          ["> kmalloc 100", FORCED,
           "name failslab, interval 1, probability 100, space 0, times 1",
           "> kmalloc 100", "> fail", "failslab: interval 1, probability 100, space 0, times 0, "
           "verbose 1, failures 1"]),
    # fail_page_alloc=1,100,0,1 with the knobs opened from the shell: one
    # order-1 allocation fails, quietly for the allocator (no warn_alloc).
    shell("fail_page_alloc_shell", "fail_page_alloc=1,100,0,1",
          "fail fail_page_alloc ignore-gfp-wait N\nalloc 1\nalloc 1\nfail\n",
          ["> alloc 1", FORCED, "name fail_page_alloc, interval 1, probability 100, space 0, "
           "times 1", "Call Trace:", "> alloc 1", "> fail",
           "fail_page_alloc: interval 1, probability 100, space 0, times 0, verbose 2, "
           "failures 1"], verify=no_line("page allocation failure")),
    # fail nth: the 1st allocation of the next command fails.
    shell("fail_nth_shell", "", "fail failslab ignore-gfp-wait N\nfail failslab verbose 1\n"
          "fail nth 1\nkmalloc 64\nfail\n",
          ["> kmalloc 64", FORCED, "name failslab, interval 1, probability 0, space 0, times 1",
           "fail-nth 0, should_fail calls "]),
    # Bad values: Linux's message, ignored; the attribute fails nothing.
    shell("bad_values", "failslab=1,2 fail_page_alloc=x,y,z,w failslab=1,100,-1 "
          "ktest.fail_nth=garbage", "fail\n",
          ["FAULT_INJECTION: failed to parse arguments",
           "FAULT_INJECTION: failed to parse arguments",
           "FAULT_INJECTION: failed to parse arguments",
           "ktest.fail_nth=garbage: expected \"all\" or a number of runs per test",
           "failslab: interval 1, probability 0, space 0, times 1, verbose 2, failures 0",
           "fail_page_alloc: interval 1, probability 0, space 0, times 1, verbose 2, failures 0"],
          verify=no_line(FORCED)),
    # ktest=all with every allowed allocation failing, forever: 6.1's
    # defaults spare what may sleep (GFP_KERNEL), so every test still
    # passes, and the kernel has no GFP_ATOMIC user that would fall over.
    Test("faultinj_ktest_all_failslab", "128M",
         "ktest=all failslab=1,100,0,-1 fail_page_alloc=1,100,0,-1", timeout=120,
         expect=["ktest: "]),
    # The runner's baseline check catches a leak, names the cache.
    Test("faultinj_baseline_catches_a_leak", "128M", "ktest=ktest_leak.kmalloc_and_forget",
         exit_code=35, timeout=30,
         expect=["ok 1 ktest_leak.kmalloc_and_forget",
                 "    # ktest_leak: kmalloc-128: 1 objects not given back",
                 "not ok 2 ktest_leak.baseline # leaked: 1 pages kmalloc-128 +1",
                 "ktest: 1 passed, 1 failed"]),
    # memblock.scribble_free_memory writes all of free RAM each run, and
    # vmalloc.sizes_up_to_64M maps up to 64M each run: fewer n for those.
    *[sweep(part, suites, runs={"memblock": "12", "vmalloc": "20"}.get(part, "60"))
      for part, suites in SWEEP_PARTS.items()],
]

# Every n for every test: `make test-long` (tools/testing/run_long.py).
# vmalloc.sizes_up_to_64M makes 38000 allocations of up to 64M: every n
# would take hours, so that part samples 2000.
LONG_TESTS = [sweep(part + "_all", suites, runs="2000" if part == "vmalloc" else "all",
                    timeout=3600)
              for part, suites in SWEEP_PARTS.items()]
