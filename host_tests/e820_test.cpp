// e820__update_table and the e820 editing functions, case by case: each row
// is a firmware map and exactly what the kernel prints for it. Pictures use
// one character per range: 1 usable, 2 reserved, 3 ACPI, 4 NVS, 5 unusable.
#include <gtest/gtest.h>

#include <cstdio>
#include <utility>

#include "e820_helpers.h"

#include <linux/init.h>
#include <linux/string.h>

namespace
{

const u32 RAM = E820_TYPE_RAM, RES = E820_TYPE_RESERVED, ACPI = E820_TYPE_ACPI, NVS = E820_TYPE_NVS,
	  UNUSABLE = E820_TYPE_UNUSABLE, PMEM = E820_TYPE_PMEM, PRAM = E820_TYPE_PRAM,
	  SOFT = E820_TYPE_SOFT_RESERVED;
const u64 K = 1024, M = K * K, G = M * K;

struct Case {
	const char *name;
	std::vector<E> in;
	std::vector<std::string> out;
};

// The map QEMU's firmware hands Linux at -m 128M (Linux 6.1's own log).
const std::vector<std::string> qemu_128m = {
    "BIOS-e820: [mem 0x0000000000000000-0x000000000009fbff] usable",
    "BIOS-e820: [mem 0x000000000009fc00-0x000000000009ffff] reserved",
    "BIOS-e820: [mem 0x00000000000f0000-0x00000000000fffff] reserved",
    "BIOS-e820: [mem 0x0000000000100000-0x0000000007fdffff] usable",
    "BIOS-e820: [mem 0x0000000007fe0000-0x0000000007ffffff] reserved",
    "BIOS-e820: [mem 0x00000000fffc0000-0x00000000ffffffff] reserved",
};
const std::vector<E> qemu_128m_in = {
    {0, 0x9fc00, RAM},		{0x9fc00, 0x400, RES},	   {0xf0000, 0x10000, RES},
    {0x100000, 0x7ee0000, RAM}, {0x7fe0000, 0x20000, RES}, {0xfffc0000, 0x40000, RES},
};

const Case cases[] = {
    {"qemu_128m_is_unchanged", qemu_128m_in, qemu_128m},
    // the same entries, in reverse order
    {"unsorted_is_sorted", {qemu_128m_in.rbegin(), qemu_128m_in.rend()}, qemu_128m},
    // 11 twice
    {"duplicate_entries_become_one",
     {{0, 1 * M, RAM}, {0, 1 * M, RAM}},
     {"BIOS-e820: [mem 0x0000000000000000-0x00000000000fffff] usable"}},
    {"zero_length_entries_vanish",
     {{0, 1 * M, RAM}, {4 * M, 0, RES}, {0, 0, ACPI}},
     {"BIOS-e820: [mem 0x0000000000000000-0x00000000000fffff] usable"}},
    // 11|11 -> 1111
    {"touching_same_type_merges",
     {{1 * M, 1 * M, RAM}, {0, 1 * M, RAM}},
     {"BIOS-e820: [mem 0x0000000000000000-0x00000000001fffff] usable"}},
    // 11|22 stays two
    {"touching_other_type_stays",
     {{0, 1 * M, RAM}, {1 * M, 1 * M, RES}},
     {"BIOS-e820: [mem 0x0000000000000000-0x00000000000fffff] usable",
      "BIOS-e820: [mem 0x0000000000100000-0x00000000001fffff] reserved"}},
    // 1111 over .22. -> 1221
    {"reserved_inside_usable_splits_it",
     {{0, 4 * M, RAM}, {1 * M, 2 * M, RES}},
     {"BIOS-e820: [mem 0x0000000000000000-0x00000000000fffff] usable",
      "BIOS-e820: [mem 0x0000000000100000-0x00000000002fffff] reserved",
      "BIOS-e820: [mem 0x0000000000300000-0x00000000003fffff] usable"}},
    // 111. over .222 -> 1222: the higher type wins the overlap
    {"usable_reserved_overlap",
     {{0, 3 * M, RAM}, {1 * M, 3 * M, RES}},
     {"BIOS-e820: [mem 0x0000000000000000-0x00000000000fffff] usable",
      "BIOS-e820: [mem 0x0000000000100000-0x00000000003fffff] reserved"}},
    {"reserved_acpi_overlap",
     {{0, 2 * M, RES}, {1 * M, 2 * M, ACPI}},
     {"BIOS-e820: [mem 0x0000000000000000-0x00000000000fffff] reserved",
      "BIOS-e820: [mem 0x0000000000100000-0x00000000002fffff] ACPI data"}},
    {"acpi_nvs_overlap",
     {{1 * M, 2 * M, NVS}, {0, 2 * M, ACPI}},
     {"BIOS-e820: [mem 0x0000000000000000-0x00000000000fffff] ACPI data",
      "BIOS-e820: [mem 0x0000000000100000-0x00000000002fffff] ACPI NVS"}},
    {"nvs_unusable_overlap",
     {{0, 2 * M, UNUSABLE}, {1 * M, 2 * M, NVS}},
     {"BIOS-e820: [mem 0x0000000000000000-0x00000000001fffff] unusable",
      "BIOS-e820: [mem 0x0000000000200000-0x00000000002fffff] ACPI NVS"}},
    {"usable_unusable_overlap",
     {{0, 2 * M, RAM}, {1 * M, 2 * M, UNUSABLE}},
     {"BIOS-e820: [mem 0x0000000000000000-0x00000000000fffff] usable",
      "BIOS-e820: [mem 0x0000000000100000-0x00000000002fffff] unusable"}},
    {"reserved_pmem_overlap",
     {{0, 2 * M, PMEM}, {1 * M, 2 * M, RES}},
     {"BIOS-e820: [mem 0x0000000000000000-0x00000000001fffff] persistent (type 7)",
      "BIOS-e820: [mem 0x0000000000200000-0x00000000002fffff] reserved"}},
    // 11111 / .222. / ..3.. -> 12321
    {"three_deep_overlap",
     {{0, 5 * M, RAM}, {1 * M, 3 * M, RES}, {2 * M, 1 * M, ACPI}},
     {"BIOS-e820: [mem 0x0000000000000000-0x00000000000fffff] usable",
      "BIOS-e820: [mem 0x0000000000100000-0x00000000001fffff] reserved",
      "BIOS-e820: [mem 0x0000000000200000-0x00000000002fffff] ACPI data",
      "BIOS-e820: [mem 0x0000000000300000-0x00000000003fffff] reserved",
      "BIOS-e820: [mem 0x0000000000400000-0x00000000004fffff] usable"}},
    // one byte of overlap at the end: the reserved byte wins
    {"off_by_one_overlap",
     {{0, 0x1000, RAM}, {0xfff, 0x1001, RES}},
     {"BIOS-e820: [mem 0x0000000000000000-0x0000000000000ffe] usable",
      "BIOS-e820: [mem 0x0000000000000fff-0x0000000000001fff] reserved"}},
    // a gap of one byte between two usable ranges is kept
    {"one_byte_gap_kept",
     {{0, 0xfff, RAM}, {0x1000, 0x1000, RAM}},
     {"BIOS-e820: [mem 0x0000000000000000-0x0000000000000ffe] usable",
      "BIOS-e820: [mem 0x0000000000001000-0x0000000000001fff] usable"}},
    // e820 keeps byte granularity; memblock trims to pages later
    {"unaligned_low_ram_kept",
     {{0x500, 0x9f6ff, RAM}, {0x9fbff, 0x401, RES}},
     {"BIOS-e820: [mem 0x0000000000000500-0x000000000009fbfe] usable",
      "BIOS-e820: [mem 0x000000000009fbff-0x000000000009ffff] reserved"}},
    // types Linux does not know keep their number and count as reserved
    {"unknown_type_beats_usable",
     {{0, 2 * M, RAM}, {1 * M, 1 * M, 6}},
     {"BIOS-e820: [mem 0x0000000000000000-0x00000000000fffff] usable",
      "BIOS-e820: [mem 0x0000000000100000-0x00000000001fffff] type 6"}},
    {"type_zero_is_reserved",
     {{0, 2 * M, RAM}, {1 * M, 1 * M, 0}},
     {"BIOS-e820: [mem 0x0000000000000000-0x00000000000fffff] usable",
      "BIOS-e820: [mem 0x0000000000100000-0x00000000001fffff] reserved"}},
    {"entries_above_4g_kept",
     {{4 * G, 4 * G, RAM}, {0, 1 * M, RAM}},
     {"BIOS-e820: [mem 0x0000000000000000-0x00000000000fffff] usable",
      "BIOS-e820: [mem 0x0000000100000000-0x00000001ffffffff] usable"}},
    // the top of the 64-bit space: an entry that wraps is dropped, the rest kept
    {"wrapping_entry_dropped",
     {{0, 1 * M, RAM}, {0xfffffffffffff000ULL, 0x2000, RES}},
     {"e820: ignoring entry [mem 0xfffffffffffff000] size 0x2000: it wraps past the end of the "
      "address space",
      "BIOS-e820: [mem 0x0000000000000000-0x00000000000fffff] usable"}},
    {"entry_ending_at_2_64_dropped_as_linux_does",
     {{0xfffffffffffff000ULL, 0x1000, RES}, {0, 1 * M, RAM}},
     {"e820: ignoring entry [mem 0xfffffffffffff000] size 0x1000: it wraps past the end of the "
      "address space",
      "BIOS-e820: [mem 0x0000000000000000-0x00000000000fffff] usable"}},
    {"just_below_2_64_kept",
     {{0xffffffffffffe000ULL, 0x1000, RES}},
     {"BIOS-e820: [mem 0xffffffffffffe000-0xffffffffffffefff] reserved"}},
    {"no_ram_at_all",
     {{0xf0000, 0x10000, RES}, {0xfffc0000, 0x40000, RES}},
     {"BIOS-e820: [mem 0x00000000000f0000-0x00000000000fffff] reserved",
      "BIOS-e820: [mem 0x00000000fffc0000-0x00000000ffffffff] reserved"}},
    {"empty_map", {}, {}},
    // persistent and soft-reserved ranges mark device boundaries: never merged
    {"pram_neighbours_not_merged",
     {{0, 1 * M, PRAM}, {1 * M, 1 * M, PRAM}, {2 * M, 1 * M, SOFT}, {3 * M, 1 * M, SOFT}},
     {"BIOS-e820: [mem 0x0000000000000000-0x00000000000fffff] persistent (type 12)",
      "BIOS-e820: [mem 0x0000000000100000-0x00000000001fffff] persistent (type 12)",
      "BIOS-e820: [mem 0x0000000000200000-0x00000000002fffff] soft reserved",
      "BIOS-e820: [mem 0x0000000000300000-0x00000000003fffff] soft reserved"}},
};

// gtest names a failing case by this, instead of dumping its bytes.
void PrintTo(const Case &c, std::ostream *os) { *os << c.name; }

class E820Sanitize : public testing::TestWithParam<Case>
{
};

TEST_P(E820Sanitize, PrintsExactly)
{
	EXPECT_EQ(sanitize_and_print(GetParam().in), GetParam().out);
}

INSTANTIATE_TEST_SUITE_P(e820__update_table, E820Sanitize, testing::ValuesIn(cases),
			 [](const auto &info) { return std::string(info.param.name); });

// 129 firmware entries: the 129th does not fit the table and is reported.
TEST(e820__range_add, entry_129_is_reported_and_ignored)
{
	console_take();
	e820_table->nr_entries = 0;
	for (u64 i = 0; i < 129; i++)
		e820__range_add(i * 2 * M, M, E820_TYPE_RAM);
	EXPECT_EQ(e820_table->nr_entries, 128u);
	EXPECT_EQ(
	    console_take_lines(),
	    std::vector<std::string>{"too many entries; ignoring [mem 0x10000000-0x100fffff]"});
}

// 1000 entries alternating usable/reserved, 4K each: 872 reports, and the
// 128 kept sanitize into 128 alternating ranges covering 512K.
TEST(e820__range_add, thousand_entries)
{
	console_take();
	e820_table->nr_entries = 0;
	for (u64 i = 0; i < 1000; i++)
		e820__range_add(i * 4 * K, 4 * K, i % 2 ? E820_TYPE_RESERVED : E820_TYPE_RAM);
	auto lines = console_take_lines();
	ASSERT_EQ(lines.size(), 872u);
	EXPECT_EQ(lines.front(), "too many entries; ignoring [mem 0x00080000-0x00080fff]");
	EXPECT_EQ(lines.back(), "too many entries; ignoring [mem 0x003e7000-0x003e7fff]");
	e820__update_table(e820_table);
	auto t = table_entries();
	ASSERT_EQ(t.size(), 128u);
	EXPECT_EQ(t.back().addr + t.back().size, 512 * K);
}

// Overlaps can produce more pieces than the table holds: 120 reserved
// islands inside one usable range need 241 entries; piece 129 starts at 128M.
TEST(e820__update_table, more_pieces_than_slots_is_reported)
{
	std::vector<E> in = {{0, 1 * G, RAM}};
	for (u64 i = 0; i < 120; i++)
		in.push_back({(2 * i + 1) * M, M, RES});
	auto lines = sanitize_and_print(in);
	ASSERT_FALSE(lines.empty());
	EXPECT_EQ(lines[0],
		  "e820: map has more than 128 ranges; ignoring [mem 0x0000000008000000-...]");
	EXPECT_EQ(e820_table->nr_entries, 128u);
}

// e820__range_update(2M, 1M, RAM -> RESERVED) on 1111: 1121 (Linux prints the change)
TEST(e820__range_update, middle_of_ram_becomes_reserved)
{
	load_table({{0, 4 * M, RAM}});
	console_take();
	EXPECT_EQ(e820__range_update(2 * M, M, E820_TYPE_RAM, E820_TYPE_RESERVED), M);
	EXPECT_EQ(console_take_lines(),
		  std::vector<std::string>{
		      "e820: update [mem 0x00200000-0x002fffff] usable ==> reserved"});
	e820__update_table(e820_table);
	auto t = table_entries();
	ASSERT_EQ(t.size(), 3u);
	EXPECT_EQ(t[1].addr, 2 * M);
	EXPECT_EQ(t[1].type, RES);
	EXPECT_EQ(t[2].addr, 3 * M);
	EXPECT_EQ(t[2].size, M);
}

// Linux's first e820 edit at boot: page 0 usable ==> reserved.
TEST(e820__range_update, page_zero_as_linux_does)
{
	load_table(qemu_128m_in);
	console_take();
	e820__range_update(0, 4096, E820_TYPE_RAM, E820_TYPE_RESERVED);
	e820__update_table(e820_table);
	e820__print_table("modified");
	auto lines = console_take_lines();
	EXPECT_EQ(lines[0], "e820: update [mem 0x00000000-0x00000fff] usable ==> reserved");
	EXPECT_EQ(lines[1], "modified: [mem 0x0000000000000000-0x0000000000000fff] reserved");
	EXPECT_EQ(lines[2], "modified: [mem 0x0000000000001000-0x000000000009fbff] usable");
}

// Only entries of the old type change: the reserved hole in the middle stays.
TEST(e820__range_update, other_types_untouched)
{
	load_table({{0, 1 * M, RAM}, {1 * M, 1 * M, RES}, {2 * M, 1 * M, RAM}});
	EXPECT_EQ(e820__range_update(0, 3 * M, E820_TYPE_RAM, E820_TYPE_UNUSABLE), 2 * M);
	e820__update_table(e820_table);
	auto t = table_entries();
	ASSERT_EQ(t.size(), 3u);
	EXPECT_EQ(t[0].type, UNUSABLE);
	EXPECT_EQ(t[1].type, RES);
	EXPECT_EQ(t[2].type, UNUSABLE);
}

// Linux's second edit: the legacy ISA hole 0xa0000-0x100000 leaves the map.
TEST(e820__range_remove, isa_hole_as_linux_does)
{
	load_table({{0, 0xa0000, RAM}, {0x9f000, 0x61000, RAM}, {0x100000, M, RAM}});
	console_take();
	EXPECT_EQ(e820__range_remove(0xa0000, 0x60000, E820_TYPE_RAM, true), 0x60000u);
	EXPECT_EQ(console_take_lines(),
		  std::vector<std::string>{"e820: remove [mem 0x000a0000-0x000fffff] usable"});
	e820__update_table(e820_table);
	auto t = table_entries();
	ASSERT_EQ(t.size(), 2u);
	EXPECT_EQ(t[0].addr + t[0].size, 0xa0000u);
	EXPECT_EQ(t[1].addr, 0x100000u);
}

// A removal that reaches the end of the 64-bit space is clamped, not wrapped.
TEST(e820__range_remove, size_clamped_at_top)
{
	load_table({{0, 2 * M, RAM}, {4 * G, G, RAM}});
	console_take();
	e820__range_remove(M, U64_MAX, E820_TYPE_RAM, true);
	EXPECT_EQ(
	    console_take_lines(),
	    std::vector<std::string>{"e820: remove [mem 0x00100000-0xfffffffffffffffe] usable"});
	e820__update_table(e820_table);
	auto t = table_entries();
	ASSERT_EQ(t.size(), 1u);
	EXPECT_EQ(t[0].size, M);
}

// Without check_type every type goes: reserved [1M,2M) in 1[2]1 vanishes too.
TEST(e820__range_remove, any_type)
{
	load_table({{0, 1 * M, RAM}, {1 * M, 1 * M, RES}, {2 * M, 1 * M, RAM}});
	console_take();
	e820__range_remove(M / 2, 2 * M, (enum e820_type)0, false);
	EXPECT_EQ(console_take_lines(),
		  std::vector<std::string>{"e820: remove [mem 0x00080000-0x0027ffff] "});
	e820__update_table(e820_table);
	auto t = table_entries();
	ASSERT_EQ(t.size(), 2u);
	EXPECT_EQ(t[0].size, M / 2);
	EXPECT_EQ(t[1].addr, 2 * M + M / 2);
}

TEST(e820__mapped, all_and_any)
{
	load_table(qemu_128m_in);
	e820__update_table(e820_table);
	EXPECT_TRUE(e820__mapped_all(0x100000, 0x7fe0000, E820_TYPE_RAM));
	EXPECT_FALSE(e820__mapped_all(0x100000, 0x7fe0001, E820_TYPE_RAM));
	EXPECT_TRUE(e820__mapped_any(0x9f000, 0xa0000, E820_TYPE_RESERVED));
	EXPECT_FALSE(e820__mapped_any(0xa0000, 0xf0000, (enum e820_type)0));
}

// --- mem= and memmap= ----------------------------------------------------

std::vector<std::string> boot_with(const std::vector<E> &firmware, const char *cmdline)
{
	static char buf[COMMAND_LINE_SIZE];
	load_table(firmware);
	e820__update_table(e820_table);
	e820__reset_userdef();
	console_take();
	strlcpy(buf, cmdline, sizeof(buf));
	parse_early_options(buf);
	e820__finish_early_params();
	return console_take_lines();
}

TEST(e820_cmdline, mem_limits_usable_ram)
{
	auto lines = boot_with(qemu_128m_in, "mem=64M");
	std::vector<std::string> want = {
	    "e820: remove [mem 0x04000000-0xfffffffffffffffe] usable",
	    "user-defined physical RAM map:",
	    "user: [mem 0x0000000000000000-0x000000000009fbff] usable",
	    "user: [mem 0x000000000009fc00-0x000000000009ffff] reserved",
	    "user: [mem 0x00000000000f0000-0x00000000000fffff] reserved",
	    "user: [mem 0x0000000000100000-0x0000000003ffffff] usable",
	    "user: [mem 0x0000000007fe0000-0x0000000007ffffff] reserved",
	    "user: [mem 0x00000000fffc0000-0x00000000ffffffff] reserved",
	};
	EXPECT_EQ(lines, want);
}

TEST(e820_cmdline, memmap_reserve_acpi_and_ram)
{
	auto lines = boot_with({{0, 0x9fc00, RAM}, {1 * M, 15 * M, RAM}},
			       "memmap=1M$2M memmap=64K#0x400000 memmap=16M@16M");
	std::vector<std::string> want = {
	    "user-defined physical RAM map:",
	    "user: [mem 0x0000000000000000-0x000000000009fbff] usable",
	    "user: [mem 0x0000000000100000-0x00000000001fffff] usable",
	    "user: [mem 0x0000000000200000-0x00000000002fffff] reserved",
	    "user: [mem 0x0000000000300000-0x00000000003fffff] usable",
	    "user: [mem 0x0000000000400000-0x000000000040ffff] ACPI data",
	    "user: [mem 0x0000000000410000-0x0000000001ffffff] usable",
	};
	EXPECT_EQ(lines, want);
}

TEST(e820_cmdline, exactmap_replaces_the_firmware_map)
{
	auto lines = boot_with(qemu_128m_in, "memmap=exactmap memmap=640K@0,31M@1M");
	std::vector<std::string> want = {
	    "user-defined physical RAM map:",
	    "user: [mem 0x0000000000000000-0x000000000009ffff] usable",
	    "user: [mem 0x0000000000100000-0x0000000001ffffff] usable",
	};
	EXPECT_EQ(lines, want);
}

TEST(e820_cmdline, memmap_retype_with_percent)
{
	auto lines = boot_with({{0, 8 * M, RAM}}, "memmap=1M%4M-1+2");
	std::vector<std::string> want = {
	    "e820: update [mem 0x00400000-0x004fffff] usable ==> reserved",
	    "user-defined physical RAM map:",
	    "user: [mem 0x0000000000000000-0x00000000003fffff] usable",
	    "user: [mem 0x0000000000400000-0x00000000004fffff] reserved",
	    "user: [mem 0x0000000000500000-0x00000000007fffff] usable",
	};
	EXPECT_EQ(lines, want);
}

TEST(e820_cmdline, bad_values_are_reported_and_ignored)
{
	auto lines = boot_with({{0, 8 * M, RAM}}, "mem=lots memmap=1M^2M");
	std::vector<std::string> want = {
	    "Malformed early option 'mem'",
	    "memmap=1M^2M: not understood; ignored",
	    "Malformed early option 'memmap'",
	    "user-defined physical RAM map:",
	    "user: [mem 0x0000000000000000-0x00000000007fffff] usable",
	};
	EXPECT_EQ(lines, want);
}

// memparse() wraps past 64 bits: 2^64 read as 0 (mem=: "no limit") or as a
// huge size (memmap=2^64@0 made the whole address space RAM, and the boot
// hung building mem_map for it). Such numbers are refused.
TEST(e820_cmdline, numbers_past_64_bits_are_refused)
{
	auto lines = boot_with({{0, 8 * M, RAM}}, "mem=18446744073709551616");
	EXPECT_EQ(lines, std::vector<std::string>{"Malformed early option 'mem'"});
	lines = boot_with({{0, 8 * M, RAM}}, "memmap=18446744073709551616@0");
	std::vector<std::string> want = {
	    "memmap=18446744073709551616@0: does not fit in 64 bits; ignored",
	    "Malformed early option 'memmap'",
	};
	EXPECT_EQ(lines, want);
	lines = boot_with({{0, 8 * M, RAM}}, "memmap=2M@0xffffffffffffff00");
	ASSERT_GE(lines.size(), 2u);
	EXPECT_EQ(lines[0], "memmap=2M@0xffffffffffffff00: does not fit in 64 bits; ignored");
	EXPECT_EQ(e820_table->nr_entries, 1u) << "nothing added";
	lines = boot_with({{0, 8 * M, RAM}}, "memmap=1M$xyz");
	EXPECT_EQ(lines[0], "memmap=1M$xyz: not understood; ignored");
	EXPECT_EQ(e820_table->nr_entries, 1u) << "nothing added before the junk was seen";
}

TEST(e820_cmdline, nothing_given_prints_nothing)
{
	EXPECT_TRUE(boot_with(qemu_128m_in, "quiet_not=1 ktest=all").empty());
}

} // namespace

