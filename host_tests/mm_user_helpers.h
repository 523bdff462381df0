#pragma once
// A process address space on the host, for the memory system-call tests:
// memory booted, one mm loaded as current->mm, and user accesses that go
// through the mock MMU and handle_mm_fault as the CPU's would.
#include <gtest/gtest.h>

#include "mock/mmu.h"
#include "page_alloc_helpers.h"

#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/mm_space.h>
#include <linux/mman.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/syscalls_mm.h>

#include "../mm/slab.h"

struct UserMm : testing::Test {
	static constexpr unsigned long P = PAGE_SIZE;
	struct mm_struct *mm = nullptr;
	struct rlimit saved_rlim[RLIM_NLIMITS];
	void SetUp() override
	{
		const phys_addr_t MB = 1 << 20;
		boot_node({{{1 * MB, 64 * MB}}, 0x1000, 0x2000, 0x4000, 32 * MB});
		kmem_cache_init();
		mmap_init();
		memory_init();
		memset(swapper_pg_dir, 0, sizeof(swapper_pg_dir));
		zero_page();
		memcpy(saved_rlim, current->rlim, sizeof(saved_rlim));
		current->flags &= ~PF_RANDOMIZE;
		mm = mm_alloc();
		switch_mm(mm);
		current->mm = mm;
	}
	void TearDown() override
	{
		if (current->mm)
			exit_mmap(current->mm);
		memcpy(current->rlim, saved_rlim, sizeof(saved_rlim));
		current->flags &= ~PF_RANDOMIZE;
	}
	// mmap as mmap2 would call it: the address or -errno.
	static long mmap(unsigned long addr, unsigned long len, unsigned long prot,
			 unsigned long flags, struct file *file = nullptr, unsigned long pgoff = 0)
	{
		return (long)vm_mmap_pgoff(file, addr, len, prot, flags, pgoff);
	}
	static long anon(unsigned long addr, unsigned long len, unsigned long prot,
			 unsigned long flags = 0)
	{
		return mmap(addr, len, prot, MAP_PRIVATE | MAP_ANONYMOUS | flags);
	}
	// One user access; false if the fault handler refused it.
	bool access(unsigned long addr, bool write, u8 *value)
	{
		for (int tries = 0; tries < 3; tries++) {
			mmu_result r = mmu_translate(__pa(mm->pgd), addr,
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
			if (handle_mm_fault(mm, addr, flags) & VM_FAULT_ERROR)
				return false;
		}
		return false;
	}
	bool wr(unsigned long a, u8 v) { return access(a, true, &v); }
	int rd(unsigned long a)
	{
		u8 v;
		return access(a, false, &v) ? v : -1;
	}
	struct vm_area_struct *vma_at(unsigned long a) { return vma_lookup(mm, a); }
};
