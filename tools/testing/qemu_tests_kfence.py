"""QEMU tests of KFENCE (issue 13): the kfence ktests with KFENCE on,
ktest=all with every allocation KFENCE can take sampled (1 ms), with and
without slub_debug, kfence.sample_interval=0 turning it off as Linux does,
bad values refused with Linux's message, and a shell session that plants
each kind of bug, gets Linux's report for it and keeps going, then shows the
stats and objects views. Loaded by qemu_boot_test.py."""
import re

from qemu_boot_test import Test

INIT = re.compile(r"^(?:\[ *\d+\.\d+\] )?kfence: initialized - using 2097152 bytes for 255 "
                  r"objects at 0x[0-9a-f]{8}-0x[0-9a-f]{8}$")
STAMP = r"^(?:\[ *\d+\.\d+\] )?"


def initialized(times):
    """verify: the init line, as Linux prints it, `times` times (0 or 1)."""
    def check(lines):
        n = sum(1 for l in lines if INIT.search(l))
        return [] if n == times else [f"{n} 'kfence: initialized' lines, expected {times}"]
    return check


def reports(want):
    """verify: the "BUG: KFENCE:" titles, in order, are exactly `want`
    (regexes), each framed by the ===== lines."""
    def check(lines):
        titles = [l for l in lines if "BUG: KFENCE: " in l]
        errors = []
        if len(titles) != len(want):
            errors.append(f"{len(titles)} KFENCE reports, expected {len(want)}: {titles}")
        for got, pattern in zip(titles, want):
            if not re.search(STAMP + "BUG: KFENCE: " + pattern, got):
                errors.append(f"report {got!r} does not match {pattern!r}")
        frames = sum(1 for l in lines if re.search(STAMP + "=" * 66 + "$", l))
        if frames != 2 * len(titles):
            errors.append(f"{frames} ===== lines for {len(titles)} reports")
        return errors
    return check


def byte_map(lines):
    """verify: each corruption report shows Linux's "[ ! . . ]" map."""
    bad = [l for l in lines if "Corrupted memory at" in l and not re.search(
        r"Corrupted memory at 0x[0-9a-f]{8} \[ !( [.!])* \] \(in kfence-#\d+\):$", l)]
    return [f"byte map not in Linux's form: {l!r}" for l in bad]


def gfpzero_ran(lines):
    """verify: at 1 ms kfence.gfpzero runs (it skips above 10 ms)."""
    ran = any(re.search(r"ok \d+ kfence\.gfpzero$", l) for l in lines)
    return [] if ran else ["kfence.gfpzero did not run and pass"]


def all_of(*checks):
    return lambda lines: [e for c in checks for e in c(lines)]


# The 20 reports the kfence ktests plant, in the order they run.
KTEST_REPORTS = (["out-of-bounds read in test_out_of_bounds_read\\+"] * 4 +
                 ["out-of-bounds write in test_out_of_bounds_write\\+"] * 2 +
                 ["use-after-free read in test_use_after_free_read\\+"] * 2 +
                 ["invalid free in test_double_free\\+"] * 2 +
                 ["invalid free in test_invalid_addr_free\\+"] * 2 +
                 ["memory corruption in test_corruption\\+"] * 4 +
                 ["out-of-bounds read in test_kmalloc_aligned_oob_read\\+",
                  "memory corruption in test_kmalloc_aligned_oob_write\\+",
                  "invalid read in test_invalid_access\\+",
                  "use-after-free read in test_krealloc\\+"])

BUGS = ["oob-read", "oob-write", "uaf-read", "uaf-write", "double-free", "invalid-free",
        "corrupt"]
SHELL_INPUT = "\n\n\nkfence\n" + "".join(f"kfence {b}\n" for b in BUGS) + \
    "kfence\nkfence objects\nkfence nonsense\npoweroff\n"
SHELL_REPORTS = ["out-of-bounds read in plant\\+", "out-of-bounds write in plant\\+",
                 "use-after-free read in plant\\+", "use-after-free write in plant\\+",
                 "invalid free in plant\\+", "invalid free in plant\\+",
                 "memory corruption in plant\\+"]
OFF_INPUT = "\n\n\nkfence\nkfence oob-read\nkfence objects\npoweroff\n"

STATS_ZERO = ["enabled: 1", "currently allocated: 0", "total allocations: 0", "total frees: 0",
              "zombie allocations: 0", "total bugs: 0", "skipped allocations (incompatible): 0",
              "skipped allocations (capacity): 0", "skipped allocations (covered): 0"]


def seven_more(lines):
    """verify: between the shell's first and last `kfence`, seven objects were
    allocated and freed: the seven planted bugs. What pid 1 allocated while
    it set up the root file system (KFENCE may sample one of those: boot
    speed decides) is in both counts, so only the difference is checked."""
    def stat(name):
        return [int(l.rsplit(":", 1)[1]) for l in lines if l.startswith(name + ":")]
    allocs, frees, live = stat("total allocations"), stat("total frees"), stat("currently allocated")
    if len(allocs) < 2 or len(frees) < 2 or len(live) < 2:
        return ["seven_more: fewer than two kfence stat blocks"]
    errors = []
    if allocs[-1] - allocs[0] != 7 or frees[-1] - frees[0] != 7:
        errors.append(f"allocations {allocs[0]}->{allocs[-1]}, frees {frees[0]}->{frees[-1]}: not 7 each")
    if live[-1] != live[0]:
        errors.append(f"currently allocated {live[0]} -> {live[-1]}: a planted object stayed")
    return errors


