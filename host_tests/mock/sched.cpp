// `current` for host tests: one task, with init's rlimits, whose mm and
// files a test sets before calling a system call's code.
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
