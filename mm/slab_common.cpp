/*
 * DOC: what every slab allocator shares (Linux: mm/slab_common.c)
 *
 * kmem_cache_create/destroy, and kmalloc: 13 caches of increasing size
 *
 *   8 16 32 64 96 128 192 256 512 1k 2k 4k 8k      (index 3..13, 1 = 96, 2 = 192)
 *
 * a request goes to the smallest that fits; 96 and 192 exist because many
 * kernel objects are just over 64 or 128 bytes. Above 8 KiB, kmalloc takes
 * whole (compound) pages from the page allocator (kmalloc_large).
 * GFP_DMA requests have their own caches ("dma-kmalloc-64").
 *
 * Differs from Linux: no kmalloc-cg- or kmalloc-rcl- caches, no cache
 * merging (every kmem_cache_create makes a cache), no node argument.
 */
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/kfence.h>
#include <linux/kmemleak.h>
#include <linux/mm.h>
#include <linux/mm_trace.h>
#include <linux/seq_buf.h>
#include <linux/sprintf.h>
#include <linux/string.h>

#include "slab.h"

static_assert(KMALLOC_MAX_SIZE == PAGE_SIZE << (MAX_ORDER - 1), "the largest buddy block");

struct kmem_cache *kmalloc_caches[NR_KMALLOC_TYPES][KMALLOC_SHIFT_HIGH + 1];

// Sizes up to 192 bytes: cache index by (size - 1) / 8 (Linux: size_index).
static const u8 size_index[24] = {
    3, 4, 5, 5, 6, 6, 6, 6, // 8 16 32 32 64 64 64 64
    1, 1, 1, 1,		    // 72..96 -> kmalloc-96
    7, 7, 7, 7,		    // 104..128
    2, 2, 2, 2, 2, 2, 2, 2, // 136..192 -> kmalloc-192
};

unsigned int kmalloc_index(size_t size)
{
	if (!size)
		return 0;
	if (size <= 192)
		return size_index[(size - 1) / 8];
	for (unsigned int i = 8; i <= KMALLOC_SHIFT_HIGH; i++)
		if (size <= (1UL << i))
			return i;
	return 0; // too big for a cache
}

static unsigned int kmalloc_size(unsigned int index)
{
	return index == 1 ? 96 : index == 2 ? 192 : 1u << index;
}

static struct kmem_cache *kmalloc_slab(size_t size, gfp_t flags)
{
	enum kmalloc_cache_type type = (flags & __GFP_DMA) ? KMALLOC_DMA : KMALLOC_NORMAL;
	return kmalloc_caches[type][kmalloc_index(size)];
}

static void kmalloc_name(char *buf, size_t n, enum kmalloc_cache_type type, unsigned int size)
{
	const char *prefix = type == KMALLOC_DMA ? "dma-" : "";
	if (size >= 1024)
		snprintf(buf, n, "%skmalloc-%uk", prefix, size / 1024);
	else
		snprintf(buf, n, "%skmalloc-%u", prefix, size);
}

// Linux: create_kmalloc_caches. Power-of-two sizes are naturally aligned.
void create_kmalloc_caches(void)
{
	static char names[NR_KMALLOC_TYPES][KMALLOC_SHIFT_HIGH + 1][20];
	for (int type = 0; type < NR_KMALLOC_TYPES; type++) {
		for (unsigned int i = 1; i <= KMALLOC_SHIFT_HIGH; i++) {
			if (i != 1 && i != 2 && i < KMALLOC_SHIFT_LOW)
				continue;
			unsigned int size = kmalloc_size(i);
			kmalloc_name(names[type][i], sizeof(names[type][i]),
				     (enum kmalloc_cache_type)type, size);
			struct kmem_cache *s =
			    (struct kmem_cache *)kmem_cache_zalloc(kmem_cache, GFP_NOWAIT);
			unsigned int align = (size & (size - 1)) ? ARCH_KMALLOC_MINALIGN : size;
			slab_flags_t flags =
			    SLAB_KMALLOC | (type == KMALLOC_DMA ? SLAB_CACHE_DMA : 0);
			kmalloc_caches[type][i] =
			    create_boot_cache(s, names[type][i], size, flags, align);
			s->refcount = 1;
		}
	}
}

// --- kmem_cache_create / destroy ---------------------------------------------------------

