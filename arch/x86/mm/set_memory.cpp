/*
 * The direct map's page presence for debug_pagealloc (Linux:
 * arch/x86/mm/pat/set_memory.c __kernel_map_pages, kernel_page_present).
 *
 * Linux changes page attributes through change_page_attr(), splitting a
 * large page if it meets one; debug_pagealloc makes the x86 init map all of
 * lowmem with 4 KiB pages so that never happens. Here the same: a page in a
 * 4 MiB mapping (or none) is left alone, with a warning, since there is no
 * split. As in Linux an unmapped pte keeps its pfn and loses _PAGE_PRESENT
 * and _PAGE_RW, so the oops's "*pte =" still names the frame.
 */
#include <asm/init.h>
#include <asm/pgtable.h>
#include <asm/tlbflush.h>
#include <linux/debug_pagealloc.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/pgtable.h>

// The direct map's pte for a lowmem page, or NULL when no page table maps
// it (a 4 MiB page, or a hole: a pte that never held this frame).
static pte_t *direct_map_pte(struct page *page)
{
	unsigned long vaddr = PAGE_OFFSET + (unsigned long)page_to_phys(page);
	pmd_t *pmd = pmd_off_k(vaddr);
	if (!pmd_present(*pmd) || pmd_large(*pmd))
		return nullptr;
	pte_t *pte = pte_offset_kernel(pmd, vaddr);
	return pte_pfn(*pte) == page_to_pfn(page) ? pte : nullptr;
}

// Maps (enable) or unmaps numpages lowmem pages in the direct map; a page
// not mapped with a 4 KiB pte warns once and ends the call. Context: any,
// interrupts off too (the page allocator calls it).
void __kernel_map_pages(struct page *page, int numpages, int enable)
{
	if (PageHighMem(page)) // not in the direct map at all
		return;
	for (int i = 0; i < numpages; i++) {
		pte_t *pte = direct_map_pte(page + i);
		if (!pte) {
			WARN_ONCE(1, "debug_pagealloc: pfn %#lx is not mapped with a 4k page\n",
				  page_to_pfn(page + i));
			return;
		}
		pteval_t v = pte_val(*pte) & ~(pteval_t)(_PAGE_PRESENT | _PAGE_RW);
		if (enable)
			v |= _PAGE_PRESENT | _PAGE_RW;
		set_pte(pte, __pte(v));
	}
	// Linux flushes the whole TLB every time; a few pages are cheaper one by one
	if (numpages > 32) {
		__flush_tlb_all();
		return;
	}
	for (int i = 0; i < numpages; i++)
		flush_tlb_one_kernel(PAGE_OFFSET + (unsigned long)page_to_phys(page + i));
}

// Whether the direct map maps page (highmem pages: always). Context: any.
bool kernel_page_present(struct page *page)
{
	if (PageHighMem(page))
		return true;
	unsigned long vaddr = PAGE_OFFSET + (unsigned long)page_to_phys(page);
	pmd_t *pmd = pmd_off_k(vaddr);
	if (!pmd_present(*pmd))
		return false;
	return pmd_large(*pmd) || pte_present(*pte_offset_kernel(pmd, vaddr));
}
