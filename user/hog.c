/*
 * hog.c - takes memory until the OOM killer takes it: 1 MiB at a time,
 * every page written, so each is really there. Prints a line every
 * 8 MiB; the last one says how far it got before SIGKILL.
 *
 *   hog [adj [MiB]]  with adj, first writes it to /proc/self/oom_score_adj
 *                    (-1000..1000: how much more, or less, it should be
 *                    chosen); with MiB, stops there and holds the memory
 *                    until a signal ends it
 *
 * For the shell (`run /bin/hog`), not /init's list: it ends in a kill.
 * Linux: mm/oom_kill.c.
 */
#include "ulib.h"

int main(int argc, char **argv)
{
	if (argc > 1) {
		int fd = open("/proc/self/oom_score_adj", O_WRONLY);
		ssize_t n = fd < 0 ? -1 : write(fd, argv[1], strlen(argv[1]));
		say("hog: oom_score_adj %s: %s\n", argv[1], n < 0 ? ename(errno) : "set");
		close(fd);
	}
	unsigned long limit = argc > 2 ? strtoul(argv[2], NULL, 10) : 0;

	for (unsigned long mib = 1;; mib++) {
		if (limit && mib > limit) {
			say("hog: holding %lu MiB\n", limit);
			for (;;)
				pause();
		}
		char *p = malloc(1 << 20);
		if (!p) {
			say("hog: malloc failed at %lu MiB\n", mib);
			return 1;
		}
		memset(p, (int)mib, 1 << 20);
		if (mib % 8 == 0)
			say("hog: %lu MiB touched\n", mib);
	}
}
