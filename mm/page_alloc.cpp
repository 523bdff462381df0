/*
 * DOC: the buddy allocator (Linux: mm/page_alloc.c)
 *
 * Each zone keeps its free memory as blocks of 2^order pages (order 0..10),
 * naturally aligned: a block of order n starts at a pfn divisible by 2^n.
 * A block's "buddy" is the block it was split from the other half of:
 *
 *      order 2:  [ 0  1  2  3 ]                buddy of pfn p at order n:
 *      order 1:  [ 0  1 ][ 2  3 ]                  p ^ (1 << n)
 *      order 0:  [0][1]  [2][3]
 *
 * Allocating order n takes the smallest free block of order >= n and splits
 * it, putting the unused halves back (expand). Freeing merges a block with
 * its buddy for as long as the buddy is free, whole, and in the same zone
 * (__free_one_page). Free lists are kept per migratetype, so unmovable
 * allocations cluster in their own 4 MiB pageblocks; when a type runs out it
 * borrows from another (fallbacks[]), stealing the whole pageblock if the
 * request is big enough. Order-0 pages go through per-CPU lists first
 * (rmqueue_pcplist, free_unref_page), refilled and drained in batches.
 *
 * Lock order: none yet (one CPU, interrupts off around list changes).
 * Differs from Linux: one node and one CPU, so no zone->lock (interrupts are
 * turned off instead); no reclaim, compaction or OOM killer: the slow path
 * only drains the pcp lists and retries, and __GFP_NOFAIL panics when that
 * keeps failing; no highatomic reserves (the lists exist, stay empty); pcp
 * lists for order 0 only, and a full pcp list frees `batch` pages (the
 * pre-5.14 rule, not 6.1's adaptive one); no CONFIG_DEBUG_VM: a double free
 * is a "Bad page state" report, not a VM_BUG_ON.
 */
#include <asm/bitsperlong.h>
#include <asm/irqflags.h>
#include <asm/page_types.h>
#include <linux/debug_pagealloc.h>
#include <linux/errno.h>
#include <linux/fault-inject.h>
#include <linux/gfp.h>
#include <linux/init.h>
#include <linux/int_sqrt.h>
#include <linux/kernel.h>
#include <linux/kstrtox.h>
#include <linux/log2.h>
#include <linux/meminit.h>
#include <linux/mm.h>
#include <linux/oom.h>
#include <linux/page_owner.h>
#include <linux/sched.h>
#include <linux/sched_clock.h>
#include <linux/sprintf.h>
#include <linux/sysctl.h>
#include <linux/utsname.h>
#include <linux/vmstat.h>

#include "internal.h"
#include <linux/mm_trace.h>

/*
 * How a block is freed (Linux: typedef int __bitwise fpi_t, FPI_*). An enum
 * here, so a bool or an int passed by mistake does not compile. Linux's
 * FPI_SKIP_REPORT_NOTIFY (bit 0) and FPI_SKIP_KASAN_POISON (bit 2) have
 * nothing to skip in this kernel.
 */
enum fpi_t : unsigned int {
	FPI_NONE = 0,
	FPI_TO_TAIL = 1U << 1, // to the tail of its free list: memblock_free_all's blocks
};

const char *const migratetype_names[MIGRATE_TYPES] = {"Unmovable", "Movable", "Reclaimable",
						      "HighAtomic", "Isolate"};

// Where an allocation of each type looks when its own lists are empty.
static const int fallbacks[MIGRATE_TYPES][3] = {
    [MIGRATE_UNMOVABLE] = {MIGRATE_RECLAIMABLE, MIGRATE_MOVABLE, MIGRATE_TYPES},
    [MIGRATE_MOVABLE] = {MIGRATE_RECLAIMABLE, MIGRATE_UNMOVABLE, MIGRATE_TYPES},
    [MIGRATE_RECLAIMABLE] = {MIGRATE_UNMOVABLE, MIGRATE_MOVABLE, MIGRATE_TYPES},
    [MIGRATE_HIGHATOMIC] = {MIGRATE_TYPES},
    [MIGRATE_ISOLATE] = {MIGRATE_TYPES},
};

// --- pageblock migratetypes ---------------------------------------------------------

#define MIGRATETYPE_MASK 0x7UL

static unsigned long *pageblock_word(const struct page *page, unsigned int *shift)
{
	const struct zone *zone = page_zone(page);
	unsigned long pfn =
	    page_to_pfn(page) - ALIGN_DOWN(zone->zone_start_pfn, pageblock_nr_pages);
	unsigned long bitidx = (pfn >> pageblock_order) * NR_PAGEBLOCK_BITS;
	*shift = bitidx % BITS_PER_LONG;
	return &zone->pageblock_flags[bitidx / BITS_PER_LONG];
}

int get_pageblock_migratetype(const struct page *page)
{
	unsigned int shift;
	unsigned long word = *pageblock_word(page, &shift); // sets shift: read it after
	return (int)((word >> shift) & MIGRATETYPE_MASK);
}

void set_pageblock_migratetype(struct page *page, int migratetype)
{
	if (page_group_by_mobility_disabled && migratetype < MIGRATE_PCPTYPES)
		migratetype = MIGRATE_UNMOVABLE;
	unsigned int shift;
	unsigned long *word = pageblock_word(page, &shift);
	*word = (*word & ~(MIGRATETYPE_MASK << shift)) | ((unsigned long)migratetype << shift);
}

// --- GFP flags to zones and migratetypes ------------------------------------------------

// The highest zone an allocation may use (Linux: gfp_zone, GFP_ZONE_TABLE).
enum zone_type gfp_zone(gfp_t flags)
{
	bool dma = flags & __GFP_DMA, high = flags & __GFP_HIGHMEM;
	if (dma && high) { // GFP_ZONE_BAD: Linux's table gives DMA (a VM_BUG_ON with DEBUG_VM)
		WARN_ONCE(1, "gfp_zone: __GFP_DMA and __GFP_HIGHMEM together (%#x)\n", flags);
		return ZONE_DMA;
	}
	if (dma)
		return ZONE_DMA;
	if (high)
		return (flags & __GFP_MOVABLE) ? ZONE_MOVABLE : ZONE_HIGHMEM;
	return ZONE_NORMAL;
}

int gfp_migratetype(gfp_t flags)
{
	if (page_group_by_mobility_disabled)
		return MIGRATE_UNMOVABLE;
	return (int)((flags & GFP_MOVABLE_MASK) >> GFP_MOVABLE_SHIFT);
}

// --- free lists ---------------------------------------------------------------------

