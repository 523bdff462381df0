/*
 * DOC: switching to the kernel's final page tables (Linux: arch/x86/mm/init.c
 * init_mem_mapping, init_32.c paging_init and mem_init's layout print)
 *
 * boot/head_32.asm mapped the first 128 MiB twice with 4 KiB pages, all
 * writable. Here swapper_pg_dir replaces it: all of lowmem at PAGE_OFFSET,
 * 4 MiB pages where the CPU has PSE (unless `nopse`), global where it has
 * PGE, the kernel image with 4 KiB pages so .text and .rodata are read-only,
 * the boot stack's guard page unmapped, page tables ready for pkmap and the
 * fixmap, and nothing below PAGE_OFFSET.
 */
#include <asm/desc.h>
#include <asm/init.h>
#include <asm/pgtable.h>
#include <asm/processor.h>
#include <asm/sections.h>
#include <asm/setup.h>
#include <asm/tlbflush.h>
#include <linux/boot_phase.h>
#include <linux/debug_pagealloc.h>
#include <linux/highmem.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/kfence.h>
#include <linux/kmemleak.h>
#include <linux/memblock.h>
#include <linux/meminit.h>
#include <linux/mm.h>
#include <linux/mm_space.h>
#include <linux/mman.h>
#include <linux/page_owner.h>
#include <linux/poison.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>

pgd_t swapper_pg_dir[PTRS_PER_PGD] __aligned(PAGE_SIZE);

static bool nopse;
static int __init parse_nopse(char *)
{
	nopse = true;
	return 0;
}
early_param("nopse", parse_nopse);

static bool __init boot_cpu_has(u32 edx_feature)
{
	u32 a, b, c, d;
	cpuid(1, &a, &b, &c, &d);
	return d & edx_feature;
}

bool direct_map_uses_pse;

#define PFN_OF(sym) PFN_DOWN(__pa(sym))

void __init init_mem_mapping(void)
{
	// debug_pagealloc unmaps single pages: no 4 MiB ones (Linux: probe_page_size_mask)
	bool pse = !nopse && boot_cpu_has(X86_FEATURE_PSE) && !debug_pagealloc_enabled();
	bool pge = boot_cpu_has(X86_FEATURE_PGE);
	if (!pge)
		__supported_pte_mask &= ~_PAGE_GLOBAL;
	pr_debug("initial memory mapped: [mem 0x00000000-%#010lx]\n", EARLY_MAP_SIZE - 1);

	unsigned long guard = PFN_OF(boot_stack_guard), rodata_end = PFN_UP(__pa(__end_rodata));
	const struct map_range ranges[] = {
	    {0, PFN_OF(_text), PAGE_KERNEL, "low memory and boot code"},
	    {PFN_OF(_text), PFN_OF(__start_rodata), PAGE_KERNEL_RX, ".text"},
	    {PFN_OF(__start_rodata), rodata_end, PAGE_KERNEL_RO, ".rodata"},
	    {rodata_end, guard, PAGE_KERNEL, ".init, .data, .bss"},
	    {guard, guard + 1, __pgprot(0), "boot stack guard page (not mapped)"},
	    {guard + 1, max_low_pfn, PAGE_KERNEL, "rest of the kernel and lowmem"},
	};
	kernel_physical_mapping_init(swapper_pg_dir, ranges, ARRAY_SIZE(ranges), pse);
	page_table_range_init(FIXADDR_START, FIXADDR_TOP, swapper_pg_dir);
	page_table_range_init(PKMAP_BASE, PKMAP_BASE + LAST_PKMAP * PAGE_SIZE, swapper_pg_dir);

	if (pse)
		write_cr4(read_cr4() | X86_CR4_PSE);
	write_cr3(__pa(swapper_pg_dir));
	if (pge)
		write_cr4(read_cr4() | X86_CR4_PGE);
	__flush_tlb_all();
	doublefault_tss.cr3 = __pa(swapper_pg_dir);
	memblock_set_current_limit(max_low_pfn << PAGE_SHIFT);
	direct_map_uses_pse = pse;

	pr_info("x86/mm: lowmem mapped at PAGE_OFFSET with %s pages%s\n", pse ? "4MB" : "4kB",
		pge ? ", global" : "");
	pr_info("Write protecting kernel text and read-only data: %luk\n",
		(rodata_end - PFN_OF(_text)) << (PAGE_SHIFT - 10));
}

