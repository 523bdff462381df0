/*
 * DOC: reading the multiboot2 boot information
 *
 * Linux gets its boot data from the boot_params "zero page" filled by its
 * own real-mode setup code; a multiboot2 kernel gets a tag list from GRUB
 * instead (layout in asm/multiboot2.h). We trust none of it: every read is
 * bounds-checked against total_size, done with memcpy (GRUB aligns tags, a
 * fuzzer does not), and anything malformed is reported and skipped, so a bad
 * boot loader costs a tag, never the boot.
 */
#include <asm/e820/api.h>
#include <asm/multiboot2.h>
#include <linux/elf.h>
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/string.h>

#undef pr_fmt
#define pr_fmt(fmt) "multiboot2: " fmt

static u32 get_u32(const u8 *p)
{
	u32 v;
	memcpy(&v, p, sizeof(v));
	return v;
}

// A string payload must end inside its tag.
static const char *tag_string(const u8 *tag, u32 size, const char *what)
{
	const char *s = (const char *)tag + 8;
	if (size <= 8 || strnlen(s, size - 8) == size - 8) {
		pr_err("%s tag is not NUL-terminated; ignoring it\n", what);
		return nullptr;
	}
	return s;
}

static bool take_mmap(const u8 *tag, u32 size, struct mb2_info *info)
{
	if (size < 16) {
		pr_err("memory map tag too short (%u bytes); ignoring it\n", size);
		return false;
	}
	u32 entry_size = get_u32(tag + 8);
	if (entry_size < 24 || entry_size % 8) {
		pr_err("memory map entry_size %u is not a multiple of 8 of at least 24; ignoring "
		       "the map\n",
		       entry_size);
		return false;
	}
	if ((size - 16) % entry_size)
		pr_warn("memory map tag has %u bytes after its last whole entry; ignoring them\n",
			(size - 16) % entry_size);
	info->mmap = (const struct multiboot_tag_mmap *)tag;
	return true;
}

// GRUB writes num/entsize/shndx as u32 although the spec says u16; accept both.
static bool take_elf_sections(const u8 *tag, u32 size, struct mb2_info *info)
{
	const u32 shdr = sizeof(struct elf32_shdr);
	if (size >= 20 && get_u32(tag + 12) == shdr && (u64)get_u32(tag + 8) * shdr <= size - 20) {
		info->elf_num = get_u32(tag + 8);
		info->elf_entsize = shdr;
		info->elf_shndx = get_u32(tag + 16);
		info->elf_shdrs = tag + 20;
		return true;
	}
	u16 h[4];
	if (size >= 16) {
		memcpy(h, tag + 8, sizeof(h));
		if (h[1] == shdr && (u32)h[0] * shdr <= size - 16) {
			info->elf_num = h[0];
			info->elf_entsize = shdr;
			info->elf_shndx = h[2];
			info->elf_shdrs = tag + 16;
			return true;
		}
	}
	pr_err("ELF sections tag is malformed (size %u); no symbols for backtraces\n", size);
	return false;
}

static bool take_module(const u8 *tag, u32 size, struct mb2_info *info)
{
	if (size < 17 || !tag_string(tag + 8, size - 8, "module")) {
		pr_err("module tag malformed (size %u); ignoring it\n", size);
		return false;
	}
	if (get_u32(tag + 8) > get_u32(tag + 12)) {
		pr_err("module [%#x-%#x] ends before it starts; ignoring it\n", get_u32(tag + 8),
		       get_u32(tag + 12));
		return false;
	}
	if (info->nr_modules == MB2_MAX_MODULES) {
		pr_err("more than %d modules; ignoring the rest\n", MB2_MAX_MODULES);
		return false;
	}
	info->modules[info->nr_modules++] = (const struct multiboot_tag_module *)tag;
	return true;
}

