/*
 * DOC: user page tables and page faults (Linux: mm/memory.c, the populate
 * part of mm/gup.c, the pte part of mm/mprotect.c and mm/mremap.c)
 *
 * A fault in a VMA is resolved here: a first read maps the shared zero
 * page read-only, a first write a fresh zeroed page (do_anonymous_page), a
 * write to a read-only pte of a writable private VMA copies the page unless
 * nobody else holds it (do_wp_page). Every resident anonymous page counts
 * in the mm's MM_ANONPAGES.
 *
 * A PROT_NONE VMA keeps its pages: their ptes lose _PAGE_PRESENT and carry
 * _PAGE_PROTNONE instead (Linux's trick on x86, the global bit being
 * meaningless in a non-present pte), so mprotect can give them back.
 *
 * Differs from Linux: two-level tables (p4d, pud and pmd folded, so
 * pmd_off() is the pgd entry) whose pte tables are always lowmem, so no
 * pte_offset_map()/pte_unmap() pairs; no page-table locks or mmap lock (one
 * CPU); no swap; a refcount and _mapcount per page instead of rmap. File
 * faults (vm_file set) return VM_FAULT_SIGBUS until the page cache and
 * filemap_fault arrive, and shared anonymous memory faults as private
 * memory does (no shmem behind it), so only pages present at fork are
 * shared with the child.
 */
#include <asm/mmu_context.h>
#include <asm/tlbflush.h>
#include <linux/errno.h>
#include <linux/highmem.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/mm_space.h>
#include <linux/pagemap.h>
#include <linux/pgtable.h>
#include <linux/sched.h>
#include <linux/string.h>
#include <linux/vmstat.h>

#include "internal.h"

#define _PAGE_PROTNONE _PAGE_GLOBAL // only in a pte without _PAGE_PRESENT

struct mm_struct *current_mm;

/*
 * 2: randomise stack, mmap base, vdso and brk; 1: all but brk; 0: none.
 * exec sets PF_RANDOMIZE in a task when this is non-zero (Linux: mm/memory.c).
 */
int randomize_va_space = 2;

static int __init disable_randmaps(char *s)
{
	randomize_va_space = 0;
	return 0;
}
__setup("norandmaps", disable_randmaps);

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

bool is_zero_pfn(unsigned long pfn) { return the_zero_page && page_to_pfn(the_zero_page) == pfn; }

void memory_init(void) { the_zero_page = nullptr; }

// A zeroed page for a page table. Linux has two: pte_alloc_one(mm)
// (arch/x86/mm/pgtable.c) and pte_alloc_one_kernel(mm) (asm-generic/pgalloc.h);
// without highmem page tables both come down to this.
static struct page *alloc_pte_table(void) { return alloc_page(GFP_KERNEL | __GFP_ZERO); }

// User page-table pages of every mm (Linux: NR_PAGETABLE, meminfo's
// PageTables; as there, the pgd itself is not counted).
unsigned long nr_pagetable_pages;

