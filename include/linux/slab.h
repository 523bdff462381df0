#pragma once
/*
 * Small objects: slab caches and kmalloc (Linux: include/linux/slab.h).
 *
 *   kmem_cache  -- a pool of equal-sized objects ("kmalloc-64", "vmap_area")
 *     slab      -- one or more pages cut into objects (struct page holds its state)
 *       object  -- what the caller gets
 *
 * kmalloc(size) picks the cache of the next size class up (8 ... 8k, plus
 * 96 and 192); bigger requests go straight to the page allocator. Each
 * entry point's contract is at its definition (mm/slab_common.cpp,
 * mm/slub.cpp).
 */
#include <linux/gfp.h>
#include <linux/types.h>

typedef unsigned int slab_flags_t;
#define SLAB_CONSISTENCY_CHECKS 0x00000100u // F: sanity checks
#define SLAB_RED_ZONE 0x00000400u	    // Z: red zones around objects
#define SLAB_POISON 0x00000800u		    // P: poison free objects
#define SLAB_HWCACHE_ALIGN 0x00002000u	    // align objects on cache lines
#define SLAB_CACHE_DMA 0x00004000u	    // use GFP_DMA memory
#define SLAB_STORE_USER 0x00010000u	    // U: record who allocated and freed
#define SLAB_PANIC 0x00040000u		    // panic if creation fails
#define SLAB_RECLAIM_ACCOUNT 0x00020000u
#define SLAB_FAILSLAB 0x02000000u      // failslab's cache-filter picks it
#define SLAB_KMALLOC 0x00001000u       // a kmalloc cache (internal)
#define SLAB_NO_USER_FLAGS 0x10000000u // slub_debug= leaves this cache alone (tests)
#define SLAB_SKIP_KFENCE 0x20000000u   // KFENCE never samples this cache (Linux 6.1's bit)
#define __OBJECT_POISON 0x80000000u    // poisoning is on for this cache (internal)
#define SLAB_DEBUG_FLAGS (SLAB_CONSISTENCY_CHECKS | SLAB_RED_ZONE | SLAB_POISON | SLAB_STORE_USER)

#define L1_CACHE_BYTES 32 // as Debian's i686 Linux ("SLUB: HWalign=32")
#define ARCH_KMALLOC_MINALIGN 8
#define KMALLOC_SHIFT_LOW 3
#define KMALLOC_SHIFT_HIGH 13 // kmalloc-8k: two pages
#define KMALLOC_MAX_CACHE_SIZE (1UL << KMALLOC_SHIFT_HIGH)
// The most kmalloc can ever give: the largest buddy block, order
// MAX_ORDER - 1 (Linux: KMALLOC_SHIFT_MAX = MAX_ORDER + PAGE_SHIFT - 1).
#define KMALLOC_SHIFT_MAX 22
#define KMALLOC_MAX_SIZE (1UL << KMALLOC_SHIFT_MAX)
#define KMALLOC_MIN_SIZE (1UL << KMALLOC_SHIFT_LOW)

// kmalloc(0) returns this: not NULL, but faults if used.
#define ZERO_SIZE_PTR ((void *)16)
#define ZERO_OR_NULL_PTR(x) ((unsigned long)(x) <= (unsigned long)ZERO_SIZE_PTR)

struct kmem_cache;

[[nodiscard]] struct kmem_cache *kmem_cache_create(const char *name, unsigned int size,
						   unsigned int align, slab_flags_t flags,
						   void (*ctor)(void *));
void kmem_cache_destroy(struct kmem_cache *s);
int kmem_cache_shrink(struct kmem_cache *s);
[[nodiscard]] void *kmem_cache_alloc(struct kmem_cache *s, gfp_t flags);
void kmem_cache_free(struct kmem_cache *s, void *x);
// kmem_cache_alloc, zeroed (Linux: kmem_cache_zalloc). Fails and sleeps as it does.
[[nodiscard]] static inline void *kmem_cache_zalloc(struct kmem_cache *s, gfp_t flags)
{
	return kmem_cache_alloc(s, flags | __GFP_ZERO);
}
// Fills p[0..size); returns size, or 0 with nothing allocated.
int kmem_cache_alloc_bulk(struct kmem_cache *s, gfp_t flags, size_t size, void **p);
void kmem_cache_free_bulk(struct kmem_cache *s, size_t size, void **p);
const char *kmem_cache_name(const struct kmem_cache *s);
unsigned int kmem_cache_size(const struct kmem_cache *s);

[[nodiscard]] void *kmalloc(size_t size, gfp_t flags);
// kmalloc, zeroed (Linux: kzalloc). Fails and sleeps as kmalloc does.
[[nodiscard]] static inline void *kzalloc(size_t size, gfp_t flags)
{
	return kmalloc(size, flags | __GFP_ZERO);
}
// kmalloc of size bytes from cache s (Linux 6.1: kmalloc_trace).
[[nodiscard]] void *kmalloc_trace(struct kmem_cache *s, gfp_t flags, size_t size);
[[nodiscard]] void *kmalloc_array(size_t n, size_t size, gfp_t flags);
// kmalloc for small sizes, vmalloc for big ones or when kmalloc fails
// (Linux: kvmalloc_array, mm/util.c); free with kvfree.
[[nodiscard]] void *kvmalloc_array(size_t n, size_t size, gfp_t flags);
void kvfree(const void *addr);
// kmalloc_array, zeroed (Linux: kcalloc): NULL on overflow too.
[[nodiscard]] static inline void *kcalloc(size_t n, size_t size, gfp_t flags)
{
	return kmalloc_array(n, size, flags | __GFP_ZERO);
}
[[nodiscard]] void *krealloc(const void *p, size_t new_size, gfp_t flags);
void kfree(const void *obj);
size_t ksize(const void *obj);
unsigned int kmalloc_index(size_t size);

void kmem_cache_init(void);
struct seq_buf;
void slabinfo_show(struct seq_buf *m);
void slabinfo_show_cache(struct seq_buf *m, struct kmem_cache *s); // one slabinfo line
// Checks every slab and object of a cache and repairs what it can; returns
// the reports it printed (Linux: what /sys/kernel/slab/<cache>/validate runs).
int validate_slab_cache(struct kmem_cache *s);
// The cache of that name on slab_caches, or NULL.
struct kmem_cache *kmem_cache_by_name(const char *name);
// Pages in slabs (meminfo's Slab: line).
unsigned long slab_pages_total(void);