def bad_value(value):
    """A bad value after a good one: refused, and the good one stays."""
    return Test(f"kfence_bad_value_{re.sub(r'[^a-z0-9]', '_', value) or 'empty'}", "128M",
                f"kfence.sample_interval=100 kfence.sample_interval={value} "
                "ktest=kfence.pool_layout", timeout=60,
                expect=[f"Booting kernel: `{value}' invalid for parameter "
                        "`kfence.sample_interval'",
                        "kfence: initialized - using 2097152 bytes for 255 objects at 0x",
                        "ok 1 kfence.pool_layout", "ktest: 1 passed, 0 failed"],
                verify=initialized(1))


TESTS = [
    Test("kfence_default_off", "128M", "ktest=kfence.pool_layout", timeout=60,
         expect=["ok 1 kfence.pool_layout # SKIP KFENCE is off"], verify=initialized(0)),
    # Linux's upstream default interval; gfpzero needs one <= 10 ms and skips.
    Test("kfence_ktest", "128M", "kfence.sample_interval=100 ktest=kfence", timeout=120,
         expect=["kfence: initialized - using 2097152 bytes for 255 objects at 0x",
                 "ok 21 kfence.gfpzero # SKIP", "ktest: 22 passed, 0 failed, 1 skipped"],
         verify=all_of(initialized(1), reports(KTEST_REPORTS), byte_map)),
    Test("kfence_ktest_10ms", "128M", "kfence.sample_interval=10 ktest=kfence", timeout=120,
         expect=["ok 21 kfence.gfpzero", "ktest: 23 passed, 0 failed"],
         verify=reports(KTEST_REPORTS)),
    # Every ms a sample: the whole suite runs beside KFENCE objects, and the
    # only reports are the ones the kfence ktests plant.
    Test("kfence_ktest_all_1ms", "128M", "kfence.sample_interval=1 ktest=all", timeout=300,
         expect=[" kfence.gfpzero", "ktest: "],
         verify=all_of(initialized(1), reports(KTEST_REPORTS), gfpzero_ran)),
    Test("kfence_ktest_all_1ms_slub_debug", "128M",
         "slub_debug=FZPU kfence.sample_interval=1 ktest=all", timeout=300,
         expect=["ktest: "], verify=reports(KTEST_REPORTS)),
    # 0 (also the default, as Debian's 686 kernel): no pool, no init line,
    # every kfence ktest skips (Linux: the same, its kunit test skips without
    # __kfence_pool).
    Test("kfence_off_ktest", "128M", "kfence.sample_interval=0 ktest=kfence", timeout=60,
         expect=["ok 1 kfence.pool_layout # SKIP KFENCE is off",
                 "ktest: 0 passed, 0 failed, 23 skipped"],
         verify=all_of(initialized(0), reports([]))),
    Test("kfence_off_shell", "128M", "kfence.sample_interval=0", exit_code=0, timeout=60,
         serial_input=OFF_INPUT,
         expect=["> kfence", "enabled: 0", "currently allocated: 0", "total allocations: 0",
                 "> kfence oob-read",
                 "kfence: not enabled (kfence.sample_interval=0, or no pool)",
                 "> kfence objects", "> poweroff", "reboot: Power down"],
         verify=all_of(initialized(0), reports([]))),
    bad_value("abc"),
    bad_value("-1"),
    bad_value("100ms"),
    bad_value("99999999999999999999"),
    # Each bug planted from the shell: its report, and the next command runs.
    Test("kfence_shell", "128M", "kfence.sample_interval=100", exit_code=0, timeout=120, serial_input=SHELL_INPUT,
         expect=["> kfence", "enabled: 1", "total bugs: 0", "skipped allocations (capacity): 0",
             "> kfence oob-read", "kfence: kmalloc(32) = ", "BUG: KFENCE: out-of-bounds read in plant+",
             "Out-of-bounds read at 0x",
             ", size=32, cache=kmalloc-32", "allocated by task 1 on cpu 0 at ",
             " kfence_shell+", "CPU: 0 PID: 1 Comm: init",
             "> kfence oob-write", "BUG: KFENCE: out-of-bounds write in plant+",
             "> kfence uaf-read", "BUG: KFENCE: use-after-free read in plant+",
             "Use-after-free read at 0x", "freed by task 1 on cpu 0 at ",
             "> kfence uaf-write", "BUG: KFENCE: use-after-free write in plant+",
             "> kfence double-free", "BUG: KFENCE: invalid free in plant+", "Invalid free of 0x",
             "> kfence invalid-free", "BUG: KFENCE: invalid free in plant+",
             "> kfence corrupt", "BUG: KFENCE: memory corruption in plant+",
             "Corrupted memory at 0x",
             "> kfence", "enabled: 1", "total bugs: 7",
             "> kfence objects", "kfence-#0: 0x", "freed by task 1 on cpu 0 at ",
             "---------------------------------",
             "> kfence nonsense", "usage: kfence [stats|objects|oob-read|",
             "> poweroff", "reboot: Power down"],
         verify=all_of(initialized(1), reports(SHELL_REPORTS), byte_map, seven_more)),
]
