"""QEMU tests of Debian's busybox (issue 16): its sh as pid 1 and as a
program the kernel shell runs, with pipes between its commands. The
commands' output lines are asserted exactly; busybox's line editing
echoes the typed commands and asks for the cursor position (ESC [6n),
which verify() strips.

Loaded by qemu_boot_test.py (load_more_tests)."""
import re

from qemu_boot_test import PAUSE, Test

CPIO = ["build/initramfs.cpio"]
BUSYBOX_PROMPT = re.compile(rb"/ # ")
ESC = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


def clean(lines):
    return [ESC.sub("", l).rstrip() for l in lines]


def victim_adjs(lines, comm):
    """The oom_score_adj of each process named comm the OOM killer killed, in order."""
    pat = re.compile(r"Out of memory: Killed process \d+ \(" + re.escape(comm) +
                     r"\) .*oom_score_adj:(-?\d+)$")
    return [m.group(1) for m in (pat.search(l.rstrip()) for l in lines) if m]


def run_program_test(name, mem, program, expect, timeout=240, verify=None):
    """Busybox's shell as init mounts /proc and runs program; its lines must follow."""
    return Test(
        name, mem, "rdinit=/bin/sh", exit_code=0, timeout=timeout, modules=CPIO,
        prompt=BUSYBOX_PROMPT,
        serial_input="mount -t proc proc /proc\r" + PAUSE + program + "; echo rc=$?\r"
                     + PAUSE * 4 + "poweroff -f\r",
        expect=expect + ["rc=0", "reboot: Power down"], verify=verify)


def answers(*pairs):
    """verify: each command's output lines, after its echoed prompt line."""
    def check(lines):
        text = clean(lines)
        errors = []
        for cmd, want in pairs:
            at = [i for i, l in enumerate(text) if l.endswith("# " + cmd)]
            if not at:
                errors.append(f"no prompt line for {cmd!r}")
                continue
            got = text[at[0] + 1:at[0] + 1 + len(want)]
            if got != want:
                errors.append(f"{cmd!r}: want {want}, got {got}")
        return errors
    return check


PIPELINE_CMDS = [
    ("echo hello | cat", ["hello"]),
    ("seq 1 20000 | wc -l", ["20000"]),  # 109 KB: the writer waits for the reader
    ("seq 1 20000 | tail -1", ["20000"]),
    ("mount -t proc proc /proc", []),
    ("cat /proc/self/status | grep -c ^Name", ["1"]),
    ("echo abc | tr a-c x-z | cat | cat", ["xyz"]),
    ("ls /bin | grep -c busybox", ["1"]),
    ("dd if=/dev/zero bs=4096 count=100 2>/dev/null | wc -c", ["409600"]),
]

SH_AS_INIT = Test(
    "busybox_sh_as_init_pipelines", "128M", "rdinit=/bin/sh", exit_code=0, timeout=120,
    modules=CPIO, prompt=BUSYBOX_PROMPT,
    serial_input="".join(c + "\r" + PAUSE for c, _ in PIPELINE_CMDS) + "poweroff -f\r",
    expect=["Run /bin/sh as init process", "BusyBox v1.35.0",
            # as on Linux: /dev/console never becomes a controlling terminal
            "/bin/sh: can't access tty; job control turned off", "reboot: Power down"],
    verify=answers(*PIPELINE_CMDS))

RUN_SH = Test(
    "busybox_sh_from_the_kernel_shell", "128M", "rdinit=/nope", exit_code=0, timeout=120,
    modules=CPIO,
    serial_input="run /bin/sh\n" + PAUSE + "echo from busybox | cat\r" + PAUSE + "exit\r" + PAUSE
                 + "ps\npoweroff\n",
    expect=["run /bin/sh", "BusyBox v1.35.0", "from busybox", "run: pid 2 (/bin/sh) exited 0",
            "      1       0 R         0     0    0      0 [init]", "reboot: Power down"],
    verify=answers(("echo from busybox | cat", ["from busybox"])))

JOB_CMDS = ["mount -t proc proc /proc", "sleep 100", "\x1a", "jobs", "fg", "\x03", "echo rc=$?",
            "sleep 50 | cat &", "ps -o pid,ppid,pgid,sid,stat,comm", "kill -STOP %1; sleep 1; jobs",
            "kill -9 %1; sleep 1; jobs", "exit"]


