/*
 * DOC: SLUB, the slab allocator (Linux: mm/slub.c)
 *
 * A cache hands out objects of one size. It gets slabs (one page, or a
 * compound page of 2^order) from the page allocator and threads a free list
 * through each slab's free objects, the "next" pointer stored inside the
 * free object itself:
 *
 *   slab (struct page: freelist, inuse, objects)
 *   +--------+--------+--------+--------+
 *   | obj 0  | obj 1  | obj 2  | obj 3  |    freelist -> 1 -> 3 -> NULL
 *   | in use | free   | in use | free   |
 *   +--------+--------+--------+--------+
 *
 * Each CPU owns one slab at a time ("frozen"): allocation pops its freelist
 * and free pushes onto it, touching nothing else (the fast path). When it
 * runs dry the slow path takes a slab from the CPU's partial list, then from
 * the node's partial list, then a new slab from the page allocator. Slabs
 * that become empty go back to the buddy allocator once min_partial are kept.
 *
 * With slub_debug a cache takes the slow path every time and checks each
 * object: red zones around it, poison while free, who allocated and freed it.
 * Free pointers are always stored XORed with a per-cache secret and their own
 * address, so a stray write cannot steer the allocator (Linux's hardened mode).
 *
 * slub_debug's reports, checks, option parsing and validation are in
 * mm/slub_debug.cpp (Linux: this file, under CONFIG_SLUB_DEBUG): apart, the
 * allocator proper fits one file that reads beside Linux's.
 *
 * Lock order: none (one CPU; interrupts off around list changes).
 * Differs from Linux:
 *  - A slab is its head `struct page *slab` (slab_cache, freelist, inuse,
 *    objects, frozen, slab_list in struct page), where 6.1 has `struct
 *    slab`, an overlay of the folio; the functions keep 6.1's names.
 *  - One node (get_node() is node[0]) and one CPU: no cmpxchg_double and
 *    no tid check; the fast path pops and pushes the CPU's freelist with
 *    interrupts off (tid is counted, for SMP later).
 *  - No freelist randomisation, no cache merging, no sysfs, no memcg.
 *  - Debug caches use no per-CPU slabs at all (Linux 6.2's rule; 6.1 used
 *    one object per slab activation); the track stores 4 return addresses.
 */
#include <asm/irqflags.h>
#include <linux/errno.h>
#include <linux/fault-inject.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/kfence.h>
#include <linux/kmemleak.h>
#include <linux/kstrtox.h>
#include <linux/log2.h>
#include <linux/meminit.h>
#include <linux/mm.h>
#include <linux/mm_trace.h>
#include <linux/random.h>
#include <linux/string.h>

#include "slab.h"

#define MIN_PARTIAL 5
#define MAX_PARTIAL 10

static unsigned int slub_min_order, slub_max_order = PAGE_ALLOC_COSTLY_ORDER, slub_min_objects;
unsigned long slub_debug_errors, slab_pages;

// --- layout -----------------------------------------------------------------------------

// Objects of size in a slab of 2^order pages (Linux: order_objects).
static unsigned int order_objects(unsigned int order, unsigned int size)
{
	return (unsigned int)((PAGE_SIZE << order) / size);
}
static struct kmem_cache_order_objects oo_make(unsigned int order, unsigned int size)
{
	return {(order << 16) | order_objects(order, size)};
}
unsigned int oo_order_of(const struct kmem_cache *s) { return oo_order(s->oo); }

/*
 * The smallest order whose slab wastes at most 1/fract of itself (Linux:
 * calc_slab_order). struct page counts a slab's objects in 15 bits, so no
 * slab may hold more than MAX_OBJS_PER_PAGE: when slub_min_order (or
 * slub_min_objects) asks for an order that would, small objects get the
 * largest order below that limit instead (kmalloc-8 under slub_min_order=10:
 * order 5, not a 4 MiB slab of 524288 objects that no counter can hold).
 * Linux 6.1 checks slub_min_order alone; later Linux checks the start order
 * as here.
 */
static unsigned int slab_order(unsigned int size, unsigned int min_objects, unsigned int max_order,
			       unsigned int fract_leftover)
{
	unsigned int order = max(slub_min_order, get_order(min_objects * size));
	if (order_objects(order, size) > MAX_OBJS_PER_PAGE)
		return get_order(size * MAX_OBJS_PER_PAGE) - 1;
	for (; order <= max_order; order++) {
		unsigned int slab_size = (unsigned int)PAGE_SIZE << order;
		if (slab_size % size <= slab_size / fract_leftover)
			break;
	}
	return order;
}

// Linux: calculate_order. Aim for 8 objects per slab (one CPU) with little
// waste, allowing more waste, then fewer objects, before a bigger order.
static int calculate_order(unsigned int size)
{
	unsigned int min_objects = slub_min_objects ? slub_min_objects : 4 * (1 + 1);
	unsigned int max_objects = (unsigned int)((PAGE_SIZE << slub_max_order) / size);
	min_objects = min(min_objects, max_objects);
	for (; min_objects > 1; min_objects--)
		for (unsigned int fraction = 16; fraction >= 4; fraction /= 2) {
			unsigned int order =
			    slab_order(size, min_objects, slub_max_order, fraction);
			if (order <= slub_max_order)
				return (int)order;
		}
	unsigned int order = slab_order(size, 1, slub_max_order, 1);
	if (order <= slub_max_order)
		return (int)order;
	order = slab_order(size, 1, MAX_ORDER - 1, 1);
	return order < MAX_ORDER ? (int)order : -ENOSYS;
}

