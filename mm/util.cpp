/*
 * DOC: mapping helpers callers outside mm/ use (Linux: mm/util.c)
 *
 * vm_mmap_pgoff is what mmap2 calls once it has the file: do_mmap, then
 * the faults MAP_POPULATE or MAP_LOCKED asked for. Differs from Linux: no
 * mmap lock to take and no LSM hook (security_mmap_file).
 */
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/mm_space.h>
#include <linux/mman.h>
#include <linux/random.h>
#include <linux/slab.h>
#include <linux/sysctl.h>
#include <linux/vmalloc.h>

unsigned long vm_mmap_pgoff(struct file *file, unsigned long addr, unsigned long len,
			    unsigned long prot, unsigned long flag, unsigned long pgoff)
{
	unsigned long populate;
	unsigned long ret = do_mmap(file, addr, len, prot, flag, pgoff, &populate);
	if (populate)
		mm_populate(ret, populate);
	return ret;
}

// Linux: vm_mmap, with a byte offset (which must be page aligned).
unsigned long vm_mmap(struct file *file, unsigned long addr, unsigned long len, unsigned long prot,
		      unsigned long flag, unsigned long offset)
{
	if (offset + PAGE_ALIGN(len) < offset)
		return -EINVAL;
	if (offset_in_page(offset))
		return -EINVAL;
	return vm_mmap_pgoff(file, addr, len, prot, flag, offset >> PAGE_SHIFT);
}

// A random page-aligned address in [start, start + range), or start if
// the range wraps or holds no page (Linux: randomize_page).
unsigned long randomize_page(unsigned long start, unsigned long range)
{
	if (offset_in_page(start)) {
		range -= PAGE_ALIGN(start) - start;
		start = PAGE_ALIGN(start);
	}
	if (start > ULONG_MAX - range)
		range = ULONG_MAX - start;
	range >>= PAGE_SHIFT;
	if (range == 0)
		return start;
	return start + ((get_random_long() % range) << PAGE_SHIFT);
}

// Linux: kvmalloc_node. Small sizes from kmalloc; a size past what a slab
// or a few contiguous pages should give, or a kmalloc that fails, from
// vmalloc. kvfree tells them apart by address.
void *kvmalloc_array(size_t n, size_t size, gfp_t flags)
{
	if (size && n > (size_t)-1 / size)
		return nullptr;
	size_t bytes = n * size;
	if (bytes <= 8 * PAGE_SIZE) {
		void *p = kmalloc(bytes, flags | __GFP_NOWARN);
		if (p || bytes <= PAGE_SIZE)
			return p;
	}
	return vmalloc(bytes);
}

void kvfree(const void *addr)
{
	if (is_vmalloc_addr(addr))
		vfree(addr);
	else
		kfree(addr);
}

/*
 * vm.overcommit_* and the commitment (Linux: mm/util.c). Mode 0
 * (OVERCOMMIT_GUESS) refuses a request bigger than RAM, 1
 * (OVERCOMMIT_ALWAYS) grants everything, 2 (OVERCOMMIT_NEVER) refuses once
 * the commitment would pass CommitLimit. Setting the ratio clears the
 * kbytes and the other way round: one of them defines CommitLimit.
 */
int sysctl_overcommit_memory = OVERCOMMIT_GUESS;
int sysctl_overcommit_ratio = 50;
unsigned long sysctl_overcommit_kbytes;

int overcommit_ratio_handler(const struct ctl_table *table, int write, char *buffer, size_t *lenp,
			     loff_t *ppos)
{
	int rc = proc_dointvec(table, write, buffer, lenp, ppos);
	if (!rc && write)
		sysctl_overcommit_kbytes = 0;
	return rc;
}

int overcommit_kbytes_handler(const struct ctl_table *table, int write, char *buffer, size_t *lenp,
			      loff_t *ppos)
{
	int rc = proc_doulongvec_minmax(table, write, buffer, lenp, ppos);
	if (!rc && write)
		sysctl_overcommit_ratio = 0;
	return rc;
}

/*
 * vm_committed_as - pages promised to mappings that may need fresh memory
 * Charged by __vm_enough_memory when a private writable mapping, the heap,
 * a stack or a fork's copy is made (the VMA is then VM_ACCOUNT) and when a
 * shared anonymous object or a tmpfs page is created; uncharged when they
 * go. Linux keeps it in a percpu_counter whose global part may lag by a
 * batch; with one CPU this long is exact, and a negative value is a bug.
 */
static long vm_committed_as;

void vm_acct_memory(long pages)
{
	vm_committed_as += pages;
	WARN_ONCE(vm_committed_as < 0, "memory commitment underflow");
}

void vm_unacct_memory(long pages) { vm_acct_memory(-pages); }

// Linux: vm_memory_committed, what meminfo prints as Committed_AS.
unsigned long vm_memory_committed(void)
{
	return vm_committed_as > 0 ? (unsigned long)vm_committed_as : 0;
}

// Linux: vm_commit_limit. RAM x overcommit_ratio% (or overcommit_kbytes)
// plus swap, of which there is none.
unsigned long vm_commit_limit(void)
{
	if (sysctl_overcommit_kbytes)
		return sysctl_overcommit_kbytes >> (PAGE_SHIFT - 10);
	return totalram_pages_count * (unsigned long)sysctl_overcommit_ratio / 100;
}

// What mode 2 keeps back: for root (admin) and from any one process, so a
// user can still run a shell to kill a runaway (Linux: init_user_reserve,
// init_admin_reserve set them from the free memory at boot).
unsigned long sysctl_user_reserve_kbytes = 1UL << 17;
unsigned long sysctl_admin_reserve_kbytes = 1UL << 13;

void init_overcommit_reserves(void)
{
	unsigned long free_kbytes = nr_free_pages() << (PAGE_SHIFT - 10);
	sysctl_user_reserve_kbytes = min(free_kbytes / 32, 1UL << 17);
	sysctl_admin_reserve_kbytes = min(free_kbytes / 32, 1UL << 13);
}

/*
 * __vm_enough_memory - charge pages to the commitment, or refuse them
 * Returns 0 with the pages charged, or -ENOMEM with nothing charged.
 * cap_sys_admin spares root the admin reserve. Linux: __vm_enough_memory
 * (6.1), which reads the counter's global part, up to a batch behind.
 */
int __vm_enough_memory(struct mm_struct *mm, long pages, int cap_sys_admin)
{
	vm_acct_memory(pages);
	if (sysctl_overcommit_memory == OVERCOMMIT_ALWAYS)
		return 0;
	if (sysctl_overcommit_memory == OVERCOMMIT_GUESS) {
		if (pages <= (long)totalram_pages_count) // + total_swap_pages, none
			return 0;
	} else {
		long allowed = (long)vm_commit_limit();
		if (!cap_sys_admin)
			allowed -= (long)(sysctl_admin_reserve_kbytes >> (PAGE_SHIFT - 10));
		if (mm)
			allowed -= min((long)(mm->total_vm / 32),
				       (long)(sysctl_user_reserve_kbytes >> (PAGE_SHIFT - 10)));
		if ((long)vm_memory_committed() < allowed)
			return 0;
	}
	vm_unacct_memory(pages);
	return -ENOMEM;
}

// vm.panic_on_oom and vm.oom_kill_allocating_task (mm/oom_kill.cpp).
int sysctl_panic_on_oom;
int sysctl_oom_kill_allocating_task;
