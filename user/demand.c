/*
 * demand.c - demand paging: mmap() reserves addresses, a touch brings a page.
 *
 * Maps N anonymous pages and touches them one at a time, printing for each
 * touch how many minor faults getrusage() counted, mincore()'s residency
 * vector and, at the end, VmRSS / RssAnon from /proc/self/status.
 *
 * Pages 0..3 are read before they are written: the read fault maps the
 * shared zero page (mincore says resident, RSS does not grow), and the
 * write then faults again to get a private page. Pages 4..7 are written
 * directly: one fault each. Then MAP_POPULATE: the pages are faulted in by
 * mmap() itself (Linux counts those faults too: mm_account_fault() in
 * mm/memory.c), so touching them costs nothing.
 *
 * Linux 6.1's VmRSS and RssAnon lag: each task counts its own RSS changes
 * and adds them to the mm only every 64 faults (SPLIT_RSS_COUNTING,
 * check_sync_rss_stat() in mm/memory.c), so these few faults may not show
 * there at all; mincore() and the fault counts are exact.
 *
 * Linux: do_anonymous_page() and do_wp_page() in mm/memory.c.
 */
#include "ulib.h"
#include <sys/mman.h>

#define N 8

static unsigned char vec[N];

static const char *residency(void *p, size_t len)
{
	static char s[N + 1];

	if (mincore(p, len, vec)) {
		snprintf(s, sizeof(s), "%s", ename(errno));
		return s;
	}
	for (size_t i = 0; i < len / PG; i++)
		s[i] = '0' + (vec[i] & 1);
	s[len / PG] = 0;
	return s;
}

static void show_rss(const char *when)
{
	long rss = status_kb("VmRSS"), anon = status_kb("RssAnon");

	say("%s: VmRSS=%ld kB RssAnon=%ld kB\n", when, rss, anon);
}

static void touch_all(volatile char *p)
{
	long f0, f1, f2;

	for (int i = 0; i < N; i++) {
		volatile char *page = p + i * PG;

		f0 = minflt();
		if (i < N / 2)
			(void)*page;
		f1 = minflt();
		*page = 1;
		f2 = minflt();
		say("page %d: read %ld fault(s), write %ld fault(s), mincore %s\n", i, f1 - f0,
		    f2 - f1, residency((void *)p, N * PG));
	}
}

int main(void)
{
	say("demand: %d pages of %lu bytes\n", N, PG);
	/* Warm up: the first say() and getrusage() fault in their own pages. */
	show_rss("warm-up");
	(void)residency(&vec, PG);

	long f0 = minflt();
	char *p = mmap(NULL, N * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	say("mmap(%lu) = %p, %ld fault(s)\n", N * PG, (void *)p, minflt() - f0);
	if (p == MAP_FAILED)
		return 1;
	show_maps("rw-p 00000000 00:00 0 ");
	say("mincore before any touch: %s\n", residency(p, N * PG));

	long rss0 = status_kb("VmRSS"), anon0 = status_kb("RssAnon");
	show_rss("before");
	touch_all(p);
	show_rss("after");
	say("delta: VmRSS +%ld kB RssAnon +%ld kB\n", status_kb("VmRSS") - rss0,
	    status_kb("RssAnon") - anon0);

	say("munmap = %d\n", munmap(p, N * PG));
	say("mincore after munmap: %s\n", residency(p, N * PG));

	f0 = minflt();
	p = mmap(NULL, N * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE,
		 -1, 0);
	long f1 = minflt();
	say("mmap(MAP_POPULATE) = %p, %ld fault(s), mincore %s\n", (void *)p, f1 - f0,
	    residency(p, N * PG));
	for (int i = 0; i < N; i++)
		p[i * PG] = 2;
	say("writing all %d populated pages: %ld fault(s)\n", N, minflt() - f1);
	return 0;
}
