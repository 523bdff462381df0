// The buddy allocator, state by state. The OneBlock layout gives the Normal
// zone exactly one free 4 MiB block (pfn 0x2000..0x23ff): mem_map and the
// pageblock bitmaps land in the (test-sized, 32 MiB) DMA zone's RAM, so every
// split and merge of that block can be asserted exactly. 28 MiB of DMA RAM
// keeps mobility grouping on, as on any real machine.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>

#include "page_alloc_helpers.h"

#include <linux/highmem.h>
#include <linux/init.h>
#include <linux/int_sqrt.h>
#include <linux/kernel.h>
#include <linux/string.h>

extern int user_min_free_kbytes; // mm/page_alloc.cpp's min_free_kbytes=, -1 for none

namespace
{

const phys_addr_t MB = 1 << 20;
const gfp_t MOVABLE = GFP_KERNEL | __GFP_MOVABLE;
const std::vector<unsigned long> ONE_BLOCK = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};

struct OneBlock : testing::Test {
	void SetUp() override
	{
		boot_node({{{0, 28 * MB}, {32 * MB, 36 * MB}}, 0x2000, 0x2400, 0x2400, 28 * MB});
		pcp_lists_enabled = false; // straight to the buddy lists; the pcp tests turn it on
	}
	void TearDown() override
	{
		EXPECT_EQ(invariant_errors(), "");
		user_min_free_kbytes = -1; // the next boot computes its own
	}
	struct zone *normal() { return zone_of(ZONE_NORMAL); }
};

TEST_F(OneBlock, boot_state)
{
	EXPECT_EQ(nr_free(ZONE_NORMAL), ONE_BLOCK);
	EXPECT_EQ(normal()->zone_start_pfn, 0x2000u);
	EXPECT_EQ(normal()->spanned_pages, 0x400u);
	EXPECT_EQ(normal()->present_pages, 0x400u);
	EXPECT_EQ(normal()->managed_pages, 0x400u);
	EXPECT_EQ(zone_page_state(normal(), NR_FREE_PAGES), 0x400u);
	EXPECT_FALSE(page_group_by_mobility_disabled);
	EXPECT_EQ(get_pageblock_migratetype(pfn_to_page(0x2000)), MIGRATE_MOVABLE);
	EXPECT_TRUE(PageReserved(pfn_to_page(0x1c00))) << "the hole at 28-32M: never freed";
	EXPECT_FALSE(PageReserved(pfn_to_page(0x2000)));
}

// [                1024                ]  alloc order 0 ->
// [0][1][ 2 ][  4  ][   8   ] ... [ 512 ]  one free block of each lower order
TEST_F(OneBlock, alloc_splits_the_block)
{
	struct page *p = alloc_pages(MOVABLE, 0);
	ASSERT_NE(p, nullptr);
	EXPECT_EQ(page_to_pfn(p), 0x2000u) << "the caller gets the lowest part";
	EXPECT_EQ(nr_free(ZONE_NORMAL),
		  (std::vector<unsigned long>{1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0}));
	EXPECT_EQ(zone_page_state(normal(), NR_FREE_PAGES), 1023u);
	EXPECT_EQ(page_ref_count(p), 1);
	EXPECT_EQ(invariant_errors(), "");
	__free_pages(p, 0);
	EXPECT_EQ(nr_free(ZONE_NORMAL), ONE_BLOCK) << "freeing merges all the way up";
}

// Buddies merge only when both are free.
TEST_F(OneBlock, buddies_merge_only_when_both_free)
{
	struct page *a = alloc_pages(MOVABLE, 0), *b = alloc_pages(MOVABLE, 0);
	EXPECT_EQ(page_to_pfn(b), 0x2001u) << "a's buddy";
	__free_pages(a, 0);
	EXPECT_EQ(nr_free(ZONE_NORMAL),
		  (std::vector<unsigned long>{1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0}))
	    << "0x2000 waits for 0x2001";
	__free_pages(b, 0);
	EXPECT_EQ(nr_free(ZONE_NORMAL), ONE_BLOCK);
}

