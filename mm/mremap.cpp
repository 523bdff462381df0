/*
 * DOC: resizing and moving mappings (Linux: mm/mremap.c)
 *
 * mremap shrinks a mapping by unmapping its tail, grows it in place when
 * the pages after it are free, or (MREMAP_MAYMOVE) moves it: a new VMA is
 * made (or merged) at the new address and the ptes are moved there, so
 * the pages travel without copying. MREMAP_FIXED names the new address
 * (unmapping what was there); MREMAP_DONTUNMAP leaves the old VMA in place
 * with no pages, so it reads zeroes afterwards.
 *
 * Differs from Linux: no hugetlb, userfaultfd or vm_ops->mremap; page
 * tables move pte by pte.
 */
#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/mm_space.h>
#include <linux/mman.h>
#include <linux/sched.h>
#include <linux/syscalls_mm.h>

#include "internal.h"

#define ERR_VMA(e) ((struct vm_area_struct *)(long)(e))
#define VMA_ERR(v) ((long)(v))
#define IS_ERR_VMA(v) IS_ERR_VALUE((unsigned long)(v))

// The VMA [addr, addr + old_len) lies in, if it may grow to new_len; an
// error (ERR_VMA) otherwise. Linux: vma_to_resize.
static struct vm_area_struct *vma_to_resize(unsigned long addr, unsigned long old_len,
					    unsigned long new_len, unsigned long flags)
{
	struct mm_struct *mm = current->mm;
	struct vm_area_struct *vma = vma_lookup(mm, addr);
	if (!vma)
		return ERR_VMA(-EFAULT);
	// old_len 0 duplicates a shared mapping; for a private one it makes no sense
	if (!old_len && !(vma->vm_flags & (VM_SHARED | VM_MAYSHARE)))
		return ERR_VMA(-EINVAL);
	if ((flags & MREMAP_DONTUNMAP) && (vma->vm_flags & (VM_DONTEXPAND | VM_PFNMAP)))
		return ERR_VMA(-EINVAL);
	if (old_len > vma->vm_end - addr) // no remapping across VMAs
		return ERR_VMA(-EFAULT);
	if (new_len == old_len)
		return vma;
	unsigned long pgoff = vma->vm_pgoff + ((addr - vma->vm_start) >> PAGE_SHIFT);
	if (pgoff + (new_len >> PAGE_SHIFT) < pgoff)
		return ERR_VMA(-EINVAL);
	if (vma->vm_flags & (VM_DONTEXPAND | VM_PFNMAP))
		return ERR_VMA(-EFAULT);
	if (mlock_future_check(mm, vma->vm_flags, new_len - old_len))
		return ERR_VMA(-EAGAIN);
	if (!may_expand_vm(mm, vma->vm_flags, (new_len - old_len) >> PAGE_SHIFT))
		return ERR_VMA(-ENOMEM);
	return vma;
}

// After the ptes moved: unmap the old range, keeping the old VMA's pieces
// charged (Linux hides VM_ACCOUNT for the unmap so the charge moves with
// the pages, then restores it on what is left).
static void move_vma_unmap_old(struct vm_area_struct *vma, unsigned long old_addr,
			       unsigned long old_len)
{
	struct mm_struct *mm = vma->vm_mm;
	unsigned long vm_flags = vma->vm_flags;
	bool split = false, excess = false;
	if (vm_flags & VM_ACCOUNT) {
		vma->vm_flags &= ~VM_ACCOUNT;
		excess = vma->vm_end - vma->vm_start > old_len;
		split = old_addr > vma->vm_start && old_addr + old_len < vma->vm_end;
	}
	unsigned long hiwater_vm = mm->hiwater_vm;
	if (do_munmap(mm, old_addr, old_len) < 0 && (vm_flags & VM_ACCOUNT)) {
		// could not split: the old range stays, charged again (Linux charges
		// it but leaves the VMA without VM_ACCOUNT, which drifts on unmap)
		vm_acct_memory((long)(old_len >> PAGE_SHIFT));
		excess = split = false;
		vma->vm_flags |= VM_ACCOUNT;
	}
	mm->hiwater_vm = hiwater_vm;
	if (excess) {
		vma->vm_flags |= VM_ACCOUNT;
		if (split)
			find_vma(mm, vma->vm_end)->vm_flags |= VM_ACCOUNT;
	}
}

/*
 * move_vma - move [old_addr, old_addr + old_len) of vma to new_addr, as
 * new_len bytes. Returns new_addr or -ENOMEM. Linux: move_vma (6.1).
 */
