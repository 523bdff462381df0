/*
 * DOC: panic, BUG and WARN (Linux: kernel/panic.c, lib/bug.c)
 *
 * panic() is the end: it says why, and then does what panic= asks, as Linux
 * does: 0 (the default) halts forever so the message stays on screen, N > 0
 * reboots after N seconds, N < 0 reboots at once (what the test runner uses,
 * with QEMU's -no-reboot turning the reboot into an exit).
 *
 * Differs from Linux: a ktest= boot without an explicit panic= does not
 * halt but leaves QEMU with the failing exit code (kernel/ktest.cpp), so a
 * test run can never wait forever for someone to read the screen.
 */
#include <asm/irqflags.h>
#include <asm/processor.h>
#include <asm/reboot.h>
#include <asm/traps.h>
#include <asm/tsc.h>
#include <linux/errno.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/kstrtox.h>
#include <linux/ktest.h>
#include <linux/sched.h>
#include <linux/sprintf.h>
#include <linux/utsname.h>

int panic_timeout;
static bool panic_timeout_given; // panic= was on the command line

// panic=0's endless halt; a ktest= boot that did not ask for it exits.
static __noreturn void panic_halt(void)
{
	if (!panic_timeout_given)
		ktest_panic_exit();
	halt_forever();
}

void panic(const char *fmt, ...)
{
	static bool in_panic;
	static char buf[1024];
	local_irq_disable();
	if (in_panic) // panicking while panicking: say nothing more
		panic_halt();
	in_panic = true;
	console_verbose(); // the reason reaches the console whatever loglevel= said

	va_list args;
	va_start(args, fmt);
	int len = vscnprintf(buf, sizeof(buf), fmt, args);
	va_end(args);
	// Linux drops one trailing newline: the end marker below stays one line
	if (len && buf[len - 1] == '\n')
		buf[len - 1] = '\0';
	pr_emerg("Kernel panic - not syncing: %s\n", buf);
	if (!oops_in_progress) // an oops has already shown the stack
		dump_stack();
	pr_emerg("Kernel Offset: disabled\n");

	if (panic_timeout > 0) {
		pr_emerg("Rebooting in %d seconds..\n", panic_timeout);
		mdelay(panic_timeout * 1000UL);
	}
	if (panic_timeout != 0)
		machine_restart();
	pr_emerg("---[ end Kernel panic - not syncing: %s ]---\n", buf);
	panic_halt();
}

static int __init panic_setup(char *val)
{
	if (!val || kstrtoint(val, 0, &panic_timeout)) // a bare "panic" has no value
		return -EINVAL;
	panic_timeout_given = true;
	return 0;
}
early_param("panic", panic_setup); // early: setup_arch's own panics (too little RAM) obey it

void __bug(const char *file, int line)
{
	pr_crit("kernel BUG at %s:%d!\n", file, line);
	__builtin_trap(); // ud2: the invalid-opcode oops shows where we were
}

unsigned long warn_count;

void __warn(const char *file, int line, const char *fmt, ...)
{
	warn_count++;
	pr_warn("------------[ cut here ]------------\n");
	if (fmt) {
		va_list args;
		va_start(args, fmt);
		struct va_format vaf = {fmt, &args};
		pr_warn("%pV", &vaf);
		va_end(args);
	}
	pr_warn("WARNING: CPU: 0 PID: %d at %s:%d %pS\n", current->pid, file, line,
		__builtin_return_address(0));
	pr_warn("Modules linked in:\n"); // Linux's print_modules(): none here
	dump_stack();
	pr_warn("---[ end trace %016llx ]---\n", 0ULL);
	// Linux taints only now, so this warning's own report still reads
	// "Not tainted" when it is the first thing to go wrong
	add_taint('W');
}
