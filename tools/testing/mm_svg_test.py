#!/usr/bin/env python3
"""tools/mm-svg.py on a small serial log: the physmap picture has a square
and a migratetype stripe per cell with the right colours, and the trace
chart has one bar per page block, ending where the block was freed.
Then bad input: a missing, empty, unreadable or garbage log, a log without
the block asked for, blocks cut short (the log cut after every line, and
every line cut in half), a bad --nth, an unwritable OUT and wrong arguments
each end with one line on stderr and exit code 1 (2 for arguments), never
a traceback."""
import os
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
LOG = """\
[    0.100000] physmap: 32 pages (128K) per cell, 64 cells a row
[    0.100001] physmap: 0x00000 DMA     |.#oA|
[    0.100002] physmap:         types   |UMMM|
[    0.100003] physmap: 0x01000 Normal  |xS9|
[    0.100004] physmap:         types   |UUM|
[    0.200000] trace: 4 events held (ring of 512), 4 recorded, tracing off
[    0.200001] trace:      0 mm_page_alloc: pfn=0x1000 order=2 migratetype=0 zone=Normal gfp_flags=GFP_KERNEL call_site=cmd_alloc+0x1/0x2
[    0.200002] trace:      1 kmalloc: call_site=f+0x1/0x2 ptr=0xc1000000 bytes_req=30 bytes_alloc=32 gfp_flags=GFP_KERNEL name=kmalloc-32
[    0.200003] trace:      2 mm_page_alloc: pfn=0x2000 order=0 migratetype=1 zone=Normal gfp_flags=GFP_KERNEL|__GFP_MOVABLE call_site=g+0x1/0x2
[    0.200004] trace:      3 mm_page_free: pfn=0x1000 order=2 migratetype=0 zone=Normal call_site=cmd_free+0x1/0x2
"""
NS = "{http://www.w3.org/2000/svg}"


def rects(path):
    return [r.attrib for r in ET.parse(path).getroot().iter(NS + "rect")]


TOOL = os.path.join(ROOT, "tools", "mm-svg.py")


def run(*args):
    p = subprocess.run([sys.executable, TOOL, *args], capture_output=True, text=True)
    return p.returncode, p.stderr


def one_clear_line(err):
    lines = [l for l in err.split("\n") if l.strip()]
    return "Traceback" not in err and len(lines) == 1


