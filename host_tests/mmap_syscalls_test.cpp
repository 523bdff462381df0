// The memory system calls against what Linux 6.1 i386 does: layout, every
// errno of mmap/munmap/brk/mprotect/mremap/madvise/mincore, and the VMA
// shapes (splits, merges, pgoff, file references) they leave. Expected
// values follow Linux's code paths (mm/mmap.c, mm/mprotect.c, mm/mremap.c,
// mm/madvise.c, mm/mincore.c, arch/x86/mm/mmap.c); each case says which.
#include "mm_user_helpers.h"

#include <linux/fcntl.h>
#include <linux/pagemap.h>
#include <linux/ramfs.h>
#include <linux/stat.h>

#include <linux/uaccess.h>

namespace
{

struct Mmap : UserMm {
	void SetUp() override
	{
		UserMm::SetUp();
		pagecache_init();
		vfs_caches_init(); // the files below have real (empty) ramfs inodes
	}
};

int test_file_mmap(struct file *, struct vm_area_struct *) { return 0; }
const struct file_operations mappable_fops = {.mmap = test_file_mmap};
const struct file_operations unmappable_fops = {};

struct file *open_file(fmode_t mode, const struct file_operations *fops = &mappable_fops)
{
	struct file *f = (struct file *)kzalloc(sizeof(*f), GFP_KERNEL);
	f->f_count = 1;
	f->f_mode = mode;
	f->f_op = fops;
	f->f_inode = ramfs_get_inode(S_IFREG | 0644, 0); // empty: every page is past the end
	f->f_mapping = f->f_inode->i_mapping;
	return f;
}

// arch/x86/mm/mmap.c: gap = 8 MiB + stack_guard_gap (1 MiB), below the
// 128 MiB floor, so mmap_base = 0xc0000000 - 0x08000000 with norandmaps.
TEST_F(Mmap, layout_norandmaps_default_stack)
{
	EXPECT_EQ(mm->mmap_base, 0xb8000000ul);
	EXPECT_EQ(mm->get_unmapped_area, arch_get_unmapped_area_topdown);
	// glibc's first mmaps: the highest free range below mmap_base, going down
	EXPECT_EQ(anon(0, 0x21000, PROT_READ | PROT_WRITE), 0xb7fdf000l);
	EXPECT_EQ(anon(0, P, PROT_READ), 0xb7fde000l);
	EXPECT_EQ(anon(0, 0x100000, PROT_NONE, MAP_NORESERVE), 0xb7ede000l);
}

TEST_F(Mmap, layout_follows_the_stack_rlimit_and_randomisation)
{
	struct rlimit big = {1ul << 30, RLIM_INFINITY}, inf = {RLIM_INFINITY, RLIM_INFINITY};
	arch_pick_mmap_layout(mm, &big); // gap 1 GiB + 1 MiB
	EXPECT_EQ(mm->mmap_base, 0xc0000000ul - 0x40100000ul);
	arch_pick_mmap_layout(mm, &inf); // overflow guard, then the 5/6 ceiling
	EXPECT_EQ(mm->mmap_base, 0x20000000ul);
	current->flags |= PF_RANDOMIZE;
	for (int i = 0; i < 50; i++) {
		arch_pick_mmap_layout(mm, &current->rlim[RLIMIT_STACK]);
		EXPECT_EQ(mm->mmap_base & ~PAGE_MASK, 0ul);
		EXPECT_LE(mm->mmap_base, 0xb8000000ul);
		EXPECT_GE(mm->mmap_base, 0xb8000000ul - (255ul << PAGE_SHIFT)) << "8 bits of pages";
	}
	current->flags &= ~PF_RANDOMIZE;
	sysctl_legacy_va_layout = 1;
	arch_pick_mmap_layout(mm, &current->rlim[RLIMIT_STACK]);
	sysctl_legacy_va_layout = 0;
	EXPECT_EQ(mm->mmap_base, 0x40000000ul);
	EXPECT_EQ(anon(0, P, PROT_READ), 0x40000000l) << "bottom-up from TASK_UNMAPPED_BASE";
}

TEST_F(Mmap, hints_are_honoured_when_free)
{
	EXPECT_EQ(anon(0x10000000, 2 * P, PROT_READ), 0x10000000l);
	EXPECT_EQ(anon(0x10000000, P, PROT_READ), 0xb7fff000l) << "taken: searched instead";
	EXPECT_EQ(anon(0x10001234, P, PROT_READ), 0xb7ffe000l) << "rounded down, then taken";
	EXPECT_EQ(anon(0x1000, P, PROT_READ), 0x10000l) << "raised to mmap_min_addr";
	EXPECT_EQ(anon(0xbffff000, 2 * P, PROT_READ), 0xb7ffc000l) << "past TASK_SIZE: ignored";
}

TEST_F(Mmap, mmap_errnos)
{
	const unsigned long RW = PROT_READ | PROT_WRITE;
	EXPECT_EQ(anon(0, 0, RW), -EINVAL) << "len 0";
	EXPECT_EQ(anon(0x10000001, P, RW, MAP_FIXED), -EINVAL) << "unaligned MAP_FIXED";
	EXPECT_EQ(mmap(0, P, RW, MAP_ANONYMOUS), -EINVAL) << "neither SHARED nor PRIVATE";
	EXPECT_EQ(mmap(0, P, RW, MAP_ANONYMOUS | MAP_SHARED_VALIDATE), -EINVAL);
	EXPECT_EQ(mmap(0, P, RW, MAP_ANONYMOUS | MAP_SHARED | MAP_GROWSDOWN), -EINVAL);
	EXPECT_EQ(anon(0, 0xc0001000ul, PROT_NONE), -ENOMEM) << "longer than TASK_SIZE";
	EXPECT_EQ(anon(0, ~0ul, PROT_NONE), -ENOMEM) << "PAGE_ALIGN wraps to 0";
	EXPECT_EQ(anon(0xbffff000, 2 * P, RW, MAP_FIXED), -ENOMEM) << "past TASK_SIZE";
	EXPECT_EQ(anon(0x8000, P, RW, MAP_FIXED), -EPERM) << "below mmap_min_addr";
	EXPECT_EQ(mmap(0, 2 * P, RW, MAP_PRIVATE | MAP_ANONYMOUS, nullptr, ~0ul), -EOVERFLOW)
	    << "pgoff + pages wraps (Linux: -EOVERFLOW, before the anon pgoff reset)";
	EXPECT_EQ(anon(0, 1ul << 30, RW), -ENOMEM) << "overcommit: more than RAM, private writable";
	EXPECT_GT(anon(0, 1ul << 30, RW, MAP_NORESERVE), 0) << "MAP_NORESERVE is not charged";
	EXPECT_EQ(anon(0, 9ul << 20, RW, MAP_LOCKED), -EAGAIN) << "past the 8 MiB RLIMIT_MEMLOCK";
	current->rlim[RLIMIT_MEMLOCK].rlim_cur = 0;
	EXPECT_EQ(anon(0, P, RW, MAP_LOCKED), -EPERM) << "can_do_mlock: no RLIMIT_MEMLOCK";
	current->rlim[RLIMIT_AS].rlim_cur = (mm->total_vm << PAGE_SHIFT) + P;
	EXPECT_EQ(anon(0, 2 * P, PROT_NONE), -ENOMEM) << "RLIMIT_AS";
	EXPECT_GT(anon(0, P, PROT_NONE), 0);
}

TEST_F(Mmap, no_room_falls_back_bottom_up_then_enomem)
{
	// top-down space [0x10000, 0xb8000000) almost all taken
	EXPECT_EQ(anon(0x10000, 0xb8000000ul - 0x20000, PROT_NONE, MAP_FIXED), 0x10000l);
	EXPECT_EQ(anon(0, 0x10000, PROT_NONE), 0xb7ff0000l) << "the last top-down hole";
	EXPECT_EQ(anon(0, 2 * P, PROT_NONE), 0xb8000000l) << "bottom-up above mmap_base";
	EXPECT_EQ(anon(0, 0x08000000, PROT_NONE), -ENOMEM);
}

TEST_F(Mmap, map_count_limit)
{
	int saved = sysctl_max_map_count;
	sysctl_max_map_count = 3;
	for (int i = 0; i < 4; i++) // alternating rights: no merges
		EXPECT_GT(anon(0, P, i % 2 ? PROT_READ : PROT_NONE), 0);
	EXPECT_EQ(mm->map_count, 4);
	EXPECT_EQ(anon(0, P, PROT_READ | PROT_WRITE), -ENOMEM) << "map_count > max_map_count";
	long a = (long)find_vma(mm, 0)->vm_start;
	EXPECT_EQ(sys_mprotect(a, P, PROT_READ | PROT_WRITE), 0) << "no split needed";
	sysctl_max_map_count = saved;
}

TEST_F(Mmap, fixed_noreplace_and_fixed_replace)
{
	const unsigned long RW = PROT_READ | PROT_WRITE;
	long a = anon(0x20000000, 4 * P, RW);
	EXPECT_TRUE(wr(a + P, 7));
	EXPECT_EQ(anon(a + 3 * P, 2 * P, RW, MAP_FIXED_NOREPLACE), -EEXIST);
	EXPECT_EQ(anon(a + 4 * P, P, RW, MAP_FIXED_NOREPLACE), a + 4 * (long)P);
	EXPECT_EQ(anon(a + P, P, RW, MAP_FIXED), a + (long)P);
	EXPECT_EQ(rd(a + P), 0) << "MAP_FIXED replaced the page";
	EXPECT_EQ(mm->map_count, 1) << "and merged back with both sides";
	EXPECT_EQ(get_mm_counter(mm, MM_ANONPAGES), 0ul);
}

TEST_F(Mmap, vma_flags_pgoff_and_accounting)
{
	long rw = anon(0, 2 * P, PROT_READ | PROT_WRITE), ro = anon(0, P, PROT_READ);
	struct vm_area_struct *v = vma_at(rw);
	EXPECT_EQ(v->vm_flags,
		  VM_READ | VM_WRITE | VM_MAYREAD | VM_MAYWRITE | VM_MAYEXEC | VM_ACCOUNT);
	EXPECT_EQ(v->vm_pgoff, (unsigned long)rw >> PAGE_SHIFT) << "anon: pgoff from the address";
	EXPECT_EQ(vma_at(ro)->vm_flags, VM_READ | VM_MAYREAD | VM_MAYWRITE | VM_MAYEXEC);
	long nr = anon(0, P, PROT_READ | PROT_WRITE, MAP_NORESERVE);
	EXPECT_EQ(vma_at(nr)->vm_flags & (VM_NORESERVE | VM_ACCOUNT), VM_NORESERVE);
	EXPECT_EQ(mm->total_vm, 4ul);
	EXPECT_EQ(mm->data_vm, 3ul) << "private writable is data; read-only is not";
	long sh = mmap(0, 2 * P, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS);
	EXPECT_EQ(vma_at(sh)->vm_flags & (VM_SHARED | VM_MAYSHARE | VM_ACCOUNT),
		  VM_SHARED | VM_MAYSHARE);
	EXPECT_EQ(vma_at(sh)->vm_pgoff, 0ul);
	long sh2 = mmap(sh - 2 * P, 2 * P, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS);
	EXPECT_EQ(sh2, sh - 2 * (long)P);
	EXPECT_NE(vma_at(sh2), vma_at(sh)) << "two shmem objects never merge";
	EXPECT_EQ(sys_mprotect(sh, P, PROT_READ), 0);
	EXPECT_EQ(sys_mprotect(sh, P, PROT_READ | PROT_WRITE), 0);
	EXPECT_EQ(vma_at(sh)->vm_end, (unsigned long)sh + 2 * P) << "pieces of one merge back";
}

TEST_F(Mmap, populate_and_locked)
{
	long a = anon(0, 4 * P, PROT_READ | PROT_WRITE, MAP_POPULATE);
	EXPECT_EQ(get_mm_counter(mm, MM_ANONPAGES), 4ul) << "private writable: written in";
	long r = anon(0, 2 * P, PROT_READ, MAP_POPULATE);
	EXPECT_EQ(get_mm_counter(mm, MM_ANONPAGES), 4ul) << "read-only: the zero page";
	unsigned long flt = current->min_flt;
	EXPECT_EQ(rd(r), 0);
	EXPECT_EQ(rd(a), 0);
	EXPECT_EQ(current->min_flt, flt) << "populated: no faults left";
	current->rlim[RLIMIT_MEMLOCK].rlim_cur = 16 * P;
	long l = anon(0, 2 * P, PROT_READ | PROT_WRITE, MAP_LOCKED);
	EXPECT_TRUE(vma_at(l)->vm_flags & VM_LOCKED);
	EXPECT_EQ(mm->locked_vm, 2ul);
	EXPECT_EQ(get_mm_counter(mm, MM_ANONPAGES), 6ul);
	EXPECT_EQ(sys_madvise(l, P, MADV_DONTNEED), -EINVAL) << "locked pages stay";
}

TEST_F(Mmap, file_mappings_check_f_mode_and_hold_references)
{
	struct file *ro = open_file(FMODE_READ), *wo = open_file(FMODE_WRITE);
	struct file *rw = open_file(FMODE_READ | FMODE_WRITE);
	struct file *nomap = open_file(FMODE_READ, &unmappable_fops);
	EXPECT_EQ(mmap(0, P, PROT_READ | PROT_WRITE, MAP_SHARED, ro), -EACCES);
	EXPECT_EQ(mmap(0, P, PROT_READ, MAP_PRIVATE, wo), -EACCES) << "needs FMODE_READ";
	EXPECT_EQ(mmap(0, P, PROT_READ, MAP_PRIVATE, nomap), -ENODEV);
	EXPECT_EQ(mmap(0, P, PROT_READ, MAP_PRIVATE | MAP_GROWSDOWN, ro), -EINVAL);
	EXPECT_EQ(mmap(0, P, PROT_READ, MAP_SHARED_VALIDATE | MAP_SYNC, rw), -EOPNOTSUPP);
	EXPECT_GT(mmap(0, P, PROT_READ, MAP_SHARED | MAP_SYNC, rw), 0) << "ignored with SHARED";
	long a = mmap(0, 4 * P, PROT_READ, MAP_SHARED, ro, 10);
	ASSERT_GT(a, 0);
	struct vm_area_struct *v = vma_at(a);
	EXPECT_EQ(v->vm_flags & (VM_SHARED | VM_MAYSHARE | VM_MAYWRITE), VM_MAYSHARE)
	    << "read-only file: may never become writable";
	EXPECT_EQ(v->vm_pgoff, 10ul);
	EXPECT_EQ(ro->f_count, 2);
	EXPECT_EQ(sys_mprotect(a, P, PROT_READ | PROT_WRITE), -EACCES);
	EXPECT_EQ(sys_munmap(a + P, P), 0);
	EXPECT_EQ(ro->f_count, 3) << "split: each piece holds the file";
	EXPECT_EQ(vma_at(a + 2 * P)->vm_pgoff, 12ul);
	EXPECT_EQ(mmap(a + P, P, PROT_READ, MAP_SHARED | MAP_FIXED, ro, 11), a + (long)P);
	EXPECT_EQ(mm->map_count, 2) << "contiguous pgoff of the same file: merged (+ the SYNC one)";
	EXPECT_EQ(ro->f_count, 2);
	EXPECT_EQ(mmap(a + 4 * P, P, PROT_READ, MAP_SHARED | MAP_FIXED, ro, 20), a + 4 * (long)P);
	EXPECT_NE(vma_at(a + 4 * P), vma_at(a)) << "pgoff not contiguous: apart";
	EXPECT_EQ(rd(a), -1) << "the file is empty: a fault past its end is SIGBUS";
	EXPECT_EQ(handle_mm_fault(mm, a, 0), (vm_fault_t)VM_FAULT_SIGBUS);
	exit_mmap(mm);
	EXPECT_EQ(ro->f_count, 1);
	EXPECT_EQ(rw->f_count, 1);
	for (struct file *f : {ro, wo, rw, nomap})
		fput(f);
}

TEST_F(Mmap, munmap_errnos_and_splits)
{
	long a = anon(0, 8 * P, PROT_READ | PROT_WRITE);
	EXPECT_EQ(sys_munmap(a, 0), -EINVAL);
	EXPECT_EQ(sys_munmap(a + 1, P), -EINVAL);
	EXPECT_EQ(sys_munmap(0xbffff000, 2 * P), -EINVAL) << "past TASK_SIZE";
	EXPECT_EQ(sys_munmap(0x30000000, P), 0) << "nothing mapped: fine";
	EXPECT_EQ(sys_munmap(a + 2 * P, P + 1), 0) << "len rounds up";
	EXPECT_EQ(mm->map_count, 2);
	EXPECT_EQ(vma_at(a + 4 * P)->vm_pgoff, ((unsigned long)a >> PAGE_SHIFT) + 4);
	EXPECT_EQ(mm->total_vm, 6ul);
	EXPECT_EQ(mm->hiwater_vm, 8ul);
}

TEST_F(Mmap, brk_as_linux)
{
	unsigned long b = mm->start_brk;
	EXPECT_EQ((unsigned long)sys_brk(0), b) << "brk(0) reads it";
	EXPECT_EQ((unsigned long)sys_brk(b + 100), b + 100) << "unaligned brk kept";
	EXPECT_EQ(vma_at(b)->vm_end, b + P);
	EXPECT_EQ((unsigned long)sys_brk(b + 3 * P), b + 3 * P);
	EXPECT_EQ(mm->map_count, 1) << "grown in place";
	EXPECT_EQ(vma_at(b)->vm_flags, VM_DATA_DEFAULT_FLAGS | VM_ACCOUNT);
	anon(b + 8 * P, P, PROT_READ, MAP_FIXED);
	EXPECT_EQ((unsigned long)sys_brk(b + 7 * P), b + 7 * P) << "a page short of it: fine";
	EXPECT_EQ((unsigned long)sys_brk(b + 7 * P + 1), b + 7 * P) << "no guard page left";
	EXPECT_EQ((unsigned long)sys_brk(b - 1), b + 7 * P) << "below start_brk";
	current->rlim[RLIMIT_DATA].rlim_cur = 4 * P;
	EXPECT_EQ((unsigned long)sys_brk(b + 5 * P), b + 7 * P) << "RLIMIT_DATA, even shrinking";
	current->rlim[RLIMIT_DATA].rlim_cur = RLIM_INFINITY;
	EXPECT_TRUE(wr(b + 5 * P, 1));
	EXPECT_EQ((unsigned long)sys_brk(b + 2 * P), b + 2 * P);
	EXPECT_EQ(rd(b + 5 * P), -1) << "shrink unmaps";
	EXPECT_EQ(sys_munmap(b, 2 * P), 0);
	EXPECT_EQ((unsigned long)sys_brk(b + P), b + 2 * P) << "heap unmapped: shrink refused";
}

TEST_F(Mmap, stack_growth_guard_gap_and_rlimit)
{
	const unsigned long top = 0xb0000000;
	long s = anon(top - P, P, PROT_READ | PROT_WRITE, MAP_GROWSDOWN | MAP_FIXED);
	ASSERT_EQ(s, (long)(top - P));
	EXPECT_TRUE(vma_at(s)->vm_flags & VM_GROWSDOWN);
	EXPECT_TRUE(wr(top - 5 * P, 1)) << "a fault below it grows it";
	EXPECT_EQ(vma_at(top - 5 * P)->vm_start, top - 5 * P);
	EXPECT_EQ(mm->stack_vm, 5ul);
	unsigned long below = top - 5 * P - stack_guard_gap - 4 * P;
	EXPECT_EQ(anon(below, P, PROT_READ, MAP_FIXED), (long)below);
	EXPECT_TRUE(wr(below + P + stack_guard_gap, 2)) << "exactly the gap left: fine";
	EXPECT_FALSE(wr(below + stack_guard_gap, 3)) << "within the gap of the VMA below";
	EXPECT_EQ(anon(0, P, PROT_READ, 0), (long)(mm->mmap_base - P));
	EXPECT_EQ(anon(below + 2 * P, P, PROT_READ), (long)(mm->mmap_base - 2 * P))
	    << "a hint in the stack's guard gap is not taken";
	current->rlim[RLIMIT_STACK].rlim_cur = 8 * P;
	long s2 = anon(0x90000000 - P, P, PROT_READ | PROT_WRITE, MAP_GROWSDOWN | MAP_FIXED);
	EXPECT_TRUE(wr(s2 - 7 * P, 1));
	EXPECT_FALSE(wr(s2 - 8 * P, 1)) << "past RLIMIT_STACK";
}

TEST_F(Mmap, mprotect_errnos_splits_and_merges)
{
	const unsigned long RW = PROT_READ | PROT_WRITE;
	long a = anon(0x20000000, 6 * P, RW);
	EXPECT_EQ(sys_mprotect(a + 1, P, PROT_READ), -EINVAL);
	EXPECT_EQ(sys_mprotect(a, 0, PROT_READ), 0);
	EXPECT_EQ(sys_mprotect(a, P, 0x10), -EINVAL) << "unknown prot bit";
	EXPECT_EQ(sys_mprotect(a, P, PROT_READ | PROT_GROWSDOWN | PROT_GROWSUP), -EINVAL);
	EXPECT_EQ(sys_mprotect(a, P, PROT_READ | PROT_GROWSDOWN), -EINVAL) << "not a stack";
	EXPECT_EQ(sys_mprotect(a - P, 2 * P, PROT_READ), -ENOMEM) << "starts in a hole";
	EXPECT_EQ(sys_mprotect(0xbffff000, 4 * P, PROT_READ), -ENOMEM) << "wraps";
	EXPECT_TRUE(wr(a + 2 * P, 5));
	EXPECT_EQ(sys_mprotect(a + 2 * P, 2 * P, PROT_READ), 0);
	EXPECT_EQ(mm->map_count, 3);
	EXPECT_FALSE(wr(a + 2 * P, 6)) << "read-only now";
	EXPECT_EQ(rd(a + 2 * P), 5) << "the page survived";
	EXPECT_EQ(sys_mprotect(a + 2 * P, 2 * P, PROT_NONE), 0);
	EXPECT_EQ(rd(a + 2 * P), -1);
	EXPECT_EQ(sys_mprotect(a + 2 * P, 2 * P, RW), 0);
	EXPECT_EQ(mm->map_count, 1) << "same flags again: merged both sides";
	EXPECT_EQ(rd(a + 2 * P), 5) << "PROT_NONE kept the page";
	EXPECT_TRUE(wr(a + 2 * P, 6));
	anon(a + 7 * P, P, RW, MAP_FIXED);
	EXPECT_EQ(sys_mprotect(a + 5 * P, 3 * P, PROT_READ), -ENOMEM) << "hole in the middle";
	EXPECT_FALSE(vma_at(a + 5 * P)->vm_flags & VM_WRITE) << "the part before it changed";
	EXPECT_TRUE(vma_at(a + 7 * P)->vm_flags & VM_WRITE) << "the part after it did not";
	long ro = anon(0x21000000, P, PROT_READ);
	EXPECT_EQ(sys_mprotect(ro, P, RW), 0);
	EXPECT_TRUE(vma_at(ro)->vm_flags & VM_ACCOUNT) << "made writable: charged";
	EXPECT_EQ(sys_mprotect(ro, P, PROT_READ), 0);
	EXPECT_TRUE(vma_at(ro)->vm_flags & VM_ACCOUNT) << "6.1 keeps the charge";
	long st = anon(0x22000000, 4 * P, RW, MAP_GROWSDOWN);
	EXPECT_EQ(sys_mprotect(st + 2 * P, P, PROT_READ | PROT_GROWSDOWN), 0);
	EXPECT_EQ(vma_at(st)->vm_end, (unsigned long)st + 3 * P) << "down to the stack's start";
	EXPECT_FALSE(vma_at(st)->vm_flags & VM_WRITE);
}

TEST_F(Mmap, mremap_errnos_and_moves)
{
	const unsigned long RW = PROT_READ | PROT_WRITE;
	long a = anon(0x20000000, 4 * P, RW);
	EXPECT_EQ(sys_mremap(a, 4 * P, 8 * P, 0x8, 0), -EINVAL) << "unknown flag";
	EXPECT_EQ(sys_mremap(a, 4 * P, 8 * P, MREMAP_FIXED, 0x30000000), -EINVAL);
	EXPECT_EQ(sys_mremap(a, 4 * P, 8 * P, MREMAP_MAYMOVE | MREMAP_DONTUNMAP, 0), -EINVAL);
	EXPECT_EQ(sys_mremap(a + 1, 4 * P, 8 * P, 0, 0), -EINVAL);
	EXPECT_EQ(sys_mremap(a, 4 * P, 0, 0, 0), -EINVAL) << "new_len 0";
	EXPECT_EQ(sys_mremap(0x30000000, P, 2 * P, 0, 0), -EFAULT) << "not mapped";
	EXPECT_EQ(sys_mremap(a, 5 * P, 6 * P, 0, 0), -EFAULT) << "across VMAs";
	EXPECT_EQ(sys_mremap(a, 0, P, MREMAP_MAYMOVE, 0), -EINVAL) << "dup of private";
	EXPECT_EQ(sys_mremap(a, 4 * P, 6 * P, 0, 0), a) << "grown in place";
	EXPECT_TRUE(wr(a + P, 9));
	anon(a + 7 * P, P, RW, MAP_FIXED);
	EXPECT_EQ(sys_mremap(a, 6 * P, 7 * P, 0, 0), a) << "grown up to the next one";
	EXPECT_EQ(mm->map_count, 2) << "6.1: a faulted VMA never merges into an unfaulted one";
	EXPECT_EQ(sys_mremap(a, 8 * P, 9 * P, 0, 0), -EFAULT) << "across VMAs";
	EXPECT_EQ(sys_mremap(a, 7 * P, 8 * P, 0, 0), -ENOMEM) << "not movable: no room";
	long m = sys_mremap(a, 7 * P, 16 * P, MREMAP_MAYMOVE, 0);
	EXPECT_EQ(m, (long)(mm->mmap_base - 16 * P)) << "moved where mmap would put it";
	EXPECT_EQ(rd(m + P), 9) << "the page moved with it";
	EXPECT_EQ(vma_at(m)->vm_pgoff, (unsigned long)a >> PAGE_SHIFT) << "faulted: pgoff kept";
	EXPECT_EQ(vma_at(a), nullptr);
	EXPECT_EQ(sys_mremap(m, 16 * P, 4 * P, 0, 0), m) << "shrink";
	EXPECT_EQ(vma_at(m)->vm_end, (unsigned long)m + 4 * P);
	EXPECT_EQ(sys_mremap(m, 2 * P, 2 * P, MREMAP_MAYMOVE | MREMAP_FIXED, m + P), -EINVAL)
	    << "overlapping FIXED";
	EXPECT_EQ(sys_mremap(m, 2 * P, 2 * P, MREMAP_MAYMOVE | MREMAP_FIXED, 0x28000000),
		  0x28000000l);
	EXPECT_EQ(rd(0x28000000 + P), 9);
	long d = sys_mremap(0x28000000, 2 * P, 2 * P, MREMAP_MAYMOVE | MREMAP_DONTUNMAP, 0);
	EXPECT_GT(d, 0);
	EXPECT_EQ(rd(d + P), 9);
	EXPECT_EQ(rd(0x28000000 + P), 0) << "DONTUNMAP: the old range reads zeroes";
	long u = anon(0x29000000, 2 * P, RW);
	long v = sys_mremap(u, 2 * P, 2 * P, MREMAP_MAYMOVE | MREMAP_FIXED, 0x2a000000);
	EXPECT_EQ(vma_at(v)->vm_pgoff, 0x2a000ul) << "unfaulted: pgoff follows the address";
}

TEST_F(Mmap, madvise)
{
	long a = anon(0x20000000, 4 * P, PROT_READ | PROT_WRITE);
	EXPECT_TRUE(wr(a, 1));
	EXPECT_TRUE(wr(a + P, 2));
	EXPECT_EQ(sys_madvise(a, P, 999), -EINVAL) << "bad advice";
	EXPECT_EQ(sys_madvise(a + 1, P, MADV_NORMAL), -EINVAL);
	EXPECT_EQ(sys_madvise(a, 0, MADV_DONTNEED), 0);
	EXPECT_EQ(sys_madvise(a, P, MADV_DONTNEED), 0);
	EXPECT_EQ(rd(a), 0) << "zapped: reads zeroes";
	EXPECT_EQ(rd(a + P), 2);
	EXPECT_EQ(get_mm_counter(mm, MM_ANONPAGES), 1ul);
	for (int adv : {MADV_WILLNEED, MADV_NORMAL, MADV_SEQUENTIAL})
		EXPECT_EQ(sys_madvise(a, 4 * P, adv), 0);
	EXPECT_EQ(sys_madvise(a + P, P, MADV_RANDOM), 0);
	EXPECT_TRUE(vma_at(a + P)->vm_flags & VM_RAND_READ);
	EXPECT_EQ(mm->map_count, 3) << "flag advice splits";
	EXPECT_EQ(sys_madvise(a, 4 * P, MADV_NORMAL), 0);
	EXPECT_EQ(mm->map_count, 1) << "and merges back";
	anon(a + 5 * P, P, PROT_READ | PROT_WRITE, MAP_FIXED);
	EXPECT_TRUE(wr(a + 5 * P, 3));
	EXPECT_EQ(sys_madvise(a, 6 * P, MADV_DONTNEED), -ENOMEM) << "a hole";
	EXPECT_EQ(rd(a + 5 * P), 0) << "but the parts after it were done";
	EXPECT_EQ(sys_madvise(0x30000000, P, MADV_DONTNEED), -ENOMEM);
	EXPECT_EQ(sys_madvise(a, P, MADV_WIPEONFORK), 0);
	long sh = mmap(0, P, PROT_READ, MAP_SHARED | MAP_ANONYMOUS);
	EXPECT_EQ(sys_madvise(sh, P, MADV_WIPEONFORK), -EINVAL);
}

TEST_F(Mmap, mincore)
{
	long a = anon(0x20000000, 4 * P, PROT_READ | PROT_WRITE);
	long vec = anon(0x21000000, P, PROT_READ | PROT_WRITE);
	EXPECT_TRUE(wr(a + 2 * P, 1));
	EXPECT_EQ(rd(a + 3 * P), 0);
	EXPECT_EQ(sys_mincore(a + 1, P, (unsigned char *)vec), -EINVAL);
	EXPECT_EQ(sys_mincore(0x30000000, P, (unsigned char *)vec), -ENOMEM);
	EXPECT_EQ(sys_mincore(a, 5 * P, (unsigned char *)vec), -ENOMEM) << "runs off the VMA";
	EXPECT_EQ(sys_mincore(0xbfff0000, 0x20000, (unsigned char *)vec), -ENOMEM);
	EXPECT_EQ(sys_mincore(a, 4 * P, (unsigned char *)0x30000000), -EFAULT) << "bad vec";
	EXPECT_EQ(sys_mincore(a, 4 * P, (unsigned char *)0xbffffffe), -EFAULT);
	EXPECT_EQ(sys_mincore(a, 4 * P - 1, (unsigned char *)vec), 0);
	int want[] = {0, 0, 1, 1}; // the zero page counts as resident
	for (int i = 0; i < 4; i++)
		EXPECT_EQ(rd(vec + i), want[i]) << i;
}

TEST_F(Mmap, faults_count_min_flt_and_fork_keeps_shapes)
{
	long a = anon(0x20000000, 3 * P, PROT_READ | PROT_WRITE);
	unsigned long flt = current->min_flt;
	EXPECT_TRUE(wr(a, 1));
	EXPECT_TRUE(wr(a + P, 2));
	EXPECT_EQ(current->min_flt, flt + 2);
	EXPECT_FALSE(wr(0x30000000, 1));
	EXPECT_EQ(current->min_flt, flt + 2) << "a refused fault does not count";
	struct mm_struct *child = dup_mm(mm);
	ASSERT_NE(child, nullptr);
	struct vm_area_struct *cv = vma_lookup(child, a);
	EXPECT_EQ(cv->vm_flags, vma_at(a)->vm_flags);
	EXPECT_EQ(cv->vm_pgoff, vma_at(a)->vm_pgoff);
	EXPECT_EQ(child->total_vm, mm->total_vm);
	EXPECT_EQ(get_mm_counter(child, MM_ANONPAGES), 2ul);
	exit_mmap(child);
}

} // namespace

