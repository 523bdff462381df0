/*
 * DOC: VMAs of an address space (Linux: mm/mmap.c, kernel/fork.c's dup_mmap)
 *
 * Each mm keeps its VMAs in an rbtree by address (for find_vma) and in a
 * list in address order (for walks); both change together. This file does
 * the VMA bookkeeping every mapping call shares (link, split, merge,
 * accounting), picks free ranges (vm_unmapped_area) and implements mmap,
 * munmap, brk and stack growth with Linux 6.1's checks and errnos.
 *
 * Differs from Linux 6.1: an rbtree and list, not the maple tree, so gap
 * searches walk the list; no mmap lock; no mempolicy, userfaultfd or
 * anon_vma_name (which Linux's merges also compare: all equal here); the
 * anon_vma keeps only what merging looks at. No capabilities: the caller is
 * treated as unprivileged (MAP_FIXED below mmap_min_addr is -EPERM,
 * MAP_LOCKED is bound by RLIMIT_MEMLOCK).
 */
#include <asm/pgalloc.h>
#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/kmem_pool.h>
#include <linux/mm.h>
#include <linux/mm_space.h>
#include <linux/mman.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/syscalls_mm.h>
#include <linux/sysctl.h>

#include "internal.h"

static KmemPool<vm_area_struct> vma_pool;
static KmemPool<mm_struct> mm_pool;
static KmemPool<anon_vma> anon_vma_pool;

unsigned long stack_guard_gap = 256UL << PAGE_SHIFT;
unsigned long mmap_min_addr = 65536;
int sysctl_max_map_count = 65530; // Linux: DEFAULT_MAX_MAP_COUNT, USHRT_MAX - 5

void __init mmap_init(void)
{
	vma_pool.init("vm_area_struct");
	mm_pool.init("mm_struct");
	anon_vma_pool.init("anon_vma");
}

// i386 without PAE has no NX bit: PROT_EXEC adds nothing, PROT_WRITE alone
// reads too. Private writable maps read-only: the first write copies.
pgprot_t vm_get_page_prot(unsigned long vm_flags)
{
	if (!(vm_flags & VM_ACCESS_FLAGS))
		return __pgprot(0); // PAGE_NONE: no access (ptes made not present)
	pteval_t prot = _PAGE_PRESENT | _PAGE_USER | _PAGE_ACCESSED;
	if ((vm_flags & (VM_WRITE | VM_SHARED)) == (VM_WRITE | VM_SHARED))
		prot |= _PAGE_RW;
	return __pgprot(prot);
}

static struct vm_area_struct *vma_of(struct rb_node *n)
{
	return rb_entry_safe(n, struct vm_area_struct, vm_rb);
}

// A new empty address space with its own page directory, or NULL.
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
	spin_lock_init(&mm->page_table_lock);
	mm->task_size = TASK_SIZE;
	mm->start_brk = mm->brk = 0x08100000; // a placeholder until exec sets it
	arch_pick_mmap_layout(mm, &current->rlim[RLIMIT_STACK]);
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

struct vm_area_struct *vma_next(struct mm_struct *mm, struct vm_area_struct *vma)
{
	struct list_head *n = vma ? vma->vm_list.next : mm->mmap.next;
	return n == &mm->mmap ? nullptr : list_entry(n, struct vm_area_struct, vm_list);
}

struct vm_area_struct *vma_prev(struct mm_struct *mm, struct vm_area_struct *vma)
{
	struct list_head *p = vma ? vma->vm_list.prev : mm->mmap.prev;
	return p == &mm->mmap ? nullptr : list_entry(p, struct vm_area_struct, vm_list);
}

// find_vma, and in *pprev the VMA before it (the last one ending at or below addr).
struct vm_area_struct *find_vma_prev(struct mm_struct *mm, unsigned long addr,
				     struct vm_area_struct **pprev)
{
	struct vm_area_struct *vma = find_vma(mm, addr);
	*pprev = vma_prev(mm, vma);
	return vma;
}

struct vm_area_struct *find_vma_intersection(struct mm_struct *mm, unsigned long start,
					     unsigned long end)
{
	struct vm_area_struct *vma = find_vma(mm, start);
	return vma && vma->vm_start < end ? vma : nullptr;
}

// The VMA holding addr, or NULL.
struct vm_area_struct *vma_lookup(struct mm_struct *mm, unsigned long addr)
{
	struct vm_area_struct *vma = find_vma(mm, addr);
	return vma && vma->vm_start <= addr ? vma : nullptr;
}

void vma_link(struct mm_struct *mm, struct vm_area_struct *vma)
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

static struct anon_vma *anon_vma_get(struct anon_vma *av)
{
	if (av)
		av->refcount++;
	return av;
}

void anon_vma_put(struct anon_vma *av)
{
	if (av && --av->refcount == 0)
		anon_vma_pool.destroy(av);
}

static struct anon_vma *anon_vma_alloc(void)
{
	struct anon_vma *av = anon_vma_pool.create(GFP_KERNEL);
	if (av)
		av->refcount = 1;
	return av;
}

static struct vm_area_struct *vm_area_alloc(struct mm_struct *mm)
{
	struct vm_area_struct *vma = vma_pool.create(GFP_KERNEL);
	if (vma)
		vma->vm_mm = mm;
	return vma;
}

// A copy of orig, unlinked, holding its own references to the file and
// anon_vma (Linux: vm_area_dup plus anon_vma_clone and get_file).
struct vm_area_struct *vm_area_dup(struct vm_area_struct *orig)
{
	struct vm_area_struct *vma = vma_pool.create(GFP_KERNEL);
	if (!vma)
		return nullptr;
	*vma = *orig;
	INIT_LIST_HEAD(&vma->vm_list);
	anon_vma_get(vma->anon_vma);
	if (vma->vm_file)
		get_file(vma->vm_file);
	return vma;
}

// Drops an unlinked VMA and its references (Linux: remove_vma).
void vm_area_free(struct vm_area_struct *vma)
{
	if (!vma)
		return;
	if (vma->vm_file)
		fput(vma->vm_file);
	anon_vma_put(vma->anon_vma);
	vma_pool.destroy(vma);
}

