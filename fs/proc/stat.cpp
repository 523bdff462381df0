/*
 * DOC: /proc/stat, /proc/loadavg and /proc/uptime (Linux: fs/proc/stat.c,
 * loadavg.c, uptime.c), what top and uptime read
 *
 *   cpu  user nice system idle iowait irq softirq steal guest guest_nice
 *
 * in USER_HZ ticks. Differs from Linux: the timer interrupt charges its
 * whole tick to whatever it interrupted, so irq and softirq time show as
 * system time (Linux without CONFIG_IRQ_TIME_ACCOUNTING does much the
 * same); nice, iowait and steal are 0, and "intr" lists the 16 legacy
 * IRQs only.
 */
#include <asm/irq.h>
#include <asm/traps.h>
#include <linux/jiffies.h>
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/sched/task.h>
#include <linux/sched_clock.h>
#include <linux/seq_buf.h>

#include "internal.h"

#define NR_SOFTIRQS 10

void proc_stat_show(struct seq_buf *s)
{
	unsigned long long user = jiffies_to_clock_t(kcpustat[CPUTIME_USER]),
			   sys = jiffies_to_clock_t(kcpustat[CPUTIME_SYSTEM]),
			   idle = jiffies_to_clock_t(kcpustat[CPUTIME_IDLE]);
	for (int cpu = -1; cpu < 1; cpu++) { // the sum, then cpu0: one CPU
		if (cpu < 0)
			seq_buf_printf(s, "cpu ");
		else
			seq_buf_printf(s, "cpu%d", cpu);
		seq_buf_printf(s, " %llu 0 %llu %llu 0 0 0 0 0 0\n", user, sys, idle);
	}
	unsigned long long sum = 0;
	for (unsigned int irq = 0; irq < NR_LEGACY_IRQS; irq++)
		sum += irq_count(irq);
	seq_buf_printf(s, "intr %llu", sum);
	for (unsigned int irq = 0; irq < NR_LEGACY_IRQS; irq++)
		seq_buf_printf(s, " %lu", irq_count(irq));
	seq_buf_printf(s,
		       "\nctxt %lu\nbtime %llu\nprocesses %lu\nprocs_running %u\nprocs_blocked 0\n",
		       nr_context_switches(), (unsigned long long)boot_time_seconds(),
		       total_forks(), nr_running());
	seq_buf_printf(s, "softirq 0");
	for (int i = 0; i < NR_SOFTIRQS; i++)
		seq_buf_printf(s, " 0");
	seq_buf_printf(s, "\n");
}

// Linux: loadavg_proc_show. Rounded to the nearest hundredth.
void proc_loadavg_show(struct seq_buf *s)
{
	unsigned long a[3];
	for (int i = 0; i < 3; i++)
		a[i] = avenrun[i] + FIXED_1 / 200;
	seq_buf_printf(s, "%lu.%02lu %lu.%02lu %lu.%02lu %u/%d %d\n", LOAD_INT(a[0]),
		       LOAD_FRAC(a[0]), LOAD_INT(a[1]), LOAD_FRAC(a[1]), LOAD_INT(a[2]),
		       LOAD_FRAC(a[2]), nr_running(), nr_processes(), last_pid_allocated());
}

// Linux: uptime_proc_show. Seconds since boot, and seconds spent idle.
void proc_uptime_show(struct seq_buf *s)
{
	u64 ns = local_clock(), idle = kcpustat[CPUTIME_IDLE] * (1000000000ULL / HZ);
	seq_buf_printf(s, "%llu.%02llu %llu.%02llu\n", ns / 1000000000ULL,
		       ns % 1000000000ULL / 10000000ULL, idle / 1000000000ULL,
		       idle % 1000000000ULL / 10000000ULL);
}
