// libFuzzer target: arbitrary bytes as multiboot2 boot information, through
// the tag walker, the memory-map reader and the e820 sanitizer. Any crash,
// sanitizer report or broken invariant (abort) is a bug.
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <vector>

#include <asm/e820/api.h>
#include <asm/multiboot2.h>

static void check_sanitized(const struct e820_table *t)
{
	for (u32 i = 0; i < t->nr_entries; i++) {
		const struct e820_entry &e = t->entries[i];
		if (e.size == 0 || e.type == 0 || e.addr + e.size < e.addr)
			std::abort();
		if (i && e.addr < t->entries[i - 1].addr + t->entries[i - 1].size)
			std::abort(); // unsorted or overlapping
	}
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > 1 << 20)
		return 0;
	std::vector<u8> mbi(data, data + size); // a private copy: the parser must not write
	struct mb2_info info;
	multiboot2_parse(mbi.data(), (u32)size, &info);
	if (size && std::memcmp(mbi.data(), data, size))
		std::abort();
	if (info.mmap) {
		e820_table->nr_entries = 0;
		multiboot2_mmap_to_e820(info.mmap, e820_table);
		e820__update_table(e820_table);
		check_sanitized(e820_table);
		struct e820_table before = *e820_table;
		e820__update_table(e820_table);
		if (std::memcmp(&before, e820_table, sizeof(before)))
			std::abort(); // sanitizing twice must change nothing
	}
	return 0;
}
