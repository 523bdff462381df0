#pragma once
/*
 * Where a read puts its bytes, or a write takes them (Linux:
 * include/linux/uio.h, lib/iov_iter.c). One segment, in user memory (a
 * system call) or kernel memory (kernel_read for exec); the copy helpers
 * advance it and return how many bytes they moved, fewer on a user fault.
 * Differs from Linux: one segment (readv loops over its iovecs), no bvec.
 */
#include <linux/compiler.h>
#include <linux/types.h>

struct iov_iter {
	bool user; // ubuf, else kbuf
	char __user *ubuf;
	char *kbuf;
	size_t count; // bytes left
};

static inline void iov_iter_ubuf(struct iov_iter *i, char __user *buf, size_t count)
{
	*i = {true, buf, nullptr, count};
}
static inline void iov_iter_kvec(struct iov_iter *i, void *buf, size_t count)
{
	*i = {false, nullptr, (char *)buf, count};
}

// The i386 ABI's struct iovec, spelled in fixed widths so the 64-bit host
// tests read user memory as the guest does (Linux: struct compat_iovec).
struct compat_iovec {
	u32 iov_base;
	u32 iov_len;
};
#define UIO_MAXIOV 1024
