/*
 * DOC: the fragmentation demonstration (shell: frag; no Linux counterpart)
 *
 * Linux has no such command. It reports fragmentation as numbers:
 * /proc/buddyinfo (free blocks per order), /proc/pagetypeinfo (the same
 * per migratetype) and, in debugfs, extfrag/extfrag_index and
 * extfrag/unusable_index (how far a failing order-N request is down to
 * fragmentation rather than too little free memory). The nearest test is
 * the mm selftest compaction_test, which fragments memory from user space
 * and counts the huge pages that can then be had.
 *
 * Why does Linux sort free memory by migratetype? Because one unmovable
 * page in the middle of a 2 MiB range is enough to stop that range from
 * ever becoming an order-9 block again. The demonstration makes the point
 * twice with the same workload:
 *
 *   1. fill lowmem with single pages, unmovable and movable taken in turn;
 *   2. free the movable ones (as if they had been migrated or reclaimed);
 *   3. count how many order-9 requests now succeed, then again while a
 *      pool of movable pages keeps churning ("under load").
 *
 * With grouping off (page_group_by_mobility_disabled, as Linux does on tiny
 * machines) the two kinds interleave page by page and almost no order-9
 * request succeeds. With grouping on, unmovable pages are herded into their
 * own pageblocks (__rmqueue_fallback steals whole pageblocks for them), and
 * the movable ones leave whole pageblocks behind when they go.
 *
 * Each round gives back every page and puts every pageblock's migratetype
 * back as it was, so the demonstration can be run again. Ctrl-C in the
 * shell ends a round early, with the same clean-up.
 */
#include <linux/frag.h>
#include <linux/kernel.h>
#include <linux/list.h>
#include <linux/mm.h>
#include <linux/printk.h>
#include <linux/seq_buf.h>
#include <linux/shell.h>

#include "internal.h"

#define FRAG_ORDER 9

// Blocks of 2^0..2^max_order pages (a fixed pseudo-random sequence, so runs
// compare), unmovable and movable in turn, until one kind runs out.
static void frag_fill(struct list_head *unmovable, struct list_head *movable,
		      unsigned int max_order, struct frag_result *r)
{
	const gfp_t gfp = GFP_KERNEL | __GFP_NOWARN;
	u32 rnd = 2463534242u;
	while (!shell_interrupted()) {
		rnd ^= rnd << 13, rnd ^= rnd >> 17, rnd ^= rnd << 5;
		unsigned int ou = rnd % (max_order + 1), om = (rnd >> 8) % (max_order + 1);
		struct page *u = alloc_pages(gfp, ou);
		struct page *m = u ? alloc_pages(gfp | __GFP_MOVABLE, om) : nullptr;
		if (!m) {
			if (u)
				__free_pages(u, ou);
			return;
		}
		u->index = ou; // the order, for free_pages_list
		m->index = om;
		list_add_tail(&u->lru, unmovable);
		list_add_tail(&m->lru, movable);
		r->filled += (1UL << ou) + (1UL << om);
	}
}

// How many order-FRAG_ORDER requests succeed now; each is given back after.
static unsigned long frag_count_high_order(void)
{
	LIST_HEAD(blocks);
	unsigned long n = 0;
	for (struct page *p;
	     !shell_interrupted() && (p = alloc_pages(GFP_KERNEL | __GFP_NOWARN, FRAG_ORDER));
	     n++) {
		p->index = FRAG_ORDER;
		list_add_tail(&p->lru, &blocks);
	}
	free_pages_list(&blocks);
	return n;
}

// Fallback stealing retypes pageblocks for good; remember them to undo it.
static unsigned char saved_mt[(1UL << (32 - PAGE_SHIFT)) >> pageblock_order];

static void for_each_whole_pageblock(void (*fn)(struct zone *zone, struct page *page))
{
	struct zone *zone;
	for_each_populated_zone(zone) {
		unsigned long pfn = ALIGN(zone->zone_start_pfn, pageblock_nr_pages);
		for (; pfn + pageblock_nr_pages <= zone_end_pfn(zone); pfn += pageblock_nr_pages)
			fn(zone, pfn_to_page(pfn));
	}
}

static void save_mt(struct zone *, struct page *page)
{
	saved_mt[page_to_pfn(page) >> pageblock_order] =
	    (unsigned char)get_pageblock_migratetype(page);
}

static void restore_mt(struct zone *zone, struct page *page)
{
	int mt = saved_mt[page_to_pfn(page) >> pageblock_order];
	if (get_pageblock_migratetype(page) == mt)
		return;
	unsigned long flags;
	spin_lock_irqsave(&zone->lock, flags); // Linux holds it around move_freepages_block
	set_pageblock_migratetype(page, mt);
	move_freepages_block(zone, page, mt);
	spin_unlock_irqrestore(&zone->lock, flags);
}

// Free pages where GFP_KERNEL can reach: DMA and Normal.
static unsigned long lowmem_free_pages(void)
{
	unsigned long n = 0;
	for (int z = ZONE_DMA; z <= ZONE_NORMAL; z++)
		n += NODE_DATA(0)->node_zones[z].vm_stat[NR_FREE_PAGES];
	return n;
}

