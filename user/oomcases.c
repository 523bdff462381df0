/*
 * oomcases.c - running out of memory in the three places a process does
 * not expect it: inside fork, in a copy-on-write fault, and inside the
 * kernel's copy_to_user. In each, the OOM killer chooses a victim, the
 * victim dies of SIGKILL, and the kernel (and whoever was not chosen)
 * carries on.
 *
 *   oomcases cow    touch 60% of MemAvailable, fork, the child writes it
 *                   all: its copies run out during a COW fault
 *   oomcases fork   touch 8 MiB (not inherited), then fork children that
 *                   only wait: their mms and kernel stacks run out in fork
 *   oomcases read   read(/dev/zero) into twice MemAvailable, never touched: the pages
 *                   run out while the kernel copies to user space
 *
 * Meant to run while something unkillable (hog at -1000) holds most of
 * memory, so that the case itself is what exhausts it. Prints what it saw
 * when it survives; when it is the victim, its shell sees status 137.
 * Linux: mm/oom_kill.c, kernel/fork.c, mm/memory.c (wp_page_copy),
 * drivers/char/mem.c (read_zero).
 */
#include "ulib.h"
#include <signal.h>
#include <sys/mman.h>
#include <sys/wait.h>

#define MIB (1024UL * 1024)

static long meminfo_kb(const char *field)
{
	const char *s = strstr(read_file("/proc/meminfo"), field);

	return s ? strtol(s + strlen(field), NULL, 10) : -1;
}

static char *touched(size_t len)
{
	char *p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED) {
		say("mmap: %s\n", ename(errno));
		_exit(1);
	}
	for (size_t off = 0; off < len; off += PG)
		p[off] = 1;
	return p;
}

static void say_status(const char *who, int status)
{
	say("%s: %s %d\n", who, WIFSIGNALED(status) ? "killed by signal" : "exited",
	    WIFSIGNALED(status) ? WTERMSIG(status) : WEXITSTATUS(status));
}

static int cow(void)
{
	size_t len = (size_t)meminfo_kb("MemAvailable:") * 1024 / 10 * 6 & ~(PG - 1);
	char *p = touched(len);
	pid_t pid = fork();
	int status;

	if (pid == 0) {
		for (size_t off = 0; off < len; off += PG)
			p[off] = 2; // each write copies a shared page
		_exit(0);
	}
	waitpid(pid, &status, 0);
	say_status("cow: the child writing its copies", status);
	return 0;
}

/*
 * The children wait on a pipe only the parent can write: when the parent
 * goes, killed or not, they read EOF and go too.
 */
static int forks(void)
{
	static pid_t kids[4096];
	int n = 0, status, fds[2];
	pid_t dead = 0;
	char c;

	// the children leave the 8 MiB behind, so the parent is the biggest
	madvise(touched(8 * MIB), 8 * MIB, MADV_DONTFORK);
	if (pipe(fds))
		return 1;
	while (n < 4096 && !dead) {
		pid_t pid = fork();

		if (pid == 0) {
			close(fds[1]);
			_exit(read(fds[0], &c, 1) == 0 ? 0 : 3);
		}
		if (pid < 0) {
			say("fork: %s\n", ename(errno));
			break;
		}
		kids[n++] = pid;
		dead = waitpid(-1, &status, WNOHANG);
	}
	say("fork: a child was %s after %s forks\n",
	    dead > 0 && WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL ? "OOM-killed"
									   : "not killed",
	    n > 100 ? "over 100" : "under 100");
	close(fds[1]);
	while (wait(&status) > 0)
		;
	(void)kids;
	pid_t pid = fork();

	if (pid == 0)
		_exit(7);
	waitpid(pid, &status, 0);
	say_status("fork: one more child, after", status);
	return 0;
}

static int read_zero(void)
{
	// twice what is free, never more than RAM (mode 0 would refuse it)
	long kb = meminfo_kb("MemAvailable:") * 2, total = meminfo_kb("MemTotal:") - 1024;
	size_t len = (size_t)(kb < total ? kb : total) * 1024;
	char *p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	int fd = open("/dev/zero", O_RDONLY);

	if (p == MAP_FAILED || fd < 0) {
		say("read: no buffer or no /dev/zero: %s\n", ename(errno));
		return 1;
	}
	ssize_t n = read(fd, p, len);

	say("read: %s\n", n < 0 ? ename(errno) : (size_t)n < len ? "short" : "whole");
	return 0;
}

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "";

	if (!strcmp(mode, "cow"))
		return cow();
	if (!strcmp(mode, "fork"))
		return forks();
	if (!strcmp(mode, "read"))
		return read_zero();
	say("usage: oomcases cow|fork|read\n");
	return 2;
}
