/*
 * DOC: the allocator stress run (shell: stress <ops>; no Linux counterpart)
 *
 * Random allocations and frees across the four allocators a student meets
 * (alloc_pages with every zone modifier, kmalloc, a private kmem_cache,
 * vmalloc), each object filled with a pattern that names it and checked
 * when it is freed, then the invariants: the buddy lists and counters
 * (check_page_alloc_invariants), every slab of every cache
 * (validate_slab_cache), the vmap trees (vmap_check), and finally that the
 * free page count is back where it started. Linux has pieces of this in
 * lib/test_vmalloc.c, mm/slub.c's validation and CONFIG_DEBUG_VM checks;
 * here it is one command. From user space the nearest are stress-ng (its vm
 * and malloc stressors load the allocators but cannot check their
 * invariants) and the mm selftests (tools/testing/selftests/vm in 6.1).
 */
#include <linux/highmem.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/printk.h>
#include <linux/shell.h>
#include <linux/slab.h>
#include <linux/stress.h>
#include <linux/string.h>
#include <linux/vmalloc.h>

#include "slab.h"

#define STRESS_SLOTS 64

enum stress_kind { ST_NONE, ST_PAGES, ST_KMALLOC, ST_CACHE, ST_VMALLOC, ST_KINDS };

struct stress_slot {
	enum stress_kind kind;
	void *obj;	    // struct page * for ST_PAGES
	unsigned long size; // bytes, or the order for ST_PAGES
	u32 stamp;
};

static u32 stress_rand(u32 *state) // xorshift32: a run is repeatable from its seed
{
	u32 x = *state;
	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	return *state = x;
}

// Runs fn over each page-sized piece of an object. Pages and vmalloc areas
// are reached through kmap_local (vmalloc via vmalloc_to_page), so the check
// also proves each area's pages are the ones vmalloc mapped.
template <typename F> static void for_each_chunk(const struct stress_slot *s, F fn)
{
	if (s->kind == ST_KMALLOC || s->kind == ST_CACHE) {
		fn((u8 *)s->obj, s->size);
		return;
	}
	unsigned long pages =
	    s->kind == ST_PAGES ? 1UL << s->size : DIV_ROUND_UP(s->size, PAGE_SIZE);
	for (unsigned long i = 0; i < pages; i++) {
		struct page *page = s->kind == ST_PAGES
					? (struct page *)s->obj + i
					: vmalloc_to_page((u8 *)s->obj + i * PAGE_SIZE);
		u8 *p = (u8 *)kmap_local_page(page);
		fn(p, s->kind == ST_PAGES ? PAGE_SIZE : min(s->size - i * PAGE_SIZE, PAGE_SIZE));
		kunmap_local(p);
	}
}

// The first and last word of each chunk carry the stamp: cheap, and enough
// to catch two owners of one block or a wrong mapping.
static void fill(const struct stress_slot *s)
{
	for_each_chunk(s, [s](u8 *p, unsigned long len) {
		memset(p, (u8)s->stamp, len);
		if (len >= 8) {
			memcpy(p, &s->stamp, 4);
			memcpy(p + len - 4, &s->stamp, 4);
		}
	});
}

static bool intact(const struct stress_slot *s)
{
	bool ok = true;
	for_each_chunk(s, [s, &ok](u8 *p, unsigned long len) {
		u32 a = s->stamp, b = s->stamp;
		if (len >= 8) {
			memcpy(&a, p, 4);
			memcpy(&b, p + len - 4, 4);
		}
		ok &= a == s->stamp && b == s->stamp && p[len / 2] == (u8)s->stamp;
	});
	return ok;
}

static const gfp_t page_gfps[] = {GFP_KERNEL,		GFP_KERNEL | __GFP_MOVABLE,
				  GFP_HIGHUSER_MOVABLE, GFP_DMA,
				  GFP_ATOMIC,		GFP_HIGHUSER};

