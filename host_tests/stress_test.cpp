// The stress run over every allocator at once: thousands of random
// operations, no invariant broken, and every page back at the end.
#include <gtest/gtest.h>

#include "page_alloc_helpers.h"

#include "../mm/slab.h"

#include <asm/pgtable.h>
#include <linux/slab.h>
#include <linux/stress.h>
#include <linux/vmalloc.h>

namespace
{

const phys_addr_t MB = 1 << 20;

class Stress : public testing::TestWithParam<u32>
{
	void SetUp() override
	{
		// 32M lowmem (DMA 15M, Normal 16M), 32M highmem
		boot_node({{{1 * MB, 64 * MB}}, 0x1000, 0x2000, 0x4000, 32 * MB});
		kmem_cache_init();
		memset(swapper_pg_dir, 0, sizeof(swapper_pg_dir));
		vmap_init_range(0xf0000000, 0xf4000000);
	}
};

TEST_P(Stress, random_work_across_allocators_breaks_nothing)
{
	struct stress_report r;
	unsigned long before = settled_free_pages();
	EXPECT_EQ(mm_stress(20000, GetParam(), &r), 0) << console_take();
	EXPECT_EQ(r.violations, 0u);
	for (int kind = 1; kind <= 4; kind++)
		EXPECT_GT(r.allocs[kind], 1000u) << "kind " << kind;
	EXPECT_EQ(r.frees, r.allocs[1] + r.allocs[2] + r.allocs[3] + r.allocs[4]);
	EXPECT_EQ(vmap_check(), 1); // one free area again: the whole range
	EXPECT_LE(before - settled_free_pages(), vmap_pte_tables());
	EXPECT_EQ(invariant_errors(), "");
	stress_print(20000, &r);
	auto out = console_take();
	EXPECT_NE(out.find("stress: 0 invariant violations; every page is back"), std::string::npos)
	    << out;
}

INSTANTIATE_TEST_SUITE_P(mm, Stress, testing::Values(1u, 2u, 3u));

// The shell's history before a run must not count against it: caches made
// and destroyed (here, as `cache create a 100`, `cache create b 2000`,
// `release` leave them) can leave the slab that will hold the run's own
// struct kmem_cache empty, so that the run's kmem_cache_destroy frees a page
// that was in use when the baseline was taken.
TEST_P(Stress, history_of_created_and_destroyed_caches_is_not_a_leak)
{
	struct kmem_cache *made[40];
	for (unsigned i = 0; i < ARRAY_SIZE(made); i++) // room for the run's cache to land anywhere
		made[i] = kmem_cache_create("made", i % 2 ? 2000 : 100, 0, 0, nullptr);
	for (int i = ARRAY_SIZE(made) - 1; i >= 0; i--)
		if (GetParam() % 2 || i % 3)
			kmem_cache_destroy(made[i]);
	for (int round = 0; round < 3; round++) {
		struct kmem_cache *a = kmem_cache_create("a", 100, 0, 0, nullptr);
		struct kmem_cache *b = kmem_cache_create("b", 2000, 0, 0, nullptr);
		kmem_cache_destroy(a);
		kmem_cache_destroy(b);
		struct stress_report r;
		EXPECT_EQ(mm_stress(500, GetParam() + round, &r), 0) << console_take();
		EXPECT_EQ(r.violations, 0u);
	}
	console_take();
	for (int i = ARRAY_SIZE(made) - 1; i >= 0; i--)
		if (!(GetParam() % 2 || i % 3))
			kmem_cache_destroy(made[i]);
}

// A broken invariant is reported, not hidden: here a zone's free counter
// that disagrees with its free lists.
TEST_P(Stress, a_broken_invariant_is_reported)
{
	struct zone *normal = zone_of(ZONE_NORMAL);
	normal->vm_stat[NR_FREE_PAGES] += 3;
	struct stress_report r;
	EXPECT_EQ(mm_stress(2000, GetParam(), &r), -1);
	EXPECT_GT(r.violations, 0u);
	EXPECT_NE(console_take().find("stress: page allocator: "), std::string::npos);
	normal->vm_stat[NR_FREE_PAGES] -= 3;
}

} // namespace