static inline void set_buddy_order(struct page *page, unsigned int order)
{
	set_page_private(page, order);
	__SetPageBuddy(page);
}

// Linux: add_to_free_list, add_to_free_list_tail, move_to_free_list,
// del_page_from_free_list. The head of a list is what is handed out next.
static void add_to_free_list(struct page *page, struct zone *zone, unsigned int order, int mt)
{
	struct free_area *area = &zone->free_area[order];
	list_add(&page->lru, &area->free_list[mt]);
	area->nr_free++;
}

static void add_to_free_list_tail(struct page *page, struct zone *zone, unsigned int order, int mt)
{
	struct free_area *area = &zone->free_area[order];
	list_add_tail(&page->lru, &area->free_list[mt]);
	area->nr_free++;
}

static void move_to_free_list(struct page *page, struct zone *zone, unsigned int order, int mt)
{
	list_move_tail(&page->lru, &zone->free_area[order].free_list[mt]);
}

static void del_page_from_free_list(struct page *page, struct zone *zone, unsigned int order)
{
	list_del(&page->lru);
	__ClearPageBuddy(page);
	set_page_private(page, 0);
	zone->free_area[order].nr_free--;
}

static struct page *get_page_from_free_area(struct free_area *area, int mt)
{
	if (list_empty(&area->free_list[mt]))
		return nullptr;
	return list_first_entry(&area->free_list[mt], struct page, lru);
}

static void mod_zone_freepages(struct zone *zone, long nr) { zone->vm_stat[NR_FREE_PAGES] += nr; }

/*
 * Linux: buddy_merge_likely. Will the block at pfn, once its own buddy comes
 * back, merge again at order + 1? Then it goes to the tail of its list, so it
 * is not split again before that can happen.
 */
static bool buddy_merge_likely(unsigned long pfn, unsigned long buddy_pfn, struct page *page,
			       unsigned int order)
{
	if (order >= MAX_ORDER - 2)
		return false;
	unsigned long higher_page_pfn = buddy_pfn & pfn;
	struct page *higher_page = page + (higher_page_pfn - pfn);
	return find_buddy_page_pfn(higher_page, higher_page_pfn, order + 1, nullptr) != nullptr;
}

/*
 * Frees a block of 2^order pages into zone, merging it with its buddy for as
 * long as the buddy is free (Linux: __free_one_page). FPI_TO_TAIL puts the
 * result at the tail of its list whatever buddy_merge_likely says.
 */
static void __free_one_page(struct page *page, unsigned long pfn, struct zone *zone,
			    unsigned int order, int migratetype, fpi_t fpi_flags)
{
	unsigned long buddy_pfn = 0;
	mod_zone_freepages(zone, 1L << order);
	while (order < MAX_ORDER - 1) {
		struct page *buddy = find_buddy_page_pfn(page, pfn, order, &buddy_pfn);
		if (!buddy)
			break;
		if (order >= pageblock_order - 1 &&
		    migratetype != get_pageblock_migratetype(buddy) &&
		    (migratetype == MIGRATE_ISOLATE ||
		     get_pageblock_migratetype(buddy) == MIGRATE_ISOLATE))
			break; // never merge an isolated block with another
		del_page_from_free_list(buddy, zone, order);
		unsigned long combined_pfn = buddy_pfn & pfn;
		page += combined_pfn - pfn;
		pfn = combined_pfn;
		order++;
	}
	set_buddy_order(page, order);
	if ((fpi_flags & FPI_TO_TAIL) || buddy_merge_likely(pfn, buddy_pfn, page, order))
		add_to_free_list_tail(page, zone, order, migratetype);
	else
		add_to_free_list(page, zone, order, migratetype);
}

/*
 * Splits a block of order high down to order low, giving back the upper
 * halves (Linux: expand):  [ low | 1 | 2 2 | 4 4 4 4 ]  -- the first part is
 * the caller's, each other part goes to the free list of its order.
 */
static void expand(struct zone *zone, struct page *page, unsigned int low, unsigned int high,
		   int migratetype)
{
	unsigned long size = 1UL << high;
	while (high > low) {
		high--;
		size >>= 1;
		add_to_free_list(&page[size], zone, high, migratetype);
		set_buddy_order(&page[size], high);
	}
}

// The smallest free block of order >= order on this type's lists.
static struct page *__rmqueue_smallest(struct zone *zone, unsigned int order, int migratetype)
{
	for (unsigned int current_order = order; current_order < MAX_ORDER; current_order++) {
		struct page *page =
		    get_page_from_free_area(&zone->free_area[current_order], migratetype);
		if (!page)
			continue;
		del_page_from_free_list(page, zone, current_order);
		expand(zone, page, order, current_order, migratetype);
		page->index = migratetype; // its pcp list, if it goes there when freed
		return page;
	}
	return nullptr;
}

// --- fallback between migratetypes ----------------------------------------------------

// Big requests, and unmovable/reclaimable ones (which fragment worst), may
// take over the whole pageblock they borrow from (Linux: can_steal_fallback).
static bool can_steal_fallback(unsigned int order, int start_mt)
{
	if (order >= pageblock_order / 2 || start_mt == MIGRATE_RECLAIMABLE ||
	    start_mt == MIGRATE_UNMOVABLE || page_group_by_mobility_disabled)
		return true;
	return false;
}

static int find_suitable_fallback(struct free_area *area, unsigned int order, int migratetype,
				  bool *can_steal)
{
	*can_steal = false;
	if (!area->nr_free)
		return -1;
	for (int i = 0; fallbacks[migratetype][i] != MIGRATE_TYPES; i++) {
		int fallback_mt = fallbacks[migratetype][i];
		if (list_empty(&area->free_list[fallback_mt]))
			continue;
		*can_steal = can_steal_fallback(order, migratetype);
		return fallback_mt;
	}
	return -1;
}

// Moves the free blocks of page's pageblock to type mt's lists; returns pages moved.
unsigned long move_freepages_block(struct zone *zone, struct page *page, int mt)
{
	unsigned long start = ALIGN_DOWN(page_to_pfn(page), pageblock_nr_pages);
	unsigned long end = start + pageblock_nr_pages, moved = 0;
	if (start < zone->zone_start_pfn || end > zone_end_pfn(zone))
		return 0; // a pageblock cut by the zone boundary stays as it is
	for (unsigned long pfn = start; pfn < end;) {
		struct page *p = pfn_to_page(pfn);
		if (!PageBuddy(p)) {
			pfn++;
			continue;
		}
		unsigned int order = buddy_order(p);
		move_to_free_list(p, zone, order, mt);
		pfn += 1UL << order;
		moved += 1UL << order;
	}
	return moved;
}

