/*
 * oomscore.c - whom the OOM killer would choose, and whom it does choose.
 *
 * Four children each take a share of MemTotal and set an oom_score_adj:
 *
 *   A 10% adj 0    B 10% adj 500    C 20% adj -500    D 5% adj -1000
 *
 * The parent prints their /proc/PID/oom_score (6.1: badness = rss + page
 * tables + swap + adj x totalpages / 1000, shown as (1000 + badness x 1000
 * / totalpages) x 2 / 3), and checks each against that formula applied
 * to the child's VmRSS and VmPTE, then starts a hog E that takes memory until it
 * is killed. B (adj 500) scores highest and dies first; E, now the
 * biggest, dies next; A, C and D are left for the parent to end. Shares of
 * MemTotal (VmRSS to the page), not sizes, so two kernels score them alike:
 * within a point for adj 0; the adj term differs more, as Linux's
 * totalpages / 1000 drops a different remainder on each.
 *
 * Linux: mm/oom_kill.c (oom_badness, select_bad_process), fs/proc/base.c
 * (proc_oom_score).
 */
#include "ulib.h"
#include <signal.h>
#include <sys/mman.h>
#include <sys/wait.h>

struct child {
	const char *name;
	int percent, adj;
	pid_t pid;
};

static struct child kids[] = {
    {"A", 10, 0, 0}, {"B", 10, 500, 0}, {"C", 20, -500, 0}, {"D", 5, -1000, 0}, {"E", 0, 0, 0}};

static long memtotal_kb(void)
{
	const char *s = strstr(read_file("/proc/meminfo"), "MemTotal:");

	return s ? strtol(s + 9, NULL, 10) : 0;
}

static void set_adj(int adj)
{
	char text[16];
	int n = snprintf(text, sizeof(text), "%d", adj);
	int fd = open("/proc/self/oom_score_adj", O_WRONLY);

	if (fd < 0 || write(fd, text, n) != n)
		say("oom_score_adj %d: %s\n", adj, ename(errno));
	close(fd);
}

/* A field of /proc/PID/status in kB. */
static long status_field_kb(pid_t pid, const char *field)
{
	char path[64];

	if (pid)
		snprintf(path, sizeof(path), "/proc/%d/status", (int)pid);
	else
		strcpy(path, "/proc/self/status");
	const char *s = strstr(read_file(path), field);

	return s ? strtol(s + strlen(field) + 1, NULL, 10) : -1;
}

/* bytes of fresh pages, all written (mmap: malloc could hand back a page already resident). */
static void touch(long bytes)
{
	char *p = mmap(NULL, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED)
		_exit(1);
	memset(p, 1, bytes);
}

/*
 * The child's life: adj, then memory touched until its VmRSS is its share
 * of MemTotal to the page (E: no end). The last step is what is left, not
 * a whole MiB, so the share is the same fraction on both kernels.
 */
static void child(const struct child *c, long kb, int ready)
{
	long want = kb * c->percent / 100, rss;

	set_adj(c->adj);
	while (!c->percent || (rss = status_field_kb(0, "VmRSS:")) < want)
		touch(!c->percent || want - rss >= 1024 ? 1L << 20 : (want - rss) * 1024);
	if (write(ready, "x", 1) != 1)
		_exit(2);
	for (;;)
		pause();
}

static int oom_score(pid_t pid)
{
	char path[64];

	snprintf(path, sizeof(path), "/proc/%d/oom_score", (int)pid);
	return atoi(read_file(path));
}

/*
 * 6.1's score computed here from what /proc says: rss and page tables in
 * pages, adj scaled by totalpages / 1000 (an integer division: Linux's),
 * totalpages = MemTotal (there is no swap).
 */
static long predicted_score(pid_t pid, int adj, long kb)
{
	long total = kb / 4;
	long badness = status_field_kb(pid, "VmRSS:") / 4 + status_field_kb(pid, "VmPTE:") / 4 +
		       adj * (total / 1000);

	return adj == -1000 ? 0 : (1000 + badness * 1000 / total) * 2 / 3;
}

static void say_end(const struct child *c, int status)
{
	say("%s: %s %d\n", c->name, WIFSIGNALED(status) ? "killed by signal" : "exited",
	    WIFSIGNALED(status) ? WTERMSIG(status) : WEXITSTATUS(status));
}

int main(void)
{
	long kb = memtotal_kb();
	int fds[2], status;
	char x;

	if (pipe(fds))
		return 1;
	for (int i = 0; i < 4; i++) {
		kids[i].pid = fork();
		if (kids[i].pid == 0)
			child(&kids[i], kb, fds[1]);
		if (read(fds[0], &x, 1) != 1)
			say("%s never got ready\n", kids[i].name);
	}
	say("init: oom_score %d (never a candidate)\n", oom_score(1));
	for (int i = 0; i < 4; i++) {
		int score = oom_score(kids[i].pid);

		say("%s: %2d%% of MemTotal, oom_score_adj %5d: oom_score %d\n", kids[i].name,
		    kids[i].percent, kids[i].adj, score);
		say("%s: the score from VmRSS, VmPTE and adj by 6.1's formula: %s\n", kids[i].name,
		    score == predicted_score(kids[i].pid, kids[i].adj, kb) ? "the same"
									   : "differs");
	}
	kids[4].pid = fork();
	if (kids[4].pid == 0)
		child(&kids[4], kb, fds[1]);
	say("E: takes memory until it is killed\n");
	for (int left = 2; left > 0; left--) {
		pid_t pid = wait(&status);

		for (int i = 0; i < 5; i++)
			if (kids[i].pid == pid)
				say_end(&kids[i], status);
	}
	for (int i = 0; i < 4; i++)
		if (kill(kids[i].pid, 0) == 0) {
			say("%s: still here, oom_score %d\n", kids[i].name, oom_score(kids[i].pid));
			kill(kids[i].pid, SIGKILL);
			waitpid(kids[i].pid, NULL, 0);
		}
	return 0;
}
