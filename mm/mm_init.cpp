/*
 * DOC: from memblock to the buddy allocator (Linux: mm/mm_init.c, parts of
 * mm/page_alloc.c and mm/memblock.c in 6.1)
 *
 *   zone_sizes_init (arch)  where DMA, Normal and HighMem end
 *   free_area_init          zone and node spans; mem_map, one struct page
 *                           per frame, from memblock; every page starts
 *                           reserved; pageblocks start MIGRATE_MOVABLE
 *   build_all_zonelists     the fallback order HighMem -> Normal -> DMA
 *   memblock_free_all       every free memblock range goes to the buddy
 *                           allocator in the largest aligned blocks
 *
 * Differs from Linux: highmem is freed here too, in blocks (Linux's x86-32
 * frees it page by page in set_highmem_pages_init); a free range is split at
 * zone boundaries so no buddy block straddles two zones.
 */
#include "internal.h"
#include <asm/pgtable.h>
#include <linux/gfp.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/memblock.h>
#include <linux/mm.h>
#include <linux/string.h>

static_assert(sizeof(void *) != 4 || sizeof(struct page) == 32,
	      "struct page must stay 32 bytes on i386");

struct pglist_data contig_page_data;
struct page *mem_map;
unsigned long max_mapnr;
unsigned long totalram_pages_count, totalhigh_pages_count;
const char *const zone_names[MAX_NR_ZONES] = {"DMA", "Normal", "HighMem", "Movable"};
bool page_group_by_mobility_disabled;
unsigned long vm_total_pages;

static unsigned long arch_zone_lowest_possible_pfn[MAX_NR_ZONES];
static unsigned long arch_zone_highest_possible_pfn[MAX_NR_ZONES];

// --- spans ---------------------------------------------------------------------------

// Pages of memblock.memory inside [start_pfn, end_pfn).
static unsigned long present_pages_in_range(unsigned long start_pfn, unsigned long end_pfn)
{
	unsigned long pages = 0;
	struct memblock_region *r;
	for_each_mem_region(r) {
		unsigned long s = clamp((unsigned long)PFN_UP(r->base), start_pfn, end_pfn);
		unsigned long e =
		    clamp((unsigned long)PFN_DOWN(r->base + r->size), start_pfn, end_pfn);
		pages += e - s;
	}
	return pages;
}

static void print_ranges(void)
{
	pr_info("Zone ranges:\n");
	for (int i = 0; i < MAX_NR_ZONES; i++) {
		if (i == ZONE_MOVABLE)
			continue;
		pr_info("  %-8s ", zone_names[i]);
		if (arch_zone_lowest_possible_pfn[i] == arch_zone_highest_possible_pfn[i])
			pr_cont("empty\n");
		else
			pr_cont("[mem %#018Lx-%#018Lx]\n",
				(u64)arch_zone_lowest_possible_pfn[i] << PAGE_SHIFT,
				((u64)arch_zone_highest_possible_pfn[i] << PAGE_SHIFT) - 1);
	}
	pr_info("Movable zone start for each node\n");
	pr_info("Early memory node ranges\n");
	struct memblock_region *r;
	for_each_mem_region(r)
		pr_info("  node %3d: [mem %#018Lx-%#018Lx]\n", r->nid,
			(u64)PFN_UP(r->base) << PAGE_SHIFT,
			((u64)PFN_DOWN(r->base + r->size) << PAGE_SHIFT) - 1);
}

// Zones from lowest to highest pfn, each starting where the one below ends.
static void compute_zone_limits(const unsigned long *max_zone_pfn)
{
	unsigned long start_pfn = PFN_DOWN(memblock_start_of_DRAM());
	for (int z = 0; z < MAX_NR_ZONES; z++) {
		if (z == ZONE_MOVABLE)
			continue;
		unsigned long end_pfn = max(max_zone_pfn[z], start_pfn);
		arch_zone_lowest_possible_pfn[z] = start_pfn;
		arch_zone_highest_possible_pfn[z] = end_pfn;
		start_pfn = end_pfn;
	}
}

static void calculate_node_totalpages(pg_data_t *pgdat, unsigned long node_start,
				      unsigned long node_end)
{
	pgdat->node_present_pages = 0;
	for (int z = 0; z < MAX_NR_ZONES; z++) {
		struct zone *zone = &pgdat->node_zones[z];
		unsigned long s = clamp(arch_zone_lowest_possible_pfn[z], node_start, node_end);
		unsigned long e = clamp(arch_zone_highest_possible_pfn[z], node_start, node_end);
		zone->zone_start_pfn = e > s ? s : 0; // an empty zone starts at 0, as in Linux
		zone->spanned_pages = e - s;
		zone->present_pages = present_pages_in_range(s, e);
		pgdat->node_present_pages += zone->present_pages;
	}
	pgdat->node_start_pfn = node_start;
	pgdat->node_spanned_pages = node_end - node_start;
}

