#!/usr/bin/env python3
"""proc-format.py: the /proc files, free, ps and top of two kernels, held
side by side for their format: field names, order and layout. Values
differ between kernels; formats must not.

    proc-format.py LINUX.log OURS.log

Both logs are user/init.c running PROC_TESTS (below) from /etc/tests, so
each command's output is one "== begin NAME ... == end NAME" block, in
that order. docs/reference/linux-6.1-i386-proc-views-128M.log is Linux
6.1's. Prints one line per file, "same format" or what differs; exit 1
if any differs.

Each file is compared by the rule its format calls for (see RULES): the
same keys in the same order and the same line lengths where Linux
right-aligns numbers (meminfo, smaps_rollup); the same field names for
each VMA (smaps); our names a subset of Linux's, in Linux's order, where
Linux has counters or entries this kernel does not (vmstat, iomem, the
sysctl list, status); the same headers and column counts for tables.
"""
import re
import sys

PROC_TESTS = [
    "/bin/cat /proc/meminfo", "/bin/cat /proc/buddyinfo", "/bin/cat /proc/pagetypeinfo",
    "/bin/cat /proc/zoneinfo", "/bin/cat /proc/vmstat", "/bin/cat /proc/iomem",
    "/bin/cat /proc/vmallocinfo", "/bin/cat /proc/slabinfo", "/bin/cat /proc/self/smaps",
    "/bin/cat /proc/self/smaps_rollup", "/bin/cat /proc/self/statm",
    "/bin/cat /proc/self/status", "/bin/cat /proc/self/stat", "/bin/free", "/bin/free -m",
    "/bin/ps", "/bin/top -bn1", "/bin/ls /proc/sys/vm",
]
NAMES = ["meminfo", "buddyinfo", "pagetypeinfo", "zoneinfo", "vmstat", "iomem", "vmallocinfo",
         "slabinfo", "smaps", "smaps_rollup", "statm", "status", "stat", "free", "free -m", "ps",
         "top -bn1", "ls /proc/sys/vm"]
PRINTK = re.compile(r"^\[\s*\d+\.\d+\] ")


def blocks(path):
    out, cur = [], None
    for line in open(path, errors="replace").read().splitlines():
        line = line.rstrip("\r")
        if line.startswith("== begin "):
            cur = []
        elif line.startswith("== end ") and cur is not None:
            out.append(cur)
            cur = None
        elif cur is not None and not line.startswith("== ") and not PRINTK.match(line):
            cur.append(line)
    return out


def key(line, sep=":"):
    return line.split(sep, 1)[0].strip()


def subsequence(ours, linux):
    """The items of ours missing from linux or out of its order."""
    pos, bad = 0, []
    for item in ours:
        try:
            pos = linux.index(item, pos) + 1
        except ValueError:
            bad.append(item)
    return bad


def same_keys_and_widths(a, b):
    ka, kb = [key(l) for l in a], [key(l) for l in b]
    if ka != kb:
        return [f"keys differ: Linux {ka}, ours {kb}"]
    return [f"{k}: line is {len(y)} columns, Linux's {len(x)}"
            for k, x, y in zip(ka, a, b) if len(x) != len(y)]


def keys_subset(a, b, sep=":"):
    missing = subsequence([key(l, sep) for l in b if l.strip()], [key(l, sep) for l in a])
    return [f"not in Linux's order or not Linux's: {missing}"] if missing else []


def mask(line):
    return re.sub(r"\s+", " ", re.sub(r"[0-9a-f]{8}|\d+", "#", line)).strip()


def same_shapes(a, b):
    sa, sb = [mask(l) for l in a], [mask(l) for l in b]
    return [] if sa == sb else [f"line shapes differ: Linux {sa[:6]}..., ours {sb[:6]}..."]


def buddyinfo(a, b):
    want = {len(l.split()) for l in a}
    return [f"{l!r}: {len(l.split())} columns, Linux {want}" for l in b if len(l.split()) not in want]


def zone_keys(a, b):
    def words(lines):
        return [l.split()[0] for l in lines if l.split() and not l.split()[0].isdigit()]
    missing = subsequence(words(b), words(a))
    return [f"zoneinfo rows not Linux's: {sorted(set(missing))}"] if missing else []


