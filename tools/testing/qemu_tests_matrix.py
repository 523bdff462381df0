"""The boot-parameter matrix (issue 12, "close the classes"): every documented
parameter and every early_param/__setup in the tree, with its edge values
(0, 1, the largest sensible, just past it, 2^32, 2^64, -1) and with garbage,
and every memory size from the smallest that boots to 8G.

Each boot must end in one of the ways a student can act on:
  SHELL  the prompt comes up, "meminfo" answers and "poweroff" powers down;
  KTEST  ktest=all (or a smaller selection) passes: exit code 33;
  PANIC  "Kernel panic - not syncing: <reason>", then the reboot panic=-1
         asks for (the runner adds panic=-1): QEMU exits 0;
  GRUB   the boot loader cannot load us and says so (exit code 37);
  NOMATCH a ktest= selection that names no test, said in words (exit 35).
Never a hang (the 60 s timeout), a reset without a panic line, an oops, a
nested oops, a bare "kernel BUG at", a failed ktest or a reasonless panic:
failures() below rejects each of these in every case, whatever was expected.
A value the kernel does not take must be said to be not taken (REFUSED at
the end), never wrapped or dropped silently.

The expected outcome is what the kernel should do, after Linux where Linux
has an answer (said beside the case), not what it does today: a case that
fails today stays in the matrix until the bug is fixed.
Most cases boot at 16M or 128M (a boot takes 1-3 s); only the size sweep
boots the large machines, so the whole matrix runs in a few minutes.
"""
import re

from qemu_boot_test import Test

SHELL_INPUT = "\n\n\nmeminfo\npoweroff\n"
TIMEOUT = 60
PANIC_TIMEOUT = 20

# A panic about memory must say how much there is and how much is needed:
# "Failed to allocate 4096 bytes" is a reason for a developer, not a student.
RAM_REASON = r"(?i)(RAM|memory|lowmem).*\d+ ?[KMG]"


class Outcome:
    """One acceptable end of a boot: how QEMU exits and what the log shows."""

    def __init__(self, kind, exit_code, reason=None, power_down_shown=True):
        self.kind, self.exit_code, self.reason = kind, exit_code, reason
        # "reboot: Power down" is KERN_EMERG, the ktest summary KERN_INFO:
        # a console level may hide them (the exit code still tells)
        self.power_down_shown = self.summary_shown = power_down_shown

    def problem(self, lines):
        """None if the log ends this way, else what is missing."""
        if self.kind == "SHELL":
            if not any("MemTotal:" in l for l in lines):
                return "no meminfo answer in the shell"
            if self.power_down_shown and not any("reboot: Power down" in l for l in lines):
                return "no 'reboot: Power down' after poweroff"
            return None
        if self.kind == "KTEST":
            passed = re.compile(r"^ktest: \d+ passed, 0 failed")
            if self.summary_shown and not any(passed.search(l) for l in lines):
                return "no 'ktest: N passed, 0 failed' line"
            return None
        if self.kind == "NOMATCH":
            if not any("ktest: no test matches" in l for l in lines):
                return "no 'ktest: no test matches' line"
            return None
        if self.kind == "OOPS":
            for want in ("EIP: ", "Call Trace:", "Kernel panic - not syncing: Fatal exception",
                         "reboot: Restarting system"):
                if not any(want in l for l in lines):
                    return f"the oops has no {want!r} line"
            return None
        if self.kind == "GRUB":
            if not any("mmlab: GRUB could not load the kernel" in l for l in lines):
                return "no GRUB error line"
            return None
        reasons = [panic_reason(l) for l in lines if panic_reason(l) is not None]
        if not reasons:
            return "no 'Kernel panic - not syncing:' line"
        if not re.search(self.reason, reasons[0]):
            return f"panic reason {reasons[0]!r} does not match {self.reason!r}"
        if not any("reboot: Restarting system" in l for l in lines):
            return "the panic did not reboot as panic=-1 asks"
        return None


