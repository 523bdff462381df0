#pragma once
/*
 * Touching user memory from the kernel (Linux: include/linux/uaccess.h,
 * arch/x86/include/asm/uaccess.h, mm/maccess.c).
 *
 * A system call's pointer argument is the caller's claim, not a fact: it may
 * be NULL, point into the kernel, at nothing, or run off the end of a VMA.
 * access_ok() refuses kernel addresses; the copy itself runs on the
 * exception table, so a fault the fault handler cannot resolve ends the
 * copy and the call returns -EFAULT instead of oopsing. A fault it can
 * resolve (demand paging, copy-on-write, stack growth) just completes.
 */
#include <linux/compiler.h>
#include <linux/types.h>

// Copies size bytes; returns 0, or -EFAULT if any byte could not be read
// (what was copied before it stays copied).
long copy_from_kernel_nofault(void *dst, const void *src, size_t size);

// One byte of the current address space, as the kernel would touch user
// memory: a fault is handled (demand paging, copy-on-write) and the access
// completes, or it is refused and these return -EFAULT (Linux: get_user,
// put_user).
int get_user_u8(unsigned char *dst, unsigned long uaddr);
int put_user_u8(unsigned long uaddr, unsigned char v);

// [addr, addr + size) lies below TASK_SIZE and does not wrap (Linux:
// access_ok, __access_ok). It says nothing about what is mapped there.
bool access_ok(const void __user *addr, unsigned long size);

// These return the number of bytes NOT copied (0 on success), as Linux's do;
// callers turn a non-zero result into -EFAULT.
unsigned long copy_to_user(void __user *to, const void *from, unsigned long n);
unsigned long copy_from_user(void *to, const void __user *from, unsigned long n);
unsigned long clear_user(void __user *to, unsigned long n);

// Copies a NUL-terminated string of at most count bytes: its length (without
// the NUL; count if no NUL came within count bytes, dst then unterminated),
// or -EFAULT.
long strncpy_from_user(char *dst, const char __user *src, long count);
// The string's length including its NUL, 0 on a fault, or more than n if
// it is longer than n (Linux: strnlen_user).
long strnlen_user(const char __user *src, long n);

// One value of a scalar type: 0, or -EFAULT (the value then reads as 0).
template <typename T> static inline int get_user_val(T *dst, const T __user *src)
{
	if (copy_from_user(dst, src, sizeof(T))) {
		*dst = T();
		return -14; // -EFAULT
	}
	return 0;
}
template <typename T> static inline int put_user_val(T v, T __user *dst)
{
	return copy_to_user(dst, &v, sizeof(T)) ? -14 : 0;
}
#define get_user(x, ptr) get_user_val(&(x), (ptr))
#define put_user(x, ptr) put_user_val<__typeof__(*(ptr))>((x), (ptr))
