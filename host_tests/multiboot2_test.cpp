// multiboot2_parse and multiboot2_mmap_to_e820 on hand-built boot
// information: what GRUB gives, and what a broken loader could give.
#include <gtest/gtest.h>

#include <cstring>
#include <vector>

#include "e820_helpers.h"

#include <asm/multiboot2.h>
#include <asm/page_types.h>
#include <linux/elf.h>

namespace
{

// Builds a boot information block tag by tag, 8-byte aligned as GRUB does.
struct Mbi {
	std::vector<u8> b = std::vector<u8>(8, 0);
	void u32_at(size_t off, u32 v) { std::memcpy(&b[off], &v, 4); }
	void put32(u32 v) { b.insert(b.end(), (u8 *)&v, (u8 *)&v + 4); }
	void put64(u64 v) { b.insert(b.end(), (u8 *)&v, (u8 *)&v + 8); }
	void align() { b.resize((b.size() + 7) & ~size_t(7), 0); }
	size_t begin_tag(u32 type)
	{
		align();
		size_t at = b.size();
		put32(type);
		put32(0);
		return at;
	}
	void end_tag(size_t at) { u32_at(at + 4, (u32)(b.size() - at)); }
	Mbi &string(u32 type, const char *s)
	{
		size_t t = begin_tag(type);
		b.insert(b.end(), s, s + std::strlen(s) + 1);
		end_tag(t);
		return *this;
	}
	Mbi &mmap(const std::vector<E> &es, u32 entry_size = 24)
	{
		size_t t = begin_tag(MULTIBOOT_TAG_TYPE_MMAP);
		put32(entry_size);
		put32(0);
		for (const E &e : es) {
			put64(e.addr);
			put64(e.size);
			put32(e.type);
			put32(0);
			b.resize(b.size() + entry_size - 24,
				 0xee); // a later version's extra fields
		}
		end_tag(t);
		return *this;
	}
	Mbi &meminfo(u32 lower, u32 upper)
	{
		size_t t = begin_tag(MULTIBOOT_TAG_TYPE_BASIC_MEMINFO);
		put32(lower);
		put32(upper);
		end_tag(t);
		return *this;
	}
	Mbi &finish()
	{
		size_t t = begin_tag(MULTIBOOT_TAG_TYPE_END);
		end_tag(t);
		u32_at(0, (u32)b.size());
		return *this;
	}
};

const std::vector<E> qemu_map = {{0, 0x9fc00, 1},	  {0x9fc00, 0x400, 2},
				 {0xf0000, 0x10000, 2},	  {0x100000, 0x7ee0000, 1},
				 {0x7fe0000, 0x20000, 2}, {0xfffc0000, 0x40000, 2}};

mb2_info parse(Mbi &m, u32 avail = 0)
{
	mb2_info info;
	console_take();
	multiboot2_parse(m.b.data(), avail ? avail : (u32)m.b.size(), &info);
	return info;
}

TEST(multiboot2_parse, grub_like_information)
{
	Mbi m;
	m.string(MULTIBOOT_TAG_TYPE_CMDLINE, "ktest=all mem=64M")
	    .string(MULTIBOOT_TAG_TYPE_BOOT_LOADER_NAME, "GRUB 2.06")
	    .meminfo(639, 130048)
	    .mmap(qemu_map)
	    .finish();
	mb2_info info = parse(m);
	EXPECT_TRUE(console_take_lines().empty());
	EXPECT_STREQ(info.cmdline, "ktest=all mem=64M");
	EXPECT_STREQ(info.loader_name, "GRUB 2.06");
	EXPECT_EQ(info.mem_lower_kb, 639u);
	EXPECT_EQ(info.nr_tags, 5u);
	EXPECT_EQ(info.problems, 0u);
	ASSERT_NE(info.mmap, nullptr);
	e820_table->nr_entries = 0;
	EXPECT_EQ(multiboot2_mmap_to_e820(info.mmap, e820_table), 6);
	EXPECT_EQ(e820_table->entries[3].addr, 0x100000u);
	EXPECT_EQ(e820_table->entries[3].size, 0x7ee0000u);
}

// The boot information is read where the kernel finds it, through __va():
// here the mock arch's physical memory.
TEST(multiboot2_parse, read_through_va_from_physical_memory)
{
	Mbi m;
	m.mmap(qemu_map).finish();
	mock_phys_mem_init(1 << 20);
	const u32 pa = 0x10000;
	std::memcpy(__va(pa), m.b.data(), m.b.size());
	mb2_info info;
	multiboot2_parse(__va(pa), (u32)(mock_phys_size - pa), &info);
	EXPECT_EQ(__pa(info.mmap), pa + 8);
	EXPECT_EQ(info.problems, 0u);
}

// entry_size 32: a later version of the entry; we read the first 24 bytes.
TEST(multiboot2_mmap_to_e820, larger_entry_size)
{
	Mbi m;
	m.mmap(qemu_map, 32).finish();
	mb2_info info = parse(m);
	e820_table->nr_entries = 0;
	ASSERT_EQ(multiboot2_mmap_to_e820(info.mmap, e820_table), 6);
	EXPECT_EQ(e820_table->entries[5].addr, 0xfffc0000u);
	EXPECT_EQ(e820_table->entries[5].type, E820_TYPE_RESERVED);
}

// An entry_size near 4 GiB passes the parser's checks (a multiple of 8, at
// least 24) but holds no whole entry; the walk must not wrap around.
TEST(multiboot2_mmap_to_e820, huge_entry_size_reads_nothing)
{
	Mbi m;
	m.mmap(qemu_map, 24).finish();
	m.u32_at(16, 0xfffffff8u);
	mb2_info info = parse(m);
	console_take();
	ASSERT_NE(info.mmap, nullptr);
	e820_table->nr_entries = 0;
	EXPECT_EQ(multiboot2_mmap_to_e820(info.mmap, e820_table), 0);
	EXPECT_EQ(e820_table->nr_entries, 0u);
}

TEST(multiboot2_parse, bad_entry_size_ignores_the_map)
{
	for (u32 bad : {0u, 8u, 20u, 28u}) {
		Mbi m;
		m.mmap({}, 24).finish();
		m.u32_at(16, bad); // the mmap tag's entry_size
		mb2_info info = parse(m);
		EXPECT_EQ(info.mmap, nullptr) << bad;
		EXPECT_EQ(info.problems, 1u);
		auto lines = console_take_lines();
		ASSERT_EQ(lines.size(), 1u);
		EXPECT_EQ(lines[0], "multiboot2: memory map entry_size " + std::to_string(bad) +
					" is not a multiple of 8 of at least 24; ignoring the map");
	}
}

TEST(multiboot2_parse, trailing_bytes_after_last_entry)
{
	Mbi m;
	m.mmap(qemu_map);
	m.b.resize(m.b.size() + 12, 0);
	m.u32_at(12, (u32)(m.b.size() - 8)); // grow the tag by 12 bytes
	m.finish();
	mb2_info info = parse(m);
	EXPECT_EQ(console_take_lines(),
		  std::vector<std::string>{"multiboot2: memory map tag has 12 bytes after its last "
					   "whole entry; ignoring them"});
	e820_table->nr_entries = 0;
	EXPECT_EQ(multiboot2_mmap_to_e820(info.mmap, e820_table), 6);
}

TEST(multiboot2_parse, tag_running_past_total_size)
{
	Mbi m;
	m.string(MULTIBOOT_TAG_TYPE_CMDLINE, "a").finish();
	m.u32_at(12, 4096); // the command line tag claims 4096 bytes
	mb2_info info = parse(m);
	EXPECT_EQ(info.cmdline, nullptr);
	EXPECT_EQ(info.problems, 1u);
	EXPECT_EQ(console_take_lines(),
		  std::vector<std::string>{"multiboot2: malformed tag (type 1, size 4096) at "
					   "offset 8 of 32; ignoring it and the rest"});
}

TEST(multiboot2_parse, tag_smaller_than_its_header)
{
	Mbi m;
	m.string(MULTIBOOT_TAG_TYPE_CMDLINE, "a").finish();
	m.u32_at(12, 4);
	mb2_info info = parse(m);
	EXPECT_EQ(info.problems, 1u);
	EXPECT_EQ(info.nr_tags, 0u);
}

TEST(multiboot2_parse, missing_end_tag)
{
	Mbi m;
	m.string(MULTIBOOT_TAG_TYPE_CMDLINE, "abc");
	m.align();
	m.u32_at(0, (u32)m.b.size());
	mb2_info info = parse(m);
	EXPECT_STREQ(info.cmdline, "abc");
	EXPECT_EQ(console_take_lines(),
		  std::vector<std::string>{
		      "multiboot2: tag list runs past total_size 24 without an end tag"});
}

TEST(multiboot2_parse, total_size_larger_than_readable)
{
	Mbi m;
	m.string(MULTIBOOT_TAG_TYPE_CMDLINE, "abc").finish();
	m.u32_at(0, 1 << 20);
	mb2_info info = parse(m, (u32)m.b.size());
	EXPECT_STREQ(info.cmdline, "abc");
	EXPECT_EQ(console_take_lines()[0], "multiboot2: boot information total_size 1048576 is "
					   "larger than the 32 bytes mapped; reading only those");
}

TEST(multiboot2_parse, total_size_too_small_is_fatal)
{
	Mbi m;
	m.finish();
	m.u32_at(0, 4);
	mb2_info info;
	EXPECT_EQ(multiboot2_parse(m.b.data(), (u32)m.b.size(), &info), -22);
}

TEST(multiboot2_parse, unterminated_string_rejected)
{
	Mbi m;
	size_t t = m.begin_tag(MULTIBOOT_TAG_TYPE_BOOT_LOADER_NAME);
	m.b.insert(m.b.end(), {'G', 'R', 'U', 'B'});
	m.end_tag(t);
	m.finish();
	mb2_info info = parse(m);
	EXPECT_EQ(info.loader_name, nullptr);
	EXPECT_EQ(info.problems, 1u);
}

TEST(multiboot2_parse, unknown_tags_skipped)
{
	Mbi m;
	size_t t = m.begin_tag(77);
	m.put32(1);
	m.put32(2);
	m.put32(3); // 20 bytes: the next tag starts 4 bytes of padding later
	m.end_tag(t);
	m.string(MULTIBOOT_TAG_TYPE_CMDLINE, "x").finish();
	mb2_info info = parse(m);
	EXPECT_STREQ(info.cmdline, "x");
	EXPECT_EQ(info.problems, 0u);
	EXPECT_EQ(info.nr_tags, 3u);
}

TEST(multiboot2_parse, modules)
{
	Mbi m;
	for (u32 i = 0; i < MB2_MAX_MODULES + 1; i++) {
		size_t t = m.begin_tag(MULTIBOOT_TAG_TYPE_MODULE);
		m.put32(0x200000 + i * 0x1000);
		m.put32(0x200000 + i * 0x1000 + 0x800);
		m.b.insert(m.b.end(), {'m', 0});
		m.end_tag(t);
	}
	size_t t = m.begin_tag(MULTIBOOT_TAG_TYPE_MODULE); // ends before it starts
	m.put32(0x300000);
	m.put32(0x2fffff);
	m.b.push_back(0);
	m.end_tag(t);
	m.finish();
	mb2_info info = parse(m);
	EXPECT_EQ(info.nr_modules, (u32)MB2_MAX_MODULES);
	EXPECT_EQ(info.modules[1]->mod_start, 0x201000u);
	EXPECT_STREQ(info.modules[0]->cmdline, "m");
	EXPECT_EQ(info.problems, 2u);
}

// GRUB writes the ELF-sections header fields as u32; the spec says u16.
TEST(multiboot2_parse, elf_sections_grub_and_spec_layouts)
{
	elf32_shdr sh[3] = {};
	sh[1].sh_type = SHT_SYMTAB;
	sh[1].sh_link = 2;
	sh[2].sh_type = SHT_STRTAB;
	for (bool grub : {true, false}) {
		Mbi m;
		size_t t = m.begin_tag(MULTIBOOT_TAG_TYPE_ELF_SECTIONS);
		if (grub) {
			m.put32(3);
			m.put32(sizeof(elf32_shdr));
			m.put32(2);
		} else {
			m.put32(3 | (u32)sizeof(elf32_shdr) << 16);
			m.put32(2);
		}
		m.b.insert(m.b.end(), (u8 *)sh, (u8 *)(sh + 3));
		m.end_tag(t);
		m.finish();
		mb2_info info = parse(m);
		EXPECT_EQ(info.elf_num, 3u) << grub;
		EXPECT_EQ(info.elf_shndx, 2u);
		elf32_shdr got;
		std::memcpy(&got, info.elf_shdrs + sizeof(elf32_shdr), sizeof(got));
		EXPECT_EQ(got.sh_type, (u32)SHT_SYMTAB);
	}
}

TEST(e820__memory_setup, prints_the_bios_map_and_ram_above_4g)
{
	std::vector<E> map = qemu_map;
	map.push_back({1ULL << 32, 1ULL << 30, 1});
	Mbi m;
	m.meminfo(639, 1000).mmap(map).finish();
	mb2_info info = parse(m);
	e820__memory_setup(&info);
	auto lines = console_take_lines();
	ASSERT_EQ(lines.size(), 9u);
	EXPECT_EQ(lines[0], "BIOS-provided physical RAM map:");
	EXPECT_EQ(lines[1], "BIOS-e820: [mem 0x0000000000000000-0x000000000009fbff] usable");
	EXPECT_EQ(lines[7], "BIOS-e820: [mem 0x0000000100000000-0x000000013fffffff] usable");
	EXPECT_EQ(lines[8], "e820: 1024MB of RAM above 4GB cannot be addressed without PAE; this "
			    "kernel will not use it");
}

// No memory map: Linux falls back to the BIOS's e801 sizes; so do we.
TEST(e820__memory_setup, falls_back_to_basic_meminfo)
{
	Mbi m;
	m.meminfo(639, 15360).finish();
	mb2_info info = parse(m);
	e820__memory_setup(&info);
	std::vector<std::string> want = {
	    "e820: the boot loader's memory map is missing or has under two entries; using its "
	    "basic memory info",
	    "BIOS-provided physical RAM map:",
	    "BIOS-e801: [mem 0x0000000000000000-0x000000000009fbff] usable",
	    "BIOS-e801: [mem 0x0000000000100000-0x0000000000ffffff] usable",
	};
	EXPECT_EQ(console_take_lines(), want);
}

// What GRUB 2.06 hands over for mkiso.sh's pieces 'a"b' 'c;d#e$f' 'g\h' "i'j" ''
// '"quoted=a' 'b"' (grub_create_loader_cmdline adds a backslash before \ ' ").
TEST(multiboot2_copy_cmdline, takes_off_grubs_backslashes)
{
	mb2_info info = {};
	info.loader_name = "GRUB 2.06-13+deb12u2";
	info.cmdline = "a\\\"b c;d#e$f g\\\\h i\\'j  \\\"quoted=a b\\\"";
	char buf[128];
	EXPECT_EQ(multiboot2_copy_cmdline(buf, sizeof(buf), &info), 33u);
	EXPECT_STREQ(buf, "a\"b c;d#e$f g\\h i'j  \"quoted=a b\"");
	// GRUB's own quotes around a spaced argument stay: next_arg reads them
	info.cmdline = "\"quoted=a b\" x";
	multiboot2_copy_cmdline(buf, sizeof(buf), &info);
	EXPECT_STREQ(buf, "\"quoted=a b\" x");
	// truncated as strlcpy, counting what the whole line would need
	info.cmdline = "\\\"abcdef";
	EXPECT_EQ(multiboot2_copy_cmdline(buf, 4, &info), 7u);
	EXPECT_STREQ(buf, "\"ab");
}

TEST(multiboot2_copy_cmdline, other_loaders_are_copied_as_they_are)
{
	mb2_info info = {};
	info.cmdline = "a\\\"b";
	char buf[16];
	EXPECT_EQ(multiboot2_copy_cmdline(buf, sizeof(buf), &info), 4u);
	EXPECT_STREQ(buf, "a\\\"b");
	info.loader_name = "QEMU";
	multiboot2_copy_cmdline(buf, sizeof(buf), &info);
	EXPECT_STREQ(buf, "a\\\"b");
}

} // namespace