// Gives a VMA its anon_vma on the first anonymous fault, reusing a
// mergeable neighbour's so the two can still merge (Linux:
// __anon_vma_prepare, find_mergeable_anon_vma). 0 or -ENOMEM.
static bool anon_vma_compatible(struct vm_area_struct *a, struct vm_area_struct *b)
{
	return a->vm_end == b->vm_start && a->vm_file == b->vm_file &&
	       !((a->vm_flags ^ b->vm_flags) & ~(VM_ACCESS_FLAGS | VM_SOFTDIRTY)) &&
	       b->vm_pgoff == a->vm_pgoff + ((b->vm_start - a->vm_start) >> PAGE_SHIFT);
}

int anon_vma_prepare(struct vm_area_struct *vma)
{
	if (vma->anon_vma)
		return 0;
	struct mm_struct *mm = vma->vm_mm;
	struct vm_area_struct *next = vma_next(mm, vma), *prev = vma_prev(mm, vma);
	struct anon_vma *av = nullptr;
	if (next && anon_vma_compatible(vma, next) && next->anon_vma && !next->anon_vma_chained)
		av = anon_vma_get(next->anon_vma);
	else if (prev && anon_vma_compatible(prev, vma) && prev->anon_vma &&
		 !prev->anon_vma_chained)
		av = anon_vma_get(prev->anon_vma);
	else
		av = anon_vma_alloc();
	vma->anon_vma = av;
	return av ? 0 : -ENOMEM;
}

// Linux: vm_stat_account. npages may be negative.
void vm_stat_account(struct mm_struct *mm, unsigned long flags, long npages)
{
	mm->total_vm += npages;
	if (is_exec_mapping(flags))
		mm->exec_vm += npages;
	else if (is_stack_mapping(flags))
		mm->stack_vm += npages;
	else if (is_data_mapping(flags))
		mm->data_vm += npages;
}

// May mm grow by npages of this kind under RLIMIT_AS and RLIMIT_DATA?
bool may_expand_vm(struct mm_struct *mm, unsigned long flags, unsigned long npages)
{
	if (mm->total_vm + npages > rlimit(RLIMIT_AS) >> PAGE_SHIFT)
		return false;
	if (is_data_mapping(flags) && mm->data_vm + npages > rlimit(RLIMIT_DATA) >> PAGE_SHIFT) {
		// Linux's Valgrind workaround: a zero soft limit defers to the hard one
		return rlimit(RLIMIT_DATA) == 0 &&
		       mm->data_vm + npages <= current->rlim[RLIMIT_DATA].rlim_max >> PAGE_SHIFT;
	}
	return true;
}

// -EAGAIN if locking len more bytes would pass RLIMIT_MEMLOCK.
int mlock_future_check(struct mm_struct *mm, unsigned long flags, unsigned long len)
{
	if (!(flags & VM_LOCKED))
		return 0;
	unsigned long locked = (len >> PAGE_SHIFT) + mm->locked_vm;
	return locked > rlimit(RLIMIT_MEMLOCK) >> PAGE_SHIFT ? -EAGAIN : 0;
}

// Linux: security_vm_enough_memory_mm, whose LSM hook (cap_vm_enough_memory)
// asks for CAP_SYS_ADMIN. There are no credentials here: every task is root.
int security_vm_enough_memory_mm(struct mm_struct *mm, long pages)
{
	return __vm_enough_memory(mm, pages, 1);
}

// Would a shared anonymous range [a] and [b] be one object? In Linux each
// MAP_SHARED|MAP_ANONYMOUS mmap gets its own shmem file; here the VMA's
// anon_vma stands for that file, so only pieces of one mmap merge.
static bool is_mergeable_anon_vma(struct anon_vma *av1, struct anon_vma *av2,
				  struct vm_area_struct *vma)
{
	if ((!av1 || !av2) && (!vma || (vma->anon_vma && !vma->anon_vma_chained)))
		return true;
	return av1 == av2;
}

static bool is_mergeable_vma(struct vm_area_struct *vma, struct file *file, unsigned long vm_flags,
			     struct anon_vma *av)
{
	if ((vma->vm_flags ^ vm_flags) & ~VM_SOFTDIRTY)
		return false;
	if (vma->vm_file != file)
		return false;
	if (!file && (vm_flags & VM_SHARED)) // a new shared object never joins an old one
		return false;
	return true;
}

// May [.., pgoff) be joined to the end of prev?
static bool can_vma_merge_after(struct vm_area_struct *prev, unsigned long vm_flags,
				struct anon_vma *av, struct file *file, unsigned long pgoff)
{
	return is_mergeable_vma(prev, file, vm_flags, av) &&
	       is_mergeable_anon_vma(av, prev->anon_vma, prev) &&
	       prev->vm_pgoff + vma_pages(prev) == pgoff;
}

// May a range ending at page end_pgoff be joined to the front of next?
static bool can_vma_merge_before(struct vm_area_struct *next, unsigned long vm_flags,
				 struct anon_vma *av, struct file *file, unsigned long end_pgoff)
{
	return is_mergeable_vma(next, file, vm_flags, av) &&
	       is_mergeable_anon_vma(av, next->anon_vma, next) && next->vm_pgoff == end_pgoff;
}

// The importer takes the exporter's anon_vma if it has none (Linux: the
// anon_vma_clone in __vma_adjust).
static void vma_import_anon(struct vm_area_struct *importer, struct anon_vma *av)
{
	if (!importer->anon_vma && av)
		importer->anon_vma = anon_vma_get(av);
}

// vma's end moves up to new_end over what follows: VMAs wholly covered go,
// one partly covered loses its front.
static void vma_grow_end(struct mm_struct *mm, struct vm_area_struct *vma, unsigned long new_end)
{
	struct vm_area_struct *n;
	while ((n = vma_next(mm, vma)) && n->vm_start < new_end) {
		vma_import_anon(vma, n->anon_vma);
		if (n->vm_end <= new_end) {
			vma_unlink(mm, n);
			vm_area_free(n);
		} else {
			n->vm_pgoff += (new_end - n->vm_start) >> PAGE_SHIFT;
			n->vm_start = new_end;
		}
	}
	vma->vm_end = new_end;
}