// Linux: steal_suitable_fallback. Take the block, and maybe its whole pageblock.
static void steal_suitable_fallback(struct zone *zone, struct page *page,
				    unsigned int current_order, int start_type, bool whole_block)
{
	int old_type = get_pageblock_migratetype(page);
	if (current_order >= pageblock_order) { // the block is whole pageblocks: they are ours
		for (unsigned long i = 0; i < (1UL << current_order); i += pageblock_nr_pages)
			set_pageblock_migratetype(page + i, start_type);
	} else if (whole_block && old_type != MIGRATE_HIGHATOMIC) {
		unsigned long free_pages = move_freepages_block(zone, page, start_type);
		// no page-mobility tracking yet: only free pages count as "alike"
		if (free_pages &&
		    (free_pages >= pageblock_nr_pages / 2 || page_group_by_mobility_disabled))
			set_pageblock_migratetype(page, start_type);
		if (free_pages)
			return;
	}
	move_to_free_list(page, zone, current_order, start_type);
}

// Borrows the largest free block another type has (Linux: __rmqueue_fallback).
static bool __rmqueue_fallback(struct zone *zone, unsigned int order, int start_mt)
{
	bool can_steal;
	int fallback_mt = -1;
	int current_order;
	for (current_order = MAX_ORDER - 1; current_order >= (int)order; current_order--) {
		fallback_mt = find_suitable_fallback(&zone->free_area[current_order], current_order,
						     start_mt, &can_steal);
		if (fallback_mt == -1)
			continue;
		// a movable request that may not steal the block splits the smallest one instead
		if (!can_steal && start_mt == MIGRATE_MOVABLE && current_order > (int)order) {
			for (current_order = order; current_order < MAX_ORDER; current_order++) {
				fallback_mt =
				    find_suitable_fallback(&zone->free_area[current_order],
							   current_order, start_mt, &can_steal);
				if (fallback_mt != -1)
					break;
			}
		}
		break;
	}
	if (fallback_mt == -1 || current_order < (int)order || current_order >= MAX_ORDER)
		return false;
	struct page *page = get_page_from_free_area(&zone->free_area[current_order], fallback_mt);
	steal_suitable_fallback(zone, page, current_order, start_mt, can_steal);
	return true;
}

// Linux: __rmqueue. Own type first; then borrow and try again.
static struct page *__rmqueue(struct zone *zone, unsigned int order, int migratetype)
{
	for (;;) {
		struct page *page = __rmqueue_smallest(zone, order, migratetype);
		if (page || !__rmqueue_fallback(zone, order, migratetype))
			return page;
	}
}

// --- bad pages ------------------------------------------------------------------------

static unsigned long nr_bad_pages;

// Linux: bad_page. Report, and keep the page out of circulation for good.
static void bad_page(struct page *page, const char *reason)
{
	pr_alert("BUG: Bad page state in process %s  pfn:%05lx\n", current->comm,
		 page_to_pfn(page));
	dump_page(page, reason);
	pr_alert("Modules linked in:\n");
	dump_stack();
	if (!PageBuddy(page)) // a double free finds it legitimately free: leave it be
		page_mapcount_reset(page);
	page_zone(page)->bad_pages++;
	nr_bad_pages++;
	add_taint('B');
}

// Linux: page_expected_state. The quick test, inline because it runs for
// every page of every block freed (all of RAM at boot); page_bad_reason
// says what is wrong only when something is.
static __always_inline bool page_expected_state(const struct page *page, unsigned long flags)
{
	// one OR of everything that must be zero: branch-free, short even at -Og
	return !((unsigned long)(page->_mapcount.counter + 1) | (unsigned long)page->mapping |
		 (unsigned long)page_ref_count(page) | (page->flags & flags));
}

static const char *page_bad_reason(const struct page *page, unsigned long flags)
{
	if (page->_mapcount.counter != -1)
		return "nonzero mapcount";
	if (page->mapping)
		return "non-NULL mapping";
	if (page_ref_count(page) != 0)
		return "nonzero _refcount";
	if (page->flags & flags)
		return flags == PAGE_FLAGS_CHECK_AT_PREP ? "PAGE_FLAGS_CHECK_AT_PREP flag(s) set"
							 : "PAGE_FLAGS_CHECK_AT_FREE flag(s) set";
	return nullptr;
}

// --- freeing ----------------------------------------------------------------------------

// Checks a page (and a compound page's tails) before it goes back; false if
// any is bad (reported, and the whole block is kept out). Linux: free_pages_prepare.
static bool free_pages_prepare(struct page *page, unsigned int order)
{
	bool bad = false;
	if (PageHead(page)) {
		for (unsigned long i = 1; i < (1UL << order); i++) {
			struct page *tail = page + i;
			if (tail->compound_head != (unsigned long)page + 1) {
				bad_page(tail, "corrupted compound tail");
				bad = true;
			}
			tail->compound_head = 0;
			tail->mapping = nullptr;
		}
		page[1].compound_order = 0;
		__ClearPageHead(page);
	}
	for (struct page *p = page, *end = page + (1UL << order); p < end; p++) {
		if (unlikely(!page_expected_state(p, PAGE_FLAGS_CHECK_AT_FREE))) {
			bad_page(p, page_bad_reason(p, PAGE_FLAGS_CHECK_AT_FREE));
			bad = true;
		}
		p->flags &= ~PAGE_FLAGS_CHECK_AT_PREP; // the zone bits stay
	}
	if (bad)
		return false;
	reset_page_owner(page, order);
	kernel_poison_pages(page, 1 << order);
	if (want_init_on_free())
		kernel_init_pages(page, 1 << order);
	debug_pagealloc_unmap_pages(page, 1 << order); // last: nothing may touch it now
	return true;
}

static void free_one_page(struct zone *zone, struct page *page, unsigned long pfn,
			  unsigned int order, int migratetype, fpi_t fpi_flags)
{
	unsigned long flags;
	spin_lock_irqsave(&zone->lock, flags);
	__free_one_page(page, pfn, zone, order, migratetype, fpi_flags);
	spin_unlock_irqrestore(&zone->lock, flags);
}

// Orders above 0 go straight to the buddy lists (Linux: __free_pages_ok).
static void __free_pages_ok(struct page *page, unsigned int order, fpi_t fpi_flags)
{
	if (!free_pages_prepare(page, order))
		return;
	unsigned long pfn = page_to_pfn(page);
	free_one_page(page_zone(page), page, pfn, order, get_pageblock_migratetype(page),
		      fpi_flags);
	vm_events[PGFREE] += 1UL << order;
}

