"""gdb commands that read the mmlab kernel's memory-management structures
through QEMU's gdb server and print them in the same formats as the kernel's
serial shell (and so as Linux's /proc files):

  mm-e820, mm-memblock, mm-buddyinfo, mm-zoneinfo, mm-slabinfo,
  mm-vmallocinfo, mm-pgwalk ADDR [PGD], mm-page PFN, mm-shell COMMAND
  $pfn_to_page(pfn), $va(phys), $pa(virt)

Each reads memory only: the kernel is stopped and nothing is called, except
mm-shell, which runs a shell command inside the kernel (its output goes to
the serial console). `make debug` and `make gdb` load this file, which
loads mmlab.gdb (set-up and mmlab-connect); mmlab-continue-to FUNC is here.

Kernel variables are looked up as symbols, not parsed as expressions: in
C++ `e820_table` and `memblock` are type names too, and gdb's parser takes
the type whenever the file it looks in first declares it ("Attempt to use
a type name as an expression"). By hand: `p *'e820.cpp'::e820_table`.
"""
import os
import re

import gdb

gdb.execute("source " + os.path.join(os.path.dirname(os.path.abspath(__file__)), "mmlab.gdb"))

PAGE_SHIFT = 12
PAGE_SIZE = 1 << PAGE_SHIFT
PAGE_OFFSET = 0xC0000000
MAX_ORDER = 11
# include/linux/page-flags.h, in bit order: the order dump_page names them in
PAGEFLAG_NAMES = [(0, "locked"), (1, "referenced"), (2, "uptodate"), (3, "dirty"), (4, "lru"),
                  (5, "active"), (9, "slab"), (12, "reserved"), (13, "private"),
                  (15, "writeback"), (16, "head"), (19, "swapbacked")]
NR_PAGEFLAGS = 20
ZONES_SHIFT = 30  # the zone number is in the top 2 bits of page->flags


def val(expr):
    return gdb.parse_and_eval(expr)


_kvar_files = {}


def kvar(name):
    """A global kernel variable by name, wherever gdb is stopped. The lookup
    may find the type of the same name (as a typedef); then the variable is
    read through the file that defines it ('e820.cpp'::e820_table)."""
    sym = gdb.lookup_global_symbol(name, gdb.SYMBOL_VAR_DOMAIN)
    if sym is not None and sym.is_variable:
        return sym.value()
    if name not in _kvar_files:
        listing = gdb.execute(f"info variables -q -n ^{name}$", to_string=True)
        m = re.search(r"^File (.+):$", listing, re.M)
        if not m:
            raise gdb.GdbError(f"no variable '{name}' in the kernel's symbols")
        _kvar_files[name] = m.group(1)
    return val(f"'{_kvar_files[name]}'::{name}")


def u(v):
    return int(v) & 0xFFFFFFFF


def static(name, file):
    """A file-static kernel variable (several files may use the name)."""
    return val(f"'{file}'::{name}")


def read_u32(addr):
    return int.from_bytes(bytes(gdb.selected_inferior().read_memory(addr, 4)), "little")


def paging_on():
    return bool(u(val("$cr0")) & 0x80000000)


def require_paging(what, hint="mmlab-continue-to setup_arch"):
    """Before paging is on the kernel's variables (linked at 0xC0......) are
    not readable, and setup_arch has not run: say so instead of a bare
    "Cannot access memory"."""
    if not paging_on():
        raise gdb.GdbError(f"{what}: paging is off (CR0.PG=0): the kernel's variables are not "
                           f"readable yet; run on first, e.g. {hint}")


def read_phys_u32(pa):
    """Before paging, addresses are physical; after, page tables (always
    lowmem) are read through the direct map at PAGE_OFFSET."""
    return read_u32(pa + PAGE_OFFSET if paging_on() else pa)


# --- symbols, as the kernel's %pS prints them ---------------------------------------------------

_symbols = None


def elf_symbols():
    """(address, size, name) of the kernel's functions and objects, sorted, as
    kernel/kallsyms.cpp sees its own symbol table."""
    global _symbols
    if _symbols is not None:
        return _symbols
    import struct
    with open(gdb.current_progspace().filename, "rb") as f:
        elf = f.read()
    shoff, = struct.unpack_from("<I", elf, 0x20)
    shentsize, shnum = struct.unpack_from("<HH", elf, 0x2E)
    sections = [struct.unpack_from("<IIIIIIIIII", elf, shoff + i * shentsize) for i in range(shnum)]
    syms = []
    for sh in sections:
        if sh[1] != 2:  # SHT_SYMTAB
            continue
        strtab = sections[sh[6]]
        for off in range(sh[4], sh[4] + sh[5], 16):
            name, value, size, info, _, shndx = struct.unpack_from("<IIIBBH", elf, off)
            if (info & 0xF) not in (0, 1, 2) or shndx in (0, 0xFFF1):
                continue
            end = elf.index(b"\0", strtab[4] + name)
            sym = elf[strtab[4] + name:end].decode()
            if sym:
                syms.append((value, size, sym))
    syms.sort()
    _symbols = syms
    return syms