// vma's start moves down to new_start, with its pgoff (the mirror of vma_grow_end).
static void vma_grow_start(struct mm_struct *mm, struct vm_area_struct *vma,
			   unsigned long new_start)
{
	struct vm_area_struct *p;
	while ((p = vma_prev(mm, vma)) && p->vm_end > new_start) {
		vma_import_anon(vma, p->anon_vma);
		if (p->vm_start >= new_start) {
			vma_unlink(mm, p);
			vm_area_free(p);
		} else {
			p->vm_end = new_start;
		}
	}
	vma->vm_pgoff -= (vma->vm_start - new_start) >> PAGE_SHIFT;
	vma->vm_start = new_start;
}

/*
 * vma_merge - join [addr, end) with the VMA before (prev) and/or after it
 * @prev: the VMA before addr (or the VMA [addr, end) lies in, when addr is
 *        inside it), NULL if none
 *
 * [addr, end) is a new range in a hole, or a part of an existing VMA whose
 * flags are changing to vm_flags. Returns the VMA that now covers it, or
 * NULL if neither neighbour is compatible (same flags, file, contiguous
 * pgoff, anon_vma). Linux: vma_merge (6.1, cases 1-8), with the same
 * outcome for each case; accounting is the caller's.
 */
struct vm_area_struct *vma_merge(struct mm_struct *mm, struct vm_area_struct *prev,
				 unsigned long addr, unsigned long end, unsigned long vm_flags,
				 struct anon_vma *av, struct file *file, unsigned long pgoff)
{
	if (vm_flags & VM_SPECIAL)
		return nullptr;
	unsigned long pglen = (end - addr) >> PAGE_SHIFT;
	struct vm_area_struct *mid = vma_next(mm, prev), *next = mid;
	if (next && next->vm_end == end) // cases 6, 7, 8: the range is mid's tail or all of it
		next = vma_next(mm, next);
	bool merge_next = next && end == next->vm_start &&
			  can_vma_merge_before(next, vm_flags, av, file, pgoff + pglen);
	if (prev && prev->vm_end == addr && can_vma_merge_after(prev, vm_flags, av, file, pgoff)) {
		vma_import_anon(prev, av);
		if (merge_next && is_mergeable_anon_vma(prev->anon_vma, next->anon_vma, nullptr))
			vma_grow_end(mm, prev, next->vm_end); // cases 1, 6
		else
			vma_grow_end(mm, prev, end); // cases 2, 5, 7
		return prev;
	}
	if (!merge_next)
		return nullptr;
	vma_import_anon(next, av);
	if (prev && addr < prev->vm_end) { // case 4: prev's tail goes to next
		prev->vm_end = addr;
		next->vm_pgoff -= pglen;
		next->vm_start = addr;
	} else { // cases 3, 8
		vma_grow_start(mm, next, addr);
	}
	return next;
}

/*
 * Cuts vma in two at addr; the new VMA is the lower part if new_below, else
 * the upper. 0 or -ENOMEM. Linux: __split_vma; split_vma first refuses to
 * pass sysctl_max_map_count.
 */
int __split_vma(struct mm_struct *mm, struct vm_area_struct *vma, unsigned long addr, int new_below)
{
	struct vm_area_struct *n = vm_area_dup(vma);
	if (!n)
		return -ENOMEM;
	if (new_below) {
		n->vm_end = addr;
		vma->vm_pgoff += (addr - vma->vm_start) >> PAGE_SHIFT;
		vma->vm_start = addr;
	} else {
		n->vm_start = addr;
		n->vm_pgoff += (addr - vma->vm_start) >> PAGE_SHIFT;
		vma->vm_end = addr;
	}
	vma_link(mm, n);
	return 0;
}

int split_vma(struct mm_struct *mm, struct vm_area_struct *vma, unsigned long addr, int new_below)
{
	if (mm->map_count >= sysctl_max_map_count)
		return -ENOMEM;
	return __split_vma(mm, vma, addr, new_below);
}

// The gap below vma (above its predecessor), as Linux's gap search sees it.
static unsigned long gap_start_of(struct mm_struct *mm, struct vm_area_struct *vma)
{
	struct vm_area_struct *prev = vma_prev(mm, vma);
	return prev ? vm_end_gap(prev) : 0;
}

// Lowest fit in [low_limit, high_limit) (Linux: unmapped_area).
static unsigned long unmapped_area(struct mm_struct *mm, struct vm_unmapped_area_info *info)
{
	unsigned long length = info->length + info->align_mask;
	if (length < info->length)
		return -ENOMEM;
	for (struct vm_area_struct *vma = vma_next(mm, nullptr);; vma = vma_next(mm, vma)) {
		unsigned long gs = gap_start_of(mm, vma), ge = vma ? vm_start_gap(vma) : ~0UL;
		unsigned long lo = max(gs, info->low_limit), hi = min(ge, info->high_limit);
		if (hi > lo && hi - lo >= length)
			return lo + ((info->align_offset - lo) & info->align_mask);
		if (!vma || gs >= info->high_limit)
			return -ENOMEM;
	}
}

// Highest fit in [low_limit, high_limit) (Linux: unmapped_area_topdown).
static unsigned long unmapped_area_topdown(struct mm_struct *mm, struct vm_unmapped_area_info *info)
{
	unsigned long length = info->length + info->align_mask;
	if (length < info->length)
		return -ENOMEM;
	for (struct vm_area_struct *next = nullptr;; next = vma_prev(mm, next)) {
		unsigned long gs = gap_start_of(mm, next), ge = next ? vm_start_gap(next) : ~0UL;
		unsigned long lo = max(gs, info->low_limit), hi = min(ge, info->high_limit);
		if (hi > lo && hi - lo >= length) {
			unsigned long addr = hi - info->length;
			return addr - ((addr - info->align_offset) & info->align_mask);
		}
		if (!vma_prev(mm, next) || ge <= info->low_limit)
			return -ENOMEM;
	}
}

unsigned long vm_unmapped_area(struct vm_unmapped_area_info *info)
{
	struct mm_struct *mm = current->mm;
	if (info->flags & VM_UNMAPPED_AREA_TOPDOWN)
		return unmapped_area_topdown(mm, info);
	return unmapped_area(mm, info);
}

// A hint is taken if it fits whole, guard gaps included, between
// mmap_min_addr and mmap_end.
static bool hint_fits(struct mm_struct *mm, unsigned long addr, unsigned long len,
		      unsigned long mmap_end)
{
	struct vm_area_struct *prev, *vma = find_vma_prev(mm, addr, &prev);
	return mmap_end - len >= addr && addr >= mmap_min_addr &&
	       (!vma || addr + len <= vm_start_gap(vma)) && (!prev || addr >= vm_end_gap(prev));
}