// Linux: __pte_alloc. The table is made before the lock is taken, and
// given back if the pmd was filled meanwhile (on SMP, by another thread of
// the mm; here it cannot happen, but the shape is Linux's).
int __pte_alloc(struct mm_struct *mm, pmd_t *pmd)
{
	struct page *table = alloc_pte_table();
	if (!table)
		return -ENOMEM;
	spin_lock(&mm->page_table_lock);
	if (pmd_none(*pmd)) {
		set_pmd(pmd, __pmd(page_to_phys(table) | _PAGE_TABLE)); // Linux: pmd_populate
		mm->nr_pte_tables++;
		nr_pagetable_pages++;
		table = nullptr;
	}
	spin_unlock(&mm->page_table_lock);
	if (table)
		__free_page(table);
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

pte_t *follow_pte(struct mm_struct *mm, unsigned long address)
{
	pmd_t *pmd = pmd_off(mm, address);
	return pmd_none(*pmd) ? nullptr : pte_offset_kernel(pmd, address);
}

// A pte that holds a page: present, or hidden by PROT_NONE (Linux's pte_present).
static bool pte_maps_page(pte_t pte) { return pte_val(pte) & (_PAGE_PRESENT | _PAGE_PROTNONE); }

// The pte for page in vma: vm_page_prot, plus write access if asked.
static pte_t vma_mk_pte(struct page *page, const struct vm_area_struct *vma, bool writable)
{
	pteval_t prot = pgprot_val(vma->vm_page_prot);
	if (!prot)
		return pfn_pte(page_to_pfn(page), __pgprot(_PAGE_PROTNONE | _PAGE_ACCESSED));
	if (writable)
		prot |= _PAGE_RW | _PAGE_DIRTY;
	return pfn_pte(page_to_pfn(page), __pgprot(prot));
}

static void flush_user(struct mm_struct *mm, unsigned long address)
{
	if (mm == current_mm)
		flush_tlb_one_user(address & PAGE_MASK);
}

// Which RSS counter a mapped page is in (Linux: mm_counter_file, mm_counter):
// shmem's pages (shared anonymous memory, tmpfs files) are RssShmem, other
// page-cache (and vDSO) pages RssFile, the rest anonymous. Linux tells shmem
// by PageSwapBacked; here by the mapping's inode.
static int mm_counter_file(const struct page *page)
{
	return mapping_is_shmem((const struct address_space *)page->mapping) ? MM_SHMEMPAGES
									     : MM_FILEPAGES;
}

static int mm_counter(const struct page *page)
{
	return page->mapping ? mm_counter_file(page) : MM_ANONPAGES;
}

// Linux 6.1: alloc_page_vma, i.e. vma_alloc_folio(gfp, 0, ...), which asks
// for __GFP_COMP even at order 0; user pages are GFP_HIGHUSER_MOVABLE
// (alloc_zeroed_user_highpage_movable, wp_page_copy), so they come from
// MOVABLE pageblocks, and the OOM report's gfp_mask reads as Linux's.
static struct page *alloc_page_vma(gfp_t gfp) { return alloc_page(gfp | __GFP_COMP); }

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
	update_hiwater_rss(mm);
	for (unsigned long a = start; a < end; a += PAGE_SIZE) {
		pte_t *pte = follow_pte(mm, a);
		if (!pte || !pte_maps_page(*pte))
			continue;
		struct page *page = pfn_to_page(pte_pfn(*pte));
		pte_clear(pte);
		flush_user(mm, a);
		if (page != the_zero_page)
			dec_mm_counter(mm, mm_counter(page));
		unmap_page(page);
	}
}

// mm's mappings of mapping from page first on: their ptes go, private
// copies (COW'd pages) too, as Linux's even_cows.
static void unmap_mapping_mm(struct mm_struct *mm, struct address_space *mapping, pgoff_t first)
{
	struct vm_area_struct *vma;
	list_for_each_entry(vma, &mm->mmap, vm_list) {
		if (!vma->vm_file || vma->vm_special || vma->vm_file->f_mapping != mapping)
			continue;
		if (first >= vma->vm_pgoff + vma_pages(vma))
			continue;
		pgoff_t skip = first > vma->vm_pgoff ? first - vma->vm_pgoff : 0;
		zap_page_range(mm, vma->vm_start + (skip << PAGE_SHIFT), vma->vm_end);
	}
}

/*
 * Linux: unmap_mapping_range(mapping, holebegin, 0, 1), what truncate
 * does before dropping pages from the cache, so that no process keeps a
 * pte to a page the file no longer has: its next access faults, and past
 * the new end gets SIGBUS. Differs: Linux finds the VMAs through the
 * mapping's i_mmap interval tree; here every task's VMAs are looked at
 * (the idle task's too: the host tests' current).
 */
void unmap_mapping_range(struct address_space *mapping, loff_t holebegin)
{
	pgoff_t first = (pgoff_t)((holebegin + PAGE_SIZE - 1) >> PAGE_SHIFT);
	struct task_struct *p = &init_task;
	do {
		if (p->mm)
			unmap_mapping_mm(p->mm, mapping, first);
		p = list_entry(p->tasks.next, struct task_struct, tasks);
	} while (p != &init_task);
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
		nr_pagetable_pages--;
	}
}

// Linux: is_cow_mapping. Private memory that may be written: fork shares it copy-on-write.
static bool is_cow_mapping(unsigned long flags)
{
	return (flags & (VM_SHARED | VM_MAYWRITE)) == VM_MAYWRITE;
}

