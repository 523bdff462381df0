/*
 * ulib.h - the few helpers every mmlab user program shares.
 *
 * Output goes straight to write(1, ...), one call per line, never through
 * stdio: stdio would add fstat/ioctl(TCGETS) calls, buffer across fork, and
 * allocate its buffer with malloc, which would move the heap that malloc.c
 * prints. vsnprintf makes no system call. /proc files are read into static
 * buffers for the same reason.
 *
 * Everything printed is meant to be the same on every boot of one kernel
 * under `norandmaps`, so that tools/linux-ref/user-diff.py can hold mmlab's
 * output against Linux 6.1's line by line.
 */
#ifndef MMLAB_USER_ULIB_H
#define MMLAB_USER_ULIB_H

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#define PG 4096UL

/* printf to fd 1 as one write(); lines longer than the buffer are cut. */
static inline __attribute__((format(printf, 1, 2))) void say(const char *fmt, ...)
{
	static char buf[1024];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (n > (int)sizeof(buf) - 1)
		n = sizeof(buf) - 1;
	if (n > 0 && write(1, buf, n) < 0)
		_exit(120);
}

/* "ENOENT" for ENOENT, "0" for no error: names, not messages, so they diff. */
static inline const char *ename(int e)
{
	const char *s = e ? strerrorname_np(e) : "0";

	return s ? s : "E?";
}

/*
 * One system call as one line: its source text, what it returned and, when
 * that is -1, the errno name. The text is the C expression as written, so
 * the line reads as the call a student would type.
 */
static inline void say_case(const char *what, long r)
{
	say("%-60s = %ld%s%s\n", what, r, r == -1 ? " " : "", r == -1 ? ename(errno) : "");
}

#define INT_CASE(expr)                                                                             \
	do {                                                                                       \
		errno = 0;                                                                         \
		long r_ = (long)(expr);                                                            \
		say_case(#expr, r_);                                                               \
	} while (0)

/*
 * Reads a whole /proc file into a static buffer and returns it, NUL
 * terminated (empty on error). procfs hands out at most a page per read(),
 * hence the loop.
 */
static inline const char *read_file(const char *path)
{
	static char buf[16384];
	size_t len = 0;
	ssize_t n;
	int fd = open(path, O_RDONLY);

	buf[0] = 0;
	if (fd < 0) {
		say("open %s: %s\n", path, ename(errno));
		return buf;
	}
	while (len < sizeof(buf) - 1 && (n = read(fd, buf + len, sizeof(buf) - 1 - len)) > 0)
		len += n;
	buf[len] = 0;
	close(fd);
	return buf;
}

/* Prints each line of TEXT that contains MATCH (all if NULL) after PREFIX. */
static inline void say_lines(const char *prefix, const char *text, const char *match)
{
	while (*text) {
		const char *nl = strchr(text, '\n');
		int len = nl ? nl - text : (int)strlen(text);

		if (!match || memmem(text, len, match, strlen(match)))
			say("%s%.*s\n", prefix, len, text);
		text += len + (nl != NULL);
	}
}

/* /proc/self/maps, each line as "maps: ..." (only those containing MATCH). */
static inline void show_maps(const char *match)
{
	say_lines("maps: ", read_file("/proc/self/maps"), match);
}

/* One field of /proc/self/status ("VmRSS") in kB, or -1. */
static inline long status_kb(const char *field)
{
	const char *s = strstr(read_file("/proc/self/status"), field);

	/* "VmRSS:\t    1234 kB": strtol skips the tab and spaces. */
	return s ? strtol(s + strlen(field) + 1, NULL, 10) : -1;
}

/* Minor faults of this process so far (getrusage's ru_minflt). */
static inline long minflt(void)
{
	struct rusage ru;

	if (getrusage(RUSAGE_SELF, &ru))
		return -1;
	return ru.ru_minflt;
}

#endif