def job_groups(lines):
    """ps: sh leads its session and group; the pipeline is one group (the
    sleep's pid) in sh's session; ps is a group of its own."""
    text = clean(lines)
    errors = answers(("echo rc=$?", ["rc=130"]), ("jobs", ["[1]+  Stopped                    sleep 100"]),
                     ("kill -STOP %1; sleep 1; jobs", ["[1]+  Stopped (signal)           sleep 50 | cat"])
                     )(lines)
    rows = {}
    for l in text:
        f = l.split()
        if len(f) == 6 and f[0].isdigit():
            rows[f[5]] = [int(x) for x in f[:4]] + [f[4]]
    if set(rows) < {"sh", "sleep", "cat", "ps"}:
        return errors + [f"ps rows missing: {rows}"]
    sh, sl, cat, ps = rows["sh"], rows["sleep"], rows["cat"], rows["ps"]
    if not (sh[0] == sh[2] == sh[3]):
        errors.append(f"sh should lead its group and session: {sh}")
    if not (sl[2] == cat[2] == sl[0] and sl[3] == cat[3] == sh[0]):
        errors.append(f"the pipeline should be sleep's group in sh's session: {sl} {cat}")
    if not (ps[2] == ps[0] and ps[3] == sh[0]):
        errors.append(f"ps should run in a group of its own: {ps}")
    return errors


# busybox sh run by the kernel shell has a controlling terminal, so job
# control: Ctrl-Z stops the foreground job, fg continues it, Ctrl-C ends
# it, and each pipeline is a process group of sh's session.
JOBS = Test(
    "busybox_job_control", "128M", "rdinit=/nope", exit_code=0, timeout=150,
    modules=CPIO,
    serial_input="run /bin/sh\n" + PAUSE + "".join(
        c + ("" if c in "\x1a\x03" else "\r") + PAUSE for c in JOB_CMDS) + "poweroff\n",
    expect=["BusyBox v1.35.0", "^Z", "[1]+  Stopped                    sleep 100", "^C",
            "rc=130", "[1]+  Stopped (signal)           sleep 50 | cat", "[1]+  Killed",
            "run: pid 2 (/bin/sh) exited 0", "reboot: Power down"],
    verify=job_groups)


def free_agrees_with_meminfo(lines):
    """free's Mem: total and free are /proc/meminfo's MemTotal and MemFree
    read just before (both come from si_meminfo; free may move a little)."""
    text = clean(lines)
    errors = answers(*[(c, w) for c, w in PROC_CMDS if w])(lines)
    mem = {m[1]: int(m[2]) for m in (re.match(r"^(\w+):\s+(\d+) kB$", l) for l in text) if m}
    rows = [l.split() for l in text if l.startswith("Mem:")]
    if "MemTotal" not in mem or not rows:
        return errors + ["no MemTotal line or no free Mem: row"]
    total, used, free = int(rows[0][1]), int(rows[0][2]), int(rows[0][3])
    if total != mem["MemTotal"]:
        errors.append(f"free's total {total} kB is not MemTotal {mem['MemTotal']} kB")
    if abs(free - mem["MemFree"]) > 512:
        errors.append(f"free's free {free} kB is far from MemFree {mem['MemFree']} kB")
    if not mem.get("MemAvailable", 0) <= mem["MemFree"]:
        errors.append("MemAvailable is above MemFree, with nothing reclaimable")
    return errors


FREE_HEADER = "              total        used        free      shared  buff/cache   available"
PROC_CMDS = [
    ("mount -t proc proc /proc", []),
    ("ls /proc | grep -v ^[0-9]", ["buddyinfo", "iomem", "kpagecount", "kpageflags", "loadavg",
                                   "meminfo", "mounts", "pagetypeinfo", "self", "slabinfo", "stat", "sys",
                                   "uptime", "vmallocinfo", "vmstat", "zoneinfo"]),
    ("cat /proc/meminfo", []),
    ("free", [FREE_HEADER]),
    ("grep -c Node /proc/buddyinfo", ["2"]),  # DMA and Normal at 128M
    ("head -1 /proc/slabinfo", ["slabinfo - version: 2.1"]),
    ("grep -c ^pgfault /proc/vmstat", ["1"]),
]

