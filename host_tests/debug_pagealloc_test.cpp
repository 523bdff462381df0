// debug_pagealloc (mm/debug_page_alloc.cpp, arch/x86/mm/set_memory.cpp): the
// direct map built by init_32.cpp, then checked with the mock MMU after
// every allocation and free.
#include <gtest/gtest.h>

#include "mmu.h"
#include "page_alloc_helpers.h"

#include <asm/init.h>
#include <asm/tlbflush.h>
#include <linux/debug_pagealloc.h>
#include <linux/kstrtox.h>

namespace
{

const phys_addr_t MB = 1 << 20;
const unsigned long LOW_PFNS = 0x2000; // 32 MiB, all lowmem

struct DebugPagealloc : testing::Test {
	phys_addr_t pgd_copy; // the CPU's page directory: swapper_pg_dir copied into mock RAM

	// The kernel's order: direct map (4 KiB pages when debug_pagealloc is
	// on, as init_mem_mapping decides), zones, then memblock_free_all.
	void boot(const char *param)
	{
		early_param_for_test(param);
		mock_phys_mem_init(LOW_PFNS << PAGE_SHIFT);
		memblock_reset();
		memblock_debug = false;
		memblock_add(0, LOW_PFNS << PAGE_SHIFT);
		memblock_set_current_limit(LOW_PFNS << PAGE_SHIFT);
		max_low_pfn = max_pfn = LOW_PFNS;
		memset(swapper_pg_dir, 0, sizeof(swapper_pg_dir));
		const struct map_range lowmem = {0, LOW_PFNS, PAGE_KERNEL, "lowmem"};
		kernel_physical_mapping_init(swapper_pg_dir, &lowmem, 1,
					     !debug_pagealloc_enabled());
		pgd_copy = memblock_phys_alloc(PAGE_SIZE, PAGE_SIZE);
		memset(&contig_page_data, 0, sizeof(contig_page_data));
		totalram_pages_count = totalhigh_pages_count = 0;
		pcp_lists_enabled = true;
		unsigned long zones[MAX_NR_ZONES] = {0x1000, LOW_PFNS, LOW_PFNS, 0};
		free_area_init(zones);
		kmap_init();
		build_all_zonelists();
		init_debug_pagealloc();
		memblock_free_all();
		init_per_zone_wmark_min();
		console_take();
	}
	void TearDown() override
	{
		early_param_for_test("debug_pagealloc=off");
		early_param_for_test("page_poison=0");
		init_debug_pagealloc();
		memset(swapper_pg_dir, 0, sizeof(swapper_pg_dir));
		EXPECT_EQ(invariant_errors(), "");
	}
	mmu_result cpu(unsigned long pfn, mmu_access a = MMU_READ)
	{
		memcpy(__va(pgd_copy), swapper_pg_dir, PAGE_SIZE);
		return mmu_translate(pgd_copy, PAGE_OFFSET + (pfn << PAGE_SHIFT), a, false, true);
	}
	bool mapped(const struct page *page) { return cpu(page_to_pfn(page)).ok; }
};

TEST(Kstrtobool, linux_words)
{
	bool b = false;
	for (const char *yes : {"1", "y", "Y", "on", "ON", "oN", "true", "yes"}) {
		b = false;
		EXPECT_EQ(kstrtobool(yes, &b), 0) << yes;
		EXPECT_TRUE(b) << yes;
	}
	for (const char *no : {"0", "n", "N", "off", "OFF", "false", "no"}) {
		b = true;
		EXPECT_EQ(kstrtobool(no, &b), 0) << no;
		EXPECT_FALSE(b) << no;
	}
	for (const char *bad : {"", "o", "2", "maybe", "enable"}) {
		b = true;
		EXPECT_EQ(kstrtobool(bad, &b), -EINVAL) << bad;
		EXPECT_TRUE(b) << "unchanged: " << bad;
	}
	EXPECT_EQ(kstrtobool(nullptr, &b), -EINVAL);
}

TEST_F(DebugPagealloc, bad_values_are_malformed_and_ignored)
{
	early_param_for_test("debug_pagealloc=on");
	console_take();
	for (const char *bad : {"debug_pagealloc=maybe", "debug_pagealloc", "debug_pagealloc=2"}) {
		early_param_for_test(bad);
		EXPECT_EQ(console_take_lines(),
			  std::vector<std::string>{"Malformed early option 'debug_pagealloc'"})
		    << bad;
		EXPECT_TRUE(debug_pagealloc_enabled()) << bad;
	}
	boot("debug_pagealloc=off");
	EXPECT_FALSE(debug_pagealloc_enabled_static());
}

// memblock_free_all() unmapped every page it gave the buddy allocator; what
// memblock keeps (mem_map, the page tables) stays mapped, at its address.
TEST_F(DebugPagealloc, boot_unmaps_every_free_page)
{
	boot("debug_pagealloc=on");
	ASSERT_TRUE(debug_pagealloc_enabled_static());
	unsigned long free = 0, reserved = 0;
	for (unsigned long pfn = 0; pfn < LOW_PFNS; pfn++) {
		mmu_result r = cpu(pfn, MMU_WRITE);
		if (PageReserved(pfn_to_page(pfn))) {
			reserved++;
			EXPECT_TRUE(r.ok) << pfn;
			EXPECT_EQ(r.phys, pfn << PAGE_SHIFT);
			EXPECT_FALSE(r.large) << "4 KiB pages only";
		} else {
			free++;
			EXPECT_FALSE(r.ok) << pfn;
			EXPECT_EQ(r.error_code, 2u) << "a not-present page, supervisor write";
		}
	}
	EXPECT_GT(reserved, 0u);
	EXPECT_EQ(free, nr_free_pages());
}

TEST_F(DebugPagealloc, alloc_maps_and_free_unmaps)
{
	boot("debug_pagealloc=on");
	for (unsigned int order : {0u, 1u, 3u, 6u}) {
		unsigned long flush_one = mock_tlb_flush_one, flush_all = mock_tlb_flush_all;
		struct page *page = alloc_pages(GFP_KERNEL | __GFP_ZERO, order);
		ASSERT_NE(page, nullptr);
		for (unsigned long i = 0; i < (1UL << order); i++) {
			mmu_result r = cpu(page_to_pfn(page) + i, MMU_WRITE);
			EXPECT_TRUE(r.ok) << order << " " << i;
			EXPECT_EQ(r.phys, (page_to_pfn(page) + i) << PAGE_SHIFT);
			EXPECT_TRUE(kernel_page_present(page + i));
		}
		__free_pages(page, order);
		for (unsigned long i = 0; i < (1UL << order); i++) {
			EXPECT_FALSE(mapped(page + i)) << order << " " << i;
			EXPECT_FALSE(kernel_page_present(page + i));
		}
		if (order < 6) // a few pages: one invlpg each, for the map and the unmap
			EXPECT_EQ(mock_tlb_flush_one - flush_one, 2UL << order) << order;
		else // many: the whole TLB, as Linux always does
			EXPECT_EQ(mock_tlb_flush_all - flush_all, 2u);
	}
}

// The unmapped pte keeps its frame and loses present and writable (Linux's
// __set_pages_np), so the oops's "*pte =" still names the page.
TEST_F(DebugPagealloc, unmapped_pte_keeps_the_frame)
{
	boot("debug_pagealloc=on");
	struct page *page = alloc_page(GFP_KERNEL);
	ASSERT_NE(page, nullptr);
	unsigned long va = PAGE_OFFSET + (page_to_pfn(page) << PAGE_SHIFT);
	pte_t before = *kernel_pte_slot(swapper_pg_dir, va);
	__free_page(page);
	pte_t after = *kernel_pte_slot(swapper_pg_dir, va);
	EXPECT_EQ(pte_val(after), pte_val(before) & ~(pteval_t)(_PAGE_PRESENT | _PAGE_RW));
	EXPECT_EQ(pte_pfn(after), page_to_pfn(page));
}

TEST_F(DebugPagealloc, page_state_and_hint)
{
	boot("debug_pagealloc=on");
	struct page *page = alloc_page(GFP_KERNEL), *block = alloc_pages(GFP_KERNEL, 2);
	ASSERT_NE(page, nullptr);
	ASSERT_NE(block, nullptr);
	unsigned long va = PAGE_OFFSET + (page_to_pfn(page) << PAGE_SHIFT);
	EXPECT_FALSE(debug_pagealloc_fault_hint(va)) << "an allocated page: no hint";
	EXPECT_STREQ(debug_pagealloc_page_state(page), "in use (refcount 1)");
	__free_page(page);
	EXPECT_STREQ(debug_pagealloc_page_state(page), "free, on the pcp list of zone Normal");
	console_take();
	EXPECT_TRUE(debug_pagealloc_fault_hint(va + 0x10));
	char want[256];
	snprintf(want, sizeof(want),
		 "hint: %08lx is in pfn %#lx, which is free, on the pcp list of zone Normal: "
		 "debug_pagealloc unmapped it when it was freed, so this is a use-after-free of a "
		 "page",
		 va + 0x10, page_to_pfn(page));
	EXPECT_EQ(console_take_lines(), std::vector<std::string>{want});
	__free_pages(block, 2);
	drain_all_pages(nullptr);
	EXPECT_EQ(
	    strncmp(debug_pagealloc_page_state(block + 3), "free, in a free block of order ", 31),
	    0);
	EXPECT_FALSE(debug_pagealloc_fault_hint(0xc0000000UL + (LOW_PFNS << PAGE_SHIFT)))
	    << "past lowmem";
}

TEST_F(DebugPagealloc, off_maps_with_large_pages_and_never_unmaps)
{
	boot("debug_pagealloc=off");
	EXPECT_FALSE(debug_pagealloc_enabled_static());
	EXPECT_TRUE(cpu(0x1800).large);
	struct page *page = alloc_page(GFP_KERNEL);
	ASSERT_NE(page, nullptr);
	__free_page(page);
	EXPECT_TRUE(mapped(page));
	EXPECT_FALSE(debug_pagealloc_fault_hint(PAGE_OFFSET + (page_to_pfn(page) << PAGE_SHIFT)));
}

// With page_poison=1 too: poison written before the unmap, checked after
// the map (a check of an unmapped page would fault on the real machine;
// here it would read host memory, so what is tested is that the check runs
// and finds the poison intact).
TEST_F(DebugPagealloc, poison_survives_the_round_trip)
{
	early_param_for_test("page_poison=1");
	boot("debug_pagealloc=on");
	struct page *page = alloc_page(GFP_KERNEL);
	ASSERT_NE(page, nullptr);
	__free_page(page);
	EXPECT_EQ(((u8 *)lowmem_page_address(page))[100], 0xaa);
	console_take();
	struct page *again = alloc_page(GFP_KERNEL);
	ASSERT_EQ(again, page) << "the pcp list's hot end";
	EXPECT_TRUE(mapped(again));
	EXPECT_EQ(console_take(), "") << "no poison report";
	__free_page(again);
}

} // namespace
