#pragma once
// Time from the TSC, calibrated against the PIT (Linux: arch/x86/kernel/tsc.c).
#include <linux/types.h>

extern unsigned long tsc_khz; // 0 until calibrated
// Linux: time_init() -> tsc_init(). Called by start_kernel after mem_init,
// where Linux calibrates too: memory bring-up lines are stamped 0.000000, as
// in Linux's log, and do not wait 10 ms for the PIT.
void time_init(void);
void mdelay(unsigned long ms);