def demangle(name):
    if not name.startswith("_Z"):
        return name
    out = gdb.execute(f"demangle {name}", to_string=True).strip()
    return re.sub(r"\(.*$", "", out)


def symbol(addr):
    """name+0xoff/0xsize, as %pS."""
    best, nxt = None, None
    for value, size, name in elf_symbols():
        if value <= addr:
            if best is None or value > best[0] or (value == best[0] and size > best[1]):
                best = (value, size, name)
        elif nxt is None or value < nxt:
            nxt = value
    if best is None:
        return f"{addr:#x}"
    size = nxt - best[0] if nxt is not None else best[1]
    if best[1] > size or (nxt is not None and best[1] == 0 and size > 0x10000):
        size = best[1]
    if addr - best[0] >= size:
        return f"{addr:#x}"
    return f"{demangle(best[2])}+{addr - best[0]:#x}/{size:#x}"


# --- lists -----------------------------------------------------------------------------------------

def list_entries(head, typename, member):
    """The structures on a struct list_head, like list_for_each_entry."""
    ptr_type = gdb.lookup_type(typename).pointer()
    offset = int(gdb.parse_and_eval(f"(unsigned long)&(({typename} *)0)->{member}"))
    node = head["next"]
    end = u(head.address)
    while u(node) != end:
        yield gdb.Value(u(node) - offset).cast(ptr_type)
        node = node["next"]


def zones(populated_only):
    node_zones = kvar("contig_page_data")["node_zones"]
    for i in range(int(val("MAX_NR_ZONES"))):
        z = node_zones[i]
        if populated_only and int(z["present_pages"]) == 0:
            continue
        yield z


def zone_name(z):
    return z["name"].string()


class MmCommand(gdb.Command):
    """Base: the name is the gdb command; run() prints lines."""

    needs_paging = True  # mm-pgwalk reads physical memory and does not

    def __init__(self, name):
        super().__init__(name, gdb.COMMAND_DATA)
        self._name = name

    def invoke(self, arg, from_tty):
        if self.needs_paging:
            require_paging(self._name)
        for line in self.run(gdb.string_to_argv(arg)):
            gdb.write(line + "\n")


# --- the views -----------------------------------------------------------------------------------

E820_NAMES = {1: "usable", 2: "reserved", 3: "ACPI data", 4: "ACPI NVS", 5: "unusable",
              128: "usable", 0xEFFFFFFF: "soft reserved"}


class MmE820(MmCommand):
    """The firmware memory map after sanitizing, as the shell's e820. By hand:
    p *'e820.cpp'::e820_table (a plain `p *e820_table` can find the type of
    the same name: "Attempt to use a type name as an expression")."""

    def __init__(self):
        super().__init__("mm-e820")

    def run(self, argv):
        table = kvar("e820_table").dereference()
        if int(table["nr_entries"]) == 0:
            yield "e820: the table is empty: e820__memory_setup() fills it, in setup_arch()"
        for i in range(int(table["nr_entries"])):
            e = table["entries"][i]
            addr, size, t = int(e["addr"]), int(e["size"]), int(e["type"])
            name = E820_NAMES.get(t, f"persistent (type {t})" if t in (7, 12) else f"type {t}")
            yield f"e820: [mem {addr:#018x}-{addr + size - 1:#018x}] {name}"


class MmMemblock(MmCommand):
    """memblock's regions, as the shell's memblock (memblock=debug's dump)."""

    def __init__(self):
        super().__init__("mm-memblock")

    def run(self, argv):
        size_of = gdb.lookup_type("phys_addr_t").sizeof
        width, mask = size_of * 2 + 2, (1 << size_of * 8) - 1
        # wraps as phys_addr_t does: an empty list's {0, 0} dummy ends at 0xffffffff
        pa = lambda v: f"{int(v) & mask:#0{width}x}"
        mb = kvar("memblock")
        yield "MEMBLOCK configuration:"
        yield (f" memory size = {pa(mb['memory']['total_size'])} "
               f"reserved size = {pa(mb['reserved']['total_size'])}")
        for t in (mb["memory"], mb["reserved"]):
            name = t["name"].string()
            yield f" {name}.cnt  = {int(t['cnt']):#x}"
            for i in range(int(t["cnt"])):
                r = t["regions"][i]
                base, size = int(r["base"]), int(r["size"])
                yield (f" {name}[{i:#x}]\t[{pa(base)}-{pa(base + size - 1)}], {pa(size)} bytes "
                       f"flags: {int(r['flags']):#x}")