TEST_F(OneBlock, blocks_are_naturally_aligned)
{
	struct page *p3 = alloc_pages(MOVABLE, 3), *p0 = alloc_pages(MOVABLE, 0);
	struct page *p5 = alloc_pages(MOVABLE, 5), *p9 = alloc_pages(MOVABLE, 9);
	EXPECT_EQ(page_to_pfn(p3) % 8, 0u);
	EXPECT_EQ(page_to_pfn(p5) % 32, 0u);
	EXPECT_EQ(page_to_pfn(p9) % 512, 0u);
	EXPECT_EQ(page_to_pfn(p0), 0x2008u)
	    << "the order-3 split left 0x2008 as the smallest block";
	__free_pages(p9, 9);
	__free_pages(p0, 0);
	__free_pages(p5, 5);
	__free_pages(p3, 3);
	EXPECT_EQ(nr_free(ZONE_NORMAL), ONE_BLOCK);
}

// All 1024 pages one by one, freed in random order: it always ends whole.
TEST_F(OneBlock, merging_across_every_order)
{
	std::fill(normal()->_watermark, normal()->_watermark + NR_WMARK,
		  0); // all of it, from Normal
	std::vector<struct page *> pages;
	for (int i = 0; i < 1024; i++)
		pages.push_back(alloc_pages(MOVABLE, 0));
	ASSERT_EQ(std::count(pages.begin(), pages.end(), nullptr), 0);
	EXPECT_EQ(zone_page_state(normal(), NR_FREE_PAGES), 0u);
	std::shuffle(pages.begin(), pages.end(), std::mt19937(42));
	for (struct page *p : pages) {
		__free_pages(p, 0);
		ASSERT_EQ(invariant_errors(), "");
	}
	EXPECT_EQ(nr_free(ZONE_NORMAL), ONE_BLOCK);
}

// An unmovable request finds only a movable block: it takes the whole
// pageblock over (enough of it is free) and splits from it.
TEST_F(OneBlock, unmovable_request_steals_the_pageblock)
{
	struct page *p = alloc_pages(GFP_KERNEL, 0);
	ASSERT_EQ(page_to_pfn(p), 0x2000u);
	EXPECT_EQ(get_pageblock_migratetype(p), MIGRATE_UNMOVABLE);
	EXPECT_FALSE(list_empty(&normal()->free_area[9].free_list[MIGRATE_UNMOVABLE]));
	EXPECT_TRUE(list_empty(&normal()->free_area[9].free_list[MIGRATE_MOVABLE]));
	__free_pages(p, 0);
	EXPECT_EQ(nr_free(ZONE_NORMAL), ONE_BLOCK);
	EXPECT_FALSE(list_empty(&normal()->free_area[10].free_list[MIGRATE_UNMOVABLE]));
}

// A movable request borrowing from an unmovable pageblock takes the block
// over only if the block it borrows is large (order >= pageblock_order / 2,
// as Linux's can_steal_fallback); a small one splits the smallest fit.
TEST_F(OneBlock, movable_requests_steal_only_large_blocks)
{
	std::vector<std::pair<struct page *, int>> held;
	for (int order : {0, 9, 8, 7, 6, 5}) // the unmovable block's free parts: orders 0..4
		held.push_back({alloc_pages(GFP_KERNEL, order), order});
	EXPECT_EQ(get_pageblock_migratetype(pfn_to_page(0x2000)), MIGRATE_UNMOVABLE);
	EXPECT_EQ(nr_free(ZONE_NORMAL),
		  (std::vector<unsigned long>{1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0}));
	struct page *small = alloc_pages(MOVABLE, 0);
	EXPECT_EQ(page_to_pfn(small), 0x2001u) << "the smallest unmovable block that fits";
	EXPECT_EQ(get_pageblock_migratetype(small), MIGRATE_UNMOVABLE) << "not taken over";
	__free_pages(small, 0);
	for (auto &h : held)
		__free_pages(h.first, h.second);
	EXPECT_EQ(nr_free(ZONE_NORMAL), ONE_BLOCK);
	struct page *big = alloc_pages(MOVABLE, 0); // the whole free pageblock is the largest block
	EXPECT_EQ(get_pageblock_migratetype(big), MIGRATE_MOVABLE) << "taken over";
	__free_pages(big, 0);
}

