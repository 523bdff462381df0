/*
 * DOC: the serial shell (no Linux counterpart: Linux would run init here)
 *
 * When no ktest= is given, start_kernel ends here: a prompt on COM1 with
 * line editing (kernel/line_editor.cpp) and commands that print the memory
 * views in Linux's /proc formats. Command output goes through printk, so it
 * is also in the kernel log; what the user types is echoed straight to the
 * UART. Parsing and argument checks are in kernel/shell_parse.cpp.
 *
 * The UART is polled, so while a command runs nobody reads it unless the
 * command asks: long commands call shell_interrupted(), which reads what
 * has arrived, notes a Ctrl-C and keeps every other byte for the prompt.
 * Draining also keeps QEMU reading its stdin, which is where it sees
 * Ctrl-A X: with the UART's FIFO and QEMU's 32-byte mux buffer full, QEMU
 * stops reading and the escape is never seen.
 */
#include <asm/e820/api.h>
#include <asm/early_printk.h>
#include <asm/extable.h>
#include <asm/fault.h>
#include <asm/init.h>
#include <asm/io.h>
#include <asm/pgtable_32_areas.h>
#include <asm/processor.h>
#include <asm/reboot.h>
#include <linux/debug_pagealloc.h>
#include <linux/errno.h>
#include <linux/fault-inject.h>
#include <linux/frag.h>
#include <linux/kernel.h>
#include <linux/kfence.h>
#include <linux/kmemleak.h>
#include <linux/kstrtox.h>
#include <linux/ktest.h>
#include <linux/memblock.h>
#include <linux/mm.h>
#include <linux/mm_trace.h>
#include <linux/pgwalk.h>
#include <linux/printk.h>
#include <linux/proc_fs.h>
#include <linux/sched/task.h>
#include <linux/shell.h>
#include <linux/slab.h>
#include <linux/sprintf.h>
#include <linux/stress.h>
#include <linux/string.h>
#include <linux/tty.h>
#include <linux/uaccess.h>
#include <linux/vmalloc.h>
#include <linux/vmstat.h>

static void puts_raw(const char *s)
{
	for (; *s; s++)
		serial8250_putc(*s);
}

// --- typed-ahead input and Ctrl-C ---------------------------------------------------------

static char typeahead[1024];
static unsigned int typeahead_head, typeahead_tail; // free-running; tail - head bytes held
static bool in_command, interrupted;

// Moves what the UART holds into typeahead; a Ctrl-C is noted, not kept
// (as n_tty's ISIG turns it into SIGINT, but unlike n_tty without NOFLSH,
// what was typed ahead is kept: tests and students type ahead on purpose).
// A full ring is left alone (the bytes wait in the UART): nothing is lost.
static void shell_drain_uart(void)
{
	if (interrupted) // the next Ctrl-C typed ahead is for the next command
		return;
	while (typeahead_tail - typeahead_head < sizeof(typeahead)) {
		int c = tty_getc();
		if (c < 0)
			return;
		if (c == 0x03) {
			puts_raw("^C\r\n"); // the echo a tty gives
			interrupted = true;
			return;
		}
		typeahead[typeahead_tail++ % sizeof(typeahead)] = (char)c;
	}
}

bool shell_interrupted(void)
{
	if (!in_command)
		return false;
	shell_drain_uart();
	return interrupted;
}

// The next byte typed: what a command's polling kept first, then the UART.
static int shell_getc(void)
{
	if (typeahead_tail != typeahead_head)
		return (unsigned char)typeahead[typeahead_head++ % sizeof(typeahead)];
	return tty_getc();
}

// --- commands ---------------------------------------------------------------------------------

// Walks the page directory the CPU is using now.
bool pgwalk_current(unsigned long va, struct pgwalk *w)
{
	return pgwalk((pgd_t *)__va(read_cr3() & PAGE_MASK), va, w);
}

