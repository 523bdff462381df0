// The lowmem/highmem split and the kernel page-table builder
// (arch/x86/mm/init_32.cpp), checked with the mock arch's software MMU.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "host_support.h"
#include "mmu.h"

#include <asm/init.h>
#include <asm/pgtable_32_areas.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/memblock.h>
#include <linux/pgwalk.h>
#include <linux/string.h>

namespace
{

// --- find_low_pfn_range + initmem_init ----------------------------------------

struct Split {
	const char *name;
	unsigned long max_pfn;
	const char *cmdline;
	unsigned long want_max_low_pfn, want_max_pfn;
	std::vector<std::string> want_lines; // printed, in order (initmem_init's last two left out)
};

const Split splits[] = {
    {"qemu_128m_all_lowmem",
     0x7fe0,
     "",
     0x7fe0,
     0x7fe0,
     {"0MB HIGHMEM available.", "127MB LOWMEM available."}},
    {"qemu_1g_lowmem_stops_at_maxmem",
     0x3ffe0,
     "",
     0x377fe,
     0x3ffe0,
     {"135MB HIGHMEM available.", "887MB LOWMEM available."}},
    {"qemu_3g",
     0xbffe0,
     "",
     0x377fe,
     0xbffe0,
     {"2183MB HIGHMEM available.", "887MB LOWMEM available."}},
    {"ram_up_to_4g",
     0x100000,
     "",
     0x377fe,
     0x100000,
     {"3208MB HIGHMEM available.", "887MB LOWMEM available."}},
    {"exactly_maxmem",
     0x377fe,
     "",
     0x377fe,
     0x377fe,
     {"0MB HIGHMEM available.", "887MB LOWMEM available."}},
    {"vmalloc_256m_shrinks_lowmem",
     0x3ffe0,
     "vmalloc=256M",
     0x2effe,
     0x3ffe0,
     {"271MB HIGHMEM available.", "751MB LOWMEM available."}},
    {"vmalloc_64m_grows_lowmem",
     0x3ffe0,
     "vmalloc=64M",
     0x3affe,
     0x3ffe0,
     {"79MB HIGHMEM available.", "943MB LOWMEM available."}},
    {"highmem_on_a_small_machine",
     0xffe0,
     "highmem=64M",
     0xbfe0,
     0xffe0,
     {"64MB HIGHMEM available.", "191MB LOWMEM available."}},
    {"highmem_bigger_than_ram",
     0xffe0,
     "highmem=512M",
     0xffe0,
     0xffe0,
     {"highmem size (512MB) is bigger than pages available (255MB)!", "0MB HIGHMEM available.",
      "255MB LOWMEM available."}},
    {"highmem_leaving_too_little_lowmem",
     0xffe0,
     "highmem=200M",
     0xffe0,
     0xffe0,
     {"highmem size (200MB) results in <64MB lowmem, ignoring it!", "0MB HIGHMEM available.",
      "255MB LOWMEM available."}},
    {"highmem_smaller_than_the_rest_caps_max_pfn",
     0x3ffe0,
     "highmem=64M",
     0x377fe,
     0x3b7fe,
     {"64MB HIGHMEM available.", "887MB LOWMEM available."}},
    // vmalloc= is clamped to 16M..943M (Linux x86 takes it as it is: the
    // vmalloc area was empty at vmalloc=0 or 4G, and 1016M wrapped MAXMEM)
    {"vmalloc_0_is_16m",
     0x3ffe0,
     "vmalloc=0",
     0x3dffe,
     0x3ffe0,
     {"31MB HIGHMEM available.", "991MB LOWMEM available."}},
    {"vmalloc_4g_leaves_64m_lowmem",
     0x3ffe0,
     "vmalloc=4G",
     0x40fe,
     0x3ffe0,
     {"958MB HIGHMEM available.", "64MB LOWMEM available."}},
    {"vmalloc_1016m_does_not_wrap",
     0x3ffe0,
     "vmalloc=1016M",
     0x40fe,
     0x3ffe0,
     {"958MB HIGHMEM available.", "64MB LOWMEM available."}},
    {"vmalloc_garbage_keeps_the_default",
     0x3ffe0,
     "vmalloc=lots",
     0x377fe,
     0x3ffe0,
     {"135MB HIGHMEM available.", "887MB LOWMEM available."}},
    {"highmem_2pow64_reads_as_4g",
     0xffe0,
     "highmem=18446744073709551616",
     0xffe0,
     0xffe0,
     {"highmem size (4096MB) is bigger than pages available (255MB)!", "0MB HIGHMEM available.",
      "255MB LOWMEM available."}},
    {"highmem_larger_than_there_is",
     0x3ffe0,
     "highmem=2G",
     0x377fe,
     0x3ffe0,
     {"only 135MB highmem pages available, ignoring highmem size of 2048MB!",
      "135MB HIGHMEM available.", "887MB LOWMEM available."}},
};

class LowPfn : public testing::TestWithParam<Split>
{
};
void PrintTo(const Split &s, std::ostream *os) { *os << s.name; }

TEST_P(LowPfn, find_low_pfn_range)
{
	const Split &s = GetParam();
	static char line[256];
	reset_highmem_param();
	__VMALLOC_RESERVE = 128UL << 20;
	memblock_reset();
	strlcpy(line, s.cmdline, sizeof(line));
	parse_early_options(line);
	console_take();
	max_pfn = s.max_pfn;
	find_low_pfn_range();
	initmem_init();
	EXPECT_EQ(max_low_pfn, s.want_max_low_pfn);
	EXPECT_EQ(max_pfn, s.want_max_pfn);
	auto lines = console_take_lines();
	ASSERT_GE(lines.size(), 2u);
	lines.resize(lines.size() - 2); // "mapped low ram" and "low ram"
	EXPECT_EQ(lines, s.want_lines);
	EXPECT_EQ((unsigned long)high_memory - (unsigned long)__va(0), max_low_pfn << PAGE_SHIFT);
	__VMALLOC_RESERVE = 128UL << 20;
	reset_highmem_param();
}

// What vmalloc= and highmem= say about a value they refuse or clamp.
TEST(init_32_params, absurd_sizes_are_refused_or_clamped)
{
	struct {
		const char *cmdline, *line;
		unsigned long reserve; // __VMALLOC_RESERVE after it
	} cases[] = {
	    {"vmalloc=0", "vmalloc area too small, limiting to 16MB", 24UL << 20},
	    {"vmalloc=1M", "vmalloc area too small, limiting to 16MB", 24UL << 20},
	    {"vmalloc=4G", "vmalloc area is too big, limiting to 943MB", 951UL << 20},
	    {"vmalloc=18446744073709551616", "vmalloc area is too big, limiting to 943MB",
	     951UL << 20},
	    {"vmalloc=garbage", "vmalloc=garbage: not a size; ignored", 128UL << 20},
	    {"vmalloc=-1", "vmalloc=-1: not a size; ignored", 128UL << 20},
	    {"vmalloc=64Mx", "vmalloc=64Mx: not a size; ignored", 128UL << 20},
	    {"vmalloc=256M", nullptr, 264UL << 20},
	    {"highmem=garbage", "highmem=garbage: not a size; ignored", 128UL << 20},
	};
	for (const auto &c : cases) {
		static char line[128];
		__VMALLOC_RESERVE = 128UL << 20;
		strlcpy(line, c.cmdline, sizeof(line));
		console_take();
		parse_early_options(line);
		std::string out = console_take();
		if (c.line)
			EXPECT_NE(out.find(c.line), std::string::npos) << c.cmdline << ": " << out;
		else
			EXPECT_EQ(out, "") << c.cmdline;
		EXPECT_EQ(__VMALLOC_RESERVE, c.reserve) << c.cmdline;
	}
	__VMALLOC_RESERVE = 128UL << 20;
	reset_highmem_param();
}

INSTANTIATE_TEST_SUITE_P(init_32, LowPfn, testing::ValuesIn(splits),
			 [](const auto &info) { return std::string(info.param.name); });

// --- the page-table builder ------------------------------------------------------

const unsigned long MB = 1UL << 20, LOWMEM_PFN = (60 * MB) >> PAGE_SHIFT;
// A pretend kernel image at 1 MiB: 40K of text, 20K of rodata, then data,
// the boot stack's guard page, and the rest of lowmem.
const unsigned long TEXT = 0x100, RODATA = 0x10a, DATA = 0x10f, GUARD = 0x120;

struct PageTables : testing::TestWithParam<bool> {
	pgd_t *pgd;
	phys_addr_t pgd_phys;
	bool pse() const { return GetParam(); }

