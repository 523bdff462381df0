#pragma once
// /proc (Linux: include/linux/proc_fs.h, fs/proc/). The text of each file
// is made when it is read; the shell's `maps` prints the same text.
#include <linux/fs.h> // loff_t

struct task_struct;
struct mm_struct;
struct seq_buf;

// The root file system's device, as ramfs files show it in maps and
// stat (Linux's initramfs rootfs is an anonymous device too: 0:1 here).
#define RAMFS_DEV_MINOR 1

// The text of /proc/PID/maps, status and stat for task into buf: its length.
size_t proc_pid_maps_text(struct task_struct *task, char *buf, size_t size);
size_t proc_pid_status_text(struct task_struct *p, char *buf, size_t size);
size_t proc_pid_stat_text(struct task_struct *p, char *buf, size_t size);
// R, S, D, T, Z... as /proc/PID/stat's third field and ps's STAT show it.
char task_state_char(const struct task_struct *p);
size_t proc_pid_statm_text(struct task_struct *task, char *buf, size_t size);
size_t proc_pid_smaps_text(struct task_struct *task, char *buf, size_t size);
size_t proc_pid_smaps_rollup_text(struct task_struct *task, char *buf, size_t size);
// /proc/PID/pagemap: 8 bytes per virtual page from *ppos; -EINVAL unless
// *ppos and count are multiples of 8.
long proc_pid_pagemap_read(struct task_struct *task, char *ubuf, size_t count, loff_t *ppos);
// /proc/iomem's text (arch/x86/kernel/iomem.cpp).
void iomem_show(struct seq_buf *s);
// /proc/mounts (fs/namespace.cpp); Linux makes it a symlink to self/mounts.
void mounts_show(struct seq_buf *s);
void proc_task_mem(struct seq_buf *s, struct mm_struct *mm);

// Makes the /proc directory (boot); mount("proc", path) names it at path.
int proc_root_init(void);
int proc_mount(const char *path);