static bool cmd_help(int, char **);
static bool view(void (*show)(struct seq_buf *s))
{
	show_view(show);
	return true;
}
static bool cmd_meminfo(int, char **) { return view(meminfo_show); }
static bool cmd_buddyinfo(int, char **) { return view(buddyinfo_show); }
static bool cmd_pagetypeinfo(int, char **) { return view(pagetypeinfo_show); }
static bool cmd_zoneinfo(int, char **) { return view(zoneinfo_show); }
static bool cmd_slabinfo(int, char **) { return view(slabinfo_show); }
static bool cmd_vmallocinfo(int, char **) { return view(vmallocinfo_show); }
static bool cmd_e820(int, char **)
{
	e820__print_table("e820");
	return true;
}
static bool cmd_memblock(int, char **)
{
	bool debug = memblock_debug; // the dump is memblock=debug's; show it regardless
	memblock_debug = true;
	memblock_dump_all();
	memblock_debug = debug;
	return true;
}
static bool cmd_layout(int, char **)
{
	mem_init_print_layout();
	return true;
}

static bool cmd_pgwalk(int argc, char **argv)
{
	unsigned long va;
	if (!number_arg(argc, argv, "<vaddr>", 0, ULONG_MAX, &va))
		return false;
	struct pgwalk w;
	pgwalk_current(va, &w);
	pgwalk_print(&w);
	return true;
}

// Touches one byte through the exception-table probes: a read, or for w a
// read and a write of the same value back (harmless if it works). A bad
// address is a page fault that gets fixed up; the shell says so, shows the
// page-table walk, and lives on.
static bool cmd_fault(int argc, char **argv)
{
	unsigned long a;
	bool write = argc == 3 && !strcmp(argv[2], "w");
	if (argc == 3 && !write && strcmp(argv[2], "r")) {
		pr_err("fault: '%s' is not r or w\nusage: fault <addr> [r|w]\n", argv[2]);
		return false;
	}
	if (!shell_arg_ulong("fault", "addr", argv[1], 0, ULONG_MAX, &a))
		return false;
	u8 v = 0;
	int err = copy_from_kernel_nofault(&v, (const void *)a, 1) ? -EFAULT : 0;
	// A supervisor read faults only on a page that is not present, where a
	// write faults too: probe the write itself, so the fault shown is one.
	if (write)
		err = __put_kernel_nofault_u8((void *)a, v);
	if (!err) {
		pr_info("fault %#lx %s: no fault (byte %02x)\n", a, write ? "w" : "r", v);
		return true;
	}
	pr_info("fault %#lx %s: -EFAULT: the page fault at %pS was fixed up; the oops would have "
		"said:\n",
		a, write ? "w" : "r", (void *)last_fixup.ip);
	show_fault_explained(last_fixup.error_code, last_fixup.address, false);
	pr_info("and the tables say:\n");
	struct pgwalk w;
	pgwalk_current(a, &w);
	pgwalk_print(&w);
	return true;
}

// Writes one byte anywhere in the kernel, as a bug would: the way to plant
// a red zone overwrite or a use after free for the debugging tools to find.
// A bad address is fixed up and said, as for 'fault'.
static bool cmd_poke(int, char **argv)
{
	unsigned long a, v;
	if (!shell_arg_ulong("poke", "addr", argv[1], 0, ULONG_MAX, &a) ||
	    !shell_arg_ulong("poke", "byte", argv[2], 0, 0xff, &v))
		return false;
	if (__put_kernel_nofault_u8((void *)a, (u8)v)) {
		pr_err("poke %#lx: -EFAULT: not mapped for writing ('fault %#lx w' explains)\n", a,
		       a);
		return false;
	}
	pr_info("poke %#lx = %02lx\n", a, v);
	return true;
}

