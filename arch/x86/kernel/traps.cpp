/*
 * DOC: exceptions (Linux: arch/x86/kernel/traps.c)
 *
 * Every vector arrives in do_exception() with the registers in pt_regs. The
 * kernel has no user processes yet, so an exception is a kernel bug: it gets
 * Linux's oops ("invalid opcode: 0000 [#1]", registers, code bytes, stack,
 * call trace) and then panic("Fatal exception"), which halts or reboots as
 * panic= says. Page faults have their own entry (exc_page_fault, arch/x86/mm/fault.cpp).
 */
#include <asm/desc.h>
#include <asm/io.h>
#include <asm/irq.h>
#include <asm/traps.h>
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/signal.h>

static const char *const trap_names[] = {
    "divide error",
    "debug",
    "nmi",
    "int3",
    "overflow",
    "bounds",
    "invalid opcode",
    "device not available",
    "double fault",
    "coprocessor segment overrun",
    "invalid TSS",
    "segment not present",
    "stack segment",
    "general protection fault",
    "page fault",
    "spurious interrupt bug",
    "coprocessor error",
    "alignment check",
    "machine check",
    "simd error",
    "virtualization exception",
    "control protection fault",
};

// Linux: show_signal, for a signal the program does not catch.
static void show_signal(int sig, const char *type, const char *desc, struct pt_regs *regs,
			unsigned long error_code)
{
	if (current->sig.action[sig - 1].handler > SIG_IGN)
		return;
	printk(KERN_INFO "traps: %s[%d] %s%s ip:%lx sp:%lx error:%lx", current->comm, current->pid,
	       type, desc, regs->ip, regs->sp, error_code);
	print_vma_addr(KERN_CONT " in ", regs->ip);
	printk(KERN_CONT "\n");
}

// An exception in ring 3: the program's fault, not the kernel's (Linux:
// do_trap, do_error_trap, exc_general_protection's user leg).
static void do_user_trap(unsigned long nr, struct pt_regs *regs)
{
	struct {
		int sig, code;
		bool addr_is_ip;
	} t;
	switch (nr) {
	case X86_TRAP_DE: t = {SIGFPE, FPE_INTDIV, true}; break;
	case X86_TRAP_UD: t = {SIGILL, ILL_ILLOPN, true}; break;
	case X86_TRAP_BP:
	case X86_TRAP_DB: t = {SIGTRAP, SI_KERNEL, false}; break;
	case X86_TRAP_NP:
	case X86_TRAP_SS:
	case X86_TRAP_AC: t = {SIGBUS, SI_KERNEL, false}; break;
	case X86_TRAP_MF:
	case X86_TRAP_XF: t = {SIGFPE, SI_KERNEL, true}; break;
	default: t = {SIGSEGV, SI_KERNEL, false}; break; // #GP, #OF, #BR...
	}
	current->thread.trap_nr = nr;
	current->thread.error_code = regs->error_code;
	const char *name = nr < ARRAY_SIZE(trap_names) ? trap_names[nr] : "reserved exception";
	if (nr == X86_TRAP_GP)
		show_signal(t.sig, "", name, regs, regs->error_code);
	else if (nr != X86_TRAP_DB)
		show_signal(t.sig, "trap ", nr == X86_TRAP_BP ? "int3" : name, regs,
			    regs->error_code);
	force_sig_fault(t.sig, t.code, t.addr_is_ip ? regs->ip : 0);
}

void do_exception(struct pt_regs *regs)
{
	unsigned long nr = regs->trapnr;
	if (nr >= FIRST_EXTERNAL_VECTOR)
		return do_IRQ(nr - FIRST_EXTERNAL_VECTOR, regs);
	if (user_mode(regs) && nr != X86_TRAP_NMI)
		return do_user_trap(nr, regs);
	if (nr == X86_TRAP_NMI) {
		pr_emerg("Uhhuh. NMI received for unknown reason on CPU 0.\n");
		return;
	}
	die(nr < ARRAY_SIZE(trap_names) ? trap_names[nr] : "reserved exception", regs,
	    regs->error_code);
}

// The GDT (with both TSSs), the IDT and the PICs, before anything can fault.
void trap_init(void)
{
	setup_gdt();
	idt_setup();
	init_ISA_irqs();
}
