#pragma once
/*
 * Spinlocks with Linux's names, in Linux's places (Linux:
 * include/linux/spinlock.h, kernel/locking/spinlock_debug.c).
 *
 * One CPU and a kernel that never preempts itself: a task holding a lock
 * cannot be interrupted by another task, so there is nothing to spin for.
 * What can cut in is an interrupt handler, and the _irqsave forms shut
 * that door, which is the protection the data get today. Taking a lock
 * still records it, as CONFIG_DEBUG_SPINLOCK does, so a path that takes
 * the same lock twice (it would hang on SMP) or releases a free one is
 * reported with its name and a backtrace. SMP support would give these
 * bodies an atomic exchange and a spin loop; no caller would change.
 *
 * The locks: zone->lock (the buddy lists), pcp->lock (per-CPU page
 * lists), kmem_cache_node->list_lock (SLUB's partial slabs),
 * vmap_area_lock (vmalloc's areas), kmap_lock (pkmap slots) and
 * mm->page_table_lock (a process's page tables).
 */
#include <asm/irqflags.h>

typedef struct spinlock {
	unsigned int locked;
	const char *name;
} spinlock_t;

#define __SPIN_LOCK_UNLOCKED(lockname)                                                             \
	{                                                                                          \
		0, #lockname                                                                       \
	}
#define DEFINE_SPINLOCK(x) spinlock_t x = __SPIN_LOCK_UNLOCKED(x)

static inline void spin_lock_init_named(spinlock_t *lock, const char *name)
{
	lock->locked = 0;
	lock->name = name;
}
#define spin_lock_init(lock) spin_lock_init_named(lock, #lock)

// "BUG: spinlock recursion on CPU#0, comm/pid" and a backtrace (Linux: spin_bug).
void spin_bug(spinlock_t *lock, const char *msg);

static inline void spin_lock(spinlock_t *lock)
{
	if (lock->locked)
		spin_bug(lock, "recursion");
	lock->locked = 1;
}

static inline void spin_unlock(spinlock_t *lock)
{
	if (!lock->locked)
		spin_bug(lock, "already unlocked");
	lock->locked = 0;
}

static inline bool spin_is_locked(const spinlock_t *lock) { return lock->locked; }

#define spin_lock_irqsave(lock, flags)                                                             \
	do {                                                                                       \
		(flags) = local_irq_save();                                                        \
		spin_lock(lock);                                                                   \
	} while (0)

static inline void spin_unlock_irqrestore(spinlock_t *lock, unsigned long flags)
{
	spin_unlock(lock);
	local_irq_restore(flags);
}
