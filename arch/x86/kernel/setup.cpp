/*
 * DOC: setup_arch, the memory part of it (Linux: arch/x86/kernel/setup.c)
 *
 * start_kernel -> setup_arch:
 *   1. read GRUB's multiboot2 information (command line, memory map, the
 *      kernel's own ELF symbol table for backtraces),
 *   2. turn the memory map into the sanitized e820 table and print it,
 *   3. run the early command-line handlers (mem=, memmap=, loglevel=...) and
 *      print the user-defined map if they changed it,
 *   4. calibrate the TSC so printk timestamps start to move.
 * memblock, max_low_pfn and the kernel page tables come next (see the
 * memblock issue); they start from the e820 table built here.
 */
#include <asm/e820/api.h>
#include <asm/page_types.h>
#include <asm/processor.h>
#include <asm/setup.h>
#include <asm/tsc.h>
#include <linux/elf.h>
#include <linux/init.h>
#include <linux/kallsyms.h>
#include <linux/kernel.h>
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

static bool early_mapped(u32 pa, u32 size)
{
	return pa < EARLY_MAP_SIZE && size <= EARLY_MAP_SIZE - pa;
}

static const struct elf32_shdr *elf_section(u32 i, struct elf32_shdr *buf)
{
	if (i >= boot_info.elf_num)
		return nullptr;
	memcpy(buf, boot_info.elf_shdrs + i * boot_info.elf_entsize, sizeof(*buf));
	return buf;
}

// Finds .symtab and its string table among the sections GRUB loaded.
static void kallsyms_from_elf_sections(void)
{
	struct elf32_shdr sym, str;
	for (u32 i = 0; i < boot_info.elf_num; i++) {
		if (!elf_section(i, &sym) || sym.sh_type != SHT_SYMTAB)
			continue;
		if (!elf_section(sym.sh_link, &str) || str.sh_type != SHT_STRTAB || !sym.sh_addr ||
		    !str.sh_addr || !early_mapped(sym.sh_addr, sym.sh_size) ||
		    !early_mapped(str.sh_addr, str.sh_size))
			break;
		kallsyms_init((const struct elf32_sym *)__va(sym.sh_addr),
			      sym.sh_size / sizeof(struct elf32_sym),
			      (const char *)__va(str.sh_addr), str.sh_size);
		return;
	}
	pr_warn(
	    "kallsyms: no usable symbol table from the boot loader; traces show raw addresses\n");
}

static void early_multiboot2_init(void)
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
	if (boot_info.cmdline &&
	    strlcpy(boot_command_line, boot_info.cmdline, COMMAND_LINE_SIZE) >= COMMAND_LINE_SIZE)
		pr_warn("Kernel command line truncated to %d bytes\n", COMMAND_LINE_SIZE - 1);
	kallsyms_from_elf_sections();
}

void setup_arch(char **cmdline_p)
{
	early_multiboot2_init();
	e820__memory_setup(&boot_info);
	parse_early_param();
	e820__finish_early_params();
	e820__setup_pci_gap();
	tsc_early_init();
	*cmdline_p = boot_command_line;
}