class MmBuddyinfo(MmCommand):
    """Free blocks per order in each zone, as /proc/buddyinfo."""

    def __init__(self):
        super().__init__("mm-buddyinfo")

    def run(self, argv):
        for z in zones(True):
            counts = "".join(f"{int(z['free_area'][o]['nr_free']):6d} " for o in range(MAX_ORDER))
            yield f"Node 0, zone {zone_name(z):>8} {counts}"


class MmZoneinfo(MmCommand):
    """Watermarks, sizes, protection and pcp of each zone, as /proc/zoneinfo."""

    def __init__(self):
        super().__init__("mm-zoneinfo")

    def run(self, argv):
        nr_free_idx = int(val("NR_FREE_PAGES"))
        for z in zones(False):
            free = max(0, int(z["vm_stat"][nr_free_idx]))
            boost = int(z["watermark_boost"])
            wm = [int(z["_watermark"][i]) + boost for i in range(3)]
            yield f"Node 0, zone {zone_name(z):>8}"
            yield f"  pages free     {free}"
            yield f"        boost    {boost}"
            yield f"        min      {wm[0]}"
            yield f"        low      {wm[1]}"
            yield f"        high     {wm[2]}"
            yield f"        spanned  {int(z['spanned_pages'])}"
            yield f"        present  {int(z['present_pages'])}"
            yield f"        managed  {int(z['managed_pages'])}"
            yield "        cma      0"
            prot = ", ".join(str(int(z["lowmem_reserve"][i])) for i in range(4))
            yield f"        protection: ({prot})"
            if int(z["present_pages"]) == 0:
                continue
            yield f"      {'nr_free_pages':<12} {free}"
            pcp = z["per_cpu_pageset"][0]
            yield "  pagesets"
            yield "    cpu: 0"
            yield f"              count: {int(pcp['count'])}"
            yield f"              high:  {int(pcp['high'])}"
            yield f"              batch: {int(pcp['batch'])}"
            yield "  node_unreclaimable:  0"
            yield f"  start_pfn:           {int(z['zone_start_pfn'])}"


def count_free(s, fp):
    """Objects on a SLUB freelist; the pointers are stored obfuscated
    (mm/slub.cpp freelist_ptr): ptr ^ s->random ^ swab(address of the pointer)."""
    n, offset, rnd = 0, int(s["offset"]), u(s["random"])
    while fp:
        n += 1
        at = fp + offset
        swab = int.from_bytes(at.to_bytes(4, "little"), "big")
        fp = read_u32(at) ^ rnd ^ swab
    return n


class MmSlabinfo(MmCommand):
    """Every slab cache, as /proc/slabinfo (SLUB's version 2.1)."""

    def __init__(self):
        super().__init__("mm-slabinfo")

    def run(self, argv):
        yield "slabinfo - version: 2.1"
        yield ("# name            <active_objs> <num_objs> <objsize> <objperslab> "
               "<pagesperslab> : tunables <limit> <batchcount> <sharedfactor> : slabdata "
               "<active_slabs> <num_slabs> <sharedavail>")
        for s in list_entries(kvar("slab_caches"), "struct kmem_cache", "list"):
            n = s["node"][0].dereference()
            c = s["cpu_slab"][0]
            free = count_free(s, u(c["freelist"]))
            if u(c["slab"]):
                free += count_free(s, u(c["slab"].dereference()["freelist"]))
            for head in (c["partial"], n["partial"]):
                for slab in list_entries(head, "struct page", "slab_list"):
                    free += int(slab["objects"]) - int(slab["inuse"])
            total, slabs = int(n["total_objects"]), int(n["nr_slabs"])
            order = int(s["oo"]["x"]) >> 16
            size = int(s["size"])
            yield (f"{s['name'].string():<17} {total - free:6d} {total:6d} {size:6d} "
                   f"{(PAGE_SIZE << order) // size:4d} {1 << order:4d} : tunables    0    0    0 "
                   f": slabdata {slabs:6d} {slabs:6d}      0")


