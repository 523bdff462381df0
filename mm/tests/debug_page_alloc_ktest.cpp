// debug_pagealloc: a freed lowmem page is out of the direct map until it is
// handed out again (boot with debug_pagealloc=on; most tests skip otherwise).
#include <asm/init.h>
#include <linux/debug_pagealloc.h>
#include <linux/gfp.h>
#include <linux/kernel.h>
#include <linux/ktest.h>
#include <linux/memblock.h>
#include <linux/mm.h>
#include <linux/shell.h>
#include <linux/slab.h>
#include <linux/sprintf.h>
#include <linux/string.h>
#include <linux/uaccess.h>

#include "../internal.h"

static bool readable(const void *addr)
{
	u8 v;
	return copy_from_kernel_nofault(&v, addr, 1) == 0;
}

KTEST(debug_pagealloc, direct_map_has_no_large_pages)
{
	if (!debug_pagealloc_enabled_static())
		KTEST_SKIP(test, "debug_pagealloc is off");
	KTEST_EXPECT_FALSE(test, direct_map_uses_pse);
}

KTEST(debug_pagealloc, off_leaves_freed_pages_mapped)
{
	if (debug_pagealloc_enabled_static())
		KTEST_SKIP(test, "debug_pagealloc is on");
	struct page *page = alloc_page(GFP_KERNEL);
	KTEST_ASSERT_NOT_NULL(test, page);
	void *addr = page_address(page);
	__free_page(page);
	KTEST_EXPECT_TRUE(test, kernel_page_present(page));
	KTEST_EXPECT_TRUE(test, readable(addr));
}

KTEST(debug_pagealloc, freed_page_is_unmapped_and_mapped_again)
{
	if (!debug_pagealloc_enabled_static())
		KTEST_SKIP(test, "debug_pagealloc is off");
	struct page *page = alloc_page(GFP_KERNEL);
	KTEST_ASSERT_NOT_NULL(test, page);
	u32 *addr = (u32 *)page_address(page);
	KTEST_EXPECT_TRUE(test, kernel_page_present(page));
	*addr = 0x12345678;
	__free_page(page); // to the pcp list: free_pages_prepare has run
	KTEST_EXPECT_FALSE(test, kernel_page_present(page));
	KTEST_EXPECT_FALSE(test, readable(addr));
	KTEST_EXPECT_TRUE(test, !strncmp(debug_pagealloc_page_state(page), "free", 4));
	struct page *again = alloc_page(GFP_KERNEL); // the pcp list's hot end
	KTEST_ASSERT_NOT_NULL(test, again);
	KTEST_EXPECT_TRUE(test, kernel_page_present(again));
	KTEST_EXPECT_TRUE(test, readable(page_address(again)));
	__free_page(again);
}

KTEST(debug_pagealloc, blocks_and_zeroing)
{
	if (!debug_pagealloc_enabled_static())
		KTEST_SKIP(test, "debug_pagealloc is off");
	struct page *page = alloc_pages(GFP_KERNEL | __GFP_ZERO, 3);
	KTEST_ASSERT_NOT_NULL(test, page);
	const u8 *p = (const u8 *)page_address(page);
	bool zero = true;
	for (unsigned long i = 0; i < 8 * PAGE_SIZE; i++)
		zero = zero && !p[i];
	KTEST_EXPECT_TRUE(test, zero);
	for (int i = 0; i < 8; i++)
		KTEST_EXPECT_TRUE(test, kernel_page_present(page + i));
	__free_pages(page, 3);
	for (int i = 0; i < 8; i++)
		KTEST_EXPECT_FALSE(test, kernel_page_present(page + i));
}

// Every free lowmem page, on the buddy lists or the pcp lists, is unmapped:
// the ones memblock_free_all() gave at boot too.
KTEST(debug_pagealloc, every_free_page_is_unmapped)
{
	if (!debug_pagealloc_enabled_static())
		KTEST_SKIP(test, "debug_pagealloc is off");
	unsigned long free = 0, mapped = 0;
	struct zone *zone;
	for_each_populated_zone(zone) {
		if (is_highmem(zone))
			continue;
		for (int order = 0; order < MAX_ORDER; order++)
			for (int mt = 0; mt < MIGRATE_TYPES; mt++) {
				struct page *p;
				list_for_each_entry(p, &zone->free_area[order].free_list[mt], lru) {
					for (unsigned long i = 0; i < (1UL << order); i++) {
						free++;
						mapped += kernel_page_present(p + i);
					}
				}
			}
		for (int mt = 0; mt < MIGRATE_PCPTYPES; mt++) {
			struct page *p;
			list_for_each_entry(p, &this_cpu_ptr(zone->per_cpu_pageset)->lists[mt],
					    lru) {
				free++;
				mapped += kernel_page_present(p);
			}
		}
	}
	KTEST_EXPECT_TRUE(test, free > 1000);
	KTEST_EXPECT_EQ(test, mapped, 0);
}

// A kmalloc too big for the caches is pages of its own: freed, they go.
KTEST(debug_pagealloc, large_kmalloc_freed_is_unmapped)
{
	if (!debug_pagealloc_enabled_static())
		KTEST_SKIP(test, "debug_pagealloc is off");
	size_t size = KMALLOC_MAX_CACHE_SIZE + 1;
	void *big = kmalloc(size, GFP_KERNEL);
	KTEST_ASSERT_NOT_NULL(test, big);
	struct page *page = virt_to_page(big);
	KTEST_EXPECT_TRUE(test, kernel_page_present(page));
	memset(big, 0x5a, size);
	kfree(big);
	KTEST_EXPECT_FALSE(test, kernel_page_present(page));
}

/*
 * The bug debug_pagealloc is for: a page freed, then written through its
 * old address. The shell's `page` shows the state first; the write oopses
 * with the hint. Only by name: ktest=debug_pagealloc.use_after_free.
 */
KTEST_FLAGS(debug_pagealloc, use_after_free, KTEST_EXPLICIT)
{
	struct page *page = alloc_page(GFP_KERNEL);
	KTEST_ASSERT_NOT_NULL(test, page);
	volatile u32 *addr = (volatile u32 *)page_address(page);
	*addr = 1;
	__free_page(page);
	char line[SHELL_LINE];
	scnprintf(line, sizeof(line), "page %#lx", page_to_pfn(page));
	pr_info("debug_pagealloc: freed pfn %#lx; writing to %p\n", page_to_pfn(page), addr);
	shell_run_line(line);
	*addr = 2;
	KTEST_EXPECT_TRUE(test, !debug_pagealloc_enabled_static()); // reached only when off
}
