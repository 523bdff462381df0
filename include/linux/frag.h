#pragma once
// The fragmentation demonstration (mm/frag.cpp; the shell's frag command).
#include <linux/types.h>

struct frag_result {
	unsigned long filled;		   // single pages allocated, half unmovable, half movable
	unsigned long free_after;	   // free pages once the movable half is freed
	unsigned long high_order_ok;	   // order-9 requests that then succeeded
	unsigned long load_tries, load_ok; // the same while movable memory churns
};

// One round: fill with blocks of 1 to 2^max_order pages, free the movable
// half, count order-9 successes, give everything back. grouping: 0 off, 1 on,
// FRAG_AS_BOOTED as the boot left it (mobility_grouping=). show (may be NULL)
// runs just before the count.
#define FRAG_AS_BOOTED (-1)
void frag_run(int grouping, unsigned int max_order, struct frag_result *r, void (*show)(void));
// Both rounds, with a physmap of each and a summary line.
void frag_demo(void);
