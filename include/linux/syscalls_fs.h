#pragma once
/*
 * The file system calls of the i386 ABI (Linux: include/linux/syscalls.h;
 * numbers from arch/x86/entry/syscalls/syscall_32.tbl in the comments).
 * Each returns a result >= 0 or -errno. Every pointer is a user address
 * and goes through <linux/uaccess.h>: NULL, kernel or unmapped ones give
 * -EFAULT. The 64-bit offsets of pread64/pwrite64/ftruncate64 arrive in
 * two registers on i386 (low word first: esi, edi for pread64); the
 * dispatcher joins them into the loff_t.
 */
#include <asm/stat.h>
#include <linux/fs.h>
#include <linux/stat.h>
#include <linux/uio.h>

// The record getdents64 writes (Linux: struct linux_dirent64): 8-aligned.
struct linux_dirent64 {
	u64 d_ino;
	s64 d_off; // where the next getdents64 resumes after this entry
	unsigned short d_reclen;
	unsigned char d_type;
	char d_name[];
};

long sys_read(unsigned int fd, char __user *buf, size_t count);		     // 3
long sys_write(unsigned int fd, const char __user *buf, size_t count);	     // 4
long sys_open(const char __user *filename, int flags, umode_t mode);	     // 5
long sys_close(unsigned int fd);					     // 6
long sys_creat(const char __user *pathname, umode_t mode);		     // 8
long sys_link(const char __user *oldname, const char __user *newname);	     // 9
long sys_unlink(const char __user *pathname);				     // 10
long sys_chdir(const char __user *filename);				     // 12
long sys_mknod(const char __user *filename, umode_t mode, unsigned int dev); // 14
long sys_lseek(unsigned int fd, long offset, unsigned int whence);	     // 19
long sys_access(const char __user *filename, int mode);			     // 33
long sys_mkdir(const char __user *pathname, umode_t mode);		     // 39
long sys_rmdir(const char __user *pathname);				     // 40
long sys_dup(unsigned int fildes);					     // 41
long sys_ioctl(unsigned int fd, unsigned int cmd, unsigned long arg);	     // 54
long sys_dup2(unsigned int oldfd, unsigned int newfd);			     // 63
long sys_symlink(const char __user *oldname, const char __user *newname);    // 83
long sys_readlink(const char __user *path, char __user *buf, int bufsiz);    // 85
long sys_ftruncate(unsigned int fd, unsigned long length);		     // 93
long sys_fchdir(unsigned int fd);					     // 133
long sys_llseek(unsigned int fd, unsigned long offset_high, unsigned long offset_low,
		loff_t __user *result, unsigned int whence); // 140 (_llseek)
long sys_readv(unsigned long fd, const struct compat_iovec __user *vec,
	       unsigned long vlen); // 145
long sys_writev(unsigned long fd, const struct compat_iovec __user *vec,
		unsigned long vlen);						      // 146
long sys_pread64(unsigned int fd, char __user *buf, size_t count, loff_t pos);	      // 180
long sys_pwrite64(unsigned int fd, const char __user *buf, size_t count, loff_t pos); // 181
long sys_getcwd(char __user *buf, unsigned long size);				      // 183
long sys_ftruncate64(unsigned int fd, loff_t length);				      // 194
long sys_stat64(const char __user *filename, struct stat64 __user *statbuf);	      // 195
long sys_lstat64(const char __user *filename, struct stat64 __user *statbuf);	      // 196
long sys_fstat64(unsigned long fd, struct stat64 __user *statbuf);		      // 197
long sys_getdents64(unsigned int fd, struct linux_dirent64 __user *dirent,
		    unsigned int count);						// 220
long sys_fcntl64(unsigned int fd, unsigned int cmd, unsigned long arg);			// 221
long sys_openat(int dfd, const char __user *filename, int flags, umode_t mode);		// 295
long sys_mkdirat(int dfd, const char __user *pathname, umode_t mode);			// 296
long sys_mknodat(int dfd, const char __user *filename, umode_t mode, unsigned int dev); // 297
long sys_fstatat64(int dfd, const char __user *filename, struct stat64 __user *statbuf,
		   int flag);					   // 300
long sys_unlinkat(int dfd, const char __user *pathname, int flag); // 301
long sys_linkat(int olddfd, const char __user *oldname, int newdfd, const char __user *newname,
		int flags);								// 303
long sys_symlinkat(const char __user *oldname, int newdfd, const char __user *newname); // 304
long sys_readlinkat(int dfd, const char __user *path, char __user *buf, int bufsiz);	// 305
long sys_faccessat(int dfd, const char __user *filename, int mode);			// 307
long sys_dup3(unsigned int oldfd, unsigned int newfd, int flags);			// 330
long sys_statx(int dfd, const char __user *filename, unsigned int flags, unsigned int mask,
	       struct statx __user *buffer);					// 383
long sys_faccessat2(int dfd, const char __user *filename, int mode, int flags); // 439

// fs/pipe.cpp, fs/select.cpp
struct pollfd;
struct old_timespec32;
struct __kernel_timespec;
struct __kernel_old_timeval;
long sys_pipe(int __user *fildes);						 // 42
long sys_sendfile(int out_fd, int in_fd, s32 __user *offset, size_t count);	 // 187
long sys_sendfile64(int out_fd, int in_fd, loff_t __user *offset, size_t count); // 239
long sys_select(int n, u32 __user *inp, u32 __user *outp, u32 __user *exp,
		struct __kernel_old_timeval __user *tvp);			 // 142
long sys_poll(struct pollfd __user *ufds, unsigned int nfds, int timeout_msecs); // 168
long sys_pselect6(int n, u32 __user *inp, u32 __user *outp, u32 __user *exp,
		  struct old_timespec32 __user *tsp, const void __user *sig); // 308
long sys_ppoll(struct pollfd __user *ufds, unsigned int nfds, struct old_timespec32 __user *tsp,
	       const u64 __user *sigmask, size_t sigsetsize); // 309
long sys_pipe2(int __user *fildes, int flags);		      // 331
long sys_pselect6_time64(int n, u32 __user *inp, u32 __user *outp, u32 __user *exp,
			 struct __kernel_timespec __user *tsp, const void __user *sig); // 413
long sys_ppoll_time64(struct pollfd __user *ufds, unsigned int nfds,
		      struct __kernel_timespec __user *tsp, const u64 __user *sigmask,
		      size_t sigsetsize); // 414

// The ioctl a console answers (Linux: include/uapi/asm-generic/ioctls.h).
#define TCGETS 0x5401
#define TIOCGWINSZ 0x5413

// fs/namespace.cpp
long sys_mount(char __user *dev_name, char __user *dir_name, char __user *type, unsigned long flags,
	       void __user *data); // 21
