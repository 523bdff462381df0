// VMAs of an address space (Linux: mm/mmap.c, kernel/fork.c's dup_mmap).
// Each mm keeps its VMAs in an rbtree by address (for find_vma) and in a
// list in address order (for walks); both change together.
// Differs from Linux 6.1: an rbtree, not the maple tree; no mmap lock; no
// file mappings; vma_merge only joins a new VMA with equal-flag neighbours.
#include <asm/pgalloc.h>
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/kmem_pool.h>
#include <linux/mm.h>
#include <linux/mm_space.h>
#include <linux/slab.h>

#include "internal.h"

static KmemPool<vm_area_struct> vma_pool;
static KmemPool<mm_struct> mm_pool;

void mmap_init(void)
{
	vma_pool.init("vm_area_struct");
	mm_pool.init("mm_struct");
}

static struct vm_area_struct *vma_of(struct rb_node *n)
{
	return rb_entry_safe(n, struct vm_area_struct, vm_rb);
}

// A new empty address space with its own page directory, or NULL.
// Context: may sleep in Linux (never here); not from an interrupt.
struct mm_struct *mm_alloc(void)
{
	struct mm_struct *mm = mm_pool.create(GFP_KERNEL);
	if (!mm) // create() value-initialises: every field starts at zero
		return nullptr;
	mm->pgd = pgd_alloc();
	if (!mm->pgd) {
		mm_pool.destroy(mm);
		return nullptr;
	}
	mm->mm_rb = RB_ROOT;
	INIT_LIST_HEAD(&mm->mmap);
	mm->start_brk = mm->brk = 0x08100000; // where a small ELF's data would end
	return mm;
}

// The first VMA that ends above addr (it may start above addr too).
struct vm_area_struct *find_vma(struct mm_struct *mm, unsigned long addr)
{
	struct vm_area_struct *found = nullptr;
	for (struct rb_node *n = mm->mm_rb.rb_node; n;) {
		struct vm_area_struct *vma = vma_of(n);
		if (vma->vm_end > addr) {
			found = vma;
			if (vma->vm_start <= addr)
				break;
			n = n->rb_left;
		} else {
			n = n->rb_right;
		}
	}
	return found;
}

static void vma_link(struct mm_struct *mm, struct vm_area_struct *vma)
{
	struct rb_node **link = &mm->mm_rb.rb_node, *parent = nullptr;
	while (*link) {
		parent = *link;
		link =
		    vma->vm_start < vma_of(parent)->vm_start ? &parent->rb_left : &parent->rb_right;
	}
	rb_link_node(&vma->vm_rb, parent, link);
	rb_insert_color(&vma->vm_rb, &mm->mm_rb);
	struct rb_node *prev = rb_prev(&vma->vm_rb);
	list_add(&vma->vm_list, prev ? &vma_of(prev)->vm_list : &mm->mmap);
	vma->vm_mm = mm;
	mm->map_count++;
}

static void vma_unlink(struct mm_struct *mm, struct vm_area_struct *vma)
{
	rb_erase(&vma->vm_rb, &mm->mm_rb);
	list_del(&vma->vm_list);
	mm->map_count--;
}

static struct vm_area_struct *vma_new(unsigned long start, unsigned long end, unsigned long flags)
{
	struct vm_area_struct *vma = vma_pool.create(GFP_KERNEL);
	if (vma) {
		vma->vm_start = start;
		vma->vm_end = end;
		vma->vm_flags = flags;
	}
	return vma;
}

// Joins vma with its neighbours when they touch and have the same flags
// (Linux: vma_merge), so adjacent mmaps and brk growth stay one VMA.
static void vma_merge_neighbours(struct mm_struct *mm, struct vm_area_struct *vma)
{
	struct rb_node *next = rb_next(&vma->vm_rb), *prev = rb_prev(&vma->vm_rb);
	if (next && vma_of(next)->vm_start == vma->vm_end &&
	    vma_of(next)->vm_flags == vma->vm_flags) {
		struct vm_area_struct *n = vma_of(next);
		vma->vm_end = n->vm_end;
		vma_unlink(mm, n);
		vma_pool.destroy(n);
	}
	if (prev && vma_of(prev)->vm_end == vma->vm_start &&
	    vma_of(prev)->vm_flags == vma->vm_flags) {
		vma_of(prev)->vm_end = vma->vm_end;
		vma_unlink(mm, vma);
		vma_pool.destroy(vma);
	}
}

static bool range_is_free(struct mm_struct *mm, unsigned long start, unsigned long end)
{
	struct vm_area_struct *vma = find_vma(mm, start);
	return !vma || vma->vm_start >= end;
}

