#!/usr/bin/env python3
"""mkcpio.py: writes the user programs' initramfs as a newc ("070701") cpio.

    mkcpio.py -o build/initramfs.cpio --init build/user/init \\
        --bin build/user/hello --bin build/user/malloc ... \\
        [--file bin/notelf=user/notelf.txt:0755] [--file etc/tests=my-tests:0644] \\
        [--link bin/sh=busybox]

The archive holds, in this order: the directories bin dev etc proc tmp, the
character devices dev/console (5,1), dev/tty (5,0) and dev/null (1,3) (Linux opens
/dev/console of the initramfs as init's fds 0-2, and finds no console
without it), init at /init, each --bin as bin/NAME (mode 0755) and each
--file, a directory it needs beyond those (bad for bad/NAME) just before
it, then each --link as a symbolic link (busybox's applets: bin/ls ->
busybox). Every header has mtime 0, uid and gid 0 and an inode number counted
from 1 in that order, so two builds of the same files give the same bytes.

newc format (Linux: Documentation/driver-api/early-userspace/buffer-format.rst,
read by init/initramfs.c): each entry is a 110-byte header of "070701" and
13 eight-digit hex fields (ino, mode, uid, gid, nlink, mtime, filesize,
devmajor, devminor, rdevmajor, rdevminor, namesize, check), the name with
its NUL, zero padding to a multiple of 4, the data, and zero padding to a
multiple of 4 again; the last entry is named "TRAILER!!!".
"""
import argparse
import os
import stat
import sys

MAGIC = b"070701"
TRAILER = "TRAILER!!!"
DIRS = ["bin", "dev", "etc", "proc", "tmp"]
NODES = [("dev/console", 5, 1), ("dev/tty", 5, 0), ("dev/null", 1, 3)]


def pad4(n):
    return (4 - n % 4) % 4


def entry(ino, name, mode, data=b"", nlink=1, rdev=(0, 0)):
    """One newc entry: header, name, padding, data, padding."""
    name_b = name.encode() + b"\0"
    fields = [ino, mode, 0, 0, nlink, 0, len(data), 0, 0, rdev[0], rdev[1], len(name_b), 0]
    head = MAGIC + b"".join(b"%08X" % f for f in fields) + name_b
    return head + b"\0" * pad4(len(head)) + data + b"\0" * pad4(len(data))


def file_dirs(files):
    """The directories the files need beyond DIRS, parents first (the
    kernel's unpacker, as Linux's, does not create missing parents)."""
    need = []
    for name, _, _ in files:
        parts = name.split("/")[:-1]
        for i in range(1, len(parts) + 1):
            d = "/".join(parts[:i])
            if d not in DIRS and d not in need:
                need.append(d)
    return need


def archive(files, links=()):
    """The whole archive: FILES is a list of (name in archive, mode, bytes),
    LINKS of (name in archive, target)."""
    out = []
    ino = 0

    def add(*args, **kw):
        nonlocal ino
        ino += 1
        out.append(entry(ino, *args, **kw))

    for d in DIRS:
        add(d, stat.S_IFDIR | 0o755, nlink=2)
    for name, major, minor in NODES:
        add(name, stat.S_IFCHR | 0o600, rdev=(major, minor))
    made = set(DIRS)

    def parents(name):
        for d in file_dirs([(name, 0, b"")]):
            if d not in made:
                made.add(d)
                add(d, stat.S_IFDIR | 0o755, nlink=2)

    for name, mode, data in files:
        parents(name)
        add(name, stat.S_IFREG | mode, data)
    for name, target in links:
        parents(name)
        add(name, stat.S_IFLNK | 0o777, target.encode())
    out.append(entry(0, TRAILER, 0))
    return b"".join(out)


def parse_file_arg(arg):
    """"DEST=SRC[:MODE]" -> (DEST, SRC, MODE); MODE is octal, 0644 by default."""
    if "=" not in arg:
        raise ValueError(f"--file {arg!r}: expected DEST=SRC[:MODE]")
    dest, src = arg.split("=", 1)
    mode = 0o644
    if ":" in src:
        src, mode_s = src.rsplit(":", 1)
        try:
            mode = int(mode_s, 8)
        except ValueError:
            raise ValueError(f"--file {arg!r}: bad octal mode {mode_s!r}") from None
        if mode & ~0o7777:
            raise ValueError(f"--file {arg!r}: mode {mode_s} is more than permission bits")
    dest = dest.strip("/")
    if not dest or ".." in dest.split("/"):
        raise ValueError(f"--file {arg!r}: bad destination")
    return dest, src, mode


def read(path):
    with open(path, "rb") as f:
        return f.read()


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("-o", "--output", required=True)
    ap.add_argument("--init", required=True, help="the program to put at /init")
    ap.add_argument("--bin", action="append", default=[], help="a program for /bin")
    ap.add_argument("--file", action="append", default=[], help="DEST=SRC[:MODE]")
    ap.add_argument("--link", action="append", default=[], help="DEST=TARGET: a symlink")
    args = ap.parse_args(argv)
    try:
        files = [("init", 0o755, read(args.init))]
        files += [("bin/" + os.path.basename(b), 0o755, read(b)) for b in args.bin]
        for f in args.file:
            dest, src, mode = parse_file_arg(f)
            files.append((dest, mode, read(src)))
        links = []
        for link in args.link:
            dest, _, target = link.partition("=")
            dest = dest.strip("/")
            if not dest or not target or ".." in dest.split("/"):
                raise ValueError(f"--link {link!r}: expected DEST=TARGET")
            links.append((dest, target))
        names = [n for n, _, _ in files] + [n for n, _ in links]
        dup = sorted({n for n in names if names.count(n) > 1})
        if dup:
            raise ValueError(f"the same name twice: {', '.join(dup)}")
        data = archive(files, links)
        tmp = args.output + ".tmp"
        with open(tmp, "wb") as f:
            f.write(data)
        os.replace(tmp, args.output)
    except (OSError, ValueError) as e:
        print(f"mkcpio.py: {e}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
