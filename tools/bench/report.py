#!/usr/bin/env python3
"""`make bench`: runs the host benchmarks (our allocators, and malloc from
glibc, jemalloc, tcmalloc and mimalloc on the same rows), counts
instructions per operation under callgrind for the pair rows, and prints one
table with the ratios and each target's PASS/MISS. Results go to
build/bench/host.json. Targets are reported, never enforced: the machine is
noisy, instruction counts are not.

  report.py [--bin-dir DIR] [--min-time S] [--out DIR]
  report.py --smoke --bin-dir DIR     every row once, briefly (a CTest)
"""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PEERS = ["glibc", "jemalloc", "tcmalloc", "mimalloc"]
PER_OBJECT = {"kmalloc_batch128": 128, "kmem_cache_bulk16": 16}  # rows timed per batch
COUNTED_WITH_PEERS = ["kmalloc_pair/16", "kmalloc_pair/64", "kmalloc_pair/256",
                      "kmalloc_pair/1024", "kmem_cache_pair/64"]
COUNTED_OURS = COUNTED_WITH_PEERS + ["page_pair/order:0/pcp:1", "page_pair/order:0/pcp:0"]
COUNT_N = 200000


def run_bench(binary, min_time, smoke):
    with tempfile.NamedTemporaryFile(suffix=".json") as f:
        argv = [binary, f"--benchmark_out={f.name}", "--benchmark_out_format=json",
                f"--benchmark_min_time={min_time}"]
        if not smoke:
            argv.append("--benchmark_repetitions=3")
            argv.append("--benchmark_report_aggregates_only=true")
        subprocess.run(argv, check=True, stdout=subprocess.DEVNULL)
        data = json.load(open(f.name))
    times = {}
    for b in data["benchmarks"]:
        if b.get("error_occurred"):
            raise SystemExit(f"{binary}: {b['name']}: {b.get('error_message')}")
        if smoke or b.get("aggregate_name") == "median":
            name = b.get("run_name", b["name"])
            ns = b["real_time"] * {"ns": 1, "us": 1e3, "ms": 1e6}[b["time_unit"]]
            times[name] = ns / PER_OBJECT.get(name.split("/")[0], 1)
    return times, data.get("context", {})


