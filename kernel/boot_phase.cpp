/*
 * DOC: boot phase time stamps (no Linux counterpart; Linux has initcall_debug
 * and printk times, which count time, not instructions)
 *
 * A handful of marks through setup_arch and mem_init. ktest=bench prints
 * them as a table; "mm ready" is printed at once, since boot-time
 * measurements read it from the serial log.
 */
#include <asm/processor.h>
#include <asm/setup.h>
#include <linux/boot_phase.h>
#include <linux/kernel.h>

static struct boot_phase marks[12];
static int nr_marks;

void boot_phase_mark(const char *name)
{
	if (nr_marks < (int)ARRAY_SIZE(marks))
		marks[nr_marks++] = {name, rdtsc()};
}

const struct boot_phase *boot_phases(int *n)
{
	*n = nr_marks;
	return marks;
}

u64 boot_phase_entry_tsc(void) { return boot_tsc; }
