/*
 * badptr.c - system calls handed pointers and lengths no program should pass.
 *
 * The kernel must answer each with an errno (EFAULT, EINVAL, ENAMETOOLONG,
 * ERANGE) or a short count, never by crashing or by touching memory the
 * caller does not own. Every call goes through syscall(), so glibc adds no
 * checks of its own and the vDSO is not involved. The pointers:
 *
 *   null     address 0
 *   kernel   0xc0000000, the first kernel address (PAGE_OFFSET)
 *   gone     0x20000000, where nothing is mapped
 *   ro       a page mapped PROT_READ: fine to read from, not to write to
 *   edge     8 valid bytes before gone: a buffer that straddles the hole
 *
 * A copy that straddles returns the bytes before the cliff when some were
 * copied (read, write: Linux's generic_perform_write and filemap_read stop
 * at the fault) and EFAULT when none were.
 *
 * Linux: lib/usercopy.c, fs/read_write.c, fs/namei.c (getname), fs/stat.c,
 * kernel/signal.c, kernel/exit.c (wait4), kernel/sys.c.
 */
#include "ulib.h"
#include <signal.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <time.h>

/* Through volatiles, so gcc can neither see nor reject the bad pointers. */
static char *volatile null = (char *)0;
static char *volatile kernel = (char *)0xc0000000UL;
static char *gone, *ro, *edge;
static int fd;

/*
 * The last page below CLIFF, with nothing mapped at CLIFF: no mmap() the
 * programs make comes near it (the mmap area is top-down from the stack,
 * the heap grows from the end of the program), so it stays a hole.
 */
#define CLIFF 0x20000000UL