namespace
{

// Every pair of types, overlapping by half: a over [0,2M), b over [1M,3M).
// The overlap takes the higher type, so the output is aaa|max|bbb with the
// piece next to max merged when it has max's type. Names written out here,
// not taken from the kernel, so the printed text is checked too.
struct TypeName {
	u32 type;
	const char *name;
};
const TypeName type_names[] = {
    {1, "usable"},
    {2, "reserved"},
    {3, "ACPI data"},
    {4, "ACPI NVS"},
    {5, "unusable"},
    {6, "type 6"},
    {7, "persistent (type 7)"},
    {12, "persistent (type 12)"},
    {0xefffffff, "soft reserved"},
};

using TypePair = std::pair<TypeName, TypeName>;
void PrintTo(const TypePair &p, std::ostream *os) { *os << p.first.name << " / " << p.second.name; }

std::vector<TypePair> distinct_pairs(void)
{
	std::vector<TypePair> v;
	for (const TypeName &a : type_names)
		for (const TypeName &b : type_names)
			if (a.type != b.type)
				v.push_back({a, b});
	return v; // 72 ordered pairs
}

class E820Pairs : public testing::TestWithParam<TypePair>
{
};

std::string line(u64 start, u64 end, const char *name)
{
	char buf[128];
	std::snprintf(buf, sizeof(buf), "BIOS-e820: [mem 0x%016llx-0x%016llx] %s",
		      (unsigned long long)start, (unsigned long long)end, name);
	return buf;
}

TEST_P(E820Pairs, overlap_takes_the_higher_type)
{
	auto [a, b] = GetParam();
	const u64 M1 = 1 << 20;
	const TypeName &hi = a.type > b.type ? a : b;
	bool nomerge = hi.type == E820_TYPE_PRAM || hi.type == E820_TYPE_SOFT_RESERVED;
	std::vector<std::string> want;
	if (hi.type == a.type && !nomerge) {
		want = {line(0, 2 * M1 - 1, a.name), line(2 * M1, 3 * M1 - 1, b.name)};
	} else if (hi.type == b.type && !nomerge) {
		want = {line(0, M1 - 1, a.name), line(M1, 3 * M1 - 1, b.name)};
	} else {
		want = {line(0, M1 - 1, a.name), line(M1, 2 * M1 - 1, hi.name),
			line(2 * M1, 3 * M1 - 1, b.name)};
	}
	EXPECT_EQ(sanitize_and_print({{0, 2 * M1, a.type}, {M1, 2 * M1, b.type}}), want);
}

INSTANTIATE_TEST_SUITE_P(e820__update_table, E820Pairs, testing::ValuesIn(distinct_pairs()),
			 [](const auto &info) {
				 return "type_" + std::to_string(info.param.first.type) + "_then_" +
					std::to_string(info.param.second.type);
			 });

} // namespace