// Lowest gap of len bytes at or above TASK_UNMAPPED_BASE (Linux:
// arch_get_unmapped_area, the legacy bottom-up layout).
static unsigned long get_unmapped_area(struct mm_struct *mm, unsigned long len)
{
	unsigned long addr = TASK_UNMAPPED_BASE;
	for (struct vm_area_struct *vma = find_vma(mm, addr);
	     addr + len <= TASK_SIZE && addr + len > addr; vma = find_vma(mm, addr)) {
		if (!vma || vma->vm_start >= addr + len)
			return addr;
		addr = vma->vm_end;
	}
	return 0;
}

// Records a VMA (nothing is mapped until touched): the address, -EINVAL for
// a bad range, -ENOMEM if it overlaps a VMA or no room is left.
long do_mmap(struct mm_struct *mm, unsigned long addr, unsigned long len, unsigned long vm_flags)
{
	len = PAGE_ALIGN(len);
	if (!len || len > TASK_SIZE || (addr & ~PAGE_MASK))
		return -EINVAL;
	if (!addr)
		addr = get_unmapped_area(mm, len);
	if (!addr || addr + len > TASK_SIZE || addr + len < addr ||
	    !range_is_free(mm, addr, addr + len))
		return -ENOMEM;
	struct vm_area_struct *vma = vma_new(addr, addr + len, vm_flags);
	if (!vma)
		return -ENOMEM;
	vma_link(mm, vma);
	vma_merge_neighbours(mm, vma);
	return (long)addr;
}

// Cuts vma in two at addr; the upper part becomes a new VMA (Linux: __split_vma).
static int split_vma(struct mm_struct *mm, struct vm_area_struct *vma, unsigned long addr)
{
	struct vm_area_struct *upper = vma_new(addr, vma->vm_end, vma->vm_flags);
	if (!upper)
		return -ENOMEM;
	vma->vm_end = addr;
	vma_link(mm, upper);
	return 0;
}

// Unmaps [start, start + len): 0, -EINVAL for a bad range, -ENOMEM if a VMA
// cannot be split.
int do_munmap(struct mm_struct *mm, unsigned long start, unsigned long len)
{
	len = PAGE_ALIGN(len);
	unsigned long end = start + len;
	if ((start & ~PAGE_MASK) || !len || end > TASK_SIZE || end < start)
		return -EINVAL;
	struct vm_area_struct *vma = find_vma(mm, start);
	if (vma && vma->vm_start < start && vma->vm_end > start && split_vma(mm, vma, start))
		return -ENOMEM;
	vma = find_vma(mm, end - 1);
	if (vma && vma->vm_start < end && vma->vm_end > end && split_vma(mm, vma, end))
		return -ENOMEM;
	while ((vma = find_vma(mm, start)) && vma->vm_start < end) {
		zap_page_range(mm, vma->vm_start, vma->vm_end);
		vma_unlink(mm, vma);
		vma_pool.destroy(vma);
	}
	return 0;
}

unsigned long do_brk(struct mm_struct *mm, unsigned long brk)
{
	unsigned long old_end = PAGE_ALIGN(mm->brk), new_end = PAGE_ALIGN(brk);
	if (brk < mm->start_brk)
		return mm->brk;
	if (new_end < old_end) {
		do_munmap(mm, new_end, old_end - new_end);
	} else if (new_end > old_end &&
		   do_mmap(mm, old_end, new_end - old_end, VM_READ | VM_WRITE) < 0) {
		return mm->brk; // the heap cannot grow into a mapping
	}
	mm->brk = brk;
	return brk;
}

// A child address space sharing every page copy-on-write (Linux: dup_mmap,
// copy_page_range), or NULL with nothing left over if memory runs out.
struct mm_struct *dup_mm(struct mm_struct *old)
{
	struct mm_struct *mm = mm_alloc();
	if (!mm)
		return nullptr;
	mm->start_brk = old->start_brk;
	mm->brk = old->brk;
	struct vm_area_struct *v;
	list_for_each_entry(v, &old->mmap, vm_list) {
		struct vm_area_struct *copy = vma_new(v->vm_start, v->vm_end, v->vm_flags);
		if (!copy || copy_page_range(mm, old, v)) {
			vma_pool.destroy(copy);
			exit_mmap(mm);
			return nullptr;
		}
		vma_link(mm, copy);
	}
	return mm;
}

// Frees every page, table and VMA of mm and mm itself; a loaded mm is
// switched out first.
void exit_mmap(struct mm_struct *mm)
{
	if (current_mm == mm)
		switch_mm(nullptr);
	while (!list_empty(&mm->mmap)) {
		struct vm_area_struct *vma =
		    list_first_entry(&mm->mmap, struct vm_area_struct, vm_list);
		zap_page_range(mm, vma->vm_start, vma->vm_end);
		vma_unlink(mm, vma);
		vma_pool.destroy(vma);
	}
	free_pgtables(mm);
	pgd_free(mm->pgd);
	mm_pool.destroy(mm);
}
