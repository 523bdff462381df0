// SLUB and kmalloc on the running kernel. The debug detections run when the
// kernel was booted with slub_debug (the QEMU test "slub_debug" does that);
// the hardened checks run on every boot.
#include <linux/kfence.h>
#include <linux/kmem_pool.h>
#include <linux/ktest.h>
#include <linux/mm.h>
#include <linux/printk.h>
#include <linux/seq_buf.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "../slab.h"

static struct kmem_cache *kmalloc_cache_of(const void *obj)
{
	return virt_to_slab(obj)->slab_cache;
}

KTEST(slub, size_classes)
{
	KTEST_EXPECT_EQ(test, kmalloc(0, GFP_KERNEL), ZERO_SIZE_PTR);
	for (size_t size = 1; size <= KMALLOC_MAX_CACHE_SIZE; size += size < 256 ? 1 : 61) {
		void *p = kmalloc(size, GFP_KERNEL);
		KTEST_ASSERT_NOT_NULL(test, p);
		struct kmem_cache *s = kmalloc_cache_of(p);
		KTEST_EXPECT_TRUE(test, s == kmalloc_caches[KMALLOC_NORMAL][kmalloc_index(size)]);
		KTEST_EXPECT_TRUE(test, ksize(p) >= size && ksize(p) < 2 * size + 64);
		KTEST_EXPECT_EQ(test, (unsigned long)p % ARCH_KMALLOC_MINALIGN, 0);
		memset(p, 0x3c, size);
		kfree(p);
	}
	void *large = kmalloc(5 * PAGE_SIZE, GFP_KERNEL); // past kmalloc-8k: pages
	KTEST_ASSERT_NOT_NULL(test, large);
	KTEST_EXPECT_EQ(test, virt_to_slab(large), nullptr);
	KTEST_EXPECT_EQ(test, ksize(large), 8 * PAGE_SIZE);
	kfree(large);
	if (!managed_zone(&NODE_DATA(0)->node_zones[ZONE_DMA])) // memmap=100M$0
		KTEST_SKIP(test, "dma-kmalloc: ZONE_DMA has no memory to hand out (all reserved)");
	void *dma = kmalloc(100, GFP_KERNEL | GFP_DMA);
	KTEST_ASSERT_NOT_NULL(test, dma);
	KTEST_EXPECT_TRUE(test, !strcmp(kmem_cache_name(kmalloc_cache_of(dma)), "dma-kmalloc-128"));
	KTEST_EXPECT_EQ(test, page_zonenum(virt_to_page(dma)), ZONE_DMA);
	kfree(dma);
}

// SLUB is under test: an object KFENCE sampled is swapped for one of SLUB's
// (KFENCE takes one per kfence.sample_interval, so the loop is short).
static void *kmalloc_slub(size_t size)
{
	void *p = kmalloc(size, GFP_KERNEL);
	while (is_kfence_address(p)) {
		kfree(p);
		p = kmalloc(size, GFP_KERNEL);
	}
	return p;
}

// Freed objects come back first (the per-CPU freelist is LIFO).
KTEST(slub, lifo_reuse)
{
	void *a, *b;
	do { // b too must be SLUB's
		a = kmalloc_slub(64);
		kfree(a);
		b = kmalloc(64, GFP_KERNEL);
		if (is_kfence_address(b))
			kfree(b);
	} while (is_kfence_address(b));
	KTEST_EXPECT_TRUE(test, a == b);
	kfree(b);
}

struct pooled {
	static int live;
	unsigned long cookie;
	explicit pooled(unsigned long c) : cookie(c) { live++; }
	~pooled() { live--; }
};
int pooled::live;

