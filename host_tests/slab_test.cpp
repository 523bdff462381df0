// SLUB and kmalloc on a node booted over the mock's physical memory.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>
#include <random>
#include <set>

#include "page_alloc_helpers.h"

#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/kmem_pool.h>
#include <linux/seq_buf.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "../mm/slab.h"

namespace
{

const phys_addr_t MB = 1 << 20;

struct Slab : testing::Test {
	virtual const char *debug() { return "slub_debug=-"; }
	void SetUp() override
	{
		early_param_for_test(debug());
		boot_node({{{1 * MB, 64 * MB}}, 0x1000, 0x4000, 0x4000, 64 * MB});
		kmem_cache_init();
		console_take();
		slub_debug_errors = 0;
	}
	void TearDown() override
	{
		early_param_for_test("slub_debug=-");
		early_param_for_test("slub_min_order=0 slub_max_order=3 slub_min_objects=0");
	}
	unsigned long free_pages_now()
	{
		drain_all_pages(nullptr);
		return nr_free_pages();
	}
};

TEST_F(Slab, kmalloc_index_like_linux)
{
	const std::pair<size_t, unsigned> cases[] = {
	    {1, 3},   {8, 3},	{9, 4},	  {16, 4},    {17, 5},	  {33, 6},
	    {64, 6},  {65, 1},	{96, 1},  {97, 7},    {128, 7},	  {129, 2},
	    {192, 2}, {193, 8}, {256, 8}, {1024, 10}, {8192, 13}, {8193, 0}};
	for (auto &c : cases)
		EXPECT_EQ(kmalloc_index(c.first), c.second) << c.first;
}

// Every size from 1 byte to 8 KiB lands in the right class, aligned as Linux promises.
TEST_F(Slab, every_size_class)
{
	for (size_t size = 1; size <= KMALLOC_MAX_CACHE_SIZE; size += (size < 512 ? 1 : 61)) {
		u8 *p = (u8 *)kmalloc(size, GFP_KERNEL);
		ASSERT_NE(p, nullptr) << size;
		size_t ks = ksize(p);
		ASSERT_GE(ks, size);
		ASSERT_EQ(kmalloc_index(ks), kmalloc_index(size)) << size;
		if ((ks & (ks - 1)) == 0)
			ASSERT_EQ((unsigned long)p % ks, 0u)
			    << "power-of-two sizes are naturally aligned";
		else
			ASSERT_EQ((unsigned long)p % ARCH_KMALLOC_MINALIGN, 0u);
		memset(p, 0x42, size);
		kfree(p);
	}
}

TEST_F(Slab, freed_objects_are_reused_lifo)
{
	void *a = kmalloc(64, GFP_KERNEL), *b = kmalloc(64, GFP_KERNEL);
	kfree(a);
	kfree(b);
	EXPECT_EQ(kmalloc(64, GFP_KERNEL), b) << "the last freed comes back first";
	EXPECT_EQ(kmalloc(64, GFP_KERNEL), a);
}

TEST_F(Slab, zero_size_and_null)
{
	EXPECT_EQ(kmalloc(0, GFP_KERNEL), ZERO_SIZE_PTR);
	kfree(nullptr);
	kfree(ZERO_SIZE_PTR);
	EXPECT_EQ(ksize(ZERO_SIZE_PTR), 0u);
	EXPECT_EQ(slub_debug_errors, 0u);
}

// 512-byte objects: 8 per one-page slab (Linux's calculate_order).
TEST_F(Slab, partial_and_full_slabs)
{
	struct kmem_cache *s = kmem_cache_create("test-512", 512, 0, 0, nullptr);
	ASSERT_NE(s, nullptr);
	EXPECT_EQ(oo_order_of(s), 0u);
	unsigned long active, num, slabs;
	std::vector<void *> objs;
	for (int i = 0; i < 9; i++)
		objs.push_back(kmem_cache_alloc(s, GFP_KERNEL));
	slab_counts(s, &active, &num, &slabs);
	EXPECT_EQ(active, 9u);
	EXPECT_EQ(num, 16u);
	EXPECT_EQ(slabs, 2u) << "the 9th object needed a second slab";
	struct page *first = virt_to_slab(objs[0]);
	EXPECT_EQ(first->inuse, 8u);
	EXPECT_EQ(first->freelist, nullptr) << "full";
	kmem_cache_free(s, objs[0]); // a full slab gets a free object: onto the CPU's partial list
	EXPECT_TRUE(first->frozen);
	EXPECT_EQ(this_cpu_ptr(s->cpu_slab)->nr_partial, 1u);
	for (size_t i = 1; i < objs.size(); i++)
		kmem_cache_free(s, objs[i]);
	slab_counts(s, &active, &num, &slabs);
	EXPECT_EQ(active, 0u);
	kmem_cache_destroy(s);
}

// Empty slabs go back to the page allocator: free pages return to the baseline.
TEST_F(Slab, empty_slabs_return_to_the_buddy_allocator)
{
	struct kmem_cache *s = kmem_cache_create("test-200", 200, 0, 0, nullptr);
	unsigned long baseline = free_pages_now();
	std::vector<void *> objs;
	for (int i = 0; i < 3000; i++)
		objs.push_back(kmem_cache_alloc(s, GFP_KERNEL));
	EXPECT_LT(free_pages_now(), baseline - 100);
	std::shuffle(objs.begin(), objs.end(), std::mt19937(1));
	for (void *o : objs)
		kmem_cache_free(s, o);
	kmem_cache_shrink(s);
	EXPECT_EQ(free_pages_now(), baseline);
	kmem_cache_destroy(s);
}

TEST_F(Slab, bulk_api)
{
	struct kmem_cache *s = kmem_cache_create("test-64", 64, 0, 0, nullptr);
	void *p[16];
	EXPECT_EQ(kmem_cache_alloc_bulk(s, GFP_KERNEL, 16, p), 16);
	EXPECT_EQ(std::set<void *>(p, p + 16).size(), 16u);
	kmem_cache_free_bulk(s, 16, p);
	unsigned long active, num, slabs;
	slab_counts(s, &active, &num, &slabs);
	EXPECT_EQ(active, 0u);
	kmem_cache_destroy(s);
}

TEST_F(Slab, destroy_with_and_without_objects)
{
	struct kmem_cache *s = kmem_cache_create("test-live", 100, 0, 0, nullptr);
	void *o = kmem_cache_alloc(s, GFP_KERNEL);
	console_take();
	kmem_cache_destroy(s); // an object is still allocated: reported, the cache kept
	std::string out = console_take();
	EXPECT_NE(out.find("Objects remaining in test-live on __kmem_cache_shutdown()"),
		  std::string::npos);
	EXPECT_NE(out.find("kmem_cache_destroy test-live: Slab cache still has objects"),
		  std::string::npos);
	kmem_cache_free(s, o); // still usable
	kmem_cache_destroy(s);
	struct kmem_cache *c;
	list_for_each_entry(c, &slab_caches, list)
		EXPECT_STRNE(c->name, "test-live");
}

TEST_F(Slab, krealloc_keeps_contents_and_zeroes)
{
	u8 *p = (u8 *)kmalloc(24, GFP_KERNEL);
	memset(p, 0x77, 24);
	EXPECT_EQ(krealloc(p, 30, GFP_KERNEL), p) << "still fits kmalloc-32";
	u8 *q = (u8 *)krealloc(p, 100, GFP_KERNEL | __GFP_ZERO);
	ASSERT_NE(q, p);
	EXPECT_EQ(std::count(q, q + 24, 0x77), 24);
	EXPECT_EQ(std::count(q + 24, q + 100, 0), 76);
	u8 *r = (u8 *)krealloc(q, 40, GFP_KERNEL | __GFP_ZERO);
	EXPECT_EQ(r, q) << "shrinking stays in place";
	EXPECT_EQ(std::count(r + 40, r + ksize(r), 0), (long)(ksize(r) - 40))
	    << "the tail is cleared";
	kfree(r);
}

TEST_F(Slab, kcalloc_checks_overflow_and_zeroes)
{
	EXPECT_EQ(kcalloc((size_t)-1 / 4, 8, GFP_KERNEL), nullptr);
	u32 *a = (u32 *)kcalloc(10, sizeof(u32), GFP_KERNEL);
	EXPECT_EQ(std::count(a, a + 10, 0u), 10);
	kfree(a);
}

TEST_F(Slab, kmalloc_large_uses_pages)
{
	unsigned long baseline = free_pages_now();
	void *p = kmalloc(20000, GFP_KERNEL);
	EXPECT_EQ((unsigned long)p % PAGE_SIZE, 0u);
	EXPECT_EQ(ksize(p), 8 * PAGE_SIZE);
	EXPECT_EQ(free_pages_now(), baseline - 8);
	kfree(p);
	EXPECT_EQ(free_pages_now(), baseline);
}

// Sizes at and past every limit: KMALLOC_MAX_CACHE_SIZE (the last slab
// size), KMALLOC_MAX_SIZE (the largest block), 2^31 and 2^32 - 1 (where
// PAGE_SIZE << order wraps on i386). Too big is NULL, with __alloc_pages's
// one WARNING for the boot, as Linux 6.1.
TEST_F(Slab, kmalloc_at_and_past_the_limits)
{
	warn_once_generation++;
	int warns = host_warnings;
	const std::pair<size_t, size_t> fits[] = {{KMALLOC_MAX_CACHE_SIZE, 8192},
						  {KMALLOC_MAX_CACHE_SIZE + 1, 4 * PAGE_SIZE},
						  {KMALLOC_MAX_SIZE, KMALLOC_MAX_SIZE}};
	for (auto [size, ks] : fits) {
		void *p = kmalloc(size, GFP_KERNEL);
		ASSERT_NE(p, nullptr) << size;
		EXPECT_EQ(ksize(p), ks) << size;
		kfree(p);
	}
	EXPECT_EQ(host_warnings, warns);
	unsigned long baseline = settled_free_pages();
	for (size_t size :
	     {KMALLOC_MAX_SIZE + 1, (size_t)1 << 31, (size_t)3 << 30, (size_t)0xffffffff, SIZE_MAX})
		EXPECT_EQ(kmalloc(size, GFP_KERNEL), nullptr) << size;
	EXPECT_EQ(host_warnings, warns + 1) << "WARN_ON_ONCE: one for all of them";
	EXPECT_EQ(kmalloc(KMALLOC_MAX_SIZE + 1, GFP_KERNEL | __GFP_NOWARN), nullptr);
	EXPECT_EQ(host_warnings, warns + 1);
	EXPECT_EQ(settled_free_pages(), baseline);

	// The array helpers: an overflowing n * size is NULL, silently (Linux).
	EXPECT_EQ(kmalloc_array(SIZE_MAX / 2, 3, GFP_KERNEL), nullptr);
	EXPECT_EQ(kcalloc(2, SIZE_MAX / 2 + 1, GFP_KERNEL), nullptr);
	EXPECT_EQ(kmalloc_array(0, SIZE_MAX, GFP_KERNEL), ZERO_SIZE_PTR);
	// krealloc to an absurd size fails and leaves the old object as it was.
	u8 *p = (u8 *)kmalloc(100, GFP_KERNEL);
	memset(p, 0x5a, 100);
	EXPECT_EQ(krealloc(p, SIZE_MAX, GFP_KERNEL), nullptr);
	EXPECT_EQ(krealloc(p, (size_t)3 << 30, GFP_KERNEL), nullptr);
	EXPECT_EQ(std::count(p, p + 100, 0x5a), 100);
	EXPECT_EQ(host_warnings, warns + 1);
	kfree(p);
	EXPECT_EQ(settled_free_pages(), baseline);
}

// Out of pages: Linux's slab_out_of_memory report (its node line counts the
// free objects on partial slabs too).
TEST_F(Slab, out_of_memory_is_reported_like_linux)
{
	struct kmem_cache *c = kmem_cache_create("oom", 2000, 0, 0, nullptr);
	void *obj = kmem_cache_alloc(c, GFP_KERNEL); // one slab of 8, 7 free
	LIST_HEAD(blocks);
	for (int order = MAX_ORDER - 1; order >= 0; order--)
		while (struct page *p = alloc_pages(GFP_KERNEL | __GFP_NOWARN, order)) {
			p->index = order;
			list_add(&p->lru, &blocks);
		}
	std::vector<void *> objs;
	while (void *o = kmem_cache_alloc(c, GFP_KERNEL | __GFP_NOWARN))
		objs.push_back(o);
	kmem_cache_free(c, objs.back()); // one free object, on a slab not the CPU's
	objs.pop_back();
	console_take();
	kmem_cache_shrink(c);
	void *none[2];
	EXPECT_EQ(kmem_cache_alloc_bulk(c, GFP_KERNEL, 2, none), 0);
	std::string out = console_take();
	EXPECT_NE(out.find("SLUB: Unable to allocate memory on node -1, gfp=0xcc0(GFP_KERNEL)\n"),
		  std::string::npos)
	    << out;
	EXPECT_NE(out.find("  cache: oom, object size: 2000, buffer size: 2000, default order: 2, "
			   "min order: 0\n"),
		  std::string::npos)
	    << out;
	unsigned long active, num, slabs;
	slab_counts(c, &active, &num, &slabs);
	char want[64]; // every partial slab was used up before the page allocator was asked
	snprintf(want, sizeof(want), "  node 0: slabs: %lu, objs: %lu, free: 0\n", slabs, num);
	EXPECT_NE(out.find(want), std::string::npos) << want << out;
	free_pages_list(&blocks);
	for (void *o : objs)
		kmem_cache_free(c, o);
	kmem_cache_free(c, obj);
	kmem_cache_destroy(c);
}

// Linux refuses a cache it cannot lay out (kmem_cache_create fails with
// -EINVAL and says so); none of these may wrap a size or divide by zero.
TEST_F(Slab, kmem_cache_create_refuses_absurd_geometry)
{
	struct {
		const char *name;
		unsigned int size, align;
	} bad[] = {{"zero", 0, 0},
		   {"huge", (unsigned int)KMALLOC_MAX_SIZE + 1, 0},
		   {"max", ~0u, 0},
		   {"odd-align", 64, 3},
		   {"huge-align", 64, 1u << 31},
		   {"big-align", 64, (unsigned int)KMALLOC_MAX_SIZE * 2},
		   {nullptr, 64, 0}};
	for (const char *debug : {"slub_debug=-", "slub_debug=FZPU"}) {
		early_param_for_test(debug);
		for (auto &b : bad) {
			EXPECT_EQ(kmem_cache_create(b.name, b.size, b.align, 0, nullptr), nullptr)
			    << (b.name ? b.name : "(null)") << " " << debug;
			std::string want = std::string("kmem_cache_create(") +
					   (b.name ? b.name : "(null)") + ") failed with error -22";
			EXPECT_NE(console_take().find(want), std::string::npos) << want;
		}
	}
	// The largest that fits: one object of 4 MiB in an order-10 slab.
	early_param_for_test("slub_debug=-");
	struct kmem_cache *c = kmem_cache_create("big", KMALLOC_MAX_SIZE, 0, 0, nullptr);
	ASSERT_NE(c, nullptr);
	EXPECT_EQ(oo_order_of(c), (unsigned)MAX_ORDER - 1);
	kmem_cache_destroy(c);
}

TEST_F(Slab, dma_kmalloc)
{
	void *p = kmalloc(100, GFP_DMA);
	EXPECT_STREQ(virt_to_slab(p)->slab_cache->name, "dma-kmalloc-128");
	EXPECT_EQ(page_zonenum(virt_to_page(p)), ZONE_DMA);
	kfree(p);
}

struct Point {
	static inline int live = 0;
	int x, y;
	Point(int a, int b) : x(a), y(b) { live++; }
	~Point() { live--; }
};

TEST_F(Slab, kmem_pool_constructs_and_destroys)
{
	KmemPool<Point> pool;
	pool.init("point");
	Point *p = pool.create(GFP_KERNEL, 3, 4);
	EXPECT_EQ(p->x + p->y, 7);
	EXPECT_EQ(Point::live, 1);
	pool.destroy(p);
	EXPECT_EQ(Point::live, 0);
	EXPECT_STREQ(kmem_cache_name(pool.cache()), "point");
}

// Always on: the fast-path double free, foreign and interior pointers, the wrong cache.
TEST_F(Slab, hardened_checks_without_debug)
{
	struct kmem_cache *a = kmem_cache_create("test-a", 48, 0, 0, nullptr);
	struct kmem_cache *b = kmem_cache_create("test-b", 48, 0, 0, nullptr);
	u8 *x = (u8 *)kmem_cache_alloc(a, GFP_KERNEL);
	kmem_cache_free(a, x);
	kmem_cache_free(a, x);
	EXPECT_EQ(slub_debug_errors, 1u) << "double free";
	int on_stack;
	kfree(&on_stack);
	EXPECT_EQ(slub_debug_errors, 2u) << "not kmalloc memory";
	u8 *y = (u8 *)kmem_cache_alloc(a, GFP_KERNEL);
	kmem_cache_free(a, y + 8);
	EXPECT_EQ(slub_debug_errors, 3u) << "interior pointer";
	kmem_cache_free(b, y);
	EXPECT_EQ(slub_debug_errors, 4u) << "object of another cache";
	std::string out = console_take();
	EXPECT_NE(out.find("): Object already free"), std::string::npos) << out;
	EXPECT_NE(out.find("kmem_cache_free: Wrong slab cache. test-b but object is from test-a"),
		  std::string::npos);
	EXPECT_NE(out.find("Invalid object pointer"), std::string::npos);
	kmem_cache_free(a, y);
}

// Linux's calculate_order on the kmalloc caches: 8 objects per slab up to
// order 3, and the boot line; then the same caches under slub_max_order=1.
TEST_F(Slab, slab_orders_and_the_order_parameters)
{
	const std::pair<unsigned, unsigned> order_of_index[] = {{3, 0},	 {6, 0},  {9, 0}, {10, 1},
								{11, 2}, {12, 3}, {13, 3}};
	for (auto [idx, order] : order_of_index)
		EXPECT_EQ(oo_order_of(kmalloc_caches[KMALLOC_NORMAL][idx]), order) << idx;
	early_param_for_test("slub_max_order=1");
	kmem_cache_init();
	EXPECT_NE(console_take().find("SLUB: HWalign=32, Order=0-1, MinObjects=0, CPUs=1, Nodes=1"),
		  std::string::npos);
	EXPECT_EQ(oo_order_of(kmalloc_caches[KMALLOC_NORMAL][12]), 1u) << "2 objects of 4k";
	EXPECT_EQ(oo_order_of(kmalloc_caches[KMALLOC_NORMAL][13]), 1u) << "one object must fit";
	early_param_for_test("slub_min_order=2");
	kmem_cache_init();
	EXPECT_EQ(oo_order_of(kmalloc_caches[KMALLOC_NORMAL][3]), 2u) << "min wins, max follows";
	early_param_for_test("slub_min_order=0 slub_max_order=3");
}

// slub_min_order=10 asks for 4 MiB slabs; struct page counts at most 32767
// objects, so small objects get the largest order below that (Linux:
// calc_slab_order's MAX_OBJS_PER_PAGE rule) instead of a count that wraps
// to 0 and a boot that panics creating kmem_cache_node.
TEST_F(Slab, slub_min_order_10_caps_objects_per_slab)
{
	early_param_for_test("slub_min_order=10");
	kmem_cache_init();
	EXPECT_NE(console_take().find("SLUB: HWalign=32, Order=10-10, MinObjects=0"),
		  std::string::npos);
	const std::pair<unsigned, unsigned> order_of_index[] = {
	    {3, 5}, {4, 6}, {5, 7}, {6, 8}, {7, 9}, {1, 9}, {2, 10}, {8, 10}, {13, 10}};
	for (auto [idx, order] : order_of_index) {
		struct kmem_cache *s = kmalloc_caches[KMALLOC_NORMAL][idx];
		EXPECT_EQ(oo_order_of(s), order) << s->name;
		EXPECT_LE((PAGE_SIZE << oo_order_of(s)) / s->size, 32767u) << s->name;
	}
	void *p = kmalloc(8, GFP_KERNEL);
	ASSERT_NE(p, nullptr);
	EXPECT_EQ(virt_to_slab(p)->objects, 16384u);
	kfree(p);
}

// Values no slab can have are clamped, each with a line; the last order
// given drags the other along (later Linux).
TEST_F(Slab, order_parameters_past_the_limits_are_clamped)
{
	early_param_for_test("slub_min_order=11");
	EXPECT_NE(console_take().find("slub_min_order=11 is more than the largest order (10); "
				      "using 10"),
		  std::string::npos);
	kmem_cache_init();
	EXPECT_NE(console_take().find("Order=10-10,"), std::string::npos) << "max raised to min";
	early_param_for_test("slub_max_order=2147483647");
	EXPECT_NE(console_take().find("slub_max_order=2147483647 is more than the largest order "
				      "(10); using 10"),
		  std::string::npos);
	early_param_for_test("slub_max_order=1");
	kmem_cache_init();
	EXPECT_NE(console_take().find("Order=1-1,"), std::string::npos) << "min lowered to max";
	// More objects than a slab can count: clamped, and the caches still fit
	early_param_for_test("slub_min_objects=100000 slub_max_order=10");
	EXPECT_NE(console_take().find("slub_min_objects=100000 is more than a slab can hold "
				      "(32767); using 32767"),
		  std::string::npos);
	kmem_cache_init();
	EXPECT_NE(console_take().find("Order=1-10, MinObjects=32767,"), std::string::npos);
	for (unsigned idx = 1; idx <= KMALLOC_SHIFT_HIGH; idx++) {
		struct kmem_cache *s = kmalloc_caches[KMALLOC_NORMAL][idx];
		if (!s)
			continue;
		unsigned long objects = (PAGE_SIZE << oo_order_of(s)) / s->size;
		EXPECT_GE(objects, 1u) << s->name;
		EXPECT_LE(objects, 32767u) << s->name;
	}
	early_param_for_test("slub_min_order=-1");
	EXPECT_NE(console_take().find("Malformed early option 'slub_min_order'"),
		  std::string::npos);
}

// Linux's allocate_slab: the preferred order is tried quietly, without
// __GFP_NOFAIL; when no block that big is left the slab takes the smallest
// order that holds one object, counted as ORDER_FALLBACK, and goes back to
// the buddy allocator with its own order.
TEST_F(Slab, slab_falls_back_to_the_smallest_order)
{
	struct kmem_cache *c = kmem_cache_create("fallback", 2000, 0, 0, nullptr);
	ASSERT_EQ(oo_order_of(c), 2u) << "8 objects of 2000 bytes";
	drain_all_pages(nullptr);
	unsigned long before = nr_free_pages();
	LIST_HEAD(blocks); // every block of order 1 and up, past the watermarks
	for (int order = MAX_ORDER - 1; order >= 1; order--)
		while (struct page *p = alloc_pages(GFP_KERNEL | __GFP_MEMALLOC | __GFP_NOWARN,
						    (unsigned)order)) {
			p->index = (unsigned long)order;
			list_add(&p->lru, &blocks);
		}
	struct page *pair = list_first_entry(&blocks, struct page, lru);
	ASSERT_EQ(pair->index, 1u);
	list_del(&pair->lru);
	split_page(pair, 1);
	__free_pages(pair, 0); // one order-0 page, its buddy held: it cannot merge
	console_take();
	void *obj = kmem_cache_alloc(c, GFP_KERNEL | __GFP_NOFAIL);
	ASSERT_NE(obj, nullptr);
	struct page *slab = virt_to_slab(obj);
	EXPECT_EQ(compound_order(slab), 0u);
	EXPECT_EQ(slab->objects, 2u) << "an order-0 slab of 2000-byte objects";
	EXPECT_EQ(c->order_fallback, 1u);
	EXPECT_EQ(console_take(), "") << "the first try is quiet";
	unsigned long active, num, slabs;
	slab_counts(c, &active, &num, &slabs);
	EXPECT_EQ(num, 2u);
	__free_pages(pair + 1, 0);
	free_pages_list(&blocks);
	void *more[8]; // memory is back: the next slab has the preferred order
	ASSERT_EQ(kmem_cache_alloc_bulk(c, GFP_KERNEL, 8, more), 8);
	EXPECT_EQ(compound_order(virt_to_slab(more[7])), 2u);
	EXPECT_EQ(c->order_fallback, 1u);
	kmem_cache_free_bulk(c, 8, more);
	kmem_cache_free(c, obj);
	kmem_cache_destroy(c);
	EXPECT_EQ(free_pages_now(), before) << "each slab freed with its own order";
	EXPECT_EQ(slub_debug_errors, 0u);
}

TEST_F(Slab, slabinfo_format)
{
	static char buf[16384];
	struct seq_buf s;
	seq_buf_init(&s, buf, sizeof(buf));
	slabinfo_show(&s);
	std::string text(buf, s.len);
	EXPECT_EQ(
	    text.rfind(
		"slabinfo - version: 2.1\n# name            <active_objs> <num_objs> <objsize>", 0),
	    0u);
	EXPECT_NE(text.find("\nkmalloc-8k "), std::string::npos);
	EXPECT_NE(text.find("\nkmalloc-96 "), std::string::npos);
	EXPECT_NE(text.find("\nkmem_cache "), std::string::npos);
	EXPECT_NE(text.find(" : tunables    0    0    0 : slabdata "), std::string::npos);
}

} // namespace
