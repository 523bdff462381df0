/*
 * badelf.c - execve() of malformed executables: each refused, or killed,
 * and the kernel carries on.
 *
 * /bad/ holds one file per case (tools/mkbadelf.py --list says what is wrong
 * with each): a tiny static i386 program that exits with 42, with one thing
 * broken. Each runs in a child of its own, so a case that gets past the
 * point of no return takes only that child with it:
 *
 *	NAME: execve ENOEXEC          refused: the child is still itself
 *	NAME: exited 42               loaded and ran (only "ok" should)
 *	NAME: killed by SIGSEGV       loaded, then could not run
 *
 * Linux: load_elf_binary() and load_elf_phdrs() in fs/binfmt_elf.c. Linux
 * checks the header and the program headers before the point of no return
 * and the PT_LOADs after it; this kernel checks everything before, so some
 * verdicts differ on purpose (tools/linux-ref/user-diff.py lists them).
 */
#include "ulib.h"
#include <dirent.h>
#include <signal.h>
#include <sys/wait.h>

#define MAX_CASES 64

static char *const env[] = {"HOME=/", NULL};

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The names in /bad, sorted: each kernel's directory order is its own. */
static int list_cases(char **names)
{
	DIR *dir = opendir("/bad");
	struct dirent *d;
	int n = 0;

	if (!dir) {
		say("opendir /bad: %s\n", ename(errno));
		return 0;
	}
	while ((d = readdir(dir)) && n < MAX_CASES)
		if (d->d_name[0] != '.')
			names[n++] = strdup(d->d_name);
	closedir(dir);
	qsort(names, n, sizeof(*names), by_name);
	return n;
}

static void try_case(const char *name)
{
	char path[64];
	int status;

	snprintf(path, sizeof(path), "/bad/%s", name);
	pid_t pid = fork();
	if (pid == 0) {
		char *const argv[] = {(char *)name, NULL};

		execve(path, argv, env);
		say("%s: execve %s\n", name, ename(errno));
		_exit(100);
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid)
		say("%s: fork/wait failed: %s\n", name, ename(errno));
	else if (WIFSIGNALED(status))
		say("%s: killed by SIG%s\n", name, sigabbrev_np(WTERMSIG(status)));
	else if (WEXITSTATUS(status) != 100)
		say("%s: exited %d\n", name, WEXITSTATUS(status));
}

int main(void)
{
	char *names[MAX_CASES];
	int n = list_cases(names);

	for (int i = 0; i < n; i++)
		try_case(names[i]);
	say("%d cases, and this process is still here\n", n);
	return 0;
}