static bool stress_alloc(struct stress_slot *s, struct kmem_cache *cache, u32 *rnd)
{
	s->kind = (enum stress_kind)(1 + stress_rand(rnd) % (ST_KINDS - 1));
	gfp_t gfp = page_gfps[stress_rand(rnd) % ARRAY_SIZE(page_gfps)] | __GFP_NOWARN;
	switch (s->kind) {
	case ST_PAGES:
		s->size = stress_rand(rnd) % 5;
		s->obj = alloc_pages(gfp, (unsigned int)s->size);
		break;
	case ST_KMALLOC:
		s->size = 1 + stress_rand(rnd) % 8192;
		s->obj = kmalloc(s->size, GFP_KERNEL | __GFP_NOWARN);
		break;
	case ST_CACHE:
		s->size = cache->object_size;
		s->obj = kmem_cache_alloc(cache, GFP_KERNEL | __GFP_NOWARN);
		break;
	default:
		s->size = (1 + stress_rand(rnd) % 16) * PAGE_SIZE - stress_rand(rnd) % 64;
		s->obj = vmalloc(s->size);
		break;
	}
	if (!s->obj) {
		s->kind = ST_NONE;
		return false;
	}
	s->stamp = stress_rand(rnd) | 1;
	fill(s);
	return true;
}

static void stress_free(struct stress_slot *s, struct kmem_cache *cache, struct stress_report *r)
{
	static const char *const names[] = {"", "alloc_pages", "kmalloc", "kmem_cache_alloc",
					    "vmalloc"};
	if (!intact(s)) {
		r->violations++;
		pr_err("stress: %s object %px (size %lu) was overwritten while allocated\n",
		       names[s->kind], s->obj, s->size);
	}
	if (s->kind == ST_PAGES)
		__free_pages((struct page *)s->obj, (unsigned int)s->size);
	else if (s->kind == ST_KMALLOC)
		kfree(s->obj);
	else if (s->kind == ST_CACHE)
		kmem_cache_free(cache, s->obj);
	else
		vfree(s->obj);
	s->kind = ST_NONE;
}

static void check_invariants(struct stress_report *r)
{
	r->violations += check_page_alloc_invariants([](const char *what, unsigned long pfn) {
		pr_err("stress: page allocator: %s at pfn %#lx\n", what, pfn);
	});
	struct kmem_cache *s;
	list_for_each_entry(s, &slab_caches, list)
		r->violations += validate_slab_cache(s);
	if (vmap_check() < 0) {
		pr_err("stress: the vmap area trees are inconsistent\n");
		r->violations++;
	}
}

int mm_stress(unsigned long ops, u32 seed, struct stress_report *r)
{
	static struct stress_slot slots[STRESS_SLOTS];
	u32 rnd = seed ? seed : 1;
	*r = {};
	// The baseline comes before the run's own cache: its struct kmem_cache
	// and kmem_cache_node may need a slab of their own (say, after the shell
	// destroyed caches and left a slab empty), which the destroy at the end
	// gives back.
	unsigned long tables = vmap_pte_tables(), before = settled_free_pages();
	struct kmem_cache *cache = kmem_cache_create("stress", 72, 8, 0, nullptr);
	if (!cache)
		return -1;
	for (unsigned long i = 0; i < ops; i++) {
		if (shell_interrupted()) { // Ctrl-C: stop here, the cleanup below still runs
			pr_info("stress: interrupted after %lu operations\n", i);
			break;
		}
		struct stress_slot *s = &slots[stress_rand(&rnd) % STRESS_SLOTS];
		if (s->kind != ST_NONE) {
			stress_free(s, cache, r);
			r->frees++;
		} else if (stress_alloc(s, cache, &rnd)) {
			r->allocs[s->kind]++;
		} else {
			r->failed++;
		}
		if ((i + 1) % 1024 == 0)
			check_invariants(r);
	}
	for (struct stress_slot &s : slots)
		if (s.kind != ST_NONE) {
			stress_free(&s, cache, r);
			r->frees++;
		}
	kmem_cache_destroy(cache);
	check_invariants(r);
	// New vmalloc page tables are kept; they are not a leak.
	unsigned long after = settled_free_pages() + (vmap_pte_tables() - tables);
	if (after != before) {
		pr_err("stress: %ld pages not given back (free %lu before, %lu after)\n",
		       (long)(before - after), before, after);
		r->violations++;
	}
	return r->violations ? -1 : 0;
}

void stress_print(unsigned long ops, const struct stress_report *r)
{
	pr_info("stress: %lu operations: %lu alloc_pages, %lu kmalloc, %lu kmem_cache_alloc, %lu "
		"vmalloc, %lu frees, %lu allocations refused\n",
		ops, r->allocs[ST_PAGES], r->allocs[ST_KMALLOC], r->allocs[ST_CACHE],
		r->allocs[ST_VMALLOC], r->frees, r->failed);
	pr_info("stress: %lu invariant violations%s\n", r->violations,
		r->violations ? "" : "; every page is back");
}
