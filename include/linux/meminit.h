#pragma once
/*
 * Memory auto-initialisation: init_on_alloc=1 zeroes memory as it is handed
 * out, init_on_free=1 as it comes back (Linux: the init_on_alloc and
 * init_on_free static keys of mm/page_alloc.c, want_init_on_alloc() and
 * want_init_on_free() in include/linux/mm.h). The page allocator and SLUB
 * ask these; vmalloc and large kmalloc get it through the page allocator.
 */
#include <linux/gfp.h>
#include <linux/types.h>

struct page;

// Linux's static keys, plain bools here: set once by
// init_mem_debugging_and_hardening() before the first page is freed to the
// buddy allocator, and directly by host tests.
extern bool init_on_alloc, init_on_free;

// Linux: want_init_on_alloc. __GFP_ZERO asks for it whatever the option says.
static inline bool want_init_on_alloc(gfp_t flags) { return init_on_alloc || (flags & __GFP_ZERO); }
static inline bool want_init_on_free(void) { return init_on_free; }

// Zeroes numpages pages, highmem ones through a temporary mapping.
void kernel_init_pages(struct page *page, int numpages);
// page_poison=1 (mm/page_poison.cpp): it wins over init_on_alloc/init_on_free.
// Linux: page_poisoning_enabled{,_static}, kernel_{,un}poison_pages in mm.h.
extern bool _page_poisoning_enabled;
static inline bool page_poisoning_enabled_static(void) { return _page_poisoning_enabled; }
static inline bool page_poisoning_enabled(void) { return _page_poisoning_enabled; }
void __kernel_poison_pages(struct page *page, int numpages);
void __kernel_unpoison_pages(struct page *page, int numpages);
static inline void kernel_poison_pages(struct page *page, int numpages)
{
	if (page_poisoning_enabled_static())
		__kernel_poison_pages(page, numpages);
}
static inline void kernel_unpoison_pages(struct page *page, int numpages)
{
	if (page_poisoning_enabled_static())
		__kernel_unpoison_pages(page, numpages);
}
// The boot parameters become the settings (Linux: mm/page_alloc.c, called
// from mm_init() before mem_init()); then the "mem auto-init:" lines
// (Linux: init/main.c report_meminit).
void init_mem_debugging_and_hardening(void);
void report_meminit(void);
