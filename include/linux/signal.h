#pragma once
/*
 * Signals (Linux: include/linux/signal.h, include/uapi/asm-generic/signal.h,
 * arch/x86/include/uapi/asm/signal.h, kernel/signal.c).
 *
 * A signal is a bit in the task's pending set until the task next returns
 * to user mode; there exit_to_user_mode() takes the lowest unblocked one and
 * runs its handler, ignores it, or does the default action (most kill the
 * task; SIGSEGV and friends "dump core", which here only sets the 0x80 bit
 * of the exit status, as a core dump that could not be written does).
 */
#include <linux/types.h>
#ifdef MMLAB_HOST
// The host tests see glibc's <signal.h> too: take it first, then our
// values (the same numbers) replace its macros.
#include <signal.h>
#undef sigmask
#undef SIGHUP
#undef SIGINT
#undef SIGQUIT
#undef SIGILL
#undef SIGTRAP
#undef SIGABRT
#undef SIGBUS
#undef SIGFPE
#undef SIGKILL
#undef SIGUSR1
#undef SIGSEGV
#undef SIGUSR2
#undef SIGPIPE
#undef SIGALRM
#undef SIGTERM
#undef SIGSTKFLT
#undef SIGCHLD
#undef SIGCONT
#undef SIGSTOP
#undef SIGTSTP
#undef SIGTTIN
#undef SIGTTOU
#undef SIGURG
#undef SIGXCPU
#undef SIGXFSZ
#undef SIGVTALRM
#undef SIGPROF
#undef SIGWINCH
#undef SIGIO
#undef SIGPWR
#undef SIGSYS
#undef SIGRTMIN
#undef _NSIG
#undef SA_NOCLDSTOP
#undef SA_NOCLDWAIT
#undef SA_SIGINFO
#undef SA_RESTORER
#undef SA_ONSTACK
#undef SA_RESTART
#undef SA_NODEFER
#undef SA_RESETHAND
#undef SIG_BLOCK
#undef SIG_UNBLOCK
#undef SIG_SETMASK
#undef SIG_DFL
#undef SIG_IGN
#undef SI_USER
#undef SI_KERNEL
#undef SI_TKILL
#undef SEGV_MAPERR
#undef SEGV_ACCERR
#undef BUS_ADRERR
#undef ILL_ILLOPN
#undef ILL_PRVOPC
#undef FPE_INTDIV
#undef TRAP_BRKPT
#undef CLD_EXITED
#undef CLD_KILLED
#undef CLD_DUMPED
#undef CLD_STOPPED
#undef CLD_CONTINUED
#endif

#define SIGHUP 1
#define SIGINT 2
#define SIGQUIT 3
#define SIGILL 4
#define SIGTRAP 5
#define SIGABRT 6
#define SIGBUS 7
#define SIGFPE 8
#define SIGKILL 9
#define SIGUSR1 10
#define SIGSEGV 11
#define SIGUSR2 12
#define SIGPIPE 13
#define SIGALRM 14
#define SIGTERM 15
#define SIGSTKFLT 16
#define SIGCHLD 17
#define SIGCONT 18
#define SIGSTOP 19
#define SIGTSTP 20
#define SIGTTIN 21
#define SIGTTOU 22
#define SIGURG 23
#define SIGXCPU 24
#define SIGXFSZ 25
#define SIGVTALRM 26
#define SIGPROF 27
#define SIGWINCH 28
#define SIGIO 29
#define SIGPWR 30
#define SIGSYS 31
#define SIGRTMIN 32
#define _NSIG 64

#define SA_NOCLDSTOP 0x00000001u
#define SA_NOCLDWAIT 0x00000002u
#define SA_SIGINFO 0x00000004u
#define SA_RESTORER 0x04000000u
#define SA_ONSTACK 0x08000000u
#define SA_RESTART 0x10000000u
#define SA_NODEFER 0x40000000u
#define SA_RESETHAND 0x80000000u

#define SIG_BLOCK 0
#define SIG_UNBLOCK 1
#define SIG_SETMASK 2

#define SIG_DFL ((unsigned long)0)
#define SIG_IGN ((unsigned long)1)

// si_code values (Linux: include/uapi/asm-generic/siginfo.h).
#define SI_USER 0
#define SI_KERNEL 0x80
#define SI_TKILL (-6)
#define SEGV_MAPERR 1
#define SEGV_ACCERR 2
#define BUS_ADRERR 2
#define ILL_ILLOPN 2
#define ILL_PRVOPC 5
#define FPE_INTDIV 1
#define TRAP_BRKPT 1
#define CLD_EXITED 1
#define CLD_KILLED 2
#define CLD_DUMPED 3
#define CLD_STOPPED 5
#define CLD_CONTINUED 6

// Linux: sigset_t (named apart here: the host tests also see glibc's).
typedef u64 ksigset_t;

static inline u64 sigmask(int sig) { return 1ULL << (sig - 1); }
// The signals no program may catch, block or ignore.
#define SIG_KERNEL_ONLY_MASK (sigmask(SIGKILL) | sigmask(SIGSTOP))

struct k_sigaction {
	unsigned long handler; // SIG_DFL, SIG_IGN or the user function
	unsigned long flags;   // SA_*
	unsigned long restorer;
	ksigset_t mask; // blocked while the handler runs
};

// What the kernel keeps of a signal's siginfo (Linux: kernel_siginfo).
struct kernel_siginfo {
	int si_signo, si_errno, si_code;
	int pid, uid;	    // kill(), and SIGCHLD's child
	unsigned long addr; // faults: si_addr
	int status;	    // SIGCHLD
	long utime, stime;  // SIGCHLD
};

struct task_struct;

// Signal state of a task (Linux: task->pending, task->blocked,
// sighand->action; one copy per task since there are no threads).
struct signal_state {
	ksigset_t pending, blocked;
	ksigset_t saved_sigmask; // rt_sigsuspend's, restored by its return
	bool restore_sigmask;
	struct k_sigaction action[_NSIG];
	struct kernel_siginfo info[_NSIG]; // the siginfo of each pending signal
	unsigned long altstack_sp, altstack_size;
	int altstack_flags;
};

void copy_signal_state(struct task_struct *p, struct task_struct *parent);
bool signal_pending(struct task_struct *p);
// Queues sig for p with info (NULL: sent by the kernel). 0 or -errno.
int send_sig_info(int sig, const struct kernel_siginfo *info, struct task_struct *p);
int send_sig(int sig, struct task_struct *p);
// A fault's signal to current (Linux: force_sig_fault): unblocked and not
// ignored even if the program asked, so a second fault in the handler
// kills instead of looping.
void force_sig_fault(int sig, int code, unsigned long addr);
// exec: handlers go back to SIG_DFL (ignored stay ignored).
void flush_signal_handlers(struct task_struct *t);

// Job control (Linux: kernel/signal.c, kernel/exit.c).
// sig to every member of process group pgrp: 0, or -ESRCH if it has none.
int kill_pgrp(pid_t pgrp, int sig, const struct kernel_siginfo *info);
// No member of pgrp (but ignored) has a parent in another group of the
// same session: nobody is left to continue its stopped jobs
// (Linux: will_become_orphaned_pgrp).
bool will_become_orphaned_pgrp(pid_t pgrp, const struct task_struct *ignored);
bool is_current_pgrp_orphaned(void);
// Whether current ignores or blocks sig (the tty's SIGTTIN/SIGTTOU test).
bool is_ignored(int sig);