	void SetUp() override
	{
		mock_phys_mem_init(64 * MB);
		memblock_reset();
		memblock_add(0, 64 * MB);
		memblock_reserve(0, 2 * MB);
		pgd = (pgd_t *)memblock_alloc(PAGE_SIZE, PAGE_SIZE);
		pgd_phys = __pa(pgd);
		const struct map_range ranges[] = {
		    {0, TEXT, __pgprot(__PAGE_KERNEL), "low"},
		    {TEXT, RODATA, __pgprot(__PAGE_KERNEL_RX), ".text"},
		    {RODATA, DATA, __pgprot(__PAGE_KERNEL_RO), ".rodata"},
		    {DATA, GUARD, __pgprot(__PAGE_KERNEL), ".data"},
		    {GUARD, GUARD + 1, __pgprot(0), "guard"},
		    {GUARD + 1, LOWMEM_PFN, __pgprot(__PAGE_KERNEL), "lowmem"},
		};
		kernel_physical_mapping_init(pgd, ranges, 6, pse());
	}
	mmu_result at(unsigned long va, mmu_access a = MMU_READ, bool user = false)
	{
		return mmu_translate(pgd_phys, va, a, user, true);
	}
};

// Every page of lowmem reads back at PAGE_OFFSET + its physical address.
TEST_P(PageTables, every_lowmem_page_translates)
{
	for (unsigned long pfn = 0; pfn < LOWMEM_PFN; pfn++) {
		if (pfn == GUARD)
			continue;
		unsigned long pa = pfn << PAGE_SHIFT;
		mmu_result r = at(PAGE_OFFSET + pa + 0x123);
		ASSERT_TRUE(r.ok) << std::hex << pa;
		ASSERT_EQ(r.phys, pa + 0x123);
	}
	EXPECT_FALSE(at(PAGE_OFFSET + (LOWMEM_PFN << PAGE_SHIFT)).ok) << "nothing past lowmem";
}

TEST_P(PageTables, text_and_rodata_are_read_only)
{
	for (unsigned long pfn = TEXT; pfn < DATA; pfn++) {
		EXPECT_TRUE(at(PAGE_OFFSET + (pfn << PAGE_SHIFT)).ok);
		mmu_result w = at(PAGE_OFFSET + (pfn << PAGE_SHIFT), MMU_WRITE);
		EXPECT_FALSE(w.ok);
		EXPECT_EQ(w.error_code, 0x3u) << "write to a present page: permissions violation";
	}
	EXPECT_TRUE(at(PAGE_OFFSET + (DATA << PAGE_SHIFT), MMU_WRITE).ok);
	EXPECT_TRUE(at(PAGE_OFFSET + (TEXT << PAGE_SHIFT) - 1, MMU_WRITE).ok);
}

TEST_P(PageTables, guard_page_and_low_addresses_fault)
{
	mmu_result g = at(PAGE_OFFSET + (GUARD << PAGE_SHIFT));
	EXPECT_FALSE(g.ok);
	EXPECT_EQ(g.error_code, 0u) << "not-present read";
	EXPECT_FALSE(at(0).ok) << "no identity mapping: NULL faults";
	EXPECT_FALSE(at(PAGE_OFFSET - 1).ok);
	EXPECT_FALSE(at(PAGE_OFFSET + MB, MMU_READ, true).ok) << "user mode cannot read the kernel";
}

// With PSE, every 4 MiB piece away from the image is one large page; the
// piece holding the image needs a page table. Without, none is large.
TEST_P(PageTables, large_pages_where_possible)
{
	int large = 0, tables = 0;
	for (unsigned long va = PAGE_OFFSET; va < PAGE_OFFSET + 60 * MB; va += PMD_SIZE) {
		pgdval_t e = pgd_val(pgd[pgd_index(va)]);
		ASSERT_TRUE(e & _PAGE_PRESENT);
		(e & _PAGE_PSE) ? large++ : tables++;
		EXPECT_EQ(at(va).large, (bool)(e & _PAGE_PSE));
	}
	EXPECT_EQ(large, pse() ? 14 : 0);
	EXPECT_EQ(tables, pse() ? 1 : 15);
	EXPECT_TRUE(pgd_val(pgd[pgd_index(PAGE_OFFSET)]) & _PAGE_USER) << "as Linux's _PAGE_TABLE";
}

// The page tables came from memblock, and are reserved there.
TEST_P(PageTables, page_tables_come_from_memblock)
{
	int tables = 0;
	for (unsigned long i = KERNEL_PGD_BOUNDARY; i < PTRS_PER_PGD; i++) {
		pgdval_t e = pgd_val(pgd[i]);
		if ((e & _PAGE_PRESENT) && !(e & _PAGE_PSE)) {
			EXPECT_TRUE(memblock_is_reserved(e & PAGE_MASK));
			tables++;
		}
	}
	// the pgd itself, the 2M reserved at 0, and one page per page table
	EXPECT_EQ(memblock_reserved_size(), (phys_addr_t)(2 * MB + PAGE_SIZE * (1 + tables)));
}

// The software walker and the software MMU agree everywhere.
TEST_P(PageTables, pgwalk_agrees_with_the_mmu)
{
	for (unsigned long va = PAGE_OFFSET - 2 * PAGE_SIZE; va < PAGE_OFFSET + 62 * MB;
	     va += 0x3f123) {
		struct pgwalk w;
		bool mapped = pgwalk(pgd, va, &w);
		mmu_result r = at(va);
		ASSERT_EQ(mapped, r.ok) << std::hex << va;
		if (mapped) {
			ASSERT_EQ(w.phys, r.phys);
		}
		ASSERT_EQ(w.nr_levels, r.large ? 1 : ((w.level[0].present) ? 2 : 1));
	}
}

TEST_P(PageTables, pkmap_and_fixmap_tables)
{
	page_table_range_init(FIXADDR_START, FIXADDR_TOP, pgd);
	page_table_range_init(PKMAP_BASE, PKMAP_BASE + LAST_PKMAP * PAGE_SIZE, pgd);
	for (unsigned long va :
	     {PKMAP_BASE, PKMAP_BASE + LAST_PKMAP * PAGE_SIZE - 1, FIXADDR_START, FIXADDR_TOP}) {
		struct pgwalk w;
		EXPECT_FALSE(pgwalk(pgd, va, &w));
		EXPECT_EQ(w.nr_levels, 2) << "a page table is ready";
		EXPECT_FALSE(w.level[1].present);
	}
	// a slot filled later is one set_pte away
	set_pte(kernel_pte_slot(pgd, __fix_to_virt(FIX_KMAP_BEGIN)), pfn_pte(0x123, PAGE_KERNEL));
	EXPECT_EQ(at(__fix_to_virt(FIX_KMAP_BEGIN)).phys, 0x123000u);
}

// A NOMAP region of memblock is a hole in the direct map, even inside what
// would be a 4 MiB page; the pieces around it are still mapped.
TEST(map_ranges, nomap_regions_are_not_mapped)
{
	mock_phys_mem_init(64 * MB);
	memblock_reset();
	memblock_add(0, 64 * MB);
	memblock_reserve(0, 2 * MB);
	memblock_mark_nomap(20 * MB, 3 * SZ_4K);
	pgd_t *pgd = (pgd_t *)memblock_alloc(PAGE_SIZE, PAGE_SIZE);
	struct map_range mr[16] = {{0, LOWMEM_PFN, __pgprot(__PAGE_KERNEL), "lowmem"}};
	int nr = map_ranges_carve(mr, 1, 16, GUARD, GUARD + 1, __pgprot(0), "guard");
	EXPECT_EQ(nr, 3);
	nr = map_ranges_punch_nomap(mr, nr, 16);
	EXPECT_EQ(nr, 5);
	EXPECT_EQ(mr[3].start, (20 * MB) >> PAGE_SHIFT);
	EXPECT_EQ(mr[3].end, ((20 * MB) >> PAGE_SHIFT) + 3);
	kernel_physical_mapping_init(pgd, mr, nr, true);
	auto at = [&](unsigned long pa) {
		return mmu_translate(__pa(pgd), PAGE_OFFSET + pa, MMU_READ, false, true);
	};
	EXPECT_FALSE(at(20 * MB).ok);
	EXPECT_FALSE(at(20 * MB + 3 * SZ_4K - 1).ok);
	EXPECT_TRUE(at(20 * MB - 1).ok);
	EXPECT_TRUE(at(20 * MB + 3 * SZ_4K).ok);
	EXPECT_FALSE(at(20 * MB).large) << "the piece with the hole has 4 KiB pages";
	EXPECT_TRUE(at(40 * MB).large);
	EXPECT_FALSE(at(GUARD << PAGE_SHIFT).ok);
}

INSTANTIATE_TEST_SUITE_P(kernel_physical_mapping_init, PageTables, testing::Values(true, false),
			 [](const auto &info) { return info.param ? "pse" : "4k_pages"; });

// --- too little lowmem: the reason setup_arch panics with -----------------------

// QEMU's map as memblock has it: RAM from page 1 to 640K and from 1M to
// ram_end, the first 64K and a kernel image of 1M + 16K reserved.
struct Lowmem : testing::Test {
	const phys_addr_t image_start = MB, image_end = 0x204000;
	unsigned long saved_max_low_pfn = max_low_pfn;
	char why[256] = "";

