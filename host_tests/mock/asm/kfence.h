#pragma once
// The mock arch's KFENCE part: no page tables to split; protect/unprotect
// are recorded per pool page, so tests see what would fault.
#include <linux/kfence.h>

inline bool mock_kfence_protected[KFENCE_POOL_SIZE / PAGE_SIZE];

static inline bool arch_kfence_init_pool(void) { return true; }

static inline bool kfence_protect_page(unsigned long addr, bool protect)
{
	mock_kfence_protected[(addr - (unsigned long)__kfence_pool) / PAGE_SIZE] = protect;
	return true;
}
