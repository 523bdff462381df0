#!/usr/bin/env python3
"""oom-report.py: the OOM killer's reports of two kernels, side by side.

    oom-report.py LINUX.log OURS.log
    oom-report.py --print LOG          (the reports of one log, as kinds)

Both logs are the same program mix run on the same -m (user/oomscore.c
under user/init.c: docs/reference/linux-6.1-i386-oom-128M.log is what
Debian's Linux 6.1 686 printed). Each report runs from the "invoked
oom-killer:" line to the "Killed process" line (and the oom_reaper line
when there is one). Values differ between kernels; what must not:

  * the victims, report by report (the same comm and oom_score_adj);
  * the lines of each report in the same order, by kind (the header, the
    CPU/PID/Comm line, the call trace, Mem-Info's counters, the Node line,
    each zone's line, its buddy line, the totals, the tasks table...);
  * the field names of every line that has fields (gfp_mask=, free:,
    active_anon:...), in the same order;
  * the tasks table's header, character for character, and its rows: the
    same processes (by comm and oom_score_adj).

The call trace is one kind: its frames are this kernel's functions, not
Linux's. A line of a kind in EXPLAINED may be missing from one side; the
reason is printed. Exit 1 on any other difference.
"""
import re
import sys

PRINTK = re.compile(r"^\[\s*\d+\.\d+\] ")
ZONES = "DMA|DMA32|Normal|HighMem|Movable"
# (kind, pattern) in the order tried; the first match names the line.
KINDS = [
    ("header", re.compile(r"\binvoked oom-killer: ")),
    ("cpu", re.compile(r"^CPU: \d+ PID: \d+ Comm: ")),
    ("hardware", re.compile(r"^Hardware name: ")),
    ("trace", re.compile(r"^Call Trace:")),
    ("user_regs", re.compile(r"^(EIP|Code|EAX|ESI|DS|EFLAGS|CR0|DR[0-7]):")),
    ("meminfo", re.compile(r"^Mem-Info:")),
    ("counters", re.compile(r"^active_anon:\d")),
    ("node_hugepages", re.compile(r"^Node \d+ hugepages_total=")),
    ("node", re.compile(r"^Node \d+ active_anon:")),
    ("zone", re.compile(rf"^({ZONES}) free:")),
    ("lowmem_reserve", re.compile(r"^lowmem_reserve\[\]:")),
    ("buddy", re.compile(rf"^({ZONES}): \d+\*4kB")),
    ("pagecache", re.compile(r"^\d+ total pagecache pages")),
    ("swapcache", re.compile(r"^\d+ pages in swap cache")),
    ("free_swap", re.compile(r"^Free swap\s*=")),
    ("total_swap", re.compile(r"^Total swap\s*=")),
    ("pages_ram", re.compile(r"^\d+ pages RAM")),
    ("pages_highmem", re.compile(r"^\d+ pages HighMem/MovableOnly")),
    ("pages_reserved", re.compile(r"^\d+ pages reserved")),
    ("pages_cma", re.compile(r"^\d+ pages cma reserved")),
    ("pages_hwpoisoned", re.compile(r"^\d+ pages hwpoisoned")),
    ("tasks", re.compile(r"^Tasks state \(memory values in pages\):")),
    ("tasks_header", re.compile(r"^\[  pid  \]")),
    ("task", re.compile(r"^\[\s*\d+\]\s")),
    ("oom_kill", re.compile(r"^oom-kill:")),
    ("killed", re.compile(r"Killed process \d+ ")),
    ("reaper", re.compile(r"^oom_reaper: reaped process")),
]
# Kinds one kernel may print and the other not, and why.
EXPLAINED = {
    "reaper": "Linux's reaper thread waits 2 s (OOM_REAPER_DELAY) and finds nothing "
              "when the victim exits first; here the victim is reaped at once",
}
FIELD = re.compile(r"([A-Za-z_][A-Za-z_()\[\]]*)[:=]")


class Line:
    def __init__(self, kind, text):
        self.kind, self.text = kind, text

    def fields(self):
        """Field names in order (kinds whose values are the whole line have none)."""
        if self.kind in ("trace", "task", "tasks_header", "buddy", "cpu", "hardware"):
            return []
        if self.kind == "zone":  # the zone's name is its first word, not a field
            return FIELD.findall(self.text.split(" ", 1)[1])
        return FIELD.findall(self.text)


