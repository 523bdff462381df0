/*
 * DOC: small system calls about the process itself (Linux: kernel/sys.c,
 * kernel/uid16.c, kernel/time/time.c's times)
 *
 * Everyone is root (uid 0) in one session; the answers are what Linux gives
 * such a process.
 */
#include <asm/processor.h>
#include <asm/reboot.h>
#include <linux/errno.h>
#include <linux/jiffies.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/mm_space.h>
#include <linux/resource.h>
#include <linux/sched/task.h>
#include <linux/sched_clock.h>
#include <linux/string.h>
#include <linux/syscalls.h>
#include <linux/uaccess.h>
#include <linux/utsname.h>

long sys_getpid(void) { return current->pid; }
long sys_gettid(void) { return current->pid; }
long sys_getppid(void) { return current->real_parent ? current->real_parent->pid : 0; }
long sys_getuid(void) { return 0; }

// Process groups and sessions (Linux: kernel/sys.c). Both are named by
// their leader's pid; init and the kernel's threads are in group 0 of
// session 0, as Linux's init_struct_pid.
static struct task_struct *task_or_current(pid_t pid)
{
	if (!pid)
		return current;
	struct task_struct *p = find_task_by_pid(pid);
	return p && p->exit_state != EXIT_DEAD ? p : nullptr;
}

long sys_getpgrp(void) { return current->pgrp; }
long sys_getpgid(pid_t pid)
{
	struct task_struct *p = task_or_current(pid);
	return p ? p->pgrp : -ESRCH;
}
long sys_getsid(pid_t pid)
{
	struct task_struct *p = task_or_current(pid);
	return p ? p->session : -ESRCH;
}

// Linux: ksys_setsid. A group leader may not: its group's members would
// be left in another session.
long sys_setsid(void)
{
	struct task_struct *p;
	list_for_each_entry(p, &init_task.tasks, tasks)
		if (p->pgrp == current->pid && !p->exit_state)
			return -EPERM;
	current->session = current->pgrp = current->pid;
	current->tty = nullptr; // a new session has no terminal yet
	return current->pid;
}

// Whether a group pgid already exists in session (Linux: setpgid's
// find_task_by_vpid + PIDTYPE_PGID walk).
static bool pgrp_in_session(pid_t pgid, pid_t session)
{
	struct task_struct *p;
	list_for_each_entry(p, &init_task.tasks, tasks)
		if (p->pgrp == pgid && p->session == session && !p->exit_state)
			return true;
	return false;
}

// Linux: sys_setpgid. Only ourselves or a child not yet exec'd, within
// our session, never a session leader, and only into our own session.
long sys_setpgid(pid_t pid, pid_t pgid)
{
	if (pgid < 0)
		return -EINVAL;
	struct task_struct *p = task_or_current(pid);
	if (!p || (p != current && p->real_parent != current))
		return -ESRCH;
	if (p != current) {
		if (p->session != current->session)
			return -EPERM;
		if (!(p->flags & PF_FORKNOEXEC))
			return -EACCES;
	}
	if (p->pid == p->session)
		return -EPERM;
	if (!pgid)
		pgid = p->pid;
	if (pgid != p->pid && !pgrp_in_session(pgid, current->session))
		return -EPERM;
	p->pgrp = pgid;
	return 0;
}

static unsigned int current_umask = 022;
long sys_umask(int mask)
{
	unsigned int old = current_umask;
	current_umask = mask & 0777;
	return old;
}

long sys_set_tid_address(int __user *tidptr)
{
	current->clear_child_tid = tidptr;
	return current->pid;
}

// Linux: getrusage's accounting. Times are ticks converted to timevals.
static void ticks_to_timeval(u64 ticks, struct __kernel_old_timeval *tv)
{
	u64 us = ticks * (1000000 / HZ);
	tv->tv_sec = (long)(us / 1000000);
	tv->tv_usec = (long)(us % 1000000);
}

void fill_rusage_of(struct task_struct *p, struct rusage *r, bool with_children)
{
	memset(r, 0, sizeof(*r));
	u64 ut = p->utime + (with_children ? p->cutime : 0);
	u64 st = p->stime + (with_children ? p->cstime : 0);
	ticks_to_timeval(ut, &r->ru_utime);
	ticks_to_timeval(st, &r->ru_stime);
	r->ru_minflt = (long)(p->min_flt + (with_children ? p->cmin_flt : 0));
	r->ru_majflt = (long)(p->maj_flt + (with_children ? p->cmaj_flt : 0));
	r->ru_nvcsw = (long)(p->nvcsw + (with_children ? p->cnvcsw : 0));
	r->ru_nivcsw = (long)(p->nivcsw + (with_children ? p->cnivcsw : 0));
	if (p->mm) { // Linux: the mm's high-water mark, in KiB
		update_hiwater_rss(p->mm);
		r->ru_maxrss = (long)(p->mm->hiwater_rss * (PAGE_SIZE / 1024));
	}
}