/*
 * Order-9 requests while movable memory keeps changing hands: a pool of
 * movable pages (a quarter of what is free) churns, 64 pages freed and 64
 * allocated between requests, and each block that succeeds is kept, as a
 * huge-page pool being built under load would. Linux's "under load" figure
 * came from kernel builds running meanwhile; this is the same idea, made
 * repeatable.
 */
#define LOAD_POOL 16384
static struct page *load_pool[LOAD_POOL];

static void frag_under_load(struct frag_result *r)
{
	LIST_HEAD(blocks);
	u32 rnd = 88172645u;
	unsigned long n = min<unsigned long>(lowmem_free_pages() / 4, LOAD_POOL);
	for (unsigned long i = 0; i < n; i++)
		if (!(load_pool[i] = alloc_page(GFP_KERNEL | __GFP_MOVABLE | __GFP_NOWARN)))
			n = i;
	r->load_tries = lowmem_free_pages() >> FRAG_ORDER;
	for (unsigned long t = 0; t < r->load_tries && n && !shell_interrupted(); t++) {
		for (int k = 0; k < 64 && n; k++) { // n: the pool may run dry mid-batch
			rnd ^= rnd << 13, rnd ^= rnd >> 17, rnd ^= rnd << 5;
			struct page **slot = &load_pool[rnd % n];
			__free_page(*slot);
			*slot = alloc_page(GFP_KERNEL | __GFP_MOVABLE | __GFP_NOWARN);
			if (!*slot) // give the slot the last page; the pool shrinks
				*slot = load_pool[--n];
		}
		struct page *p = alloc_pages(GFP_KERNEL | __GFP_NOWARN, FRAG_ORDER);
		if (p) {
			p->index = FRAG_ORDER;
			list_add_tail(&p->lru, &blocks);
			r->load_ok++;
		}
	}
	free_pages_list(&blocks);
	while (n)
		__free_page(load_pool[--n]);
}

void frag_run(int grouping, unsigned int max_order, struct frag_result *r, void (*show)(void))
{
	LIST_HEAD(unmovable);
	LIST_HEAD(movable);
	bool was_disabled = page_group_by_mobility_disabled;
	*r = {};
	drain_all_pages(nullptr);
	for_each_whole_pageblock(save_mt);
	if (grouping != FRAG_AS_BOOTED)
		page_group_by_mobility_disabled = !grouping;

	frag_fill(&unmovable, &movable, max_order, r);
	free_pages_list(&movable);
	drain_all_pages(nullptr);
	r->free_after = lowmem_free_pages();
	if (show)
		show();
	r->high_order_ok = frag_count_high_order();
	frag_under_load(r);

	free_pages_list(&unmovable);
	drain_all_pages(nullptr);
	page_group_by_mobility_disabled = was_disabled;
	for_each_whole_pageblock(restore_mt);
}

static void frag_physmap(struct seq_buf *s) { physmap_show(s, 0); }
static void frag_show_physmap(void) { show_view(frag_physmap); }

static unsigned long frag_percent(const struct frag_result *r)
{
	unsigned long room = r->free_after >> FRAG_ORDER;
	return room ? r->high_order_ok * 100 / room : 0;
}

static void frag_report(const char *title, const struct frag_result *r)
{
	pr_info("frag: %s: filled %lu pages, unmovable and movable in turn; freed the movable "
		"half\n",
		title, r->filled);
	pr_info("frag: %s: %lu pages free, room for %lu order-%d blocks; %lu order-%d requests "
		"succeed (%lu%%)\n",
		title, r->free_after, r->free_after >> FRAG_ORDER, FRAG_ORDER, r->high_order_ok,
		FRAG_ORDER, frag_percent(r));
	pr_info("frag: %s: under load (movable pages churning meanwhile): %lu of %lu succeed "
		"(%lu%%)\n",
		title, r->load_ok, r->load_tries,
		r->load_tries ? r->load_ok * 100 / r->load_tries : 0);
}

// After a round Ctrl-C cut short: its figures mean nothing, say so instead.
static bool frag_stopped(void)
{
	if (!shell_interrupted())
		return false;
	pr_info("frag: interrupted; every page and pageblock type is back as it was\n");
	return true;
}

void frag_demo(void)
{
	struct frag_result off, on;
	pr_info("frag: round 1: grouping by mobility off (every request is MIGRATE_UNMOVABLE)\n");
	frag_run(0, 0, &off, frag_show_physmap);
	if (frag_stopped())
		return;
	frag_report("grouping off", &off);
	pr_info("frag: round 2: grouping by mobility on (movable requests use MIGRATE_MOVABLE "
		"pageblocks)\n");
	frag_run(1, 0, &on, frag_show_physmap);
	if (frag_stopped())
		return;
	frag_report("grouping on", &on);
	pr_info("frag: order-%d success with grouping off %lu%%, on %lu%%; every page and "
		"pageblock type is back as it was\n",
		FRAG_ORDER, frag_percent(&off), frag_percent(&on));
}
