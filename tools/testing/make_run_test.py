#!/usr/bin/env python3
"""The README's quick start as a new user would do it: `make run`, wait for
the shell's prompt, type `meminfo`, then `poweroff`. Passes if the shell
answered with the meminfo lines and QEMU powered off."""
import os
import subprocess
import sys
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def main():
    p = subprocess.Popen(["make", "--no-print-directory", "run"], cwd=ROOT, stdin=subprocess.PIPE,
                         stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    out = bytearray()
    threading.Thread(target=lambda: [out.extend(b) for b in iter(lambda: p.stdout.read1(4096), b"")],
                     daemon=True).start()
    deadline = time.time() + 180

    def wait_for(text):
        while text.encode() not in out:
            if time.time() > deadline or p.poll() is not None:
                return False
            time.sleep(0.2)
        return True

    ok = wait_for("mmlab shell:")
    for line in ("meminfo", "poweroff"):  # typed one key at a time, as by hand
        for ch in line + "\r":
            p.stdin.write(ch.encode())
            p.stdin.flush()
            time.sleep(0.02)
        ok = ok and wait_for("MemTotal:" if line == "meminfo" else "Power down")
    try:
        p.wait(timeout=30)
    except subprocess.TimeoutExpired:
        p.kill()
        ok = False
    text = out.decode(errors="replace")
    print(text[-3000:])
    print("make run: ok" if ok else "FAIL: the shell did not answer meminfo or did not power off")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
