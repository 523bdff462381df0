#pragma once
// What mm/slub.cpp, mm/slub_debug.cpp and mm/slab_common.cpp share (Linux: mm/slab.h).
#include <linux/list.h>
#include <linux/meminit.h>
#include <linux/mm.h>
#include <linux/poison.h>
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
	list_for_each_entry(s, &slab_caches, list)
		kmem_cache_shrink(s);
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

/*
 * SLUB's internals, shared by the allocator (mm/slub.cpp) and its debugger
 * (mm/slub_debug.cpp); Linux keeps both in mm/slub.c, these as its statics.
 */
#define MAX_OBJS_PER_PAGE 32767 // struct page counts objects in 15 bits

static inline unsigned int oo_order(struct kmem_cache_order_objects x) { return x.x >> 16; }
static inline unsigned int oo_objects(struct kmem_cache_order_objects x) { return x.x & 0xffff; }

static inline bool kmem_cache_debug(const struct kmem_cache *s)
{
	return s->flags & SLAB_DEBUG_FLAGS;
}

static inline struct kmem_cache_node *get_node(const struct kmem_cache *s) { return s->node[0]; }

// Who allocated or freed an object (Linux: struct track, less cpu and pid).
struct track {
	unsigned long addr;	// the caller
	unsigned long stack[4]; // and its callers
	unsigned long when;	// ms since boot
};

static inline bool freeptr_outside_object(const struct kmem_cache *s)
{
	return s->offset >= s->inuse;
}

// Where the tracking records start: after the free pointer if it is outside.
static inline unsigned int get_info_end(const struct kmem_cache *s)
{
	return freeptr_outside_object(s) ? s->inuse + sizeof(void *) : s->inuse;
}

// Does the cache record the size kmalloc was asked for (Linux: slub_debug_orig_size)?
static inline bool slub_debug_orig_size(const struct kmem_cache *s)
{
	return (s->flags & SLAB_STORE_USER) && (s->flags & SLAB_KMALLOC);
}

// Where that size is kept: after the two tracks.
static inline unsigned int *orig_size_slot(const struct kmem_cache *s, void *object)
{
	return (unsigned int *)((u8 *)object + get_info_end(s) + 2 * sizeof(struct track));
}

static inline unsigned long swab_long(unsigned long x)
{
	return sizeof(x) == 8 ? (unsigned long)__builtin_bswap64(x) : __builtin_bswap32((u32)x);
}

// Linux: freelist_ptr (CONFIG_SLAB_FREELIST_HARDENED).
static inline void *freelist_ptr(const struct kmem_cache *s, void *ptr, unsigned long ptr_addr)
{
	return (void *)((unsigned long)ptr ^ s->random ^ swab_long(ptr_addr));
}

static inline void *get_freepointer(const struct kmem_cache *s, void *object)
{
	unsigned long addr = (unsigned long)object + s->offset;
	return freelist_ptr(s, *(void **)addr, addr);
}

static inline void set_freepointer(const struct kmem_cache *s, void *object, void *fp)
{
	unsigned long addr = (unsigned long)object + s->offset;
	*(void **)addr = freelist_ptr(s, fp, addr);
}

static inline u8 *slab_address(const struct page *slab) { return (u8 *)lowmem_page_address(slab); }

// The object's slot starts red_left_pad bytes before the object.
static inline u8 *fixup_red_left(const struct kmem_cache *s, u8 *p)
{
	return (s->flags & SLAB_RED_ZONE) ? p + s->red_left_pad : p;
}

#define for_each_object(p, s, addr, objects)                                                       \
	for (p = fixup_red_left(s, addr); p < (addr) + (objects) * (s)->size; p += (s)->size)

// Is object the start of an object of this slab (NULL counts as yes)?
bool check_valid_pointer(const struct kmem_cache *s, const struct page *slab, void *object);
void flush_cpu_slab(struct kmem_cache *s);

// mm/slub_debug.cpp: the reports and checks the allocator calls.
__printf(3, 4) void slab_err(const struct kmem_cache *s, const struct page *slab, const char *fmt,
			     ...);
__printf(2, 3) void slab_fix(const struct kmem_cache *s, const char *fmt, ...);
void object_err(const struct kmem_cache *s, const struct page *slab, u8 *object,
		const char *reason);
void init_object(const struct kmem_cache *s, u8 *p, u8 val);
bool alloc_debug_processing(const struct kmem_cache *s, struct page *slab, u8 *object,
			    unsigned long addr, unsigned int orig_size);
bool free_debug_processing(const struct kmem_cache *s, struct page *slab, u8 *object,
			   unsigned long addr);
// The free objects on a list of partial slabs (Linux: count_partial(n,
// count_free)); a frozen slab's free objects are on its freelist too.
static inline unsigned long partial_free_objects(const struct list_head *partial)
{
	unsigned long nr = 0;
	const struct page *slab;
	list_for_each_entry(slab, partial, slab_list)
		nr += slab->objects - slab->inuse;
	return nr;
}

void list_slab_objects(struct kmem_cache *s, struct page *slab);
void slab_out_of_memory(const struct kmem_cache *s, gfp_t gfp);
