/*
 * forkbomb.c - make processes until the kernel says no, then kill them all.
 *
 * The leader starts sleepers, each a vfork() and an execve() of this
 * program as "forkbomb sleeper", which only waits for a signal. On Linux
 * vfork shares the leader's memory until the exec (this kernel's copies
 * it, as fork does), and the leader sleeps until the child has exec'd, so
 * none of the leader's pages stays shared with a child: when memory runs
 * out it is the kernel's allocations for a new task (its kernel stack,
 * page directory, mm) or the new program's pages that fail, not the
 * leader's own. When memory runs out the OOM killer chooses victims among
 * them all, sleepers and leader alike (their badness is nearly equal), as
 * on Linux; the kernel may also answer a vfork with EAGAIN (pid_max,
 * max_threads) or ENOMEM. If the leader survives it kills and reaps every
 * sleeper; if it is chosen, its exit as a session leader hangs up the
 * sleepers of its foreground group. Either way the shell's `meminfo` then
 * shows MemFree back where it was.
 *
 *	forkbomb [MAX]     at most MAX sleepers (default: until refused)
 *
 * Not in /init's list: the OOM killer's choices among a thousand equal
 * sleepers differ from run to run, so the output is not comparable line
 * by line with Linux's. Run it from the shell: `run
 * /bin/forkbomb`.
 *
 * Linux: kernel/fork.c (copy_process, alloc_pid), mm/page_alloc.c's
 * warn_alloc for the failed allocation.
 */
#include "ulib.h"
#include <signal.h>
#include <sys/wait.h>

#define MAX_SLEEPERS 40000

static pid_t sleepers[MAX_SLEEPERS];

/* Starts one sleeper: its pid, or -errno. */
static pid_t start_sleeper(void)
{
	static char *const argv[] = {"forkbomb", "sleeper", NULL};
	static char *const envp[] = {NULL};
	pid_t pid = vfork();

	if (pid == 0) {
		execve("/bin/forkbomb", argv, envp);
		_exit(127); /* no say(): the leader's memory is ours until exit */
	}
	return pid < 0 ? -errno : pid;
}

/* Reaps sleepers that died on their own (an exec or a fault without memory). */
static int reap_dead(void)
{
	int n = 0, status;

	while (waitpid(-1, &status, WNOHANG) > 0)
		n++;
	return n;
}

int main(int argc, char **argv)
{
	if (argc > 1 && !strcmp(argv[1], "sleeper")) {
		for (;;)
			pause();
	}
	long max = argc > 1 ? strtol(argv[1], NULL, 10) : MAX_SLEEPERS;
	int n = 0, err = 0;

	if (max <= 0 || max > MAX_SLEEPERS)
		max = MAX_SLEEPERS;
	say("forkbomb: starting up to %ld sleepers\n", max);
	while (n < max) {
		pid_t pid = start_sleeper();

		if (pid < 0) {
			err = -pid;
			break;
		}
		sleepers[n++] = pid;
	}
	int died = reap_dead();
	if (err)
		say("forkbomb: sleeper %d: vfork %s\n", n + 1, ename(err));
	say("forkbomb: %d started, %d died on their own\n", n, died);
	for (int i = 0; i < n; i++)
		kill(sleepers[i], SIGKILL);
	int reaped = died, status;
	while (waitpid(-1, &status, 0) > 0)
		reaped++;
	say("forkbomb: killed and reaped %d of %d\n", reaped, n);
	return reaped == n ? 0 : 1;
}
