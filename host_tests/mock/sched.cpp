// `current` for host tests: one task, with init's rlimits, whose mm and
// files a test sets before calling a system call's code.
#include "host_support.h" // first: its C++ headers must not see `current`

#include <linux/fs_struct.h>
#include <linux/sched.h>

struct task_struct init_task = {
    .state = TASK_RUNNING,
    .comm = "host",
    .children = LIST_HEAD_INIT(init_task.children),
    .sibling = LIST_HEAD_INIT(init_task.sibling),
    .tasks = LIST_HEAD_INIT(init_task.tasks),
    .rlim = INIT_RLIMITS,
    .fs = &init_fs,
};

struct task_struct *get_current(void) { return &init_task; }
struct task_struct *child_reaper; // kernel/exit.cpp: no pid 1 on the host

/*
 * Sleeping, for the code that waits (pipes, poll): there is one task and
 * nobody else to wake it, so schedule() hands control to the test's
 * mock_schedule_hook, which plays "the other process" (writes into the
 * pipe, sends a signal) and returns. Without a hook a sleep would last
 * for ever: the mock then makes a SIGKILL pending so that the wait ends
 * with -ERESTARTSYS, and counts it in mock_stuck_sleeps for the test to
 * assert on.
 */
#include <linux/signal.h>
#include <linux/timer.h>
#include <linux/wait.h>

void (*mock_schedule_hook)(void);
unsigned long mock_sleeps, mock_stuck_sleeps, mock_wakeups;

void prepare_to_wait(struct wait_queue_head *wq, struct wait_queue_entry *wait, long state)
{
	if (wait->task != current) {
		wait->task = current;
		list_add_tail(&wait->entry, &wq->head);
	}
	current->state = state;
}

void finish_wait(struct wait_queue_head *, struct wait_queue_entry *wait)
{
	current->state = TASK_RUNNING;
	if (wait->task == current) {
		list_del(&wait->entry);
		wait->task = nullptr;
	}
}

void wake_up(struct wait_queue_head *wq)
{
	struct wait_queue_entry *w;
	list_for_each_entry(w, &wq->head, entry) {
		mock_wakeups++;
		w->task->state = TASK_RUNNING;
	}
}

void schedule(void)
{
	mock_sleeps++;
	if (mock_schedule_hook)
		mock_schedule_hook();
	else if (current->state != TASK_RUNNING) {
		mock_stuck_sleeps++;
		current->sig.pending |= sigmask(SIGKILL);
	}
	current->state = TASK_RUNNING;
}

long schedule_timeout(long timeout)
{
	schedule();
	return timeout == MAX_SCHEDULE_TIMEOUT ? timeout : 0;
}

bool signal_pending(struct task_struct *p) { return p->sig.pending & ~p->sig.blocked; }

int send_sig(int sig, struct task_struct *p)
{
	p->sig.pending |= sigmask(sig);
	return 0;
}

// Tasks alive (kernel/fork.cpp's nr_threads): the one host task.
int nr_processes(void) { return 1; }
