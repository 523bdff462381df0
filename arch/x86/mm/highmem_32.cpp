// The fixmap side of kmap_local on i386 (Linux: arch/x86/mm/highmem_32.c,
// kmap_local's __kmap_local_pfn_prot): write the slot's pte, flush its TLB entry.
#include <asm/fixmap.h>
#include <asm/kmap.h>
#include <asm/pgtable.h>
#include <asm/tlbflush.h>
#include <linux/pgtable.h>

void *arch_kmap_local_map(unsigned long pfn, int idx)
{
	unsigned long vaddr = __fix_to_virt(FIX_KMAP_BEGIN + idx);
	set_pte(virt_to_kpte(vaddr), pfn_pte(pfn, PAGE_KERNEL));
	flush_tlb_one_kernel(vaddr);
	return (void *)vaddr;
}

void arch_kmap_local_unmap(void *vaddr, int idx)
{
	unsigned long va = (unsigned long)vaddr & PAGE_MASK;
	pte_clear(virt_to_kpte(va));
	flush_tlb_one_kernel(va);
}

void arch_pkmap_set(int nr, unsigned long pfn)
{
	set_pte(virt_to_kpte(PKMAP_ADDR(nr)), pfn_pte(pfn, PAGE_KERNEL));
}

void arch_pkmap_clear(int nr) { pte_clear(virt_to_kpte(PKMAP_ADDR(nr))); }

void arch_pkmap_flush(void) { __flush_tlb_all(); }
