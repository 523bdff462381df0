#!/usr/bin/env python3
"""tools/mkcpio.py: the archive parses back as newc with the right names,
modes, sizes, device numbers, inode numbers and 4-byte padding, ends with
TRAILER!!!, and is byte-identical when built twice. Bad --file arguments,
a missing input and a name given twice each end with one line on stderr and
exit code 1, never a traceback."""
import os
import stat
import subprocess
import sys
import tempfile
import unittest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
TOOL = os.path.join(ROOT, "tools", "mkcpio.py")
FIELDS = ["ino", "mode", "uid", "gid", "nlink", "mtime", "filesize", "devmajor", "devminor",
          "rdevmajor", "rdevminor", "namesize", "check"]


def parse(data):
    """[(fields, name, body)] of a newc archive, checking every padding."""
    out, i = [], 0
    while True:
        head = data[i:i + 110]
        assert head[:6] == b"070701", f"bad magic at {i}: {head[:6]!r}"
        f = {k: int(head[6 + 8 * n:14 + 8 * n], 16) for n, k in enumerate(FIELDS)}
        i += 110
        name_b = data[i:i + f["namesize"]]
        assert name_b.endswith(b"\0"), "name without its NUL"
        i += f["namesize"]
        assert data[i:i + (-i % 4)] == b"\0" * (-i % 4), "name padding is not zeros"
        i += -i % 4
        body = data[i:i + f["filesize"]]
        assert len(body) == f["filesize"], "archive cut inside a file"
        i += f["filesize"]
        assert data[i:i + (-i % 4)] == b"\0" * (-i % 4), "data padding is not zeros"
        i += -i % 4
        name = name_b[:-1].decode()
        out.append((f, name, body))
        if name == "TRAILER!!!":
            assert i == len(data), "bytes after the trailer"
            return out


def run(*args):
    return subprocess.run([sys.executable, TOOL, *args], capture_output=True, text=True)


class MkcpioTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        d = self.tmp.name
        self.init = self.write("init", b"\x7fELF init")
        self.hello = self.write("hello", b"hello!")           # 6 bytes: padded to 8
        self.prog4 = self.write("four", b"1234")              # already a multiple of 4
        self.empty = self.write("empty", b"")
        self.text = self.write("notelf.txt", b"text\n")
        self.out = os.path.join(d, "out.cpio")

    def tearDown(self):
        self.tmp.cleanup()

    def write(self, name, data):
        path = os.path.join(self.tmp.name, name)
        with open(path, "wb") as f:
            f.write(data)
        return path

    def build(self, out=None, *extra):
        out = out or self.out
        p = run("-o", out, "--init", self.init, "--bin", self.hello, "--bin", self.prog4,
                "--bin", self.empty, "--file", "bin/notelf=" + self.text + ":0755",
                "--file", "/etc/tests=" + self.text, *extra)
        self.assertEqual(p.returncode, 0, p.stderr)
        with open(out, "rb") as f:
            return f.read()

    def test_entries_parse_back(self):
        entries = parse(self.build())
        names = [n for _, n, _ in entries]
        self.assertEqual(names, ["bin", "dev", "etc", "proc", "tmp", "dev/console", "dev/tty",
                                 "dev/null", "init", "bin/hello", "bin/four", "bin/empty", "bin/notelf",
                                 "etc/tests", "TRAILER!!!"])
        by = {n: (f, b) for f, n, b in entries}
        for d in ["bin", "dev", "etc", "proc", "tmp"]:
            self.assertEqual(by[d][0]["mode"], stat.S_IFDIR | 0o755)
            self.assertEqual(by[d][0]["nlink"], 2)
        console, null = by["dev/console"][0], by["dev/null"][0]
        self.assertEqual((console["mode"], console["rdevmajor"], console["rdevminor"]),
                         (stat.S_IFCHR | 0o600, 5, 1))
        self.assertEqual((null["mode"], null["rdevmajor"], null["rdevminor"]),
                         (stat.S_IFCHR | 0o600, 1, 3))
        self.assertEqual(by["init"], (by["init"][0], b"\x7fELF init"))
        self.assertEqual(by["init"][0]["mode"], stat.S_IFREG | 0o755)
        self.assertEqual(by["bin/hello"][1], b"hello!")
        self.assertEqual(by["bin/hello"][0]["filesize"], 6)
        self.assertEqual(by["bin/four"][1], b"1234")
        self.assertEqual(by["bin/empty"][0]["filesize"], 0)
        self.assertEqual(by["bin/notelf"][0]["mode"], stat.S_IFREG | 0o755)
        self.assertEqual(by["etc/tests"][0]["mode"], stat.S_IFREG | 0o644)

    def test_missing_parents_made_once_before_their_files(self):
        names = [n for _, n, _ in parse(self.build(None, "--file", "bad/x/one=" + self.text,
                                                   "--file", "bad/two=" + self.text))]
        self.assertEqual(names[names.index("etc/tests") + 1:],
                         ["bad", "bad/x", "bad/x/one", "bad/two", "TRAILER!!!"])

    def test_links_are_symlinks_after_the_files(self):
        entries = parse(self.build(None, "--link", "bin/sh=busybox", "--link", "usr/bin/x=../../bin/sh"))
        by = {n: (f, d) for f, n, d in entries}
        self.assertEqual(by["bin/sh"][0]["mode"], stat.S_IFLNK | 0o777)
        self.assertEqual(by["bin/sh"][1], b"busybox")
        names = [n for _, n, _ in entries]
        self.assertEqual(names[-5:], ["bin/sh", "usr", "usr/bin", "usr/bin/x", "TRAILER!!!"])

    def test_deterministic_fields(self):
        entries = parse(self.build())
        self.assertEqual([f["ino"] for f, _, _ in entries[:-1]], list(range(1, len(entries))))
        for f, name, _ in entries:
            self.assertEqual((f["mtime"], f["uid"], f["gid"], f["check"]), (0, 0, 0, 0), name)
            self.assertEqual(f["namesize"], len(name) + 1)

    def test_byte_identical_twice(self):
        a = self.build()
        os.utime(self.hello, (12345, 12345))  # a newer mtime must not show
        b = self.build(os.path.join(self.tmp.name, "again.cpio"))
        self.assertEqual(a, b)

    def test_errors(self):
        cases = [
            ["--file", "nodest"],
            ["--file", "etc/x=" + self.text + ":09"],
            ["--file", "etc/x=" + self.text + ":17777"],
            ["--file", "../x=" + self.text],
            ["--file", "etc/x=/nonexistent/file"],
            ["--bin", self.hello],  # bin/hello twice
            ["--link", "bin/hello=x"],  # a file's name
            ["--link", "bin/nolink"],
            ["--link", "../x=y"],
        ]
        for extra in cases:
            p = run("-o", self.out, "--init", self.init, "--bin", self.hello, *extra)
            self.assertEqual(p.returncode, 1, extra)
            self.assertEqual(len(p.stderr.strip().splitlines()), 1, p.stderr)
            self.assertTrue(p.stderr.startswith("mkcpio.py: "), p.stderr)
            self.assertFalse(os.path.exists(self.out), extra)
        p = run("--init", self.init)
        self.assertEqual(p.returncode, 2)


if __name__ == "__main__":
    unittest.main()
