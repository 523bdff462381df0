// The kernel's page tables and memblock, checked on the running kernel at
// every memory size of the boot matrix.
#include <asm/e820/api.h>
#include <asm/init.h>
#include <asm/pgtable_32_areas.h>
#include <asm/processor.h>
#include <asm/sections.h>
#include <asm/setup.h>
#include <linux/debug_pagealloc.h>
#include <linux/gfp.h>
#include <linux/highmem.h>
#include <linux/init.h>
#include <linux/kallsyms.h>
#include <linux/kernel.h>
#include <linux/kfence.h>
#include <linux/ktest.h>
#include <linux/memblock.h>
#include <linux/pgwalk.h>
#include <linux/string.h>

static struct pgwalk walk(unsigned long vaddr)
{
	struct pgwalk w;
	pgwalk(swapper_pg_dir, vaddr, &w);
	return w;
}

KTEST(mm, cr3_is_swapper_pg_dir) { KTEST_EXPECT_EQ(test, read_cr3(), __pa(swapper_pg_dir)); }

// The walker's answer for sampled lowmem addresses is __pa(), at every size.
KTEST(mm, direct_map_translates)
{
	unsigned long end = max_low_pfn << PAGE_SHIFT, step = max(end / 97, PAGE_SIZE) | 0x123;
	for (unsigned long pa = 0; pa < end; pa += step) {
		unsigned long va = (unsigned long)__va(pa);
		if (PFN_DOWN(pa) == PFN_DOWN(__pa(boot_stack_guard)) ||
		    is_kfence_address((void *)va))
			continue; // guard pages (KFENCE's: kfence.pool_layout)
		struct pgwalk w = walk(va);
		if (!w.mapped && debug_pagealloc_enabled_static() &&
		    !strncmp(debug_pagealloc_page_state(pfn_to_page(PFN_DOWN(pa))), "free", 4))
			continue; // a free page, unmapped by debug_pagealloc
		KTEST_EXPECT_TRUE(test, w.mapped);
		KTEST_EXPECT_EQ(test, w.phys, pa);
		KTEST_EXPECT_EQ(test, __pa(va), pa);
	}
	KTEST_EXPECT_TRUE(test, walk((unsigned long)__va(end - 1)).mapped);
	if (end < MAXMEM) // lowmem ends where RAM ends: nothing mapped past it
		KTEST_EXPECT_FALSE(test, walk(ALIGN((unsigned long)__va(end), PMD_SIZE)).mapped);
}

KTEST(mm, kernel_image_protection)
{
	KTEST_EXPECT_FALSE(test, walk((unsigned long)_text).flags & _PAGE_RW);
	KTEST_EXPECT_FALSE(test, walk((unsigned long)_etext - 1).flags & _PAGE_RW);
	KTEST_EXPECT_FALSE(test, walk((unsigned long)__start_rodata).flags & _PAGE_RW);
	KTEST_EXPECT_TRUE(test, walk((unsigned long)_sdata).flags & _PAGE_RW);
	KTEST_EXPECT_TRUE(test, walk((unsigned long)__bss_start).flags & _PAGE_RW);
	KTEST_EXPECT_TRUE(test, walk((unsigned long)boot_stack).flags & _PAGE_RW);
	KTEST_EXPECT_FALSE(test, walk((unsigned long)boot_stack_guard).mapped);
	struct pgwalk w = walk((unsigned long)_text);
	KTEST_EXPECT_EQ(test, w.nr_levels, 2); // 4 KiB pages around the image
	KTEST_EXPECT_TRUE(test, read_cr0() & X86_CR0_WP);
}

// 4 MiB pages for the direct map beyond the kernel's piece, global pages.
KTEST(mm, pse_and_global_pages)
{
	u32 a, b, c, d;
	cpuid(1, &a, &b, &c, &d);
	unsigned long probe = PAGE_OFFSET + 2 * PMD_SIZE;
	if (max_low_pfn << PAGE_SHIFT < 3 * PMD_SIZE)
		KTEST_SKIP(test, "lowmem too small for a whole 4 MiB page");
	struct pgwalk w = walk(probe);
	KTEST_EXPECT_EQ(test, w.nr_levels, direct_map_uses_pse ? 1 : 2);
	KTEST_EXPECT_EQ(test, !!(read_cr4() & X86_CR4_PSE), direct_map_uses_pse);
	bool pge = d & X86_FEATURE_PGE;
	// the entry itself: a pte debug_pagealloc cleared keeps its other bits
	KTEST_EXPECT_EQ(test, !!(w.level[w.nr_levels - 1].entry & _PAGE_GLOBAL), pge);
	KTEST_EXPECT_EQ(test, !!(read_cr4() & X86_CR4_PGE), pge);
}

