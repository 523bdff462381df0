/*
 * DOC: views of the page allocator in Linux's /proc formats (Linux:
 * mm/vmstat.c, fs/proc/meminfo.c), and the invariant checker tests use.
 *
 * Each view prints through printk: the shell, the ktests and the docs show
 * the same text a student would read in /proc on Linux.
 */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/sprintf.h>
#include <linux/vmstat.h>

#include "internal.h"

#define K(x) ((x) << (PAGE_SHIFT - 10))

// /proc/buddyinfo: "Node 0, zone   Normal      1      4 ..." (free blocks per order).
void show_buddyinfo(void)
{
	struct zone *zone;
	for_each_populated_zone(zone)
	{
		char line[160];
		int len = scnprintf(line, sizeof(line), "Node 0, zone %8s ", zone->name);
		for (int order = 0; order < MAX_ORDER; order++)
			len += scnprintf(line + len, sizeof(line) - len, "%6lu ",
					 zone->free_area[order].nr_free);
		pr_info("%s\n", line);
	}
}

// /proc/pagetypeinfo: free blocks per order and migratetype, pageblocks per type.
void show_pagetypeinfo(void)
{
	struct zone *zone;
	char line[200];
	pr_info("Page block order: %d\n", pageblock_order);
	pr_info("Pages per block:  %lu\n\n", pageblock_nr_pages);
	int len =
	    scnprintf(line, sizeof(line), "%-43s ", "Free pages count per migrate type at order");
	for (int order = 0; order < MAX_ORDER; order++)
		len += scnprintf(line + len, sizeof(line) - len, "%6d ", order);
	pr_info("%s\n", line);
	for_each_populated_zone(zone)
	{
		for (int mt = 0; mt < MIGRATE_TYPES; mt++) {
			len = scnprintf(line, sizeof(line), "Node %4d, zone %8s, type %12s ", 0,
					zone->name, migratetype_names[mt]);
			for (int order = 0; order < MAX_ORDER; order++) {
				unsigned long n =
				    list_count_nodes(&zone->free_area[order].free_list[mt]);
				len += scnprintf(line + len, sizeof(line) - len, "%6lu ", n);
			}
			pr_info("%s\n", line);
		}
	}
	len = scnprintf(line, sizeof(line), "\n%-23s", "Number of blocks type ");
	for (int mt = 0; mt < MIGRATE_TYPES; mt++)
		len += scnprintf(line + len, sizeof(line) - len, "%12s ", migratetype_names[mt]);
	pr_info("%s\n", line);
	for_each_populated_zone(zone)
	{
		unsigned long count[MIGRATE_TYPES] = {};
		for (unsigned long pfn = ALIGN(zone->zone_start_pfn, pageblock_nr_pages);
		     pfn < zone_end_pfn(zone); pfn += pageblock_nr_pages)
			count[get_pageblock_migratetype(pfn_to_page(pfn))]++;
		len = scnprintf(line, sizeof(line), "Node %d, zone %8s ", 0, zone->name);
		for (int mt = 0; mt < MIGRATE_TYPES; mt++)
			len += scnprintf(line + len, sizeof(line) - len, "%12lu ", count[mt]);
		pr_info("%s\n", line);
	}
}

// /proc/zoneinfo: watermarks, sizes, protection, counters and the pcp block.
void show_zoneinfo(void)
{
	struct zone *zone;
	for_each_zone(zone)
	{
		pr_info("Node 0, zone %8s\n", zone->name);
		pr_info("  pages free     %lu\n", zone_page_state(zone, NR_FREE_PAGES));
		pr_info("        boost    %lu\n        min      %lu\n        low      %lu\n        "
			"high     %lu\n",
			zone->watermark_boost, min_wmark_pages(zone), low_wmark_pages(zone),
			high_wmark_pages(zone));
		pr_info("        spanned  %lu\n        present  %lu\n        managed  %lu\n        "
			"cma      0\n",
			zone->spanned_pages, zone->present_pages, zone->managed_pages);
		pr_info("        protection: (%ld, %ld, %ld, %ld)\n", zone->lowmem_reserve[0],
			zone->lowmem_reserve[1], zone->lowmem_reserve[2], zone->lowmem_reserve[3]);
		if (!populated_zone(zone))
			continue;
		pr_info("      %-12s %lu\n", "nr_free_pages", zone_page_state(zone, NR_FREE_PAGES));
		const struct per_cpu_pages *pcp = &zone->per_cpu_pageset[0];
		pr_info("  pagesets\n    cpu: 0\n              count: %d\n              high:  "
			"%d\n              batch: %d\n",
			pcp->count, pcp->high, pcp->batch);
		pr_info("  node_unreclaimable:  0\n  start_pfn:           %lu\n",
			zone->zone_start_pfn);
	}
}

