// vmalloc on the running kernel: areas from one page to 64 MiB, their
// contents checked through the vmalloc address and through a kmap of each
// page; every page goes back on vfree.
#include <linux/highmem.h>
#include <linux/ktest.h>
#include <linux/mm.h>
#include <linux/printk.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>

#include "../slab.h"

// Writes word i = i ^ salt through the vmalloc mapping, reads it back page
// by page through kmap_local: the two views are the same memory.
static bool fill_and_check(u32 *v, unsigned long size, u32 salt)
{
	unsigned long words = size / sizeof(u32);
	for (unsigned long i = 0; i < words; i++)
		v[i] = (u32)i ^ salt;
	for (unsigned long off = 0; off < size; off += PAGE_SIZE) {
		u32 *k = (u32 *)kmap_local_page(vmalloc_to_page((u8 *)v + off));
		bool ok =
		    k[0] == ((u32)(off / 4) ^ salt) && k[1023] == ((u32)(off / 4 + 1023) ^ salt);
		kunmap_local(k);
		if (!ok)
			return false;
	}
	return true;
}

// Pages an allocation that may use every zone can take before it meets the
// high watermarks (and lowmem_reserve, which keeps lowmem from it).
static unsigned long pages_above_watermarks(void)
{
	unsigned long pages = 0;
	struct zone *zone;
	drain_all_pages(nullptr);
	for_each_populated_zone(zone) {
		unsigned long keep = high_wmark_pages(zone) + zone->lowmem_reserve[ZONE_HIGHMEM];
		unsigned long free = zone_page_state(zone, NR_FREE_PAGES);
		pages += free > keep ? free - keep : 0;
	}
	return pages;
}

// The largest size of the series 4K, 16K, ... 64M that leaves a quarter of
// what is above the watermarks (page tables, the page array) and fits the
// largest free vmalloc gap with its guard page; 0 if not even one page does.
// mem=, vmalloc= and min_free_kbytes= all shrink it.
static unsigned long largest_vmalloc_to_try(void)
{
	unsigned long room = pages_above_watermarks() / 4 * 3;
	unsigned long gap = vmap_largest_free() >> PAGE_SHIFT;
	for (unsigned long size = 64UL << 20; size >= PAGE_SIZE; size >>= 2) {
		unsigned long pages = size >> PAGE_SHIFT;
		if (pages <= room && pages + 1 <= gap)
			return size;
	}
	return 0;
}

KTEST(vmalloc, sizes_up_to_64M)
{
	unsigned long max = largest_vmalloc_to_try();
	if (!max)
		KTEST_SKIP(test, "no room for one page: the vmalloc range or RAM above the "
				 "watermarks (vmalloc=, mem=, min_free_kbytes=)");
	pr_info("    # sizes up to %lu kB\n", max >> 10);
	vfree(vmalloc(max)); // the pte tables this needs are made now, and kept
	// The shell may hold vmalloc areas of its own: compare with the start.
	unsigned long baseline = settled_free_pages(), vm_pages = vmalloc_nr_pages();
	int free_areas = vmap_check();
	bool highmem = populated_zone(&NODE_DATA(0)->node_zones[ZONE_HIGHMEM]);
	for (unsigned long size = PAGE_SIZE; size <= max; size <<= 2) {
		u32 *v = (u32 *)vmalloc(size);
		KTEST_EXPECT_TRUE(test, v && is_vmalloc_addr(v));
		if (!v)
			continue;
		pr_info("    # vmalloc(%lu kB) at %p\n", size >> 10, v);
		if (highmem)
			KTEST_EXPECT_TRUE(test, PageHighMem(vmalloc_to_page(v)));
		KTEST_EXPECT_TRUE(test, fill_and_check(v, size, (u32)size));
		KTEST_EXPECT_EQ(test, find_vm_area(v)->nr_pages, size / PAGE_SIZE);
		vfree(v);
	}
	KTEST_EXPECT_EQ(test, settled_free_pages(), baseline);
	KTEST_EXPECT_EQ(test, vmalloc_nr_pages(), vm_pages);
	KTEST_EXPECT_EQ(test, vmap_check(), free_areas);
}

KTEST(vmalloc, vzalloc_is_zero_and_info_lists_it)
{
	if (vmap_largest_free() < 5 * PAGE_SIZE) // 4 pages and the guard
		KTEST_SKIP(test, "no room for 4 pages in the vmalloc range (vmalloc=)");
	unsigned long vm_pages = vmalloc_nr_pages();
	u8 *z = (u8 *)vzalloc(3 * PAGE_SIZE + 1);
	KTEST_ASSERT_NOT_NULL(test, z);
	unsigned long nonzero = 0;
	for (unsigned long i = 0; i < 4 * PAGE_SIZE; i++)
		nonzero += z[i] != 0;
	KTEST_EXPECT_EQ(test, nonzero, 0);
	show_view(vmallocinfo_show);
	show_view(meminfo_show);
	KTEST_EXPECT_EQ(test, vmalloc_nr_pages() - vm_pages, 4);
	vfree(z);
}

KTEST(vmalloc, too_big_fails_cleanly)
{
	unsigned long baseline = settled_free_pages();
	int free_areas = vmap_check();
	KTEST_EXPECT_EQ(test, vmalloc(vmalloc_total_bytes()), nullptr); // no room for the guard
	KTEST_EXPECT_EQ(test, vmalloc((totalram_pages_count + 1) << PAGE_SHIFT), nullptr);
	KTEST_EXPECT_EQ(test, settled_free_pages(), baseline);
	KTEST_EXPECT_EQ(test, vmap_check(), free_areas);
}
