/*
 * DOC: setup_arch, the memory part of it (Linux: arch/x86/kernel/setup.c)
 *
 * start_kernel -> setup_arch, in Linux's order:
 *   1. read GRUB's multiboot2 information (command line, memory map, the
 *      kernel's own ELF symbol table for backtraces);
 *   2. reserve in memblock what must never be handed out: the kernel image,
 *      the first 64 KiB, the BIOS areas below 1 MiB, everything GRUB left us
 *      (boot information, modules, the ELF sections it loaded);
 *   3. turn the memory map into the sanitized e820 table and print it; run
 *      the early command-line handlers (mem=, memmap=, loglevel=...);
 *   4. take page 0 and the legacy ISA hole out of usable RAM, find max_pfn
 *      and the lowmem/highmem split (max_low_pfn);
 *   5. hand usable RAM to memblock (forgetting memmap= RAM that is not
 *      there, adding the kernel image if the map left a hole where it is
 *      loaded), check the kernel fits with room to boot (else a panic that
 *      says how much RAM there is and what is needed), keep the symbol
 *      table inside mapped RAM, build and load the kernel page tables;
 *   6. size the zones and build mem_map (free_area_init);
 *   7. calibrate the TSC so printk timestamps start to move.
 */
#include <asm/e820/api.h>
#include <asm/init.h>
#include <asm/page_types.h>
#include <asm/processor.h>
#include <asm/sections.h>
#include <asm/setup.h>
#include <asm/tsc.h>
#include <linux/boot_phase.h>
#include <linux/dmi.h>
#include <linux/elf.h>
#include <linux/init.h>
#include <linux/kallsyms.h>
#include <linux/kernel.h>
#include <linux/memblock.h>
#include <linux/sprintf.h>
#include <linux/string.h>

u32 multiboot_info_phys; // written by boot/head_32.asm after .bss is cleared
u64 boot_tsc;
struct mb2_info boot_info;

void zap_early_identity_map(void)
{
	for (unsigned long i = 0; i < (EARLY_MAP_SIZE >> 22); i++)
		initial_page_table[i] = 0;
	write_cr3(read_cr3()); // flush the TLB
}

static bool __init early_mapped(u32 pa, u32 size)
{
	return pa < EARLY_MAP_SIZE && size <= EARLY_MAP_SIZE - pa;
}

static const struct elf32_shdr __init *elf_section(u32 i, struct elf32_shdr *buf)
{
	if (i >= boot_info.elf_num)
		return nullptr;
	memcpy(buf, boot_info.elf_shdrs + i * boot_info.elf_entsize, sizeof(*buf));
	return buf;
}

// Where GRUB put .symtab and .strtab: kallsyms_keep_reachable() checks them
// once the RAM the kernel will map is known.
static struct {
	u32 pa, size;
} boot_symtab, boot_strtab;

// Finds .symtab and its string table among the sections GRUB loaded.
static void __init kallsyms_from_elf_sections(void)
{
	struct elf32_shdr sym, str;
	for (u32 i = 0; i < boot_info.elf_num; i++) {
		if (!elf_section(i, &sym) || sym.sh_type != SHT_SYMTAB)
			continue;
		if (!elf_section(sym.sh_link, &str) || str.sh_type != SHT_STRTAB || !sym.sh_addr ||
		    !str.sh_addr || !early_mapped(sym.sh_addr, sym.sh_size) ||
		    !early_mapped(str.sh_addr, str.sh_size))
			break;
		boot_symtab = {sym.sh_addr, sym.sh_size};
		boot_strtab = {str.sh_addr, str.sh_size};
		kallsyms_init((const struct elf32_sym *)__va(sym.sh_addr),
			      sym.sh_size / sizeof(struct elf32_sym),
			      (const char *)__va(str.sh_addr), str.sh_size);
		return;
	}
	pr_warn(
	    "kallsyms: no usable symbol table from the boot loader; traces show raw addresses\n");
}

