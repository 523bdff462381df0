/*
 * DOC: the ktest runner's memory checks: per-suite baseline and fail-nth sweep
 *
 * Baseline. Before a suite's first test the runner notes what memory is in
 * use; after its last test everything must be back:
 *
 *   free pages        settled_free_pages(), less the vmalloc pte tables the
 *                     suite made (vmalloc keeps those for good, as Linux does)
 *   slab objects      in use, per cache (a cache the suite created and
 *                     destroyed again does not count; one it left behind does)
 *   vmalloc areas     busy vmap_areas
 *
 * Anything else is a leak and a failed KTAP result, "not ok N suite.baseline",
 * after comments naming what leaked.
 *
 * Sweep (ktest.fail_nth=all, or =N for at most N runs per test). Every
 * selected test runs once clean, counting its allocations (should_fail()
 * calls: slab and page allocations both), then once for each n from 1 to
 * one past that count with its n-th allocation failing (Linux's
 * /proc/self/fail-nth, the way syzkaller uses it). For the sweep the two
 * attributes stop sparing anything (ignore-gfp-wait and ignore-gfp-highmem
 * N, min-order 0, as syzkaller sets them) and stay silent (verbose 0): a
 * sweep is thousands of forced failures. While a faulted run goes, the
 * console shows only errors and worse, so the test's own complaints about
 * its NULLs and the allocation-failure warnings stay out of the log. A run
 * may fail its own checks (a NULL it asserted on); that is counted, not
 * failed. The run fails the sweep if the kernel misbehaved: a slub or
 * bad-page report or WARNING the clean run did not print, or memory not back
 * at the baseline. Such a run is done once more with the console on, so its
 * story is in the log.
 *
 * Differs from Linux: KUnit has no such sweep; syzkaller does it from user
 * space through /proc/self/fail-nth, one system call at a time.
 */
#include <linux/fault-inject.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/kstrtox.h>
#include <linux/ktest.h>
#include <linux/mm_space.h>
#include <linux/mmzone.h>
#include <linux/printk.h>
#include <linux/slab.h>
#include <linux/sprintf.h>
#include <linux/string.h>
#include <linux/utsname.h>
#include <linux/vmalloc.h>

#include "../mm/slab.h"

#define KTEST_MAX_CACHES 96

struct ktest_baseline {
	unsigned long free_pages, pte_tables, vmap_areas;
	int nr_caches;
	struct {
		const struct kmem_cache *s;
		const char *name;
		unsigned long objs;
	} caches[KTEST_MAX_CACHES];
};

static unsigned long cache_objs(struct kmem_cache *s)
{
	unsigned long active, total, slabs;
	slab_counts(s, &active, &total, &slabs);
	return active;
}

static unsigned long nr_bad_pages(void)
{
	unsigned long n = 0;
	struct zone *zone;
	for_each_zone(zone)
		n += zone->bad_pages;
	return n;
}

static void baseline_take(struct ktest_baseline *b)
{
	struct kmem_cache *s;
	zero_page(); // Linux's is in .bss; ours comes on first use and stays
	b->free_pages = settled_free_pages();
	b->pte_tables = vmap_pte_tables();
	b->vmap_areas = vmap_nr_busy();
	b->nr_caches = 0;
	list_for_each_entry(s, &slab_caches, list) {
		if (b->nr_caches == KTEST_MAX_CACHES)
			break;
		b->caches[b->nr_caches++] = {s, s->name, cache_objs(s)};
	}
}

// The objects s had at b; -1 if it did not exist then.
static long baseline_objs(const struct ktest_baseline *b, const struct kmem_cache *s)
{
	for (int i = 0; i < b->nr_caches; i++)
		if (b->caches[i].s == s && b->caches[i].name == s->name)
			return (long)b->caches[i].objs;
	return -1;
}

/*
 * Compares now with b. Prints a "    # who: ..." comment per difference
 * and, in summary, the short form for a KTAP result line. True if nothing
 * differs.
 */
