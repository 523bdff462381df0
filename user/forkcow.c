/*
 * forkcow.c - fork() copies the page tables, not the pages.
 *
 * The parent fills N private pages with 'p' and one MAP_SHARED page with
 * 's', then forks. The child reads every private page (no fault: fork left
 * the ptes present, read-only), then writes each one: one copy-on-write
 * fault per page, and the child sees its 'c' while the parent keeps its 'p'.
 * The shared page is not copied: the parent sees the child's 'C'. Its pte
 * is not even copied: fork() leaves out the ptes of a shared vma that has no
 * anonymous pages of its own, so the child's first read of it faults the
 * page back in from shmem (Linux: vma_needs_copy() in mm/memory.c).
 *
 * The parent waits for the child before it prints anything, so the output
 * order does not depend on the scheduler. Its own writes afterwards still
 * fault once per page (the ptes are still write-protected), but do_wp_page()
 * finds the page no longer shared and reuses it instead of copying.
 *
 * Linux: copy_page_range() in mm/memory.c (fork), do_wp_page() (the fault).
 */
#include "ulib.h"
#include <sys/mman.h>
#include <sys/wait.h>

#define N 4

static char *priv, *shared;

static void write_pages(const char *who, char c)
{
	for (int i = 0; i < N; i++) {
		long f0 = minflt();

		priv[i * PG] = c;
		say("%s: write page %d: %ld fault(s), now '%c'\n", who, i, minflt() - f0,
		    priv[i * PG]);
	}
}

static void read_pages(const char *who)
{
	char seen[N + 1] = {0};
	long f0 = minflt();

	for (int i = 0; i < N; i++)
		seen[i] = ((volatile char *)priv)[i * PG];
	long f1 = minflt();
	char s = *(volatile char *)shared;
	long f2 = minflt();

	say("%s: read %d private pages: %ld fault(s), saw \"%s\"\n", who, N, f1 - f0, seen);
	say("%s: read the shared page: %ld fault(s), saw '%c'\n", who, f2 - f1, s);
}

static void child(void)
{
	/*
	 * The first say() and getrusage() write to the .bss buffer and the
	 * stack, still shared with the parent: let those copies happen here.
	 */
	say("child: running\n");
	(void)minflt();
	read_pages("child");
	write_pages("child", 'c');
	*shared = 'C';
	read_pages("child");
	_exit(7);
}

int main(void)
{
	int status;
	struct rusage ru;

	priv = mmap(NULL, N * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	shared = mmap(NULL, PG, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (priv == MAP_FAILED || shared == MAP_FAILED) {
		say("mmap: %s\n", ename(errno));
		return 1;
	}
	memset(priv, 'p', N * PG);
	*shared = 's';
	say("parent: %d private pages at %p, shared page at %p\n", N, (void *)priv, (void *)shared);
	read_pages("parent");

	pid_t pid = fork();
	if (pid < 0) {
		say("fork: %s\n", ename(errno));
		return 1;
	}
	if (pid == 0)
		child();

	pid_t w = wait4(pid, &status, 0, &ru);
	say("parent: wait4 returned %s, status=%#x WIFEXITED=%d WEXITSTATUS=%d\n",
	    w == pid ? "the child's pid" : ename(errno), status, WIFEXITED(status),
	    WEXITSTATUS(status));
	say("parent: child's ru_minflt=%ld\n", ru.ru_minflt);
	read_pages("parent");
	write_pages("parent", 'P');
	say("parent: wait4 again: %s\n", wait4(-1, &status, 0, NULL) < 0 ? ename(errno) : "a pid");
	return 0;
}
