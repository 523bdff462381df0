#!/usr/bin/env python3
"""tools/linux-ref/user-diff.py on two small fake serial logs: equal blocks
are "same" even when the maps lines' device and inode (and their padding),
the printk lines in between, carriage returns and VmRSS figures differ; a
changed address, errno or exit status is a unified diff and exit code 1;
a block missing from one log or cut short differs; --ignore-vdso leaves
[vdso] lines out; badelf's by-design verdicts match only ENOEXEC;
--print shows the blocks; bad arguments and a missing log
exit 2 with one line on stderr."""
import os
import subprocess
import sys
import tempfile
import unittest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
TOOL = os.path.join(ROOT, "tools", "linux-ref", "user-diff.py")

LINUX = """\
[    1.202866] mce: Unable to init MCE device (rc: -5)
== init: the default programs
== begin hello
hello, world
== hello: exited 0
== end hello
== begin malloc
maps: 08048000-08049000 r--p 00000000 00:02 5                                  /bin/malloc
maps: 080f5000-08117000 rw-p 00000000 00:00 0                                  [heap]
maps: 080ee000-080f5000 rw-p 00000000 00:00 0 
maps: b7ffe000-b8000000 r-xp 00000000 00:00 0                                  [vdso]
warm-up: VmRSS=4 kB RssAnon=4 kB
delta: VmRSS +0 kB RssAnon +0 kB
malloc(16)=0x80f5e10
== malloc: exited 0
== end malloc
== all done
"""

OURS_SAME = """\
[    0.000000] mmlab: booting
== begin hello\r
hello, world\r
[    0.500000] some kernel line in the middle
== hello: exited 0\r
== end hello\r
== begin malloc
maps: 08048000-08049000 r--p 00000000 00:0f 123456                             /bin/malloc
maps: 080f5000-08117000 rw-p 00000000 00:00 0 [heap]
maps: 080ee000-080f5000 rw-p 00000000 00:00 0
maps: b7ffe000-b8000000 r-xp 00000000 00:00 0                                  [vdso]
warm-up: VmRSS=660 kB RssAnon=40 kB
delta: VmRSS +32 kB RssAnon +32 kB
malloc(16)=0x80f5e10
== malloc: exited 0
== end malloc
== all done
"""


class UserDiffTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()

    def tearDown(self):
        self.tmp.cleanup()

    def log(self, name, text):
        path = os.path.join(self.tmp.name, name)
        with open(path, "w") as f:
            f.write(text)
        return path

    def run_tool(self, *args):
        return subprocess.run([sys.executable, TOOL, *args], capture_output=True, text=True)

    def diff(self, ours, *opts):
        return self.run_tool(*opts, self.log("linux.log", LINUX), self.log("ours.log", ours))

    def test_equal_after_masking(self):
        p = self.diff(OURS_SAME)
        self.assertEqual(p.returncode, 0, p.stdout)
        self.assertIn("hello: same (2 lines)", p.stdout)
        self.assertIn("malloc: same (8 lines)", p.stdout)
        self.assertIn("2 same, 0 different", p.stdout)

    def test_changed_address_is_a_diff(self):
        p = self.diff(OURS_SAME.replace("malloc(16)=0x80f5e10", "malloc(16)=0x80f6e10"))
        self.assertEqual(p.returncode, 1)
        self.assertIn("hello: same", p.stdout)
        self.assertIn("malloc: differs", p.stdout)
        self.assertIn("-malloc(16)=0x80f5e10\n+malloc(16)=0x80f6e10\n", p.stdout)
        self.assertIn("1 same, 1 different", p.stdout)

    def test_exit_status_and_map_fields_count(self):
        for old, new in [("== malloc: exited 0", "== malloc: killed by signal 11"),
                         ("08048000-08049000 r--p", "08048000-08049000 r-xp"),
                         ("00000000 00:00 0 [heap]", "00001000 00:00 0 [heap]"),
                         ("0 [heap]", "0 [stack]")]:
            p = self.diff(OURS_SAME.replace(old, new))
            self.assertEqual(p.returncode, 1, (old, new))
            self.assertIn("malloc: differs", p.stdout)

    def test_anonymous_dev_inode_not_masked(self):
        p = self.diff(OURS_SAME.replace("0 [heap]", "00:0f 77 [heap]"))
        self.assertEqual(p.returncode, 1)

    def test_missing_and_cut_short(self):
        p = self.diff(OURS_SAME.split("== begin malloc")[0])
        self.assertEqual(p.returncode, 1)
        self.assertIn("malloc: only in", p.stdout)
        p = self.diff(OURS_SAME.split("== malloc: exited")[0])
        self.assertEqual(p.returncode, 1)
        self.assertIn("+(block cut short)", p.stdout)

    def test_ignore_vdso(self):
        ours = OURS_SAME.replace(
            "maps: b7ffe000-b8000000 r-xp 00000000 00:00 0                                  [vdso]\n", "")
        self.assertEqual(self.diff(ours).returncode, 1)
        p = self.diff(ours, "--ignore-vdso")
        self.assertEqual(p.returncode, 0, p.stdout)

    def test_badelf_by_design_only(self):
        """A verdict listed as by design matches ENOEXEC, nothing else; an
        unlisted case must agree exactly."""
        def block(*lines):
            return "== begin badelf\n" + "".join(l + "\n" for l in lines) + "== end badelf\n"
        linux = self.log("l.log", block("page0: exited 42", "magic: execve ENOEXEC"))
        for ours, code in [(block("page0: execve ENOEXEC", "magic: execve ENOEXEC"), 0),
                           (block("page0: killed by SIGSEGV", "magic: execve ENOEXEC"), 1),
                           (block("page0: execve ENOEXEC", "magic: exited 42"), 1)]:
            p = self.run_tool(linux, self.log("o.log", ours))
            self.assertEqual(p.returncode, code, (ours, p.stdout))

    def test_oomscore_tolerance_follows_adj(self):
        """oom_score within a point at adj 0, 1 + |adj|/40 otherwise (the
        adj term's truncation); anything further apart is a difference."""
        def block(a, b, c):
            return ("== begin oomscore\n"
                    f"A: 10% of MemTotal, oom_score_adj     0: oom_score {a}\n"
                    f"B: 10% of MemTotal, oom_score_adj   500: oom_score {b}\n"
                    f"A: still here, oom_score {c}\n== end oomscore\n")
        linux = self.log("l.log", block(734, 1062, 734))
        for ours, code in [(block(733, 1056, 733), 0), (block(735, 1075, 735), 0),
                           (block(732, 1062, 734), 1), (block(734, 1075 + 1, 734), 1),
                           (block(734, 1062, 736), 1)]:
            p = self.run_tool(linux, self.log("o.log", ours))
            self.assertEqual(p.returncode, code, (ours, p.stdout))

    def test_print(self):
        p = self.run_tool("--print", self.log("linux.log", LINUX))
        self.assertEqual(p.returncode, 0)
        self.assertTrue(p.stdout.startswith("== hello\n   hello, world\n   == hello: exited 0\n"))
        self.assertIn("   maps: 08048000-08049000 r--p 00000000 DEV INODE /bin/malloc\n", p.stdout)
        p = self.run_tool("--print", self.log("empty.log", "no blocks here\n"))
        self.assertEqual(p.returncode, 1)

    def test_bad_arguments(self):
        linux = self.log("linux.log", LINUX)
        for args in [[], [linux], [linux, linux, linux], ["--print", linux, linux]]:
            p = self.run_tool(*args)
            self.assertEqual(p.returncode, 2, args)
        p = self.run_tool(linux, os.path.join(self.tmp.name, "missing.log"))
        self.assertEqual(p.returncode, 2)
        self.assertEqual(len(p.stderr.strip().splitlines()), 1)
        self.assertNotIn("Traceback", p.stderr)


if __name__ == "__main__":
    unittest.main()
