/*
 * DOC: signals (Linux: kernel/signal.c)
 *
 * Sending sets a bit in the target's pending set (and, for a signal that
 * must not wait, wakes it). Nothing else happens until the target is about
 * to return to user mode: get_signal() picks the lowest pending signal not
 * blocked and either returns it for the arch code to build a handler
 * frame, or does its default action here: ignore, or terminate (the
 * SIGSEGV family would dump core; no core file is written).
 *
 * Job control: a stop signal's default action stops the task
 * (TASK_STOPPED) and tells the parent (SIGCHLD, CLD_STOPPED, and wait4's
 * WUNTRACED); SIGCONT, or SIGKILL, wakes it. kill() with pid 0 or -pgrp
 * signals a process group. SIGTSTP, SIGTTIN and SIGTTOU are discarded in
 * an orphaned group, as nobody would continue it (POSIX, and Linux).
 *
 * Differs from Linux 6.1: real-time signals do not queue (one pending
 * instance each, like the standard ones); no threads, so the group stop
 * is one task's stop.
 */
#include <asm/irqflags.h>
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/sched/task.h>
#include <linux/signal.h>
#include <linux/string.h>
#include <linux/syscalls.h>
#include <linux/uaccess.h>

#define SIG_KERNEL_IGNORE_MASK                                                                     \
	(sigmask(SIGCONT) | sigmask(SIGCHLD) | sigmask(SIGWINCH) | sigmask(SIGURG))
#define SIG_KERNEL_STOP_MASK                                                                       \
	(sigmask(SIGSTOP) | sigmask(SIGTSTP) | sigmask(SIGTTIN) | sigmask(SIGTTOU))

static bool valid_signal(int sig) { return sig > 0 && sig <= _NSIG; }

void copy_signal_state(struct task_struct *p, struct task_struct *parent)
{
	p->sig = parent->sig;
	p->sig.pending = 0; // a child starts with nothing pending (Linux: init_sigpending)
}

void flush_signal_handlers(struct task_struct *t)
{
	for (int i = 0; i < _NSIG; i++) {
		struct k_sigaction *ka = &t->sig.action[i];
		if (ka->handler != SIG_IGN)
			ka->handler = SIG_DFL;
		ka->flags = 0;
		ka->restorer = 0;
		ka->mask = 0;
	}
	t->sig.altstack_sp = t->sig.altstack_size = 0;
}

bool signal_pending(struct task_struct *p) { return p->sig.pending & ~p->sig.blocked; }

static bool sig_ignored(struct task_struct *p, int sig)
{
	if (sigmask(sig) & p->sig.blocked)
		return false; // blocked signals wait: the handler may change before unblocking
	unsigned long h = p->sig.action[sig - 1].handler;
	return h == SIG_IGN || (h == SIG_DFL && (sigmask(sig) & SIG_KERNEL_IGNORE_MASK));
}

// The parent hears of a stop or continue (Linux: do_notify_parent_cldstop):
// SIGCHLD unless its handler said SA_NOCLDSTOP, and its wait4 wakes.
static void notify_parent_cldstop(struct task_struct *p, int why, int sig)
{
	struct task_struct *parent = p->real_parent;
	if (!parent)
		return;
	if (!(parent->sig.action[SIGCHLD - 1].flags & SA_NOCLDSTOP)) {
		struct kernel_siginfo info = {};
		info.si_signo = SIGCHLD;
		info.si_code = why;
		info.pid = p->pid;
		info.status = sig;
		send_sig_info(SIGCHLD, &info, parent);
	}
	wake_up(&parent->wait_chldexit);
}

// What sending does before queueing (Linux: prepare_signal): a stop
// signal cancels a pending SIGCONT; SIGCONT cancels pending stops and
// wakes a stopped task, even when SIGCONT itself is ignored.
static void prepare_signal(int sig, struct task_struct *p)
{
	if (sigmask(sig) & SIG_KERNEL_STOP_MASK) {
		p->sig.pending &= ~sigmask(SIGCONT);
	} else if (sig == SIGCONT) {
		p->sig.pending &= ~SIG_KERNEL_STOP_MASK;
		if (p->state == TASK_STOPPED) {
			p->jobctl_status = 0xffff; // WCONTINUED's status
			p->state = TASK_INTERRUPTIBLE;
			wake_up_process(p);
			notify_parent_cldstop(p, CLD_CONTINUED, SIGCONT);
		}
	}
}

int send_sig_info(int sig, const struct kernel_siginfo *info, struct task_struct *p)
{
	if (!valid_signal(sig))
		return -EINVAL;
	if (p->exit_state || (p->flags & PF_KTHREAD && sig != SIGKILL))
		return 0; // zombies and kernel threads take no signals (Linux: kthreads ignore
			  // them)
	unsigned long flags = local_irq_save();
	prepare_signal(sig, p);
	if (!sig_ignored(p, sig)) {
		struct kernel_siginfo *slot = &p->sig.info[sig - 1];
		if (info) {
			*slot = *info;
		} else {
			*slot = {};
			slot->si_code = SI_KERNEL;
		}
		slot->si_signo = sig;
		p->sig.pending |= sigmask(sig);
		if (sig == SIGKILL && p->state == TASK_STOPPED)
			p->state = TASK_INTERRUPTIBLE; // SIGKILL ends a stop too
		if (sig == SIGKILL || !(p->sig.blocked & sigmask(sig)))
			wake_up_process(p); // an interruptible sleep ends with -ERESTARTSYS
	}
	local_irq_restore(flags);
	return 0;
}

