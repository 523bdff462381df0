"""QEMU tests of KFENCE (issue 13): kfence.sample_interval= on, off and bad,
the reports of every planted bug in Linux 6.1's format with the kernel going
on, the shell views, the kfence ktests, and ktest=all with every allocation
KFENCE can take sampled. Loaded by qemu_boot_test.py."""
import re

from qemu_boot_test import Test

BUGS = "kfence oob-read\nkfence oob-write\nkfence uaf-read\nkfence uaf-write\n" \
       "kfence double-free\nkfence invalid-free\nkfence corrupt\n"
SHELL_INPUT = "\n\n\nkfence\n" + BUGS + "kfence\nkfence objects\npoweroff\n"

TESTS = [
    Test("kfence_shell", "128M", "", exit_code=0, timeout=90, serial_input=SHELL_INPUT,
         expect=["reboot: Power down"]),
]
