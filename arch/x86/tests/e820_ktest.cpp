// The e820 table of this very boot, checked against the firmware's own map
// as GRUB passed it: what a student sees printed is what the hardware said.
#include <asm/e820/api.h>
#include <asm/setup.h>
#include <linux/kernel.h>
#include <linux/ktest.h>
#include <linux/string.h>

static struct e820_table raw;

// The type Linux's rule gives a byte: the highest type of the raw entries
// covering it (0 where none does).
static u32 raw_type_at(u64 byte)
{
	u32 t = 0;
	for (u32 i = 0; i < raw.nr_entries; i++) {
		const struct e820_entry *e = &raw.entries[i];
		if (byte >= e->addr && byte - e->addr < e->size)
			t = max<u32>(t, e->type);
	}
	return t;
}

static u32 table_type_at(const struct e820_table *t, u64 byte)
{
	for (u32 i = 0; i < t->nr_entries; i++) {
		const struct e820_entry *e = &t->entries[i];
		if (byte >= e->addr && byte - e->addr < e->size)
			return e->type;
	}
	return 0;
}

KTEST(e820, table_sorted_disjoint_merged)
{
	KTEST_EXPECT_TRUE(test, e820_table->nr_entries >= 2);
	for (u32 i = 0; i < e820_table->nr_entries; i++) {
		const struct e820_entry *e = &e820_table->entries[i];
		KTEST_EXPECT_TRUE(test, e->size > 0);
		if (!i)
			continue;
		const struct e820_entry *p = e - 1;
		KTEST_EXPECT_TRUE(test, e->addr >= p->addr + p->size);
		KTEST_EXPECT_TRUE(test, e->addr > p->addr + p->size || e->type != p->type);
	}
}

// Every boundary of the firmware's map has the same type on both sides in
// the sanitized copy as in the raw map GRUB passed.
KTEST(e820, matches_the_firmware_map)
{
	raw.nr_entries = 0;
	KTEST_ASSERT_NOT_NULL(test, boot_info.mmap);
	multiboot2_mmap_to_e820(boot_info.mmap, &raw);
	KTEST_EXPECT_TRUE(test, raw.nr_entries >= 2);
	for (u32 i = 0; i < raw.nr_entries; i++) {
		const struct e820_entry *e = &raw.entries[i];
		const u64 edges[] = {e->addr - 1, e->addr, e->addr + e->size - 1,
				     e->addr + e->size};
		for (u64 b : edges)
			KTEST_EXPECT_EQ(test, table_type_at(e820_table_firmware, b),
					raw_type_at(b));
	}
}

// The live table is the firmware's minus what the kernel takes out, as
// Linux does: page 0 becomes reserved, the ISA hole is no RAM.
KTEST(e820, kernel_edits)
{
	if (e820__user_defined())
		KTEST_SKIP(test, "mem=/memmap= changed the map");
	const u64 probes[] = {0,       0xfff,	0x1000,	  0x9efff,  0xa0000,
			      0xeffff, 0xf0000, 0x100000, 0x1000000};
	for (u64 b : probes) {
		u32 fw = table_type_at(e820_table_firmware, b), live = table_type_at(e820_table, b);
		if (b < 0x1000)
			KTEST_EXPECT_EQ(test, live, E820_TYPE_RESERVED);
		else if (b >= 0xa0000 && b < 0x100000)
			KTEST_EXPECT_TRUE(test, live != E820_TYPE_RAM);
		else
			KTEST_EXPECT_EQ(test, live, fw);
	}
}

KTEST(e820, low_memory_as_a_pc_has_it)
{
	// Every PC: RAM at 0, the BIOS ROM below 1M, RAM again above 1M (from
	// 1M itself unless GRUB's cutmem took it out; as little as 7M at -m 8M).
	struct e820_table *live = e820_table;
	e820_table = e820_table_firmware; // the queries read e820_table
	bool low = e820__mapped_all(0, 0x9f000, E820_TYPE_RAM);
	bool rom = e820__mapped_all(0xf0000, 0x100000, E820_TYPE_RESERVED);
	bool high = e820__mapped_any(0x100000, 1ULL << 32, E820_TYPE_RAM);
	bool hole = e820__mapped_any(0xa0000, 0xf0000, E820_TYPE_RAM);
	e820_table = live;
	KTEST_EXPECT_TRUE(test, low && rom && high);
	KTEST_EXPECT_FALSE(test, hole);
}

// e820__range_update and the sanitizer on a private table: the real one is
// put back afterwards.
KTEST(e820, update_then_sanitize)
{
	static struct e820_table scratch;
	struct e820_table *real = e820_table;
	e820_table = &scratch;
	scratch.nr_entries = 0;
	e820__range_add(0, SZ_4M, E820_TYPE_RAM);
	e820__range_update(SZ_1M, SZ_1M, E820_TYPE_RAM, E820_TYPE_RESERVED);
	e820__update_table(&scratch);
	e820_table = real;
	KTEST_EXPECT_EQ(test, scratch.nr_entries, 3);
	KTEST_EXPECT_EQ(test, scratch.entries[1].addr, SZ_1M);
	KTEST_EXPECT_EQ(test, scratch.entries[1].type, E820_TYPE_RESERVED);
	KTEST_EXPECT_EQ(test, scratch.entries[2].size, 2 * SZ_1M);
}