/*
 * Linux: calculate_sizes. Lays out a slot from the object size and the
 * debug flags (see the picture in slub_def.h) and picks the slab order.
 */
static bool calculate_sizes(struct kmem_cache *s)
{
	slab_flags_t flags = s->flags;
	// No slab can meet a bigger alignment, and aligning to it (the slot,
	// the left red zone) could wrap the 32-bit sizes below to 0.
	if (s->align > KMALLOC_MAX_SIZE || s->object_size > KMALLOC_MAX_SIZE)
		return false;
	unsigned int size = ALIGN(s->object_size, sizeof(void *));
	s->red_left_pad = 0;
	if ((flags & SLAB_POISON) && !s->ctor)
		s->flags |= __OBJECT_POISON;
	else
		s->flags &= ~__OBJECT_POISON;
	if ((flags & SLAB_RED_ZONE) && size == s->object_size)
		size += sizeof(void *); // room for a right red zone
	s->inuse = size;
	// The free pointer goes after the object when the object's bytes are
	// not free to hold it: poison, a constructed state, or red zone bytes
	// it would overlap (a tiny object, or the kmalloc slack past the
	// requested size, which an allocation fills with 0xcc).
	if ((flags & SLAB_POISON) || s->ctor ||
	    ((flags & SLAB_RED_ZONE) &&
	     (s->object_size < sizeof(void *) || slub_debug_orig_size(s)))) {
		s->offset = size;
		size += sizeof(void *);
	} else {
		s->offset = ALIGN_DOWN(s->object_size / 2, sizeof(void *)); // away from the edges
	}
	if (flags & SLAB_STORE_USER) {
		size += 2 * sizeof(struct track);
		if (flags & SLAB_KMALLOC)
			size += sizeof(unsigned int); // the size kmalloc was asked for
	}
	if (flags & SLAB_RED_ZONE) {
		size += sizeof(void *);
		s->red_left_pad = ALIGN((unsigned int)sizeof(void *), s->align);
		size += s->red_left_pad;
	}
	s->size = ALIGN(size, s->align);
	int order = calculate_order(s->size);
	if (order < 0)
		return false;
	s->oo = oo_make(order, s->size);
	s->min = oo_make(get_order(s->size), s->size);
	return oo_objects(s->oo) != 0;
}

bool check_valid_pointer(const struct kmem_cache *s, const struct page *slab, void *object)
{
	if (!object)
		return true;
	u8 *base = slab_address(slab),
	   *slot = (u8 *)object - ((s->flags & SLAB_RED_ZONE) ? s->red_left_pad : 0);
	return slot >= base && slot < base + slab->objects * s->size &&
	       (slot - base) % s->size == 0;
}

struct page *virt_to_slab(const void *obj)
{
	if (ZERO_OR_NULL_PTR(obj) || !pfn_valid(__pa(obj) >> PAGE_SHIFT))
		return nullptr; // not in the direct map
	struct page *page = compound_head(virt_to_page(obj));
	return PageSlab(page) ? page : nullptr;
}

// --- slabs from and back to the page allocator ----------------------------------------------

static void setup_object(const struct kmem_cache *s, u8 *object)
{
	if (kmem_cache_debug(s))
		init_object(s, object, SLUB_RED_INACTIVE);
	if (s->ctor)
		s->ctor(object);
}

/*
 * The pages of a new slab (Linux: allocate_slab). The preferred order s->oo
 * is a wish, not a need: the first try fails quietly and at once
 * (__GFP_NOWARN | __GFP_NORETRY, and never __GFP_NOFAIL, which would panic
 * over an order the cache can do without). Only the fallback, s->min (the
 * smallest order that holds one object), carries the caller's flags, and is
 * counted as Linux's ORDER_FALLBACK stat. *oo says which order it got.
 */
static struct page *allocate_slab(struct kmem_cache *s, gfp_t flags,
				  struct kmem_cache_order_objects *oo)
{
	gfp_t gfp = (flags & ~(__GFP_ZERO | __GFP_HIGHMEM)) | s->allocflags | __GFP_COMP;
	*oo = s->oo;
	struct page *slab =
	    alloc_pages((gfp | __GFP_NOWARN | __GFP_NORETRY) & ~__GFP_NOFAIL, oo_order(*oo));
	if (likely(slab))
		return slab;
	*oo = s->min; // memory is tight or fragmented
	slab = alloc_pages(gfp, oo_order(*oo));
	if (slab)
		s->order_fallback++;
	return slab;
}

