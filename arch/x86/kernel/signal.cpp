/*
 * DOC: signal frames on i386 (Linux: arch/x86/kernel/signal.c,
 * arch/x86/include/asm/sigframe.h, uapi/asm/sigcontext.h)
 *
 * To run a handler the kernel pushes an rt_sigframe on the user stack:
 * the return address (the restorer, glibc's __restore_rt, or the vDSO's
 * __kernel_rt_sigreturn), the handler's three arguments, the siginfo and a
 * ucontext holding every register of the interrupted code, then points
 * EIP at the handler. The handler's `ret` enters the restorer, whose
 * rt_sigreturn system call reads the registers back from that frame.
 *
 * Differs from Linux 6.1: the FPU area after the frame is the raw
 * 512-byte fxsave image, not Linux's _fpstate_32 with its fsave header
 * and xsave extension; glibc never reads it.
 */
#include <asm/processor.h>
#include <asm/ptrace.h>
#include <asm/segment.h>
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/sched/task.h>
#include <linux/signal.h>
#include <linux/string.h>
#include <linux/syscalls.h>
#include <linux/uaccess.h>

int get_signal(struct kernel_siginfo *info, struct k_sigaction *ka);
unsigned long vdso_rt_sigreturn_address(void);

struct sigcontext_32 {
	u16 gs, __gsh, fs, __fsh, es, __esh, ds, __dsh;
	u32 di, si, bp, sp, bx, dx, cx, ax;
	u32 trapno, err, ip;
	u16 cs, __csh;
	u32 flags, sp_at_signal;
	u16 ss, __ssh;
	u32 fpstate, oldmask, cr2;
};

struct user_siginfo { // siginfo_t, 128 bytes
	int si_signo, si_errno, si_code;
	union {
		int pad[29];
		struct {
			int pid, uid;
		} kill;
		struct {
			u32 addr;
		} fault;
		struct {
			int pid, uid, status;
			long utime, stime;
		} chld;
	};
};

struct ucontext_32 {
	u32 uc_flags, uc_link;
	u32 ss_sp;
	int ss_flags;
	u32 ss_size;
	struct sigcontext_32 uc_mcontext;
	ksigset_t uc_sigmask;
};

struct rt_sigframe {
	u32 pretcode;
	int sig;
	u32 pinfo, puc;
	struct user_siginfo info;
	struct ucontext_32 uc;
};
static_assert(sizeof(struct user_siginfo) == 128);

static void fill_user_siginfo(struct user_siginfo *u, const struct kernel_siginfo *k, int sig)
{
	memset(u, 0, sizeof(*u));
	u->si_signo = sig;
	u->si_errno = k->si_errno;
	u->si_code = k->si_code;
	if (sig == SIGSEGV || sig == SIGBUS || sig == SIGILL || sig == SIGFPE || sig == SIGTRAP) {
		u->fault.addr = (u32)k->addr;
	} else if (sig == SIGCHLD) {
		u->chld = {k->pid, k->uid, k->status, k->utime, k->stime};
	} else {
		u->kill = {k->pid, k->uid};
	}
}

static void save_sigcontext(struct sigcontext_32 *sc, const struct pt_regs *regs, u32 fpstate,
			    ksigset_t mask)
{
	const struct thread_struct *t = &current->thread;
	*sc = {};
	sc->gs = (u16)regs->gs;
	sc->fs = (u16)regs->fs;
	sc->es = (u16)regs->es;
	sc->ds = (u16)regs->ds;
	sc->di = regs->di, sc->si = regs->si, sc->bp = regs->bp, sc->sp = regs->sp;
	sc->bx = regs->bx, sc->dx = regs->dx, sc->cx = regs->cx, sc->ax = regs->ax;
	sc->trapno = t->trap_nr, sc->err = t->error_code, sc->ip = regs->ip;
	sc->cs = (u16)regs->cs, sc->flags = regs->flags, sc->sp_at_signal = regs->sp;
	sc->ss = (u16)regs->ss;
	sc->fpstate = fpstate;
	sc->oldmask = (u32)mask;
	sc->cr2 = t->cr2;
}

// Where the frame goes: below the interrupted stack, or at the top of the
// alternate stack for SA_ONSTACK, aligned so the handler sees ESP+4 on a
// 16-byte boundary, as after a call (Linux: get_sigframe, align_sigframe).
static unsigned long get_sigframe(const struct k_sigaction *ka, const struct pt_regs *regs,
				  unsigned long *fpstate)
{
	unsigned long sp = regs->sp;
	struct signal_state *s = &current->sig;
	bool on_alt = s->altstack_size && sp - s->altstack_sp <= s->altstack_size;
	if ((ka->flags & SA_ONSTACK) && s->altstack_size && !on_alt)
		sp = s->altstack_sp + s->altstack_size;
	sp = (sp - sizeof(struct fxregs_state)) & ~63ul;
	*fpstate = sp;
	sp -= sizeof(struct rt_sigframe);
	return ((sp + 4) & ~15ul) - 4;
}