// A pfn, or a virtual address (>= PAGE_OFFSET): direct map, vmalloc, or
// whatever the page tables say (pkmap, fixmap).
static bool cmd_page(int argc, char **argv)
{
	unsigned long n, pfn;
	if (!number_arg(argc, argv, "<pfn|vaddr>", 0, ULONG_MAX, &n))
		return false;
	pfn = n;
	if (n >= PAGE_OFFSET) {
		struct pgwalk w;
		bool direct = n < (unsigned long)high_memory; // a page debug_pagealloc unmapped too
		if (!pgwalk_current(n, &w) && !direct) {
			pr_err("page: %#lx is not mapped\n", n);
			return false;
		}
		pfn = direct ? PFN_DOWN(__pa(n)) : (unsigned long)(w.phys >> PAGE_SHIFT);
		pr_info("page: %#lx is pfn %#lx (%s)\n", n, pfn,
			is_vmalloc_addr((void *)n)	 ? "vmalloc"
			: n < (unsigned long)high_memory ? "direct map"
							 : "pkmap/fixmap");
	}
	if (pfn >= max_pfn) {
		pr_err("page: pfn %#lx is past the last page frame (%#lx)\n", pfn, max_pfn - 1);
		return false;
	}
	dump_page(pfn_to_page(pfn), "shell");
	debug_pagealloc_show_page(pfn_to_page(pfn));
	return true;
}

static unsigned long physmap_pages_per_cell; // for physmap_view: views take no argument
static void physmap_view(struct seq_buf *s) { physmap_show(s, physmap_pages_per_cell); }

// physmap_show draws at most this many cells when told the cell size.
#define PHYSMAP_MAX_CELLS 16384

static bool cmd_physmap(int argc, char **argv)
{
	unsigned long ppc = 0; // 0: physmap_show picks the size
	unsigned long fewest = max_pfn / (PHYSMAP_MAX_CELLS + 1) + 1; // max_pfn / ppc <= 16384
	if (argc > 1 && !shell_arg_ulong("physmap", "pages per cell", argv[1], fewest,
					 max(max_pfn, fewest), &ppc)) {
		pr_err("physmap: at %lu pages, a cell of fewer than %lu pages would draw more than "
		       "%d cells, one of more than %lu pages draws nothing new\n",
		       max_pfn, fewest, PHYSMAP_MAX_CELLS, max(max_pfn, fewest));
		return false;
	}
	physmap_pages_per_cell = ppc;
	show_view(physmap_view);
	return true;
}

static bool cmd_frag(int, char **)
{
	frag_demo(); // stops at Ctrl-C, after giving everything back
	return true;
}

static bool cmd_stress(int argc, char **argv)
{
	unsigned long ops, seed = 1;
	if (!shell_arg_ulong("stress", "ops", argv[1], 1, ULONG_MAX, &ops) ||
	    (argc == 3 && !shell_arg_ulong("stress", "seed", argv[2], 0, 0xffffffffUL, &seed))) {
		pr_err("usage: stress <ops> [seed]\n");
		return false;
	}
	struct stress_report r;
	mm_stress(ops, (u32)seed, &r);
	if (!shell_interrupted()) {
		stress_print(ops, &r);
	} else { // stress said how far it got; the per-kind counts would claim all ops
		pr_info("stress: %lu invariant violations%s\n", r.violations,
			r.violations ? "" : "; every page is back");
	}
	return !r.violations;
}

static bool cmd_trace(int argc, char **argv)
{
	const char *op = argc == 2 ? argv[1] : "";
	if (!strcmp(op, "on") || !strcmp(op, "off")) {
		mm_trace_enabled = !strcmp(op, "on");
		pr_info("trace: %s\n", op);
	} else if (!strcmp(op, "show")) {
		show_view(mm_trace_show);
	} else if (!strcmp(op, "clear")) {
		mm_trace_clear();
		pr_info("trace: cleared\n");
	} else {
		pr_err("usage: trace on|off|show|clear\n");
		return false;
	}
	return true;
}

// Tests stop between two tests on Ctrl-C; the KTAP lines say which ran.
static bool ktest_from_prompt(const char *selection)
{
	bool ok = ktest_run(selection, true);
	if (shell_interrupted()) {
		pr_info("ktest: interrupted: the tests after the last one reported did not run\n");
		return false;
	}
	return ok;
}

static bool cmd_ktest(int, char **argv) { return ktest_from_prompt(argv[1]); }