// The legacy bottom-up search from mm->mmap_base (Linux: the generic
// arch_get_unmapped_area of mm/mmap.c, which i386 uses).
unsigned long arch_get_unmapped_area(struct file *filp, unsigned long addr, unsigned long len,
				     unsigned long pgoff, unsigned long flags)
{
	struct mm_struct *mm = current->mm;
	const unsigned long mmap_end = TASK_SIZE;
	if (len > mmap_end - mmap_min_addr)
		return -ENOMEM;
	if (flags & MAP_FIXED)
		return addr;
	if (addr) {
		addr = PAGE_ALIGN(addr);
		if (hint_fits(mm, addr, len, mmap_end))
			return addr;
	}
	struct vm_unmapped_area_info info = {0, len, mm->mmap_base, mmap_end, 0, 0};
	return vm_unmapped_area(&info);
}

// Top-down from mm->mmap_base; if nothing fits there, bottom-up from
// TASK_UNMAPPED_BASE (Linux: generic_get_unmapped_area_topdown).
unsigned long arch_get_unmapped_area_topdown(struct file *filp, unsigned long addr,
					     unsigned long len, unsigned long pgoff,
					     unsigned long flags)
{
	struct mm_struct *mm = current->mm;
	const unsigned long mmap_end = TASK_SIZE;
	if (len > mmap_end - mmap_min_addr)
		return -ENOMEM;
	if (flags & MAP_FIXED)
		return addr;
	if (addr) {
		addr = PAGE_ALIGN(addr);
		if (hint_fits(mm, addr, len, mmap_end))
			return addr;
	}
	struct vm_unmapped_area_info info = {
	    VM_UNMAPPED_AREA_TOPDOWN, len, max(PAGE_SIZE, mmap_min_addr), mm->mmap_base, 0, 0};
	addr = vm_unmapped_area(&info);
	if (offset_in_page(addr)) { // -ENOMEM: try the whole space bottom-up
		info.flags = 0;
		info.low_limit = TASK_UNMAPPED_BASE;
		info.high_limit = mmap_end;
		addr = vm_unmapped_area(&info);
	}
	return addr;
}

// Linux: security_mmap_addr via cap_mmap_addr, for a caller without CAP_SYS_RAWIO.
static int security_mmap_addr(unsigned long addr) { return addr < mmap_min_addr ? -EPERM : 0; }

unsigned long get_unmapped_area(struct file *file, unsigned long addr, unsigned long len,
				unsigned long pgoff, unsigned long flags)
{
	if (len > TASK_SIZE)
		return -ENOMEM;
	if (!file && (flags & MAP_SHARED))
		pgoff = 0; // shmem's area: without THP, the mm's own search
	addr = current->mm->get_unmapped_area(file, addr, len, pgoff, flags);
	if (IS_ERR_VALUE(addr))
		return addr;
	if (addr > TASK_SIZE - len)
		return -ENOMEM;
	if (offset_in_page(addr))
		return -EINVAL;
	int error = security_mmap_addr(addr);
	return error ? (unsigned long)error : addr;
}

// A hint below mmap_min_addr is raised to it (Linux: round_hint_to_min).
static unsigned long round_hint_to_min(unsigned long hint)
{
	hint &= PAGE_MASK;
	if (hint && hint < mmap_min_addr)
		return PAGE_ALIGN(mmap_min_addr);
	return hint;
}

// The file checks of do_mmap by map type; adjusts *vm_flags. 0 or an errno.
static int mmap_file_checks(struct file *file, unsigned long prot, unsigned long flags,
			    unsigned long *vm_flags)
{
	switch (flags & MAP_TYPE) {
	case MAP_SHARED:
		flags &= LEGACY_MAP_MASK; // unknown flags are ignored with plain MAP_SHARED
		[[fallthrough]];
	case MAP_SHARED_VALIDATE:
		if (flags & ~(unsigned long)LEGACY_MAP_MASK)
			return -EOPNOTSUPP;
		if ((prot & PROT_WRITE) && !(file->f_mode & FMODE_WRITE))
			return -EACCES;
		*vm_flags |= VM_SHARED | VM_MAYSHARE;
		if (!(file->f_mode & FMODE_WRITE))
			*vm_flags &= ~(VM_MAYWRITE | VM_SHARED);
		[[fallthrough]];
	case MAP_PRIVATE:
		if (!(file->f_mode & FMODE_READ))
			return -EACCES;
		if (!file->f_op || !file->f_op->mmap)
			return -ENODEV;
		if (*vm_flags & (VM_GROWSDOWN | VM_GROWSUP))
			return -EINVAL;
		return 0;
	default: return -EINVAL;
	}
}

// The anonymous side: shared anon ignores pgoff, private gets addr's page.
static int mmap_anon_checks(unsigned long addr, unsigned long flags, unsigned long *vm_flags,
			    unsigned long *pgoff)
{
	switch (flags & MAP_TYPE) {
	case MAP_SHARED:
		if (*vm_flags & (VM_GROWSDOWN | VM_GROWSUP))
			return -EINVAL;
		*pgoff = 0;
		*vm_flags |= VM_SHARED | VM_MAYSHARE;
		return 0;
	case MAP_PRIVATE: *pgoff = addr >> PAGE_SHIFT; return 0;
	default: return -EINVAL;
	}
}

/*
 * do_mmap - map len bytes of file (or anonymous memory) into current->mm
 * @prot: PROT_*; @flags: MAP_*; @pgoff: the file offset in pages
 * @populate: set to the bytes the caller should fault in (MAP_POPULATE,
 *            MAP_LOCKED), else 0
 *
 * Returns the address, or -EINVAL (len 0, bad map type, unaligned
 * MAP_FIXED), -ENOMEM (no room, too long, too many maps, a limit),
 * -EOVERFLOW (pgoff + len wraps), -EEXIST (MAP_FIXED_NOREPLACE over a
 * mapping), -EACCES/-ENODEV/-EOPNOTSUPP (the file), -EPERM (below
 * mmap_min_addr, MAP_LOCKED without RLIMIT_MEMLOCK), -EAGAIN (mlock limit).
 * Context: process context, current->mm set. Linux: do_mmap (6.1), no
 * READ_IMPLIES_EXEC, pkeys or noexec mounts.
 */
