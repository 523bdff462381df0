#pragma once
// Randomized allocation and free across the allocators, with checks
// (mm/stress.cpp; the shell's stress command).
#include <linux/types.h>

struct stress_report {
	unsigned long allocs[5]; // by kind: [1] pages, [2] kmalloc, [3] kmem_cache, [4] vmalloc
	unsigned long frees, failed, violations;
};

// ops random steps from seed; 0 if no invariant was broken, else -1.
int mm_stress(unsigned long ops, u32 seed, struct stress_report *r);
void stress_print(unsigned long ops, const struct stress_report *r);
