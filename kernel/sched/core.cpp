/*
 * DOC: the scheduler (Linux: kernel/sched/core.c, init/init_task.c)
 *
 * Round robin over the runnable tasks, one CPU. The runqueue holds every
 * runnable task except the one running; schedule() puts current back at
 * the tail if it can still run and switches to the head, or to the idle
 * task when the queue is empty. The timer tick takes one tick off the
 * running task's slice; at zero it asks for a reschedule, which happens
 * the next time the task is about to return to user mode (the kernel is
 * not preemptible) or calls schedule() itself to sleep.
 *
 * Differs from Linux 6.1: no CFS (vruntime, a red-black tree of tasks by
 * virtual runtime) and no priorities: SCHED_RR's fixed 100 ms slices for
 * everyone. The runqueue "lock" is interrupts off, which is all one CPU
 * needs; the interrupt handlers only ever wake tasks.
 */
#include <asm/irqflags.h>
#include <asm/switch_to.h>
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/sched/task.h>
#include <linux/uaccess.h>

struct task_struct init_task = {
    .state = TASK_RUNNING,
    .comm = "swapper",
    .flags = PF_KTHREAD,
    .children = LIST_HEAD_INIT(init_task.children),
    .sibling = LIST_HEAD_INIT(init_task.sibling),
    .tasks = LIST_HEAD_INIT(init_task.tasks),
    .rlim = INIT_RLIMITS,
};

struct task_struct *current_task = &init_task;

struct task_struct *get_current(void) { return current_task; }

static LIST_HEAD(runqueue);
static unsigned long nr_switches;
static struct task_struct *last_prev; // the task switched away from, for finish_task_switch

unsigned long nr_context_switches(void) { return nr_switches; }

// Runnable tasks: those waiting in line and the one on the CPU, unless
// that is the idle task (Linux: nr_running).
unsigned int nr_running(void)
{
	unsigned int n = current != &init_task && current->state == TASK_RUNNING;
	struct task_struct *p;
	list_for_each_entry(p, &runqueue, run_list)
		n++;
	return n;
}

static void enqueue_task(struct task_struct *p)
{
	if (p->on_rq || p == &init_task)
		return;
	list_add_tail(&p->run_list, &runqueue);
	p->on_rq = true;
}

static void dequeue_task(struct task_struct *p)
{
	if (!p->on_rq)
		return;
	list_del(&p->run_list);
	p->on_rq = false;
}

// Makes p runnable. True if it was asleep (Linux: try_to_wake_up). A
// stopped task stays stopped: only SIGCONT and SIGKILL end a stop.
// Context: any, interrupts on or off, interrupt handlers too.
bool wake_up_process(struct task_struct *p)
{
	unsigned long flags = local_irq_save();
	bool woke = p->state != TASK_RUNNING && p->state != TASK_DEAD && p->state != TASK_STOPPED &&
		    !p->exit_state;
	if (woke) {
		p->state = TASK_RUNNING;
		if (p != current)
			enqueue_task(p);
	}
	local_irq_restore(flags);
	return woke;
}

// A new task's first run (Linux: wake_up_new_task).
void wake_up_new_task(struct task_struct *p)
{
	unsigned long flags = local_irq_save();
	p->state = TASK_RUNNING;
	p->time_slice = RR_TIMESLICE;
	enqueue_task(p);
	local_irq_restore(flags);
}

// The tail of a context switch, on the new task's stack. A dead task's
// stack can go now that nothing runs on it (Linux: finish_task_switch ->
// put_task_stack); its task_struct stays for the parent's wait4.
static void finish_task_switch(struct task_struct *prev)
{
	if (prev->state == TASK_DEAD)
		free_task_stack(prev);
}

// Where a new task starts (entry_32.asm's ret_from_fork calls it).
// Where a new task starts (entry_32.asm's ret_from_fork calls it). The
// child's own tid store happens here, in its own address space.
extern "C" void schedule_tail(void)
{
	finish_task_switch(last_prev);
	local_irq_enable();
	if (current->set_child_tid)
		put_user(current->pid, current->set_child_tid);
	current->set_child_tid = nullptr;
}

static struct task_struct *pick_next_task(void)
{
	if (list_empty(&runqueue))
		return &init_task;
	struct task_struct *next = list_first_entry(&runqueue, struct task_struct, run_list);
	dequeue_task(next);
	return next;
}

// Gives the CPU to the next runnable task (Linux: __schedule). current
// keeps its place in line if it is still runnable; a task that set itself
// TASK_INTERRUPTIBLE before calling this sleeps until woken.
void schedule(void)
{
	unsigned long flags = local_irq_save();
	struct task_struct *prev = current;
	if (prev->need_resched)
		prev->nivcsw++;
	else if (prev->state != TASK_RUNNING)
		prev->nvcsw++;
	prev->need_resched = false;
	if (prev->state == TASK_RUNNING)
		enqueue_task(prev);
	struct task_struct *next = pick_next_task();
	if (next != prev) {
		nr_switches++;
		if (!next->time_slice)
			next->time_slice = RR_TIMESLICE;
		last_prev = prev;
		switch_to(prev, next);
		finish_task_switch(last_prev);
	}
	local_irq_restore(flags);
}

// Every timer tick, in the interrupt (Linux: scheduler_tick,
// task_tick_rt's round-robin part).
void scheduler_tick(void)
{
	calc_global_load();
	struct task_struct *p = current;
	if (p == &init_task) {
		p->need_resched = !list_empty(&runqueue);
		return;
	}
	if (p->time_slice && --p->time_slice)
		return;
	p->time_slice = RR_TIMESLICE;
	if (!list_empty(&runqueue))
		p->need_resched = true;
}

// Waits for work with interrupts on (Linux: do_idle, default_idle).
__noreturn void cpu_idle_loop(void)
{
	for (;;) {
		local_irq_disable();
		if (list_empty(&runqueue))
			safe_halt();
		else
			local_irq_enable();
		schedule();
	}
}
