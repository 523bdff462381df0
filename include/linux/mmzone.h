#pragma once
/*
 * Nodes, zones and free areas (Linux: include/linux/mmzone.h).
 *
 *   pg_data_t (node 0)
 *    +- zone DMA      pfn [ .., 16M)       ISA DMA can only reach 16 MiB
 *    +- zone Normal   pfn [16M, max_low)   lowmem: permanently mapped
 *    +- zone HighMem  pfn [max_low, max)   mapped only on demand
 *    +- zone Movable  (always empty here; kept so zone numbers match Linux)
 *
 * Each zone has its own buddy allocator: free_area[order] holds the free
 * blocks of 2^order pages, one list per migratetype; and its per-CPU page
 * lists (per_cpu_pages) in front of it for single pages.
 */
#include <asm/percpu.h>
#include <linux/list.h>
#include <linux/spinlock.h>
#include <linux/types.h>

#define MAX_ORDER 11 // orders 0..10: blocks of 1 page to 4 MiB
#define MAX_ORDER_NR_PAGES (1UL << (MAX_ORDER - 1))
#define pageblock_order (MAX_ORDER - 1) // i386 without PAE: a 4 MiB huge page
#define pageblock_nr_pages (1UL << pageblock_order)
#define PAGE_ALLOC_COSTLY_ORDER 3

enum migratetype {
	MIGRATE_UNMOVABLE,
	MIGRATE_MOVABLE,
	MIGRATE_RECLAIMABLE,
	MIGRATE_PCPTYPES, // the types with per-CPU lists
	MIGRATE_HIGHATOMIC = MIGRATE_PCPTYPES,
	MIGRATE_ISOLATE,
	MIGRATE_TYPES
};
extern const char *const migratetype_names[MIGRATE_TYPES];

struct free_area {
	struct list_head free_list[MIGRATE_TYPES];
	unsigned long nr_free; // blocks of this order, all types
};

enum zone_type { ZONE_DMA, ZONE_NORMAL, ZONE_HIGHMEM, ZONE_MOVABLE, MAX_NR_ZONES };
extern const char *const zone_names[MAX_NR_ZONES];

enum zone_watermarks { WMARK_MIN, WMARK_LOW, WMARK_HIGH, WMARK_PROMO, NR_WMARK };

enum zone_stat_item { NR_FREE_PAGES, NR_VM_ZONE_STAT_ITEMS };

// Single pages cached per CPU in front of the buddy lists (one CPU here;
// kept per CPU so SMP needs no redesign).
struct per_cpu_pages {
	spinlock_t lock; // the lists (Linux: pcp->lock, taken with pcp_spin_lock)
	int count;	 // pages on the lists
	int high;	 // drain down to high - batch above this
	int batch;	 // pages moved to or from the buddy lists at once
	struct list_head lists[MIGRATE_PCPTYPES];
};

struct pglist_data;
struct zone {
	unsigned long _watermark[NR_WMARK];
	unsigned long watermark_boost;
	long
	    lowmem_reserve[MAX_NR_ZONES]; // pages kept from allocations that could use higher zones
	struct pglist_data *zone_pgdat;
	struct per_cpu_pages per_cpu_pageset[NR_CPUS];
	unsigned long *pageblock_flags; // migratetype of each pageblock (the "usemap")
	unsigned long zone_start_pfn;
	unsigned long managed_pages; // pages the buddy allocator owns
	unsigned long spanned_pages; // zone_end - zone_start, holes included
	unsigned long present_pages; // pages of RAM in the span
	const char *name;
	unsigned long nr_reserved_highatomic;
	spinlock_t lock; // free_area and vm_stat[NR_FREE_PAGES] (Linux: zone->lock)
	struct free_area free_area[MAX_ORDER];
	long vm_stat[NR_VM_ZONE_STAT_ITEMS];
	unsigned long bad_pages; // taken out of circulation by a bad-page report
};

struct zoneref {
	struct zone *zone;
	int zone_idx;
};
// The zones an allocation may use, best first, ending in a NULL zone.
struct zonelist {
	struct zoneref _zonerefs[MAX_NR_ZONES + 1];
};

typedef struct pglist_data {
	struct zone node_zones[MAX_NR_ZONES];
	struct zonelist node_zonelists[1];
	int nr_zones;
	struct page *node_mem_map;
	unsigned long node_start_pfn;
	unsigned long node_present_pages;
	unsigned long node_spanned_pages;
	int node_id;
} pg_data_t;

extern struct pglist_data contig_page_data;
#define NODE_DATA(nid) (&contig_page_data)

#define min_wmark_pages(z) ((z)->_watermark[WMARK_MIN] + (z)->watermark_boost)
#define low_wmark_pages(z) ((z)->_watermark[WMARK_LOW] + (z)->watermark_boost)
#define high_wmark_pages(z) ((z)->_watermark[WMARK_HIGH] + (z)->watermark_boost)
#define wmark_pages(z, i) ((z)->_watermark[i] + (z)->watermark_boost)

static inline bool populated_zone(const struct zone *z) { return z->present_pages != 0; }
static inline bool managed_zone(const struct zone *z) { return z->managed_pages != 0; }
static inline int zone_idx(const struct zone *z) { return (int)(z - z->zone_pgdat->node_zones); }
static inline bool is_highmem_idx(int idx) { return idx == ZONE_HIGHMEM; }
static inline bool is_highmem(const struct zone *z) { return is_highmem_idx(zone_idx(z)); }
static inline unsigned long zone_end_pfn(const struct zone *z)
{
	return z->zone_start_pfn + z->spanned_pages;
}
static inline unsigned long zone_page_state(const struct zone *z, enum zone_stat_item i)
{
	long v = z->vm_stat[i];
	return v < 0 ? 0 : (unsigned long)v;
}

#define for_each_zone(zone)                                                                        \
	for (zone = NODE_DATA(0)->node_zones; zone < NODE_DATA(0)->node_zones + MAX_NR_ZONES;      \
	     zone++)
#define for_each_populated_zone(zone)                                                              \
	for_each_zone(zone)                                                                        \
		if (!populated_zone(zone)) {                                                       \
		} else