static bool baseline_matches(const struct ktest_baseline *b, const char *who, char *summary,
			     size_t len)
{
	struct kmem_cache *s;
	size_t used = 0;
	summary[0] = '\0';
	long pages =
	    (long)b->free_pages - (long)(settled_free_pages() + vmap_pte_tables() - b->pte_tables);
	if (pages) {
		pr_info("    # %s: %ld pages not given back\n", who, pages);
		used += scnprintf(summary + used, len - used, " %ld pages", pages);
	}
	long areas = (long)vmap_nr_busy() - (long)b->vmap_areas;
	if (areas) {
		pr_info("    # %s: %ld vmalloc areas not given back\n", who, areas);
		used += scnprintf(summary + used, len - used, " %ld vmalloc areas", areas);
	}
	list_for_each_entry(s, &slab_caches, list) {
		long was = baseline_objs(b, s), now = (long)cache_objs(s);
		if (was >= 0 && now == was)
			continue;
		if (was < 0)
			pr_info("    # %s: cache %s created and not destroyed (%ld objects)\n", who,
				s->name, now);
		else
			pr_info("    # %s: %s: %ld objects not given back (%ld before, %ld now)\n",
				who, s->name, now - was, was, now);
		used += scnprintf(summary + used, len - used, " %s %+ld", s->name,
				  was < 0 ? now : now - was);
	}
	return !used;
}

// --- per suite ------------------------------------------------------------------------------

static struct ktest_baseline suite_base;

void ktest_suite_begin(const char *suite) { baseline_take(&suite_base); }

bool ktest_suite_end(const char *suite, char *leaked, size_t len)
{
	if (baseline_matches(&suite_base, suite, leaked, len))
		return true;
	pr_info("    # %s: not back at the memory the suite started with\n", suite);
	return false;
}

// --- the sweep ------------------------------------------------------------------------------

static int fail_nth_max; // 0: no sweep; -1: every n; else at most this many runs a test

static int __init setup_ktest_fail_nth(char *val)
{
	int v;
	if (val && !strcmp(val, "all")) {
		fail_nth_max = -1;
		return 0;
	}
	if (!val || kstrtoint(val, 0, &v) || v < 2) {
		pr_err("ktest.fail_nth=%s: expected \"all\" or a number of runs per test (2 or "
		       "more); no sweep\n",
		       val ? val : "");
		return 0;
	}
	fail_nth_max = v;
	return 0;
}
__setup("ktest.fail_nth=", setup_ktest_fail_nth);

bool ktest_fail_nth_enabled(void) { return fail_nth_max != 0; }

// Reports the kernel printed: slub's, bad pages, WARNINGs.
static unsigned long ktest_reports(void) { return slub_debug_errors + warn_count + nr_bad_pages(); }

// The attributes as the sweep wants them: nothing spared, nothing said,
// nothing failed but the n-th.
struct sweep_attrs {
	struct failslab_attr slab;
	struct fail_page_alloc_attr page;
	sweep_attrs() : slab(failslab), page(fail_page_alloc)
	{
		failslab.ignore_gfp_reclaim = failslab.cache_filter = false;
		fail_page_alloc.ignore_gfp_highmem = fail_page_alloc.ignore_gfp_reclaim = false;
		fail_page_alloc.min_order = 0;
		failslab.attr.verbose = fail_page_alloc.attr.verbose = 0;
		failslab.attr.probability = fail_page_alloc.attr.probability = 0;
		fault_count_calls(true);
	}
	~sweep_attrs()
	{
		fault_count_calls(false);
		failslab = slab;
		fail_page_alloc = page;
	}
};

struct sweep {
	const struct ktest_case *tc;
	struct ktest_baseline base;
	unsigned long clean_reports;
	int runs, own_failures, bad;
};

static unsigned int sweep_current_n; // for a panic's last words

