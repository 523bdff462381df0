#!/usr/bin/env python3
"""Draws the kernel's physmap pictures and allocator traces as SVG.

  tools/mm-svg.py physmap LOG OUT.svg [--nth N]   the Nth physmap in LOG (default: last)
  tools/mm-svg.py trace LOG OUT.svg               the last `trace show` in LOG

LOG is a serial log (build/serial.log after `make debug`, or a saved
terminal session of `make run`). physmap draws one square per cell with the
pageblock's migratetype as a stripe under it; trace draws each page
allocation as a bar from the event that allocated it to the one that freed
it, at its pfn, so the carving-up of memory can be replayed.

Exit code 0 when the picture is written; 1 when the log cannot be read, has
no (or only a cut-short) physmap or trace, or OUT cannot be written, with
one line saying which; 2 for wrong arguments.
"""
import argparse
import re
import sys
from xml.sax.saxutils import escape

TS = re.compile(r"^\[ *\d+\.\d+\] ")
ROW = re.compile(r"^physmap: (0x[0-9a-f]+) (\S+) +\|(.*)\|$")
ROW_START = re.compile(r"^physmap: 0x")  # a row, whole or not
TYPES = re.compile(r"^physmap: +types +\|(.*)\|$")
TYPES_START = re.compile(r"^physmap: +types +\|")  # not the legend's "physmap: types:"
HEAD = re.compile(r"^physmap: (\d+) pages \((\d+)K\) per cell")

FREE = ["#dbeafe", "#c7dbfb", "#b3ccf8", "#9fbdf5", "#8baef2", "#779fef", "#6390ec", "#4f81e9",
        "#3b72e6", "#2763e3", "#1354e0"]  # order 0..10: deeper blue, bigger block
STATE = {"o": ("#a5d6a7", "partly free"), "x": ("#ef9a9a", "allocated"), "S": ("#ffcc80", "slab"),
         "#": ("#616161", "reserved"), ".": ("#ffffff", "hole")}
MT = {"U": ("#c62828", "unmovable"), "M": ("#2e7d32", "movable"), "R": ("#f9a825", "reclaimable"),
      "H": ("#6a1b9a", "highatomic"), "I": ("#37474f", "isolate"), " ": ("#ffffff", "")}
CELL, GAP = 10, 2


class LogError(Exception):
    """What is wrong with the log, in one line for the user."""


def lines_of(path):
    try:
        with open(path, errors="replace") as f:
            lines = [TS.sub("", l.rstrip("\r\n")) for l in f]
    except OSError as e:
        raise LogError(f"{path}: cannot read the log: {e.strerror}")
    if not any(l.strip() for l in lines):
        raise LogError(f"{path}: the log is empty")
    return lines


def physmaps(lines):
    """Each physmap in the log: (line number, pages per cell, [[pfn, zone, cells, types]])."""
    maps, cur = [], None
    for n, line in enumerate(lines, 1):
        m = HEAD.match(line)
        if m:
            cur = (n, int(m.group(1)), [])
            maps.append(cur)
            continue
        m = ROW.match(line)
        if m and cur is not None:
            cur[2].append([int(m.group(1), 16), m.group(2), m.group(3), ""])
            continue
        if ROW_START.match(line) and cur is not None:
            raise LogError(f"line {n}: a physmap row cut short (no closing '|')")
        m = TYPES.match(line)
        if m:
            if cur is not None and cur[2]:
                cur[2][-1][3] = m.group(1)
        elif TYPES_START.match(line) and cur is not None:
            raise LogError(f"line {n}: a physmap types row cut short (no closing '|')")
    return maps


def pick_physmap(path, lines, nth):
    maps = physmaps(lines)
    if not maps:
        raise LogError(f"{path}: no physmap in the log (type `physmap` at the shell's prompt "
                       "and save what it prints)")
    if not -len(maps) <= nth < len(maps):
        raise LogError(f"{path}: --nth {nth}: the log has {len(maps)} physmap(s), "
                       f"so 0..{len(maps) - 1} (or -1 for the last)")
    n, ppc, rows = maps[nth]
    if not rows:
        raise LogError(f"line {n}: the physmap starting here has no rows (log cut short?)")
    return ppc, rows


def svg(width, height, body):
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
            f'font-family="monospace" font-size="11">\n<rect width="100%" height="100%" '
            f'fill="white"/>\n{body}</svg>\n')


def rect(x, y, w, h, fill, title=None):
    t = f"<title>{escape(title)}</title>" if title else ""
    return f'<rect x="{x}" y="{y}" width="{w}" height="{h}" fill="{fill}">{t}</rect>\n'


def text(x, y, s, anchor="start"):
    return f'<text x="{x}" y="{y}" text-anchor="{anchor}">{escape(s)}</text>\n'


def legend(y):
    out, x = [], 10
    items = [(FREE[0], "free, order 0"), (FREE[10], "free, order 10")]
    items += list(STATE.values()) + [v for k, v in MT.items() if k != " "]
    for fill, label in items:
        out.append(rect(x, y, CELL, CELL, fill) + text(x + CELL + 4, y + CELL - 1, label))
        x += CELL + 12 + 7 * len(label)
        if x > 560:
            x, y = 10, y + 16
    return "".join(out), y + 16


