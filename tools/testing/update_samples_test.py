#!/usr/bin/env python3
"""tools/update-samples.py without QEMU: its boot() is replaced by canned
console output, then markers are parsed, lines picked ("A", "A" .. "B", ...),
timestamps kept or dropped, a stale block found by --check (exit 1, file
untouched, the fix command named) and rewritten without it (the text around
it untouched, timestamps alone never a reason), and bad markers refused
with exit 2 and the file and line. Its typing is tried on a fake QEMU:
{last_pfn} waits for, and becomes, the pfn the alloc before it printed."""
import contextlib
import importlib.util
import io
import os
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
spec = importlib.util.spec_from_file_location("update_samples", os.path.join(ROOT, "tools", "update-samples.py"))
us = importlib.util.module_from_spec(spec)
spec.loader.exec_module(us)

CONSOLE = """\x1b[H\x1b[J  Booting `mmlab'\r
\r
[    0.000000] mmlab version 0.1-mmlab\r
[    0.000000] BIOS-provided physical RAM map:\r
[    0.000000] BIOS-e820: [mem 0x0000000000000000-0x000000000009fbff] usable\r
[    0.000000] Zone ranges:\r
[    0.000000]   HighMem  empty\r
[    0.000000] Movable zone start for each node\r
[    0.000000] Memory: 128352K/130552K available (126K kernel code)\r
[    0.131976] mmlab shell: 'help' lists the commands\r
> frag\r
[    0.200000] frag: grouping off: 0 order-9 requests succeed (0%)\r
[    0.300000] frag: grouping on: 29 order-9 requests succeed (93%)\r
[    0.300001] Allocated in f+0x1/0x2 age=17 cpu=0 pid=0\r
> poweroff\r
"""
DOC = """# A chapter

Some words.

<!-- sample: MEM=128M CMDLINE="memblock=debug" lines: "BIOS-provided" .. "HighMem  empty" ... "Memory:" -->
```
[    0.000000] BIOS-provided physical RAM map:
[    0.000000] Memory: 128432K/130552K available (116K kernel code, ...)
```

Between the samples.

<!-- sample: MEM=128M INPUT="frag" TS=drop
     lines: "grouping off:" "grouping on:" -->
```
frag: grouping off: 0 order-9 requests succeed (0%)
frag: grouping on: 29 order-9 requests succeed (93%)
```

The end.
"""
FIRST_NOW = """[    0.000000] BIOS-provided physical RAM map:
[    0.000000] BIOS-e820: [mem 0x0000000000000000-0x000000000009fbff] usable
[    0.000000] Zone ranges:
[    0.000000]   HighMem  empty
...
[    0.000000] Memory: 128352K/130552K available (126K kernel code)
"""

boots = []


def fake_boot(kernel, mem, cmdline, grub_extra, commands, timeout=180):
    boots.append((mem, cmdline, tuple(commands)))
    return us.serial_text_to_lines(CONSOLE)


us.boot = fake_boot


def run(args):
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = us.main(args)
    return code, out.getvalue(), err.getvalue()


# A stand-in for QEMU's serial line: echoes each line after "> ", answers
# alloc with a new pfn a little later, ends at poweroff.
FAKE_QEMU = r"""
import sys, time
pfn = 0x1000
for line in sys.stdin:
    line = line.strip()
    print("> " + line, flush=True)
    if line.startswith("alloc"):
        time.sleep(0.3)
        pfn += 8
        print("alloc: order 3 at pfn %#x, zone Normal" % pfn, flush=True)
    if line == "poweroff":
        break
"""


def converse_errors(tmp):
    fake = os.path.join(tmp, "fake_qemu.py")
    with open(fake, "w") as f:
        f.write(FAKE_QEMU)
    out = us.converse([sys.executable, fake], ["alloc 3", "free {last_pfn}", "alloc 3",
                                               "free {last_pfn}", "poweroff"], 30)
    typed = [l for l in (out or b"").decode().split("\n") if l.startswith("> free")]
    if typed != ["> free 0x1008", "> free 0x1010"]:
        return [f"converse: {out!r}"]
    return []