	void boot(phys_addr_t low_end, phys_addr_t ram_end)
	{
		memblock_reset();
		if (low_end > 0x1000)
			memblock_add(0x1000, low_end - 0x1000);
		if (ram_end > MB)
			memblock_add(MB, ram_end - MB);
		memblock_reserve(0, SZ_64K);
		memblock_reserve(image_start, image_end - image_start);
		max_low_pfn = PFN_DOWN(ram_end);
	}
	bool short_of_ram() { return lowmem_shortfall(image_start, image_end, why, sizeof(why)); }
	void TearDown() override
	{
		memblock_reset();
		max_low_pfn = saved_max_low_pfn;
	}
};

TEST_F(Lowmem, qemu_128m_is_plenty)
{
	boot(0xa0000, 128 * MB);
	EXPECT_FALSE(short_of_ram()) << why;
	EXPECT_EQ(lowmem_free_bytes(), (0xa0000 - SZ_64K) + (128 * MB - image_end));
}

TEST_F(Lowmem, ram_ending_at_the_image_end_is_enough)
{
	boot(0xa0000, image_end); // mem=<image end>: 576K free below 640K
	EXPECT_FALSE(short_of_ram()) << why;
}

TEST_F(Lowmem, no_ram_at_all)
{
	boot(0, 0); // memmap=exactmap alone
	EXPECT_TRUE(short_of_ram());
	EXPECT_STREQ(why, "Too little usable RAM: 0K usable, 0K of it free lowmem; 1040K of the "
			  "kernel image [mem 0x00100000-0x00203fff] is not in it; the kernel needs "
			  "its image in lowmem RAM and 512K free lowmem beside it");
}

TEST_F(Lowmem, ram_ending_inside_the_image)
{
	boot(0xa0000, 2 * MB); // mem=2M
	EXPECT_TRUE(short_of_ram());
	EXPECT_NE(
	    std::string(why).find("Too little usable RAM: 1660K usable, 576K of it free lowmem; "
				  "16K of the kernel image"),
	    std::string::npos)
	    << why;
}

TEST_F(Lowmem, image_in_ram_but_too_little_free_beside_it)
{
	boot(200 * 1024, image_end); // memmap=exactmap memmap=200K@0 memmap=1040K@1M
	EXPECT_TRUE(short_of_ram());
	EXPECT_STREQ(why, "Too little usable RAM: 1236K usable, 136K of it free lowmem; the kernel "
			  "needs its image in lowmem RAM and 512K free lowmem beside it");
}

TEST_F(Lowmem, free_memory_above_lowmem_does_not_count)
{
	boot(0x1000, 64 * MB); // no RAM below 640K
	EXPECT_FALSE(short_of_ram()) << why;
	max_low_pfn = PFN_DOWN(image_end + 256 * 1024); // the rest "highmem"
	EXPECT_EQ(lowmem_free_bytes(), 256u * 1024);
	EXPECT_TRUE(short_of_ram());
	EXPECT_NE(std::string(why).find("256K of it free lowmem; the kernel needs"),
		  std::string::npos)
	    << why;
}

TEST_F(Lowmem, an_image_above_lowmem_is_too_little_lowmem_not_ram)
{
	boot(0xa0000, 128 * MB);
	max_low_pfn = PFN_DOWN(image_start + 512 * 1024); // highmem= or vmalloc= cut into it
	EXPECT_TRUE(short_of_ram());
	EXPECT_NE(std::string(why).find("Too little lowmem: 130684K usable, "), std::string::npos)
	    << why;
	EXPECT_NE(
	    std::string(why).find("; lowmem ends at 0x00180000, 528K short of the kernel "
				  "image's end [mem 0x00100000-0x00203fff]; the kernel needs"),
	    std::string::npos)
	    << why;
}

// Plenty of RAM, but most of lowmem reserved (a big GRUB module): the
// panic says lowmem, not RAM, is short.
TEST_F(Lowmem, reserved_lowmem_is_too_little_lowmem_not_ram)
{
	boot(0xa0000, 128 * MB);
	memblock_reserve(SZ_64K, 0x80000 - SZ_64K);
	memblock_reserve(image_end, 128 * MB - image_end);
	EXPECT_TRUE(short_of_ram());
	EXPECT_STREQ(why, "Too little lowmem: 130684K usable, 128K of it free lowmem; the kernel "
			  "needs its image in lowmem RAM and 512K free lowmem beside it");
}

// --- keep_kernel_image_ram: a map with a hole where the image is ------------

struct ImageHole : Lowmem {
	// RAM below 640K and [ram_start, ram_end): GRUB's cutmem, memmap=
	void boot_hole(phys_addr_t ram_start, phys_addr_t ram_end)
	{
		memblock_reset();
		memblock_add(0x1000, 0xa0000 - 0x1000);
		memblock_add(ram_start, ram_end - ram_start);
		memblock_reserve(0, SZ_64K);
		memblock_reserve(image_start, image_end - image_start);
		max_low_pfn = PFN_DOWN(ram_end);
		console_take();
	}
	phys_addr_t keep() { return keep_kernel_image_ram(image_start, image_end); }
};

TEST_F(ImageHole, cutmem_1M_2M_the_image_is_ram_anyway)
{
	boot_hole(2 * MB, 128 * MB);
	EXPECT_TRUE(short_of_ram()); // what the map alone says
	EXPECT_EQ(keep(), 1 * MB);
	EXPECT_EQ(console_take_lines(),
		  std::vector<std::string>{
		      "e820: 1024K of the kernel image [mem 0x00100000-0x00203fff] is not in a "
		      "usable region; using it as RAM anyway (reserved)"});
	EXPECT_TRUE(memblock_is_region_memory(image_start, image_end - image_start));
	EXPECT_TRUE(memblock_is_region_reserved(image_start, image_end - image_start));
	EXPECT_EQ(memblock_phys_mem_size(), (0xa0000 - 0x1000) + (128 * MB - image_start));
	EXPECT_FALSE(short_of_ram()) << why;
	EXPECT_EQ(lowmem_free_bytes(), (0xa0000 - SZ_64K) + (128 * MB - image_end)); // no more
}

TEST_F(ImageHole, a_hole_inside_the_image_is_filled_once)
{
	boot_hole(MB, 128 * MB);
	memblock_remove(0x180000, 3 * MB - 0x180000); // cutmem 1536K 3M
	EXPECT_EQ(keep(), 528u * 1024);
	EXPECT_EQ(console_take_lines(),
		  std::vector<std::string>{
		      "e820: 528K of the kernel image [mem 0x00100000-0x00203fff] is not in a "
		      "usable region; using it as RAM anyway (reserved)"});
	EXPECT_FALSE(memblock_is_memory(3 * MB - 1)); // only the image is added
	EXPECT_FALSE(short_of_ram()) << why;
	EXPECT_EQ(keep(), 0u); // already RAM: nothing to say
	EXPECT_EQ(console_take(), "");
}

TEST_F(ImageHole, an_image_in_ram_is_left_alone)
{
	boot_hole(MB, 128 * MB);
	EXPECT_EQ(keep(), 0u);
	EXPECT_EQ(console_take(), "");
}

// RAM that ends inside or below the image describes a machine smaller than
// the kernel: it stays too little RAM (mem=1M, mem=2M, exactmap 640K@0).
TEST_F(Lowmem, ram_ending_below_the_image_end_is_not_filled)
{
	const phys_addr_t ends[] = {0, MB, 2 * MB, image_end - 0x1000};
	for (phys_addr_t end : ends) {
		boot(0xa0000, end);
		EXPECT_EQ(keep_kernel_image_ram(image_start, image_end), 0u) << end;
		EXPECT_TRUE(short_of_ram()) << end;
		EXPECT_NE(std::string(why).find("Too little usable RAM: "), std::string::npos)
		    << why;
	}
}

// The mock MMU itself, on tables written by hand.
TEST(mock_mmu, follows_the_rules)
{
	mock_phys_mem_init(1 << 20);
	u32 *dir = (u32 *)__va(0x1000), *table = (u32 *)__va(0x2000);
	dir[0] = 0x2000 | 0x7;		// user, writable table
	table[5] = 0x7000 | 0x1;	// kernel, read-only page
	dir[1] = 0x400000 | 0x80 | 0x3; // a 4 MiB kernel page
	EXPECT_EQ(mmu_translate(0x1000, 0x5123, MMU_READ, false, true).phys, 0x7123u);
	EXPECT_EQ(mmu_translate(0x1000, 0x5123, MMU_WRITE, false, true).error_code, 0x3u);
	EXPECT_EQ(mmu_translate(0x1000, 0x5123, MMU_READ, true, true).error_code, 0x5u);
	EXPECT_EQ(mmu_translate(0x1000, 0x6000, MMU_READ, false, true).error_code, 0x0u);
	EXPECT_EQ(mmu_translate(0x1000, 0x412345, MMU_WRITE, false, true).phys, 0x412345u);
	EXPECT_EQ(mmu_translate(0x1000, 0x800000, MMU_WRITE, true, true).error_code, 0x6u);
}

} // namespace