// Child gets the parent's ptes; writable private pages become read-only in
// both, so the first write on either side copies (Linux: copy_pte_range).
int copy_page_range(struct mm_struct *dst, struct mm_struct *src, struct vm_area_struct *vma)
{
	// Linux: vma_needs_copy. A VMA without anonymous pages (text, rodata,
	// the vDSO, shared memory) is refaulted by the child from its file.
	if (!vma->anon_vma && !(vma->vm_flags & (VM_PFNMAP | VM_MIXEDMAP)))
		return 0;
	for (unsigned long a = vma->vm_start; a < vma->vm_end; a += PAGE_SIZE) {
		pte_t *s = follow_pte(src, a);
		if (!s || !pte_maps_page(*s))
			continue;
		pte_t *d = pte_alloc_map(dst, pmd_off(dst, a), a);
		if (!d)
			return -ENOMEM;
		struct page *page = pfn_to_page(pte_pfn(*s));
		if (is_cow_mapping(vma->vm_flags) && pte_write(*s)) {
			set_pte(s, __pte(pte_val(*s) & ~_PAGE_RW));
			flush_user(src, a);
		}
		set_pte(d, *s);
		if (page != the_zero_page) {
			page_ref_inc(page);
			page->_mapcount.counter++;
			inc_mm_counter(dst, mm_counter(page));
		}
	}
	return 0;
}

// First touch of an anonymous page (Linux: do_anonymous_page).
static vm_fault_t do_anonymous_page(struct vm_area_struct *vma, pte_t *pte, bool write)
{
	struct mm_struct *mm = vma->vm_mm;
	if (!write) { // reads share the zero page until someone writes
		struct page *zero = zero_page();
		if (!zero)
			return VM_FAULT_OOM;
		set_pte(pte, vma_mk_pte(zero, vma, false));
		mm->nr_zero_maps++;
		return 0;
	}
	if (anon_vma_prepare(vma))
		return VM_FAULT_OOM;
	struct page *page = alloc_page_vma(GFP_HIGHUSER_MOVABLE | __GFP_ZERO);
	if (!page)
		return VM_FAULT_OOM;
	page->_mapcount.counter = 0; // one mapping
	set_pte(pte, vma_mk_pte(page, vma, true));
	inc_mm_counter(mm, MM_ANONPAGES);
	return 0;
}

// A write to a present read-only pte in a writable VMA: copy-on-write (Linux:
// do_wp_page). A page nobody else holds is simply made writable again.
static vm_fault_t do_wp_page(struct vm_area_struct *vma, pte_t *pte, unsigned long address)
{
	struct mm_struct *mm = vma->vm_mm;
	struct page *old = pfn_to_page(pte_pfn(*pte));
	if (vma->vm_flags & VM_SHARED) { // shared: write to the page itself
		set_pte(pte, vma_mk_pte(old, vma, true));
		flush_user(mm, address);
		return 0;
	}
	if (old != the_zero_page && !old->mapping && page_ref_count(old) == 1) {
		set_pte(pte, vma_mk_pte(old, vma, true));
		mm->nr_cow_reuses++;
	} else {
		if (anon_vma_prepare(vma))
			return VM_FAULT_OOM;
		struct page *copy = alloc_page_vma(GFP_HIGHUSER_MOVABLE);
		if (!copy)
			return VM_FAULT_OOM;
		copy_highpage(copy, old);
		copy->_mapcount.counter = 0;
		set_pte(pte, vma_mk_pte(copy, vma, true));
		if (old == the_zero_page) {
			inc_mm_counter(mm, MM_ANONPAGES); // the zero page was never counted
		} else {
			mm->nr_cow_copies++;
			if (old->mapping) { // a private write to a file page: now it is anon
				dec_mm_counter(mm, mm_counter_file(old));
				inc_mm_counter(mm, MM_ANONPAGES);
			}
		}
		unmap_page(old);
	}
	flush_user(mm, address);
	return 0;
}

/*
 * vma_access_ok - may this fault be resolved in vma at all?
 * A write needs VM_WRITE; a read that hit a present pte is a protection
 * fault nothing can fix; any other read needs an accessible VMA. There is
 * no NX without PAE, so VM_EXEC is never checked. Linux: !access_error()
 * of arch/x86/mm/fault.c, with FAULT_FLAG_PRESENT standing for X86_PF_PROT.
 */
bool vma_access_ok(const struct vm_area_struct *vma, unsigned int flags)
{
	if (flags & FAULT_FLAG_WRITE)
		return vma->vm_flags & VM_WRITE;
	if (flags & FAULT_FLAG_PRESENT)
		return false;
	return vma_is_accessible(vma);
}

