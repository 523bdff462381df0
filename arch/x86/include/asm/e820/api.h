#pragma once
// The e820 table and the functions that edit it (Linux: asm/e820/api.h).
#include <asm/e820/types.h>

extern struct e820_table *e820_table;
// The map as the firmware gave it (sanitized), before mem=, memmap= or the
// kernel's own edits; Linux keeps the same copy for /sys/firmware/memmap.
extern struct e820_table *e820_table_firmware;

struct mb2_info;

void e820__range_add(u64 start, u64 size, enum e820_type type);
// Appends to any table; reports "too many entries" when it is full.
void __e820__range_add(struct e820_table *table, u64 start, u64 size, enum e820_type type);
u64 e820__range_update(u64 start, u64 size, enum e820_type old_type, enum e820_type new_type);
u64 e820__range_remove(u64 start, u64 size, enum e820_type old_type, bool check_type);

// Sorts the table, resolves overlaps (the higher type wins), drops empty and
// wrapping entries and merges neighbours of one type. Returns the number of
// entries it had to reject as invalid (0 on a well-formed table).
int e820__update_table(struct e820_table *table);
void e820__print_table(const char *who);
void e820_print_type(enum e820_type type);

// Boot: the boot loader's map -> e820_table, sanitized and printed as
// "BIOS-e820" (or "BIOS-e801" from the basic meminfo tag when there is no map).
void e820__memory_setup(const struct mb2_info *info);
// After parse_early_param(): applies mem=/memmap= and prints the "user" map.
void e820__finish_early_params(void);
void e820__reset_userdef(void);
// True once mem= or memmap= changed the map.
bool e820__user_defined(void);
// The largest hole below 4 GiB, announced as Linux does for PCI.
void e820__setup_pci_gap(void);

bool e820__mapped_any(u64 start, u64 end, enum e820_type type);
bool e820__mapped_all(u64 start, u64 end, enum e820_type type);
// The pfn where usable RAM ends, below 4 GiB (prints "last_pfn = ...").
unsigned long e820__end_of_ram_pfn(void);
// Usable RAM -> memblock.memory, page-trimmed; dumps memblock with memblock=debug.
void e820__memblock_setup(void);

// RAM above 4 GiB that a non-PAE kernel cannot reach, in bytes.
u64 e820__ram_above_4g(void);

// Types the kernel may treat as RAM it owns.
static inline bool e820_type_is_ram(enum e820_type t)
{
	return t == E820_TYPE_RAM || t == E820_TYPE_RESERVED_KERN;
}
