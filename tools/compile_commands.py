#!/usr/bin/env python3
"""Writes a compilation database (compile_commands.json, for clangd and
clang-tidy) for the kernel's C++ sources from the Makefile's own compiler and
flags, without building anything:

  tools/compile_commands.py --out FILE --cxx g++ --flags "$(KCXXFLAGS)" SRC...

The file is rewritten only when its contents change, so tools watching it do
not reload for nothing."""
import argparse
import json
import os
import shlex
import sys

# Make's dependency-file flags: meaningless outside a build, and -MMD would
# make clang-tidy write .d files next to the sources.
DROP = {"-MMD", "-MP", "-MD"}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", required=True)
    ap.add_argument("--cxx", required=True)
    ap.add_argument("--flags", required=True)
    ap.add_argument("--dir", default=os.getcwd(), help="the directory the Makefile runs in")
    ap.add_argument("--objdir", default="build/obj")
    ap.add_argument("sources", nargs="+")
    a = ap.parse_args()
    flags = [f for f in shlex.split(a.flags) if f not in DROP]
    root = os.path.abspath(a.dir)
    entries = [{"directory": root, "file": os.path.join(root, src),
                "arguments": [a.cxx, *flags, "-c", src, "-o", f"{a.objdir}/{src}.o"]}
               for src in a.sources]
    text = json.dumps(entries, indent=1) + "\n"
    try:
        with open(a.out) as f:
            if f.read() == text:
                return 0
    except FileNotFoundError:
        pass
    os.makedirs(os.path.dirname(os.path.abspath(a.out)), exist_ok=True)
    with open(a.out, "w") as f:
        f.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