// A new slab, its objects threaded on its free list in address order.
static struct page *new_slab(struct kmem_cache *s, gfp_t flags)
{
	struct kmem_cache_order_objects oo;
	struct page *slab = allocate_slab(s, flags, &oo);
	if (!slab)
		return nullptr;
	__SetPageSlab(slab);
	slab->slab_cache = s;
	slab->objects = oo_objects(oo);
	slab->inuse = 0;
	slab->frozen = 0;
	u8 *start = slab_address(slab), *p, *prev = nullptr;
	if (s->flags & SLAB_POISON)
		memset(start, POISON_INUSE, PAGE_SIZE << oo_order(oo));
	slab->freelist = nullptr;
	for_each_object(p, s, start, slab->objects) {
		setup_object(s, p);
		if (prev)
			set_freepointer(s, prev, p);
		else
			slab->freelist = p;
		prev = p;
	}
	set_freepointer(s, prev, nullptr);
	struct kmem_cache_node *n = get_node(s);
	n->nr_slabs++;
	n->total_objects += slab->objects;
	slab_pages += 1UL << oo_order(oo);
	return slab;
}

static void discard_slab(struct kmem_cache *s, struct page *slab)
{
	unsigned int order = compound_order(slab); // its own: s->oo's, or s->min's after a fallback
	struct kmem_cache_node *n = get_node(s);
	n->nr_slabs--;
	n->total_objects -= slab->objects;
	slab_pages -= 1UL << order;
	__ClearPageSlab(slab);
	slab->slab_cache = nullptr; // the page's mapping again: must be NULL when freed
	slab->freelist = nullptr;
	slab->inuse = slab->objects = slab->frozen = 0;
	__free_pages(slab, order);
}

// Where add_partial puts a slab: the head is taken first (Linux's DEACTIVATE_TO_*).
enum { DEACTIVATE_TO_HEAD, DEACTIVATE_TO_TAIL };

static void add_partial(struct kmem_cache_node *n, struct page *slab, int tail)
{
	n->nr_partial++;
	if (tail == DEACTIVATE_TO_TAIL)
		list_add_tail(&slab->slab_list, &n->partial);
	else
		list_add(&slab->slab_list, &n->partial);
}

static void remove_partial(struct kmem_cache_node *n, struct page *slab)
{
	list_del(&slab->slab_list);
	n->nr_partial--;
}

// Full slabs are on a list only when debugging, so validation can find them.
static void add_full(const struct kmem_cache *s, struct kmem_cache_node *n, struct page *slab)
{
	if (kmem_cache_debug(s))
		list_add(&slab->slab_list, &n->full);
}

static void remove_full(const struct kmem_cache *s, struct page *slab)
{
	if (kmem_cache_debug(s))
		list_del(&slab->slab_list);
}

// A slab nobody owns: keep it partial, or give it back if empty and enough are kept.
static void put_back_slab(struct kmem_cache *s, struct page *slab)
{
	struct kmem_cache_node *n = get_node(s);
	slab->frozen = 0;
	spin_lock(&n->list_lock);
	bool discard = !slab->inuse && n->nr_partial >= s->min_partial;
	if (!discard && slab->freelist)
		add_partial(n, slab, DEACTIVATE_TO_TAIL);
	else if (!discard)
		add_full(s, n, slab);
	spin_unlock(&n->list_lock);
	if (discard) // to the page allocator without the list lock, as Linux
		discard_slab(s, slab);
}

// --- per-CPU slabs -----------------------------------------------------------------------

/*
 * The CPU gives up its slab (Linux: deactivate_slab): the objects left on
 * the CPU's freelist go back on the slab's own list, and the slab goes to
 * the node's lists.
 */
static void deactivate_slab(struct kmem_cache *s, struct kmem_cache_cpu *c)
{
	struct page *slab = c->slab;
	void *object = c->freelist;
	while (object) {
		void *next = get_freepointer(s, object);
		set_freepointer(s, object, slab->freelist);
		slab->freelist = object;
		slab->inuse--;
		object = next;
	}
	c->slab = nullptr;
	c->freelist = nullptr;
	c->tid++;
	put_back_slab(s, slab);
}

static void unfreeze_partials(struct kmem_cache *s, struct kmem_cache_cpu *c)
{
	while (!list_empty(&c->partial)) {
		struct page *slab = list_first_entry(&c->partial, struct page, slab_list);
		list_del(&slab->slab_list);
		c->nr_partial--;
		put_back_slab(s, slab);
	}
}

void flush_cpu_slab(struct kmem_cache *s)
{
	struct kmem_cache_cpu *c = this_cpu_ptr(s->cpu_slab);
	if (c->slab)
		deactivate_slab(s, c);
	unfreeze_partials(s, c);
}

// A slab that just got a free object while full goes to this CPU (Linux: put_cpu_partial).
static void put_cpu_partial(struct kmem_cache *s, struct page *slab)
{
	struct kmem_cache_cpu *c = this_cpu_ptr(s->cpu_slab);
	slab->frozen = 1;
	list_add(&slab->slab_list, &c->partial);
	if (++c->nr_partial > s->cpu_partial_slabs)
		unfreeze_partials(s, c);
}

