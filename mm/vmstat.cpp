/*
 * DOC: views of the page allocator in Linux's /proc formats (Linux:
 * mm/vmstat.c, fs/proc/meminfo.c), and the invariant checker tests use.
 *
 * Each view prints through printk: the shell, the ktests and the docs show
 * the same text a student would read in /proc on Linux.
 *
 * Differs from Linux: no /proc files (a view writes into a seq_buf, which
 * show_view prints); the counters are plain, not per CPU with thresholds
 * and folding (no refresh_cpu_vm_stats), and there are only NR_FREE_PAGES
 * and six events; zoneinfo and meminfo print the fields this kernel has;
 * check_page_alloc_invariants has no Linux counterpart.
 */
#include <initializer_list>

#include <linux/kernel.h>
#include <linux/memblock.h>
#include <linux/mm.h>
#include <linux/mman.h>
#include <linux/pagemap.h>
#include <linux/pgtable.h>
#include <linux/sched.h>
#include <linux/sched/task.h>
#include <linux/seq_buf.h>
#include <linux/slab.h>
#include <linux/sprintf.h>
#include <linux/sysctl.h>
#include <linux/vmalloc.h>
#include <linux/vmstat.h>

#include "internal.h"

#define K(x) ((x) << (PAGE_SHIFT - 10))

// Linux: vm_event_states (per CPU there) and the event part of vmstat_text.
unsigned long vm_events[NR_VM_EVENT_ITEMS];
const char *const vm_event_names[NR_VM_EVENT_ITEMS] = {
    "pgalloc_dma",    "pgalloc_normal",	   "pgalloc_high",    "pgalloc_movable",
    "allocstall_dma", "allocstall_normal", "allocstall_high", "allocstall_movable",
    "pgfree",	      "pgfault",	   "pgmajfault",      "drop_pagecache",
    "drop_slab",      "oom_kill"};

/*
 * Free pages on the buddy lists of every zone (Linux:
 * global_zone_page_state(NR_FREE_PAGES)); pages on the pcp lists are not
 * counted. A snapshot, read without a lock. Context: any.
 */
unsigned long nr_free_pages(void)
{
	unsigned long sum = 0;
	struct zone *zone;
	for_each_zone(zone)
		sum += zone_page_state(zone, NR_FREE_PAGES);
	return sum;
}

// /proc/buddyinfo: "Node 0, zone   Normal      1      4 ..." (free blocks per order).
// These views read the lists without a lock: call them where nothing
// allocates meanwhile (the shell, a test). Context: any.
void buddyinfo_show(struct seq_buf *s)
{
	struct zone *zone;
	for_each_populated_zone(zone) {
		seq_buf_printf(s, "Node 0, zone %8s ", zone->name);
		for (int order = 0; order < MAX_ORDER; order++)
			seq_buf_printf(s, "%6lu ", zone->free_area[order].nr_free);
		seq_buf_printf(s, "\n");
	}
}

// /proc/pagetypeinfo: free blocks per order and migratetype, pageblocks per type.
void pagetypeinfo_show(struct seq_buf *s)
{
	struct zone *zone;
	seq_buf_printf(s, "Page block order: %d\nPages per block:  %lu\n\n", pageblock_order,
		       pageblock_nr_pages);
	seq_buf_printf(s, "%-43s ", "Free pages count per migrate type at order");
	for (int order = 0; order < MAX_ORDER; order++)
		seq_buf_printf(s, "%6d ", order);
	seq_buf_printf(s, "\n");
	for_each_populated_zone(zone) {
		for (int mt = 0; mt < MIGRATE_TYPES; mt++) {
			seq_buf_printf(s, "Node %4d, zone %8s, type %12s ", 0, zone->name,
				       migratetype_names[mt]);
			for (int order = 0; order < MAX_ORDER; order++)
				seq_buf_printf(s, "%6lu ",
					       (unsigned long)list_count_nodes(
						   &zone->free_area[order].free_list[mt]));
			seq_buf_printf(s, "\n");
		}
	}
	seq_buf_printf(s, "\n%-23s", "Number of blocks type ");
	for (int mt = 0; mt < MIGRATE_TYPES; mt++)
		seq_buf_printf(s, "%12s ", migratetype_names[mt]);
	seq_buf_printf(s, "\n");
	for_each_populated_zone(zone) {
		unsigned long count[MIGRATE_TYPES] = {};
		for (unsigned long pfn = ALIGN(zone->zone_start_pfn, pageblock_nr_pages);
		     pfn < zone_end_pfn(zone); pfn += pageblock_nr_pages)
			count[get_pageblock_migratetype(pfn_to_page(pfn))]++;
		seq_buf_printf(s, "Node %d, zone %8s ", 0, zone->name);
		for (int mt = 0; mt < MIGRATE_TYPES; mt++)
			seq_buf_printf(s, "%12lu ", count[mt]);
		seq_buf_printf(s, "\n");
	}
}

