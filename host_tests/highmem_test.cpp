// kmap's pkmap ring on the host: slots shared by repeated kmaps, kept
// mapped after kunmap until the ring wraps, then cleared with one flush;
// a full ring and a bad kunmap are reported.
#include <gtest/gtest.h>

#include "page_alloc_helpers.h"

#include <asm/pgtable_32_areas.h>
#include <linux/highmem.h>
#include <linux/mm.h>

extern unsigned long mock_pkmap_pfn[LAST_PKMAP], mock_pkmap_flushes;

namespace
{

const phys_addr_t MB = 1 << 20;

struct Kmap : testing::Test {
	void SetUp() override
	{
		boot_node({{{1 * MB, 64 * MB}}, 0x1000, 0x2000, 0x4000, 32 * MB}); // 32M highmem
		memset(mock_pkmap_pfn, 0, sizeof(mock_pkmap_pfn));
		mock_pkmap_flushes = 0;
	}
	std::vector<struct page *> highmem_pages(int n)
	{
		std::vector<struct page *> v;
		for (int i = 0; i < n; i++)
			v.push_back(alloc_page(GFP_HIGHUSER));
		return v;
	}
};

TEST_F(Kmap, lowmem_pages_need_no_slot)
{
	struct page *low = alloc_page(GFP_KERNEL);
	EXPECT_EQ(kmap(low), lowmem_page_address(low));
	kunmap(low);
	EXPECT_EQ(nr_pkmaps_in_use(), 0);
}

TEST_F(Kmap, one_slot_per_page_however_often_mapped)
{
	struct page *page = alloc_page(GFP_HIGHUSER);
	EXPECT_EQ(page_address(page), nullptr) << "a highmem page has no address of its own";
	void *a = kmap(page);
	EXPECT_EQ((unsigned long)a, PKMAP_ADDR(1));
	EXPECT_EQ(mock_pkmap_pfn[1], page_to_pfn(page) + 1) << "the slot's pte maps the page";
	EXPECT_EQ(kmap(page), a);
	EXPECT_EQ(page_address(page), a);
	EXPECT_EQ(nr_pkmaps_in_use(), 1);
	kunmap(page);
	kunmap(page);
	EXPECT_EQ(nr_pkmaps_in_use(), 0);
	EXPECT_EQ(page_address(page), a) << "still mapped until the ring wraps";
	EXPECT_EQ(kmap(page), a) << "and reused for free";
	kunmap(page);
}

TEST_F(Kmap, the_ring_wraps_with_one_flush)
{
	auto pages = highmem_pages(LAST_PKMAP);
	for (int i = 0; i < LAST_PKMAP - 1; i++) {
		EXPECT_EQ((unsigned long)kmap(pages[i]), PKMAP_ADDR(i + 1));
		kunmap(pages[i]);
	}
	EXPECT_EQ(mock_pkmap_flushes, 0u);
	EXPECT_EQ((unsigned long)kmap(pages.back()), PKMAP_ADDR(0)) << "wrapped to slot 0";
	EXPECT_EQ(mock_pkmap_flushes, 1u) << "one flush for 1023 slots";
	EXPECT_EQ(page_address(pages[0]), nullptr);
	EXPECT_EQ(mock_pkmap_pfn[1], 0u);
	kunmap(pages.back());
}

TEST_F(Kmap, a_full_ring_and_a_bad_kunmap_are_reported)
{
	auto pages = highmem_pages(LAST_PKMAP + 1);
	for (int i = 0; i < LAST_PKMAP; i++)
		ASSERT_NE(kmap(pages[i]), nullptr) << i;
	console_take();
	EXPECT_EQ(kmap(pages.back()), nullptr);
	EXPECT_NE(console_take().find("kmap: all 1024 pkmap slots are in use"), std::string::npos);
	kunmap(pages.back());
	EXPECT_NE(console_take().find("is not kmapped"), std::string::npos);
	for (int i = 0; i < LAST_PKMAP; i++)
		kunmap(pages[i]);
	EXPECT_EQ(nr_pkmaps_in_use(), 0);
	EXPECT_NE(kmap(pages.back()), nullptr) << "slots free again";
	kunmap(pages.back());
}

TEST_F(Kmap, copy_highpage_and_memcpy_to_page)
{
	struct page *a = alloc_page(GFP_HIGHUSER), *b = alloc_page(GFP_HIGHUSER | __GFP_ZERO);
	memcpy_to_page(a, 100, "mm", 3);
	copy_highpage(b, a);
	char *k = (char *)kmap_local_page(b);
	EXPECT_STREQ(k + 100, "mm");
	kunmap_local(k);
	EXPECT_EQ(kmap_local_depth(), 0);
}

} // namespace