// Makes slab the CPU's slab, its freelist the CPU's (it is "frozen").
static void freeze_as_cpu_slab(struct kmem_cache_cpu *c, struct page *slab)
{
	c->slab = slab;
	c->freelist = (void **)slab->freelist;
	slab->freelist = nullptr;
	slab->inuse = slab->objects;
	slab->frozen = 1;
	c->tid++;
}

// A slab for this CPU: its partial list, then the node's, then a new one.
static bool refill_cpu_slab(struct kmem_cache *s, struct kmem_cache_cpu *c, gfp_t flags)
{
	struct kmem_cache_node *n = get_node(s);
	struct page *slab = nullptr;
	if (!list_empty(&c->partial)) {
		slab = list_first_entry(&c->partial, struct page, slab_list);
		list_del(&slab->slab_list);
		c->nr_partial--;
	} else if (n->nr_partial) { // Linux: get_partial_node, which locks
		spin_lock(&n->list_lock);
		slab = list_first_entry(&n->partial, struct page, slab_list);
		remove_partial(n, slab);
		spin_unlock(&n->list_lock);
	} else {
		slab = new_slab(s, flags);
		if (!slab)
			return false;
	}
	freeze_as_cpu_slab(c, slab);
	return true;
}

// Linux: ___slab_alloc. The CPU's freelist is empty: find objects elsewhere.
static noinline void *___slab_alloc(struct kmem_cache *s, gfp_t flags, struct kmem_cache_cpu *c)
{
	for (;;) {
		if (c->slab && !c->freelist && c->slab->freelist) { // objects freed meanwhile
			c->freelist = (void **)c->slab->freelist;
			c->slab->freelist = nullptr;
		}
		if (c->freelist) {
			void *object = c->freelist;
			c->freelist = (void **)get_freepointer(s, object);
			c->tid++;
			return object;
		}
		if (c->slab)
			deactivate_slab(s, c); // used up: it is full now
		if (!refill_cpu_slab(s, c, flags))
			return nullptr;
	}
}

static noinline void report_double_free(const struct kmem_cache *s, struct page *slab, void *object)
{
	object_err(s, slab, (u8 *)object, "Object already free");
	slab_fix(s, "Object at 0x%p not freed", object);
}

// A free of something just freed (Linux's "naive" hardened check, always on).
static inline bool double_free(const struct kmem_cache *s, struct page *slab, void *object,
			       void *head)
{
	if (likely(object != head))
		return false;
	report_double_free(s, slab, object);
	return true;
}

// --- debug caches: every object through the checks ------------------------------------------

static noinline void *alloc_debug(struct kmem_cache *s, gfp_t flags, unsigned long addr,
				  unsigned int orig_size)
{
	struct kmem_cache_node *n = get_node(s);
	for (;;) {
		struct page *slab;
		if (!n->nr_partial) { // the page allocator is called without the lock
			slab = new_slab(s, flags);
			if (!slab)
				return nullptr;
			spin_lock(&n->list_lock);
			add_partial(n, slab, DEACTIVATE_TO_HEAD);
		} else {
			spin_lock(&n->list_lock); // Linux: alloc_single_from_partial
			slab = list_first_entry(&n->partial, struct page, slab_list);
		}
		// Take the object off the list before the checks write its red
		// zones and poison (Linux: alloc_single_from_partial).
		u8 *object = (u8 *)slab->freelist;
		void *next =
		    check_valid_pointer(s, slab, object) ? get_freepointer(s, object) : nullptr;
		bool ok = alloc_debug_processing(s, slab, object, addr, orig_size);
		if (ok) {
			slab->freelist = next;
			slab->inuse++;
		}
		if (!slab->freelist) { // full (or given up on): off the partial list
			remove_partial(n, slab);
			add_full(s, n, slab);
		}
		spin_unlock(&n->list_lock);
		if (ok)
			return object;
	}
}

static noinline void free_debug(struct kmem_cache *s, struct page *slab, u8 *object,
				unsigned long addr)
{
	// Without F there is no on_freelist walk, but the naive check that the
	// fast path makes still holds (Linux: set_freepointer's hardened BUG_ON).
	if (!(s->flags & SLAB_CONSISTENCY_CHECKS) && double_free(s, slab, object, slab->freelist))
		return;
	struct kmem_cache_node *n = get_node(s);
	spin_lock(&n->list_lock); // Linux: free_to_partial_list
	if (!free_debug_processing(s, slab, object, addr)) {
		spin_unlock(&n->list_lock);
		return;
	}
	void *prior = slab->freelist;
	set_freepointer(s, object, prior);
	slab->freelist = object;
	slab->inuse--;
	if (!prior) { // it was full
		remove_full(s, slab);
		add_partial(n, slab, DEACTIVATE_TO_TAIL);
	}
	bool discard = !slab->inuse && n->nr_partial > s->min_partial;
	if (discard)
		remove_partial(n, slab);
	spin_unlock(&n->list_lock);
	if (discard)
		discard_slab(s, slab);
}

// --- init_on_alloc / init_on_free ----------------------------------------------------------

