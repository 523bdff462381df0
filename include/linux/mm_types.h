#pragma once
/*
 * struct page: one per physical page frame (Linux: include/linux/mm_types.h).
 *
 * Every page of RAM has one, in the flat array mem_map[pfn]. Who owns the
 * page decides which arm of the union is in use; the comments name the
 * owner. On i386 it is 32 bytes, 0.78% of RAM (Linux's is 40 with its
 * config; the static_assert in mm/mm_init.cpp keeps ours at 32).
 */
#include <linux/list.h>
#include <linux/types.h>

struct kmem_cache;

typedef struct {
	int counter;
} atomic_t;

struct page {
	unsigned long flags; // PG_* bits low, the zone number in the top 2 bits
	union {
		struct {		      // buddy allocator, pcp lists, page cache, anon
			struct list_head lru; // free_area list or pcp list while free
			void *mapping;
			unsigned long index;
			unsigned long
			    private_; // Linux: page->private (a C++ keyword); buddy: the order
		};
		struct { // SLUB (mm/slub.cpp): this page heads a slab
			struct list_head
			    slab_list; // node partial/full list, or a CPU's partial list
			struct kmem_cache *slab_cache;
			void *freelist;		   // first free object, or NULL
			unsigned int inuse : 16;   // objects handed out (all of them while frozen)
			unsigned int objects : 15; // objects in the slab
			unsigned int frozen : 1;   // owned by a CPU: its freelist is the CPU's
		};
		struct { // page-table pages
			unsigned long _pt_pad_1;
			unsigned long _pt_pad_2;
			void *pt_mm; // the mm this table belongs to
			unsigned long pt_frag;
			unsigned long _pt_pad_3;
		};
		struct {			     // tail pages of a compound (__GFP_COMP) page
			unsigned long compound_head; // head page address | 1
			unsigned char compound_dtor;
			unsigned char compound_order;
		};
	};
	union {
		atomic_t _mapcount;	// page-table mappings - 1
		unsigned int page_type; // PG_buddy etc. when not mapped (see page-flags.h)
	};
	atomic_t _refcount; // references; 0 while free
};
