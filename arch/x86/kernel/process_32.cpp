/*
 * DOC: tasks on i386 (Linux: arch/x86/kernel/process_32.c, process.c,
 * fpu/core.c)
 *
 * A task's kernel stack is THREAD_SIZE (8 KiB) with its user registers,
 * struct pt_regs, at the very top: the CPU pushes them there on every
 * entry from ring 3, because TSS.sp0 points just above. A task that is
 * switched out has, below those, the frame __switch_to_asm left: the
 * callee-saved registers and the address to return to.
 *
 *   stack + THREAD_SIZE ->  +--------------------+ <- TSS.sp0 while it runs
 *                           |  struct pt_regs    |    (user ss, esp, eflags, cs, eip...)
 *                           +--------------------+
 *                           | ret addr           |  ret_from_fork for a new task
 *                           | ebp ebx edi esi    |  <- thread.sp
 *                           |       ...          |
 *   stack ->                +--------------------+
 */
#include <asm/desc.h>
#include <asm/irqflags.h>
#include <asm/mmu_context.h>
#include <asm/processor.h>
#include <asm/ptrace.h>
#include <asm/switch_to.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/mm_space.h>
#include <linux/sched/task.h>
#include <linux/string.h>

extern struct task_struct *current_task;
extern "C" void ret_from_fork(void);
int do_set_thread_area(struct task_struct *p, int idx, struct user_desc __user *u_info,
		       int can_allocate);

// The frame __switch_to_asm pops (Linux: struct inactive_task_frame).
struct inactive_task_frame {
	unsigned long si, di, bx, bp, ret_addr;
};

static struct fxregs_state init_fpstate; // after fninit: what exec starts with

// Lets ring 3 use the FPU and SSE: CR0.EM off (no emulation), MP and NE
// on (errors as exceptions), CR4.OSFXSR (fxsave/fxrstor and SSE) and
// OSXMMEXCPT (SIMD exceptions as #XM). Linux: fpu__init_cpu.
void __init fpu__init_cpu(void)
{
	write_cr0((read_cr0() & ~(X86_CR0_EM | X86_CR0_TS)) | X86_CR0_MP | X86_CR0_NE);
	write_cr4(read_cr4() | X86_CR4_OSFXSR | X86_CR4_OSXMMEXCPT);
	__asm__ volatile("fninit; fxsave %0" : "=m"(init_fpstate));
}

void fpstate_init(struct fxregs_state *fpu) { *fpu = init_fpstate; }

static void fpu_save(struct fxregs_state *fpu) { __asm__ volatile("fxsave %0" : "=m"(*fpu)); }
static void fpu_restore(const struct fxregs_state *fpu)
{
	__asm__ volatile("fxrstor %0" ::"m"(*fpu));
}

// The three TLS descriptors of t into GDT entries 6-8 (Linux: load_TLS).
void load_TLS(struct task_struct *t)
{
	for (int i = 0; i < GDT_ENTRY_TLS_ENTRIES; i++)
		gdt_table[GDT_ENTRY_TLS_MIN + i] = t->thread.tls_array[i];
}

#define savesegment(seg, v) __asm__ volatile("mov %%" #seg ", %0" : "=r"(v))
#define loadsegment(seg, v) __asm__ volatile("mov %0, %%" #seg ::"r"(v))

// %fs and %gs hold whatever user space loaded (glibc: 0x33, its TLS entry)
// and go onto every kernel entry's pt_regs. They are saved and reloaded
// at a switch, after the next task's TLS entries are in the GDT, or an
// interrupt in the next task would pop a selector its GDT slot no longer
// backs (Linux 32-bit: lazy_save_gs / lazy_load_gs).
void __switch_to(struct task_struct *prev, struct task_struct *next)
{
	savesegment(fs, prev->thread.fs);
	savesegment(gs, prev->thread.gs);
	if (prev->mm)
		fpu_save(&prev->thread.fpu);
	if (next->mm)
		fpu_restore(&next->thread.fpu);
	load_TLS(next);
	loadsegment(fs, next->thread.fs);
	loadsegment(gs, next->thread.gs);
	cpu_tss.sp0 = next->thread.sp0;
	if (next->mm != current_mm)
		switch_mm(next->mm);
	current_task = next;
}

// Builds p's first stack so that the first switch to it "returns" into
// ret_from_fork (Linux: copy_thread). A kernel thread's function is in
// EBX, its argument in EDI; a user child gets a copy of the parent's
// registers with EAX 0, fork's return value in the child.
int copy_thread(struct task_struct *p, const struct kernel_clone_args *args)
{
	struct pt_regs *childregs = task_pt_regs(p);
	struct inactive_task_frame *frame = (struct inactive_task_frame *)childregs - 1;
	p->thread.sp0 = (unsigned long)(childregs + 1);
	p->thread.sp = (unsigned long)frame;
	*frame = {};
	frame->ret_addr = (unsigned long)ret_from_fork;
	p->thread.fs = p->thread.gs = 0; // the child's own come back from its pt_regs
	if (args->fn) {
		memset(childregs, 0, sizeof(*childregs));
		frame->bx = (unsigned long)args->fn;
		frame->di = (unsigned long)args->fn_arg;
		return 0;
	}
	*childregs = *args->regs;
	childregs->ax = 0;
	if (args->stack)
		childregs->sp = args->stack;
	fpu_save(&p->thread.fpu); // the parent's registers, as they are now
	memcpy(p->thread.tls_array, current->thread.tls_array, sizeof(p->thread.tls_array));
	if (args->flags & CLONE_SETTLS) // i386: tls is a struct user_desc *
		return do_set_thread_area(p, -1, (struct user_desc __user *)args->tls, 0);
	return 0;
}

// The registers a new program starts with (Linux: start_thread, with
// ELF_PLAT_INIT's zeroed general registers).
void start_thread(struct pt_regs *regs, unsigned long new_ip, unsigned long new_sp)
{
	memset(regs, 0, sizeof(*regs));
	regs->ds = regs->es = regs->ss = __USER_DS;
	regs->cs = __USER_CS;
	regs->ip = new_ip;
	regs->sp = new_sp;
	regs->flags = X86_EFLAGS_IF | 0x2; // bit 1 is always set
	fpstate_init(&current->thread.fpu);
	memset(current->thread.tls_array, 0, sizeof(current->thread.tls_array));
	loadsegment(fs, 0); // before the TLS entries they may name are gone
	loadsegment(gs, 0);
	load_TLS(current);
	if (current->mm) // the registers are live: load the clean state now
		fpu_restore(&current->thread.fpu);
}
