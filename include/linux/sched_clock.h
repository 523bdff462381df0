#pragma once
// Nanoseconds since boot, or 0 until the clock is calibrated (Linux:
// local_clock()); printk stamps every line with it.
#include <linux/types.h>
u64 local_clock(void);
