/*
 * DOC: advice on a range (Linux: mm/madvise.c)
 *
 * madvise walks the VMAs of [start, end) like mprotect, but a hole does not
 * stop it: the mapped parts get the advice and the call returns -ENOMEM at
 * the end. Advice that changes VMA flags (RANDOM, SEQUENTIAL, DONTFORK,
 * WIPEONFORK, DONTDUMP...) splits or merges VMAs; MADV_DONTNEED and
 * MADV_FREE drop the pages, so the next read sees zeroes; WILLNEED and the
 * reclaim hints (COLD, PAGEOUT) have nothing to do without swap or a page
 * cache; POPULATE_READ/WRITE fault the range in.
 *
 * Differs from Linux: MADV_FREE frees at once instead of lazily (allowed:
 * a freed page reads as zero either way); no KSM (MERGEABLE/UNMERGEABLE
 * just set the flag), no THP (HUGEPAGE/NOHUGEPAGE/COLLAPSE are -EINVAL, as
 * on a kernel without CONFIG_TRANSPARENT_HUGEPAGE), no MADV_REMOVE on
 * shmem (-EINVAL for lack of a file, as Linux for anonymous memory), no
 * memory-failure injection.
 */
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/mm_space.h>
#include <linux/mman.h>
#include <linux/sched.h>
#include <linux/syscalls_mm.h>

#include "internal.h"

static bool madvise_behavior_valid(int behavior)
{
	switch (behavior) {
	case MADV_DOFORK:
	case MADV_DONTFORK:
	case MADV_NORMAL:
	case MADV_SEQUENTIAL:
	case MADV_RANDOM:
	case MADV_REMOVE:
	case MADV_WILLNEED:
	case MADV_DONTNEED:
	case MADV_DONTNEED_LOCKED:
	case MADV_FREE:
	case MADV_COLD:
	case MADV_PAGEOUT:
	case MADV_POPULATE_READ:
	case MADV_POPULATE_WRITE:
	case MADV_MERGEABLE:
	case MADV_UNMERGEABLE:
	case MADV_DONTDUMP:
	case MADV_DODUMP:
	case MADV_WIPEONFORK:
	case MADV_KEEPONFORK: return true;
	default: return false;
	}
}

// Linux: madvise_update_vma. Gives [start, end) of vma new_flags.
static int madvise_update_vma(struct vm_area_struct *vma, struct vm_area_struct **prev,
			      unsigned long start, unsigned long end, unsigned long new_flags)
{
	struct mm_struct *mm = vma->vm_mm;
	if (new_flags == vma->vm_flags) {
		*prev = vma;
		return 0;
	}
	vma = vma_modify_flags(mm, *prev, vma, start, end, new_flags);
	if (!vma)
		return -ENOMEM;
	*prev = vma;
	return 0;
}

// Linux: can_madv_lru_vma. Locked, huge and pfn mappings keep their pages.
static bool can_madv_lru_vma(struct vm_area_struct *vma)
{
	return !(vma->vm_flags & (VM_LOCKED | VM_HUGETLB | VM_PFNMAP));
}

// The advice that changes nothing but VM_* flags; -EINVAL where Linux refuses.
static int madvise_new_flags(struct vm_area_struct *vma, int behavior, unsigned long *flags)
{
	unsigned long f = vma->vm_flags;
	switch (behavior) {
	case MADV_NORMAL: f &= ~(VM_RAND_READ | VM_SEQ_READ); break;
	case MADV_SEQUENTIAL: f = (f & ~VM_RAND_READ) | VM_SEQ_READ; break;
	case MADV_RANDOM: f = (f & ~VM_SEQ_READ) | VM_RAND_READ; break;
	case MADV_DONTFORK: f |= VM_DONTCOPY; break;
	case MADV_DOFORK:
		if (f & VM_IO)
			return -EINVAL;
		f &= ~VM_DONTCOPY;
		break;
	case MADV_WIPEONFORK:
		if (vma->vm_file || (f & VM_SHARED))
			return -EINVAL;
		f |= VM_WIPEONFORK;
		break;
	case MADV_KEEPONFORK: f &= ~VM_WIPEONFORK; break;
	case MADV_DONTDUMP: f |= VM_DONTDUMP; break;
	case MADV_DODUMP:
		if (f & VM_SPECIAL)
			return -EINVAL;
		f &= ~VM_DONTDUMP;
		break;
	case MADV_MERGEABLE:
		if (!(f & (VM_SHARED | VM_MAYSHARE | VM_PFNMAP | VM_IO | VM_DONTEXPAND |
			   VM_HUGETLB | VM_MIXEDMAP)))
			f |= VM_MERGEABLE;
		break;
	case MADV_UNMERGEABLE: f &= ~VM_MERGEABLE; break;
	}
	*flags = f;
	return 0;
}

