#pragma once
// /proc/sys tables (Linux: include/linux/sysctl.h, kernel/sysctl.c).
#include <linux/fs.h> // loff_t, umode_t
#include <linux/mm_space.h>

struct ctl_table;
// Reads (write 0) put the value's text in buffer, at most *lenp bytes;
// writes parse the NUL-terminated text there. *lenp becomes the bytes
// used, *ppos advances by them. 0 or -EINVAL, as Linux's handlers.
typedef int proc_handler(const struct ctl_table *table, int write, char *buffer, size_t *lenp,
			 loff_t *ppos);

struct ctl_table {
	const char *procname;
	void *data;
	int maxlen; // bytes of data: sizeof(int) * elements for a vector
	umode_t mode;
	proc_handler *handler;
	const void *extra1, *extra2; // the min and max of the _minmax handlers, or NULL
};

// Linux's generic handlers: decimal (or 0x hex, 0 octal) values separated
// by blanks, printed tab-separated with a newline.
proc_handler proc_dointvec, proc_dointvec_minmax, proc_doulongvec_minmax;

// The files of /proc/sys/vm, in the order ls lists them.
extern const struct ctl_table vm_table[];
extern const unsigned int vm_table_size;

extern const int sysctl_vals[]; // 0, 1, 2, 4, 3000 for extra1/extra2
#define SYSCTL_ZERO (&sysctl_vals[0])
#define SYSCTL_ONE (&sysctl_vals[1])
#define SYSCTL_TWO (&sysctl_vals[2])
#define SYSCTL_FOUR (&sysctl_vals[3])
#define SYSCTL_THREE_THOUSAND (&sysctl_vals[4])

// The handlers with effects (mm/page_alloc.cpp, mm/util.cpp, fs/drop_caches.cpp).
proc_handler min_free_kbytes_sysctl_handler, watermark_scale_factor_sysctl_handler,
    lowmem_reserve_ratio_sysctl_handler, percpu_pagelist_high_fraction_sysctl_handler,
    overcommit_ratio_handler, overcommit_kbytes_handler, drop_caches_sysctl_handler;

extern int watermark_scale_factor, percpu_pagelist_high_fraction;
extern int sysctl_lowmem_reserve_ratio[];
extern int sysctl_overcommit_memory, sysctl_overcommit_ratio;
extern unsigned long sysctl_overcommit_kbytes;
extern unsigned long sysctl_user_reserve_kbytes, sysctl_admin_reserve_kbytes;
extern int sysctl_panic_on_oom, sysctl_oom_kill_allocating_task;
extern int sysctl_drop_caches; // sysctl_max_map_count: <linux/mm_space.h>
