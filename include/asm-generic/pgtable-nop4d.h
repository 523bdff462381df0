#pragma once
// Folding the p4d level into the pgd (Linux: include/asm-generic/pgtable-nop4d.h).
// Generic mm code always walks pgd -> p4d -> pud -> pmd -> pte; on i386 three
// of those levels do not exist, so each is a one-entry table that *is* the
// entry above it. The compiler removes the steps entirely.
#define PTRS_PER_P4D 1
typedef struct {
	pgd_t pgd;
} p4d_t;
static inline int pgd_none(pgd_t) { return 0; }	   // a folded level is never empty...
static inline int pgd_present(pgd_t) { return 1; } // ...and always present:
static inline int pgd_bad(pgd_t) { return 0; }	   // the real check is at the pmd
static inline p4d_t *p4d_offset(pgd_t *pgd, unsigned long) { return (p4d_t *)pgd; }