// In RAM that memblock holds reserved and the direct map will cover.
static bool __init in_mapped_ram(u32 pa, u32 size)
{
	return (u64)pa + size <= (u64)max_low_pfn << PAGE_SHIFT &&
	       memblock_is_region_memory(pa, size) && memblock_is_region_reserved(pa, size);
}

// A copy of [pa, pa + size) in memblock memory, or null if it would eat into
// the lowmem the boot needs (the early map still covers pa: early_mapped()).
static void *__init copy_to_lowmem(u32 pa, u32 size)
{
	if (lowmem_free_bytes() < (phys_addr_t)size + MIN_FREE_LOWMEM)
		return nullptr;
	void *copy = memblock_alloc(size, 16);
	if (copy)
		memcpy(copy, __va(pa), size);
	return copy;
}

/*
 * GRUB loads .symtab and .strtab right after the kernel image, so mem=,
 * memmap= or a machine that small can leave them outside the RAM the direct
 * map covers: after init_mem_mapping() the first lookup (the first oops)
 * would fault. Linux's tables live in the image; ours are copied into lowmem
 * here, or dropped with one line if lowmem is too short for them.
 */
static void __init kallsyms_keep_reachable(void)
{
	if (!kallsyms_available())
		return;
	bool sym_ok = in_mapped_ram(boot_symtab.pa, boot_symtab.size);
	bool str_ok = in_mapped_ram(boot_strtab.pa, boot_strtab.size);
	if (sym_ok && str_ok)
		return;
	u32 lo = min(boot_symtab.pa, boot_strtab.pa);
	u32 hi = max(boot_symtab.pa + boot_symtab.size, boot_strtab.pa + boot_strtab.size);
	// past lowmem (mem=, a small machine), or in a hole of the map (cutmem)
	char where[48];
	if ((u64)hi > (u64)max_low_pfn << PAGE_SHIFT)
		snprintf(where, sizeof(where), "lowmem ends at %#010lx", max_low_pfn << PAGE_SHIFT);
	else
		snprintf(where, sizeof(where), "not in a usable region of the map");
	void *sym =
	    sym_ok ? __va(boot_symtab.pa) : copy_to_lowmem(boot_symtab.pa, boot_symtab.size);
	void *str =
	    str_ok ? __va(boot_strtab.pa) : copy_to_lowmem(boot_strtab.pa, boot_strtab.size);
	if (!sym || !str) {
		if (sym && !sym_ok)
			memblock_free(sym, boot_symtab.size);
		if (str && !str_ok)
			memblock_free(str, boot_strtab.size);
		kallsyms_disable();
		kallsyms_dropped = true;
		pr_warn("kallsyms: symbol table at [mem %#010x-%#010x] is outside mapped RAM "
			"(%s) and too big to copy; backtraces will show addresses only\n",
			lo, hi - 1, where);
		return;
	}
	kallsyms_init((const struct elf32_sym *)sym, boot_symtab.size / sizeof(struct elf32_sym),
		      (const char *)str, boot_strtab.size);
	pr_info("kallsyms: symbol table at [mem %#010x-%#010x] is outside mapped RAM (%s); "
		"copied %uK into lowmem\n",
		lo, hi - 1, where,
		((sym_ok ? 0 : boot_symtab.size) + (str_ok ? 0 : boot_strtab.size)) >> 10);
}