// A debug cache that red-zones kmalloc's slack [requested size, object size).
static bool kmalloc_red_zoned(const struct kmem_cache *s)
{
	return (s->flags & SLAB_RED_ZONE) && slub_debug_orig_size(s);
}

// Zeroes [from, to) of the object at p, all but its free pointer word.
static void zero_except_freeptr(const struct kmem_cache *s, u8 *p, unsigned int from,
				unsigned int to)
{
	unsigned int fp = s->offset, fp_end = s->offset + sizeof(void *);
	if (fp >= to || fp_end <= from) {
		memset(p + from, 0, to - from);
		return;
	}
	if (fp > from)
		memset(p + from, 0, fp - from);
	if (to > fp_end)
		memset(p + fp_end, 0, to - fp_end);
}

/*
 * The init_on_free part of Linux's slab_free_hook, run before the object
 * goes on a free list. Linux zeroes the object and [inuse, size), free
 * pointer included, and writes the free pointer again just after. Here
 * the free pointer word is left as it is: if this is a double free of the
 * list's head, its link must survive for the double-free check to find it
 * and the list to stay whole. A debug cache keeps its metadata (tracks,
 * recorded size) and its kmalloc red zone, which the free checks that
 * follow read; only the requested bytes of such an object are zeroed.
 */
static void slab_init_on_free(const struct kmem_cache *s, void *x)
{
	if (!slab_want_init_on_free(s))
		return;
	unsigned int size = s->object_size;
	if (kmalloc_red_zoned(s))
		size = min(*orig_size_slot(s, x), size);
	zero_except_freeptr(s, (u8 *)x, 0, size);
	if (!kmem_cache_debug(s))
		zero_except_freeptr(s, (u8 *)x, s->inuse, s->size);
}

/*
 * Linux: slab_post_alloc_hook's memset and maybe_wipe_obj_freeptr. An
 * init_on_free object is zero but for the free pointer it carried on the
 * free list; a free pointer outside the object is not the caller's memory
 * and stays (Linux wipes it too, which the debug checks then take for a
 * corrupt pointer). A kmalloc red-zoned object was zeroed on free only up
 * to its last requested size, so it is zeroed again up to the new one.
 */
static void slab_post_alloc_init(const struct kmem_cache *s, void *object, gfp_t flags,
				 size_t orig_size)
{
	bool init = slab_want_init_on_alloc(flags, s);
	if (slab_want_init_on_free(s)) {
		if (kmalloc_red_zoned(s))
			init = true;
		else if (!freeptr_outside_object(s))
			memset((u8 *)object + s->offset, 0, sizeof(void *));
	}
	if (init) // the requested size: a kmalloc red zone may follow
		memset(object, 0, slub_debug_orig_size(s) ? orig_size : s->object_size);
}

// The object off a free list: the CPU's (the fast path) or, for a debug
// cache, a node's through the checks (Linux: __slab_alloc_node).
static void *slab_alloc_object(struct kmem_cache *s, gfp_t flags, size_t orig_size,
			       unsigned long caller)
{
	void *object;
	unsigned long irq = local_irq_save();
	if (kmem_cache_debug(s)) {
		object = alloc_debug(s, flags, caller, (unsigned int)orig_size);
	} else {
		struct kmem_cache_cpu *c = this_cpu_ptr(s->cpu_slab);
		object = c->freelist;
		if (likely(object && c->slab)) { // the fast path: pop the CPU's freelist
			c->freelist = (void **)get_freepointer(s, object);
			c->tid++;
		} else {
			object = ___slab_alloc(s, flags, c);
		}
	}
	local_irq_restore(irq);
	if (object)
		slab_post_alloc_init(s, object, flags, orig_size);
	return object;
}

// Linux: slab_alloc_node. Fault injection first, then a KFENCE sample (which
// initialises itself), then SLUB; either object is tracked by kmemleak
// (Linux: slab_pre_alloc_hook, kfence_alloc, slab_post_alloc_hook).
void *__kmem_cache_alloc(struct kmem_cache *s, gfp_t flags, size_t orig_size, unsigned long caller)
{
	if (should_failslab(s, flags))
		return nullptr;
	void *object = kfence_alloc(s, orig_size, flags);
	if (likely(!object))
		object = slab_alloc_object(s, flags, orig_size, caller);
	if (!object) {
		slab_out_of_memory(s, flags);
		return nullptr;
	}
	kmemleak_alloc_recursive(object, s->object_size, 1, s->flags, flags);
	return object;
}

// Linux: __slab_free. A slab that is not the CPU's: out of line, so the
// fast path below stays small.
static noinline void __slab_free(struct kmem_cache *s, struct page *slab, void *object)
{
	void *prior = slab->freelist;
	if (double_free(s, slab, object, prior))
		return;
	set_freepointer(s, object, prior);
	slab->freelist = object;
	slab->inuse--;
	if (slab->frozen) // on this CPU's partial list: nothing more to do
		return;
	struct kmem_cache_node *n = get_node(s);
	if (!prior) { // it was full, on no list: this CPU keeps it handy
		put_cpu_partial(s, slab);
		return;
	}
	if (!slab->inuse && n->nr_partial >= s->min_partial) {
		spin_lock(&n->list_lock);
		remove_partial(n, slab);
		spin_unlock(&n->list_lock);
		discard_slab(s, slab);
	}
}

