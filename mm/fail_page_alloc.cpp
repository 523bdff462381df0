/*
 * DOC: fail_page_alloc (Linux 6.1: in mm/page_alloc.c; mm/fail_page_alloc.c
 * from 6.6)
 *
 * Makes page allocations fail on purpose:
 *
 *   fail_page_alloc=<interval>,<probability>,<space>,<times>
 *
 * asked by __alloc_pages before it looks at any free list (Linux:
 * prepare_alloc_pages), so a forced failure is quiet: no "page allocation
 * failure" warning, no Mem-Info, just NULL. Linux 6.1's defaults, kept here:
 *   ignore-gfp-highmem = Y  __GFP_HIGHMEM allocations never fail
 *   ignore-gfp-wait = Y     allocations that may sleep (GFP_KERNEL) never fail
 *   min-order = 1           order-0 pages never fail
 * so out of the box only GFP_ATOMIC/GFP_NOWAIT blocks of two or more pages
 * do. __GFP_NOFAIL is always spared; __GFP_NOWARN fails without the report.
 * space is charged in pages (1 << order).
 *
 * Differs from Linux: the shell's `fail` command changes the knobs (Linux:
 * /sys/kernel/debug/fail_page_alloc/); there is no fail_page_alloc
 * stacktrace filter (require-start/end), as there is no debugfs to set it.
 */
#include <linux/fault-inject.h>
#include <linux/gfp.h>
#include <linux/init.h>

struct fail_page_alloc_attr fail_page_alloc = {FAULT_ATTR_INITIALIZER("fail_page_alloc"), true,
					       true, 1};

static int __init setup_fail_page_alloc(char *str)
{
	setup_fault_attr(&fail_page_alloc.attr, str);
	return 0;
}
__setup("fail_page_alloc=", setup_fail_page_alloc);

// Linux: __should_fail_alloc_page. True when this allocation is to fail;
// __alloc_pages then returns NULL without warn_alloc. Context: any.
bool should_fail_alloc_page(gfp_t gfp_mask, unsigned int order)
{
	int flags = 0;
	if (order < fail_page_alloc.min_order)
		return false;
	if (gfp_mask & __GFP_NOFAIL)
		return false;
	if (fail_page_alloc.ignore_gfp_highmem && (gfp_mask & __GFP_HIGHMEM))
		return false;
	if (fail_page_alloc.ignore_gfp_reclaim && (gfp_mask & __GFP_DIRECT_RECLAIM))
		return false;
	if (gfp_mask & __GFP_NOWARN)
		flags |= FAULT_NOWARN;
	return should_fail_ex(&fail_page_alloc.attr, 1L << order, flags);
}
