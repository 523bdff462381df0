/*
 * The shell's `fail` command: fault injection's knobs, which Linux keeps in
 * debugfs (/sys/kernel/debug/failslab/, /sys/kernel/debug/fail_page_alloc/,
 * /sys/kernel/slab/<cache>/failslab) and /proc/self/fail-nth.
 *
 *   fail                              both attributes, fail-nth, the counts
 *   fail failslab probability 100     one knob, named as the debugfs file
 *   fail nth 3                        the 3rd allocation from now fails
 *   fail cache kmalloc-64 1           flag a cache for failslab's cache-filter
 */
#include <linux/fault-inject.h>
#include <linux/kernel.h>
#include <linux/kstrtox.h>
#include <linux/printk.h>
#include <linux/slab.h>
#include <linux/slub_def.h>
#include <linux/string.h>

#include "../mm/slab.h"

static const char *yn(bool b) { return b ? "Y" : "N"; }

static void show_attr(const char *name, const struct fault_attr *a)
{
	pr_info("%s: interval %lu, probability %lu, space %d, times %d, verbose %lu, "
		"failures %lu\n",
		name, a->interval, a->probability, a->space, a->times, a->verbose, a->injected);
}

static void fail_show(void)
{
	show_attr("failslab", &failslab.attr);
	pr_info("  ignore-gfp-wait %s, cache-filter %s\n", yn(failslab.ignore_gfp_reclaim),
		yn(failslab.cache_filter));
	show_attr("fail_page_alloc", &fail_page_alloc.attr);
	pr_info("  ignore-gfp-wait %s, ignore-gfp-highmem %s, min-order %u\n",
		yn(fail_page_alloc.ignore_gfp_reclaim), yn(fail_page_alloc.ignore_gfp_highmem),
		fail_page_alloc.min_order);
	pr_info("fail-nth %u, should_fail calls %lu\n", fault_fail_nth(), fault_calls());
}

// A knob common to both (the fault_attr's files) or NULL.
static bool set_attr_knob(struct fault_attr *a, const char *knob, long long v)
{
	if (!strcmp(knob, "probability"))
		a->probability = (unsigned long)v;
	else if (!strcmp(knob, "interval"))
		a->interval = (unsigned long)v;
	else if (!strcmp(knob, "times"))
		a->times = (int)v;
	else if (!strcmp(knob, "space"))
		a->space = (int)v;
	else if (!strcmp(knob, "verbose"))
		a->verbose = (unsigned long)v;
	else
		return false;
	return true;
}

// "Y"/"N"/"1"/"0" as debugfs's bool files take them, else a number.
static bool parse_value(const char *s, long long *v)
{
	if (*s == 'Y' || *s == 'y' || *s == 'N' || *s == 'n') {
		*v = *s == 'Y' || *s == 'y';
		return true;
	}
	char *end;
	*v = simple_strtoll(s, &end, 0);
	return end != s && !*end;
}

static bool fail_set(const char *which, const char *knob, const char *val)
{
	long long v;
	if (!parse_value(val, &v)) {
		pr_info("fail: %s is not a number or Y/N\n", val);
		return false;
	}
	bool slab = !strcmp(which, "failslab"), page = !strcmp(which, "fail_page_alloc");
	if (!slab && !page) {
		pr_info("fail: failslab or fail_page_alloc, not %s\n", which);
		return false;
	}
	bool done = set_attr_knob(slab ? &failslab.attr : &fail_page_alloc.attr, knob, v);
	if (!done && !strcmp(knob, "ignore-gfp-wait"))
		*(slab ? &failslab.ignore_gfp_reclaim : &fail_page_alloc.ignore_gfp_reclaim) = v,
							done = true;
	else if (!done && slab && !strcmp(knob, "cache-filter"))
		failslab.cache_filter = v, done = true;
	else if (!done && page && !strcmp(knob, "ignore-gfp-highmem"))
		fail_page_alloc.ignore_gfp_highmem = v, done = true;
	else if (!done && page && !strcmp(knob, "min-order"))
		fail_page_alloc.min_order = (u32)v, done = true;
	if (!done)
		pr_info("fail: %s has no knob %s\n", which, knob);
	return done;
}

static bool fail_cache(const char *name, const char *val)
{
	struct kmem_cache *s;
	list_for_each_entry(s, &slab_caches, list) {
		if (strcmp(s->name, name))
			continue;
		if (val && (*val == '1' || *val == 'Y' || *val == 'y'))
			s->flags |= SLAB_FAILSLAB;
		else if (val)
			s->flags &= ~SLAB_FAILSLAB;
		pr_info("%s: failslab %d\n", s->name, !!(s->flags & SLAB_FAILSLAB));
		return true;
	}
	pr_info("fail: no cache %s\n", name);
	return false;
}

bool fault_inject_cmd(int argc, char **argv)
{
	if (argc == 1) {
		fail_show();
		return true;
	}
	if (!strcmp(argv[1], "nth") && argc == 3) {
		int n;
		if (kstrtoint(argv[2], 0, &n) || n < 0) {
			pr_info("fail: nth wants a number, 0 or more\n"); // Linux: -EINVAL
			return false;
		}
		fault_set_fail_nth((unsigned int)n);
		return true;
	}
	if (!strcmp(argv[1], "cache") && argc >= 3)
		return fail_cache(argv[2], argc == 4 ? argv[3] : nullptr);
	if (argc == 4)
		return fail_set(argv[1], argv[2], argv[3]);
	pr_info("fail: fail | fail failslab|fail_page_alloc <knob> <value> | fail nth <n> | "
		"fail cache <name> [0|1]\n");
	return false;
}
