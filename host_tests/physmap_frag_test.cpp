// physmap's picture and the fragmentation demonstration on a 64 MiB node:
// what a student sees after one allocation, and that grouping by mobility
// keeps order-9 requests working where interleaving defeats them.
#include <gtest/gtest.h>

#include <algorithm>

#include "page_alloc_helpers.h"

#include <linux/frag.h>

namespace
{

const phys_addr_t MB = 1 << 20;

struct Node64M : testing::Test {
	// RAM from 1 MiB to 64 MiB: DMA below 16 MiB, Normal above, no HighMem.
	void SetUp() override { boot_node({{{1 * MB, 64 * MB}}, 0x1000, 0x4000, 0x4000, 16 * MB}); }
	void TearDown() override { EXPECT_EQ(invariant_errors(), ""); }
};

// The picture rows only: "physmap: 0x01000 Normal  |....|" -> "....".
std::vector<std::string> map_rows(const std::vector<std::string> &lines, bool types)
{
	std::vector<std::string> rows;
	for (const auto &l : lines) {
		auto bar = l.find('|');
		if (bar == std::string::npos)
			continue;
		if ((l.find("types") != std::string::npos) == types)
			rows.push_back(l.substr(bar + 1, l.rfind('|') - bar - 1));
	}
	return rows;
}

TEST_F(Node64M, physmap_draws_holes_reserved_and_free_orders)
{
	auto lines = view_lines([](struct seq_buf *s) { physmap_show(s, 0); });
	EXPECT_EQ(lines[0], "physmap: 16 pages (64K) per cell, 64 cells a row");
	auto rows = map_rows(lines, false);
	ASSERT_EQ(rows.size(), 16u); // 1024 cells: 4 rows of DMA, 12 of Normal
	// DMA starts at the first page of RAM, 1 MiB; Normal at 16 MiB, row 5.
	EXPECT_EQ(lines[1].substr(0, 25), "physmap: 0x00100 DMA     ");
	EXPECT_EQ(lines[9].substr(0, 25), "physmap: 0x01000 Normal  ");
	std::string all;
	for (auto &r : rows)
		all += r;
	EXPECT_GT(std::count(all.begin(), all.end(), 'A'), 850);
	EXPECT_GT(std::count(all.begin(), all.end(), '#'), 0); // mem_map, taken from memblock
	for (auto &t : map_rows(lines, true))
		EXPECT_EQ(t.find_first_not_of("M "), std::string::npos) << t;

	// One order-4 block is one cell; its buddy, split off, is a free order-4 cell.
	struct page *p = alloc_pages(GFP_KERNEL, 4);
	ASSERT_TRUE(p);
	std::string after;
	for (auto &r : map_rows(view_lines([](struct seq_buf *s) { physmap_show(s, 16); }), false))
		after += r;
	EXPECT_EQ(std::count(after.begin(), after.end(), 'x'), 1);
	unsigned long cell = (page_to_pfn(p) - 0x100) / 16; // both zones' cells in a row
	EXPECT_EQ(after[cell], 'x');
	EXPECT_EQ(after[cell ^ 1], '4');
	__free_pages(p, 4);
}

TEST_F(Node64M, grouping_by_mobility_keeps_order9_requests_working)
{
	drain_all_pages(nullptr);
	auto buddy = view_lines(buddyinfo_show), types = view_lines(pagetypeinfo_show);
	struct frag_result off, on;
	frag_run(0, 0, &off, nullptr);
	frag_run(1, 0, &on, nullptr);
	for (auto *r : {&off, &on}) {
		EXPECT_GT(r->filled, 12000u); // most of the 63 MiB
		EXPECT_GT(r->free_after, r->filled / 2);
	}
	unsigned long room_off = off.free_after >> 9, room_on = on.free_after >> 9;
	EXPECT_LE(off.high_order_ok * 10, room_off) << off.high_order_ok << " of " << room_off;
	EXPECT_GE(on.high_order_ok * 10, room_on * 7) << on.high_order_ok << " of " << room_on;
	// and while movable pages keep changing hands
	EXPECT_GT(on.load_tries, 0u);
	EXPECT_LE(off.load_ok * 10, off.load_tries) << off.load_ok << " of " << off.load_tries;
	EXPECT_GE(on.load_ok * 10, on.load_tries * 7) << on.load_ok << " of " << on.load_tries;
	// Everything, pageblock types included, is back as it was: it can run again.
	drain_all_pages(nullptr);
	EXPECT_EQ(view_lines(buddyinfo_show), buddy);
	EXPECT_EQ(view_lines(pagetypeinfo_show), types);
}

} // namespace
