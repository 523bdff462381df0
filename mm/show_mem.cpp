/*
 * DOC: the "Mem-Info:" dump (Linux 6.1: show_free_areas in mm/page_alloc.c,
 * show_mem in lib/show_mem.c; mm/show_mem.c from 6.4)
 *
 * warn_alloc prints it after a failed allocation: the global counters, each
 * zone's watermarks and sizes, each zone's free blocks per order with the
 * migratetypes that hold them ("Normal: 1*4kB (E) 4*8kB (UME) ... =
 * 86852kB"), then the page totals.
 *
 * Differs from Linux: one node, no filter or nodemask arguments; counters
 * for what this kernel does not have (active LRUs, dirty and writeback
 * pages, swap, CMA, hugetlb pages) are printed as 0, so the lines keep
 * Linux's shape.
 */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/pagemap.h>
#include <linux/pgtable.h>
#include <linux/sched.h>
#include <linux/sched/task.h>
#include <linux/slab.h>
#include <linux/sprintf.h>
#include <linux/vmstat.h>

#include "internal.h"

#define K(x) ((x) << (PAGE_SHIFT - 10))

static unsigned long zone_pcp_pages(const struct zone *z)
{
	unsigned long pages = 0;
	unsigned int cpu;
	for_each_possible_cpu(cpu)
		pages += (unsigned long)per_cpu_ptr(z->per_cpu_pageset, cpu)->count;
	return pages;
}

// One zone's buddy lists: "Normal: 1*4kB (E) 4*8kB (UME) ... = 86852kB".
static void show_buddy_line(struct zone *zone)
{
	static const char letters[MIGRATE_TYPES] = {'U', 'M', 'E', 'H', 'I'};
	char line[512];
	int len = scnprintf(line, sizeof(line), "%s: ", zone->name);
	unsigned long total = 0;
	for (int order = 0; order < MAX_ORDER; order++) {
		const struct free_area *area = &zone->free_area[order];
		len += scnprintf(line + len, sizeof(line) - len, "%lu*%lukB ", area->nr_free,
				 K(1UL << order));
		total += area->nr_free << order;
		if (!area->nr_free)
			continue;
		char types[MIGRATE_TYPES + 1];
		int n = 0;
		for (int t = 0; t < MIGRATE_TYPES; t++)
			if (!list_empty(&area->free_list[t]))
				types[n++] = letters[t];
		types[n] = '\0';
		len += scnprintf(line + len, sizeof(line) - len, "(%s) ", types);
	}
	pr_info("%s= %lukB\n", line, K(total));
}

// One zone's line; its LRU split is meminfo's, counted over the zone's pages.
static void show_zone(struct zone *zone)
{
	struct mapped_pages m = count_mapped_pages(zone);
	pr_info("%s free:%lukB boost:%lukB min:%lukB low:%lukB high:%lukB "
		"reserved_highatomic:%luKB active_anon:0kB inactive_anon:%lukB active_file:0kB "
		"inactive_file:0kB unevictable:%lukB writepending:0kB present:%lukB managed:%lukB "
		"mlocked:0kB bounce:0kB free_pcp:%lukB local_pcp:%lukB free_cma:0kB\n",
		zone->name, K(zone_page_state(zone, NR_FREE_PAGES)), K(zone->watermark_boost),
		K(min_wmark_pages(zone)), K(low_wmark_pages(zone)), K(high_wmark_pages(zone)),
		K(zone->nr_reserved_highatomic), K(m.anon + m.shmem), K(m.cache - m.shmem),
		K(zone->present_pages), K(zone->managed_pages), K(zone_pcp_pages(zone)),
		K((unsigned long)this_cpu_ptr(zone->per_cpu_pageset)->count));
	char line[128];
	int len = scnprintf(line, sizeof(line), "lowmem_reserve[]:");
	for (int i = 0; i < MAX_NR_ZONES; i++)
		len += scnprintf(line + len, sizeof(line) - len, " %ld", zone->lowmem_reserve[i]);
	pr_info("%s\n", line);
}

// Linux: show_free_areas (filter 0, every node). The LRU split is
// meminfo's (no reclaim: anon and shmem inactive, ramfs unevictable).
void show_free_areas(void)
{
	unsigned long free = 0, free_pcp = 0;
	struct zone *zone;
	for_each_populated_zone(zone) {
		free += zone_page_state(zone, NR_FREE_PAGES);
		free_pcp += zone_pcp_pages(zone);
	}
	struct mapped_pages m = count_mapped_pages();
	pr_info("active_anon:0 inactive_anon:%lu isolated_anon:0\n active_file:0 inactive_file:0 "
		"isolated_file:0\n unevictable:%lu dirty:0 writeback:0\n slab_reclaimable:0 "
		"slab_unreclaimable:%lu\n mapped:%lu shmem:%lu pagetables:%lu\n sec_pagetables:0 "
		"bounce:0\n kernel_misc_reclaimable:0\n free:%lu free_pcp:%lu free_cma:0\n",
		m.anon + m.shmem, nr_pagecache_nodes() - m.shmem, slab_pages_total(), m.file,
		m.shmem, nr_pagetable_pages, free, free_pcp);
	// all_unreclaimable is Linux's kswapd having given up; there is no kswapd
	pr_info("Node 0 active_anon:0kB inactive_anon:%lukB active_file:0kB inactive_file:0kB "
		"unevictable:%lukB isolated(anon):0kB isolated(file):0kB mapped:%lukB dirty:0kB "
		"writeback:0kB shmem:%lukB shmem_thp: 0kB shmem_pmdmapped: 0kB anon_thp: 0kB "
		"writeback_tmp:0kB kernel_stack:%lukB pagetables:%lukB sec_pagetables:0kB "
		"all_unreclaimable? no\n",
		K(m.anon + m.shmem), K(m.cache - m.shmem), K(m.file), K(m.shmem),
		(unsigned long)nr_processes() * (THREAD_SIZE / 1024), K(nr_pagetable_pages));
	for_each_populated_zone(zone)
		show_zone(zone);
	for_each_populated_zone(zone)
		show_buddy_line(zone);
	// Linux: hugetlb_show_meminfo_node; no hugetlbfs here, so none of 4 MiB
	pr_info("Node 0 hugepages_total=0 hugepages_free=0 hugepages_surp=0 "
		"hugepages_size=%lukB\n",
		K(1UL << (PMD_SHIFT - PAGE_SHIFT)));
	pr_info("%lu total pagecache pages\n0 pages in swap cache\nFree swap  = 0kB\nTotal swap = "
		"0kB\n",
		m.cache);
}

/*
 * Linux: show_mem (lib/show_mem.c). "Mem-Info:", show_free_areas(), then
 * the pages of RAM, of HighMem and reserved. Reads the counters without a
 * lock: a snapshot. Context: any, interrupts on or off; it does not sleep.
 */
void show_mem(void)
{
	unsigned long ram = 0, high = 0, reserved = 0;
	struct zone *zone;
	for_each_populated_zone(zone) {
		ram += zone->present_pages;
		reserved += zone->present_pages - zone->managed_pages;
		if (is_highmem(zone))
			high += zone->present_pages;
	}
	pr_info("Mem-Info:\n");
	show_free_areas();
	// no memory-failure handling, so no page is ever poisoned
	pr_info("%lu pages RAM\n%lu pages HighMem/MovableOnly\n%lu pages reserved\n0 pages "
		"hwpoisoned\n",
		ram, high, reserved);
}
