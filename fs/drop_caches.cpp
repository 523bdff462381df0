/*
 * DOC: echo N > /proc/sys/vm/drop_caches (Linux: fs/drop_caches.c)
 *
 * 1 drops the clean page cache, 2 the reclaimable slab objects, 3 both;
 * 4 silences the log line. Linux runs the shrinkers for 2 (dentries,
 * inodes) and SLUB then frees slabs left empty; here no cache has a
 * shrinker, so 2 frees every cache's empty slabs (kmem_cache_shrink)
 * instead, which is what a student sees move in slabinfo and meminfo.
 * 1 frees nothing: every cached page belongs to a ramfs file and is its
 * only copy, as Linux's ramfs and tmpfs pages are never dropped either.
 */
#include <linux/kernel.h>
#include <linux/printk.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/sysctl.h>
#include <linux/vmstat.h>

#include "../mm/slab.h"

int sysctl_drop_caches;

// Linux: drop_slab, with kmem_cache_shrink standing in for the shrinkers.
static void drop_slab(void)
{
	struct kmem_cache *s;
	list_for_each_entry(s, &slab_caches, list)
		kmem_cache_shrink(s);
}

int drop_caches_sysctl_handler(const struct ctl_table *table, int write, char *buffer, size_t *lenp,
			       loff_t *ppos)
{
	int rc = proc_dointvec_minmax(table, write, buffer, lenp, ppos);
	if (rc || !write)
		return rc;
	static int stfu;
	if (sysctl_drop_caches & 1)
		vm_events[DROP_PAGECACHE]++;
	if (sysctl_drop_caches & 2) {
		drop_slab();
		vm_events[DROP_SLAB]++;
	}
	if (!stfu)
		pr_info("%s (%d): drop_caches: %d\n", current->comm, current->pid,
			sysctl_drop_caches);
	stfu |= sysctl_drop_caches & 4;
	return 0;
}
