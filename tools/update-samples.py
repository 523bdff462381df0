#!/usr/bin/env python3
"""Rewrite (or check) the kernel-output samples in README.md and docs/*.md
from a real boot, so they cannot drift from what the kernel prints.

  tools/update-samples.py [--kernel ELF] [--check] [FILE.md ...]

A sample is a fenced code block right below a marker comment (invisible once
the markdown is rendered):

  <!-- sample: MEM=128M CMDLINE="memblock=debug" INPUT="frag;trace show" TS=drop
       lines: "BIOS-provided" .. "HighMem  empty" ... "Memory:" -->

MEM, CMDLINE and GRUB_EXTRA say how to boot (as `make run` does); INPUT is
typed on the serial console, commands separated by ';' ("poweroff" is typed
after them), where {last_pfn} becomes the pfn the last `alloc` printed;
TS=drop removes the printk timestamps, TS=keep (the default) keeps them;
MASK="regex" names what differs from boot to boot (SLUB's age=, say): like
the timestamps, it is written as printed but never counts as a difference.
`lines:` picks the lines, searching on from the previous pick: "A" is the
first line containing A, "A" .. "B" runs from there to the first line
containing B, and a bare ... writes a "..." line into the sample.

Without --check every sample is rewritten; a block whose only differences
are timestamps and MASK matches is left alone. With --check nothing is written: the exit code
is 1 if any sample differs from what the kernel prints now (each difference
shown, with the command that fixes it), 2 on a bad marker or a failed boot.
Each distinct boot (MEM, CMDLINE, GRUB_EXTRA, INPUT) runs once.
"""
import argparse
import difflib
import glob
import os
import re
import subprocess
import sys
import tempfile
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MARKER = re.compile(r"<!--\s*sample:(.*?)-->", re.S)
SETTING = re.compile(r'(MEM|CMDLINE|GRUB_EXTRA|INPUT|TS|MASK)=("(?:[^"\\]|\\.)*"|\S*)')
PICK = re.compile(r'"((?:[^"\\]|\\.)*)"|(\.\.\.)|(\.\.)|(\S+)')
TIMESTAMP = re.compile(r"\[ *\d+\.\d+\] ")
FIX = "python3 tools/update-samples.py"
LAST_PFN = "{last_pfn}"
ALLOC_PFN = re.compile(rb"alloc: order \d+ at pfn (0x[0-9a-f]+)")


class SampleError(Exception):
    pass


def unquote(v):
    """A quoted value without its quotes; only \\" and \\\\ are escapes, so a MASK
    regex keeps its \\d."""
    return re.sub(r'\\(["\\])', r"\1", v[1:-1]) if v.startswith('"') else v


class Sample:
    """One marker and the fenced block under it ([start, end) are text offsets
    of the block's body, between its fence lines)."""

    def __init__(self, path, lineno, settings, picks, start, end, body):
        self.path, self.lineno = path, lineno
        self.mem = settings.get("MEM", "128M")
        self.cmdline = settings.get("CMDLINE", "")
        self.grub_extra = settings.get("GRUB_EXTRA", "")
        self.input = [c.strip() for c in settings.get("INPUT", "").split(";") if c.strip()]
        self.timestamps = settings.get("TS", "keep")
        try:
            self.mask = re.compile(settings["MASK"]) if settings.get("MASK") else None
        except re.error as e:
            raise SampleError(f"{self.where()}: MASK={settings['MASK']!r}: {e}")
        if self.timestamps not in ("keep", "drop"):
            raise SampleError(f"{self.where()}: TS={self.timestamps}: keep or drop")
        self.picks, self.start, self.end, self.body = picks, start, end, body

    def where(self):
        return f"{os.path.relpath(self.path, ROOT)}:{self.lineno}"

    def boot(self):
        return (self.mem, self.cmdline, self.grub_extra, tuple(self.input))

    def describe(self):
        parts = [f"MEM={self.mem}", f"CMDLINE={self.cmdline!r}"]
        if self.grub_extra:
            parts.append(f"GRUB_EXTRA={self.grub_extra!r}")
        if self.input:
            parts.append("typed: " + "; ".join(self.input))
        return " ".join(parts)


