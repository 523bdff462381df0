/*
 * pagemap.c - which physical frame backs each virtual page, read from
 * /proc/self/pagemap, and what the kernel says of that frame in
 * /proc/kpagecount and /proc/kpageflags.
 *
 *   - four anonymous pages: one written (a frame of its own, exclusive),
 *     two only read (both the shared zero page), one never touched;
 *   - a page of the program's text: a file page;
 *   - after fork, parent and child map the written page's frame, so it
 *     is counted twice and exclusive to neither; the child's write gives
 *     the child a new frame and the parent its page back alone;
 *   - offsets and sizes not multiples of 8 are EINVAL.
 *
 * Frame numbers differ between kernels and boots, so the lines compare
 * frames ("same frame as before") rather than print them; `pagemap pfn`
 * prints them too.
 *
 * Linux: fs/proc/task_mmu.c (pagemap_read), fs/proc/page.c,
 * Documentation/admin-guide/mm/pagemap.rst.
 */
#include "ulib.h"
#include <stdint.h>
#include <sys/mman.h>
#include <sys/wait.h>

#define PM_PFN(e) ((e) & ((1ULL << 55) - 1))
#define PM_EXCLUSIVE (1ULL << 56)
#define PM_FILE (1ULL << 61)
#define PM_PRESENT (1ULL << 63)
#define KPF_MMAP (1ULL << 11)
#define KPF_ANON (1ULL << 12)
#define KPF_ZERO_PAGE (1ULL << 24)

static int show_pfn;

static uint64_t read8(const char *path, uint64_t index)
{
	uint64_t v = 0;
	int fd = open(path, O_RDONLY);

	if (fd < 0 || pread(fd, &v, 8, (off_t)(index * 8)) != 8)
		say("%s: cannot read entry %llu: %s\n", path, (unsigned long long)index,
		    ename(errno));
	close(fd);
	return v;
}

static uint64_t entry(const void *addr)
{
	return read8("/proc/self/pagemap", (uintptr_t)addr / PG);
}

/* One line: the entry's bits, then what kpagecount and kpageflags say. */
static uint64_t show(const char *who, const void *addr)
{
	uint64_t e = entry(addr), pfn = PM_PFN(e);

	say("%-26s %s%s%s", who, e & PM_PRESENT ? "present" : "absent",
	    e & PM_EXCLUSIVE ? " exclusive" : "", e & PM_FILE ? " file" : "");
	if (e & PM_PRESENT) {
		uint64_t flags = read8("/proc/kpageflags", pfn);

		say(", mapped %llu time(s)%s%s%s",
		    (unsigned long long)read8("/proc/kpagecount", pfn),
		    flags & KPF_ZERO_PAGE ? ", the zero page" : "",
		    flags & KPF_ANON ? ", anon" : "", flags & KPF_MMAP ? ", mmap" : "");
		if (show_pfn)
			say(", pfn %#llx", (unsigned long long)pfn);
	}
	say("\n");
	return pfn;
}

static void bad_offsets(void)
{
	char buf[16];
	int fd = open("/proc/self/pagemap", O_RDONLY);

	say_case("pread(pagemap, buf, 8, 4)", pread(fd, buf, 8, 4));
	say_case("pread(pagemap, buf, 7, 0)", pread(fd, buf, 7, 0));
	say_case("pread(pagemap, buf, 0, 0)", pread(fd, buf, 0, 0));
	say_case("pread(pagemap, buf, 8, 0xc0000000 / 4096 * 8)",
		 pread(fd, buf, 8, 0xc0000000UL / PG * 8));
	close(fd);
}

int main(int argc, char **argv)
{
	int status;

	show_pfn = argc > 1 && !strcmp(argv[1], "pfn");
	char *p = mmap(NULL, 4 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	p[0] = 1;
	volatile char c = p[PG] + p[3 * PG];
	(void)c;
	uint64_t written = show("written page", p);
	uint64_t zero = show("read-only page", p + PG);
	show("untouched page", p + 2 * PG);
	say("another read-only page has the same frame: %s\n",
	    zero == PM_PFN(entry(p + 3 * PG)) && zero != written ? "yes" : "no");
	show("text page (main)", (void *)main);

	pid_t pid = fork();
	if (pid == 0) {
		uint64_t before = show("child, before writing", p);
		say("child maps the parent's frame: %s\n", before == written ? "yes" : "no");
		p[0] = 2;
		uint64_t after = show("child, after writing", p);
		say("child's write moved it to a new frame: %s\n", after != before ? "yes" : "no");
		_exit(0);
	}
	waitpid(pid, &status, 0);
	uint64_t again = show("parent, after the child", p);
	say("parent kept its frame: %s\n", again == written ? "yes" : "no");
	bad_offsets();
	return 0;
}