// Watermarks, lowmem_reserve and the order check, on numbers set by hand.
TEST_F(OneBlock, zone_watermark_ok_rules)
{
	struct zone *z = normal();
	long saved = z->vm_stat[NR_FREE_PAGES];
	z->vm_stat[NR_FREE_PAGES] = 100;
	EXPECT_TRUE(zone_watermark_ok(z, 0, 99, ZONE_NORMAL, ALLOC_WMARK_MIN));
	EXPECT_FALSE(zone_watermark_ok(z, 0, 100, ZONE_NORMAL, ALLOC_WMARK_MIN))
	    << "strictly above";
	EXPECT_TRUE(zone_watermark_ok(z, 0, 150, ZONE_NORMAL, ALLOC_HIGH))
	    << "__GFP_HIGH: half the mark";
	EXPECT_FALSE(zone_watermark_ok(z, 0, 200, ZONE_NORMAL, ALLOC_HIGH));
	EXPECT_TRUE(zone_watermark_ok(z, 0, 130, ZONE_NORMAL, ALLOC_HARDER))
	    << "atomic: a quarter less";
	EXPECT_FALSE(zone_watermark_ok(z, 4, 90, ZONE_NORMAL, ALLOC_WMARK_MIN))
	    << "order 4 costs 15 more";
	z->lowmem_reserve[ZONE_HIGHMEM] = 50;
	EXPECT_FALSE(zone_watermark_ok(z, 0, 60, ZONE_HIGHMEM, ALLOC_WMARK_MIN))
	    << "kept for lower callers";
	EXPECT_TRUE(zone_watermark_ok(z, 0, 60, ZONE_NORMAL, ALLOC_WMARK_MIN));
	z->lowmem_reserve[ZONE_HIGHMEM] = 0;
	z->vm_stat[NR_FREE_PAGES] = saved;
	EXPECT_TRUE(zone_watermark_ok(z, 10, 0, ZONE_NORMAL, ALLOC_WMARK_MIN));
	EXPECT_FALSE(zone_watermark_ok(z, 10, 1, ZONE_NORMAL, ALLOC_WMARK_MIN))
	    << "1024 - 1023 <= 1";
}

// Linux's formulas: min_free_kbytes = sqrt(16 * lowmem kB), shared by zone size.
TEST_F(OneBlock, watermarks_and_lowmem_reserve_from_zone_sizes)
{
	unsigned long lowmem = zone_of(ZONE_DMA)->managed_pages + normal()->managed_pages;
	unsigned long kb = 0;
	while ((kb + 1) * (kb + 1) <= lowmem * 4 * 16)
		kb++;
	EXPECT_EQ((unsigned long)min_free_kbytes, std::max(kb, 128UL));
	unsigned long pages_min = min_free_kbytes / 4;
	EXPECT_EQ(min_wmark_pages(normal()), pages_min * normal()->managed_pages / lowmem);
	unsigned long step =
	    std::max(min_wmark_pages(normal()) / 4, normal()->managed_pages * 10 / 10000);
	EXPECT_EQ(low_wmark_pages(normal()), min_wmark_pages(normal()) + step);
	EXPECT_EQ(high_wmark_pages(normal()), low_wmark_pages(normal()) + step);
	EXPECT_EQ(zone_of(ZONE_DMA)->lowmem_reserve[ZONE_NORMAL],
		  (long)(normal()->managed_pages / 256));
	EXPECT_EQ(normal()->lowmem_reserve[ZONE_HIGHMEM], 0) << "no HighMem pages";
}

