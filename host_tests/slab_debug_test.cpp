// slub_debug=FZPU: every detection, with its exact report count and Linux's
// wording; a single-byte overwrite sweep over every red zone and poison byte
// of every kmalloc size; and a randomized model test of kmalloc.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>

#include "page_alloc_helpers.h"

#include <linux/init.h>
#include <linux/printk.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "../mm/slab.h"

namespace
{

const phys_addr_t MB = 1 << 20;

struct SlabDebug : testing::Test {
	void SetUp() override
	{
		early_param_for_test("slub_debug=FZPU");
		boot_node({{{1 * MB, 64 * MB}}, 0x1000, 0x4000, 0x4000, 64 * MB});
		kmem_cache_init();
		console_take();
		slub_debug_errors = 0;
	}
	void TearDown() override
	{
		early_param_for_test("slub_debug=-");
		early_param_for_test("slub_min_order=0 slub_max_order=3 slub_min_objects=0");
		console_loglevel = CONSOLE_LOGLEVEL_DEFAULT;
	}
	struct kmem_cache *cache_of(void *p) { return virt_to_slab(p)->slab_cache; }
};

TEST_F(SlabDebug, layout_of_kmalloc_64)
{
	void *p = kmalloc(64, GFP_KERNEL);
	struct kmem_cache *s = cache_of(p);
	EXPECT_TRUE(s->flags & SLAB_RED_ZONE);
	EXPECT_EQ(s->red_left_pad, 64u) << "aligned to the object's 64-byte alignment";
	EXPECT_EQ(s->inuse, 64u + sizeof(void *)) << "the object, then a word of right red zone";
	EXPECT_EQ((u8 *)p - ((u8 *)p - s->red_left_pad), 64);
	EXPECT_EQ(((u8 *)p)[-1], 0xcc) << "left red zone of an allocated object";
	EXPECT_EQ(((u8 *)p)[64], 0xcc) << "right red zone";
	EXPECT_EQ(((u8 *)p)[0], 0x6b) << "poisoned content";
	kfree(p);
	EXPECT_EQ(((u8 *)p)[-1], 0xbb) << "red zone of a free object";
	EXPECT_EQ(((u8 *)p)[63], 0xa5) << "the last poison byte";
	EXPECT_EQ(slub_debug_errors, 0u);
}

TEST_F(SlabDebug, right_redzone_while_allocated)
{
	u8 *p = (u8 *)kmalloc(64, GFP_KERNEL);
	p[64] = 0x12;
	kfree(p);
	EXPECT_EQ(slub_debug_errors, 1u);
	std::string out = console_take();
	EXPECT_NE(out.find("BUG kmalloc-64 ("), std::string::npos) << out;
	EXPECT_NE(out.find("First byte 0x12 instead of 0xcc"), std::string::npos);
	EXPECT_NE(out.find("FIX kmalloc-64: Restoring Right Redzone"), std::string::npos);
	EXPECT_NE(out.find("FIX kmalloc-64: Object at"), std::string::npos)
	    << "not freed, as Linux";
	EXPECT_EQ(validate_slab_cache(cache_of(p)), 0) << "repaired";
}

TEST_F(SlabDebug, left_redzone_while_allocated)
{
	u8 *p = (u8 *)kmalloc(100, GFP_KERNEL);
	p[-3] = 0;
	kfree(p);
	EXPECT_EQ(slub_debug_errors, 1u);
	EXPECT_NE(console_take().find("Left Redzone overwritten"), std::string::npos);
}

TEST_F(SlabDebug, kmalloc_redzone_past_the_request)
{
	u8 *p = (u8 *)kmalloc(50, GFP_KERNEL); // kmalloc-64: bytes 50..63 are red zone
	p[55] = 1;
	kfree(p);
	EXPECT_EQ(slub_debug_errors, 1u);
	EXPECT_NE(console_take().find("kmalloc Redzone overwritten"), std::string::npos);
}

TEST_F(SlabDebug, redzones_and_poison_while_free)
{
	u8 *a = (u8 *)kmalloc(32, GFP_KERNEL), *b = (u8 *)kmalloc(32, GFP_KERNEL);
	u8 *c = (u8 *)kmalloc(32, GFP_KERNEL);
	kfree(a);
	kfree(b);
	kfree(c);
	a[32] = 0;   // right red zone of a free object
	b[-1] = 0;   // left red zone
	c[7] = 0x6a; // poison
	EXPECT_EQ(validate_slab_cache(cache_of(a)), 3);
	std::string out = console_take();
	EXPECT_NE(out.find("Right Redzone overwritten"), std::string::npos);
	EXPECT_NE(out.find("Left Redzone overwritten"), std::string::npos);
	EXPECT_NE(out.find("Poison overwritten"), std::string::npos);
	EXPECT_NE(out.find("First byte 0x6a instead of 0x6b"), std::string::npos);
	EXPECT_EQ(validate_slab_cache(cache_of(a)), 0) << "all repaired";
}

// The last free object's pointer (it ends the list) gets a wrong value:
// "Freechain corrupt", the list is cut there, nothing else is lost.
TEST_F(SlabDebug, corrupted_free_pointer)
{
	struct kmem_cache *s = kmem_cache_create("fp-test", 128, 0, 0, nullptr);
	u8 *first = (u8 *)kmem_cache_alloc(s, GFP_KERNEL); // the rest of the slab is free, in order
	struct page *slab = virt_to_slab(first);
	u8 *last = first + (slab->objects - 1) * s->size;
	*(unsigned long *)(last + s->offset) ^= 0x1000;
	EXPECT_EQ(validate_slab_cache(s), 1);
	EXPECT_NE(console_take().find("Freechain corrupt"), std::string::npos);
	EXPECT_EQ(validate_slab_cache(s), 0) << "the chain now ends there, as it should";
	kmem_cache_free(s, first);
	kmem_cache_destroy(s);
}

TEST_F(SlabDebug, krealloc_moves_the_kmalloc_redzone)
{
	u8 *p = (u8 *)kmalloc(40, GFP_KERNEL | __GFP_ZERO); // kmalloc-64
	EXPECT_EQ(krealloc(p, 20, GFP_KERNEL | __GFP_ZERO), p);
	EXPECT_EQ(p[30], 0xcc) << "bytes past the new size are red zone";
	EXPECT_EQ(krealloc(p, 60, GFP_KERNEL | __GFP_ZERO), p);
	EXPECT_EQ(std::count(p + 20, p + 60, 0), 40) << "grown with zeros";
	memset(p, 1, 60); // all of it is the caller's now
	kfree(p);
	EXPECT_EQ(slub_debug_errors, 0u);
}

TEST_F(SlabDebug, double_free)
{
	void *p = kmalloc(64, GFP_KERNEL);
	kfree(p);
	kfree(p);
	EXPECT_EQ(slub_debug_errors, 1u);
	EXPECT_NE(console_take().find("Object already free"), std::string::npos);
}

TEST_F(SlabDebug, foreign_interior_and_wrong_cache)
{
	int local = 0;
	kfree(&local);
	EXPECT_EQ(slub_debug_errors, 1u);
	u8 *p = (u8 *)kmalloc(64, GFP_KERNEL);
	kfree(p + 4);
	EXPECT_EQ(slub_debug_errors, 2u);
	kmem_cache_free(kmalloc_caches[KMALLOC_NORMAL][7], p); // kmalloc-128, but p is kmalloc-64
	EXPECT_EQ(slub_debug_errors, 3u);
	kfree(p);
	EXPECT_EQ(slub_debug_errors, 3u);
	EXPECT_EQ(validate_slab_cache(cache_of(p)), 0);
}

// A slab of many thousand objects (slub_min_objects=, slub_min_order=, or
// small objects under a large order): validation knows which are free for
// every one of them, up to the 32767 a slab can hold, and an untouched
// cache validates clean; then one corrupted free object far in the slab is
// found.
TEST_F(SlabDebug, validation_covers_every_object_of_a_large_slab)
{
	early_param_for_test("slub_min_objects=8192 slub_max_order=10");
	struct kmem_cache *s = kmem_cache_create("tiny", 8, 0, 0, nullptr);
	ASSERT_NE(s, nullptr);
	u8 *first = (u8 *)kmem_cache_alloc(s, GFP_KERNEL);
	ASSERT_NE(first, nullptr);
	struct page *slab = virt_to_slab(first);
	ASSERT_GT(slab->objects, 8192u);
	EXPECT_EQ(validate_slab_cache(s), 0) << "every free object is seen as free";
	EXPECT_EQ(slub_debug_errors, 0u) << console_take();
	u8 *far = first + (slab->objects - 1) * s->size; // the slab's last object: free
	far[0] ^= 0x01;					 // its poison
	EXPECT_EQ(validate_slab_cache(s), 1);
	std::string out = console_take();
	EXPECT_NE(out.find("BUG tiny ("), std::string::npos) << out;
	EXPECT_NE(out.find("): Poison overwritten"), std::string::npos) << out;
	kmem_cache_free(s, first);
	kmem_cache_destroy(s);
}

// Flip one byte, validate: it must be found; validate again: nothing left.
int flip_and_validate(struct kmem_cache *s, u8 *byte)
{
	*byte ^= 0x01;
	int missed = validate_slab_cache(s) < 1;
	return missed + (validate_slab_cache(s) != 0);
}

// Every byte of [from, from + len), or for a long range its first and
// last 512 bytes and every 61st byte between (a prime stride meets every
// offset within a word and a cache line): each validation walks the whole
// cache, so 8 KiB of poison byte by byte took a minute under ASan.
int sweep(struct kmem_cache *s, u8 *from, unsigned int len)
{
	int missed = 0;
	for (unsigned int i = 0; i < len; i++) {
		if (len > 1024 && i >= 512 && i < len - 512 && (i - 512) % 61)
			continue;
		missed += flip_and_validate(s, from + i);
	}
	return missed;
}

// Every red-zone byte of an allocated object and every red-zone and poison
// byte of a free one (sampled as sweep() says past 1 KiB), in every
// kmalloc size: 100% found, 100% repaired. One test per size so CTest
// runs them in parallel.
struct SlabSweep : SlabDebug, testing::WithParamInterface<unsigned int> {
};

TEST_P(SlabSweep, single_byte_overwrite)
{
	console_loglevel = 0; // the reports still go to the log and the counter
	struct kmem_cache *s = kmalloc_caches[KMALLOC_NORMAL][GetParam()];
	u8 *live = (u8 *)kmalloc(s->object_size, GFP_KERNEL),
	   *dead = (u8 *)kmalloc(s->object_size, GFP_KERNEL);
	kfree(dead);
	unsigned int right = s->inuse - s->object_size;
	EXPECT_EQ(sweep(s, live - s->red_left_pad, s->red_left_pad), 0) << s->name << " left, live";
	EXPECT_EQ(sweep(s, live + s->object_size, right), 0) << s->name << " right, live";
	EXPECT_EQ(sweep(s, dead - s->red_left_pad, s->red_left_pad), 0) << s->name << " left, free";
	EXPECT_EQ(sweep(s, dead + s->object_size, right), 0) << s->name << " right, free";
	EXPECT_EQ(sweep(s, dead, s->object_size), 0) << s->name << " poison";
	kfree(live);
	EXPECT_EQ(validate_slab_cache(s), 0);
}

// Index 1 and 2 are the 96 and 192 caches; the rest are powers of two.
std::string size_class_name(const testing::TestParamInfo<unsigned int> &info)
{
	unsigned int size = info.param == 1 ? 96 : info.param == 2 ? 192 : 1u << info.param;
	return "kmalloc_" + std::to_string(size);
}

INSTANTIATE_TEST_SUITE_P(kmalloc, SlabSweep, testing::Range(1u, KMALLOC_SHIFT_HIGH + 1u),
			 size_class_name);

// --- the model test ------------------------------------------------------------------

class SlabModel : public testing::TestWithParam<std::tuple<u32, bool>>
{
};

u8 fill_byte(const void *p, size_t i) { return (u8)(((unsigned long)p >> 4) + i * 13); }

// Random kmalloc/kfree/krealloc of random sizes, contents checked at every
// free; at the end everything is freed, the caches shrunk, and free memory
// is back where it started.
TEST_P(SlabModel, random_operations)
{
	auto [seed, debug] = GetParam();
	early_param_for_test(debug ? "slub_debug=FZPU" : "slub_debug=-");
	boot_node({{{1 * MB, 64 * MB}}, 0x1000, 0x4000, 0x4000, 64 * MB});
	kmem_cache_init();
	slub_debug_errors = 0;
	drain_all_pages(nullptr);
	std::mt19937 rng(seed);
	std::vector<std::pair<u8 *, size_t>> held;
	unsigned long baseline = nr_free_pages();
	const int steps = debug ? 50000 : 200000;
	auto check = [](u8 *p, size_t n) {
		for (size_t i = 0; i < n; i++)
			if (p[i] != fill_byte(p, i))
				return false;
		return true;
	};
	for (int step = 0; step < steps; step++) {
		unsigned op = rng() % 100;
		if (held.empty() || op < 50) {
			size_t size = rng() % 8 == 0 ? rng() % 20000 + 1 : rng() % 300 + 1;
			u8 *p =
			    (u8 *)kmalloc(size, GFP_KERNEL | (rng() % 4 ? (gfp_t)0 : __GFP_ZERO));
			ASSERT_NE(p, nullptr);
			for (size_t i = 0; i < size; i++)
				p[i] = fill_byte(p, i);
			held.push_back({p, size});
		} else if (op < 90) {
			size_t i = rng() % held.size();
			ASSERT_TRUE(check(held[i].first, held[i].second)) << "step " << step;
			kfree(held[i].first);
			held[i] = held.back();
			held.pop_back();
		} else {
			size_t i = rng() % held.size(), size = rng() % 600 + 1;
			auto [p, old] = held[i];
			ASSERT_TRUE(check(p, old));
			u8 *q = (u8 *)krealloc(p, size, GFP_KERNEL);
			for (size_t j = 0; j < std::min(old, size); j++)
				ASSERT_EQ(q[j], fill_byte(p, j)) << "krealloc kept the contents";
			for (size_t j = 0; j < size; j++)
				q[j] = fill_byte(q, j);
			held[i] = {q, size};
		}
	}
	for (auto &h : held) {
		ASSERT_TRUE(check(h.first, h.second));
		kfree(h.first);
	}
	struct kmem_cache *s;
	list_for_each_entry(s, &slab_caches, list) {
		if (debug) {
			EXPECT_EQ(validate_slab_cache(s), 0) << s->name;
		}
		kmem_cache_shrink(s);
	}
	drain_all_pages(nullptr);
	EXPECT_EQ(nr_free_pages(), baseline) << "every slab page went back";
	EXPECT_EQ(slub_debug_errors, 0u);
	early_param_for_test("slub_debug=-");
}

INSTANTIATE_TEST_SUITE_P(kmalloc, SlabModel,
			 testing::Values(std::make_tuple(1u, false), std::make_tuple(2u, false),
					 std::make_tuple(3u, false), std::make_tuple(4u, false),
					 std::make_tuple(5u, false), std::make_tuple(6u, true)));

} // namespace
