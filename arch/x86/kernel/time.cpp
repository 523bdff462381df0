/*
 * DOC: the timer tick (Linux: arch/x86/kernel/time.c, i8253.c,
 * kernel/time/tick-common.c, timer.c)
 *
 * PIT channel 0 in rate-generator mode divides its 1.193182 MHz clock by
 * LATCH = 4773 to interrupt HZ = 250 times a second, IRQ 0. Each tick adds
 * one to jiffies, charges the tick to the running task (user or system
 * time, by where the interrupt came from), runs expired timers and takes a
 * tick off the task's time slice.
 */
#include <asm/io.h>
#include <asm/irq.h>
#include <linux/init.h>
#include <linux/jiffies.h>
#include <linux/kernel.h>
#include <linux/sched/task.h>
#include <linux/timer.h>

#define PIT_TICK_RATE 1193182UL
#define LATCH ((PIT_TICK_RATE + HZ / 2) / HZ)

volatile unsigned long jiffies = INITIAL_JIFFIES;
u64 jiffies_64 = INITIAL_JIFFIES;
u64 kcpustat[NR_CPUTIME];

static void timer_interrupt(unsigned int irq, struct pt_regs *regs)
{
	jiffies_64++;
	jiffies = (unsigned long)jiffies_64;
	if (user_mode(regs)) {
		current->utime++;
		kcpustat[CPUTIME_USER]++;
	} else {
		current->stime++;
		kcpustat[current == &init_task ? CPUTIME_IDLE : CPUTIME_SYSTEM]++;
	}
	run_local_timers();
	scheduler_tick();
}

void __init time_init_tick(void)
{
	outb(0x34, 0x43); // channel 0, lobyte/hibyte, mode 2 (rate generator)
	outb(LATCH & 0xff, 0x40);
	outb(LATCH >> 8, 0x40);
	if (request_irq(0, timer_interrupt, "timer"))
		pr_err("timer: IRQ 0 is taken; no tick, no scheduling\n");
}