static bool cmd_vmstat(int, char **) { return view(vmstat_show); }
static bool cmd_iomem(int, char **) { return view(iomem_show); }

// The in-guest benchmarks (mm/tests/bench_ktest.cpp): cycles per operation, boot
// phases, memory overhead, fragmentation.
static bool cmd_bench(int, char **) { return ktest_from_prompt("bench"); }

static bool cmd_reboot(int, char **) { machine_restart(); }
static bool cmd_poweroff(int, char **) { machine_power_off(); }

// name, arguments, what it does, fewest and most arguments, run.
static const struct shell_cmd commands[] = {
    {"help", "", "list the commands", 0, 0, cmd_help},
    {"e820", "", "the firmware memory map, as sanitized", 0, 0, cmd_e820},
    {"memblock", "", "memblock's memory and reserved regions", 0, 0, cmd_memblock},
    {"iomem", "", "/proc/iomem: physical addresses by owner", 0, 0, cmd_iomem},
    {"layout", "", "the kernel's virtual memory layout", 0, 0, cmd_layout},
    {"meminfo", "", "/proc/meminfo", 0, 0, cmd_meminfo},
    {"buddyinfo", "", "/proc/buddyinfo: free blocks per order", 0, 0, cmd_buddyinfo},
    {"pagetypeinfo", "", "/proc/pagetypeinfo: free blocks per migratetype", 0, 0, cmd_pagetypeinfo},
    {"zoneinfo", "", "/proc/zoneinfo: watermarks, lowmem_reserve, pcp", 0, 0, cmd_zoneinfo},
    {"slabinfo", "", "/proc/slabinfo", 0, 0, cmd_slabinfo},
    {"vmallocinfo", "", "/proc/vmallocinfo", 0, 0, cmd_vmallocinfo},
    {"physmap", "[pages]", "a picture of physical memory, one cell per N pages", 0, 1, cmd_physmap},
    {"pgwalk", "<vaddr>", "walk the page tables for an address", 1, 1, cmd_pgwalk},
    {"page", "<pfn|va>", "dump a struct page (dump_page)", 1, 1, cmd_page},
    {"poke", "<addr> <byte>", "write one byte anywhere, as a bug would (for slub_debug, KFENCE...)",
     2, 2, cmd_poke},
    {"validate", "<cache>", "check every object of a slab cache (/sys/kernel/slab/*/validate)", 1,
     1, cmd_validate},
    {"page_owner", "[max]", "who allocated each page (page_owner=on), first max blocks", 0, 1,
     cmd_page_owner},
    {"vmstat", "", "event counters (/proc/vmstat's names)", 0, 0, cmd_vmstat},
    {"kfence", "[objects|<bug>]", "KFENCE's stats or objects; 'kfence help': bugs", 0, 1,
     kfence_shell},
    {"alloc", "<order> [gfp]", "alloc_pages(gfp, order); buddyinfo before and after", 1,
     SHELL_MAX_ARGS - 1, cmd_alloc},
    {"free", "<pfn>", "free a block that 'alloc' gave", 1, 1, cmd_free},
    {"kmalloc", "<size>", "kmalloc(size, GFP_KERNEL); the shell keeps it", 1, 1, cmd_kmalloc},
    {"kfree", "<addr>", "free what 'kmalloc' gave", 1, 1, cmd_kfree},
    {"cache", "<op> ...", "create <name> <size> | alloc <name> | free <addr> | destroy <name>", 1,
     3, cmd_cache},
    {"vmalloc", "<size>", "vmalloc(size); vmallocinfo after", 1, 1, cmd_vmalloc},
    {"vfree", "<addr>", "free what 'vmalloc' gave", 1, 1, cmd_vfree},
    {"kmap", "<pfn>", "kmap a page and hold it; shows the slot and its pte", 1, 1, cmd_kmap},
    {"kunmap", "<pfn>", "let go of a page 'kmap' mapped", 1, 1, cmd_kunmap},
    {"release", "", "give back everything the shell holds", 0, 0, cmd_release},
    {"fault", "<addr> [r|w]", "touch a byte safely: a fault is fixed up and explained", 1, 2,
     cmd_fault},
    {"frag", "", "fragmentation: order-9 success with grouping by mobility off, then on", 0, 0,
     cmd_frag},
    {"stress", "<ops> [seed]", "random work across the allocators, then the invariant checks", 1, 2,
     cmd_stress},
    {"trace", "on|off|show|clear", "record allocator events in a ring (Linux's kmem events)", 1, 1,
     cmd_trace},
    {"fail", "[what knob value]", "fault injection: failslab, fail_page_alloc, nth, cache", 0, 3,
     fault_inject_cmd},
    {"ktest", "<suite>|list", "run in-kernel tests (not those that crash); list names them", 1, 1,
     cmd_ktest},
    {"kmemleak", "<op>", "scan|show|clear|stats|off|test|age=<ms>|dump=<addr> (Linux's debugfs)", 1,
     1, cmd_kmemleak},
    {"bench", "", "cycles per allocator operation, boot phases, overhead (ktest bench)", 0, 0,
     cmd_bench},
    {"run", "<path> [args]", "run a program in the foreground and wait (Ctrl-C: SIGINT)", 1,
     SHELL_MAX_ARGS - 1, shell_cmd_run},
    {"fg", "<pid>", "continue a stopped program in the foreground (SIGCONT)", 1, 1, shell_cmd_fg},
    {"ps", "", "the processes: PID PPID STAT VSZ RSS OOM OOMADJ COMMAND", 0, 0, shell_cmd_ps},
    {"maps", "<pid>", "/proc/<pid>/maps", 1, 1, shell_cmd_maps},
    {"kill", "<pid> [sig]", "send a signal (SIGTERM by default; 9, KILL or SIGKILL...)", 1, 2,
     shell_cmd_kill},
    {"reboot", "", "reset the machine", 0, 0, cmd_reboot},
    {"poweroff", "", "switch QEMU off", 0, 0, cmd_poweroff},
};

