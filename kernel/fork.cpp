/*
 * DOC: making tasks (Linux: kernel/fork.c)
 *
 * Every task but the first is a copy of the one that made it: fork gives
 * the child a copy of the parent's address space (dup_mm: every page
 * shared copy-on-write), its open files and its registers, so that both
 * return from the same fork, the child with 0. A kernel thread is the same
 * copy without an address space, starting in a kernel function instead.
 *
 * Differs from Linux 6.1: no threads (CLONE_VM without CLONE_VFORK, and
 * CLONE_THREAD, are refused with -EINVAL), no namespaces or cgroups; pids
 * are handed out in order and wrap at pid_max as Linux's do.
 */
#include <asm/ptrace.h>
#include <linux/errno.h>
#include <linux/fdtable.h>
#include <linux/fs_struct.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/kmem_pool.h>
#include <linux/mm.h>
#include <linux/mm_space.h>
#include <linux/sched/task.h>
#include <linux/signal.h>
#include <linux/string.h>
#include <linux/uaccess.h>

int copy_thread(struct task_struct *p, const struct kernel_clone_args *args);

static KmemPool<task_struct> task_pool;
static int last_pid;
static int nr_threads;
int pid_max = 32768;	   // Linux: PID_MAX_DEFAULT
int max_threads;	   // set from memory by fork_init, as Linux
static int nr_tasks_total; // every fork since boot (Linux: total_forks)

// Linux: fork_init: as many tasks as 1/8 of memory can hold in kernel stacks.
void __init fork_init(void)
{
	task_pool.init("task_struct");
	max_threads =
	    (int)(totalram_pages_count / ((PAGE_SIZE << THREAD_SIZE_ORDER) / PAGE_SIZE) / 8);
	if (max_threads < 20)
		max_threads = 20;
	init_task.rlim[RLIMIT_NPROC].rlim_cur = init_task.rlim[RLIMIT_NPROC].rlim_max =
	    max_threads / 2;
	init_task.rlim[RLIMIT_SIGPENDING] = init_task.rlim[RLIMIT_NPROC];
	init_task.active_mm = nullptr;
	init_task.state = TASK_RUNNING;
	init_waitqueue_head(&init_task.wait_chldexit);
}

struct task_struct *find_task_by_pid(pid_t pid)
{
	struct task_struct *p;
	list_for_each_entry(p, &init_task.tasks, tasks)
		if (p->pid == pid)
			return p;
	return pid == 0 ? &init_task : nullptr;
}

// The next free pid after the last one, wrapping to 300 as Linux does
// (RESERVED_PIDS: low pids stay for daemons started at boot).
static pid_t alloc_pid(void)
{
	for (int tries = 0; tries < pid_max; tries++) {
		int pid = last_pid + 1;
		if (pid >= pid_max)
			pid = 300;
		last_pid = pid;
		if (!find_task_by_pid(pid))
			return pid;
	}
	return -EAGAIN;
}

static int alloc_task_stack(struct task_struct *p)
{
	struct page *page = alloc_pages(GFP_KERNEL, THREAD_SIZE_ORDER);
	if (!page)
		return -ENOMEM;
	p->stack = page_address(page);
	return 0;
}

void free_task_stack(struct task_struct *p)
{
	if (p->stack)
		free_pages((unsigned long)p->stack, THREAD_SIZE_ORDER);
	p->stack = nullptr;
}

static int copy_mm(unsigned long clone_flags, struct task_struct *p)
{
	p->mm = p->active_mm = nullptr;
	if (!current->mm || (clone_flags & CLONE_VM))
		return 0; // a kernel thread, or vfork sharing the parent's
	p->mm = p->active_mm = dup_mm(current->mm);
	return p->mm ? 0 : -ENOMEM;
}

// Open files and the root/cwd pair: copies for fork (Linux's CLONE_FILES
// and CLONE_FS would share them; without threads nobody asks).
static int copy_files(unsigned long clone_flags, struct task_struct *p)
{
	p->files = nullptr;
	p->fs = nullptr;
	if (current->files && !(p->files = dup_fd(current->files)))
		return -ENOMEM;
	if (current->fs && !(p->fs = copy_fs_struct(current->fs))) {
		put_files_struct(p->files);
		p->files = nullptr;
		return -ENOMEM;
	}
	return 0;
}

void exit_files(struct task_struct *tsk)
{
	if (tsk->files)
		put_files_struct(tsk->files);
	tsk->files = nullptr;
	if (tsk->fs)
		exit_fs(tsk);
}

static void copy_flags_and_limits(struct task_struct *p, const struct kernel_clone_args *args)
{
	struct task_struct *parent = current;
	memcpy(p->comm, parent->comm, sizeof(p->comm));
	memcpy(p->rlim, parent->rlim, sizeof(p->rlim));
	p->flags = (args->fn ? PF_KTHREAD : 0) | PF_FORKNOEXEC;
	p->pgrp = parent->pgrp; // Linux: copy_process's init_task_pid(PGID, SID)
	p->session = parent->session;
	p->tty = parent->tty;
	p->jobctl_status = 0;
	p->oom_score_adj = parent->oom_score_adj; // Linux: in signal_struct, copied
	p->oom_victim = false;
	p->exit_signal = args->exit_signal;
	copy_signal_state(p, parent);
	INIT_LIST_HEAD(&p->children);
	INIT_LIST_HEAD(&p->sibling);
	init_waitqueue_head(&p->wait_chldexit);
	p->start_time = jiffies_64;
	p->state = TASK_UNINTERRUPTIBLE; // until wake_up_new_task
}