static unsigned long move_vma(struct vm_area_struct *vma, unsigned long old_addr,
			      unsigned long old_len, unsigned long new_len, unsigned long new_addr,
			      unsigned long flags)
{
	struct mm_struct *mm = vma->vm_mm;
	unsigned long vm_flags = vma->vm_flags;
	long to_account = (flags & MREMAP_DONTUNMAP) ? (long)new_len : (long)(new_len - old_len);
	if (mm->map_count >= sysctl_max_map_count - 3)
		return -ENOMEM;
	if ((vm_flags & VM_ACCOUNT) && security_vm_enough_memory_mm(mm, to_account >> PAGE_SHIFT))
		return -ENOMEM;
	unsigned long new_pgoff = vma->vm_pgoff + ((old_addr - vma->vm_start) >> PAGE_SHIFT);
	struct vm_area_struct *new_vma = copy_vma(&vma, new_addr, new_len, new_pgoff);
	if (!new_vma) {
		if (vm_flags & VM_ACCOUNT)
			vm_unacct_memory(to_account >> PAGE_SHIFT);
		return -ENOMEM;
	}
	if (move_page_tables(vma, old_addr, new_vma, new_addr, old_len) < old_len) {
		// put back what moved, then drop the new range (Linux does the same);
		// its unmap gave back new_len, of which only to_account was charged
		move_page_tables(new_vma, new_addr, vma, old_addr, old_len);
		do_munmap(mm, new_addr, new_len);
		if (vm_flags & VM_ACCOUNT)
			vm_acct_memory((long)(new_len >> PAGE_SHIFT) - (to_account >> PAGE_SHIFT));
		return -ENOMEM;
	}
	vm_stat_account(mm, vma->vm_flags, (long)(new_len >> PAGE_SHIFT));
	if (flags & MREMAP_DONTUNMAP) {
		vma->vm_flags &= VM_LOCKED_CLEAR_MASK; // the old range keeps no lock
		return new_addr;
	}
	move_vma_unmap_old(vma, old_addr, old_len);
	if (vm_flags & VM_LOCKED) {
		mm->locked_vm += new_len >> PAGE_SHIFT;
		if (new_len > old_len)
			mm_populate(new_addr + old_len, new_len - old_len);
	}
	return new_addr;
}

// Linux: vma_expandable. Is [vm_end, vm_end + delta) free and inside TASK_SIZE?
static bool vma_expandable(struct vm_area_struct *vma, unsigned long delta)
{
	unsigned long end = vma->vm_end + delta;
	if (end < vma->vm_end)
		return false;
	if (find_vma_intersection(vma->vm_mm, vma->vm_end, end))
		return false;
	return !offset_in_page(
	    get_unmapped_area(nullptr, vma->vm_start, end - vma->vm_start, 0, MAP_FIXED));
}

// MREMAP_FIXED or MREMAP_DONTUNMAP: to new_addr, or wherever it fits (Linux: mremap_to).
static unsigned long mremap_to(unsigned long addr, unsigned long old_len, unsigned long new_addr,
			       unsigned long new_len, unsigned long flags)
{
	struct mm_struct *mm = current->mm;
	if (offset_in_page(new_addr))
		return -EINVAL;
	if (new_len > TASK_SIZE || new_addr > TASK_SIZE - new_len)
		return -EINVAL;
	if (addr + old_len > new_addr && new_addr + new_len > addr) // overlap
		return -EINVAL;
	// both ranges may split in three: stay clear of the map count limit
	if (mm->map_count + 2 >= sysctl_max_map_count - 3)
		return -ENOMEM;
	long ret;
	if ((flags & MREMAP_FIXED) && (ret = do_munmap(mm, new_addr, new_len)))
		return ret;
	if (old_len > new_len) {
		if ((ret = do_munmap(mm, addr + new_len, old_len - new_len)))
			return ret;
		old_len = new_len;
	}
	struct vm_area_struct *vma = vma_to_resize(addr, old_len, new_len, flags);
	if (IS_ERR_VMA(vma))
		return VMA_ERR(vma);
	if ((flags & MREMAP_DONTUNMAP) && !may_expand_vm(mm, vma->vm_flags, old_len >> PAGE_SHIFT))
		return -ENOMEM;
	unsigned long map_flags = (flags & MREMAP_FIXED) ? MAP_FIXED : 0;
	if (vma->vm_flags & VM_MAYSHARE)
		map_flags |= MAP_SHARED;
	unsigned long r =
	    get_unmapped_area(vma->vm_file, new_addr, new_len,
			      vma->vm_pgoff + ((addr - vma->vm_start) >> PAGE_SHIFT), map_flags);
	if (IS_ERR_VALUE(r))
		return r;
	if (!(flags & MREMAP_FIXED))
		new_addr = r;
	return move_vma(vma, addr, old_len, new_len, new_addr, flags);
}

