// A lock taken twice or released while free (Linux:
// kernel/locking/spinlock_debug.c, spin_bug and spin_dump). On SMP the
// first would spin for ever and the second corrupt the lock; on this one
// CPU both are bugs in the caller's locking, reported once each time.
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/spinlock.h>

void spin_bug(spinlock_t *lock, const char *msg)
{
	pr_emerg("BUG: spinlock %s on CPU#0, %s/%d\n", msg, current->comm, current->pid);
	pr_emerg(" lock: %s (%p), .locked: %u\n", lock->name ? lock->name : "?", (void *)lock,
		 lock->locked);
	dump_stack();
}