// --- mem_map and the pageblock bitmaps ------------------------------------------------

static void alloc_node_mem_map(pg_data_t *pgdat)
{
	unsigned long start = ALIGN_DOWN(pgdat->node_start_pfn, MAX_ORDER_NR_PAGES);
	unsigned long end =
	    ALIGN(pgdat->node_start_pfn + pgdat->node_spanned_pages, MAX_ORDER_NR_PAGES);
	void *map = memblock_alloc_try_nid_raw((end - start) * sizeof(struct page), 64,
					       MEMBLOCK_LOW_LIMIT, MEMBLOCK_ALLOC_ACCESSIBLE, 0);
	if (!map)
		panic("Failed to allocate %lu bytes for node 0 memory map\n",
		      (end - start) * (unsigned long)sizeof(struct page));
	pgdat->node_mem_map = (struct page *)map + (pgdat->node_start_pfn - start);
	mem_map = (struct page *)map - start;
	// FLATMEM's pfn_valid(): below the node's end (Linux: max_mapnr = highend_pfn);
	// the struct pages past it, up to the aligned end, are never used.
	max_mapnr = pgdat->node_start_pfn + pgdat->node_spanned_pages;
}

// Linux: usemap_size: NR_PAGEBLOCK_BITS bits per pageblock, in longs.
static unsigned long usemap_size(unsigned long zone_start_pfn, unsigned long zonesize)
{
	zonesize += zone_start_pfn & (pageblock_nr_pages - 1);
	unsigned long bits = ALIGN(zonesize, pageblock_nr_pages) >> pageblock_order;
	bits = ALIGN(bits * NR_PAGEBLOCK_BITS, 8 * sizeof(unsigned long));
	return bits / 8;
}

static void setup_usemap(struct zone *zone)
{
	unsigned long size = usemap_size(zone->zone_start_pfn, zone->spanned_pages);
	zone->pageblock_flags = nullptr;
	if (size) {
		zone->pageblock_flags = (unsigned long *)memblock_alloc_try_nid(
		    size, 64, MEMBLOCK_LOW_LIMIT, MEMBLOCK_ALLOC_ACCESSIBLE, 0);
		if (!zone->pageblock_flags)
			panic("Failed to allocate %lu bytes for zone %s pageblock flags\n", size,
			      zone->name);
	}
}

// How many pages mem_map takes for a zone (Linux: calc_memmap_size).
static unsigned long calc_memmap_size(unsigned long spanned)
{
	return PFN_UP(spanned * sizeof(struct page));
}

static void zone_init_free_lists(struct zone *zone)
{
	for (int order = 0; order < MAX_ORDER; order++) {
		for (int t = 0; t < MIGRATE_TYPES; t++)
			INIT_LIST_HEAD(&zone->free_area[order].free_list[t]);
		zone->free_area[order].nr_free = 0;
	}
	unsigned int cpu;
	for_each_possible_cpu(cpu) {
		struct per_cpu_pages *pcp = per_cpu_ptr(zone->per_cpu_pageset, cpu);
		for (int t = 0; t < MIGRATE_PCPTYPES; t++)
			INIT_LIST_HEAD(&pcp->lists[t]);
		spin_lock_init(&pcp->lock);
		pcp->count = 0;
		pcp->high = 0;	// Linux's boot pageset: every freed page goes straight on,
		pcp->batch = 1; // until init_per_zone_wmark_min() sizes the lists
	}
}

/*
 * Linux: free_area_init_core. managed_pages starts as an estimate (present
 * pages less mem_map's share for lowmem zones), which the watermarks and
 * "Total pages" use until memblock_free_all counts the real pages.
 */
static void free_area_init_core(pg_data_t *pgdat)
{
	for (int z = 0; z < MAX_NR_ZONES; z++) {
		struct zone *zone = &pgdat->node_zones[z];
		unsigned long freesize = zone->present_pages,
			      memmap = calc_memmap_size(zone->spanned_pages);
		if (!is_highmem_idx(z) && freesize >= memmap)
			freesize -= memmap;
		zone->managed_pages = freesize;
		zone->name = zone_names[z];
		zone->zone_pgdat = pgdat;
		spin_lock_init(&zone->lock);
		zone_init_free_lists(zone);
		if (zone->spanned_pages)
			setup_usemap(zone);
	}
}

// --- struct page initialisation ---------------------------------------------------------

