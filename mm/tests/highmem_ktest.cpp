// kmap on the running kernel: every free highmem page is kmapped, written
// through its pkmap address, and read back through kmap_local.
#include <linux/highmem.h>
#include <linux/kernel.h>
#include <linux/ktest.h>
#include <linux/mm.h>
#include <linux/printk.h>
#include <linux/utsname.h>

#include <asm/pgtable.h>

#include "../internal.h"

static struct list_head held;

KTEST(highmem, kmap_every_highmem_page)
{
	if (!populated_zone(&NODE_DATA(0)->node_zones[ZONE_HIGHMEM]))
		KTEST_SKIP(test, "no HighMem zone at this memory size");
	INIT_LIST_HEAD(&held);
	unsigned long n = 0, bad = 0;
	for (;;) {
		struct page *page = alloc_page(GFP_HIGHUSER | __GFP_NOWARN);
		if (!page || !PageHighMem(page)) { // HighMem is empty: it fell back
			if (page)
				__free_page(page);
			break;
		}
		u32 *p = (u32 *)kmap(page);
		p[0] = (u32)page_to_pfn(page);
		p[1023] = ~(u32)page_to_pfn(page);
		kunmap(page);
		list_add(&page->lru, &held);
		n++;
	}
	struct page *page;
	list_for_each_entry(page, &held, lru) {
		u32 *p = (u32 *)kmap_local_page(page);
		bad += p[0] != (u32)page_to_pfn(page) || p[1023] != ~(u32)page_to_pfn(page);
		kunmap_local(p);
	}
	pr_info("    # kmapped %lu highmem pages (%lu MB)\n", n, n >> 8);
	KTEST_EXPECT_TRUE(test, n > 0);
	KTEST_EXPECT_EQ(test, bad, 0);
	KTEST_EXPECT_EQ(test, nr_pkmaps_in_use(), 0);
	free_pages_list(&held);
}

KTEST(highmem, kmap_is_shared_and_page_address_finds_it)
{
	if (!populated_zone(&NODE_DATA(0)->node_zones[ZONE_HIGHMEM]))
		KTEST_SKIP(test, "no HighMem zone at this memory size");
	struct page *page = alloc_page(GFP_HIGHUSER | __GFP_ZERO);
	KTEST_ASSERT_NOT_NULL(test, page);
	void *a = kmap(page), *b = kmap(page);
	KTEST_EXPECT_TRUE(test, a == b && page_address(page) == a);
	KTEST_EXPECT_TRUE(test, (unsigned long)a >= PKMAP_BASE);
	KTEST_EXPECT_EQ(test, nr_pkmaps_in_use(), 1);
	kunmap(page);
	kunmap(page);
	KTEST_EXPECT_EQ(test, nr_pkmaps_in_use(), 0);
	__free_page(page);
}

// kmap_local nests like a stack of fixmap slots; unmapping out of order is
// reported and changes nothing.
KTEST(highmem, kmap_local_nests_and_catches_out_of_order_unmaps)
{
	if (!populated_zone(&NODE_DATA(0)->node_zones[ZONE_HIGHMEM]))
		KTEST_SKIP(test, "no HighMem zone at this memory size");
	struct page *p[3];
	void *a[3];
	for (int i = 0; i < 3; i++) {
		p[i] = alloc_page(GFP_HIGHUSER);
		KTEST_ASSERT_NOT_NULL(test, p[i]); // (kmaps made so far are left)
		a[i] = kmap_local_page(p[i]);
	}
	KTEST_EXPECT_EQ(test, kmap_local_depth(), 3);
	KTEST_EXPECT_TRUE(test, a[0] != a[1] && a[1] != a[2]);
	unsigned long warns = warn_count;
	kunmap_local(a[1]); // not the latest
	KTEST_EXPECT_EQ(test, warn_count - warns, 1);
	KTEST_EXPECT_EQ(test, kmap_local_depth(), 3);
	for (int i = 2; i >= 0; i--) {
		kunmap_local(a[i]);
		__free_page(p[i]);
	}
	KTEST_EXPECT_EQ(test, kmap_local_depth(), 0);
	KTEST_EXPECT_EQ(test, warn_count - warns, 1);
}