/*
 * Gives count pages from the pcp lists back to the buddy allocator, taking
 * the coldest (list tail) first and the lists in turn (Linux: free_pcppages_bulk).
 */
static void free_pcppages_bulk(struct zone *zone, int count, struct per_cpu_pages *pcp)
{
	int pindex = 0, freed = 0;
	struct page *first = nullptr;
	spin_lock(&zone->lock); // under pcp->lock: the order Linux takes them in
	while (count > 0 && pcp->count > 0) {
		struct list_head *list = &pcp->lists[pindex];
		pindex = (pindex + 1) % MIGRATE_PCPTYPES;
		if (list_empty(list))
			continue;
		struct page *page = list_last_entry(list, struct page, lru);
		list_del(&page->lru);
		pcp->count--;
		count--;
		first = first ? first : page;
		freed++;
		__free_one_page(page, page_to_pfn(page), zone, 0, (int)page->index, FPI_NONE);
	}
	spin_unlock(&zone->lock);
	trace_mm_pcp(MM_TRACE_PCP_DRAIN, zone, first, (unsigned long)freed, -1);
}

// An order-0 page goes on its zone's pcp list (Linux: free_unref_page).
static void free_unref_page(struct page *page)
{
	if (!free_pages_prepare(page, 0))
		return;
	int mt = get_pageblock_migratetype(page);
	struct zone *zone = page_zone(page);
	vm_events[PGFREE]++;
	if (mt >= MIGRATE_PCPTYPES) { // isolated or highatomic blocks bypass the pcp lists
		free_one_page(zone, page, page_to_pfn(page), 0, mt, FPI_NONE);
		return;
	}
	unsigned long flags;
	struct per_cpu_pages *pcp = this_cpu_ptr(zone->per_cpu_pageset);
	spin_lock_irqsave(&pcp->lock, flags);
	page->index = mt;
	list_add(&page->lru, &pcp->lists[mt]); // the head is the hot end
	pcp->count++;
	if (pcp->count >= pcp->high)
		free_pcppages_bulk(zone, pcp->batch, pcp);
	spin_unlock_irqrestore(&pcp->lock, flags);
}

bool pcp_lists_enabled = true; // a switch for benchmarks and tests

static void free_the_page(struct page *page, unsigned int order)
{
	if (order == 0 && pcp_lists_enabled)
		free_unref_page(page);
	else
		__free_pages_ok(page, order, FPI_NONE);
}

/*
 * Drops a reference to a block from alloc_pages; the last one frees it (a
 * bad page is reported and kept out, a double free reported and ignored).
 * Context: any, interrupts on or off; it does not sleep.
 */
void __free_pages(struct page *page, unsigned int order)
{
	if (page_ref_count(page) <= 0) { // Linux: VM_BUG_ON_PAGE in put_page_testzero
		bad_page(page, "freeing a page that is already free (double free?)");
		return;
	}
	if (put_page_testzero(page)) { // Linux traces in free_pages_prepare: a real free only
		trace_mm_page_free(page, order, __builtin_return_address(0));
		free_the_page(page, order);
	} else if (!PageHead(page)) { // still referenced: free the parts beyond page 0
		while (order-- > 0)
			free_the_page(page + (1UL << order), order);
	}
}

// __free_pages() by direct-map address, as from __get_free_pages; 0 is ignored.
// Context: as __free_pages.
void free_pages(unsigned long addr, unsigned int order)
{
	if (addr)
		__free_pages(virt_to_page(addr), order);
}

// Not in Linux (declared in gfp.h). Context: as __free_pages.
void free_pages_list(struct list_head *list)
{
	while (!list_empty(list)) {
		struct page *page = list_first_entry(list, struct page, lru);
		list_del(&page->lru);
		unsigned int order = (unsigned int)page->index;
		page->index = 0;
		__free_pages(page, order);
	}
}

/*
 * Gives the pages on this CPU's pcp list of zone (Linux: drain_pages_zone,
 * drain_local_pages), or of every zone for a NULL zone (drain_all_pages),
 * back to the buddy lists.
 * Context: any; interrupts are off while a list is emptied.
 */
void drain_local_pages(struct zone *zone)
{
	unsigned long flags;
	struct per_cpu_pages *pcp = this_cpu_ptr(zone->per_cpu_pageset);
	spin_lock_irqsave(&pcp->lock, flags);
	free_pcppages_bulk(zone, pcp->count, pcp);
	spin_unlock_irqrestore(&pcp->lock, flags);
}

void drain_all_pages(struct zone *zone)
{
	if (zone) {
		drain_local_pages(zone);
		return;
	}
	struct zone *z;
	for_each_populated_zone(z)
		drain_local_pages(z);
}

/*
 * Linux: __free_pages_core. A block of boot memory (memblock_free_pages)
 * becomes the buddy allocator's, at the tail of its list.
 * Context: boot, before the first allocation; it does not sleep.
 */
void __free_pages_core(struct page *page, unsigned int order)
{
	for (struct page *p = page, *end = page + (1UL << order); p < end; p++) {
		__ClearPageReserved(p);
		set_page_count(p, 0);
	}
	page_zone(page)->managed_pages += 1UL << order;
	if (PageHighMem(page))
		totalhigh_pages_count += 1UL << order;
	set_page_refcounted(page);
	if (put_page_testzero(page))
		__free_pages_ok(page, order, FPI_TO_TAIL);
}

// --- allocating -------------------------------------------------------------------------

static void prep_compound_page(struct page *page, unsigned int order)
{
	__SetPageHead(page);
	for (unsigned long i = 1; i < (1UL << order); i++) {
		page[i].compound_head = (unsigned long)page + 1;
		set_page_count(page + i, 0);
	}
	page[1].compound_order = (unsigned char)order;
}

// Checks a page about to be handed out; a bad one is reported and withheld.
static bool check_new_pages(struct page *page, unsigned int order)
{
	for (struct page *p = page, *end = page + (1UL << order); p < end; p++) {
		if (unlikely(!page_expected_state(p, PAGE_FLAGS_CHECK_AT_PREP))) {
			bad_page(p, page_bad_reason(p, PAGE_FLAGS_CHECK_AT_PREP));
			return false;
		}
	}
	return true;
}

