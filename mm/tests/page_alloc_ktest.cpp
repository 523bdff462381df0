// The buddy allocator on the running kernel, at every memory size.
#include <asm/fixmap.h>
#include <asm/pgtable.h>
#include <linux/gfp.h>
#include <linux/highmem.h>
#include <linux/kernel.h>
#include <linux/ktest.h>
#include <linux/mm.h>
#include <linux/string.h>

#include "../internal.h"

static void report(const char *what, unsigned long pfn)
{
	pr_info("    # invariant: %s (%#lx)\n", what, pfn);
}

KTEST(page_alloc, invariants_hold)
{
	KTEST_EXPECT_EQ(test, check_page_alloc_invariants(report), 0);
	KTEST_EXPECT_TRUE(test, nr_free_pages() > 0);
}

struct free_snapshot {
	unsigned long nr_free[MAX_NR_ZONES][MAX_ORDER];
};

static void snapshot(struct free_snapshot *s)
{
	drain_all_pages(nullptr);
	for (int z = 0; z < MAX_NR_ZONES; z++)
		for (int o = 0; o < MAX_ORDER; o++)
			s->nr_free[z][o] = NODE_DATA(0)->node_zones[z].free_area[o].nr_free;
}

static bool same(const struct free_snapshot *a, const struct free_snapshot *b)
{
	return !memcmp(a, b, sizeof(*a));
}

// Allocated pages are chained through their lru field while the test holds them.
static struct list_head held;

static unsigned long alloc_until_failure(unsigned int order, gfp_t gfp)
{
	unsigned long n = 0;
	for (;;) {
		struct page *page = alloc_pages(gfp, order);
		if (!page)
			return n;
		page->index = order;
		list_add(&page->lru, &held);
		n++;
	}
}

static void free_held(void) { free_pages_list(&held); }

/*
 * Takes everything the allocator will give, largest blocks first; the last
 * failure (order 0) prints the allocation-failure report. Freeing it all
 * must give back the free lists exactly as they were.
 */
KTEST(page_alloc, exhaust_and_restore)
{
	struct free_snapshot before, after;
	INIT_LIST_HEAD(&held);
	snapshot(&before);
	unsigned long pages = 0, free_before = nr_free_pages();
	for (int order = MAX_ORDER - 1; order >= 0; order--)
		pages +=
		    alloc_until_failure(order, GFP_HIGHUSER | (order ? __GFP_NOWARN : (gfp_t)0))
		    << order;
	KTEST_EXPECT_TRUE(test, pages > 0);
	// What is left is what the watermarks and lowmem_reserve keep from a
	// GFP_HIGHUSER caller (a GFP_KERNEL one may still dig a little deeper).
	unsigned long kept = 0;
	struct zone *zone;
	for_each_populated_zone(zone)
		kept += min_wmark_pages(zone) + zone->lowmem_reserve[ZONE_HIGHMEM] + 1;
	drain_all_pages(nullptr);
	KTEST_EXPECT_EQ(test, pages + nr_free_pages(), free_before);
	KTEST_EXPECT_TRUE(test, nr_free_pages() <= kept);
	struct page *more = alloc_pages(GFP_HIGHUSER | __GFP_NOWARN, 0);
	KTEST_EXPECT_EQ(test, more, nullptr);
	if (more) // an earlier failure was injected (fail-nth), not real: give it back
		__free_page(more);
	free_held();
	snapshot(&after);
	KTEST_EXPECT_TRUE(test, same(&before, &after));
	KTEST_EXPECT_EQ(test, nr_free_pages(), free_before);
	KTEST_EXPECT_EQ(test, check_page_alloc_invariants(report), 0);
}

