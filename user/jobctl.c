/*
 * jobctl.c - process groups, sessions, the controlling terminal, and
 * stopping and continuing: what a shell's job control is made of.
 *
 * Run by init (pid 1, group 0, session 0, no terminal), as on Linux when
 * the kernel starts /init. Pids differ between kernels, so the lines say
 * how ids relate ("getpgrp() == getpid()") rather than print them.
 *   - setpgid: ourselves or a child that has not exec'd, in our session;
 *   - setsid: never for a group leader; a new session has no terminal;
 *   - TIOCSCTTY makes the console ours; then a background group that
 *     reads it gets SIGTTIN, one that sets its foreground gets SIGTTOU;
 *   - SIGSTOP/SIGCONT and what waitpid's WUNTRACED and WCONTINUED see;
 *   - an orphaned group ignores SIGTSTP, and one left stopped by its
 *     parent's exit gets SIGHUP and SIGCONT;
 *   - kill and waitpid on a whole group.
 *
 * Linux: kernel/sys.c (setpgid, setsid), kernel/signal.c (do_signal_stop,
 * prepare_signal), kernel/exit.c (wait_task_stopped, kill_orphaned_pgrp),
 * drivers/tty/tty_jobctrl.c.
 */
#include "ulib.h"
#include <signal.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <termios.h>

static int status;
static volatile int sighups;

static void on_sighup(int sig) { sighups += sig == SIGHUP; }

/* A child that waits to be killed; with group != 0, leads a new group. */
static pid_t sleeper(int group)
{
	pid_t pid = fork();

	if (pid == 0) {
		if (group)
			setpgid(0, 0);
		for (;;)
			pause();
	}
	if (group)
		setpgid(pid, pid); /* both sides, as a shell does: no race */
	return pid;
}

static void reap(pid_t pid)
{
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
}

static void groups(void)
{
	say("\n-- process groups: init's children start in group 0, session 0\n");
	INT_CASE(getpgrp());
	INT_CASE(getsid(0));
	INT_CASE(getpgid(1));
	INT_CASE(setpgid(0, 0));
	INT_CASE(getpgrp() == getpid());
	INT_CASE(getpgid(0) == getpid());
	INT_CASE(setpgid(0, -1));
	INT_CASE(setpgid(99999, 0));
	INT_CASE(setpgid(1, 0));
	INT_CASE(setpgid(0, 99999));
	INT_CASE(getpgid(99999));
	INT_CASE(getsid(99999));

	say("\n-- a child: movable until it execs\n");
	pid_t c = sleeper(0);
	INT_CASE(getpgid(c) == getpgrp());
	INT_CASE(setpgid(c, c));
	INT_CASE(getpgid(c) == c);
	INT_CASE(setpgid(c, getpgrp()));
	INT_CASE(getpgid(c) == getpgrp());
	reap(c);
	c = fork();
	if (c == 0) {
		execl("/bin/jobctl", "jobctl", "pause", (char *)NULL);
		_exit(127);
	}
	usleep(200000); /* time to exec */
	INT_CASE(setpgid(c, c));
	reap(c);
}

static void sessions(void)
{
	say("\n-- setsid: a group leader may not; a child may\n");
	INT_CASE(setsid());
	pid_t c = fork();

	if (c == 0) {
		INT_CASE(setsid() == getpid());
		INT_CASE(getsid(0) == getpid());
		INT_CASE(getpgrp() == getpid());
		INT_CASE(getsid(getppid()) == getsid(0));
		INT_CASE(setpgid(0, 0));
		INT_CASE(setsid());
		INT_CASE(open("/dev/tty", O_RDWR));
		INT_CASE(tcgetpgrp(0));
		_exit(0);
	}
	waitpid(c, &status, 0);
	c = sleeper(0);
	usleep(100000);
	INT_CASE(setpgid(c, c));
	reap(c);
}

static int stopped_by(pid_t pid, int options)
{
	int r = waitpid(pid, &status, options);

	if (r != pid)
		return r;
	return WIFSTOPPED(status) ? WSTOPSIG(status) : WIFCONTINUED(status) ? 1000 : -2;
}