// The page behind a file VMA at address, with a reference, or NULL with
// *ret saying why: SIGBUS past the end of the file (Linux: filemap_fault;
// a special mapping's pages come from its list, vvar has none: SIGBUS).
static struct page *fault_page(struct vm_area_struct *vma, unsigned long address, vm_fault_t *ret)
{
	pgoff_t pgoff = vma->vm_pgoff + ((address - vma->vm_start) >> PAGE_SHIFT);
	*ret = VM_FAULT_SIGBUS;
	if (vma->vm_special) {
		pgoff_t i = (address - vma->vm_start) >> PAGE_SHIFT;
		if (!vma->vm_special->pages || i >= vma->vm_special->nr_pages)
			return nullptr;
		page_ref_inc(vma->vm_special->pages[i]);
		return vma->vm_special->pages[i];
	}
	struct inode *inode = file_inode(vma->vm_file);
	if ((loff_t)pgoff << PAGE_SHIFT >= inode->i_size)
		return nullptr;
	struct page *page = read_mapping_page(vma->vm_file->f_mapping, pgoff);
	if (IS_ERR(page)) {
		// Linux: vmf_error. Out of pages is the OOM killer's; a tmpfs page
		// mode 2 will not charge is SIGBUS, as with shmem's ENOSPC.
		*ret = PTR_ERR(page) == -ENOMEM ? VM_FAULT_OOM : VM_FAULT_SIGBUS;
		return nullptr;
	}
	return page;
}

// Linux: fault_around_bytes. A read fault on a file maps up to 16 pages
// around it that are already in the page cache, so a program's text costs
// a fault per 64 KiB, not per page.
static const unsigned long fault_around_pages = 65536 / PAGE_SIZE;

// Maps the cached pages of the window around address into empty ptes,
// read-only (Linux: do_fault_around, filemap_map_pages). True if the
// faulting page itself got mapped.
static bool do_fault_around(struct vm_area_struct *vma, unsigned long address)
{
	struct address_space *mapping = vma->vm_file->f_mapping;
	pgoff_t max_idx =
	    (pgoff_t)((file_inode(vma->vm_file)->i_size + PAGE_SIZE - 1) >> PAGE_SHIFT);
	unsigned long mask = ~(fault_around_pages * PAGE_SIZE - 1) & PAGE_MASK;
	unsigned long start = max(address & mask, vma->vm_start);
	// the same page table as address, the VMA, and the window
	unsigned long end = min(min((address & PMD_MASK) + PMD_SIZE, vma->vm_end),
				start + fault_around_pages * PAGE_SIZE);
	bool mapped = false;
	for (unsigned long a = start; a < end; a += PAGE_SIZE) {
		pgoff_t pgoff = vma->vm_pgoff + ((a - vma->vm_start) >> PAGE_SHIFT);
		if (pgoff >= max_idx)
			break;
		pte_t *pte = pte_alloc_map(vma->vm_mm, pmd_off(vma->vm_mm, a), a);
		if (!pte || !pte_none(*pte))
			continue;
		struct page *page = find_get_page(mapping, pgoff);
		if (!page)
			continue;
		page->_mapcount.counter++;
		set_pte(pte, vma_mk_pte(page, vma, false));
		inc_mm_counter(vma->vm_mm, mm_counter_file(page));
		mapped |= a == (address & PAGE_MASK);
	}
	return mapped;
}

// A file page (or its private copy, for a write to a private mapping) into
// an empty pte (Linux: do_read_fault, do_cow_fault, do_shared_fault).
static vm_fault_t do_fault(struct vm_area_struct *vma, pte_t *pte, unsigned long address,
			   bool write)
{
	struct mm_struct *mm = vma->vm_mm;
	vm_fault_t ret;
	if (!write && vma->vm_file && do_fault_around(vma, address))
		return 0;
	struct page *page = fault_page(vma, address, &ret);
	if (!page)
		return ret;
	if (write && !(vma->vm_flags & VM_SHARED)) { // do_cow_fault
		struct page *copy =
		    anon_vma_prepare(vma) ? nullptr : alloc_page_vma(GFP_HIGHUSER_MOVABLE);
		if (copy)
			copy_highpage(copy, page);
		__free_page(page); // the cache keeps its own reference
		if (!copy)
			return VM_FAULT_OOM;
		copy->_mapcount.counter = 0;
		set_pte(pte, vma_mk_pte(copy, vma, true));
		inc_mm_counter(mm, MM_ANONPAGES);
		return 0;
	}
	page->_mapcount.counter++; // the reference from fault_page is the mapping's
	set_pte(pte, vma_mk_pte(page, vma, write));
	inc_mm_counter(mm, mm_counter_file(page));
	return 0;
}

