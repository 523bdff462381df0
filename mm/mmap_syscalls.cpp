// The i386 mmap entry points (Linux: mm/mmap.c's ksys_mmap_pgoff,
// arch/x86/kernel/sys_ia32.c / sys_x86_64.c's old_mmap): turn an fd into
// a struct file and hand over to vm_mmap_pgoff().
#include <linux/errno.h>
#include <linux/fdtable.h>
#include <linux/fs.h>
#include <linux/mm_space.h>
#include <linux/mman.h>
#include <linux/syscalls_mm.h>
#include <linux/uaccess.h>

// mmap2 (192): the offset in pages, so 32-bit programs reach 16 TiB.
long sys_mmap_pgoff(unsigned long addr, unsigned long len, unsigned long prot, unsigned long flags,
		    unsigned long fd, unsigned long pgoff)
{
	struct file *file = nullptr;
	if (!(flags & MAP_ANONYMOUS)) {
		file = fget((unsigned int)fd);
		if (!file)
			return -EBADF;
	}
	flags &= ~(MAP_EXECUTABLE | MAP_DENYWRITE); // Linux ignores both
	unsigned long ret = vm_mmap_pgoff(file, addr, len, prot, flags, pgoff);
	if (file)
		fput(file);
	return (long)ret;
}

struct mmap_arg_struct32 {
	u32 addr, len, prot, flags, fd, offset;
};

// old mmap (90): one pointer to all six arguments, the offset in bytes.
long sys_old_mmap(struct mmap_arg_struct32 __user *arg)
{
	struct mmap_arg_struct32 a;
	if (copy_from_user(&a, arg, sizeof(a)))
		return -EFAULT;
	if (a.offset & ~PAGE_MASK)
		return -EINVAL;
	return sys_mmap_pgoff(a.addr, a.len, a.prot, a.flags, a.fd, a.offset >> PAGE_SHIFT);
}
