/*
 * pipe.c - what a pipe does, call by call: the rules of pipe(7).
 *
 * A pipe is a ring of page-sized buffers (16 of them, 64 KiB, until
 * F_SETPIPE_SZ changes it). Each section below sets up a pipe, does one
 * thing to it and prints every call with its result, so the output reads
 * as the rule it shows:
 *   - read returns what is there; 0 once every write end is closed;
 *   - a full pipe makes write wait, or fail with EAGAIN under O_NONBLOCK;
 *     a write of at most PIPE_BUF bytes is never split;
 *   - writing with no reader left is SIGPIPE and EPIPE;
 *   - a pipe has no position: lseek, pread, pwrite are ESPIPE;
 *   - poll and select see readable, writable, hung up and in error;
 *   - a reader and a writer in two processes wait for each other.
 *
 * Linux: fs/pipe.c (pipe_read, pipe_write, pipe_poll, pipe_set_size),
 * fs/select.c.
 */
#include "ulib.h"
#include <poll.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <sys/select.h>
#include <sys/stat.h>
#include <sys/wait.h>

static int p[2];
static char buf[100000];
static volatile int sigpipes, sigusr1s;
/* Through a volatile, so gcc can neither see nor reject the bad pointer. */
static char *volatile bad = (char *)1;

static void on_sigpipe(int sig) { sigpipes += sig == SIGPIPE; }
static void on_sigusr1(int sig) { sigusr1s += sig == SIGUSR1; }

static void new_pipe(const char *why)
{
	say("\n-- %s\n", why);
	INT_CASE(pipe(p));
}

static void close_pipe(void)
{
	close(p[0]);
	close(p[1]);
}

static int nread(int fd)
{
	int n = -1;
	ioctl(fd, FIONREAD, &n);
	return n;
}

// Writes 1-byte or 4096-byte pieces until EAGAIN: the bytes that fit.
static long fill(int fd, size_t piece)
{
	long total = 0, n;

	while ((n = write(fd, buf, piece)) > 0)
		total += n;
	return total;
}

static void basics(void)
{
	struct stat st;

	new_pipe("a pipe is a FIFO with no size; read returns what is there");
	INT_CASE(fstat(p[0], &st) == 0 && S_ISFIFO(st.st_mode) && st.st_size == 0);
	INT_CASE(fcntl(p[0], F_GETFL) & (O_ACCMODE | O_NONBLOCK));
	INT_CASE(fcntl(p[1], F_GETFL) & (O_ACCMODE | O_NONBLOCK));
	INT_CASE(write(p[1], "hello", 5));
	INT_CASE(nread(p[0]));
	INT_CASE(read(p[0], buf, sizeof(buf)));
	INT_CASE(memcmp(buf, "hello", 5));
	INT_CASE(read(p[1], buf, 1));
	INT_CASE(write(p[0], "x", 1));
	INT_CASE(fcntl(p[0], F_SETFL, O_NONBLOCK));
	INT_CASE(read(p[0], buf, 1));
	close_pipe();
}

static void no_position(void)
{
	new_pipe("no position: lseek, pread and pwrite");
	INT_CASE(lseek(p[0], 0, SEEK_SET));
	INT_CASE(lseek(p[1], 0, SEEK_CUR));
	INT_CASE(pread(p[0], buf, 1, 0));
	INT_CASE(pwrite(p[1], buf, 1, 0));
	close_pipe();
}

