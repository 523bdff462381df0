/*
 * procread.c - read /proc files the awkward ways: one byte at a time,
 * with pread at every offset, at odd sizes, and hold the result against
 * one big read. A file made whole at each read (as every /proc text
 * file is here, and as seq_file makes Linux's) must give the same bytes
 * whichever way it is read, as long as what it shows does not change:
 * such files are checked byte for byte ("same bytes"). Files whose
 * counters move as the reader runs (meminfo, vmstat...) are checked for
 * the same lines and field names ("same layout").
 *
 *   procread [FILE...]     a line per file; without one, every /proc
 *                          memory view and this process's own files
 *   procread exited        /proc/PID files of a child opened while it
 *                          lives, read again once it is a zombie and once
 *                          it is reaped: what each gives then
 *
 * /proc/sys files are not for this: Linux gives their text only to a read
 * from offset 0 (a second read, or a pread at 1, gets nothing), and
 * pagemap takes only 8-byte aligned reads (EINVAL otherwise).
 *
 * Linux: fs/seq_file.c (seq_read_iter), fs/proc/.
 */
#include "ulib.h"
#include <signal.h>
#include <sys/wait.h>

#define MAX (256 * 1024)

static char whole[MAX], piece[MAX];

static long read_all(const char *path, char *buf, long step)
{
	int fd = open(path, O_RDONLY);
	long n = 0, r;

	if (fd < 0)
		return -errno;
	while (n < MAX && (r = read(fd, buf + n, (size_t)(step < MAX - n ? step : MAX - n))) > 0)
		n += r;
	close(fd);
	return r < 0 ? -errno : n;
}

static long pread_each(const char *path, char *buf, long size)
{
	int fd = open(path, O_RDONLY);
	long off;

	if (fd < 0)
		return -errno;
	for (off = 0; off < size; off++)
		if (pread(fd, buf + off, 1, off) != 1)
			break;
	if (off == size && pread(fd, buf, 1, size) != 0)
		off = -1; /* something past the end */
	close(fd);
	return off;
}

/* The first word of every line, and the number of lines. */
static int same_layout(const char *a, long na, const char *b, long nb)
{
	long i = 0, j = 0;

	while (i < na && j < nb) {
		while (i < na && a[i] == ' ')
			i++;
		while (j < nb && b[j] == ' ')
			j++;
		while (i < na && j < nb && a[i] == b[j] && a[i] != ' ' && a[i] != '\n')
			i++, j++;
		if (i < na && a[i] != ' ' && a[i] != '\n' && a[i] != '\t' &&
		    !(a[i] >= '0' && a[i] <= '9'))
			return 0; /* the lines part inside a name */
		while (i < na && a[i] != '\n')
			i++;
		while (j < nb && b[j] != '\n')
			j++;
		i++, j++;
	}
	return i >= na && j >= nb;
}

static const char *const views[] = {
    "/proc/iomem",	"/proc/self/maps",    "/proc/self/smaps_rollup",
    "/proc/self/statm", "/proc/self/cmdline", "/proc/self/environ",
    "/proc/self/comm",	"/proc/self/status",  "/proc/meminfo",
    "/proc/zoneinfo",	"/proc/buddyinfo",    "/proc/pagetypeinfo",
    "/proc/slabinfo",	"/proc/vmallocinfo",  "/proc/self/smaps",
    "/proc/self/stat",	"/proc/vmstat",	      NULL,
};

static const char *const pid_files[] = {"status",  "stat", "statm", "cmdline",	    "comm",
					"environ", "maps", "smaps", "smaps_rollup", NULL};

/* One pread(fd, buf, 4096, 0) of each open file: its byte count or errno. */
static void read_each(const char *when, const int *fds)
{
	for (int i = 0; pid_files[i]; i++) {
		long n = pread(fds[i], piece, 4096, 0);
		if (n > 0)
			say("%-8s %-13s some bytes\n", when, pid_files[i]);
		else
			say("%-8s %-13s %ld %s\n", when, pid_files[i], n,
			    n < 0 ? ename(errno) : "");
	}
}

static int exited(void)
{
	int fds[16], status;
	char path[64];
	pid_t pid = fork();

	if (pid == 0) {
		pause();
		_exit(0);
	}
	for (int i = 0; pid_files[i]; i++) {
		snprintf(path, sizeof(path), "/proc/%d/%s", pid, pid_files[i]);
		fds[i] = open(path, O_RDONLY);
	}
	read_each("alive", fds);
	kill(pid, SIGKILL);
	waitid(P_PID, pid, NULL, WEXITED | WNOWAIT); /* a zombie now, not yet reaped */
	read_each("zombie", fds);
	waitpid(pid, &status, 0);
	read_each("reaped", fds);
	snprintf(path, sizeof(path), "/proc/%d/status", pid);
	say_case("open(\"/proc/PID/status\") once reaped", open(path, O_RDONLY));
	return 0;
}

int main(int argc, char **argv)
{
	if (argc > 1 && !strcmp(argv[1], "exited"))
		return exited();
	const char *const *paths = argc > 1 ? (const char *const *)argv + 1 : views;

	for (; *paths; paths++) {
		const char *path = *paths;
		long n = read_all(path, whole, MAX), n1 = read_all(path, piece, 1);
		int bytes = n1 == n && !memcmp(whole, piece, n);
		int layout = same_layout(whole, n, piece, n1);
		long n7 = read_all(path, piece, 7);
		bytes = bytes && n7 == n && !memcmp(whole, piece, n);
		layout = layout && same_layout(whole, n, piece, n7);
		long np = pread_each(path, piece, n);
		bytes = bytes && np == n && !memcmp(whole, piece, n);
		layout = layout && np == n && same_layout(whole, n, piece, np);
		if (n < 0)
			say("%s: %s\n", path, ename((int)-n));
		else
			say("%s: %s\n", path,
			    bytes    ? "same bytes"
			    : layout ? "same layout"
				     : "DIFFERENT");
	}
	return 0;
}
