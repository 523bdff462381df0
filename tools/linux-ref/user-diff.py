#!/usr/bin/env python3
"""user-diff.py: the user programs' output on two kernels, program by program.

    user-diff.py [--ignore-vdso] LINUX.log OURS.log   a unified diff per program
    user-diff.py --print LOG                          each program's block

/init (user/init.c) brackets each program's output on the serial console:

    == begin NAME
    ...
    == NAME: exited N
    == end NAME

This tool cuts both logs into those blocks, normalizes what legitimately
differs between two kernels (see normalize()), and prints "NAME: same" or a
unified diff for each program of either log. Exit status: 0 when every
block matches, 1 when any differs or is missing, 2 on bad arguments or an
unreadable log.
"""
import argparse
import difflib
import re
import sys

BEGIN = re.compile(r"^== begin (\S+)$")
END = re.compile(r"^== end (\S+)$")
# A printk line, "[    1.234567] ...": the kernel's own messages share the
# console with the programs, and each kernel has its own.
PRINTK = re.compile(r"^\[\s*\d+\.\d+\] ")
# "maps: START-END PERMS OFFSET MAJ:MIN INODE [PATH]" (user/ulib.h's show_maps).
MAPS = re.compile(r"^(maps: [0-9a-f]+-[0-9a-f]+ \S{4} [0-9a-f]+) ([0-9a-f]+:[0-9a-f]+) (\d+)\s*(.*)$")
# user/demand.c's "VmRSS=N kB" and "RssAnon +N kB".
RSS = re.compile(r"\b(VmRSS|RssAnon)([=+ ]+)-?\d+ kB")
VDSO = re.compile(r"^maps: .*\[(vdso|vvar|vvar_vclock)\]$")


# user/badelf.c's verdicts where this kernel refuses on purpose what Linux
# 6.1 i386 loads: NAME -> (Linux's verdict, ours, why). Either verdict
# becomes the same "by design" line; any third answer still differs.
SIGSEGV_LATE = ("Linux checks each PT_LOAD and the entry only after the point of no return, "
                "so the half-built process dies; this kernel checks them first (issue 15)")
BADELF_BY_DESIGN = {
    "bigendian": ("exited 42", "Linux's i386 loader never reads EI_DATA"),
    "class64": ("exited 42", "Linux's i386 loader never reads EI_CLASS"),
    "entry_noexec": ("exited 42", "2-level paging has no NX bit: Linux runs code from any "
                                  "readable page; this kernel wants the entry in a PF_X one"),
    "page0": ("exited 42", "Linux's root has CAP_SYS_RAWIO, which maps below mmap_min_addr; "
                           "this kernel has no capabilities and never maps page 0"),
    "past_eof": ("exited 42", "Linux maps past EOF and would SIGBUS only on a touch there; "
                              "this kernel refuses segments outside the file"),
    "entry_kernel": ("killed by SIGSEGV", SIGSEGV_LATE),
    "entry_null": ("killed by SIGSEGV", SIGSEGV_LATE),
    "filesz_gt_memsz": ("killed by SIGSEGV", SIGSEGV_LATE),
    "memsz_huge": ("killed by SIGSEGV", SIGSEGV_LATE),
    "misaligned": ("killed by SIGSEGV", SIGSEGV_LATE),
    "noload": ("killed by SIGSEGV", SIGSEGV_LATE),
    "vaddr_kernel": ("killed by SIGSEGV", SIGSEGV_LATE),
}
BADELF = re.compile(r"^(\w+): (.*)$")


def badelf_line(line):
    """A by-design badelf verdict as one line both kernels print the same."""
    m = BADELF.match(line)
    if not m or m[1] not in BADELF_BY_DESIGN:
        return line
    linux, why = BADELF_BY_DESIGN[m[1]]
    if m[2] in (linux, "execve ENOEXEC"):
        return f"{m[1]}: Linux {linux}, mmlab execve ENOEXEC (by design: {why})"
    return line


def normalize(line, ignore_vdso=False, block=None):
    """The line as compared, or None to leave it out."""
    line = line.rstrip("\r\n")
    if PRINTK.match(line):
        return None
    if block == "badelf":
        return badelf_line(line)
    # Linux 6.1 adds a task's RSS changes to the mm's counters only every
    # 64 faults (SPLIT_RSS_COUNTING), so its VmRSS and RssAnon are behind by
    # an amount that depends on the fault history, not on what is mapped.
    line = RSS.sub(r"\1\2N kB", line)
    m = MAPS.match(line)
    if m:
        head, dev, inode, path = m.groups()
        # A file's device and inode numbers are whatever each kernel's
        # initramfs file system handed out; anonymous mappings show 00:00 0
        # on both, so only file-backed lines are masked. Linux pads the path
        # to a column that depends on how many digits the inode has, so the
        # run of spaces before the path is collapsed too.
        if dev != "00:00" or inode != "0":
            dev, inode = "DEV", "INODE"
        line = f"{head} {dev} {inode} {path}".rstrip()
        # The vDSO is a design choice, not memory management: with
        # --ignore-vdso a kernel that maps none is not held to Linux's.
        if ignore_vdso and VDSO.match(line):
            return None
    return line


