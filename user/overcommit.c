/*
 * overcommit.c - what a process promises and what the kernel refuses.
 *
 * Committed_AS in /proc/meminfo counts the memory the kernel has promised:
 * every private writable mapping, the heap, a fork's copies, a shared
 * anonymous object, a tmpfs page. Each line below prints how much one call
 * changed it, so the numbers are the same on any kernel that keeps the
 * books as Linux does. Then vm.overcommit_memory's three modes:
 *
 *   0 (heuristic)  refuse one request bigger than RAM, grant the rest;
 *   1 (always)     grant everything; touching too much calls the OOM killer;
 *   2 (never)      refuse anything past CommitLimit (RAM x overcommit_ratio%).
 *
 * Runs as root (writes /proc/sys/vm/overcommit_memory) and puts mode 0
 * back before it exits. Linux: mm/util.c __vm_enough_memory,
 * Documentation/mm/overcommit-accounting.rst.
 */
#include "ulib.h"
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/wait.h>

#define MIB (1024UL * 1024)

/* A /proc/meminfo field in kB. */
static long meminfo_kb(const char *field)
{
	const char *s = strstr(read_file("/proc/meminfo"), field);

	return s ? strtol(s + strlen(field), NULL, 10) : -1;
}

static long committed(void) { return meminfo_kb("Committed_AS:"); }

static long last;

/* How much Committed_AS moved since the previous step, after WHAT. */
static void step(const char *what)
{
	long now = committed();

	say("%-52s Committed_AS %+ld kB\n", what, now - last);
	last = now;
}

/* An anonymous mapping, or MAP_FAILED with errno (sizes differ by kernel). */
static void *map(size_t len, int prot, int flags)
{
	return mmap(NULL, len, prot, flags | MAP_ANONYMOUS, -1, 0);
}

/* The kB of this process's VMAs that smaps marks "ac" (VM_ACCOUNT). */
static long accounted_kb(void)
{
	const char *s = read_file("/proc/self/smaps");
	long total = 0, size = 0;

	for (; *s; s = strchr(s, '\n') ? strchr(s, '\n') + 1 : s + strlen(s)) {
		if (!strncmp(s, "Size:", 5))
			size = strtol(s + 5, NULL, 10);
		else if (!strncmp(s, "VmFlags:", 8)) {
			const char *nl = strchr(s, '\n');

			if (memmem(s, nl ? (size_t)(nl - s) : strlen(s), " ac", 3))
				total += size;
		}
	}
	return total;
}

static void set_mode(int mode)
{
	char c = (char)('0' + mode);
	int fd = open("/proc/sys/vm/overcommit_memory", O_WRONLY);

	if (fd < 0 || write(fd, &c, 1) != 1)
		say("overcommit_memory %d: %s\n", mode, ename(errno));
	close(fd);
	say("-- vm.overcommit_memory = %d\n", mode);
}

static void say_map(const char *what, void *p)
{
	say("%-52s %s\n", what, p == MAP_FAILED ? ename(errno) : "granted");
}

/* The child's copies are charged at fork; its exit gives them back. */
static void fork_charge(void)
{
	long before = committed();
	pid_t pid = fork();

	if (pid == 0) {
		long charged = committed() - before, ac = accounted_kb();

		say("fork charged the child's ac VMAs: %s\n", charged == ac ? "yes" : "no");
		_exit(0);
	}
	waitpid(pid, NULL, 0);
	last = before;
	step("fork, then the child exits");
}

static void what_is_charged(void)
{
	char *rw = map(10 * MIB, PROT_READ | PROT_WRITE, MAP_PRIVATE);
	step("mmap 10 MiB private read-write");
	char *ro = map(10 * MIB, PROT_READ, MAP_PRIVATE);
	step("mmap 10 MiB private read-only");
	char *nr = map(10 * MIB, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_NORESERVE);
	step("mmap 10 MiB private MAP_NORESERVE");
	char *sh = map(4 * MIB, PROT_READ, MAP_SHARED);
	step("mmap 4 MiB shared anonymous read-only");
	char *shn = map(4 * MIB, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_NORESERVE);
	step("mmap 4 MiB shared MAP_NORESERVE");
	shn[0] = shn[PG] = shn[2 * PG] = 1;
	step("write 3 of its pages");
	mprotect(ro, 1 * MIB, PROT_READ | PROT_WRITE);
	step("mprotect 1 MiB of the read-only one writable");
	rw = mremap(rw, 10 * MIB, 20 * MIB, MREMAP_MAYMOVE);
	step("mremap the 10 MiB to 20 MiB");
	char *brk0 = sbrk(2 * MIB);
	step("sbrk +2 MiB");
	sbrk(-2 * (long)MIB);
	step("sbrk -2 MiB");
	fork_charge();
	munmap(rw, 20 * MIB);
	munmap(ro, 10 * MIB);
	munmap(nr, 10 * MIB);
	munmap(sh, 4 * MIB);
	munmap(shn, 4 * MIB);
	step("munmap them all");
	(void)brk0;
}