// min_free_kbytes= above half of lowmem is clamped to half, with a line:
// above RAM (262144 kB on this 32 MiB node) every allocation would fail
// its watermark. Below the bound the value is taken as given.
TEST_F(OneBlock, min_free_kbytes_is_kept_below_half_of_lowmem)
{
	unsigned long lowmem_kb = (zone_of(ZONE_DMA)->managed_pages + normal()->managed_pages) * 4;
	early_param_for_test("min_free_kbytes=262144");
	init_per_zone_wmark_min();
	EXPECT_EQ((unsigned long)min_free_kbytes, lowmem_kb / 2);
	std::string want = "min_free_kbytes=262144 is more than half of lowmem (" +
			   std::to_string(lowmem_kb) + " kB); using " +
			   std::to_string(lowmem_kb / 2);
	EXPECT_NE(console_take().find(want), std::string::npos) << want;
	EXPECT_LT(high_wmark_pages(normal()), normal()->managed_pages) << "allocations have room";
	struct page *p = alloc_pages(GFP_KERNEL | __GFP_NOWARN, 0);
	EXPECT_NE(p, nullptr) << "an allocation above the min watermark";
	if (p)
		__free_pages(p, 0);
	early_param_for_test("min_free_kbytes=2048");
	init_per_zone_wmark_min();
	EXPECT_EQ(min_free_kbytes, 2048);
	EXPECT_EQ(console_take().find("min_free_kbytes="), std::string::npos) << "taken as given";
}

// pcp: a freed page joins the list; at high, batch pages go back to the
// buddy lists; an empty list refills with batch pages.
TEST_F(OneBlock, pcp_batch_and_high)
{
	pcp_lists_enabled = true;
	struct per_cpu_pages *pcp = this_cpu_ptr(normal()->per_cpu_pageset);
	pcp->high = 8;
	pcp->batch = 3;
	std::vector<struct page *> pages;
	for (int i = 0; i < 9; i++)
		pages.push_back(alloc_pages(MOVABLE, 0));
	EXPECT_EQ(pcp->count, 0) << "9 pages: three refills of 3";
	drain_all_pages(nullptr);
	EXPECT_EQ(pcp->count, 0);
	std::vector<int> counts;
	for (struct page *p : pages) {
		__free_pages(p, 0);
		counts.push_back(pcp->count);
	}
	EXPECT_EQ(counts, (std::vector<int>{1, 2, 3, 4, 5, 6, 7, 5, 6}));
	EXPECT_EQ(zone_page_state(normal(), NR_FREE_PAGES) + pcp->count, 1024u);
	drain_all_pages(normal());
	EXPECT_EQ(nr_free(ZONE_NORMAL), ONE_BLOCK);
}

TEST_F(OneBlock, pcp_sizes_from_the_zone)
{
	const struct per_cpu_pages *pcp = this_cpu_ptr(normal()->per_cpu_pageset);
	EXPECT_EQ(pcp->batch, 1) << "1024 pages: batch rounds down to 2^0";
	EXPECT_EQ(pcp->high, std::max((int)low_wmark_pages(normal()), 4));
}

TEST_F(OneBlock, compound_pages)
{
	struct page *p = alloc_pages(MOVABLE | __GFP_COMP, 3);
	EXPECT_TRUE(PageHead(p));
	EXPECT_EQ(compound_order(p), 3u);
	for (int i = 1; i < 8; i++)
		EXPECT_EQ(p[i].compound_head, (unsigned long)p + 1);
	__free_pages(p, 3);
	EXPECT_FALSE(PageHead(p));
	EXPECT_EQ(nr_free(ZONE_NORMAL), ONE_BLOCK);
}