// Linux: copy_process. Returns the new task, not yet runnable, or an errno.
static struct task_struct *copy_process(struct kernel_clone_args *args, long *err)
{
	*err = -EAGAIN;
	// The only limit root meets: Linux checks RLIMIT_NPROC (max_threads / 2
	// by default) just before, but only for users other than root, and
	// every task here is root. At 128M memory runs out first here
	// (user/forkbomb.c: ENOMEM after about 1600 sleepers); Linux reaches
	// max_threads (EAGAIN after 1698).
	if (nr_threads >= max_threads)
		return nullptr;
	*err = -ENOMEM;
	struct task_struct *p = task_pool.create(GFP_KERNEL);
	if (!p)
		return nullptr;
	copy_flags_and_limits(p, args);
	if (alloc_task_stack(p))
		goto free_task;
	if (copy_mm(args->flags, p))
		goto free_stack;
	if (copy_files(args->flags, p))
		goto free_mm;
	if (copy_thread(p, args))
		goto free_files;
	*err = p->pid = alloc_pid();
	if (p->pid < 0)
		goto free_files;
	p->real_parent = current;
	p->set_child_tid = (args->flags & CLONE_CHILD_SETTID) ? args->child_tid : nullptr;
	p->clear_child_tid = (args->flags & CLONE_CHILD_CLEARTID) ? args->child_tid : nullptr;
	list_add_tail(&p->sibling, &current->children);
	list_add_tail(&p->tasks, &init_task.tasks);
	nr_threads++;
	nr_tasks_total++;
	return p;
free_files:
	exit_files(p);
free_mm:
	if (p->mm)
		exit_mmap(p->mm);
free_stack:
	free_task_stack(p);
free_task:
	task_pool.destroy(p);
	return nullptr;
}

void free_task_struct(struct task_struct *p)
{
	nr_threads--;
	task_pool.destroy(p);
}

int nr_processes(void) { return nr_threads; }
unsigned long total_forks(void) { return (unsigned long)nr_tasks_total; }
pid_t last_pid_allocated(void) { return last_pid; }

// Linux: kernel_clone. The child's pid, or -errno.
pid_t kernel_clone(struct kernel_clone_args *args)
{
	long err;
	struct task_struct *p = copy_process(args, &err);
	if (!p)
		return (pid_t)err;
	pid_t pid = p->pid;
	if (args->parent_tid && (args->flags & CLONE_PARENT_SETTID))
		put_user(pid, args->parent_tid);
	wake_up_new_task(p);
	if (args->flags & CLONE_VFORK) // the parent waits for the child's exec or exit
		wait_for_vfork_done(p);
	return pid;
}

pid_t kernel_thread(int (*fn)(void *), void *arg, const char *name, unsigned long flags)
{
	struct kernel_clone_args args = {};
	args.flags = flags;
	args.fn = fn;
	args.fn_arg = arg;
	pid_t pid = kernel_clone(&args);
	if (pid > 0)
		strlcpy(find_task_by_pid(pid)->comm, name, TASK_COMM_LEN);
	return pid;
}

// The parent of a vfork sleeps until the child lets go of the shared mm by
// exec or exit (Linux: wait_for_vfork_done, complete_vfork_done).
void wait_for_vfork_done(struct task_struct *child)
{
	child->vfork_parent = current;
	while (child->vfork_parent) {
		current->state = TASK_UNINTERRUPTIBLE;
		schedule();
	}
}

void vfork_done(struct task_struct *tsk)
{
	struct task_struct *parent = tsk->vfork_parent;
	if (!parent)
		return;
	tsk->vfork_parent = nullptr;
	wake_up_process(parent);
}

static long fork_with(unsigned long flags, unsigned long newsp, int __user *parent_tid,
		      int __user *child_tid, unsigned long tls)
{
	struct kernel_clone_args args = {};
	args.flags = flags & ~CSIGNAL;
	args.exit_signal = (int)(flags & CSIGNAL);
	args.stack = newsp;
	args.parent_tid = parent_tid;
	args.child_tid = child_tid;
	args.tls = tls;
	args.regs = task_pt_regs(current);
	return kernel_clone(&args);
}

long sys_fork(void) { return fork_with(SIGCHLD, 0, nullptr, nullptr, 0); }
// vfork: the child gets a copy of the address space, not the parent's own
// (Linux shares it, CLONE_VM); the parent still waits for its exec or exit.
long sys_vfork(void) { return fork_with(CLONE_VFORK | SIGCHLD, 0, nullptr, nullptr, 0); }

// i386's argument order: flags, newsp, parent_tidptr, tls, child_tidptr.
// glibc's fork() passes CLONE_CHILD_SETTID | CLONE_CHILD_CLEARTID | SIGCHLD
// with its own tid pointer. Threads (CLONE_THREAD, or CLONE_VM without
// CLONE_VFORK) are not supported: -EINVAL (Linux would make one).
long sys_clone(unsigned long clone_flags, unsigned long newsp, int __user *parent_tidptr,
	       unsigned long tls, int __user *child_tidptr)
{
	if ((clone_flags & CLONE_THREAD) ||
	    ((clone_flags & CLONE_VM) && !(clone_flags & CLONE_VFORK)))
		return -EINVAL;
	clone_flags &= ~CLONE_VM; // vfork's sharing: a copy, as sys_vfork
	if ((clone_flags & CSIGNAL) > _NSIG)
		return -EINVAL;
	return fork_with(clone_flags, newsp, parent_tidptr, child_tidptr, tls);
}
