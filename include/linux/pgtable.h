#pragma once
/*
 * The generic page-table walks (Linux: include/linux/pgtable.h): from an
 * mm, or from swapper_pg_dir for kernel addresses, down to the pmd that
 * holds addr. On 2-level i386 p4d, pud and pmd are folded, so each walk is
 * the pgd entry itself; written out in full, it stays right if PAE unfolds
 * a level (asm/pgtable.h).
 */
#include <asm/pgtable.h>
#include <linux/mm_space.h>

static inline pmd_t *pmd_off(struct mm_struct *mm, unsigned long va)
{
	return pmd_offset(pud_offset(p4d_offset(pgd_offset(mm, va), va), va), va);
}

// Linux: pmd_off(&init_mm, va); init_mm's page directory is swapper_pg_dir.
static inline pmd_t *pmd_off_k(unsigned long va)
{
	return pmd_offset(pud_offset(p4d_offset(pgd_offset_k(va), va), va), va);
}

// The kernel pte for vaddr, or NULL when no page table covers it.
static inline pte_t *virt_to_kpte(unsigned long vaddr)
{
	pmd_t *pmd = pmd_off_k(vaddr);
	return pmd_none(*pmd) ? nullptr : pte_offset_kernel(pmd, vaddr);
}
