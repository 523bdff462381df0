#pragma once
/*
 * KFENCE's arch part for i386 (Linux: arch/x86/include/asm/kfence.h).
 *
 * A guard page is a direct-map page whose pte lacks _PAGE_PRESENT, so the
 * pool has to be mapped with 4 KiB pages. init_mem_mapping() maps lowmem with
 * 4 MiB pages where it can: arch_kfence_init_pool() splits each 4 MiB page
 * the pool touches into a page table of 1024 ptes with the same rights
 * (Linux: set_memory_4k(), split_large_page()).
 */
#include <asm/pgtable.h>
#include <asm/tlbflush.h>
#include <linux/gfp.h>
#include <linux/kfence.h>
#include <linux/mm.h>
#include <linux/pgtable.h>

// Linux: lookup_address() at PG_LEVEL_4K; NULL for a 4 MiB or missing mapping.
static inline pte_t *kfence_lookup_pte(unsigned long addr)
{
	pmd_t *pmd = pmd_off_k(addr);
	if (!pmd_present(*pmd) || pmd_large(*pmd))
		return nullptr;
	return pte_offset_kernel(pmd, addr);
}

// One 4 MiB page as 1024 small ones, same frames, same rights.
static inline bool kfence_split_large_page(pmd_t *pmd)
{
	struct page *page = alloc_page(GFP_KERNEL | __GFP_ZERO);
	if (!page)
		return false;
	pte_t *table = (pte_t *)page_address(page);
	pgprot_t prot = __pgprot(pmd_val(*pmd) & ~PMD_MASK & ~(pteval_t)_PAGE_PSE);
	unsigned long pfn = (pmd_val(*pmd) & PMD_MASK) >> PAGE_SHIFT;
	for (int i = 0; i < PTRS_PER_PTE; i++)
		set_pte(&table[i], pfn_pte(pfn + i, prot));
	set_pmd(pmd, __pmd(__pa(table) | _KERNPG_TABLE));
	__flush_tlb_all(); // the 4 MiB translation may be global
	return true;
}

// Linux: arch_kfence_init_pool. False if a page table could not be had.
static inline bool arch_kfence_init_pool(void)
{
	unsigned long start = (unsigned long)__kfence_pool, end = start + KFENCE_POOL_SIZE;
	for (unsigned long addr = start & PMD_MASK; addr < end; addr += PMD_SIZE) {
		pmd_t *pmd = pmd_off_k(addr);
		if (pmd_large(*pmd) && !kfence_split_large_page(pmd))
			return false;
	}
	return true;
}

// Linux: kfence_protect_page. protect: the page faults on every access.
static inline bool kfence_protect_page(unsigned long addr, bool protect)
{
	pte_t *pte = kfence_lookup_pte(addr);
	if (!pte)
		return false;
	if (protect)
		set_pte(pte, __pte(pte_val(*pte) & ~(pteval_t)_PAGE_PRESENT));
	else
		set_pte(pte, __pte(pte_val(*pte) | _PAGE_PRESENT));
	flush_tlb_one_kernel(addr);
	return true;
}