// The block older 32-bit Linux printed from mem_init().
void mem_init_print_layout(void)
{
	pr_info("virtual kernel memory layout:\n"
		"    fixmap  : 0x%08lx - 0x%08lx   (%4ld kB)\n"
		"    pkmap   : 0x%08lx - 0x%08lx   (%4ld kB)\n"
		"    vmalloc : 0x%08lx - 0x%08lx   (%4ld MB)\n"
		"    lowmem  : 0x%08lx - 0x%08lx   (%4ld MB)\n"
		"      .init : 0x%08lx - 0x%08lx   (%4ld kB)\n"
		"      .data : 0x%08lx - 0x%08lx   (%4ld kB)\n"
		"      .text : 0x%08lx - 0x%08lx   (%4ld kB)\n",
		FIXADDR_START, FIXADDR_TOP, (long)((FIXADDR_TOP - FIXADDR_START) >> 10), PKMAP_BASE,
		PKMAP_BASE + LAST_PKMAP * PAGE_SIZE, (long)((LAST_PKMAP * PAGE_SIZE) >> 10),
		VMALLOC_START, VMALLOC_END, (long)((VMALLOC_END - VMALLOC_START) >> 20),
		(unsigned long)__va(0), (unsigned long)high_memory,
		(long)(((unsigned long)high_memory - PAGE_OFFSET) >> 20),
		(unsigned long)__init_begin, (unsigned long)__init_end,
		(long)((__init_end - __init_begin) >> 10), (unsigned long)_etext,
		(unsigned long)_edata, (long)((_edata - _etext) >> 10), (unsigned long)_text,
		(unsigned long)_etext, (long)((_etext - _text) >> 10));
}

#define MAX_DMA_PFN ((16UL << 20) >> PAGE_SHIFT) // ISA DMA reaches 16 MiB

// Where each zone ends (Linux: arch/x86/mm/init.c zone_sizes_init).
void __init zone_sizes_init(void)
{
	unsigned long max_zone_pfns[MAX_NR_ZONES] = {};
	max_zone_pfns[ZONE_DMA] = min(MAX_DMA_PFN, max_low_pfn);
	max_zone_pfns[ZONE_NORMAL] = max_low_pfn;
	max_zone_pfns[ZONE_HIGHMEM] = max_pfn;
	free_area_init(max_zone_pfns);
}

#define K(x) ((x) << (PAGE_SHIFT - 10))

// Linux: mem_init_print_info.
static void __init mem_init_print_info(void)
{
	unsigned long physpages = NODE_DATA(0)->node_present_pages;
	pr_info("Memory: %luK/%luK available (%luK kernel code, %luK rwdata, %luK rodata, %luK "
		"init, %luK bss, %luK reserved, 0K cma-reserved, %luK highmem)\n",
		K(nr_free_pages()), K(physpages), (unsigned long)(_etext - _text) >> 10,
		(unsigned long)(_edata - _sdata) >> 10,
		(unsigned long)(__end_rodata - __start_rodata) >> 10,
		(unsigned long)(__init_end - __init_begin) >> 10,
		(unsigned long)(__bss_stop - __bss_start) >> 10,
		K(physpages - totalram_pages_count), K(totalhigh_pages_count));
}

// Linux: arch/x86/mm/init_32.c mem_init, plus init_per_zone_wmark_min,
// which Linux runs a little later as an initcall.
void __init mem_init(void)
{
	init_mem_debugging_and_hardening(); // Linux: mm_init() calls these two before mem_init()
	report_meminit();
	kfence_alloc_pool(); // Linux: mm_init(), while memblock still allocates
	kmap_init();
	boot_phase_mark("zonelists, command line");
	page_ext_init_flatmem(); // Linux: mm_init, before mem_init
	init_debug_pagealloc();
	memblock_free_all();
	boot_phase_mark("memblock_free_all");
	init_per_zone_wmark_min();
	init_overcommit_reserves(); // Linux: init_user_reserve, init_admin_reserve
	mem_init_print_info();
	page_ext_init_flatmem_late(); // Linux: after mem_init, with the buddy allocator up
	kmem_cache_init();	      // Linux: mm_init() calls it right after mem_init()
	kmemleak_init();
	boot_phase_mark("SLUB bootstrap");
	vmalloc_init();
	mmap_init(); // Linux: proc_caches_init() makes these caches a little later
	boot_phase_mark("vmalloc, mm caches");
	mem_init_print_layout();
	pr_info("mm ready: %llu TSC cycles after kernel entry\n",
		(unsigned long long)(rdtsc() - boot_phase_entry_tsc()));
}

// Linux: free_initmem and free_kernel_image_pages. On i386 without PAE the
// .init pages are already writable and there is no NX bit to set, so
// nothing changes in the page tables; the direct map that maps the image
// is the one the buddy allocator hands the pages out through.
void free_initmem(void)
{
	free_reserved_area(__init_begin, __init_end, POISON_FREE_INITMEM,
			   "unused kernel image (initmem)");
}
