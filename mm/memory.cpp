/*
 * User page tables and page faults (Linux: mm/memory.c).
 *
 * Differs from Linux: two-level tables (p4d, pud and pmd folded, so
 * pmd_off() is the pgd entry) whose pte tables are always lowmem, so no
 * pte_offset_map()/pte_unmap() pairs; no page-table locks or mmap lock (one
 * CPU, no tasks); anonymous private memory only, a refcount and _mapcount
 * per page instead of rmap.
 */
#include <asm/mmu_context.h>
#include <asm/tlbflush.h>
#include <linux/errno.h>
#include <linux/highmem.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/mm_space.h>
#include <linux/pgtable.h>

#include "internal.h"

struct mm_struct *current_mm;

void switch_mm(struct mm_struct *mm)
{
	current_mm = mm;
	arch_switch_mm(mm ? mm->pgd : swapper_pg_dir);
}

static struct page *the_zero_page;

struct page *zero_page(void)
{
	if (!the_zero_page)
		the_zero_page = alloc_page(GFP_KERNEL | __GFP_ZERO);
	return the_zero_page;
}

void memory_init(void) { the_zero_page = nullptr; }

// A zeroed page for a page table. Linux has two: pte_alloc_one(mm)
// (arch/x86/mm/pgtable.c) and pte_alloc_one_kernel(mm) (asm-generic/pgalloc.h);
// without highmem page tables both come down to this.
static struct page *alloc_pte_table(void) { return alloc_page(GFP_KERNEL | __GFP_ZERO); }

int __pte_alloc(struct mm_struct *mm, pmd_t *pmd)
{
	struct page *table = alloc_pte_table();
	if (!table)
		return -ENOMEM;
	set_pmd(pmd, __pmd(page_to_phys(table) | _PAGE_TABLE)); // Linux: pmd_populate
	mm->nr_pte_tables++;
	return 0;
}

// Kernel tables (vmalloc) are kept once made, as in Linux.
int __pte_alloc_kernel(pmd_t *pmd)
{
	struct page *table = alloc_pte_table();
	if (!table)
		return -ENOMEM;
	set_pmd(pmd, __pmd(page_to_phys(table) |
			   _KERNPG_TABLE)); // Linux: pmd_populate_kernel, which sets _PAGE_TABLE;
					    // _KERNPG_TABLE keeps the user bit off
	return 0;
}

static pte_t *pte_lookup(struct mm_struct *mm, unsigned long addr)
{
	pmd_t *pmd = pmd_off(mm, addr);
	return pmd_none(*pmd) ? nullptr : pte_offset_kernel(pmd, addr);
}

static pte_t user_pte(struct page *page, bool writable)
{
	pteval_t prot =
	    _PAGE_PRESENT | _PAGE_USER | _PAGE_ACCESSED | (writable ? _PAGE_RW | _PAGE_DIRTY : 0);
	return pfn_pte(page_to_pfn(page), __pgprot(prot));
}

// One less mapping of page; the last reference frees it.
static void unmap_page(struct page *page)
{
	if (page == the_zero_page)
		return;
	page->_mapcount.counter--;
	__free_page(page); // drops one reference; the last one frees the page
}

// Unmaps every page of [start, end) in mm and drops its reference; page
// tables stay. Context: no locks (Linux: mmap lock held); may not fail.
void zap_page_range(struct mm_struct *mm, unsigned long start, unsigned long end)
{
	for (unsigned long a = start; a < end; a += PAGE_SIZE) {
		pte_t *pte = pte_lookup(mm, a);
		if (!pte || !pte_present(*pte))
			continue;
		struct page *page = pfn_to_page(pte_pfn(*pte));
		pte_clear(pte);
		if (mm == current_mm)
			flush_tlb_one_user(a);
		if (page != the_zero_page)
			mm->nr_anon_pages--;
		unmap_page(page);
	}
}

// Frees mm's user page tables; the ptes must be zapped already.
void free_pgtables(struct mm_struct *mm)
{
	for (unsigned long i = 0; i < KERNEL_PGD_BOUNDARY; i++) {
		pmd_t *pmd = pmd_off(mm, i << PGDIR_SHIFT);
		if (pmd_none(*pmd))
			continue;
		__free_page(pfn_to_page(pmd_pfn(*pmd)));
		pmd_clear(pmd);
		mm->nr_pte_tables--;
	}
}

