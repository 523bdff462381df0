#pragma once
/*
 * i386 page-table entries without PAE (Linux: arch/x86/include/asm/pgtable_types.h).
 *
 * A page-directory entry (pgd) or page-table entry (pte) is 32 bits:
 *
 *   31                    12 11   9  8   7   6   5   4   3   2   1   0
 *  +------------------------+------+---+---+---+---+---+---+---+---+---+
 *  | page frame number      | AVL  | G |PSE| D | A |PCD|PWT| U | RW| P |
 *  +------------------------+------+---+---+---+---+---+---+---+---+---+
 *
 *  P    present: if 0, any access faults and the other bits are free
 *  RW   writable (the kernel too, since CR0.WP is set)
 *  U    user-mode access allowed
 *  A/D  accessed / dirty, set by the CPU
 *  PSE  in a pgd entry: maps a 4 MiB page directly, no page table below
 *  G    global: kept in the TLB across CR3 loads (needs CR4.PGE)
 *
 * A virtual address splits 10/10/12: pgd index, pte index, offset
 * (PGDIR_SHIFT 22, PAGE_SHIFT 12); with PSE it splits 10/22.
 */
#include <asm/page_types.h>
#include <linux/types.h>

#define _PAGE_BIT_PRESENT 0
#define _PAGE_BIT_RW 1
#define _PAGE_BIT_USER 2
#define _PAGE_BIT_PWT 3
#define _PAGE_BIT_PCD 4
#define _PAGE_BIT_ACCESSED 5
#define _PAGE_BIT_DIRTY 6
#define _PAGE_BIT_PSE 7
#define _PAGE_BIT_GLOBAL 8

#define _PAGE_PRESENT (1u << _PAGE_BIT_PRESENT)
#define _PAGE_RW (1u << _PAGE_BIT_RW)
#define _PAGE_USER (1u << _PAGE_BIT_USER)
#define _PAGE_PWT (1u << _PAGE_BIT_PWT)
#define _PAGE_PCD (1u << _PAGE_BIT_PCD)
#define _PAGE_ACCESSED (1u << _PAGE_BIT_ACCESSED)
#define _PAGE_DIRTY (1u << _PAGE_BIT_DIRTY)
#define _PAGE_PSE (1u << _PAGE_BIT_PSE)
#define _PAGE_GLOBAL (1u << _PAGE_BIT_GLOBAL)

typedef u32 pteval_t;
typedef u32 pgdval_t;
typedef struct {
	pteval_t pgprot;
} pgprot_t;

#define PTE_PFN_MASK ((pteval_t)PAGE_MASK)
#define PTE_FLAGS_MASK (~PTE_PFN_MASK)

// A pgd entry that points to a page table. Linux sets _PAGE_USER here too:
// the pte below decides who may access the page.
#define _PAGE_TABLE (_PAGE_PRESENT | _PAGE_RW | _PAGE_USER | _PAGE_ACCESSED | _PAGE_DIRTY)
#define _KERNPG_TABLE (_PAGE_PRESENT | _PAGE_RW | _PAGE_ACCESSED | _PAGE_DIRTY)

// Kernel mappings; _PAGE_GLOBAL is dropped by __supported_pte_mask without PGE.
#define __PAGE_KERNEL (_PAGE_PRESENT | _PAGE_RW | _PAGE_DIRTY | _PAGE_ACCESSED | _PAGE_GLOBAL)
#define __PAGE_KERNEL_RO (__PAGE_KERNEL & ~_PAGE_RW)
#define __PAGE_KERNEL_RX __PAGE_KERNEL_RO // no NX bit without PAE: RX is RO
#define __PAGE_KERNEL_LARGE (__PAGE_KERNEL | _PAGE_PSE)

extern pteval_t __supported_pte_mask;
static inline pgprot_t __pgprot(pteval_t v) { return {v}; }
static inline pteval_t pgprot_val(pgprot_t p) { return p.pgprot; }
#define PAGE_KERNEL __pgprot(__PAGE_KERNEL &__supported_pte_mask)
#define PAGE_KERNEL_RO __pgprot(__PAGE_KERNEL_RO &__supported_pte_mask)
#define PAGE_KERNEL_RX __pgprot(__PAGE_KERNEL_RX &__supported_pte_mask)
#define PAGE_KERNEL_LARGE __pgprot(__PAGE_KERNEL_LARGE &__supported_pte_mask)
