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
#include <linux/mman.h>
#include <linux/pagemap.h>
#include <linux/sched.h>
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
		current->mm = mm; // do_mmap maps into current->mm, as a process's call would
		unsigned long populate;
		ASSERT_EQ(do_mmap(nullptr, UBUF, ULEN, PROT_READ | PROT_WRITE,
				  MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, 0, &populate),
			  UBUF);
	}
	// Frees the mm; then every page must be back.
	void release_mm()
	{
		switch_mm(nullptr);
		exit_mmap(mm);
		current->mm = nullptr;
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

#include <linux/fcntl.h>
#include <linux/fdtable.h>
#include <linux/fs_struct.h>
#include <linux/initrd.h>
#include <linux/namei.h>
#include <linux/sched.h>
#include <linux/syscalls_fs.h>

// FsMachine plus a root filesystem and an fd table for current.
struct FsRoot : FsMachine {
	static constexpr unsigned long PATHS = 32 * PAGE_SIZE; // where upath() puts names
	unsigned long next_path = 0;

	void SetUp() override
	{
		FsMachine::SetUp();
		ASSERT_EQ(init_rootfs(), 0);
		init_task.files = alloc_files_struct();
		ASSERT_NE(init_task.files, nullptr);
	}
	void TearDown() override
	{
		if (init_task.files)
			put_files_struct(init_task.files);
		init_task.files = nullptr;
		kill_rootfs();
		EXPECT_EQ(nr_inodes_in_use(), 0u) << "every inode freed";
		EXPECT_EQ(nr_pagecache_nodes(), 0u);
		FsMachine::TearDown();
		EXPECT_EQ(settled_free_pages(), baseline) << "every page back";
	}
	// s copied into user memory, NUL-terminated: a path argument.
	const char __user *upath(const std::string &s)
	{
		if (next_path + s.size() + 1 > 16 * PAGE_SIZE)
			next_path = 0;
		unsigned long off = PATHS + next_path;
		next_path += s.size() + 1;
		put(off, s);
		char nul = 0;
		EXPECT_EQ(copy_to_user(ubuf(off + s.size()), &nul, 1), 0u);
		return ubuf(off);
	}
	long open(const std::string &p, int flags, umode_t mode = 0644)
	{
		return sys_open(upath(p), flags, mode);
	}
	long write_str(long fd, const std::string &s)
	{
		put(0, s);
		return sys_write((unsigned int)fd, ubuf(0), s.size());
	}
	std::string read_all(long fd, size_t max = 4 * PAGE_SIZE)
	{
		long n = sys_read((unsigned int)fd, ubuf(PAGE_SIZE), max);
		EXPECT_GE(n, 0);
		return n > 0 ? get(PAGE_SIZE, (size_t)n) : std::string();
	}
	struct stat64 stat(const std::string &p, bool follow = true)
	{
		struct stat64 st = {};
		long r = follow ? sys_stat64(upath(p), (struct stat64 __user *)ubuf(0))
				: sys_lstat64(upath(p), (struct stat64 __user *)ubuf(0));
		EXPECT_EQ(r, 0) << p;
		EXPECT_EQ(copy_from_user(&st, ubuf(0), sizeof(st)), 0u);
		return st;
	}
};
