/*
 * mmap_edge.c - the corners of the address-space system calls.
 *
 * Each case prints its call, the value returned and the errno name, so the
 * same line can be compared on two kernels. Addresses come from a private
 * arena: ARENA pages mapped once and then cut into holes and pieces, so
 * every case knows exactly what lies around its address.
 *
 * Linux: mm/mmap.c (do_mmap, __do_munmap, sys_brk), mm/mprotect.c,
 * mm/mremap.c, mm/madvise.c, mm/mincore.c.
 */
#include "ulib.h"
#include <sys/mman.h>
#include <sys/syscall.h>

#define ARENA 16

/* The result of a call returning an address (or MAP_FAILED). */
#define PTR_CASE(expr)                                                                             \
	do {                                                                                       \
		errno = 0;                                                                         \
		void *r_ = (void *)(expr);                                                         \
		say("%-60s = %s%s%s\n", #expr, r_ == MAP_FAILED ? "MAP_FAILED" : at(r_),           \
		    r_ == MAP_FAILED ? " " : "", r_ == MAP_FAILED ? ename(errno) : "");            \
	} while (0)

#define RW (PROT_READ | PROT_WRITE)
#define ANON (MAP_PRIVATE | MAP_ANONYMOUS)

static char *a; /* the arena */
/* Address 1, through a volatile so gcc cannot see (and reject) the bad pointer. */
static void *volatile addr_1 = (void *)1;
static unsigned char vec[ARENA];

/* "a+N pages" when P is inside the arena, else the raw address. */
static const char *at(void *p)
{
	static char s[32];
	long off = (char *)p - a;

	if (a && off >= 0 && off < (long)(ARENA * PG) && !(off % PG))
		snprintf(s, sizeof(s), "a+%ldp", off / (long)PG);
	else
		snprintf(s, sizeof(s), "%p", p);
	return s;
}

static void mmap_cases(void)
{
	PTR_CASE(mmap(NULL, 0, RW, ANON, -1, 0));
	PTR_CASE(mmap(NULL, PG, RW, MAP_ANONYMOUS, -1, 0));
	PTR_CASE(mmap(a + 1, PG, RW, ANON | MAP_FIXED, -1, 0));
	PTR_CASE(mmap(a, PG, RW, ANON | MAP_FIXED_NOREPLACE, -1, 0));
	PTR_CASE(mmap(a + 15 * PG, 2 * PG, RW, ANON | MAP_FIXED_NOREPLACE, -1, 0));
	PTR_CASE(mmap(NULL, 0xf0000000UL, RW, ANON, -1, 0));
	PTR_CASE(mmap(NULL, PG, RW, ANON, -1, 1));
	PTR_CASE(mmap(NULL, PG, RW, MAP_PRIVATE, 99, 0));
	PTR_CASE(mmap((void *)0xc0000000UL, PG, RW, ANON | MAP_FIXED, -1, 0));
}

static void munmap_mprotect_cases(void)
{
	INT_CASE(munmap(a + 1 * PG, PG)); /* punches the hole used below */
	/* A hint at a free address is honoured without MAP_FIXED. */
	PTR_CASE(mmap(a + 1 * PG, PG, RW, ANON, -1, 0));
	INT_CASE(munmap(a + 1 * PG, PG));
	INT_CASE(munmap(a + 1 * PG, PG)); /* nothing there any more: still 0 */
	INT_CASE(munmap(a + 1, PG));
	INT_CASE(munmap(a, 0));
	INT_CASE(munmap((void *)0xbff00000UL, 0x200000));
	INT_CASE(mprotect(a + 1 * PG, PG, PROT_READ));
	INT_CASE(mprotect(a + 1, PG, PROT_READ));
	INT_CASE(mprotect(a, PG, 0x100));
	/* a+0 is mapped, a+1 is the hole: a+0 changes before the error. */
	INT_CASE(mprotect(a, 2 * PG, PROT_READ));
	INT_CASE(mprotect(a + 2 * PG, 2 * PG, PROT_READ));
	INT_CASE(mprotect(a + 4 * PG, PG, PROT_NONE));
	show_maps("---p");
}