// Grows vma's tail [addr + old_len, addr + new_len) in place. Linux: the
// vma_expandable branch of mremap.
static unsigned long mremap_grow_in_place(struct vm_area_struct *vma, unsigned long addr,
					  unsigned long old_len, unsigned long new_len)
{
	struct mm_struct *mm = vma->vm_mm;
	long pages = (long)((new_len - old_len) >> PAGE_SHIFT);
	if ((vma->vm_flags & VM_ACCOUNT) && security_vm_enough_memory_mm(mm, pages))
		return -ENOMEM;
	unsigned long ext_start = addr + old_len, ext_end = addr + new_len;
	unsigned long ext_pgoff = vma->vm_pgoff + ((ext_start - vma->vm_start) >> PAGE_SHIFT);
	unsigned long vm_flags = vma->vm_flags;
	vma = vma_merge(mm, vma, ext_start, ext_end, vma->vm_flags, vma->anon_vma, vma->vm_file,
			ext_pgoff);
	if (!vma) {
		if (vm_flags & VM_ACCOUNT)
			vm_unacct_memory(pages);
		return -ENOMEM;
	}
	vm_stat_account(mm, vma->vm_flags, pages);
	if (vma->vm_flags & VM_LOCKED) {
		mm->locked_vm += pages;
		mm_populate(ext_start, ext_end - ext_start);
	}
	return addr;
}

/*
 * sys_mremap - resize and/or move [addr, addr + old_len) to new_len bytes
 * Returns the (new) address, or -EINVAL (unknown flags, FIXED without
 * MAYMOVE, DONTUNMAP with a size change, unaligned addr, new_len 0,
 * overlapping FIXED ranges), -EFAULT (addr not mapped, or the range crosses
 * VMAs), -ENOMEM (no room to grow and no MAYMOVE, limits), -EAGAIN (mlock
 * limit). A shrink never fails for want of a VMA at addr + new_len.
 * Linux: SYSCALL_DEFINE5(mremap) (6.1).
 */
long sys_mremap(unsigned long addr, unsigned long old_len, unsigned long new_len,
		unsigned long flags, unsigned long new_addr)
{
	struct mm_struct *mm = current->mm;
	if (flags & ~(unsigned long)(MREMAP_FIXED | MREMAP_MAYMOVE | MREMAP_DONTUNMAP))
		return -EINVAL;
	if ((flags & MREMAP_FIXED) && !(flags & MREMAP_MAYMOVE))
		return -EINVAL;
	if ((flags & MREMAP_DONTUNMAP) && (!(flags & MREMAP_MAYMOVE) || old_len != new_len))
		return -EINVAL;
	if (offset_in_page(addr))
		return -EINVAL;
	old_len = PAGE_ALIGN(old_len);
	new_len = PAGE_ALIGN(new_len);
	if (!new_len)
		return -EINVAL;
	struct vm_area_struct *vma = vma_lookup(mm, addr);
	if (!vma)
		return -EFAULT;
	if (flags & (MREMAP_FIXED | MREMAP_DONTUNMAP))
		return (long)mremap_to(addr, old_len, new_addr, new_len, flags);
	if (old_len >= new_len) {
		int r = do_munmap(mm, addr + new_len, old_len - new_len);
		return r < 0 && old_len != new_len ? r : (long)addr;
	}
	vma = vma_to_resize(addr, old_len, new_len, flags);
	if (IS_ERR_VMA(vma))
		return VMA_ERR(vma);
	if (old_len == vma->vm_end - addr && vma_expandable(vma, new_len - old_len))
		return (long)mremap_grow_in_place(vma, addr, old_len, new_len);
	if (!(flags & MREMAP_MAYMOVE))
		return -ENOMEM;
	unsigned long map_flags = (vma->vm_flags & VM_MAYSHARE) ? MAP_SHARED : 0;
	unsigned long r =
	    get_unmapped_area(vma->vm_file, 0, new_len,
			      vma->vm_pgoff + ((addr - vma->vm_start) >> PAGE_SHIFT), map_flags);
	if (IS_ERR_VALUE(r))
		return (long)r;
	return (long)move_vma(vma, addr, old_len, new_len, r, flags);
}
