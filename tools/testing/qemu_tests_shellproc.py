"""QEMU tests of the shell as init (issue 15): with the initramfs but no
/init to run, pid 1 keeps the serial shell, whose run/ps/maps/kill start,
show and stop the user programs. Ctrl-C reaches a program that computes
without a system call. The lines are those the commands print; the maps
are the same as user_programs's under norandmaps.

Loaded by qemu_boot_test.py (load_more_tests)."""
import re

from qemu_boot_test import PAUSE, Test

CPIO = ["build/initramfs.cpio"]
PS_ROW = re.compile(r"^\s*(\d+)\s+(\d+)\s+(\S+)\s+(\d+)\s+(\d+)\s+(\d+)\s+(-?\d+)\s+(\S+)$")


def ps_rows(lines):
    """Every ps row printed, as (pid, ppid, stat, vsz, rss, command, oom_score, oom_score_adj)."""
    rows = []
    for line in lines:
        m = PS_ROW.match(line.strip())
        if m:
            rows.append((int(m[1]), int(m[2]), m[3], int(m[4]), int(m[5]), m[8], int(m[6]),
                         int(m[7])))
    return rows


def orphan_checks(lines):
    """The orphan was reparented to pid 1, reaped by the prompt, and the
    last ps shows only the shell."""
    errors = []
    if not any(re.search(r"spin: orphan \d+: my parent is now pid 1$", l) for l in lines):
        errors.append("the orphan did not report pid 1 as its new parent")
    rows = ps_rows(lines)
    if not rows or rows[-1][5] != "[init]":
        errors.append(f"ps after everything should end with the shell only, got {rows[-3:]}")
    last = [r for r in rows if r[0] == 1]
    if not last or last[-1][1] != 0 or not last[-1][2].startswith(("R", "S")):
        errors.append(f"pid 1 should be the shell, a child of 0: {last[-1:]}")
    # OOM: init is never a candidate (0); a user process at adj 0 scores
    # (1000 + its share of RAM in thousandths) x 2 / 3, so at least 666.
    if any(r[6] != 0 for r in last) or any(r[6] < 666 for r in rows if r[5] == "spin"):
        errors.append(f"ps's OOM column: init 0, spin >= 666, got {rows}")
    zombies = [r for r in rows if r[2].startswith("Z")]
    if zombies:
        errors.append(f"zombies left for ps: {zombies}")
    return errors


RUN = Test(
    "shellproc_run_ps_maps_kill", "128M", "rdinit=/nope norandmaps", exit_code=0,
    timeout=150, modules=CPIO,
    serial_input="run /bin/hello one two\nrun /bin/nope\nrun /bin\nrun /bin/notelf\n"
                 "run /bin/segv\nrun /bin/spin orphan\nps\nmaps 8\n" + PAUSE + "ps\n"
                 "maps 1\nmaps 99\nmaps zz\nkill 1\nkill 99 9\nkill 1 BOGUS\n"
                 "run /bin/spin read\nhello there\n" + PAUSE + "ps\npoweroff\n",
    expect=["mmlab shell: 'help' lists the commands",
            'argv[1]="one"', "hello, world", "run: pid 2 (/bin/hello) exited 0",
            "run: /bin/nope: ENOENT", "run: /bin: EACCES",
            "run: /bin/notelf: ENOEXEC",
            "segv[6]: segfault at ",
            "run: pid 6 (/bin/segv) killed by signal 11 (SIGSEGV)",
            "spin: parent 7 leaves child 8 behind", "run: pid 7 (/bin/spin) exited 0",
            "    PID    PPID STAT    VSZ   RSS  OOM OOMADJ COMMAND",
            "      1       0 R         0     0    0      0 [init]",
            "      8       1 S       ",  # the orphan, asleep, reparented to the shell
            "08048000-08049000 r--p 00000000 00:01 ",  # its maps, as /proc/8/maps
            "[vdso]", "bffdf000-c0000000 rw-p 00000000 00:00 0          [stack]",
            "spin: orphan 8: my parent is now pid 1",
            "    PID    PPID STAT    VSZ   RSS  OOM OOMADJ COMMAND",
            "      1       0 R         0     0    0      0 [init]",
            "maps: 1 (init) is a kernel thread: no user address space",
            "maps: no process 99 (ps lists them)",
            "maps: 'zz' is not a pid (a positive number)",
            "kill: 1 (init) is a kernel thread: it takes no signals",
            "kill: no process 99 (ps lists them)",
            "kill: 'BOGUS' is not a signal (a number, or a name such as KILL or SIGINT)",
            'spin: read 12 byte(s): "hello there"', "run: pid 9 (/bin/spin) exited 0",
            "reboot: Power down"],
    verify=orphan_checks)

