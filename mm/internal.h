#pragma once
// What the files of mm/ share and nobody else needs (Linux: mm/internal.h).
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/mmzone.h>

#define NR_PAGEBLOCK_BITS 4 // migratetype (3 bits) + one spare, as in Linux

extern bool page_group_by_mobility_disabled;
extern unsigned long vm_total_pages;
extern int min_free_kbytes;

// page_alloc.cpp
void memblock_free_pages(struct page *page, unsigned long pfn, unsigned int order);
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
unsigned long move_freepages_block(struct zone *zone, struct page *page, int mt);

// The order of a free block's head page (PageBuddy), kept in page->private.
static inline unsigned int buddy_order(const struct page *page)
{
	return (unsigned int)page_private(page);
}

// Address spaces (mm/mmap.cpp, mm/memory.cpp).
struct mm_struct;
struct vm_area_struct;
void zap_page_range(struct mm_struct *mm, unsigned long start, unsigned long end);
void free_pgtables(struct mm_struct *mm);
int copy_page_range(struct mm_struct *dst, struct mm_struct *src, struct vm_area_struct *vma);
