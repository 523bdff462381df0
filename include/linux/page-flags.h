#pragma once
// Page flags and page types (Linux: include/linux/page-flags.h); bit
// numbers are Linux 6.1's, so a flags word dumps the same in both kernels.
#include <linux/mm_types.h>

enum pageflags {
	PG_locked = 0,
	PG_referenced = 1,
	PG_uptodate = 2,
	PG_dirty = 3,
	PG_lru = 4,
	PG_active = 5,
	PG_slab = 9,
	PG_reserved = 12, // not managed by the buddy allocator (firmware, kernel image, holes)
	PG_private = 13,
	PG_writeback = 15,
	PG_head = 16, // first page of a compound page
	PG_swapbacked = 19,
	__NR_PAGEFLAGS = 20,
};

#define DEFINE_PAGEFLAG(name, bit)                                                                 \
	static inline bool Page##name(const struct page *p) { return p->flags & (1UL << (bit)); }  \
	static inline void __SetPage##name(struct page *p) { p->flags |= 1UL << (bit); }           \
	static inline void __ClearPage##name(struct page *p) { p->flags &= ~(1UL << (bit)); }
DEFINE_PAGEFLAG(Reserved, PG_reserved)
DEFINE_PAGEFLAG(Slab, PG_slab)
DEFINE_PAGEFLAG(Head, PG_head)
DEFINE_PAGEFLAG(Private, PG_private)
DEFINE_PAGEFLAG(Lru, PG_lru)
DEFINE_PAGEFLAG(Locked, PG_locked)
#undef DEFINE_PAGEFLAG
#define SetPageReserved __SetPageReserved
#define ClearPageReserved __ClearPageReserved

// Flags a page must not have when freed / when handed out (Linux's masks, our bits).
#define PAGE_FLAGS_CHECK_AT_FREE                                                                   \
	((1UL << PG_lru) | (1UL << PG_locked) | (1UL << PG_private) | (1UL << PG_writeback) |      \
	 (1UL << PG_reserved) | (1UL << PG_slab) | (1UL << PG_active) | (1UL << PG_swapbacked))
#define PAGE_FLAGS_CHECK_AT_PREP ((1UL << __NR_PAGEFLAGS) - 1)

/*
 * Page types share the word of _mapcount: a page that is not mapped has
 * _mapcount -1 (all ones); a type is a cleared bit under PAGE_TYPE_BASE.
 */
#define PAGE_TYPE_BASE 0xf0000000u
#define PG_buddy 0x00000080u // free, in the buddy allocator; private = order
#define PG_offline 0x00000100u
#define PG_table 0x00000200u

static inline bool PageBuddy(const struct page *p)
{
	return (p->page_type & (PAGE_TYPE_BASE | PG_buddy)) == PAGE_TYPE_BASE;
}
static inline void __SetPageBuddy(struct page *p) { p->page_type &= ~PG_buddy; }
static inline void __ClearPageBuddy(struct page *p) { p->page_type |= PG_buddy; }
