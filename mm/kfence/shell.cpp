/*
 * The shell's `kfence` command (no Linux counterpart: Linux has the debugfs
 * files /sys/kernel/debug/kfence/stats and objects, which this prints, and
 * lib/test_kfence's cases to provoke a report, which the bug names do):
 *
 *   kfence             the stats, as `cat /sys/kernel/debug/kfence/stats`
 *   kfence objects     every object, as `cat .../kfence/objects`
 *   kfence oob-read    kmalloc(32) until KFENCE serves it, read one byte past
 *                      its edge: the report, and the kernel goes on
 *   (oob-write, uaf-read, uaf-write, double-free, invalid-free, corrupt)
 */
#include <linux/kernel.h>
#include <linux/kfence.h>
#include <linux/mm.h>
#include <linux/printk.h>
#include <linux/sched_clock.h>
#include <linux/seq_buf.h>
#include <linux/shell.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "kfence.h"

#define BUG_SIZE 32

// kmalloc(BUG_SIZE) until the sample gate lets KFENCE serve one; NULL after
// 100 intervals (the timeout of Linux's kfence_test).
static u8 *kfence_shell_alloc(void)
{
	u64 timeout = local_clock() + (u64)kfence_sample_interval * 100 * 1000000;
	do {
		u8 *p = (u8 *)kmalloc(BUG_SIZE, GFP_KERNEL);
		if (is_kfence_address(p)) {
			pr_info("kfence: kmalloc(%d) = %p is kfence-#%d\n", BUG_SIZE, p,
				(int)(addr_to_metadata((unsigned long)p) - kfence_metadata));
			return p;
		}
		kfree(p);
	} while (local_clock() < timeout && !shell_interrupted());
	pr_err("kfence: no KFENCE allocation within %lu ms\n", kfence_sample_interval * 100);
	return nullptr;
}

// The byte just outside the object, on the side where a guard page is.
static volatile u8 *past_edge(u8 *p)
{
	return IS_ALIGNED((unsigned long)p, PAGE_SIZE) ? p - 1 : p + BUG_SIZE;
}

static void plant(const char *bug, u8 *p)
{
	volatile u8 *edge = past_edge(p);
	if (!strcmp(bug, "oob-read"))
		(void)*edge;
	else if (!strcmp(bug, "oob-write"))
		*edge = 0x42;
	else if (!strcmp(bug, "corrupt")) // inside the page, outside the object
		p[IS_ALIGNED((unsigned long)p, PAGE_SIZE) ? BUG_SIZE : -1] = 0x42;
	else if (!strcmp(bug, "invalid-free"))
		kfree(p + 1); // reported; the object stays allocated
	kfree(p);	      // "corrupt" is reported by this free
	if (!strcmp(bug, "uaf-read"))
		(void)*(volatile u8 *)p;
	else if (!strcmp(bug, "uaf-write"))
		*(volatile u8 *)p = 0x42;
	else if (!strcmp(bug, "double-free"))
		kfree(p);
}

static const char *const bugs[] = {"oob-read",	  "oob-write",	  "uaf-read", "uaf-write",
				   "double-free", "invalid-free", "corrupt"};

static void print_objects(void)
{
	static char buf[4096];
	for (const struct kfence_metadata &meta : kfence_metadata) {
		struct seq_buf s;
		seq_buf_init(&s, buf, sizeof(buf));
		kfence_print_object(&s, &meta);
		seq_buf_printf(&s, "---------------------------------\n");
		seq_buf_print_lines(&s);
	}
}

bool kfence_shell(int argc, char **argv)
{
	const char *op = argc == 2 ? argv[1] : "stats";
	if (!strcmp(op, "stats")) {
		show_view(kfence_stats_show);
		return true;
	}
	if (!strcmp(op, "objects")) {
		if (kfence_enabled)
			print_objects();
		return true;
	}
	for (const char *bug : bugs) {
		if (strcmp(op, bug))
			continue;
		if (!kfence_enabled) {
			pr_err("kfence: not enabled (kfence.sample_interval=0, or no pool)\n");
			return false;
		}
		if (u8 *p = kfence_shell_alloc())
			plant(bug, p);
		return true;
	}
	pr_info("usage: kfence [stats|objects|oob-read|oob-write|uaf-read|uaf-write|double-free|"
		"invalid-free|corrupt]\n");
	return !strcmp(op, "help");
}