def parse_picks(text, where):
    """[("gap",) | ("one", A) | ("range", A, B)] from the words after lines:."""
    tokens = []
    for m in PICK.finditer(text):
        if m.group(1) is not None:
            tokens.append(("str", unquote('"' + m.group(1) + '"')))
        elif m.group(2):
            tokens.append(("gap",))
        elif m.group(3):
            tokens.append(("to",))
        elif m.group(4) != ",":
            raise SampleError(f"{where}: unexpected {m.group(4)!r} in lines: (quote the text)")
    picks, i = [], 0
    while i < len(tokens):
        t = tokens[i]
        if t[0] == "gap":
            picks.append(("gap",))
            i += 1
        elif t[0] == "str":
            if i + 1 < len(tokens) and tokens[i + 1][0] == "to":
                if i + 2 >= len(tokens) or tokens[i + 2][0] != "str":
                    raise SampleError(f"{where}: '..' needs a quoted line after it")
                picks.append(("range", t[1], tokens[i + 2][1]))
                i += 3
            else:
                picks.append(("one", t[1]))
                i += 1
        else:
            raise SampleError(f"{where}: '..' needs a quoted line before it")
    if not any(p[0] != "gap" for p in picks):
        raise SampleError(f"{where}: lines: picks nothing")
    return picks


def find_samples(path):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    samples = []
    for m in MARKER.finditer(text):
        lineno = text.count("\n", 0, m.start()) + 1
        where = f"{os.path.relpath(path, ROOT)}:{lineno}"
        head, sep, tail = m.group(1).partition("lines:")
        if not sep:
            raise SampleError(f"{where}: the marker has no lines:")
        settings = {k: unquote(v) for k, v in SETTING.findall(head)}
        leftover = SETTING.sub("", head).split()
        if leftover:
            raise SampleError(f"{where}: unknown setting {leftover[0]!r} (MEM= CMDLINE= GRUB_EXTRA= INPUT= TS= MASK=)")
        fence = re.compile(r"\s*\n```[^\n]*\n").match(text, m.end())
        if not fence:
            raise SampleError(f"{where}: no ``` block right below the marker")
        close = text.find("\n```", fence.end() - 1)
        if close < 0:
            raise SampleError(f"{where}: the ``` block below the marker never ends")
        start, end = fence.end(), close + 1
        samples.append(Sample(path, lineno, settings, parse_picks(tail, where), start, end,
                              text[start:end]))
    return text, samples


def serial_text_to_lines(raw):
    """The console's lines: CRs gone, and nothing before the kernel's first
    timestamped line (GRUB's screen escapes and its "Booting" line)."""
    lines = raw.replace("\r", "").split("\n")
    for i, line in enumerate(lines):
        m = TIMESTAMP.search(line)
        if m:
            lines[i] = line[m.start():]
            return lines[i:]
    return []


def select(sample, lines):
    """The sample's lines from a boot's console lines, as its picks say."""
    def find(text, pos, what):
        for i in range(pos, len(lines)):
            if text in lines[i]:
                return i
        raise SampleError(f"{sample.where()}: {what} {text!r} is not in the output of the boot "
                          f"({sample.describe()}) after line {pos}")

    out, pos = [], 0
    for p in sample.picks:
        if p[0] == "gap":
            out.append("...")
        elif p[0] == "one":
            i = find(p[1], pos, "line")
            out.append(lines[i])
            pos = i + 1
        else:
            i = find(p[1], pos, "first line")
            j = find(p[2], i, "last line")
            out += lines[i:j + 1]
            pos = j + 1
    if sample.timestamps == "drop":
        out = [TIMESTAMP.sub("", l, count=1) for l in out]
    return "".join(l.rstrip() + "\n" for l in out)


def same_but_volatile(a, b, mask=None):
    """a and b agree apart from timestamps and what the sample's MASK matches."""
    def norm(s):
        s = TIMESTAMP.sub("[TIME] ", s)
        return mask.sub("<masked>", s) if mask else s
    return norm(a) == norm(b)


def boot(kernel, mem, cmdline, grub_extra, commands, timeout=180):
    """The serial output of one boot, driven like a student at the prompt."""
    with tempfile.TemporaryDirectory() as tmp:
        iso = os.path.join(tmp, "sample.iso")
        subprocess.run([os.path.join(ROOT, "tools", "mkiso.sh"), kernel, iso, cmdline, grub_extra],
                       check=True)
        argv = [os.path.join(ROOT, "tools", "run-qemu.sh"), iso, mem, "-serial", "stdio", "-no-reboot"]
        out = converse(argv, list(commands) + ["poweroff"], timeout)
        if out is None:
            raise SampleError(f"the boot MEM={mem} CMDLINE={cmdline!r} did not end within {timeout}s")
        return serial_text_to_lines(out.decode(errors="replace"))


