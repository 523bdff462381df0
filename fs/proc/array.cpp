/*
 * DOC: /proc/PID/status and /proc/PID/stat (Linux: fs/proc/array.c)
 *
 * status is for people: "Name:", "State:", the Vm and Rss memory lines of
 * task_mem, the signal masks in hex, the context switches. stat is for
 * programs (ps, top): 52 space-separated fields in a fixed order, the
 * fault counts (minflt, cminflt, majflt, cmajflt) among them, times in
 * clock ticks (USER_HZ), sizes in bytes (vsize) or pages (rss).
 *
 * Differs from Linux 6.1: no namespaces, capabilities, seccomp or cpusets:
 * those lines say what a root process in one namespace on one CPU sees.
 */
#include <linux/fdtable.h>
#include <linux/jiffies.h>
#include <linux/kernel.h>
#include <linux/mm_space.h>
#include <linux/proc_fs.h>
#include <linux/sched/task.h>
#include <linux/seq_buf.h>
#include <linux/tty.h>

// Linux: task_state_array and get_task_state.
static const char *task_state(const struct task_struct *p)
{
	if (p->exit_state == EXIT_ZOMBIE)
		return "Z (zombie)";
	if (p->exit_state == EXIT_DEAD)
		return "X (dead)";
	switch (p->state) {
	case TASK_RUNNING: return "R (running)";
	case TASK_INTERRUPTIBLE: return "S (sleeping)";
	case TASK_UNINTERRUPTIBLE: return "D (disk sleep)";
	case TASK_STOPPED: return "T (stopped)";
	default: return "I (idle)";
	}
}

static ksigset_t ignored_or_caught(const struct task_struct *p, bool caught)
{
	ksigset_t set = 0;
	for (int i = 0; i < _NSIG; i++) {
		unsigned long h = p->sig.action[i].handler;
		if (caught ? h > SIG_IGN : h == SIG_IGN)
			set |= 1ULL << i;
	}
	return set;
}

size_t proc_pid_status_text(struct task_struct *p, char *buf, size_t size)
{
	struct seq_buf s;
	seq_buf_init(&s, buf, size);
	pid_t ppid = p->real_parent ? p->real_parent->pid : 0;
	seq_buf_printf(&s, "Name:\t%s\nUmask:\t0022\nState:\t%s\nTgid:\t%d\nNgid:\t0\nPid:\t%d\n",
		       p->comm, task_state(p), p->pid, p->pid);
	seq_buf_printf(&s, "PPid:\t%d\nTracerPid:\t0\nUid:\t0\t0\t0\t0\nGid:\t0\t0\t0\t0\n", ppid);
	seq_buf_printf(
	    &s, "FDSize:\t%u\nGroups:\t \nNStgid:\t%d\nNSpid:\t%d\nNSpgid:\t%d\nNSsid:\t%d\n",
	    p->files ? p->files->max_fds : 0, p->pid, p->pid, p->pgrp, p->session);
	if (p->mm)
		proc_task_mem(&s, p->mm);
	seq_buf_printf(&s, "CoreDumping:\t0\nTHP_enabled:\t0\nThreads:\t1\nSigQ:\t0/%lu\n",
		       p->rlim[RLIMIT_SIGPENDING].rlim_cur);
	seq_buf_printf(&s, "SigPnd:\t%016llx\nShdPnd:\t%016llx\nSigBlk:\t%016llx\n", p->sig.pending,
		       0ULL, p->sig.blocked);
	seq_buf_printf(&s, "SigIgn:\t%016llx\nSigCgt:\t%016llx\n", ignored_or_caught(p, false),
		       ignored_or_caught(p, true));
	seq_buf_printf(&s, "CapInh:\t0000000000000000\nCapPrm:\t000001ffffffffff\n"
			   "CapEff:\t000001ffffffffff\nCapBnd:\t000001ffffffffff\n"
			   "CapAmb:\t0000000000000000\nNoNewPrivs:\t0\nSeccomp:\t0\n"
			   "Seccomp_filters:\t0\n");
	seq_buf_printf(&s, "Cpus_allowed:\t1\nCpus_allowed_list:\t0\nMems_allowed:\t1\n"
			   "Mems_allowed_list:\t0\n");
	seq_buf_printf(&s, "voluntary_ctxt_switches:\t%lu\nnonvoluntary_ctxt_switches:\t%lu\n",
		       p->nvcsw, p->nivcsw);
	return s.len;
}

char task_state_char(const struct task_struct *p) { return task_state(p)[0]; }

// Linux: do_task_stat, the 52 fields.
size_t proc_pid_stat_text(struct task_struct *p, char *buf, size_t size)
{
	struct seq_buf s;
	seq_buf_init(&s, buf, size);
	struct mm_struct *mm = p->mm;
	pid_t ppid = p->real_parent ? p->real_parent->pid : 0;
	unsigned long vsize = mm ? mm->total_vm << PAGE_SHIFT : 0;
	unsigned long rss = mm ? get_mm_rss(mm) : 0;
	u64 start = jiffies_to_clock_t(p->start_time - INITIAL_JIFFIES);
	// the console is ttyS0 to Linux (4:64, new_encode_dev: 0x440)
	int tty_nr = p->tty ? 0x440 : 0, tpgid = p->tty ? p->tty->pgrp : -1;
	seq_buf_printf(&s, "%d (%s) %c %d %d %d %d %d %u %lu %lu %lu %lu ", p->pid, p->comm,
		       task_state_char(p), ppid, p->pgrp, p->session, tty_nr, tpgid, p->flags,
		       p->min_flt, p->cmin_flt, p->maj_flt, p->cmaj_flt);
	seq_buf_printf(&s, "%lu %lu %lu %lu 20 0 1 0 %llu %lu %lu %lu ",
		       jiffies_to_clock_t(p->utime), jiffies_to_clock_t(p->stime),
		       jiffies_to_clock_t(p->cutime), jiffies_to_clock_t(p->cstime), start, vsize,
		       rss, p->rlim[RLIMIT_RSS].rlim_cur);
	seq_buf_printf(&s, "%lu %lu %lu 0 0 ", mm ? mm->start_code : 0, mm ? mm->end_code : 0,
		       mm ? mm->start_stack : 0);
	seq_buf_printf(&s, "%llu %llu %llu %llu 0 0 0 %d 0 0 0 0 0 0 ", p->sig.pending & 0x7fffffff,
		       p->sig.blocked & 0x7fffffff, ignored_or_caught(p, false) & 0x7fffffff,
		       ignored_or_caught(p, true) & 0x7fffffff, p->exit_signal);
	seq_buf_printf(&s, "%lu %lu %lu %lu %lu %lu %lu %d\n", mm ? mm->start_data : 0,
		       mm ? mm->end_data : 0, mm ? mm->start_brk : 0, mm ? mm->arg_start : 0,
		       mm ? mm->arg_end : 0, mm ? mm->env_start : 0, mm ? mm->env_end : 0,
		       p->exit_state ? p->exit_code : 0);
	return s.len;
}
