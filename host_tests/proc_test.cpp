// /proc/PID/maps and status text (fs/proc/task_mmu.cpp, array.cpp): the
// exact column layout of Linux 6.1's show_map_vma, Linux's rules for
// [heap], [stack] and shared anonymous memory, and the task_mem lines.
#include <string>

#include "mm_user_helpers.h"

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

} // namespace