def classify(text):
    for kind, pattern in KINDS:
        if pattern.search(text):
            return kind
    return None


def reports(path):
    """Each report as a list of Lines: consecutive lines of one kind that
    continue a line (Mem-Info's indented counters, the trace's frames)
    fold into it."""
    out, cur = [], None
    for raw in open(path, errors="replace").read().splitlines():
        raw = raw.rstrip("\r")
        text = PRINTK.sub("", raw)
        kind = classify(text)
        if kind == "header":
            cur = [Line(kind, text)]
            out.append(cur)
            continue
        if cur is None:
            continue
        if kind is None and text.startswith(" "):
            last = cur[-1]
            if last.kind in ("counters", "trace"):
                last.text += " " + text.strip()
            continue
        if kind == "user_regs" and cur[-1].kind == "user_regs":
            cur[-1].text += " " + text
            continue
        if kind is None:
            continue  # a program's output or another subsystem's message
        cur.append(Line(kind, text))
        if kind == "reaper":
            cur = None
    return [r for r in out if any(x.kind == "killed" for x in r)]


def victim(report):
    for line in report:
        if line.kind == "killed":
            m = re.search(r"Killed process \d+ \((.*?)\).*oom_score_adj:(-?\d+)", line.text)
            return (m.group(1), int(m.group(2))) if m else ("?", 0)
    return ("?", 0)


def tasks(report):
    rows = []
    for line in report:
        if line.kind == "task":
            cols = line.text.split()
            rows.append((cols[-1], int(cols[-2])))
    return sorted(rows)


def kinds_of(report, drop=()):
    return [x.kind for x in report if x.kind not in drop]


def compare(n, linux, ours):
    """The differences of report n, as lines; explained ones prefixed."""
    out = []
    one_sided = {k for k in EXPLAINED
                 if (k in kinds_of(linux)) != (k in kinds_of(ours))}
    for k in sorted(one_sided):
        out.append(f"  (explained) {k} only on {'Linux' if k in kinds_of(linux) else 'mmlab'}:"
                   f" {EXPLAINED[k]}")
    lk, ok = kinds_of(linux, one_sided), kinds_of(ours, one_sided)
    if lk != ok:
        out.append(f"  line kinds differ:\n    Linux: {' '.join(lk)}\n    mmlab: {' '.join(ok)}")
        return out
    for a, b in zip((x for x in linux if x.kind not in one_sided),
                    (x for x in ours if x.kind not in one_sided)):
        if a.fields() != b.fields():
            out.append(f"  {a.kind} fields differ:\n    Linux: {' '.join(a.fields())}\n"
                       f"    mmlab: {' '.join(b.fields())}")
        if a.kind == "tasks_header" and a.text != b.text:
            out.append(f"  tasks header differs:\n    Linux: {a.text}\n    mmlab: {b.text}")
    if victim(linux) != victim(ours):
        out.append(f"  victim differs: Linux {victim(linux)}, mmlab {victim(ours)}")
    if tasks(linux) != tasks(ours):
        out.append(f"  tasks differ:\n    Linux: {tasks(linux)}\n    mmlab: {tasks(ours)}")
    return out


def show(path):
    for n, report in enumerate(reports(path), 1):
        print(f"report {n}: victim {victim(report)}")
        for line in report:
            print(f"  {line.kind:16} {' '.join(line.fields())[:100]}")


def main(argv):
    if len(argv) == 3 and argv[1] == "--print":
        show(argv[2])
        return 0
    if len(argv) != 3:
        print(__doc__.strip().split("\n\n")[1], file=sys.stderr)
        return 2
    linux, ours = reports(argv[1]), reports(argv[2])
    bad = 0
    if not linux:
        print(f"no OOM report in {argv[1]}")
        return 1
    if len(linux) != len(ours):
        print(f"reports: Linux {len(linux)}, mmlab {len(ours)}")
        bad += 1
    for n, (a, b) in enumerate(zip(linux, ours), 1):
        diffs = compare(n, a, b)
        unexplained = [d for d in diffs if not d.startswith("  (explained)")]
        bad += bool(unexplained)
        state = "differs" if unexplained else "same"
        print(f"report {n}: {state}: victim {victim(b)[0]} (adj {victim(b)[1]}),"
              f" {len(b)} lines, {len(tasks(b))} tasks")
        for d in diffs:
            print(d)
    print(f"{len(ours)} reports, {bad} differ")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