SHELL = Outcome("SHELL", 0)
SHELL_SILENT = Outcome("SHELL", 0, power_down_shown=False)  # loglevel=0 hides KERN_EMERG
KTEST = Outcome("KTEST", 33)
KTEST_QUIET = Outcome("KTEST", 33, power_down_shown=False)  # quiet: KERN_INFO hidden, as Linux
NOMATCH = Outcome("NOMATCH", 35)
GRUB = Outcome("GRUB", 37)
OOPS = Outcome("OOPS", 0)  # a crash on purpose (ktest=crash.*): shown in full


def PANIC(reason=RAM_REASON):
    return Outcome("PANIC", 0, reason)


# Lines that show a boot got somewhere a student can see, expected or not.
END_LINE = re.compile(r"^> \w|MemTotal:|reboot: Power down|^ktest: (\d+ passed|no test matches)|"
                      r"mmlab: GRUB could not load|Kernel panic - not syncing")


def panic_reason(line):
    m = re.search(r"Kernel panic - not syncing: ?(.*)$", line)
    if not m or line.startswith("---[ end"):
        return None
    return m.group(1).strip()


OOPS_HEADER = re.compile(r"\[#\d+\]")
FAULT_BUG = re.compile(r"BUG: (unable to handle|kernel NULL pointer|stack guard page)")


def failures(lines, outcomes):
    """Everything wrong with a log; first the line a reader should see first.
    ktest=all prints "BUG: Bad page state" and "BUG kmalloc-64" on purpose
    (planted corruption), so nesting is counted on oops headers and faults."""
    errors = []
    headers = [l for l in lines if OOPS_HEADER.search(l) or l.startswith("Oops:")]
    faults = [l for l in lines if FAULT_BUG.search(l)]
    if len(headers) > 1 or len(faults) > 1:
        errors.append(f"nested oops ({max(len(headers), len(faults))} oopses): "
                      f"{(faults or headers)[0]!r}")
    elif (headers or faults) and not any(o.kind == "OOPS" for o in outcomes):
        errors.append(f"oops: {(faults or headers)[0]!r}")
    errors += [f"bare {l!r}" for l in lines if "kernel BUG at" in l][:1]
    errors += [f"ktest failure: {l!r}" for l in lines if l.startswith("not ok")][:3]
    for l in lines:
        r = panic_reason(l)
        if r == "":
            errors.append(f"panic without a reason: {l!r}")
        elif r == "Fatal exception" and not (headers or faults):
            errors.append(f"'Fatal exception' without an oops: {l!r}")
    problems = [o.problem(lines) for o in outcomes]
    if all(problems):
        kinds = "/".join(o.kind for o in outcomes)
        last = next((l for l in reversed(lines) if l.strip()), "(nothing on COM1)")
        if not any(END_LINE.search(l) for l in lines):
            errors.append(f"expected {kinds}, but no end at all (a hang, or a reset without "
                          f"a panic line) after {last!r}")
        else:
            errors.append(f"expected {kinds}: {'; '.join(problems)}; last line {last!r}")
    return errors


def case(name, mem, cmdline, *outcomes, grub_extra=""):
    """outcomes: the acceptable ends, the first the one expected; a SHELL
    end types SHELL_INPUT."""
    shell = any(o.kind == "SHELL" for o in outcomes)
    codes = {o.exit_code for o in outcomes}
    # a panic comes within a second of the boot: no need to wait a minute
    # for a halt that should have been a reboot
    timeout = PANIC_TIMEOUT if all(o.kind == "PANIC" for o in outcomes) else TIMEOUT
    return Test(f"matrix_{name}", mem, cmdline, grub_extra=grub_extra,
                exit_code=codes.pop() if len(codes) == 1 else None, timeout=timeout,
                serial_input=SHELL_INPUT if shell else None,
                verify=lambda lines, o=outcomes: failures(lines, o))


TWO32, TWO64 = "4294967296", "18446744073709551616"