// slabinfo before and after a workload of a private cache, a KmemPool and
// kmalloc; afterwards every page is back with the page allocator.
// The workload's checks: an assertion ends this helper, and the test then
// gives back whatever it got (the runner checks every page came back).
static void slab_workload(struct ktest *test, struct kmem_cache *s, KmemPool<pooled> &pool,
			  void **objs, pooled **items, int n)
{
	if (kmem_cache_alloc_bulk(s, GFP_KERNEL, n, objs) != n) {
		memset(objs, 0, n * sizeof(*objs)); // all or nothing: none to free
		KTEST_ASSERT_TRUE(test, !"kmem_cache_alloc_bulk");
	}
	for (int i = 0; i < n; i++) {
		items[i] = pool.create(GFP_KERNEL, (unsigned long)i);
		KTEST_ASSERT_NOT_NULL(test, items[i]);
	}
	KTEST_EXPECT_EQ(test, pooled::live, n);
	KTEST_EXPECT_EQ(test, items[n - 1]->cookie, n - 1);
	unsigned long active, total, slabs;
	slab_counts(s, &active, &total, &slabs);
	KTEST_EXPECT_EQ(test, active, n);
	KTEST_ASSERT_TRUE(test, slabs > 0);
	if (!(s->flags & SLAB_DEBUG_FLAGS))
		KTEST_EXPECT_EQ(test, s->size, 64); // 40 rounded up to two cache lines
	unsigned int per_slab = (unsigned int)(total / slabs);
	KTEST_EXPECT_EQ(test, slabs, (n + per_slab - 1) / per_slab); // filled one by one
	show_view(slabinfo_show);
}

KTEST(slub, slabinfo_around_a_workload)
{
	unsigned long baseline = settled_free_pages();
	show_view(slabinfo_show);
	struct kmem_cache *s =
	    kmem_cache_create("ktest_node", 40, 0, SLAB_HWCACHE_ALIGN | SLAB_SKIP_KFENCE,
			      nullptr); // all n objects counted in slabinfo
	KTEST_ASSERT_NOT_NULL(test, s);
	static KmemPool<pooled> pool;
	if (!pool.try_init("ktest_pooled"))
		kmem_cache_destroy(s);
	KTEST_ASSERT_NOT_NULL(test, pool.cache());
	const int n = 2000;
	void **objs = (void **)kcalloc(n, sizeof(void *), GFP_KERNEL);
	pooled **items = (pooled **)kcalloc(n, sizeof(pooled *), GFP_KERNEL);
	KTEST_EXPECT_TRUE(test, objs && items);
	if (objs && items)
		slab_workload(test, s, pool, objs, items, n);
	for (int i = 0; objs && items && i < n; i++) {
		kmem_cache_free(s, objs[i]); // NULL: never allocated
		pool.destroy(items[i]);
	}
	KTEST_EXPECT_EQ(test, pooled::live, 0);
	kfree(objs);
	kfree(items);
	kmem_cache_shrink(s);
	unsigned long active, total, slabs;
	slab_counts(s, &active, &total, &slabs);
	KTEST_EXPECT_EQ(test, active, 0);
	kmem_cache_destroy(s);
	kmem_cache_destroy(pool.cache());
	show_view(slabinfo_show);
	KTEST_EXPECT_EQ(test, settled_free_pages(), baseline);
}

// Objects of one kmalloc size are chained through their first word.
static unsigned long kmalloc_until_null(size_t size, void **chain)
{
	unsigned long n = 0;
	while (void **p = (void **)kmalloc(size, GFP_KERNEL | __GFP_NOWARN)) {
		*p = *chain;
		*chain = p;
		n++;
	}
	return n;
}

/*
 * kmalloc everything lowmem has, big objects first; then one more kmalloc
 * without __GFP_NOWARN must fail with the page allocator's report and
 * SLUB's "Unable to allocate memory". Everything frees back.
 */
KTEST_NO_FAIL_NTH(slub, kmalloc_until_exhausted,
		  "allocates until kmalloc fails for real (20000 calls): an injected failure only "
		  "ends it early")
{
	unsigned long baseline = settled_free_pages();
	void *chain = nullptr;
	unsigned long bytes = 0;
	static const size_t sizes[] = {8192, 2048, 256, 32, 8};
	for (size_t size : sizes)
		bytes += kmalloc_until_null(size, &chain) * size;
	pr_info("    # kmalloc took %lu kB before failing\n", bytes >> 10);
	KTEST_EXPECT_TRUE(test, bytes > 0);
	void *last = kmalloc(8, GFP_KERNEL);
	while (is_kfence_address(last)) { // KFENCE's pool is not lowmem SLUB can take
		*(void **)last = chain;
		chain = last;
		last = kmalloc(8, GFP_KERNEL);
	}
	KTEST_EXPECT_EQ(test, last, nullptr);
	unsigned long objects = 0;
	while (chain) {
		void *next = *(void **)chain;
		kfree(chain);
		chain = next;
		objects++;
	}
	pr_info("    # freed %lu objects\n", objects);
	KTEST_EXPECT_EQ(test, settled_free_pages(), baseline);
}