unsigned long do_mmap(struct file *file, unsigned long addr, unsigned long len, unsigned long prot,
		      unsigned long flags, unsigned long pgoff, unsigned long *populate)
{
	struct mm_struct *mm = current->mm;
	*populate = 0;
	if (!len)
		return -EINVAL;
	if (flags & MAP_FIXED_NOREPLACE)
		flags |= MAP_FIXED;
	if (!(flags & MAP_FIXED))
		addr = round_hint_to_min(addr);
	len = PAGE_ALIGN(len);
	if (!len)
		return -ENOMEM;
	if (pgoff + (len >> PAGE_SHIFT) < pgoff)
		return -EOVERFLOW;
	if (mm->map_count > sysctl_max_map_count)
		return -ENOMEM;
	addr = get_unmapped_area(file, addr, len, pgoff, flags);
	if (IS_ERR_VALUE(addr))
		return addr;
	if ((flags & MAP_FIXED_NOREPLACE) && find_vma_intersection(mm, addr, addr + len))
		return -EEXIST;
	unsigned long vm_flags = calc_vm_prot_bits(prot) | calc_vm_flag_bits(flags) |
				 mm->def_flags | VM_MAYREAD | VM_MAYWRITE | VM_MAYEXEC;
	if ((flags & MAP_LOCKED) && rlimit(RLIMIT_MEMLOCK) == 0) // Linux: can_do_mlock
		return -EPERM;
	if (mlock_future_check(mm, vm_flags, len))
		return -EAGAIN;
	int error = file ? mmap_file_checks(file, prot, flags, &vm_flags)
			 : mmap_anon_checks(addr, flags, &vm_flags, &pgoff);
	if (error)
		return error;
	if ((flags & MAP_NORESERVE) && sysctl_overcommit_memory != OVERCOMMIT_NEVER)
		vm_flags |= VM_NORESERVE; // mode 2 charges everything it may have to give
	addr = mmap_region(file, addr, len, vm_flags, pgoff);
	if (!IS_ERR_VALUE(addr) &&
	    ((vm_flags & VM_LOCKED) || (flags & (MAP_POPULATE | MAP_NONBLOCK)) == MAP_POPULATE))
		*populate = len;
	return addr;
}

static unsigned long count_vma_pages_range(struct mm_struct *mm, unsigned long addr,
					   unsigned long end)
{
	unsigned long pages = 0;
	for (struct vm_area_struct *vma = find_vma_intersection(mm, addr, end);
	     vma && vma->vm_start < end; vma = vma_next(mm, vma))
		pages += (min(end, vma->vm_end) - max(addr, vma->vm_start)) >> PAGE_SHIFT;
	return pages;
}

// Linux: accountable_mapping. Private writable memory is charged.
static bool accountable_mapping(unsigned long vm_flags)
{
	return (vm_flags & (VM_NORESERVE | VM_SHARED | VM_WRITE)) == VM_WRITE;
}

// A new VMA for [addr, addr + len) when no neighbour could take it. Its
// file's ->mmap is called; shared anon gets its shmem stand-in.
static unsigned long mmap_new_vma(struct mm_struct *mm, struct file *file, unsigned long addr,
				  unsigned long len, unsigned long vm_flags, unsigned long pgoff)
{
	struct vm_area_struct *vma = vm_area_alloc(mm);
	if (!vma)
		return -ENOMEM;
	vma->vm_start = addr;
	vma->vm_end = addr + len;
	vma->vm_flags = vm_flags;
	vma->vm_page_prot = vm_get_page_prot(vm_flags);
	vma->vm_pgoff = pgoff;
	if (file) {
		vma->vm_file = get_file(file);
		int error = file->f_op->mmap(file, vma);
		if (error) {
			vm_area_free(vma);
			return error;
		}
	} else if (vm_flags & VM_SHARED) {
		int error = shmem_zero_setup(vma); // an unnamed file: fork shares its pages
		if (error) {
			vm_area_free(vma);
			return error;
		}
	}
	vma_link(mm, vma);
	return addr;
}

// Extends a neighbour over the new [addr, end): next is checked first,
// then prev (with next's anon_vma when next matched), and prev swallows
// next when both match (Linux 6.1: the "Attempt to expand an old mapping"
// part of mmap_region, vma_expand). True if one took it.
static bool mmap_expand(struct mm_struct *mm, unsigned long addr, unsigned long end,
			unsigned long vm_flags, struct file *file, unsigned long pgoff)
{
	if (vm_flags & VM_SPECIAL)
		return false;
	struct vm_area_struct *prev, *next = find_vma_prev(mm, addr, &prev), *vma = nullptr;
	unsigned long pglen = (end - addr) >> PAGE_SHIFT, merge_end = end;
	if (next && next->vm_start == end &&
	    can_vma_merge_before(next, vm_flags, nullptr, file, pgoff + pglen)) {
		merge_end = next->vm_end;
		vma = next;
	}
	if (prev && prev->vm_end == addr &&
	    can_vma_merge_after(prev, vm_flags, vma ? vma->anon_vma : nullptr, file, pgoff))
		vma = prev;
	if (!vma)
		return false;
	if (vma == prev)
		vma_grow_end(mm, prev, merge_end);
	else
		vma_grow_start(mm, next, addr);
	return true;
}

/*
 * mmap_region - replace whatever is in [addr, addr + len) with a mapping
 * The range is unmapped first (MAP_FIXED's replacing), then merged with a
 * compatible neighbour or given a new VMA. Returns addr or -ENOMEM (limits,
 * overcommit) or the file's ->mmap error (the old mapping is gone then, as
 * in Linux). Linux: mmap_region (6.1).
 */
