#!/usr/bin/env python3
"""user.py: what faults, fork, execve and mmap cost a process, in guest
instructions, on mmlab and on Debian's Linux 6.1 686, side by side.

Both kernels boot the same initramfs (build/user/init running only
/bin/ubench, user/ubench.c) on the same QEMU machine under
`-icount shift=0,sleep=off`, where the TSC counts one per guest
instruction: ubench's rdtsc deltas are exact instruction counts, the same
on every host and every run. Prints the table docs/performance.md shows
and writes OUT/user.json.

    python3 tools/bench/user.py --kernel build/kernel.elf --out build/bench

A benchmark, not a test: nothing fails on a figure. Needs `make user` and
the Linux deb (tools/linux-ref/deb.sh fetches it with apt the first time).
"""
import argparse
import json
import os
import re
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
TOOLS = os.path.join(ROOT, "tools")
ICOUNT = ["-icount", "shift=0,sleep=off"]
LINE = re.compile(r"ubench: (.+?)\s+(\d+) ops\s+(\d+) instructions/op")


def initramfs(tmp):
    tests = os.path.join(tmp, "tests")
    with open(tests, "w") as f:
        f.write("/bin/ubench\n")
    out = os.path.join(tmp, "ubench.cpio")
    subprocess.run([sys.executable, os.path.join(TOOLS, "mkcpio.py"), "-o", out,
                    "--init", os.path.join(ROOT, "build/user/init"),
                    "--bin", os.path.join(ROOT, "build/user/ubench"),
                    "--file", f"etc/tests={tests}:0644"], check=True)
    return out


def linux_vmlinuz():
    script = ('set -eu; here=$1; cache=${LINUX_REF_CACHE:-$here/build/linux-ref}; '
              'abi=6.1.0-50-686; pkg=linux-image-$abi; '
              'die() { echo "user.py: $*" >&2; exit 1; }; mkdir -p "$cache"; '
              '. "$here/tools/linux-ref/deb.sh"; extract_vmlinuz "$(fetch_deb)"')
    return subprocess.run(["bash", "-c", script, "deb", ROOT], check=True,
                          stdout=subprocess.PIPE, text=True).stdout.strip()


def boot(image, log, extra):
    subprocess.run([os.path.join(TOOLS, "run-qemu.sh"), image, "128M", "-serial",
                    f"file:{log}", "-no-reboot"] + ICOUNT + extra, timeout=1200)
    with open(log, errors="replace") as f:
        text = f.read().replace("\r", "")
    if "ubench: done" not in text:
        print(f"user.py: no 'ubench: done' in {log}:\n{text[-2000:]}", file=sys.stderr)
    return {re.sub(r"\s+", " ", m[1].strip()): int(m[3]) for m in LINE.finditer(text)}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--kernel", default=os.path.join(ROOT, "build/kernel.elf"))
    ap.add_argument("--out", default=os.path.join(ROOT, "build/bench"))
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        cpio = initramfs(tmp)
        iso = os.path.join(tmp, "mmlab.iso")
        subprocess.run([os.path.join(TOOLS, "mkiso.sh"), args.kernel, iso, "norandmaps quiet",
                        "", cpio], check=True)
        ours = boot(iso, os.path.join(tmp, "mmlab.log"), [])
        linux = boot(linux_vmlinuz(), os.path.join(tmp, "linux.log"),
                     ["-initrd", cpio, "-append", "console=ttyS0 norandmaps quiet"])
    print("Per operation, in guest instructions (QEMU -icount shift=0; user/ubench.c)")
    print("Target (issue 18): every row at or below Linux's count.")
    print(f"| {'operation':<28} | {'mmlab':>10} | {'Linux 6.1':>10} | {'ratio':>6} | target |")
    print(f"|{'-' * 30}|{'-' * 12}|{'-' * 12}|{'-' * 8}|--------|")
    rows = []
    for name in list(ours) + [n for n in linux if n not in ours]:
        a, b = ours.get(name), linux.get(name)
        ratio = f"{a / b:.2f}" if a and b else "-"
        verdict = ("PASS" if a <= b else "MISS") if a and b else "-"
        print(f"| {name:<28} | {a if a is not None else '-':>10} | "
              f"{b if b is not None else '-':>10} | {ratio:>6} | {verdict:>6} |")
        rows.append({"operation": name, "mmlab": a, "linux": b, "target": verdict})
    # Issue 18's scale rows: the VMA lookup and mmap's gap search with
    # 10,000 VMAs at most 3x their cost with 10.
    for op in ("mincore", "mmap+munmap"):
        for label, table in (("mmlab", ours), ("Linux 6.1", linux)):
            few, many = table.get(f"{op} among 10 VMAs"), table.get(f"{op} among 10000 VMAs")
            if few and many:
                verdict = "PASS" if many <= 3 * few else "MISS"
                print(f"{verdict}  {op}, 10,000 VMAs / 10 VMAs, {label}: {many / few:.2f}x "
                      "(target at most 3x)")
    # Issue 18's scale row: fork's cost should grow with the memory touched.
    one, big = "fork+exit+wait 1 MiB", "fork+exit+wait 64 MiB"
    for label, table in (("mmlab", ours), ("Linux 6.1", linux)):
        if table.get(one) and table.get(big):
            print(f"fork 64 MiB / 1 MiB touched, {label}: {table[big] / table[one]:.1f}x "
                  "(64x would be all per-page cost)")
    with open(os.path.join(args.out, "user.json"), "w") as f:
        json.dump(rows, f, indent=1)
    return 0 if ours and linux else 1


if __name__ == "__main__":
    sys.exit(main())