// /proc/zoneinfo: watermarks, sizes, protection, counters and the pcp block.
void zoneinfo_show(struct seq_buf *s)
{
	struct zone *zone;
	for_each_zone(zone) {
		seq_buf_printf(s, "Node 0, zone %8s\n", zone->name);
		seq_buf_printf(s, "  pages free     %lu\n", zone_page_state(zone, NR_FREE_PAGES));
		seq_buf_printf(s,
			       "        boost    %lu\n        min      %lu\n        low      %lu\n "
			       "       high     %lu\n",
			       zone->watermark_boost, min_wmark_pages(zone), low_wmark_pages(zone),
			       high_wmark_pages(zone));
		seq_buf_printf(s,
			       "        spanned  %lu\n        present  %lu\n        managed  %lu\n "
			       "       cma      0\n",
			       zone->spanned_pages, zone->present_pages, zone->managed_pages);
		seq_buf_printf(s, "        protection: (%ld, %ld, %ld, %ld)\n",
			       zone->lowmem_reserve[0], zone->lowmem_reserve[1],
			       zone->lowmem_reserve[2], zone->lowmem_reserve[3]);
		if (!populated_zone(zone))
			continue;
		seq_buf_printf(s, "      %-12s %lu\n", "nr_free_pages",
			       zone_page_state(zone, NR_FREE_PAGES));
		seq_buf_printf(s, "  pagesets\n");
		unsigned int cpu;
		for_each_possible_cpu(cpu) {
			const struct per_cpu_pages *pcp = per_cpu_ptr(zone->per_cpu_pageset, cpu);
			seq_buf_printf(s,
				       "    cpu: %u\n              count: %d\n              "
				       "high:  %d\n              batch: %d\n",
				       cpu, pcp->count, pcp->high, pcp->batch);
		}
		seq_buf_printf(s, "  node_unreclaimable:  0\n  start_pfn:           %lu\n",
			       zone->zone_start_pfn);
	}
}

// What the mapped pages are (Linux keeps NR_ANON_MAPPED, NR_FILE_MAPPED
// and NR_SHMEM as counters; here one pass over mem_map finds them): pages
// some page table maps, anonymous or from a file, and shmem's cache pages.
struct mapped_pages count_mapped_pages(const struct zone *zone)
{
	struct mapped_pages m = {};
	for (unsigned long pfn = 0; pfn < max_pfn; pfn++) {
		if (!pfn_valid(pfn))
			continue;
		const struct page *page = pfn_to_page(pfn);
		if ((int)page->page_type < -128 ||
		    PageSlab(page)) // buddy, table, slab: not user memory
			continue;
		if (zone && page_zone(page) != zone)
			continue;
		const struct address_space *mapping = (const struct address_space *)page->mapping;
		m.cache += mapping && mapping->host; // the vDSO's pages have no file
		if (mapping && mapping_is_shmem(mapping))
			m.shmem++;
		if (page_mapcount(page) > 0)
			*(mapping ? &m.file : &m.anon) += 1;
	}
	return m;
}

// Linux: si_meminfo (mm/page_alloc.c), what sysinfo(2) and /proc/meminfo
// start from; in pages (mem_unit PAGE_SIZE). No buffers (no block
// devices); sharedram, Linux's NR_SHMEM, is left to the callers, as it
// costs a pass over mem_map (count_mapped_pages) that meminfo makes anyway.
void si_meminfo(struct sysinfo *val)
{
	*val = {};
	struct zone *zone;
	for_each_zone(zone) {
		unsigned long free = zone_page_state(zone, NR_FREE_PAGES);
		val->totalram += zone->managed_pages;
		val->freeram += free;
		if (is_highmem(zone)) {
			val->totalhigh += zone->managed_pages;
			val->freehigh += free;
		}
	}
	val->mem_unit = PAGE_SIZE;
}