static bool madvise_changes_flags(int behavior)
{
	switch (behavior) {
	case MADV_REMOVE:
	case MADV_WILLNEED:
	case MADV_COLD:
	case MADV_PAGEOUT:
	case MADV_DONTNEED:
	case MADV_FREE:
	case MADV_DONTNEED_LOCKED:
	case MADV_POPULATE_READ:
	case MADV_POPULATE_WRITE: return false;
	default: return true;
	}
}

// One VMA's part [start, end) of the walk (Linux: madvise_vma_behavior).
static int madvise_vma_behavior(struct vm_area_struct *vma, struct vm_area_struct **prev,
				unsigned long start, unsigned long end, int behavior)
{
	if (!madvise_changes_flags(behavior))
		*prev = vma; // the walk goes on after this VMA
	switch (behavior) {
	case MADV_REMOVE:
		return vma->vm_flags & VM_LOCKED ? -EINVAL : (vma->vm_file ? -EACCES : -EINVAL);
	case MADV_WILLNEED: return 0; // anonymous: no swap to read ahead; files: no page cache yet
	case MADV_COLD:
	case MADV_PAGEOUT: return can_madv_lru_vma(vma) ? 0 : -EINVAL;
	case MADV_DONTNEED:
	case MADV_FREE:
	case MADV_DONTNEED_LOCKED:
		if (behavior != MADV_DONTNEED_LOCKED && !can_madv_lru_vma(vma))
			return -EINVAL;
		if (behavior == MADV_FREE && !vma_is_anonymous(vma))
			return -EINVAL;
		zap_page_range(vma->vm_mm, start, end);
		return 0;
	case MADV_POPULATE_READ:
	case MADV_POPULATE_WRITE: return populate_vma_page_range(vma, start, end) < 0 ? -EFAULT : 0;
	default: break;
	}
	unsigned long new_flags;
	int error = madvise_new_flags(vma, behavior, &new_flags);
	if (!error)
		error = madvise_update_vma(vma, prev, start, end, new_flags);
	return error == -ENOMEM ? -EAGAIN : error; // out of VMAs is "try again" here
}

/*
 * do_madvise - apply behavior to [start, start + len_in) of mm
 * Returns 0, -EINVAL (unknown advice, unaligned start, a length that
 * wraps, advice the VMA refuses), -ENOMEM (part of the range is not
 * mapped: the rest got the advice), -EAGAIN (a split failed), -EFAULT
 * (populate of an inaccessible VMA). Linux: do_madvise, madvise_walk_vmas.
 */
int do_madvise(struct mm_struct *mm, unsigned long start, size_t len_in, int behavior)
{
	if (!madvise_behavior_valid(behavior) || !PAGE_ALIGNED(start))
		return -EINVAL;
	size_t len = PAGE_ALIGN(len_in);
	if (len_in && !len)
		return -EINVAL;
	unsigned long end = start + len;
	if (end < start)
		return -EINVAL;
	if (end == start)
		return 0;
	struct vm_area_struct *prev, *vma = find_vma_prev(mm, start, &prev);
	if (vma && start > vma->vm_start)
		prev = vma;
	int unmapped_error = 0;
	for (;;) {
		if (!vma)
			return -ENOMEM;
		if (start < vma->vm_start) {
			unmapped_error = -ENOMEM;
			start = vma->vm_start;
			if (start >= end)
				break;
		}
		unsigned long tmp = min(vma->vm_end, end);
		int error = madvise_vma_behavior(vma, &prev, start, tmp, behavior);
		if (error)
			return error;
		start = max(tmp, prev->vm_end);
		if (start >= end)
			break;
		vma = find_vma(mm, prev->vm_end);
	}
	return unmapped_error;
}

long sys_madvise(unsigned long start, size_t len, int behavior)
{
	return do_madvise(current->mm, start, len, behavior);
}
