#!/usr/bin/env python3
"""Writes seed inputs for fuzz_elf: small i386 executables laid out as GNU ld
lays out a static program, and variants that reach each check (PT_INTERP,
ET_DYN, bss-only segments, no PT_GNU_STACK)."""
import os
import struct
import sys

PT_LOAD, PT_INTERP, PT_NOTE, PT_PHDR, PT_TLS = 1, 3, 4, 6, 7
PT_GNU_STACK = 0x6474e551
R, W, X = 4, 2, 1

def elf(phdrs, entry=0x08049010, e_type=2, size=0x2000, tail=b""):
    ident = b"\x7fELF" + bytes([1, 1, 1]) + bytes(9)
    eh = ident + struct.pack("<HHIIIIIHHHHHH", e_type, 3, 1, entry, 52, 0, 0, 52, 32,
                             len(phdrs), 40, 0, 0)
    body = eh + b"".join(struct.pack("<8I", *p) for p in phdrs) + tail
    return body + bytes(max(0, size - len(body)))

base = [
    (PT_LOAD, 0, 0x08048000, 0x08048000, 0x100, 0x100, R, 0x1000),
    (PT_LOAD, 0x1000, 0x08049000, 0x08049000, 0x800, 0x800, R | X, 0x1000),
    (PT_LOAD, 0x1bec, 0x0804abec, 0x0804abec, 0x100, 0x2000, R | W, 0x1000),
    (PT_TLS, 0x1bec, 0x0804abec, 0x0804abec, 8, 0x10, R, 4),
    (PT_GNU_STACK, 0, 0, 0, 0, 0, R | W, 16),
]
interp = b"/lib/ld-linux.so.2\0"
ioff = 52 + 32 * (len(base) + 1)
seeds = {
    "static": elf(base),
    "no_gnu_stack": elf(base[:4]),
    "pt_phdr": elf([(PT_PHDR, 52, 0x08048034, 0, 32 * 6, 32 * 6, R, 4)] + base),
    "bss_only": elf(base + [(PT_LOAD, 0, 0x10000000, 0, 0, 0x3000, R | W, 0x1000)]),
    "interp": elf([(PT_INTERP, ioff, 0, 0, len(interp), len(interp), R, 1)] + base,
                  tail=interp),
    "static_pie": elf(base, e_type=3),
    "truncated": elf(base)[:0x1000],
}
out = sys.argv[1]
os.makedirs(out, exist_ok=True)
for name, data in seeds.items():
    with open(os.path.join(out, name), "wb") as f:
        f.write(data)