KTEST(page_alloc, gfp_picks_the_zone)
{
	if (!managed_zone(&NODE_DATA(0)->node_zones[ZONE_DMA])) // memmap=100M$0
		KTEST_SKIP(test, "ZONE_DMA has no memory to hand out (all of it is reserved)");
	struct page *dma = alloc_page(GFP_DMA), *normal = alloc_page(GFP_KERNEL);
	struct page *high = alloc_page(GFP_HIGHUSER);
	if (!(dma && normal && high)) { // give back what came, then stop
		struct page *got[] = {dma, normal, high};
		for (struct page *page : got)
			if (page)
				__free_page(page);
	}
	KTEST_ASSERT_TRUE(test, dma && normal && high);
	KTEST_EXPECT_EQ(test, page_zonenum(dma), ZONE_DMA);
	// a 16M machine has no Normal zone: GFP_KERNEL falls back to DMA
	enum zone_type want =
	    populated_zone(&NODE_DATA(0)->node_zones[ZONE_NORMAL]) ? ZONE_NORMAL : ZONE_DMA;
	KTEST_EXPECT_EQ(test, page_zonenum(normal), want);
	if (populated_zone(&NODE_DATA(0)->node_zones[ZONE_HIGHMEM]))
		KTEST_EXPECT_EQ(test, page_zonenum(high), ZONE_HIGHMEM);
	KTEST_EXPECT_TRUE(test, page_to_pfn(dma) < (16UL << 20) >> PAGE_SHIFT);
	__free_page(dma);
	__free_page(normal);
	__free_page(high);
}

// A highmem page has no address of its own (unless an old kmap still holds
// a pkmap slot for it, which lasts until the ring wraps, as in Linux);
// kmap_local gives it one for a while.
KTEST(page_alloc, highmem_through_kmap_local)
{
	if (!populated_zone(&NODE_DATA(0)->node_zones[ZONE_HIGHMEM]))
		KTEST_SKIP(test, "no HighMem zone at this memory size");
	struct page *page = alloc_page(GFP_HIGHUSER | __GFP_ZERO);
	KTEST_ASSERT_NOT_NULL(test, page);
	KTEST_EXPECT_TRUE(test, PageHighMem(page));
	unsigned long direct = (unsigned long)page_address(page);
	KTEST_EXPECT_TRUE(test, !direct || (direct >= PKMAP_BASE && direct < FIXADDR_START));
	u32 *a = (u32 *)kmap_local_page(page);
	KTEST_EXPECT_TRUE(test, (unsigned long)a >= FIXADDR_START);
	KTEST_EXPECT_EQ(test, a[0] | a[1023], 0); // __GFP_ZERO cleared it through a mapping
	a[7] = 0xfeedf00d;
	kunmap_local(a);
	u32 *b = (u32 *)kmap_local_page(page); // mapped again: the data is in the page
	KTEST_EXPECT_EQ(test, b[7], 0xfeedf00d);
	kunmap_local(b);
	KTEST_EXPECT_EQ(test, kmap_local_depth(), 0);
	__free_page(page);
}

// The flags that allocate from the pcp list of migratetype mt, if any does.
static bool gfp_for_migratetype(int mt, gfp_t *gfp)
{
	static const gfp_t mobility[] = {(gfp_t)0, __GFP_MOVABLE, __GFP_RECLAIMABLE};
	for (gfp_t m : mobility)
		if (gfp_migratetype(GFP_KERNEL | m) == mt) {
			*gfp = GFP_KERNEL | m;
			return true;
		}
	return false;
}

/*
 * The pcp lists are LIFO: a page just freed goes to the head (the hot end)
 * of its pageblock's list, and the next allocation of that migratetype
 * takes it back (Linux: free_unref_page, rmqueue_pcplist). With grouping by
 * mobility off (below 20M, or mobility_grouping=off) every allocation asks
 * for MIGRATE_UNMOVABLE, so a page from a block still typed MOVABLE waits
 * on a list nothing allocates from until the next drain, as in Linux.
 */
