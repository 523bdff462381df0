#pragma once
// TLB maintenance (Linux: arch/x86/include/asm/tlbflush.h).
#include <asm/processor.h>

// Every translation of this CPU, global ones too: toggling CR4.PGE drops
// global entries, a CR3 load the rest.
static inline void __flush_tlb_all(void)
{
	unsigned long cr4 = read_cr4();
	if (cr4 & X86_CR4_PGE) {
		write_cr4(cr4 & ~X86_CR4_PGE);
		write_cr4(cr4);
	} else {
		write_cr3(read_cr3());
	}
}

// One kernel page's translation.
static inline void flush_tlb_one_kernel(unsigned long addr)
{
	__asm__ volatile("invlpg (%0)" ::"r"(addr) : "memory");
}

// One user page of the current address space (invlpg works for any address).
static inline void flush_tlb_one_user(unsigned long addr) { flush_tlb_one_kernel(addr); }
