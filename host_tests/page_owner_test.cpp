// page_owner (mm/page_owner.cpp) and the stack depot (lib/stackdepot.cpp):
// the per-page records through allocation, free and split, the walk the
// page_owner view does, and Linux's formats. The mock's stack_trace_save()
// saves nothing, so the tests that need a stack plant one in the depot.
#include <gtest/gtest.h>

#include <regex>

#include "page_alloc_helpers.h"

#include <linux/page_owner.h>
#include <linux/stackdepot.h>

namespace
{

const phys_addr_t MB = 1 << 20;

struct PageOwner : testing::Test {
	void boot(const char *param)
	{
		early_param_for_test(param);
		mock_phys_mem_init(32 * MB);
		memblock_reset();
		memblock_debug = false;
		memblock_add(0, 32 * MB);
		memblock_set_current_limit(32 * MB);
		max_low_pfn = max_pfn = 0x2000;
		memset(&contig_page_data, 0, sizeof(contig_page_data));
		totalram_pages_count = totalhigh_pages_count = 0;
		pcp_lists_enabled = true;
		unsigned long zones[MAX_NR_ZONES] = {0x1000, 0x2000, 0x2000, 0};
		free_area_init(zones);
		kmap_init();
		build_all_zonelists();
		page_ext_init_flatmem();
		memblock_free_all();
		init_per_zone_wmark_min();
		page_ext_init_flatmem_late();
	}
	void SetUp() override
	{
		console_take(); // the capture console is registered by its first use
		boot("page_owner=on");
		boot_lines = console_take_lines();
	}
	void TearDown() override
	{
		EXPECT_EQ(invariant_errors(), "");
		early_param_for_test("page_owner=off");
		page_ext_init_flatmem(); // off again for the other suites
	}
	std::vector<std::string> boot_lines;
};

depot_stack_handle_t fake_stack(unsigned long base, unsigned int n)
{
	unsigned long entries[16];
	for (unsigned int i = 0; i < n; i++)
		entries[i] = base + 16 * i;
	return stack_depot_save(entries, n, GFP_KERNEL);
}

TEST_F(PageOwner, boot_lines_and_early_pages)
{
	EXPECT_TRUE(page_owner_inited);
	char want[64];
	snprintf(want, sizeof(want), "allocated %zu bytes of page_ext",
		 (size_t)0x2000 * sizeof(struct page_owner));
	auto has = [&](const std::string &l) {
		return std::find(boot_lines.begin(), boot_lines.end(), l) != boot_lines.end();
	};
	EXPECT_TRUE(has(want));
	EXPECT_TRUE(has("Stack Depot allocating hash table with memblock_alloc"));
	EXPECT_TRUE(has("Node 0, zone      DMA: page owner found early allocated 0 pages"));
	EXPECT_TRUE(has("Node 0, zone   Normal: page owner found early allocated 0 pages"));
	EXPECT_EQ(get_page_owner(pfn_to_page(0x1800))->flags, 0u) << "free at boot: never set";
}

TEST_F(PageOwner, off_and_bad_values)
{
	boot("page_owner=off");
	EXPECT_FALSE(page_owner_inited);
	EXPECT_EQ(get_page_owner(pfn_to_page(0x1800)), nullptr);
	console_take();
	early_param_for_test("page_owner=sure");
	EXPECT_EQ(console_take_lines(),
		  std::vector<std::string>{"Malformed early option 'page_owner'"});
	boot("page_owner=1");
	EXPECT_TRUE(page_owner_inited);
}

TEST_F(PageOwner, allocation_then_free)
{
	const gfp_t gfp = GFP_KERNEL | __GFP_RECLAIMABLE;
	struct page *page = alloc_pages(gfp, 2);
	ASSERT_NE(page, nullptr);
	for (int i = 0; i < 4; i++) {
		const struct page_owner *po = get_page_owner(page + i);
		EXPECT_EQ(po->flags, PAGE_EXT_OWNER | PAGE_EXT_OWNER_ALLOCATED);
		EXPECT_EQ(po->order, 2);
		EXPECT_EQ(po->gfp_mask, gfp);
		EXPECT_EQ(po->last_migrate_reason, -1);
		EXPECT_EQ(po->free_ts_nsec, 0u);
	}
	u64 ts = get_page_owner(page)->ts_nsec;
	__free_pages(page, 2);
	for (int i = 0; i < 4; i++) {
		const struct page_owner *po = get_page_owner(page + i);
		EXPECT_EQ(po->flags, PAGE_EXT_OWNER) << "freed, and remembered";
		EXPECT_EQ(po->order, 2);
		EXPECT_EQ(po->ts_nsec, ts);
		EXPECT_GE(po->free_ts_nsec, ts);
	}
}

TEST_F(PageOwner, split_page_and_exact)
{
	struct page *page = alloc_pages(GFP_KERNEL, 2);
	ASSERT_NE(page, nullptr);
	split_page(page, 2);
	for (int i = 0; i < 4; i++) {
		EXPECT_EQ(get_page_owner(page + i)->order, 0);
		__free_page(page + i);
	}
	void *x = alloc_pages_exact(3 * PAGE_SIZE, GFP_KERNEL);
	ASSERT_NE(x, nullptr);
	struct page *p = virt_to_page(x);
	EXPECT_EQ(get_page_owner(p + 2)->flags, PAGE_EXT_OWNER | PAGE_EXT_OWNER_ALLOCATED);
	EXPECT_EQ(get_page_owner(p + 3)->flags, PAGE_EXT_OWNER) << "the 4th page went back";
	free_pages_exact(x, 3 * PAGE_SIZE);
}

struct Seen {
	std::vector<unsigned long> pfns;
};

bool collect(unsigned long pfn, const struct page_owner *, void *arg)
{
	((Seen *)arg)->pfns.push_back(pfn);
	return true;
}

// read_page_owner's walk: allocated blocks by their head, once; no free
// block, no block without a stack.
TEST_F(PageOwner, walk_lists_allocated_heads)
{
	struct page *a = alloc_pages(GFP_KERNEL, 3), *b = alloc_page(GFP_KERNEL);
	struct page *c = alloc_page(GFP_KERNEL);
	ASSERT_TRUE(a && b && c);
	get_page_owner(a)->handle = fake_stack(0x1000, 3);
	get_page_owner(b)->handle = fake_stack(0x2000, 2);
	Seen seen;
	EXPECT_EQ(for_each_page_owner(collect, &seen), 2u) << "c has no stack: skipped";
	std::vector<unsigned long> want = {page_to_pfn(a), page_to_pfn(b)};
	std::sort(want.begin(), want.end());
	EXPECT_EQ(seen.pfns, want);
	__free_pages(a, 3);
	seen.pfns.clear();
	for_each_page_owner(collect, &seen);
	EXPECT_EQ(seen.pfns, std::vector<unsigned long>{page_to_pfn(b)});
	__free_page(b);
	__free_page(c);
}

// Linux's print_page_owner lines, and __dump_page_owner's.
TEST_F(PageOwner, formats)
{
	struct page *page = alloc_pages(GFP_KERNEL, 1);
	ASSERT_NE(page, nullptr);
	struct page_owner *po = get_page_owner(page);
	po->handle = fake_stack(0x1000, 3);
	static char buf[4096];
	struct seq_buf s;
	seq_buf_init(&s, buf, sizeof(buf));
	print_page_owner(&s, page_to_pfn(page), po);
	std::string text(buf, s.len);
	char head[512], flags[128];
	page_flags_str(page->flags, flags, sizeof(flags)); // the host's long is 64 bits
	snprintf(head, sizeof(head),
		 "Page allocated via order 1, mask 0xcc0(GFP_KERNEL), pid 0, tgid 0 (swapper/0), "
		 "ts %llu ns, free_ts 0 ns\nPFN %lu type Unmovable Block %lu type %s Flags %s\n",
		 (unsigned long long)po->ts_nsec, page_to_pfn(page), page_to_pfn(page) >> 10,
		 migratetype_names[get_pageblock_migratetype(page)], flags);
	EXPECT_EQ(text.substr(0, strlen(head)), head);
	std::string rest = text.substr(strlen(head));
	EXPECT_TRUE(std::regex_match(rest, std::regex("( \\S+\n){3}\n"))) << rest;

	console_take();
	__dump_page_owner(page);
	auto lines = console_take_lines();
	ASSERT_EQ(lines.size(), 6u);
	EXPECT_EQ(lines[0], "page_owner tracks the page as allocated");
	char want[256];
	snprintf(want, sizeof(want),
		 "page last allocated via order 1, migratetype Unmovable, gfp_mask "
		 "0xcc0(GFP_KERNEL), pid 0, tgid 0 (swapper/0), ts %llu, free_ts 0",
		 (unsigned long long)po->ts_nsec);
	EXPECT_EQ(lines[1], want);
	EXPECT_EQ(lines[5], "page_owner free stack trace missing");

	__free_pages(page, 1);
	po->free_handle = fake_stack(0x3000, 2);
	__dump_page_owner(page);
	lines = console_take_lines();
	ASSERT_EQ(lines.size(), 8u);
	EXPECT_EQ(lines[0], "page_owner tracks the page as freed");
	EXPECT_EQ(lines[5], "page last free stack trace:");
	__dump_page_owner(pfn_to_page(0x1900));
	EXPECT_EQ(console_take_lines(),
		  std::vector<std::string>{"page_owner info is not present (never set?)"});
}

TEST_F(PageOwner, stack_depot_dedups_and_fills)
{
	depot_stack_handle_t a = fake_stack(0x1000, 4), b = fake_stack(0x1000, 4);
	depot_stack_handle_t c = fake_stack(0x1000, 3), d = fake_stack(0x5000, 4);
	EXPECT_NE(a, 0u);
	EXPECT_EQ(a, b);
	EXPECT_NE(a, c);
	EXPECT_NE(a, d);
	unsigned long *entries;
	ASSERT_EQ(stack_depot_fetch(c, &entries), 3u);
	EXPECT_EQ(entries[2], 0x1020u);
	EXPECT_EQ(stack_depot_fetch(0, &entries), 0u);
	char buf[256];
	int n = stack_depot_snprint(c, buf, sizeof(buf), 2);
	EXPECT_EQ(std::count(buf, buf + n, '\n'), 3);
	EXPECT_EQ(std::string(buf, 4), "   0") << "1 + spaces blanks before each entry";
	console_take();
	unsigned long i = 0;
	while (fake_stack(0x100000 + 0x1000 * i, 16))
		i++;
	struct stack_depot_stats st;
	stack_depot_get_stats(&st);
	EXPECT_GT(i, 1000u);
	EXPECT_LE(st.bytes_used, st.bytes_total);
	EXPECT_EQ(console_take_lines(),
		  std::vector<std::string>{"Stack depot reached limit capacity"});
	EXPECT_EQ(fake_stack(0x1000, 4), a) << "stored stacks are still found";
}

} // namespace
