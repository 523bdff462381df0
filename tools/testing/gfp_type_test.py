#!/usr/bin/env python3
"""gfp_t is a distinct type: alloc_pages(3, GFP_KERNEL), with the order and
the flags swapped, must not compile against the kernel's headers with the
kernel's flags, and must fail because of gfp_t; the same source with the
arguments the right way round must compile cleanly, so a typo or a broken
include cannot pass for the expected failure."""
import os
import re
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

SOURCE = """#include <linux/gfp.h>

struct page *gfp_type_test(void)
{
	return alloc_pages(%s);
}
"""


def kernel_cxx():
    """The Makefile's CXX: its flags are g++'s, whatever $CXX says."""
    with open(os.path.join(ROOT, "Makefile")) as f:
        m = re.search(r"^CXX\s*:=\s*(\S+)", f.read(), re.M)
    return m.group(1) if m else "g++"


def kernel_flags():
    """KCXXFLAGS from the Makefile, without the dependency-file options."""
    with open(os.path.join(ROOT, "Makefile")) as f:
        text = f.read().replace("\\\n", " ")
    m = re.search(r"^KCXXFLAGS\s*:=(.*)$", text, re.M)
    if not m:
        sys.exit("gfp_type_test: no KCXXFLAGS in the Makefile")
    opt = re.search(r"^OPT\s*\?=\s*(\S+)", text, re.M)  # -O$(OPT): the default level
    flags = m.group(1).replace("$(OPT)", opt.group(1) if opt else "g")
    return [f for f in flags.split() if f not in ("-MMD", "-MP")]


def compile_args(args, tmp):
    path = os.path.join(tmp, "gfp_type_test.cpp")
    with open(path, "w") as f:
        f.write(SOURCE % args)
    cmd = [kernel_cxx(), *kernel_flags(), "-fsyntax-only", path]
    r = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    return r.returncode, r.stderr


def main():
    with tempfile.TemporaryDirectory() as tmp:
        rc, err = compile_args("GFP_KERNEL, 3", tmp)
        if rc != 0:
            print("control alloc_pages(GFP_KERNEL, 3) does not compile:\n" + err)
            return 1
        rc, err = compile_args("3, GFP_KERNEL", tmp)
    if rc == 0:
        print("alloc_pages(3, GFP_KERNEL) compiles: an int converts to gfp_t")
        return 1
    errors = [line for line in err.splitlines() if "error:" in line]
    if not any("gfp_t" in line for line in errors):
        print("alloc_pages(3, GFP_KERNEL) fails, but not on gfp_t:\n" + err)
        return 1
    print("ok: swapped arguments rejected: " + errors[0].split("error:", 1)[1].strip())
    return 0


if __name__ == "__main__":
    sys.exit(main())
