#pragma once
// Registers saved on exception entry (Linux: arch/x86/include/asm/ptrace.h).
// The order is what arch/x86/kernel/entry_32.asm pushes; keep them in step.
struct pt_regs {
	unsigned long bx, cx, dx, si, di, bp, ax;
	unsigned long ds, es, fs, gs;
	unsigned long trapnr;	  // vector number
	unsigned long error_code; // the CPU's, or 0 for vectors without one
	unsigned long ip, cs, flags;
	unsigned long sp, ss; // pushed by the CPU only on a ring change
};

static inline bool user_mode(const struct pt_regs *regs) { return (regs->cs & 3) != 0; }

// A fault taken in the kernel pushes no SS:ESP: the interrupted stack
// pointer is where that pair would have been. The double-fault handler is
// the exception: it rebuilds pt_regs from the TSS, which saved the real ESP.
static inline unsigned long kernel_stack_pointer(const struct pt_regs *regs)
{
	if (user_mode(regs) || regs->trapnr == 8 /* X86_TRAP_DF */)
		return regs->sp;
	return (unsigned long)&regs->sp;
}