# --- memory sizes -------------------------------------------------------------------
# boot_16M/128M/1G/3G/4G/8G already run ktest=all at those sizes: here they
# end in the shell, and every other size runs ktest=all. Below 6M GRUB itself
# runs out of memory (5M was enough until processes grew the image, debug
# information included, which GRUB loads too); mem= then takes RAM away
# below what GRUB needs.
# ktest=all takes 10-40 s above 512M, so the large sizes between the
# boot_* ones end in the shell too.
# 900M: the smallest size here with HighMem (lowmem ends at 888M).
SIZES_KTEST = ["17M", "20M", "24M", "32M", "64M", "256M", "900M"]
SIZES_SHELL = ["16M", "128M", "512M", "896M", "1G", "2G", "3G", "3584M", "4G", "8G"]

TESTS = [case(f"size_{m}", m, "ktest=all", KTEST) for m in SIZES_KTEST]
TESTS += [case(f"size_{m}_shell", m, "", SHELL) for m in SIZES_SHELL]
TESTS += [
    case("size_4M", "4M", "", GRUB),  # GRUB: "error: out of memory."
    case("size_5M", "5M", "", GRUB),  # GRUB: "error: out of memory." (2 MB of ELF)
    case("size_6M", "6M", "", SHELL),  # the smallest -m that GRUB can load us in
    case("size_8M", "8M", "ktest=all", KTEST),
    case("size_12M", "12M", "ktest=all", KTEST),
    case("size_15M", "15M", "ktest=all", KTEST),
]

# GRUB's cutmem takes RAM out of the map before we see it. A hole at 1M-2M
# leaves the image GRUB loaded at 1M outside RAM: Linux would map around it
# and crash unseen; here the image's pages are RAM anyway, and the ktests
# follow the map it got (more holes: qemu_tests_boot2.py).
# Below, all RAM but the image's first megabyte.
TESTS += [
    case("cutmem_1M_2M", "128M", "ktest=all", KTEST, grub_extra="cutmem 1M 2M"),
    case("cutmem_2M_128M", "128M", "", PANIC(), GRUB, grub_extra="cutmem 2M 128M"),
]

# --- mem= (Linux: parse_memopt; 0 or a word that is not a size is refused) ----------
# The image ends near 2M + 16K and needs 512K free lowmem beside it: mem=2M
# cannot boot whatever the image's size, mem=2560K keeps a margin (the exact
# threshold lies between 2048K and 2112K today).
TESTS += [
    case("mem_0", "16M", "mem=0", SHELL),  # Linux: -EINVAL, map kept
    case("mem_1", "128M", "mem=1", PANIC()),  # one byte of RAM
    case("mem_1M", "128M", "mem=1M", PANIC()),
    case("mem_2M", "128M", "mem=2M", PANIC()),
    case("mem_2M_ktest", "128M", "ktest=all mem=2M", PANIC()),  # a failing exit, not a halt
    case("mem_2560K", "128M", "mem=2560K", SHELL),  # about the smallest that boots
    case("mem_3M", "128M", "mem=3M", SHELL),
    case("mem_4M", "128M", "ktest=all mem=4M", KTEST),
    case("mem_8M", "128M", "ktest=all mem=8M", KTEST),
    case("mem_64M", "128M", "ktest=all mem=64M", KTEST),
    case("mem_2pow32", "128M", f"ktest=all mem={TWO32}", KTEST),  # 4G: nothing removed
    case("mem_2pow64", "16M", f"mem={TWO64}", SHELL),  # does not fit: refused
    case("mem_minus1", "16M", "mem=-1", SHELL),  # not a size: refused
    case("mem_garbage", "16M", "mem=lots", SHELL),
    case("mem_no_value", "16M", "mem", SHELL),
    case("mem_trailing", "16M", "mem=64Mx", SHELL),
]

