/*
 * DOC: reports a student reads when something is wrong with a page (Linux:
 * mm/debug.c; the flag formatting is lib/vsprintf.c's %pGp and %pGg)
 *
 *   dump_page        "page:... refcount:... mapcount:..." and the raw words
 *                    of struct page, then the page_owner record
 *   page_flags_str   page->flags as "0x10200(slab|head|zone=0)"
 *   gfp_flags_str    a gfp mask as "GFP_KERNEL|__GFP_ZERO"
 *   gfp_from_name    the reverse, for the shell's `alloc` (not in Linux)
 *
 * Differs from Linux: dump_page has no compound head, mapping type (anon,
 * ksm, file) or memcg lines; the name tables hold only the page flags and
 * gfp flags this kernel has, and are C++ tables here, not the __def_*flag
 * macro lists of include/trace/events/mmflags.h.
 */
#include <linux/gfp.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/page_owner.h>
#include <linux/sprintf.h>
#include <linux/string.h>

// Linux's pageflag_names (include/trace/events/mmflags.h), in bit order:
// the order %pGp prints them in.
static const struct {
	unsigned long mask;
	const char *name;
} pageflag_names[] = {
    {1UL << PG_locked, "locked"},     {1UL << PG_referenced, "referenced"},
    {1UL << PG_uptodate, "uptodate"}, {1UL << PG_dirty, "dirty"},
    {1UL << PG_lru, "lru"},	      {1UL << PG_active, "active"},
    {1UL << PG_slab, "slab"},	      {1UL << PG_reserved, "reserved"},
    {1UL << PG_private, "private"},   {1UL << PG_writeback, "writeback"},
    {1UL << PG_head, "head"},	      {1UL << PG_swapbacked, "swapbacked"},
};

/*
 * "0x10200(slab|head|zone=0)": the word, the flags set by name (unnamed
 * bits as hex), then the fields in its top bits -- here only the zone
 * (Linux: %pGp, lib/vsprintf.c format_page_flags). Cuts the text to fit
 * size and returns its length. Context: any.
 */
int page_flags_str(unsigned long flags, char *buf, size_t size)
{
	unsigned long main_flags = flags & ((1UL << __NR_PAGEFLAGS) - 1);
	int len = scnprintf(buf, size, "%#lx(", flags);
	for (const auto &n : pageflag_names)
		if (main_flags & n.mask) {
			len += scnprintf(buf + len, size - len, "%s|", n.name);
			main_flags &= ~n.mask;
		}
	if (main_flags)
		len += scnprintf(buf + len, size - len, "%#lx|", main_flags);
	len += scnprintf(buf + len, size - len, "zone=%lu)", (flags >> ZONES_PGSHIFT) & ZONES_MASK);
	return len;
}

/*
 * Linux: dump_page. The struct page as a student would inspect it, at
 * KERN_WARNING, ending with why (reason) and the page_owner record. Reads
 * the page without checking it: any pointer into mem_map will do.
 * Context: any, interrupts on or off; it does not sleep.
 */
void dump_page(const struct page *page, const char *reason)
{
	pr_warn("page:%p refcount:%d mapcount:%d mapping:%p index:%#lx pfn:%#lx\n", (void *)page,
		page_ref_count(page), page_mapcount(page), page->mapping, page->index,
		page_to_pfn(page));
	char flags[128];
	page_flags_str(page->flags, flags, sizeof(flags));
	pr_warn("flags: %s\n", flags);
	const unsigned long *raw = (const unsigned long *)page;
	for (unsigned i = 0; i < sizeof(*page) / sizeof(long); i += 8) {
		char line[96];
		int len = 0;
		for (unsigned j = i; j < i + 8 && j < sizeof(*page) / sizeof(long); j++)
			len += scnprintf(line + len, sizeof(line) - len, " %08lx", raw[j]);
		pr_warn("raw:%s\n", line);
	}
	pr_warn("page dumped because: %s\n", reason);
	dump_page_owner(page);
}

