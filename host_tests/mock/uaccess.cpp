// The user-copy routines for host tests (the kernel's are in
// arch/x86/lib/usercopy_32.cpp): each byte goes through the mock MMU with
// the loaded mm's page tables, as a ring-3 access would, and a fault goes to
// handle_mm_fault() as the CPU's #PF would. So a test of a system call sees
// demand paging, copy-on-write and -EFAULT just as the guest does.
#include <asm/page_types.h>
#include <linux/errno.h>
#include <linux/mm_space.h>
#include <linux/uaccess.h>

#include "mmu.h"

bool access_ok(const void __user *addr, unsigned long size)
{
	unsigned long a = (unsigned long)addr;
	return size <= TASK_SIZE && a <= TASK_SIZE - size;
}

// The byte at user address a, faulted in; NULL if the mm refuses.
static u8 *user_byte(unsigned long a, bool write)
{
	if (!current_mm || a >= TASK_SIZE)
		return nullptr;
	for (int tries = 0; tries < 3; tries++) {
		mmu_result r = mmu_translate(__pa(current_mm->pgd), a, write ? MMU_WRITE : MMU_READ,
					     true, true);
		if (r.ok)
			return (u8 *)__va(r.phys);
		unsigned int flags = ((r.error_code & 2) ? FAULT_FLAG_WRITE : 0) |
				     ((r.error_code & 1) ? FAULT_FLAG_PRESENT : 0);
		if (handle_mm_fault(current_mm, a, flags) != VM_FAULT_OK)
			return nullptr;
	}
	return nullptr;
}

unsigned long copy_to_user(void __user *to, const void *from, unsigned long n)
{
	if (!access_ok(to, n))
		return n;
	for (unsigned long i = 0; i < n; i++) {
		u8 *b = user_byte((unsigned long)to + i, true);
		if (!b)
			return n - i;
		*b = ((const u8 *)from)[i];
	}
	return 0;
}

unsigned long copy_from_user(void *to, const void __user *from, unsigned long n)
{
	if (!access_ok(from, n))
		return n;
	for (unsigned long i = 0; i < n; i++) {
		u8 *b = user_byte((unsigned long)from + i, false);
		if (!b)
			return n - i;
		((u8 *)to)[i] = *b;
	}
	return 0;
}

unsigned long clear_user(void __user *to, unsigned long n)
{
	static const u8 zero = 0;
	for (unsigned long i = 0; i < n; i++)
		if (copy_to_user((u8 __user *)to + i, &zero, 1))
			return n - i;
	return 0;
}

long strncpy_from_user(char *dst, const char __user *src, long count)
{
	for (long i = 0; i < count; i++) {
		if (copy_from_user(dst + i, src + i, 1))
			return -EFAULT;
		if (!dst[i])
			return i;
	}
	return count;
}

long strnlen_user(const char __user *src, long n)
{
	for (long i = 0; i < n; i++) {
		char c;
		if (copy_from_user(&c, src + i, 1))
			return 0;
		if (!c)
			return i + 1;
	}
	return n + 1;
}

int get_user_u8(unsigned char *dst, unsigned long uaddr)
{
	return copy_from_user(dst, (const void __user *)uaddr, 1) ? -EFAULT : 0;
}

int put_user_u8(unsigned long uaddr, unsigned char v)
{
	return copy_to_user((void __user *)uaddr, &v, 1) ? -EFAULT : 0;
}