# --- memmap= (Linux: parse_memmap_opt, every form, lists, exactmap) -----------------
TESTS += [
    case("memmap_exactmap_alone", "128M", "memmap=exactmap", PANIC()),
    case("memmap_exactmap_640K", "128M", "memmap=exactmap memmap=640K@0", PANIC()),
    case("memmap_exactmap_small", "128M", "memmap=exactmap memmap=640K@0 memmap=3M@1M", SHELL),
    case("memmap_reserve", "128M", "ktest=all memmap=4M$0x2000000", KTEST),
    case("memmap_acpi", "128M", "ktest=all memmap=64K#0x3000000", KTEST),
    case("memmap_pram", "128M", "ktest=all memmap=1M!0x4000000", KTEST),
    case("memmap_retype", "128M", "ktest=all memmap=4M%0x2000000-1+2", KTEST),
    case("memmap_retype_add", "128M", "ktest=all memmap=4M%0x2000000+2", KTEST),
    case("memmap_retype_remove", "128M", "ktest=all memmap=4M%0x2000000-1", KTEST),
    case("memmap_list", "128M", "ktest=all memmap=4M$0x2000000,64K#0x3000000", KTEST),
    case("memmap_limit", "128M", "ktest=all memmap=64M", KTEST),  # like mem=64M
    case("memmap_0", "128M", "memmap=0", PANIC()),  # Linux: removes all RAM
    case("memmap_above_4G", "128M", "ktest=all memmap=1G@4G", KTEST),  # no PAE: unused
    # RAM the machine does not have (Linux trusts memmap= and dies unseen)
    case("memmap_missing_ram", "128M", "ktest=all memmap=64M@256M", KTEST),
    case("memmap_missing_ram_16M", "16M", "memmap=64M@32M", SHELL),
    # the image reserved: its pages are RAM anyway (keep_kernel_image_ram)
    case("memmap_over_kernel", "128M", "ktest=all memmap=1M$0x100000", KTEST),
    case("memmap_2pow32", "128M", f"ktest=all memmap=1M${TWO32}", KTEST),
    case("memmap_2pow64", "16M", f"memmap={TWO64}@0", SHELL),  # does not fit: refused
    case("memmap_minus1", "16M", "memmap=-1", SHELL),
    case("memmap_garbage", "16M", "memmap=xyz", SHELL),
    case("memmap_bad_sep", "16M", "memmap=1M^0x100000", SHELL),
    case("memmap_bad_types", "16M", "memmap=4M%0x800000-99+98", SHELL),
    case("memmap_empty", "16M", "memmap=", SHELL),
    case("memmap_commas", "16M", "memmap=,,,", SHELL),
]

# --- memblock=, vmalloc=, highmem=, nopse -------------------------------------------
# vmalloc= (Linux: parse_vmalloc) takes room from the 1016M window above
# PAGE_OFFSET; a value the window cannot hold must be refused or clamped
# with a message (Linux wraps it silently), or stop with a clear panic.
# highmem= (Linux: lowmem_pfn_init) is ignored, with a message, when it is
# bigger than RAM or would leave less than 64M of lowmem.
VM_REASON = r"(?i)vmalloc|lowmem|RAM"
TESTS += [
    case("memblock_debug", "16M", "ktest=all memblock=debug", KTEST),
    case("memblock_garbage", "16M", "memblock=xyz", SHELL),
    case("memblock_no_value", "16M", "memblock", SHELL),
    case("vmalloc_0", "128M", "ktest=all vmalloc=0", KTEST),
    case("vmalloc_1", "128M", "ktest=all vmalloc=1", KTEST),
    case("vmalloc_1M", "128M", "ktest=all vmalloc=1M", KTEST),
    case("vmalloc_880M", "128M", "ktest=all vmalloc=880M", KTEST),  # lowmem still 128M
    case("vmalloc_960M", "128M", "ktest=all vmalloc=960M", KTEST),  # 48M lowmem, 80M high
    case("vmalloc_1G", "128M", "ktest=all vmalloc=1G", KTEST, PANIC(VM_REASON)),
    case("vmalloc_4G", "128M", "ktest=all vmalloc=4G", KTEST, PANIC(VM_REASON)),
    case("vmalloc_2pow64", "128M", f"ktest=all vmalloc={TWO64}", KTEST, PANIC(VM_REASON)),
    case("vmalloc_minus1", "128M", "ktest=all vmalloc=-1", KTEST, PANIC(VM_REASON)),
    case("vmalloc_garbage", "128M", "ktest=all vmalloc=garbage", KTEST),
    case("vmalloc_garbage_shell", "16M", "vmalloc=garbage", SHELL),
    case("highmem_0", "256M", "ktest=all highmem=0", KTEST),
    case("highmem_1", "256M", "ktest=all highmem=1", KTEST),
    case("highmem_190M", "256M", "ktest=all highmem=190M", KTEST),  # 66M lowmem left
    case("highmem_192M", "256M", "ktest=all highmem=192M", KTEST),  # <64M lowmem: ignored
    case("highmem_256M", "256M", "ktest=all highmem=256M", KTEST),  # > RAM: ignored
    case("highmem_2pow32", "256M", f"ktest=all highmem={TWO32}", KTEST),
    case("highmem_2pow64", "256M", f"highmem={TWO64}", SHELL),
    case("highmem_minus1", "256M", "highmem=-1", SHELL),
    case("highmem_garbage", "16M", "highmem=lots", SHELL),
    case("nopse_1G", "1G", "ktest=all nopse", KTEST),
    case("nopse_value", "16M", "nopse=1", SHELL),
]

