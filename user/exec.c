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
 * Then it runs itself as "/bin/exec again": the new image prints its argv,
 * shows that the old mappings are gone (the [heap] starts over) and exits
 * with 3, which init reports for this program.
 *
 * Linux: do_execveat_common() in fs/exec.c, load_elf_binary() in
 * fs/binfmt_elf.c.
 */
#include "ulib.h"

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

int main(int argc, char **argv, char **envp)
{
	char *const args[] = {"exec", "again", NULL};

	if (argc > 1 && !strcmp(argv[1], "again"))
		return again(argc, argv, envp);

	try_exec("\"/bin/does-not-exist\"", "/bin/does-not-exist", args);
	try_exec("\"/bin\"", "/bin", args);
	try_exec("\"/proc/self/status\"", "/proc/self/status", args);
	try_exec("\"/bin/notelf\"", "/bin/notelf", args);
	try_exec("(char *)1", addr_1, args);
	try_exec("\"/bin/exec\", argv=(char **)1", "/bin/exec", addr_1);
	say("still here after the errors\n");
	show_maps("[heap]");
	try_exec("\"/bin/exec\", {\"exec\", \"again\"}", "/bin/exec", args);
	return 1;
}
