#pragma once
// getrusage()'s record, i386 layout (Linux: include/uapi/linux/resource.h).
#include <linux/types.h>

struct __kernel_old_timeval {
	long tv_sec, tv_usec;
};

struct rusage {
	struct __kernel_old_timeval ru_utime, ru_stime;
	long ru_maxrss, ru_ixrss, ru_idrss, ru_isrss, ru_minflt, ru_majflt, ru_nswap;
	long ru_inblock, ru_oublock, ru_msgsnd, ru_msgrcv, ru_nsignals, ru_nvcsw, ru_nivcsw;
};

#define RUSAGE_SELF 0
#define RUSAGE_CHILDREN (-1)
#define RUSAGE_BOTH (-2)
#define RUSAGE_THREAD 1

struct task_struct;
// p's own use, and with_children: what its reaped children used too.
void fill_rusage_of(struct task_struct *p, struct rusage *r, bool with_children);