/* In a session of our own with the console as its terminal. */
static void terminal(void)
{
	int fd, sig;

	INT_CASE(setsid() == getpid());
	INT_CASE(ioctl(0, TIOCSCTTY, 0));
	INT_CASE(tcgetpgrp(0) == getpgrp());
	INT_CASE(tcgetsid(0) == getsid(0));
	INT_CASE((fd = open("/dev/tty", O_RDWR)) >= 0);
	INT_CASE(tcsetpgrp(fd, 99999));
	INT_CASE(tcsetpgrp(fd, -1));

	pid_t c = fork();
	if (c == 0) {
		char b;
		setpgid(0, 0);
		read(fd, &b, 1); /* stops here, in the background */
		_exit(3);
	}
	setpgid(c, c);
	INT_CASE((sig = stopped_by(c, WUNTRACED)) == SIGTTIN);
	reap(c);
	c = fork();
	if (c == 0) {
		char b;
		setpgid(0, 0);
		signal(SIGTTIN, SIG_IGN);
		long r = read(fd, &b, 1);
		say("%-60s = %ld %s\n", "background read(/dev/tty), SIGTTIN ignored", r,
		    ename(errno));
		_exit(tcsetpgrp(fd, getpgrp()) ? 4 : 0);
	}
	setpgid(c, c);
	INT_CASE((sig = stopped_by(c, WUNTRACED)) == SIGTTOU);
	reap(c);
	c = fork();
	if (c == 0) {
		setpgid(0, 0);
		signal(SIGTTOU, SIG_IGN);
		_exit(tcsetpgrp(fd, getpgrp()) ? 4 : tcgetpgrp(fd) == getpgrp() ? 5 : 6);
	}
	setpgid(c, c);
	INT_CASE(waitpid(c, &status, 0) == c && WEXITSTATUS(status));
	INT_CASE(tcgetpgrp(fd) == c);
	INT_CASE(tcsetpgrp(fd, getpgrp()));
	INT_CASE(tcgetpgrp(fd) == getpgrp());
	INT_CASE(ioctl(fd, TIOCNOTTY));
	INT_CASE(tcgetpgrp(0));
	_exit(0);
}

static void stop_and_continue(void)
{
	say("\n-- SIGSTOP and SIGCONT, as waitpid reports them\n");
	pid_t c = sleeper(1); /* in our group SIGTSTP would be ignored: see orphans() */
	INT_CASE(kill(c, SIGSTOP));
	INT_CASE(stopped_by(c, WUNTRACED));
	INT_CASE(stopped_by(c, WUNTRACED | WNOHANG));
	INT_CASE(kill(c, SIGCONT));
	INT_CASE(stopped_by(c, WCONTINUED));
	INT_CASE(stopped_by(c, WCONTINUED | WNOHANG));
	INT_CASE(kill(c, SIGTSTP));
	INT_CASE(stopped_by(c, WUNTRACED));
	INT_CASE(kill(c, SIGTERM)); /* waits: a stopped task runs no default action */
	usleep(100000);
	INT_CASE(waitpid(c, &status, WNOHANG));
	INT_CASE(kill(c, SIGCONT));
	INT_CASE(waitpid(c, &status, 0) == c && WIFSIGNALED(status) && WTERMSIG(status) == SIGTERM);
	c = sleeper(1);
	kill(c, SIGSTOP);
	INT_CASE(kill(c, SIGKILL));
	INT_CASE(waitpid(c, &status, 0) == c && WTERMSIG(status) == SIGKILL);
}

/* The grandchild's lines come through a pipe, so they print in order. */
static void orphans(void)
{
	say("\n-- orphaned groups: SIGTSTP ignored; a stopped one gets SIGHUP\n");
	int p[2];
	char line[200] = "";
	pipe(p);
	pid_t c = fork();
	if (c == 0) {
		if (fork() == 0) {
			char out[200];
			setpgid(0, 0);
			signal(SIGHUP, on_sighup);
			raise(SIGSTOP); /* the parent's exit orphans us: SIGHUP, SIGCONT */
			while (getppid() != 1)
				usleep(10000);
			raise(SIGTSTP); /* orphaned: discarded */
			snprintf(out, sizeof(out), "%-60s = %d\n", "grandchild ran on, SIGHUPs",
				 sighups);
			write(p[1], out, strlen(out));
			_exit(0);
		}
		usleep(100000);
		_exit(0);
	}
	close(p[1]);
	waitpid(c, NULL, 0);
	read(p[0], line, sizeof(line) - 1);
	say("%s", line);
	close(p[0]);
}

static void group_signals(void)
{
	say("\n-- kill and waitpid on a group\n");
	pid_t a = sleeper(1), b = fork();
	if (b == 0) {
		setpgid(0, a);
		for (;;)
			pause();
	}
	setpgid(b, a);
	INT_CASE(getpgid(b) == a);
	INT_CASE(kill(-a, 0));
	INT_CASE(kill(-99999, 0));
	INT_CASE(waitpid(-99999, &status, WNOHANG));
	INT_CASE(waitpid(0, &status, WNOHANG));
	INT_CASE(waitpid(-a, &status, WNOHANG));
	INT_CASE(kill(-a, SIGTERM));
	for (int i = 0; i < 2; i++) {
		pid_t r = waitpid(-a, &status, 0);
		INT_CASE((r == a || r == b) && WTERMSIG(status) == SIGTERM);
	}
	INT_CASE(waitpid(-a, &status, 0));
	INT_CASE(kill(0, 0));
}

int main(int argc, char **argv __attribute__((unused)))
{
	if (argc > 1) { /* the exec'd child of groups() */
		for (;;)
			pause();
	}
	groups();
	sessions();
	say("\n-- the console as our terminal: background reads and tcsetpgrp\n");
	pid_t c = fork();
	if (c == 0)
		terminal();
	waitpid(c, &status, 0);
	INT_CASE(WIFEXITED(status) && !WEXITSTATUS(status));
	stop_and_continue();
	orphans();
	group_signals();
	return 0;
}
