#pragma once
// The firmware memory map (Linux: arch/x86/include/asm/e820/types.h).
#include <linux/types.h>

enum e820_type : u32 {
	E820_TYPE_RAM = 1,
	E820_TYPE_RESERVED = 2,
	E820_TYPE_ACPI = 3,
	E820_TYPE_NVS = 4,
	E820_TYPE_UNUSABLE = 5,
	E820_TYPE_PMEM = 7,
	E820_TYPE_PRAM = 12, // legacy persistent memory
	E820_TYPE_SOFT_RESERVED = 0xefffffff,
	E820_TYPE_RESERVED_KERN = 128, // RAM the kernel keeps (setup data)
};

// One range: [addr, addr + size). Packed as the BIOS returns it.
struct e820_entry {
	u64 addr;
	u64 size;
	enum e820_type type;
} __attribute__((__packed__));

// Linux sizes the table for 128 firmware entries plus 3 per NUMA node; with
// one node we keep the round 128 that the boot protocol carries.
#define E820_MAX_ENTRIES 128

struct e820_table {
	u32 nr_entries;
	struct e820_entry entries[E820_MAX_ENTRIES];
};
