#pragma once
/*
 * The page-table API generic code uses (Linux: arch/x86/include/asm/pgtable.h,
 * pgtable_32.h, pgtable-2level.h).
 *
 * mm/ always walks five levels:
 *
 *   pgd_offset -> p4d_offset -> pud_offset -> pmd_offset -> pte_offset_kernel
 *
 * i386 without PAE has two: the page directory (1024 pgd entries, 4 MiB
 * each) and page tables (1024 ptes, 4 KiB each). p4d, pud and pmd are folded
 * (asm-generic/pgtable-nop*.h): a pmd_t is the pgd entry. PAE or x86_64 will
 * unfold levels here without mm/ changing. include/linux/pgtable.h has the
 * walks generic code uses: pmd_off(mm, addr), pmd_off_k(addr).
 *
 * As in Linux, this header brings in the 32-bit area layout
 * (asm/pgtable_32_areas.h: VMALLOC_START, PKMAP_BASE...); generic code
 * includes this one, never an _32 header.
 */
#include <asm/pgtable_types.h>

typedef struct {
	pteval_t pte;
} pte_t;
typedef struct {
	pgdval_t pgd;
} pgd_t;

#include <asm-generic/pgtable-nopmd.h>

#define PGDIR_SHIFT 22
#define PTRS_PER_PGD 1024
#define PTRS_PER_PTE 1024
#define PMD_SHIFT PGDIR_SHIFT // folded
#define PMD_SIZE (1UL << PMD_SHIFT)
#define PMD_MASK (~(PMD_SIZE - 1))
#define PGDIR_SIZE PMD_SIZE
#define USER_PTRS_PER_PGD (PAGE_OFFSET / PGDIR_SIZE)
#define KERNEL_PGD_BOUNDARY (PAGE_OFFSET >> PGDIR_SHIFT)

extern pgd_t swapper_pg_dir[PTRS_PER_PGD]; // the kernel's page directory

static inline pteval_t pte_val(pte_t pte) { return pte.pte; }
static inline pgdval_t pgd_val(pgd_t pgd) { return pgd.pgd; }
static inline pgdval_t pmd_val(pmd_t pmd) { return pmd.pud.p4d.pgd.pgd; }
static inline pte_t __pte(pteval_t v) { return {v}; }
static inline pgd_t __pgd(pgdval_t v) { return {v}; }
static inline pmd_t __pmd(pgdval_t v) { return {{{{v}}}}; }

static inline void set_pte(pte_t *ptep, pte_t pte) { *ptep = pte; }
static inline void set_pmd(pmd_t *pmdp, pmd_t pmd) { *pmdp = pmd; }
static inline void pte_clear(pte_t *ptep) { set_pte(ptep, __pte(0)); }
static inline void pmd_clear(pmd_t *pmdp) { set_pmd(pmdp, __pmd(0)); }

static inline unsigned long pgd_index(unsigned long addr)
{
	return (addr >> PGDIR_SHIFT) & (PTRS_PER_PGD - 1);
}
static inline unsigned long pte_index(unsigned long addr)
{
	return (addr >> PAGE_SHIFT) & (PTRS_PER_PTE - 1);
}
static inline pgd_t *pgd_offset_pgd(pgd_t *pgd, unsigned long addr)
{
	return pgd + pgd_index(addr);
}
#define pgd_offset_k(addr) pgd_offset_pgd(swapper_pg_dir, (addr))
#define pgd_offset(mm, addr) pgd_offset_pgd((mm)->pgd, (addr))

static inline int pmd_none(pmd_t pmd) { return pmd_val(pmd) == 0; }
static inline int pmd_present(pmd_t pmd) { return pmd_val(pmd) & _PAGE_PRESENT; }
static inline int pmd_large(pmd_t pmd)
{
	return (pmd_val(pmd) & (_PAGE_PSE | _PAGE_PRESENT)) == (_PAGE_PSE | _PAGE_PRESENT);
}
static inline unsigned long pmd_page_vaddr(pmd_t pmd)
{
	return (unsigned long)__va(pmd_val(pmd) & PTE_PFN_MASK);
}
static inline unsigned long pmd_pfn(pmd_t pmd)
{
	return (pmd_val(pmd) & PTE_PFN_MASK) >> PAGE_SHIFT;
}

// The pte for addr in the page table that pmd points to.
static inline pte_t *pte_offset_kernel(pmd_t *pmd, unsigned long addr)
{
	return (pte_t *)pmd_page_vaddr(*pmd) + pte_index(addr);
}

static inline int pte_none(pte_t pte) { return pte_val(pte) == 0; }
static inline int pte_present(pte_t pte) { return pte_val(pte) & _PAGE_PRESENT; }
static inline int pte_write(pte_t pte) { return pte_val(pte) & _PAGE_RW; }
static inline unsigned long pte_pfn(pte_t pte)
{
	return (pte_val(pte) & PTE_PFN_MASK) >> PAGE_SHIFT;
}
static inline pte_t pfn_pte(unsigned long pfn, pgprot_t prot)
{
	return __pte(((pteval_t)pfn << PAGE_SHIFT) | pgprot_val(prot));
}
static inline pmd_t pfn_pmd(unsigned long pfn, pgprot_t prot)
{
	return __pmd(((pgdval_t)pfn << PAGE_SHIFT) | pgprot_val(prot));
}

// Kernel virtual <-> physical for the direct map (Linux: asm/io.h).
static inline phys_addr_t virt_to_phys(const volatile void *addr) { return __pa(addr); }
static inline void *phys_to_virt(phys_addr_t pa) { return __va(pa); }

#include <asm/pgtable_32_areas.h> // Linux: via asm/pgtable_32.h
