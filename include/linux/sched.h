#pragma once
/*
 * Tasks (Linux: include/linux/sched.h).
 *
 * One task_struct per thread of control: a user process, a kernel thread,
 * or the idle task. `current` is the task running on this CPU.
 *
 * Differs from Linux 6.1: the rlimits live in the task (Linux: in
 * signal_struct, shared by a thread group; we have no threads), and the
 * fields are only the ones this kernel uses.
 */
#include <asm/processor.h>
#include <linux/list.h>
#include <linux/signal.h>
#include <linux/types.h>
#include <linux/wait.h>

struct mm_struct;
struct files_struct;
struct fs_struct;
struct pt_regs;

#define TASK_COMM_LEN 16

// task->state (Linux: TASK_RUNNING... and exit_state's EXIT_ZOMBIE).
#define TASK_RUNNING 0x0000
#define TASK_INTERRUPTIBLE 0x0001
#define TASK_UNINTERRUPTIBLE 0x0002
#define TASK_STOPPED 0x0004
#define TASK_DEAD 0x0080
#define EXIT_ZOMBIE 0x0020
#define EXIT_DEAD 0x0010

// Resource limits (Linux: include/uapi/asm-generic/resource.h).
#define RLIMIT_CPU 0
#define RLIMIT_FSIZE 1
#define RLIMIT_DATA 2
#define RLIMIT_STACK 3
#define RLIMIT_CORE 4
#define RLIMIT_RSS 5
#define RLIMIT_NPROC 6
#define RLIMIT_NOFILE 7
#define RLIMIT_MEMLOCK 8
#define RLIMIT_AS 9
#define RLIMIT_LOCKS 10
#define RLIMIT_SIGPENDING 11
#define RLIMIT_MSGQUEUE 12
#define RLIMIT_NICE 13
#define RLIMIT_RTPRIO 14
#define RLIMIT_RTTIME 15
#define RLIM_NLIMITS 16
#define RLIM_INFINITY (~0UL)
#define _STK_LIM (8 * 1024 * 1024) // Linux's default RLIMIT_STACK

struct rlimit {
	unsigned long rlim_cur, rlim_max;
};

// What init starts with (Linux: include/asm-generic/resource.h INIT_RLIMITS;
// NPROC and SIGPENDING are sized from memory by fork_init()).
#define MLOCK_LIMIT (8 * 1024 * 1024)
#define INR_OPEN_CUR 1024
#define INR_OPEN_MAX 4096
#define INIT_RLIMITS                                                                               \
	{                                                                                          \
		{RLIM_INFINITY, RLIM_INFINITY}, {RLIM_INFINITY, RLIM_INFINITY},                    \
		    {RLIM_INFINITY, RLIM_INFINITY}, {_STK_LIM, RLIM_INFINITY}, {0, RLIM_INFINITY}, \
		    {RLIM_INFINITY, RLIM_INFINITY}, {0, 0}, {INR_OPEN_CUR, INR_OPEN_MAX},          \
		    {MLOCK_LIMIT, MLOCK_LIMIT}, {RLIM_INFINITY, RLIM_INFINITY},                    \
		    {RLIM_INFINITY, RLIM_INFINITY}, {0, 0}, {819200, 819200}, {0, 0}, {0, 0},      \
		    {RLIM_INFINITY, RLIM_INFINITY},                                                \
	}

struct task_struct {
	volatile long state; // TASK_RUNNING, TASK_INTERRUPTIBLE...
	int exit_state;	     // 0, EXIT_ZOMBIE, EXIT_DEAD
	int exit_code;	     // wait4's status word once a zombie
	pid_t pid;
	char comm[TASK_COMM_LEN];
	unsigned int flags; // PF_*

	struct mm_struct *mm;	     // NULL for kernel threads
	struct mm_struct *active_mm; // the page tables in use (a kthread borrows)
	struct files_struct *files;  // open file descriptors

	struct task_struct *real_parent;
	struct list_head children; // my children, through their sibling
	struct list_head sibling;
	struct list_head tasks; // every task, from init_task