static void capacity(void)
{
	new_pipe("a full pipe: 16 pages, small writes share a page");
	INT_CASE(fcntl(p[0], F_GETPIPE_SZ));
	INT_CASE(fcntl(p[1], F_SETFL, O_NONBLOCK));
	INT_CASE(fill(p[1], 4096));
	INT_CASE(nread(p[0]));
	INT_CASE(write(p[1], "x", 1));
	close_pipe();

	new_pipe("one byte at a time still fills 64 KiB, not 16 bytes");
	INT_CASE(fcntl(p[1], F_SETFL, O_NONBLOCK));
	INT_CASE(fill(p[1], 1));
	close_pipe();

	new_pipe("PIPE_BUF: a write of up to 4096 bytes goes in whole or not at all");
	INT_CASE(fcntl(p[1], F_SETFL, O_NONBLOCK));
	INT_CASE(write(p[1], buf, 15 * 4096 + 4000));
	INT_CASE(write(p[1], buf, 200));
	INT_CASE(write(p[1], buf, 96));
	INT_CASE(nread(p[0]));
	INT_CASE(write(p[1], buf, 1));
	close_pipe();

	new_pipe("a big write into a nearly full pipe takes what fits");
	INT_CASE(fcntl(p[1], F_SETFL, O_NONBLOCK));
	INT_CASE(write(p[1], buf, 15 * 4096));
	INT_CASE(write(p[1], buf, 10000));
	close_pipe();
}

static void resize(void)
{
	new_pipe("F_SETPIPE_SZ: a power of two pages, at least one");
	INT_CASE(fcntl(p[0], F_SETPIPE_SZ, 4096));
	INT_CASE(fcntl(p[1], F_GETPIPE_SZ));
	INT_CASE(fcntl(p[0], F_SETPIPE_SZ, 1));
	INT_CASE(fcntl(p[0], F_SETPIPE_SZ, 0));
	INT_CASE(fcntl(p[0], F_SETPIPE_SZ, 5 * 4096));
	INT_CASE(fcntl(p[0], F_SETPIPE_SZ, -1));
	INT_CASE(fcntl(p[1], F_SETFL, O_NONBLOCK));
	INT_CASE(fill(p[1], 4096));
	INT_CASE(fcntl(p[0], F_SETPIPE_SZ, 4096));
	INT_CASE(fcntl(p[0], F_SETPIPE_SZ, 1 << 20));
	INT_CASE(nread(p[0]));
	INT_CASE(fill(p[1], 4096));
	INT_CASE(fcntl(0, F_GETPIPE_SZ));
	close_pipe();
}

static void ends_closed(void)
{
	struct pollfd pfd;
	int status;

	new_pipe("every write end closed: the data, then end of file");
	INT_CASE(write(p[1], "ab", 2));
	INT_CASE(close(p[1]));
	INT_CASE(read(p[0], buf, 1));
	pfd = (struct pollfd){p[0], POLLIN, 0};
	INT_CASE(poll(&pfd, 1, 0));
	INT_CASE(pfd.revents);
	INT_CASE(read(p[0], buf, 10));
	INT_CASE(read(p[0], buf, 10));
	INT_CASE(poll(&pfd, 1, 0));
	INT_CASE(pfd.revents);
	close(p[0]);

	new_pipe("every read end closed: SIGPIPE, then EPIPE");
	signal(SIGPIPE, on_sigpipe);
	INT_CASE(close(p[0]));
	pfd = (struct pollfd){p[1], POLLOUT, 0};
	INT_CASE(poll(&pfd, 1, 0));
	INT_CASE(pfd.revents);
	INT_CASE(write(p[1], "x", 1));
	INT_CASE(sigpipes);
	signal(SIGPIPE, SIG_DFL);
	if (fork() == 0) {
		write(p[1], "x", 1);
		_exit(0); // not reached: SIGPIPE's default action kills
	}
	wait(&status);
	INT_CASE(WIFSIGNALED(status) && WTERMSIG(status) == SIGPIPE);
	close(p[1]);
}

static void bad_pointers(void)
{
	int before;

	new_pipe("bad pointers: EFAULT, and the pipe keeps its bytes");
	INT_CASE(write(p[1], "abc", 3));
	INT_CASE(read(p[0], bad, 3));
	INT_CASE(nread(p[0]));
	INT_CASE(write(p[1], bad, 3));
	INT_CASE(nread(p[0]));
	close_pipe();
	before = dup(0);
	close(before);
	INT_CASE(pipe((int *)bad));
	INT_CASE(pipe2(p, O_APPEND));
	INT_CASE(dup(0) == before);
	close(before);
	INT_CASE(pipe2(p, O_CLOEXEC | O_NONBLOCK));
	INT_CASE(fcntl(p[0], F_GETFD));
	INT_CASE(fcntl(p[1], F_GETFL) & O_NONBLOCK);
	close_pipe();
}