KTEST(mm, pkmap_and_fixmap_tables_ready)
{
	const unsigned long areas[] = {PKMAP_BASE, FIXADDR_START, FIXADDR_TOP};
	for (unsigned long va : areas) {
		struct pgwalk w = walk(va);
		KTEST_EXPECT_EQ(test, w.nr_levels, 2); // a page table is there...
		KTEST_EXPECT_TRUE(test, w.level[0].present);
		KTEST_EXPECT_FALSE(test, w.mapped); // ...with nothing mapped yet
	}
}

KTEST(mm, virtual_layout)
{
	KTEST_EXPECT_EQ(test, PKMAP_BASE, 0xff800000);
	KTEST_EXPECT_EQ(test, VMALLOC_END, 0xff7fe000);
	KTEST_EXPECT_EQ(test, (unsigned long)high_memory,
			(unsigned long)__va(max_low_pfn << PAGE_SHIFT));
	KTEST_EXPECT_EQ(test, VMALLOC_START, (unsigned long)high_memory + (8 << 20));
	KTEST_EXPECT_TRUE(test, VMALLOC_END - VMALLOC_START >= __VMALLOC_RESERVE - VMALLOC_OFFSET);
	KTEST_EXPECT_TRUE(test, FIXADDR_START > PKMAP_BASE + LAST_PKMAP * PAGE_SIZE);
	KTEST_EXPECT_TRUE(test, max_low_pfn <= min(max_pfn, (unsigned long)MAXMEM_PFN));
	if (!strstr(boot_command_line, "highmem=")) // else highmem= moved the split down
		KTEST_EXPECT_EQ(test, max_low_pfn, min(max_pfn, (unsigned long)MAXMEM_PFN));
}

// [start, end) is e820 RAM, but for the kernel image: a map with a hole
// there (cutmem 1M 2M) has it added anyway (keep_kernel_image_ram()).
static bool e820_ram_or_image(u64 start, u64 end)
{
	u64 img_start = (unsigned long)__boot_start, img_end = __pa(_end);
	return (start >= min(end, img_start) ||
		e820__mapped_all(start, min(end, img_start), E820_TYPE_RAM)) &&
	       (max(start, img_end) >= end ||
		e820__mapped_all(max(start, img_end), end, E820_TYPE_RAM));
}

// memblock.memory is exactly the usable e820 RAM below 4 GiB, page-trimmed,
// and the kernel image.
KTEST(mm, memblock_memory_matches_e820)
{
	struct memblock_region *r;
	for_each_mem_region(r) {
		KTEST_EXPECT_TRUE(test, e820_ram_or_image(r->base, (u64)r->base + r->size));
		KTEST_EXPECT_TRUE(test, IS_ALIGNED(r->base | r->size, PAGE_SIZE));
	}
	for (u32 i = 0; i < e820_table->nr_entries; i++) {
		const struct e820_entry *e = &e820_table->entries[i];
		u64 start = ALIGN(e->addr, PAGE_SIZE),
		    end = ALIGN_DOWN(e->addr + e->size, PAGE_SIZE);
		if (e->type != E820_TYPE_RAM || end > (1ULL << 32) || start >= end)
			continue;
		KTEST_EXPECT_TRUE(test, memblock_is_region_memory(start, end - start));
	}
	KTEST_EXPECT_FALSE(test, memblock_is_memory(0));       // page 0: e820 update
	KTEST_EXPECT_FALSE(test, memblock_is_memory(0xa0000)); // the ISA hole
	// highmem= may leave RAM above max_pfn unused (Linux: highmem_pfn_init)
	KTEST_EXPECT_LE(test, max_pfn, PFN_DOWN(memblock_end_of_DRAM()));
	if (!strstr(boot_command_line, "highmem="))
		KTEST_EXPECT_EQ(test, PFN_DOWN(memblock_end_of_DRAM()), max_pfn);
}

KTEST(mm, memblock_reserves_what_is_in_use)
{
	KTEST_EXPECT_TRUE(test, memblock_is_reserved(0));
	KTEST_EXPECT_TRUE(test, memblock_is_reserved(SZ_64K - 1));
	KTEST_EXPECT_TRUE(test, memblock_is_reserved(0x9f000)); // EBDA and BIOS
	for (unsigned long a = (unsigned long)__boot_start; a < __pa(_end); a += PAGE_SIZE)
		KTEST_EXPECT_TRUE(test, memblock_is_reserved(a));
	KTEST_EXPECT_TRUE(test, memblock_is_reserved(multiboot_info_phys));
	KTEST_EXPECT_TRUE(test,
			  memblock_is_reserved(multiboot_info_phys + boot_info.total_size - 1));
	// the page tables under swapper_pg_dir came from memblock, except those
	// vmalloc made since (from the page allocator)
	for (unsigned long i = KERNEL_PGD_BOUNDARY; i < PTRS_PER_PGD; i++) {
		pgdval_t e = pgd_val(swapper_pg_dir[i]);
		if (i << PGDIR_SHIFT >= (VMALLOC_START & PMD_MASK) &&
		    i << PGDIR_SHIFT < VMALLOC_END)
			continue;
		unsigned long pool = (unsigned long)__kfence_pool, va = i << PGDIR_SHIFT;
		if (pool && va + PMD_SIZE > pool && va < pool + KFENCE_POOL_SIZE)
			continue; // KFENCE split it (page allocator: set_memory_4k())
		if ((e & _PAGE_PRESENT) && !(e & _PAGE_PSE))
			KTEST_EXPECT_TRUE(test, memblock_is_reserved(e & PAGE_MASK));
	}
	KTEST_EXPECT_EQ(test, memblock_get_current_limit(), max_low_pfn << PAGE_SHIFT);
}