// Linux: do_slab_free, for caches without debugging.
static inline void do_slab_free(struct kmem_cache *s, struct page *slab, void *object)
{
	struct kmem_cache_cpu *c = this_cpu_ptr(s->cpu_slab);
	if (likely(slab == c->slab)) { // the fast path: push on the CPU's freelist
		if (double_free(s, slab, object, c->freelist))
			return;
		set_freepointer(s, object, c->freelist);
		c->freelist = (void **)object;
		c->tid++;
		return;
	}
	__slab_free(s, slab, object);
}

void __kmem_cache_free(struct kmem_cache *s, void *x, unsigned long caller)
{
	struct page *slab = virt_to_slab(x);
	if (!slab) {
		pr_err("kmem_cache_free(%s, %p): not slab memory; not freed\n", s->name, x);
		slub_debug_errors++;
		dump_stack();
		return;
	}
	slab_free(s, slab, x, caller);
}

// Linux: slab_free. The slab is known (kfree found it already): check the
// object belongs to it, then free it.
void slab_free(struct kmem_cache *s, struct page *slab, void *x, unsigned long caller)
{
	if (slab->slab_cache != s) {
		pr_err("%s: Wrong slab cache. %s but object is from %s\n", "kmem_cache_free",
		       s->name, slab->slab_cache->name);
		slub_debug_errors++;
		dump_stack();
		return;
	}
	kmemleak_free_recursive(x, s->flags); // Linux: slab_free_hook, before KFENCE's turn
	if (kfence_free(x)) // KFENCE's object: its own checks (Linux: __slab_free)
		return;
	if (!check_valid_pointer(s, slab, x)) { // an interior pointer, say
		slab_err(s, slab, "Invalid object pointer 0x%p", x);
		slab_fix(s, "Object at 0x%p not freed", x);
		return;
	}
	slab_init_on_free(s, x);
	unsigned long irq = local_irq_save();
	if (kmem_cache_debug(s))
		free_debug(s, slab, (u8 *)x, caller);
	else
		do_slab_free(s, slab, x);
	local_irq_restore(irq);
}

// Traced as Linux's kmem_cache_alloc: bytes_req the object, bytes_alloc the
// slot it takes (s->size, what slabinfo's <objsize> shows), failures too.
static void *kmem_cache_alloc_traced(struct kmem_cache *s, gfp_t flags, unsigned long caller)
{
	void *ret = __kmem_cache_alloc(s, flags, s->object_size, caller);
	trace_kmem(MM_TRACE_SLAB_ALLOC, s->name, ret, s->object_size, s->size, flags, caller);
	return ret;
}

// Linux: kmem_cache_alloc. An object of s (constructed, zeroed with
// __GFP_ZERO), or NULL when no slab page could be had (SLUB's "Unable to
// allocate" lines unless __GFP_NOWARN) or failslab said so.
// Context: never sleeps here (nothing reclaims), but GFP_KERNEL tells Linux's
// callers that it may: with interrupts off or in an interrupt, pass GFP_ATOMIC.
void *kmem_cache_alloc(struct kmem_cache *s, gfp_t flags)
{
	return kmem_cache_alloc_traced(s, flags, (unsigned long)__builtin_return_address(0));
}

// Linux: kmem_cache_free. Gives x back to s; NULL is ignored. Memory not of
// a slab, or of another cache, is reported and not freed; with slub_debug a
// bad object gets its BUG report. Context: any, interrupts on or off.
void kmem_cache_free(struct kmem_cache *s, void *x)
{
	unsigned long caller = (unsigned long)__builtin_return_address(0);
	if (!x)
		return;
	trace_kmem(MM_TRACE_SLAB_FREE, s->name, x, 0, 0, (gfp_t)0, caller);
	__kmem_cache_free(s, x, caller);
}

// Linux: kmem_cache_alloc_bulk. All size objects into p, or none (0).
// Context: as kmem_cache_alloc.
int kmem_cache_alloc_bulk(struct kmem_cache *s, gfp_t flags, size_t size, void **p)
{
	for (size_t i = 0; i < size; i++) {
		p[i] =
		    kmem_cache_alloc_traced(s, flags, (unsigned long)__builtin_return_address(0));
		if (!p[i]) { // all or nothing
			kmem_cache_free_bulk(s, i, p);
			return 0;
		}
	}
	return (int)size;
}

// Linux: kmem_cache_free_bulk. kmem_cache_free of each. Context: any.
void kmem_cache_free_bulk(struct kmem_cache *s, size_t size, void **p)
{
	for (size_t i = 0; i < size; i++)
		kmem_cache_free(s, p[i]);
}

// --- caches ---------------------------------------------------------------------------------

struct list_head slab_caches;
struct kmem_cache *kmem_cache;
static struct kmem_cache *kmem_cache_node;
static struct kmem_cache_node boot_node_of_node_cache; // the one node not from a slab

