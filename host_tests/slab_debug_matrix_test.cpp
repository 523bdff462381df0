// Every subset of slub_debug's F, Z, P and U, on every kmalloc cache, with
// requested sizes at the edges of the object: alloc, krealloc (shrink, grow,
// move), free, double free and bad frees. No step may report a false
// error or leave a free list that does not validate, and one seeded byte in
// any red zone, kmalloc slack or poison byte is found with Linux's report
// and repaired. This is the class of bug where a debug option's bytes and
// the free pointer overlap (slub_debug=ZU once crashed at the second
// kmalloc(18) from kmalloc-32).
#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "page_alloc_helpers.h"

#include <linux/printk.h>
#include <linux/slab.h>

#include "../mm/slab.h"

namespace
{

const phys_addr_t MB = 1 << 20;

std::string flag_letters(unsigned int subset)
{
	std::string s;
	for (int i = 0; i < 4; i++)
		if (subset & (1u << i))
			s += "FZPU"[i];
	return s;
}

struct Matrix : testing::TestWithParam<unsigned int> {
	void SetUp() override
	{
		std::string letters = flag_letters(GetParam());
		early_param_for_test(("slub_debug=" + (letters.empty() ? "-" : letters)).c_str());
		boot_node({{{1 * MB, 64 * MB}}, 0x1000, 0x4000, 0x4000, 64 * MB});
		kmem_cache_init();
		console_take();
		slub_debug_errors = 0;
	}
	void TearDown() override { early_param_for_test("slub_debug=-"); }
	bool has(slab_flags_t f) const { return cache->flags & f; }

	struct kmem_cache *cache = nullptr;
	std::string where; // which cache, size and step, for failure messages

	// The cache validates with no report: nothing false, the lists intact.
	void expect_clean(const char *step)
	{
		unsigned long before = slub_debug_errors;
		EXPECT_EQ(validate_slab_cache(cache), 0) << where << step << "\n" << console_take();
		EXPECT_EQ(slub_debug_errors, before) << where << step;
		console_take();
	}

	// One byte changed: validate reports it under its Linux name, repairs it,
	// and the next validation is clean.
	void expect_found(u8 *byte, const char *report, const char *step)
	{
		*byte ^= 0x01;
		unsigned long before = slub_debug_errors;
		EXPECT_GE(validate_slab_cache(cache), 1) << where << step;
		std::string out = console_take();
		EXPECT_NE(out.find(report), std::string::npos) << where << step << "\n" << out;
		EXPECT_GT(slub_debug_errors, before);
		expect_clean(step);
	}

	// The first, middle and last byte of a region (the full per-byte sweep
	// under FZPU is SlabSweep's, in slab_debug_test.cpp).
	void seed_region(u8 *from, unsigned int len, const char *report, const char *step)
	{
		if (!len)
			return;
		std::set<unsigned int> at = {0, len / 2, len - 1};
		for (unsigned int i : at)
			expect_found(from + i, report, step);
	}

