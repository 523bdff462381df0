#pragma once
/*
 * Fault injection (Linux: include/linux/fault-inject.h, lib/fault-inject.c).
 *
 * A struct fault_attr says when a call site should pretend to fail:
 *
 *   failslab=<interval>,<probability>,<space>,<times>
 *
 *   space        the first <space> bytes asked for always succeed
 *   interval     then only every <interval>-th call is a candidate
 *   probability  a candidate fails with this chance, in percent
 *   times        at most this many failures (-1: no limit)
 *
 * and, before all of these, fail-nth: the n-th call from now fails whatever
 * the attribute says (Linux: /proc/self/fail-nth, current->fail_nth).
 *
 * Differs from Linux: no task filter, no stack filter (require-start/end,
 * reject-start/end), no debugfs; one fail-nth for the whole kernel, since
 * there is one thread of execution (Linux keeps one per task).
 */
#include <linux/compiler.h>
#include <linux/gfp.h>
#include <linux/ratelimit.h>
#include <linux/types.h>

struct fault_attr {
	unsigned long probability; // percent; 0 never fails, 100 and above always
	unsigned long interval;
	int times;	       // Linux: atomic_t; -1 is unlimited
	int space;	       // Linux: atomic_t
	unsigned long verbose; // 0 silent, 1 the two lines, 2 and a stack (default)
	unsigned long count;   // candidates seen, for interval
	const char *dname;     // Linux: the debugfs dentry, printed with %pd
	struct ratelimit_state ratelimit_state; // 10 reports per 5 s
	unsigned long injected;			// failures forced so far (ours: the shell shows it)
};

// Linux's FAULT_ATTR_INITIALIZER: fails nothing until told (probability 0),
// then once (times 1), loudly (verbose 2).
#define FAULT_ATTR_INITIALIZER(name)                                                               \
	{                                                                                          \
		0, 1, 1, 0, 2, 0, name, {}, 0                                                      \
	}

#define FAULT_NOWARN 0x1 // the caller passed __GFP_NOWARN: fail without a word

// size: bytes asked for (Linux: ssize_t), charged against space.
bool should_fail_ex(struct fault_attr *attr, long size, int flags);
static inline bool should_fail(struct fault_attr *attr, long size)
{
	return should_fail_ex(attr, size, 0);
}
// Parses "<interval>,<probability>,<space>,<times>"; 1 if taken, 0 (and
// Linux's warning) if not.
int setup_fault_attr(struct fault_attr *attr, char *str);

// fail-nth (Linux: current->fail_nth, written through /proc/self/fail-nth):
// n > 0 makes the n-th should_fail() from now fail; reads give what is left
// (0 once it fired).
void fault_set_fail_nth(unsigned int n);
unsigned int fault_fail_nth(void);
// should_fail() calls that reached the fail-nth count since boot: the
// ktest sweep measures a test's allocations with it, between
// fault_count_calls(true) and (false), which make every hook ask (they nest).
unsigned long fault_calls(void);
void fault_count_calls(bool on);
// fail-nth counts down or someone counts calls: every hook must ask should_fail().
extern bool fault_inject_armed;

// The two attributes and their knobs (mm/failslab.cpp, mm/fail_page_alloc.cpp).
struct kmem_cache;
struct failslab_attr {
	struct fault_attr attr;
	bool ignore_gfp_reclaim; // debugfs ignore-gfp-wait: spare __GFP_DIRECT_RECLAIM calls
	bool cache_filter;	 // only caches flagged SLAB_FAILSLAB
};
struct fail_page_alloc_attr {
	struct fault_attr attr;
	bool ignore_gfp_highmem; // spare __GFP_HIGHMEM calls
	bool ignore_gfp_reclaim; // ignore-gfp-wait: spare __GFP_DIRECT_RECLAIM calls
	u32 min_order;		 // spare orders below this
};
extern struct failslab_attr failslab;
extern struct fail_page_alloc_attr fail_page_alloc;

// The hooks: true means "fail this allocation".
bool __should_failslab(struct kmem_cache *s, gfp_t gfpflags);
bool should_fail_alloc_page(gfp_t gfp_mask, unsigned int order);

/*
 * Linux: should_failslab, asked first by every slab allocation. While
 * failslab can fail nothing (probability 0, fail-nth not armed) it is one
 * test of two words and no call, as a static key makes it in later Linux
 * (should_failslab_active); the out-of-line part is __should_failslab.
 * Context: any, as the allocation that asks.
 */
static __always_inline bool should_failslab(struct kmem_cache *s, gfp_t gfpflags)
{
	if (__builtin_expect(!failslab.attr.probability && !fault_inject_armed, 1))
		return false;
	return __should_failslab(s, gfpflags);
}

// The shell's `fail` command (kernel/shell.cpp's table calls it).
bool fault_inject_cmd(int argc, char **argv);
