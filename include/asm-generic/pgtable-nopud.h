#pragma once
// Folding the pud level into the p4d (Linux: include/asm-generic/pgtable-nopud.h).
#include <asm-generic/pgtable-nop4d.h>
#define PTRS_PER_PUD 1
typedef struct {
	p4d_t p4d;
} pud_t;
static inline int p4d_none(p4d_t) { return 0; }
static inline int p4d_present(p4d_t) { return 1; }
static inline pud_t *pud_offset(p4d_t *p4d, unsigned long) { return (pud_t *)p4d; }