// Linux: calculate_totalreserve_pages. What the allocator keeps back in
// each zone from every request: its largest lowmem_reserve plus its high
// watermark (kswapd's target), never more than the zone holds.
static unsigned long totalreserve_pages(void)
{
	unsigned long reserve = 0;
	struct zone *zone;
	for_each_zone(zone) {
		unsigned long max = 0;
		for (int j = 0; j < MAX_NR_ZONES; j++)
			if (zone->lowmem_reserve[j] > (long)max)
				max = (unsigned long)zone->lowmem_reserve[j];
		max += high_wmark_pages(zone);
		reserve += max < zone->managed_pages ? max : zone->managed_pages;
	}
	return reserve;
}

// Linux: si_mem_available, what a new program could get without swapping.
// Linux adds the reclaimable part of the file LRU and of reclaimable slabs;
// this kernel reclaims neither (ramfs pages, like Linux's ramfs and tmpfs
// without swap, stay put), so only free pages above the reserves count.
static unsigned long si_mem_available(unsigned long free)
{
	unsigned long reserve = totalreserve_pages();
	return free > reserve ? free - reserve : 0;
}

// The mlocked pages of every process, each once (Linux: NR_MLOCK, counted
// as pages are locked; here the address spaces' locked_vm).
static unsigned long count_mlocked_pages(void)
{
	unsigned long mlocked = 0;
	struct task_struct *p;
	list_for_each_entry(p, &init_task.tasks, tasks)
		if (p->mm && !p->exit_state)
			mlocked += p->mm->locked_vm;
	return mlocked;
}

// The direct map's pages by size (Linux: direct_pages_count, arch/x86/mm/
// pat/set_memory.c): 4M pmd entries, or a page table of 4K ptes.
static void direct_map_kb(unsigned long *kb_4k, unsigned long *kb_4m)
{
	*kb_4k = *kb_4m = 0;
	unsigned long end = PAGE_OFFSET + (max_low_pfn << PAGE_SHIFT);
	for (unsigned long va = PAGE_OFFSET; va < end && va >= PAGE_OFFSET; va += PMD_SIZE) {
		pmd_t *pmd = pmd_off_k(va);
		if (pmd_large(*pmd)) {
			*kb_4m += PMD_SIZE >> 10;
			continue;
		}
		if (!pmd_present(*pmd))
			continue;
		for (unsigned long a = va; a < va + PMD_SIZE && a < end; a += PAGE_SIZE)
			if (pte_present(*pte_offset_kernel(pmd, a)))
				*kb_4k += PAGE_SIZE >> 10;
	}
}

/*
 * /proc/meminfo in Linux 6.1's order and format (fs/proc/meminfo.c:
 * 16-character labels, "%8lu kB"), every line of Linux's i386 config.
 * There are no LRU lists (this kernel never reclaims): Linux puts a page
 * on an inactive list when it is first mapped and moves it to an active
 * one only when reclaim finds it referenced, so without reclaim anonymous
 * and shmem pages are Inactive(anon), and ramfs pages, as in Linux,
 * Unevictable. The zeros printed are true: no block devices (Buffers,
 * Dirty, Writeback), no swap or zswap, no reclaimable slab caches, no
 * per-CPU allocator, no huge pages.
 */
// Linux: show_val_kb. A 16-column label, the value in kB in 8.
static void show_val_kb(struct seq_buf *s, const char *name, unsigned long pages)
{
	seq_buf_printf(s, "%-16s%8lu kB\n", name, K(pages));
}

static void show_zero_kb(struct seq_buf *s, std::initializer_list<const char *> names)
{
	for (const char *name : names)
		show_val_kb(s, name, 0);
}

// From Active: to Mlocked:, the LRU lists' lines.
static void meminfo_lru(struct seq_buf *s, const struct mapped_pages &m, unsigned long mlocked)
{
	unsigned long inactive_anon = m.anon + m.shmem;
	show_val_kb(s, "Active:", 0);
	show_val_kb(s, "Inactive:", inactive_anon);
	show_val_kb(s, "Active(anon):", 0);
	show_val_kb(s, "Inactive(anon):", inactive_anon);
	show_zero_kb(s, {"Active(file):", "Inactive(file):"});
	show_val_kb(s, "Unevictable:", nr_pagecache_nodes() - m.shmem);
	show_val_kb(s, "Mlocked:", mlocked);
}

