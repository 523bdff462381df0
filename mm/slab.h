#pragma once
// What mm/slub.cpp and mm/slab_common.cpp share (Linux: mm/slab.h).
#include <linux/list.h>
#include <linux/meminit.h>
#include <linux/mm.h>
#include <linux/slub_def.h>

extern struct list_head slab_caches;
extern struct kmem_cache *kmem_cache;	// the cache of struct kmem_cache itself
extern unsigned long slub_debug_errors; // reports printed (tests count them)
extern unsigned long slab_pages;	// pages in slabs, for meminfo

// Kinds of kmalloc cache (Linux: enum kmalloc_cache_type, less cgroup/reclaim).
enum kmalloc_cache_type { KMALLOC_NORMAL, KMALLOC_DMA, NR_KMALLOC_TYPES };
extern struct kmem_cache *kmalloc_caches[NR_KMALLOC_TYPES][KMALLOC_SHIFT_HIGH + 1];

int __kmem_cache_create(struct kmem_cache *s, slab_flags_t flags);
int __kmem_cache_shutdown(struct kmem_cache *s);
struct kmem_cache *create_boot_cache(struct kmem_cache *s, const char *name, unsigned int size,
				     slab_flags_t flags, unsigned int align);
void *__kmem_cache_alloc(struct kmem_cache *s, gfp_t flags, size_t orig_size, unsigned long caller);
void __kmem_cache_free(struct kmem_cache *s, void *x, unsigned long caller);
void slab_free(struct kmem_cache *s, struct page *slab, void *x, unsigned long caller);

/*
 * Linux: slab_want_init_on_alloc. A constructor's work must
 * survive allocation, and a poisoning cache's pattern is the point of it:
 * those are zeroed only when asked (for a ctor cache, not even then, as in
 * Linux). SLAB_TYPESAFE_BY_RCU, Linux's third exception, does not exist here.
 */
static inline bool slab_want_init_on_alloc(gfp_t flags, const struct kmem_cache *s)
{
	if (!init_on_alloc)
		return flags & __GFP_ZERO;
	if (s->ctor)
		return false;
	if (s->flags & SLAB_POISON)
		return flags & __GFP_ZERO;
	return true;
}

// Linux: slab_want_init_on_free. The same exceptions.
static inline bool slab_want_init_on_free(const struct kmem_cache *s)
{
	return init_on_free && !s->ctor && !(s->flags & SLAB_POISON);
}

slab_flags_t kmem_cache_flags(unsigned int object_size, slab_flags_t flags, const char *name);
void slub_bootstrap_kmem_cache(struct kmem_cache *static_cache);

// The slab (head page) an object lives in, or NULL if it is not slab memory.
struct page *virt_to_slab(const void *obj);
static inline struct page *compound_head(struct page *page)
{
	unsigned long head = page->compound_head;
	return (head & 1) ? (struct page *)(head - 1) : page;
}

// Every cache shrunk and every pcp list drained: the free page count that a
// workload (a test, a shell command) must come back to when it has freed
// everything.
static inline unsigned long settled_free_pages(void)
{
	struct kmem_cache *s;
	list_for_each_entry(s, &slab_caches, list) kmem_cache_shrink(s);
	drain_all_pages(nullptr);
	return nr_free_pages();
}

void slab_counts(struct kmem_cache *s, unsigned long *active_objs, unsigned long *num_objs,
		 unsigned long *num_slabs);
unsigned int oo_order_of(const struct kmem_cache *s);
// The size kmalloc was asked for, if the cache records it (a SLAB_KMALLOC
// cache with U), else the object size (Linux: get_orig_size).
unsigned int get_orig_size(const struct kmem_cache *s, void *object);
// krealloc within the object: moves a debug cache's kmalloc red zone;
// returns the size recorded before (0 if the cache records none).
size_t kmalloc_resize_in_place(void *obj, size_t new_size);