def bad_input_errors(tmp):
    errors = []
    out = os.path.join(tmp, "bad.svg")

    def write(name, data):
        path = os.path.join(tmp, name)
        with open(path, "wb") as f:
            f.write(data.encode() if isinstance(data, str) else data)
        return path

    lines = LOG.splitlines(True)
    physmap_only, trace_only = "".join(lines[:5]), "".join(lines[5:])
    cases = [  # (args, exit code, text in the message)
        (["physmap", os.path.join(tmp, "missing.log"), out], 1, "cannot read the log: No such file"),
        (["trace", tmp, out], 1, "cannot read the log"),
        (["physmap", write("empty.log", ""), out], 1, "the log is empty"),
        (["trace", write("blank.log", "\n\r\n  \n"), out], 1, "the log is empty"),
        (["physmap", write("trace.log", trace_only), out], 1, "no physmap in the log"),
        (["trace", write("physmap.log", physmap_only), out], 1, "no `trace show` output"),
        (["physmap", write("garbage.log", bytes(range(256)) * 8), out], 1, "no physmap in the log"),
        (["trace", write("garbage2.log", "trace: lots\nphysmap: |||\n\x00\xff\n"), out], 1,
         "no `trace show` output"),
        (["physmap", write("head.log", lines[0]), out], 1, "line 1: the physmap starting here has no rows"),
        (["physmap", write("row.log", lines[0] + lines[1][:40] + "\n"), out], 1,
         "line 2: a physmap row cut short"),
        (["physmap", write("types.log", "".join(lines[:2]) + lines[2].rstrip()[:-3] + "\n"), out], 1,
         "line 3: a physmap types row cut short"),
        (["trace", write("short.log", "".join(lines[5:8])), out], 1,
         "line 1: `trace show` says 4 events, the log has 2"),
        (["trace", write("none.log", "trace: 0 events held (ring of 512), 0 recorded, tracing off\n"), out],
         1, "holds no events"),
        (["trace", write("pfn.log", lines[5] + lines[6].replace("pfn=0x1000", "pfn=zz") + "".join(lines[7:])),
          out], 1, "line 2: mm_page_alloc without a valid pfn="),
        (["physmap", write("ok.log", LOG), out, "--nth", "5"], 1, "--nth 5: the log has 1 physmap(s)"),
        (["physmap", write("ok2.log", LOG), out, "--nth", "-2"], 1, "--nth -2"),
        (["physmap", os.path.join(tmp, "ok.log"), os.path.join(tmp, "no", "such", "dir.svg")], 1,
         "cannot write the picture"),
        ([], 2, "usage:"),
        (["physmap", os.path.join(tmp, "ok.log")], 2, "usage:"),
        (["pictures", os.path.join(tmp, "ok.log"), out], 2, "invalid choice"),
        (["physmap", os.path.join(tmp, "ok.log"), out, "--nth", "x"], 2, "invalid int value"),
    ]
    # The legend the shell prints under a physmap is not a cut-short row.
    legend = ("physmap: 0-9,A all free, largest block order (A = 10)   o partly free\n"
              "physmap: x allocated  S slab  # reserved  . hole\n"
              "physmap: types: pageblock migratetype U unmovable M movable R reclaimable\n")
    got, err = run("physmap", write("legend.log", physmap_only + legend), out)
    if got != 0:
        errors.append(f"physmap with its legend: exit {got}, stderr {err!r}")
    for args, code, what in cases:
        got, err = run(*args)
        if got != code or what not in err or (code == 1 and not one_clear_line(err)) or "Traceback" in err:
            errors.append(f"mm-svg.py {' '.join(args)}: exit {got} (want {code}, {what!r}), stderr {err!r}")
    # The log cut after every line and every line cut in half: a picture,
    # or one clear line and exit 1.
    for k in range(len(lines) + 1):
        for cut in (None, "half"):
            text = "".join(lines[:k])
            if cut and k < len(lines):
                text += lines[k][:len(lines[k]) // 2] + "\n"
            log = write("cut.log", text)
            for what in ("physmap", "trace"):
                got, err = run(what, log, out)
                if got not in (0, 1) or (got == 1 and not one_clear_line(err)) or "Traceback" in err:
                    errors.append(f"{what} on the log cut at line {k} ({cut}): exit {got}, stderr {err!r}")
    return errors


def main():
    errors = []
    with tempfile.TemporaryDirectory() as tmp:
        log = os.path.join(tmp, "serial.log")
        with open(log, "w") as f:
            f.write(LOG)
        tool = os.path.join(ROOT, "tools", "mm-svg.py")
        for what in ("physmap", "trace"):
            subprocess.run([sys.executable, tool, what, log, os.path.join(tmp, what + ".svg")],
                           check=True)
        fills = [r["fill"] for r in rects(os.path.join(tmp, "physmap.svg"))]
        # background, then per cell a square and a stripe: 7 cells
        cells, stripes = fills[1:15:2], fills[2:15:2]
        want_cells = ["#ffffff", "#616161", "#a5d6a7", "#1354e0", "#ef9a9a", "#ffcc80", "#2763e3"]
        want_stripes = ["#c62828", "#2e7d32", "#2e7d32", "#2e7d32", "#c62828", "#c62828", "#2e7d32"]
        if cells != want_cells or stripes != want_stripes:
            errors.append(f"physmap colours: {cells} {stripes}")
        bars = [r for r in rects(os.path.join(tmp, "trace.svg")) if r["fill"] in ("#c62828", "#2e7d32")]
        if len(bars) != 2:
            errors.append(f"trace: {len(bars)} bars, expected 2")
        else:
            freed, live = bars  # sorted by pfn: 0x1000 (freed at event 3), 0x2000 (never freed)
            x0, w0 = float(freed["x"]), float(freed["width"])
            x1, w1 = float(live["x"]), float(live["width"])
            if not (x0 < x1 and abs((x0 + w0) - (x1 + w1)) > 1 and freed["fill"] == "#c62828"
                    and live["fill"] == "#2e7d32"):
                errors.append(f"trace bars: {bars}")
        errors += bad_input_errors(tmp)
    for e in errors:
        print("FAIL:", e)
    print("mm-svg test: ok" if not errors else "mm-svg test: failed")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