PROC_VIEWS = Test(
    "busybox_proc_views_and_free", "128M", "rdinit=/bin/sh", exit_code=0, timeout=120,
    modules=CPIO, prompt=BUSYBOX_PROMPT,
    serial_input="".join(c + "\r" + PAUSE for c, _ in PROC_CMDS) + "poweroff -f\r",
    expect=["Run /bin/sh as init process", "MemTotal:", "MemAvailable:", "Mem:",
            "reboot: Power down"],
    verify=free_agrees_with_meminfo)

# Every /proc text file read byte by byte, 7 bytes at a time and by pread
# at each offset gives one read's bytes (user/procread.c); the per-process
# files of a program sleeping in the background; /proc/sys/vm writes with
# their effect in zoneinfo and vmstat, and Linux's refusals; a tmpfs.
STABLE = ["iomem", "self/maps", "self/smaps_rollup", "self/statm", "self/cmdline",
          "self/environ", "self/comm", "self/status", "meminfo", "zoneinfo", "buddyinfo",
          "pagetypeinfo", "slabinfo", "vmallocinfo"]
SYSCTL_CMDS = [
    ("mount -t proc proc /proc", []),
    ("/bin/procread", [f"/proc/{f}: same bytes" for f in STABLE] +
     [f"/proc/{f}: same layout" for f in ("self/smaps", "self/stat", "vmstat")]),
    ("sleep 100 & grep -c VmFlags /proc/$!/smaps; kill $!", ["10"]),  # one per VMA
    ("grep -c kB /proc/self/smaps_rollup", ["21"]),  # Linux 6.1's 21 rows
    ("grep Kernel /proc/iomem | cut -d: -f2",
     [" Kernel code", " Kernel rodata", " Kernel data", " Kernel bss"]),
    ("ls /proc/sys/vm | wc -l", ["13"]),
    ("cat /proc/sys/vm/lowmem_reserve_ratio", ["256\t32\t0\t0"]),
    ("echo 20000 > /proc/sys/vm/min_free_kbytes; cat /proc/sys/vm/min_free_kbytes", ["20000"]),
    # 5000 pages of min watermark shared out over DMA and Normal, rounded down
    ("grep -m2 '  min ' /proc/zoneinfo|awk '{s+=$2}END{print(s>4990&&s<5001)}'", ["1"]),
    ("echo abc > /proc/sys/vm/min_free_kbytes; cat /proc/sys/vm/min_free_kbytes",
     ["sh: write error: Invalid argument", "20000"]),
    ("echo 0 > /proc/sys/vm/watermark_scale_factor", ["sh: write error: Invalid argument"]),
    ("echo 3 > /proc/sys/vm/drop_caches", []),
    ("grep drop_ /proc/vmstat", ["drop_pagecache 1", "drop_slab 1"]),
    ("cat /proc/sys/vm/drop_caches",
     ["cat: can't open '/proc/sys/vm/drop_caches': Permission denied"]),  # 0200, even for root
    ("echo -n mine > /proc/$$/comm; cat /proc/$$/comm", ["mine"]),
    # tmpfs: its pages are Shmem in meminfo and free's "shared"
    ("mount -t tmpfs tmpfs /tmp; grep tmpfs /proc/mounts", ["tmpfs /tmp tmpfs rw,relatime 0 0"]),
    ("dd if=/dev/zero of=/tmp/f bs=4096 count=256 2>/dev/null", []),
    ("grep Shmem: /proc/meminfo", ["Shmem:              1024 kB"]),
    ("free | awk 'NR==2{print $5}'", ["1024"]),
    ("rm /tmp/f; grep Shmem: /proc/meminfo", ["Shmem:                 0 kB"]),
    ("mount -t ext4 /dev/sda /mnt", ["mount: mounting /dev/sda on /mnt failed: No such device"]),
]

SYSCTL = Test(
    "busybox_proc_files_and_sysctl", "128M", "rdinit=/bin/sh", exit_code=0, timeout=150,
    modules=CPIO, prompt=BUSYBOX_PROMPT,
    serial_input="".join(c + "\r" + PAUSE for c, _ in SYSCTL_CMDS) + "poweroff -f\r",
    expect=["Run /bin/sh as init process", "sh (1): drop_caches: 3", "reboot: Power down"],
    verify=answers(*[(c, w) for c, w in SYSCTL_CMDS if w]))

