#pragma once
/*
 * How many CPUs the kernel is built for (Linux: include/linux/threads.h,
 * from CONFIG_NR_CPUS). Every per-CPU array is sized by this one constant;
 * SMP later means raising it and teaching smp_processor_id() to answer.
 */
#define NR_CPUS 1
