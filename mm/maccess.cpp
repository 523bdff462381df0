// Linux: mm/maccess.c. Byte by byte through the arch's probing load, so a
// fault at any byte ends the copy with -EFAULT instead of an oops.
// Differs from Linux: no pagefault_disable(), since every fault is handled
// in place; Linux copies in the largest units alignment allows, and the
// user accessors here are the kernel's own probing loads (no ring 3 yet).
#include <asm/extable.h>
#include <linux/errno.h>
#include <linux/uaccess.h>

// Copies size bytes from a kernel address that may be unmapped: 0, or
// -EFAULT at the first byte that faults (dst holds what came before).
// Context: any, interrupts off too; never oopses.
long copy_from_kernel_nofault(void *dst, const void *src, size_t size)
{
	unsigned char *d = (unsigned char *)dst;
	const unsigned char *s = (const unsigned char *)src;
	for (size_t i = 0; i < size; i++)
		if (__get_kernel_nofault_u8(d + i, s + i))
			return -EFAULT;
	return 0;
}

// One byte from or to a user address of the loaded mm, through the fault
// handler: 0, or -EFAULT if the mm refuses. Context: as copy_from_kernel_nofault.
int get_user_u8(unsigned char *dst, unsigned long uaddr)
{
	return __get_kernel_nofault_u8(dst, (const void *)uaddr);
}

int put_user_u8(unsigned long uaddr, unsigned char v)
{
	return __put_kernel_nofault_u8((void *)uaddr, v);
}