long sys_getrusage(int who, struct rusage __user *ru)
{
	struct rusage r;
	struct task_struct *p = current;
	if (who == RUSAGE_SELF || who == RUSAGE_THREAD) {
		fill_rusage_of(p, &r, false);
	} else if (who == RUSAGE_CHILDREN) {
		memset(&r, 0, sizeof(r));
		ticks_to_timeval(p->cutime, &r.ru_utime);
		ticks_to_timeval(p->cstime, &r.ru_stime);
		r.ru_minflt = (long)p->cmin_flt;
		r.ru_majflt = (long)p->cmaj_flt;
		r.ru_nvcsw = (long)p->cnvcsw;
		r.ru_nivcsw = (long)p->cnivcsw;
	} else {
		return -EINVAL;
	}
	return copy_to_user(ru, &r, sizeof(r)) ? -EFAULT : 0;
}

struct tms {
	long tms_utime, tms_stime, tms_cutime, tms_cstime;
};

long sys_times(struct tms __user *tbuf)
{
	if (tbuf) {
		struct tms t = {(long)jiffies_to_clock_t(current->utime),
				(long)jiffies_to_clock_t(current->stime),
				(long)jiffies_to_clock_t(current->cutime),
				(long)jiffies_to_clock_t(current->cstime)};
		if (copy_to_user(tbuf, &t, sizeof(t)))
			return -EFAULT;
	}
	return (long)jiffies_to_clock_t(jiffies - INITIAL_JIFFIES) +
	       (long)INITIAL_JIFFIES / (HZ / USER_HZ);
}

// i386 getrlimit (ugetrlimit, 191): the values as they are.
long sys_getrlimit(unsigned int resource, struct rlimit __user *rlim)
{
	if (resource >= RLIM_NLIMITS)
		return -EINVAL;
	return copy_to_user(rlim, &current->rlim[resource], sizeof(struct rlimit)) ? -EFAULT : 0;
}

// The old getrlimit (76) clamps infinity to 0x7fffffff (Linux:
// sys_old_getrlimit).
long sys_old_getrlimit(unsigned int resource, struct rlimit __user *rlim)
{
	if (resource >= RLIM_NLIMITS)
		return -EINVAL;
	struct rlimit r = current->rlim[resource];
	if (r.rlim_cur > 0x7FFFFFFF)
		r.rlim_cur = 0x7FFFFFFF;
	if (r.rlim_max > 0x7FFFFFFF)
		r.rlim_max = 0x7FFFFFFF;
	return copy_to_user(rlim, &r, sizeof(r)) ? -EFAULT : 0;
}

static int do_prlimit(struct task_struct *p, unsigned int resource, const struct rlimit *new_rlim,
		      struct rlimit *old_rlim)
{
	if (resource >= RLIM_NLIMITS)
		return -EINVAL;
	if (new_rlim) {
		if (new_rlim->rlim_cur > new_rlim->rlim_max)
			return -EINVAL;
		if (resource == RLIMIT_NOFILE && new_rlim->rlim_max > 1024 * 1024)
			return -EPERM; // Linux: sysctl_nr_open
	}
	if (old_rlim)
		*old_rlim = p->rlim[resource];
	if (new_rlim)
		p->rlim[resource] = *new_rlim;
	return 0;
}

long sys_setrlimit(unsigned int resource, struct rlimit __user *rlim)
{
	struct rlimit r;
	if (copy_from_user(&r, rlim, sizeof(r)))
		return -EFAULT;
	return do_prlimit(current, resource, &r, nullptr);
}

struct rlimit64 {
	u64 rlim_cur, rlim_max;
};

static unsigned long rlim64_to_long(u64 v)
{
	return v >= 0xffffffffULL ? RLIM_INFINITY : (unsigned long)v;
}
static u64 rlim_to_64(unsigned long v) { return v == RLIM_INFINITY ? ~0ULL : v; }

long sys_prlimit64(pid_t pid, unsigned int resource, const struct rlimit64 __user *new_rlim,
		   struct rlimit64 __user *old_rlim)
{
	struct task_struct *p = pid ? find_task_by_pid(pid) : current;
	if (!p)
		return -ESRCH;
	struct rlimit64 n64;
	struct rlimit n, old;
	if (new_rlim) {
		if (copy_from_user(&n64, new_rlim, sizeof(n64)))
			return -EFAULT;
		n = {rlim64_to_long(n64.rlim_cur), rlim64_to_long(n64.rlim_max)};
	}
	int err = do_prlimit(p, resource, new_rlim ? &n : nullptr, old_rlim ? &old : nullptr);
	if (err)
		return err;
	if (old_rlim) {
		struct rlimit64 o = {rlim_to_64(old.rlim_cur), rlim_to_64(old.rlim_max)};
		if (copy_to_user(old_rlim, &o, sizeof(o)))
			return -EFAULT;
	}
	return 0;
}

