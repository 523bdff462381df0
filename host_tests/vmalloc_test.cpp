// The vmalloc area on the host: the vmap_area allocator (first fit, guard
// pages, hole reuse, alignment, exhaustion, merging), page tables checked
// with vmalloc_to_page and the mock MMU, failures and bad frees reported.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <regex>

#include "mock/mmu.h"
#include "page_alloc_helpers.h"

#include <asm/pgtable.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/seq_buf.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/vmalloc.h>

#include "../mm/slab.h"

namespace
{

const phys_addr_t MB = 1 << 20;
const unsigned long R0 = 0xf0000000, RSIZE = 16 * MB, R1 = R0 + RSIZE;
const unsigned long P = PAGE_SIZE;

struct Vmalloc : testing::Test {
	void SetUp() override
	{
		// 32M lowmem, 32M highmem
		boot_node({{{1 * MB, 64 * MB}}, 0x1000, 0x2000, 0x4000, 32 * MB});
		kmem_cache_init();
		memset(swapper_pg_dir, 0, sizeof(swapper_pg_dir));
		vmap_init_range(R0, R1);
		console_take();
	}
	void TearDown() override { EXPECT_GE(vmap_check(), 1); }
	static unsigned long A(const void *p) { return (unsigned long)p; }
	// Free pages plus the pte tables of the vmalloc range (kept once made),
	// with every slab cache shrunk: what must come back after a workload.
	unsigned long settled_free_pages()
	{
		unsigned long tables = 0;
		for (unsigned long a = R0; a < 0xff000000UL; a += PMD_SIZE)
			tables += !pmd_none(*(pmd_t *)pgd_offset_k(a));
		return ::settled_free_pages() + tables;
	}
	// The CPU's view: swapper_pg_dir copied into mock RAM for the mock MMU.
	mmu_result cpu(unsigned long va, mmu_access a = MMU_READ)
	{
		static struct page *copy;
		copy = alloc_page(GFP_KERNEL);
		memcpy(page_address(copy), swapper_pg_dir, PAGE_SIZE);
		mmu_result r = mmu_translate(page_to_phys(copy), va, a, false, true);
		__free_page(copy);
		return r;
	}
};

TEST_F(Vmalloc, first_fit_with_guard_pages)
{
	void *a = vmalloc(1), *b = vmalloc(2 * P), *c = vmalloc(P);
	EXPECT_EQ(A(a), R0);
	EXPECT_EQ(A(b), R0 + 2 * P) << "one guard page after a";
	EXPECT_EQ(A(c), R0 + 5 * P);
	EXPECT_EQ(find_vm_area(b)->size, 3 * P);
	EXPECT_EQ(get_vm_area_size(find_vm_area(b)), 2 * P);
	EXPECT_TRUE(is_vmalloc_addr(b));
	EXPECT_FALSE(is_vmalloc_addr((void *)(R1 + 1)));
	EXPECT_TRUE(cpu(A(b) + P + 5).ok);
	EXPECT_FALSE(cpu(A(b) + 2 * P).ok) << "the guard page is not mapped";
	EXPECT_EQ(cpu(A(b) + 2 * P).error_code, 0u) << "not present, read, kernel";
	EXPECT_EQ(vmalloc_nr_pages(), 4u);
	vfree(a);
	vfree(b);
	vfree(c);
	EXPECT_EQ(vmap_check(), 1) << "everything merged back";
	EXPECT_EQ(vmap_largest_free(), RSIZE);
}

TEST_F(Vmalloc, pages_come_from_highmem_and_are_mapped_in_order)
{
	u8 *p = (u8 *)vzalloc(5 * P);
	for (int i = 0; i < 5; i++) {
		struct page *page = vmalloc_to_page(p + i * P);
		ASSERT_NE(page, nullptr);
		EXPECT_TRUE(PageHighMem(page));
		EXPECT_EQ(page, find_vm_area(p)->pages[i]);
		mmu_result r = cpu(A(p) + i * P + 123, MMU_WRITE);
		EXPECT_TRUE(r.ok);
		EXPECT_EQ(r.phys, page_to_phys(page) + 123);
	}
	vfree(p);
	EXPECT_EQ(vmalloc_to_page(p), nullptr) << "unmapped";
	u8 *low = (u8 *)vmalloc_32(P);
	EXPECT_FALSE(PageHighMem(vmalloc_to_page(low)));
	vfree(low);
}

TEST_F(Vmalloc, a_one_page_hole_is_reused_exactly)
{
	void *v[10];
	for (auto &p : v)
		p = vmalloc(P);
	vfree(v[4]);
	EXPECT_EQ(vmap_check(), 2);
	void *again = vmalloc(P);
	EXPECT_EQ(again, v[4]);
	EXPECT_EQ(vmap_check(), 1) << "the hole is gone, only the tail is free";
	void *big = vmalloc(2 * P);
	EXPECT_EQ(A(big), A(v[9]) + 2 * P) << "too big for a hole: after the last one";
	for (auto &p : v)
		vfree(p == v[4] ? again : p);
	vfree(big);
}

TEST_F(Vmalloc, alignment_up_to_4M)
{
	void *pad = vmalloc(P);
	for (unsigned long align = P; align <= 4 * MB; align <<= 1) {
		void *p = __vmalloc_node(P, align, GFP_KERNEL, nullptr);
		ASSERT_NE(p, nullptr) << align;
		EXPECT_EQ(A(p) % align, 0u) << align;
		vfree(p);
	}
	vfree(pad);
}

TEST_F(Vmalloc, exhaustion_reports_and_recovers_fully)
{
	unsigned long baseline = settled_free_pages();
	std::vector<void *> held;
	while (void *p = vmalloc(P))
		held.push_back(p);
	EXPECT_EQ(held.size(), RSIZE / (2 * P)) << "each takes a page and a guard page";
	EXPECT_NE(console_take().find("vmap allocation for size 8192 failed: use vmalloc=<size> to "
				      "increase size"),
		  std::string::npos);
	EXPECT_EQ(vmap_check(), 0) << "no free area left";
	std::shuffle(held.begin(), held.end(), std::mt19937(7));
	for (void *p : held)
		vfree(p);
	EXPECT_EQ(vmap_check(), 1);
	EXPECT_EQ(vmap_largest_free(), RSIZE);
	EXPECT_EQ(settled_free_pages(), baseline);
	void *all = vmalloc(RSIZE - P);
	EXPECT_NE(all, nullptr) << "the whole range in one piece";
	vfree(all);
}

TEST_F(Vmalloc, out_of_pages_returns_null_and_leaks_nothing)
{
	vmap_init_range(R0, R0 + 128 * MB); // more address space than RAM
	unsigned long baseline = settled_free_pages();
	EXPECT_EQ(vmalloc(64 * MB + P), nullptr) << "more than all RAM";
	EXPECT_NE(console_take().find("vmalloc error: size 67112960, exceeds total pages"),
		  std::string::npos);
	std::vector<void *> held;
	while (void *p = vmalloc(4 * MB)) // fits the range three times, RAM less
		held.push_back(p);
	// Linux's words: the size is what it had got when the pages ran out.
	std::string out = console_take();
	std::smatch m;
	ASSERT_TRUE(std::regex_search(
	    out, m,
	    std::regex("vmalloc error: size (\\d+), page order 0, failed to allocate pages")))
	    << out;
	EXPECT_LT(std::stoul(m[1]), 4 * MB);
	EXPECT_GE(held.size(), 10u);
	for (void *p : held)
		vfree(p);
	EXPECT_EQ(settled_free_pages(), baseline);
	EXPECT_EQ(vmap_check(), 1);
}

// Linux 6.1's answers (__vmalloc_node_range, __get_vm_area_node, vmap,
// ioremap) to sizes that are zero, larger than RAM, or wrap past the top of
// the address space once page-aligned or given their guard page.
TEST_F(Vmalloc, absurd_sizes_get_linux_answers)
{
	warn_once_generation++; // re-arm the WARN_ON_ONCEs: other tests may have used them
	unsigned long baseline = settled_free_pages();
	int warns = host_warnings;
	EXPECT_EQ(vmalloc(0), nullptr);
	EXPECT_EQ(host_warnings, warns + 1) << "size 0 is a caller's bug: one WARNING";
	EXPECT_NE(console_take().find("WARNING: "), std::string::npos);
	EXPECT_EQ(vzalloc(0), nullptr);
	EXPECT_EQ(vmalloc(0), nullptr);
	EXPECT_EQ(host_warnings, warns + 1) << "WARN_ON_ONCE: once";
	console_take();

	for (unsigned long size : {ULONG_MAX, ULONG_MAX - P + 1, 1UL << 31, 0xffffffffUL}) {
		EXPECT_EQ(vmalloc(size), nullptr) << size;
		std::string want = "vmalloc error: size " + std::to_string(size) +
				   ", exceeds total pages, mode:0xcc2(GFP_KERNEL|__GFP_HIGHMEM)";
		EXPECT_NE(console_take().find(want), std::string::npos) << size;
	}
	EXPECT_EQ(__vmalloc(0xffffffffUL, GFP_KERNEL | __GFP_NOWARN), nullptr);
	EXPECT_EQ(console_take(), "") << "__GFP_NOWARN: quiet";

	// More than the area holds, less than RAM: both of Linux's messages.
	EXPECT_EQ(vmalloc(RSIZE + 4 * P), nullptr);
	std::string out = console_take();
	EXPECT_NE(out.find("vmap allocation for size 16797696 failed: use vmalloc=<size> to "
			   "increase size"),
		  std::string::npos)
	    << out;
	EXPECT_NE(out.find("vmalloc error: size 16793600, vm_struct allocation failed"),
		  std::string::npos)
	    << out;

	// PAGE_ALIGN wraps to 0; the guard page wraps the end to 0: no area,
	// and no talk of a "size 0" allocation.
	EXPECT_EQ(get_vm_area(ULONG_MAX - P + 2, VM_ALLOC), nullptr);
	EXPECT_EQ(get_vm_area(ULONG_MAX - P + 1, VM_ALLOC), nullptr);
	EXPECT_EQ(get_vm_area(ULONG_MAX, VM_ALLOC), nullptr);
	EXPECT_EQ(console_take(), "");

	struct page *page = alloc_page(GFP_KERNEL);
	EXPECT_EQ(vmap(&page, ~0u, 0, PAGE_KERNEL), nullptr) << "more pages than RAM";
	EXPECT_EQ(console_take(), "");
	__free_page(page);
	EXPECT_EQ(ioremap(0xfebf0000, 0), nullptr);
	EXPECT_EQ(ioremap(0xfffff000, 0x2000), nullptr) << "wraps past 4G";
	EXPECT_EQ(ioremap(0x10, (phys_addr_t)-1), nullptr);
	EXPECT_EQ(vmap_check(), 1);
	EXPECT_EQ(settled_free_pages(), baseline);
}

TEST_F(Vmalloc, bad_frees_are_reported)
{
	vfree(nullptr);
	void *p = vmalloc(2 * P);
	vfree((u8 *)p + P);
	EXPECT_NE(console_take().find("Trying to vfree() nonexistent vm area"), std::string::npos);
	EXPECT_NE(vmalloc_to_page(p), nullptr) << "still mapped";
	vfree(p);
	vfree(p);
	EXPECT_NE(console_take().find("Trying to vfree() nonexistent vm area"), std::string::npos);
}

TEST_F(Vmalloc, vmap_and_ioremap)
{
	struct page *pages[3] = {alloc_page(GFP_HIGHUSER), alloc_page(GFP_KERNEL),
				 alloc_page(GFP_HIGHUSER)};
	void *v = vmap(pages, 3, 0, PAGE_KERNEL);
	EXPECT_EQ(vmalloc_to_page((u8 *)v + 2 * P), pages[2]);
	vunmap(v);
	EXPECT_EQ(vmalloc_to_page(v), nullptr);
	EXPECT_EQ(page_ref_count(pages[0]), 1) << "vunmap leaves the pages to their owner";
	for (auto *pg : pages)
		__free_page(pg);
	void *io = ioremap(0xfebf0010, 0x20);
	EXPECT_EQ(A(io) & ~PAGE_MASK, 0x10u);
	mmu_result r = cpu(A(io));
	EXPECT_TRUE(r.ok);
	EXPECT_EQ(r.phys, 0xfebf0010u);
	char buf[512];
	struct seq_buf s;
	seq_buf_init(&s, buf, sizeof(buf));
	vmallocinfo_show(&s);
	EXPECT_NE(std::string(buf, s.len).find(" phys=febf0000 ioremap"), std::string::npos)
	    << std::string(buf, s.len);
	iounmap(io);
}

// Linux's long_busy_list_alloc_test, turned into a check: with many busy
// areas, every other one freed, new areas fill the holes lowest first.
TEST_F(Vmalloc, long_busy_list_fills_holes_in_address_order)
{
	std::vector<void *> v(500);
	for (auto &p : v)
		p = vmalloc(P);
	for (size_t i = 0; i < v.size(); i += 2)
		vfree(v[i]);
	EXPECT_EQ(vmap_check(), 251) << "250 holes and the tail";
	for (size_t i = 0; i < v.size(); i += 2) {
		void *p = vmalloc(P);
		ASSERT_EQ(p, v[i]) << i;
	}
	EXPECT_EQ(vmap_check(), 1);
	for (void *p : v)
		vfree(p);
	EXPECT_EQ(vmap_largest_free(), RSIZE);
}

// Random sizes and alignments, random frees, as Linux's test_vmalloc
// (random_size_align_alloc_test, long_busy_list_alloc_test): the trees stay
// consistent and everything merges back.
TEST_F(Vmalloc, random_model)
{
	std::mt19937 rng(11);
	std::vector<std::pair<unsigned long, unsigned long>> held; // start, end with guard
	for (int step = 0; step < 3000; step++) {
		if (held.empty() || rng() % 2) {
			unsigned long size = (rng() % 16 + 1) * P, align = P << (rng() % 6);
			void *p = __vmalloc_node(size, align, GFP_KERNEL | __GFP_NOWARN, nullptr);
			if (!p)
				continue;
			ASSERT_EQ(A(p) % align, 0u);
			for (auto [s, e] : held)
				ASSERT_TRUE(A(p) + size + P <= s || A(p) >= e) << "overlap";
			held.push_back({A(p), A(p) + size + P});
		} else {
			size_t k = rng() % held.size();
			vfree((void *)held[k].first);
			held[k] = held.back();
			held.pop_back();
		}
		if (step % 50 == 0) {
			ASSERT_GE(vmap_check(), 0) << step;
		}
	}
	for (auto [s, e] : held)
		vfree((void *)s);
	EXPECT_EQ(vmap_check(), 1);
	EXPECT_EQ(vmap_largest_free(), RSIZE);
	EXPECT_EQ(vmalloc_nr_pages(), 0u);
}

} // namespace