int send_sig(int sig, struct task_struct *p) { return send_sig_info(sig, nullptr, p); }

void force_sig_fault(int sig, int code, unsigned long addr)
{
	struct task_struct *t = current;
	struct k_sigaction *ka = &t->sig.action[sig - 1];
	bool blocked = t->sig.blocked & sigmask(sig);
	if (blocked || ka->handler == SIG_IGN) { // Linux: force_sig_info_to_task
		ka->handler = SIG_DFL;
		t->sig.blocked &= ~sigmask(sig);
	}
	struct kernel_siginfo info = {};
	info.si_code = code;
	info.addr = addr;
	send_sig_info(sig, &info, t);
}

// A stop signal's default action (Linux: do_signal_stop): stopped until
// SIGCONT or SIGKILL wakes us, the parent told at once.
static void do_signal_stop(int sig)
{
	struct task_struct *t = current;
	local_irq_disable();
	t->jobctl_status = (sig << 8) | 0x7f;
	t->state = TASK_STOPPED;
	notify_parent_cldstop(t, CLD_STOPPED, sig);
	local_irq_enable();
	schedule();
}

// The next signal to act on; 0 if none is left. Default actions that
// terminate do not return (Linux: get_signal).
int get_signal(struct kernel_siginfo *info, struct k_sigaction *ka)
{
	struct task_struct *t = current;
	for (;;) {
		ksigset_t ready = t->sig.pending & ~t->sig.blocked;
		if (!ready)
			return 0;
		int sig = __builtin_ctzll(ready) + 1;
		t->sig.pending &= ~sigmask(sig);
		*info = t->sig.info[sig - 1];
		*ka = t->sig.action[sig - 1];
		if (ka->handler == SIG_IGN)
			continue;
		if (ka->handler != SIG_DFL) {
			if (ka->flags & SA_RESETHAND)
				t->sig.action[sig - 1].handler = SIG_DFL;
			return sig;
		}
		if (sigmask(sig) & SIG_KERNEL_IGNORE_MASK)
			continue;
		if (sigmask(sig) & SIG_KERNEL_STOP_MASK) {
			if (sig == SIGSTOP || !is_current_pgrp_orphaned())
				do_signal_stop(sig);
			continue;
		}
		// The "core" signals end the task like the others: no core file is
		// written, so the status has no 0x80 bit, as on Linux with init's
		// RLIMIT_CORE of 0 (do_coredump gives up, coredump_finish not dumped).
		do_group_exit(sig);
	}
}

int kill_pgrp(pid_t pgrp, int sig, const struct kernel_siginfo *info)
{
	struct task_struct *p;
	int ret = -ESRCH;
	if (pgrp <= 0)
		return ret;
	list_for_each_entry(p, &init_task.tasks, tasks) {
		if (p->pgrp != pgrp || p->exit_state || (p->flags & PF_KTHREAD))
			continue;
		ret = sig ? send_sig_info(sig, info, p) : 0;
	}
	return ret;
}

bool will_become_orphaned_pgrp(pid_t pgrp, const struct task_struct *ignored)
{
	struct task_struct *p;
	list_for_each_entry(p, &init_task.tasks, tasks) {
		if (p->pgrp != pgrp || p == ignored || p->exit_state)
			continue;
		struct task_struct *parent = p->real_parent;
		if (parent && parent->pid > 1 && parent->pgrp != pgrp &&
		    parent->session == p->session)
			return false;
	}
	return true;
}

bool is_current_pgrp_orphaned(void) { return will_become_orphaned_pgrp(current->pgrp, nullptr); }

bool is_ignored(int sig)
{
	return (current->sig.blocked & sigmask(sig)) ||
	       current->sig.action[sig - 1].handler == SIG_IGN;
}

// Linux: kill_something_info. pid > 0 one process, 0 our process group,
// -1 every process but init and us, < -1 the group -pid.
long sys_kill(pid_t pid, int sig)
{
	struct kernel_siginfo info = {};
	info.si_code = SI_USER;
	info.pid = current->pid;
	if (sig < 0 || sig > _NSIG)
		return -EINVAL;
	if (pid == 0 || (pid < -1 && pid != (pid_t)0x80000000))
		return kill_pgrp(pid ? -pid : current->pgrp, sig, &info);
	if (pid < 0) {
		if (pid != -1)
			return -ESRCH; // INT_MIN: -pid would overflow
		struct task_struct *p;
		int count = 0;
		list_for_each_entry(p, &init_task.tasks, tasks) {
			if (p->pid <= 1 || (p->flags & PF_KTHREAD) || p == current)
				continue;
			count++;
			if (sig)
				send_sig_info(sig, &info, p);
		}
		return count ? 0 : -ESRCH;
	}
	struct task_struct *p = find_task_by_pid(pid);
	if (!p || p->exit_state == EXIT_DEAD)
		return -ESRCH;
	return sig ? send_sig_info(sig, &info, p) : 0;
}