// What every struct page starts as (Linux: __init_single_page): the zone
// number in its flags, reserved, one reference, no mappings, the rest zero.
// Each word written once, not memset and then field by field: this runs for
// every page of RAM (at 1G under -Og, 12 instructions a page instead of 119).
static void init_reserved_pages(unsigned long spfn, unsigned long epfn, enum zone_type zone)
{
	static_assert(
	    offsetof(struct page, _mapcount) == offsetof(struct page, private_) + sizeof(long) &&
		sizeof(struct page) == offsetof(struct page, _refcount) + sizeof(atomic_t),
	    "every word of struct page is set below");
	struct page t;
	t.flags = 0;
	set_page_zone(&t, zone);
	__SetPageReserved(&t);
	for (struct page *page = pfn_to_page(spfn), *end = pfn_to_page(epfn); page < end; page++) {
		page->flags = t.flags;
		INIT_LIST_HEAD(&page->lru);
		page->mapping = nullptr;
		page->index = 0;
		page->private_ = 0;
		page_mapcount_reset(page);
		set_page_refcounted(page);
	}
}

// Holes inside a zone's span get a reserved struct page too; counted as Linux does.
static void init_unavailable_range(unsigned long spfn, unsigned long epfn, int zone)
{
	unsigned long pgcnt = 0;
	while (spfn + pgcnt < epfn && pfn_valid(spfn + pgcnt))
		pgcnt++;
	init_reserved_pages(spfn, spfn + pgcnt, (enum zone_type)zone);
	if (pgcnt)
		pr_info("On node 0, zone %s: %lu pages in unavailable ranges\n", zone_names[zone],
			pgcnt);
}

static void memmap_init_zone_range(struct zone *zone, unsigned long start_pfn,
				   unsigned long end_pfn, unsigned long *hole_pfn)
{
	start_pfn = clamp(start_pfn, zone->zone_start_pfn, zone_end_pfn(zone));
	end_pfn = clamp(end_pfn, zone->zone_start_pfn, zone_end_pfn(zone));
	if (start_pfn >= end_pfn)
		return;
	init_reserved_pages(start_pfn, end_pfn, (enum zone_type)zone_idx(zone));
	for (unsigned long pfn = start_pfn; pfn < end_pfn; pfn = ALIGN(pfn + 1, pageblock_nr_pages))
		set_pageblock_migratetype(pfn_to_page(pfn), MIGRATE_MOVABLE);
	if (*hole_pfn < start_pfn)
		init_unavailable_range(*hole_pfn, start_pfn, zone_idx(zone));
	*hole_pfn = end_pfn;
}

// Linux: memmap_init. Every page of RAM gets its struct page, reserved for now.
static void memmap_init(pg_data_t *pgdat)
{
	unsigned long hole_pfn = 0;
	int zone_id = 0;
	struct memblock_region *r;
	for_each_mem_region(r) {
		for (int z = 0; z < MAX_NR_ZONES; z++) {
			struct zone *zone = &pgdat->node_zones[z];
			if (!populated_zone(zone))
				continue;
			memmap_init_zone_range(zone, PFN_UP(r->base), PFN_DOWN(r->base + r->size),
					       &hole_pfn);
			zone_id = z;
		}
	}
	init_unavailable_range(hole_pfn, ALIGN(hole_pfn, MAX_ORDER_NR_PAGES), zone_id);
}

/*
 * Linux: free_area_init. Zones from the arch's max pfns, mem_map and the
 * pageblock bitmaps from memblock, every struct page reserved. Panics when
 * memblock cannot give mem_map. Context: boot, once, memblock still live.
 */
void __init free_area_init(const unsigned long *max_zone_pfn)
{
	pg_data_t *pgdat = NODE_DATA(0);
	compute_zone_limits(max_zone_pfn);
	print_ranges();
	unsigned long start = PFN_DOWN(memblock_start_of_DRAM()),
		      end = PFN_DOWN(memblock_end_of_DRAM());
	pr_info("Initmem setup node 0 [mem %#018Lx-%#018Lx]\n", (u64)start << PAGE_SHIFT,
		end ? ((u64)end << PAGE_SHIFT) - 1 : 0);
	calculate_node_totalpages(pgdat, start, end);
	alloc_node_mem_map(pgdat);
	free_area_init_core(pgdat);
	memmap_init(pgdat);
}

// --- zonelists -------------------------------------------------------------------------

// mobility_grouping=on|off overrides the size rule below. Not in Linux: it
// is here so the fragmentation benchmark can compare two boots.
static int mobility_grouping_forced = -1;

static int __init early_mobility_grouping(char *val)
{
	if (val && !strcmp(val, "off"))
		mobility_grouping_forced = 0;
	else if (val && !strcmp(val, "on"))
		mobility_grouping_forced = 1;
	else
		pr_warn("mobility_grouping=%s: expected on or off; ignored\n", val ? val : "");
	return 0;
}
early_param("mobility_grouping", early_mobility_grouping);

