/*
 * DOC: system call entry and the way back to user mode (Linux:
 * arch/x86/entry/common.c, kernel/entry/common.c)
 *
 * int $0x80 lands in do_int80_syscall_32() with the caller's registers in
 * pt_regs: EAX the number, EBX ECX EDX ESI EDI EBP the arguments. The
 * result goes back in EAX. Interrupts are on while the call runs, so the
 * timer keeps ticking during a long read; the kernel is still never
 * preempted: a reschedule the tick asks for happens on the way out, in
 * exit_to_user_mode(), together with signal delivery.
 */
#include <asm/irqflags.h>
#include <asm/ptrace.h>
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/sched/task.h>

#include "syscall_32.h"

void arch_do_signal_or_restart(struct pt_regs *regs);

// Logs an unknown system call once per number (Linux is silent; a student
// porting a program wants to know which call is missing).
static void report_ni_syscall(unsigned long nr)
{
	static u32 reported[(NR_syscalls + 31) / 32 + 1];
	unsigned long bit = nr < NR_syscalls ? nr : NR_syscalls;
	if (reported[bit / 32] & (1u << (bit % 32)))
		return;
	reported[bit / 32] |= 1u << (bit % 32);
	pr_info("%s[%d]: unknown system call %lu, returning -ENOSYS\n", current->comm, current->pid,
		nr);
}

extern "C" void do_int80_syscall_32(struct pt_regs *regs, unsigned long nr)
{
	local_irq_enable();
	syscall_fn_t fn = nr < NR_syscalls ? sys_call_table.fn[nr] : nullptr;
	if (fn) {
		regs->ax = (unsigned long)fn(regs);
	} else {
		report_ni_syscall(nr);
		regs->ax = (unsigned long)-ENOSYS;
	}
	local_irq_disable();
}

// Called with interrupts off by ret_from_exception before every return to
// ring 3; returns with them off (Linux: exit_to_user_mode_loop).
extern "C" void exit_to_user_mode(struct pt_regs *regs)
{
	for (;;) {
		struct task_struct *p = current;
		if (p->need_resched) {
			schedule();
			continue;
		}
		if (!signal_pending(p))
			break;
		local_irq_enable();
		arch_do_signal_or_restart(regs);
		local_irq_disable();
	}
}
