#pragma once
/*
 * KFENCE, the Kernel Electric-Fence (Linux: include/linux/kfence.h).
 *
 * A sampling detector of out-of-bounds accesses, use-after-free and invalid
 * frees: now and then (kfence.sample_interval= ms) one slab allocation is
 * served from a pool of pages where every object has a page to itself with
 * an unmapped guard page on either side. The slab allocator asks KFENCE
 * first (kfence_alloc), and hands back what lies in the pool (kfence_free);
 * the page-fault handler asks it about faults in the pool
 * (kfence_handle_page_fault). mm/kfence/core.cpp has the picture.
 */
#include <asm/page_types.h>
#include <linux/compiler.h>
#include <linux/gfp.h>
#include <linux/types.h>

#define CONFIG_KFENCE_NUM_OBJECTS 255 // Linux's Kconfig default
// Two pages per object and two in front: 2 MiB, 1.6% of a 128 MiB machine.
#define KFENCE_POOL_SIZE ((CONFIG_KFENCE_NUM_OBJECTS + 1) * 2 * PAGE_SIZE)

struct kmem_cache;
struct pt_regs;
struct seq_buf;

extern char *__kfence_pool;
extern unsigned long kfence_sample_interval; // ms; 0: KFENCE is off
extern bool kfence_enabled;

// Linux: is_kfence_address. Without the pool test, a NULL pool would claim
// every address below KFENCE_POOL_SIZE.
static __always_inline bool is_kfence_address(const void *addr)
{
	return (unsigned long)addr - (unsigned long)__kfence_pool < KFENCE_POOL_SIZE &&
	       __kfence_pool;
}

// Boot: the pool from memblock (before memblock_free_all), then guard
// pages and metadata once the page allocator works (Linux: both in start_kernel).
void kfence_alloc_pool(void);
void kfence_init(void);

void *__kfence_alloc(struct kmem_cache *s, size_t size, gfp_t flags);
/*
 * Linux: kfence_alloc. Called first thing by every slab allocation: NULL
 * when KFENCE does not take this one (it is off, the sample interval has
 * not elapsed, the pool is full, or the request cannot be served), else a
 * guarded object of size bytes.
 */
static __always_inline void *kfence_alloc(struct kmem_cache *s, size_t size, gfp_t flags)
{
	if (__builtin_expect(!kfence_enabled, 1))
		return nullptr;
	return __kfence_alloc(s, size, flags);
}

// The size asked for, or 0 if addr is not a KFENCE object (Linux: kfence_ksize).
size_t kfence_ksize(const void *addr);
// The start of the object addr points into (Linux: kfence_object_start).
void *kfence_object_start(const void *addr);
void __kfence_free(void *addr);
// Linux: kfence_free. True if addr was KFENCE's (then it is handled).
static __always_inline bool kfence_free(void *addr)
{
	if (!is_kfence_address(addr))
		return false;
	__kfence_free(addr);
	return true;
}
// kmem_cache_destroy: live objects of s become zombies (Linux: kfence_shutdown_cache).
void kfence_shutdown_cache(struct kmem_cache *s);
// A kernel fault at addr: true if KFENCE reported it and made the access
// work, so the faulting instruction can run again (Linux: kfence_handle_page_fault).
bool kfence_handle_page_fault(unsigned long addr, bool is_write, struct pt_regs *regs);

// /sys/kernel/debug/kfence/stats and objects.
void kfence_stats_show(struct seq_buf *m);
void kfence_objects_show(struct seq_buf *m);
// How many KFENCE reports were printed since boot (for tests).
unsigned long kfence_reports(void);
// The shell's `kfence` command (mm/kfence/shell.cpp).
bool kfence_shell(int argc, char **argv);
