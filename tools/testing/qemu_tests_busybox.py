"""QEMU tests of Debian's busybox (issue 16): its sh as pid 1 and as a
program the kernel shell runs, with pipes between its commands. The
commands' output lines are asserted exactly; busybox's line editing
echoes the typed commands and asks for the cursor position (ESC [6n),
which verify() strips.

Loaded by qemu_boot_test.py (load_more_tests)."""
import re

from qemu_boot_test import PAUSE, Test

CPIO = ["build/initramfs.cpio"]
BUSYBOX_PROMPT = re.compile(rb"/ # ")
ESC = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


def clean(lines):
    return [ESC.sub("", l).rstrip() for l in lines]


def answers(*pairs):
    """verify: each command's output lines, after its echoed prompt line."""
    def check(lines):
        text = clean(lines)
        errors = []
        for cmd, want in pairs:
            at = [i for i, l in enumerate(text) if l.endswith("# " + cmd)]
            if not at:
                errors.append(f"no prompt line for {cmd!r}")
                continue
            got = text[at[0] + 1:at[0] + 1 + len(want)]
            if got != want:
                errors.append(f"{cmd!r}: want {want}, got {got}")
        return errors
    return check


PIPELINE_CMDS = [
    ("echo hello | cat", ["hello"]),
    ("seq 1 20000 | wc -l", ["20000"]),  # 109 KB: the writer waits for the reader
    ("seq 1 20000 | tail -1", ["20000"]),
    ("mount -t proc proc /proc", []),
    ("cat /proc/self/status | grep -c ^Name", ["1"]),
    ("echo abc | tr a-c x-z | cat | cat", ["xyz"]),
    ("ls /bin | grep -c busybox", ["1"]),
    ("dd if=/dev/zero bs=4096 count=100 2>/dev/null | wc -c", ["409600"]),
]

SH_AS_INIT = Test(
    "busybox_sh_as_init_pipelines", "128M", "rdinit=/bin/sh", exit_code=0, timeout=120,
    modules=CPIO, prompt=BUSYBOX_PROMPT,
    serial_input="".join(c + "\r" + PAUSE for c, _ in PIPELINE_CMDS) + "poweroff -f\r",
    expect=["Run /bin/sh as init process", "BusyBox v1.35.0", "reboot: Power down"],
    verify=answers(*PIPELINE_CMDS))

RUN_SH = Test(
    "busybox_sh_from_the_kernel_shell", "128M", "rdinit=/nope", exit_code=0, timeout=120,
    modules=CPIO,
    serial_input="run /bin/sh\n" + PAUSE + "echo from busybox | cat\r" + PAUSE + "exit\r" + PAUSE
                 + "ps\npoweroff\n",
    expect=["run /bin/sh", "BusyBox v1.35.0", "from busybox", "run: pid 2 (/bin/sh) exited 0",
            "      1       0 R         0     0 [init]", "reboot: Power down"],
    verify=answers(("echo from busybox | cat", ["from busybox"])))

TESTS = [SH_AS_INIT, RUN_SH]
