// Linux: mm/maccess.c. Byte by byte through the arch's probing load, so a
// fault at any byte ends the copy with -EFAULT instead of an oops.
#include <asm/extable.h>
#include <linux/errno.h>
#include <linux/uaccess.h>

long copy_from_kernel_nofault(void *dst, const void *src, size_t size)
{
	unsigned char *d = (unsigned char *)dst;
	const unsigned char *s = (const unsigned char *)src;
	for (size_t i = 0; i < size; i++)
		if (__get_kernel_nofault_u8(d + i, s + i))
			return -EFAULT;
	return 0;
}

int get_user_u8(unsigned char *dst, unsigned long uaddr)
{
	return __get_kernel_nofault_u8(dst, (const void *)uaddr);
}

int put_user_u8(unsigned long uaddr, unsigned char v)
{
	return __put_kernel_nofault_u8((void *)uaddr, v);
}