# Issue 17: two hogs at once, one with oom_score_adj 500. The OOM killer
# takes that one first, whoever asked, then the other; init (sh) is never
# a candidate, and oom_score_adj outside -1000..1000 is EINVAL.
OOM_CMDS = [
    ("mount -t proc proc /proc", []),
    ("cat /proc/1/oom_score /proc/self/oom_score_adj", ["0", "0"]),  # init: unkillable, 0
    ("echo 1001 > /proc/self/oom_score_adj", ["sh: write error: Invalid argument"]),
    ("/bin/hog 500 > /dev/null & /bin/hog > /dev/null; echo rc=$?", []),
]


def victims_in_adj_order(lines):
    errors = answers(*[(c, w) for c, w in OOM_CMDS if w])(lines)
    adj = victim_adjs(lines, "hog")
    if adj != ["500", "0"]:
        errors.append(f"victims' oom_score_adj: want ['500', '0'], got {adj}")
    return errors


OOM_TWO_HOGS = Test(
    "oom_kill_two_hogs_by_adj", "64M", "rdinit=/bin/sh", exit_code=0, timeout=120,
    modules=CPIO, prompt=BUSYBOX_PROMPT,
    serial_input="".join(c + "\r" + PAUSE for c, _ in OOM_CMDS) + PAUSE + "poweroff -f\r",
    expect=["hog invoked oom-killer: ", "oom_reaper: reaped process ", "rc=137",
            "reboot: Power down"],
    verify=victims_in_adj_order)

# Issue 17: a hog at oom_score_adj -1000 is never chosen: the killer takes
# the other hog and leaves it alone. A second -1000 hog then leaves nothing
# killable (init never is): Linux's two lines, then its panic.
OOM_MIN_CMDS = [
    ("mount -t proc proc /proc", []),
    ("/bin/hog -1000 24 > /dev/null &", []),
    ("sleep 3; cat /proc/$!/oom_score", ["0"]),  # LONG_MIN badness prints as 0
    ("/bin/hog > /dev/null; echo rc=$?", []),  # the report comes first: expect has rc=137
    ("kill -0 $! && echo alive", ["alive"]),
    ("/bin/hog -1000 > /dev/null", []),
]


def only_the_adj_0_hog_killed(lines):
    errors = answers(*[(c, w) for c, w in OOM_MIN_CMDS if w])(lines)
    adj = victim_adjs(lines, "hog")
    if adj != ["0"]:
        errors.append(f"victims' oom_score_adj: want ['0'], got {adj}")
    return errors


OOM_NOTHING_KILLABLE = Test(
    "oom_adj_min_never_chosen_then_panic", "64M", "rdinit=/bin/sh", exit_code=0, timeout=150,
    modules=CPIO, prompt=BUSYBOX_PROMPT,
    serial_input="".join(c + "\r" + PAUSE for c, _ in OOM_MIN_CMDS) + PAUSE * 3,
    expect=["Out of memory: Killed process ", "rc=137", "alive",
            "hog invoked oom-killer: ", "Out of memory and no killable processes...",
            "Kernel panic - not syncing: System is deadlocked on memory"],
    verify=only_the_adj_0_hog_killed)

# Issue 17: out of memory inside fork, in a COW fault and inside
# copy_to_user (read of /dev/zero), while a -1000 hog holds all but 12 MiB.
# Each case gets one report whose call trace is in that place, its victim
# is the case's process, never the hog, and the shell and kernel carry on.
OOM_CASE_CMDS = [
    ("mount -t proc proc /proc", None),
    ("a=$(awk '/MemAv/{print int($2/1024)-12}' /proc/meminfo)", None),
    ("/bin/hog -1000 $a > /dev/null &", None),
    ("sleep 5; echo held", None),
    ("/bin/oomcases cow; echo rc=$?", "do_wp_page"),
    ("/bin/oomcases fork; echo rc=$?", "copy_process"),
    ("/bin/oomcases read; echo rc=$?", "read_zero"),
    ("echo alive", None),
]