def main():
    errors = []
    with tempfile.TemporaryDirectory() as tmp:
        kernel = os.path.join(tmp, "kernel.elf")
        open(kernel, "w").close()
        doc = os.path.join(tmp, "doc.md")
        with open(doc, "w") as f:
            f.write(DOC)

        code, out, err = run(["--kernel", kernel, "--check", doc])
        with open(doc) as f:
            text = f.read()
        if code != 1 or text != DOC or "1 of 2 samples are stale" not in out \
                or "python3 tools/update-samples.py" not in out or "+[    0.000000] Zone ranges:" not in out:
            errors.append(f"--check on a stale sample: exit {code}\n{out}{err}")
        if sorted(boots) != [("128M", "", ("frag",)), ("128M", "memblock=debug", ())]:
            errors.append(f"boots: {boots}")

        code, out, err = run(["--kernel", kernel, doc])
        with open(doc) as f:
            text = f.read()
        want = DOC.replace("""[    0.000000] BIOS-provided physical RAM map:
[    0.000000] Memory: 128432K/130552K available (116K kernel code, ...)
""", FIRST_NOW)
        if code != 0 or text != want:
            errors.append(f"rewrite: exit {code}\n{out}{err}\n--- got ---\n{text}")

        # Only timestamps differ: up to date, and the file is left alone.
        with open(doc, "w") as f:
            f.write(want.replace("[    0.000000] Zone", "[    9.999999] Zone"))
        code, out, _ = run(["--kernel", kernel, "--check", doc])
        if code != 0 or "2 samples checked, 0 stale" not in out:
            errors.append(f"timestamps only: exit {code}\n{out}")

        # MASK: what differs from boot to boot never makes a sample stale.
        with open(doc, "w") as f:
            f.write('<!-- sample: TS=drop MASK="age=\\d+" lines: "Allocated in" -->\n```\n'
                    'Allocated in f+0x1/0x2 age=3 cpu=0 pid=0\n```\n')
        code, out, err = run(["--kernel", kernel, "--check", doc])
        if code != 0 or "1 samples checked, 0 stale" not in out:
            errors.append(f"MASK: exit {code}\n{out}{err}")

        bad = {
            '<!-- sample: MASK="age=(" lines: "a" -->\n```\nx\n```\n': "MASK='age=('",
            '<!-- sample: MEM=128M -->\n```\nx\n```\n': "has no lines:",
            '<!-- sample: SIZE=1 lines: "a" -->\n```\nx\n```\n': "unknown setting 'SIZE=1'",
            '<!-- sample: lines: "a" -->\n\ntext\n```\nx\n```\n': "no ``` block right below",
            '<!-- sample: lines: "a" -->\n```\nx\n': "never ends",
            '<!-- sample: lines: "a" .. -->\n```\nx\n```\n': "'..' needs a quoted line after it",
            '<!-- sample: lines: a -->\n```\nx\n```\n': "unexpected 'a'",
            '<!-- sample: TS=no lines: "a" -->\n```\nx\n```\n': "TS=no",
            '<!-- sample: lines: "not printed" -->\n```\nx\n```\n': "'not printed' is not in the output",
        }
        for body, what in bad.items():
            with open(doc, "w") as f:
                f.write("intro\n" + body)
            code, out, err = run(["--kernel", kernel, "--check", doc])
            if code != 2 or what not in err or "doc.md:2" not in err:
                errors.append(f"bad marker {body!r}: exit {code}, stderr {err!r}")
        errors += converse_errors(tmp)
        code, _, err = run(["--kernel", os.path.join(tmp, "none.elf"), doc])
        if code != 2 or "make all first" not in err:
            errors.append(f"missing kernel: exit {code}, stderr {err!r}")
    for e in errors:
        print("FAIL:", e)
    print("update-samples test: ok" if not errors else "update-samples test: failed")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