# --- page allocator: min_free_kbytes=, mobility_grouping=, page_poison= -----------
# min_free_kbytes is a sysctl in Linux (no boot parameter): a watermark above
# what the zones hold must be clamped or refused with a message, so the
# shell still comes up to show it.
TESTS += [
    case("min_free_kbytes_0", "128M", "ktest=all min_free_kbytes=0", KTEST),
    case("min_free_kbytes_1", "128M", "ktest=all min_free_kbytes=1", KTEST),
    case("min_free_kbytes_65536", "128M", "ktest=all min_free_kbytes=65536", KTEST),
    case("min_free_kbytes_262144", "128M", "min_free_kbytes=262144", SHELL),  # > RAM
    case("min_free_kbytes_2pow32", "16M", f"min_free_kbytes={TWO32}", SHELL),
    case("min_free_kbytes_2pow64", "16M", f"min_free_kbytes={TWO64}", SHELL),
    case("min_free_kbytes_minus1", "16M", "min_free_kbytes=-1", SHELL),
    case("min_free_kbytes_garbage", "16M", "min_free_kbytes=lots", SHELL),
    case("mobility_grouping_on_16M", "16M", "ktest=all mobility_grouping=on", KTEST),
    case("mobility_grouping_off", "128M", "ktest=all mobility_grouping=off", KTEST),
    case("mobility_grouping_garbage", "16M", "mobility_grouping=maybe", SHELL),
    case("mobility_grouping_no_value", "16M", "mobility_grouping", SHELL),
    case("page_poison_1", "16M", "ktest=all page_poison=1", KTEST),
    case("page_poison_0", "16M", "page_poison=0", SHELL),
    case("page_poison_on", "16M", "page_poison=on", SHELL),  # Linux: kstrtobool
    case("page_poison_minus1", "16M", "page_poison=-1", SHELL),
    case("page_poison_2pow32", "16M", f"page_poison={TWO32}", SHELL),
    case("page_poison_garbage", "16M", "page_poison=lots", SHELL),
]

# --- SLUB: slub_debug= flags and cache lists, slub_*_order=, slub_min_objects= ------
# Orders are the buddy allocator's 0..MAX_ORDER-1 (10); past it Linux clamps.
TESTS += [
    case("slub_debug_all", "128M", "ktest=all slub_debug", KTEST),
    case("slub_debug_off", "16M", "slub_debug=-", SHELL),
    case("slub_debug_F_one_cache", "128M", "ktest=all slub_debug=F,kmalloc-64", KTEST),
    case("slub_debug_ZP_two_caches", "128M", "ktest=all slub_debug=ZP,kmalloc-64,kmalloc-128",
         KTEST),
    case("slub_debug_all_flags_one_cache", "128M", "ktest=all slub_debug=,kmalloc-32", KTEST),
    case("slub_debug_U", "128M", "ktest=all slub_debug=U", KTEST),
    case("slub_debug_XYZ", "128M", "ktest=all slub_debug=XYZ", KTEST),  # unknown flags skipped
    case("slub_debug_no_such_cache", "128M", "ktest=all slub_debug=FZPU,nosuchcache", KTEST),
    case("slub_debug_empty", "16M", "slub_debug=", SHELL),
    case("slub_debug_long_list", "16M", "slub_debug=F," + ",".join(["kmalloc-8"] * 40), SHELL),
]
for param, values in (("slub_min_order", ("0", "1", "3")), ("slub_max_order", ("0", "1", "10")),
                      ("slub_min_objects", ("0", "1", "1000"))):
    TESTS += [case(f"{param}_{v}", "128M", f"ktest=all {param}={v}", KTEST) for v in values]
    # 11 is clamped to 10 (4M slabs need the room of 128M); the others are refused
    TESTS += [case(f"{param}_{n}", "128M" if n == "11" else "16M", f"{param}={v}", SHELL)
              for n, v in (("11", "11"), ("2pow32", TWO32), ("minus1", "-1"))]