static void mremap_cases(void)
{
	INT_CASE(munmap(a + 8 * PG, 2 * PG));	     /* a+8..a+9 free, a+10.. mapped */
	PTR_CASE(mremap(a + 6 * PG, PG, 2 * PG, 0)); /* grows into a+7? taken: ENOMEM */
	PTR_CASE(mremap(a + 7 * PG, PG, 3 * PG, 0)); /* into the a+8..a+9 hole */
	PTR_CASE(mremap(a + 7 * PG, 3 * PG, 4 * PG, 0));
	PTR_CASE(mremap(a + 7 * PG, 3 * PG, 4 * PG, MREMAP_MAYMOVE));
	PTR_CASE(mremap(a + 6 * PG, PG, PG / 2, 0));
	PTR_CASE(mremap(a + 1 * PG, PG, 2 * PG, MREMAP_MAYMOVE));
	PTR_CASE(mremap(a + 6 * PG, PG, 0, MREMAP_MAYMOVE));
	PTR_CASE(mremap(a + 6 * PG + 1, PG, PG, MREMAP_MAYMOVE));
	PTR_CASE(mremap(a + 6 * PG, PG, PG, MREMAP_FIXED));
	PTR_CASE(mremap(a + 6 * PG, PG, PG, MREMAP_FIXED | MREMAP_MAYMOVE, a + 12 * PG));
	PTR_CASE(mremap(a + 12 * PG, PG, 3 * PG, 0));
	show_maps(NULL);
}

static void madvise_mincore_cases(void)
{
	a[14 * PG] = 9;
	INT_CASE(madvise(a + 14 * PG, PG, 999));
	INT_CASE(madvise(a + 14 * PG + 1, PG, MADV_DONTNEED));
	INT_CASE(madvise(a + 1 * PG, PG, MADV_DONTNEED));
	INT_CASE(madvise(a + 14 * PG, PG, MADV_DONTNEED));
	say("a[14p] after MADV_DONTNEED reads %d\n", a[14 * PG]);
	INT_CASE(madvise(a + 14 * PG, PG, MADV_NORMAL));
	INT_CASE(mincore(a + 14 * PG + 1, PG, vec));
	INT_CASE(mincore(a + 1 * PG, PG, vec));
	INT_CASE(mincore(a + 14 * PG, PG, addr_1));
	INT_CASE(mincore(a + 14 * PG, 2 * PG, vec));
	say("mincore vec = %d %d\n", vec[0], vec[1]);
}

static void brk_cases(void)
{
	long cur = syscall(SYS_brk, 0);

	say("brk(0) = heap end (%s)\n", cur == (long)sbrk(0) ? "matches sbrk(0)" : "differs");
	say("brk(end + 3 pages + 1) moves it by %ld\n", syscall(SYS_brk, cur + 3 * PG + 1) - cur);
	say("brk(end + 1 page) moves it by %ld\n", syscall(SYS_brk, cur + PG) - (cur + 3 * PG + 1));
	say("brk(1) (below the start) moves it by %ld\n", syscall(SYS_brk, 1) - (cur + PG));
	say("brk(0xbf000000) (over the mmap area) moves it by %ld\n",
	    syscall(SYS_brk, 0xbf000000UL) - (cur + PG));
	say("brk(back) moves it by %ld\n", syscall(SYS_brk, cur) - (cur + PG));
}

static void efault_cases(void)
{
	int fd = open("/proc/self/maps", O_RDONLY);
	char *ro = mmap(NULL, PG, PROT_READ, ANON, -1, 0);

	INT_CASE(read(fd, addr_1, 100));
	INT_CASE(read(fd, ro, 100));
	INT_CASE(read(fd, a + 1 * PG, 100));
	INT_CASE(write(1, addr_1, 4));
	INT_CASE(write(1, a + 1 * PG, 4));
	INT_CASE(read(-1, vec, 1));
	INT_CASE(close(fd));
	INT_CASE(munmap(ro, PG));
}

int main(void)
{
	a = mmap(NULL, ARENA * PG, RW, ANON, -1, 0);
	say("arena a = %p, %d pages\n", (void *)a, ARENA);
	if (a == MAP_FAILED)
		return 1;
	say("-- mmap\n");
	mmap_cases();
	say("-- munmap, mprotect\n");
	munmap_mprotect_cases();
	say("-- mremap\n");
	mremap_cases();
	say("-- madvise, mincore\n");
	madvise_mincore_cases();
	say("-- brk\n");
	brk_cases();
	say("-- EFAULT\n");
	efault_cases();
	return 0;
}
