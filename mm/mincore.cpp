/*
 * DOC: which pages are resident (Linux: mm/mincore.c)
 *
 * mincore fills one byte per page of [start, start + len): 1 if the page
 * is in memory. For anonymous memory that is "has a pte" (the zero page
 * counts, as in Linux). The vector is built a page of entries at a time in
 * a kernel buffer and copied out, so a bad vec is -EFAULT after the
 * entries before it were written.
 *
 * Differs from Linux: a file VMA reports its mapped ptes only (there is no
 * page cache to look up yet); no swap entries.
 */
#include <linux/errno.h>
#include <linux/gfp.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/mm_space.h>
#include <linux/sched.h>
#include <linux/syscalls_mm.h>
#include <linux/uaccess.h>

#include "internal.h"

// One byte per page of [addr, addr + pages pages) within the VMA at addr:
// the count filled, or -ENOMEM if addr is not mapped (Linux: do_mincore).
static long do_mincore(unsigned long addr, unsigned long pages, unsigned char *vec)
{
	struct mm_struct *mm = current->mm;
	struct vm_area_struct *vma = vma_lookup(mm, addr);
	if (!vma)
		return -ENOMEM;
	unsigned long end = min(vma->vm_end, addr + (pages << PAGE_SHIFT));
	unsigned long n = (end - addr) >> PAGE_SHIFT;
	for (unsigned long i = 0; i < n; i++) {
		pte_t *pte = follow_pte(mm, addr + (i << PAGE_SHIFT));
		vec[i] = pte && !pte_none(*pte);
	}
	return (long)n;
}

/*
 * sys_mincore - residency of [start, start + len) into vec
 * Returns 0, -EINVAL (unaligned start), -ENOMEM (past TASK_SIZE, or a page
 * not mapped), -EFAULT (vec not writable), -EAGAIN (no buffer).
 * Linux: SYSCALL_DEFINE3(mincore).
 */
long sys_mincore(unsigned long start, size_t len, unsigned char __user *vec)
{
	if (start & ~PAGE_MASK)
		return -EINVAL;
	if (!access_ok((void __user *)start, len))
		return -ENOMEM;
	unsigned long pages = (len >> PAGE_SHIFT) + (offset_in_page(len) != 0);
	if (!access_ok(vec, pages))
		return -EFAULT;
	unsigned char *tmp = (unsigned char *)__get_free_page(GFP_KERNEL);
	if (!tmp)
		return -EAGAIN;
	long retval = 0;
	while (pages) {
		retval = do_mincore(start, min(pages, PAGE_SIZE), tmp);
		if (retval <= 0)
			break;
		if (copy_to_user(vec, tmp, (unsigned long)retval)) {
			retval = -EFAULT;
			break;
		}
		pages -= (unsigned long)retval;
		vec += retval;
		start += (unsigned long)retval << PAGE_SHIFT;
		retval = 0;
	}
	free_page((unsigned long)tmp);
	return retval;
}
