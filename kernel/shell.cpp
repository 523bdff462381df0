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
#include <asm/init.h>
#include <asm/io.h>
#include <asm/processor.h>
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/kstrtox.h>
#include <linux/memblock.h>
#include <linux/mm.h>
#include <linux/pgwalk.h>
#include <linux/printk.h>
#include <linux/shell.h>
#include <linux/slab.h>
#include <linux/sprintf.h>
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
static bool parse_number(const char *s, unsigned long *out)
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
static bool number_arg(int argc, char **argv, const char *usage, unsigned long *out)
{
	if (argc == 2 && parse_number(argv[1], out))
		return true;
	pr_err("usage: %s %s\n", argv[0], usage);
	return false;
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
	pgwalk((pgd_t *)__va(read_cr3() & PAGE_MASK), va, &w);
	pgwalk_print(&w);
	return true;
}

// Pages the shell allocated, so a free of anything else is refused.
static struct page *shell_pages[64];
static unsigned int shell_orders[64];

static bool cmd_alloc(int argc, char **argv)
{
	unsigned long order;
	if (!number_arg(argc, argv, "<order 0-10>", &order))
		return false;
	if (order >= MAX_ORDER) {
		pr_err("alloc: order %lu: the largest block is order %d\n", order, MAX_ORDER - 1);
		return false;
	}
	for (unsigned int i = 0; i < ARRAY_SIZE(shell_pages); i++)
		if (!shell_pages[i]) {
			show_view(buddyinfo_show);
			struct page *page = alloc_pages(GFP_KERNEL, (unsigned int)order);
			if (!page)
				return true; // the allocator has said why
			shell_pages[i] = page;
			shell_orders[i] = (unsigned int)order;
			drain_all_pages(nullptr);
			pr_info("alloc: order %lu at pfn %#lx\n", order, page_to_pfn(page));
			show_view(buddyinfo_show);
			return true;
		}
	pr_err("alloc: the shell holds %zu blocks already; free some\n", ARRAY_SIZE(shell_pages));
	return false;
}

static bool cmd_free(int argc, char **argv)
{
	unsigned long pfn;
	if (!number_arg(argc, argv, "<pfn>", &pfn))
		return false;
	for (unsigned int i = 0; i < ARRAY_SIZE(shell_pages); i++)
		if (shell_pages[i] && page_to_pfn(shell_pages[i]) == pfn) {
			__free_pages(shell_pages[i], shell_orders[i]);
			shell_pages[i] = nullptr;
			drain_all_pages(nullptr);
			pr_info("free: order %u at pfn %#lx\n", shell_orders[i], pfn);
			show_view(buddyinfo_show);
			return true;
		}
	pr_err("free: pfn %#lx was not allocated by 'alloc'; refused\n", pfn);
	return false;
}

// kmalloc'd and vmalloc'd objects the shell holds, so kfree/vfree of an
// address it did not hand out is refused instead of corrupting the kernel.
static void *shell_objs[64];
static bool shell_obj_is_vmalloc[64];

static bool obj_track(void *p, bool is_vmalloc)
{
	for (unsigned int i = 0; i < ARRAY_SIZE(shell_objs); i++)
		if (!shell_objs[i]) {
			shell_objs[i] = p;
			shell_obj_is_vmalloc[i] = is_vmalloc;
			return true;
		}
	return false;
}

// Forgets p and says true if the shell handed it out from the same allocator.
static bool obj_untrack(void *p, bool is_vmalloc)
{
	for (unsigned int i = 0; i < ARRAY_SIZE(shell_objs); i++)
		if (shell_objs[i] == p && shell_obj_is_vmalloc[i] == is_vmalloc) {
			shell_objs[i] = nullptr;
			return true;
		}
	return false;
}

static bool cmd_kmalloc(int argc, char **argv)
{
	unsigned long size;
	if (!number_arg(argc, argv, "<size>", &size))
		return false;
	void *p = kmalloc(size, GFP_KERNEL);
	if (!p || p == ZERO_SIZE_PTR || !obj_track(p, false)) {
		pr_err("kmalloc(%lu): %s\n", size,
		       p ? "not kept (zero size, or the shell holds 64 objects)" : "NULL");
		if (p != ZERO_SIZE_PTR)
			kfree(p);
		return false;
	}
	pr_info("kmalloc(%lu) = %p (ksize %zu)\n", size, p, ksize(p));
	return true;
}

