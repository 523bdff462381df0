#pragma once
/*
 * page_owner: who allocated each page, and who freed it last (Linux:
 * include/linux/page_owner.h, mm/page_owner.c). Off unless page_owner=on.
 */
#include <linux/compiler.h>
#include <linux/gfp.h>
#include <linux/mm_types.h>
#include <linux/stackdepot.h>
#include <linux/types.h>

struct seq_buf;

// Linux: the static key page_owner_inited, set by init_page_owner().
extern bool page_owner_inited;

// What Linux keeps in the page_ext of each page.
struct page_owner {
	unsigned short order;
	short last_migrate_reason; // -1: never migrated (nothing migrates here)
	gfp_t gfp_mask;
	depot_stack_handle_t handle;	  // allocation stack
	depot_stack_handle_t free_handle; // last free stack
	u64 ts_nsec, free_ts_nsec;	  // local_clock() at allocation, at free
	u8 flags;			  // PAGE_EXT_OWNER | PAGE_EXT_OWNER_ALLOCATED
};
#define PAGE_EXT_OWNER 0x1u	      // ever allocated while page_owner was on
#define PAGE_EXT_OWNER_ALLOCATED 0x2u // allocated now

// Boot (arch mem_init): the array from memblock, before memblock_free_all
// (Linux: page_ext_init_flatmem); then, with the buddy allocator up,
// page_owner on (Linux: page_ext_init_flatmem_late -> init_page_owner).
void page_ext_init_flatmem(void);
void page_ext_init_flatmem_late(void);

// The page's record, or NULL when page_owner is off.
struct page_owner *get_page_owner(const struct page *page);

void __set_page_owner(struct page *page, unsigned short order, gfp_t gfp_mask);
void __reset_page_owner(struct page *page, unsigned short order);
void __split_page_owner(struct page *page, unsigned int nr);
void __dump_page_owner(const struct page *page);

static __always_inline void set_page_owner(struct page *page, unsigned int order, gfp_t gfp_mask)
{
	if (page_owner_inited)
		__set_page_owner(page, (unsigned short)order, gfp_mask);
}
static __always_inline void reset_page_owner(struct page *page, unsigned int order)
{
	if (page_owner_inited)
		__reset_page_owner(page, (unsigned short)order);
}
static __always_inline void split_page_owner(struct page *page, unsigned int nr)
{
	if (page_owner_inited)
		__split_page_owner(page, nr);
}
static __always_inline void dump_page_owner(const struct page *page)
{
	if (page_owner_inited)
		__dump_page_owner(page);
}

// One record of /sys/kernel/debug/page_owner for the block at pfn (Linux:
// print_page_owner); the shell's `page_owner [max]` prints the first max.
void print_page_owner(struct seq_buf *s, unsigned long pfn, const struct page_owner *po);
// Calls fn for each allocated block head, as the debugfs read walks them
// (Linux: read_page_owner); stops when fn returns false. Returns how many.
unsigned long for_each_page_owner(bool (*fn)(unsigned long pfn, const struct page_owner *po,
					     void *arg),
				  void *arg);
