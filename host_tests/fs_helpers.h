#pragma once
// A booted machine for the file-system tests: memory, slab, the mm caches,
// the page cache and inode caches, and one user address space loaded with
// a read-write mapping at UBUF (the buffers system calls are handed).
#include <gtest/gtest.h>

#include <cstring>
#include <string>

#include "page_alloc_helpers.h"

#include <linux/fs.h>
#include <linux/mm_space.h>
#include <linux/pagemap.h>
#include <linux/slab.h>
#include <linux/uaccess.h>

#include "../mm/slab.h"

struct FsMachine : testing::Test {
	static constexpr unsigned long UBUF = 0x10000000, ULEN = 64 * PAGE_SIZE;
	static constexpr phys_addr_t MB = 1 << 20;
	struct mm_struct *mm = nullptr;
	unsigned long baseline = 0;

	void SetUp() override
	{
		boot_node({{{1 * MB, 64 * MB}}, 0x1000, 0x2000, 0x4000, 32 * MB}); // with HighMem
		kmem_cache_init();
		mmap_init();
		memory_init();
		memset(swapper_pg_dir, 0, sizeof(swapper_pg_dir));
		zero_page();
		pagecache_init();
		vfs_caches_init();
		baseline = settled_free_pages();
		mm = mm_alloc();
		switch_mm(mm);
		ASSERT_EQ(do_mmap(mm, UBUF, ULEN, VM_READ | VM_WRITE), (long)UBUF);
	}
	// Frees the mm; then every page must be back.
	void release_mm()
	{
		switch_mm(nullptr);
		exit_mmap(mm);
		mm = nullptr;
	}
	void TearDown() override
	{
		if (mm)
			release_mm();
	}
	static char __user *ubuf(unsigned long off = 0) { return (char __user *)(UBUF + off); }
	static void put(unsigned long off, const std::string &s)
	{
		ASSERT_EQ(copy_to_user(ubuf(off), s.data(), s.size()), 0u);
	}
	static std::string get(unsigned long off, size_t n)
	{
		std::string s(n, '\0');
		EXPECT_EQ(copy_from_user(s.data(), ubuf(off), n), 0u);
		return s;
	}
};
