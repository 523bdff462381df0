/*
 * DOC: /proc/kpagecount and /proc/kpageflags (Linux: fs/proc/page.c)
 *
 * One 64-bit entry per page frame, at offset pfn * 8: how many page
 * tables map the frame, and the frame's flags as the stable KPF_* bits of
 * admin-guide/mm/pagemap.rst (the kernel's own PG_* numbers may change,
 * these do not). With /proc/PID/pagemap a program goes from its virtual
 * page to the frame and from the frame to what the kernel thinks of it.
 * Frames above max_pfn end the file; holes without a struct page read as
 * KPF_NOPAGE.
 */
#include <linux/errno.h>
#include <linux/memblock.h>
#include <linux/mm.h>
#include <linux/mm_space.h>
#include <linux/page-flags.h>
#include <linux/proc_fs.h>
#include <linux/uaccess.h>

enum kpf_bit {
	KPF_LOCKED = 0,
	KPF_REFERENCED = 2,
	KPF_UPTODATE = 3,
	KPF_DIRTY = 4,
	KPF_LRU = 5,
	KPF_ACTIVE = 6,
	KPF_SLAB = 7,
	KPF_WRITEBACK = 8,
	KPF_BUDDY = 10,
	KPF_MMAP = 11,
	KPF_ANON = 12,
	KPF_SWAPBACKED = 14,
	KPF_COMPOUND_HEAD = 15,
	KPF_COMPOUND_TAIL = 16,
	KPF_NOPAGE = 20,
	KPF_ZERO_PAGE = 24,
	KPF_RESERVED = 32, // the "kernel hacking" bits above 31
	KPF_PRIVATE = 37,
};

#define KPMSIZE 8

static bool page_is_tail(const struct page *page) { return page->compound_head & 1; }
// A page type (buddy...) in the _mapcount word, not a map count (Linux: page_has_type).
static bool page_has_type(const struct page *page) { return (int)page->page_type < -128; }

// Linux: stable_page_flags.
u64 stable_page_flags(const struct page *page)
{
	if (!page)
		return 1ULL << KPF_NOPAGE;
	u64 u = 0;
	if (!page_has_type(page) && page_mapcount(page) > 0) {
		u |= 1ULL << KPF_MMAP;
		if (!page->mapping)
			u |= 1ULL << KPF_ANON;
	}
	if (page_is_tail(page))
		u |= 1ULL << KPF_COMPOUND_TAIL;
	else if (PageHead(page))
		u |= 1ULL << KPF_COMPOUND_HEAD;
	if (is_zero_pfn(page_to_pfn(page)))
		u |= 1ULL << KPF_ZERO_PAGE;
	if (PageBuddy(page))
		u |= 1ULL << KPF_BUDDY;
	static const struct {
		int pg, kpf;
	} copy[] = {
	    {PG_locked, KPF_LOCKED},	     {PG_slab, KPF_SLAB},
	    {PG_dirty, KPF_DIRTY},	     {PG_uptodate, KPF_UPTODATE},
	    {PG_writeback, KPF_WRITEBACK},   {PG_lru, KPF_LRU},
	    {PG_referenced, KPF_REFERENCED}, {PG_active, KPF_ACTIVE},
	    {PG_swapbacked, KPF_SWAPBACKED}, {PG_reserved, KPF_RESERVED},
	    {PG_private, KPF_PRIVATE},
	};
	if (!page_is_tail(page))
		for (const auto &c : copy)
			if (page->flags & (1UL << c.pg))
				u |= 1ULL << c.kpf;
	return u;
}

// Linux: kpagecount_read's count; slab and typed pages (buddy) count 0.
static u64 kpagecount_of(const struct page *page)
{
	if (!page || PageSlab(page) || page_has_type(page))
		return 0;
	int n = page_mapcount(page);
	return n > 0 ? (u64)n : 0;
}

// Both files: entries from pfn *ppos / 8, 8-byte aligned or -EINVAL.
static long kpage_read(char __user *ubuf, size_t count, loff_t *ppos,
		       u64 (*entry)(const struct page *))
{
	if (*ppos % KPMSIZE || count % KPMSIZE)
		return -EINVAL;
	u64 pfn = (u64)*ppos / KPMSIZE;
	size_t copied = 0;
	u64 chunk[64];
	while (count && pfn < max_pfn) {
		unsigned int n = 0;
		for (; n < ARRAY_SIZE(chunk) && n * KPMSIZE < count && pfn < max_pfn; n++, pfn++)
			chunk[n] =
			    entry(pfn_valid((unsigned long)pfn) ? pfn_to_page((unsigned long)pfn)
								: nullptr);
		size_t len = n * KPMSIZE;
		if (copy_to_user(ubuf + copied, chunk, len))
			return -EFAULT;
		copied += len;
		count -= len;
	}
	*ppos += (loff_t)copied;
	return (long)copied;
}

long kpagecount_read(struct file *, char __user *ubuf, size_t count, loff_t *ppos)
{
	return kpage_read(ubuf, count, ppos, kpagecount_of);
}

long kpageflags_read(struct file *, char __user *ubuf, size_t count, loff_t *ppos)
{
	return kpage_read(ubuf, count, ppos, stable_page_flags);
}