TEST_F(OneBlock, split_page_and_exact)
{
	struct page *p = alloc_pages(MOVABLE, 2);
	split_page(p, 2);
	for (int i = 3; i >= 0; i--)
		__free_pages(p + i, 0);
	EXPECT_EQ(nr_free(ZONE_NORMAL), ONE_BLOCK);
	void *x = alloc_pages_exact(5 * PAGE_SIZE, GFP_KERNEL);
	EXPECT_EQ(zone_page_state(normal(), NR_FREE_PAGES), 1024u - 5);
	free_pages_exact(x, 5 * PAGE_SIZE);
	EXPECT_EQ(nr_free(ZONE_NORMAL), ONE_BLOCK);
}

TEST_F(OneBlock, zeroed_pages)
{
	struct page *p = alloc_pages(MOVABLE, 1);
	memset(page_address(p), 0xee, 2 * PAGE_SIZE);
	__free_pages(p, 1);
	struct page *q = alloc_pages(MOVABLE | __GFP_ZERO, 1);
	ASSERT_EQ(p, q);
	const u8 *b = (const u8 *)page_address(q);
	EXPECT_EQ(std::count(b, b + 2 * PAGE_SIZE, 0), (long)(2 * PAGE_SIZE));
	__free_pages(q, 1);
}

// --- bad pages ----------------------------------------------------------------------

struct BadPage : OneBlock {
	std::vector<std::string> report()
	{
		auto lines = console_take_lines();
		std::vector<std::string> keep; // the lines that do not depend on host addresses
		for (auto &l : lines)
			if (l.rfind("BUG: Bad page", 0) == 0 ||
			    l.rfind("page dumped because:", 0) == 0 || l.rfind("flags:", 0) == 0)
				keep.push_back(l);
		return keep;
	}
};

TEST_F(BadPage, double_free)
{
	struct page *p = alloc_pages(MOVABLE, 0), *keep = alloc_pages(MOVABLE, 0);
	__free_pages(p, 0);
	console_take();
	__free_pages(p, 0);
	EXPECT_EQ(report(),
		  (std::vector<std::string>{
		      "BUG: Bad page state in process host  pfn:02000",
		      "flags: 0x4000000000000000(zone=1)",
		      "page dumped because: freeing a page that is already free (double free?)"}));
	EXPECT_EQ(normal()->bad_pages, 1u);
	__free_pages(keep, 0);
}

TEST_F(BadPage, reserved_and_slab_pages_are_refused)
{
	for (int flag : {PG_reserved, PG_slab}) {
		struct page *p = alloc_pages(MOVABLE, 0);
		p->flags |= 1UL << flag;
		char want[64]; // Linux's %pGp: the flag's name, then the zone
		snprintf(want, sizeof(want), "flags: %#lx(%s|zone=1)", p->flags,
			 flag == PG_reserved ? "reserved" : "slab");
		unsigned long free_before = zone_page_state(normal(), NR_FREE_PAGES);
		console_take();
		__free_pages(p, 0);
		auto r = report();
		ASSERT_EQ(r.size(), 3u);
		EXPECT_EQ(r[1], want);
		EXPECT_EQ(r[2], "page dumped because: PAGE_FLAGS_CHECK_AT_FREE flag(s) set");
		EXPECT_EQ(zone_page_state(normal(), NR_FREE_PAGES), free_before) << "withheld";
	}
	EXPECT_EQ(normal()->bad_pages, 2u);
}

TEST_F(BadPage, mapcount_and_mapping)
{
	struct page *p = alloc_pages(MOVABLE, 0), *q = alloc_pages(MOVABLE, 0);
	p->_mapcount.counter = 0;
	q->mapping = (void *)0x1234;
	console_take();
	__free_pages(p, 0);
	EXPECT_EQ(report().back(), "page dumped because: nonzero mapcount");
	__free_pages(q, 0);
	EXPECT_EQ(report().back(), "page dumped because: non-NULL mapping");
	q->mapping = nullptr;
}