// One run with the n-th allocation failing; false if the kernel misbehaved.
static bool sweep_one(struct sweep *sw, unsigned int n, bool loud)
{
	struct ktest t = {sw->tc, 0, nullptr};
	char who[128], summary[160];
	unsigned long reports = ktest_reports();
	int saved = console_loglevel;
	if (!loud)
		console_loglevel = CONSOLE_LOGLEVEL_QUIET;
	sweep_current_n = n;
	fault_set_fail_nth(n);
	sw->tc->run(&t);
	fault_set_fail_nth(0);
	sweep_current_n = 0;
	console_loglevel = saved;
	snprintf(who, sizeof(who), "%s.%s fail_nth=%u", sw->tc->suite, sw->tc->name, n);
	bool ok = true;
	if (ktest_reports() - reports > sw->clean_reports) {
		pr_info("    # %s: %lu reports, the clean run printed %lu\n", who,
			ktest_reports() - reports, sw->clean_reports);
		ok = false;
	}
	if (!baseline_matches(&sw->base, who, summary, sizeof(summary)))
		ok = false;
	if (!loud) {
		sw->runs++;
		sw->own_failures += t.failures != 0;
	}
	return ok;
}

// The n of run i of nr, spread over 1..last with both ends included.
static unsigned int sweep_n(int i, int nr, unsigned int last)
{
	return nr <= 1 ? last : 1 + (unsigned int)((unsigned long long)i * (last - 1) / (nr - 1));
}

static void sweep_all_n(struct sweep *sw, unsigned int last)
{
	int nr =
	    (fail_nth_max < 0 || last <= (unsigned int)fail_nth_max) ? (int)last : fail_nth_max;
	for (int i = 0; i < nr && sw->bad < 3; i++) { // three stories are enough
		unsigned int n = sweep_n(i, nr, last);
		if (i && n == sweep_n(i - 1, nr, last))
			continue;
		if (sweep_one(sw, n, false))
			continue;
		sw->bad++;
		pr_info("    # %s.%s fail_nth=%u: misbehaved; once more with the console on:\n",
			sw->tc->suite, sw->tc->name, n);
		baseline_take(&sw->base); // judge the loud run on its own
		sweep_one(sw, n, true);
		baseline_take(&sw->base);
	}
}

int ktest_fail_nth_sweep(const struct ktest_case *tc, struct ktest *test)
{
	if (tc->no_fail_nth) {
		tc->run(test);
		pr_info("    # %s.%s: fail_nth: not swept: %s\n", tc->suite, tc->name,
			tc->no_fail_nth);
		return 0;
	}
	struct sweep sw = {tc, {}, 0, 0, 0, 0};
	char summary[160];
	unsigned long reports = ktest_reports(), calls;
	{
		sweep_attrs quiet_attrs; // the clean run counts what the sweep will fail
		baseline_take(&sw.base);
		calls = fault_calls();
		tc->run(test);
		calls = fault_calls() - calls;
	}
	if (test->skip_reason || test->failures)
		return 0; // a test that skips has nothing to sweep; one that fails, no baseline
	sw.clean_reports = ktest_reports() - reports;
	char who[128];
	snprintf(who, sizeof(who), "%s.%s clean run", tc->suite, tc->name);
	if (!baseline_matches(&sw.base, who, summary, sizeof(summary))) {
		ktest_fail(test, __FILE__, __LINE__, "the clean run leaked:%s", summary);
		return 0;
	}
	{
		sweep_attrs sweep_attrs;
		baseline_take(&sw.base);
		sweep_all_n(&sw, (unsigned int)calls + 1);
	}
	pr_info("    # %s.%s: fail_nth: %lu allocations, %d runs, %d failed their own checks, "
		"%d misbehaved\n",
		tc->suite, tc->name, calls, sw.runs, sw.own_failures, sw.bad);
	if (sw.bad)
		ktest_fail(test, __FILE__, __LINE__, "fail_nth: %d runs left the kernel worse",
			   sw.bad);
	return sw.runs;
}

void ktest_fail_nth_last_words(void)
{
	if (sweep_current_n)
		pr_emerg("ktest: the panic came with fail_nth=%u (the %u-th allocation failed)\n",
			 sweep_current_n, sweep_current_n);
}