static void prep_new_page(struct page *page, unsigned int order, gfp_t gfp)
{
	set_page_private(page, 0);
	page->index = 0;
	set_page_refcounted(page);
	debug_pagealloc_map_pages(page, 1 << order); // Linux: post_alloc_hook, first
	kernel_unpoison_pages(page, 1 << order);     // after mapping, as in post_alloc_hook
	// Linux: post_alloc_hook. Under init_on_free the page was zeroed when freed.
	if (!want_init_on_free() && want_init_on_alloc(gfp))
		kernel_init_pages(page, 1 << order);
	if (order && (gfp & __GFP_COMP))
		prep_compound_page(page, order);
	set_page_owner(page, order, gfp);
}

// Moves up to count pages of one type from the buddy lists to a pcp list.
static int rmqueue_bulk(struct zone *zone, unsigned int count, struct list_head *list, int mt)
{
	unsigned int i;
	spin_lock(&zone->lock);
	for (i = 0; i < count; i++) {
		struct page *page = __rmqueue(zone, 0, mt);
		if (!page)
			break;
		list_add_tail(&page->lru, list);
	}
	mod_zone_freepages(zone, -(long)i);
	spin_unlock(&zone->lock);
	return (int)i;
}

static struct page *rmqueue_pcplist(struct zone *zone, int mt)
{
	unsigned long flags;
	struct per_cpu_pages *pcp = this_cpu_ptr(zone->per_cpu_pageset);
	struct list_head *list = &pcp->lists[mt];
	struct page *page = nullptr;
	spin_lock_irqsave(&pcp->lock, flags);
	if (list_empty(list)) {
		int got = rmqueue_bulk(zone, pcp->batch, list, mt);
		pcp->count += got;
		if (got) // the pages refilled, not the list's total
			trace_mm_pcp(MM_TRACE_PCP_REFILL, zone,
				     list_first_entry(list, struct page, lru), (unsigned long)got,
				     mt);
	}
	if (!list_empty(list)) {
		page = list_first_entry(list, struct page, lru);
		list_del(&page->lru);
		pcp->count--;
	}
	spin_unlock_irqrestore(&pcp->lock, flags);
	return page;
}

static struct page *rmqueue_buddy(struct zone *zone, unsigned int order, int mt)
{
	unsigned long flags;
	spin_lock_irqsave(&zone->lock, flags);
	struct page *page = __rmqueue(zone, order, mt);
	if (page)
		mod_zone_freepages(zone, -(1L << order));
	spin_unlock_irqrestore(&zone->lock, flags);
	return page;
}

// Linux: rmqueue. One page from the pcp list, bigger blocks from the buddy lists.
static struct page *rmqueue(struct zone *zone, unsigned int order, int mt)
{
	for (;;) {
		struct page *page = (order == 0 && pcp_lists_enabled)
					? rmqueue_pcplist(zone, mt)
					: rmqueue_buddy(zone, order, mt);
		if (!page || check_new_pages(page, order)) {
			if (page)
				vm_events[PGALLOC_DMA + zone_idx(zone)] += 1UL << order;
			return page;
		}
	}
}

// --- watermarks, lowmem_reserve, pcp sizes ---------------------------------------------

int min_free_kbytes = 1024;
int user_min_free_kbytes = -1; // min_free_kbytes=, -1: none (host tests reset it)
int sysctl_lowmem_reserve_ratio[MAX_NR_ZONES] = {256, 32, 0, 0};
int watermark_scale_factor = 10;
int percpu_pagelist_high_fraction; // 0: a pcp list may hold the zone's low mark

// Pages above the high watermark in zones up to high_zoneidx (Linux: nr_free_zone_pages).
unsigned long nr_free_zone_pages(int high_zoneidx)
{
	unsigned long sum = 0;
	for (struct zoneref *z = NODE_DATA(0)->node_zonelists[0]._zonerefs; z->zone; z++) {
		if (z->zone_idx > high_zoneidx)
			continue;
		unsigned long size = z->zone->managed_pages, high = high_wmark_pages(z->zone);
		if (size > high)
			sum += size - high;
	}
	return sum;
}

// The pages the min watermark is shared out over: DMA and Normal.
static unsigned long lowmem_managed_pages(void)
{
	unsigned long lowmem_pages = 0;
	struct zone *zone;
	for_each_zone(zone)
		if (!is_highmem(zone) && zone_idx(zone) != ZONE_MOVABLE)
			lowmem_pages += zone->managed_pages;
	return lowmem_pages;
}

/*
 * The most min_free_kbytes= may ask for: half of lowmem. Linux takes any
 * value through its sysctl, on a running system; here it is a boot
 * parameter, and a min watermark above what the zones hold
 * (min_free_kbytes=262144 at 128M) fails every allocation of the boot
 * that follows. With min at half, low and high sit at 5/8 and 3/4 of
 * lowmem and the boot keeps the other half (slab caches, vmalloc's page
 * tables, the shell, ktest=all) even at 16M; and "keep half of RAM free",
 * the largest setting an experiment has a use for (ktest_min_free_kbytes_64M
 * at 128M), still works. A quarter would refuse that experiment.
 */
static int min_free_kbytes_bounded(int kbytes, unsigned long lowmem_pages)
{
	unsigned long lowmem_kbytes = lowmem_pages << (PAGE_SHIFT - 10), most = lowmem_kbytes / 2;
	if ((unsigned long)kbytes <= most)
		return kbytes;
	pr_warn("min_free_kbytes=%d is more than half of lowmem (%lu kB); using %lu\n", kbytes,
		lowmem_kbytes, most);
	return (int)most;
}

// min_free_kbytes = sqrt(lowmem_kbytes * 16), between 128 and 256M (Linux);
// min_free_kbytes= on the command line wins (Linux sets it through sysctl),
// within half of lowmem.
static void calculate_min_free_kbytes(void)
{
	unsigned long lowmem_kbytes = nr_free_zone_pages(gfp_zone(GFP_USER)) * (PAGE_SIZE >> 10);
	int new_min = (int)int_sqrt(lowmem_kbytes * 16);
	if (user_min_free_kbytes >= 0)
		min_free_kbytes =
		    min_free_kbytes_bounded(user_min_free_kbytes, lowmem_managed_pages());
	else
		min_free_kbytes = clamp(new_min, 128, 262144);
}