static vm_fault_t handle_pte_fault(struct vm_area_struct *vma, unsigned long address,
				   unsigned int flags)
{
	struct mm_struct *mm = vma->vm_mm;
	bool write = flags & FAULT_FLAG_WRITE;
	pte_t *pte = pte_alloc_map(mm, pmd_off(mm, address), address);
	if (!pte)
		return VM_FAULT_OOM;
	if (pte_none(*pte))
		return vma->vm_file || vma->vm_special ? do_fault(vma, pte, address, write)
						       : do_anonymous_page(vma, pte, write);
	if (!(pte_val(*pte) & _PAGE_PRESENT)) // PROT_NONE pte in an accessible VMA: a bug
		return VM_FAULT_SIGSEGV;
	if (write && !pte_write(*pte))
		return do_wp_page(vma, pte, address);
	return 0; // another path mapped it already (spurious)
}

/*
 * __handle_mm_fault - resolve a fault at address in vma, whose rights the
 * caller has checked (vma_access_ok). Returns 0 or VM_FAULT_* bits;
 * counts current->min_flt on success. Context: the page-fault handler or a
 * populate, interrupts off (Linux: mmap lock held, may sleep). Linux:
 * handle_mm_fault(vma, ...) with mm_account_fault; its __handle_mm_fault
 * does not count.
 */
vm_fault_t __handle_mm_fault(struct vm_area_struct *vma, unsigned long address, unsigned int flags)
{
	vma->vm_mm->nr_faults++;
	vm_events[PGFAULT]++; // Linux: handle_mm_fault, before it knows the outcome
	vm_fault_t ret = handle_pte_fault(vma, address, flags);
	if (!(ret & VM_FAULT_ERROR)) {
		if (ret & VM_FAULT_MAJOR) {
			vm_events[PGMAJFAULT]++; // Linux: filemap_fault, do_swap_page
			current->maj_flt++;
		} else {
			current->min_flt++;
		}
	}
	return ret;
}

static vm_fault_t bad_area(struct mm_struct *mm, unsigned long address)
{
	mm->nr_segv++;
	mm->last_segv_addr = address;
	return VM_FAULT_SIGSEGV;
}

// A fault at address in mm, from the lookup on: the VMA, stack growth, the
// access check, then __handle_mm_fault (Linux: what do_user_addr_fault does
// between the mmap lock and the signal).
vm_fault_t handle_mm_fault(struct mm_struct *mm, unsigned long address, unsigned int flags)
{
	struct vm_area_struct *vma = find_vma(mm, address);
	if (!vma)
		return bad_area(mm, address);
	if (vma->vm_start > address &&
	    (!(vma->vm_flags & VM_GROWSDOWN) || expand_stack(vma, address)))
		return bad_area(mm, address);
	if (!vma_access_ok(vma, flags))
		return bad_area(mm, address);
	return __handle_mm_fault(vma, address, flags);
}

// Linux: populate_vma_page_range, through get_user_pages' faults.
long populate_vma_page_range(struct vm_area_struct *vma, unsigned long start, unsigned long end)
{
	if ((vma->vm_flags & VM_LOCKONFAULT) || !vma_is_accessible(vma))
		return vma_is_accessible(vma) ? 0 : -EFAULT;
	bool write = (vma->vm_flags & (VM_WRITE | VM_SHARED)) == VM_WRITE;
	for (unsigned long a = start; a < end; a += PAGE_SIZE) {
		pte_t *pte = follow_pte(vma->vm_mm, a);
		if (pte && (pte_val(*pte) & _PAGE_PRESENT) && (!write || pte_write(*pte)))
			continue;
		vm_fault_t r = __handle_mm_fault(vma, a, write ? FAULT_FLAG_WRITE : 0);
		if (r & VM_FAULT_ERROR)
			return r & VM_FAULT_OOM ? -ENOMEM : -EFAULT;
	}
	return (long)((end - start) >> PAGE_SHIFT);
}

// Linux: __mm_populate(start, len, ignore_errors = 1).
void mm_populate(unsigned long start, unsigned long len)
{
	struct mm_struct *mm = current->mm;
	unsigned long end = start + len;
	for (unsigned long nstart = start, nend; nstart < end; nstart = nend) {
		struct vm_area_struct *vma = find_vma_intersection(mm, nstart, end);
		if (!vma)
			break;
		nend = min(end, vma->vm_end);
		if (vma->vm_flags & (VM_IO | VM_PFNMAP))
			continue;
		populate_vma_page_range(vma, max(nstart, vma->vm_start), nend);
	}
}

