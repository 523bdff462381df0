#pragma once
// Loading an address space (Linux: arch/x86/include/asm/mmu_context.h).
#include <asm/page_types.h>
#include <asm/pgtable.h>
#include <asm/processor.h>

static inline void arch_switch_mm(pgd_t *pgd) { write_cr3(__pa(pgd)); }
