/*
 * ubench.c - what a page fault, a fork or an execve costs, in instructions.
 *
 * Meant for QEMU's -icount shift=0, where the TSC advances by one per guest
 * instruction: rdtsc before and after N operations gives the instructions
 * the kernel (and this loop) executed per operation, exactly and on any
 * host, and the same program run on Linux 6.1 gives Linux's figure
 * (tools/bench/user.py runs both). Without -icount the figures are cycles
 * of the emulated machine and mean little.
 *
 * Each line: "ubench: NAME OPS ops PER instructions/op". The loop's own
 * instructions (a store per page, a call) are counted too, on both
 * kernels alike. `ubench exec-child` is the program execve() runs.
 */
#include "ulib.h"
#include <signal.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>

static inline unsigned long long rdtsc(void)
{
	unsigned int lo, hi;

	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return ((unsigned long long)hi << 32) | lo;
}

static void report(const char *name, unsigned long ops, unsigned long long t0)
{
	unsigned long long dt = rdtsc() - t0;

	say("ubench: %-22s %6lu ops %10llu instructions/op\n", name, ops, dt / ops);
}

static char *map(size_t len, int prot, int flags)
{
	char *p = mmap(NULL, len, prot, flags | MAP_PRIVATE, -1, 0);

	if (p == MAP_FAILED) {
		say("ubench: mmap(%zu): %s\n", len, ename(errno));
		_exit(1);
	}
	return p;
}

#define PAGES 1024 /* 4 MiB a round: well inside 128M, past any pcp batch */

/* A write to a page never touched: an anonymous page, zeroed. */
static void anon_fault(void)
{
	char *p = map(PAGES * PG, PROT_READ | PROT_WRITE, MAP_ANONYMOUS);
	unsigned long long t0 = rdtsc();

	for (unsigned long i = 0; i < PAGES; i++)
		p[i * PG] = 1;
	report("anon write fault", PAGES, t0);
	munmap(p, PAGES * PG);
}

/* A read of a page never touched: the shared zero page, mapped read-only. */
static void zero_fault(void)
{
	volatile char *p = map(PAGES * PG, PROT_READ, MAP_ANONYMOUS);
	unsigned long long t0 = rdtsc();

	for (unsigned long i = 0; i < PAGES; i++)
		(void)p[i * PG];
	report("zero-page read fault", PAGES, t0);
	munmap((void *)p, PAGES * PG);
}

/* A read of a file page already in the page cache (filemap_fault). */
static void file_fault(void)
{
	int fd = open("/bin/ubench", O_RDONLY);
	off_t size = fd < 0 ? 0 : lseek(fd, 0, SEEK_END);
	unsigned long pages = size / PG;

	if (pages < 16) {
		say("ubench: /bin/ubench: %s\n", fd < 0 ? ename(errno) : "too small");
		return;
	}
	volatile char *p = mmap(NULL, pages * PG, PROT_READ, MAP_PRIVATE, fd, 0);
	/* first pass brings every page into the cache (on Linux, the initramfs
	   already holds them; mmlab's ramfs too): then the measured one */
	for (unsigned long i = 0; i < pages; i++)
		(void)p[i * PG];
	munmap((void *)p, pages * PG);
	p = mmap(NULL, pages * PG, PROT_READ, MAP_PRIVATE, fd, 0);
	unsigned long long t0 = rdtsc();

	for (unsigned long i = 0; i < pages; i++)
		(void)p[i * PG];
	report("file read fault", pages, t0);
	munmap((void *)p, pages * PG);
	close(fd);
}

/* After fork, the parent's write to a page it shares: copy-on-write. */
static void cow_fault(void)
{
	char *p = map(PAGES * PG, PROT_READ | PROT_WRITE, MAP_ANONYMOUS);

	for (unsigned long i = 0; i < PAGES; i++)
		p[i * PG] = 1;
	pid_t child = fork();
	if (child == 0) { /* holds the pages shared until the parent kills it */
		struct timespec ts = {1000, 0};
		for (;;)
			nanosleep(&ts, NULL);
	}
	unsigned long long t0 = rdtsc();

	for (unsigned long i = 0; i < PAGES; i++)
		p[i * PG] = 2;
	report("cow write fault", PAGES, t0);
	kill(child, SIGKILL);
	waitpid(child, NULL, 0);
	munmap(p, PAGES * PG);
}

/* fork + _exit + wait of a process with MiB touched. */
static void fork_exit_wait(unsigned long mib)
{
	size_t len = mib << 20;
	char *p = map(len, PROT_READ | PROT_WRITE, MAP_ANONYMOUS);
	char name[32];
	const unsigned long rounds = 16;

	for (size_t off = 0; off < len; off += PG)
		p[off] = 1;
	unsigned long long t0 = rdtsc();

	for (unsigned long i = 0; i < rounds; i++) {
		pid_t child = fork();
		if (child == 0)
			_exit(0);
		waitpid(child, NULL, 0);
	}
	snprintf(name, sizeof(name), "fork+exit+wait %2lu MiB", mib);
	report(name, rounds, t0);
	munmap(p, len);
}

