#pragma once
/*
 * Temporary kernel mappings of any page (Linux: include/linux/highmem.h).
 * A lowmem page already has an address; a highmem page is mapped into a
 * fixmap slot for as long as the caller needs it. Mappings nest like a
 * stack: unmap in the reverse order.
 */
#include <linux/mm.h>

// kmap: a mapping that may be held for long, in the pkmap area. Each kmap
// needs a kunmap; a page kmapped twice shares one slot (pkmap_count).
void *kmap(struct page *page);
void kunmap(struct page *page);
// The pkmap address of a kmapped highmem page, or NULL (page_address uses it).
void *pkmap_page_address(const struct page *page);
void kmap_init(void);
// Slots in use (tests, the shell).
int nr_pkmaps_in_use(void);

void *kmap_local_page(struct page *page);
void *kmap_local_pfn(unsigned long pfn);

void kunmap_local(const void *vaddr);
// How many kmap_local mappings are live (tests).
int kmap_local_depth(void);

static inline void clear_highpage(struct page *page)
{
	void *addr = kmap_local_page(page);
	__builtin_memset(addr, 0, PAGE_SIZE);
	kunmap_local(addr);
}

// Linux's older names for the same thing.
static inline void *kmap_atomic(struct page *page) { return kmap_local_page(page); }
static inline void kunmap_atomic(const void *addr) { kunmap_local(addr); }

static inline void copy_highpage(struct page *to, struct page *from)
{
	void *src = kmap_local_page(from), *dst = kmap_local_page(to);
	__builtin_memcpy(dst, src, PAGE_SIZE);
	kunmap_local(dst);
	kunmap_local(src);
}

static inline void memcpy_to_page(struct page *page, size_t offset, const void *from, size_t len)
{
	u8 *to = (u8 *)kmap_local_page(page);
	__builtin_memcpy(to + offset, from, len);
	kunmap_local(to);
}
