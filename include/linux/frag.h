#pragma once
// The fragmentation demonstration (mm/frag.cpp; the shell's frag command).
#include <linux/types.h>

struct frag_result {
	unsigned long filled;	     // single pages allocated, half unmovable, half movable
	unsigned long free_after;    // free pages once the movable half is freed
	unsigned long high_order_ok; // order-9 requests that then succeeded
};

// One round: fill, free the movable half, count order-9 successes, give
// everything back. show (may be NULL) runs just before the count.
void frag_run(bool grouping, struct frag_result *r, void (*show)(void));
// Both rounds, with a physmap of each and a summary line.
void frag_demo(void);
