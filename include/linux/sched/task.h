#pragma once
// Creating and ending tasks (Linux: include/linux/sched/task.h,
// kernel/fork.c, kernel/exit.c).
#include <asm/page_types.h>
#include <asm/ptrace.h>
#include <linux/jiffies.h>
#include <linux/sched.h>

#define RR_TIMESLICE (100 * HZ / 1000) // Linux: SCHED_RR's 100 ms

struct kernel_clone_args {
	unsigned long flags; // CLONE_*
	int exit_signal;     // SIGCHLD for fork
	int (*fn)(void *);   // kernel thread: the function to run
	void *fn_arg;
	unsigned long stack;	// user: the child's stack (0: the parent's)
	unsigned long tls;	// CLONE_SETTLS: a struct user_desc *
	int __user *parent_tid; // CLONE_PARENT_SETTID
	int __user *child_tid;	// CLONE_CHILD_SETTID / CLEARTID
	struct pt_regs *regs;	// the parent's user registers
};

// Runs fn(arg) in a new kernel thread: its pid, or -errno.
pid_t kernel_thread(int (*fn)(void *), void *arg, const char *name, unsigned long flags);
pid_t kernel_clone(struct kernel_clone_args *args);
void fork_init(void);
void sched_init(void);

__noreturn void do_exit(long code);
__noreturn void do_group_exit(int exit_code);
void free_task_stack(struct task_struct *p);
void release_task(struct task_struct *p);
void exit_files(struct task_struct *tsk);
void vfork_done(struct task_struct *tsk);
void wait_for_vfork_done(struct task_struct *child);
// wait4 from kernel code: the reaped pid (status in *status), 0 (WNOHANG,
// none dead yet) or -errno. The child is freed.
long kernel_reap(pid_t pid, int options, int *status);
int nr_processes(void);
extern struct task_struct *child_reaper;

bool wake_up_process(struct task_struct *p);
void wake_up_new_task(struct task_struct *p);
void scheduler_tick(void);
__noreturn void cpu_idle_loop(void);
unsigned long nr_context_switches(void);
unsigned int nr_running(void);
unsigned long total_forks(void); // every fork since boot (/proc/stat "processes")
pid_t last_pid_allocated(void);	 // /proc/loadavg's last field

// Load averages, as Linux keeps them (kernel/sched/loadavg.c): every 5 s
// the runnable and uninterruptible tasks are folded into three moving
// averages, fixed point with FSHIFT bits of fraction.
#define FSHIFT 11
#define FIXED_1 (1 << FSHIFT)
#define LOAD_INT(x) ((x) >> FSHIFT)
#define LOAD_FRAC(x) LOAD_INT(((x) & (FIXED_1 - 1)) * 100)
extern unsigned long avenrun[3];
void calc_global_load(void); // each tick

// Ticks the CPU spent, by kind (Linux: kernel_cpustat, kcpustat_cpu).
enum cpu_usage_stat { CPUTIME_USER, CPUTIME_SYSTEM, CPUTIME_IDLE, NR_CPUTIME };
extern u64 kcpustat[NR_CPUTIME];
struct task_struct *find_task_by_pid(pid_t pid);

// i386 kernel stacks: two pages (Linux: THREAD_SIZE_ORDER 1).
#define THREAD_SIZE_ORDER 1
static inline struct pt_regs *task_pt_regs(struct task_struct *p)
{
	return (struct pt_regs *)((char *)p->stack + (PAGE_SIZE << THREAD_SIZE_ORDER)) - 1;
}
