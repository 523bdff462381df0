#pragma once
// Kernel timers (Linux: include/linux/timer.h, kernel/time/timer.c): fn
// runs from the tick interrupt once jiffies passes expires.
#include <linux/list.h>

struct timer_list {
	struct list_head entry;
	unsigned long expires;
	void (*function)(struct timer_list *);
	bool pending;
};

void add_timer(struct timer_list *timer);
bool del_timer(struct timer_list *timer);
void run_local_timers(void);
// Sleeps (TASK_INTERRUPTIBLE, set by the caller) for up to timeout ticks:
// the ticks left if woken early (Linux: schedule_timeout).
// MAX_SCHEDULE_TIMEOUT: no timeout, only a wakeup ends the sleep.
#define MAX_SCHEDULE_TIMEOUT 0x7fffffffL
long schedule_timeout(long timeout);
