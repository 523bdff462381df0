/*
 * spin.c - a program for the shell's job control, not for /init's list.
 *
 *   spin          computes forever without a system call: only a signal
 *                 delivered on the way back from an interrupt stops it
 *                 (Ctrl-C at the shell, or `kill`)
 *   spin read     reads one line from the console and says what came
 *   spin orphan   forks a child and exits at once; the child, reparented
 *                 to pid 1, says who its parent is now and exits. It
 *                 ignores SIGHUP, as under nohup: the parent leads the
 *                 session the kernel shell gave it, and a session
 *                 leader's exit hangs up its foreground group, child too
 *   spin stop     stops itself (SIGSTOP) and, once continued (SIGCONT: the
 *                 shell's fg), says so and exits. Ctrl-Z cannot stop a
 *                 program the kernel shell runs: its parent is init, so
 *                 its group is orphaned and SIGTSTP is discarded, as on
 *                 Linux; SIGSTOP cannot be.
 */
#include "ulib.h"
#include <signal.h>
#include <time.h>

static void nap(long ms)
{
	struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};

	nanosleep(&ts, NULL);
}

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "";

	if (!strcmp(mode, "read")) {
		char line[128];
		ssize_t n = read(0, line, sizeof(line) - 1);

		line[n > 0 ? n : 0] = 0;
		if (n > 0 && line[n - 1] == '\n')
			line[n - 1] = 0;
		say("spin: read %zd byte(s): \"%s\"\n", n, line);
		return 0;
	}
	if (!strcmp(mode, "orphan")) {
		signal(SIGHUP, SIG_IGN); /* before fork: the parent may exit first */
		pid_t child = fork();

		if (child < 0) {
			say("spin: fork: %s\n", ename(errno));
			return 1;
		}
		if (child == 0) {
			nap(2000); /* long enough for the shell's ps and maps to see it */
			say("spin: orphan %d: my parent is now pid %d\n", getpid(), getppid());
			return 0;
		}
		say("spin: parent %d leaves child %d behind\n", getpid(), child);
		return 0;
	}
	if (!strcmp(mode, "stop")) {
		say("spin: pid %d stops itself\n", getpid());
		raise(SIGSTOP);
		say("spin: pid %d continued\n", getpid());
		return 0;
	}
	say("spin: pid %d computing until a signal stops it\n", getpid());
	for (volatile unsigned long i = 0;; i++)
		;
}
