// Address spaces on the host: VMAs (insert, merge, split, unmap, brk) and
// demand paging driven by the mock MMU: each access is translated through
// mm->pgd as the CPU would; a fault goes to handle_mm_fault and is retried.
#include <gtest/gtest.h>

#include "mock/mmu.h"
#include "page_alloc_helpers.h"

#include <linux/errno.h>
#include <linux/mm.h>
#include <linux/mm_space.h>
#include <linux/mman.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/syscalls_mm.h>

#include "../mm/slab.h"

namespace
{

const phys_addr_t MB = 1 << 20;
const unsigned long P = PAGE_SIZE;
const unsigned long RW = PROT_READ | PROT_WRITE;

// An anonymous private mapping in current->mm: the address or -errno.
long mmap_anon(unsigned long addr, unsigned long len, unsigned long prot, unsigned long flags = 0)
{
	unsigned long populate;
	return (long)do_mmap(nullptr, addr, len, prot, MAP_PRIVATE | MAP_ANONYMOUS | flags, 0,
			     &populate);
}

struct Memory : testing::Test {
	struct mm_struct *mm;
	void SetUp() override
	{
		boot_node({{{1 * MB, 64 * MB}}, 0x1000, 0x2000, 0x4000, 32 * MB}); // with HighMem
		kmem_cache_init();
		mmap_init();
		memory_init();
		memset(swapper_pg_dir, 0, sizeof(swapper_pg_dir));
		zero_page();
		baseline = settled();
		mm = mm_alloc();
		switch_mm(mm);
		current->mm = mm;
	}
	unsigned long baseline;
	unsigned long settled() { return settled_free_pages(); }
	// One user access, as the CPU and the fault handler would do it.
	bool access(struct mm_struct *m, unsigned long addr, bool write, u8 *value)
	{
		for (int tries = 0; tries < 3; tries++) {
			mmu_result r = mmu_translate(__pa(m->pgd), addr,
						     write ? MMU_WRITE : MMU_READ, true, true);
			if (r.ok) {
				u8 *byte = (u8 *)__va(r.phys);
				if (write)
					*byte = *value;
				else
					*value = *byte;
				return true;
			}
			unsigned int flags = ((r.error_code & 2) ? FAULT_FLAG_WRITE : 0) |
					     ((r.error_code & 1) ? FAULT_FLAG_PRESENT : 0);
			if (handle_mm_fault(m, addr, flags) & VM_FAULT_ERROR)
				return false;
		}
		ADD_FAILURE() << "the fault handler made no progress at " << std::hex << addr;
		return false;
	}
	bool write(struct mm_struct *m, unsigned long a, u8 v) { return access(m, a, true, &v); }
	int read(struct mm_struct *m, unsigned long a)
	{
		u8 v;
		return access(m, a, false, &v) ? v : -1;
	}
	phys_addr_t phys(struct mm_struct *m, unsigned long a)
	{
		return mmu_translate(__pa(m->pgd), a, MMU_READ, true, true).phys;
	}
	struct page *page_at(struct mm_struct *m, unsigned long a)
	{
		return pfn_to_page(phys(m, a) >> PAGE_SHIFT);
	}
};

TEST_F(Memory, vmas_merge_split_and_refuse_overlaps)
{
	long a = mmap_anon(0, 3 * P, RW);
	EXPECT_EQ(a, (long)(mm->mmap_base - 3 * P)) << "top-down from mmap_base";
	EXPECT_EQ(mmap_anon(0, 2 * P, RW), a - 2 * (long)P);
	EXPECT_EQ(mm->map_count, 1) << "adjacent, same flags: one VMA";
	EXPECT_EQ(mmap_anon(0, P, PROT_READ), a - 3 * (long)P);
	EXPECT_EQ(mm->map_count, 2) << "different flags stay apart";
	EXPECT_EQ(mmap_anon(a + P, P, RW, MAP_FIXED_NOREPLACE), -EEXIST) << "overlap";
	EXPECT_EQ(mmap_anon(a + 1, P, RW, MAP_FIXED), -EINVAL);
	EXPECT_EQ(do_munmap(mm, a + P, P), 0);
	EXPECT_EQ(mm->map_count, 3) << "a hole splits the VMA";
	EXPECT_EQ(find_vma(mm, a + P)->vm_start, a + 2 * P) << "find_vma: the next VMA above";
	EXPECT_EQ(mmap_anon(0, P, RW), a + (long)P) << "the highest hole that fits";
	EXPECT_EQ(mm->map_count, 2) << "and it merges both sides back";
	EXPECT_EQ(find_vma(mm, a + 3 * P), nullptr);
	exit_mmap(mm);
	EXPECT_EQ(settled(), baseline);
}

TEST_F(Memory, one_fault_per_page_and_reads_share_the_zero_page)
{
	long a = mmap_anon(0, 8 * P, RW);
	for (int i = 0; i < 4; i++)
		EXPECT_TRUE(write(mm, a + i * P + 5, (u8)i));
	EXPECT_EQ(mm->nr_faults, 4u);
	for (int i = 0; i < 4; i++)
		EXPECT_EQ(read(mm, a + i * P + 5), i);
	EXPECT_EQ(mm->nr_faults, 4u) << "mapped pages do not fault again";
	EXPECT_EQ(read(mm, a + 6 * P), 0);
	EXPECT_EQ(read(mm, a + 7 * P), 0);
	EXPECT_EQ(phys(mm, a + 6 * P), phys(mm, a + 7 * P)) << "both read the zero page";
	EXPECT_EQ(get_mm_counter(mm, MM_ANONPAGES), 4u);
	EXPECT_TRUE(write(mm, a + 7 * P, 1));
	EXPECT_NE(phys(mm, a + 6 * P), phys(mm, a + 7 * P)) << "a write gets its own page";
	EXPECT_EQ(read(mm, a + 6 * P), 0);
	EXPECT_EQ(get_mm_counter(mm, MM_ANONPAGES), 5u);
	EXPECT_TRUE(PageHighMem(page_at(mm, a))) << "user pages come from HighMem first";
	exit_mmap(mm);
	EXPECT_EQ(settled(), baseline);
}

TEST_F(Memory, copy_on_write_refcounts)
{
	long a = mmap_anon(0, 2 * P, RW);
	write(mm, a, 1);
	write(mm, a + P, 2);
	struct mm_struct *child = dup_mm(mm);
	struct page *shared = page_at(mm, a);
	EXPECT_EQ(page_at(child, a), shared);
	EXPECT_EQ(page_ref_count(shared), 2);
	EXPECT_EQ(page_mapcount(shared), 2);
	EXPECT_TRUE(write(child, a, 9));
	EXPECT_EQ(child->nr_cow_copies, 1u);
	EXPECT_EQ(page_ref_count(shared), 1) << "the child let go of it";
	EXPECT_EQ(read(mm, a), 1);
	EXPECT_EQ(read(child, a), 9);
	EXPECT_TRUE(write(mm, a, 3));
	EXPECT_EQ(mm->nr_cow_reuses, 1u) << "sole owner: no copy, just writable again";
	EXPECT_EQ(mm->nr_cow_copies, 0u);
	EXPECT_EQ(read(child, a + P), 2) << "untouched pages stay shared";
	EXPECT_EQ(page_at(child, a + P), page_at(mm, a + P));
	exit_mmap(child);
	EXPECT_EQ(page_ref_count(page_at(mm, a + P)), 1);
	exit_mmap(mm);
	EXPECT_EQ(settled(), baseline);
}

// Every combination of VMA kind, access and pte state the handler decides on.
TEST_F(Memory, fault_decisions)
{
	long ro = mmap_anon(0, P, PROT_READ), rw = mmap_anon(0, P, RW);
	mmap_anon(0x20000000, P, PROT_NONE, MAP_FIXED);
	struct {
		unsigned long addr;
		unsigned int flags;
		vm_fault_t want;
	} cases[] = {
	    {0, 0, VM_FAULT_SIGSEGV}, // NULL: no VMA
	    {TASK_UNMAPPED_BASE - P, FAULT_FLAG_WRITE, VM_FAULT_SIGSEGV},
	    {(unsigned long)ro, 0, VM_FAULT_OK},		     // read of a readable VMA
	    {(unsigned long)ro, FAULT_FLAG_WRITE, VM_FAULT_SIGSEGV}, // write to read-only
	    {(unsigned long)ro, FAULT_FLAG_WRITE | FAULT_FLAG_PRESENT, VM_FAULT_SIGSEGV},
	    {(unsigned long)rw, 0, VM_FAULT_OK},
	    {(unsigned long)rw, FAULT_FLAG_WRITE, VM_FAULT_OK},
	    {(unsigned long)rw, FAULT_FLAG_WRITE | FAULT_FLAG_PRESENT, VM_FAULT_OK},
	    {0x20000000, 0, VM_FAULT_SIGSEGV}, // PROT_NONE
	    {0x20000000, FAULT_FLAG_WRITE, VM_FAULT_SIGSEGV},
	};
	unsigned long segv = 0;
	for (auto &c : cases) {
		EXPECT_EQ(handle_mm_fault(mm, c.addr, c.flags), c.want)
		    << std::hex << c.addr << " " << c.flags;
		segv += c.want == VM_FAULT_SIGSEGV;
	}
	EXPECT_EQ(mm->nr_segv, segv);
	exit_mmap(mm);
}

TEST_F(Memory, brk_grows_and_shrinks)
{
	unsigned long b = mm->brk;
	EXPECT_EQ((unsigned long)sys_brk(b + 3 * P), b + 3 * P);
	EXPECT_TRUE(write(mm, b + 2 * P, 7));
	EXPECT_EQ((unsigned long)sys_brk(b + P), b + P);
	EXPECT_EQ(read(mm, b + 2 * P), -1) << "gone with the shrink";
	EXPECT_EQ((unsigned long)sys_brk(b - P), b + P) << "below start_brk: refused";
	exit_mmap(mm);
	EXPECT_EQ(settled(), baseline);
}

} // namespace