static void __init early_multiboot2_init(void)
{
	u32 pa = multiboot_info_phys;
	if (!early_mapped(pa, 8)) {
		pr_err("multiboot2: boot information at %#x is outside the first %luMB mapped at "
		       "boot\n",
		       pa, EARLY_MAP_SIZE >> 20);
		return;
	}
	multiboot2_parse(__va(pa), EARLY_MAP_SIZE - pa, &boot_info);
	pr_info("multiboot2: boot information at [mem %#010x-%#010x], %u tags, loaded by %s\n", pa,
		pa + boot_info.total_size - 1, boot_info.nr_tags,
		boot_info.loader_name ? boot_info.loader_name : "an unnamed boot loader");
	if (boot_info.cmdline && multiboot2_copy_cmdline(boot_command_line, COMMAND_LINE_SIZE,
							 &boot_info) >= COMMAND_LINE_SIZE)
		pr_warn("Kernel command line truncated to %d bytes\n", COMMAND_LINE_SIZE - 1);
	kallsyms_from_elf_sections();
}

// Everything GRUB loaded besides the kernel: the boot information, the
// modules, and the ELF sections it copied (symbols, debug info).
static void __init reserve_boot_loader_data(void)
{
	memblock_reserve(multiboot_info_phys, boot_info.total_size);
	for (u32 i = 0; i < boot_info.nr_modules; i++) {
		const struct multiboot_tag_module *m = boot_info.modules[i];
		memblock_reserve(m->mod_start, m->mod_end - m->mod_start);
	}
	struct elf32_shdr sh;
	for (u32 i = 0; i < boot_info.elf_num; i++) {
		elf_section(i, &sh);
		if (sh.sh_addr && sh.sh_size && !(sh.sh_flags & SHF_ALLOC))
			memblock_reserve(sh.sh_addr, sh.sh_size);
	}
}

// The EBDA and BIOS areas from the lower of the BDA's base-memory size and
// the EBDA segment up to 1 MiB (Linux: reserve_bios_regions, ebda.c).
#define BIOS_START_MIN 0x20000u
#define BIOS_START_MAX 0x9f000u
static void __init reserve_bios_regions(void)
{
	unsigned int bios_start = *(const u16 *)__va(0x413) << 10; // KiB of base memory
	unsigned int ebda_start = *(const u16 *)__va(0x40e) << 4;  // EBDA segment
	if (bios_start < BIOS_START_MIN)
		bios_start = BIOS_START_MAX;
	if (ebda_start >= BIOS_START_MIN && ebda_start < bios_start)
		bios_start = ebda_start;
	bios_start = ALIGN_DOWN(bios_start, PAGE_SIZE);
	memblock_reserve(bios_start, SZ_1M - bios_start);
}

// Linux: early_reserve_memory. Runs before memblock knows any memory.
static void __init early_reserve_memory(void)
{
	memblock_reserve((phys_addr_t)(unsigned long)__boot_start,
			 __pa(_end) - (unsigned long)__boot_start);
	memblock_reserve(0, SZ_64K); // real-mode leftovers, BIOS data area
	reserve_boot_loader_data();
	reserve_bios_regions();
}

// Where the firmware's RAM next starts at or after addr (U64_MAX: nowhere),
// and where the firmware RAM holding addr ends (addr: none holds it).
static u64 __init firmware_ram_from(u64 addr, u64 *end)
{
	u64 next = U64_MAX;
	*end = addr;
	for (u32 i = 0; i < e820_table_firmware->nr_entries; i++) {
		const struct e820_entry *e = &e820_table_firmware->entries[i];
		if (!e820_type_is_ram(e->type))
			continue;
		if (e->addr <= addr && addr < e->addr + e->size)
			*end = e->addr + e->size;
		else if (e->addr > addr && e->addr < next)
			next = e->addr;
	}
	return *end > addr ? addr : next;
}

// A write at pa reads back (the old value is put back).
static bool __init ram_answers(phys_addr_t pa)
{
	volatile u32 *p = (volatile u32 *)__va(pa);
	u32 old = *p;
	*p = 0x5aa5c33c;
	bool ok = *p == 0x5aa5c33c;
	*p = ~0x5aa5c33cu;
	ok = ok && *p == ~0x5aa5c33cu;
	*p = old;
	return ok;
}

