#pragma once
/*
 * GFP ("get free pages") flags: what an allocation may do and where its
 * memory may come from (Linux: include/linux/gfp_types.h, gfp.h). Values
 * are Linux 6.1's, so "mode:0xcc0(GFP_KERNEL)" reads the same in both logs.
 *
 * Differs from Linux: gfp_t is an enum with its own bitwise operators, not a
 * sparse __bitwise unsigned int, so the compiler itself rejects an int where
 * a mask belongs (alloc_pages(3, GFP_KERNEL) does not build). There is no
 * reclaim, kswapd, OOM killer, cpuset or memcg yet: __GFP_DIRECT_RECLAIM only
 * marks "may sleep" (fault injection's ignore-gfp-wait reads it), and the
 * slow path's one reclaim step, draining the pcp lists, runs for every caller;
 * __GFP_KSWAPD_RECLAIM, __GFP_IO, __GFP_FS, __GFP_NORETRY, __GFP_RETRY_MAYFAIL,
 * __GFP_WRITE, __GFP_HARDWALL, __GFP_THISNODE and __GFP_ACCOUNT are kept and
 * printed but change nothing. __GFP_NOFAIL panics after rounds of draining
 * where Linux would loop forever. gfp_flags_str(), our %pGg, does not name
 * __GFP_DMA32 (i386 has no such zone), __GFP_WRITE or __GFP_THISNODE: they
 * print as hex.
 */
#include <linux/types.h>

// A distinct type: an int does not convert to it, while gfp & __GFP_ZERO
// still tests as a bool and the masks combine with |, & and ~ as in C.
enum gfp_t : unsigned int {};

constexpr gfp_t operator|(gfp_t a, gfp_t b) { return (gfp_t)((unsigned int)a | (unsigned int)b); }
constexpr gfp_t operator&(gfp_t a, gfp_t b) { return (gfp_t)((unsigned int)a & (unsigned int)b); }
constexpr gfp_t operator^(gfp_t a, gfp_t b) { return (gfp_t)((unsigned int)a ^ (unsigned int)b); }
constexpr gfp_t operator~(gfp_t a) { return (gfp_t)(~(unsigned int)a); }
constexpr gfp_t &operator|=(gfp_t &a, gfp_t b) { return a = a | b; }
constexpr gfp_t &operator&=(gfp_t &a, gfp_t b) { return a = a & b; }
constexpr gfp_t &operator^=(gfp_t &a, gfp_t b) { return a = a ^ b; }

// The bit numbers, for code that needs a plain integer (tables, shifts).
#define ___GFP_DMA 0x01u
#define ___GFP_HIGHMEM 0x02u
#define ___GFP_DMA32 0x04u
#define ___GFP_MOVABLE 0x08u
#define ___GFP_RECLAIMABLE 0x10u
#define ___GFP_HIGH 0x20u
#define ___GFP_IO 0x40u
#define ___GFP_FS 0x80u
#define ___GFP_ZERO 0x100u
#define ___GFP_ATOMIC 0x200u
#define ___GFP_DIRECT_RECLAIM 0x400u
#define ___GFP_KSWAPD_RECLAIM 0x800u
#define ___GFP_WRITE 0x1000u
#define ___GFP_NOWARN 0x2000u
#define ___GFP_RETRY_MAYFAIL 0x4000u
#define ___GFP_NOFAIL 0x8000u
#define ___GFP_NORETRY 0x10000u
#define ___GFP_MEMALLOC 0x20000u
#define ___GFP_COMP 0x40000u
#define ___GFP_NOMEMALLOC 0x80000u
#define ___GFP_HARDWALL 0x100000u
#define ___GFP_THISNODE 0x200000u
#define ___GFP_ACCOUNT 0x400000u

/*
 * Zone modifiers: the highest zone the pages may come from (gfp_zone());
 * none means ZONE_NORMAL. __GFP_HIGHMEM pages may have no kernel address
 * until kmap(); with __GFP_MOVABLE too, they may come from ZONE_MOVABLE.
 */
#define __GFP_DMA ((gfp_t)___GFP_DMA)
#define __GFP_HIGHMEM ((gfp_t)___GFP_HIGHMEM)
#define __GFP_DMA32 ((gfp_t)___GFP_DMA32)
#define __GFP_MOVABLE ((gfp_t)___GFP_MOVABLE)
#define GFP_ZONEMASK (__GFP_DMA | __GFP_HIGHMEM | __GFP_DMA32 | __GFP_MOVABLE)

/*
 * Mobility and placement: which free lists the pages come from
 * (gfp_migratetype(): movable, reclaimable, neither is unmovable), so that
 * pages which can move cluster apart from those that cannot. __GFP_WRITE,
 * __GFP_HARDWALL, __GFP_THISNODE and __GFP_ACCOUNT are hints for the dirty
 * limit, cpusets, NUMA and memcg.
 */
#define __GFP_RECLAIMABLE ((gfp_t)___GFP_RECLAIMABLE)
#define __GFP_WRITE ((gfp_t)___GFP_WRITE)
#define __GFP_HARDWALL ((gfp_t)___GFP_HARDWALL)
#define __GFP_THISNODE ((gfp_t)___GFP_THISNODE)
#define __GFP_ACCOUNT ((gfp_t)___GFP_ACCOUNT)
#define GFP_MOVABLE_MASK (__GFP_RECLAIMABLE | __GFP_MOVABLE)
#define GFP_MOVABLE_SHIFT 3

