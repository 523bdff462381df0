#pragma once
// The time records of the i386 system calls (Linux: include/uapi/linux/
// time_types.h): timespec64 for the *_time64 calls, the 32-bit one for the
// old calls, timeval (linux/resource.h) for select and gettimeofday.
#include <linux/types.h>

#define NSEC_PER_SEC 1000000000ULL

struct __kernel_timespec {
	s64 tv_sec;
	long long tv_nsec;
};
struct old_timespec32 {
	s32 tv_sec, tv_nsec;
};