// kfree/vfree of what the shell handed out; anything else is refused.
static bool free_tracked(int argc, char **argv, bool is_vmalloc)
{
	unsigned long a;
	const char *from = is_vmalloc ? "vmalloc" : "kmalloc";
	if (!number_arg(argc, argv, "<addr>", &a))
		return false;
	if (!obj_untrack((void *)a, is_vmalloc)) {
		pr_err("%s: %#lx was not handed out by '%s'; refused\n", argv[0], a, from);
		return false;
	}
	if (is_vmalloc)
		vfree((void *)a);
	else
		kfree((void *)a);
	pr_info("%s(%#lx)\n", argv[0], a);
	return true;
}
static bool cmd_kfree(int argc, char **argv) { return free_tracked(argc, argv, false); }
static bool cmd_vfree(int argc, char **argv) { return free_tracked(argc, argv, true); }

static bool cmd_vmalloc(int argc, char **argv)
{
	unsigned long size;
	if (!number_arg(argc, argv, "<size>", &size))
		return false;
	void *p = vmalloc(size);
	if (!p || !obj_track(p, true)) {
		pr_err("vmalloc(%lu) failed\n", size);
		vfree(p);
		return false;
	}
	pr_info("vmalloc(%lu) = %p\n", size, p);
	show_view(vmallocinfo_show);
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
	pr_info("fault %#lx %s: -EFAULT: the page fault was fixed up; the tables say:\n", a,
		write ? "w" : "r");
	struct pgwalk w;
	pgwalk((pgd_t *)__va(read_cr3() & PAGE_MASK), a, &w);
	pgwalk_print(&w);
	return true;
}

static bool cmd_page(int argc, char **argv)
{
	unsigned long pfn;
	if (!number_arg(argc, argv, "<pfn>", &pfn))
		return false;
	if (pfn >= max_pfn) {
		pr_err("page: pfn %#lx is past the last page frame (%#lx)\n", pfn, max_pfn - 1);
		return false;
	}
	dump_page(pfn_to_page(pfn), "shell");
	return true;
}

static bool cmd_vmstat(int, char **)
{
	for (int i = 0; i < NR_VM_EVENT_ITEMS; i++)
		pr_info("%s %lu\n", vm_event_names[i], vm_events[i]);
	return true;
}

static bool cmd_reboot(int, char **)
{
	outb(0xfe, 0x64); // the keyboard controller's reset line
	return true;
}

// QEMU's PIIX4 ACPI: SLP_EN with sleep type 5 (soft off).
static bool cmd_poweroff(int, char **)
{
	pr_info("Power down\n");
	outw(0x2000, 0x604);
	outw(0x2000, 0xb004);
	return true;
}

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
    {"pgwalk", "<vaddr>", "walk the page tables for an address", cmd_pgwalk},
    {"alloc", "<order>", "alloc_pages(GFP_KERNEL, order); buddyinfo before and after", cmd_alloc},
    {"free", "<pfn>", "free a block that 'alloc' gave", cmd_free},
    {"kmalloc", "<size>", "kmalloc(size, GFP_KERNEL); the shell keeps it", cmd_kmalloc},
    {"kfree", "<addr>", "free what 'kmalloc' gave", cmd_kfree},
    {"vmalloc", "<size>", "vmalloc(size); vmallocinfo after", cmd_vmalloc},
    {"vfree", "<addr>", "free what 'vmalloc' gave", cmd_vfree},
    {"fault", "<addr> [r|w]", "touch a byte safely: a fault is fixed up and explained", cmd_fault},
    {"page", "<pfn>", "dump a struct page (dump_page)", cmd_page},
    {"vmstat", "", "event counters (/proc/vmstat's names)", cmd_vmstat},
    {"reboot", "", "reset the machine", cmd_reboot},
    {"poweroff", "", "switch QEMU off", cmd_poweroff},
};

static bool cmd_help(int, char **)
{
	for (const struct shell_cmd &c : commands)
		pr_info("  %-13s %-8s %s\n", c.name, c.args, c.help);
	return true;
}

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