long sys_tkill(pid_t pid, int sig) { return pid <= 0 ? -EINVAL : sys_kill(pid, sig); }
long sys_tgkill(pid_t tgid, pid_t pid, int sig)
{
	return pid <= 0 || tgid <= 0 ? -EINVAL : sys_kill(pid, sig);
}

// struct sigaction as i386 rt_sigaction passes it.
struct user_sigaction {
	unsigned long sa_handler, sa_flags, sa_restorer;
	ksigset_t sa_mask;
};

long sys_rt_sigaction(int sig, const void __user *act, void __user *oact, size_t sigsetsize)
{
	if (sigsetsize != sizeof(ksigset_t))
		return -EINVAL;
	if (!valid_signal(sig) || (act && (sigmask(sig) & SIG_KERNEL_ONLY_MASK)))
		return -EINVAL;
	struct k_sigaction *k = &current->sig.action[sig - 1];
	struct user_sigaction n, o = {k->handler, k->flags, k->restorer, k->mask};
	if (act && copy_from_user(&n, act, sizeof(n)))
		return -EFAULT;
	if (act) {
		*k = {n.sa_handler, n.sa_flags, n.sa_restorer, n.sa_mask & ~SIG_KERNEL_ONLY_MASK};
		if (sig_ignored(current, sig)) // Linux: a pending ignored signal is dropped
			current->sig.pending &= ~sigmask(sig);
	}
	if (oact && copy_to_user(oact, &o, sizeof(o)))
		return -EFAULT;
	return 0;
}

long sys_rt_sigprocmask(int how, const ksigset_t __user *nset, ksigset_t __user *oset,
			size_t sigsetsize)
{
	if (sigsetsize != sizeof(ksigset_t))
		return -EINVAL;
	ksigset_t old = current->sig.blocked, n;
	if (nset) {
		if (copy_from_user(&n, nset, sizeof(n)))
			return -EFAULT;
		n &= ~SIG_KERNEL_ONLY_MASK;
		switch (how) {
		case SIG_BLOCK: current->sig.blocked |= n; break;
		case SIG_UNBLOCK: current->sig.blocked &= ~n; break;
		case SIG_SETMASK: current->sig.blocked = n; break;
		default: return -EINVAL;
		}
	}
	if (oset && copy_to_user(oset, &old, sizeof(old)))
		return -EFAULT;
	return 0;
}

long sys_rt_sigpending(ksigset_t __user *uset, size_t sigsetsize)
{
	if (sigsetsize > sizeof(ksigset_t))
		return -EINVAL;
	ksigset_t p = current->sig.pending & current->sig.blocked;
	return copy_to_user(uset, &p, sigsetsize) ? -EFAULT : 0;
}

// Sleeps until a signal is delivered (Linux: sys_pause). Only a handler
// ends it for the program: -ERESTARTNOHAND becomes -EINTR after it runs.
long sys_pause(void)
{
	while (!signal_pending(current)) {
		current->state = TASK_INTERRUPTIBLE;
		schedule();
	}
	return -ERESTARTNOHAND;
}

long sys_rt_sigsuspend(const ksigset_t __user *unewset, size_t sigsetsize)
{
	ksigset_t n;
	if (sigsetsize != sizeof(ksigset_t))
		return -EINVAL;
	if (copy_from_user(&n, unewset, sizeof(n)))
		return -EFAULT;
	current->sig.saved_sigmask = current->sig.blocked;
	current->sig.restore_sigmask = true;
	current->sig.blocked = n & ~SIG_KERNEL_ONLY_MASK;
	while (!signal_pending(current)) {
		current->state = TASK_INTERRUPTIBLE;
		schedule();
	}
	return -ERESTARTNOHAND;
}

struct user_stack_t {
	unsigned long ss_sp;
	int ss_flags;
	unsigned long ss_size;
};
#define SS_ONSTACK 1
#define SS_DISABLE 2
#define MINSIGSTKSZ 2048

long sys_sigaltstack(const void __user *uss, void __user *uoss)
{
	struct signal_state *s = &current->sig;
	struct user_stack_t old = {s->altstack_sp, s->altstack_size ? 0 : SS_DISABLE,
				   s->altstack_size};
	if (uss) {
		struct user_stack_t n;
		if (copy_from_user(&n, uss, sizeof(n)))
			return -EFAULT;
		if (n.ss_flags & ~SS_DISABLE)
			return -EINVAL;
		if (n.ss_flags & SS_DISABLE) {
			s->altstack_sp = s->altstack_size = 0;
		} else {
			if (n.ss_size < MINSIGSTKSZ)
				return -ENOMEM;
			s->altstack_sp = n.ss_sp;
			s->altstack_size = n.ss_size;
		}
	}
	if (uoss && copy_to_user(uoss, &old, sizeof(old)))
		return -EFAULT;
	return 0;
}