namespace
{

// Linux: truncate_pagecache's unmap_mapping_range(..., even_cows). A file
// cut short is unmapped first in every process that maps it: the ptes past
// the new end go (private copies too), the RSS counters follow, the pages
// leave the cache, and touching the hole afterwards is SIGBUS, not a stale
// page the file no longer has.
TEST_F(Mmap, truncate_unmaps_the_pages_past_the_new_end)
{
	struct inode *inode = ramfs_get_inode(S_IFREG | 0644, 0);
	struct file *f = alloc_file(inode, O_RDWR, inode->i_fop);
	iput(inode);
	ASSERT_FALSE(IS_ERR(f));
	inode->i_size = 4 * P; // four pages of zeroes, made at the first fault
	long sh = mmap(0, 4 * P, PROT_READ | PROT_WRITE, MAP_SHARED, f);
	long pr = mmap(0, 4 * P, PROT_READ | PROT_WRITE, MAP_PRIVATE, f);
	ASSERT_GT(sh, 0);
	ASSERT_GT(pr, 0);
	for (unsigned long i = 0; i < 4; i++)
		ASSERT_TRUE(wr((unsigned long)sh + i * P, (u8)(i + 1)));
	ASSERT_EQ(rd((unsigned long)pr), 1) << "the private mapping reads the shared page";
	ASSERT_TRUE(wr((unsigned long)pr + 3 * P, 9)) << "a COW copy of page 3";
	// sh maps 4 pages; pr's read fault mapped all 4 (fault-around), then 3
	// became a private copy
	EXPECT_EQ(get_mm_counter(mm, MM_FILEPAGES), 7u);
	EXPECT_EQ(get_mm_counter(mm, MM_ANONPAGES), 1u);
	drain_all_pages(nullptr);
	unsigned long free_before = nr_free_pages();
	truncate_setsize(inode, P + 10); // pages 0 and 1 stay, page 1 zeroed after byte 10
	EXPECT_EQ(inode->i_mapping->nrpages, 2u);
	EXPECT_EQ(get_mm_counter(mm, MM_FILEPAGES), 4u) << "pages 2, 3 unmapped from sh and pr";
	EXPECT_EQ(get_mm_counter(mm, MM_ANONPAGES), 0u) << "even the private copy";
	drain_all_pages(nullptr); // the freed pages wait on the pcp list
	EXPECT_EQ(nr_free_pages(), free_before + 3) << "pages 2, 3 and the copy freed";
	EXPECT_EQ(rd((unsigned long)sh + P), 2) << "below the end: still mapped";
	EXPECT_EQ(rd((unsigned long)sh + 2 * P), -1) << "past the end: SIGBUS";
	EXPECT_EQ(rd((unsigned long)pr + 3 * P), -1);
	EXPECT_EQ(sys_munmap((unsigned long)sh, 4 * P), 0);
	EXPECT_EQ(sys_munmap((unsigned long)pr, 4 * P), 0);
	EXPECT_EQ(get_mm_counter(mm, MM_FILEPAGES), 0u);
	fput(f);
}

} // namespace
