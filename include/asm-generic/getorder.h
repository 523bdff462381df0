#pragma once
// get_order (Linux: include/asm-generic/getorder.h), which everyone gets
// through <linux/mm.h>, as in Linux.
#include <asm/page_types.h>
#include <linux/log2.h>

// The order of the smallest block of pages holding size bytes: fls() of the
// page count less one, as Linux computes it. No loop over PAGE_SIZE << order,
// which wraps to 0 above 2 GiB; any size gets an order, possibly one the
// buddy allocator refuses (>= MAX_ORDER). get_order(0) is undefined in
// Linux; here, as there, it is the largest order.
static inline unsigned int get_order(unsigned long size)
{
	size = (size - 1) >> PAGE_SHIFT;
	return size ? (unsigned int)ilog2(size) + 1 : 0;
}
