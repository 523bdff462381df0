#pragma once
// The mock arch: tests translate through mm->pgd themselves; record the switch.
#include <asm/pgtable.h>
extern pgd_t *mock_cr3_pgd;
static inline void arch_switch_mm(pgd_t *pgd) { mock_cr3_pgd = pgd; }
