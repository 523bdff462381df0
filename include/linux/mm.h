#pragma once
// struct page helpers (Linux: include/linux/mm.h, memory_model.h, page_ref.h).
#include <asm-generic/getorder.h>
#include <asm/page_types.h>
#include <asm/pgtable.h>
#include <linux/gfp.h>
#include <linux/mmzone.h>
#include <linux/page-flags.h>
#include <linux/printk.h>

#define PAGE_ALIGN(addr) ALIGN(addr, PAGE_SIZE)

// FLATMEM: one array, mem_map[pfn] (Linux: CONFIG_FLATMEM).
extern struct page *mem_map;
extern unsigned long max_mapnr;
static inline struct page *pfn_to_page(unsigned long pfn) { return mem_map + pfn; }
static inline unsigned long page_to_pfn(const struct page *page)
{
	return (unsigned long)(page - mem_map);
}
static inline bool pfn_valid(unsigned long pfn) { return pfn < max_mapnr; }
static inline phys_addr_t page_to_phys(const struct page *page)
{
	return (phys_addr_t)page_to_pfn(page) << PAGE_SHIFT;
}
#define virt_to_page(addr) pfn_to_page(__pa(addr) >> PAGE_SHIFT)

// The zone number lives in the top bits of page->flags (Linux: ZONES_PGSHIFT).
#define ZONES_SHIFT 2
#define ZONES_PGSHIFT (sizeof(unsigned long) * 8 - ZONES_SHIFT)
#define ZONES_MASK ((1UL << ZONES_SHIFT) - 1)
static inline enum zone_type page_zonenum(const struct page *page)
{
	return (enum zone_type)((page->flags >> ZONES_PGSHIFT) & ZONES_MASK);
}
static inline void set_page_zone(struct page *page, enum zone_type zone)
{
	page->flags &= ~(ZONES_MASK << ZONES_PGSHIFT);
	page->flags |= (unsigned long)(zone & ZONES_MASK) << ZONES_PGSHIFT;
}
static inline struct zone *page_zone(const struct page *page)
{
	return &NODE_DATA(0)->node_zones[page_zonenum(page)];
}
static inline bool PageHighMem(const struct page *page)
{
	return page_zonenum(page) == ZONE_HIGHMEM;
}

static inline unsigned long page_private(const struct page *page) { return page->private_; }
static inline void set_page_private(struct page *page, unsigned long v) { page->private_ = v; }

static inline int page_ref_count(const struct page *page) { return page->_refcount.counter; }
static inline void set_page_count(struct page *page, int v) { page->_refcount.counter = v; }
static inline void set_page_refcounted(struct page *page) { set_page_count(page, 1); }
static inline void page_ref_inc(struct page *page) { page->_refcount.counter++; }
static inline bool put_page_testzero(struct page *page) { return --page->_refcount.counter == 0; }
static inline int page_mapcount(const struct page *page) { return page->_mapcount.counter + 1; }
static inline void page_mapcount_reset(struct page *page) { page->_mapcount.counter = -1; }

// Lowmem pages have a permanent address; highmem pages need kmap (NULL here).
static inline void *lowmem_page_address(const struct page *page)
{
	return __va(page_to_phys(page));
}
void *page_address(const struct page *page);

static inline unsigned long compound_order(const struct page *page)
{
	return PageHead(page) ? page[1].compound_order : 0;
}

// Page tables (mm/memory.cpp). __pte_alloc*() hook a new zeroed page table
// into an empty *pmd: 0, or -ENOMEM with *pmd untouched. Context: where
// GFP_KERNEL may be used (Linux: may sleep); never from an interrupt.
struct mm_struct;
int __pte_alloc(struct mm_struct *mm, pmd_t *pmd);
int __pte_alloc_kernel(pmd_t *pmd);
// The pte slot for address under pmd, making the table if needed; NULL if
// it cannot be had (Linux: pte_alloc_map, pte_alloc_kernel; no highmem
// page tables, so nothing to unmap afterwards).
static inline pte_t *pte_alloc_map(struct mm_struct *mm, pmd_t *pmd, unsigned long address)
{
	return pmd_none(*pmd) && __pte_alloc(mm, pmd) ? nullptr : pte_offset_kernel(pmd, address);
}
static inline pte_t *pte_alloc_kernel(pmd_t *pmd, unsigned long address)
{
	return pmd_none(*pmd) && __pte_alloc_kernel(pmd) ? nullptr
							 : pte_offset_kernel(pmd, address);
}