/* fork, then execve of this program, which exits at once; minus nothing:
   the figure is the whole fork+exec+exit+wait */
static void execve_cost(void)
{
	const unsigned long rounds = 16;
	unsigned long long t0 = rdtsc();

	for (unsigned long i = 0; i < rounds; i++) {
		pid_t child = fork();
		if (child == 0) {
			char *argv[] = {"/bin/ubench", "exec-child", NULL};
			execve(argv[0], argv, NULL);
			_exit(127);
		}
		int status;
		waitpid(child, &status, 0);
		if (status) {
			say("ubench: execve child status %#x\n", status);
			return;
		}
	}
	report("fork+execve+exit+wait", rounds, t0);
}

/* An anonymous mmap and its munmap, never touched. */
static void mmap_munmap(void)
{
	const unsigned long rounds = 256;
	unsigned long long t0 = rdtsc();

	for (unsigned long i = 0; i < rounds; i++) {
		void *p =
		    mmap(NULL, 16 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		munmap(p, 16 * PG);
	}
	report("mmap+munmap 64 KiB", rounds, t0);
}

/* An anonymous mmap, every page written, and its munmap: fault, zero, free. */
static void mmap_touch_munmap(unsigned long pages, const char *name)
{
	const unsigned long rounds = pages > 1 ? 16 : 256;
	unsigned long long t0 = rdtsc();

	for (unsigned long i = 0; i < rounds; i++) {
		char *p = mmap(NULL, pages * PG, PROT_READ | PROT_WRITE,
			       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

		for (unsigned long j = 0; j < pages; j++)
			p[j * PG] = 1;
		munmap(p, pages * PG);
	}
	report(name, rounds, t0);
}

/* The heap up by 64 KiB and back: brk's VMA grows and shrinks, untouched. */
static void brk_grow_shrink(void)
{
	const unsigned long rounds = 256;
	char *base = sbrk(0);
	unsigned long long t0 = rdtsc();

	for (unsigned long i = 0; i < rounds; i++) {
		brk(base + 16 * PG);
		brk(base);
	}
	report("brk grow+shrink 64 KiB", rounds, t0);
}

/* The middle page of three made read-only and back: a split in three, a merge. */
static void mprotect_split(void)
{
	const unsigned long rounds = 256;
	char *p = map(3 * PG, PROT_READ | PROT_WRITE, MAP_ANONYMOUS);
	unsigned long long t0 = rdtsc();

	for (unsigned long i = 0; i < rounds; i++) {
		mprotect(p + PG, PG, PROT_READ);
		mprotect(p + PG, PG, PROT_READ | PROT_WRITE);
	}
	report("mprotect split+merge", rounds, t0);
	munmap(p, 3 * PG);
}

/*
 * Issue 18's scale rows: the VMA lookup (mincore starts with find_vma) and
 * mmap's search for a gap, in a process with n VMAs: a PROT_NONE region with
 * every other page made readable, so no two neighbours merge.
 */
static void many_vmas(unsigned long n)
{
	const unsigned long rounds = 256;
	char *base = map(n * PG, PROT_NONE, MAP_ANONYMOUS | MAP_NORESERVE), name[40];
	unsigned char vec[1];

	for (unsigned long i = 1; i < n; i += 2)
		mprotect(base + i * PG, PG, PROT_READ);
	unsigned long long t0 = rdtsc();

	for (unsigned long i = 0; i < rounds; i++)
		mincore(base + (n / 2 | 1) * PG, PG, vec);
	snprintf(name, sizeof(name), "mincore among %lu VMAs", n);
	report(name, rounds, t0);
	t0 = rdtsc();
	for (unsigned long i = 0; i < rounds; i++)
		munmap(mmap(NULL, PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0),
		       PG);
	snprintf(name, sizeof(name), "mmap+munmap among %lu VMAs", n);
	report(name, rounds, t0);
	munmap(base, n * PG);
}

/* A system call that does nothing much: the floor under every other line. */
static void null_syscall(void)
{
	const unsigned long rounds = 1024;
	unsigned long long t0 = rdtsc();

	for (unsigned long i = 0; i < rounds; i++)
		getppid();
	report("getppid", rounds, t0);
}

int main(int argc, char **argv)
{
	if (argc > 1 && !strcmp(argv[1], "exec-child"))
		return 0;
	null_syscall();
	anon_fault();
	zero_fault();
	file_fault();
	cow_fault();
	fork_exit_wait(1);
	fork_exit_wait(16);
	fork_exit_wait(64);
	execve_cost();
	mmap_munmap();
	mmap_touch_munmap(1, "mmap+munmap 1 page, touched");
	mmap_touch_munmap(256, "mmap+munmap 1 MiB, touched");
	brk_grow_shrink();
	mprotect_split();
	many_vmas(10);
	many_vmas(10000);
	say("ubench: done\n");
	return 0;
}
