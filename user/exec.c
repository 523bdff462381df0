/*
 * exec.c - execve(): the errors first, then replacing this very program.
 *
 * Each failing execve() returns -1 and leaves the process as it was:
 *   a missing file          ENOENT  (path lookup fails)
 *   a directory             EACCES  (not a regular file)
 *   a file without x bits   EACCES  (/proc/self/status is 0444)
 *   a text file with x bits ENOEXEC (no binary format claims it:
 *                                    /bin/notelf, put there by the initramfs)
 *   a bad filename pointer  EFAULT
 *   a bad argv pointer      EFAULT
 * then the size limits (Linux: bprm_stack_limits, copy_strings), each in a
 * child that prints its argc and bytes if the exec succeeds:
 *   one string of MAX_ARG_STRLEN (32 pages) with its NUL runs, one more byte E2BIG
 *   arguments or environment over a quarter of RLIMIT_STACK (8 MiB): E2BIG
 *   under a 256 KiB stack limit the floor is ARG_MAX (128 KiB), not 64 KiB
 * Then it runs itself as "/bin/exec again": the new image prints its argv,
 * shows that the old mappings are gone (the [heap] starts over) and exits
 * with 3, which init reports for this program.
 *
 * Linux: do_execveat_common() in fs/exec.c, load_elf_binary() in
 * fs/binfmt_elf.c.
 */
#include "ulib.h"
#include <sys/wait.h>

/* Address 1, through a volatile so gcc cannot see (and reject) the bad pointer. */
static void *volatile addr_1 = (void *)1;

static char *const env[] = {"HOME=/", "TERM=linux", "EXEC=yes", NULL};

static void try_exec(const char *what, const char *path, char *const argv[])
{
	errno = 0;
	int r = execve(path, argv, env);

	say("execve(%s) = %d %s\n", what, r, ename(errno));
}

static int again(int argc, char **argv, char **envp)
{
	say("again: argc=%d", argc);
	for (int i = 0; i < argc; i++)
		say(" argv[%d]=\"%s\"", i, argv[i]);
	say("\n");
	for (int i = 0; envp[i]; i++)
		say("again: envp[%d]=\"%s\"\n", i, envp[i]);
	show_maps(NULL);
	return 3;
}

/* "/bin/exec count ...": what arrived, without printing 2 MiB of it. */
static int count(int argc, char **argv, char **envp)
{
	unsigned long bytes = 0, env_bytes = 0;
	int envc = 0;

	for (int i = 0; i < argc; i++)
		bytes += strlen(argv[i]) + 1;
	for (; envp[envc]; envc++)
		env_bytes += strlen(envp[envc]) + 1;
	say("  ran: argc=%d, %lu bytes of arguments, %d strings and %lu bytes of environment\n",
	    argc, bytes, envc, env_bytes);
	return 0;
}

#define MAX_ARG_STRLEN (32 * PG)

/*
 * NR strings of LEN characters each (plus the NUL), all the same buffer,
 * after "exec", "count" when ARGS (an argv), alone when not (an envp).
 */
static char **strings(int nr, unsigned long len, int args)
{
	static char *vec[40];
	char *s = malloc(len + 1);
	int i = 0;

	memset(s, 'a', len);
	s[len] = 0;
	if (args) {
		vec[i++] = "exec";
		vec[i++] = "count";
	}
	for (int n = 0; n < nr; n++)
		vec[i++] = s;
	vec[i] = NULL;
	return vec;
}

/* execve in a child, under a stack limit of STACK bytes (0: the default). */
static void try_big(const char *what, char *const *args, char *const *envs, unsigned long stack)
{
	pid_t pid = fork();
	int status;

	if (pid == 0) {
		struct rlimit rl = {stack, RLIM_INFINITY};

		if (stack && setrlimit(RLIMIT_STACK, &rl))
			say("setrlimit: %s\n", ename(errno));
		execve("/bin/exec", args, envs);
		say("execve(%s) = -1 %s\n", what, ename(errno));
		_exit(100);
	}
	waitpid(pid, &status, 0);
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 100)
		say("execve(%s) ran, status %#x\n", what, status);
}

static void size_limits(void)
{
	char *const small_env[] = {"HOME=/", NULL};

	try_big("1 argument of 131071 + NUL", strings(1, MAX_ARG_STRLEN - 1, 1), small_env, 0);
	try_big("1 argument of 131072 + NUL", strings(1, MAX_ARG_STRLEN, 1), small_env, 0);
	try_big("15 arguments of 128 KiB (1.9 MiB)", strings(15, MAX_ARG_STRLEN - 1, 1), small_env,
		0);
	try_big("17 arguments of 128 KiB (2.1 MiB)", strings(17, MAX_ARG_STRLEN - 1, 1), small_env,
		0);
	char *count_only[] = {"exec", "count", NULL};
	try_big("17 environment strings of 128 KiB", count_only, strings(17, MAX_ARG_STRLEN - 1, 0),
		0);
	try_big("2 x 50000 bytes, RLIMIT_STACK 256 KiB", strings(2, 50000, 1), small_env,
		256 << 10);
	try_big("3 x 50000 bytes, RLIMIT_STACK 256 KiB", strings(3, 50000, 1), small_env,
		256 << 10);
}

int main(int argc, char **argv, char **envp)
{
	char *const args[] = {"exec", "again", NULL};

	if (argc > 1 && !strcmp(argv[1], "again"))
		return again(argc, argv, envp);
	if (argc > 1 && !strcmp(argv[1], "count"))
		return count(argc, argv, envp);

	try_exec("\"/bin/does-not-exist\"", "/bin/does-not-exist", args);
	try_exec("\"/bin\"", "/bin", args);
	try_exec("\"/proc/self/status\"", "/proc/self/status", args);
	try_exec("\"/bin/notelf\"", "/bin/notelf", args);
	try_exec("(char *)1", addr_1, args);
	try_exec("\"/bin/exec\", argv=(char **)1", "/bin/exec", addr_1);
	size_limits();
	say("still here after the errors\n");
	show_maps("[heap]");
	try_exec("\"/bin/exec\", {\"exec\", \"again\"}", "/bin/exec", args);
	return 1;
}
