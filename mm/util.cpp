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
#include <linux/random.h>
#include <linux/slab.h>
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
