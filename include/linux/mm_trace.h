#pragma once
/*
 * Allocator tracing (mm/mm_trace.cpp): the events Linux's kmem and
 * page-allocator tracepoints report (mm_page_alloc, mm_page_free, kmalloc,
 * kfree, kmem_cache_alloc, kmem_cache_free, vmalloc), recorded in a
 * fixed-size ring instead of ftrace's per-CPU buffers. The shell's
 * `trace on|off|show|clear` drives it; tools/mm-svg.py draws a dump.
 */
#include <linux/compiler.h>
#include <linux/gfp.h>
#include <linux/types.h>

enum mm_trace_op : u8 {
	MM_TRACE_PAGE_ALLOC,
	MM_TRACE_PAGE_FREE,
	MM_TRACE_PCP_REFILL, // a batch moved from the buddy lists to a pcp list
	MM_TRACE_PCP_DRAIN,  // a batch moved back
	MM_TRACE_SLAB_ALLOC, // kmem_cache_alloc
	MM_TRACE_SLAB_FREE,  // kmem_cache_free
	MM_TRACE_VMALLOC,
	MM_TRACE_VFREE,
	MM_TRACE_KMALLOC, // kmalloc: a kmalloc cache, or whole pages (no cache)
	MM_TRACE_KFREE,
};

struct mm_trace_event {
	unsigned int seq;
	enum mm_trace_op op;
	u8 order;
	s8 zone, migratetype;
	unsigned long where; // pfn for page events, address for the others
	unsigned long size;  // pcp: pages; slab: bytes asked for; vmalloc: bytes
	unsigned long size2; // slab: the bytes it takes (the cache's slot, s->size; pages)
	gfp_t gfp;
	const void *caller;
	const char *name; // slab: the cache (NULL: kmalloc's whole pages)
};

#define MM_TRACE_EVENTS 512

extern bool mm_trace_enabled;
void mm_trace_record(const struct mm_trace_event *e);
void mm_trace_clear(void);
// The oldest event still held, then the next ones; n events in all.
const struct mm_trace_event *mm_trace_get(unsigned int i, unsigned int *n);
struct seq_buf;
void mm_trace_show(struct seq_buf *s);

struct page;
struct zone;
struct kmem_cache;
// Tracepoints. Each costs one test of mm_trace_enabled when tracing is off.
void __trace_mm_page(enum mm_trace_op op, const struct page *page, unsigned int order, gfp_t gfp,
		     const void *caller);
static inline void trace_mm_page_alloc(const struct page *page, unsigned int order, gfp_t gfp,
				       const void *caller)
{
	if (unlikely(mm_trace_enabled))
		__trace_mm_page(MM_TRACE_PAGE_ALLOC, page, order, gfp, caller);
}
static inline void trace_mm_page_free(const struct page *page, unsigned int order,
				      const void *caller)
{
	if (unlikely(mm_trace_enabled))
		__trace_mm_page(MM_TRACE_PAGE_FREE, page, order, (gfp_t)0, caller);
}
void __trace_mm_pcp(enum mm_trace_op op, const struct zone *zone, const struct page *first,
		    unsigned long count, int mt);
static inline void trace_mm_pcp(enum mm_trace_op op, const struct zone *zone,
				const struct page *first, unsigned long count, int mt)
{
	if (unlikely(mm_trace_enabled) && count)
		__trace_mm_pcp(op, zone, first, count, mt);
}
// Linux's kmem tracepoints: bytes_req is what was asked for, bytes_alloc
// what it takes (trace_kmalloc and trace_kmem_cache_alloc: s->size).
void __trace_kmem(enum mm_trace_op op, const char *name, const void *ptr, unsigned long bytes_req,
		  unsigned long bytes_alloc, gfp_t gfp, unsigned long call_site);
static inline void trace_kmem(enum mm_trace_op op, const char *name, const void *ptr,
			      unsigned long bytes_req, unsigned long bytes_alloc, gfp_t gfp,
			      unsigned long call_site)
{
	if (unlikely(mm_trace_enabled))
		__trace_kmem(op, name, ptr, bytes_req, bytes_alloc, gfp, call_site);
}
void __trace_vmalloc(enum mm_trace_op op, const void *addr, unsigned long size, const void *caller);
static inline void trace_vmalloc(enum mm_trace_op op, const void *addr, unsigned long size,
				 const void *caller)
{
	if (unlikely(mm_trace_enabled))
		__trace_vmalloc(op, addr, size, caller);
}
