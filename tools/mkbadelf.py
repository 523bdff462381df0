#!/usr/bin/env python3
"""mkbadelf.py: the malformed executables user/badelf.c feeds to execve().

    mkbadelf.py OUTDIR      writes OUTDIR/NAME for every case below
    mkbadelf.py --list      prints "NAME  what is wrong" for each

Each file starts from one tiny valid i386 ET_EXEC (a 52-byte ELF header,
one PT_LOAD of the whole file at 0x08048000, r-x, and three instructions
that call exit(42)) and breaks one thing, in the order Linux 6.1's
load_elf_binary() meets them: the header, the program headers
(load_elf_phdrs), then each PT_LOAD and the entry point. The same files run
on this kernel and on Debian's Linux (tools/linux-ref/run-user.sh), so the
verdicts can be set side by side; tools/linux-ref/user-diff.py lists the
cases where this kernel refuses with ENOEXEC what Linux only finds after
the point of no return, and says why.
"""
import os
import struct
import sys

BASE = 0x08048000
EHDR = struct.Struct("<16sHHIIIIIHHHHHH")  # Elf32_Ehdr, 52 bytes
PHDR = struct.Struct("<IIIIIIII")  # Elf32_Phdr, 32 bytes
PT_LOAD, PT_NOTE = 1, 4
PF_R, PF_X = 4, 1
# mov eax, 1; mov ebx, 42; int 0x80: exit(42), so a loaded program is seen to run.
CODE = bytes.fromhex("b801000000" "bb2a000000" "cd80")


def ident(cls=1, data=1, magic=b"\x7fELF"):
    return magic + bytes([cls, data, 1]) + bytes(9)


def build(ehdr=None, phdrs=None, tail=b""):
    """The valid program with fields of its header (ehdr: dict) or of its
    program headers (phdrs: list of dicts) replaced."""
    phoff = EHDR.size
    entry_off = phoff + PHDR.size
    size = entry_off + len(CODE)
    h = dict(e_ident=ident(), e_type=2, e_machine=3, e_version=1, e_entry=BASE + entry_off,
             e_phoff=phoff, e_shoff=0, e_flags=0, e_ehsize=EHDR.size, e_phentsize=PHDR.size,
             e_phnum=1, e_shentsize=0, e_shnum=0, e_shstrndx=0)
    load = dict(p_type=PT_LOAD, p_offset=0, p_vaddr=BASE, p_paddr=BASE, p_filesz=size,
                p_memsz=size, p_flags=PF_R | PF_X, p_align=0x1000)
    h.update(ehdr or {})
    ph = [dict(load, **p) for p in (phdrs or [{}])]
    out = EHDR.pack(*h.values()) + b"".join(PHDR.pack(*p.values()) for p in ph)
    if len(ph) == 1:
        out += CODE
    return out + tail


VALID = build()

# name: (what is wrong, the bytes)
CASES = {
    "ok": ("nothing: exits with 42", VALID),
    "empty": ("a file of 0 bytes", b""),
    "short": ("cut after 40 bytes, inside the ELF header", VALID[:40]),
    "magic": ("\\x7fELX instead of \\x7fELF", build({"e_ident": ident(magic=b"\x7fELX")})),
    "class64": ("EI_CLASS is ELFCLASS64", build({"e_ident": ident(cls=2)})),
    "bigendian": ("EI_DATA is ELFDATA2MSB", build({"e_ident": ident(data=2)})),
    "x86_64": ("e_machine is EM_X86_64", build({"e_machine": 62})),
    "rel": ("e_type is ET_REL, an object file", build({"e_type": 1})),
    "core": ("e_type is ET_CORE", build({"e_type": 4})),
    "phentsize": ("e_phentsize is 33", build({"e_phentsize": 33})),
    "phnum0": ("no program headers", build({"e_phnum": 0})),
    "phnum_huge": ("65535 program headers", build({"e_phnum": 0xFFFF})),
    "phoff_eof": ("program headers past the end of the file", build({"e_phoff": 0x10000})),
    "phoff_wrap": ("e_phoff 0xfffffff0: offset plus size wraps", build({"e_phoff": 0xFFFFFFF0})),
    "noload": ("a PT_NOTE but no PT_LOAD", build(phdrs=[{"p_type": PT_NOTE}])),
    "filesz_gt_memsz": ("p_filesz larger than p_memsz", build(phdrs=[{"p_memsz": 16}])),
    "past_eof": ("the segment's bytes run 64 KiB past the end of the file",
                 build(phdrs=[{"p_filesz": 0x10000, "p_memsz": 0x10000}])),
    "misaligned": ("p_offset and p_vaddr differ modulo 4096",
                   build(phdrs=[{"p_vaddr": BASE + 0x10, "p_paddr": BASE + 0x10}])),
    "vaddr_kernel": ("the PT_LOAD at 0xc0000000, kernel space",
                     build({"e_entry": 0xC0000054}, [{"p_vaddr": 0xC0000000}])),
    "memsz_huge": ("a 3 GiB bss that runs into kernel space",
                   build(phdrs=[{"p_memsz": 0xC0000000}])),
    "page0": ("the PT_LOAD at address 0", build({"e_entry": 0x54}, [{"p_vaddr": 0}])),
    "entry_null": ("e_entry 0, outside every segment", build({"e_entry": 0})),
    "entry_kernel": ("e_entry 0xc0001000, in kernel space", build({"e_entry": 0xC0001000})),
    "entry_noexec": ("the only PT_LOAD is not executable", build(phdrs=[{"p_flags": PF_R}])),
}


def main(argv):
    if argv[1:] == ["--list"]:
        for name, (what, _) in CASES.items():
            print(f"{name:16} {what}")
        return 0
    if len(argv) != 2:
        print(__doc__.split("\n\n")[1], file=sys.stderr)
        return 2
    os.makedirs(argv[1], exist_ok=True)
    for name, (_, data) in CASES.items():
        path = os.path.join(argv[1], name)
        with open(path, "wb") as f:
            f.write(data)
        os.chmod(path, 0o755)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
