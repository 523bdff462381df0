/*
 * DOC: debug_pagealloc (Linux: mm/debug_page_alloc.c and its hooks)
 *
 * With debug_pagealloc=on a page that goes back to the allocator is taken
 * out of the direct map (free_pages_prepare -> debug_pagealloc_unmap_pages,
 * after page poisoning has filled it) and put back when it is handed out
 * again (post_alloc_hook -> debug_pagealloc_map_pages, before the poison is
 * checked or the page zeroed). Kernel code that keeps using a freed page
 * through its direct-map address then faults at the very access instead of
 * corrupting whoever owns the page next. The buddy allocator itself only
 * touches struct page (mem_map, outside the pages), so it never notices.
 *
 * To unmap one page the direct map must be made of 4 KiB pages: the x86
 * init does not use 4 MiB pages when debug_pagealloc is on (Linux:
 * probe_page_size_mask), and arch/x86/mm/set_memory.cpp flips the ptes.
 * Highmem pages are not in the direct map and are left alone, as in Linux.
 *
 * Differs from Linux: no debug_guardpage_minorder= (guard pages around
 * split blocks); the oops gets a hint line naming the free page (not in
 * Linux), and the shell's `page` says whether the page is unmapped.
 */
#include <asm/page_types.h>
#include <linux/debug_pagealloc.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/kstrtox.h>
#include <linux/memblock.h>
#include <linux/mm.h>
#include <linux/sprintf.h>

#include "internal.h"

bool _debug_pagealloc_enabled_early;
bool _debug_pagealloc_enabled;

// "debug_pagealloc=on": kstrtobool's words; anything else is Linux's
// "Malformed early option" and the setting stays as it was.
static int __init early_debug_pagealloc(char *buf)
{
	return kstrtobool(buf, &_debug_pagealloc_enabled_early);
}
early_param("debug_pagealloc", early_debug_pagealloc);

// Linux: init_debug_pagealloc. The parsed option becomes the setting the
// hooks test. Context: boot, before memblock_free_all.
void __init init_debug_pagealloc(void) { _debug_pagealloc_enabled = debug_pagealloc_enabled(); }

// Linux: is_free_buddy_page. The page is inside a free block on the buddy
// lists; *order gets the block's order.
static bool free_buddy_order(struct page *page, unsigned int *order)
{
	unsigned long pfn = page_to_pfn(page);
	for (unsigned int o = 0; o < MAX_ORDER; o++) {
		struct page *head = page - (pfn & ((1UL << o) - 1));
		if (PageBuddy(head) && buddy_order(head) >= o) {
			*order = buddy_order(head);
			return true;
		}
	}
	return false;
}

static bool on_pcp_list(struct page *page)
{
	unsigned int cpu;
	for_each_possible_cpu(cpu) {
		struct per_cpu_pages *pcp = per_cpu_ptr(page_zone(page)->per_cpu_pageset, cpu);
		for (int mt = 0; mt < MIGRATE_PCPTYPES; mt++) {
			struct page *p;
			list_for_each_entry(p, &pcp->lists[mt], lru) {
				if (p == page)
					return true;
			}
		}
	}
	return false;
}

// Not in Linux: where a page is, in words ("free, in a free block of order
// 3"). The text is in a static buffer, valid until the next call.
// Context: any, interrupts off is safest (it walks the pcp list).
const char *debug_pagealloc_page_state(struct page *page)
{
	static char buf[64];
	unsigned int order;
	if (free_buddy_order(page, &order))
		scnprintf(buf, sizeof(buf), "free, in a free block of order %u", order);
	else if (on_pcp_list(page))
		scnprintf(buf, sizeof(buf), "free, on the pcp list of zone %s",
			  page_zone(page)->name);
	else if (!page_ref_count(page) && !PageReserved(page))
		scnprintf(buf, sizeof(buf), "free (refcount 0)");
	else
		scnprintf(buf, sizeof(buf), "in use (refcount %d)", page_ref_count(page));
	return buf;
}

// The lowmem page at direct-map address addr, or NULL.
static struct page *direct_map_page(unsigned long addr)
{
	if (addr < PAGE_OFFSET)
		return nullptr;
	unsigned long pfn = (addr - PAGE_OFFSET) >> PAGE_SHIFT;
	if (pfn >= max_low_pfn || !pfn_valid(pfn))
		return nullptr;
	return pfn_to_page(pfn);
}

// Context: the page fault handler's oops path; interrupts off, no sleeping.
bool debug_pagealloc_fault_hint(unsigned long addr)
{
	struct page *page = direct_map_page(addr);
	if (!debug_pagealloc_enabled_static() || !page || kernel_page_present(page))
		return false;
	pr_alert("hint: %08lx is in pfn %#lx, which is %s: debug_pagealloc unmapped it when it "
		 "was freed, so this is a use-after-free of a page\n",
		 addr, page_to_pfn(page), debug_pagealloc_page_state(page));
	return true;
}

// Context: the shell; any, it does not sleep.
void debug_pagealloc_show_page(struct page *page)
{
	if (!debug_pagealloc_enabled_static() || PageHighMem(page) ||
	    page_to_pfn(page) >= max_low_pfn)
		return;
	unsigned long va = PAGE_OFFSET + (unsigned long)page_to_phys(page);
	if (kernel_page_present(page))
		pr_info("debug_pagealloc: pfn %#lx is mapped at %08lx (%s)\n", page_to_pfn(page),
			va, debug_pagealloc_page_state(page));
	else
		pr_info("debug_pagealloc: pfn %#lx is unmapped from the direct map (%08lx): %s\n",
			page_to_pfn(page), va, debug_pagealloc_page_state(page));
}