// Reports (mm/debug.cpp, mm/page_alloc.cpp, mm/show_mem.cpp).
void dump_page(const struct page *page, const char *reason);
// page->flags as Linux's %pGp prints them: "0x1000(reserved|zone=0)".
int page_flags_str(unsigned long flags, char *buf, size_t size);
__printf(2, 3) void warn_alloc(gfp_t gfp_mask, const char *fmt, ...);
void show_free_areas(void);
void show_mem(void);
unsigned long nr_free_pages(void); // mm/vmstat.cpp
extern bool pcp_lists_enabled;

// Bring-up (mm/mm_init.cpp, mm/page_alloc.cpp), called by arch and start_kernel.
void free_area_init(const unsigned long *max_zone_pfn);
void build_all_zonelists(void);
unsigned long memblock_free_all(void);
// Frees the reserved pages of [start, end) to the buddy allocator, each
// filled with poison first if it is 0..0xff, and prints "Freeing s memory:
// NK" (Linux: free_reserved_area). Returns the pages freed.
unsigned long free_reserved_area(void *start, void *end, int poison, const char *s);
void init_per_zone_wmark_min(void);
extern unsigned long totalram_pages_count, totalhigh_pages_count;
extern unsigned long nr_pagetable_pages; // user page-table pages (meminfo PageTables)

// Views in Linux's /proc formats (mm/vmstat.cpp): each writes its text into
// a seq_buf; show_view() prints one through printk.
struct seq_buf;
void buddyinfo_show(struct seq_buf *s);
void pagetypeinfo_show(struct seq_buf *s);
void zoneinfo_show(struct seq_buf *s);
void meminfo_show(struct seq_buf *s);
void vmstat_show(struct seq_buf *s);

// Pages a page table maps, anonymous or from a file, and shmem's cache
// pages, by one pass over mem_map (mm/vmstat.cpp; Linux keeps
// NR_ANON_MAPPED, NR_FILE_MAPPED and NR_SHMEM as counters).
struct mapped_pages {
	unsigned long anon, file, shmem, cache; // cache: every page-cache page
};
struct zone;
struct mapped_pages count_mapped_pages(const struct zone *zone = nullptr); // nullptr: all

// sysinfo(2)'s record, the i386 layout (Linux: include/uapi/linux/sysinfo.h).
#define SI_LOAD_SHIFT 16
struct sysinfo {
	long uptime;		// seconds since boot
	unsigned long loads[3]; // 1, 5 and 15 minute load averages << SI_LOAD_SHIFT
	unsigned long totalram; // in mem_unit
	unsigned long freeram;
	unsigned long sharedram;
	unsigned long bufferram;
	unsigned long totalswap;
	unsigned long freeswap;
	unsigned short procs; // tasks
	unsigned short pad;
	unsigned long totalhigh;
	unsigned long freehigh;
	unsigned int mem_unit; // bytes per unit of the fields above
	char _f[8];
};
void si_meminfo(struct sysinfo *val);
void show_view(void (*view)(struct seq_buf *s));
// A picture of physical memory, one character per cell of pages (mm/physmap.cpp).
void physmap_show(struct seq_buf *s, unsigned long pages_per_cell);
// Checks every zone's free lists and counters; returns how many things are wrong.
int check_page_alloc_invariants(void (*report)(const char *what, unsigned long pfn));
void drain_local_pages(struct zone *zone);
