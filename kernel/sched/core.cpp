// The task running now (Linux: kernel/sched/core.c, init/init_task.c).
// init_task is the boot CPU's first task: it becomes the idle task once
// the scheduler starts.
#include <linux/sched.h>

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