static void setup_per_zone_wmarks(void)
{
	unsigned long pages_min = (unsigned long)min_free_kbytes >> (PAGE_SHIFT - 10),
		      lowmem_pages = lowmem_managed_pages();
	struct zone *zone;
	for_each_zone(zone) {
		u64 tmp = lowmem_pages ? (u64)pages_min * zone->managed_pages / lowmem_pages : 0;
		if (is_highmem(zone) ||
		    zone_idx(zone) == ZONE_MOVABLE) // capped: reserves are for lowmem
			zone->_watermark[WMARK_MIN] =
			    clamp(zone->managed_pages / 1024, 32UL, 128UL);
		else
			zone->_watermark[WMARK_MIN] = (unsigned long)tmp;
		tmp = max<u64>(tmp >> 2, (u64)zone->managed_pages * watermark_scale_factor / 10000);
		zone->watermark_boost = 0;
		zone->_watermark[WMARK_LOW] = zone->_watermark[WMARK_MIN] + (unsigned long)tmp;
		zone->_watermark[WMARK_HIGH] = zone->_watermark[WMARK_LOW] + (unsigned long)tmp;
		zone->_watermark[WMARK_PROMO] = zone->_watermark[WMARK_HIGH] + (unsigned long)tmp;
	}
}

// Each lower zone keeps (pages of the zones above) / ratio from allocations
// that could have used those zones (Linux: setup_per_zone_lowmem_reserve).
static void setup_per_zone_lowmem_reserve(void)
{
	pg_data_t *pgdat = NODE_DATA(0);
	for (int i = 0; i < MAX_NR_ZONES - 1; i++) {
		struct zone *zone = &pgdat->node_zones[i];
		int ratio = sysctl_lowmem_reserve_ratio[i];
		bool clear = !ratio || !zone->managed_pages;
		unsigned long managed = 0;
		for (int j = i + 1; j < MAX_NR_ZONES; j++) {
			managed += pgdat->node_zones[j].managed_pages;
			zone->lowmem_reserve[j] = clear ? 0 : (long)(managed / ratio);
		}
	}
}

// Linux: zone_batchsize. About 0.1% of the zone, at most 1M, as 2^n - 1.
static int zone_batchsize(const struct zone *zone)
{
	unsigned long batch =
	    min(zone->managed_pages >> 10, (unsigned long)(SZ_1M / PAGE_SIZE)) / 4;
	if (batch < 1)
		batch = 1;
	return (int)rounddown_pow_of_two(batch + batch / 2) - 1; // 0 for the smallest zones
}

// Linux: zone_highsize, for one CPU. The low watermark's worth of pages,
// or managed / percpu_pagelist_high_fraction; at least 4 batches.
static int zone_highsize(const struct zone *zone, int batch)
{
	unsigned long total = percpu_pagelist_high_fraction
				  ? zone->managed_pages / (unsigned)percpu_pagelist_high_fraction
				  : low_wmark_pages(zone);
	return max((int)total, batch * 4);
}

// Linux: zone_set_pageset_high_and_batch, every CPU's lists sized alike.
static void zone_set_pageset_high_and_batch(struct zone *zone)
{
	int batch = max(1, zone_batchsize(zone));
	int high = zone_highsize(zone, batch);
	unsigned int cpu;
	for_each_possible_cpu(cpu) {
		struct per_cpu_pages *pcp = per_cpu_ptr(zone->per_cpu_pageset, cpu);
		pcp->batch = batch;
		pcp->high = high;
	}
}

/*
 * Sizes min_free_kbytes, each zone's watermarks and lowmem_reserve, and the
 * pcp lists, from the pages memblock_free_all gave the zones. Linux runs it
 * as an initcall (and again on sysctl writes); here mem_init() calls it once.
 * Context: boot, no allocation in flight; it does not sleep.
 */
void init_per_zone_wmark_min(void)
{
	calculate_min_free_kbytes();
	setup_per_zone_wmarks();
	setup_per_zone_lowmem_reserve();
	struct zone *zone;
	for_each_zone(zone)
		zone_set_pageset_high_and_batch(zone);
}

// --- /proc/sys/vm writes (Linux: the *_sysctl_handler functions here) ----------------

// Linux: setup_per_zone_wmarks, which also resizes the pcp lists
// (zone_pcp_update) since their high mark follows the low watermark.
static void recompute_wmarks(void)
{
	setup_per_zone_wmarks();
	struct zone *zone;
	for_each_zone(zone)
		zone_set_pageset_high_and_batch(zone);
}

/*
 * Differs from Linux, which takes any value: a write above half of lowmem
 * is cut to half, with the warning of the boot parameter, so that a
 * student's "echo 999999999" leaves a shell to type the next command in.
 */
int min_free_kbytes_sysctl_handler(const struct ctl_table *table, int write, char *buffer,
				   size_t *lenp, loff_t *ppos)
{
	int rc = proc_dointvec_minmax(table, write, buffer, lenp, ppos);
	if (rc || !write)
		return rc;
	user_min_free_kbytes = min_free_kbytes =
	    min_free_kbytes_bounded(min_free_kbytes, lowmem_managed_pages());
	recompute_wmarks();
	return 0;
}

int watermark_scale_factor_sysctl_handler(const struct ctl_table *table, int write, char *buffer,
					  size_t *lenp, loff_t *ppos)
{
	int rc = proc_dointvec_minmax(table, write, buffer, lenp, ppos);
	if (rc || !write)
		return rc;
	recompute_wmarks();
	return 0;
}

// A ratio below 1 means "no reserve" and reads back as 0 (Linux).
int lowmem_reserve_ratio_sysctl_handler(const struct ctl_table *table, int write, char *buffer,
					size_t *lenp, loff_t *ppos)
{
	int rc = proc_dointvec_minmax(table, write, buffer, lenp, ppos);
	if (rc || !write)
		return rc;
	for (int i = 0; i < MAX_NR_ZONES; i++)
		if (sysctl_lowmem_reserve_ratio[i] < 1)
			sysctl_lowmem_reserve_ratio[i] = 0;
	setup_per_zone_lowmem_reserve();
	return 0;
}

#define MIN_PERCPU_PAGELIST_HIGH_FRACTION 8 // a pcp list holds at most 1/8 of its zone

int percpu_pagelist_high_fraction_sysctl_handler(const struct ctl_table *table, int write,
						 char *buffer, size_t *lenp, loff_t *ppos)
{
	int old = percpu_pagelist_high_fraction;
	int rc = proc_dointvec_minmax(table, write, buffer, lenp, ppos);
	if (rc || !write)
		return rc;
	if (percpu_pagelist_high_fraction &&
	    percpu_pagelist_high_fraction < MIN_PERCPU_PAGELIST_HIGH_FRACTION) {
		percpu_pagelist_high_fraction = old;
		return -EINVAL;
	}
	struct zone *zone;
	for_each_zone(zone)
		zone_set_pageset_high_and_batch(zone);
	return 0;
}

