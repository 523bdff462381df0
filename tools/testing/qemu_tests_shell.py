"""QEMU tests of the serial shell's answers (issue 12): every command typed
with absurd arguments gets an answer and the prompt back; the line editor's
keys as a terminal sends them; Ctrl-C stops a long command.

Loaded by qemu_boot_test.py (load_more_tests)."""
import re

from qemu_boot_test import PAUSE, Test

OUT_OF_RANGE, NOT_A_NUMBER = "is out of range", "is not a number"
ABSURD = {"-1": OUT_OF_RANGE, "4294967296": OUT_OF_RANGE,  # 2^32
          "18446744073709551616": OUT_OF_RANGE,  # 2^64
          "0x10000000000000000": OUT_OF_RANGE, "99999999999999999999999": OUT_OF_RANGE,
          "zz": NOT_A_NUMBER, "12Q": NOT_A_NUMBER}
# What "<command> 0" says, at 128M (max_pfn 0x7fe0).
ZERO = {
    "pgwalk": "  00000000 is not mapped",
    "page": "page:",
    "alloc": "alloc: order 0 at pfn 0x",
    "free": "free: 0x0 was not handed out by 'alloc'; refused",
    "kmalloc": "kmalloc(0) = ZERO_SIZE_PTR: nothing to keep",
    "kfree": "kfree: 0x0 was not handed out by 'kmalloc'; refused",
    "vmalloc": "vmalloc: 0 is out of range: 1 to 4294967295",
    "vfree": "vfree: 0x0 was not handed out by 'vmalloc'; refused",
    "kmap": "kmap: pfn 0x0 is not RAM",
    "kunmap": "kunmap: 0x0 was not handed out by 'kmap'; refused",
    "physmap": "physmap: pages per cell 0 is out of range: 2 to 32736",
    "stress": "stress: ops 0 is out of range: 1 to 4294967295",
    "fault": "fault 0x0 r: -EFAULT: the page fault at ",
}
NO_ARGS = ["help", "e820", "memblock", "layout", "meminfo", "buddyinfo", "pagetypeinfo",
           "zoneinfo", "slabinfo", "vmallocinfo", "vmstat", "release", "frag", "bench",
           "reboot", "poweroff"]
LEFT, RIGHT, HOME, END, DEL = "\x1b[D", "\x1b[C", "\x1b[H", "\x1b[F", "\x1b[3~"


def absurd_cases():
    """(typed line, what the terminal shows on its prompt lines, the answer
    that must come before the next prompt; None: any line at all)."""
    cases = []

    def case(typed, answer, shown=None):
        cases.append((typed, shown if shown is not None else ["> " + typed], answer))
    for cmd, zero in ZERO.items():
        case(cmd + " 0", zero)
        for arg, answer in ABSURD.items():
            case(f"{cmd} {arg}", answer)
        case(cmd, "per cell, 64 cells a row" if cmd == "physmap" else f"usage: {cmd} ")
    # the issue's own examples, and the second arguments
    for typed in ("alloc 4294967296", "kmalloc 4G", "vmalloc 4G", "page 4294967296",
                  "stress 1 4294967296", "stress 1 -1", "cache create t 0",
                  "cache create t 99999999999999999999999", "cache free -1", "cache free zz",
                  "fault 0x100000000 w", "physmap 0x7fe1"):
        case(typed, OUT_OF_RANGE if "zz" not in typed else NOT_A_NUMBER)
    # the largest numbers that parse: the allocators refuse them and say so
    case("kmalloc 4294967295", "kmalloc(4294967295) = NULL")
    case("vmalloc 0xffffffff", "vmalloc(4294967295) = NULL")
    case("alloc 10 GFP_BOGUS", "alloc: unknown gfp flag 'GFP_BOGUS'")
    case("fault 0 w", "#PF: supervisor write access in kernel mode")
    case("fault 0 q", "fault: 'q' is not r or w")
    case("cache create " + "n" * 40 + " 64", "is longer than 31 characters")
    case("cache alloc -1", "cache alloc: no cache '-1' made by 'cache create'")
    case("cache", "usage: cache ")
    case("trace 0", "usage: trace on|off|show|clear")
    case("ktest -1", 'ktest: no test matches "-1"')
    case("ktest", "usage: ktest ")
    for cmd in NO_ARGS:
        case(cmd + " 0", f"{cmd}: too many arguments")
    case("alloc 0 a b c d e f g", "too many arguments: a command takes at most 7 words")
    case("stress 1 2 3", "stress: too many arguments")
    case("nosuchcommand -1", "nosuchcommand: unknown command; 'help' lists them")
    case("", "")
    case("   ", "")
    case("x" * 200, "line too long (max 127 characters)", ["> " + "x" * 127] * 2)
    case("mem\u00e9info", "byte 0xc3 ignored: the shell takes printable ASCII only",
         ["> mem", "> meminfo"])
    # line editing: what runs is what the terminal shows
    case("meminf" + LEFT * 3 + RIGHT * 3 + "o", "MemTotal:", ["> meminfo"])
    case("vmsta" + HOME + DEL + "v" + END + "t", "pgalloc_normal ", ["> vmstat"])
    case("buddyinfo" + HOME + "x", "xbuddyinfo: unknown command", ["> xbuddyinfo"])
    case("e820\x1b[15~\x1b[1;5C\x1bOP", "e820: [mem 0x", ["> e820"])
    case("help", "  poweroff ")
    return cases