# Ctrl-C while a program computes: SIGINT at once, from the receive
# interrupt; Ctrl-Z is discarded (the program's group is orphaned: its
# parent is init, as on Linux); a program that stops itself (ps: T) waits
# for fg; Ctrl-\\ is SIGQUIT; and ps shows nothing left behind.
def ctrl_c_checks(lines):
    rows = ps_rows(lines)
    errors = [] if [r[0] for r in rows[-1:]] == [1] else [
        f"ps should show only pid 1 after the programs: {rows}"]
    if not any(r[0] == 3 and r[2] == "T" for r in rows):
        errors.append(f"ps should show pid 3 stopped (T): {rows}")
    return errors


CTRL_C = Test(
    "shellproc_ctrl_c", "128M", "rdinit=/nope norandmaps", exit_code=0, timeout=120,
    modules=CPIO,
    serial_input="run /bin/spin\n" + PAUSE + "\x1a" + PAUSE + "\x03" + PAUSE +
                 "run /bin/spin stop\n" + PAUSE + "ps\nfg 3\n" + PAUSE + "run /bin/spin\n" + PAUSE +
                 "\x1c" + PAUSE + "run /bin/spin read\n" + PAUSE + "\x03" + PAUSE + "ps\npoweroff\n",
    expect=["spin: pid 2 computing until a signal stops it", "^Z", "^C",
            "run: pid 2 (/bin/spin) killed by signal 2 (SIGINT)",
            "spin: pid 3 stops itself",
            "run: pid 3 (/bin/spin) stopped by signal 19 (SIGSTOP): fg 3 continues it",
            "fg 3", "spin: pid 3 continued", "run: pid 3 (spin) exited 0",
            "spin: pid 4 computing until a signal stops it",
            "run: pid 4 (/bin/spin) killed by signal 3 (SIGQUIT)",
            "run: pid 5 (/bin/spin) killed by signal 2 (SIGINT)",
            "    PID    PPID STAT    VSZ   RSS  OOM OOMADJ COMMAND", "reboot: Power down"],
    verify=ctrl_c_checks)


def initmem_checks(lines):
    """The freed size is the .init size the layout printed."""
    errors = []
    layout = next((re.search(r"\.init : 0x[0-9a-f]+ - 0x[0-9a-f]+\s+\(\s*(\d+) kB\)", l)
                   for l in lines if ".init :" in l), None)
    freed = next((re.search(r"Freeing unused kernel image \(initmem\) memory: (\d+)K", l)
                  for l in lines if "(initmem)" in l), None)
    if not layout or not freed:
        return ["no .init layout line or no initmem line"]
    if layout[1] != freed[1] or int(freed[1]) < 4:
        errors.append(f".init is {layout[1]} kB but {freed[1]}K were freed")
    return errors


# Linux's order at the end of boot: the initramfs is unpacked and its pages
# freed, then .init, then pid 1 looks for a program. The shell's ktest then
# finds .init's pages no longer reserved (at boot, ktest=all, it finds them
# still reserved).
INITMEM = Test(
    "initmem_freed_before_init", "128M", "rdinit=/nope", exit_code=0, timeout=60,
    modules=CPIO, serial_input="ktest mm.initmem_freed_once_running\npoweroff\n",
    expect=["Trying to unpack rootfs image as initramfs...", "Freeing initrd memory: ",
            "Freeing unused kernel image (initmem) memory: ", "Run /nope as init process",
            "ok 1 mm.initmem_freed_once_running", "reboot: Power down"],
    verify=initmem_checks)

# Every user program twice from pid 1: the second round leaves free pages,
# slab objects, page tables and tasks exactly where the first did, and the
# suite as a whole leaks nothing (the ktest baseline check).
NO_TRACE = Test(
    "process_programs_leave_no_trace", "128M", "rdinit=/nope norandmaps", exit_code=0,
    timeout=120, modules=CPIO, serial_input="ktest process\npoweroff\n",
    expect=["ok 1 process.programs_leave_no_trace", "ktest: 1 passed, 0 failed",
            "reboot: Power down"])



