/*
 * DOC: the console as a controlling terminal (Linux:
 * drivers/tty/tty_jobctrl.c)
 *
 * A session leader takes the console as its controlling terminal with
 * TIOCSCTTY (the kernel shell's `run` does it for its child, as getty
 * does). From then on the console has a foreground process group: the
 * one Ctrl-C, Ctrl-\ and Ctrl-Z signal, and the one that may read.
 * Another group of the session that reads gets SIGTTIN, one that changes
 * the terminal (TCSETS, TIOCSPGRP) SIGTTOU, and both stop by default:
 * that is how a shell's background job waits for `fg`. When the session
 * leader exits, the foreground group gets SIGHUP and the console belongs
 * to nobody again.
 *
 * As on Linux, opening /dev/console never makes it a controlling terminal
 * (a shell started as init says "can't access tty; job control turned
 * off"; `setsid -c sh` gives it one), and reads through /dev/console skip
 * the background check, which reads through /dev/tty get.
 *
 * Differs from Linux: one terminal; no hangup of open files (reads after
 * the leader's exit still work).
 */
#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/kernel.h>
#include <linux/sched/task.h>
#include <linux/signal.h>
#include <linux/tty.h>
#include <linux/uaccess.h>

struct tty_struct console_tty;

#define TIOCSCTTY 0x540E
#define TIOCGPGRP 0x540F
#define TIOCSPGRP 0x5410
#define TIOCNOTTY 0x5422
#define TIOCGSID 0x5429

static bool is_session_leader(const struct task_struct *p) { return p->pid == p->session; }

// Linux: __tty_check_change. 0 when current may go on: the console is not
// its controlling terminal, or it is in the foreground group.
int tty_check_change(struct tty_struct *tty, int sig)
{
	if (current->tty != tty || !tty->pgrp || current->pgrp == tty->pgrp)
		return 0;
	if (is_ignored(sig))
		return sig == SIGTTIN ? -EIO : 0;
	if (is_current_pgrp_orphaned())
		return -EIO;
	kill_pgrp(current->pgrp, sig, nullptr);
	return -ERESTARTSYS; // restarted once SIGCONT lets us run again
}

// current, a session leader without a terminal, takes tty (Linux:
// __proc_set_tty); its group is the foreground.
void proc_set_tty(struct tty_struct *tty)
{
	tty->session = current->session;
	tty->pgrp = current->pgrp;
	current->tty = tty;
}

// Every task of the session forgets its terminal (Linux: session_clear_tty).
static void session_clear_tty(pid_t session)
{
	struct task_struct *p;
	list_for_each_entry(p, &init_task.tasks, tasks)
		if (p->session == session)
			p->tty = nullptr;
}

// The kernel shell's `run` and `fg`, playing getty and a job-control
// shell at once: session becomes the console's (taken from any other, as
// TIOCSCTTY's steal), pgrp its foreground.
void tty_give_to(pid_t session, pid_t pgrp)
{
	struct tty_struct *tty = &console_tty;
	if (tty->session && tty->session != session)
		session_clear_tty(tty->session);
	tty->session = session;
	tty->pgrp = pgrp;
	struct task_struct *p;
	list_for_each_entry(p, &init_task.tasks, tasks)
		if (p->session == session)
			p->tty = tty;
}

// Linux: disassociate_ctty, from do_exit (on_exit) and TIOCNOTTY. The
// foreground group hears of it: SIGHUP, and SIGCONT should it be stopped.
void disassociate_ctty(int on_exit)
{
	struct tty_struct *tty = current->tty;
	if (!tty || tty->session != current->session)
		return;
	if (tty->pgrp) {
		kill_pgrp(tty->pgrp, SIGHUP, nullptr);
		if (!on_exit)
			kill_pgrp(tty->pgrp, SIGCONT, nullptr);
	}
	tty->session = tty->pgrp = 0;
	session_clear_tty(current->session);
}

// Linux: tiocsctty. arg 1 would steal a terminal another session holds:
// every task is root here, so it may, as CAP_SYS_ADMIN may on Linux.
static long tiocsctty(struct tty_struct *tty, struct file *file, unsigned long arg)
{
	if (is_session_leader(current) && current->session == tty->session)
		return 0; // ours already
	if (!is_session_leader(current) || current->tty)
		return -EPERM;
	if (tty->session) {
		if (arg != 1)
			return -EPERM;
		session_clear_tty(tty->session);
	}
	if (!(file->f_mode & FMODE_READ))
		return -EPERM;
	proc_set_tty(tty);
	return 0;
}

// The members of pgrp share one session: that session, or 0 if pgrp has
// no member.
static pid_t session_of_pgrp(pid_t pgrp)
{
	struct task_struct *p;
	list_for_each_entry(p, &init_task.tasks, tasks)
		if (p->pgrp == pgrp && !p->exit_state)
			return p->session;
	return 0;
}

// Linux: tiocspgrp, tcsetpgrp(3).
static long tiocspgrp(struct tty_struct *tty, pid_t __user *p)
{
	int err = tty_check_change(tty, SIGTTOU);
	if (err)
		return err == -EIO ? -ENOTTY : err;
	if (current->tty != tty || current->session != tty->session)
		return -ENOTTY;
	pid_t pgrp;
	if (get_user(pgrp, p))
		return -EFAULT;
	if (pgrp < 0)
		return -EINVAL;
	pid_t session = session_of_pgrp(pgrp);
	if (!session)
		return -ESRCH;
	if (session != current->session)
		return -EPERM;
	tty->pgrp = pgrp;
	return 0;
}

long tty_jobctrl_ioctl(struct tty_struct *tty, struct file *file, unsigned int cmd,
		       unsigned long arg)
{
	pid_t __user *p = (pid_t __user *)arg;
	switch (cmd) {
	case TIOCSCTTY: return tiocsctty(tty, file, arg);
	case TIOCGPGRP: // tcgetpgrp(3): only of our own terminal
		if (current->tty != tty)
			return -ENOTTY;
		return put_user(tty->pgrp, p);
	case TIOCSPGRP: return tiocspgrp(tty, p);
	case TIOCGSID:
		if (current->tty != tty || !tty->session)
			return -ENOTTY;
		return put_user(tty->session, p);
	case TIOCNOTTY:
		if (current->tty != tty)
			return -ENOTTY;
		if (is_session_leader(current))
			disassociate_ctty(0);
		current->tty = nullptr;
		return 0;
	default: return -ENOIOCTLCMD;
	}
}