// Hardened checks, on every boot: these are reported and nothing is freed.
KTEST(slub, bad_frees_are_reported)
{
	unsigned long before = slub_debug_errors;
	static int not_slab;
	u8 *p = (u8 *)kmalloc_slub(64); // KFENCE reports bad frees of its own
	KTEST_ASSERT_NOT_NULL(test, p);
	kfree(&not_slab);
	kfree(p + 4);
	kmem_cache_free(kmalloc_caches[KMALLOC_NORMAL][7], p); // kmalloc-128; p is in kmalloc-64
	KTEST_EXPECT_EQ(test, slub_debug_errors - before, 3);
	kfree(p);
	// Under every slub_debug= flag set: F walks the free list, the rest
	// compare with its head as the fast path does.
	kfree(p); // double free
	KTEST_EXPECT_EQ(test, slub_debug_errors - before, 4);
	void *q = kmalloc(64, GFP_KERNEL), *r = kmalloc(64, GFP_KERNEL);
	KTEST_EXPECT_TRUE(test, q != r); // the free list was not corrupted
	kfree(q);
	kfree(r);
}

// slub_debug: each corruption is found once, reported, and repaired.
KTEST(slub, debug_detections)
{
	struct kmem_cache *s = kmalloc_caches[KMALLOC_NORMAL][6];
	// the checks on free (F) find the red zones (Z) and the poison (P)
	const unsigned int needed = SLAB_CONSISTENCY_CHECKS | SLAB_RED_ZONE | SLAB_POISON;
	if ((s->flags & needed) != needed)
		KTEST_SKIP(test, "boot with slub_debug=FZPU");
	unsigned long before = slub_debug_errors;
	u8 *a = (u8 *)kmalloc_slub(64); // SLUB's checks: not a KFENCE object
	KTEST_ASSERT_NOT_NULL(test, a);
	a[64] = 0x12; // right red zone, while allocated
	kfree(a);
	KTEST_EXPECT_EQ(test, slub_debug_errors - before, 1);
	// A corrupt object is not freed (as Linux): it stays allocated, repaired.
	u8 *b = (u8 *)kmalloc_slub(64);
	KTEST_ASSERT_NOT_NULL(test, b);
	b[-1] = 0; // left red zone
	kfree(b);
	u8 *b2 = (u8 *)kmalloc_slub(50);
	KTEST_ASSERT_NOT_NULL(test, b2);
	b2[55] = 0; // kmalloc red zone: past the 50 bytes asked for
	kfree(b2);
	KTEST_EXPECT_EQ(test, slub_debug_errors - before, 3);
	u8 *c = (u8 *)kmalloc_slub(64);
	KTEST_ASSERT_NOT_NULL(test, c);
	kfree(c);
	c[10] = 0x6a; // use after free: into the poison
	KTEST_EXPECT_EQ(test, validate_slab_cache(s), 1);
	KTEST_EXPECT_EQ(test, validate_slab_cache(s), 0); // repaired
	KTEST_EXPECT_EQ(test, slub_debug_errors - before, 4);
	for (int i = 0; i < 3; i++)
		KTEST_EXPECT_EQ(test, validate_slab_cache(kmalloc_caches[KMALLOC_NORMAL][5 + i]),
				0);
	// Repaired, the three objects that were not freed free cleanly now (and
	// the runner's baseline check finds nothing leaked).
	kfree(a);
	kfree(b);
	kfree(b2);
	KTEST_EXPECT_EQ(test, slub_debug_errors - before, 4);
}

// --- Linux's mm/slub_kunit.c, on caches created with the flags each case needs,
// so they run under any slub_debug= (or none) -----------------------------------------------

// The flags every TestSlub cache adds: no slub_debug= flags of the user's,
// and no KFENCE object, which would answer the clobber with a KFENCE report
// instead of SLUB's (kfence.sample_interval=1 samples nearly every cache's
// first allocation, so that boot test failed now and then).
#define TEST_SLUB_FLAGS (SLAB_NO_USER_FLAGS | SLAB_SKIP_KFENCE)

