/*
 * init.c - /init of the initramfs, the same binary for Linux and mmlab.
 *
 * Mounts proc on /proc (the programs read /proc/self/maps and status),
 * makes sure fds 0-2 are open on /dev/console (Linux opens them before it
 * runs init, a kernel that does not leaves init to do it), then runs each
 * program in turn by fork + execve + wait4:
 *
 *	== begin NAME
 *	...the program's own lines...
 *	== NAME: exited N            (or: == NAME: killed by signal S)
 *	== end NAME
 *
 * and, after the last one, "== all done" and a power-off, which ends QEMU.
 * tools/linux-ref/user-diff.py cuts a serial log into those blocks.
 *
 * The programs are the lines of /etc/tests ("path arg..." separated by
 * spaces; # starts a comment) or, without that file, the fixed list below.
 * Every program gets the same small environment, never init's own (which
 * holds whatever the kernel passed on from its command line).
 */
#include "ulib.h"
#include <linux/reboot.h>
#include <sys/mount.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#define MAX_ARGS 8

static char *const env[] = {"HOME=/", "TERM=linux", "PATH=/bin", NULL};

static const char default_tests[] = "/bin/hello one two\n"
				    "/bin/malloc\n"
				    "/bin/demand\n"
				    "/bin/forkcow\n"
				    "/bin/exec\n"
				    "/bin/stack\n"
				    "/bin/segv\n"
				    "/bin/mmap_edge\n"
				    "/bin/traps\n"
				    "/bin/badelf\n"
				    "/bin/badptr\n"
				    "/bin/pipe\n"
				    "/bin/jobctl\n"
				    "/bin/pagemap\n"
				    "/bin/procread exited\n"
				    "/bin/overcommit\n"
				    "/bin/oomscore\n";

static char tests[4096];

static void open_console(void)
{
	for (int fd = 0; fd < 3; fd++) {
		if (fcntl(fd, F_GETFD) >= 0)
			continue;
		int c = open("/dev/console", O_RDWR);
		if (c >= 0 && c != fd) {
			dup2(c, fd);
			close(c);
		}
	}
}

static void run(char **argv)
{
	const char *name = strrchr(argv[0], '/') ? strrchr(argv[0], '/') + 1 : argv[0];
	int status;

	say("== begin %s\n", name);
	pid_t pid = fork();
	if (pid == 0) {
		execve(argv[0], argv, env);
		say("execve %s: %s\n", argv[0], ename(errno));
		_exit(127);
	}
	if (pid < 0)
		say("== %s: fork failed: %s\n", name, ename(errno));
	else if (wait4(pid, &status, 0, NULL) != pid)
		say("== %s: wait4 failed: %s\n", name, ename(errno));
	else if (WIFEXITED(status))
		say("== %s: exited %d\n", name, WEXITSTATUS(status));
	else if (WIFSIGNALED(status))
		say("== %s: killed by signal %d\n", name, WTERMSIG(status));
	else
		say("== %s: status %#x\n", name, status);
	say("== end %s\n", name);
}

/* Splits one line of the list into argv in place and runs it. */
static void run_line(char *line)
{
	char *argv[MAX_ARGS + 1];
	int argc = 0;

	for (char *tok = strtok(line, " \t"); tok && *tok != '#' && argc < MAX_ARGS;
	     tok = strtok(NULL, " \t"))
		argv[argc++] = tok;
	argv[argc] = NULL;
	if (argc)
		run(argv);
}

static void load_tests(void)
{
	int fd = open("/etc/tests", O_RDONLY);
	ssize_t n = fd >= 0 ? read(fd, tests, sizeof(tests) - 1) : -1;

	if (n >= 0) {
		tests[n] = 0;
		say("== init: programs from /etc/tests\n");
	} else {
		strcpy(tests, default_tests);
		say("== init: the default programs\n");
	}
	if (fd >= 0)
		close(fd);
}

int main(void)
{
	char *save, *line;

	open_console();
	if (mount("proc", "/proc", "proc", 0, NULL))
		say("== init: mount proc: %s\n", ename(errno));
	load_tests();
	for (line = strtok_r(tests, "\n", &save); line; line = strtok_r(NULL, "\n", &save))
		run_line(line);
	say("== all done\n");
	syscall(SYS_reboot, LINUX_REBOOT_MAGIC1, LINUX_REBOOT_MAGIC2, LINUX_REBOOT_CMD_POWER_OFF,
		NULL);
	say("== init: reboot: %s\n", ename(errno));
	for (;;)
		pause();
}
