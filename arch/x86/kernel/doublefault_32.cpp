/*
 * DOC: surviving a double fault (Linux: arch/x86/kernel/doublefault_32.c)
 *
 * When the kernel stack overflows into the unmapped guard page below it, the
 * page fault cannot be delivered: the CPU would push its frame onto that very
 * page. It raises a double fault instead, and if that needed the same stack
 * the machine would triple-fault and reset without a word. So vector 8 is a
 * task gate: the CPU saves every register into cpu_tss and loads
 * doublefault_tss, whose stack is a separate page. From there we rebuild a
 * pt_regs out of cpu_tss and print a normal oops.
 */
#include <asm/desc.h>
#include <asm/doublefault.h>
#include <asm/page_types.h>
#include <asm/processor.h>
#include <asm/setup.h>
#include <asm/traps.h>
#include <linux/kernel.h>

char doublefault_stack[DOUBLEFAULT_STACK_SIZE] __aligned(PAGE_SIZE);
struct x86_hw_tss doublefault_tss __aligned(128);

extern "C" void asm_exc_double_fault(void);

void doublefault_init_cpu_tss(void)
{
	struct x86_hw_tss *t = &doublefault_tss;
	t->ip = (u32)(unsigned long)asm_exc_double_fault;
	t->sp = (u32)(unsigned long)(doublefault_stack + DOUBLEFAULT_STACK_SIZE);
	t->flags = 0x2; // interrupts off
	t->cs = __KERNEL_CS;
	t->ss = t->ds = t->es = __KERNEL_DS;
	t->cr3 = read_cr3();
	t->io_bitmap_base = sizeof(*t);
}

// The interrupted context, as the task switch saved it.
static void regs_from_tss(struct pt_regs *r, const struct x86_hw_tss *t)
{
	*r = {};
	r->ax = t->ax, r->bx = t->bx, r->cx = t->cx, r->dx = t->dx;
	r->si = t->si, r->di = t->di, r->bp = t->bp, r->sp = t->sp;
	r->ip = t->ip, r->flags = t->flags, r->cs = t->cs, r->ss = t->ss;
	r->ds = t->ds, r->es = t->es, r->fs = t->fs, r->gs = t->gs;
	r->trapnr = X86_TRAP_DF;
}

static bool in_guard_page(unsigned long addr)
{
	unsigned long guard = (unsigned long)boot_stack_guard;
	return addr >= guard && addr - guard < PAGE_SIZE;
}

void exc_double_fault(unsigned long error_code)
{
	struct pt_regs regs;
	regs_from_tss(&regs, &cpu_tss);
	regs.error_code = error_code;
	unsigned long cr2 = read_cr2();
	if (in_guard_page(regs.sp) || in_guard_page(cr2)) {
		pr_emerg("BUG: stack guard page was hit at %p (stack is %p..%p)\n", (void *)cr2,
			 boot_stack, (void *)((unsigned long)boot_stack_top - 1));
		__die("stack guard page", &regs, 0);
	} else {
		pr_emerg("traps: PANIC: double fault, error_code: 0x%lx\n", error_code);
		__die("double fault", &regs, error_code);
	}
	oops_end(&regs, false);
}