// Returns false when the tag is malformed (already reported).
static bool take_tag(const u8 *tag, u32 type, u32 size, struct mb2_info *info)
{
	switch (type) {
	case MULTIBOOT_TAG_TYPE_CMDLINE:
		return (info->cmdline = tag_string(tag, size, "command line")) != nullptr;
	case MULTIBOOT_TAG_TYPE_BOOT_LOADER_NAME:
		return (info->loader_name = tag_string(tag, size, "boot loader name")) != nullptr;
	case MULTIBOOT_TAG_TYPE_MODULE: return take_module(tag, size, info);
	case MULTIBOOT_TAG_TYPE_BASIC_MEMINFO:
		if (size < 16) {
			pr_err("basic meminfo tag too short (%u bytes); ignoring it\n", size);
			return false;
		}
		info->has_meminfo = true;
		info->mem_lower_kb = get_u32(tag + 8);
		info->mem_upper_kb = get_u32(tag + 12);
		return true;
	case MULTIBOOT_TAG_TYPE_MMAP: return take_mmap(tag, size, info);
	case MULTIBOOT_TAG_TYPE_ELF_SECTIONS: return take_elf_sections(tag, size, info);
	default: return true; // tags we do not use are fine
	}
}

int multiboot2_parse(const void *mbi, u32 avail, struct mb2_info *info)
{
	const u8 *base = (const u8 *)mbi;
	memset(info, 0, sizeof(*info));
	if (avail < 8) {
		pr_err("boot information unreadable (%u bytes)\n", avail);
		return -EINVAL;
	}
	u32 total = get_u32(base);
	if (total < 8) {
		pr_err("boot information total_size %u is too small\n", total);
		return -EINVAL;
	}
	if (total > avail) {
		pr_err("boot information total_size %u is larger than the %u bytes mapped; reading "
		       "only those\n",
		       total, avail);
		info->problems++;
		total = avail;
	}
	info->total_size = total;

	for (u32 off = 8;; off = ALIGN(off + get_u32(base + off + 4), 8u)) {
		if (off > total - 8) {
			pr_err("tag list runs past total_size %u without an end tag\n", total);
			info->problems++;
			break;
		}
		u32 type = get_u32(base + off), size = get_u32(base + off + 4);
		if (size < 8 || size > total - off) {
			pr_err("malformed tag (type %u, size %u) at offset %u of %u; ignoring it "
			       "and the rest\n",
			       type, size, off, total);
			info->problems++;
			break;
		}
		info->nr_tags++;
		if (type == MULTIBOOT_TAG_TYPE_END)
			break;
		if (!take_tag(base + off, type, size, info))
			info->problems++;
	}
	return 0;
}

int multiboot2_mmap_to_e820(const struct multiboot_tag_mmap *mmap, struct e820_table *table)
{
	const u8 *tag = (const u8 *)mmap;
	u32 size = get_u32(tag + 4), entry_size = get_u32(tag + 8);
	int n = 0;
	// entry_size <= size - off, not off + entry_size <= size: a huge
	// entry_size must not wrap around (the fuzzer found that one).
	for (u32 off = 16; off <= size && entry_size <= size - off; off += entry_size, n++) {
		struct multiboot_mmap_entry e;
		memcpy(&e, tag + off, sizeof(e));
		// The multiboot2 types are the e820 types. Unknown ones keep their
		// number (printed "type N", as Linux does) and count as reserved.
		__e820__range_add(table, e.addr, e.len, (enum e820_type)e.type);
	}
	return n;
}

// GRUB re-quotes its multiboot2 arguments for the kernel
// (grub_create_loader_cmdline): a backslash before every \, ' and ", and
// "..." around an argument that holds a space. Taking the backslashes off
// gives back the arguments GRUB was given (tools/mkiso.sh passes the command
// line as written, in space-free pieces); the "..." stay, they are the
// kernel's own quoting. Differs from Linux, which keeps the backslashes.
size_t multiboot2_copy_cmdline(char *dst, size_t size, const struct mb2_info *info)
{
	const char *src = info->cmdline;
	if (!info->loader_name || strncmp(info->loader_name, "GRUB", 4))
		return strlcpy(dst, src, size);
	size_t n = 0;
	for (; *src; src++, n++) {
		if (src[0] == '\\' && (src[1] == '\\' || src[1] == '\'' || src[1] == '"'))
			src++;
		if (n + 1 < size)
			dst[n] = *src;
	}
	if (size)
		dst[n < size ? n : size - 1] = '\0';
	return n;
}