/*
 * Watermark modifiers: how far below the zone's min watermark the caller may
 * dig (gfp_to_alloc_flags()). __GFP_HIGH: half of it; __GFP_ATOMIC: a further
 * quarter, for a caller that cannot sleep; __GFP_MEMALLOC: all of it, for one
 * that frees memory; __GFP_NOMEMALLOC forbids the last two.
 */
#define __GFP_HIGH ((gfp_t)___GFP_HIGH)
#define __GFP_ATOMIC ((gfp_t)___GFP_ATOMIC)
#define __GFP_MEMALLOC ((gfp_t)___GFP_MEMALLOC)
#define __GFP_NOMEMALLOC ((gfp_t)___GFP_NOMEMALLOC)

/*
 * Reclaim modifiers: what the allocator may do to find memory before it
 * fails. __GFP_IO / __GFP_FS: start I/O, call into filesystems;
 * __GFP_DIRECT_RECLAIM: reclaim in the caller's context, so it may sleep;
 * __GFP_KSWAPD_RECLAIM: wake kswapd. Then how hard to try: __GFP_NORETRY
 * gives up early, __GFP_RETRY_MAYFAIL tries hard but may fail, __GFP_NOFAIL
 * never returns NULL.
 */
#define __GFP_IO ((gfp_t)___GFP_IO)
#define __GFP_FS ((gfp_t)___GFP_FS)
#define __GFP_DIRECT_RECLAIM ((gfp_t)___GFP_DIRECT_RECLAIM)
#define __GFP_KSWAPD_RECLAIM ((gfp_t)___GFP_KSWAPD_RECLAIM)
#define __GFP_RECLAIM (__GFP_DIRECT_RECLAIM | __GFP_KSWAPD_RECLAIM)
#define __GFP_RETRY_MAYFAIL ((gfp_t)___GFP_RETRY_MAYFAIL)
#define __GFP_NOFAIL ((gfp_t)___GFP_NOFAIL)
#define __GFP_NORETRY ((gfp_t)___GFP_NORETRY)

/*
 * Action modifiers: what happens to pages that were found. __GFP_ZERO: they
 * are zeroed; __GFP_COMP: an order > 0 block becomes one compound page;
 * __GFP_NOWARN: a failure prints no warn_alloc() report.
 */
#define __GFP_ZERO ((gfp_t)___GFP_ZERO)
#define __GFP_COMP ((gfp_t)___GFP_COMP)
#define __GFP_NOWARN ((gfp_t)___GFP_NOWARN)

// The masks callers use (Linux's "Useful GFP flag combinations").
#define GFP_ATOMIC (__GFP_HIGH | __GFP_ATOMIC | __GFP_KSWAPD_RECLAIM)
#define GFP_KERNEL (__GFP_RECLAIM | __GFP_IO | __GFP_FS)
#define GFP_NOWAIT (__GFP_KSWAPD_RECLAIM)
#define GFP_NOIO (__GFP_RECLAIM)
#define GFP_NOFS (__GFP_RECLAIM | __GFP_IO)
#define GFP_USER (__GFP_RECLAIM | __GFP_IO | __GFP_FS | __GFP_HARDWALL)
#define GFP_DMA __GFP_DMA
#define GFP_HIGHUSER (GFP_USER | __GFP_HIGHMEM)
#define GFP_HIGHUSER_MOVABLE (GFP_HIGHUSER | __GFP_MOVABLE)

struct page;

// The buddy allocator's API (mm/page_alloc.cpp). Orders are log2 of pages.
[[nodiscard]] struct page *__alloc_pages(gfp_t gfp, unsigned int order, int preferred_nid,
					 void *nodemask);
// Inline, so the allocator's trace names the real caller.
[[nodiscard]] static inline struct page *alloc_pages(gfp_t gfp, unsigned int order)
{
	return __alloc_pages(gfp, order, 0, nullptr);
}
#define alloc_page(gfp) alloc_pages(gfp, 0)
[[nodiscard]] unsigned long __get_free_pages(gfp_t gfp, unsigned int order);
#define __get_free_page(gfp) __get_free_pages(gfp, 0)
[[nodiscard]] unsigned long get_zeroed_page(gfp_t gfp);
void __free_pages(struct page *page, unsigned int order);
void free_pages(unsigned long addr, unsigned int order);
#define __free_page(page) __free_pages((page), 0)
#define free_page(addr) free_pages((addr), 0)
void split_page(struct page *page, unsigned int order);
[[nodiscard]] void *alloc_pages_exact(size_t size, gfp_t gfp);
void free_pages_exact(void *virt, size_t size);
void drain_all_pages(struct zone *zone);
struct list_head;
// Frees every block on list: linked through page->lru, its order in
// page->index (how tests and tools hold many blocks without allocating).
void free_pages_list(struct list_head *list);

// "GFP_KERNEL|__GFP_ZERO" for a mask, as %pGg prints it.
int gfp_flags_str(gfp_t gfp, char *buf, size_t size);
// Adds the flag named (as gfp_flags_str spells it: "GFP_KERNEL", "__GFP_ZERO")
// to *gfp; false for a name it does not know.
bool gfp_from_name(const char *name, gfp_t *gfp);
