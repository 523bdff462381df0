// Ctrl-C in the shell: the long commands (stress, frag, physmap) stop at the
// next poll of shell_interrupted(), say so, and give back everything they
// held. The host's hook (mock/shell_input.cpp) plays the user pressing Ctrl-C
// after a given number of polls.
#include <gtest/gtest.h>

#include "page_alloc_helpers.h"

#include <asm/pgtable.h>
#include <linux/frag.h>
#include <linux/shell.h>
#include <linux/slab.h>
#include <linux/stress.h>
#include <linux/vmalloc.h>

extern long host_interrupt_after;

namespace
{

const phys_addr_t MB = 1 << 20;

struct Interrupt : testing::Test {
	void SetUp() override
	{
		boot_node({{{1 * MB, 64 * MB}}, 0x1000, 0x4000, 0x4000, 16 * MB});
		kmem_cache_init();
		memset(swapper_pg_dir, 0, sizeof(swapper_pg_dir));
		vmap_init_range(0xf0000000, 0xf4000000);
	}
	void TearDown() override
	{
		host_interrupt_after = -1;
		EXPECT_EQ(invariant_errors(), "");
	}
};

TEST_F(Interrupt, stress_stops_and_gives_everything_back)
{
	struct stress_report r;
	host_interrupt_after = 300;
	EXPECT_EQ(mm_stress(5000000, 1, &r), 0) << console_take();
	std::string out = console_take();
	EXPECT_NE(out.find("stress: interrupted after 300 operations"), std::string::npos) << out;
	EXPECT_EQ(out.find("pages not given back"), std::string::npos) << out;
	EXPECT_EQ(r.violations, 0u);
	EXPECT_EQ(r.frees, r.allocs[1] + r.allocs[2] + r.allocs[3] + r.allocs[4]);
	EXPECT_LE(r.frees, 300u);
}

TEST_F(Interrupt, frag_stops_with_every_page_and_pageblock_back)
{
	drain_all_pages(nullptr);
	auto buddy = view_lines(buddyinfo_show), types = view_lines(pagetypeinfo_show);
	for (long after : {0L, 5L, 2000L}) {
		host_interrupt_after = after;
		frag_demo();
		std::string out = console_take();
		EXPECT_NE(out.find("frag: interrupted; every page and pageblock type is back"),
			  std::string::npos)
		    << after << ": " << out;
		EXPECT_EQ(out.find("frag: round 2"), std::string::npos) << "round 1 was cut short";
		drain_all_pages(nullptr);
		EXPECT_EQ(view_lines(buddyinfo_show), buddy) << after;
		EXPECT_EQ(view_lines(pagetypeinfo_show), types) << after;
	}
}

TEST_F(Interrupt, physmap_stops_and_says_so)
{
	host_interrupt_after = 3;
	auto lines = view_lines([](struct seq_buf *s) { physmap_show(s, 1); });
	ASSERT_FALSE(lines.empty());
	EXPECT_NE(
	    std::find(lines.begin(), lines.end(), "physmap: interrupted; the picture stops there"),
	    lines.end());
	EXPECT_LT(lines.size(), 20u);
}

} // namespace