// Linux: kmem_cache_create. A cache of size-byte objects aligned to align
// (a power of two or 0), ctor run on each new object; NULL with a warning and
// a stack when the arguments are bad or memory is short (SLAB_PANIC: panic).
// Context: may sleep in Linux (GFP_KERNEL inside); not from interrupts.
struct kmem_cache *kmem_cache_create(const char *name, unsigned int size, unsigned int align,
				     slab_flags_t flags, void (*ctor)(void *))
{
	struct kmem_cache *s = nullptr;
	int err = -EINVAL;
	if (name && size && size <= KMALLOC_MAX_SIZE && !(align & (align - 1))) {
		s = (struct kmem_cache *)kmem_cache_zalloc(kmem_cache, GFP_KERNEL);
		err = -ENOMEM;
	}
	if (s) {
		s->name = name;
		s->object_size = s->size = size;
		s->align =
		    max(align ? align : (unsigned int)sizeof(void *), (unsigned int)sizeof(void *));
		if ((flags & SLAB_HWCACHE_ALIGN) && size > L1_CACHE_BYTES / 2)
			s->align = max(s->align, (unsigned int)L1_CACHE_BYTES);
		s->ctor = ctor;
		s->refcount = 1;
		// SLAB_KMALLOC stays: Linux's CACHE_CREATE_MASK lets a caller (slub_kunit's
		// kmalloc red zone test) make a cache that records requested sizes.
		err = __kmem_cache_create(s, flags & ~__OBJECT_POISON);
		if (err) {
			kmem_cache_free(kmem_cache, s);
			s = nullptr;
		}
	}
	if (!s) {
		if (flags & SLAB_PANIC)
			panic("%s: Failed to create slab '%s'. Error %d\n", __func__,
			      name ? name : "(null)", err);
		pr_warn("kmem_cache_create(%s) failed with error %d\n", name ? name : "(null)",
			err);
		dump_stack();
	}
	return s;
}

// Linux: kmem_cache_destroy. Drops a reference; the last one frees the
// cache. Live objects keep it, with slab_err's list of them and a WARN.
// NULL is ignored. Context: as kmem_cache_create.
void kmem_cache_destroy(struct kmem_cache *s)
{
	if (!s || --s->refcount > 0)
		return;
	kfence_shutdown_cache(s); // Linux: shutdown_cache
	if (__kmem_cache_shutdown(s)) {
		s->refcount++; // kept, as Linux keeps it
		WARN(1, "%s %s: Slab cache still has objects when called from %pS\n", __func__,
		     s->name, __builtin_return_address(0));
		return;
	}
	kmem_cache_free(kmem_cache, s);
}

// --- kmalloc ------------------------------------------------------------------------------

/*
 * Above 8 KiB: whole pages, a compound page so kfree knows the order
 * (Linux: kmalloc_large). A size no block can hold (order >= MAX_ORDER, any
 * size above KMALLOC_MAX_SIZE) gets NULL and __alloc_pages's one warning.
 */
static void *kmalloc_large(size_t size, gfp_t flags, unsigned long caller)
{
	unsigned int order = get_order(size);
	struct page *page = alloc_pages((flags & ~__GFP_HIGHMEM) | __GFP_COMP, order);
	void *ptr = page ? page_address(page) : nullptr;
	kmemleak_alloc(ptr, size, 1, flags);
	trace_kmem(MM_TRACE_KMALLOC, nullptr, ptr, size, order < MAX_ORDER ? PAGE_SIZE << order : 0,
		   flags, caller);
	return ptr;
}

// Linux: kmalloc (__do_kmalloc_node). size bytes from the smallest cache that
// fits, or whole pages above 8 KiB; ZERO_SIZE_PTR for 0; NULL when memory is
// short (a warning unless __GFP_NOWARN) or past KMALLOC_MAX_SIZE. bytes_alloc
// in the trace is the slot (s->size). Context: never sleeps here (nothing
// reclaims), but GFP_KERNEL tells Linux's callers that it may: with interrupts
// off or in an interrupt, pass GFP_ATOMIC.
void *kmalloc(size_t size, gfp_t flags)
{
	unsigned long caller = (unsigned long)__builtin_return_address(0);
	if (!size)
		return ZERO_SIZE_PTR;
	if (size > KMALLOC_MAX_CACHE_SIZE)
		return kmalloc_large(size, flags, caller);
	struct kmem_cache *s = kmalloc_slab(size, flags);
	void *ret = __kmem_cache_alloc(s, flags, size, caller);
	trace_kmem(MM_TRACE_KMALLOC, s->name, ret, size, s->size, flags, caller); // NULL too
	return ret;
}

// kmalloc from a given cache (Linux 6.1: kmalloc_trace): the cache records
// size as the requested size when it is a SLAB_KMALLOC debug cache. Fails
// as kmem_cache_alloc does. Context: as kmalloc.
void *kmalloc_trace(struct kmem_cache *s, gfp_t flags, size_t size)
{
	unsigned long caller = (unsigned long)__builtin_return_address(0);
	void *ret = __kmem_cache_alloc(s, flags, min(size, (size_t)s->object_size), caller);
	trace_kmem(MM_TRACE_KMALLOC, s->name, ret, size, s->size, flags, caller);
	return ret;
}

// Linux: kmalloc_array. kmalloc(n * size), or NULL, silently, if that
// overflows. Context: as kmalloc.
void *kmalloc_array(size_t n, size_t size, gfp_t flags)
{
	if (size && n > (size_t)-1 / size)
		return nullptr; // n * size overflows
	return kmalloc(n * size, flags);
}

// Linux: __ksize. A large allocation is its pages; NULL if obj is not ours.
static struct page *kmalloc_large_page(const void *obj)
{
	if (ZERO_OR_NULL_PTR(obj) || !pfn_valid(__pa(obj) >> PAGE_SHIFT))
		return nullptr;
	struct page *page = compound_head(virt_to_page(obj));
	return (PageHead(page) && !PageSlab(page) && lowmem_page_address(page) == obj) ? page
										       : nullptr;
}

