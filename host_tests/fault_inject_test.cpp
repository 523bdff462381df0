// Fault injection: setup_fault_attr()'s parsing, should_fail()'s interval,
// probability, space and times, fail-nth, and the failslab/fail_page_alloc
// hooks on a node booted over the mock's physical memory.
#include <gtest/gtest.h>

#include <cstring>
#include <string>

#include "page_alloc_helpers.h"

#include <linux/fault-inject.h>
#include <linux/gfp.h>
#include <linux/slab.h>

#include "../mm/slab.h"

namespace
{

struct fault_attr fresh(void)
{
	struct fault_attr a = FAULT_ATTR_INITIALIZER("test");
	a.verbose = 0;
	return a;
}

int parse(struct fault_attr *a, const char *s)
{
	char buf[64];
	strncpy(buf, s, sizeof(buf) - 1);
	buf[sizeof(buf) - 1] = '\0';
	console_take();
	return setup_fault_attr(a, buf);
}

// The four fields, as sscanf("%lu,%lu,%d,%d") takes them.
TEST(setup_fault_attr, four_fields_taken)
{
	struct fault_attr a = fresh();
	EXPECT_EQ(parse(&a, "3,50,4096,-1"), 1);
	EXPECT_EQ(a.interval, 3u);
	EXPECT_EQ(a.probability, 50u);
	EXPECT_EQ(a.space, 4096);
	EXPECT_EQ(a.times, -1);
	EXPECT_EQ(console_take(), "");
	EXPECT_EQ(parse(&a, " 1, 100, 0, 5tail"), 1); // spaces before numbers, tail ignored
	EXPECT_EQ(a.probability, 100u);
	EXPECT_EQ(a.times, 5);
}

// Anything short of four numbers: Linux's warning, attr unchanged.
TEST(setup_fault_attr, garbage_is_refused)
{
	for (const char *bad : {"", "1", "1,2,3", "a,b,c,d", "-1,10,0,1", "1,-5,0,1", "1;2;3;4",
				"1,,0,1", "0x10,1,0,1"}) {
		struct fault_attr a = fresh();
		EXPECT_EQ(parse(&a, bad), 0) << bad;
		EXPECT_NE(console_take().find("FAULT_INJECTION: failed to parse arguments"),
			  std::string::npos)
		    << bad;
		EXPECT_EQ(a.probability, 0u) << bad;
		EXPECT_EQ(a.times, 1) << bad;
	}
	struct fault_attr a = fresh();
	console_take();
	EXPECT_EQ(setup_fault_attr(&a, nullptr), 0); // a bare "failslab"
	EXPECT_NE(console_take().find("failed to parse arguments"), std::string::npos);
}

int failures(struct fault_attr *a, int calls, long size = 1)
{
	int n = 0;
	for (int i = 0; i < calls; i++)
		n += should_fail(a, size);
	return n;
}

// The default attribute fails nothing (probability 0).
TEST(should_fail, default_never_fails)
{
	struct fault_attr a = fresh();
	EXPECT_EQ(failures(&a, 1000), 0);
}

// interval 4, probability 100, times -1: calls 4, 8, 12... fail.
TEST(should_fail, interval_picks_every_nth_call)
{
	struct fault_attr a = fresh();
	a.interval = 4, a.probability = 100, a.times = -1;
	std::string got;
	for (int i = 1; i <= 12; i++)
		got += should_fail(&a, 1) ? 'X' : '.';
	EXPECT_EQ(got, "...X...X...X");
}

// times caps the failures; -1 never runs out.
TEST(should_fail, times_counts_down)
{
	struct fault_attr a = fresh();
	a.probability = 100, a.times = 3;
	EXPECT_EQ(failures(&a, 10), 3);
	EXPECT_EQ(a.times, 0);
	a.times = -1;
	EXPECT_EQ(failures(&a, 10), 10);
	EXPECT_EQ(a.times, -1);
}

// space spares the first bytes asked for, then shrinks no more.
TEST(should_fail, space_spares_the_first_bytes)
{
	struct fault_attr a = fresh();
	a.probability = 100, a.times = -1, a.space = 100;
	EXPECT_FALSE(should_fail(&a, 40)); // 60 left
	EXPECT_FALSE(should_fail(&a, 40)); // 20 left
	EXPECT_EQ(a.space, 20);
	EXPECT_TRUE(should_fail(&a, 40)); // 20 is not more than 40
	EXPECT_EQ(a.space, 20);
}

// probability is a percentage: 0 never, 100 always, 30 about 30%.
TEST(should_fail, probability_is_a_percentage)
{
	struct fault_attr a = fresh();
	a.times = -1, a.probability = 30;
	int n = failures(&a, 10000);
	EXPECT_GT(n, 2500);
	EXPECT_LT(n, 3500);
	a.probability = 100;
	EXPECT_EQ(failures(&a, 1000), 1000);
	a.probability = 250; // more than 100 is "always" too
	EXPECT_EQ(failures(&a, 1000), 1000);
}

// fail-nth: the n-th call fails, the ones before do not, whatever the
// attribute says; then it is 0 and the attribute rules again.
TEST(should_fail, fail_nth_fails_exactly_the_nth_call)
{
	struct fault_attr a = fresh();
	fault_set_fail_nth(3);
	EXPECT_FALSE(should_fail(&a, 1));
	EXPECT_FALSE(should_fail(&a, 1));
	EXPECT_EQ(fault_fail_nth(), 1u);
	EXPECT_TRUE(should_fail(&a, 1));
	EXPECT_EQ(fault_fail_nth(), 0u);
	EXPECT_FALSE(should_fail(&a, 1));
	a.probability = 100, a.times = -1, a.interval = 1;
	fault_set_fail_nth(2); // counting down spares calls the attribute would fail
	EXPECT_FALSE(should_fail(&a, 1));
	EXPECT_TRUE(should_fail(&a, 1));
}

// The report: two lines in Linux's format, once per failure, none with
// FAULT_NOWARN; verbose 0 silences it.
TEST(should_fail, report_format)
{
	struct fault_attr a = FAULT_ATTR_INITIALIZER("failslab");
	a.probability = 100, a.times = 2, a.verbose = 1;
	console_take();
	EXPECT_TRUE(should_fail(&a, 8));
	std::string out = console_take();
	EXPECT_NE(out.find("FAULT_INJECTION: forcing a failure.\n"), std::string::npos) << out;
	EXPECT_NE(out.find("name failslab, interval 1, probability 100, space 0, times 2\n"),
		  std::string::npos)
	    << out;
	EXPECT_TRUE(should_fail_ex(&a, 8, FAULT_NOWARN));
	EXPECT_EQ(console_take(), "");
	EXPECT_EQ(a.injected, 2u);
}

const phys_addr_t MB = 1 << 20;

// The hooks on a booted node: 6.1's defaults spare what Linux spares.
struct FaultHooks : testing::Test {
	struct failslab_attr slab_saved = failslab;
	struct fail_page_alloc_attr page_saved = fail_page_alloc;
	void SetUp() override
	{
		early_param_for_test("slub_debug=-");
		boot_node({{{1 * MB, 64 * MB}}, 0x1000, 0x4000, 0x4000, 64 * MB});
		kmem_cache_init();
		failslab.attr.verbose = fail_page_alloc.attr.verbose = 0;
		fault_count_calls(true); // every hook asks, as fault_calls() measures
		console_take();
	}
	void TearDown() override
	{
		fault_count_calls(false);
		failslab = slab_saved;
		fail_page_alloc = page_saved;
		fault_set_fail_nth(0);
	}
};

TEST_F(FaultHooks, failslab_defaults_spare_gfp_kernel_and_nofail)
{
	failslab.attr.probability = 100, failslab.attr.times = -1;
	void *k = kmalloc(64, GFP_KERNEL); // may sleep: ignore-gfp-wait Y
	EXPECT_NE(k, nullptr);
	EXPECT_EQ(kmalloc(64, GFP_ATOMIC), nullptr);
	void *nofail = kmalloc(64, GFP_ATOMIC | __GFP_NOFAIL);
	EXPECT_NE(nofail, nullptr);
	failslab.ignore_gfp_reclaim = false;
	EXPECT_EQ(kmalloc(64, GFP_KERNEL), nullptr);
	failslab.cache_filter = true; // only SLAB_FAILSLAB caches now
	void *spared = kmalloc(64, GFP_KERNEL);
	EXPECT_NE(spared, nullptr);
	kmalloc_caches[KMALLOC_NORMAL][6]->flags |= SLAB_FAILSLAB;
	EXPECT_EQ(kmalloc(64, GFP_KERNEL), nullptr);
	kmalloc_caches[KMALLOC_NORMAL][6]->flags &= ~SLAB_FAILSLAB;
	kfree(k), kfree(nofail), kfree(spared);
}

TEST_F(FaultHooks, fail_page_alloc_defaults_spare_order0_highmem_and_gfp_kernel)
{
	fail_page_alloc.attr.probability = 100, fail_page_alloc.attr.times = -1;
	struct page *o0 = alloc_pages(GFP_ATOMIC, 0); // min-order 1
	EXPECT_NE(o0, nullptr);
	EXPECT_EQ(alloc_pages(GFP_ATOMIC, 1), nullptr);
	struct page *k = alloc_pages(GFP_KERNEL, 1); // ignore-gfp-wait
	EXPECT_NE(k, nullptr);
	struct page *h = alloc_pages(GFP_NOWAIT | __GFP_HIGHMEM, 1); // ignore-gfp-highmem
	EXPECT_NE(h, nullptr);
	fail_page_alloc.min_order = 0;
	EXPECT_EQ(alloc_pages(GFP_ATOMIC, 0), nullptr);
	EXPECT_EQ(console_take().find("page allocation failure"), std::string::npos);
	__free_pages(o0, 0), __free_pages(k, 1), __free_pages(h, 1);
}

// fail-nth counts slab and page allocations alike: the kmalloc of a large
// size goes to the page allocator and is one call.
TEST_F(FaultHooks, fail_nth_reaches_both_allocators)
{
	failslab.ignore_gfp_reclaim = fail_page_alloc.ignore_gfp_reclaim = false;
	fail_page_alloc.min_order = 0;
	void *warm = kmalloc(32, GFP_KERNEL); // a slab page ready: one call from now on
	unsigned long before = fault_calls();
	void *again = kmalloc(32, GFP_KERNEL);
	EXPECT_EQ(fault_calls() - before, 1u);
	fault_count_calls(false); // from here only fail-nth opens the inline hooks
	fault_set_fail_nth(2);
	void *first = kmalloc(32, GFP_KERNEL);
	EXPECT_NE(first, nullptr);
	EXPECT_EQ(fault_fail_nth(), 1u);		// the kmalloc was counted
	EXPECT_EQ(alloc_pages(GFP_KERNEL, 0), nullptr); // the 2nd: a page
	EXPECT_EQ(fault_fail_nth(), 0u);
	fault_count_calls(true); // TearDown's fault_count_calls(false) balances SetUp's
	kfree(warm), kfree(again), kfree(first);
}

} // namespace