	void *stack; // THREAD_SIZE bytes of kernel stack; pt_regs at the top
	struct thread_struct thread;
	struct list_head run_list; // the runqueue, while runnable and not running
	bool on_rq;
	bool need_resched;		      // Linux: TIF_NEED_RESCHED
	unsigned int time_slice;	      // ticks left before round-robin moves on
	int exit_signal;		      // sent to the parent at exit (SIGCHLD)
	struct wait_queue_head wait_chldexit; // where wait4 sleeps
	u64 start_time;			      // jiffies at fork, for /proc/PID/stat
	unsigned long nvcsw, nivcsw;	      // voluntary and forced switches
	u64 utime, stime;		      // ticks spent in user / kernel mode
	// what reaped children used (getrusage(RUSAGE_CHILDREN), times())
	u64 cutime, cstime;
	unsigned long cmin_flt, cmaj_flt, cnvcsw, cnivcsw;
	struct signal_state sig;	  // Linux: ->pending, ->blocked, ->sighand, ->sas_ss_*
	struct task_struct *vfork_parent; // waiting in vfork until we exec or exit
	int __user *set_child_tid;	  // CLONE_CHILD_SETTID: the child's pid goes here first
	int __user *clear_child_tid;	  // set_tid_address: zeroed at exit

	// Faults this task took (Linux: task->min_flt, maj_flt; getrusage).
	unsigned long min_flt, maj_flt;
	struct rlimit rlim[RLIM_NLIMITS];

	struct fs_struct *fs; // root and cwd (include/linux/fs_struct.h)

	// Job control (Linux: signal->pids[PIDTYPE_PGID], [PIDTYPE_SID],
	// signal->tty): the process group and session, both named by their
	// leader's pid, and the controlling terminal, NULL if none.
	pid_t pgrp, session;
	struct tty_struct *tty;
	// A stop or continue wait4 has not reported yet (Linux: exit_code
	// while stopped, SIGNAL_STOP_CONTINUED): sig << 8 | 0x7f, 0xffff, or 0.
	int jobctl_status;
	short oom_score_adj; // -1000 (never chosen) .. 1000 (chosen first); /proc/PID/oom_score_adj
	bool oom_victim;     // the OOM killer chose it: it is dying (Linux: tsk_is_oom_victim)
};

// clone() flags (Linux: include/uapi/linux/sched.h).
#define CSIGNAL 0x000000ff
#define CLONE_VM 0x00000100
#define CLONE_FS 0x00000200
#define CLONE_FILES 0x00000400
#define CLONE_SIGHAND 0x00000800
#define CLONE_PIDFD 0x00001000
#define CLONE_VFORK 0x00004000
#define CLONE_PARENT 0x00008000
#define CLONE_THREAD 0x00010000
#define CLONE_SETTLS 0x00080000
#define CLONE_PARENT_SETTID 0x00100000
#define CLONE_CHILD_CLEARTID 0x00200000
#define CLONE_CHILD_SETTID 0x01000000

// wait4() options (Linux: include/uapi/linux/wait.h).
#ifndef WNOHANG // the host tests may have glibc's, with the same values
#define WNOHANG 0x00000001
#define WUNTRACED 0x00000002
#define WCONTINUED 0x00000008
#define WSTOPPED WUNTRACED // waitid's name for it
#define WEXITED 0x00000004
#define WNOWAIT 0x01000000 // waitid: report, but leave the child waitable
#define P_ALL 0		   // waitid's idtype
#define P_PID 1
#define P_PGID 2
#endif
#define __WNOTHREAD 0x20000000
#define __WALL 0x40000000
#define __WCLONE 0x80000000

#define PF_KTHREAD 0x00200000
#define PF_EXITING 0x00000004
#define PF_FORKNOEXEC 0x00000040 // forked and not yet exec'd (setpgid's EACCES)
#define PF_RANDOMIZE 0x00400000	 // exec randomises this task's layout (randomize_va_space)

extern struct task_struct init_task; // pid 0: boot, then idle

// The task running now (Linux: get_current(), %fs:pcpu_hot.current_task).
struct task_struct *get_current(void);
#define current get_current()

static inline unsigned long rlimit(unsigned int limit) { return current->rlim[limit].rlim_cur; }
