/*
 * DOC: changing the rights of a range (Linux: mm/mprotect.c)
 *
 * mprotect walks the VMAs of the range in order and gives each part the
 * new VM_READ/WRITE/EXEC bits: a part is merged into a matching neighbour
 * or split off, then its ptes are rewritten (change_protection, in
 * mm/memory.cpp). A VMA cannot gain a right its VM_MAY* bits lack
 * (-EACCES), and a hole stops the walk with -ENOMEM: what was changed
 * before it stays changed, as in Linux.
 *
 * Differs from Linux: no protection keys, no READ_IMPLIES_EXEC personality,
 * no vm_ops->mprotect.
 */
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/mm_space.h>
#include <linux/mman.h>
#include <linux/sched.h>
#include <linux/syscalls_mm.h>

#include "internal.h"

/*
 * mprotect_fixup - give [start, end) of vma the flags newflags
 * @pprev: in: the VMA before start (vma itself if start is inside it); out:
 *         the VMA now covering [start, end)
 * Returns 0 or -ENOMEM (limits, overcommit, a split past the map count).
 * Making private memory writable charges it (VM_ACCOUNT); making it
 * read-only again keeps the charge, as in Linux 6.1.
 */
static int mprotect_fixup(struct vm_area_struct *vma, struct vm_area_struct **pprev,
			  unsigned long start, unsigned long end, unsigned long newflags)
{
	struct mm_struct *mm = vma->vm_mm;
	unsigned long oldflags = vma->vm_flags;
	long nrpages = (long)((end - start) >> PAGE_SHIFT);
	if (newflags == oldflags) {
		*pprev = vma;
		return 0;
	}
	long charged = 0;
	if (newflags & VM_WRITE) {
		if (!may_expand_vm(mm, newflags, nrpages) && may_expand_vm(mm, oldflags, nrpages))
			return -ENOMEM;
		if (!(oldflags & (VM_ACCOUNT | VM_WRITE | VM_HUGETLB | VM_SHARED | VM_NORESERVE))) {
			if (security_vm_enough_memory_mm(mm, nrpages))
				return -ENOMEM;
			charged = nrpages;
			newflags |= VM_ACCOUNT;
		}
	}
	vma = vma_modify_flags(mm, *pprev, vma, start, end, newflags);
	if (!vma) {
		vm_unacct_memory(charged);
		return -ENOMEM;
	}
	*pprev = vma;
	vma->vm_page_prot = vm_get_page_prot(newflags);
	change_protection(vma, start, end);
	if ((oldflags & (VM_WRITE | VM_SHARED | VM_LOCKED)) == VM_LOCKED && (newflags & VM_WRITE))
		populate_vma_page_range(vma, start, end); // break COW now, not at a later fault
	vm_stat_account(mm, oldflags, -nrpages);
	vm_stat_account(mm, newflags, nrpages);
	return 0;
}

// The first VMA of the walk and the start it begins at, with PROT_GROWSDOWN
// taking the start down to a stack's bottom. 0 or the errno.
static int mprotect_first_vma(struct mm_struct *mm, unsigned long *start, unsigned long end,
			      int grows, struct vm_area_struct **pvma)
{
	struct vm_area_struct *vma = find_vma(mm, *start);
	if (!vma)
		return -ENOMEM;
	if (grows & PROT_GROWSDOWN) {
		if (vma->vm_start >= end)
			return -ENOMEM;
		*start = vma->vm_start;
		if (!(vma->vm_flags & VM_GROWSDOWN))
			return -EINVAL;
	} else if (vma->vm_start > *start) {
		return -ENOMEM;
	}
	*pvma = vma;
	return 0;
}

/*
 * do_mprotect_pkey - set the rights of [start, start + len) to prot
 * Returns 0, -EINVAL (unaligned start, unknown prot bits, both GROWS
 * flags, PROT_GROWSDOWN on a non-stack), -ENOMEM (a hole, the range
 * wraps, limits), -EACCES (a right VM_MAY* does not allow). len 0 is 0.
 * Linux: do_mprotect_pkey (6.1) with pkey -1.
 */
static int do_mprotect_pkey(unsigned long start, size_t len, unsigned long prot)
{
	struct mm_struct *mm = current->mm;
	const int grows = (int)(prot & (PROT_GROWSDOWN | PROT_GROWSUP));
	prot &= ~(unsigned long)(PROT_GROWSDOWN | PROT_GROWSUP);
	if (grows == (PROT_GROWSDOWN | PROT_GROWSUP))
		return -EINVAL;
	if (start & ~PAGE_MASK)
		return -EINVAL;
	if (!len)
		return 0;
	len = PAGE_ALIGN(len);
	unsigned long end = start + len;
	if (end <= start)
		return -ENOMEM;
	if (!arch_validate_prot(prot, start))
		return -EINVAL;
	struct vm_area_struct *vma, *prev;
	int error = mprotect_first_vma(mm, &start, end, grows, &vma);
	if (error)
		return error;
	prev = start > vma->vm_start ? vma : vma_prev(mm, vma);
	for (unsigned long nstart = start;;) {
		unsigned long newflags =
		    calc_vm_prot_bits(prot) | (vma->vm_flags & ~(unsigned long)VM_ACCESS_FLAGS);
		if ((newflags & ~(newflags >> 4)) & VM_ACCESS_FLAGS) // VM_MAY* shifted onto VM_*
			return -EACCES;
		unsigned long tmp = min(vma->vm_end, end);
		error = mprotect_fixup(vma, &prev, nstart, tmp, newflags);
		if (error)
			return error;
		nstart = max(tmp, prev->vm_end);
		if (nstart >= end)
			return 0;
		vma = find_vma(mm, prev->vm_end);
		if (!vma || vma->vm_start != nstart)
			return -ENOMEM;
	}
}

long sys_mprotect(unsigned long start, size_t len, unsigned long prot)
{
	return do_mprotect_pkey(start, len, prot);
}