	void seed_live(u8 *p, size_t size);
	void seed_free(u8 *p);
	void krealloc_steps(u8 *p, size_t size);
	void double_and_bad_frees(size_t size);
	void run(int type, unsigned int index, size_t size);
};

void Matrix::seed_live(u8 *p, size_t size)
{
	if (!has(SLAB_RED_ZONE))
		return;
	seed_region(p - cache->red_left_pad, cache->red_left_pad, "Left Redzone overwritten",
		    "live left red zone");
	seed_region(p + cache->object_size, cache->inuse - cache->object_size,
		    "Right Redzone overwritten", "live right red zone");
	if (has(SLAB_STORE_USER))
		seed_region(p + size, cache->object_size - size, "kmalloc Redzone overwritten",
			    "kmalloc slack");
}

void Matrix::seed_free(u8 *p)
{
	if (has(SLAB_RED_ZONE)) {
		seed_region(p - cache->red_left_pad, cache->red_left_pad,
			    "Left Redzone overwritten", "free left red zone");
		seed_region(p + cache->object_size, cache->inuse - cache->object_size,
			    "Right Redzone overwritten", "free right red zone");
	}
	if (has(SLAB_POISON)) {
		seed_region(p, cache->object_size - 1, "Poison overwritten", "poison");
		expect_found(p + cache->object_size - 1, "End Poison overwritten", "end poison");
	}
}

u8 pattern(size_t i) { return (u8)(0x30 + i % 71); }

bool holds_pattern(const u8 *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (p[i] != pattern(i))
			return false;
	return true;
}

// Shrink and grow in place, then move to a bigger slot: the contents the
// caller asked for survive every step, and nothing else comes along.
void Matrix::krealloc_steps(u8 *p, size_t size)
{
	size_t smaller = size > 1 ? size / 2 : 1;
	// __GFP_ZERO on every call, as krealloc's contract asks of a caller
	// that wants grown bytes zeroed.
	EXPECT_EQ(krealloc(p, smaller, GFP_KERNEL | __GFP_ZERO), p) << where << "shrink in place";
	EXPECT_TRUE(holds_pattern(p, smaller)) << where;
	expect_clean("after shrink");
	if (has(SLAB_RED_ZONE) && has(SLAB_STORE_USER) && smaller < size)
		expect_found(p + smaller, "kmalloc Redzone overwritten", "slack after shrink");
	EXPECT_EQ(krealloc(p, size, GFP_KERNEL | __GFP_ZERO), p) << where << "grow stays in place";
	EXPECT_TRUE(holds_pattern(p, smaller)) << where;
	EXPECT_EQ(std::count(p + smaller, p + size, 0), (long)(size - smaller))
	    << where << "grown bytes are zero under __GFP_ZERO";
	for (size_t i = 0; i < size; i++)
		p[i] = pattern(i);
	expect_clean("after grow");
	size_t bigger = cache->object_size + 1;
	u8 *q = (u8 *)krealloc(p, bigger, GFP_KERNEL | __GFP_ZERO);
	ASSERT_NE(q, nullptr) << where;
	EXPECT_NE(q, p) << where << "a bigger size moves";
	EXPECT_TRUE(holds_pattern(q, size)) << where << "moved contents";
	EXPECT_EQ(std::count(q + size, q + bigger, 0), (long)(bigger - size))
	    << where << "nothing past the requested size is copied";
	expect_clean("after move");
	kfree(q);
}

// The checks that hold on every cache, debug or not (Linux's always-on
// hardening): a double free, an interior pointer, the wrong cache.
void Matrix::double_and_bad_frees(size_t size)
{
	u8 *b = (u8 *)kmalloc_trace(cache, GFP_KERNEL, size);
	ASSERT_NE(b, nullptr);
	unsigned long before = slub_debug_errors;
	kfree(b + 1);
	EXPECT_EQ(slub_debug_errors, before + 1) << where << "interior pointer";
	struct kmem_cache *other =
	    kmalloc_caches[KMALLOC_NORMAL][cache == kmalloc_caches[KMALLOC_NORMAL][3] ? 4 : 3];
	before = slub_debug_errors;
	kmem_cache_free(other, b);
	EXPECT_EQ(slub_debug_errors, before + 1) << where << "wrong cache";
	kfree(b);
	seed_free(b);
	before = slub_debug_errors;
	kfree(b);
	EXPECT_EQ(slub_debug_errors, before + 1) << where << "double free";
	EXPECT_NE(console_take().find("Object already free"), std::string::npos) << where;
	void *x = kmalloc_trace(cache, GFP_KERNEL, size),
	     *y = kmalloc_trace(cache, GFP_KERNEL, size);
	EXPECT_NE(x, y) << where << "the free list survived the double free";
	kfree(x);
	kfree(y);
	expect_clean("after bad frees");
	slub_debug_errors = 0;
}

void Matrix::run(int type, unsigned int index, size_t size)
{
	cache = kmalloc_caches[type][index];
	where = std::string(cache->name) + " size " + std::to_string(size) +
		" slub_debug=" + flag_letters(GetParam()) + ": ";
	slub_debug_errors = 0;
	u8 *p = (u8 *)kmalloc_trace(cache, GFP_KERNEL, size);
	u8 *p2 = (u8 *)kmalloc_trace(cache, GFP_KERNEL, size); // the free list after a pop
	ASSERT_NE(p, nullptr) << where;
	ASSERT_NE(p2, nullptr) << where;
	EXPECT_NE(p, p2) << where;
	EXPECT_EQ(slub_debug_errors, 0u) << where << "allocation reported\n" << console_take();
	for (size_t i = 0; i < size; i++)
		p[i] = p2[i] = pattern(i);
	expect_clean("after alloc");
	seed_live(p, size);
	EXPECT_TRUE(holds_pattern(p, size)) << where << "repairs stay out of the object";
	krealloc_steps(p, size);
	EXPECT_TRUE(holds_pattern(p2, size)) << where << "the neighbour is untouched";
	unsigned long before = slub_debug_errors; // the seeded bytes' reports so far
	kfree(p2);
	EXPECT_EQ(slub_debug_errors, before) << where << "a clean free reported\n"
					     << console_take();
	expect_clean("after free");
	double_and_bad_frees(size);
}

TEST_P(Matrix, every_kmalloc_cache_and_size)
{
	drain_all_pages(nullptr);
	unsigned long baseline = settled_free_pages();
	for (int type = 0; type < NR_KMALLOC_TYPES; type++) {
		for (unsigned int index = 1; index <= KMALLOC_SHIFT_HIGH; index++) {
			if (!kmalloc_caches[type][index])
				continue;
			unsigned int os = kmalloc_caches[type][index]->object_size;
			for (size_t size : std::set<size_t>{1, os / 2 + 1, os - 1, os}) {
				run(type, index, size);
				if (HasFatalFailure())
					return;
			}
		}
	}
	EXPECT_EQ(settled_free_pages(), baseline) << "every slab page went back";
}

std::string subset_name(const testing::TestParamInfo<unsigned int> &info)
{
	std::string s = flag_letters(info.param);
	return s.empty() ? "none" : s;
}

INSTANTIATE_TEST_SUITE_P(slub_debug, Matrix, testing::Range(0u, 16u), subset_name);

// --- mm/slub_kunit.c's cases, on caches created with the flags they test -------------------

struct SlubKunit : testing::Test {
	void SetUp() override
	{
		early_param_for_test("slub_debug=-");
		boot_node({{{1 * MB, 64 * MB}}, 0x1000, 0x4000, 0x4000, 64 * MB});
		kmem_cache_init();
		console_take();
		slub_debug_errors = 0;
	}
};

// test_kmalloc_redzone_access: a SLAB_KMALLOC cache made by kmem_cache_create
// records the requested size, so bytes past it are red zone.
TEST_F(SlubKunit, kmalloc_redzone_access)
{
	struct kmem_cache *s = kmem_cache_create(
	    "TestSlub_RZ_kmalloc", 32, 0, SLAB_KMALLOC | SLAB_STORE_USER | SLAB_RED_ZONE, nullptr);
	ASSERT_NE(s, nullptr);
	u8 *p = (u8 *)kmalloc_trace(s, GFP_KERNEL, 18);
	ASSERT_NE(p, nullptr);
	EXPECT_EQ(get_orig_size(s, p), 18u);
	p[18] = 0xab;
	p[19] = 0xab;
	EXPECT_EQ(validate_slab_cache(s), 1);
	EXPECT_NE(console_take().find("kmalloc Redzone overwritten"), std::string::npos);
	EXPECT_EQ(validate_slab_cache(s), 0) << "repaired";
	kmem_cache_free(s, p);
	kmem_cache_destroy(s);
}

// test_clobber_zone, test_clobber_redzone_free, test_first_word and
// test_clobber_50th_byte: one cache each, one byte each.
TEST_F(SlubKunit, clobber_zone_and_poison)
{
	struct Case {
		const char *name;
		slab_flags_t flags;
		bool free_first;
		unsigned int at;
		const char *report;
	} cases[] = {
	    {"TestSlub_RZ_alloc", SLAB_RED_ZONE, false, 64, "Right Redzone overwritten"},
	    {"TestSlub_RZ_free", SLAB_RED_ZONE, true, 64, "Right Redzone overwritten"},
	    {"TestSlub_1th_word_free", SLAB_POISON, true, 0, "Poison overwritten"},
	    {"TestSlub_50th_word_free", SLAB_POISON, true, 50, "Poison overwritten"},
	};
	for (const Case &c : cases) {
		struct kmem_cache *s = kmem_cache_create(c.name, 64, 0, c.flags, nullptr);
		ASSERT_NE(s, nullptr);
		u8 *p = (u8 *)kmem_cache_alloc(s, GFP_KERNEL);
		ASSERT_NE(p, nullptr);
		if (c.free_first)
			kmem_cache_free(s, p);
		p[c.at] ^= 0x78;
		EXPECT_EQ(validate_slab_cache(s), 1) << c.name;
		EXPECT_NE(console_take().find(c.report), std::string::npos) << c.name;
		EXPECT_EQ(validate_slab_cache(s), 0) << c.name << " repaired";
		if (!c.free_first)
			kmem_cache_free(s, p);
		kmem_cache_destroy(s);
	}
}

} // namespace
