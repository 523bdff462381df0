/*
 * DOC: ending tasks (Linux: kernel/exit.c)
 *
 * A task that exits gives back everything it holds (its address space,
 * its files), hands its children to init, becomes a zombie (only its
 * task_struct and exit code are left), sends its parent SIGCHLD and wakes
 * it, and switches away for good; its kernel stack is freed by the next
 * task once off it (finish_task_switch). wait4() in the parent reads the
 * exit code and frees the zombie.
 *
 * Job control: wait4 with WUNTRACED also reports a child that stopped,
 * with WCONTINUED one that was continued; neither is freed. A process
 * group that an exit leaves orphaned, with a stopped member, gets SIGHUP
 * and SIGCONT, so it does not stay stopped forever.
 *
 * Differs from Linux 6.1: no threads (exit_group is exit), no ptrace.
 */
#include <asm/irqflags.h>
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/mm_space.h>
#include <linux/resource.h>
#include <linux/sched/task.h>
#include <linux/syscalls.h>
#include <linux/tty.h>
#include <linux/uaccess.h>

struct task_struct *child_reaper; // pid 1, who adopts orphans

void free_task_struct(struct task_struct *p);

static bool has_stopped_jobs(pid_t pgrp)
{
	struct task_struct *p;
	list_for_each_entry(p, &init_task.tasks, tasks)
		if (p->pgrp == pgrp && p->state == TASK_STOPPED)
			return true;
	return false;
}

// Linux: kill_orphaned_pgrp. tsk's exit (parent NULL), or the exit of
// parent, tsk's parent, may have cut tsk's group's last link to a shell
// of its session that could continue it.
static void kill_orphaned_pgrp(struct task_struct *tsk, struct task_struct *parent)
{
	const struct task_struct *ignored = parent ? nullptr : tsk;
	if (!parent)
		parent = tsk->real_parent;
	if (parent->pgrp != tsk->pgrp && parent->session == tsk->session &&
	    will_become_orphaned_pgrp(tsk->pgrp, ignored) && has_stopped_jobs(tsk->pgrp)) {
		kill_pgrp(tsk->pgrp, SIGHUP, nullptr);
		kill_pgrp(tsk->pgrp, SIGCONT, nullptr);
	}
}

// Children of the dying task go to init (Linux: forget_original_parent).
// A zombie among them is init's to reap now: wake it.
static void forget_original_parent(struct task_struct *father)
{
	struct task_struct *reaper =
	    child_reaper && child_reaper != father ? child_reaper : &init_task;
	while (!list_empty(&father->children)) {
		struct task_struct *p =
		    list_first_entry(&father->children, struct task_struct, sibling);
		list_del(&p->sibling);
		p->real_parent = reaper;
		list_add_tail(&p->sibling, &reaper->children);
		if (p->exit_state == EXIT_ZOMBIE)
			wake_up(&reaper->wait_chldexit);
		else
			kill_orphaned_pgrp(p, father);
	}
}

// SIGCHLD to the parent with the child's status (Linux: do_notify_parent).
static void do_notify_parent(struct task_struct *tsk)
{
	struct task_struct *parent = tsk->real_parent;
	if (tsk->exit_signal > 0) {
		struct kernel_siginfo info = {};
		info.si_signo = tsk->exit_signal;
		info.pid = tsk->pid;
		int code = tsk->exit_code;
		info.si_code =
		    (code & 0x7f) ? ((code & 0x80) ? CLD_DUMPED : CLD_KILLED) : CLD_EXITED;
		info.status = (code & 0x7f) ? (code & 0x7f) : (code >> 8);
		info.utime = (long)jiffies_to_clock_t(tsk->utime);
		info.stime = (long)jiffies_to_clock_t(tsk->stime);
		send_sig_info(tsk->exit_signal, &info, parent);
	}
	wake_up(&parent->wait_chldexit);
}

static void exit_mm(struct task_struct *tsk)
{
	struct mm_struct *mm = tsk->mm;
	if (!mm)
		return;
	tsk->mm = tsk->active_mm = nullptr;
	exit_mmap(mm); // switches to swapper_pg_dir first if mm is loaded
}

