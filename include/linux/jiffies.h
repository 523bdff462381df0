#pragma once
// The tick count (Linux: include/linux/jiffies.h, kernel/time/timer.c).
// The timer interrupt adds one HZ times a second. As in Linux it starts
// five minutes before wrapping, so code that compares jiffies wrongly breaks
// at boot instead of after 49 days.
#include <linux/types.h>

#define HZ 250	    // Debian's 686 kernel: CONFIG_HZ_250
#define USER_HZ 100 // what times(), /proc and AT_CLKTCK count in
#define INITIAL_JIFFIES ((unsigned long)(unsigned int)(-300 * HZ))

extern volatile unsigned long jiffies;
extern u64 jiffies_64;

// a is after b, correct across the wrap (Linux: time_after).
static inline bool time_after(unsigned long a, unsigned long b) { return (long)(b - a) < 0; }
static inline unsigned long msecs_to_jiffies(unsigned long ms) { return (ms * HZ + 999) / 1000; }
static inline unsigned long jiffies_to_msecs(unsigned long j) { return j * (1000 / HZ); }
static inline unsigned long jiffies_to_clock_t(u64 j)
{
	return (unsigned long)(j / (HZ / USER_HZ));
}
