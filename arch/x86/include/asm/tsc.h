#pragma once
// Time from the TSC, calibrated against the PIT (Linux: arch/x86/kernel/tsc.c).
#include <linux/types.h>

extern unsigned long tsc_khz; // 0 until calibrated
void tsc_early_init(void);
void mdelay(unsigned long ms);