// Child gets the parent's ptes; writable private pages become read-only in
// both, so the first write on either side copies (Linux: copy_pte_range).
int copy_page_range(struct mm_struct *dst, struct mm_struct *src, struct vm_area_struct *vma)
{
	for (unsigned long a = vma->vm_start; a < vma->vm_end; a += PAGE_SIZE) {
		pte_t *s = pte_lookup(src, a);
		if (!s || !pte_present(*s))
			continue;
		pte_t *d = pte_alloc_map(dst, pmd_off(dst, a), a);
		if (!d)
			return -ENOMEM;
		struct page *page = pfn_to_page(pte_pfn(*s));
		if (pte_write(*s)) {
			set_pte(s, __pte(pte_val(*s) & ~_PAGE_RW));
			if (src == current_mm)
				flush_tlb_one_user(a);
		}
		set_pte(d, *s);
		if (page != the_zero_page) {
			page_ref_inc(page);
			page->_mapcount.counter++;
			dst->nr_anon_pages++;
		}
	}
	return 0;
}

// First touch of an anonymous page (Linux: do_anonymous_page).
static enum vm_fault_reason do_anonymous_page(struct mm_struct *mm, pte_t *pte, bool write)
{
	if (!write) { // reads share the zero page until someone writes
		struct page *zero = zero_page();
		if (!zero)
			return VM_FAULT_OOM;
		set_pte(pte, user_pte(zero, false));
		mm->nr_zero_maps++;
		return VM_FAULT_OK;
	}
	struct page *page = alloc_page(GFP_HIGHUSER | __GFP_ZERO);
	if (!page)
		return VM_FAULT_OOM;
	page->_mapcount.counter = 0; // one mapping
	set_pte(pte, user_pte(page, true));
	mm->nr_anon_pages++;
	return VM_FAULT_OK;
}

// A write to a present read-only pte in a writable VMA: copy-on-write (Linux:
// do_wp_page). A page nobody else holds is simply made writable again.
static enum vm_fault_reason do_wp_page(struct mm_struct *mm, pte_t *pte, unsigned long address)
{
	struct page *old = pfn_to_page(pte_pfn(*pte));
	if (old != the_zero_page && page_ref_count(old) == 1) {
		set_pte(pte, user_pte(old, true));
		mm->nr_cow_reuses++;
	} else {
		struct page *copy = alloc_page(GFP_HIGHUSER);
		if (!copy)
			return VM_FAULT_OOM;
		copy_highpage(copy, old);
		copy->_mapcount.counter = 0;
		set_pte(pte, user_pte(copy, true));
		if (old != the_zero_page)
			mm->nr_cow_copies++;
		else
			mm->nr_anon_pages++; // the zero page was never counted
		unmap_page(old);
	}
	if (mm == current_mm)
		flush_tlb_one_user(address & PAGE_MASK);
	return VM_FAULT_OK;
}

// Resolves a fault at address in mm: VM_FAULT_OK once mapped,
// VM_FAULT_SIGSEGV outside a VMA or against its rights, VM_FAULT_OOM if a
// page or table cannot be had. Context: the page-fault handler, interrupts
// off (Linux: mmap lock held, may sleep).
enum vm_fault_reason handle_mm_fault(struct mm_struct *mm, unsigned long address,
				     unsigned int flags)
{
	bool write = flags & FAULT_FLAG_WRITE;
	struct vm_area_struct *vma = find_vma(mm, address);
	if (!vma || vma->vm_start > address || (write && !(vma->vm_flags & VM_WRITE)) ||
	    (!write && !(vma->vm_flags & (VM_READ | VM_WRITE | VM_EXEC)))) {
		mm->nr_segv++;
		mm->last_segv_addr = address;
		return VM_FAULT_SIGSEGV;
	}
	mm->nr_faults++;
	pte_t *pte = pte_alloc_map(mm, pmd_off(mm, address), address);
	if (!pte)
		return VM_FAULT_OOM;
	if (pte_none(*pte))
		return do_anonymous_page(mm, pte, write);
	if (write && !pte_write(*pte))
		return do_wp_page(mm, pte, address);
	return VM_FAULT_OK; // another path mapped it already (spurious)
}