def terminal_rows(text):
    """What a VT100 shows, row by row: CR, BS, BEL, ESC [ K, ESC [ n C/D."""
    rows = []
    for raw in text.split("\n"):
        row, col, i = [], 0, 0
        while i < len(raw):
            c = raw[i]
            m = re.match(r"\x1b\[(\d*)([CDK])", raw[i:])
            if m:
                n = int(m.group(1) or 1)
                if m.group(2) == "K":
                    del row[col:]
                else:
                    col = col + n if m.group(2) == "C" else max(0, col - n)
                i += len(m.group(0))
                continue
            if c == "\r":
                col = 0
            elif c == "\b":
                col = max(0, col - 1)
            elif c >= " ":
                row += [" "] * (col + 1 - len(row))
                row[col] = c
                col += 1
            i += 1
        rows.append("".join(row).rstrip())
    return rows


def check_answers(text, cases):
    """Each typed line shows on a prompt line, and its answer comes before
    the next prompt; after the last, poweroff's."""
    rows = [re.sub(r"^\[ *\d+\.\d+\] ", "", r) for r in terminal_rows(text)]
    prompts = [i for i, r in enumerate(rows) if r.startswith(">")]
    want = [s.rstrip() for _, shown, _ in cases for s in shown] + ["> poweroff"]
    got = [rows[i] for i in prompts]
    # the empty lines typed first (bytes the UART may lose) show as bare prompts
    while len(got) > len(want) and got[0] == ">":
        got.pop(0), prompts.pop(0)
    errors = []
    if got != want:
        diff = next((k for k, (g, w) in enumerate(zip(got, want)) if g != w), min(len(got), len(want)))
        errors.append(f"prompt lines differ at {diff} ({len(got)} prompts, {len(want)} expected): "
                      f"got {got[diff:diff + 3]!r}, expected {want[diff:diff + 3]!r}")
        return errors
    k = 0
    for typed, shown, answer in cases:
        block = rows[prompts[k] + 1:prompts[k + len(shown)]]
        k += len(shown)
        if answer and not any(answer in r for r in block):
            errors.append(f"{typed[:60]!r}: no {answer!r} before the next prompt; got {block[:4]!r}")
    if not any("reboot: Power down" in r for r in rows[prompts[-1]:]):
        errors.append("poweroff did not answer")
    return errors


def stress_interrupted_checks(lines):
    errors = []
    if not any(re.search(r"interrupted after [1-9]\d* operations", l) for l in lines):
        errors.append("stress stopped before it began")
    if any("stress: 5000000 operations" in l for l in lines):
        errors.append("an interrupted stress claims all its operations")
    return errors


CASES = absurd_cases()
ABSURD_INPUT = "\n\n\n\n" + "".join(typed + "\n" for typed, _, _ in CASES) + "poweroff\n"
ABSURD_TEST = Test("shell_absurd_arguments", "128M", "", exit_code=0, timeout=120,
                   serial_input=ABSURD_INPUT, expect=["mmlab shell: 'help' lists the commands"])
# check_answers needs the raw text (the terminal's view), which verify does not get:
# rebuild it from the lines, which keep everything but the "\n"s.
ABSURD_TEST.verify = lambda lines: check_answers("\n".join(lines), CASES)

TESTS = [
    ABSURD_TEST,
    # Ctrl-C three seconds into a run that takes a minute: stress stops, gives
    # every page back, and what was typed meanwhile (meminfo) still runs.
    Test("shell_ctrl_c_stops_stress", "128M", "", exit_code=0, timeout=40,
         serial_input="\n\n\n\nstress 5000000\n" + PAUSE + "meminfo\n\x03" + PAUSE +
                      "vmstat\npoweroff\n",
         expect=["> stress 5000000", "^C", "stress: interrupted after ",
                 "stress: 0 invariant violations; every page is back", "> meminfo",
                 "MemTotal:", "> vmstat", "pgalloc_normal ", "> poweroff", "Power down"],
         verify=lambda lines: stress_interrupted_checks(lines)),
    # Ctrl-C between ktests (the whole suite from the shell takes longer than the pause).
    Test("shell_ctrl_c_stops_frag_and_ktest", "1G", "", exit_code=0, timeout=60,
         serial_input="\n\n\n\nfrag\n\x03ktest all\n\x03buddyinfo\npoweroff\n",
         expect=["> frag", "frag: interrupted; every page and pageblock type is back",
                 "> ktest all", "ktest: interrupted: the tests after the last one reported",
                 "> buddyinfo", "Node 0, zone", "Power down"]),
]
