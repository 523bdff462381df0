/*
 * DOC: failslab (Linux: mm/failslab.c)
 *
 * Makes slab allocations fail on purpose, so the code behind every
 * kmem_cache_alloc() and kmalloc() that checks for NULL gets run:
 *
 *   failslab=<interval>,<probability>,<space>,<times>   (lib/fault-inject.cpp)
 *
 * slab_pre_alloc_hook's first question in Linux, here the first thing
 * __kmem_cache_alloc does. Linux 6.1's defaults, kept here:
 *   ignore-gfp-wait = Y  allocations that may sleep (__GFP_DIRECT_RECLAIM,
 *                        so GFP_KERNEL) never fail: only GFP_ATOMIC/NOWAIT
 *   cache-filter = N     every cache, not only those flagged SLAB_FAILSLAB
 * and always spared: __GFP_NOFAIL, and the cache of caches (kmem_cache).
 * __GFP_NOWARN fails without the FAULT_INJECTION report. The shell's
 * `fail` command shows and changes the knobs (Linux:
 * /sys/kernel/debug/failslab/, /sys/kernel/slab/<cache>/failslab).
 *
 * Differs from Linux: should_failslab is an inline test of a flag
 * (include/linux/fault-inject.h), as a static key makes it in later Linux;
 * 6.1's is a noinline function, so that BPF error injection can hook it.
 */
#include <linux/errno.h>
#include <linux/fault-inject.h>
#include <linux/init.h>
#include <linux/slab.h>

#include "slab.h"

struct failslab_attr failslab = {FAULT_ATTR_INITIALIZER("failslab"), true, false};

static int __init setup_failslab(char *str)
{
	setup_fault_attr(&failslab.attr, str);
	return 0;
}
__setup("failslab=", setup_failslab);

// Linux: __should_failslab. The object size is what space is charged.
bool __should_failslab(struct kmem_cache *s, gfp_t gfpflags)
{
	int flags = 0;
	if (unlikely(s == kmem_cache)) // the bootstrap cache: never
		return false;
	if (gfpflags & __GFP_NOFAIL)
		return false;
	if (failslab.ignore_gfp_reclaim && (gfpflags & __GFP_DIRECT_RECLAIM))
		return false;
	if (failslab.cache_filter && !(s->flags & SLAB_FAILSLAB))
		return false;
	if (gfpflags & __GFP_NOWARN) // some callers must not print at all
		flags |= FAULT_NOWARN;
	return should_fail_ex(&failslab.attr, s->object_size, flags);
}
