// /proc/PID/maps, smaps, smaps_rollup, statm, pagemap and status text
// (fs/proc/task_mmu.cpp, array.cpp): the exact column layout of Linux
// 6.1's show_map_vma and __show_smap, Linux's rules for [heap], [stack]
// and shared anonymous memory, Pss shares after fork, pagemap's bits.
#include <string>
#include <vector>

#include "mm_user_helpers.h"

#include <linux/oom.h>
#include <linux/pagemap.h>
#include <linux/proc_fs.h>

namespace
{

struct Proc : UserMm {
	void SetUp() override
	{
		UserMm::SetUp();
		pagecache_init();
		vfs_caches_init(); // shared anonymous memory is an unnamed ramfs file
	}
	std::string maps()
	{
		static char buf[8192];
		size_t n = proc_pid_maps_text(current, buf, sizeof(buf));
		return std::string(buf, n);
	}
	static std::string text(size_t (*fn)(struct task_struct *, char *, size_t),
				struct task_struct *t = current)
	{
		static char buf[16384];
		size_t n = fn(t, buf, sizeof(buf));
		return std::string(buf, n);
	}
	// The smaps value of field for the VMA starting at addr, in kB (-1: none).
	static long smaps_kb(const std::string &smaps, unsigned long addr, const char *field)
	{
		char head[16];
		snprintf(head, sizeof(head), "%08lx-", addr);
		size_t at = smaps.find(head);
		if (at == std::string::npos)
			return -1;
		size_t f = smaps.find(std::string("\n") + field + ":", at);
		return f == std::string::npos ? -1 : atol(smaps.c_str() + f + strlen(field) + 2);
	}
	// pagemap entries for [addr, addr + n pages), read into user memory at ubuf.
	std::vector<u64> pagemap(unsigned long addr, int n, unsigned long ubuf)
	{
		loff_t pos = (loff_t)(addr / P * 8);
		long got = proc_pid_pagemap_read(current, (char *)ubuf, (size_t)n * 8, &pos);
		std::vector<u64> v;
		for (long i = 0; i < got / 8; i++) {
			u64 e = 0;
			for (int b = 0; b < 8; b++)
				e |= (u64)rd(ubuf + (unsigned long)(i * 8 + b)) << (8 * b);
			v.push_back(e);
		}
		return v;
	}
	std::string status()
	{
		static char buf[8192];
		size_t n = proc_pid_status_text(current, buf, sizeof(buf));
		return std::string(buf, n);
	}
};

TEST_F(Proc, maps_lines_have_linux_columns_and_names)
{
	const unsigned long P = PAGE_SIZE;
	ASSERT_EQ(anon(0x08100000, 2 * P, PROT_READ | PROT_WRITE, MAP_FIXED), 0x08100000);
	mm->start_brk = 0x08100000; // the brk area: [heap]
	mm->brk = 0x08101800;
	ASSERT_EQ(anon(0xbffdf000, 0x21000, PROT_READ | PROT_WRITE, MAP_FIXED), 0xbffdf000);
	mm->start_stack = 0xbffffe00; // the initial stack pointer: [stack]
	long plain = anon(0, P, PROT_READ);
	long shared = mmap(0, P, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS);
	ASSERT_GT(plain, 0);
	char want[512];
	snprintf(want, sizeof(want),
		 "08100000-08102000 rw-p 00000000 00:00 0          [heap]\n"
		 "%08lx-%08lx rw-s 00000000 00:01 %lu          /dev/zero (deleted)\n"
		 "%08lx-%08lx r--p 00000000 00:00 0 \n"
		 "bffdf000-c0000000 rw-p 00000000 00:00 0          [stack]\n",
		 (unsigned long)shared, (unsigned long)shared + P,
		 file_inode(find_vma(mm, (unsigned long)shared)->vm_file)->i_ino,
		 (unsigned long)plain, (unsigned long)plain + P);
	std::string got = maps();
	// the inode number's width moves the name: compare with that in mind
	EXPECT_EQ(got.substr(0, 57), std::string(want).substr(0, 57));
	EXPECT_NE(got.find("rw-s 00000000 00:01 "), std::string::npos);
	EXPECT_NE(got.find(" /dev/zero (deleted)\n"), std::string::npos);
	EXPECT_NE(got.find(" r--p 00000000 00:00 0 \n"), std::string::npos)
	    << "anonymous memory: no name, Linux's trailing space kept";
	EXPECT_NE(got.find("bffdf000-c0000000 rw-p 00000000 00:00 0          [stack]\n"),
		  std::string::npos);
}

TEST_F(Proc, status_counts_vm_and_rss_in_kb)
{
	const unsigned long P = PAGE_SIZE;
	long a = anon(0, 8 * P, PROT_READ | PROT_WRITE);
	ASSERT_GT(a, 0);
	for (int i = 0; i < 3; i++)
		ASSERT_TRUE(wr((unsigned long)a + i * P, 1));
	std::string s = status();
	EXPECT_NE(s.find("VmSize:\t      32 kB\n"), std::string::npos) << s;
	EXPECT_NE(s.find("VmRSS:\t      12 kB\n"), std::string::npos) << s;
	EXPECT_NE(s.find("RssAnon:\t      12 kB\n"), std::string::npos) << s;
	EXPECT_NE(s.find("VmData:\t      32 kB\n"), std::string::npos) << s;
	EXPECT_EQ(s.find("Name:\t"), 0u);
}

TEST_F(Proc, smaps_fields_in_linux_order_and_columns)
{
	long a = anon(0x20000000, 2 * P, PROT_READ | PROT_WRITE, MAP_FIXED);
	ASSERT_EQ(a, 0x20000000);
	ASSERT_TRUE(wr(0x20000000, 1));
	std::string s = text(proc_pid_smaps_text);
	const char *want = "20000000-20002000 rw-p 00000000 00:00 0 \n"
			   "Size:                  8 kB\n"
			   "KernelPageSize:        4 kB\n"
			   "MMUPageSize:           4 kB\n"
			   "Rss:                   4 kB\n"
			   "Pss:                   4 kB\n"
			   "Pss_Dirty:             4 kB\n"
			   "Shared_Clean:          0 kB\n"
			   "Shared_Dirty:          0 kB\n"
			   "Private_Clean:         0 kB\n"
			   "Private_Dirty:         4 kB\n"
			   "Referenced:            4 kB\n"
			   "Anonymous:             4 kB\n"
			   "LazyFree:              0 kB\n"
			   "AnonHugePages:         0 kB\n"
			   "ShmemPmdMapped:        0 kB\n"
			   "FilePmdMapped:         0 kB\n"
			   "Shared_Hugetlb:        0 kB\n"
			   "Private_Hugetlb:       0 kB\n"
			   "Swap:                  0 kB\n"
			   "SwapPss:               0 kB\n"
			   "Locked:                0 kB\n"
			   "THPeligible:    0\n"
			   "VmFlags: rd wr mr mw me ac \n";
	EXPECT_EQ(s, want);
	std::string r = text(proc_pid_smaps_rollup_text);
	EXPECT_EQ(r.substr(0, r.find('\n') + 1),
		  "20000000-20002000 ---p 00000000 00:00 0          [rollup]\n");
	EXPECT_NE(r.find("\nPss_Anon:              4 kB\nPss_File:              0 kB\n"
			 "Pss_Shmem:             0 kB\n"),
		  std::string::npos)
	    << r;
}

TEST_F(Proc, smaps_pss_splits_a_shared_page_between_its_mappers)
{
	long a = anon(0, 2 * P, PROT_READ | PROT_WRITE);
	ASSERT_TRUE(wr((unsigned long)a, 1));
	ASSERT_TRUE(wr((unsigned long)a + P, 2));
	ASSERT_EQ(smaps_kb(text(proc_pid_smaps_text), (unsigned long)a, "Pss"), 8);
	struct mm_struct *child_mm = dup_mm(mm);
	ASSERT_NE(child_mm, nullptr);
	static struct task_struct child;
	child.mm = child_mm;
	std::string s = text(proc_pid_smaps_text);
	EXPECT_EQ(smaps_kb(s, (unsigned long)a, "Rss"), 8) << s;
	EXPECT_EQ(smaps_kb(s, (unsigned long)a, "Pss"), 4) << "each of two mappers pays half";
	EXPECT_EQ(smaps_kb(s, (unsigned long)a, "Shared_Dirty"), 8);
	EXPECT_EQ(smaps_kb(s, (unsigned long)a, "Private_Dirty"), 0);
	struct mm_struct *parent = mm;
	switch_mm(child_mm); // the child writes its first page: a copy of its own
	current->mm = mm = child_mm;
	bool wrote = wr((unsigned long)a, 9);
	switch_mm(parent);
	current->mm = mm = parent;
	ASSERT_TRUE(wrote);
	std::string c = text(proc_pid_smaps_text, &child);
	EXPECT_EQ(smaps_kb(c, (unsigned long)a, "Pss"), 6) << "4 kB its own, half of the other";
	EXPECT_EQ(smaps_kb(c, (unsigned long)a, "Private_Dirty"), 4);
	EXPECT_EQ(smaps_kb(c, (unsigned long)a, "Shared_Dirty"), 4);
	EXPECT_EQ(text(proc_pid_statm_text, &child).substr(0, 6), "2 2 0 ")
	    << "size resident shared";
	EXPECT_EQ(smaps_kb(text(proc_pid_smaps_text), (unsigned long)a, "Pss"), 6);
	exit_mmap(child_mm);
	EXPECT_EQ(smaps_kb(text(proc_pid_smaps_text), (unsigned long)a, "Pss"), 8);
}

TEST_F(Proc, pagemap_bits_for_written_zero_and_absent_pages)
{
	long a = anon(0, 3 * P, PROT_READ | PROT_WRITE);
	long buf = anon(0, P, PROT_READ | PROT_WRITE);
	ASSERT_TRUE(wr((unsigned long)a, 1));
	ASSERT_EQ(rd((unsigned long)a + P), 0);
	ASSERT_TRUE(wr((unsigned long)buf, 0));
	std::vector<u64> e = pagemap((unsigned long)a, 3, (unsigned long)buf);
	ASSERT_EQ(e.size(), 3u);
	const u64 present = 1ULL << 63, exclusive = 1ULL << 56, file = 1ULL << 61;
	const u64 pfn_mask = (1ULL << 55) - 1;
	EXPECT_EQ(e[0] & (present | exclusive | file), present | exclusive);
	EXPECT_EQ(e[0] & pfn_mask, pte_pfn(*follow_pte(mm, (unsigned long)a)));
	EXPECT_EQ(e[1] & (present | exclusive | file), present) << "the zero page: nobody's alone";
	EXPECT_EQ(e[1] & pfn_mask, page_to_pfn(zero_page()));
	EXPECT_EQ(e[2], 0u) << "never touched";
	loff_t pos = 4;
	EXPECT_EQ(proc_pid_pagemap_read(current, (char *)buf, 8, &pos), -EINVAL);
	pos = 0;
	EXPECT_EQ(proc_pid_pagemap_read(current, (char *)buf, 12, &pos), -EINVAL);
	pos = (loff_t)(TASK_SIZE / P * 8);
	EXPECT_EQ(proc_pid_pagemap_read(current, (char *)buf, 8, &pos), 0) << "past user space";
}

// oom_badness and oom_score as 6.1 computes them, against sums done by
// hand: rss + page-table pages + adj x (totalpages / 1000), then
// (1000 + badness x 1000 / totalpages) x 2 / 3.
TEST_F(Proc, oom_badness_and_score_follow_linux_formulas)
{
	long a = anon(0, 10 * P, PROT_READ | PROT_WRITE);
	for (int i = 0; i < 10; i++)
		ASSERT_TRUE(wr((unsigned long)a + i * P, 1));
	static struct task_struct t;
	t.mm = mm;
	t.pid = 5;
	t.flags = 0;
	const unsigned long total = 16000;
	ASSERT_EQ(mm->nr_pte_tables, 1u);
	struct {
		short adj;
		long badness;
	} rows[] = {{0, 11},
		    {500, 11 + 500 * 16},
		    {-500, 11 - 500 * 16},
		    {1000, 11 + 16000},
		    {-999, 11 - 999 * 16},
		    {-1000, LONG_MIN}};
	for (auto &r : rows) {
		t.oom_score_adj = r.adj;
		EXPECT_EQ(oom_badness(&t, total), r.badness) << "adj " << r.adj;
	}
	t.oom_score_adj = 0;
	unsigned long ram = totalram_pages_count;
	EXPECT_EQ(oom_score(&t), (unsigned long)((1000 + 11 * 1000 / (long)ram) * 2 / 3));
	t.oom_score_adj = 1000;
	EXPECT_EQ(
	    oom_score(&t),
	    (unsigned long)((1000 + (11 + (long)(ram / 1000) * 1000) * 1000 / (long)ram) * 2 / 3));
	t.oom_score_adj = -1000;
	EXPECT_EQ(oom_score(&t), 0u) << "never chosen: 0, as Linux prints it";
	t.oom_score_adj = 0;
	t.flags = PF_KTHREAD;
	EXPECT_EQ(oom_badness(&t, total), LONG_MIN) << "kernel threads are not candidates";
	EXPECT_EQ(oom_badness(current, total), LONG_MIN) << "nor the idle task";
	t.mm = nullptr;
}

} // namespace
