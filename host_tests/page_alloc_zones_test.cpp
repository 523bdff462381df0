// Three zones with holes: what free_area_init prints, where each GFP mask's
// pages come from, highmem through kmap_local, the /proc views, and a
// randomized model test of the whole allocator.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <map>
#include <random>

#include "page_alloc_helpers.h"

#include <linux/highmem.h>
#include <linux/seq_buf.h>
#include <linux/string.h>

namespace
{

const phys_addr_t MB = 1 << 20;

// DMA [1M,16M), Normal [16M,32M) with a hole at 20-24M, HighMem [32M,40M).
const Layout three_zones = {
    {{1 * MB, 20 * MB}, {24 * MB, 40 * MB}}, 0x1000, 0x2000, 0x2800, 16 * MB};

struct ThreeZones : testing::Test {
	void SetUp() override { boot_node(three_zones); }
	void TearDown() override { EXPECT_EQ(invariant_errors(), ""); }
};

TEST(free_area_init, prints_zones_nodes_and_holes)
{
	mock_phys_mem_init(40 * MB);
	memblock_reset();
	memblock_add(1 * MB, 19 * MB);
	memblock_add(24 * MB, 16 * MB);
	memblock_set_current_limit(16 * MB);
	memset(&contig_page_data, 0, sizeof(contig_page_data));
	console_take();
	unsigned long zones[MAX_NR_ZONES] = {0x1000, 0x2000, 0x2800, 0};
	free_area_init(zones);
	std::vector<std::string> want = {
	    "Zone ranges:",
	    "  DMA      [mem 0x0000000000100000-0x0000000000ffffff]",
	    "  Normal   [mem 0x0000000001000000-0x0000000001ffffff]",
	    "  HighMem  [mem 0x0000000002000000-0x00000000027fffff]",
	    "Movable zone start for each node",
	    "Early memory node ranges",
	    "  node   0: [mem 0x0000000000100000-0x00000000013fffff]",
	    "  node   0: [mem 0x0000000001800000-0x00000000027fffff]",
	    "Initmem setup node 0 [mem 0x0000000000100000-0x00000000027fffff]",
	    "On node 0, zone DMA: 256 pages in unavailable ranges",
	    "On node 0, zone Normal: 1024 pages in unavailable ranges",
	};
	EXPECT_EQ(console_take_lines(), want);
	EXPECT_EQ(zone_of(ZONE_NORMAL)->spanned_pages, 0x1000u);
	EXPECT_EQ(zone_of(ZONE_NORMAL)->present_pages, 0xc00u) << "the hole is not present";
	EXPECT_EQ(zone_of(ZONE_HIGHMEM)->present_pages, 0x800u);
	EXPECT_EQ(zone_of(ZONE_MOVABLE)->spanned_pages, 0u);
	EXPECT_TRUE(PageReserved(pfn_to_page(0x1400))) << "everything starts reserved";
}

TEST_F(ThreeZones, zonelist_falls_back_highmem_normal_dma)
{
	struct zoneref *z = NODE_DATA(0)->node_zonelists[0]._zonerefs;
	EXPECT_EQ(z[0].zone, zone_of(ZONE_HIGHMEM));
	EXPECT_EQ(z[1].zone, zone_of(ZONE_NORMAL));
	EXPECT_EQ(z[2].zone, zone_of(ZONE_DMA));
	EXPECT_EQ(z[3].zone, nullptr);
}

TEST_F(ThreeZones, gfp_picks_the_zone)
{
	const std::pair<gfp_t, int> cases[] = {{GFP_DMA, ZONE_DMA},
					       {GFP_KERNEL, ZONE_NORMAL},
					       {GFP_HIGHUSER, ZONE_HIGHMEM},
					       {GFP_HIGHUSER_MOVABLE, ZONE_HIGHMEM}};
	for (auto &c : cases) {
		struct page *p = alloc_page(c.first);
		ASSERT_NE(p, nullptr);
		EXPECT_EQ(page_zonenum(p), c.second) << std::hex << c.first;
		__free_page(p);
	}
	unsigned long addr =
	    __get_free_page(GFP_HIGHUSER); // no address for highmem: lowmem instead
	EXPECT_FALSE(PageHighMem(virt_to_page(addr)));
	free_page(addr);
}

TEST_F(ThreeZones, highmem_needs_a_mapping)
{
	struct page *p = alloc_page(GFP_HIGHUSER | __GFP_ZERO);
	ASSERT_TRUE(PageHighMem(p));
	EXPECT_EQ(page_address(p), nullptr);
	u32 *a = (u32 *)kmap_local_page(p);
	EXPECT_EQ(kmap_local_depth(), 1);
	EXPECT_EQ(a[0] | a[1023], 0u);
	u32 *b = (u32 *)kmap_local_page(p + 0); // nested
	EXPECT_EQ(kmap_local_depth(), 2);
	kunmap_local(b);
	kunmap_local(a);
	EXPECT_EQ(kmap_local_depth(), 0);
	__free_page(p);
}

TEST_F(ThreeZones, views_in_linux_formats)
{
	drain_all_pages(nullptr);
	auto lines = view_lines(buddyinfo_show);
	ASSERT_EQ(lines.size(), 3u);
	EXPECT_EQ(lines[0].substr(0, 22), "Node 0, zone      DMA ");
	EXPECT_EQ(lines[1].substr(0, 22), "Node 0, zone   Normal ");
	EXPECT_EQ(lines[2], "Node 0, zone  HighMem      0      0      0      0      0      0      "
			    "0      0      0      0      2 ");
	lines = view_lines(meminfo_show);
	ASSERT_GT(lines.size(), 15u);
	EXPECT_EQ(lines[2].substr(0, 16), "MemAvailable:   ") << "Linux 6.1's order";
	EXPECT_EQ(lines[4].substr(0, 16), "Cached:         ");
	EXPECT_EQ(lines[14], "HighTotal:          8192 kB");
	EXPECT_EQ(lines[15], "HighFree:           8192 kB");
	EXPECT_EQ(lines.size(), 57u) << "every line of Linux 6.1's i386 meminfo";
	EXPECT_EQ(lines.back().substr(0, 16), "DirectMap4M:    ");
	EXPECT_LT(std::stoul(lines[2].substr(16)), std::stoul(lines[1].substr(16)))
	    << "MemAvailable: free pages less the watermark and lowmem reserves";
	lines = view_lines(pagetypeinfo_show);
	EXPECT_EQ(lines[0], "Page block order: 10");
	EXPECT_EQ(lines[1], "Pages per block:  1024");
	EXPECT_EQ(lines[2], "");
	EXPECT_EQ(lines[3].substr(0, 44), "Free pages count per migrate type at order  ");
	EXPECT_EQ(lines[4].substr(0, 44), "Node    0, zone      DMA, type    Unmovable ");
	EXPECT_NE(std::find(lines.begin(), lines.end(),
			    "Number of blocks type     Unmovable      Movable  Reclaimable   "
			    "HighAtomic      Isolate "),
		  lines.end());
	lines = view_lines(zoneinfo_show);
	EXPECT_EQ(lines[0], "Node 0, zone      DMA");
	EXPECT_EQ(lines[1].substr(0, 17), "  pages free     ");
	EXPECT_NE(std::find(lines.begin(), lines.end(), "  pagesets"), lines.end());
}

// --- the model test -----------------------------------------------------------------

// Every page carries its pfn and a seed-dependent stamp while allocated.
u32 stamp(unsigned long pfn, u32 seed) { return (u32)(pfn * 2654435761u) ^ seed; }

void write_stamp(struct page *p, unsigned int order, u32 seed)
{
	for (unsigned long i = 0; i < (1UL << order); i++) {
		u32 *a = (u32 *)kmap_local_page(p + i);
		a[0] = a[1023] = stamp(page_to_pfn(p + i), seed);
		kunmap_local(a);
	}
}

bool check_stamp(struct page *p, unsigned int order, u32 seed)
{
	bool ok = true;
	for (unsigned long i = 0; i < (1UL << order); i++) {
		u32 *a = (u32 *)kmap_local_page(p + i);
		ok &= a[0] == stamp(page_to_pfn(p + i), seed) && a[1023] == a[0];
		kunmap_local(a);
	}
	return ok;
}

class Model : public testing::TestWithParam<u32>
{
};

// Random orders and GFP masks (10^6 operations over the four seeds);
// contents checked on every free; page conservation and the full invariant
// check after every step; everything freed at the end leaves the free lists
// exactly as at the start.
TEST_P(Model, random_operations)
{
	boot_node({{{1 * MB, 6 * MB}, {7 * MB, 12 * MB}}, 0x400, 0x800, 0xc00, 4 * MB});
	const u32 seed = GetParam();
	std::mt19937 rng(seed);
	const gfp_t masks[] = {GFP_KERNEL,
			       GFP_KERNEL | __GFP_MOVABLE,
			       GFP_KERNEL | __GFP_RECLAIMABLE,
			       GFP_DMA,
			       GFP_HIGHUSER,
			       GFP_HIGHUSER_MOVABLE,
			       GFP_ATOMIC,
			       GFP_NOWAIT};
	drain_all_pages(nullptr);
	std::vector<std::vector<unsigned long>> start;
	for (int z = 0; z < MAX_NR_ZONES; z++)
		start.push_back(nr_free(z));
	std::vector<std::pair<struct page *, unsigned int>> held;
	unsigned long held_pages = 0, managed = 0;
	struct zone *zone;
	for_each_zone(zone)
		managed += zone->managed_pages;
	const int steps = 250000;
	unsigned long allocs = 0, max_held = 0;
	for (int step = 0; step < steps; step++) {
		bool do_alloc = held.empty() || rng() % 100 < 55;
		if (do_alloc) {
			unsigned int order =
			    std::min<unsigned int>(std::geometric_distribution<int>(0.45)(rng), 10);
			gfp_t gfp = masks[rng() % std::size(masks)] | __GFP_NOWARN;
			if (rng() % 4 == 0)
				gfp |= __GFP_ZERO;
			if (order && rng() % 3 == 0)
				gfp |= __GFP_COMP;
			struct page *p = alloc_pages(gfp, order);
			allocs += p != nullptr;
			if (p) {
				ASSERT_LE((int)page_zonenum(p),
					  std::min<int>(gfp_zone(gfp), ZONE_HIGHMEM));
				if (gfp & __GFP_ZERO) {
					u32 *a = (u32 *)kmap_local_page(p);
					ASSERT_EQ(a[0] | a[512], 0u);
					kunmap_local(a);
				}
				write_stamp(p, order, seed);
				held.push_back({p, order});
				held_pages += 1UL << order;
			}
		} else {
			size_t i = rng() % held.size();
			auto [p, order] = held[i];
			held[i] = held.back();
			held.pop_back();
			ASSERT_TRUE(check_stamp(p, order, seed)) << "pfn " << page_to_pfn(p);
			__free_pages(p, order);
			held_pages -= 1UL << order;
		}
		max_held = std::max(max_held, held_pages);
		unsigned long free = nr_free_pages();
		for_each_zone(zone)
			free += this_cpu_ptr(zone->per_cpu_pageset)->count;
		ASSERT_EQ(free + held_pages, managed) << "step " << step;
		ASSERT_EQ(invariant_errors(), "") << "step " << step;
	}
	EXPECT_GT(allocs, (unsigned long)steps / 3) << "most allocations succeed";
	EXPECT_GT(max_held, managed / 2) << "the allocator was pushed to fill most of memory";
	std::printf("[ model    ] seed %u: %lu allocations, up to %lu of %lu pages held\n", seed,
		    allocs, max_held, managed);
	for (auto &h : held)
		__free_pages(h.first, h.second);
	drain_all_pages(nullptr);
	for (int z = 0; z < MAX_NR_ZONES; z++)
		EXPECT_EQ(nr_free(z), start[z]) << "zone " << z;
	EXPECT_EQ(invariant_errors(), "");
	EXPECT_EQ(kmap_local_depth(), 0);
}

INSTANTIATE_TEST_SUITE_P(page_alloc, Model, testing::Values(1u, 2u, 3u, 4u));

} // namespace