// A free page that got a reference is caught when it would be handed out.
TEST_F(BadPage, corrupted_free_page_is_withheld_at_alloc)
{
	struct page *p = alloc_pages(MOVABLE, 0);
	set_page_count(pfn_to_page(0x2001), 1); // 0x2001 is free, in an order-0 block
	console_take();
	struct page *q = alloc_pages(MOVABLE, 0);
	EXPECT_EQ(report().back(), "page dumped because: nonzero _refcount");
	EXPECT_EQ(page_to_pfn(q), 0x2002u) << "the next page instead";
	__free_pages(p, 0);
	__free_pages(q, 0);
	EXPECT_EQ(normal()->bad_pages, 1u);
}

TEST_F(BadPage, page_poison_catches_use_after_free)
{
	char arg[] = "page_poison=1";
	parse_early_options(arg);
	struct page *p = alloc_pages(MOVABLE, 0);
	__free_pages(p, 0); // filled with 0xaa
	EXPECT_EQ(((u8 *)page_address(p))[100], 0xaa);
	((u8 *)page_address(p))[100] = 0xab; // one bit flipped after the free
	console_take();
	struct page *q = alloc_pages(MOVABLE, 0);
	auto lines = console_take_lines();
	EXPECT_EQ(lines.at(0), "pagealloc: single bit error");
	char off[] = "page_poison=0";
	parse_early_options(off);
	__free_pages(q, 0);
}

// --- failure reports ------------------------------------------------------------------

// Order-10 requests take every 4 MiB block above the watermarks; the next
// fails with Linux's report. Normal's only block stays: giving it away
// would take the zone below its min watermark.
TEST_F(OneBlock, failure_is_reported_with_mem_info)
{
	std::vector<struct page *> blocks;
	while (struct page *p = alloc_pages(GFP_KERNEL | __GFP_NOWARN, 10))
		blocks.push_back(p);
	EXPECT_FALSE(blocks.empty());
	console_take();
	EXPECT_EQ(alloc_pages(GFP_KERNEL, 10), nullptr);
	auto lines = console_take_lines();
	ASSERT_FALSE(lines.empty());
	EXPECT_EQ(lines[0], "host: page allocation failure: order:10, mode:0xcc0(GFP_KERNEL), "
			    "nodemask=(null)");
	std::string all;
	for (auto &l : lines)
		all += l + "\n";
	EXPECT_NE(all.find("\nMem-Info:\n"), std::string::npos);
	EXPECT_NE(all.find("\nNormal: 0*4kB 0*8kB 0*16kB 0*32kB 0*64kB 0*128kB 0*256kB 0*512kB "
			   "0*1024kB 0*2048kB 1*4096kB (M) = 4096kB\n"),
		  std::string::npos)
	    << all;
	EXPECT_NE(all.find("\nlowmem_reserve[]: 0 4 4 4\n"), std::string::npos)
	    << "DMA keeps 1024/256 pages";
	EXPECT_EQ(alloc_pages(GFP_KERNEL | __GFP_NOWARN, 10), nullptr);
	EXPECT_TRUE(console_take_lines().empty()) << "__GFP_NOWARN: silent";
	for (struct page *p : blocks)
		__free_pages(p, 10);
}