static int setup_rt_frame(int sig, const struct kernel_siginfo *info, const struct k_sigaction *ka,
			  struct pt_regs *regs)
{
	unsigned long fpstate;
	unsigned long addr = get_sigframe(ka, regs, &fpstate);
	struct rt_sigframe f;
	memset(&f, 0, sizeof(f));
	f.pretcode =
	    (ka->flags & SA_RESTORER) ? (u32)ka->restorer : (u32)vdso_rt_sigreturn_address();
	f.sig = sig;
	f.pinfo = (u32)(addr + offsetof(struct rt_sigframe, info));
	f.puc = (u32)(addr + offsetof(struct rt_sigframe, uc));
	fill_user_siginfo(&f.info, info, sig);
	f.uc.ss_sp = (u32)current->sig.altstack_sp;
	f.uc.ss_size = (u32)current->sig.altstack_size;
	f.uc.ss_flags = current->sig.altstack_size ? 0 : 2 /* SS_DISABLE */;
	save_sigcontext(&f.uc.uc_mcontext, regs, (u32)fpstate, current->sig.blocked);
	f.uc.uc_sigmask = current->sig.blocked;
	__asm__ volatile("fxsave %0" : "=m"(current->thread.fpu));
	if (copy_to_user((void __user *)addr, &f, sizeof(f)) ||
	    copy_to_user((void __user *)fpstate, &current->thread.fpu, sizeof(struct fxregs_state)))
		return -EFAULT;
	regs->sp = addr;
	regs->ip = ka->handler;
	regs->ax = (unsigned long)sig;
	regs->dx = f.pinfo;
	regs->cx = f.puc;
	regs->ds = regs->es = regs->ss = __USER_DS;
	regs->cs = __USER_CS;
	regs->flags &= ~(0x100ul | 0x400ul); // TF and DF off, as the ABI wants
	return 0;
}

// A handler returns with its frame just above ESP (the restorer popped
// pretcode). Everything is read back, but only user segments and the
// arithmetic flags are believed (Linux: restore_sigcontext's FIX_EFLAGS).
long sys_rt_sigreturn(void)
{
	struct pt_regs *regs = task_pt_regs(current);
	unsigned long addr = regs->sp - 4;
	struct rt_sigframe f;
	if (copy_from_user(&f, (const void __user *)addr, sizeof(f)))
		goto badframe;
	{
		const struct sigcontext_32 *sc = &f.uc.uc_mcontext;
		const unsigned long FIX_EFLAGS = 0x40dd5; // AC OF DF TF SF ZF AF PF CF RF
		regs->gs = sc->gs, regs->fs = sc->fs, regs->es = sc->es, regs->ds = sc->ds;
		regs->di = sc->di, regs->si = sc->si, regs->bp = sc->bp, regs->sp = sc->sp;
		regs->bx = sc->bx, regs->dx = sc->dx, regs->cx = sc->cx, regs->ax = sc->ax;
		regs->ip = sc->ip;
		regs->cs = sc->cs | 3, regs->ss = sc->ss | 3;
		regs->flags = (regs->flags & ~FIX_EFLAGS) | (sc->flags & FIX_EFLAGS);
		regs->trapnr = 0; // not a system call to restart (Linux: orig_ax = -1)
		if (sc->fpstate && !copy_from_user(&current->thread.fpu,
						   (const void __user *)(unsigned long)sc->fpstate,
						   sizeof(struct fxregs_state))) {
			u32 mxcsr; // reserved MXCSR bits would make fxrstor #GP in the kernel
			memcpy(&mxcsr, &current->thread.fpu.bytes[24], 4);
			mxcsr &= 0xffbf;
			memcpy(&current->thread.fpu.bytes[24], &mxcsr, 4);
			__asm__ volatile("fxrstor %0" ::"m"(current->thread.fpu));
		}
		current->sig.blocked = f.uc.uc_sigmask & ~(sigmask(SIGKILL) | sigmask(SIGSTOP));
		return (long)regs->ax;
	}
badframe:
	force_sig_fault(SIGSEGV, SI_KERNEL, 0);
	return 0;
}

long sys_sigreturn(void) { return sys_rt_sigreturn(); }

// What a system call interrupted by a signal returns (Linux: the restart
// part of arch_do_signal_or_restart and handle_signal).
static void syscall_restart(struct pt_regs *regs, const struct k_sigaction *ka, bool handler)
{
	if (regs->trapnr != 0x80)
		return;
	long ret = (long)regs->ax;
	switch (ret) {
	case -ERESTART_RESTARTBLOCK:
	case -ERESTARTNOHAND:
		if (handler) {
			regs->ax = (unsigned long)-EINTR;
			return;
		}
		break;
	case -ERESTARTSYS:
		if (handler && !(ka->flags & SA_RESTART)) {
			regs->ax = (unsigned long)-EINTR;
			return;
		}
		break;
	case -ERESTARTNOINTR: break;
	default: return;
	}
	regs->ax = regs->error_code; // orig_ax: run the call again
	regs->ip -= 2;		     // the int $0x80
}

void arch_do_signal_or_restart(struct pt_regs *regs)
{
	struct kernel_siginfo info;
	struct k_sigaction ka;
	int sig = get_signal(&info, &ka);
	if (sig) {
		syscall_restart(regs, &ka, true);
		ksigset_t old = current->sig.restore_sigmask ? current->sig.saved_sigmask
							     : current->sig.blocked;
		current->sig.restore_sigmask = false;
		ksigset_t saved = current->sig.blocked;
		current->sig.blocked = old;
		if (setup_rt_frame(sig, &info, &ka, regs)) {
			current->sig.blocked = saved;
			force_sig_fault(SIGSEGV, SI_KERNEL, 0);
			return;
		}
		current->sig.blocked |= ka.mask | (ka.flags & SA_NODEFER ? 0 : sigmask(sig));
		return;
	}
	syscall_restart(regs, &ka, false);
	regs->trapnr = 0; // restart only once per entry
	if (current->sig.restore_sigmask) {
		current->sig.restore_sigmask = false;
		current->sig.blocked = current->sig.saved_sigmask;
	}
}

// AT_MINSIGSTKSZ: the most a signal frame takes (Linux: get_sigframe_size).
unsigned long get_sigframe_size(void)
{
	return sizeof(struct rt_sigframe) + sizeof(struct fxregs_state) + 64 + 16;
}
