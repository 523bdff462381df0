/*
 * DOC: printing an oops (Linux: arch/x86/kernel/dumpstack.c, dumpstack_32.c,
 * process_32.c __show_regs)
 *
 * The layout is Linux 6.1's, so a student can lay our oops beside a real one:
 *
 *   invalid opcode: 0000 [#1]                  <- __die(): what and how many
 *   CPU: 0 PID: 0 Comm: swapper Not tainted ...
 *   EIP: ktest_crash_ud+0x5/0x10               <- where, as symbol+off/size
 *   Code: 55 89 e5 ... <0f> 0b ...             <- bytes around EIP, <> at EIP
 *   EAX: ... (registers, segment registers, control registers)
 *   Stack:                                     <- raw words from ESP (Linux
 *    c0123456 ...                                 dropped this; we keep it)
 *   Call Trace:                                <- return addresses found by
 *    ktest_run_one+0x2a/0x60                      walking the EBP chain
 *
 * The trace walks frame pointers (the kernel is built with them) and stays
 * inside the stack the frame started on, so a corrupt chain ends the walk
 * instead of faulting again. Anything else that faults while an oops is
 * being printed (or inside a symbol lookup) is not printed as a second oops:
 * oops_begin() says so in one line and panics.
 */
#include <asm/doublefault.h>
#include <asm/page_types.h>
#include <asm/processor.h>
#include <asm/sections.h>
#include <asm/segment.h>
#include <asm/setup.h>
#include <asm/traps.h>
#include <linux/dmi.h>
#include <linux/kallsyms.h>
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/sched/task.h>
#include <linux/sprintf.h>
#include <linux/stacktrace.h>
#include <linux/uaccess.h>
#include <linux/utsname.h>

int oops_in_progress;
static int die_counter;

bool get_stack_bounds(unsigned long addr, unsigned long *lo, unsigned long *hi)
{
	const unsigned long stacks[][2] = {
	    {(unsigned long)boot_stack, (unsigned long)boot_stack_top},
	    {(unsigned long)doublefault_stack,
	     (unsigned long)doublefault_stack + DOUBLEFAULT_STACK_SIZE},
	};
	for (const auto &s : stacks) {
		if (addr >= s[0] && addr < s[1]) {
			*lo = s[0];
			*hi = s[1];
			return true;
		}
	}
	// a task's own kernel stack (Linux: in_task_stack)
	unsigned long base = (unsigned long)current->stack;
	if (base && addr >= base && addr < base + (PAGE_SIZE << THREAD_SIZE_ORDER)) {
		*lo = base;
		*hi = base + (PAGE_SIZE << THREAD_SIZE_ORDER);
		return true;
	}
	return false;
}

void show_regs_print_info(const char *log_lvl)
{
	printk("%sCPU: 0 PID: %d Comm: %s %s %s %s\n", log_lvl, current->pid, current->comm,
	       print_tainted(), UTS_RELEASE, UTS_VERSION);
	if (*dmi_hardware_name()) // Linux: dump_stack_print_info's arch description
		printk("%sHardware name: %s\n", log_lvl, dmi_hardware_name());
}

// 42 bytes before EIP, the byte at EIP in <>, 21 after: Linux's "Code:"
// line. User code is read with copy_from_user (Linux: copy_code).
void show_opcodes(struct pt_regs *regs, const char *loglvl)
{
	const unsigned long before = 42, after = 21;
	unsigned long ip = regs->ip;
	u8 p[before + 1 + after];
	// probed: EIP itself may be the bad address (a call through a bad pointer)
	bool bad = ip < before ||
		   (user_mode(regs)
			? copy_from_user(p, (const void __user *)(ip - before), sizeof(p)) != 0
			: copy_from_kernel_nofault(p, (const void *)(ip - before), sizeof(p)) != 0);
	if (bad) {
		printk("%sCode: Unable to access opcode bytes at 0x%lx.\n", loglvl, ip - before);
		return;
	}
	printk("%sCode: %42ph <%02x> %21ph\n", loglvl, p, p[before], p + before + 1);
}

// Linux: __show_regs(regs, SHOW_REGS_SHORT): where, the code there, the registers.
static void show_regs_short(struct pt_regs *regs)
{
	unsigned long ss = __KERNEL_DS;
	unsigned long sp = kernel_stack_pointer(regs);
	if (user_mode(regs))
		ss = regs->ss;
	printk("EIP: %pS\n", (void *)regs->ip);
	show_opcodes(regs, KERN_EMERG);
	printk("EAX: %08lx EBX: %08lx ECX: %08lx EDX: %08lx\n", regs->ax, regs->bx, regs->cx,
	       regs->dx);
	printk("ESI: %08lx EDI: %08lx EBP: %08lx ESP: %08lx\n", regs->si, regs->di, regs->bp, sp);
	printk("DS: %04lx ES: %04lx FS: %04lx GS: %04lx SS: %04lx EFLAGS: %08lx\n",
	       regs->ds & 0xffff, regs->es & 0xffff, regs->fs & 0xffff, regs->gs & 0xffff, ss,
	       regs->flags);
}

static void show_registers(struct pt_regs *regs)
{
	show_regs_short(regs);
	printk("CR0: %08lx CR2: %08lx CR3: %08lx CR4: %08lx\n", read_cr0(), read_cr2(), read_cr3(),
	       read_cr4());
}

