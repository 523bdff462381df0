#pragma once
// Printing at most burst messages per interval (Linux: include/linux/ratelimit_types.h,
// lib/ratelimit.c), so a message repeated in a loop cannot flood the console.
#include <linux/types.h>

#define DEFAULT_RATELIMIT_INTERVAL_NS 5000000000ULL // Linux: 5 * HZ
#define DEFAULT_RATELIMIT_BURST 10

struct ratelimit_state {
	u64 interval_ns = DEFAULT_RATELIMIT_INTERVAL_NS;
	int burst = DEFAULT_RATELIMIT_BURST;
	u64 begin = 0; // start of the current interval; 0: none yet
	int printed = 0, missed = 0;
};

// True if the caller may print now. A new interval first reports, as
// "<func>: N callbacks suppressed", what the last one held back.
// Context: any (one CPU: no lock).
bool ___ratelimit(struct ratelimit_state *rs, const char *func);
#define __ratelimit(rs) ___ratelimit(rs, __func__)
