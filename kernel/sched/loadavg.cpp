/*
 * DOC: load averages (Linux: kernel/sched/loadavg.c)
 *
 * Every LOAD_FREQ ticks (5 s) the number of tasks running or waiting to
 * run, plus those in uninterruptible sleep, is folded into three
 * exponentially decaying averages with 1, 5 and 15 minute time constants:
 *
 *   load = load * e + active * (1 - e),   e = exp(-5 s / T)
 *
 * in fixed point with 11 fraction bits: EXP_1 = 2048 / e^(5/60), and so on.
 * /proc/loadavg, sysinfo() and top print them.
 */
#include <linux/jiffies.h>
#include <linux/sched.h>
#include <linux/sched/task.h>

#define LOAD_FREQ (5 * HZ + 1) // 5 s; the extra tick keeps it off other 5 s timers
#define EXP_1 1884	       // 1/exp(5sec/1min) as fixed-point
#define EXP_5 2014	       // 1/exp(5sec/5min)
#define EXP_15 2037	       // 1/exp(5sec/15min)

unsigned long avenrun[3];
static unsigned long next_update = LOAD_FREQ;
static unsigned long ticks;

// Linux: calc_load. Rounds up while the load grows, so it reaches a whole 1.
static unsigned long calc_load(unsigned long load, unsigned long exp, unsigned long active)
{
	unsigned long newload = load * exp + active * (FIXED_1 - exp);
	if (active >= load)
		newload += FIXED_1 - 1;
	return newload / FIXED_1;
}

static unsigned long nr_uninterruptible(void)
{
	unsigned long n = 0;
	struct task_struct *p;
	list_for_each_entry(p, &init_task.tasks, tasks)
		n += p->state == TASK_UNINTERRUPTIBLE;
	return n;
}

void calc_global_load(void)
{
	if (++ticks < next_update)
		return;
	next_update = ticks + LOAD_FREQ;
	unsigned long active = (nr_running() + nr_uninterruptible()) * FIXED_1;
	avenrun[0] = calc_load(avenrun[0], EXP_1, active);
	avenrun[1] = calc_load(avenrun[1], EXP_5, active);
	avenrun[2] = calc_load(avenrun[2], EXP_15, active);
}
