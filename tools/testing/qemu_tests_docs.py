"""QEMU tests that keep the docs honest (issue 12): the shell's `help` and the
commands README.md and docs/07's table document are the same set, so a
command cannot be added, renamed or dropped without its documentation.

Loaded by qemu_boot_test.py (load_more_tests)."""
import os
import re

from qemu_boot_test import ROOT, Test

HELP_LINE = re.compile(r"^  ([a-z0-9_]+) {2,}")


def read(path):
    with open(os.path.join(ROOT, path), encoding="utf-8") as f:
        return f.read()


def docs07_table_commands():
    """The first word of each backticked command in docs/07's command table."""
    text = read("docs/07-the-workbench.md")
    table = text.split("| Command | What it does |", 1)[1].split("\n\n", 1)[0]
    names = set()
    for row in table.split("\n")[2:]:
        # A "|" inside a cell must be written "\|", or the cell ends there.
        first = re.split(r"(?<!\\)\|", row)[1] if row.startswith("|") else ""
        names.update(m.split()[0] for m in re.findall(r"`([^`]+)`", first))
    return names


def readme_shell_section():
    text = read("README.md")
    return text.split("Without `ktest=` the kernel ends in a serial shell", 1)[1].split("\n## ", 1)[0]


def help_matches_docs(lines):
    start = next((i for i, l in enumerate(lines) if l.startswith("> help")), None)
    if start is None:
        return ["no '> help' in the output"]
    shell = set()
    for line in lines[start + 1:]:
        m = HELP_LINE.match(line)
        if not m:
            break
        shell.add(m.group(1))
    if len(shell) < 20:
        return [f"help listed only {sorted(shell)}"]
    errors = []
    table = docs07_table_commands()
    for name in sorted(shell - {"help"} - table):
        errors.append(f"'{name}' is in help but not in docs/07-the-workbench.md's command table")
    for name in sorted(table - shell):
        errors.append(f"docs/07-the-workbench.md's table has '{name}', which help does not list")
    readme = readme_shell_section()
    for name in sorted(shell):
        if not re.search(r"`" + re.escape(name) + r"[`/ ]", readme):
            errors.append(f"'{name}' is in help but not in README.md's shell section")
    return errors


TESTS = [
    Test("docs_shell_commands_documented", "128M", "", exit_code=0, timeout=60,
         serial_input="\n\n\n\nhelp\npoweroff\n", verify=help_matches_docs),
]
