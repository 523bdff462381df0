// Linux's lib/test_meminit.c as ktests: fill memory with garbage, free it,
// allocate again and count the bytes that are not zero. Under init_on_alloc=1
// or init_on_free=1 none may be: freed garbage never comes back. With both
// off, only what holds on every boot is checked (__GFP_ZERO, a constructor's
// pattern) and the rest is skipped. Each check allocates twice, as Linux's,
// so the second allocation usually gets the block the garbage was left in
// (the pcp list's hot page, the slab's freelist head).
//
// Not ported: the SLAB_TYPESAFE_BY_RCU cases (do_kmem_cache_size with
// want_rcu, test_rcu_persistent): the kernel has no RCU and no such caches.
#include <linux/highmem.h>
#include <linux/ktest.h>
#include <linux/meminit.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/vmalloc.h>

#include "../slab.h"

#define GARBAGE_INT 0x09A7BA9Eu
#define GARBAGE_BYTE 0x9E
#define CTOR_BYTES sizeof(unsigned int)
#define CTOR_PATTERN 0x41414141u

static bool heap_init_on(void) { return want_init_on_alloc(GFP_KERNEL) || want_init_on_free(); }

// Whether a cache without a constructor zeroes its objects: Linux's rule,
// stated again here rather than asked of slab_want_init_on_alloc/free, so
// that a broken predicate cannot switch its own check off.
static bool cache_zeroes(const struct kmem_cache *c)
{
	return heap_init_on() && !(c->flags & SLAB_POISON);
}

static size_t count_nonzero_bytes(const void *ptr, size_t size)
{
	const u8 *p = (const u8 *)ptr;
	size_t n = 0;
	for (size_t i = 0; i < size; i++)
		n += p[i] != 0;
	return n;
}

// Garbage from byte skip on: whole words of GARBAGE_INT, a tail of GARBAGE_BYTE.
static void fill_with_garbage_skip(void *ptr, size_t size, size_t skip)
{
	u8 *p = (u8 *)ptr + skip;
	size -= skip;
	for (; size >= sizeof(u32); size -= sizeof(u32), p += sizeof(u32)) {
		u32 g = GARBAGE_INT;
		memcpy(p, &g, sizeof(g));
	}
	memset(p, GARBAGE_BYTE, size);
}

static void fill_with_garbage(void *ptr, size_t size) { fill_with_garbage_skip(ptr, size, 0); }

// Linux: do_alloc_pages_order. True if the second allocation was all zero.
static bool alloc_pages_order_zeroed(gfp_t gfp, unsigned int order, bool *got)
{
	size_t nonzero = 0;
	*got = false;
	for (int pass = 0; pass < 2; pass++) {
		struct page *page = alloc_pages(gfp | __GFP_NOWARN, order);
		if (!page)
			return true; // no block this big: nothing to check
		*got = true;
		for (unsigned int i = 0; i < 1U << order; i++) {
			void *addr = kmap_local_page(page + i);
			if (pass)
				nonzero += count_nonzero_bytes(addr, PAGE_SIZE);
			fill_with_garbage(addr, PAGE_SIZE);
			kunmap_local(addr);
		}
		__free_pages(page, order);
	}
	return nonzero == 0;
}

// The largest allocations here (kmalloc of 512 KiB, bulk of 4 KiB objects)
// need a few MiB free; the smallest machines that boot have less.
#define MEMINIT_NEEDS_PAGES 1024
#define MEMINIT_SKIP_IF_SHORT(test)                                                                \
	do {                                                                                       \
		if (nr_free_pages() < MEMINIT_NEEDS_PAGES)                                         \
			KTEST_SKIP(test, "fewer than 4 MiB free: too little for these sizes");     \
	} while (0)

// Linux: test_pages, every order of lowmem.
KTEST(meminit, pages_every_order)
{
	if (!heap_init_on())
		KTEST_SKIP(test, "init_on_alloc and init_on_free are off");
	for (unsigned int order = 0; order < MAX_ORDER; order++) {
		bool got;
		bool zeroed = alloc_pages_order_zeroed(GFP_KERNEL, order, &got);
		KTEST_EXPECT_TRUE(test, zeroed);
		if (!zeroed)
			pr_err("meminit: order %u came back with garbage\n", order);
	}
}