def oom_in_each_place(lines):
    text = clean(lines)
    errors = answers(("echo alive", ["alive"]))(lines)
    starts = [next((i for i, l in enumerate(text) if l.endswith("# " + c)), None)
              for c, _ in OOM_CASE_CMDS]
    for k, (cmd, where) in enumerate(OOM_CASE_CMDS):
        if where is None:
            continue
        if starts[k] is None or starts[k + 1] is None:
            errors.append(f"{cmd!r}: no prompt line")
            continue
        out = text[starts[k]:starts[k + 1]]
        victims = [l for l in out if "Out of memory: Killed process" in l]
        if len(victims) < 1 or any("(oomcases)" not in v for v in victims):
            errors.append(f"{cmd!r}: victims {victims}")
        if not any(re.search(r"\b" + where + r"\+0x", l) for l in out):
            errors.append(f"{cmd!r}: no {where} in the report's call trace")
        if not any(l in ("rc=137", "rc=0") for l in out):
            errors.append(f"{cmd!r}: no exit status")
    return errors


OOM_CASES = Test(
    "oom_in_fork_cow_and_copy_to_user", "64M", "rdinit=/bin/sh", exit_code=0, timeout=150,
    modules=CPIO, prompt=BUSYBOX_PROMPT,
    serial_input="".join(c + "\r" + PAUSE * (2 if w else 1) for c, w in OOM_CASE_CMDS)
                 + "poweroff -f\r",
    expect=["invoked oom-killer: ", "Out of memory: Killed process ", "alive",
            "reboot: Power down"],
    verify=oom_in_each_place)

# Issue 17: user/overcommit.c prints how much each call moved Committed_AS
# and what each overcommit mode grants. Every line is the same on Linux
# 6.1 (linux.user_programs_match runs it there at 128M); here at the two
# ends of the supported sizes.
OVERCOMMIT_LINES = [
    "mmap 10 MiB private read-write                       Committed_AS +10240 kB",
    "mmap 10 MiB private read-only                        Committed_AS +0 kB",
    "mmap 10 MiB private MAP_NORESERVE                    Committed_AS +0 kB",
    "mmap 4 MiB shared anonymous read-only                Committed_AS +4096 kB",
    "write 3 of its pages                                 Committed_AS +12 kB",
    "mremap the 10 MiB to 20 MiB                          Committed_AS +10240 kB",
    "fork charged the child's ac VMAs: yes",
    "munmap them all                                      Committed_AS -25612 kB",
    "write 1 MiB to a tmpfs file                          Committed_AS +1024 kB",
    "unlink it                                            Committed_AS -1024 kB",
    "mmap MemTotal + 64 MiB                               ENOMEM",
    "mmap 1 GiB, more than this machine has               Committed_AS +1048576 kB",
    "Out of memory: Killed process ", "a child touching it: killed by signal 9",
    "CommitLimit - Committed_AS > 16 MiB: yes",
    "mmap what is left + 16 MiB                           ENOMEM",
    "the same with MAP_NORESERVE                          ENOMEM",
    "the same read-only                                   granted",
    "sbrk of what is left + 16 MiB: ENOMEM",
    "mmap half of what is left                            granted",
    "write a tmpfs file until it fails: ENOSPC",
    "writing into its hole through mmap: SIGBUS",
    "fork with that mapped: ENOMEM", "fork after munmap: granted",
    "Committed_AS back where it started: yes"]


def overcommit_test(mem):
    return run_program_test(f"overcommit_modes_{mem}", mem, "/bin/overcommit", OVERCOMMIT_LINES)


# Issue 17 at both ends of the supported sizes: user/oomscore's four
# children (adj 0, 500, -500, -1000) and its hog. Every score matches 6.1's
# formula applied to what /proc says, the adj-500 child dies first and the
# hog next, whether lowmem alone (64M) or HighMem too (1G) holds them.
def oomscore_checks(lines):
    text = clean(lines)
    errors = []
    if sum(l.endswith("by 6.1's formula: the same") for l in text) != 4:
        errors.append("want 4 scores 'the same' as 6.1's formula")
    adj = victim_adjs(lines, "oomscore")
    if adj != ["500", "0"]:
        errors.append(f"victims' oom_score_adj: want ['500', '0'], got {adj}")
    return errors


