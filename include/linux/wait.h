#pragma once
/*
 * Wait queues (Linux: include/linux/wait.h, kernel/sched/wait.c).
 *
 * A task that must wait for something (a child to exit, a key to be typed,
 * a timer) puts itself on the thing's wait queue, marks itself sleeping and
 * calls schedule(); whoever makes the thing happen calls wake_up(), which
 * makes every waiter runnable again. The waiter re-checks its condition:
 * a wakeup is a hint, not a promise.
 */
#include <linux/errno.h>
#include <linux/list.h>

struct task_struct;

struct wait_queue_head {
	struct list_head head;
};

struct wait_queue_entry {
	struct task_struct *task;
	struct list_head entry;
};

static inline void init_waitqueue_head(struct wait_queue_head *wq) { INIT_LIST_HEAD(&wq->head); }

void prepare_to_wait(struct wait_queue_head *wq, struct wait_queue_entry *wait, long state);
void finish_wait(struct wait_queue_head *wq, struct wait_queue_entry *wait);
void wake_up(struct wait_queue_head *wq);
void schedule(void);

// Sleeps until cond holds: 0, or -ERESTARTSYS if a signal arrives first.
#define wait_event_interruptible(wq, cond)                                                         \
	({                                                                                         \
		int __ret = 0;                                                                     \
		struct wait_queue_entry __wait = {};                                               \
		for (;;) {                                                                         \
			prepare_to_wait(&(wq), &__wait, 1 /* TASK_INTERRUPTIBLE */);               \
			if (cond)                                                                  \
				break;                                                             \
			if (signal_pending(current)) {                                             \
				__ret = -ERESTARTSYS;                                              \
				break;                                                             \
			}                                                                          \
			schedule();                                                                \
		}                                                                                  \
		finish_wait(&(wq), &__wait);                                                       \
		__ret;                                                                             \
	})