class MmVmallocinfo(MmCommand):
    """The busy areas of the vmalloc range, as /proc/vmallocinfo."""

    def __init__(self):
        super().__init__("mm-vmallocinfo")

    def run(self, argv):
        flags = {0x1: " ioremap", 0x2: " vmalloc", 0x4: " vmap"}  # VM_*, include/linux/vmalloc.h
        head = static("vmap_area_list", "mm/vmalloc.cpp")
        for va in list_entries(head, "struct vmap_area", "list"):
            if not u(va["vm"]):
                continue
            v = va["vm"].dereference()
            addr, size = u(v["addr"]), int(v["size"])
            line = f"0x{addr:08x}-0x{addr + size:08x} {size:7d}"
            if u(v["caller"]):
                line += " " + symbol(u(v["caller"]))
            if int(v["nr_pages"]):
                line += f" pages={int(v['nr_pages'])}"
            if int(v["phys_addr"]):
                line += f" phys={int(v['phys_addr']):08x}"
            line += "".join(text for bit, text in flags.items() if int(v["flags"]) & bit)
            yield line


# --- page tables and pages ---------------------------------------------------------------------

PTE_FLAGS = [(0x001, "P"), (0x002, "RW"), (0x004, "US"), (0x008, "PWT"), (0x010, "PCD"),
             (0x020, "A"), (0x040, "D"), (0x080, "PSE"), (0x100, "G")]


def flags_str(entry):
    return " ".join(name for bit, name in PTE_FLAGS if entry & bit)


def to_phys(pgd):
    """A page directory given as a kernel symbol's address or a physical one."""
    return pgd - PAGE_OFFSET if pgd >= PAGE_OFFSET else pgd


def walk(vaddr, pgd_phys):
    """[(level, entry)], physical address or None: the CPU's walk on i386
    without PAE (pgd -> pte; p4d, pud and pmd fold into the pgd)."""
    pde = read_phys_u32(pgd_phys + (vaddr >> 22) * 4)
    levels = [("pgd", pde)]
    if not pde & 1:
        return levels, None
    if pde & 0x80:
        return levels, (pde & 0xFFC00000) | (vaddr & 0x3FFFFF)
    pte = read_phys_u32((pde & 0xFFFFF000) + ((vaddr >> 12) & 0x3FF) * 4)
    levels.append(("pte", pte))
    return levels, (pte & 0xFFFFF000) | (vaddr & 0xFFF) if pte & 1 else None


class MmPgwalk(MmCommand):
    """mm-pgwalk ADDR [PGD]: walk the page tables for ADDR, as the shell's
    pgwalk; PGD (a physical address, or a kernel symbol's address such as
    &initial_page_table) defaults to CR3. Works before paging is on too."""

    def __init__(self):
        super().__init__("mm-pgwalk")
        self.needs_paging = False

    def run(self, argv):
        if not argv or len(argv) > 2:
            raise gdb.GdbError("usage: mm-pgwalk ADDR [PGD]")
        vaddr = u(val(argv[0]))
        pgd = to_phys(u(val(argv[1]))) if len(argv) == 2 else u(val("$cr3")) & 0xFFFFF000
        if not pgd:
            raise gdb.GdbError("CR3 is 0: no page directory yet; give one, e.g. "
                               "mm-pgwalk ADDR &initial_page_table")
        levels, phys = walk(vaddr, pgd)
        for name, entry in levels:
            yield f"  {name}: {entry:08x}  {flags_str(entry) if entry & 1 else 'not present'}"
        if phys is None:
            yield f"  {vaddr:08x} is not mapped"
        else:
            yield f"  {vaddr:08x} -> phys {phys:#010x}"


def page_flags_str(flags):
    """"0x10200(slab|head|zone=0)", as mm/debug.cpp page_flags_str
    (Linux's %pGp): the flags set by name, unnamed bits in hex, the zone."""
    main = flags & ((1 << NR_PAGEFLAGS) - 1)
    parts = []
    for bit, name in PAGEFLAG_NAMES:
        if main & (1 << bit):
            parts.append(name)
            main &= ~(1 << bit)
    if main:
        parts.append(f"{main:#x}")
    parts.append(f"zone={flags >> ZONES_SHIFT}")
    return f"{flags:#x}(" + "|".join(parts) + ")"