// From VmallocTotal: to the end.
static void meminfo_tail(struct seq_buf *s)
{
	seq_buf_printf(s, "%-16s%8lu kB\n", "VmallocTotal:", vmalloc_total_bytes() >> 10);
	show_val_kb(s, "VmallocUsed:", vmalloc_nr_pages());
	show_zero_kb(s, {"VmallocChunk:", "Percpu:"});		// Linux 6.1's VmallocChunk is 0 too
	seq_buf_printf(s, "HardwareCorrupted: %5lu kB\n", 0ul); // Linux's own width for it
	show_zero_kb(s, {"AnonHugePages:", "ShmemHugePages:", "ShmemPmdMapped:", "FileHugePages:",
			 "FilePmdMapped:"});
	seq_buf_printf(s,
		       "HugePages_Total:%8d\nHugePages_Free: %8d\nHugePages_Rsvd: %8d\n"
		       "HugePages_Surp: %8d\n",
		       0, 0, 0, 0);
	// The size a pmd entry maps (4 MiB on two-level i386): what a huge page
	// would be, though none are made.
	seq_buf_printf(s, "%-16s%8lu kB\n", "Hugepagesize:", (unsigned long)(PMD_SIZE >> 10));
	show_val_kb(s, "Hugetlb:", 0);
	unsigned long kb_4k, kb_4m;
	direct_map_kb(&kb_4k, &kb_4m);
	seq_buf_printf(s, "%-16s%8lu kB\n%-16s%8lu kB\n", "DirectMap4k:", kb_4k,
		       "DirectMap4M:", kb_4m);
}

void meminfo_show(struct seq_buf *s)
{
	struct sysinfo i;
	si_meminfo(&i);
	unsigned long total = i.totalram, free = i.freeram;
	show_val_kb(s, "MemTotal:", total);
	show_val_kb(s, "MemFree:", free);
	show_val_kb(s, "MemAvailable:", si_mem_available(free));
	show_val_kb(s, "Buffers:", 0);
	show_val_kb(s, "Cached:", nr_pagecache_nodes()); // every page-cache page: ramfs, shmem
	show_val_kb(s, "SwapCached:", 0);
	struct mapped_pages m = count_mapped_pages();
	meminfo_lru(s, m, count_mlocked_pages());
	show_val_kb(s, "HighTotal:", i.totalhigh);
	show_val_kb(s, "HighFree:", i.freehigh);
	show_val_kb(s, "LowTotal:", total - i.totalhigh);
	show_val_kb(s, "LowFree:", free - i.freehigh);
	show_zero_kb(s, {"SwapTotal:", "SwapFree:", "Zswap:", "Zswapped:", "Dirty:", "Writeback:"});
	show_val_kb(s, "AnonPages:", m.anon);
	show_val_kb(s, "Mapped:", m.file);
	show_val_kb(s, "Shmem:", m.shmem);
	show_val_kb(s, "KReclaimable:", 0);
	unsigned long slab = slab_pages_total(); // no reclaimable caches here
	show_val_kb(s, "Slab:", slab);
	show_val_kb(s, "SReclaimable:", 0);
	show_val_kb(s, "SUnreclaim:", slab);
	seq_buf_printf(s, "%-16s%8lu kB\n",
		       "KernelStack:", (unsigned long)nr_processes() * (THREAD_SIZE / 1024));
	show_val_kb(s, "PageTables:", nr_pagetable_pages);
	show_zero_kb(s, {"SecPageTables:", "NFS_Unstable:", "Bounce:", "WritebackTmp:"});
	show_val_kb(s, "CommitLimit:", vm_commit_limit());
	show_val_kb(s, "Committed_AS:", vm_memory_committed());
	meminfo_tail(s);
}

// /proc/vmstat: the event counters this kernel keeps, one "name value"
// a line (Linux prints its zone and node counters first).
void vmstat_show(struct seq_buf *s)
{
	for (int i = 0; i < NR_VM_EVENT_ITEMS; i++)
		seq_buf_printf(s, "%s %lu\n", vm_event_names[i], vm_events[i]);
}