def converse(argv, commands, timeout):
    """Types the commands into QEMU's serial line; a command with {last_pfn}
    waits for the answer of the alloc before it (as qemu_boot_test.py's
    converse does). The serial output, or None if QEMU did not end in time."""
    p = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                         stderr=subprocess.DEVNULL)
    out = bytearray()
    reader = threading.Thread(target=lambda: [out.extend(b) for b in iter(lambda: p.stdout.read1(4096), b"")],
                              daemon=True)
    reader.start()
    deadline, used = time.time() + timeout, 0
    # Blank lines first, as the QEMU tests type them: the prompt answers
    # each, so the commands start once the shell is up.
    typed = ["\n\n\n\n"]
    for c in commands:
        if LAST_PFN in c:
            send(p, "".join(typed))
            typed = []
            while len(ALLOC_PFN.findall(out)) <= used and time.time() < deadline and p.poll() is None:
                time.sleep(0.1)
            pfns = ALLOC_PFN.findall(out)
            used = len(pfns)
            c = c.replace(LAST_PFN, pfns[-1].decode() if pfns else "0")
        typed.append(c + "\n")
    send(p, "".join(typed))
    try:
        p.wait(timeout=max(1, deadline - time.time()))
    except subprocess.TimeoutExpired:
        p.kill()
        p.wait()
        return None
    reader.join(timeout=5)
    return bytes(out)


def send(p, text):
    try:
        p.stdin.write(text.encode())
        p.stdin.flush()
    except BrokenPipeError:  # QEMU has gone; its output says why
        pass


def rewrite(text, samples, blocks):
    """text with each sample's block body replaced by blocks[i] (back to front,
    so earlier offsets stay valid)."""
    for s, body in sorted(zip(samples, blocks), key=lambda x: -x[0].start):
        text = text[:s.start] + body + text[s.end:]
    return text


def default_files():
    return [os.path.join(ROOT, "README.md")] + sorted(glob.glob(os.path.join(ROOT, "docs", "*.md")))


def main(argv=None):
    ap = argparse.ArgumentParser(prog="update-samples.py",
                                 description="Rewrite or check the kernel-output samples in the docs.")
    ap.add_argument("--kernel", default=os.path.join(ROOT, "build", "kernel.elf"))
    ap.add_argument("--check", action="store_true", help="write nothing; exit 1 if a sample is stale")
    ap.add_argument("files", nargs="*", help="markdown files (default: README.md docs/*.md)")
    a = ap.parse_args(argv)
    if not os.path.exists(a.kernel):
        print(f"update-samples.py: no kernel at {a.kernel} (make all first, or --kernel ELF)",
              file=sys.stderr)
        return 2
    try:
        docs = [(path, *find_samples(path)) for path in (a.files or default_files())]
        outputs = {}
        for _, _, samples in docs:
            for s in samples:
                if s.boot() not in outputs:
                    print(f"booting {s.describe()}", file=sys.stderr)
                    outputs[s.boot()] = boot(os.path.abspath(a.kernel), *s.boot()[:3], s.input)
        stale = 0
        for path, text, samples in docs:
            blocks = []
            for s in samples:
                now = select(s, outputs[s.boot()])
                if same_but_volatile(now, s.body, s.mask):
                    blocks.append(s.body)
                    continue
                stale += 1
                blocks.append(now)
                print(f"{s.where()}: the sample differs from what the kernel prints now "
                      f"({s.describe()}):")
                sys.stdout.writelines(difflib.unified_diff(
                    s.body.splitlines(True), now.splitlines(True), "in the file", "the kernel now"))
            if not a.check and blocks != [s.body for s in samples]:
                with open(path, "w", encoding="utf-8") as f:
                    f.write(rewrite(text, samples, blocks))
                print(f"rewrote {os.path.relpath(path, ROOT)}")
    except (SampleError, OSError, subprocess.CalledProcessError) as e:
        print(f"update-samples.py: {e}", file=sys.stderr)
        return 2
    count = sum(len(s) for _, _, s in docs)
    if a.check and stale:
        print(f"{stale} of {count} samples are stale. To fix: make all && {FIX}, then review and commit.")
        return 1
    print(f"{count} samples checked, {stale} {'stale' if a.check else 'rewritten'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
