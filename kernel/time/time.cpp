/*
 * DOC: time for user space (Linux: kernel/time/time.c, posix-timers.c,
 * hrtimer.c's nanosleep, arch/x86/kernel/rtc.c)
 *
 * CLOCK_MONOTONIC is the TSC clock printk stamps with (local_clock()).
 * CLOCK_REALTIME adds the wall time the CMOS clock said at boot. Sleeps
 * are rounded up to whole ticks (4 ms at HZ=250), as a tick-based kernel's
 * are.
 */
#include <asm/io.h>
#include <linux/errno.h>
#include <linux/init.h>
#include <linux/jiffies.h>
#include <linux/kernel.h>
#include <linux/random.h>
#include <linux/resource.h>
#include <linux/sched/task.h>
#include <linux/sched_clock.h>
#include <linux/syscalls.h>
#include <linux/time_types.h>
#include <linux/timer.h>
#include <linux/uaccess.h>

#define CLOCK_REALTIME 0
#define CLOCK_MONOTONIC 1
#define CLOCK_PROCESS_CPUTIME_ID 2
#define CLOCK_THREAD_CPUTIME_ID 3
#define CLOCK_MONOTONIC_RAW 4
#define CLOCK_REALTIME_COARSE 5
#define CLOCK_MONOTONIC_COARSE 6
#define CLOCK_BOOTTIME 7
#define TIMER_ABSTIME 1

static u64 boot_wall_seconds;

u64 boot_time_seconds(void) { return boot_wall_seconds; } // /proc/stat's btime

static unsigned int cmos_read(u8 reg)
{
	outb(reg, 0x70);
	unsigned int v = inb(0x71);
	return (v & 0xf) + (v >> 4) * 10; // BCD, QEMU's default
}

