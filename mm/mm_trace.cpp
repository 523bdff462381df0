/*
 * DOC: allocator tracing (no Linux counterpart for the file)
 *
 * Linux reports allocator events through tracepoints into ftrace's ring
 * buffers (include/trace/events/kmem.h); `trace-cmd record -e kmem` shows
 * them (kmem:mm_page_alloc, kmem:mm_page_free, kmem:kmalloc, ...). Here the
 * same events go into one fixed ring of MM_TRACE_EVENTS records, oldest
 * overwritten first, and print in the tracepoints' own formats.
 * Differences: the pcp events are one per batch, not one per page, every
 * page event carries its call site, kmalloc/kfree of slab memory and
 * kmem_cache_alloc print the cache's name= too (as Linux's kmem_cache_free
 * does), and node=/accounted= are left out (one node, no memcg). The
 * vmalloc and vfree events are this tree's own: Linux has no tracepoints by
 * those names.
 * As Linux: bytes_alloc is the slot the object takes (s->size, slabinfo's
 * <objsize>), or the pages of a kmalloc above 8 KiB; which event is the API
 * called (kmalloc or kmem_cache_alloc), not the cache.
 */
#include <linux/kallsyms.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/mm_trace.h>
#include <linux/seq_buf.h>
#include <linux/slub_def.h>
#include <linux/string.h>

#include "internal.h"

bool mm_trace_enabled;
static struct mm_trace_event ring[MM_TRACE_EVENTS];
static unsigned int next_seq; // events recorded since the last clear

void mm_trace_record(const struct mm_trace_event *e)
{
	struct mm_trace_event *slot = &ring[next_seq % MM_TRACE_EVENTS];
	*slot = *e;
	slot->seq = next_seq++;
}

void mm_trace_clear(void) { next_seq = 0; }

const struct mm_trace_event *mm_trace_get(unsigned int i, unsigned int *n)
{
	unsigned int first = next_seq > MM_TRACE_EVENTS ? next_seq - MM_TRACE_EVENTS : 0;
	*n = next_seq - first;
	return i < *n ? &ring[(first + i) % MM_TRACE_EVENTS] : nullptr;
}

void __trace_mm_page(enum mm_trace_op op, const struct page *page, unsigned int order, gfp_t gfp,
		     const void *caller)
{
	struct mm_trace_event e = {};
	e.op = op;
	e.order = (u8)order;
	e.where = page ? page_to_pfn(page) : -1UL;
	e.zone = page ? (s8)page_zonenum(page) : -1;
	e.migratetype = (s8)(op == MM_TRACE_PAGE_ALLOC ? gfp_migratetype(gfp)
			     : page		       ? get_pageblock_migratetype(page)
						       : -1);
	e.gfp = gfp;
	e.caller = caller;
	mm_trace_record(&e);
}

void __trace_mm_pcp(enum mm_trace_op op, const struct zone *zone, const struct page *first,
		    unsigned long count, int mt)
{
	struct mm_trace_event e = {};
	e.op = op;
	e.where = page_to_pfn(first);
	e.size = count;
	e.zone = (s8)zone_idx(zone);
	e.migratetype = (s8)mt;
	mm_trace_record(&e);
}

void __trace_kmem(enum mm_trace_op op, const char *name, const void *ptr, unsigned long bytes_req,
		  unsigned long bytes_alloc, gfp_t gfp, unsigned long call_site)
{
	struct mm_trace_event e = {};
	e.op = op;
	e.where = (unsigned long)ptr;
	e.size = bytes_req;
	e.size2 = bytes_alloc;
	e.gfp = gfp;
	e.caller = (const void *)call_site;
	e.name = name;
	mm_trace_record(&e);
}

void __trace_vmalloc(enum mm_trace_op op, const void *addr, unsigned long size, const void *caller)
{
	struct mm_trace_event e = {};
	e.op = op;
	e.where = (unsigned long)addr;
	e.size = size;
	e.caller = caller;
	mm_trace_record(&e);
}

static const char *zone_name(int z) { return z < 0 ? "-" : NODE_DATA(0)->node_zones[z].name; }

// One event, in the format of the Linux tracepoint it stands for.
static void show_event(struct seq_buf *s, const struct mm_trace_event *e)
{
	char gfp[160];
	gfp_flags_str(e->gfp, gfp, sizeof(gfp));
	seq_buf_printf(s, "trace: %6u ", e->seq);
	switch (e->op) {
	case MM_TRACE_PAGE_ALLOC:
		if (e->where == -1UL)
			seq_buf_printf(s,
				       "mm_page_alloc: pfn=-1 (failed) order=%u migratetype=%d "
				       "gfp_flags=%s call_site=%pS\n",
				       e->order, e->migratetype, gfp, e->caller);
		else
			seq_buf_printf(s,
				       "mm_page_alloc: pfn=%#lx order=%u migratetype=%d zone=%s "
				       "gfp_flags=%s call_site=%pS\n",
				       e->where, e->order, e->migratetype, zone_name(e->zone), gfp,
				       e->caller);
		break;
	case MM_TRACE_PAGE_FREE:
		seq_buf_printf(
		    s, "mm_page_free: pfn=%#lx order=%u migratetype=%d zone=%s call_site=%pS\n",
		    e->where, e->order, e->migratetype, zone_name(e->zone), e->caller);
		break;
	case MM_TRACE_PCP_REFILL:
	case MM_TRACE_PCP_DRAIN:
		seq_buf_printf(s, "mm_page_pcpu_%s: pfn=%#lx count=%lu migratetype=%d zone=%s\n",
			       e->op == MM_TRACE_PCP_REFILL ? "refill" : "drain", e->where, e->size,
			       e->migratetype, zone_name(e->zone));
		break;
	case MM_TRACE_SLAB_ALLOC:
	case MM_TRACE_KMALLOC:
		seq_buf_printf(
		    s, "%s: call_site=%pS ptr=%#lx bytes_req=%lu bytes_alloc=%lu gfp_flags=%s",
		    e->op == MM_TRACE_KMALLOC ? "kmalloc" : "kmem_cache_alloc", e->caller, e->where,
		    e->size, e->size2, gfp);
		seq_buf_printf(s, e->name ? " name=%s\n" : "\n", e->name);
		break;
	case MM_TRACE_SLAB_FREE:
	case MM_TRACE_KFREE:
		seq_buf_printf(s, "%s: call_site=%pS ptr=%#lx",
			       e->op == MM_TRACE_KFREE ? "kfree" : "kmem_cache_free", e->caller,
			       e->where);
		seq_buf_printf(s, e->name ? " name=%s\n" : "\n", e->name);
		break;
	case MM_TRACE_VMALLOC:
	case MM_TRACE_VFREE:
		seq_buf_printf(s, "%s: call_site=%pS addr=%#lx size=%lu\n",
			       e->op == MM_TRACE_VMALLOC ? "vmalloc" : "vfree", e->caller, e->where,
			       e->size);
		break;
	}
}

void mm_trace_show(struct seq_buf *s)
{
	unsigned int n;
	mm_trace_get(0, &n);
	seq_buf_printf(s, "trace: %u events held (ring of %d), %u recorded, tracing %s\n", n,
		       MM_TRACE_EVENTS, next_seq, mm_trace_enabled ? "on" : "off");
	for (unsigned int i = 0; i < n; i++)
		show_event(s, mm_trace_get(i, &n));
}