def oomscore_test(mem):
    return run_program_test(
        f"oomscore_victims_{mem}", mem, "/bin/oomscore",
        ["B: killed by signal 9", "E: killed by signal 9", "A: still here, oom_score ",
         "D: still here, oom_score 0"], timeout=300, verify=oomscore_checks)


# vm.oom_kill_allocating_task: the asker dies, though the other hog (adj
# 500, holding 24 MiB) would score higher; then vm.panic_on_oom: the report's
# header and Linux's panic instead of a kill.
SYSCTL_OOM_CMDS = [
    ("mount -t proc proc /proc", []),
    ("/bin/hog 500 24 > /dev/null &", []),
    ("sleep 3; echo 1 > /proc/sys/vm/oom_kill_allocating_task", []),
    ("/bin/hog > /dev/null; echo rc=$?", []),
    ("kill -0 $! && echo alive", ["alive"]),
    ("echo 0 > /proc/sys/vm/oom_kill_allocating_task", []),
    ("echo 1 > /proc/sys/vm/panic_on_oom", []),
    ("/bin/hog > /dev/null", []),
]


def asker_killed_then_panic(lines):
    errors = answers(*[(c, w) for c, w in SYSCTL_OOM_CMDS if w])(lines)
    kills = [l for l in lines if "Killed process" in l]
    if len(kills) != 1 or "Out of memory (oom_kill_allocating_task): Killed process" not in kills[0] \
            or not kills[0].rstrip().endswith("oom_score_adj:0"):
        errors.append(f"want one kill of the asking hog (adj 0), got {kills}")
    return errors


OOM_SYSCTLS = Test(
    "oom_kill_allocating_task_then_panic_on_oom", "64M", "rdinit=/bin/sh", exit_code=0,
    timeout=150, modules=CPIO, prompt=BUSYBOX_PROMPT,
    serial_input="".join(c + "\r" + PAUSE for c, _ in SYSCTL_OOM_CMDS) + PAUSE * 3,
    expect=["hog invoked oom-killer: ", "rc=137", "alive", "hog invoked oom-killer: ",
            "Mem-Info:", "Kernel panic - not syncing: Out of memory: system-wide panic_on_oom "
            "is enabled"],
    verify=asker_killed_then_panic)


# docs/10's "try": mode 2 with overcommit_ratio 1 puts CommitLimit below
# what the shell has committed, so its next fork fails up front (ENOMEM,
# no OOM report); builtins still run, and mode 0 gives fork back.
MODE2_CMDS = [
    ("mount -t proc proc /proc", []),
    ("echo 1 > /proc/sys/vm/overcommit_ratio", []),
    ("echo 2 > /proc/sys/vm/overcommit_memory", []),
    ("ls /proc/sys/vm/overcommit_ratio", ["/bin/sh: can't fork: Cannot allocate memory"]),
    ("echo 0 > /proc/sys/vm/overcommit_memory", []),
    ("ls /proc/sys/vm/overcommit_memory", ["/proc/sys/vm/overcommit_memory"]),
]


def no_oom_report(lines):
    errors = answers(*[(c, w) for c, w in MODE2_CMDS if w])(lines)
    if any("invoked oom-killer" in l for l in lines):
        errors.append("mode 2 refused up front, yet the OOM killer ran")
    return errors


OVERCOMMIT_NEVER_FORK = Test(
    "overcommit_never_refuses_fork", "64M", "rdinit=/bin/sh", exit_code=0, timeout=120,
    modules=CPIO, prompt=BUSYBOX_PROMPT,
    serial_input="".join(c + "\r" + PAUSE for c, _ in MODE2_CMDS) + "poweroff -f\r",
    expect=["reboot: Power down"], verify=no_oom_report)


TESTS = [SH_AS_INIT, RUN_SH, PROC_VIEWS, JOBS, SYSCTL, OOM_TWO_HOGS, OOM_NOTHING_KILLABLE, OOM_CASES,
         overcommit_test("64M"), overcommit_test("1G"), OVERCOMMIT_NEVER_FORK,
         oomscore_test("64M"), oomscore_test("1G"), OOM_SYSCTLS]