class MmPage(MmCommand):
    """mm-page PFN: the struct page, as dump_page prints it (the shell's page)."""

    def __init__(self):
        super().__init__("mm-page")

    def run(self, argv):
        if len(argv) != 1:
            raise gdb.GdbError("usage: mm-page PFN")
        pfn = u(val(argv[0]))
        if pfn >= u(kvar("max_pfn")):
            raise gdb.GdbError(f"pfn {pfn:#x} is past the last page frame")
        page = kvar("mem_map") + pfn
        p = page.dereference()
        flags = u(p["flags"])
        yield (f"page:{u(page):08x} refcount:{int(p['_refcount']['counter'])} "
               f"mapcount:{int(p['_mapcount']['counter']) + 1} mapping:{u(p['mapping']):08x} "
               f"index:{int(p['index']):#x} pfn:{pfn:#x}")
        yield f"flags: {page_flags_str(flags)}"
        words = [read_u32(u(page) + 4 * i) for i in range(p.type.sizeof // 4)]
        for i in range(0, len(words), 8):
            yield "raw: " + " ".join(f"{w:08x}" for w in words[i:i + 8])
        yield "page dumped because: mm-page"


def in_shell():
    """Is the shell (shell_main) on the stopped kernel's stack? Only there is
    everything mm-shell's commands use set up, and nothing half-done below."""
    try:
        frame = gdb.newest_frame()
        while frame is not None:
            if frame.name() == "shell_main":
                return True
            frame = frame.older()
    except gdb.error:
        pass
    return False


class MmShell(gdb.Command):
    """mm-shell COMMAND: run a shell command inside the kernel (its output goes
    to the serial console), e.g. mm-shell buddyinfo; $names are gdb's values
    (mm-shell pgwalk $va). The kernel must be stopped in its shell
    (mmlab-continue-to shell_main, or Ctrl-C at the prompt): a call made
    before paging is on, or in the middle of the boot, would never return."""

    def __init__(self):
        super().__init__("mm-shell", gdb.COMMAND_DATA)

    def invoke(self, arg, from_tty):
        require_paging("mm-shell", "mmlab-continue-to shell_main (a call into the kernel "
                                   "now would never return)")
        if not in_shell():
            raise gdb.GdbError("mm-shell: the kernel is not in its shell yet (shell_main is not "
                               "on the stack); mmlab-continue-to shell_main first")
        arg = re.sub(r"\$\w+", lambda m: f"{u(val(m.group(0))):#x}", arg)  # gdb variables
        buf = kvar("shell_gdb_line")
        data = arg.encode()[:buf.type.sizeof - 1] + b"\0"
        gdb.selected_inferior().write_memory(u(buf.address), data)
        gdb.execute("call (void)shell_run_line(shell_gdb_line)", to_string=True)


class MmlabContinueTo(gdb.Command):
    """mmlab-continue-to FUNC: run until FUNC (or any breakpoint location, such
    as FILE:LINE or *ADDR) with a one-shot hardware breakpoint, which works
    before paging is on too. A name the kernel does not have is an error, not
    a breakpoint left pending while the kernel runs on."""

    def __init__(self):
        super().__init__("mmlab-continue-to", gdb.COMMAND_RUNNING)

    def invoke(self, arg, from_tty):
        where = arg.strip()
        if not where:
            raise gdb.GdbError("usage: mmlab-continue-to FUNC")
        try:
            gdb.decode_line(where)
        except gdb.error as e:
            raise gdb.GdbError(f"mmlab-continue-to: {str(e).rstrip('.')} in the kernel; it stays "
                               f"stopped (info functions REGEX lists the functions)")
        gdb.execute(f"thbreak {where}", from_tty)
        gdb.execute("continue", from_tty)


# --- convenience functions -------------------------------------------------------------------------

class PfnToPage(gdb.Function):
    """$pfn_to_page(pfn): the struct page * of a page frame (mem_map + pfn)."""

    def __init__(self):
        super().__init__("pfn_to_page")

    def invoke(self, pfn):
        return kvar("mem_map") + int(pfn)


class Va(gdb.Function):
    """$va(phys): the direct-map address of a lowmem physical address (__va)."""

    def __init__(self):
        super().__init__("va")

    def invoke(self, phys):
        return gdb.Value(u(phys) + PAGE_OFFSET).cast(gdb.lookup_type("void").pointer())


class Pa(gdb.Function):
    """$pa(virt): the physical address of a kernel virtual address: arithmetic
    in the direct map (__pa), a page-table walk anywhere else."""

    def __init__(self):
        super().__init__("pa")

    def invoke(self, virt):
        v = u(virt)
        if PAGE_OFFSET <= v < u(kvar("high_memory")):
            return gdb.Value(v - PAGE_OFFSET)
        _, phys = walk(v, u(val("$cr3")) & 0xFFFFF000)
        if phys is None:
            raise gdb.GdbError(f"{v:#x} is not mapped")
        return gdb.Value(phys)


for cls in (MmE820, MmMemblock, MmBuddyinfo, MmZoneinfo, MmSlabinfo, MmVmallocinfo, MmPgwalk,
            MmPage, MmShell, MmlabContinueTo, PfnToPage, Va, Pa):
    cls()
