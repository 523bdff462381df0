// Wait queues (Linux: kernel/sched/wait.c). Interrupts are off while a
// queue changes: an interrupt handler may wake the same queue.
#include <asm/irqflags.h>
#include <linux/sched/task.h>
#include <linux/wait.h>

void prepare_to_wait(struct wait_queue_head *wq, struct wait_queue_entry *wait, long state)
{
	unsigned long flags = local_irq_save();
	if (wait->task != current) { // first call: not on the queue yet
		wait->task = current;
		list_add_tail(&wait->entry, &wq->head);
	}
	current->state = state;
	local_irq_restore(flags);
}

void finish_wait(struct wait_queue_head *wq, struct wait_queue_entry *wait)
{
	unsigned long flags = local_irq_save();
	current->state = TASK_RUNNING;
	if (wait->task == current) {
		list_del(&wait->entry);
		wait->task = nullptr;
	}
	local_irq_restore(flags);
}

void wake_up(struct wait_queue_head *wq)
{
	unsigned long flags = local_irq_save();
	struct wait_queue_entry *w;
	list_for_each_entry(w, &wq->head, entry)
		wake_up_process(w->task);
	local_irq_restore(flags);
}
