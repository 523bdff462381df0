#pragma once
// Time stamps of the memory bring-up phases (kernel/boot_phase.cpp), in TSC
// cycles: under QEMU's -icount shift=0 these are retired instructions, so
// `make bench-guest` reads exact, repeatable instruction counts per phase.
#include <linux/types.h>

struct boot_phase {
	const char *name; // the phase that ended here
	u64 tsc;
};
// Marks the end of a phase (the previous mark, or kernel entry, its start).
void boot_phase_mark(const char *name);
// The marks so far, in order; *n gets how many.
const struct boot_phase *boot_phases(int *n);
u64 boot_phase_entry_tsc(void);