static bool cmd_help(int, char **)
{
	shell_help(commands, ARRAY_SIZE(commands));
	return true;
}

// gdb's mm-shell writes a command here and calls shell_run_line on it.
char shell_gdb_line[SHELL_LINE];

// A command's output is its answer, as a read of /proc is: it reaches the
// console whatever quiet or loglevel= said (they quiet the kernel's log, not
// the shell). Linux's /proc reads never go through the console at all.
struct shell_answer_level {
	int saved = console_loglevel;
	shell_answer_level() { console_loglevel = CONSOLE_LOGLEVEL_MOTORMOUTH; }
	~shell_answer_level() { console_loglevel = saved; }
};

bool shell_run_line(char *line)
{
	shell_answer_level loud;
	// gdb's mm-shell may run a command while another is stopped mid-way:
	// the outer one keeps its own Ctrl-C state
	bool outer = in_command, outer_interrupted = interrupted;
	in_command = true;
	interrupted = false; // a Ctrl-C belongs to the command it was typed during
	bool ok = shell_dispatch(commands, ARRAY_SIZE(commands), line);
	in_command = outer;
	interrupted = outer_interrupted;
	return ok;
}

void shell_main(void)
{
	static struct line_editor ed;
	line_editor_init(&ed);
	{
		shell_answer_level loud;
		pr_info("mmlab shell: 'help' lists the commands\n");
	}
	puts_raw(SHELL_PROMPT);
	for (;;) {
		int c = shell_getc();
		if (c < 0) {
			// pid 1's duties between lines: reap orphans, and let the
			// programs they left behind run (the kernel does not preempt)
			shell_reap_orphans();
			if (current->need_resched)
				schedule();
			cpu_relax();
			continue;
		}
		char echo[LINE_EDITOR_ECHO];
		bool done = line_editor_feed(&ed, (char)c, echo, sizeof(echo));
		puts_raw(echo);
		if (done) {
			char line[SHELL_LINE];
			strlcpy(line, ed.line, sizeof(line));
			shell_run_line(line);
			puts_raw(SHELL_PROMPT);
		}
	}
}