// The same for highmem pages, which are zeroed through kmap_local (clear_highpage).
KTEST(meminit, highmem_pages)
{
	if (!heap_init_on())
		KTEST_SKIP(test, "init_on_alloc and init_on_free are off");
	if (!totalhigh_pages_count)
		KTEST_SKIP(test, "no HighMem on this machine");
	bool any_high = false;
	for (unsigned int order = 0; order < 4; order++) {
		struct page *page = alloc_pages(GFP_HIGHUSER | __GFP_NOWARN, order);
		if (!page)
			continue;
		any_high |= PageHighMem(page);
		__free_pages(page, order);
		bool got;
		KTEST_EXPECT_TRUE(test, alloc_pages_order_zeroed(GFP_HIGHUSER, order, &got));
	}
	KTEST_EXPECT_TRUE(test, any_high);
}

// Linux: do_kmalloc_size. Expects zero where the cache zeroes (not under slub_debug=P).
static bool kmalloc_size_ok(size_t size, bool *checked)
{
	void *buf = kmalloc(size, GFP_KERNEL);
	if (!buf)
		return false;
	fill_with_garbage(buf, size);
	kfree(buf);
	buf = kmalloc(size, GFP_KERNEL);
	if (!buf)
		return false;
	struct page *slab = virt_to_slab(buf);
	*checked = !slab || cache_zeroes(slab->slab_cache);
	bool ok = !*checked || count_nonzero_bytes(buf, size) == 0;
	fill_with_garbage(buf, size);
	kfree(buf);
	return ok;
}

// Linux: do_vmalloc_size.
static bool vmalloc_size_ok(size_t size)
{
	void *buf = vmalloc(size);
	if (!buf)
		return false;
	fill_with_garbage(buf, size);
	vfree(buf);
	buf = vmalloc(size);
	if (!buf)
		return false;
	bool ok = count_nonzero_bytes(buf, size) == 0;
	fill_with_garbage(buf, size);
	vfree(buf);
	return ok;
}

// Linux: test_kvmalloc. 1 B to 512 KiB: slab caches, then kmalloc_large's pages.
KTEST(meminit, kmalloc_and_vmalloc_every_power_of_two)
{
	if (!heap_init_on())
		KTEST_SKIP(test, "init_on_alloc and init_on_free are off");
	MEMINIT_SKIP_IF_SHORT(test);
	unsigned int checked_sizes = 0;
	for (unsigned int i = 0; i < 20; i++) {
		size_t size = (size_t)1 << i;
		bool checked = false;
		bool ok = kmalloc_size_ok(size, &checked);
		KTEST_EXPECT_TRUE(test, ok);
		checked_sizes += checked;
		ok = vmalloc_size_ok(size);
		KTEST_EXPECT_TRUE(test, ok);
		if (!ok)
			pr_err("meminit: vmalloc(%zu) came back with garbage\n", size);
	}
	KTEST_EXPECT_NE(test, checked_sizes,
			0); // slub_debug=P exempts the caches, not large kmalloc
}

static void test_ctor(void *obj) { *(unsigned int *)obj = CTOR_PATTERN; }

/*
 * Linux: check_buf, less RCU. A ctor object keeps its pattern; an object
 * allocated with __GFP_ZERO is zero; any other is zero when the cache zeroes
 * (init_on_alloc or init_on_free, no poisoning) and unchecked when not.
 */
static bool buf_ok(struct kmem_cache *c, void *buf, size_t size, bool want_ctor, bool want_zero)
{
	if (want_zero)
		return count_nonzero_bytes(buf, size) == 0;
	if (want_ctor)
		return *(unsigned int *)buf == CTOR_PATTERN;
	if (cache_zeroes(c))
		return count_nonzero_bytes(buf, size) == 0;
	return true;
}

#define BULK_SIZE 100
static void *bulk_array[BULK_SIZE];

