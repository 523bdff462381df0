#pragma once
/*
 * File types and permission bits, and the kernel's own stat result
 * (Linux: include/linux/stat.h, include/uapi/linux/stat.h).
 */
#include <linux/types.h>
#ifdef MMLAB_HOST
// glibc's <sys/stat.h> includes "linux/stat.h" for struct statx and finds
// this file: hand it the system's uapi header, whose struct statx is the one
// below, and take the S_IF* values from glibc (the same numbers).
#include_next <linux/stat.h>
#include <sys/stat.h>
#else
#include <uapi/linux/stat.h>
#endif

// What vfs_getattr fills and the stat calls copy out in their own layouts
// (Linux: struct kstat).
struct kstat {
	u32 result_mask;     // STATX_* that are filled
	unsigned short mode; // umode_t
	unsigned int nlink;
	u64 ino;
	u32 dev, rdev; // new_encode_dev()'d: major in bits 8..19
	loff_t size;
	u32 blksize;
	u64 blocks; // 512-byte units
};

// The 32-bit device encoding the stat calls report (Linux: new_encode_dev,
// include/linux/kdev_t.h).
static inline u32 new_encode_dev(unsigned int major, unsigned int minor)
{
	return (minor & 0xff) | (major << 8) | ((minor & ~0xffU) << 12);
}