// Module "pattern": byte i is (i * 7 + 3) & 0xff (tools/testing/qemu_boot_test.py).
static bool module_intact(const struct multiboot_tag_module *m)
{
	const u8 *p = (const u8 *)__va(m->mod_start);
	for (u32 i = 0; i < m->mod_end - m->mod_start; i++)
		if (p[i] != (u8)(i * 7 + 3))
			return false;
	return true;
}

static u32 checksum(const u8 *p, u32 n)
{
	u32 sum = 0;
	for (u32 i = 0; i < n; i++)
		sum = sum * 31 + p[i];
	return sum;
}

/*
 * Takes every page the page allocator will hand out (below the watermarks
 * too), writes over all of it, then checks that nothing GRUB or the
 * firmware still uses was hit: the boot information, the modules, the symbol
 * table. Then gives it all back.
 */
KTEST(memblock, scribble_free_memory)
{
	const u8 *mbi = (const u8 *)__va(multiboot_info_phys);
	u32 before = checksum(mbi, boot_info.total_size), modules_ok = 0;
	struct list_head held;
	INIT_LIST_HEAD(&held);
	unsigned long scribbled = 0;
	for (int order = MAX_ORDER - 1; order >= 0; order--) {
		while (struct page *page =
			   alloc_pages(GFP_HIGHUSER | __GFP_MEMALLOC | __GFP_NOWARN, order)) {
			for (unsigned long i = 0; i < (1UL << order); i++) {
				void *addr = kmap_local_page(page + i);
				memset(addr, 0xa5, PAGE_SIZE);
				kunmap_local(addr);
			}
			page->index = order;
			list_add(&page->lru, &held);
			scribbled += 1UL << order;
		}
	}
	KTEST_EXPECT_TRUE(test, scribbled > 0);
	KTEST_EXPECT_EQ(test, nr_free_pages(), 0); // all of it was handed out
	KTEST_EXPECT_EQ(test, checksum(mbi, boot_info.total_size), before);
	struct mb2_info again;
	KTEST_EXPECT_EQ(test, multiboot2_parse(mbi, boot_info.total_size, &again), 0);
	KTEST_EXPECT_EQ(test, again.nr_tags, boot_info.nr_tags);
	for (u32 m = 0; m < boot_info.nr_modules; m++) {
		if (strcmp(boot_info.modules[m]->cmdline, "pattern"))
			continue;
		KTEST_EXPECT_TRUE(test, module_intact(boot_info.modules[m]));
		modules_ok++;
	}
	if (strstr(boot_command_line, "expect_module"))
		KTEST_EXPECT_EQ(test, modules_ok, 1);
	if (!kallsyms_dropped) // else there are no names to look up
		KTEST_EXPECT_TRUE(test, is_kernel_text(kallsyms_lookup_name("start_kernel")));
	free_pages_list(&held);
}

// .init stays reserved while the kernel boots and is the buddy allocator's
// once pid 1 has called free_initmem(): at boot (ktest=all) the first half
// holds, from the shell's `ktest` the second. Either way its symbols still
// name .init.text, so an oops that shows an old address there reads right.
KTEST(mm, initmem_freed_once_running)
{
	unsigned long first = PFN_DOWN(__pa(__init_begin)), end = PFN_DOWN(__pa(__init_end));
	KTEST_EXPECT_TRUE(test, IS_ALIGNED((unsigned long)__init_end, PAGE_SIZE));
	KTEST_ASSERT_TRUE(test, end > first);
	bool running = system_state >= SYSTEM_FREEING_INITMEM;
	unsigned long reserved = 0;
	for (unsigned long pfn = first; pfn < end; pfn++)
		reserved += PageReserved(pfn_to_page(pfn));
	KTEST_EXPECT_EQ(test, reserved, running ? 0 : end - first);
	KTEST_EXPECT_EQ(test, __kernel_text_address((unsigned long)_sinittext), !running);
	if (!kallsyms_dropped)
		KTEST_EXPECT_TRUE(test, is_kernel_inittext(kallsyms_lookup_name("setup_arch")));
}
