// 64-bit arguments of i386 system calls, which arrive split over two
// registers, low word first (Linux: arch/x86/kernel/sys_ia32.c).
#include <linux/syscalls_fs.h>

static loff_t join64(unsigned long lo, unsigned long hi) { return (loff_t)(((u64)hi << 32) | lo); }

long sys_ia32_pread64(unsigned int fd, char __user *buf, size_t count, unsigned long lo,
		      unsigned long hi)
{
	return sys_pread64(fd, buf, count, join64(lo, hi));
}

long sys_ia32_pwrite64(unsigned int fd, const char __user *buf, size_t count, unsigned long lo,
		       unsigned long hi)
{
	return sys_pwrite64(fd, buf, count, join64(lo, hi));
}

long sys_ia32_ftruncate64(unsigned int fd, unsigned long lo, unsigned long hi)
{
	return sys_ftruncate64(fd, join64(lo, hi));
}
