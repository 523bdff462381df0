/*
 * DOC: panic, BUG and WARN (Linux: kernel/panic.c, lib/bug.c)
 *
 * panic() is the end: it says why, and then does what panic= asks, as Linux
 * does: 0 (the default) halts forever so the message stays on screen, N > 0
 * reboots after N seconds, N < 0 reboots at once (what the test runner uses,
 * with QEMU's -no-reboot turning the reboot into an exit).
 */
#include <asm/processor.h>
#include <asm/reboot.h>
#include <asm/traps.h>
#include <asm/tsc.h>
#include <linux/errno.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/kstrtox.h>
#include <linux/sprintf.h>
#include <linux/utsname.h>

int panic_timeout;

void panic(const char *fmt, ...)
{
	static bool in_panic;
	static char buf[1024];
	local_irq_disable();
	if (in_panic) // panicking while panicking: say nothing more
		halt_forever();
	in_panic = true;

	va_list args;
	va_start(args, fmt);
	vscnprintf(buf, sizeof(buf), fmt, args);
	va_end(args);
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
	halt_forever();
}

static int __init panic_setup(char *val) { return kstrtoint(val, 0, &panic_timeout) ? -EINVAL : 0; }
__setup("panic=", panic_setup);

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
	pr_warn("WARNING: CPU: 0 PID: 0 at %s:%d %pS\n", file, line, __builtin_return_address(0));
	add_taint('W');
	dump_stack();
	pr_warn("---[ end trace %016llx ]---\n", 0ULL);
}
