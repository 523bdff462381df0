/*
 * DOC: page_owner (Linux: mm/page_owner.c)
 *
 * With page_owner=on every allocation records, for each of its pages, the
 * order, the gfp mask, a timestamp and the call stack (stored once in the
 * stack depot, a handle per page); every free records the free stack and
 * time and clears "allocated". The shell's `page <pfn>` prints the record
 * (dump_page -> __dump_page_owner), and `page_owner` walks all allocated
 * blocks in the format of Linux's /sys/kernel/debug/page_owner, the file
 * tools/mm/page_owner_sort reads.
 *
 * Differs from Linux: the records are a flat array from memblock, one per
 * pfn, and page_owner is its only user (Linux's page_ext is shared by
 * several clients and has a flags word per page); there are no tasks, so
 * pid and tgid are 0 and the comm is "swapper/0" (Linux's boot-time
 * context); nothing migrates, so last_migrate_reason stays -1.
 */
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/kstrtox.h>
#include <linux/memblock.h>
#include <linux/mm.h>
#include <linux/page_owner.h>
#include <linux/sched_clock.h>
#include <linux/seq_buf.h>
#include <linux/sprintf.h>
#include <linux/stacktrace.h>
#include <linux/string.h>

#include "internal.h"

#define PAGE_OWNER_STACK_DEPTH 16

static bool page_owner_enabled;
bool page_owner_inited;
static struct page_owner *page_owners; // [0, page_owners_nr)
static unsigned long page_owners_nr;
static depot_stack_handle_t early_handle;

static int __init early_page_owner_param(char *buf)
{
	int ret = kstrtobool(buf, &page_owner_enabled);
	if (page_owner_enabled)
		stack_depot_request_early_init();
	return ret;
}
early_param("page_owner", early_page_owner_param);

// Linux: page_ext_init_flatmem (alloc_node_page_ext for node 0). One record
// per pfn from memblock when page_owner=on; panics if memblock has no room.
// Context: boot, before memblock_free_all.
void __init page_ext_init_flatmem(void)
{
	page_owners = nullptr; // a host test's second boot must not find the first one's
	page_owner_inited = false;
	if (!page_owner_enabled)
		return;
	page_owners_nr = max_mapnr;
	unsigned long size = page_owners_nr * sizeof(struct page_owner);
	page_owners = (struct page_owner *)memblock_alloc(size, sizeof(u64));
	if (!page_owners) {
		pr_crit("allocation of page_ext failed.\n");
		panic("Out of memory");
	}
	pr_info("allocated %lu bytes of page_ext\n", size);
	stack_depot_early_init(); // Linux: mm_init calls it right after
}

// Linux: get_page_owner (via page_ext). NULL when page_owner is off or the
// pfn has no record. Context: any.
struct page_owner *get_page_owner(const struct page *page)
{
	unsigned long pfn = page_to_pfn(page);
	return page_owners && pfn < page_owners_nr ? &page_owners[pfn] : nullptr;
}

static noinline depot_stack_handle_t save_stack(gfp_t flags)
{
	unsigned long entries[PAGE_OWNER_STACK_DEPTH];
	unsigned int nr_entries = stack_trace_save(entries, ARRAY_SIZE(entries), 2);
	return stack_depot_save(entries, nr_entries, flags);
}

static void __set_page_owner_handle(struct page_owner *po, depot_stack_handle_t handle,
				    unsigned short order, gfp_t gfp_mask)
{
	u64 ts_nsec = local_clock();
	for (unsigned long i = 0; i < (1UL << order); i++, po++) {
		po->handle = handle;
		po->order = order;
		po->gfp_mask = gfp_mask;
		po->last_migrate_reason = -1;
		po->ts_nsec = ts_nsec;
		po->flags |= PAGE_EXT_OWNER | PAGE_EXT_OWNER_ALLOCATED;
	}
}

// Linux: __set_page_owner, from prep_new_page through set_page_owner().
// Records stack, order, gfp and time for each page of the block; the stack
// depot may fail quietly (handle 0). Context: any; it does not sleep.
noinline void __set_page_owner(struct page *page, unsigned short order, gfp_t gfp_mask)
{
	depot_stack_handle_t handle = save_stack(gfp_mask);
	struct page_owner *po = get_page_owner(page);
	if (po && page_to_pfn(page) + (1UL << order) <= page_owners_nr)
		__set_page_owner_handle(po, handle, order, gfp_mask);
}

// Linux: __reset_page_owner, from free_pages_prepare: the free stack and
// time, "allocated" cleared. Context: as __set_page_owner.
void __reset_page_owner(struct page *page, unsigned short order)
{
	struct page_owner *po = get_page_owner(page);
	if (!po || page_to_pfn(page) + (1UL << order) > page_owners_nr)
		return;
	depot_stack_handle_t handle = save_stack(GFP_NOWAIT | __GFP_NOWARN);
	u64 free_ts_nsec = local_clock();
	for (unsigned long i = 0; i < (1UL << order); i++, po++) {
		po->flags &= ~PAGE_EXT_OWNER_ALLOCATED;
		po->free_handle = handle;
		po->free_ts_nsec = free_ts_nsec;
	}
}

// Linux: __split_page_owner, from split_page: each page an order-0 record.
// Context: any.
void __split_page_owner(struct page *page, unsigned int nr)
{
	struct page_owner *po = get_page_owner(page);
	for (unsigned int i = 0; po && i < nr && page_to_pfn(page) + i < page_owners_nr; i++)
		po[i].order = 0;
}

