#pragma once
// Shared by the e820 tests: load a table, sanitize it, read what was printed.
#include <string>
#include <vector>

#include "host_support.h"

#include <asm/e820/api.h>

struct E {
	u64 addr, size;
	u32 type;
};

inline void load_table(const std::vector<E> &in)
{
	e820_table->nr_entries = 0;
	for (const E &e : in)
		__e820__range_add(e820_table, e.addr, e.size, (enum e820_type)e.type);
}

// Sanitizes `in` and returns everything printed: warnings, then the table.
inline std::vector<std::string> sanitize_and_print(const std::vector<E> &in)
{
	console_take();
	load_table(in);
	e820__update_table(e820_table);
	e820__print_table("BIOS-e820");
	return console_take_lines();
}

inline std::vector<E> table_entries(void)
{
	std::vector<E> out;
	for (u32 i = 0; i < e820_table->nr_entries; i++) {
		const e820_entry &e = e820_table->entries[i];
		out.push_back({e.addr, e.size, (u32)e.type});
	}
	return out;
}