/*
 * slub_min_order=, slub_max_order=, slub_min_objects= (Linux: setup_slub_*).
 * A value no slab can have is clamped, with a line saying so: an order past
 * the buddy allocator's largest (MAX_ORDER - 1) and more objects than a slab
 * can count (MAX_OBJS_PER_PAGE). The last of the two orders given wins and
 * drags the other along, as later Linux does (6.1 lets slub_min_order pass
 * slub_max_order, and the "Order=" line then shows a range upside down).
 */
static int __init parse_slub_uint(const char *val, unsigned int *out)
{
	int v;
	if (!val || kstrtoint(val, 0, &v) || v < 0)
		return -EINVAL;
	*out = (unsigned int)v;
	return 0;
}
static unsigned int __init clamp_slub_param(const char *name, unsigned int v, unsigned int limit,
					    const char *what)
{
	if (v <= limit)
		return v;
	pr_warn("%s=%u is more than %s (%u); using %u\n", name, v, what, limit, limit);
	return limit;
}
static int __init setup_slub_min_order(char *val)
{
	if (parse_slub_uint(val, &slub_min_order))
		return -EINVAL;
	slub_min_order =
	    clamp_slub_param("slub_min_order", slub_min_order, MAX_ORDER - 1, "the largest order");
	slub_max_order = max(slub_max_order, slub_min_order);
	return 0;
}
static int __init setup_slub_max_order(char *val)
{
	if (parse_slub_uint(val, &slub_max_order))
		return -EINVAL;
	slub_max_order =
	    clamp_slub_param("slub_max_order", slub_max_order, MAX_ORDER - 1, "the largest order");
	slub_min_order = min(slub_min_order, slub_max_order);
	return 0;
}
static int __init setup_slub_min_objects(char *val)
{
	if (parse_slub_uint(val, &slub_min_objects))
		return -EINVAL;
	slub_min_objects = clamp_slub_param("slub_min_objects", slub_min_objects, MAX_OBJS_PER_PAGE,
					    "a slab can hold");
	return 0;
}
early_param("slub_min_order", setup_slub_min_order);
early_param("slub_max_order", setup_slub_max_order);
early_param("slub_min_objects", setup_slub_min_objects);

// Objects a CPU keeps on partial slabs (Linux: set_cpu_partial).
static void set_cpu_partial(struct kmem_cache *s)
{
	unsigned int nr_objects = s->size >= PAGE_SIZE ? 2
				  : s->size >= 1024    ? 6
				  : s->size >= 256     ? 13
						       : 30;
	s->cpu_partial_slabs =
	    kmem_cache_debug(s) ? 0 : DIV_ROUND_UP(nr_objects * 2, oo_objects(s->oo));
}

// Every CPU's slab starts empty (Linux: init_kmem_cache_cpus).
static void init_kmem_cache_cpus(struct kmem_cache *s)
{
	unsigned int cpu;
	for_each_possible_cpu(cpu) {
		struct kmem_cache_cpu *c = per_cpu_ptr(s->cpu_slab, cpu);
		*c = {};
		INIT_LIST_HEAD(&c->partial);
	}
}

int __kmem_cache_create(struct kmem_cache *s, slab_flags_t flags)
{
	s->flags = kmem_cache_flags(s->object_size, flags, s->name);
	s->random = get_random_long();
	if (!calculate_sizes(s))
		return -EINVAL;
	s->min_partial = clamp((unsigned long)(ilog2(s->size) / 2), (unsigned long)MIN_PARTIAL,
			       (unsigned long)MAX_PARTIAL);
	set_cpu_partial(s);
	if (s->flags & SLAB_CACHE_DMA)
		s->allocflags |= GFP_DMA;
	struct kmem_cache_node *n =
	    kmem_cache_node
		? (struct kmem_cache_node *)kmem_cache_alloc(kmem_cache_node, GFP_KERNEL)
		: &boot_node_of_node_cache;
	if (!n)
		return -ENOMEM;
	*n = {};
	INIT_LIST_HEAD(&n->partial);
	spin_lock_init(&n->list_lock);
	INIT_LIST_HEAD(&n->full);
	s->node[0] = n;
	init_kmem_cache_cpus(s);
	list_add_tail(&s->list, &slab_caches);
	return 0;
}

// Frees every empty slab on the node's partial list, min_partial or not.
static void free_empty_partials(struct kmem_cache *s)
{
	struct kmem_cache_node *n = get_node(s);
	struct page *slab, *tmp;
	LIST_HEAD(discard);
	spin_lock(&n->list_lock);
	list_for_each_entry_safe(slab, tmp, &n->partial, slab_list) {
		if (!slab->inuse) {
			remove_partial(n, slab);
			list_add(&slab->slab_list, &discard);
		}
	}
	spin_unlock(&n->list_lock);
	list_for_each_entry_safe(slab, tmp, &discard, slab_list)
		discard_slab(s, slab);
}