// Linux: ksize. The bytes obj may use: its cache's object size, its pages,
// or for a KFENCE object the size asked for; 0 for NULL or memory not from
// kmalloc. Context: any.
size_t ksize(const void *obj)
{
	if (ZERO_OR_NULL_PTR(obj))
		return 0;
	if (size_t size = kfence_ksize(obj)) // the size asked for, as Linux's ksize
		return size;
	if (struct page *slab = virt_to_slab(obj))
		return slab->slab_cache->object_size;
	if (struct page *page = kmalloc_large_page(obj))
		return PAGE_SIZE << compound_order(page);
	return 0;
}

// Linux: kfree. Frees what kmalloc gave; NULL and ZERO_SIZE_PTR are ignored;
// anything else is reported ("not memory from kmalloc") and not freed.
// Context: any, interrupts on or off.
void kfree(const void *obj)
{
	unsigned long caller = (unsigned long)__builtin_return_address(0);
	if (ZERO_OR_NULL_PTR(obj))
		return;
	if (struct page *slab = virt_to_slab(obj)) {
		trace_kmem(MM_TRACE_KFREE, slab->slab_cache->name, obj, 0, 0, (gfp_t)0, caller);
		slab_free(slab->slab_cache, slab, (void *)obj, caller);
		return;
	}
	if (struct page *page = kmalloc_large_page(obj)) {
		trace_kmem(MM_TRACE_KFREE, nullptr, obj, 0, 0, (gfp_t)0, caller);
		kmemleak_free(obj);
		__free_pages(page, compound_order(page));
		return;
	}
	pr_err("kfree(%p): not memory from kmalloc; not freed\n", obj);
	slub_debug_errors++;
	dump_stack();
}

// Linux: krealloc. p resized to new_size, its contents kept, in place if it
// fits, else moved (p freed); NULL on failure, p untouched; new_size 0 frees
// p and returns ZERO_SIZE_PTR. Context: as kmalloc.
void *krealloc(const void *p, size_t new_size, gfp_t flags)
{
	if (!new_size) {
		kfree(p);
		return ZERO_SIZE_PTR;
	}
	size_t ks = ksize(p);
	if (ks >= new_size) {
		// A debug cache knows the old requested size and red-zones the bytes
		// past the new one; otherwise a shrink clears the tail, so that a
		// later grow in place reads zeros (Linux's __GFP_ZERO rule).
		size_t old =
		    is_kfence_address(p) ? 0 : kmalloc_resize_in_place((void *)p, new_size);
		if ((flags & __GFP_ZERO) && !old)
			memset((u8 *)p + new_size, 0, ks - new_size);
		if ((flags & __GFP_ZERO) && old && new_size > old)
			memset((u8 *)p + old, 0, new_size - old);
		return (void *)p;
	}
	// Moving: copy what the caller asked for, not the old slot's red zone
	// slack, which would land in the new object even under __GFP_ZERO.
	void *ret = kmalloc(new_size, flags);
	if (ret && !ZERO_OR_NULL_PTR(p)) {
		// (a KFENCE object's ksize is its requested size already)
		struct page *slab = is_kfence_address(p) ? nullptr : virt_to_slab(p);
		memcpy(ret, p, slab ? get_orig_size(slab->slab_cache, (void *)p) : ks);
		kfree(p);
	}
	return ret;
}

struct kmem_cache *kmem_cache_by_name(const char *name)
{
	struct kmem_cache *s;
	list_for_each_entry(s, &slab_caches, list)
		if (!strcmp(s->name, name))
			return s;
	return nullptr;
}

// --- slabinfo ------------------------------------------------------------------------------

unsigned long slab_pages_total(void) { return slab_pages; }

// Linux's /proc/slabinfo, version 2.1 (SLUB leaves the tunables at 0).
void slabinfo_show(struct seq_buf *m)
{
	seq_buf_printf(m, "slabinfo - version: 2.1\n");
	seq_buf_printf(
	    m, "# name            <active_objs> <num_objs> <objsize> <objperslab> <pagesperslab>"
	       " : tunables <limit> <batchcount> <sharedfactor> : slabdata <active_slabs> "
	       "<num_slabs> <sharedavail>\n");
	struct kmem_cache *s;
	list_for_each_entry(s, &slab_caches, list)
		slabinfo_show_cache(m, s);
}

void slabinfo_show_cache(struct seq_buf *m, struct kmem_cache *s)
{
	unsigned long active, num, slabs;
	slab_counts(s, &active, &num, &slabs);
	unsigned int per_slab = (unsigned int)((PAGE_SIZE << oo_order_of(s)) / s->size);
	seq_buf_printf(m,
		       "%-17s %6lu %6lu %6u %4u %4d : tunables %4u %4u %4u : slabdata %6lu %6lu "
		       "%6lu\n",
		       s->name, active, num, s->size, per_slab, 1 << oo_order_of(s), 0u, 0u, 0u,
		       slabs, slabs, 0UL);
}
