// Linux: lib/ratelimit.c ___ratelimit, with local_clock() for jiffies.
#include <linux/printk.h>
#include <linux/ratelimit.h>
#include <linux/sched_clock.h>

bool ___ratelimit(struct ratelimit_state *rs, const char *func)
{
	u64 now = local_clock();
	if (!rs->begin || now - rs->begin >= rs->interval_ns) {
		if (rs->missed)
			pr_warn("%s: %d callbacks suppressed\n", func, rs->missed);
		rs->begin = now ? now : 1;
		rs->printed = rs->missed = 0;
	}
	if (rs->printed < rs->burst) {
		rs->printed++;
		return true;
	}
	rs->missed++;
	return false;
}