TESTS += [case(f"slub_min_order_{n}", "16M", f"slub_min_order={v}", SHELL)
          for n, v in (("2pow64", TWO64), ("garbage", "lots"))]
TESTS += [case("slub_min_order_10", "128M", "slub_min_order=10", SHELL)]  # 4M slabs

# --- printk: loglevel=, quiet, debug, ignore_loglevel --------------------------------
# A shell command's answer is what the student asked for, as cat /proc/meminfo
# in Linux: no console level hides it. loglevel=0 (and Linux's -1) hide every
# kernel message, "reboot: Power down" too.
TESTS += [case(f"loglevel_{n}", "16M", f"loglevel={v}", SHELL)
          for n, v in (("1", "1"), ("4", "4"), ("15", "15"), ("16", "16"), ("2pow32", TWO32),
                       ("2pow64", TWO64), ("garbage", "lots"), ("empty", ""))]
TESTS += [
    case("loglevel_0", "16M", "loglevel=0", SHELL_SILENT),
    case("loglevel_minus1", "16M", "loglevel=-1", SHELL_SILENT),
    case("loglevel_no_value", "16M", "loglevel", SHELL),
    case("quiet", "16M", "quiet", SHELL),
    case("debug", "16M", "debug", SHELL),
    case("ignore_loglevel", "16M", "ignore_loglevel", SHELL),
    case("loglevel_0_ignore_loglevel", "16M", "loglevel=0 ignore_loglevel", SHELL),
    case("quiet_ktest", "16M", "ktest=all quiet", KTEST_QUIET),
    # the reason of a panic is shown at any console level, and an oops in
    # full: Linux's panic() and oops_enter() (through debug_locks_off())
    # call console_verbose(), which lifts the console level to 15
    case("quiet_panic", "128M", "quiet mem=1M", PANIC()),
    case("loglevel_1_panic", "128M", "loglevel=1 mem=1M", PANIC()),
    case("quiet_oops", "16M", "quiet ktest=crash.null_deref", OOPS),
    case("loglevel_1_oops", "16M", "loglevel=1 ktest=crash.divide_error", OOPS),
]

# --- panic=, ktest= -----------------------------------------------------------------
TESTS += [case(f"panic_{n}", "16M", f"panic={v}", SHELL)
          for n, v in (("0", "0"), ("2pow32", TWO32), ("2pow64", TWO64), ("garbage", "soon"))]
TESTS += [
    case("ktest_boot_panic_1", "16M", "ktest=boot panic=1", KTEST),
    case("ktest_list", "16M", "ktest=boot,serial,memblock", KTEST),
    case("ktest_garbage", "16M", "ktest=garbage", NOMATCH),
    case("ktest_no_such_test", "16M", "ktest=boot.no_such_test", NOMATCH),
    case("ktest_commas", "16M", "ktest=,,,", NOMATCH, SHELL),
    case("ktest_empty", "16M", "ktest=", SHELL, NOMATCH),
    case("ktest_no_value", "16M", "ktest", SHELL),  # an unknown word: for user space
]