def iomem(a, b):
    line = re.compile(r"^( *)[0-9a-f]{8}-[0-9a-f]{8} : (.+)$")
    names = {line.match(l).group(2) for l in a if line.match(l)}
    errs = [f"not an iomem line: {l!r}" for l in b if not line.match(l)]
    return errs + [f"name Linux has not: {line.match(l).group(2)!r}"
                   for l in b if line.match(l) and line.match(l).group(2) not in names]


def vmallocinfo(a, b):
    row = re.compile(r"^0x\S+-0x\S+ +\d+ \S+( pages=\d+)?( phys=0x[0-9a-f]+)?( \w+)+$")
    return [f"not a vmallocinfo row: {l!r}" for l in b if not row.match(l)]


def slabinfo(a, b):
    errs = [] if a[:2] == b[:2] else [f"headers differ: {a[:2]} vs {b[:2]}"]
    shape = {mask(l).split(" ", 1)[1] for l in a[2:]}
    return errs + [f"row shape {mask(l)!r}" for l in b[2:] if mask(l).split(" ", 1)[1] not in shape]


def smaps(a, b):
    def fields(lines):
        blocks, cur = [], None
        for l in lines:
            if re.match(r"^[0-9a-f]{8}-[0-9a-f]{8} ", l):
                cur = []
                blocks.append(cur)
            elif cur is not None:
                cur.append(key(l))
        return blocks
    fa, fb = fields(a), fields(b)
    errs = [f"VMA {i}: fields {f}, Linux's {fa[0]}" for i, f in enumerate(fb) if f != fa[0]]
    widths = {len(l) for l in a if l.endswith(" kB")}
    return errs + sorted({f"{l!r} is {len(l)} columns" for l in b
                          if l.endswith(" kB") and len(l) not in widths})


def fields_count(a, b):
    return [] if [len(l.split()) for l in a] == [len(l.split()) for l in b] else \
        [f"field counts: Linux {[len(l.split()) for l in a]}, ours {[len(l.split()) for l in b]}"]


def stat(a, b):
    strip = [re.sub(r"\(.*\)", "(comm)", l) for l in a + b]
    return fields_count(strip[:len(a)], strip[len(a):])


def table(a, b):
    """free, ps: the header line, then rows of the same column count."""
    if a[0] != b[0]:
        return [f"header {b[0]!r}, Linux's {a[0]!r}"]
    if a[0].startswith("PID"):  # ps: COMMAND may hold spaces
        return []
    return [f"row {r!r}" for r in b[1:] if mask(r) not in {mask(x) for x in a[1:]}]


def top(a, b):
    if len(b) < 4:
        return [f"{len(b)} lines, not top's header of 4: {b}"]
    errs = []
    for x, y in zip(a[:3], b[:3]):
        if mask(re.sub(r"\d+%", "#%", x)) != mask(re.sub(r"\d+%", "#%", y)):
            errs.append(f"{y!r} is not shaped as Linux's {x!r}")
    if a[3] != b[3]:
        errs.append(f"column header {b[3]!r}, Linux's {a[3]!r}")
    return errs


def ls_names(a, b):
    na = [w for l in a for w in l.split()]
    nb = [w for l in b for w in l.split()]
    missing = [w for w in nb if w not in na]
    return [f"not Linux's: {missing}"] if missing else []


RULES = {
    "meminfo": same_keys_and_widths, "buddyinfo": buddyinfo, "pagetypeinfo": zone_keys,
    "zoneinfo": zone_keys, "vmstat": lambda a, b: keys_subset(a, b, sep=" "), "iomem": iomem,
    "vmallocinfo": vmallocinfo, "slabinfo": slabinfo, "smaps": smaps,
    "smaps_rollup": lambda a, b: same_keys_and_widths(a[1:], b[1:]) + same_shapes(a[:1], b[:1]),
    "statm": fields_count, "status": keys_subset, "stat": stat, "free": table,
    "free -m": table, "ps": table, "top -bn1": top, "ls /proc/sys/vm": ls_names,
}


def main(argv):
    if len(argv) != 3:
        print(__doc__)
        return 2
    linux, ours = blocks(argv[1]), blocks(argv[2])
    bad = 0
    for i, name in enumerate(NAMES):
        if i >= len(linux) or i >= len(ours) or not ours[i]:
            print(f"{name}: missing in {'Linux' if i >= len(linux) else 'ours'}")
            bad += 1
            continue
        errs = RULES[name](linux[i], ours[i])
        print(f"{name}: " + ("same format" if not errs else "DIFFERENT"))
        for e in errs[:8]:
            print(f"    {e}")
        bad += bool(errs)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
