"""QEMU tests of the boot loader's part: GRUB's own errors reach the serial
console and end the run (iso/grub.cfg.in), and the command line reaches the
kernel exactly as written (tools/mkiso.sh, multiboot2_copy_cmdline).
Loaded by qemu_boot_test.py."""
from qemu_boot_test import Test

# Every character GRUB's lexer or its loader would touch: quotes of both
# kinds, ; and # (which ended the line), $ (which GRUB expands), a backslash,
# a run of two spaces; "..." around a value and around a whole word.
QUOTING = "ktest=boot x=\"a;b  #c $d\" y=it's e\\f \"w=1 2\" memmap=4M$0x2000000"

TESTS = [
    # At -m 4M GRUB itself runs out of memory loading the kernel: its error
    # and ours on COM1, then QEMU leaves with 37 instead of hanging at a
    # prompt only VGA shows.
    Test("grub_out_of_memory", "4M", "ktest=all", exit_code=37, timeout=30,
         expect=["error: out of memory.",
                 "mmlab: GRUB could not load the kernel (GRUB's error is above)"]),
    # An unbalanced quote in GRUB_EXTRA used to swallow the rest of grub.cfg
    # and leave GRUB at its prompt.
    Test("grub_extra_syntax_error", "128M", "ktest=boot", grub_extra="echo 'x", exit_code=37,
         timeout=30, expect=["error: syntax error.",
                             "mmlab: GRUB could not parse GRUB_EXTRA (GRUB's error is above)"]),
    Test("grub_cmdline_quoting", "128M", QUOTING, timeout=30,
         expect=[f"Kernel command line: {QUOTING} panic=-1",
                 # the kernel's parser saw the same words (y=it's went by name)
                 "Unknown kernel command line parameters \"x=a;b  #c $d y=it's e\\f w=1 2\"",
                 "ktest: "]),
    # An unbalanced quote used to leave GRUB at its prompt (on VGA only).
    Test("grub_cmdline_lone_quote", "128M", 'ktest=boot -- a"b', timeout=30,
         expect=['Kernel command line: ktest=boot panic=-1 -- a"b', "ktest: "]),
]
