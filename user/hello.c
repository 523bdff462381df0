/*
 * hello.c - the first program a kernel runs: what execve() handed it.
 *
 * Prints argc, envc, each string, and the auxiliary vector entries glibc's
 * static start-up reads (AT_PHDR to find its TLS segment, AT_RANDOM for the
 * stack protector canary, AT_PAGESZ, ...), with the addresses of argv and of
 * the strings: under norandmaps these show how the kernel laid out the new
 * stack (Linux: create_elf_tables() in fs/binfmt_elf.c).
 */
#include "ulib.h"
#include <sys/auxv.h>

static const char *auxv_str(unsigned long type)
{
	const char *s = (const char *)getauxval(type);

	return s ? s : "(none)";
}

int main(int argc, char **argv, char **envp)
{
	int envc = 0;

	while (envp[envc])
		envc++;
	say("argc=%d envc=%d\n", argc, envc);
	for (int i = 0; i < argc; i++)
		say("argv[%d]=\"%s\"\n", i, argv[i]);
	for (int i = 0; i < envc; i++)
		say("envp[%d]=\"%s\"\n", i, envp[i]);
	say("auxv: AT_PAGESZ=%lu AT_PHDR=%#lx AT_PHENT=%lu AT_PHNUM=%lu AT_ENTRY=%#lx\n",
	    getauxval(AT_PAGESZ), getauxval(AT_PHDR), getauxval(AT_PHENT), getauxval(AT_PHNUM),
	    getauxval(AT_ENTRY));
	say("auxv: AT_UID=%lu AT_EUID=%lu AT_GID=%lu AT_EGID=%lu AT_SECURE=%lu\n",
	    getauxval(AT_UID), getauxval(AT_EUID), getauxval(AT_GID), getauxval(AT_EGID),
	    getauxval(AT_SECURE));
	say("auxv: AT_EXECFN=\"%s\" AT_PLATFORM=\"%s\"\n", auxv_str(AT_EXECFN),
	    auxv_str(AT_PLATFORM));
	say("stack: argv=%p argv[0]=%p envp=%p envp[0]=%p AT_RANDOM=%#lx AT_EXECFN=%#lx\n",
	    (void *)argv, (void *)argv[0], (void *)envp, envc ? (void *)envp[0] : NULL,
	    getauxval(AT_RANDOM), getauxval(AT_EXECFN));
	say("hello, world\n");
	return 0;
}