// Linux: do_exit. code is the wait status: exit(n) gives n << 8, death by
// a signal the signal number (| 0x80 for a core dump).
void do_exit(long code)
{
	struct task_struct *tsk = current;
	if (tsk == child_reaper)
		panic("Attempted to kill init! exitcode=0x%08lx", code);
	if (tsk == &init_task)
		panic("Attempted to kill the idle task!");
	tsk->flags |= PF_EXITING;
	if (tsk->clear_child_tid) { // Linux: mm_release, for pthread_join and futexes
		put_user(0, tsk->clear_child_tid);
		tsk->clear_child_tid = nullptr;
	}
	vfork_done(tsk);
	if (tsk->pid == tsk->session)
		disassociate_ctty(1);
	exit_mm(tsk);
	exit_files(tsk);
	local_irq_disable();
	tsk->exit_code = (int)code;
	forget_original_parent(tsk);
	kill_orphaned_pgrp(tsk, nullptr);
	tsk->exit_state = EXIT_ZOMBIE;
	do_notify_parent(tsk);
	tsk->state = TASK_DEAD;
	schedule();
	panic("a dead task ran again");
}

void do_group_exit(int exit_code) { do_exit(exit_code); }

// A kernel thread's function returned (Linux: ret_from_fork's kernel
// thread leg). Returning 0 after a successful exec (pid 1 running /init)
// means "go to user mode"; anything else ends the thread.
extern "C" void kthread_return(long result)
{
	if (result == 0 && current->mm && !(current->flags & PF_KTHREAD))
		return;
	do_exit((result & 0xff) << 8);
}

// Frees a reaped zombie (Linux: release_task).
void release_task(struct task_struct *p)
{
	list_del(&p->sibling);
	list_del(&p->tasks);
	free_task_stack(p); // normally gone already, in finish_task_switch
	free_task_struct(p);
}

// Linux: eligible_pid. pid -1 any child, 0 one in our group, < -1 one in
// group -pid.
static bool eligible_child(pid_t pid, struct task_struct *p)
{
	if (pid == -1)
		return true;
	if (pid == 0)
		return p->pgrp == current->pgrp;
	return pid < 0 ? p->pgrp == -pid : p->pid == pid;
}

// The status wait4 reports for p now, if any: its exit (a zombie), or
// with WUNTRACED a stop, with WCONTINUED a continue (Linux:
// wait_task_zombie, wait_task_stopped, wait_task_continued).
static bool wait_status(struct task_struct *p, int options, int *status, bool peek)
{
	if (p->exit_state == EXIT_ZOMBIE && (options & WEXITED)) {
		*status = p->exit_code;
		return true;
	}
	int js = p->jobctl_status;
	bool stopped = js && js != 0xffff && p->state == TASK_STOPPED;
	if ((stopped && (options & WUNTRACED)) || (js == 0xffff && (options & WCONTINUED))) {
		*status = js;
		if (!peek)
			p->jobctl_status = 0; // reported once, as Linux clears exit_code
		return true;
	}
	return false;
}

// One pass over the children: the pid of one with a status for us (it in
// *found, the status in *status), 0 if some child matches but has none
// yet, -ECHILD if none matches at all (Linux: do_wait's wait_consider_task).
// peek: only look, consume no stop or continue.
static long wait_pass(pid_t pid, int options, int *status, struct task_struct **found,
		      bool peek = false)
{
	bool any = false;
	struct task_struct *p;
	list_for_each_entry(p, &current->children, sibling) {
		if (!eligible_child(pid, p))
			continue;
		any = true;
		if (wait_status(p, options, status, peek)) {
			*found = p;
			return p->pid;
		}
	}
	return any ? 0 : -ECHILD;
}

// Linux: do_wait. Blocks (unless WNOHANG) until a child matching pid has
// a status that options ask for; *who is that child. WNOWAIT only looks.
static long do_wait(pid_t pid, int *status, int options, struct task_struct **who)
{
	bool peek = options & WNOWAIT;
	for (;;) {
		struct task_struct *p = nullptr;
		long ret = wait_pass(pid, options, status, &p, peek);
		if (ret > 0) {
			*who = p;
			return ret;
		}
		if (ret < 0 || (options & WNOHANG))
			return ret;
		int err = wait_event_interruptible(current->wait_chldexit,
						   wait_pass(pid, options, status, &p, true) != 0);
		if (err)
			return err;
	}
}

// Linux: kernel_wait4. *who is the child found: a zombie to free, or one
// that only stopped or continued.
static long kernel_wait4(pid_t pid, int *status, int options, struct task_struct **who)
{
	if (options & ~(WNOHANG | WUNTRACED | WCONTINUED | __WNOTHREAD | __WALL | __WCLONE))
		return -EINVAL;
	if (pid == (pid_t)0x80000000)
		return -ESRCH; // Linux: -INT_MIN would overflow
	return do_wait(pid, status, options | WEXITED, who);
}

