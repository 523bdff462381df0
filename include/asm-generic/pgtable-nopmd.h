#pragma once
// Folding the pmd level into the pud (Linux: include/asm-generic/pgtable-nopmd.h).
// On 2-level i386 the "pmd" a walker reaches is the page-directory entry itself.
#include <asm-generic/pgtable-nopud.h>
#define PTRS_PER_PMD 1
typedef struct {
	pud_t pud;
} pmd_t;
static inline int pud_none(pud_t) { return 0; }
static inline int pud_present(pud_t) { return 1; }
static inline pmd_t *pmd_offset(pud_t *pud, unsigned long) { return (pmd_t *)pud; }