// The node's zones, highest first: an allocation that may use HighMem tries
// it first and falls back to Normal, then DMA (Linux: build_zonerefs_node);
// decides mobility grouping. Context: boot, after free_area_init.
void __init build_all_zonelists(void)
{
	pg_data_t *pgdat = NODE_DATA(0);
	struct zoneref *zr = pgdat->node_zonelists[0]._zonerefs;
	for (int z = MAX_NR_ZONES - 1; z >= 0; z--)
		if (managed_zone(&pgdat->node_zones[z]))
			*zr++ = {&pgdat->node_zones[z], z};
	*zr = {nullptr, 0};
	pgdat->nr_zones = (int)(zr - pgdat->node_zonelists[0]._zonerefs);
	vm_total_pages = nr_free_zone_pages(gfp_zone(GFP_HIGHUSER_MOVABLE));
	page_group_by_mobility_disabled = vm_total_pages < pageblock_nr_pages * MIGRATE_TYPES;
	if (mobility_grouping_forced >= 0)
		page_group_by_mobility_disabled = !mobility_grouping_forced;
	pr_info("Built 1 zonelists, mobility grouping %s.  Total pages: %ld\n",
		page_group_by_mobility_disabled ? "off" : "on", (long)vm_total_pages);
}

// --- memblock_free_all -------------------------------------------------------------------

// Linux: memblock_free_pages (mm/page_alloc.c in 6.1, here from 6.4).
// Context: boot, before the first allocation.
void memblock_free_pages(struct page *page, unsigned long pfn, unsigned int order)
{
	__free_pages_core(page, order);
}

// [start, end) in the largest naturally aligned blocks (Linux: __free_pages_memory).
static void free_pages_memory(unsigned long start, unsigned long end)
{
	while (start < end) {
		unsigned int order =
		    start ? min<unsigned int>(MAX_ORDER - 1, __builtin_ctzl(start)) : MAX_ORDER - 1;
		while (start + (1UL << order) > end)
			order--;
		memblock_free_pages(pfn_to_page(start), start, order);
		start += 1UL << order;
	}
}

// A free range, cut at zone boundaries so no block spans two zones.
static unsigned long free_memory_core(phys_addr_t start, phys_addr_t end)
{
	unsigned long spfn = PFN_UP(start), epfn = PFN_DOWN(end), count = 0;
	struct zone *zone;
	for_each_populated_zone(zone) {
		unsigned long s = clamp(spfn, zone->zone_start_pfn, zone_end_pfn(zone));
		unsigned long e = clamp(epfn, zone->zone_start_pfn, zone_end_pfn(zone));
		if (s < e) {
			free_pages_memory(s, e);
			count += e - s;
		}
	}
	return count;
}

/*
 * Linux: memblock_free_all (mm/memblock.c). Every free memblock range goes
 * to the buddy allocator; returns the pages freed. Context: boot, once,
 * from mem_init(); memblock allocations after it are not the buddy's.
 */
unsigned long __init memblock_free_all(void)
{
	struct zone *zone;
	for_each_zone(zone) {
		zone->managed_pages = 0; // from now on: what was really freed
		if (is_highmem(zone))
			pr_info("Initializing %s for node 0 (%08lx:%08lx)\n", zone->name,
				zone->zone_start_pfn, zone_end_pfn(zone));
	}
	phys_addr_t start, end;
	unsigned long pages = 0;
	u64 i;
	for_each_free_mem_range(i, NUMA_NO_NODE, MEMBLOCK_NONE, &start, &end, nullptr)
		pages += free_memory_core(start, end);
	totalram_pages_count += pages;
	return pages;
}

// Gives the pages of [start, end) (direct-map addresses, memblock-reserved
// at boot) to the buddy allocator and prints Linux's line for them (Linux:
// free_reserved_area). A poison byte 0..0xff fills each page first: freed
// .init text becomes int3 (0xcc), so a stale call into it traps at once
// instead of running whatever was there.
unsigned long free_reserved_area(void *start, void *end, int poison, const char *s)
{
	unsigned long pages = 0;
	for (unsigned long pfn = PFN_DOWN(__pa(start)); pfn < PFN_DOWN(__pa(end)); pfn++) {
		if (!pfn_valid(pfn) || !PageReserved(pfn_to_page(pfn)))
			continue;
		if ((unsigned int)poison <= 0xff)
			memset(__va(PFN_PHYS(pfn)), poison, PAGE_SIZE);
		__free_pages_core(pfn_to_page(pfn), 0);
		pages++;
	}
	totalram_pages_count += pages;
	if (pages && s)
		pr_info("Freeing %s memory: %luK\n", s, pages << (PAGE_SHIFT - 10));
	return pages;
}
