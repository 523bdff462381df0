#pragma once
/*
 * Per-CPU data (Linux: arch/x86/include/asm/percpu.h and
 * include/linux/percpu-defs.h; smp_processor_id from linux/smp.h,
 * for_each_possible_cpu from linux/cpumask.h).
 *
 * Differs from Linux: a per-CPU variable here is an array of NR_CPUS
 * entries inside its owner (zone->per_cpu_pageset[], s->cpu_slab[]), not a
 * __percpu pointer into a per-CPU area addressed through %fs. The accessors
 * keep Linux's names and meaning, so callers read as in Linux:
 *
 *   this_cpu_ptr(p)    this CPU's entry; the caller has interrupts (Linux:
 *                      preemption) off, so it cannot move to another CPU
 *   raw_cpu_ptr(p)     the same without that promise (statistics, views)
 *   per_cpu_ptr(p, c)  CPU c's entry, for walks over every CPU
 */
#include <linux/threads.h>

// Uniprocessor: the only CPU is 0 (Linux: raw_smp_processor_id()).
static inline unsigned int smp_processor_id(void) { return 0; }

#define per_cpu_ptr(ptr, cpu) (&(ptr)[(cpu)])
#define raw_cpu_ptr(ptr) per_cpu_ptr(ptr, smp_processor_id())
#define this_cpu_ptr(ptr) raw_cpu_ptr(ptr)

#define for_each_possible_cpu(cpu) for ((cpu) = 0; (cpu) < NR_CPUS; (cpu)++)
