#!/usr/bin/env python3
"""tools/mm-svg.py on a small serial log: the physmap picture has a square
and a migratetype stripe per cell with the right colours, and the trace
chart has one bar per page block, ending where the block was freed."""
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
    for e in errors:
        print("FAIL:", e)
    print("mm-svg test: ok" if not errors else "mm-svg test: failed")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
