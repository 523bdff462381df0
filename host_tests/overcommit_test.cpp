// The commitment behind Committed_AS and vm.overcommit_memory, as Linux 6.1
// keeps it (mm/util.c __vm_enough_memory, and the charges in mm/mmap.c,
// mm/mremap.c, mm/mprotect.c, kernel/fork.c dup_mmap, mm/shmem.c): what is
// charged, what is given back, and what each mode refuses.
#include <random>
#include <set>
#include <vector>

#include "mm_user_helpers.h"

#include <linux/pagemap.h>
#include <linux/sysctl.h>

namespace
{

constexpr unsigned long RW = PROT_READ | PROT_WRITE;

struct Overcommit : UserMm {
	long base = 0;
	int saved_mode = 0, saved_ratio = 0;
	std::vector<struct mm_struct *> children;
	void SetUp() override
	{
		UserMm::SetUp();
		pagecache_init();
		vfs_caches_init(); // shared anonymous memory has a ramfs inode
		saved_mode = sysctl_overcommit_memory;
		saved_ratio = sysctl_overcommit_ratio;
		base = (long)vm_memory_committed();
	}
	void TearDown() override
	{
		for (struct mm_struct *c : children)
			exit_mmap(c);
		UserMm::TearDown();
		sysctl_overcommit_memory = saved_mode;
		sysctl_overcommit_ratio = saved_ratio;
		EXPECT_EQ((long)vm_memory_committed(), base) << "every charge given back";
	}
	long committed() const { return (long)vm_memory_committed() - base; }

