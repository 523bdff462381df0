// The fixmap side of kmap_local on i386 (Linux: arch/x86/mm/highmem_32.c,
// kmap_local's __kmap_local_pfn_prot): write the slot's pte, flush its TLB entry.
#include <asm/fixmap.h>
#include <asm/init.h>
#include <asm/kmap.h>
#include <asm/pgtable_32_areas.h>
#include <asm/tlbflush.h>

void *arch_kmap_local_map(unsigned long pfn, int idx)
{
	unsigned long vaddr = __fix_to_virt(FIX_KMAP_BEGIN + idx);
	set_pte(kernel_pte_slot(swapper_pg_dir, vaddr), pfn_pte(pfn, PAGE_KERNEL));
	flush_tlb_one_kernel(vaddr);
	return (void *)vaddr;
}

void arch_kmap_local_unmap(void *vaddr, int idx)
{
	unsigned long va = (unsigned long)vaddr & PAGE_MASK;
	pte_clear(kernel_pte_slot(swapper_pg_dir, va));
	flush_tlb_one_kernel(va);
}

void arch_pkmap_set(int nr, unsigned long pfn)
{
	set_pte(kernel_pte_slot(swapper_pg_dir, PKMAP_ADDR(nr)), pfn_pte(pfn, PAGE_KERNEL));
}

void arch_pkmap_clear(int nr) { pte_clear(kernel_pte_slot(swapper_pg_dir, PKMAP_ADDR(nr))); }

void arch_pkmap_flush(void) { __flush_tlb_all(); }