// Orders no block has: NULL and one WARNING per boot at __alloc_pages
// (Linux 6.1: WARN_ON_ONCE_GFP), none for __GFP_NOWARN, which does not use
// up the once either. Sizes go through get_order, never a wrapping loop.
TEST_F(OneBlock, absurd_orders_and_sizes_return_null_with_one_warning)
{
	warn_once_generation++;
	int warns = host_warnings;
	EXPECT_EQ(alloc_pages(GFP_KERNEL | __GFP_NOWARN, MAX_ORDER), nullptr);
	EXPECT_EQ(host_warnings, warns) << "__GFP_NOWARN";
	EXPECT_EQ(console_take(), "");
	EXPECT_EQ(alloc_pages(GFP_KERNEL, MAX_ORDER), nullptr);
	EXPECT_EQ(host_warnings, warns + 1);
	auto lines = console_take_lines();
	ASSERT_GE(lines.size(), 2u);
	EXPECT_EQ(lines[0], "------------[ cut here ]------------");
	EXPECT_EQ(lines[1].rfind("WARNING: ", 0), 0u) << lines[1] << ": no message, as WARN_ON";
	for (unsigned int order : {MAX_ORDER + 1u, 20u, 31u, 32u, ~0u})
		EXPECT_EQ(alloc_pages(GFP_KERNEL, order), nullptr) << order;
	EXPECT_EQ(__get_free_pages(GFP_KERNEL, MAX_ORDER), 0u);
	for (size_t size : {(size_t)4 * MB + 1, (size_t)1 << 31, (size_t)0xffffffff, SIZE_MAX})
		EXPECT_EQ(alloc_pages_exact(size, GFP_KERNEL), nullptr) << size;
	EXPECT_EQ(host_warnings, warns + 1) << "once";
	EXPECT_EQ(nr_free(ZONE_NORMAL), ONE_BLOCK);

	void *x = alloc_pages_exact(4 * MB, GFP_KERNEL); // the largest: the one block
	EXPECT_NE(x, nullptr);
	free_pages_exact(x, 4 * MB);
	EXPECT_EQ(nr_free(ZONE_NORMAL), ONE_BLOCK);
}

TEST(get_order, like_linux)
{
	const std::pair<unsigned long, unsigned int> cases[] = {
	    {1, 0},
	    {PAGE_SIZE, 0},
	    {PAGE_SIZE + 1, 1},
	    {8192, 1},
	    {8193, 2},
	    {4 * MB, 10},
	    {4 * MB + 1, 11},
	    {1UL << 31, 19},
	    {(1UL << 31) + 1, 20},
	    {0xffffffffUL, 20},
	    {3UL << 30, 20},
	    {ULONG_MAX, 8 * sizeof(long) - PAGE_SHIFT}};
	for (auto [size, order] : cases)
		EXPECT_EQ(get_order(size), order) << size;
}

// lib/math/int_sqrt.cpp: floor(sqrt(x)) everywhere, the watermarks' input included.
TEST(int_sqrt, floor_of_the_root)
{
	for (unsigned long x = 0; x < 70000; x++) {
		unsigned long r = int_sqrt(x);
		EXPECT_TRUE(r * r <= x && (r + 1) * (r + 1) > x) << x;
	}
	EXPECT_EQ(int_sqrt(0xffffffffUL), 65535UL);
	EXPECT_EQ(int_sqrt(1UL << 32), 65536UL);
	EXPECT_EQ(int_sqrt(ULONG_MAX), (1UL << (4 * sizeof(long))) - 1);
	EXPECT_EQ(int_sqrt(1048576UL * 16), 4096UL); // 1G of lowmem: min_free_kbytes 4096
}

// dump_page's flags line is Linux's %pGp: the flags by name, then the zone.
TEST(page_flags, like_linux_pGp)
{
	char buf[128];
	auto str = [&](unsigned long flags) {
		page_flags_str(flags, buf, sizeof(buf));
		return std::string(buf);
	};
	EXPECT_EQ(str(1UL << PG_reserved), "0x1000(reserved|zone=0)");
	EXPECT_EQ(str(0), "0x0(zone=0)");
	unsigned long normal = 1UL << ZONES_PGSHIFT;
	char want[64];
	snprintf(want, sizeof(want), "%#lx(slab|head|zone=1)",
		 normal | 1UL << PG_slab | 1UL << PG_head);
	EXPECT_EQ(str(normal | 1UL << PG_slab | 1UL << PG_head), want);
	EXPECT_EQ(str(1UL << 6 | 1UL << PG_locked), "0x41(locked|0x40|zone=0)") << "bit 6 unnamed";
}