static int __init min_free_kbytes_setup(char *val)
{
	int v;
	if (!val || kstrtoint(val, 0, &v) || v < 0)
		return -EINVAL;
	user_min_free_kbytes = min_free_kbytes = v;
	return 0;
}
early_param("min_free_kbytes", min_free_kbytes_setup);

/*
 * May this zone give 2^order pages and keep mark pages free, plus what it
 * reserves against allocations that could have used a higher zone
 * (lowmem_reserve)? __GFP_HIGH callers may dip to half the mark, atomic ones
 * a quarter lower still. For order > 0 a free block of that size must also
 * exist. Linux: __zone_watermark_ok.
 */
bool zone_watermark_ok(struct zone *z, unsigned int order, unsigned long mark, int highest_zoneidx,
		       unsigned int alloc_flags)
{
	long min = (long)mark, free_pages = (long)zone_page_state(z, NR_FREE_PAGES);
	free_pages -= (1L << order) - 1;
	if (alloc_flags & ALLOC_HIGH)
		min -= min / 2;
	if (alloc_flags & ALLOC_HARDER)
		min -= min / 4;
	if (free_pages <= min + z->lowmem_reserve[highest_zoneidx])
		return false;
	if (!order)
		return true;
	for (unsigned int o = order; o < MAX_ORDER; o++) {
		const struct free_area *area = &z->free_area[o];
		if (!area->nr_free)
			continue;
		for (int mt = 0; mt < MIGRATE_PCPTYPES; mt++)
			if (!list_empty(&area->free_list[mt]))
				return true;
		if ((alloc_flags & ALLOC_HARDER) &&
		    !list_empty(&area->free_list[MIGRATE_HIGHATOMIC]))
			return true;
	}
	return false;
}

// --- the fast path --------------------------------------------------------------------

// What the allocator may do for these GFP flags (Linux: gfp_to_alloc_flags).
unsigned int gfp_to_alloc_flags(gfp_t gfp_mask)
{
	unsigned int alloc_flags = ALLOC_WMARK_MIN;
	if (gfp_mask & __GFP_HIGH)
		alloc_flags |= ALLOC_HIGH;
	if ((gfp_mask & __GFP_ATOMIC) && !(gfp_mask & __GFP_NOMEMALLOC))
		alloc_flags |= ALLOC_HARDER;
	if ((gfp_mask & __GFP_MEMALLOC) && !(gfp_mask & __GFP_NOMEMALLOC))
		alloc_flags |= ALLOC_NO_WATERMARKS;
	return alloc_flags;
}

// Walks the zonelist, best zone first, for a zone above its watermark.
// Linux: zone_watermark_fast. An order-0 request in a zone with plenty free
// needs no more than one comparison; the rest goes to the full check.
static __always_inline bool zone_watermark_fast(struct zone *z, unsigned int order,
						unsigned long mark, int highest_zoneidx,
						unsigned int alloc_flags)
{
	if (!order && z->vm_stat[NR_FREE_PAGES] > (long)(mark + z->lowmem_reserve[highest_zoneidx]))
		return true;
	return zone_watermark_ok(z, order, mark, highest_zoneidx, alloc_flags);
}

static struct page *get_page_from_freelist(gfp_t gfp, unsigned int order, unsigned int alloc_flags,
					   const struct alloc_context *ac)
{
	for (struct zoneref *z = ac->zonelist->_zonerefs; z->zone; z++) {
		if (z->zone_idx > ac->highest_zoneidx)
			continue;
		unsigned long mark = wmark_pages(z->zone, alloc_flags & ALLOC_WMARK_MASK);
		if (!(alloc_flags & ALLOC_NO_WATERMARKS) &&
		    !zone_watermark_fast(z->zone, order, mark, ac->highest_zoneidx, alloc_flags))
			continue;
		struct page *page = rmqueue(z->zone, order, ac->migratetype);
		if (page) {
			prep_new_page(page, order, gfp);
			return page;
		}
	}
	return nullptr;
}

// --- the slow path ------------------------------------------------------------------------

// Background reclaim (kswapd) would be woken here; there is nothing to reclaim yet.
static void wake_all_kswapds(unsigned int order, gfp_t gfp, const struct alloc_context *ac) {}

// Direct reclaim frees page cache and swaps; with none, what it can still do
// is what Linux does when reclaim made no progress: empty the pcp lists.
static struct page *__alloc_pages_direct_reclaim(gfp_t gfp, unsigned int order,
						 unsigned int alloc_flags,
						 const struct alloc_context *ac)
{
	vm_events[ALLOCSTALL_DMA + ac->highest_zoneidx]++; // Linux: __count_zid_vm_events
	drain_all_pages(nullptr);
	return get_page_from_freelist(gfp, order, alloc_flags, ac);
}

/*
 * Linux: __alloc_pages_may_oom. Once more at the high watermark (someone
 * may have freed meanwhile), then the OOM killer, but not for what killing
 * cannot help: costly orders, __GFP_NORETRY and __GFP_RETRY_MAYFAIL
 * callers, DMA-only requests, allocations that may not sleep. *progress
 * says a victim was chosen (or is dying): retry.
 */
static struct page *__alloc_pages_may_oom(gfp_t gfp, unsigned int order,
					  const struct alloc_context *ac, bool *progress)
{
	*progress = false;
	struct page *page = get_page_from_freelist(gfp, order, ALLOC_WMARK_HIGH, ac);
	if (page || order > PAGE_ALLOC_COSTLY_ORDER || ac->highest_zoneidx < ZONE_NORMAL ||
	    (gfp & (__GFP_NORETRY | __GFP_RETRY_MAYFAIL)) || !(gfp & __GFP_DIRECT_RECLAIM) ||
	    current->oom_victim)
		return page;
	struct oom_control oc = {gfp, (int)order, 0, nullptr, 0};
	*progress = out_of_memory(&oc);
	return nullptr;
}

/*
 * __GFP_NOFAIL may not fail: Linux keeps looping, waiting for reclaim and the
 * OOM killer. Here nothing can be reclaimed yet and, with one CPU, nothing
 * frees memory while we wait; so after rounds of draining and retrying below
 * the watermarks we panic and say why, rather than hang without a word.
 */
