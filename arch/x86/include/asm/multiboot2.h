#pragma once
/*
 * The multiboot2 boot information (GRUB's multiboot2 specification, section
 * 3.6) as the kernel reads it.
 *
 *   +0  u32 total_size   +4 u32 reserved
 *   +8  tag, tag, ... each { u32 type; u32 size; payload }, 8-byte aligned,
 *       ending with a tag of type 0, size 8
 *
 * Everything GRUB hands over is checked before use: a tag must lie inside
 * total_size, the memory map's entry_size must be a multiple of 8 and at
 * least 24 bytes, and a malformed list is reported and cut short rather than
 * followed off its end.
 */
#include <linux/types.h>

#define MULTIBOOT2_BOOTLOADER_MAGIC 0x36d76289

enum multiboot_tag_type : u32 {
	MULTIBOOT_TAG_TYPE_END = 0,
	MULTIBOOT_TAG_TYPE_CMDLINE = 1,
	MULTIBOOT_TAG_TYPE_BOOT_LOADER_NAME = 2,
	MULTIBOOT_TAG_TYPE_MODULE = 3,
	MULTIBOOT_TAG_TYPE_BASIC_MEMINFO = 4,
	MULTIBOOT_TAG_TYPE_BOOTDEV = 5,
	MULTIBOOT_TAG_TYPE_MMAP = 6,
	MULTIBOOT_TAG_TYPE_ELF_SECTIONS = 9,
};

struct multiboot_tag {
	u32 type;
	u32 size;
};

struct multiboot_mmap_entry {
	u64 addr;
	u64 len;
	u32 type; // 1 RAM, 2 reserved, 3 ACPI reclaimable, 4 NVS, 5 bad RAM
	u32 zero;
} __attribute__((__packed__));

struct multiboot_tag_mmap {
	u32 type;
	u32 size;
	u32 entry_size;
	u32 entry_version;
	// entries follow, entry_size bytes apart
};

struct multiboot_tag_module {
	u32 type;
	u32 size;
	u32 mod_start;
	u32 mod_end;
	char cmdline[];
};

#define MB2_MAX_MODULES 16

// What multiboot2_parse() found; pointers point into the boot information.
struct mb2_info {
	const char *cmdline;
	const char *loader_name;
	const struct multiboot_tag_mmap *mmap;
	bool has_meminfo;
	u32 mem_lower_kb, mem_upper_kb;
	const u8 *elf_shdrs; // section headers from the ELF-sections tag
	u32 elf_num, elf_entsize, elf_shndx;
	u32 nr_modules;
	const struct multiboot_tag_module *modules[MB2_MAX_MODULES];
	u32 total_size;
	u32 nr_tags;
	u32 problems; // malformed things that were reported and skipped
};

// Walks the tag list at mbi. avail is how many bytes at mbi can be read (a
// total_size beyond it is reported and clamped). Returns 0, or -EINVAL when
// the header itself is unusable.
int multiboot2_parse(const void *mbi, u32 avail, struct mb2_info *info);

// Appends the memory map's entries to the e820 table (unsorted, unchecked:
// e820__update_table does that). Returns the number of entries read.
int multiboot2_mmap_to_e820(const struct multiboot_tag_mmap *mmap, struct e820_table *table);

// Copies info->cmdline to dst as strlcpy does (returns the length it
// wanted), taking off the backslashes GRUB adds before \, ' and ".
size_t multiboot2_copy_cmdline(char *dst, size_t size, const struct mb2_info *info);
