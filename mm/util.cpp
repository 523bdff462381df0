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
 * vm.overcommit_* (Linux: mm/util.c). Mode 0 (OVERCOMMIT_GUESS) refuses a
 * request bigger than RAM, 1 (OVERCOMMIT_ALWAYS) grants everything, 2
 * (OVERCOMMIT_NEVER) is accepted but, without the commit accounting of
 * Committed_AS, behaves as 0 for now. Setting the ratio clears the kbytes
 * and the other way round: one of them defines CommitLimit.
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

// vm.panic_on_oom and vm.oom_kill_allocating_task (mm/oom_kill.cpp).
int sysctl_panic_on_oom;
int sysctl_oom_kill_allocating_task;