// The /proc/meminfo lines this kernel can fill (16-character labels, "%8lu kB").
void show_meminfo(void)
{
	unsigned long total = 0, free = 0, high_total = 0, high_free = 0;
	struct zone *zone;
	for_each_zone(zone)
	{
		total += zone->managed_pages;
		free += zone_page_state(zone, NR_FREE_PAGES);
		if (is_highmem(zone)) {
			high_total += zone->managed_pages;
			high_free += zone_page_state(zone, NR_FREE_PAGES);
		}
	}
	pr_info("MemTotal:       %8lu kB\n", K(total));
	pr_info("MemFree:        %8lu kB\n", K(free));
	pr_info("HighTotal:      %8lu kB\n", K(high_total));
	pr_info("HighFree:       %8lu kB\n", K(high_free));
	pr_info("LowTotal:       %8lu kB\n", K(total - high_total));
	pr_info("LowFree:        %8lu kB\n", K(free - high_free));
}

// Counts a zone's free pages on the buddy lists, checking every block.
static long check_buddy_lists(struct zone *zone,
			      void (*report)(const char *what, unsigned long pfn))
{
	long pages = 0;
	for (int order = 0; order < MAX_ORDER; order++) {
		unsigned long blocks = 0;
		for (int mt = 0; mt < MIGRATE_TYPES; mt++) {
			struct page *page;
			list_for_each_entry(page, &zone->free_area[order].free_list[mt], lru)
			{
				unsigned long pfn = page_to_pfn(page);
				blocks++;
				if (!PageBuddy(page) || page_private(page) != (unsigned long)order)
					report("free block without the buddy mark or order", pfn);
				if (!IS_ALIGNED(pfn, 1UL << order))
					report("free block not aligned to its order", pfn);
				if (pfn < zone->zone_start_pfn ||
				    pfn + (1UL << order) > zone_end_pfn(zone))
					report("free block outside its zone", pfn);
				if (page_ref_count(page) != 0)
					report("free block with a reference", pfn);
				pages += 1L << order;
			}
		}
		if (blocks != zone->free_area[order].nr_free)
			report("nr_free differs from the lists", order);
	}
	return pages;
}

/*
 * Every page of every zone is in exactly one place: the buddy lists (as part
 * of a free block), a pcp list, or handed out. Returns the number of
 * violations (each reported through report) -- 0 is a healthy allocator.
 */
int check_page_alloc_invariants(void (*report)(const char *what, unsigned long pfn))
{
	static int errors;
	static void (*sink)(const char *, unsigned long);
	errors = 0;
	sink = report;
	auto count = [](const char *what, unsigned long pfn) {
		errors++;
		if (sink)
			sink(what, pfn);
	};
	struct zone *zone;
	for_each_populated_zone(zone)
	{
		long buddy = check_buddy_lists(zone, count);
		if (buddy != (long)zone_page_state(zone, NR_FREE_PAGES))
			count("NR_FREE_PAGES differs from the buddy lists", (unsigned long)buddy);
		const struct per_cpu_pages *pcp = &zone->per_cpu_pageset[0];
		long on_pcp = 0;
		for (int mt = 0; mt < MIGRATE_PCPTYPES; mt++) {
			const struct page *page;
			list_for_each_entry(page, &pcp->lists[mt], lru)
			{
				on_pcp++;
				if (PageBuddy(page) || page_ref_count(page) ||
				    page_zone(page) != zone)
					count("bad page on a pcp list", page_to_pfn(page));
			}
		}
		if (on_pcp != pcp->count)
			count("pcp count differs from its lists", (unsigned long)on_pcp);
		if (buddy + on_pcp > (long)zone->managed_pages)
			count("more free pages than managed", (unsigned long)(buddy + on_pcp));
	}
	return errors;
}
