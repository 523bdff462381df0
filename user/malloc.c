/*
 * malloc.c - the course's story "when we call malloc(), what does the kernel
 * do?", told by glibc's own malloc.
 *
 * Small requests are cut from the heap, which malloc grows with brk(): the
 * first malloc() asks for its request plus M_TOP_PAD (128 KiB) at once, so
 * the [heap] line of /proc/self/maps appears or grows and later small
 * mallocs need no system call. A request at or above M_MMAP_THRESHOLD
 * (128 KiB) gets its own mmap() region instead, and free() gives it back
 * with munmap(). glibc then raises the threshold to the freed size (its
 * "dynamic threshold"), so the same request made again comes from the heap.
 * Either way the kernel only reserves addresses (a vma): pages come later,
 * on the first touch (demand.c).
 *
 * A static binary's heap does not start empty: before main(), glibc's
 * start-up took its TLS block with sbrk() and made its first mallocs
 * (_dl_non_dynamic_init() sets up the library search paths dlopen would
 * use), so the heap and its 128 KiB of top pad are already there, and the
 * first small mallocs of main() are cut from that top chunk without any
 * system call. Only a request larger than what is left of the top chunk
 * reaches sysmalloc(), which picks brk or mmap by the threshold.
 *
 * Linux: sys_brk() and do_mmap() in mm/mmap.c.
 */
#include "ulib.h"
#include <stdlib.h>

#define KiB 1024

/* The linker's end of .bss: the heap starts at the next page (norandmaps). */
extern char end[];
static char *heap_start;

static void step(const char *what)
{
	static char *last;
	char *brk_now = sbrk(0);

	say("-- %s: sbrk(0)=%p (heap start + %ld KiB, %+ld KiB)\n", what, (void *)brk_now,
	    (long)(brk_now - heap_start) / KiB, last ? (long)(brk_now - last) / KiB : 0L);
	last = brk_now;
	show_maps(NULL);
}

static const char *where(void *p)
{
	return (char *)p >= heap_start && (char *)p < (char *)sbrk(0) ? "in the heap"
								      : "outside the heap: mmap";
}

static void *alloc(size_t size, const char *why)
{
	void *p = malloc(size);

	say("malloc(%zu KiB)=%p %s%s\n", size / KiB, p, where(p), why);
	return p;
}

int main(void)
{
	heap_start = (char *)(((unsigned long)end + PG - 1) & ~(PG - 1));
	say("end of .bss=%p, so the heap starts at %p\n", (void *)end, (void *)heap_start);
	step("at main()");

	char *a = malloc(16), *b = malloc(100), *c = malloc(1000);
	say("malloc(16)=%p malloc(100)=%p malloc(1000)=%p\n", (void *)a, (void *)b, (void *)c);
	say("b-a=%ld c-b=%ld (a 4-byte size header, sizes rounded up to 16)\n", (long)(b - a),
	    (long)(c - b));
	step("after three small mallocs");

	char *d = alloc(100 * KiB, ", from the top chunk");
	char *e = alloc(100 * KiB, ", the top chunk was too small: brk");
	step("after two malloc(100 KiB)");

	char *big = alloc(200 * KiB, ", over M_MMAP_THRESHOLD (128 KiB)");
	step("after malloc(200 KiB)");
	free(big);
	step("after free(200 KiB): munmap");

	big = alloc(200 * KiB, ", the threshold rose to 200 KiB at free()");
	step("after the second malloc(200 KiB)");

	free(big);
	free(e);
	free(d);
	free(c);
	free(b);
	free(a);
	step("after freeing everything: the heap's top is trimmed");
	return 0;
}
