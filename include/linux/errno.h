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
#define ENOEXEC 8
#define ENOMEM 12
#define EFAULT 14
#define EBUSY 16
#define EEXIST 17
#define EINVAL 22
#define ENOSPC 28
#define ERANGE 34
#define ENOSYS 38
#endif
