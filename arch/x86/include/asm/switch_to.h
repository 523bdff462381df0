#pragma once
// The context switch (Linux: arch/x86/include/asm/switch_to.h,
// arch/x86/kernel/process_32.c, entry_32.S's __switch_to_asm).
struct task_struct;

// Saves the callee-saved registers on the current stack, stores ESP in
// *prev_sp, loads next_sp and pops the next task's registers: it returns
// on the other task's stack, where that task last called it (or into
// ret_from_fork for a new task).
extern "C" void __switch_to_asm(unsigned long *prev_sp, unsigned long next_sp);

// The state the CPU keeps outside the stack: TSS.sp0, the TLS entries,
// the FPU registers, CR3, `current` (Linux: __switch_to).
void __switch_to(struct task_struct *prev, struct task_struct *next);

static inline void switch_to(struct task_struct *prev, struct task_struct *next);

#include <linux/sched.h>
static inline void switch_to(struct task_struct *prev, struct task_struct *next)
{
	__switch_to(prev, next);
	__switch_to_asm(&prev->thread.sp, next->thread.sp);
}