/* A tmpfs file's pages are charged as they are written (shmem_acct_block). */
static void tmpfs_pages(void)
{
	static char page[PG];
	int fd;

	if (mkdir("/oc", 0755) || mount("tmpfs", "/oc", "tmpfs", 0, NULL)) {
		say("tmpfs on /oc: %s\n", ename(errno));
		return;
	}
	last = committed();
	fd = open("/oc/f", O_CREAT | O_WRONLY, 0644);
	for (int i = 0; i < 256; i++)
		if (write(fd, page, PG) != (ssize_t)PG)
			say("write: %s\n", ename(errno));
	close(fd);
	step("write 1 MiB to a tmpfs file");
	unlink("/oc/f");
	step("unlink it");
}

/* Mode 1 grants an impossible mapping; touching it ends in the OOM killer. */
static void mode_always(void)
{
	set_mode(1);
	last = committed();
	char *p = map(1024 * MIB, PROT_READ | PROT_WRITE, MAP_PRIVATE);
	step("mmap 1 GiB, more than this machine has");
	pid_t pid = fork();

	if (pid == 0) {
		for (size_t off = 0; off < 1024 * MIB; off += PG)
			p[off] = 1;
		say("child touched 1 GiB?\n");
		_exit(0);
	}
	int status = 0;

	waitpid(pid, &status, 0);
	say("a child touching it: %s %d\n", WIFSIGNALED(status) ? "killed by signal" : "exited",
	    WIFSIGNALED(status) ? WTERMSIG(status) : WEXITSTATUS(status));
	munmap(p, 1024 * MIB);
	step("munmap it (the child is gone)");
}

static sigjmp_buf fault_jmp;

static void on_sigbus(int sig)
{
	(void)sig;
	siglongjmp(fault_jmp, 1);
}

/*
 * A tmpfs file charges each page as it is written: in mode 2 the write
 * that would pass CommitLimit fails with ENOSPC (the file system is "full"),
 * after the pages that fitted (Linux: shmem_inode_acct_block).
 */
static void tmpfs_past_the_limit(void)
{
	static char chunk[MIB];
	int fd = open("/oc/g", O_CREAT | O_RDWR, 0644);
	ssize_t n;

	while ((n = write(fd, chunk, MIB)) == (ssize_t)MIB)
		;
	if (n > 0) /* the pages that still fitted: a short write */
		n = write(fd, chunk, MIB);
	say("write a tmpfs file until it fails: %s\n", n < 0 ? ename(errno) : "never failed");
	/* A hole past its end costs nothing until a fault fills it: SIGBUS. */
	off_t end = lseek(fd, 0, SEEK_END);
	char *p = ftruncate(fd, end + MIB)
		      ? MAP_FAILED
		      : mmap(NULL, end + MIB, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	struct sigaction sa = {.sa_handler = on_sigbus}, old;

	sigaction(SIGBUS, &sa, &old);
	if (p != MAP_FAILED && !sigsetjmp(fault_jmp, 1)) {
		p[end + MIB / 2] = 1;
		say("writing into its hole through mmap: no signal\n");
	} else {
		say("writing into its hole through mmap: %s\n",
		    p == MAP_FAILED ? ename(errno) : "SIGBUS");
	}
	sigaction(SIGBUS, &old, NULL);
	if (p != MAP_FAILED)
		munmap(p, end + MIB);
	close(fd);
	unlink("/oc/g");
}

/* Mode 2 holds the commitment under CommitLimit, MAP_NORESERVE or not. */
static void mode_never(void)
{
	set_mode(2);
	long left = meminfo_kb("CommitLimit:") - committed();
	size_t over = ((size_t)left << 10) + 16 * MIB, half = ((size_t)left << 10) / 2;

	say("CommitLimit - Committed_AS > 16 MiB: %s\n", left > 16 * 1024 ? "yes" : "no");
	say_map("mmap what is left + 16 MiB", map(over, PROT_READ | PROT_WRITE, MAP_PRIVATE));
	say_map("the same with MAP_NORESERVE",
		map(over, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_NORESERVE));
	void *ro = map(over, PROT_READ, MAP_PRIVATE);
	say_map("the same read-only", ro);
	munmap(ro, over);
	say("sbrk of what is left + 16 MiB: %s\n",
	    sbrk((intptr_t)over) == (void *)-1 ? ename(errno) : "granted");
	void *p = map(half, PROT_READ | PROT_WRITE, MAP_PRIVATE);
	say_map("mmap half of what is left", p);
	tmpfs_past_the_limit();
	pid_t pid = fork();

	if (pid == 0)
		_exit(0);
	say("fork with that mapped: %s\n", pid < 0 ? ename(errno) : "granted");
	if (pid > 0)
		waitpid(pid, NULL, 0);
	munmap(p, half);
	pid = fork();
	if (pid == 0)
		_exit(0);
	say("fork after munmap: %s\n", pid < 0 ? ename(errno) : "granted");
	if (pid > 0)
		waitpid(pid, NULL, 0);
}

int main(void)
{
	long start;

	say("overcommit: Committed_AS moves by what each call promises\n");
	start = last = committed();
	what_is_charged();
	tmpfs_pages();
	set_mode(0);
	say_map("mmap MemTotal + 64 MiB", map(((size_t)meminfo_kb("MemTotal:") << 10) + 64 * MIB,
					      PROT_READ | PROT_WRITE, MAP_PRIVATE));
	mode_always();
	mode_never();
	set_mode(0);
	say("Committed_AS back where it started: %s\n", committed() == start ? "yes" : "no");
	return 0;
}
