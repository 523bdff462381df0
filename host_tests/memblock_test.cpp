// memblock, scenario by scenario, as Linux's tools/testing/memblock tests it:
// each test draws its ranges (|---| memory or reserved, [##] the new range),
// then checks the regions, counts and sizes memblock ends up with. Physical
// memory is the mock arch's buffer, so allocations can be written to.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>
#include <string>
#include <vector>

#include "host_support.h"

#include <asm/page_types.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/memblock.h>
#include <linux/string.h>

namespace
{

const phys_addr_t K = 1024, M = K * K;
using Ranges = std::vector<std::pair<phys_addr_t, phys_addr_t>>;

// What the static initialiser left, copied before any test ran memblock_reset().
const memblock_type boot_memory = memblock.memory, boot_reserved = memblock.reserved;
const memblock_region boot_memory_r0 = memblock.memory.regions[0],
		      boot_reserved_r0 = memblock.reserved.regions[0];

struct Memblock : testing::Test {
	void SetUp() override
	{
		mock_phys_mem_init(64 * M);
		memblock_reset();
		memblock_debug = false;
		console_take();
	}
	static void expect_regions(const memblock_type &t,
				   std::vector<std::pair<phys_addr_t, phys_addr_t>> want)
	{
		std::vector<std::pair<phys_addr_t, phys_addr_t>> got;
		phys_addr_t total = 0;
		for (unsigned long i = 0; i < t.cnt; i++) {
			got.emplace_back(t.regions[i].base, t.regions[i].size);
			total += t.regions[i].size;
		}
		EXPECT_EQ(got, want);
		EXPECT_EQ(t.total_size, total) << "total_size out of step";
	}
	// Linux's empty type: cnt 1, regions[0] = {0, 0}, flags 0, no bytes.
	static void expect_dummy(const memblock_type &t)
	{
		ASSERT_EQ(t.cnt, 1u) << t.name;
		EXPECT_EQ(t.regions[0].base, 0u) << t.name;
		EXPECT_EQ(t.regions[0].size, 0u) << t.name;
		EXPECT_EQ(t.regions[0].flags, MEMBLOCK_NONE) << t.name;
		EXPECT_EQ(t.total_size, 0u) << t.name;
	}
	// Free ranges (memory minus reserved) that a request with flags sees.
	static Ranges free_ranges(enum memblock_flags flags, int nid = NUMA_NO_NODE)
	{
		Ranges fwd, rev;
		phys_addr_t s, e;
		u64 i;
		for_each_free_mem_range(i, nid, flags, &s, &e, nullptr)
			fwd.emplace_back(s, e);
		for_each_free_mem_range_reverse(i, nid, flags, &s, &e, nullptr)
			rev.emplace_back(s, e);
		std::reverse(rev.begin(), rev.end());
		EXPECT_EQ(fwd, rev) << "the two directions disagree";
		return fwd;
	}
	static Ranges mem_ranges()
	{
		Ranges all;
		phys_addr_t s, e;
		u64 i;
		for_each_mem_range(i, &s, &e)
			all.emplace_back(s, e);
		return all;
	}
};

// --- memblock_add --------------------------------------------------------

TEST_F(Memblock, memblock_add_simple)
{
	memblock_add(SZ_1M, 16 * M);
	expect_regions(memblock.memory, {{SZ_1M, 16 * M}});
}

// |----|     : r1
//    [#####] : r2 overlaps the top of r1 -> one region
TEST_F(Memblock, memblock_add_overlap_top)
{
	memblock_add(1 * M, 4 * M);
	memblock_add(3 * M, 4 * M);
	expect_regions(memblock.memory, {{1 * M, 6 * M}});
}

//    |----| : r1
// [####]    : r2 overlaps the bottom of r1
TEST_F(Memblock, memblock_add_overlap_bottom)
{
	memblock_add(4 * M, 4 * M);
	memblock_add(2 * M, 4 * M);
	expect_regions(memblock.memory, {{2 * M, 6 * M}});
}

// |--------| : r1
//   [###]    : r2 inside r1: nothing changes
TEST_F(Memblock, memblock_add_within)
{
	memblock_add(1 * M, 8 * M);
	memblock_add(2 * M, 1 * M);
	expect_regions(memblock.memory, {{1 * M, 8 * M}});
}

TEST_F(Memblock, memblock_add_twice)
{
	memblock_add(1 * M, 1 * M);
	memblock_add(1 * M, 1 * M);
	expect_regions(memblock.memory, {{1 * M, 1 * M}});
}

// |--|  |--| : r1, r3
//    [##]    : r2 fills the gap exactly -> all merge
TEST_F(Memblock, memblock_add_between)
{
	memblock_add(1 * M, 1 * M);
	memblock_add(3 * M, 1 * M);
	memblock_add(2 * M, 1 * M);
	expect_regions(memblock.memory, {{1 * M, 3 * M}});
}

// |--| |--| |--| : r1 r2 r3
// [############] : one range over all of them and their gaps
TEST_F(Memblock, memblock_add_covers_several)
{
	memblock_add(1 * M, 1 * M);
	memblock_add(3 * M, 1 * M);
	memblock_add(5 * M, 1 * M);
	memblock_add(0, 8 * M);
	expect_regions(memblock.memory, {{0, 8 * M}});
}

// Added out of order, kept sorted.
TEST_F(Memblock, memblock_add_unsorted)
{
	memblock_add(8 * M, 1 * M);
	memblock_add(2 * M, 1 * M);
	memblock_add(5 * M, 1 * M);
	expect_regions(memblock.memory, {{2 * M, 1 * M}, {5 * M, 1 * M}, {8 * M, 1 * M}});
}

// A range that would wrap past the top of phys_addr_t is clamped.
TEST_F(Memblock, memblock_add_near_max)
{
	phys_addr_t base = PHYS_ADDR_MAX - 2 * M + 1;
	memblock_add(base, 4 * M);
	expect_regions(memblock.memory, {{base, 2 * M - 1}});
}

TEST_F(Memblock, memblock_add_zero_size_is_noop)
{
	memblock_add(1 * M, 0);
	expect_regions(memblock.memory, {{0, 0}});
}

// Touching regions with different flags stay apart.
TEST_F(Memblock, memblock_add_node_flags_keep_apart)
{
	memblock_add(1 * M, 1 * M);
	memblock_add_node(2 * M, 1 * M, 0, MEMBLOCK_HOTPLUG);
	expect_regions(memblock.memory, {{1 * M, 1 * M}, {2 * M, 1 * M}});
	EXPECT_EQ(memblock.memory.regions[1].flags, MEMBLOCK_HOTPLUG);
}

// --- memblock_reserve ----------------------------------------------------

TEST_F(Memblock, memblock_reserve_simple)
{
	memblock_reserve(SZ_64K, 3 * SZ_4K);
	expect_regions(memblock.reserved, {{SZ_64K, 3 * SZ_4K}});
	expect_regions(memblock.memory, {{0, 0}}); // reserving does not add memory
}

// |--|  : r1 reserved
//   [#] : r2 touches its top -> one region
TEST_F(Memblock, memblock_reserve_adjacent_merge)
{
	memblock_reserve(1 * M, 1 * M);
	memblock_reserve(2 * M, 1 * M);
	memblock_reserve(0, 1 * M);
	expect_regions(memblock.reserved, {{0, 3 * M}});
}

TEST_F(Memblock, memblock_reserve_overlap)
{
	memblock_reserve(1 * M, 2 * M);
	memblock_reserve(2 * M, 2 * M);
	expect_regions(memblock.reserved, {{1 * M, 3 * M}});
	EXPECT_TRUE(memblock_is_reserved(3 * M + 5));
	EXPECT_FALSE(memblock_is_reserved(4 * M));
}

// --- memblock_remove -----------------------------------------------------

// |------------| : r1
//     [####]     : removing the middle splits r1 in two
TEST_F(Memblock, memblock_remove_within_splits)
{
	memblock_add(1 * M, 8 * M);
	memblock_remove(3 * M, 2 * M);
	expect_regions(memblock.memory, {{1 * M, 2 * M}, {5 * M, 4 * M}});
}

//   |----| : r1
// [###]    : removing over the bottom trims it
TEST_F(Memblock, memblock_remove_overlap_bottom)
{
	memblock_add(2 * M, 4 * M);
	memblock_remove(1 * M, 2 * M);
	expect_regions(memblock.memory, {{3 * M, 3 * M}});
}

// |----|   : r1
//    [###] : removing over the top trims it
TEST_F(Memblock, memblock_remove_overlap_top)
{
	memblock_add(2 * M, 4 * M);
	memblock_remove(5 * M, 2 * M);
	expect_regions(memblock.memory, {{2 * M, 3 * M}});
}

TEST_F(Memblock, memblock_remove_absent_is_noop)
{
	memblock_add(2 * M, 1 * M);
	memblock_remove(8 * M, 1 * M);
	expect_regions(memblock.memory, {{2 * M, 1 * M}});
}

// |--| |--| |--| : three regions
//   [########]   : one removal trims the first, drops the middle, trims the last
TEST_F(Memblock, memblock_remove_across_several)
{
	memblock_add(1 * M, 2 * M);
	memblock_add(4 * M, 1 * M);
	memblock_add(6 * M, 2 * M);
	memblock_remove(2 * M, 5 * M);
	expect_regions(memblock.memory, {{1 * M, 1 * M}, {7 * M, 1 * M}});
}

TEST_F(Memblock, memblock_remove_everything)
{
	memblock_add(1 * M, 2 * M);
	memblock_remove(0, PHYS_ADDR_MAX);
	expect_regions(memblock.memory, {{0, 0}});
}

// --- memblock_phys_free / memblock_free ----------------------------------

TEST_F(Memblock, memblock_phys_free_within_splits)
{
	memblock_reserve(1 * M, 3 * M);
	memblock_phys_free(2 * M, 1 * M);
	expect_regions(memblock.reserved, {{1 * M, 1 * M}, {3 * M, 1 * M}});
}

TEST_F(Memblock, memblock_free_takes_a_virtual_address)
{
	memblock_reserve(1 * M, 1 * M);
	memblock_free(__va(1 * M), 1 * M);
	expect_regions(memblock.reserved, {{0, 0}});
	memblock_free(nullptr, 1 * M); // as kfree(NULL): nothing
}

// --- allocation ----------------------------------------------------------

// |-------------------| : memory
//                [####] : top-down: the highest fitting address
TEST_F(Memblock, memblock_alloc_top_down_simple)
{
	memblock_add(1 * M, 16 * M);
	void *p = memblock_alloc(SZ_4K, SZ_4K);
	ASSERT_NE(p, nullptr);
	EXPECT_EQ(__pa(p), 17 * M - SZ_4K);
	expect_regions(memblock.reserved, {{17 * M - SZ_4K, SZ_4K}});
}

// [####]                : bottom-up: the lowest, but never page 0
TEST_F(Memblock, memblock_alloc_bottom_up_simple)
{
	memblock_add(0, 16 * M);
	memblock_set_bottom_up(true);
	phys_addr_t pa = memblock_phys_alloc(SZ_4K, SZ_4K);
	EXPECT_EQ(pa, (phys_addr_t)PAGE_SIZE);
}

// The end of memory is not aligned: the block goes below it, aligned.
TEST_F(Memblock, memblock_alloc_top_down_alignment)
{
	memblock_add(1 * M, 5 * M + 123);
	phys_addr_t pa = memblock_phys_alloc(SZ_64K, SZ_1M);
	EXPECT_EQ(pa, 5 * M);
	pa = memblock_phys_alloc(SZ_4K, SZ_4K);
	EXPECT_EQ(pa, 6 * M - SZ_4K);
}

TEST_F(Memblock, memblock_alloc_bottom_up_alignment)
{
	memblock_add(SZ_4K + 7, 8 * M);
	memblock_set_bottom_up(true);
	EXPECT_EQ(memblock_phys_alloc(SZ_4K, SZ_1M), 1 * M);
}

// |rrrr|----|rrrr| : memory with reservations at both ends
//      [####]      : the allocation fits exactly in the hole
TEST_F(Memblock, memblock_alloc_exact_fit_between_reserved)
{
	memblock_add(1 * M, 3 * M);
	memblock_reserve(1 * M, 1 * M);
	memblock_reserve(3 * M, 1 * M);
	EXPECT_EQ(memblock_phys_alloc(1 * M, SZ_4K), 2 * M);
	expect_regions(memblock.reserved, {{1 * M, 3 * M}});
	EXPECT_EQ(memblock_phys_alloc(SZ_4K, SZ_4K), 0u) << "nothing left";
}

// |--|rr|------| : the free block above the reservation is too small for
//                 the request, the one below fits
TEST_F(Memblock, memblock_alloc_skips_too_small_gaps)
{
	memblock_add(1 * M, 4 * M);
	memblock_reserve(3 * M, 2 * M - SZ_64K);
	EXPECT_EQ(memblock_phys_alloc(1 * M, SZ_4K), 2 * M);
}

TEST_F(Memblock, memblock_alloc_too_large_fails)
{
	memblock_add(1 * M, 2 * M);
	EXPECT_EQ(memblock_alloc(4 * M, SZ_4K), nullptr);
	expect_regions(memblock.reserved, {{0, 0}});
}

TEST_F(Memblock, memblock_alloc_no_memory_fails)
{
	EXPECT_EQ(memblock_alloc(SZ_4K, SZ_4K), nullptr);
}

// Page 0 is never handed out, even when it is the only free page.
TEST_F(Memblock, memblock_alloc_never_page_zero)
{
	memblock_add(0, 2 * SZ_4K);
	memblock_reserve(SZ_4K, SZ_4K);
	EXPECT_EQ(memblock_phys_alloc(SZ_4K, SZ_4K), 0u);
}

// Nothing crosses current_limit.
TEST_F(Memblock, memblock_alloc_respects_current_limit)
{
	memblock_add(1 * M, 16 * M);
	memblock_set_current_limit(8 * M);
	phys_addr_t pa = __pa(memblock_alloc(SZ_4K, SZ_4K));
	EXPECT_EQ(pa, 8 * M - SZ_4K);
	EXPECT_EQ(memblock_alloc(8 * M, SZ_4K), nullptr) << "only 7M below the limit";
	// an explicit range is not clamped by current_limit
	EXPECT_EQ(memblock_phys_alloc_range(SZ_4K, SZ_4K, 0, 16 * M), 16 * M - SZ_4K);
}

TEST_F(Memblock, memblock_alloc_zeroes_raw_does_not)
{
	memblock_add(1 * M, 1 * M);
	std::memset(__va(1 * M), 0xaa, 1 * M);
	u8 *z = (u8 *)memblock_alloc(SZ_4K, SZ_4K);
	u8 *r = (u8 *)memblock_alloc_raw(SZ_4K, SZ_4K);
	ASSERT_TRUE(z && r);
	EXPECT_EQ(z[0], 0);
	EXPECT_EQ(z[SZ_4K - 1], 0);
	EXPECT_EQ(r[0], 0xaa);
}

// memblock_alloc_try_nid: inside [min, max); with no room above min, it
// drops the lower limit and tries again, as Linux does.
TEST_F(Memblock, memblock_alloc_try_nid_limits_and_retry)
{
	memblock_add(1 * M, 16 * M);
	void *p = memblock_alloc_try_nid(SZ_4K, SZ_4K, 4 * M, 6 * M, NUMA_NO_NODE);
	EXPECT_EQ(__pa(p), 6 * M - SZ_4K);
	p = memblock_alloc_try_nid(2 * M, SZ_4K, 12 * M, 13 * M, NUMA_NO_NODE);
	EXPECT_EQ(__pa(p), 11 * M) << "min dropped, max kept";
	p = memblock_alloc_try_nid(SZ_4K, SZ_4K, 0, 1 * M, NUMA_NO_NODE);
	EXPECT_EQ(p, nullptr) << "no memory below 1M";
}

TEST_F(Memblock, memblock_alloc_from_min_addr)
{
	memblock_add(1 * M, 16 * M);
	memblock_set_bottom_up(true);
	EXPECT_EQ(__pa(memblock_alloc_from(SZ_4K, SZ_4K, 5 * M)), 5 * M);
}

TEST_F(Memblock, memblock_alloc_skips_nomap)
{
	memblock_add(1 * M, 4 * M);
	memblock_mark_nomap(4 * M, 1 * M);
	EXPECT_EQ(memblock.memory.cnt, 2u);
	EXPECT_EQ(memblock_phys_alloc(SZ_4K, SZ_4K), 4 * M - SZ_4K);
	EXPECT_TRUE(memblock_is_memory(4 * M));
	EXPECT_FALSE(memblock_is_map_memory(4 * M));
	memblock_clear_nomap(4 * M, 1 * M);
	EXPECT_EQ(memblock.memory.cnt, 1u) << "same flags again: merged";
}

// |rr|------------| : bottom-up skips the reservation at the bottom
TEST_F(Memblock, memblock_alloc_bottom_up_skips_reserved)
{
	memblock_add(1 * M, 8 * M);
	memblock_reserve(1 * M, 1 * M);
	memblock_set_bottom_up(true);
	EXPECT_EQ(memblock_phys_alloc(SZ_4K, SZ_4K), 2 * M);
	EXPECT_EQ(memblock_phys_alloc(SZ_4K, SZ_4K), 2 * M + SZ_4K) << "next to the last one";
	expect_regions(memblock.reserved, {{1 * M, 1 * M + 2 * SZ_4K}});
}

TEST_F(Memblock, memblock_alloc_try_nid_bottom_up_limits_and_retry)
{
	memblock_add(1 * M, 16 * M);
	memblock_set_bottom_up(true);
	EXPECT_EQ(__pa(memblock_alloc_try_nid(SZ_4K, SZ_4K, 4 * M, 6 * M, NUMA_NO_NODE)), 4 * M);
	void *p = memblock_alloc_try_nid(2 * M, SZ_4K, 16 * M, 17 * M, NUMA_NO_NODE);
	EXPECT_EQ(__pa(p), 1 * M) << "no room above 16M: min dropped";
}

// max below min: the range is empty, so only the retry from 0 can succeed.
TEST_F(Memblock, memblock_alloc_try_nid_max_below_min)
{
	memblock_add(1 * M, 16 * M);
	void *p = memblock_alloc_try_nid(SZ_4K, SZ_4K, 8 * M, 4 * M, NUMA_NO_NODE);
	EXPECT_EQ(__pa(p), 4 * M - SZ_4K);
}

TEST_F(Memblock, memblock_alloc_bottom_up_respects_current_limit)
{
	memblock_add(1 * M, 16 * M);
	memblock_set_bottom_up(true);
	memblock_set_current_limit(3 * M);
	EXPECT_EQ(memblock_alloc(2 * M + SZ_4K, SZ_4K), nullptr);
	EXPECT_EQ(__pa(memblock_alloc(2 * M, SZ_4K)), 1 * M);
}

TEST_F(Memblock, memblock_alloc_large_alignment)
{
	memblock_add(1 * M, 15 * M);
	EXPECT_EQ(memblock_phys_alloc(SZ_4K, SZ_4M), 12 * M);
	memblock_set_bottom_up(true);
	EXPECT_EQ(memblock_phys_alloc(SZ_4K, SZ_4M), 4 * M);
}

TEST_F(Memblock, memblock_phys_alloc_range_outside_memory_fails)
{
	memblock_add(1 * M, 4 * M);
	EXPECT_EQ(memblock_phys_alloc_range(SZ_4K, SZ_4K, 8 * M, 16 * M), 0u);
	EXPECT_EQ(memblock_phys_alloc_range(SZ_4K, SZ_4K, 5 * M - SZ_1K * 2, 16 * M), 0u)
	    << "2K of room above start";
	EXPECT_EQ(memblock_phys_alloc_range(SZ_4K, SZ_4K, 4 * M, 16 * M), 5 * M - SZ_4K);
}

// Many small allocations top-down pack downwards without gaps and merge
// into one reserved region.
TEST_F(Memblock, memblock_alloc_packs_and_merges)
{
	memblock_add(1 * M, 1 * M);
	for (int i = 0; i < 100; i++)
		ASSERT_NE(memblock_alloc(64, 64), nullptr);
	expect_regions(memblock.reserved, {{2 * M - 6400, 6400}});
}

TEST_F(Memblock, memblock_zero_size_calls_are_noops)
{
	memblock_add(1 * M, 1 * M);
	memblock_reserve(1 * M, 0);
	memblock_phys_free(1 * M, 0);
	memblock_remove(1 * M, 0);
	expect_regions(memblock.memory, {{1 * M, 1 * M}});
	expect_regions(memblock.reserved, {{0, 0}});
}

// --- array doubling --------------------------------------------------------

// 129 separate regions do not fit the static array of 128: it doubles into
// memory memblock allocates (and reserves) from itself.
TEST_F(Memblock, memblock_add_doubles_the_array)
{
	memblock_add(32 * M, 16 * M); // room for the new array
	memblock_allow_resize();
	for (phys_addr_t i = 0; i < 128; i++)
		ASSERT_EQ(memblock_add(i * 2 * SZ_4K, SZ_4K), 0);
	EXPECT_EQ(memblock.memory.cnt, 129u);
	EXPECT_EQ(memblock.memory.max, 256u);
	phys_addr_t arr = __pa(memblock.memory.regions);
	EXPECT_TRUE(memblock_is_region_reserved(arr, 256 * sizeof(memblock_region)));
	EXPECT_EQ(memblock.memory.regions[128].base, 32 * M) << "contents copied";
}

// Growing it again frees the first allocated array.
TEST_F(Memblock, memblock_reserve_doubles_twice_and_frees_the_old_array)
{
	memblock_add(32 * M, 16 * M);
	memblock_allow_resize();
	for (phys_addr_t i = 0; i < 300; i++)
		ASSERT_EQ(memblock_reserve(i * 2 * SZ_4K, SZ_4K), 0);
	EXPECT_EQ(memblock.reserved.max, 512u);
	phys_addr_t arr = __pa(memblock.reserved.regions);
	// 300 small regions, plus the array itself (512 * 16 bytes = 2 pages)
	EXPECT_EQ(memblock.reserved.cnt, 301u);
	EXPECT_TRUE(memblock_is_reserved(arr));
	EXPECT_EQ(memblock_reserved_size(), 300 * SZ_4K + 2 * SZ_4K);
}

TEST_F(Memblock, memblock_add_full_array_without_resize_fails)
{
	for (phys_addr_t i = 0; i < 128; i++)
		memblock_add(i * 2 * SZ_4K, SZ_4K);
	console_take();
	EXPECT_EQ(memblock_add(4 * M, SZ_4K), -ENOMEM);
	EXPECT_EQ(console_take_lines(),
		  std::vector<std::string>{
		      "memblock: memory array is full (128 regions) and cannot grow yet"});
}

// --- trim, queries, iterators -------------------------------------------------

// |-x----|  |--x-|  |x|   : trimmed inward to pages; the last vanishes
TEST_F(Memblock, memblock_trim_memory_to_pages)
{
	memblock_add(0x1000, 0x9ec00); // e820's 0x1000-0x9fbff
	memblock_add(0x100000 + 5, 0x10000);
	memblock_add(0x200100, 0x800);
	memblock_trim_memory(PAGE_SIZE);
	expect_regions(memblock.memory, {{0x1000, 0x9e000}, {0x101000, 0xf000}});
}

TEST_F(Memblock, memblock_queries)
{
	memblock_add(1 * M, 2 * M);
	memblock_add(8 * M, 1 * M);
	EXPECT_EQ(memblock_start_of_DRAM(), 1 * M);
	EXPECT_EQ(memblock_end_of_DRAM(), 9 * M);
	EXPECT_EQ(memblock_phys_mem_size(), 3 * M);
	EXPECT_TRUE(memblock_is_memory(8 * M));
	EXPECT_FALSE(memblock_is_memory(3 * M));
	EXPECT_TRUE(memblock_is_region_memory(1 * M, 2 * M));
	EXPECT_FALSE(memblock_is_region_memory(1 * M, 2 * M + 1));
	EXPECT_TRUE(memblock_overlaps_region(&memblock.memory, 3 * M - 1, 5 * M));
	EXPECT_FALSE(memblock_overlaps_region(&memblock.memory, 3 * M, 5 * M));
}

// memory |----------|   |-----|
// reserv    |rr| |r|      |r|
// free  |--|    |   |   |-|  |-|   forwards and backwards
TEST_F(Memblock, for_each_free_mem_range_both_ways)
{
	memblock_add(0, 10 * M);
	memblock_add(12 * M, 5 * M);
	memblock_reserve(2 * M, 2 * M);
	memblock_reserve(5 * M, 1 * M);
	memblock_reserve(14 * M, 1 * M);
	std::vector<std::pair<phys_addr_t, phys_addr_t>> fwd, rev;
	phys_addr_t s, e;
	u64 i;
	for_each_free_mem_range(i, NUMA_NO_NODE, MEMBLOCK_NONE, &s, &e, nullptr)
		fwd.emplace_back(s, e);
	for_each_free_mem_range_reverse(i, NUMA_NO_NODE, MEMBLOCK_NONE, &s, &e, nullptr)
		rev.emplace_back(s, e);
	std::vector<std::pair<phys_addr_t, phys_addr_t>> want = {
	    {0, 2 * M}, {4 * M, 5 * M}, {6 * M, 10 * M}, {12 * M, 14 * M}, {15 * M, 17 * M}};
	EXPECT_EQ(fwd, want);
	std::reverse(want.begin(), want.end());
	EXPECT_EQ(rev, want);
	std::vector<std::pair<phys_addr_t, phys_addr_t>> all;
	for_each_mem_range(i, &s, &e)
		all.emplace_back(s, e);
	EXPECT_EQ(
	    all, (std::vector<std::pair<phys_addr_t, phys_addr_t>>{{0, 10 * M}, {12 * M, 17 * M}}));
}

// --- an empty type: one {0, 0} dummy region, cnt 1, as in Linux -------------------

TEST_F(Memblock, static_initialiser_is_one_dummy_region)
{
	for (auto [t, r0] : {std::pair{&boot_memory, &boot_memory_r0},
			     std::pair{&boot_reserved, &boot_reserved_r0}}) {
		EXPECT_EQ(t->cnt, 1u) << t->name;
		EXPECT_EQ(t->max, (unsigned long)INIT_MEMBLOCK_REGIONS) << t->name;
		EXPECT_EQ(t->total_size, 0u) << t->name;
		EXPECT_EQ(r0->base, 0u) << t->name;
		EXPECT_EQ(r0->size, 0u) << t->name;
		EXPECT_EQ(r0->flags, MEMBLOCK_NONE) << t->name;
	}
}

TEST_F(Memblock, memblock_reset_leaves_one_dummy_region)
{
	memblock_add(1 * M, 2 * M);
	memblock_reserve(2 * M, 1 * M);
	memblock_reset();
	expect_dummy(memblock.memory);
	expect_dummy(memblock.reserved);
}

// |----| : the only region
// [####] : removed: regions[0] becomes {0, 0} again, not the removed range
TEST_F(Memblock, memblock_remove_last_region_leaves_the_dummy)
{
	memblock_add_node(2 * M, 4 * M, 0, MEMBLOCK_NOMAP);
	memblock_remove(2 * M, 4 * M);
	expect_dummy(memblock.memory);
	EXPECT_EQ(memblock.memory.regions[0].nid, MAX_NUMNODES);
}

// |--|  |--| : two reserved regions, freed by one call
TEST_F(Memblock, memblock_phys_free_everything_leaves_the_dummy)
{
	memblock_reserve(1 * M, 1 * M);
	memblock_reserve(4 * M, 1 * M);
	memblock_phys_free(0, 8 * M);
	expect_dummy(memblock.reserved);
}

// The only region is smaller than a page: trimming drops it, and a second
// trim leaves the dummy alone.
TEST_F(Memblock, memblock_trim_memory_drops_the_only_region)
{
	memblock_add(0x200100, 0x800);
	memblock_trim_memory(PAGE_SIZE);
	expect_dummy(memblock.memory);
	memblock_trim_memory(PAGE_SIZE);
	expect_dummy(memblock.memory);
}

// Adding to an empty type fills the dummy, regions[0], with the caller's
// range, flags and node; so does adding after the last region went.
TEST_F(Memblock, memblock_add_to_empty_type_fills_regions0)
{
	expect_dummy(memblock.memory);
	memblock_add_node(3 * M, 1 * M, 0, MEMBLOCK_MIRROR);
	expect_regions(memblock.memory, {{3 * M, 1 * M}});
	EXPECT_EQ(memblock.memory.regions[0].flags, MEMBLOCK_MIRROR);
	EXPECT_EQ(memblock.memory.regions[0].nid, 0);
	memblock_remove(3 * M, 1 * M);
	expect_dummy(memblock.memory);
	memblock_add(5 * M, 2 * M);
	expect_regions(memblock.memory, {{5 * M, 2 * M}});
	EXPECT_EQ(memblock.memory.regions[0].flags, MEMBLOCK_NONE);
	EXPECT_EQ(memblock.memory.regions[0].nid, 0);
	memblock_reserve(6 * M, 1 * M);
	expect_regions(memblock.reserved, {{6 * M, 1 * M}});
}

// The iterators walk the dummy as Linux's do: for_each_mem_region sees one
// empty region, for_each_mem_range one empty range; no free range comes of it.
TEST_F(Memblock, iterators_and_queries_over_empty_types)
{
	struct memblock_region *r;
	std::vector<phys_addr_t> sizes;
	for_each_mem_region(r)
		sizes.push_back(r->size);
	EXPECT_EQ(sizes, std::vector<phys_addr_t>{0});
	EXPECT_EQ(mem_ranges(), (Ranges{{0, 0}}));
	EXPECT_EQ(free_ranges(MEMBLOCK_NONE), Ranges{});
	EXPECT_EQ(memblock_start_of_DRAM(), 0u);
	EXPECT_EQ(memblock_end_of_DRAM(), 0u);
	EXPECT_FALSE(memblock_is_memory(0));
	EXPECT_FALSE(memblock_is_reserved(0));
	EXPECT_FALSE(memblock_is_region_reserved(0, 1 * M));
	EXPECT_EQ(memblock_phys_alloc(SZ_4K, SZ_4K), 0u);
	memblock_add(1 * M, 4 * M); // reserved still empty: all of it is free
	EXPECT_EQ(free_ranges(MEMBLOCK_NONE), (Ranges{{1 * M, 5 * M}}));
	EXPECT_EQ(memblock_phys_alloc(SZ_4K, SZ_4K), 5 * M - SZ_4K);
}

// --- which regions a request skips (Linux: should_skip_region) ----------------

// memory |plain|  |mirror|  |mirror,nomap|
// Asking for mirrored memory skips the plain region; NOMAP still needs NOMAP.
TEST_F(Memblock, mirror_request_skips_non_mirrored_regions)
{
	memblock_add(1 * M, 2 * M);
	memblock_add_node(4 * M, 2 * M, 0, MEMBLOCK_MIRROR);
	memblock_add_node(8 * M, 1 * M, 0, (enum memblock_flags)(MEMBLOCK_MIRROR | MEMBLOCK_NOMAP));
	EXPECT_EQ(free_ranges(MEMBLOCK_MIRROR), (Ranges{{4 * M, 6 * M}}));
	EXPECT_EQ(free_ranges((enum memblock_flags)(MEMBLOCK_MIRROR | MEMBLOCK_NOMAP)),
		  (Ranges{{4 * M, 6 * M}, {8 * M, 9 * M}}));
}

// A mirror flag on the region does not let a plain request into NOMAP memory.
TEST_F(Memblock, mirrored_nomap_region_is_skipped_without_nomap)
{
	memblock_add(1 * M, 2 * M);
	memblock_add_node(8 * M, 1 * M, 0, (enum memblock_flags)(MEMBLOCK_MIRROR | MEMBLOCK_NOMAP));
	EXPECT_EQ(free_ranges(MEMBLOCK_NONE), (Ranges{{1 * M, 3 * M}}));
	EXPECT_EQ(mem_ranges(), (Ranges{{1 * M, 3 * M}}));
	EXPECT_EQ(memblock_phys_alloc(SZ_4K, SZ_4K), 3 * M - SZ_4K) << "not from the NOMAP region";
}

TEST_F(Memblock, plain_request_returns_mirrored_regions)
{
	memblock_add(1 * M, 2 * M);
	memblock_add_node(4 * M, 2 * M, 0, MEMBLOCK_MIRROR);
	EXPECT_EQ(free_ranges(MEMBLOCK_NONE), (Ranges{{1 * M, 3 * M}, {4 * M, 6 * M}}));
	EXPECT_EQ(memblock_phys_alloc(SZ_4K, SZ_4K), 6 * M - SZ_4K);
}

// Driver-managed memory only when asked for; for_each_mem_range asks.
TEST_F(Memblock, driver_managed_memory_only_when_asked)
{
	memblock_add(1 * M, 2 * M);
	memblock_add_node(4 * M, 2 * M, 0, MEMBLOCK_DRIVER_MANAGED);
	EXPECT_EQ(free_ranges(MEMBLOCK_NONE), (Ranges{{1 * M, 3 * M}}));
	EXPECT_EQ(free_ranges(MEMBLOCK_DRIVER_MANAGED), (Ranges{{1 * M, 3 * M}, {4 * M, 6 * M}}));
	EXPECT_EQ(mem_ranges(), (Ranges{{1 * M, 3 * M}, {4 * M, 6 * M}}));
	EXPECT_EQ(memblock_phys_alloc(SZ_4K, SZ_4K), 3 * M - SZ_4K);
}

// There is no movable_node (as on i386 Linux, which has no memory hotplug):
// hotpluggable memory is ordinary memory to an allocation.
TEST_F(Memblock, hotpluggable_memory_is_used_without_movable_node)
{
	memblock_add(1 * M, 2 * M);
	memblock_add_node(4 * M, 2 * M, 0, MEMBLOCK_HOTPLUG);
	EXPECT_EQ(free_ranges(MEMBLOCK_NONE), (Ranges{{1 * M, 3 * M}, {4 * M, 6 * M}}));
	EXPECT_EQ(memblock_phys_alloc(SZ_4K, SZ_4K), 6 * M - SZ_4K);
}

// The node is checked first; memblock.reserved is never skipped, whatever
// the node or flags asked (only memory regions belong to nodes).
TEST_F(Memblock, node_check_and_reserved_never_skipped)
{
	memblock_add(1 * M, 2 * M);
	memblock_add_node(4 * M, 2 * M, 0, MEMBLOCK_MIRROR);
	memblock_set_node(4 * M, 2 * M, &memblock.memory, 1);
	EXPECT_EQ(free_ranges(MEMBLOCK_NONE, 0), (Ranges{{1 * M, 3 * M}}));
	EXPECT_EQ(free_ranges(MEMBLOCK_MIRROR, 0), Ranges{});
	EXPECT_EQ(free_ranges(MEMBLOCK_MIRROR, 1), (Ranges{{4 * M, 6 * M}}));
	memblock_reserve(2 * M, 1 * M);
	memblock_set_node(2 * M, 1 * M, &memblock.reserved, 1);
	Ranges got;
	phys_addr_t s, e;
	u64 i;
	__for_each_mem_range(i, &memblock.reserved, nullptr, 0, MEMBLOCK_MIRROR, &s, &e, nullptr)
		got.emplace_back(s, e);
	EXPECT_EQ(got, (Ranges{{2 * M, 3 * M}}));
}

// --- what a student sees with memblock=debug --------------------------------

// Linux prints the dummy as it prints any region: end = base + size - 1.
TEST_F(Memblock, memblock_dump_of_empty_types_prints_the_dummy)
{
	memblock_debug = true;
	memblock_dump_all();
	std::vector<std::string> want = {
	    "MEMBLOCK configuration:",
	    " memory size = 0x00000000 reserved size = 0x00000000",
	    " memory.cnt  = 0x1",
	    " memory[0x0]\t[0x00000000-0xffffffff], 0x00000000 bytes flags: 0x0",
	    " reserved.cnt  = 0x1",
	    " reserved[0x0]\t[0x00000000-0xffffffff], 0x00000000 bytes flags: 0x0",
	};
	EXPECT_EQ(console_take_lines(), want);
	memblock_add(1 * M, 1 * M);
	memblock_reserve(1 * M, SZ_4K);
	memblock_phys_free(1 * M, SZ_4K);
	console_take();
	memblock_dump_all();
	want[1] = " memory size = 0x00100000 reserved size = 0x00000000";
	want[3] = " memory[0x0]\t[0x00100000-0x001fffff], 0x00100000 bytes flags: 0x0";
	EXPECT_EQ(console_take_lines(), want);
	memblock_debug = false;
}

TEST_F(Memblock, memblock_debug_traces_and_dump)
{
	char cmdline[] = "memblock=debug";
	parse_early_options(cmdline);
	memblock_add(0x1000, 0x9ec00);
	memblock_add(0x100000, 0x7ee0000);
	memblock_reserve(0, 0x10000);
	memblock_trim_memory(PAGE_SIZE);
	auto trace = console_take_lines();
	ASSERT_EQ(trace.size(), 3u);
	EXPECT_EQ(trace[0].rfind("memblock_add: [0x00001000-0x0009fbff] ", 0), 0u) << trace[0];
	EXPECT_EQ(trace[2].rfind("memblock_reserve: [0x00000000-0x0000ffff] ", 0), 0u) << trace[2];
	memblock_dump_all();
	std::vector<std::string> want = {
	    "MEMBLOCK configuration:",
	    " memory size = 0x07f7e000 reserved size = 0x00010000",
	    " memory.cnt  = 0x2",
	    " memory[0x0]\t[0x00001000-0x0009efff], 0x0009e000 bytes flags: 0x0",
	    " memory[0x1]\t[0x00100000-0x07fdffff], 0x07ee0000 bytes flags: 0x0",
	    " reserved.cnt  = 0x1",
	    " reserved[0x0]\t[0x00000000-0x0000ffff], 0x00010000 bytes flags: 0x0",
	};
	EXPECT_EQ(console_take_lines(), want);
	memblock_debug = false;
}

TEST_F(Memblock, memblock_alloc_traces_like_linux)
{
	memblock_add(0, 16 * M);
	memblock_debug = true;
	phys_addr_t pa = memblock_phys_alloc_range(16384, SZ_4K, 0, SZ_1M);
	auto lines = console_take_lines();
	memblock_debug = false;
	ASSERT_EQ(lines.size(), 2u);
	EXPECT_EQ(lines[0].rfind("memblock_phys_alloc_range: 16384 bytes align=0x1000 "
				 "from=0x00000000 max_addr=0x00100000 ",
				 0),
		  0u)
	    << lines[0];
	EXPECT_EQ(lines[1].rfind("memblock_reserve: [0x000fc000-0x000fffff] ", 0), 0u) << lines[1];
	EXPECT_EQ(pa, 0xfc000u);
}

} // namespace