// Linux: init_pages_in_zone. Pages handed out before page_owner was on get
// the early stack; reserved pages (memblock's) are not the allocator's.
static void init_pages_in_zone(struct zone *zone)
{
	unsigned long count = 0, end = min(zone_end_pfn(zone), page_owners_nr);
	for (unsigned long pfn = zone->zone_start_pfn; pfn < end; pfn++) {
		struct page *page = pfn_to_page(pfn);
		if (PageBuddy(page)) {
			unsigned long order = buddy_order(page);
			if (order > 0 && order < MAX_ORDER)
				pfn += (1UL << order) - 1;
			continue;
		}
		if (PageReserved(page) || (page_owners[pfn].flags & PAGE_EXT_OWNER))
			continue;
		__set_page_owner_handle(&page_owners[pfn], early_handle, 0, (gfp_t)0);
		count++;
	}
	pr_info("Node %d, zone %8s: page owner found early allocated %lu pages\n", 0, zone->name,
		count);
}

// Linux: page_ext_init_flatmem_late -> init_page_owner. Context: boot, once,
// after memblock_free_all; from then on page_owner_inited is true.
void __init page_ext_init_flatmem_late(void)
{
	if (!page_owners)
		return;
	early_handle = save_stack(GFP_KERNEL); // Linux: create_dummy_stack
	struct zone *zone;
	for_each_populated_zone(zone)
		init_pages_in_zone(zone);
	page_owner_inited = true;
}

static const char page_owner_comm[] = "swapper/0"; // no tasks: the boot context's name

// Linux: __dump_page_owner, the end of dump_page(), at KERN_ALERT.
// Context: any, interrupts on or off; it does not sleep.
void __dump_page_owner(const struct page *page)
{
	const struct page_owner *po = get_page_owner(page);
	if (!po) {
		pr_alert("There is not page extension available.\n");
		return;
	}
	if (!(po->flags & PAGE_EXT_OWNER)) {
		pr_alert("page_owner info is not present (never set?)\n");
		return;
	}
	if (po->flags & PAGE_EXT_OWNER_ALLOCATED)
		pr_alert("page_owner tracks the page as allocated\n");
	else
		pr_alert("page_owner tracks the page as freed\n");
	char gfp[256];
	gfp_flags_str(po->gfp_mask, gfp, sizeof(gfp));
	pr_alert("page last allocated via order %u, migratetype %s, gfp_mask %#x(%s), pid %d, tgid "
		 "%d (%s), ts %llu, free_ts %llu\n",
		 po->order, migratetype_names[gfp_migratetype(po->gfp_mask)], po->gfp_mask, gfp, 0,
		 0, page_owner_comm, (unsigned long long)po->ts_nsec,
		 (unsigned long long)po->free_ts_nsec);
	if (!po->handle)
		pr_alert("page_owner allocation stack trace missing\n");
	else
		stack_depot_print(po->handle);
	if (!po->free_handle) {
		pr_alert("page_owner free stack trace missing\n");
	} else {
		pr_alert("page last free stack trace:\n");
		stack_depot_print(po->free_handle);
	}
	if (po->last_migrate_reason != -1)
		pr_alert("page has been migrated, last migrate reason: %d\n",
			 po->last_migrate_reason);
}

// Linux: print_page_owner. The allocation, the pageblock's types (a block
// of another type than the allocation's is what fragments memory), the
// stack and a blank line; a full seq_buf cuts the text. Context: any.
void print_page_owner(struct seq_buf *s, unsigned long pfn, const struct page_owner *po)
{
	const struct page *page = pfn_to_page(pfn);
	char gfp[256], flags[128], stack[PAGE_OWNER_STACK_DEPTH * 96];
	gfp_flags_str(po->gfp_mask, gfp, sizeof(gfp));
	page_flags_str(page->flags, flags, sizeof(flags));
	seq_buf_printf(s,
		       "Page allocated via order %u, mask %#x(%s), pid %d, tgid %d (%s), ts %llu "
		       "ns, free_ts %llu ns\n",
		       po->order, po->gfp_mask, gfp, 0, 0, page_owner_comm,
		       (unsigned long long)po->ts_nsec, (unsigned long long)po->free_ts_nsec);
	seq_buf_printf(s, "PFN %lu type %s Block %lu type %s Flags %s\n", pfn,
		       migratetype_names[gfp_migratetype(po->gfp_mask)], pfn >> pageblock_order,
		       migratetype_names[get_pageblock_migratetype(page)], flags);
	stack_depot_snprint(po->handle, stack, sizeof(stack), 0);
	seq_buf_printf(s, "%s", stack);
	if (po->last_migrate_reason != -1)
		seq_buf_printf(s, "Page has been migrated, last migrate reason: %d\n",
			       po->last_migrate_reason);
	seq_buf_printf(s, "\n");
}

// Linux: read_page_owner's walk. Free blocks are skipped whole, and of an
// allocated block only the head (a pfn aligned to its order) is shown.
// Returns the blocks visited; fn returning false stops the walk.
// Context: nothing may allocate or free during the walk (the shell, tests).
unsigned long for_each_page_owner(bool (*fn)(unsigned long pfn, const struct page_owner *po,
					     void *arg),
				  void *arg)
{
	unsigned long n = 0;
	for (unsigned long pfn = 0; page_owners && pfn < page_owners_nr; pfn++) {
		struct page *page = pfn_to_page(pfn);
		if (PageBuddy(page)) {
			unsigned long order = buddy_order(page);
			if (order < MAX_ORDER)
				pfn += (1UL << order) - 1;
			continue;
		}
		const struct page_owner *po = &page_owners[pfn];
		if (!(po->flags & PAGE_EXT_OWNER) || !(po->flags & PAGE_EXT_OWNER_ALLOCATED))
			continue;
		if (!IS_ALIGNED(pfn, 1UL << po->order) || !po->handle)
			continue;
		n++;
		if (!fn(pfn, po, arg))
			break;
	}
	return n;
}
