// Heapsort (Linux: lib/sort.c). Boot code sorts small tables (e820 change
// points, memblock regions) with no allocator available, so: in place, no
// recursion, bounded time.
#include <linux/sort.h>

static void swap_bytes(u8 *a, u8 *b, size_t size)
{
	while (size--) {
		u8 t = *a;
		*a++ = *b;
		*b++ = t;
	}
}

// Moves the element at root down until the heap below it is ordered again.
static void sift_down(u8 *base, size_t root, size_t n, size_t size, cmp_func_t cmp)
{
	for (;;) {
		size_t child = 2 * root + 1;
		if (child >= n)
			return;
		if (child + 1 < n && cmp(base + child * size, base + (child + 1) * size) < 0)
			child++;
		if (cmp(base + root * size, base + child * size) >= 0)
			return;
		swap_bytes(base + root * size, base + child * size, size);
		root = child;
	}
}

void sort(void *base, size_t num, size_t size, cmp_func_t cmp)
{
	u8 *b = (u8 *)base;
	if (num < 2)
		return;
	for (size_t i = num / 2; i-- > 0;)
		sift_down(b, i, num, size, cmp);
	for (size_t end = num - 1; end > 0; end--) {
		swap_bytes(b, b + end * size, size);
		sift_down(b, 0, end, size, cmp);
	}
}