// Linux: kmem_cache_shrink. Gives this CPU's slabs back to the node and
// every empty slab back to the page allocator; always 0. Context: any.
int kmem_cache_shrink(struct kmem_cache *s)
{
	unsigned long irq = local_irq_save();
	flush_cpu_slab(s);
	free_empty_partials(s);
	local_irq_restore(irq);
	return 0;
}

int __kmem_cache_shutdown(struct kmem_cache *s)
{
	kmem_cache_shrink(s);
	struct kmem_cache_node *n = get_node(s);
	struct page *slab;
	list_for_each_entry(slab, &n->partial, slab_list)
		list_slab_objects(s, slab);
	list_for_each_entry(slab, &n->full, slab_list)
		list_slab_objects(s, slab);
	if (n->nr_slabs)
		return 1;
	if (n != &boot_node_of_node_cache)
		kmem_cache_free(kmem_cache_node, n);
	list_del(&s->list);
	return 0;
}

const char *kmem_cache_name(const struct kmem_cache *s) { return s->name; }
unsigned int kmem_cache_size(const struct kmem_cache *s) { return s->object_size; }

// --- bootstrap -----------------------------------------------------------------------------

/*
 * The caches of struct kmem_cache and struct kmem_cache_node cannot come
 * from themselves at first: they start static, get their first slabs, and
 * then are copied into objects of the kmem_cache cache, their slabs pointed
 * at the copies (Linux: kmem_cache_init and bootstrap).
 */
static struct kmem_cache *bootstrap(struct kmem_cache *static_cache)
{
	struct kmem_cache *s = (struct kmem_cache *)kmem_cache_zalloc(kmem_cache, GFP_NOWAIT);
	BUG_ON(!s);
	memcpy(s, static_cache, sizeof(*s));
	list_replace(&static_cache->list, &s->list);
	flush_cpu_slab(static_cache); // its slabs go to the node lists...
	init_kmem_cache_cpus(s);
	struct page *slab;
	list_for_each_entry(slab, &get_node(s)->partial, slab_list) // ...and point at the copy
		slab->slab_cache = s;
	list_for_each_entry(slab, &get_node(s)->full, slab_list)
		slab->slab_cache = s;
	return s;
}

struct kmem_cache *create_boot_cache(struct kmem_cache *s, const char *name, unsigned int size,
				     slab_flags_t flags, unsigned int align)
{
	s->name = name;
	s->size = s->object_size = size;
	s->align = max(align, (unsigned int)ARCH_KMALLOC_MINALIGN);
	if (flags & SLAB_HWCACHE_ALIGN)
		s->align = max(s->align, (unsigned int)L1_CACHE_BYTES);
	s->refcount = -1; // never destroyed
	if (__kmem_cache_create(s, flags))
		panic("Creation of kmalloc slab %s size=%u failed.\n", name, size);
	return s;
}

void create_kmalloc_caches(void);

// Linux: kmem_cache_init. The caches of caches, then the kmalloc caches;
// panics if they cannot be made. Context: boot, once, after the page allocator.
void __init kmem_cache_init(void)
{
	static struct kmem_cache boot_kmem_cache, boot_kmem_cache_node;
	boot_kmem_cache = {};
	boot_kmem_cache_node = {};
	INIT_LIST_HEAD(&slab_caches);
	kmem_cache_node = nullptr;
	create_boot_cache(&boot_kmem_cache_node, "kmem_cache_node", sizeof(struct kmem_cache_node),
			  SLAB_HWCACHE_ALIGN, 0);
	kmem_cache_node = &boot_kmem_cache_node;
	create_boot_cache(&boot_kmem_cache, "kmem_cache", sizeof(struct kmem_cache),
			  SLAB_HWCACHE_ALIGN, 0);
	kmem_cache = &boot_kmem_cache;
	kmem_cache = bootstrap(&boot_kmem_cache);
	kmem_cache_node = bootstrap(&boot_kmem_cache_node);
	create_kmalloc_caches();
	pr_info("SLUB: HWalign=%d, Order=%u-%u, MinObjects=%u, CPUs=%u, Nodes=%u\n", L1_CACHE_BYTES,
		slub_min_order, slub_max_order, slub_min_objects, 1, 1);
}

// The objects on a free list chain (the CPU's lockless freelist, a slab's).
static unsigned long count_freelist(const struct kmem_cache *s, const void *fp)
{
	unsigned long n = 0;
	for (; fp; fp = get_freepointer(s, (void *)fp))
		n++;
	return n;
}

void slab_counts(struct kmem_cache *s, unsigned long *active_objs, unsigned long *num_objs,
		 unsigned long *num_slabs)
{
	const struct kmem_cache_node *n = get_node(s);
	unsigned long free = 0;
	unsigned int cpu;
	for_each_possible_cpu(cpu) {
		const struct kmem_cache_cpu *c = per_cpu_ptr(s->cpu_slab, cpu);
		free += count_freelist(s, c->freelist);
		if (c->slab)
			free += count_freelist(s, c->slab->freelist);
		free += partial_free_objects(&c->partial);
	}
	free += partial_free_objects(&n->partial);
	*num_objs = n->total_objects;
	*active_objs = n->total_objects - free;
	*num_slabs = n->nr_slabs;
}
