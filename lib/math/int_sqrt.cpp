/*
 * Integer square root (Linux: lib/math/int_sqrt.c), one result bit per
 * step from the top, in as many steps as x has bit pairs; the page
 * allocator sizes min_free_kbytes with it. Differs from Linux: no
 * int_sqrt64 (nothing here needs a 64-bit argument on i386).
 */
#include <linux/int_sqrt.h>
#include <linux/log2.h>

unsigned long int_sqrt(unsigned long x)
{
	if (x <= 1)
		return x;
	unsigned long root = 0;
	// bit: the highest power of four <= x, the square of root's top bit
	for (unsigned long bit = 1UL << (ilog2(x) & ~1); bit; bit >>= 2) {
		unsigned long trial = root + bit;
		root >>= 1;
		if (x >= trial) {
			x -= trial;
			root += bit;
		}
	}
	return root;
}
