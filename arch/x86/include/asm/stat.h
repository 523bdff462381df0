#pragma once
/*
 * struct stat64, as i386 user space sees it: what stat64(), lstat64(),
 * fstat64() and fstatat64() fill (Linux: arch/x86/include/uapi/asm/stat.h).
 * Fixed widths and 4-byte alignment, so the 64-bit host tests lay it out
 * as the guest does: 96 bytes.
 */
#include <linux/types.h>

#ifdef MMLAB_HOST
// The host's libc has a struct stat64 of its own (x86-64 layout): bring it
// in first, then give ours another name on the host only.
#include <sys/stat.h>
#define stat64 i386_stat64
#undef st_atime // glibc's spell st_atim.tv_sec
#undef st_mtime
#undef st_ctime
#endif

struct __attribute__((packed, aligned(4))) stat64 {
	u64 st_dev;
	unsigned char __pad0[4];
	u32 __st_ino; // the low 32 bits; st_ino is the whole number
	u32 st_mode;
	u32 st_nlink;
	u32 st_uid;
	u32 st_gid;
	u64 st_rdev;
	unsigned char __pad3[4];
	s64 st_size;
	u32 st_blksize;
	u64 st_blocks; // 512-byte units
	u32 st_atime;
	u32 st_atime_nsec;
	u32 st_mtime;
	u32 st_mtime_nsec;
	u32 st_ctime;
	u32 st_ctime_nsec;
	u64 st_ino;
};
static_assert(sizeof(struct stat64) == 96, "i386's struct stat64");
static_assert(__builtin_offsetof(struct stat64, st_size) == 44, "i386's struct stat64");
static_assert(__builtin_offsetof(struct stat64, st_ino) == 88, "i386's struct stat64");