// __GFP_NOFAIL digs below the watermarks before it would ever fail.
TEST_F(OneBlock, nofail_uses_the_reserves)
{
	std::vector<struct page *> held;
	while (struct page *p = alloc_pages(GFP_KERNEL | __GFP_NOWARN, 0))
		held.push_back(p);
	unsigned long reserve = nr_free_pages();
	EXPECT_GT(reserve, 0u) << "the watermarks kept some";
	struct page *p = alloc_pages(GFP_KERNEL | __GFP_NOFAIL, 0);
	EXPECT_NE(p, nullptr);
	EXPECT_EQ(nr_free_pages(), reserve - 1);
	held.push_back(p);
	for (struct page *q : held)
		__free_pages(q, 0);
}

// The checker sees a corrupted free list: a block that claims to be free
// inside another free block.
TEST_F(OneBlock, invariant_checker_catches_overlaps)
{
	struct page *inner = pfn_to_page(0x2040);
	set_page_private(inner, 2);
	__SetPageBuddy(inner);
	list_add(&inner->lru, &normal()->free_area[2].free_list[MIGRATE_MOVABLE]);
	normal()->free_area[2].nr_free++;
	std::string errors = invariant_errors();
	EXPECT_NE(errors.find("free block inside another free block @8256"), std::string::npos)
	    << errors;
	list_del(&inner->lru); // repair, so TearDown finds a healthy allocator
	normal()->free_area[2].nr_free--;
	__ClearPageBuddy(inner);
	set_page_private(inner, 0);
}

TEST(gfp, flags_by_name)
{
	char buf[128];
	auto name = [&](gfp_t g) {
		gfp_flags_str(g, buf, sizeof(buf));
		return std::string(buf);
	};
	EXPECT_EQ(name(GFP_KERNEL), "GFP_KERNEL");
	EXPECT_EQ(name(GFP_KERNEL | __GFP_ZERO), "GFP_KERNEL|__GFP_ZERO");
	EXPECT_EQ(name(GFP_ATOMIC), "GFP_ATOMIC");
	EXPECT_EQ(name(GFP_HIGHUSER_MOVABLE), "GFP_HIGHUSER_MOVABLE");
	EXPECT_EQ(name(GFP_KERNEL | __GFP_HIGHMEM), "GFP_KERNEL|__GFP_HIGHMEM");
	EXPECT_EQ(GFP_KERNEL, 0xcc0u); // Linux 6.1's values
	EXPECT_EQ(GFP_ATOMIC, 0xa20u);
	EXPECT_EQ(GFP_NOWAIT, 0x800u);
}

TEST(gfp, zone_and_migratetype)
{
	EXPECT_EQ(gfp_zone(GFP_KERNEL), ZONE_NORMAL);
	EXPECT_EQ(gfp_zone(GFP_DMA), ZONE_DMA);
	EXPECT_EQ(gfp_zone(GFP_HIGHUSER), ZONE_HIGHMEM);
	EXPECT_EQ(gfp_zone(GFP_HIGHUSER_MOVABLE), ZONE_MOVABLE);
	warn_once_generation++;
	int warns = host_warnings;
	for (int i = 0; i < 3; i++) // a bad combination: DMA, and one warning
		EXPECT_EQ(gfp_zone(GFP_DMA | __GFP_HIGHMEM), ZONE_DMA);
	EXPECT_EQ(host_warnings, warns + 1);
	console_take();
	page_group_by_mobility_disabled = false;
	EXPECT_EQ(gfp_migratetype(GFP_KERNEL), MIGRATE_UNMOVABLE);
	EXPECT_EQ(gfp_migratetype(GFP_KERNEL | __GFP_MOVABLE), MIGRATE_MOVABLE);
	EXPECT_EQ(gfp_migratetype(GFP_KERNEL | __GFP_RECLAIMABLE), MIGRATE_RECLAIMABLE);
}

} // namespace
