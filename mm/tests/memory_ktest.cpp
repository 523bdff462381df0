// Demand paging and copy-on-write on the running kernel: a test mm is
// loaded into CR3 and touched through get_user_u8/put_user_u8, so every
// fault goes through the real page-fault handler.
#include <linux/errno.h>
#include <linux/ktest.h>
#include <linux/mm.h>
#include <linux/mm_space.h>
#include <linux/mman.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/syscalls_mm.h>
#include <linux/uaccess.h>

#include "../internal.h"
#include "../slab.h"

// Page i of [from, to) holds v + i at offset i * 37: pages differ, and
// offsets move around the page.
static unsigned long spot(unsigned long start, int i)
{
	return start + i * PAGE_SIZE + (i * 37) % PAGE_SIZE;
}

static int touch_range(unsigned long start, int from, int to, bool write, u8 v)
{
	int errors = 0;
	for (int i = from; i < to; i++) {
		u8 got;
		errors += write ? put_user_u8(spot(start, i), (u8)(v + i)) != 0
				: get_user_u8(&got, spot(start, i)) != 0;
	}
	return errors;
}
static int touch(unsigned long start, int pages, bool write, u8 v)
{
	return touch_range(start, 0, pages, write, v);
}

static bool holds_range(unsigned long start, int from, int to, u8 v)
{
	for (int i = from; i < to; i++) {
		u8 got = 0;
		if (get_user_u8(&got, spot(start, i)) || got != (u8)(v + i))
			return false;
	}
	return true;
}
static bool holds(unsigned long start, int pages, u8 v) { return holds_range(start, 0, pages, v); }

// Top-down addresses are above 2 GiB: negative as a long, so an error is
// told by IS_ERR_VALUE, as in Linux, not by the sign.
static bool mmap_failed(long a) { return IS_ERR_VALUE((unsigned long)a); }

// An anonymous private mmap in mm, as a process of it would make: the
// address or a negative errno.
static long mmap_in(struct mm_struct *mm, unsigned long len, unsigned long prot)
{
	struct mm_struct *saved = current->mm;
	current->mm = mm;
	unsigned long populate;
	long a = (long)do_mmap(nullptr, 0, len, prot, MAP_PRIVATE | MAP_ANONYMOUS, 0, &populate);
	current->mm = saved;
	return a;
}

static unsigned long brk_in(struct mm_struct *mm, unsigned long brk)
{
	struct mm_struct *saved = current->mm;
	current->mm = mm;
	unsigned long r = (unsigned long)sys_brk(brk);
	current->mm = saved;
	return r;
}

KTEST(memory, demand_paging_one_fault_per_page)
{
	zero_page(); // allocated once, kept: not part of the baseline
	unsigned long baseline = settled_free_pages();
	struct mm_struct *mm = mm_alloc();
	KTEST_ASSERT_NOT_NULL(test, mm);
	long a = mmap_in(mm, 64 * PAGE_SIZE, PROT_READ | PROT_WRITE);
	long r = mmap_in(mm, 16 * PAGE_SIZE, PROT_READ | PROT_WRITE);
	long want = (long)(mm->mmap_base - 64 * PAGE_SIZE); // top-down from mmap_base
	if (a != want || mmap_failed(r))		    // out of memory: give the mm back
		exit_mmap(mm);
	KTEST_ASSERT_EQ(test, a, want);
	KTEST_ASSERT_EQ(test, r, want - 16 * (long)PAGE_SIZE);
	KTEST_EXPECT_EQ(test, mm->map_count, 1); // the second mapping merged with the first
	switch_mm(mm);
	// The VMA's anon_vma comes with its first write fault and may take a
	// new slab (of slub_min_order pages): made now, it is not in the count.
	KTEST_ASSERT_EQ(test, anon_vma_prepare(find_vma(mm, (unsigned long)a)), 0);
	drain_all_pages(nullptr);
	unsigned long before = nr_free_pages();
	KTEST_EXPECT_EQ(test, touch(a, 64, true, 1), 0);
	KTEST_EXPECT_EQ(test, mm->nr_faults, 64);
	KTEST_EXPECT_EQ(test, get_mm_counter(mm, MM_ANONPAGES), 64);
	KTEST_EXPECT_EQ(test, touch(a, 64, true, 1), 0);
	KTEST_EXPECT_EQ(test, mm->nr_faults, 64); // mapped now: no more faults
	KTEST_EXPECT_TRUE(test, holds(a, 64, 1));
	KTEST_EXPECT_EQ(test, touch(r, 16, false, 0), 0); // reads: the zero page
	KTEST_EXPECT_EQ(test, mm->nr_zero_maps, 16);
	KTEST_EXPECT_EQ(test, get_mm_counter(mm, MM_ANONPAGES), 64);
	KTEST_EXPECT_EQ(test, touch(r, 1, true, 9), 0); // a write replaces the zero page
	KTEST_EXPECT_EQ(test, get_mm_counter(mm, MM_ANONPAGES), 65);
	KTEST_EXPECT_EQ(test, mm->nr_faults, 81);
	drain_all_pages(nullptr);
	KTEST_EXPECT_EQ(test, before - nr_free_pages(), 65 + mm->nr_pte_tables);
	exit_mmap(mm);
	KTEST_EXPECT_EQ(test, settled_free_pages(), baseline);
}

