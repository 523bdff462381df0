// Kernel timers and timed sleeps (Linux: kernel/time/timer.c). One list,
// scanned every tick: a few sleepers at a time, where Linux's timer wheel
// is built for millions.
#include <asm/irqflags.h>
#include <linux/jiffies.h>
#include <linux/sched/task.h>
#include <linux/timer.h>

static LIST_HEAD(timers);

void add_timer(struct timer_list *timer)
{
	unsigned long flags = local_irq_save();
	if (!timer->pending) {
		list_add_tail(&timer->entry, &timers);
		timer->pending = true;
	}
	local_irq_restore(flags);
}

bool del_timer(struct timer_list *timer)
{
	unsigned long flags = local_irq_save();
	bool was = timer->pending;
	if (was) {
		list_del(&timer->entry);
		timer->pending = false;
	}
	local_irq_restore(flags);
	return was;
}

void run_local_timers(void)
{
	struct timer_list *t, *n;
	list_for_each_entry_safe(t, n, &timers, entry) {
		if (time_after(t->expires, jiffies))
			continue;
		list_del(&t->entry);
		t->pending = false;
		t->function(t);
	}
}

struct process_timer {
	struct timer_list timer;
	struct task_struct *task;
};

static void process_timeout(struct timer_list *t)
{
	wake_up_process(container_of(t, struct process_timer, timer)->task);
}

long schedule_timeout(long timeout)
{
	if (timeout == MAX_SCHEDULE_TIMEOUT) { // no timer: only a wakeup ends it
		schedule();
		return timeout;
	}
	struct process_timer t = {};
	t.task = current;
	t.timer.function = process_timeout;
	unsigned long expire = jiffies + (unsigned long)timeout;
	t.timer.expires = expire;
	add_timer(&t.timer);
	schedule();
	del_timer(&t.timer);
	long left = (long)(expire - jiffies);
	return left < 0 ? 0 : left;
}