def instructions(binary, row, n):
    """Instructions per operation: callgrind counts what runs inside
    measured_loop (the operation, plus about 5 instructions of loop and
    indirect call)."""
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "cg.out")
        subprocess.run(["valgrind", "--tool=callgrind", "--toggle-collect=measured_loop",
                        f"--callgrind-out-file={out}", binary, "--count", row, str(n)],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        text = open(out).read()
    m = re.search(r"^(?:summary|totals): (\d+)", text, re.M)
    return int(m.group(1)) / n if m else None


def fmt(v, unit=""):
    if v is None:
        return "-"
    return f"{v:.1f}{unit}" if v < 100 else f"{v:.0f}{unit}"


def verdict(ok):
    return "PASS" if ok else "MISS"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin-dir", default=os.path.join(ROOT, "build", "ctest", "host_tests", "bench"))
    ap.add_argument("--min-time", default="0.3")
    ap.add_argument("--out", default=os.path.join(ROOT, "build", "bench"))
    ap.add_argument("--smoke", action="store_true")
    a = ap.parse_args()
    exe = lambda name: os.path.join(a.bin_dir, name)
    min_time = "0.001" if a.smoke else a.min_time

    ours, context = run_bench(exe("mm_bench"), min_time, a.smoke)
    peers, libs = {}, {}
    for p in PEERS:
        peers[p], ctx = run_bench(exe(f"malloc_bench_{p}"), min_time, a.smoke)
        libs[p] = ctx.get("malloc_library", "?")
    if a.smoke:
        for row in COUNTED_OURS:  # the --count mode runs (no valgrind)
            subprocess.run([exe("mm_bench"), "--count", row, "1000"], check=True)
        expected = 26
        print(f"bench smoke: {len(ours)} rows of ours (expected {expected}), "
              f"{sum(len(v) for v in peers.values())} peer rows; malloc from {libs}")
        return 0 if len(ours) == expected and all(len(v) == 9 for v in peers.values()) else 1

    have_valgrind = shutil.which("valgrind") is not None
    instr = {}
    if have_valgrind:
        for row in COUNTED_OURS:
            instr[("ours", row)] = instructions(exe("mm_bench"), row, COUNT_N)
        for p in PEERS:
            for row in COUNTED_WITH_PEERS:
                instr[(p, row)] = instructions(exe(f"malloc_bench_{p}"), row, COUNT_N)

    print(f"Host benchmarks (median of 3; ns per operation; instructions under callgrind)")
    print(f"CPU: {context.get('num_cpus')} x {context.get('mhz_per_cpu')} MHz; peers' malloc: "
          + ", ".join(f"{p}={os.path.basename(l)}" for p, l in libs.items()))
    head = f"{'row':<42} {'ours ns':>8} {'instr':>6}"
    for p in PEERS:
        head += f" {p + ' ns':>12} {'us/' + p[:4]:>8}"
    print(head)
    for row, ns in ours.items():
        line = f"{row:<42} {fmt(ns):>8} {fmt(instr.get(('ours', row))):>6}"
        for p in PEERS:
            pn = peers[p].get(row)
            line += f" {fmt(pn):>12} {fmt(ns / pn if pn else None, 'x'):>8}"
        print(line)
    if instr:
        print("instructions per malloc+free pair: " + "; ".join(
            f"{row.split('/')[1]} B: " + ", ".join(
                f"{p} {fmt(instr.get((p, row)))}" for p in PEERS)
            for row in COUNTED_WITH_PEERS[:4]))

    print("\nTargets (reported, not enforced)")
    targets = []
    for size in (16, 64, 256, 1024):
        row = f"kmalloc_pair/{size}"
        i = instr.get(("ours", row))
        ok = ours[row] <= peers["tcmalloc"][row] and (i is None or i <= 60)
        targets.append((f"kmalloc+kfree {size} B at or below tcmalloc, <= 60 instr",
                        f"{fmt(ours[row])} ns vs {fmt(peers['tcmalloc'][row])} ns, "
                        f"{fmt(i)} instr", ok))
    i = instr.get(("ours", "kmem_cache_pair/64"))
    targets.append(("kmem_cache_alloc+free <= 45 instructions", f"{fmt(i)} instr",
                    i is not None and i <= 45))
    pcp, nopcp = ours["page_pair/order:0/pcp:1"], ours["page_pair/order:0/pcp:0"]
    targets.append(("order-0 pair through pcp < 20 ns (Linux: about 40-55 ns)",
                    f"{fmt(pcp)} ns", pcp < 20))
    targets.append(("pcp at least 1.4x faster than bypassing it (Linux: about 1.44x)",
                    f"{nopcp / pcp:.2f}x ({fmt(nopcp)} vs {fmt(pcp)} ns)", nopcp / pcp >= 1.4))
    v10, v100k = ours["vmap_area/live/10"], ours["vmap_area/live/100000"]
    targets.append(("vmap area alloc at 100,000 live areas <= 3x at 10",
                    f"{v100k / v10:.2f}x ({fmt(v10)} -> {fmt(v100k)} ns)", v100k / v10 <= 3))
    for regions in (128, 1024):
        small = ours[f"memblock_alloc/regions:{regions}/dram_mb:128"]
        big = ours[f"memblock_alloc/regions:{regions}/dram_mb:3072"]
        targets.append((f"memblock_alloc independent of DRAM size ({regions} regions)",
                        f"128M {fmt(small)} ns, 3G {fmt(big)} ns", 0.75 <= big / small <= 1.33))
    for what, got, ok in targets:
        print(f"  {verdict(ok)}  {what}: {got}")

    os.makedirs(a.out, exist_ok=True)
    path = os.path.join(a.out, "host.json")
    with open(path, "w") as f:
        json.dump({"ours_ns": ours, "peers_ns": peers, "peer_libraries": libs,
                   "instructions": {f"{k[0]}:{k[1]}": v for k, v in instr.items()},
                   "targets": [{"target": t, "got": g, "pass": ok} for t, g, ok in targets],
                   "context": context}, f, indent=1)
    print(f"\nsaved {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