# user/oomscore.c's "NAME: ... oom_score N". Each kernel's children hold the
# same share of its own MemTotal (VmRSS to the page), so the rss term agrees
# within a point (Linux's RSS counter may lag by up to 63 pages); the
# adj term is adj x (totalpages / 1000), an integer division that drops a
# different remainder on each kernel: up to |adj| x 1000 / totalpages x 2/3
# points apart (a dozen at adj 500 on 128M). Scores that close print as
# Linux's; the program itself checks each kernel's score exactly against
# 6.1's formula applied to that child's VmRSS and VmPTE.
SCORE = re.compile(r"^(\w+): (.*oom_score )(\d+)$")
ADJ = re.compile(r"oom_score_adj\s+(-?\d+)")


def oomscores_close(linux, ours):
    """ours, with each oom_score near enough Linux's replaced by Linux's."""
    adj, out = {}, []
    for i, line in enumerate(ours):
        m, l = SCORE.match(line), SCORE.match(linux[i]) if i < len(linux) else None
        if m and ADJ.search(m[2]):
            adj[m[1]] = int(ADJ.search(m[2])[1])
        if m and l and m[1] == l[1] and m[2] == l[2]:
            tol = 1 + abs(adj.get(m[1], 0)) // 40
            if abs(int(m[3]) - int(l[3])) <= tol:
                line = linux[i]
        out.append(line)
    return out


def blocks(text, ignore_vdso=False):
    """{NAME: [lines]} in log order; a block without its end line (the
    kernel died, or the log was cut) ends at the next begin or at the end of
    the log, with a last line saying so, so it differs from a whole one."""
    out, name = {}, None
    for raw in text.splitlines():
        line = raw.rstrip("\r")
        m = BEGIN.match(line)
        if m:
            if name is not None:
                out[name].append("(block cut short)")
            name = m.group(1)
            out[name] = []
            continue
        if name is None:
            continue
        if END.match(line) and END.match(line).group(1) == name:
            name = None
            continue
        norm = normalize(line, ignore_vdso, name)
        if norm is not None:
            out[name].append(norm)
    if name is not None:
        out[name].append("(block cut short)")
    return out


def read_log(path):
    with open(path, "rb") as f:
        return f.read().decode("utf-8", "replace")


def diff(a_path, b_path, ignore_vdso):
    a = blocks(read_log(a_path), ignore_vdso)
    b = blocks(read_log(b_path), ignore_vdso)
    if "oomscore" in a and "oomscore" in b:
        b["oomscore"] = oomscores_close(a["oomscore"], b["oomscore"])
    names = list(a) + [n for n in b if n not in a]
    if not names:
        print(f"user-diff.py: no '== begin NAME' block in {a_path} or {b_path}")
        return 1
    differ = 0
    for name in names:
        if name not in a or name not in b:
            print(f"{name}: only in {a_path if name in a else b_path}")
            differ += 1
        elif a[name] == b[name]:
            print(f"{name}: same ({len(a[name])} lines)")
        else:
            differ += 1
            print(f"{name}: differs")
            sys.stdout.writelines(
                l + "\n"
                for l in difflib.unified_diff(
                    a[name], b[name], f"{a_path} {name}", f"{b_path} {name}", lineterm=""
                )
            )
    print(f"{len(names) - differ} same, {differ} different")
    return 1 if differ else 0


def show(path):
    found = blocks(read_log(path))
    for name, lines in found.items():
        print(f"== {name}")
        for l in lines:
            print(f"   {l}")
    if not found:
        print(f"user-diff.py: no '== begin NAME' block in {path}")
        return 1
    return 0


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--print", metavar="LOG", help="print each block of LOG, normalized")
    ap.add_argument("--ignore-vdso", action="store_true", help="leave [vdso] and [vvar] lines out")
    ap.add_argument("logs", nargs="*", metavar="LOG")
    args = ap.parse_args(argv)
    if args.print is not None and args.logs or args.print is None and len(args.logs) != 2:
        ap.error("give two logs, or --print LOG")
    try:
        if args.print is not None:
            return show(args.print)
        return diff(args.logs[0], args.logs[1], args.ignore_vdso)
    except OSError as e:
        print(f"user-diff.py: {e}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