// Linux: do_kmem_cache_size: ten rounds of bulk alloc/free and one object.
static bool kmem_cache_size_ok(unsigned int size, bool want_ctor, bool want_zero)
{
	gfp_t gfp = GFP_KERNEL | (want_zero ? __GFP_ZERO : (gfp_t)0);
	struct kmem_cache *c =
	    kmem_cache_create("test_cache", size, 1, 0, want_ctor ? test_ctor : nullptr);
	if (!c)
		return false;
	bool ok = true;
	for (int iter = 0; iter < 10 && ok; iter++) {
		if (!want_ctor) {
			int got = kmem_cache_alloc_bulk(c, gfp, BULK_SIZE, bulk_array);
			ok &= got == BULK_SIZE;
			for (int i = 0; i < got; i++)
				ok &= buf_ok(c, bulk_array[i], size, want_ctor, want_zero);
			for (int i = 0; i < got; i++)
				fill_with_garbage(bulk_array[i], size);
			kmem_cache_free_bulk(c, got, bulk_array);
		}
		void *buf = kmem_cache_alloc(c, gfp);
		if (!buf) {
			ok = false;
			break;
		}
		ok &= buf_ok(c, buf, size, want_ctor, want_zero);
		fill_with_garbage_skip(buf, size, want_ctor ? CTOR_BYTES : 0);
		kmem_cache_free(c, buf);
	}
	kmem_cache_destroy(c);
	return ok;
}

// Linux: do_kmem_cache_size_bulk: 1024 rounds of ten, each checked zero.
static bool kmem_cache_size_bulk_ok(unsigned int size)
{
	struct kmem_cache *c = kmem_cache_create("test_cache", size, size, 0, nullptr);
	if (!c)
		return false;
	void *objects[10];
	bool ok = true;
	for (int iter = 0; iter < 1024 && ok; iter++) {
		int num = kmem_cache_alloc_bulk(c, GFP_KERNEL, ARRAY_SIZE(objects), objects);
		ok &= num == (int)ARRAY_SIZE(objects);
		for (int i = 0; i < num; i++) {
			ok &= buf_ok(c, objects[i], size, false, false);
			fill_with_garbage(objects[i], size);
		}
		kmem_cache_free_bulk(c, num, objects);
	}
	kmem_cache_destroy(c);
	return ok;
}

// Linux: test_kmemcache. 8 B to 4 KiB, with and without a constructor and
// __GFP_ZERO (not both: Linux never zeroes a ctor cache's objects on top).
// Runs on every boot: what it checks with the options off holds then too.
KTEST(meminit, kmem_cache_sizes_ctor_zero_bulk)
{
	MEMINIT_SKIP_IF_SHORT(test);
	for (unsigned int i = 0; i < 10; i++) {
		unsigned int size = 8U << i;
		for (int flags = 0; flags < 4; flags++) {
			bool ctor = flags & 1, zero = flags & 2;
			if (ctor && zero)
				continue;
			bool ok = kmem_cache_size_ok(size, ctor, zero);
			KTEST_EXPECT_TRUE(test, ok);
			if (!ok)
				pr_err(
				    "meminit: kmem_cache of %u (ctor %d, __GFP_ZERO %d) failed\n",
				    size, ctor, zero);
		}
		KTEST_EXPECT_TRUE(test, kmem_cache_size_bulk_ok(size));
	}
}

// __GFP_ZERO is honoured whatever the options say: under init_on_free the
// page allocator relies on the zeroing done at free, so check it returns zeros.
KTEST(meminit, gfp_zero_always_zeroes)
{
	MEMINIT_SKIP_IF_SHORT(test);
	for (unsigned int order = 0; order < 4; order++) {
		bool got;
		KTEST_EXPECT_TRUE(test,
				  alloc_pages_order_zeroed(GFP_KERNEL | __GFP_ZERO, order, &got));
		KTEST_EXPECT_TRUE(test, got);
	}
	for (unsigned int i = 0; i < 20; i++) {
		size_t size = (size_t)1 << i;
		u8 *p = (u8 *)kmalloc(size, GFP_KERNEL);
		KTEST_ASSERT_NOT_NULL(test, p);
		fill_with_garbage(p, size);
		kfree(p);
		p = (u8 *)kzalloc(size, GFP_KERNEL);
		KTEST_ASSERT_NOT_NULL(test, p);
		KTEST_EXPECT_EQ(test, count_nonzero_bytes(p, size), 0);
		kfree(p);
	}
}
