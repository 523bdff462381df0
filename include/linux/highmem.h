#pragma once
/*
 * Temporary kernel mappings of any page (Linux: include/linux/highmem.h).
 * A lowmem page already has an address; a highmem page is mapped into a
 * fixmap slot for as long as the caller needs it. Mappings nest like a
 * stack: unmap in the reverse order.
 */
#include <linux/mm.h>

void *kmap_local_page(struct page *page);
void kunmap_local(const void *vaddr);
// How many kmap_local mappings are live (tests).
int kmap_local_depth(void);

static inline void clear_highpage(struct page *page)
{
	void *addr = kmap_local_page(page);
	__builtin_memset(addr, 0, PAGE_SIZE);
	kunmap_local(addr);
}