def memory_back(lines):
    """MemFree, plus the pages parked on the per-CPU lists (zoneinfo's
    count:) and in slabs (Slab:), after the bomb is what it was before:
    the sleepers' memory came back, some of it into those two caches."""
    cut = next((i for i, l in enumerate(lines) if "run /bin/forkbomb" in l), None)
    if cut is None:
        return ["the bomb never started"]

    def total(part):
        kb = [int(m[2]) for m in (re.search(r"(MemFree|Slab):\s+(\d+) kB", l) for l in part) if m]
        pcp = [int(m[1]) * 4 for m in (re.search(r"count: (\d+)$", l) for l in part) if m]
        return sum(kb[:2]) + sum(pcp) if len(kb) >= 2 and pcp else None

    before, after = total(lines[:cut]), total(lines[cut:])
    if before is None or after is None:
        return ["no meminfo and zoneinfo before and after the bomb"]
    return [] if abs(after - before) <= 64 else [
        f"free + pcp + slab was {before} kB before the bomb, {after} kB after"]


# A fork bomb (vfork + exec of sleepers until the kernel refuses): the
# kernel's page allocation failure warnings, ENOMEM for the leader, every
# sleeper killed and reaped, the shell still answering, and the memory back.
FORK_BOMB = Test(
    "process_fork_bomb", "128M", "rdinit=/nope", exit_code=0, timeout=180, modules=CPIO,
    serial_input="meminfo\nzoneinfo\nrun /bin/forkbomb\n" + PAUSE * 3 + "meminfo\nzoneinfo\n"
                 "ps\npoweroff\n",
    expect=["MemFree:", "run /bin/forkbomb", "forkbomb: starting up to 40000 sleepers",
            "forkbomb invoked oom-killer: ", "Mem-Info:", "Out of memory: Killed process ",
            "oom_reaper: reaped process ", "MemFree:",
            "    PID    PPID STAT    VSZ   RSS  OOM OOMADJ COMMAND",
            "      1       0 R         0     0    0      0 [init]", "reboot: Power down"],
    verify=memory_back)

# Issue 17's first program: hog takes memory until the OOM killer chooses
# it. The report is Linux 6.1's, in its order; the reaper and the exit
# give the memory back (MemFree within 2 MiB of where it started).
def memfree_back(lines):
    free = [int(re.search(r"MemFree:\s+(\d+) kB", l).group(1)) for l in lines
            if re.search(r"MemFree:\s+\d+ kB", l)]
    if len(free) != 2:
        return [f"want MemFree before and after, got {free}"]
    return [] if abs(free[0] - free[1]) <= 2048 else [f"MemFree {free[0]} kB, then {free[1]} kB"]


OOM_HOG = Test(
    "oom_kill_hog_64M", "64M", "rdinit=/nope", exit_code=0, timeout=120, modules=CPIO,
    serial_input="meminfo\nrun /bin/hog\n" + PAUSE + PAUSE + "meminfo\npoweroff\n",
    expect=["hog: 8 MiB touched",
            "hog invoked oom-killer: gfp_mask=0x140dca(GFP_HIGHUSER_MOVABLE|__GFP_COMP|__GFP_ZERO), order=0, "
            "oom_score_adj=0",
            "CPU: 0 PID: 2 Comm: hog", "Call Trace:", "out_of_memory+", "Mem-Info:",
            "Tasks state (memory values in pages):",
            "[  pid  ]   uid  tgid total_vm      rss pgtables_bytes swapents oom_score_adj name",
            "[      2]     0     2 ",
            "oom-kill:constraint=CONSTRAINT_NONE,nodemask=(null),cpuset=/,mems_allowed=0,"
            "global_oom,task_memcg=/,task=hog,pid=2,uid=0",
            "Out of memory: Killed process 2 (hog) total-vm:",
            "run: pid 2 (/bin/hog) killed by signal 9 (SIGKILL)", "reboot: Power down"],
    verify=memfree_back)

TESTS = [RUN, CTRL_C, INITMEM, NO_TRACE, FORK_BOMB, OOM_HOG]
