#!/usr/bin/env python3
"""tools/linux-ref/oom-report.py on small fake logs: two reports that differ
only in values (and call-trace frames, timestamps, a program's output in
between, Linux's oom_reaper line missing) are the same; a missing Mem-Info
line, a renamed field, another victim, another tasks header or a task
missing from the table differ; a log without reports is an error."""
import os
import subprocess
import sys
import tempfile
import unittest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
TOOL = os.path.join(ROOT, "tools", "linux-ref", "oom-report.py")

REPORT = """\
[    5.1] {comm} invoked oom-killer: gfp_mask=0x140dca(GFP_HIGHUSER_MOVABLE|__GFP_COMP|__GFP_ZERO), order=0, oom_score_adj=0
[    5.1] CPU: 0 PID: 7 Comm: {comm} Not tainted 6.1.0-50-686 #1  Debian 6.1.176-1
[    5.1] Hardware name: QEMU Standard PC (i440FX + PIIX, 1996), BIOS 1.16.2-debian-1.16.2-1 04/01/2014
[    5.1] Call Trace:
[    5.1]  {frame}+0x34/0x44
[    5.1]  handle_mm_fault+0x10/0x20
[    5.1] EIP: 0xb7f00000
[    5.1] Code: Unable to access opcode bytes at 0xb7efffd6.
[    5.1] EAX: 00000000 EBX: 00000000 ECX: 00000000 EDX: 00000000
[    5.1] ESI: 00000000 EDI: 00000000 EBP: 00000000 ESP: bffff000
[    5.1] DS: 007b ES: 007b FS: 0000 GS: 0000 SS: 007b EFLAGS: 00000246
[    5.1] Mem-Info:
[    5.1] active_anon:{n} inactive_anon:0 isolated_anon:0
[    5.1]  active_file:0 inactive_file:0 isolated_file:0
[    5.1]  free:{n} free_pcp:0 free_cma:0
[    5.1] Node 0 active_anon:0kB inactive_anon:0kB all_unreclaimable? no
[    5.1] DMA free:{n}kB boost:0kB min:100kB
[    5.1] lowmem_reserve[]: 0 0 0 0
[    5.1] DMA: 1*4kB (M) 0*8kB = {n}kB
[    5.1] 0 total pagecache pages
[    5.1] {n} pages RAM
[    5.1] Tasks state (memory values in pages):
[    5.1] [  pid  ]   uid  tgid total_vm      rss pgtables_bytes swapents oom_score_adj name
[    5.1] [      1]     0     1      200      {n}    12288        0             0 init
[    5.1] [      7]     0     7     9000      {n}    45056        0           500 {comm}
[    5.1] oom-kill:constraint=CONSTRAINT_NONE,nodemask=(null),cpuset=/,mems_allowed=0,global_oom,task_memcg=/,task={comm},pid=7,uid=0
[    5.1] Out of memory: Killed process 7 ({comm}) total-vm:36000kB, anon-rss:{n}kB, file-rss:0kB, shmem-rss:0kB, UID:0 pgtables:44kB oom_score_adj:500
"""
REAPER = "[    5.2] oom_reaper: reaped process 7 ({comm}), now anon-rss:0kB, file-rss:0kB, shmem-rss:0kB\n"


def report(comm="hog", n=100, frame="dump_stack_lvl", reaper=False):
    text = REPORT.format(comm=comm, n=n, frame=frame)
    return text + (REAPER.format(comm=comm) if reaper else "")


class OomReport(unittest.TestCase):
    def run_tool(self, linux, ours):
        with tempfile.TemporaryDirectory() as tmp:
            paths = [os.path.join(tmp, name) for name in ("linux.log", "ours.log")]
            for path, text in zip(paths, (linux, ours)):
                with open(path, "w") as f:
                    f.write(text)
            r = subprocess.run([sys.executable, TOOL, *paths], capture_output=True, text=True)
            return r.returncode, r.stdout

    def test_values_frames_and_output_between_do_not_matter(self):
        ours = "hog: 8 MiB\n" + report(n=7, frame="show_trace", reaper=True)
        rc, out = self.run_tool(report() + report("oomscore"), ours + report("oomscore", n=3))
        self.assertEqual(rc, 0, out)
        self.assertIn("report 1: same: victim hog (adj 500)", out)
        self.assertIn("(explained) reaper only on mmlab", out)
        self.assertIn("2 reports, 0 differ", out)

    def test_missing_line_kind_differs(self):
        ours = report().replace("[    5.1] 0 total pagecache pages\n", "")
        rc, out = self.run_tool(report(), ours)
        self.assertEqual(rc, 1)
        self.assertIn("line kinds differ", out)

    def test_renamed_field_differs(self):
        rc, out = self.run_tool(report(), report().replace("boost:", "boosted:"))
        self.assertEqual(rc, 1)
        self.assertIn("zone fields differ", out)

    def test_other_victim_differs(self):
        rc, out = self.run_tool(report(), report().replace("(hog) total-vm", "(init) total-vm"))
        self.assertEqual(rc, 1)
        self.assertIn("victim differs", out)

    def test_tasks_header_and_rows_compared(self):
        rc, out = self.run_tool(report(), report().replace("pgtables_bytes", "pgtables"))
        self.assertEqual(rc, 1)
        self.assertIn("tasks header differs", out)
        ours = report().replace("             0 init", "             0 sh")
        rc, out = self.run_tool(report(), ours)
        self.assertEqual(rc, 1)
        self.assertIn("tasks differ", out)

    def test_missing_report_and_no_report(self):
        rc, out = self.run_tool(report() + report(), report())
        self.assertEqual(rc, 1)
        self.assertIn("reports: Linux 2, mmlab 1", out)
        rc, out = self.run_tool("no report here\n", report())
        self.assertEqual(rc, 1)
        self.assertIn("no OOM report", out)


if __name__ == "__main__":
    unittest.main()