struct new_utsname {
	char sysname[65], nodename[65], release[65], version[65], machine[65], domainname[65];
};

// Linux: sys_newuname. User space is told it runs on Linux 6.1, since that
// is the ABI it gets; glibc and busybox parse these fields.
long sys_newuname(struct new_utsname __user *name)
{
	struct new_utsname u;
	memset(&u, 0, sizeof(u));
	strlcpy(u.sysname, "Linux", sizeof(u.sysname));
	strlcpy(u.nodename, "(none)", sizeof(u.nodename));
	strlcpy(u.release, "6.1.0-" UTS_RELEASE, sizeof(u.release));
	strlcpy(u.version, UTS_VERSION, sizeof(u.version));
	strlcpy(u.machine, "i686", sizeof(u.machine));
	strlcpy(u.domainname, "(none)", sizeof(u.domainname));
	return copy_to_user(name, &u, sizeof(u)) ? -EFAULT : 0;
}

// Linux: do_sysinfo. busybox's free and uptime read it. The sizes go out
// in bytes (mem_unit 1) when the total fits in 32 bits, as Linux gives
// them to programs from before mem_unit. Differs: no swap.
long sys_sysinfo(struct sysinfo __user *info)
{
	struct sysinfo val;
	si_meminfo(&val);
	val.sharedram = count_mapped_pages().shmem; // free's "shared"
	u64 ns = local_clock();
	val.uptime = (long)(ns / 1000000000ULL + (ns % 1000000000ULL ? 1 : 0));
	val.procs = (unsigned short)nr_processes();
	for (int i = 0; i < 3; i++)
		val.loads[i] = avenrun[i] << (SI_LOAD_SHIFT - FSHIFT);
	unsigned int shift = 0;
	for (unsigned int u = val.mem_unit; u > 1; u >>= 1)
		shift++;
	if (((u64)(val.totalram + val.totalswap) << shift) <= 0xffffffffULL) {
		val.mem_unit = 1;
		unsigned long *f[] = {&val.totalram,  &val.freeram,  &val.sharedram, &val.bufferram,
				      &val.totalswap, &val.freeswap, &val.totalhigh, &val.freehigh};
		for (unsigned long *v : f)
			*v <<= shift;
	}
	return copy_to_user(info, &val, sizeof(val)) ? -EFAULT : 0;
}

// Linux: sys_prctl, the two options busybox and glibc use: a task's name
// (what ps and /proc/PID/comm show). Any other option is -EINVAL.
#define PR_SET_NAME 15
#define PR_GET_NAME 16
long sys_prctl(int option, unsigned long arg2, unsigned long, unsigned long, unsigned long)
{
	char comm[TASK_COMM_LEN];
	switch (option) {
	case PR_SET_NAME:
		if (strncpy_from_user(comm, (const char __user *)arg2, sizeof(comm) - 1) < 0)
			return -EFAULT;
		comm[sizeof(comm) - 1] = 0;
		strlcpy(current->comm, comm, sizeof(current->comm));
		return 0;
	case PR_GET_NAME:
		return copy_to_user((char __user *)arg2, current->comm, sizeof(current->comm))
			   ? -EFAULT
			   : 0;
	default: return -EINVAL;
	}
}

long sys_personality(unsigned int personality)
{
	return 0; // PER_LINUX; a change is accepted and not acted on, as far as we go
}

#define LINUX_REBOOT_MAGIC1 0xfee1dead
#define LINUX_REBOOT_MAGIC2 672274793
#define LINUX_REBOOT_CMD_RESTART 0x01234567
#define LINUX_REBOOT_CMD_HALT 0xCDEF0123
#define LINUX_REBOOT_CMD_POWER_OFF 0x4321FEDC
#define LINUX_REBOOT_CMD_CAD_ON 0x89ABCDEF
#define LINUX_REBOOT_CMD_CAD_OFF 0x00000000

long sys_reboot(int magic1, int magic2, unsigned int cmd, void __user *arg)
{
	if ((unsigned int)magic1 != LINUX_REBOOT_MAGIC1 ||
	    (magic2 != LINUX_REBOOT_MAGIC2 && magic2 != 85072278 && magic2 != 369367448 &&
	     magic2 != 537993216))
		return -EINVAL;
	switch (cmd) {
	case LINUX_REBOOT_CMD_CAD_ON:
	case LINUX_REBOOT_CMD_CAD_OFF: return 0;
	case LINUX_REBOOT_CMD_RESTART: machine_restart(); // prints "reboot: Restarting system"
	case LINUX_REBOOT_CMD_HALT: pr_emerg("reboot: System halted\n"); halt_forever();
	case LINUX_REBOOT_CMD_POWER_OFF: machine_power_off(); // prints "reboot: Power down"
	default: return -EINVAL;
	}
}

long sys_sync(void) { return 0; } // RAM is the only storage: always in sync
