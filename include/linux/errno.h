#pragma once
// Error numbers, Linux's values (Linux: include/uapi/asm-generic/errno-base.h).
#ifdef MMLAB_HOST
// On the host, glibc's <errno.h> includes <linux/errno.h> and finds this file
// first; the system's has the same values, and all of them.
#include_next <linux/errno.h>
#else
#define EPERM 1
#define ENOENT 2
#define EIO 5
#define E2BIG 7
#define ENOMEM 12
#define EFAULT 14
#define EBUSY 16
#define EEXIST 17
#define EINVAL 22
#define ENOSPC 28
#define ERANGE 34
#define ENOSYS 38
// The file system calls' errors (Linux: errno-base.h, asm-generic/errno.h).
#define EINTR 4
#define ENXIO 6
#define ENOEXEC 8
#define EBADF 9
#define EAGAIN 11
#define EACCES 13
#define EXDEV 18
#define ENODEV 19
#define ENOTDIR 20
#define EISDIR 21
#define ENFILE 23
#define EMFILE 24
#define ENOTTY 25
#define EFBIG 27
#define ESPIPE 29
#define EROFS 30
#define EMLINK 31
#define ENAMETOOLONG 36
#define ENOTEMPTY 39
#define ELOOP 40
#define EOVERFLOW 75
#endif