KTEST(page_alloc, pcp_reuses_hot_pages)
{
	drain_all_pages(nullptr); // nearly empty lists: this free cannot spill a batch
	struct page *p = alloc_page(GFP_KERNEL);
	KTEST_ASSERT_NOT_NULL(test, p);
	int mt = get_pageblock_migratetype(p);
	__free_page(p);
	if (mt >= MIGRATE_PCPTYPES)
		KTEST_SKIP(test, "the page's block is isolated or highatomic: no pcp list");
	struct list_head *list = &this_cpu_ptr(page_zone(p)->per_cpu_pageset)->lists[mt];
	KTEST_EXPECT_TRUE(test, !list_empty(list) && list_first_entry(list, struct page, lru) == p);
	gfp_t gfp;
	if (!gfp_for_migratetype(mt, &gfp)) {
		pr_info("    # grouping by mobility is off: the page waits on the %s list\n",
			migratetype_names[mt]);
		return;
	}
	struct page *q = alloc_page(gfp);
	KTEST_EXPECT_TRUE(test, p == q);
	if (q)
		__free_page(q);
}

KTEST(page_alloc, split_and_merge_round_trip)
{
	struct free_snapshot before, after;
	snapshot(&before);
	struct page *p = alloc_pages(GFP_KERNEL, 3);
	KTEST_ASSERT_NOT_NULL(test, p);
	KTEST_EXPECT_TRUE(test, IS_ALIGNED(page_to_pfn(p), 8));
	memset(page_address(p), 0x5a, 8 * PAGE_SIZE);
	__free_pages(p, 3);
	snapshot(&after);
	KTEST_EXPECT_TRUE(test, same(&before, &after));
}

KTEST(page_alloc, compound_and_exact)
{
	struct page *p = alloc_pages(GFP_KERNEL | __GFP_COMP, 2);
	KTEST_ASSERT_NOT_NULL(test, p);
	KTEST_EXPECT_TRUE(test, PageHead(p));
	KTEST_EXPECT_EQ(test, compound_order(p), 2);
	KTEST_EXPECT_EQ(test, p[3].compound_head, (unsigned long)p + 1);
	__free_pages(p, 2);
	unsigned long before = nr_free_pages();
	void *x = alloc_pages_exact(3 * PAGE_SIZE, GFP_KERNEL);
	KTEST_ASSERT_NOT_NULL(test, x);
	drain_all_pages(nullptr);
	KTEST_EXPECT_EQ(test, before - nr_free_pages(), 3); // the 4th page went back
	free_pages_exact(x, 3 * PAGE_SIZE);
	drain_all_pages(nullptr);
	KTEST_EXPECT_EQ(test, nr_free_pages(), before);
}

// Bad frees are reported ("BUG: Bad page state") and the page is withheld.
KTEST(page_alloc, bad_page_reports)
{
	unsigned long bad_before = NODE_DATA(0)->node_zones[ZONE_NORMAL].bad_pages +
				   NODE_DATA(0)->node_zones[ZONE_DMA].bad_pages;
	struct page *p = alloc_page(GFP_KERNEL);
	KTEST_ASSERT_NOT_NULL(test, p);
	__free_page(p);
	__free_page(p); // double free
	struct page *r = alloc_page(GFP_KERNEL);
	KTEST_ASSERT_NOT_NULL(test, r);
	__SetPageReserved(r);
	__free_page(r); // a reserved page
	unsigned long bad_after = NODE_DATA(0)->node_zones[ZONE_NORMAL].bad_pages +
				  NODE_DATA(0)->node_zones[ZONE_DMA].bad_pages;
	KTEST_EXPECT_EQ(test, bad_after - bad_before, 2);
	// bad_page kept r out of circulation for good; the test spoiled it on
	// purpose, so it mends it and gives it back (the runner counts pages)
	__ClearPageReserved(r);
	set_page_refcounted(r);
	__free_page(r);
	KTEST_EXPECT_EQ(test, check_page_alloc_invariants(report), 0);
}