static void polling(void)
{
	struct pollfd pfd[3];
	fd_set rd, wr;
	struct timeval tv;

	new_pipe("poll: readable, writable, nothing yet, no such fd");
	pfd[0] = (struct pollfd){p[0], POLLIN, 0};
	pfd[1] = (struct pollfd){p[1], POLLOUT, 0};
	pfd[2] = (struct pollfd){-1, POLLIN, 0};
	INT_CASE(poll(pfd, 3, 0));
	INT_CASE(pfd[0].revents);
	INT_CASE(pfd[1].revents);
	INT_CASE(poll(pfd, 1, 20));
	INT_CASE(write(p[1], "x", 1));
	INT_CASE(poll(pfd, 3, -1));
	INT_CASE(pfd[0].revents);
	pfd[2] = (struct pollfd){99, POLLIN, 0};
	INT_CASE(poll(&pfd[2], 1, 0));
	INT_CASE(pfd[2].revents);
	INT_CASE(poll(pfd, 1u << 30, 0));
	INT_CASE(poll((struct pollfd *)bad, 1, 0));

	say("\n-- select: the same, as bitmaps, and the time left written back\n");
	FD_ZERO(&rd);
	FD_ZERO(&wr);
	FD_SET(p[0], &rd);
	FD_SET(p[1], &wr);
	INT_CASE(select(p[1] + 1, &rd, &wr, NULL, NULL));
	INT_CASE(FD_ISSET(p[0], &rd) && FD_ISSET(p[1], &wr));
	INT_CASE(read(p[0], buf, 1));
	FD_ZERO(&rd);
	FD_SET(p[0], &rd);
	tv = (struct timeval){0, 20000};
	INT_CASE(select(p[0] + 1, &rd, NULL, NULL, &tv));
	INT_CASE(tv.tv_sec == 0 && tv.tv_usec == 0 && !FD_ISSET(p[0], &rd));
	FD_SET(20, &rd); // a number below the table's 32 that is not open
	INT_CASE(select(21, &rd, NULL, NULL, NULL));
	INT_CASE(select(-1, NULL, NULL, NULL, NULL));
	tv = (struct timeval){0, 1000000};
	INT_CASE(select(0, NULL, NULL, NULL, &tv));
	close_pipe();
}

static void two_processes(void)
{
	struct pollfd pfd;
	long total = 0, n, sum = 0;
	int status;

	new_pipe("two processes: the reader sleeps until the writer writes");
	if (fork() == 0) {
		close(p[0]);
		usleep(50000);
		for (size_t i = 0; i < sizeof(buf); i++)
			buf[i] = (char)i;
		// More than the pipe holds: this write sleeps until the parent reads.
		_exit(write(p[1], buf, sizeof(buf)) == sizeof(buf) ? 0 : 1);
	}
	close(p[1]);
	memset(buf, 0, sizeof(buf));
	while ((n = read(p[0], buf + total, sizeof(buf) - total)) > 0)
		total += n;
	for (size_t i = 0; i < sizeof(buf); i++)
		sum += (unsigned char)buf[i];
	wait(&status);
	INT_CASE(total);
	INT_CASE(sum);
	INT_CASE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	close(p[0]);

	new_pipe("a signal ends a sleeping poll: EINTR");
	signal(SIGUSR1, on_sigusr1);
	if (fork() == 0) {
		usleep(50000);
		kill(getppid(), SIGUSR1);
		_exit(0);
	}
	pfd = (struct pollfd){p[0], POLLIN, 0};
	INT_CASE(poll(&pfd, 1, -1));
	INT_CASE(sigusr1s);
	wait(&status);
	close_pipe();
}

int main(void)
{
	say("pipe: the rules of pipe(7), one call per line\n");
	basics();
	no_position();
	capacity();
	resize();
	ends_closed();
	bad_pointers();
	polling();
	two_processes();
	say("\npipe: done\n");
	return 0;
}
