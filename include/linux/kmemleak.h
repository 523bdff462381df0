#pragma once
/*
 * Kernel memory leak detector (Linux: include/linux/kmemleak.h).
 *
 * The allocators tell kmemleak about every block they hand out and take
 * back; a scan then looks for blocks no pointer in the kernel reaches.
 *
 *   kmemleak_alloc(ptr, size, min_count, gfp)   slab objects, large kmalloc
 *   kmemleak_vmalloc(area, size, gfp)           vmalloc'ed areas
 *   kmemleak_alloc_phys(phys, size, gfp)        memblock (never reported)
 *   kmemleak_free(ptr), kmemleak_free_part_phys(phys, size)
 *
 * and the kernel marks its own long-lived blocks:
 *
 *   kmemleak_not_leak(ptr)  reachable some way kmemleak cannot see: never
 *                           reported, still scanned (gray)
 *   kmemleak_ignore(ptr)    neither reported nor scanned (black)
 *   kmemleak_no_scan(ptr)   reported if lost, but its contents hold no
 *                           pointers worth following
 *   kmemleak_scan_area(p, n, gfp)  only [p, p + n) of the block holds
 *                           pointers (vmap_area: not its va_start, va_end)
 *
 * Off unless the boot line says kmemleak=on (Linux with
 * CONFIG_DEBUG_KMEMLEAK_DEFAULT_OFF); every hook is one test of a flag then.
 */
#include <linux/compiler.h>
#include <linux/gfp.h>
#include <linux/slab.h>
#include <linux/types.h>

#define SLAB_NOLEAKTRACE 0x00800000u // the cache's objects are not tracked (kmemleak's own)

struct vm_struct;

#ifndef SIZE_MAX
#define SIZE_MAX (~(size_t)0)
#endif

#ifndef CONFIG_DEBUG_KMEMLEAK
#define CONFIG_DEBUG_KMEMLEAK 1
#endif
#if CONFIG_DEBUG_KMEMLEAK
extern int kmemleak_enabled, kmemleak_free_enabled;

void kmemleak_init(void);
void __kmemleak_alloc(const void *ptr, size_t size, int min_count, gfp_t gfp);
void __kmemleak_free(const void *ptr);
void kmemleak_vmalloc(const struct vm_struct *area, size_t size, gfp_t gfp);
void kmemleak_free_part(const void *ptr, size_t size);
void kmemleak_not_leak(const void *ptr);
void kmemleak_ignore(const void *ptr);
void kmemleak_no_scan(const void *ptr);
void kmemleak_scan_area(const void *ptr, size_t size, gfp_t gfp);
void kmemleak_alloc_phys(phys_addr_t phys, size_t size, gfp_t gfp);
void kmemleak_free_part_phys(phys_addr_t phys, size_t size);
void kmemleak_ignore_phys(phys_addr_t phys);

static __always_inline void kmemleak_alloc(const void *ptr, size_t size, int min_count, gfp_t gfp)
{
	if (kmemleak_enabled)
		__kmemleak_alloc(ptr, size, min_count, gfp);
}
static __always_inline void kmemleak_free(const void *ptr)
{
	if (kmemleak_free_enabled)
		__kmemleak_free(ptr);
}
// The slab hooks: a cache with SLAB_NOLEAKTRACE (kmemleak's own) is skipped.
static __always_inline void kmemleak_alloc_recursive(const void *ptr, size_t size, int min_count,
						     slab_flags_t flags, gfp_t gfp)
{
	if (!(flags & SLAB_NOLEAKTRACE))
		kmemleak_alloc(ptr, size, min_count, gfp);
}
static __always_inline void kmemleak_free_recursive(const void *ptr, slab_flags_t flags)
{
	if (!(flags & SLAB_NOLEAKTRACE))
		kmemleak_free(ptr);
}

// After a `ktest=` run: with kmemleak on, a scan of everything (no minimum
// age) whose leaks fail the run. Returns passed && no leak.
bool kmemleak_ktest_scan(bool passed);

#else // empty inlines, as Linux's when kmemleak is not built in (the host's fuzz targets)
static inline void kmemleak_init(void) {}
static inline void kmemleak_alloc(const void *, size_t, int, gfp_t) {}
static inline void kmemleak_free(const void *) {}
static inline void kmemleak_alloc_recursive(const void *, size_t, int, slab_flags_t, gfp_t) {}
static inline void kmemleak_free_recursive(const void *, slab_flags_t) {}
static inline void kmemleak_vmalloc(const struct vm_struct *, size_t, gfp_t) {}
static inline void kmemleak_free_part(const void *, size_t) {}
static inline void kmemleak_not_leak(const void *) {}
static inline void kmemleak_ignore(const void *) {}
static inline void kmemleak_no_scan(const void *) {}
static inline void kmemleak_scan_area(const void *, size_t, gfp_t) {}
static inline void kmemleak_alloc_phys(phys_addr_t, size_t, gfp_t) {}
static inline void kmemleak_free_part_phys(phys_addr_t, size_t) {}
static inline void kmemleak_ignore_phys(phys_addr_t) {}
static inline bool kmemleak_ktest_scan(bool passed) { return passed; }
#endif

/*
 * The debugfs file /sys/kernel/debug/kmemleak: kmemleak_write takes what
 * Linux's write takes ("scan", "clear", "off", "dump=<addr>") and returns 0
 * or -EINVAL/-EPERM; kmemleak_show prints what a read gives, the leaks the
 * last scan found.
 */
int kmemleak_write(const char *cmd);
void kmemleak_show(void);
// Runs one scan (Linux: kmemleak_scan); returns the new leaks it reported.
int kmemleak_scan(void);

// For tests: objects younger than this are not reported (Linux's
// MSECS_MIN_AGE, 5000 ms, by default). Returns the previous value.
unsigned int kmemleak_set_min_age(unsigned int msecs);
// True if ptr is the start of a block kmemleak tracks.
bool kmemleak_is_tracked(const void *ptr);
// True if the last scan found ptr (the start of a tracked block) unreferenced.
bool kmemleak_is_leak(const void *ptr);

// The shell's `kmemleak` command (scan|show|clear|stats|off|test|age=<ms>|dump=<addr>).
bool cmd_kmemleak(int argc, char **argv);
// Linux's samples/kmemleak/kmemleak-test.c, loaded and unloaded: allocates
// blocks and drops every pointer to them (mm/tests/kmemleak-test.cpp). Returns how
// many it leaked; with hidden, it also stores each address XOR mask there
// (at most max), out of the scan's sight, so that a test can free them.
int kmemleak_test_init(unsigned long *hidden, int max, unsigned long mask);
