// User copies (Linux: arch/x86/lib/usercopy_32.c, copy_user_generic's
// i386 cousin, lib/strncpy_from_user.c). access_ok() first, so a user
// pointer can never name kernel memory; then one `rep movsb` listed in the
// exception table: a fault the fault handler cannot resolve lands on the
// fixup with ECX still counting the bytes not copied.
#include <asm/extable.h>
#include <linux/errno.h>
#include <linux/mm_space.h>
#include <linux/uaccess.h>

bool access_ok(const void __user *addr, unsigned long size)
{
	unsigned long a = (unsigned long)addr;
	return size <= TASK_SIZE && a <= TASK_SIZE - size;
}

static unsigned long raw_copy(void *to, const void *from, unsigned long n)
{
	__asm__ volatile("1:	rep movsb\n"
			 "2:\n"
			 ".pushsection __ex_table, \"a\"\n"
			 "	.long 1b, 2b\n"
			 ".popsection\n"
			 : "+c"(n), "+D"(to), "+S"(from)
			 :
			 : "memory");
	return n;
}

unsigned long copy_to_user(void __user *to, const void *from, unsigned long n)
{
	return access_ok(to, n) ? raw_copy((void *)to, from, n) : n;
}

unsigned long copy_from_user(void *to, const void __user *from, unsigned long n)
{
	return access_ok(from, n) ? raw_copy(to, (const void *)from, n) : n;
}

unsigned long clear_user(void __user *to, unsigned long n)
{
	if (!access_ok(to, n))
		return n;
	void *dst = (void *)to;
	__asm__ volatile("1:	rep stosb\n"
			 "2:\n"
			 ".pushsection __ex_table, \"a\"\n"
			 "	.long 1b, 2b\n"
			 ".popsection\n"
			 : "+c"(n), "+D"(dst)
			 : "a"(0)
			 : "memory");
	return n;
}

// Byte by byte: the string's end is not known until it is read.
long strncpy_from_user(char *dst, const char __user *src, long count)
{
	unsigned long a = (unsigned long)src;
	for (long i = 0; i < count; i++) {
		if (a + i >= TASK_SIZE ||
		    __get_kernel_nofault_u8((unsigned char *)dst + i, (const void *)(a + i)))
			return -EFAULT;
		if (!dst[i])
			return i;
	}
	return count;
}

long strnlen_user(const char __user *src, long n)
{
	unsigned long a = (unsigned long)src;
	for (long i = 0; i < n; i++) {
		unsigned char c;
		if (a + i >= TASK_SIZE || __get_kernel_nofault_u8(&c, (const void *)(a + i)))
			return 0;
		if (!c)
			return i + 1;
	}
	return n + 1;
}