unsigned long mmap_region(struct file *file, unsigned long addr, unsigned long len,
			  unsigned long vm_flags, unsigned long pgoff)
{
	struct mm_struct *mm = current->mm;
	unsigned long end = addr + len, pglen = len >> PAGE_SHIFT;
	if (!may_expand_vm(mm, vm_flags, pglen) &&
	    !may_expand_vm(mm, vm_flags, pglen - count_vma_pages_range(mm, addr, end)))
		return -ENOMEM;
	if (do_munmap(mm, addr, len))
		return -ENOMEM;
	if (accountable_mapping(vm_flags)) {
		if (security_vm_enough_memory_mm(mm, pglen))
			return -ENOMEM;
		vm_flags |= VM_ACCOUNT;
	}
	// a new shmem object has nothing to merge with
	if (((vm_flags & VM_SHARED) && !file) ||
	    !mmap_expand(mm, addr, end, vm_flags, file, pgoff)) {
		unsigned long r = mmap_new_vma(mm, file, addr, len, vm_flags, pgoff);
		if (IS_ERR_VALUE(r)) {
			if (vm_flags & VM_ACCOUNT)
				vm_unacct_memory((long)pglen);
			return r;
		}
	}
	vm_stat_account(mm, vm_flags, pglen);
	if (vm_flags & VM_LOCKED)
		mm->locked_vm += pglen;
	return addr;
}

// Takes vma out of mm: its pages, accounting and references.
static void remove_vma(struct mm_struct *mm, struct vm_area_struct *vma)
{
	long pages = (long)vma_pages(vma);
	zap_page_range(mm, vma->vm_start, vma->vm_end);
	vm_stat_account(mm, vma->vm_flags, -pages);
	if (vma->vm_flags & VM_LOCKED)
		mm->locked_vm -= pages;
	if (vma->vm_flags & VM_ACCOUNT)
		vm_unacct_memory(pages);
	vma_unlink(mm, vma);
	vm_area_free(vma);
}

/*
 * do_munmap - unmap [start, start + len) of mm, splitting VMAs at the edges
 * Returns 0 (also when nothing was mapped), -EINVAL for an unaligned start,
 * len 0 or a range past TASK_SIZE, -ENOMEM if a split would pass
 * sysctl_max_map_count. Linux: do_mas_munmap and do_mas_align_munmap.
 */
int do_munmap(struct mm_struct *mm, unsigned long start, size_t len)
{
	if (offset_in_page(start) || start > TASK_SIZE || len > TASK_SIZE - start)
		return -EINVAL;
	unsigned long end = start + PAGE_ALIGN(len);
	if (end == start)
		return -EINVAL;
	struct vm_area_struct *vma = find_vma_intersection(mm, start, end);
	if (!vma)
		return 0;
	if (start > vma->vm_start) {
		// the map count may pass the limit by one for the moment, not after
		if (end < vma->vm_end && mm->map_count >= sysctl_max_map_count)
			return -ENOMEM;
		if (__split_vma(mm, vma, start, 0))
			return -ENOMEM;
	}
	struct vm_area_struct *last = find_vma(mm, end - 1);
	if (last && last->vm_start < end && last->vm_end > end && __split_vma(mm, last, end, 1))
		return -ENOMEM;
	vma = find_vma(mm, start); // the first piece inside, now that the edges are cut
	update_hiwater_vm(mm);
	while (vma && vma->vm_start < end) {
		struct vm_area_struct *next = vma_next(mm, vma);
		remove_vma(mm, vma);
		vma = next;
	}
	return 0;
}

int vm_munmap(unsigned long start, size_t len) { return do_munmap(current->mm, start, len); }

long sys_munmap(unsigned long addr, size_t len) { return vm_munmap(addr, len); }

// Linux: check_data_rlimit. The heap plus the data segment must fit RLIMIT_DATA.
static int check_data_rlimit(unsigned long rlim, unsigned long new_brk, unsigned long start,
			     unsigned long end_data, unsigned long start_data)
{
	if (rlim < RLIM_INFINITY && (new_brk - start) + (end_data - start_data) > rlim)
		return -ENOSPC;
	return 0;
}

// Grows the heap by [addr, addr + len): extends vma if it ends at addr and
// matches, else a new VMA (Linux: do_brk_flags). 0 or -ENOMEM.
static int do_brk_flags(struct mm_struct *mm, struct vm_area_struct *vma, unsigned long addr,
			unsigned long len, unsigned long flags)
{
	flags |= VM_DATA_DEFAULT_FLAGS | VM_ACCOUNT | mm->def_flags;
	unsigned long pages = len >> PAGE_SHIFT;
	if (!may_expand_vm(mm, flags, pages) || mm->map_count > sysctl_max_map_count ||
	    security_vm_enough_memory_mm(mm, (long)pages))
		return -ENOMEM;
	if (vma && vma->vm_end == addr &&
	    can_vma_merge_after(vma, flags, nullptr, nullptr, addr >> PAGE_SHIFT)) {
		vma->vm_end = addr + len;
	} else {
		vma = vm_area_alloc(mm);
		if (!vma) {
			vm_unacct_memory((long)pages);
			return -ENOMEM;
		}
		vma->vm_start = addr;
		vma->vm_end = addr + len;
		vma->vm_pgoff = addr >> PAGE_SHIFT;
		vma->vm_flags = flags;
		vma->vm_page_prot = vm_get_page_prot(flags);
		vma_link(mm, vma);
	}
	mm->total_vm += pages;
	mm->data_vm += pages;
	if (flags & VM_LOCKED)
		mm->locked_vm += pages;
	return 0;
}

// Shrinks the heap to newbrk: fails if no VMA lies in [newbrk, oldbrk).
static bool brk_shrink(struct mm_struct *mm, unsigned long brk, unsigned long newbrk,
		       unsigned long oldbrk)
{
	struct vm_area_struct *brkvma = find_vma(mm, newbrk);
	if (!brkvma || brkvma->vm_start >= oldbrk)
		return false; // the heap was unmapped under us: refuse, as Linux
	unsigned long origbrk = mm->brk;
	mm->brk = brk;
	if (do_munmap(mm, newbrk, oldbrk - newbrk)) {
		mm->brk = origbrk;
		return false;
	}
	return true;
}

