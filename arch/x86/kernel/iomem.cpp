/*
 * DOC: /proc/iomem, the physical address space by owner (Linux:
 * kernel/resource.c's tree, filled by e820__reserve_resources,
 * probe_roms and setup_arch)
 *
 *   00100000-07fdffff : System RAM         one line per e820 entry
 *     01000000-0142ffff : Kernel code      the image's sections, nested
 *   000a0000-000bffff : Video RAM area     the legacy VGA window
 *   000c0000-000c9bff : Video ROM          option ROMs found by signature
 *
 * Differs from Linux: there is no resource tree that drivers claim, so no
 * PCI bus windows, BARs, IOAPIC, HPET or local APIC lines; Linux nests
 * the Video RAM area under "PCI Bus 0000:00", here it stands alone.
 */
#include <asm/e820/api.h>
#include <asm/page_types.h>
#include <asm/sections.h>
#include <linux/kernel.h>
#include <linux/seq_buf.h>
#include <linux/uaccess.h>

// Linux: e820_type_to_string.
static const char *e820_type_to_string(enum e820_type type)
{
	switch (type) {
	case E820_TYPE_RESERVED_KERN:
	case E820_TYPE_RAM: return "System RAM";
	case E820_TYPE_ACPI: return "ACPI Tables";
	case E820_TYPE_NVS: return "ACPI Non-volatile Storage";
	case E820_TYPE_UNUSABLE: return "Unusable memory";
	case E820_TYPE_PRAM: return "Persistent Memory (legacy)";
	case E820_TYPE_PMEM: return "Persistent Memory";
	case E820_TYPE_RESERVED: return "Reserved";
	case E820_TYPE_SOFT_RESERVED: return "Soft Reserved";
	default: return "Unknown E820 type";
	}
}

static void iomem_line(struct seq_buf *s, int depth, u64 start, u64 end, const char *name)
{
	seq_buf_printf(s, "%*s%08llx-%08llx : %s\n", depth * 2, "", start, end, name);
}

// An option ROM at phys: 0x55 0xaa, its size in 512-byte units, and bytes
// that sum to 0 (Linux: romsignature, romchecksum). Its size, or 0.
static unsigned long rom_size(unsigned long phys)
{
	unsigned char head[3];
	if (copy_from_kernel_nofault(head, (void *)(phys + PAGE_OFFSET), 3) || head[0] != 0x55 ||
	    head[1] != 0xaa || !head[2])
		return 0;
	unsigned long len = head[2] * 512UL;
	unsigned char sum = 0, b;
	for (unsigned long i = 0; i < len; i++) {
		if (copy_from_kernel_nofault(&b, (void *)(phys + PAGE_OFFSET + i), 1))
			return 0;
		sum = (unsigned char)(sum + b);
	}
	return sum ? 0 : len;
}

// Linux: probe_roms. The video ROM first, in 0xc0000-0xc7fff, then the
// adapter ROMs after it up to 0xe0000, each on a 2K boundary.
static void show_roms(struct seq_buf *s)
{
	unsigned long start = 0xc0000, len = 0;
	for (; start < 0xc8000; start += 2048)
		if ((len = rom_size(start)))
			break;
	if (len)
		iomem_line(s, 0, start, start + len - 1, "Video ROM");
	start = len ? (start + len + 2047) & ~2047UL : 0xc8000;
	while (start < 0xe0000) {
		len = rom_size(start);
		if (len)
			iomem_line(s, 0, start, start + len - 1, "Adapter ROM");
		start = len ? (start + len + 2047) & ~2047UL : start + 2048;
	}
}

static void show_kernel_sections(struct seq_buf *s, u64 start, u64 end)
{
	static const struct {
		const char *name;
		char *from, *to;
	} sect[] = {{"Kernel code", _text, _etext},
		    {"Kernel rodata", __start_rodata, __end_rodata},
		    {"Kernel data", _sdata, _edata},
		    {"Kernel bss", __bss_start, __bss_stop}};
	for (const auto &k : sect) {
		u64 a = __pa(k.from), b = __pa(k.to);
		if (a >= start && b - 1 <= end && b > a)
			iomem_line(s, 1, a, b - 1, k.name);
	}
}

void iomem_show(struct seq_buf *s)
{
	bool roms_done = false;
	for (u32 i = 0; i < e820_table->nr_entries; i++) {
		const struct e820_entry *e = &e820_table->entries[i];
		u64 start = e->addr, end = e->addr + e->size - 1;
		if (!roms_done && start >= 0xa0000) { // the legacy hole's owners, in address order
			iomem_line(s, 0, 0xa0000, 0xbffff, "Video RAM area");
			show_roms(s);
			roms_done = true;
		}
		iomem_line(s, 0, start, end, e820_type_to_string(e->type));
		if (e->type == E820_TYPE_RESERVED && start <= 0xf0000 && end >= 0xfffff)
			iomem_line(s, 1, 0xf0000, 0xfffff, "System ROM");
		if (e->type == E820_TYPE_RAM)
			show_kernel_sections(s, start, end);
	}
}