// An ESP that overflowed into the guard page: read the stack from its bottom.
static unsigned long readable_sp(unsigned long sp)
{
	unsigned long guard = (unsigned long)boot_stack_guard;
	return (sp >= guard && sp - guard < PAGE_SIZE) ? (unsigned long)boot_stack : sp;
}

void show_stack_words(unsigned long sp)
{
	unsigned long lo, hi;
	if (!get_stack_bounds(sp, &lo, &hi))
		return;
	printk("Stack:\n");
	const unsigned long *w = (const unsigned long *)sp;
	for (int line = 0; line < 3 && (unsigned long)w < hi; line++) {
		char buf[80];
		int len = 0;
		for (int i = 0; i < 8 && (unsigned long)w < hi; i++)
			len += scnprintf(buf + len, sizeof(buf) - len, " %08lx", *w++);
		printk("%s\n", buf);
	}
}

/*
 * Linux's show_trace_log_lvl(): look at every word between sp and the top of
 * the stack. A kernel text address where the frame chain says a return
 * address is, is reliable; any other is printed with "? ": a stale value, or
 * the caller of a function too small to have set up a frame.
 */
void show_trace(unsigned long sp, unsigned long bp)
{
	unsigned long lo, hi;
	int lines = 0;
	printk("Call Trace:\n");
	if (!get_stack_bounds(sp, &lo, &hi))
		return;
	for (unsigned long addr = ALIGN(sp, 4); addr + 4 <= hi; addr += 4) {
		unsigned long word = *(const unsigned long *)addr;
		if (!__kernel_text_address(word))
			continue;
		bool reliable = addr == bp + 4;
		unsigned long offset;
		if (reliable)
			bp = *(const unsigned long *)bp;
		else if (kallsyms_lookup(word, nullptr, &offset, nullptr) && offset == 0)
			continue; // a function pointer in a local, not a return address
		if (++lines > 64) {
			printk(" ...\n");
			return;
		}
		printk(" %s%pB\n", reliable ? "" : "? ", (void *)word);
	}
	// Linux: show_regs_if_on_stack. A trace that reaches the top of a user
	// task's kernel stack ends with the registers it entered the kernel with.
	struct pt_regs *entry = task_pt_regs(current);
	if (current->mm && hi == (unsigned long)(entry + 1) && user_mode(entry))
		show_regs_short(entry);
}

void show_regs(struct pt_regs *regs)
{
	show_regs_print_info(KERN_DEFAULT);
	show_registers(regs);
	unsigned long sp = readable_sp(kernel_stack_pointer(regs));
	show_stack_words(sp);
	show_trace(sp, regs->bp);
}

void dump_stack(void)
{
	show_regs_print_info(KERN_DEFAULT);
	show_trace(current_stack_pointer(), current_frame_pointer());
}

/*
 * Linux: oops_begin() and its die_nest_count. An oops prints symbols, walks
 * stacks and page tables; if any of that faults, printing the new oops would
 * fault the same way, again and again until the stack is gone and the CPU
 * resets. So a fault inside an oops (or inside a symbol lookup, whose table
 * is what is broken) gets one line and a panic that says why.
 *
 * oops_begun: the oops oops_begin() opened and __die() has yet to print. A
 * fault in between reaches __die() (from the double-fault task) with other
 * regs, and is a nested oops.
 */
static struct pt_regs *oops_begun;

void oops_begin(struct pt_regs *regs, const char *what)
{
	if (kallsyms_in_lookup()) {
		kallsyms_disable();
		pr_emerg("BUG: %s at ip %08lx while reading the kernel symbol table; "
			 "backtraces show addresses only from now on\n",
			 what, regs->ip);
		panic("Fault while looking up a kernel symbol: the symbol table is unreadable");
	}
	if (oops_in_progress) {
		kallsyms_disable(); // the panic below prints no symbol that might fault
		pr_emerg("BUG: %s at ip %08lx while printing oops #%d; not printing another\n",
			 what, regs->ip, die_counter + (oops_begun ? 1 : 0));
		panic("Recursive fault while printing an oops");
	}
	oops_in_progress++;
	console_verbose(); // quiet or loglevel= must not cut the oops short
	oops_begun = regs;
}

void __die(const char *str, struct pt_regs *regs, unsigned long err)
{
	if (oops_begun != regs)
		oops_begin(regs, str);
	oops_begun = nullptr;
	pr_emerg("%s: %04lx [#%d]\n", str, err & 0xffff, ++die_counter);
	show_regs(regs);
	pr_emerg("Modules linked in:\n");
}

void oops_end(struct pt_regs *regs, bool print_cr2)
{
	if (print_cr2)
		printk("CR2: %016lx\n", read_cr2());
	add_taint('D');
	pr_emerg("---[ end trace %016llx ]---\n", 0ULL);
	show_registers(regs); // the executive summary, in case the oops scrolled away
	panic("Fatal exception");
}

void die(const char *str, struct pt_regs *regs, unsigned long err)
{
	__die(str, regs, err);
	oops_end(regs, false);
}

unsigned int stack_trace_save(unsigned long *store, unsigned int size, unsigned int skipnr)
{
	unsigned long bp = current_frame_pointer(), lo, hi;
	unsigned int n = 0;
	while (n < size && get_stack_bounds(bp, &lo, &hi) && bp + 8 <= hi) {
		const unsigned long *frame = (const unsigned long *)bp;
		if (!frame[1])
			break;
		if (skipnr)
			skipnr--;
		else
			store[n++] = frame[1];
		if (frame[0] <= bp)
			break;
		bp = frame[0];
	}
	return n;
}