// Grows the heap to newbrk, keeping a page (and a stack's guard gap) free
// below the next VMA.
static bool brk_grow(struct mm_struct *mm, unsigned long newbrk, unsigned long oldbrk)
{
	unsigned long len = newbrk - oldbrk;
	unsigned long r = get_unmapped_area(nullptr, oldbrk, len, 0, MAP_FIXED);
	if (IS_ERR_VALUE(r) || mlock_future_check(mm, mm->def_flags, len))
		return false;
	struct vm_area_struct *next = find_vma(mm, oldbrk);
	if (next && next->vm_start <= newbrk - 1 + PAGE_SIZE + stack_guard_gap &&
	    newbrk + PAGE_SIZE > vm_start_gap(next))
		return false;
	struct vm_area_struct *brkvma = vma_prev(mm, next);
	if (brkvma && brkvma->vm_end <= mm->start_brk)
		brkvma = nullptr; // Linux: mas_prev(&mas, mm->start_brk)
	return do_brk_flags(mm, brkvma, oldbrk, len, 0) == 0;
}

/*
 * sys_brk - move the end of the heap to brk
 * Returns the new brk, or the old one if the move is refused: below
 * start_brk, past RLIMIT_DATA, into the next mapping (less a page, or a
 * stack's guard gap), or out of memory. mm->brk keeps the unaligned value;
 * the VMA ends at PAGE_ALIGN(brk). Linux: SYSCALL_DEFINE1(brk) (6.1,
 * without CONFIG_COMPAT_BRK, as Debian builds it).
 */
long sys_brk(unsigned long brk)
{
	struct mm_struct *mm = current->mm;
	unsigned long origbrk = mm->brk;
	if (brk < mm->start_brk)
		return (long)origbrk;
	if (check_data_rlimit(rlimit(RLIMIT_DATA), brk, mm->start_brk, mm->end_data,
			      mm->start_data))
		return (long)origbrk;
	unsigned long newbrk = PAGE_ALIGN(brk), oldbrk = PAGE_ALIGN(mm->brk);
	if (oldbrk == newbrk) {
		mm->brk = brk;
		return (long)brk;
	}
	if (brk <= mm->brk)
		return (long)(brk_shrink(mm, brk, newbrk, oldbrk) ? brk : origbrk);
	if (!brk_grow(mm, newbrk, oldbrk))
		return (long)origbrk;
	mm->brk = brk;
	if (mm->def_flags & VM_LOCKED)
		mm_populate(oldbrk, newbrk - oldbrk);
	return (long)brk;
}

// Linux: acct_stack_growth. May the stack reach size bytes, grow pages more?
static int acct_stack_growth(struct vm_area_struct *vma, unsigned long size, unsigned long grow)
{
	struct mm_struct *mm = vma->vm_mm;
	if (!may_expand_vm(mm, vma->vm_flags, grow))
		return -ENOMEM;
	if (size > rlimit(RLIMIT_STACK))
		return -ENOMEM;
	if (mlock_future_check(mm, vma->vm_flags, grow << PAGE_SHIFT))
		return -ENOMEM;
	// Linux charges every stack's growth, even one without VM_ACCOUNT whose
	// unmap gives nothing back; only a charged stack is charged here
	if (!(vma->vm_flags & VM_ACCOUNT))
		return 0;
	return security_vm_enough_memory_mm(mm, (long)grow);
}

/*
 * expand_stack - grow a VM_GROWSDOWN vma down to cover address
 * Refused with -EPERM below mmap_min_addr, -ENOMEM within stack_guard_gap
 * of an accessible VMA below that is not itself a stack, past RLIMIT_STACK
 * or the other limits. Linux: expand_stack, expand_downwards (6.1).
 */
int expand_stack(struct vm_area_struct *vma, unsigned long address)
{
	struct mm_struct *mm = vma->vm_mm;
	address &= PAGE_MASK;
	if (address < mmap_min_addr)
		return -EPERM;
	struct vm_area_struct *prev = vma_prev(mm, vma);
	if (prev && !(prev->vm_flags & VM_GROWSDOWN) && vma_is_accessible(prev) &&
	    address - prev->vm_end < stack_guard_gap)
		return -ENOMEM;
	if (anon_vma_prepare(vma))
		return -ENOMEM;
	if (address >= vma->vm_start)
		return 0;
	unsigned long size = vma->vm_end - address, grow = (vma->vm_start - address) >> PAGE_SHIFT;
	if (grow > vma->vm_pgoff)
		return -ENOMEM;
	int error = acct_stack_growth(vma, size, grow);
	if (error)
		return error;
	if (vma->vm_flags & VM_LOCKED)
		mm->locked_vm += grow;
	vm_stat_account(mm, vma->vm_flags, (long)grow);
	vma->vm_start = address;
	vma->vm_pgoff -= grow;
	return 0;
}

// The VMA covering addr, a stack grown down to it if need be, or NULL.
struct vm_area_struct *find_extend_vma(struct mm_struct *mm, unsigned long addr)
{
	addr &= PAGE_MASK;
	struct vm_area_struct *vma = find_vma(mm, addr);
	if (!vma || vma->vm_start <= addr)
		return vma;
	if (!(vma->vm_flags & VM_GROWSDOWN))
		return nullptr;
	unsigned long start = vma->vm_start;
	if (expand_stack(vma, addr))
		return nullptr;
	if (vma->vm_flags & VM_LOCKED)
		populate_vma_page_range(vma, addr, start);
	return vma;
}

/*
 * copy_vma - a VMA for [addr, addr + len) like *vmap, for mremap's move
 * An unfaulted anonymous source takes the pgoff of its new place, so it can
 * merge there; the new range is merged with its neighbours if possible
 * (which may swallow the source itself: *vmap is then updated). Returns
 * the VMA or NULL. Linux: copy_vma.
 */
struct vm_area_struct *copy_vma(struct vm_area_struct **vmap, unsigned long addr, unsigned long len,
				unsigned long pgoff)
{
	struct vm_area_struct *vma = *vmap;
	struct mm_struct *mm = vma->vm_mm;
	unsigned long vma_start = vma->vm_start;
	if (vma_is_anonymous(vma) && !vma->anon_vma)
		pgoff = addr >> PAGE_SHIFT;
	struct vm_area_struct *prev;
	find_vma_prev(mm, addr, &prev);
	struct vm_area_struct *n = vma_merge(mm, prev, addr, addr + len, vma->vm_flags,
					     vma->anon_vma, vma->vm_file, pgoff);
	if (n) {
		if (vma_start >= n->vm_start && vma_start < n->vm_end)
			*vmap = n;
		return n;
	}
	n = vm_area_dup(vma);
	if (!n)
		return nullptr;
	n->vm_start = addr;
	n->vm_end = addr + len;
	n->vm_pgoff = pgoff;
	vma_link(mm, n);
	return n;
}

