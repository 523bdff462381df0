#pragma once
// What the files of mm/ share and nobody else needs (Linux: mm/internal.h).
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/mm_space.h>
#include <linux/mmzone.h>

// WARN_ON_ONCE, unless the caller asked for quiet: __GFP_NOWARN neither
// warns nor uses up the once (Linux: mm/internal.h).
#define WARN_ON_ONCE_GFP(cond, gfp)                                                                \
	({                                                                                         \
		bool __c2 = !!(cond);                                                              \
		WARN_ON_ONCE(__c2 && !((gfp)&__GFP_NOWARN));                                       \
		__c2;                                                                              \
	})

#define NR_PAGEBLOCK_BITS 4 // migratetype (3 bits) + one spare, as in Linux

extern bool page_group_by_mobility_disabled;
extern unsigned long vm_total_pages;
extern int min_free_kbytes;

// mm_init.cpp
void memblock_free_pages(struct page *page, unsigned long pfn, unsigned int order);

// page_alloc.cpp
void __free_pages_core(struct page *page, unsigned int order);
void set_pageblock_migratetype(struct page *page, int migratetype);
int get_pageblock_migratetype(const struct page *page);
unsigned long nr_free_zone_pages(int high_zoneidx);
enum zone_type gfp_zone(gfp_t flags);
int gfp_migratetype(gfp_t flags);
bool zone_watermark_ok(struct zone *z, unsigned int order, unsigned long mark, int highest_zoneidx,
		       unsigned int alloc_flags);

// Flags that steer get_page_from_freelist (Linux's ALLOC_*).
#define ALLOC_WMARK_MIN WMARK_MIN
#define ALLOC_WMARK_LOW WMARK_LOW
#define ALLOC_WMARK_HIGH WMARK_HIGH
#define ALLOC_NO_WATERMARKS 0x04 // ignore all watermarks
#define ALLOC_WMARK_MASK (ALLOC_NO_WATERMARKS - 1)
#define ALLOC_HARDER 0x10 // try to alloc harder (atomic callers)
#define ALLOC_HIGH 0x20	  // __GFP_HIGH set
unsigned int gfp_to_alloc_flags(gfp_t gfp_mask);

// What an allocation may use, worked out once in __alloc_pages (Linux: struct alloc_context).
struct alloc_context {
	struct zonelist *zonelist;
	int highest_zoneidx;
	int migratetype;
};
unsigned long move_freepages_block(struct zone *zone, struct page *page, int mt);

// The order of a free block's head page (PageBuddy), kept in page->private.
static inline unsigned int buddy_order(const struct page *page)
{
	return (unsigned int)page_private(page);
}

// Linux: __find_buddy_pfn. The other half of the order + 1 block pfn is in.
static inline unsigned long __find_buddy_pfn(unsigned long page_pfn, unsigned int order)
{
	return page_pfn ^ (1UL << order);
}

// Linux: page_is_buddy. buddy may merge with page: free, of order, same zone.
static inline bool page_is_buddy(const struct page *page, const struct page *buddy,
				 unsigned int order)
{
	return PageBuddy(buddy) && buddy_order(buddy) == order &&
	       page_zone(buddy) == page_zone(page);
}

/*
 * Linux: find_buddy_page_pfn. page's buddy at order if it may merge, else
 * NULL; *buddy_pfn (if not NULL) gets its pfn either way. Differs from
 * Linux: a buddy past the end of mem_map (pfn_valid) is never one, as the
 * struct pages beyond max_mapnr are not initialised.
 */
static inline struct page *find_buddy_page_pfn(struct page *page, unsigned long pfn,
					       unsigned int order, unsigned long *buddy_pfn)
{
	unsigned long __buddy_pfn = __find_buddy_pfn(pfn, order);
	struct page *buddy = page + (__buddy_pfn - pfn);
	if (buddy_pfn)
		*buddy_pfn = __buddy_pfn;
	if (pfn_valid(__buddy_pfn) && page_is_buddy(page, buddy, order))
		return buddy;
	return nullptr;
}

// Address spaces (mm/mmap.cpp, mm/memory.cpp, mm/mprotect.cpp, mm/mremap.cpp).
struct mm_struct;
struct vm_area_struct;
struct file;
void zap_page_range(struct mm_struct *mm, unsigned long start, unsigned long end);
void free_pgtables(struct mm_struct *mm);
int copy_page_range(struct mm_struct *dst, struct mm_struct *src, struct vm_area_struct *vma);
// Rewrites the ptes of [start, end) for vma's new vm_page_prot (Linux: change_protection).
void change_protection(struct vm_area_struct *vma, unsigned long start, unsigned long end);
// Moves len bytes of ptes from old_addr to new_addr; the bytes moved (Linux: move_page_tables).
unsigned long move_page_tables(struct vm_area_struct *vma, unsigned long old_addr,
			       struct vm_area_struct *new_vma, unsigned long new_addr,
			       unsigned long len);
// Faults the pages of [start, end) of vma in, writing if it is private writable
// (Linux: populate_vma_page_range); 0 or -EFAULT/-ENOMEM.
long populate_vma_page_range(struct vm_area_struct *vma, unsigned long start, unsigned long end);
void anon_vma_put(struct anon_vma *av);
// Gives vma an anon_vma before its first anonymous page (Linux: anon_vma_prepare).
int anon_vma_prepare(struct vm_area_struct *vma);

// VMA bookkeeping shared by mmap, mprotect, mremap and madvise (mm/mmap.cpp).
struct vm_area_struct *vm_area_dup(struct vm_area_struct *orig);
void vm_area_free(struct vm_area_struct *vma);
void vma_link(struct mm_struct *mm, struct vm_area_struct *vma);
int __split_vma(struct mm_struct *mm, struct vm_area_struct *vma, unsigned long addr,
		int new_below);
int split_vma(struct mm_struct *mm, struct vm_area_struct *vma, unsigned long addr, int new_below);
struct vm_area_struct *vma_modify_flags(struct mm_struct *mm, struct vm_area_struct *prev,
					struct vm_area_struct *vma, unsigned long start,
					unsigned long end, unsigned long new_flags);
struct vm_area_struct *vma_merge(struct mm_struct *mm, struct vm_area_struct *prev,
				 unsigned long addr, unsigned long end, unsigned long vm_flags,
				 struct anon_vma *av, struct file *file, unsigned long pgoff);
struct vm_area_struct *copy_vma(struct vm_area_struct **vmap, unsigned long addr, unsigned long len,
				unsigned long pgoff);
struct vm_area_struct *vma_next(struct mm_struct *mm, struct vm_area_struct *vma);
struct vm_area_struct *vma_prev(struct mm_struct *mm, struct vm_area_struct *vma);
bool may_expand_vm(struct mm_struct *mm, unsigned long flags, unsigned long npages);
void vm_stat_account(struct mm_struct *mm, unsigned long flags, long npages);
int mlock_future_check(struct mm_struct *mm, unsigned long flags, unsigned long len);
// Charges pages to the commitment: 0, or -ENOMEM with nothing charged.
int security_vm_enough_memory_mm(struct mm_struct *mm, long pages);

static inline bool is_exec_mapping(unsigned long flags)
{
	return (flags & (VM_EXEC | VM_WRITE | VM_STACK)) == VM_EXEC;
}
static inline bool is_stack_mapping(unsigned long flags) { return (flags & VM_STACK) == VM_STACK; }
static inline bool is_data_mapping(unsigned long flags)
{
	return (flags & (VM_WRITE | VM_SHARED | VM_STACK)) == VM_WRITE;
}