def draw_physmap(ppc, rows):
    left, top, body, y = 150, 30, [], 30
    body.append(text(10, 18, f"physmap: {ppc} pages ({ppc * 4}K) per cell; stripe: pageblock "
                             "migratetype"))
    last_zone = None
    for pfn, zone, cells, types in rows:
        if zone != last_zone:
            y += 6
            last_zone = zone
        body.append(text(10, y + CELL, f"{pfn:#07x} {zone}"))
        for i, c in enumerate(cells):
            fill, what = (FREE[int(c, 16)], f"free, order {int(c, 16)}") if c in "0123456789A" \
                else STATE.get(c, ("#000000", c))
            cell_pfn = pfn + i * ppc
            body.append(rect(left + i * (CELL + GAP), y, CELL, CELL, fill,
                             f"pfn {cell_pfn:#x}: {what}"))
            t = types[i] if i < len(types) else " "
            body.append(rect(left + i * (CELL + GAP), y + CELL + 1, CELL, 3, MT.get(t, MT[" "])[0]))
        y += CELL + 8
    leg, y = legend(y + 10)
    return svg(left + 64 * (CELL + GAP) + 10, y + 10, "".join(body) + leg)


EVENT = re.compile(r"^trace: +(\d+) (\w+): (.*)$")
HELD = re.compile(r"^trace: (\d+) events held")
PFN = re.compile(r"^(0x[0-9a-f]+|-1)$")


def parse_trace(path, lines):
    """The events of the last `trace show`: (seq, name, {field: value})."""
    start = max((i for i, l in enumerate(lines) if HELD.match(l)), default=None)
    if start is None:
        raise LogError(f"{path}: no `trace show` output in the log (type `trace on`, some "
                       "commands, then `trace show`, and save what it prints)")
    held = int(HELD.match(lines[start]).group(1))
    if held == 0:
        raise LogError(f"line {start + 1}: the last `trace show` holds no events "
                       "(was tracing on? `trace on` first)")
    events = []
    for n, line in enumerate(lines[start + 1:], start + 2):
        m = EVENT.match(line)
        if not m:
            break
        fields = dict(f.split("=", 1) for f in m.group(3).split() if "=" in f)
        if m.group(2) in ("mm_page_alloc", "mm_page_free") and not PFN.match(fields.get("pfn", "")):
            raise LogError(f"line {n}: {m.group(2)} without a valid pfn= (log damaged?)")
        events.append((int(m.group(1)), m.group(2), fields))
    if len(events) != held:
        raise LogError(f"line {start + 1}: `trace show` says {held} events, the log has "
                       f"{len(events)} of them (log cut short?)")
    return events


def draw_trace(events):
    """A Gantt chart of page blocks: one lane per block, sorted by pfn, a bar
    from the event that allocated it to the one that freed it (or the end of
    the trace); slab and vmalloc events as ticks along the bottom."""
    if not events:
        return svg(400, 40, text(10, 20, "no trace events"))
    first, last = events[0][0], events[-1][0] + 1
    spans, live = [], {}
    for seq, name, f in events:
        if name not in ("mm_page_alloc", "mm_page_free") or f.get("pfn", "-1") == "-1":
            continue
        pfn = int(f["pfn"], 16)
        if name == "mm_page_alloc":
            live[pfn] = (seq, f)
        elif pfn in live:
            start, fa = live.pop(pfn)
            spans.append((pfn, start, seq, fa))
    spans += [(pfn, start, last, fa) for pfn, (start, fa) in live.items()]
    spans.sort(key=lambda s: (s[0], s[1]))
    left, top, w = 170, 30, 700
    lane = max(3, min(14, 480 // max(1, len(spans))))
    h = lane * max(1, len(spans))
    x = lambda seq: left + (seq - first) * w / max(1, last - first)
    body = [text(10, 18, f"allocator trace: events {first}..{last - 1}; one lane per page block, "
                         "by pfn"), rect(left, top, w, h, "#fafafa")]
    for i, (pfn, start, end, f) in enumerate(spans):
        colour = {"0": MT["U"][0], "1": MT["M"][0], "2": MT["R"][0]}.get(f.get("migratetype"), "#000")
        label = f"pfn {pfn:#x} order {f.get('order', '0')} {f.get('zone', '')}"
        body.append(rect(x(start), top + i * lane, max(2.0, x(end) - x(start)), lane - 1, colour,
                         f"{label} {f.get('call_site', '')}"))
        if lane >= 10:
            body.append(text(10, top + i * lane + lane - 2, label))
    for seq, name, f in events:
        if name in ("kmalloc", "kfree", "kmem_cache_alloc", "kmem_cache_free", "vmalloc", "vfree"):
            colour = "#ef6c00" if name in ("kmalloc", "kmem_cache_alloc", "vmalloc") else "#90a4ae"
            body.append(rect(x(seq), top + h + 6, 2, 10, colour,
                             f"{seq} {name} " + " ".join(f"{k}={v}" for k, v in f.items())))
    body.append(text(left, top + h + 32, "bars: page blocks, alloc to free (red unmovable, green "
                                         "movable); ticks: slab/vmalloc allocs (orange), frees"))
    return svg(left + w + 20, top + h + 50, "".join(body))


def main(argv=None):
    ap = argparse.ArgumentParser(prog="mm-svg.py", description=__doc__.split("\n")[0])
    ap.add_argument("what", choices=["physmap", "trace"])
    ap.add_argument("log")
    ap.add_argument("out")
    ap.add_argument("--nth", type=int, default=-1, help="which physmap in the log (0 = first)")
    a = ap.parse_args(argv)
    try:
        lines = lines_of(a.log)
        if a.what == "physmap":
            out = draw_physmap(*pick_physmap(a.log, lines, a.nth))
        else:
            out = draw_trace(parse_trace(a.log, lines))
        try:
            with open(a.out, "w") as f:
                f.write(out)
        except OSError as e:
            raise LogError(f"{a.out}: cannot write the picture: {e.strerror}")
    except LogError as e:
        print(f"mm-svg.py: {e}", file=sys.stderr)
        return 1
    print(f"{a.out}: written")
    return 0


if __name__ == "__main__":
    sys.exit(main())