// Prints a view through printk (the kernel log, the serial console), one
// static buffer: not reentrant. Context: any; it does not sleep.
void show_view(void (*view)(struct seq_buf *s))
{
	static char buf[81920]; // a full allocator trace
	struct seq_buf s;
	seq_buf_init(&s, buf, sizeof(buf));
	view(&s);
	seq_buf_print_lines(&s);
	if (seq_buf_has_overflowed(&s))
		pr_info("(output cut at %zu bytes)\n", sizeof(buf));
}

// Aligned blocks overlap only if one contains the other: look for a free
// block head at each larger aligned boundary above pfn.
static bool inside_larger_free_block(const struct zone *zone, unsigned long pfn, int order)
{
	for (int k = order + 1; k < MAX_ORDER; k++) {
		unsigned long head = pfn & ~((1UL << k) - 1);
		if (head < zone->zone_start_pfn || !pfn_valid(head))
			break;
		const struct page *p = pfn_to_page(head);
		if (PageBuddy(p) && page_private(p) >= (unsigned long)k)
			return true;
	}
	return false;
}

// check_page_alloc_invariants' count of violations and where it sends each.
static int invariant_errors;
static void (*invariant_sink)(const char *what, unsigned long pfn);

static void wrong(const char *what, unsigned long pfn)
{
	invariant_errors++;
	if (invariant_sink)
		invariant_sink(what, pfn);
}

// The pages on one CPU's lists, each checked to be a free page of zone.
static long check_pcp_lists(struct zone *zone, const struct per_cpu_pages *pcp)
{
	long on_pcp = 0;
	for (int mt = 0; mt < MIGRATE_PCPTYPES; mt++) {
		const struct page *page;
		list_for_each_entry(page, &pcp->lists[mt], lru) {
			on_pcp++;
			if (PageBuddy(page) || page_ref_count(page) || page_zone(page) != zone)
				wrong("bad page on a pcp list", page_to_pfn(page));
		}
	}
	if (on_pcp != pcp->count)
		wrong("pcp count differs from its lists", (unsigned long)on_pcp);
	return on_pcp;
}

// Counts a zone's free pages on the buddy lists, checking every block.
static long check_buddy_lists(struct zone *zone)
{
	long pages = 0;
	for (int order = 0; order < MAX_ORDER; order++) {
		unsigned long blocks = 0;
		for (int mt = 0; mt < MIGRATE_TYPES; mt++) {
			struct page *page;
			list_for_each_entry(page, &zone->free_area[order].free_list[mt], lru) {
				unsigned long pfn = page_to_pfn(page);
				blocks++;
				if (!PageBuddy(page) || page_private(page) != (unsigned long)order)
					wrong("free block without the buddy mark or order", pfn);
				if (!IS_ALIGNED(pfn, 1UL << order))
					wrong("free block not aligned to its order", pfn);
				if (pfn < zone->zone_start_pfn ||
				    pfn + (1UL << order) > zone_end_pfn(zone))
					wrong("free block outside its zone", pfn);
				if (page_ref_count(page) != 0)
					wrong("free block with a reference", pfn);
				if (inside_larger_free_block(zone, pfn, order))
					wrong("free block inside another free block", pfn);
				pages += 1L << order;
			}
		}
		if (blocks != zone->free_area[order].nr_free)
			wrong("nr_free differs from the lists", order);
	}
	return pages;
}

/*
 * Every page of every zone is in exactly one place: the buddy lists (as part
 * of a free block), a pcp list, or handed out. Returns the number of
 * violations (each passed to report, if not NULL) -- 0 is a healthy allocator.
 * Context: nothing may allocate or free meanwhile; not reentrant.
 */
int check_page_alloc_invariants(void (*report)(const char *what, unsigned long pfn))
{
	invariant_errors = 0;
	invariant_sink = report;
	struct zone *zone;
	for_each_populated_zone(zone) {
		long buddy = check_buddy_lists(zone);
		if (buddy != (long)zone_page_state(zone, NR_FREE_PAGES))
			wrong("NR_FREE_PAGES differs from the buddy lists", (unsigned long)buddy);
		long on_pcp = 0;
		unsigned int cpu;
		for_each_possible_cpu(cpu)
			on_pcp += check_pcp_lists(zone, per_cpu_ptr(zone->per_cpu_pageset, cpu));
		if (buddy + on_pcp > (long)zone->managed_pages)
			wrong("more free pages than managed", (unsigned long)(buddy + on_pcp));
	}
	return invariant_errors;
}
