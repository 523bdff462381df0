/*
 * DOC: start_kernel (Linux: init/main.c)
 *
 * boot/head_32.asm calls start_kernel() on the boot stack, paging on, the
 * kernel running at PAGE_OFFSET. From here the order follows Linux's: a
 * console and exception handlers first (so everything after can report a
 * failure), the banner, setup_arch (memory map and, in later stages,
 * memblock and page tables), the command line, then the work.
 */
#include <asm/early_printk.h>
#include <asm/init.h>
#include <asm/irq.h>
#include <asm/irqflags.h>
#include <asm/processor.h>
#include <asm/setup.h>
#include <asm/traps.h>
#include <asm/tsc.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/kfence.h>
#include <linux/ktest.h>
#include <linux/mm.h>
#include <linux/sched/task.h>
#include <linux/shell.h>
#include <linux/utsname.h>

const char linux_banner[] =
    UTS_SYSNAME " version " UTS_RELEASE " (gcc " __VERSION__ ") " UTS_VERSION
		" (memory management after Linux " LINUX_NAMES_VERSION ")\n";

static __noreturn void rest_init(void);
void fpu__init_cpu(void);
void kernel_init_freeable(void);
int run_init(void);
void read_persistent_clock(void);

extern "C" void (*__init_array_start[])(void), (*__init_array_end[])(void);

// Constructors of globals; the style rules keep them free of side effects,
// but if one exists it must still run before its object is used.
static void __init do_ctors(void)
{
	for (void (**ctor)(void) = __init_array_start; ctor < __init_array_end; ctor++)
		(*ctor)();
}

extern "C" __noreturn void start_kernel(void)
{
	char *command_line;

	zap_early_identity_map();
	early_console_init();
	trap_init();
	do_ctors();
	pr_notice("%s", linux_banner);
	setup_arch(&command_line);
	build_all_zonelists();
	pr_notice("Kernel command line: %s\n", command_line);
	parse_kernel_params();
	mem_init(); // Linux: mm_init(). From here on, alloc_pages() works.
	time_init();
	kfence_init(); // Linux: after timekeeping and random_init()
	fork_init();
	fpu__init_cpu();
	read_persistent_clock();
	time_init_tick();
	local_irq_enable(); // the tick runs from here on

	ktest_run_requested();
	rest_init();
}

// pid 1 before it becomes a program (Linux: kernel_init). Without an init
// to run it keeps the serial shell, as the kernel did before processes.
static int kernel_init(void *unused)
{
	child_reaper = current;
	kernel_init_freeable();
	system_state = SYSTEM_FREEING_INITMEM;
	free_initmem();
	system_state = SYSTEM_RUNNING;
	if (run_init() == 0)
		return 0; // now a program: ret_from_fork goes to user mode
	shell_main();
}

// Linux: rest_init. The boot task starts pid 1 and becomes the idle task.
static __noreturn void rest_init(void)
{
	pid_t pid = kernel_thread(kernel_init, nullptr, "init", 0);
	if (pid != 1)
		panic("cannot start init: %d", pid);
	system_state = SYSTEM_SCHEDULING;
	cpu_idle_loop();
}