// One byte of a TestSlub cache changed: validation finds it once and repairs it.
static void clobber_and_validate(struct ktest *test, const char *name, slab_flags_t flags,
				 bool free_first, unsigned int at)
{
	struct kmem_cache *s = kmem_cache_create(name, 64, 0, flags | TEST_SLUB_FLAGS, nullptr);
	KTEST_ASSERT_NOT_NULL(test, s);
	u8 *p = (u8 *)kmem_cache_alloc(s, GFP_KERNEL);
	if (!p) {
		kmem_cache_destroy(s);
		KTEST_ASSERT_NOT_NULL(test, p);
	}
	if (free_first)
		kmem_cache_free(s, p);
	p[at] ^= 0x78;
	KTEST_EXPECT_EQ(test, validate_slab_cache(s), 1);
	KTEST_EXPECT_EQ(test, validate_slab_cache(s), 0); // repaired
	if (!free_first)
		kmem_cache_free(s, p);
	kmem_cache_destroy(s);
}

KTEST(slub, clobber_zone) // test_clobber_zone: the right red zone of a live object
{
	clobber_and_validate(test, "TestSlub_RZ_alloc", SLAB_RED_ZONE, false, 64);
}

KTEST(slub, clobber_redzone_free) // test_clobber_redzone_free
{
	clobber_and_validate(test, "TestSlub_RZ_free", SLAB_RED_ZONE, true, 64);
}

KTEST(slub, first_word) // test_first_word: the poison's first byte
{
	clobber_and_validate(test, "TestSlub_1th_word_free", SLAB_POISON, true, 0);
}

KTEST(slub, clobber_50th_byte) // test_clobber_50th_byte
{
	clobber_and_validate(test, "TestSlub_50th_word_free", SLAB_POISON, true, 50);
}

// test_next_pointer: a free object's (hardened) free pointer changed: the
// chain is cut there and the objects past it count as in use. Put back, the
// chain is whole again, the count is repaired once, and then all is clean.
KTEST(slub, next_pointer)
{
	struct kmem_cache *s = kmem_cache_create("TestSlub_next_ptr_free", 64, 0,
						 SLAB_POISON | TEST_SLUB_FLAGS, nullptr);
	KTEST_ASSERT_NOT_NULL(test, s);
	u8 *p = (u8 *)kmem_cache_alloc(s, GFP_KERNEL);
	if (p) {
		kmem_cache_free(s, p);
		unsigned long *ptr_addr = (unsigned long *)(p + s->offset), tmp = *ptr_addr;
		*ptr_addr = tmp ^ 1;				      // never an object's start
		KTEST_EXPECT_TRUE(test, validate_slab_cache(s) >= 1); // Freechain corrupt
		*ptr_addr = tmp;
		KTEST_EXPECT_TRUE(test, validate_slab_cache(s) >= 1); // Wrong object count
		KTEST_EXPECT_EQ(test, validate_slab_cache(s), 0);
	}
	KTEST_EXPECT_NOT_NULL(test, p);
	kmem_cache_destroy(s);
}

// test_kmalloc_redzone_access: kmem_cache_create keeps SLAB_KMALLOC, so the
// cache records the 18 bytes asked for and bytes 18..31 are red zone.
KTEST(slub, kmalloc_redzone_access)
{
	struct kmem_cache *s = kmem_cache_create(
	    "TestSlub_RZ_kmalloc", 32, 0,
	    SLAB_KMALLOC | SLAB_STORE_USER | SLAB_RED_ZONE | TEST_SLUB_FLAGS, nullptr);
	KTEST_ASSERT_NOT_NULL(test, s);
	u8 *p = (u8 *)kmalloc_trace(s, GFP_KERNEL, 18);
	if (p) {
		KTEST_EXPECT_EQ(test, get_orig_size(s, p), 18);
		p[18] = 0xab;
		p[19] = 0xab;
		KTEST_EXPECT_EQ(test, validate_slab_cache(s), 1);
		KTEST_EXPECT_EQ(test, validate_slab_cache(s), 0);
		kmem_cache_free(s, p);
	}
	KTEST_EXPECT_NOT_NULL(test, p);
	kmem_cache_destroy(s);
}