static u64 days_from_civil(u64 y, unsigned int m, unsigned int d)
{
	y -= m <= 2;
	u64 era = y / 400, yoe = y - era * 400;
	u64 doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	u64 doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

// The CMOS clock at boot (Linux: mach_get_cmos_time).
void __init read_persistent_clock(void)
{
	unsigned int sec = cmos_read(0), min = cmos_read(2), hour = cmos_read(4);
	unsigned int day = cmos_read(7), mon = cmos_read(8), year = cmos_read(9) + 2000;
	if (!mon || mon > 12 || !day)
		return;
	boot_wall_seconds =
	    days_from_civil(year, mon, day) * 86400 + (u64)hour * 3600 + (u64)min * 60 + sec;
}

static u64 clock_ns(int which, bool *ok)
{
	*ok = true;
	switch (which) {
	case CLOCK_REALTIME:
	case CLOCK_REALTIME_COARSE: return boot_wall_seconds * NSEC_PER_SEC + local_clock();
	case CLOCK_MONOTONIC:
	case CLOCK_MONOTONIC_RAW:
	case CLOCK_MONOTONIC_COARSE:
	case CLOCK_BOOTTIME: return local_clock();
	case CLOCK_PROCESS_CPUTIME_ID:
	case CLOCK_THREAD_CPUTIME_ID:
		return (current->utime + current->stime) * (NSEC_PER_SEC / HZ);
	default: *ok = false; return 0;
	}
}

long sys_clock_gettime(int which_clock, struct __kernel_timespec __user *tp)
{
	bool ok;
	u64 ns = clock_ns(which_clock, &ok);
	if (!ok)
		return -EINVAL;
	struct __kernel_timespec ts = {(s64)(ns / NSEC_PER_SEC), (long long)(ns % NSEC_PER_SEC)};
	return copy_to_user(tp, &ts, sizeof(ts)) ? -EFAULT : 0;
}

long sys_clock_gettime32(int which_clock, struct old_timespec32 __user *tp)
{
	bool ok;
	u64 ns = clock_ns(which_clock, &ok);
	if (!ok)
		return -EINVAL;
	struct old_timespec32 ts = {(s32)(ns / NSEC_PER_SEC), (s32)(ns % NSEC_PER_SEC)};
	return copy_to_user(tp, &ts, sizeof(ts)) ? -EFAULT : 0;
}

static long clock_res_ns(int which)
{
	bool ok;
	clock_ns(which, &ok);
	if (!ok)
		return -EINVAL;
	return which == CLOCK_REALTIME_COARSE || which == CLOCK_MONOTONIC_COARSE ? 1000000000 / HZ
										 : 1;
}

long sys_clock_getres(int which_clock, struct __kernel_timespec __user *tp)
{
	long res = clock_res_ns(which_clock);
	if (res < 0)
		return res;
	struct __kernel_timespec ts = {0, res};
	return tp && copy_to_user(tp, &ts, sizeof(ts)) ? -EFAULT : 0;
}

long sys_clock_getres_time32(int which_clock, struct old_timespec32 __user *tp)
{
	long res = clock_res_ns(which_clock);
	if (res < 0)
		return res;
	struct old_timespec32 ts = {0, (s32)res};
	return tp && copy_to_user(tp, &ts, sizeof(ts)) ? -EFAULT : 0;
}

long sys_gettimeofday(struct __kernel_old_timeval __user *tv, void __user *tz)
{
	bool ok;
	u64 ns = clock_ns(CLOCK_REALTIME, &ok);
	if (tv) {
		struct __kernel_old_timeval t = {(long)(ns / NSEC_PER_SEC),
						 (long)(ns % NSEC_PER_SEC / 1000)};
		if (copy_to_user(tv, &t, sizeof(t)))
			return -EFAULT;
	}
	if (tz) {
		int zone[2] = {0, 0};
		if (copy_to_user(tz, zone, sizeof(zone)))
			return -EFAULT;
	}
	return 0;
}

long sys_time32(long __user *tloc)
{
	bool ok;
	long t = (long)(clock_ns(CLOCK_REALTIME, &ok) / NSEC_PER_SEC);
	if (tloc && put_user(t, tloc))
		return -EFAULT;
	return t;
}

// Sleeps ns; -ERESTART_RESTARTBLOCK-like early ends become -EINTR with the
// time left in *left_ns (Linux restarts through restart_block; we do not).
static long do_nanosleep(u64 ns, u64 *left_ns)
{
	long ticks = (long)((ns * HZ + NSEC_PER_SEC - 1) / NSEC_PER_SEC);
	while (ticks > 0) {
		current->state = TASK_INTERRUPTIBLE;
		ticks = schedule_timeout(ticks);
		if (ticks && signal_pending(current)) {
			*left_ns = (u64)ticks * (NSEC_PER_SEC / HZ);
			return -EINTR;
		}
	}
	current->state = TASK_RUNNING;
	*left_ns = 0;
	return 0;
}

static bool timespec_valid(s64 sec, long long nsec)
{
	return sec >= 0 && nsec >= 0 && (u64)nsec < NSEC_PER_SEC;
}

long sys_nanosleep_time32(struct old_timespec32 __user *rqtp, struct old_timespec32 __user *rmtp)
{
	struct old_timespec32 t;
	if (copy_from_user(&t, rqtp, sizeof(t)))
		return -EFAULT;
	if (!timespec_valid(t.tv_sec, t.tv_nsec))
		return -EINVAL;
	u64 left;
	long err = do_nanosleep((u64)t.tv_sec * NSEC_PER_SEC + (u64)t.tv_nsec, &left);
	if (err && rmtp) {
		struct old_timespec32 r = {(s32)(left / NSEC_PER_SEC), (s32)(left % NSEC_PER_SEC)};
		if (copy_to_user(rmtp, &r, sizeof(r)))
			return -EFAULT;
	}
	return err;
}

static long clock_nanosleep_ns(int which, int flags, s64 sec, long long nsec, u64 *left)
{
	bool ok;
	u64 now = clock_ns(which, &ok);
	if (!ok || which == CLOCK_PROCESS_CPUTIME_ID || which == CLOCK_THREAD_CPUTIME_ID)
		return -EINVAL;
	if (!timespec_valid(sec, nsec))
		return -EINVAL;
	u64 ns = (u64)sec * NSEC_PER_SEC + (u64)nsec;
	if (flags & TIMER_ABSTIME)
		ns = ns > now ? ns - now : 0;
	return do_nanosleep(ns, left);
}

long sys_clock_nanosleep(int which_clock, int flags, const struct __kernel_timespec __user *rqtp,
			 struct __kernel_timespec __user *rmtp)
{
	struct __kernel_timespec t;
	if (copy_from_user(&t, rqtp, sizeof(t)))
		return -EFAULT;
	u64 left;
	long err = clock_nanosleep_ns(which_clock, flags, t.tv_sec, t.tv_nsec, &left);
	if (err == -EINTR && rmtp && !(flags & TIMER_ABSTIME)) {
		struct __kernel_timespec r = {(s64)(left / NSEC_PER_SEC),
					      (long long)(left % NSEC_PER_SEC)};
		if (copy_to_user(rmtp, &r, sizeof(r)))
			return -EFAULT;
	}
	return err;
}

long sys_clock_nanosleep_time32(int which_clock, int flags,
				const struct old_timespec32 __user *rqtp,
				struct old_timespec32 __user *rmtp)
{
	struct old_timespec32 t;
	if (copy_from_user(&t, rqtp, sizeof(t)))
		return -EFAULT;
	u64 left;
	long err = clock_nanosleep_ns(which_clock, flags, t.tv_sec, t.tv_nsec, &left);
	if (err == -EINTR && rmtp && !(flags & TIMER_ABSTIME)) {
		struct old_timespec32 r = {(s32)(left / NSEC_PER_SEC), (s32)(left % NSEC_PER_SEC)};
		if (copy_to_user(rmtp, &r, sizeof(r)))
			return -EFAULT;
	}
	return err;
}

long sys_sched_yield(void)
{
	current->need_resched = true; // to the back of the queue on the way out
	return 0;
}

#define GRND_NONBLOCK 0x0001
#define GRND_RANDOM 0x0002
#define GRND_INSECURE 0x0004

// Linux: sys_getrandom. Never blocks: the pool here is ready at boot.
long sys_getrandom(char __user *buf, size_t count, unsigned int flags)
{
	if (flags & ~(GRND_NONBLOCK | GRND_RANDOM | GRND_INSECURE) ||
	    (flags & (GRND_INSECURE | GRND_RANDOM)) == (GRND_INSECURE | GRND_RANDOM))
		return -EINVAL;
	if (count > 0x7ffff000) // MAX_RW_COUNT
		count = 0x7ffff000;
	size_t done = 0;
	while (done < count) {
		unsigned long r = get_random_long();
		size_t n = count - done < sizeof(r) ? count - done : sizeof(r);
		if (copy_to_user(buf + done, &r, n))
			return done ? (long)done : -EFAULT;
		done += n;
	}
	return (long)done;
}
