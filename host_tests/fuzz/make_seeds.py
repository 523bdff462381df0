#!/usr/bin/env python3
"""Writes seed inputs for fuzz_mb2_e820: well-formed multiboot2 information
like GRUB's on QEMU, and a few small variations, so the fuzzer starts from
inputs that reach the memory-map and e820 code."""
import os
import struct
import sys

def tag(t, payload):
    body = struct.pack("<II", t, 8 + len(payload)) + payload
    return body + b"\0" * (-len(body) % 8)

def mmap(entries, entry_size=24):
    payload = struct.pack("<II", entry_size, 0)
    for a, l, t in entries:
        payload += struct.pack("<QQII", a, l, t, 0) + b"\0" * (entry_size - 24)
    return tag(6, payload)

def mbi(tags):
    body = b"".join(tags) + struct.pack("<II", 0, 8)
    return struct.pack("<II", 8 + len(body), 0) + body

qemu = [(0, 0x9fc00, 1), (0x9fc00, 0x400, 2), (0xf0000, 0x10000, 2),
        (0x100000, 0x7ee0000, 1), (0x7fe0000, 0x20000, 2), (0xfffc0000, 0x40000, 2)]
seeds = {
    "qemu_128m": mbi([tag(1, b"ktest=all\0"), tag(2, b"GRUB 2.06\0"),
                      struct.pack("<IIII", 4, 16, 639, 130048), mmap(qemu)]),
    "above_4g": mbi([mmap(qemu + [(1 << 32, 1 << 30, 1)])]),
    "overlaps": mbi([mmap([(0, 1 << 20, 1), (0x80000, 1 << 20, 2), (0x90000, 0x1000, 3)])]),
    "entry_size_32": mbi([mmap(qemu, 32)]),
    "wrapping": mbi([mmap([(0xfffffffffffff000, 0x2000, 2), (0, 0x1000, 1)])]),
}
os.makedirs(sys.argv[1], exist_ok=True)
for name, data in seeds.items():
    with open(os.path.join(sys.argv[1], name), "wb") as f:
        f.write(data)