KTEST(memory, cow_copies_once_per_written_page)
{
	zero_page();
	unsigned long baseline = settled_free_pages();
	struct mm_struct *parent = mm_alloc();
	KTEST_ASSERT_NOT_NULL(test, parent);
	long a = mmap_in(parent, 32 * PAGE_SIZE, PROT_READ | PROT_WRITE);
	if (mmap_failed(a))
		exit_mmap(parent);
	KTEST_ASSERT_FALSE(test, mmap_failed(a));
	switch_mm(parent);
	touch(a, 32, true, 10);
	struct mm_struct *child = dup_mm(parent);
	if (!child)
		exit_mmap(parent);
	KTEST_ASSERT_NOT_NULL(test, child);
	switch_mm(child);
	KTEST_EXPECT_TRUE(test, holds(a, 32, 10)); // reads share the parent's pages
	KTEST_EXPECT_EQ(test, child->nr_faults + child->nr_cow_copies, 0);
	KTEST_EXPECT_EQ(test, touch(a, 8, true, 50), 0);
	KTEST_EXPECT_EQ(test, child->nr_cow_copies, 8);
	KTEST_EXPECT_EQ(test, touch(a, 8, true, 60), 0); // its own copies now
	KTEST_EXPECT_EQ(test, child->nr_cow_copies, 8);
	switch_mm(parent);
	KTEST_EXPECT_TRUE(test, holds(a, 32, 10)); // the parent never saw those writes
	touch(a, 16, true, 70);			   // 8 pages it alone holds now, 8 still shared
	KTEST_EXPECT_EQ(test, parent->nr_cow_reuses, 8);
	KTEST_EXPECT_EQ(test, parent->nr_cow_copies, 8);
	switch_mm(child);
	KTEST_EXPECT_TRUE(test, holds(a, 8, 60));
	KTEST_EXPECT_TRUE(test, holds_range(a, 8, 32, 10)); // still the parent's first writes
	exit_mmap(child);
	exit_mmap(parent);
	KTEST_EXPECT_EQ(test, settled_free_pages(), baseline);
}

KTEST(memory, bad_accesses_are_segfaults_of_the_mm)
{
	struct mm_struct *mm = mm_alloc();
	KTEST_ASSERT_NOT_NULL(test, mm);
	long ro = mmap_in(mm, 4 * PAGE_SIZE, PROT_READ);
	if (mmap_failed(ro))
		exit_mmap(mm);
	KTEST_ASSERT_FALSE(test, mmap_failed(ro));
	switch_mm(mm);
	u8 v;
	KTEST_EXPECT_EQ(test, get_user_u8(&v, 0), -EFAULT);		     // NULL
	KTEST_EXPECT_EQ(test, put_user_u8(ro + 5, 1), -EFAULT);		     // read-only VMA
	KTEST_EXPECT_EQ(test, get_user_u8(&v, ro + 4 * PAGE_SIZE), -EFAULT); // past its end
	KTEST_EXPECT_EQ(test, get_user_u8(&v, ro), 0);
	KTEST_EXPECT_EQ(test, v, 0);
	KTEST_EXPECT_EQ(test, mm->nr_segv, 3);
	KTEST_EXPECT_EQ(test, mm->last_segv_addr, ro + 4 * PAGE_SIZE);
	exit_mmap(mm);
}

KTEST(memory, munmap_splits_and_brk_moves)
{
	unsigned long baseline = settled_free_pages();
	struct mm_struct *mm = mm_alloc();
	KTEST_ASSERT_NOT_NULL(test, mm);
	long a = mmap_in(mm, 10 * PAGE_SIZE, PROT_READ | PROT_WRITE);
	if (mmap_failed(a))
		exit_mmap(mm);
	KTEST_ASSERT_FALSE(test, mmap_failed(a));
	switch_mm(mm);
	touch(a, 10, true, 0);
	KTEST_EXPECT_EQ(test, do_munmap(mm, a + 4 * PAGE_SIZE, 2 * PAGE_SIZE), 0);
	KTEST_EXPECT_EQ(test, mm->map_count, 2);
	KTEST_EXPECT_EQ(test, get_mm_counter(mm, MM_ANONPAGES), 8);
	u8 v;
	KTEST_EXPECT_EQ(test, get_user_u8(&v, a + 5 * PAGE_SIZE), -EFAULT); // the hole
	unsigned long brk = mm->brk;
	KTEST_EXPECT_EQ(test, brk_in(mm, brk + 3 * PAGE_SIZE), brk + 3 * PAGE_SIZE);
	KTEST_EXPECT_EQ(test, touch(brk, 3, true, 5), 0);
	KTEST_EXPECT_EQ(test, brk_in(mm, brk + PAGE_SIZE), brk + PAGE_SIZE);
	KTEST_EXPECT_EQ(test, get_mm_counter(mm, MM_ANONPAGES), 9);
	KTEST_EXPECT_EQ(test, get_user_u8(&v, brk + 2 * PAGE_SIZE), -EFAULT);
	exit_mmap(mm);
	KTEST_EXPECT_EQ(test, settled_free_pages(), baseline);
}