// The child's share goes to the parent's children totals (Linux:
// wait_task_zombie's accounting into signal->cmin_flt...).
static void account_reaped(struct task_struct *p)
{
	current->cutime += p->utime + p->cutime;
	current->cstime += p->stime + p->cstime;
	current->cmin_flt += p->min_flt + p->cmin_flt;
	current->cmaj_flt += p->maj_flt + p->cmaj_flt;
	current->cnvcsw += p->nvcsw + p->cnvcsw;
	current->cnivcsw += p->nivcsw + p->cnivcsw;
}

long sys_wait4(pid_t upid, int __user *stat_addr, int options, struct rusage __user *ru)
{
	struct task_struct *p = nullptr;
	int status = 0;
	long ret = kernel_wait4(upid, &status, options, &p);
	if (ret <= 0)
		return ret;
	// reaped even if the status cannot be stored, as Linux
	long err = stat_addr && put_user(status, stat_addr) ? -EFAULT : 0;
	struct rusage r;
	fill_rusage_of(p, &r, true);
	if (p->exit_state == EXIT_ZOMBIE) {
		account_reaped(p);
		release_task(p);
	}
	if (!err && ru && copy_to_user(ru, &r, sizeof(r)))
		err = -EFAULT;
	return err ? err : ret;
}

// wait4 for callers in the kernel (the shell as init): the status is
// returned in *status, a reaped child's usage joins ours and it is freed.
long kernel_reap(pid_t pid, int options, int *status)
{
	struct task_struct *p = nullptr;
	long ret = kernel_wait4(pid, status, options, &p);
	if (ret > 0 && p->exit_state == EXIT_ZOMBIE) {
		account_reaped(p);
		release_task(p);
	}
	return ret;
}

// What waitid(2) stores of siginfo_t: the SIGCHLD fields (Linux writes
// only these too).
struct waitid_info {
	int si_signo, si_errno, si_code, si_pid, si_uid, si_status;
};

// The siginfo of a wait status: exited, killed, dumped, stopped, continued.
static void waitid_fill(struct waitid_info *w, pid_t pid, int status)
{
	*w = {SIGCHLD, 0, CLD_EXITED, pid, 0, (status >> 8) & 0xff};
	if (status == 0xffff) {
		w->si_code = CLD_CONTINUED;
		w->si_status = SIGCONT;
	} else if ((status & 0xff) == 0x7f) {
		w->si_code = CLD_STOPPED;
	} else if (status & 0x7f) {
		w->si_code = status & 0x80 ? CLD_DUMPED : CLD_KILLED;
		w->si_status = status & 0x7f;
	}
}

// Linux: kernel_waitid. P_ALL, P_PID or P_PGID (0: our own group); at
// least one of WEXITED, WSTOPPED, WCONTINUED; WNOWAIT leaves the child as
// it was, to be waited for again. With WNOHANG and nothing to report the
// record is zeroed, as in Linux.
long sys_waitid(int which, pid_t upid, void __user *infop, int options, struct rusage __user *ru)
{
	if (options & ~(WNOHANG | WNOWAIT | WEXITED | WSTOPPED | WCONTINUED | __WNOTHREAD | __WALL |
			__WCLONE) ||
	    !(options & (WEXITED | WSTOPPED | WCONTINUED)))
		return -EINVAL;
	pid_t pid;
	switch (which) {
	case P_ALL: pid = -1; break;
	case P_PID: pid = upid; break;
	case P_PGID: pid = upid ? -upid : 0; break;
	default: return -EINVAL;
	}
	if ((which == P_PID && upid <= 0) || (which == P_PGID && upid < 0))
		return -EINVAL;
	struct task_struct *p = nullptr;
	int status = 0;
	long ret = do_wait(pid, &status, options, &p);
	if (ret < 0)
		return ret;
	struct waitid_info w = {};
	if (ret > 0)
		waitid_fill(&w, p->pid, status);
	struct rusage r = {};
	if (ret > 0)
		fill_rusage_of(p, &r, true);
	if (ret > 0 && p->exit_state == EXIT_ZOMBIE && !(options & WNOWAIT)) {
		account_reaped(p);
		release_task(p);
	}
	if ((infop && copy_to_user(infop, &w, sizeof(w))) ||
	    (ru && copy_to_user(ru, &r, sizeof(r))))
		return -EFAULT;
	return 0;
}

long sys_waitpid(pid_t pid, int __user *stat_addr, int options)
{
	return sys_wait4(pid, stat_addr, options, nullptr);
}

long sys_exit(int error_code) { do_exit((error_code & 0xff) << 8); }
long sys_exit_group(int error_code) { do_group_exit((error_code & 0xff) << 8); }
