#pragma once
// What the files of fs/proc/ share (Linux: fs/proc/internal.h).
#include <linux/fs.h>

struct qstr;

// A fresh inode, its i_private holding pid (or the caller's pointer).
struct inode *proc_inode(umode_t mode, unsigned long ino, pid_t pid);
bool proc_name_is(const struct qstr *name, const char *s);

// /proc/sys (proc_sysctl.cpp): the directory, made at boot.
struct inode *proc_sys_init(struct inode *proc_root);
// Inode numbers of /proc/sys and below: above every /proc/PID's.
#define PROC_SYS_INO 0x40000000UL

// /proc/kpagecount and /proc/kpageflags (page.cpp).
long kpagecount_read(struct file *, char *ubuf, size_t count, loff_t *ppos);
long kpageflags_read(struct file *, char *ubuf, size_t count, loff_t *ppos);

// /proc/stat, loadavg, uptime (stat.cpp).
struct seq_buf;
void proc_stat_show(struct seq_buf *s);
void proc_loadavg_show(struct seq_buf *s);
void proc_uptime_show(struct seq_buf *s);
u64 boot_time_seconds(void); // kernel/time/time.cpp: the CMOS clock at boot