# --- the command line itself (kernel/params.cpp) ------------------------------------
TESTS += [
    case("cmdline_dashes", "128M", "ktest=all slub-min-order=1 min-free-kbytes=2048", KTEST),
    case("cmdline_quoted", "16M", '"mem=8M" "loglevel=8"', SHELL),
    case("cmdline_double_equals", "16M", "mem==64M loglevel==8 =", SHELL),
    case("cmdline_only_dashes", "16M", "-- mem=1M", SHELL),  # after --: init's, not ours
    case("cmdline_repeated", "16M", " ".join(["loglevel=8"] * 150), SHELL),
    case("cmdline_too_long", "16M", "x" * 3000, SHELL),  # past COMMAND_LINE_SIZE
    # an empty word, empty names and values, a quote left open: it takes the
    # rest of the line as one unknown word, so mem=1M must not apply
    case("cmdline_quotes", "16M", '"" =x x= "unterminated mem=1M', SHELL),
    case("cmdline_utf8", "16M", "mem=\u0666\u0664M caf\u00e9=1", SHELL),
]

# --- a value that is not taken is said to be not taken ------------------------------
# A refused or ignored value must leave a line naming the parameter (Linux's
# "Malformed early option 'mem'", "highmem size (256MB) is bigger than pages
# available"...): a silent wrap of 2^64 to 0 or of 4G to 8M is a wrong
# answer even when the boot goes on. Linux itself is silent when highmem=
# or vmalloc= get a word that is not a size (memparse gives 0); this kernel
# says so, as its mem= does. (page_poison=on is not here: Linux's
# kstrtobool takes it.)
REFUSED = {
    "mem_0": "mem", "mem_2pow64": "mem", "mem_minus1": "mem", "mem_garbage": "mem",
    "mem_no_value": "mem", "mem_trailing": "mem",
    "memmap_2pow64": "memmap", "memmap_minus1": "memmap", "memmap_garbage": "memmap",
    "memmap_bad_sep": "memmap", "memmap_empty": "memmap",
    "memmap_missing_ram": "memmap", "memmap_missing_ram_16M": "memmap",
    "vmalloc_1G": "vmalloc", "vmalloc_4G": "vmalloc", "vmalloc_2pow64": "vmalloc",
    "vmalloc_minus1": "vmalloc", "vmalloc_garbage": "vmalloc", "vmalloc_garbage_shell": "vmalloc",
    "highmem_192M": "highmem", "highmem_256M": "highmem", "highmem_2pow32": "highmem",
    "highmem_2pow64": "highmem", "highmem_minus1": "highmem", "highmem_garbage": "highmem",
    "min_free_kbytes_2pow32": "min_free_kbytes", "min_free_kbytes_2pow64": "min_free_kbytes",
    "min_free_kbytes_minus1": "min_free_kbytes", "min_free_kbytes_garbage": "min_free_kbytes",
    "mobility_grouping_garbage": "mobility_grouping",
    "mobility_grouping_no_value": "mobility_grouping",
    "page_poison_2pow32": "page_poison", "page_poison_garbage": "page_poison",
    "slub_debug_XYZ": "slub_debug",
    "slub_min_order_2pow64": "slub_min_order", "slub_min_order_garbage": "slub_min_order",
    "loglevel_2pow32": "loglevel", "loglevel_2pow64": "loglevel", "loglevel_garbage": "loglevel",
    "loglevel_empty": "loglevel", "loglevel_no_value": "loglevel",
    "panic_2pow32": "panic", "panic_2pow64": "panic", "panic_garbage": "panic",
}
for p in ("slub_min_order", "slub_max_order", "slub_min_objects"):
    REFUSED.update({f"{p}_2pow32": p, f"{p}_minus1": p})


def said_not_taken(name):
    said = re.compile(rf"(?i)Malformed early option '{name}'|\b{name}\b.*(ignor|refus|invalid|"
                      r"not understood|unknown|too \w+|bigger|larger|more than|exceeds|out of range|"
                      r"does not fit|cannot|not us|clamp)")
    return lambda lines: [] if any(said.search(l) for l in lines) else [
        f"{name}=: the value was not taken, but no line says so"]


for t in TESTS:
    name = REFUSED.get(t.name[len("matrix_"):])
    if name:
        t.verify = (lambda v, s: lambda lines: v(lines) + s(lines))(t.verify, said_not_taken(name))
