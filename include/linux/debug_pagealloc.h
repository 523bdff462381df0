#pragma once
/*
 * debug_pagealloc: free lowmem pages are unmapped from the direct map, so a
 * use-after-free of a page faults at the access (Linux: include/linux/mm.h's
 * debug_pagealloc part, mm/debug_page_alloc.c, and the arch's
 * __kernel_map_pages in arch/x86/mm/pat/set_memory.c).
 */
#include <linux/mm_types.h>
#include <linux/types.h>

// debug_pagealloc=on|off, as parsed (Linux: _debug_pagealloc_enabled_early);
// the arch reads it while building the direct map.
extern bool _debug_pagealloc_enabled_early;
// Set by init_debug_pagealloc() once the direct map is 4 KiB pages (Linux:
// the static key _debug_pagealloc_enabled).
extern bool _debug_pagealloc_enabled;

static inline bool debug_pagealloc_enabled(void) { return _debug_pagealloc_enabled_early; }
static inline bool debug_pagealloc_enabled_static(void) { return _debug_pagealloc_enabled; }

// Linux: the debug_pagealloc part of init_mem_debugging_and_hardening();
// before memblock_free_all(), so every page it frees is unmapped.
void init_debug_pagealloc(void);

// The arch: (un)maps numpages pages of the direct map and flushes the TLB.
void __kernel_map_pages(struct page *page, int numpages, int enable);
// Whether the direct map has a present pte for the page (true for highmem).
bool kernel_page_present(struct page *page);

static inline void debug_pagealloc_map_pages(struct page *page, int numpages)
{
	if (debug_pagealloc_enabled_static())
		__kernel_map_pages(page, numpages, 1);
}
static inline void debug_pagealloc_unmap_pages(struct page *page, int numpages)
{
	if (debug_pagealloc_enabled_static())
		__kernel_map_pages(page, numpages, 0);
}

// Not in Linux, for students. If addr is a direct-map address of a page
// debug_pagealloc unmapped, prints the oops's hint line and returns true.
bool debug_pagealloc_fault_hint(unsigned long addr);
// The shell's `page`: one line on whether debug_pagealloc unmapped the page.
void debug_pagealloc_show_page(struct page *page);
// What the page is to the allocator while unmapped: "free" words for the hint.
const char *debug_pagealloc_page_state(struct page *page);
