/*
 * DOC: the serial shell (no Linux counterpart: Linux would run init here)
 *
 * When no ktest= is given, start_kernel ends here: a prompt on COM1 with
 * line editing (backspace, Ctrl-U, Ctrl-C, up/down history) and commands
 * that print the memory views in Linux's /proc formats. Command output goes
 * through printk, so it is also in the kernel log; what the user types is
 * echoed straight to the UART.
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
#include <linux/errno.h>
#include <linux/frag.h>
#include <linux/kernel.h>
#include <linux/kstrtox.h>
#include <linux/ktest.h>
#include <linux/memblock.h>
#include <linux/mm.h>
#include <linux/mm_trace.h>
#include <linux/pgwalk.h>
#include <linux/printk.h>
#include <linux/shell.h>
#include <linux/slab.h>
#include <linux/sprintf.h>
#include <linux/stress.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include <linux/vmalloc.h>
#include <linux/vmstat.h>

static void puts_raw(const char *s)
{
	for (; *s; s++)
		serial8250_putc(*s);
}

// --- commands ---------------------------------------------------------------------------------

// A number in decimal, or hex with 0x, with an optional K/M/G suffix.
bool parse_number(const char *s, unsigned long *out)
{
	if (!s || !*s)
		return false;
	char *end;
	unsigned long long v = memparse(s, &end);
	if (*end || end == s)
		return false;
	*out = (unsigned long)v;
	return true;
}

// The one number argument of "cmd N"; says how to use cmd if it is missing or bad.
bool number_arg(int argc, char **argv, const char *usage, unsigned long *out)
{
	if (argc == 2 && parse_number(argv[1], out))
		return true;
	pr_err("usage: %s %s\n", argv[0], usage);
	return false;
}

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
	if (!number_arg(argc, argv, "<vaddr>", &va))
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
	if (argc < 2 || argc > 3 || !parse_number(argv[1], &a) ||
	    (argc == 3 && !write && strcmp(argv[2], "r"))) {
		pr_err("usage: fault <addr> [r|w]\n");
		return false;
	}
	u8 v;
	int err = copy_from_kernel_nofault(&v, (const void *)a, 1) ? -EFAULT : 0;
	if (!err && write)
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

// A pfn, or a virtual address (>= PAGE_OFFSET): direct map, vmalloc, or
// whatever the page tables say (pkmap, fixmap).
static bool cmd_page(int argc, char **argv)
{
	unsigned long n, pfn;
	if (!number_arg(argc, argv, "<pfn|vaddr>", &n))
		return false;
	pfn = n;
	if (n >= PAGE_OFFSET) {
		struct pgwalk w;
		if (!pgwalk_current(n, &w)) {
			pr_err("page: %#lx is not mapped\n", n);
			return false;
		}
		pfn = (unsigned long)(w.phys >> PAGE_SHIFT);
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
	return true;
}

static unsigned long physmap_pages_per_cell; // for physmap_view: views take no argument
static void physmap_view(struct seq_buf *s) { physmap_show(s, physmap_pages_per_cell); }

static bool cmd_physmap(int argc, char **argv)
{
	unsigned long ppc = 0;
	if (argc > 1 && !number_arg(argc, argv, "[pages-per-cell]", &ppc))
		return false;
	if (argc > 1 && (!ppc || max_pfn / ppc > 16384)) {
		pr_err("physmap: %lu pages per cell would draw more than 16384 cells\n", ppc);
		return false;
	}
	physmap_pages_per_cell = ppc;
	show_view(physmap_view);
	return true;
}

static bool cmd_frag(int, char **)
{
	frag_demo();
	return true;
}

static bool cmd_stress(int argc, char **argv)
{
	unsigned long ops, seed = 1;
	if (argc < 2 || argc > 3 || !parse_number(argv[1], &ops) ||
	    (argc == 3 && !parse_number(argv[2], &seed))) {
		pr_err("usage: stress <ops> [seed]\n");
		return false;
	}
	struct stress_report r;
	mm_stress(ops, (u32)seed, &r);
	stress_print(ops, &r);
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

static bool cmd_ktest(int argc, char **argv)
{
	if (argc != 2) {
		pr_err("usage: ktest <suite|suite.test|all>\n");
		return false;
	}
	return ktest_run(argv[1], true);
}

static bool cmd_vmstat(int, char **)
{
	for (int i = 0; i < NR_VM_EVENT_ITEMS; i++)
		pr_info("%s %lu\n", vm_event_names[i], vm_events[i]);
	return true;
}

// The in-guest benchmarks (mm/bench_ktest.cpp): cycles per operation, boot
// phases, memory overhead, fragmentation.
static bool cmd_bench(int argc, char **)
{
	if (argc != 1) {
		pr_err("usage: bench\n");
		return false;
	}
	return ktest_run("bench", true);
}

static bool cmd_reboot(int, char **) { machine_restart(); }
static bool cmd_poweroff(int, char **) { machine_power_off(); }

struct shell_cmd {
	const char *name, *args, *help;
	bool (*run)(int argc, char **argv);
};

static const struct shell_cmd commands[] = {
    {"help", "", "list the commands", cmd_help},
    {"e820", "", "the firmware memory map, as sanitized", cmd_e820},
    {"memblock", "", "memblock's memory and reserved regions", cmd_memblock},
    {"layout", "", "the kernel's virtual memory layout", cmd_layout},
    {"meminfo", "", "/proc/meminfo", cmd_meminfo},
    {"buddyinfo", "", "/proc/buddyinfo: free blocks per order", cmd_buddyinfo},
    {"pagetypeinfo", "", "/proc/pagetypeinfo: free blocks per migratetype", cmd_pagetypeinfo},
    {"zoneinfo", "", "/proc/zoneinfo: watermarks, lowmem_reserve, pcp", cmd_zoneinfo},
    {"slabinfo", "", "/proc/slabinfo", cmd_slabinfo},
    {"vmallocinfo", "", "/proc/vmallocinfo", cmd_vmallocinfo},
    {"physmap", "[pages]", "a picture of physical memory, one cell per N pages", cmd_physmap},
    {"pgwalk", "<vaddr>", "walk the page tables for an address", cmd_pgwalk},
    {"page", "<pfn|va>", "dump a struct page (dump_page)", cmd_page},
    {"vmstat", "", "event counters (/proc/vmstat's names)", cmd_vmstat},
    {"alloc", "<order> [gfp]", "alloc_pages(gfp, order); buddyinfo before and after", cmd_alloc},
    {"free", "<pfn>", "free a block that 'alloc' gave", cmd_free},
    {"kmalloc", "<size>", "kmalloc(size, GFP_KERNEL); the shell keeps it", cmd_kmalloc},
    {"kfree", "<addr>", "free what 'kmalloc' gave", cmd_kfree},
    {"cache", "<op> ...", "create <name> <size> | alloc <name> | free <addr> | destroy <name>",
     cmd_cache},
    {"vmalloc", "<size>", "vmalloc(size); vmallocinfo after", cmd_vmalloc},
    {"vfree", "<addr>", "free what 'vmalloc' gave", cmd_vfree},
    {"kmap", "<pfn>", "kmap a page and hold it; shows the slot and its pte", cmd_kmap},
    {"kunmap", "<pfn>", "let go of a page 'kmap' mapped", cmd_kunmap},
    {"release", "", "give back everything the shell holds", cmd_release},
    {"fault", "<addr> [r|w]", "touch a byte safely: a fault is fixed up and explained", cmd_fault},
    {"frag", "", "fragmentation: order-9 success with grouping by mobility off, then on", cmd_frag},
    {"stress", "<ops> [seed]", "random work across the allocators, then the invariant checks",
     cmd_stress},
    {"trace", "on|off|show|clear", "record allocator events in a ring (Linux's kmem events)",
     cmd_trace},
    {"ktest", "<suite>", "run in-kernel tests (not the ones that crash on purpose)", cmd_ktest},
    {"bench", "", "cycles per allocator operation, boot phases, overhead (ktest bench)", cmd_bench},
    {"reboot", "", "reset the machine", cmd_reboot},
    {"poweroff", "", "switch QEMU off", cmd_poweroff},
};

static bool cmd_help(int, char **)
{
	for (const struct shell_cmd &c : commands)
		pr_info("  %-8s %-18s %s\n", c.name, c.args, c.help);
	return true;
}

// gdb's mm-shell writes a command here and calls shell_run_line on it.
char shell_gdb_line[SHELL_LINE];

bool shell_run_line(char *line)
{
	char *argv[8];
	int argc = 0;
	for (char *p = line; *p && argc < (int)ARRAY_SIZE(argv);) {
		p = skip_spaces(p);
		if (!*p)
			break;
		argv[argc++] = p;
		while (*p && *p != ' ' && *p != '\t')
			p++;
		if (*p)
			*p++ = '\0';
	}
	if (!argc)
		return true;
	for (const struct shell_cmd &c : commands)
		if (!strcmp(c.name, argv[0]))
			return c.run(argc, argv);
	pr_err("%s: unknown command; 'help' lists them\n", argv[0]);
	return false;
}

void shell_main(void)
{
	static struct line_editor ed;
	line_editor_init(&ed);
	pr_info("mmlab shell: 'help' lists the commands\n");
	puts_raw("> ");
	for (;;) {
		int c = serial8250_getc();
		if (c < 0) {
			cpu_relax();
			continue;
		}
		char echo[SHELL_LINE + 16];
		bool done = line_editor_feed(&ed, (char)c, echo, sizeof(echo));
		puts_raw(echo);
		if (done) {
			char line[SHELL_LINE];
			strlcpy(line, ed.line, sizeof(line));
			shell_run_line(line);
			puts_raw("> ");
		}
	}
}
