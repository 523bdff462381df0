#pragma once
// Probing memory that may not be mapped (Linux: include/linux/uaccess.h,
// mm/maccess.c). Used by tools that must not crash the kernel while they
// look: the shell's memory dump, oops code dumps of a bad EIP.
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