	// What the counter should say, recounted from the address spaces: the
	// VM_ACCOUNT VMAs, and each shmem object once (its size, or its pages
	// if it is charged page by page).
	long recount() const
	{
		long pages = 0;
		std::set<const struct inode *> objects;
		std::vector<struct mm_struct *> all = children;
		all.push_back(mm);
		for (struct mm_struct *m : all) {
			struct vm_area_struct *v;
			list_for_each_entry(v, &m->mmap, vm_list) {
				if (v->vm_flags & VM_ACCOUNT)
					pages += (long)vma_pages(v);
				if (v->vm_file && shmem_name(v->vm_file))
					objects.insert(v->vm_file->f_inode);
			}
		}
		for (const struct inode *i : objects)
			pages += shmem_acct_per_page(i->i_mapping)
				     ? (long)i->i_mapping->nrpages
				     : (long)((i->i_size + PAGE_SIZE - 1) >> PAGE_SHIFT);
		return pages;
	}
};

// mm/mmap.c accountable_mapping: private writable memory is a promise;
// read-only, MAP_NORESERVE and file-shared memory are not. Shared anonymous
// memory is charged whole by its shmem file, whatever its protection.
TEST_F(Overcommit, what_mmap_charges)
{
	EXPECT_GT(anon(0, 10 * P, RW), 0);
	EXPECT_EQ(committed(), 10);
	EXPECT_GT(anon(0, 10 * P, PROT_READ), 0);
	EXPECT_EQ(committed(), 10) << "read-only: nothing can be written";
	long nr = anon(0, 10 * P, RW, MAP_NORESERVE);
	EXPECT_EQ(committed(), 10) << "MAP_NORESERVE: not charged in mode 0";
	long sh = mmap(0, 8 * P, PROT_READ, MAP_SHARED | MAP_ANONYMOUS);
	EXPECT_EQ(committed(), 18) << "shmem_zero_setup charges the object's size";
	long shn = mmap(0, 8 * P, RW, MAP_SHARED | MAP_ANONYMOUS | MAP_NORESERVE);
	EXPECT_EQ(committed(), 18);
	EXPECT_TRUE(wr((unsigned long)shn, 1) && wr((unsigned long)shn + 3 * P, 1));
	EXPECT_EQ(committed(), 20) << "a NORESERVE shmem object is charged by the page";
	EXPECT_TRUE(wr((unsigned long)nr, 1));
	EXPECT_EQ(committed(), 20) << "a private NORESERVE page is not";
	EXPECT_EQ(sys_munmap((unsigned long)sh, 4 * P), 0);
	EXPECT_EQ(committed(), 20) << "the shmem file keeps its charge while mapped";
	EXPECT_EQ(sys_munmap((unsigned long)sh + 4 * P, 4 * P), 0);
	EXPECT_EQ(committed(), 12) << "and gives it back when it goes";
	EXPECT_EQ(sys_munmap((unsigned long)shn, 8 * P), 0);
	EXPECT_EQ(committed(), 10);
	EXPECT_EQ(committed(), recount());
}

TEST_F(Overcommit, mprotect_brk_mremap_and_fork_charge_as_linux)
{
	long ro = anon(0, 6 * P, PROT_READ);
	EXPECT_EQ(sys_mprotect((unsigned long)ro, 2 * P, RW), 0);
	EXPECT_EQ(committed(), 2) << "made writable: charged";
	EXPECT_EQ(sys_mprotect((unsigned long)ro, 2 * P, PROT_READ), 0);
	EXPECT_EQ(committed(), 2) << "read-only again: 6.1 keeps the charge";
	unsigned long b = mm->start_brk;
	EXPECT_EQ((unsigned long)sys_brk(b + 5 * P), b + 5 * P);
	EXPECT_EQ(committed(), 7) << "the heap is private writable";
	EXPECT_EQ((unsigned long)sys_brk(b + 2 * P), b + 2 * P);
	EXPECT_EQ(committed(), 4) << "and shrinking it gives back";
	long rw = anon(0, 4 * P, RW);
	long grown = sys_mremap((unsigned long)rw, 4 * P, 9 * P, MREMAP_MAYMOVE, 0);
	EXPECT_GT(grown, 0);
	EXPECT_EQ(committed(), 13) << "mremap charges its growth only, moved or not";
	EXPECT_EQ(sys_mremap((unsigned long)grown, 9 * P, 3 * P, 0, 0), grown);
	EXPECT_EQ(committed(), 7);
	struct mm_struct *child = dup_mm(mm);
	ASSERT_NE(child, nullptr);
	children.push_back(child);
	EXPECT_EQ(committed(), 14) << "fork: the child's copies are promised again";
	EXPECT_EQ(committed(), recount());
	exit_mmap(child);
	children.clear();
	EXPECT_EQ(committed(), 7) << "and its exit gives them back";
}

// Mode 2: CommitLimit = RAM x overcommit_ratio%; everything must fit in it,
// MAP_NORESERVE included. Mode 1 grants anything, mode 0 refuses only more
// than RAM in one request.
TEST_F(Overcommit, the_three_modes)
{
	long ram = (long)totalram_pages_count;
	EXPECT_EQ(anon(0, (unsigned long)(ram + 1) * P, RW), -ENOMEM) << "mode 0: more than RAM";
	EXPECT_GT(anon(0, (unsigned long)(ram / 2) * P, RW), 0) << "mode 0: half of RAM, twice";
	EXPECT_GT(anon(0, (unsigned long)(ram / 2) * P, RW), 0);
	sysctl_overcommit_memory = OVERCOMMIT_ALWAYS;
	long huge = anon(0, (unsigned long)(ram * 4) * P, RW);
	EXPECT_GT(huge, 0) << "mode 1: four times RAM";
	EXPECT_EQ(sys_munmap((unsigned long)huge, (unsigned long)(ram * 4) * P), 0);
	sysctl_overcommit_memory = OVERCOMMIT_NEVER;
	sysctl_overcommit_ratio = 50;
	long left = (long)vm_commit_limit() - (long)vm_memory_committed();
	EXPECT_LT(left, 0) << "already past the limit: " << left;
	EXPECT_EQ(anon(0, P, RW), -ENOMEM) << "mode 2: not one more page";
	EXPECT_EQ(anon(0, P, RW, MAP_NORESERVE), -ENOMEM) << "MAP_NORESERVE is ignored";
	EXPECT_GT(anon(0, 64 * P, PROT_READ), 0) << "read-only costs nothing";
	long before = committed();
	EXPECT_EQ((unsigned long)sys_brk(mm->start_brk + P), mm->start_brk) << "brk refused";
	EXPECT_EQ(dup_mm(mm), nullptr) << "fork refused: its copies do not fit";
	EXPECT_EQ(committed(), before) << "refusals charge nothing";
	EXPECT_EQ(committed(), recount());
}

TEST_F(Overcommit, mode_2_limit_follows_the_ratio)
{
	sysctl_overcommit_memory = OVERCOMMIT_NEVER;
	sysctl_overcommit_ratio = 100;
	long limit = (long)vm_commit_limit();
	EXPECT_EQ(limit, (long)totalram_pages_count);
	// allowed: the limit less this process's share of the user reserve;
	// the commitment after the charge must stay below it
	long reserve = std::min((long)(mm->total_vm / 32), (long)(sysctl_user_reserve_kbytes / 4));
	long n = limit - reserve - (long)vm_memory_committed();
	ASSERT_GT(n, 100);
	EXPECT_EQ(anon(0, (unsigned long)n * P, RW), -ENOMEM) << "reaching the limit: refused";
	long a = anon(0, (unsigned long)(n - 1) * P, RW);
	EXPECT_GT(a, 0) << "a page short of it: granted";
	EXPECT_EQ(anon(0, P, RW), -ENOMEM);
	EXPECT_EQ(sys_munmap((unsigned long)a, (unsigned long)(n - 1) * P), 0);
	EXPECT_GT(anon(0, (unsigned long)(n / 2) * P, RW), 0) << "given back: promised again";
}

// Random mmap/munmap/mprotect/mremap/brk/fork/exit and writes: after every
// step the counter equals a recount from the address spaces. It never
// drifts and never goes below its start.
void random_walk(Overcommit &t, unsigned seed, int steps)
{
	std::mt19937 rng(seed);
	auto pick = [&](unsigned long n) { return (unsigned long)(rng() % n); };
	const unsigned long lo = 0x40000000;
	for (int i = 0; i < steps; i++) {
		unsigned long a = lo + pick(256) * PAGE_SIZE, len = (1 + pick(16)) * PAGE_SIZE;
		switch (pick(10)) {
		case 0: {
			static const unsigned long kinds[] = {
			    MAP_PRIVATE, MAP_PRIVATE | MAP_NORESERVE, MAP_SHARED,
			    MAP_SHARED | MAP_NORESERVE};
			t.mmap(a, len, pick(2) ? RW : PROT_READ,
			       kinds[pick(4)] | MAP_ANONYMOUS | MAP_FIXED);
			break;
		}
		case 1: sys_munmap(a, len); break;
		case 2: sys_mprotect(a, len, pick(2) ? RW : PROT_READ); break;
		case 3:
			sys_mremap(a, len, (1 + pick(16)) * PAGE_SIZE, pick(2) ? MREMAP_MAYMOVE : 0,
				   0);
			break;
		case 4: sys_brk(t.mm->start_brk + pick(32) * PAGE_SIZE); break;
		case 5:
			if (t.children.size() < 4) {
				struct mm_struct *c = dup_mm(t.mm);
				if (c)
					t.children.push_back(c);
			}
			break;
		case 6:
			if (!t.children.empty()) {
				size_t k = pick(t.children.size());
				exit_mmap(t.children[k]);
				t.children.erase(t.children.begin() + (long)k);
			}
			break;
		case 7: sysctl_overcommit_memory = (int)pick(3); break;
		default:
			t.wr(a, 1); // may fault in a shmem page (charged if NORESERVE)
			break;
		}
		ASSERT_EQ(t.committed(), t.recount()) << "seed " << seed << " step " << i;
		ASSERT_GE(t.committed(), 0);
	}
}

TEST_F(Overcommit, random_walk_never_drifts_seed1) { random_walk(*this, 1, 3000); }
TEST_F(Overcommit, random_walk_never_drifts_seed2) { random_walk(*this, 2, 3000); }
TEST_F(Overcommit, random_walk_never_drifts_seed3) { random_walk(*this, 3, 3000); }

} // namespace