static void __init forget_range(u64 start, u64 end, const char *why)
{
	pr_warn("e820: memmap= says [mem %#010llx-%#010llx] is RAM, but %s; not using it\n", start,
		end - 1, why);
	memblock_remove(start, end - start);
	e820__range_remove(start, end - start, E820_TYPE_RAM, true);
	e820__update_table(e820_table);
}

/*
 * memmap=nn@ss can declare RAM the machine does not have (memmap=100M@200M
 * at -m 128M). Linux trusts it; here page tables or mem_map placed there
 * read back garbage, and the boot resets or drowns in "Bad page state". So
 * RAM the firmware did not report is probed at its first and last word
 * while the early map reaches it (below EARLY_MAP_SIZE), and forgotten
 * with one line if a write does not read back; beyond the early map it
 * cannot be checked before it is mapped, and is forgotten too. Returns
 * true if it forgot something (the region list changed).
 */
static bool __init drop_absent_ram_once(void)
{
	struct memblock_region *r;
	for_each_mem_region(r) {
		u64 pos = r->base, end = (u64)r->base + r->size, fw_end;
		while (pos < end) {
			u64 start = firmware_ram_from(pos, &fw_end);
			if (start == pos) { // firmware RAM: trusted
				pos = fw_end;
				continue;
			}
			u64 stop = min(start, end), probed = min(stop, (u64)EARLY_MAP_SIZE);
			if (pos >= probed) {
				forget_range(pos, stop, "the firmware did not report it");
				return true;
			}
			if (!ram_answers(pos) || !ram_answers(probed - 4)) {
				forget_range(pos, stop, "no RAM answers there");
				return true;
			}
			if (probed < stop) {
				forget_range(probed, stop, "the firmware did not report it");
				return true;
			}
			pos = stop;
		}
	}
	return false;
}

// The above, then max_pfn and max_low_pfn no further than the RAM left.
static void __init forget_absent_ram(void)
{
	if (!e820__user_defined())
		return;
	while (drop_absent_ram_once())
		;
	unsigned long end_pfn = PFN_DOWN(memblock_end_of_DRAM());
	if (end_pfn >= max_pfn)
		return;
	max_pfn = end_pfn;
	max_low_pfn = min(max_low_pfn, end_pfn);
	memblock_set_current_limit(min(EARLY_MAP_SIZE, max_low_pfn << PAGE_SHIFT));
}

// Page 0 and the legacy VGA/ROM hole are never RAM for the kernel (Linux: trim_bios_range).
static void __init trim_bios_range(void)
{
	e820__range_update(0, PAGE_SIZE, E820_TYPE_RAM, E820_TYPE_RESERVED);
	e820__range_remove(0xa0000, SZ_1M - 0xa0000, E820_TYPE_RAM, true);
	e820__update_table(e820_table);
}

void __init setup_arch(char **cmdline_p)
{
	boot_phase_mark("entry, console, traps");
	early_multiboot2_init();
	early_reserve_memory();
	e820__memory_setup(&boot_info);
	parse_early_param();
	e820__finish_early_params();
	trim_bios_range();

	max_pfn = e820__end_of_ram_pfn();
	find_low_pfn_range();
	// Until swapper_pg_dir is live only the early 128 MiB map is usable.
	memblock_set_current_limit(min(EARLY_MAP_SIZE, max_low_pfn << PAGE_SHIFT));
	e820__memblock_setup();
	forget_absent_ram();
	keep_kernel_image_ram((phys_addr_t)(unsigned long)__boot_start, __pa(_end));
	check_enough_lowmem((phys_addr_t)(unsigned long)__boot_start, __pa(_end));
	kallsyms_keep_reachable();
	boot_phase_mark("e820 to memblock");
	init_mem_mapping();
	dmi_setup();
	boot_phase_mark("kernel page tables");
	initmem_init();
	zone_sizes_init();
	boot_phase_mark("mem_map init");
	e820__setup_pci_gap();
	*cmdline_p = boot_command_line;
}