// The child's copy of one VMA: its own anon_vma chained to the parent's.
static struct vm_area_struct *dup_vma(struct vm_area_struct *v)
{
	struct vm_area_struct *copy = vm_area_dup(v);
	if (!copy || !v->anon_vma || (v->vm_flags & VM_SHARED))
		return copy;
	anon_vma_put(copy->anon_vma);
	copy->anon_vma = anon_vma_alloc();
	copy->anon_vma_chained = true;
	if (!copy->anon_vma) {
		vm_area_free(copy);
		return nullptr;
	}
	return copy;
}

// dup_vma, the copy charged to the commitment as a fresh promise (to the
// parent's mm, as Linux's dup_mmap does). NULL if refused or out of memory.
static struct vm_area_struct *dup_vma_charged(struct mm_struct *old, struct vm_area_struct *v)
{
	long charge = (v->vm_flags & VM_ACCOUNT) ? (long)vma_pages(v) : 0;
	if (charge && security_vm_enough_memory_mm(old, charge))
		return nullptr;
	struct vm_area_struct *copy = dup_vma(v);
	if (!copy && charge)
		vm_unacct_memory(charge);
	return copy;
}

// A child address space sharing every page copy-on-write (Linux: dup_mmap,
// copy_page_range), or NULL with nothing left over if memory runs out.
// VM_DONTCOPY VMAs are left out; VM_WIPEONFORK ones come empty.
struct mm_struct *dup_mm(struct mm_struct *old)
{
	struct mm_struct *mm = mm_alloc();
	if (!mm)
		return nullptr;
	struct mm_struct saved = *mm;
	*mm = *old; // layout, limits and counters, then this mm's own tree and tables
	mm->pgd = saved.pgd;
	if (mm->exe_file)
		get_file(mm->exe_file);
	mm->mm_rb = RB_ROOT;
	INIT_LIST_HEAD(&mm->mmap);
	mm->map_count = 0;
	mm->locked_vm = 0;
	mm->rss_stat = {};
	mm->nr_faults = mm->nr_zero_maps = mm->nr_cow_copies = mm->nr_cow_reuses = 0;
	mm->nr_pte_tables = mm->nr_segv = mm->last_segv_addr = 0;
	struct vm_area_struct *v;
	list_for_each_entry(v, &old->mmap, vm_list) {
		if (v->vm_flags & VM_DONTCOPY) {
			vm_stat_account(mm, v->vm_flags, -(long)vma_pages(v));
			continue;
		}
		struct vm_area_struct *copy = dup_vma_charged(old, v);
		if (!copy) {
			exit_mmap(mm);
			return nullptr;
		}
		copy->vm_flags &= VM_LOCKED_CLEAR_MASK; // locks are not inherited
		vma_link(mm, copy);
		if (!(v->vm_flags & VM_WIPEONFORK) && copy_page_range(mm, old, v)) {
			exit_mmap(mm);
			return nullptr;
		}
	}
	return mm;
}

// Frees every page, table and VMA of mm and mm itself; a loaded mm is
// switched out first.
void exit_mmap(struct mm_struct *mm)
{
	if (current_mm == mm)
		switch_mm(nullptr);
	if (current->mm == mm)
		current->mm = nullptr;
	while (!list_empty(&mm->mmap))
		remove_vma(mm, list_first_entry(&mm->mmap, struct vm_area_struct, vm_list));
	free_pgtables(mm);
	pgd_free(mm->pgd);
	if (mm->exe_file)
		fput(mm->exe_file);
	mm_pool.destroy(mm);
}

// Linux: _install_special_mapping. A VMA the kernel fills from spec's
// pages, never merged, never grown by mremap (VM_DONTEXPAND).
int install_special_mapping(struct mm_struct *mm, unsigned long addr, unsigned long len,
			    unsigned long vm_flags, const struct vm_special_mapping *spec)
{
	struct vm_area_struct *vma = vm_area_alloc(mm);
	if (!vma)
		return -ENOMEM;
	vma->vm_start = addr;
	vma->vm_end = addr + len;
	vma->vm_flags = vm_flags | mm->def_flags | VM_DONTEXPAND | VM_SOFTDIRTY;
	vma->vm_page_prot = vm_get_page_prot(vma->vm_flags);
	vma->vm_pgoff = 0;
	vma->vm_special = spec;
	vma_link(mm, vma);
	vm_stat_account(mm, vma->vm_flags, (long)(len >> PAGE_SHIFT));
	return 0;
}

// Anonymous memory at a fixed [addr, addr + len) of current->mm, as the
// ELF loader's bss needs (Linux: vm_brk_flags). 0 or -errno.
int vm_brk_flags(unsigned long addr, unsigned long len, unsigned long flags)
{
	struct mm_struct *mm = current->mm;
	len = PAGE_ALIGN(len);
	if (!len)
		return 0;
	if (addr + len > TASK_SIZE || addr + len < addr)
		return -ENOMEM;
	if (do_munmap(mm, addr, len))
		return -ENOMEM;
	struct vm_area_struct *prev = nullptr;
	find_vma_prev(mm, addr, &prev);
	return do_brk_flags(mm, prev, addr, len, flags & VM_EXEC);
}

// Gives [start, end) of vma new_flags: merged into a neighbour that then
// matches, else split off on its own. The VMA now covering the range, or
// NULL if a split ran out of memory (Linux 6.7's vma_modify_flags; 6.1
// open-codes it in mprotect_fixup and madvise_update_vma).
struct vm_area_struct *vma_modify_flags(struct mm_struct *mm, struct vm_area_struct *prev,
					struct vm_area_struct *vma, unsigned long start,
					unsigned long end, unsigned long new_flags)
{
	unsigned long pgoff = vma->vm_pgoff + ((start - vma->vm_start) >> PAGE_SHIFT);
	struct vm_area_struct *merged =
	    vma_merge(mm, prev, start, end, new_flags, vma->anon_vma, vma->vm_file, pgoff);
	if (merged) {
		vma = merged;
	} else {
		if (start != vma->vm_start && split_vma(mm, vma, start, 1))
			return nullptr;
		if (end != vma->vm_end && split_vma(mm, vma, end, 0))
			return nullptr;
	}
	vma->vm_flags = new_flags;
	return vma;
}