static struct page *__alloc_pages_nofail(gfp_t gfp, unsigned int order,
					 const struct alloc_context *ac)
{
	for (int round = 0; round < 16; round++) {
		drain_all_pages(nullptr);
		struct page *page =
		    get_page_from_freelist(gfp, order, ALLOC_NO_WATERMARKS | ALLOC_HARDER, ac);
		if (page)
			return page;
		if (!round)
			pr_warn("__alloc_pages: order:%u __GFP_NOFAIL allocation keeps failing: "
				"nothing can be reclaimed yet\n",
				order);
	}
	panic("__alloc_pages: order:%u __GFP_NOFAIL allocation cannot be satisfied\n", order);
}

static struct page *__alloc_pages_slowpath(gfp_t gfp, unsigned int order,
					   const struct alloc_context *ac)
{
	unsigned int alloc_flags = gfp_to_alloc_flags(gfp);
	wake_all_kswapds(order, gfp, ac);
	struct page *page = get_page_from_freelist(gfp, order, alloc_flags, ac); // min watermark
	// Each kill frees its victim's memory at once (the reaper), so a few
	// rounds suffice; Linux loops while the killer makes progress.
	for (int round = 0; !page && round < 8; round++) {
		page = __alloc_pages_direct_reclaim(gfp, order, alloc_flags, ac);
		bool progress = false;
		if (!page)
			page = __alloc_pages_may_oom(gfp, order, ac, &progress);
		if (!progress)
			break;
	}
	// Linux: oom_reserves_allowed. The victim may dip below the min
	// watermark to reach its exit; failing it would only warn.
	if (!page && current->oom_victim)
		page = get_page_from_freelist(gfp, order, ALLOC_NO_WATERMARKS, ac);
	if (!page && (gfp & __GFP_NOFAIL))
		page = __alloc_pages_nofail(gfp, order, ac);
	if (!page)
		warn_alloc(gfp, "page allocation failure: order:%u", order);
	return page;
}

/*
 * 2^order contiguous pages, refcount 1, from the best zone gfp allows (and
 * alloc_pages(), its inline wrapper in gfp.h). NULL when no zone can give
 * them: warn_alloc reports it unless __GFP_NOWARN; order >= MAX_ORDER warns
 * once; fail_page_alloc fails without warn_alloc; __GFP_NOFAIL panics rather than fail.
 * Context: any, interrupts on or off; nothing sleeps here (no reclaim to wait
 * for), but callers should pass GFP_ATOMIC where Linux could not sleep.
 */
struct page *__alloc_pages(gfp_t gfp, unsigned int order, int preferred_nid, void *nodemask)
{
	// No order that big exists: one warning per boot, none for __GFP_NOWARN.
	if (WARN_ON_ONCE_GFP(order >= MAX_ORDER, gfp))
		return nullptr;
	if (should_fail_alloc_page(gfp, order)) // Linux: prepare_alloc_pages
		return nullptr;
	struct alloc_context ac = {&NODE_DATA(0)->node_zonelists[0], gfp_zone(gfp),
				   gfp_migratetype(gfp)};
	struct page *page = get_page_from_freelist(gfp, order, ALLOC_WMARK_LOW, &ac);
	if (!page)
		page = __alloc_pages_slowpath(gfp, order, &ac);
	trace_mm_page_alloc(page, order, gfp, __builtin_return_address(0));
	return page;
}

// alloc_pages() without highmem, as a direct-map address; 0 when it fails.
// Context: as __alloc_pages.
unsigned long __get_free_pages(gfp_t gfp, unsigned int order)
{
	struct page *page = alloc_pages(gfp & ~__GFP_HIGHMEM, order);
	return page ? (unsigned long)page_address(page) : 0;
}

// One zeroed lowmem page's address, or 0. Context: as __alloc_pages.
unsigned long get_zeroed_page(gfp_t gfp) { return __get_free_pages(gfp | __GFP_ZERO, 0); }

// An order-n allocation (not __GFP_COMP) becomes 2^n separately freeable
// pages. Context: any.
void split_page(struct page *page, unsigned int order)
{
	for (unsigned long i = 1; i < (1UL << order); i++)
		set_page_refcounted(page + i);
	split_page_owner(page, 1U << order);
}

// Exactly size bytes of lowmem pages, the rest of the power of two given
// back; NULL as __get_free_pages. Context: as __alloc_pages.
void *alloc_pages_exact(size_t size, gfp_t gfp)
{
	// A size too big for any block: __alloc_pages warns once and fails.
	unsigned int order = get_order(size);
	if (WARN_ON_ONCE(gfp & (__GFP_COMP | __GFP_HIGHMEM))) // split, and in the direct map
		gfp &= ~(__GFP_COMP | __GFP_HIGHMEM);
	unsigned long addr = __get_free_pages(gfp, order);
	if (!addr)
		return nullptr;
	split_page(virt_to_page(addr), order);
	for (unsigned long used = ALIGN(size, PAGE_SIZE); used < (PAGE_SIZE << order);
	     used += PAGE_SIZE)
		free_page(addr + used);
	return (void *)addr;
}

// Frees what alloc_pages_exact(size) returned. Context: as __free_pages.
void free_pages_exact(void *virt, size_t size)
{
	unsigned long addr = (unsigned long)virt, end = addr + PAGE_ALIGN(size);
	for (; addr < end; addr += PAGE_SIZE)
		free_page(addr);
}

// --- reporting failures ----------------------------------------------------------------

/*
 * "COMM: page allocation failure: order:10, mode:0xcc0(GFP_KERNEL),
 * nodemask=(null)" (COMM the task asking), a stack dump and Mem-Info, unless __GFP_NOWARN; at most
 * ten reports every five seconds (Linux: warn_alloc, nopage_rs).
 * Context: any, interrupts on or off; it does not sleep.
 */
void warn_alloc(gfp_t gfp_mask, const char *fmt, ...)
{
	static u64 window_start;
	static int in_window, suppressed;
	if (gfp_mask & __GFP_NOWARN)
		return;
	u64 now = local_clock();
	if (now - window_start > 5000000000ULL || !window_start) {
		if (suppressed)
			pr_warn("warn_alloc: %d callbacks suppressed\n", suppressed);
		window_start = now ? now : 1;
		in_window = suppressed = 0;
	}
	if (++in_window > 10) {
		suppressed++;
		return;
	}
	char flags[256];
	gfp_flags_str(gfp_mask, flags, sizeof(flags));
	va_list args;
	va_start(args, fmt);
	struct va_format vaf = {fmt, &args};
	pr_warn("%s: %pV, mode:%#x(%s), nodemask=(null)\n", current->comm, &vaf, gfp_mask, flags);
	va_end(args);
	dump_stack();
	show_mem();
}
