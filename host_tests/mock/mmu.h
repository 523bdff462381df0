#pragma once
// The mock arch's MMU: translates a virtual address the way an i386 CPU
// without PAE does (CR0.WP set), reading the page tables from the mock's
// physical memory. Host tests check the tables mm/ builds with it.
#include <linux/types.h>

enum mmu_access { MMU_READ, MMU_WRITE };

struct mmu_result {
	bool ok;
	phys_addr_t phys;	  // when ok
	unsigned long error_code; // when not: the #PF error code the CPU would push
	bool large;		  // translated through a 4 MiB page
};

mmu_result mmu_translate(phys_addr_t pgd_phys, unsigned long vaddr, mmu_access access, bool user,
			 bool pse_enabled);
