#!/usr/bin/env python3
"""Every boot parameter the kernel parses (early_param("x", ...) and
__setup("x=", ...) in its sources) has a row in README.md's parameter table,
so a parameter cannot be added without being documented."""
import glob
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SOURCE_DIRS = ("arch", "boot", "kernel", "lib", "mm")
PARAM = re.compile(r'^\s*(?:early_param|__setup)\("([a-z0-9_]+)=?"', re.M)


def kernel_params():
    found = {}
    for d in SOURCE_DIRS:
        for path in glob.glob(os.path.join(ROOT, d, "**", "*.cpp"), recursive=True):
            with open(path, errors="replace") as f:
                for name in PARAM.findall(f.read()):
                    found.setdefault(name, os.path.relpath(path, ROOT))
    return found


def documented_params():
    """The parameter names in the first column of README's parameter table."""
    with open(os.path.join(ROOT, "README.md")) as f:
        text = f.read()
    table = text.split("| parameter | effect |", 1)
    if len(table) != 2:
        return None
    names = set()
    for row in table[1].split("\n")[2:]:
        if not row.startswith("|"):
            break
        first = row.split("|")[1]
        names.update(re.findall(r"`([a-z0-9_]+)", first))
    return names


def main():
    params, documented = kernel_params(), documented_params()
    if documented is None:
        print("FAIL: README.md has no '| parameter | effect |' table")
        return 1
    if len(params) < 10:
        print(f"FAIL: found only {sorted(params)} in the sources: has the early_param spelling changed?")
        return 1
    missing = sorted(p for p in params if p not in documented)
    for p in missing:
        print(f"FAIL: {p}= ({params[p]}) is not in README.md's parameter table")
    print("docs params test: ok" if not missing else "docs params test: failed")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