// Linux's gfpflag_names (include/trace/events/mmflags.h).
static const struct {
	gfp_t mask;
	const char *name;
} gfp_names[] = {
    // 6.1's order: composites first (most bits first), then single flags
    {GFP_HIGHUSER_MOVABLE, "GFP_HIGHUSER_MOVABLE"},
    {GFP_HIGHUSER, "GFP_HIGHUSER"},
    {GFP_USER, "GFP_USER"},
    {GFP_KERNEL | __GFP_ACCOUNT, "GFP_KERNEL_ACCOUNT"},
    {GFP_KERNEL, "GFP_KERNEL"},
    {GFP_NOFS, "GFP_NOFS"},
    {GFP_ATOMIC, "GFP_ATOMIC"},
    {GFP_NOIO, "GFP_NOIO"},
    {GFP_NOWAIT, "GFP_NOWAIT"},
    {__GFP_DMA, "GFP_DMA"},
    {__GFP_HIGHMEM, "__GFP_HIGHMEM"},
    {__GFP_HIGH, "__GFP_HIGH"},
    {__GFP_ATOMIC, "__GFP_ATOMIC"},
    {__GFP_IO, "__GFP_IO"},
    {__GFP_FS, "__GFP_FS"},
    {__GFP_NOWARN, "__GFP_NOWARN"},
    {__GFP_RETRY_MAYFAIL, "__GFP_RETRY_MAYFAIL"},
    {__GFP_NOFAIL, "__GFP_NOFAIL"},
    {__GFP_NORETRY, "__GFP_NORETRY"},
    {__GFP_COMP, "__GFP_COMP"},
    {__GFP_ZERO, "__GFP_ZERO"},
    {__GFP_NOMEMALLOC, "__GFP_NOMEMALLOC"},
    {__GFP_MEMALLOC, "__GFP_MEMALLOC"},
    {__GFP_HARDWALL, "__GFP_HARDWALL"},
    {__GFP_THISNODE, "__GFP_THISNODE"},
    {__GFP_RECLAIMABLE, "__GFP_RECLAIMABLE"},
    {__GFP_MOVABLE, "__GFP_MOVABLE"},
    {__GFP_ACCOUNT, "__GFP_ACCOUNT"},
    {__GFP_WRITE, "__GFP_WRITE"},
    {__GFP_RECLAIM, "__GFP_RECLAIM"},
    {__GFP_DIRECT_RECLAIM, "__GFP_DIRECT_RECLAIM"},
    {__GFP_KSWAPD_RECLAIM, "__GFP_KSWAPD_RECLAIM"},
};

// Linux: %pGg (lib/vsprintf.c format_flags). Named flags first, leftover bits
// as hex; cut to fit size; returns the length. Context: any.
int gfp_flags_str(gfp_t gfp, char *buf, size_t size)
{
	int len = 0;
	buf[0] = '\0';
	for (const auto &n : gfp_names) {
		if ((gfp & n.mask) != n.mask)
			continue;
		len += scnprintf(buf + len, size - len, "%s%s", len ? "|" : "", n.name);
		gfp &= ~n.mask;
	}
	if (gfp)
		len += scnprintf(buf + len, size - len, "%s%#x", len ? "|" : "", gfp);
	return len;
}

// The shell's reverse of gfp_flags_str: "GFP_DMA" or "__GFP_DMA" both name
// __GFP_DMA. False, *gfp untouched, for an unknown name. Context: any.
bool gfp_from_name(const char *name, gfp_t *gfp)
{
	for (const auto &n : gfp_names)
		if (!strcmp(n.name, name) ||
		    (n.name[0] == 'G' && !strncmp(name, "__", 2) && !strcmp(n.name, name + 2))) {
			*gfp |= n.mask;
			return true;
		}
	return false;
}