// Each mapped pte of [start, end) takes the VMA's new vm_page_prot. A page
// only this pte holds stays writable in a writable private VMA (Linux:
// change_pte_range with MM_CP_TRY_CHANGE_WRITABLE); others fault to copy.
void change_protection(struct vm_area_struct *vma, unsigned long start, unsigned long end)
{
	struct mm_struct *mm = vma->vm_mm;
	for (unsigned long a = start; a < end; a += PAGE_SIZE) {
		pte_t *pte = follow_pte(mm, a);
		if (!pte || !pte_maps_page(*pte))
			continue;
		struct page *page = pfn_to_page(pte_pfn(*pte));
		bool exclusive = page != the_zero_page && page_ref_count(page) == 1;
		bool writable =
		    (vma->vm_flags & VM_WRITE) && (exclusive || (vma->vm_flags & VM_SHARED));
		set_pte(pte, vma_mk_pte(page, vma, writable && page != the_zero_page));
		flush_user(mm, a);
	}
}

// Moves the ptes of [old_addr, old_addr + len) to new_addr: the pages go
// with them, nothing is copied. Returns the bytes moved; less than len
// only if a page table could not be had (Linux: move_page_tables).
unsigned long move_page_tables(struct vm_area_struct *vma, unsigned long old_addr,
			       struct vm_area_struct *new_vma, unsigned long new_addr,
			       unsigned long len)
{
	struct mm_struct *mm = vma->vm_mm;
	for (unsigned long off = 0; off < len; off += PAGE_SIZE) {
		pte_t *old = follow_pte(mm, old_addr + off);
		if (!old || !pte_maps_page(*old))
			continue;
		pte_t *n = pte_alloc_map(mm, pmd_off(mm, new_addr + off), new_addr + off);
		if (!n)
			return off;
		old = follow_pte(mm, old_addr + off);
		set_pte(n, *old);
		pte_clear(old);
		flush_user(mm, old_addr + off);
	}
	return len;
}

// " in prog[8048000+9e000]" for the VMA of current's mm that holds ip: the
// file's name, the VMA's start and size (Linux: print_vma_addr).
void print_vma_addr(const char *prefix, unsigned long ip)
{
	struct mm_struct *mm = current->mm;
	struct vm_area_struct *vma = mm ? find_vma(mm, ip) : nullptr;
	if (!vma || vma->vm_start > ip || !vma->vm_file)
		return;
	printk("%s%s[%lx+%lx]", prefix, file_name_of(vma->vm_file), vma->vm_start,
	       vma->vm_end - vma->vm_start);
}

// The page a present user pte maps, or NULL for the zero page and for
// frames without a struct page (Linux: vm_normal_page).
struct page *vm_normal_page(const struct vm_area_struct *vma, pte_t pte)
{
	unsigned long pfn = pte_pfn(pte);
	if (vma->vm_flags & VM_PFNMAP || !pfn_valid(pfn))
		return nullptr;
	struct page *page = pfn_to_page(pfn);
	return page == the_zero_page ? nullptr : page;
}

/*
 * Reads another process's memory, for /proc/PID/cmdline and environ
 * (Linux: access_remote_vm, reading). Linux faults missing pages in
 * through get_user_pages_remote; here the copy stops at the first page
 * that is not present (the argument and environment pages exec wrote
 * always are, as there is no swap).
 */
int access_remote_vm(struct mm_struct *mm, unsigned long addr, void *buf, int len)
{
	int done = 0;
	while (done < len) {
		struct vm_area_struct *vma = vma_lookup(mm, addr);
		pte_t *ptep = vma ? follow_pte(mm, addr) : nullptr;
		if (!ptep || !pte_present(*ptep) || !pfn_valid(pte_pfn(*ptep)))
			break;
		unsigned int off = addr & ~PAGE_MASK;
		int n = min(len - done, (int)(PAGE_SIZE - off));
		char *kaddr = (char *)kmap_local_page(pfn_to_page(pte_pfn(*ptep)));
		memcpy((char *)buf + done, kaddr + off, (size_t)n);
		kunmap_local(kaddr);
		done += n;
		addr += (unsigned long)n;
	}
	return done;
}