static void make_cliff(void)
{
	char *p = mmap((void *)(CLIFF - PG), PG, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);

	if (p == MAP_FAILED)
		say("mmap below the cliff: %s\n", ename(errno));
	memset(p, 'x', PG);
	gone = (char *)CLIFF;
	edge = gone - 8;
	memcpy(edge, "/bin/hel", 8); /* a path that runs off the cliff unterminated */
	ro = mmap(NULL, PG, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
}

static char *pointer(const char *name, size_t len)
{
	static const char *const names[] = {"null", "kernel", "gone", "edge", "ro"};
	char *const ptrs[] = {null, kernel, gone, edge, ro};

	for (unsigned int i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strlen(names[i]) == len && !strncmp(names[i], name, len))
			return ptrs[i];
	return NULL;
}

/* syscall(NR, fd, P, 16) for each pointer P named in NAMES, in that order. */
static void each_ptr(long nr, const char *call, const char *names)
{
	while (*names) {
		size_t len = strcspn(names, " ");
		char what[64];

		snprintf(what, sizeof(what), "syscall(%s, fd, %.*s, 16)", call, (int)len, names);
		errno = 0;
		say_case(what, syscall(nr, fd, pointer(names, len), 16));
		names += len + (names[len] == ' ');
	}
}

static void rw_cases(void)
{
	char buf[64];
	struct iovec iov[2] = {{buf, 16}, {null, 16}};

	fd = syscall(SYS_open, "/tmp/badptr", O_RDWR | O_CREAT | O_TRUNC, 0644);
	say("open(\"/tmp/badptr\") = fd %d\n", fd);
	each_ptr(SYS_write, "SYS_write", "null kernel gone edge ro");
	INT_CASE(syscall(SYS_write, fd, edge, 0x7fffffff));
	INT_CASE(syscall(SYS_write, fd, buf, 0xffffffffUL));
	INT_CASE(syscall(SYS_lseek, fd, 0, SEEK_SET));
	each_ptr(SYS_read, "SYS_read", "null kernel gone ro edge");
	INT_CASE(syscall(SYS_read, fd, buf, 0x80000000UL));
	INT_CASE(syscall(SYS_lseek, fd, -1, SEEK_SET));
	INT_CASE(syscall(SYS_lseek, fd, 0, 7));
	INT_CASE(syscall(SYS_pread64, fd, edge, 16, 0, 0));
	INT_CASE(syscall(SYS_writev, fd, iov, 2));
	INT_CASE(syscall(SYS_writev, fd, kernel, 1));
	INT_CASE(syscall(SYS_writev, fd, iov, -1));
	INT_CASE(syscall(SYS_writev, fd, iov, 1025));
	INT_CASE(syscall(SYS_readv, fd, gone, 1));
	INT_CASE(syscall(SYS_write, 1000, buf, 1));
	INT_CASE(syscall(SYS_read, -1, buf, 1));
}

static void path_cases(void)
{
	static char longpath[5000];
	char stat_buf[256];

	memset(longpath, 'a', sizeof(longpath) - 1);
	INT_CASE(syscall(SYS_open, null, O_RDONLY));
	INT_CASE(syscall(SYS_open, kernel, O_RDONLY));
	INT_CASE(syscall(SYS_open, gone, O_RDONLY));
	INT_CASE(syscall(SYS_open, edge, O_RDONLY));
	INT_CASE(syscall(SYS_open, longpath, O_RDONLY));
	INT_CASE(syscall(SYS_open, "", O_RDONLY));
	INT_CASE(syscall(SYS_stat64, "/", null));
	INT_CASE(syscall(SYS_stat64, "/", kernel));
	INT_CASE(syscall(SYS_stat64, "/", ro));
	INT_CASE(syscall(SYS_stat64, kernel, stat_buf));
	INT_CASE(syscall(SYS_fstat64, fd, gone));
	INT_CASE(syscall(SYS_access, edge, F_OK));
	INT_CASE(syscall(SYS_chdir, kernel));
	INT_CASE(syscall(SYS_mkdir, gone, 0755));
	INT_CASE(syscall(SYS_unlink, null));
	INT_CASE(syscall(SYS_readlink, "/proc/self/exe", kernel, 64));
	INT_CASE(syscall(SYS_getcwd, null, 64));
	INT_CASE(syscall(SYS_getcwd, kernel, 64));
	INT_CASE(syscall(SYS_getcwd, stat_buf, 0));
	INT_CASE(syscall(SYS_getcwd, stat_buf, 1));
	INT_CASE(syscall(SYS_getdents64, syscall(SYS_open, "/", O_RDONLY), kernel, 4096));
}

static void kernel_struct_cases(void)
{
	struct timespec ts;

	INT_CASE(syscall(SYS_uname, null));
	INT_CASE(syscall(SYS_uname, kernel));
	INT_CASE(syscall(SYS_clock_gettime, CLOCK_MONOTONIC, null));
	INT_CASE(syscall(SYS_clock_gettime, CLOCK_MONOTONIC, ro));
	INT_CASE(syscall(SYS_clock_gettime, 12345, &ts));
	INT_CASE(syscall(SYS_gettimeofday, kernel, null));
	INT_CASE(syscall(SYS_time, kernel));
	INT_CASE(syscall(SYS_nanosleep, gone, null));
	INT_CASE(syscall(SYS_getrusage, RUSAGE_SELF, kernel));
	INT_CASE(syscall(SYS_getrusage, 42, &ts));
	INT_CASE(syscall(SYS_times, gone));
	INT_CASE(syscall(SYS_ugetrlimit, RLIMIT_STACK, null));
	INT_CASE(syscall(SYS_setrlimit, RLIMIT_STACK, kernel));
	INT_CASE(syscall(SYS_getrandom, kernel, 16, 0));
	INT_CASE(syscall(SYS_getrandom, edge, 16, 0));
	INT_CASE(syscall(SYS_set_thread_area, null));
	INT_CASE(syscall(SYS_set_thread_area, kernel));
	INT_CASE(syscall(SYS_set_tid_address, kernel) > 0); /* stored, not checked: 1 */
}

static void signal_cases(void)
{
	char set[8] = {0};

	INT_CASE(syscall(SYS_rt_sigaction, SIGUSR1, kernel, null, 8));
	INT_CASE(syscall(SYS_rt_sigaction, SIGUSR1, null, gone, 8));
	INT_CASE(syscall(SYS_rt_sigaction, SIGUSR1, null, null, 4));
	INT_CASE(syscall(SYS_rt_sigaction, 0, null, null, 8));
	INT_CASE(syscall(SYS_rt_sigaction, 65, null, null, 8));
	INT_CASE(syscall(SYS_rt_sigaction, SIGKILL, set, null, 8));
	INT_CASE(syscall(SYS_rt_sigprocmask, SIG_BLOCK, kernel, null, 8));
	INT_CASE(syscall(SYS_rt_sigprocmask, 7, set, null, 8));
	INT_CASE(syscall(SYS_rt_sigprocmask, SIG_BLOCK, null, ro, 8));
	INT_CASE(syscall(SYS_rt_sigpending, kernel, 8));
	INT_CASE(syscall(SYS_sigaltstack, kernel, null));
	INT_CASE(syscall(SYS_kill, 99999, 0));
	INT_CASE(syscall(SYS_kill, getpid(), 65));
}

static pid_t child;

/* 1 for the child's pid (pids differ between kernels), else r. */
static long is_child(long r) { return r == child ? 1 : r; }

/* wait4 reaps the child even when it cannot store the status. */
static void wait_cases(void)
{
	pid_t pid = child = fork();

	if (pid == 0)
		_exit(7);
	INT_CASE(is_child(syscall(SYS_wait4, pid, kernel, 0, null)));
	INT_CASE(syscall(SYS_wait4, pid, null, 0, null));
	INT_CASE(syscall(SYS_wait4, -1, null, WNOHANG, null));
	INT_CASE(syscall(SYS_wait4, -1, null, 0x40000000, null));
}

int main(void)
{
	make_cliff();
	rw_cases();
	path_cases();
	kernel_struct_cases();
	signal_cases();
	wait_cases();
	INT_CASE(syscall(SYS_unlink, "/tmp/badptr"));
	say("still here after every bad pointer\n");
	return 0;
}
