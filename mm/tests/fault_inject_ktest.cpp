// failslab and fail_page_alloc on the running kernel: each test sets an
// attribute, provokes the failure, checks the allocator came back with
// NULL and nothing was lost, and puts the attribute back.
#include <linux/fault-inject.h>
#include <linux/gfp.h>
#include <linux/ktest.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>

#include "../slab.h"

// The attributes as they were, put back at the end of the test; meanwhile
// every hook asks should_fail(), so fault_calls() counts every allocation.
struct saved_attrs {
	struct failslab_attr slab = failslab;
	struct fail_page_alloc_attr page = fail_page_alloc;
	unsigned int nth = fault_fail_nth();
	saved_attrs() { fault_count_calls(true); }
	~saved_attrs()
	{
		fault_count_calls(false);
		failslab = slab;
		fail_page_alloc = page;
		fault_set_fail_nth(nth);
	}
};

// failslab=2,100,0,3 in effect: every other GFP_ATOMIC allocation fails,
// three times, then never again; GFP_KERNEL is spared (ignore-gfp-wait).
// Only this test's cache counts (cache-filter, SLAB_FAILSLAB): other slab
// allocations meanwhile, kmemleak's records say, would take the failures.
KTEST(fault_inject, failslab_interval_and_times)
{
	saved_attrs saved;
	struct kmem_cache *s = kmem_cache_create("fail_test", 48, 0, SLAB_FAILSLAB, nullptr);
	KTEST_ASSERT_NOT_NULL(test, s);
	failslab.attr = (struct fault_attr)FAULT_ATTR_INITIALIZER("failslab");
	failslab.ignore_gfp_reclaim = true, failslab.cache_filter = true;
	char arg[] = "2,100,0,3";
	KTEST_ASSERT_EQ(test, setup_fault_attr(&failslab.attr, arg), 1);
	failslab.attr.verbose = 1; // the two lines, no stack: the log stays short
	void *p[10];
	int failed = 0;
	for (int i = 0; i < 10; i++)
		failed += (p[i] = kmem_cache_alloc(s, GFP_ATOMIC)) == nullptr;
	KTEST_EXPECT_EQ(test, failed, 3);
	KTEST_EXPECT_TRUE(test, p[0] && !p[1] && p[2] && !p[3] && !p[5] && p[7] && p[9]);
	KTEST_EXPECT_EQ(test, failslab.attr.times, 0);
	void *k = kmem_cache_alloc(s, GFP_KERNEL);
	KTEST_EXPECT_NOT_NULL(test, k);
	if (k)
		kmem_cache_free(s, k);
	for (void *q : p)
		if (q)
			kmem_cache_free(s, q);
	kmem_cache_destroy(s);
}

// fail_page_alloc: order 0 spared by min-order 1; order 1 GFP_ATOMIC fails;
// __GFP_NOFAIL never; a forced failure is quiet (no warn_alloc).
KTEST(fault_inject, fail_page_alloc_orders_and_nofail)
{
	saved_attrs saved;
	fail_page_alloc.attr.probability = 100, fail_page_alloc.attr.times = -1;
	fail_page_alloc.attr.verbose = 0;
	fail_page_alloc.ignore_gfp_highmem = fail_page_alloc.ignore_gfp_reclaim = true;
	fail_page_alloc.min_order = 1; // 6.1's defaults (a sweep changes them)
	unsigned long free = settled_free_pages();
	struct page *o0 = alloc_pages(GFP_ATOMIC, 0);
	struct page *o1 = alloc_pages(GFP_ATOMIC | __GFP_NOWARN, 1);
	struct page *nofail = alloc_pages(GFP_ATOMIC | __GFP_NOFAIL, 1);
	KTEST_EXPECT_NOT_NULL(test, o0);
	KTEST_EXPECT_EQ(test, o1, nullptr);
	KTEST_EXPECT_NOT_NULL(test, nofail);
	KTEST_EXPECT_TRUE(test, fail_page_alloc.attr.injected >= 1);
	if (o0)
		__free_pages(o0, 0);
	if (o1) // a test must give back even what it should not have got
		__free_pages(o1, 1);
	if (nofail)
		__free_pages(nofail, 1);
	KTEST_EXPECT_EQ(test, settled_free_pages(), free);
}

// fail-nth through vmalloc: at every n up to the count it fails cleanly
// (NULL, every page and area back) or got round the failure (a HighMem
// page it could not have, say, taken from lowmem instead); the one past
// the count succeeds.
KTEST(fault_inject, fail_nth_vmalloc_every_step)
{
	saved_attrs saved;
	failslab.ignore_gfp_reclaim = fail_page_alloc.ignore_gfp_reclaim = false;
	fail_page_alloc.ignore_gfp_highmem = false, fail_page_alloc.min_order = 0;
	failslab.attr.verbose = fail_page_alloc.attr.verbose = 0;
	failslab.attr.probability = fail_page_alloc.attr.probability = 0; // only fail-nth
	void *v = vmalloc(4 * PAGE_SIZE); // a pte table, the first time: not counted
	KTEST_ASSERT_NOT_NULL(test, v);
	vfree(v);
	unsigned long free = settled_free_pages(), areas = vmap_nr_busy();
	unsigned long tables = vmap_pte_tables(), calls = fault_calls();
	v = vmalloc(4 * PAGE_SIZE);
	KTEST_ASSERT_NOT_NULL(test, v);
	calls = fault_calls() - calls;
	vfree(v);
	KTEST_EXPECT_TRUE(test, calls >= 5); // the areas, the vm_struct, four pages
	unsigned int nulls = 0;
	for (unsigned int n = 1; n <= calls + 1; n++) {
		fault_set_fail_nth(n);
		v = vmalloc(4 * PAGE_SIZE);
		fault_set_fail_nth(0);
		nulls += v == nullptr;
		if (n == calls + 1)
			KTEST_EXPECT_NOT_NULL(test, v);
		vfree(v);
		KTEST_EXPECT_EQ(test, vmap_nr_busy(), areas);
		KTEST_EXPECT_EQ(test, settled_free_pages() + (vmap_pte_tables() - tables), free);
	}
	KTEST_EXPECT_TRUE(test, nulls >= 3); // at least the two areas and the vm_struct
}
