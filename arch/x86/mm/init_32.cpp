/*
 * DOC: lowmem, highmem and the kernel's page tables (Linux: arch/x86/mm/init_32.c)
 *
 * A 32-bit kernel sees 1 GiB of virtual space above PAGE_OFFSET, and part of
 * it is needed for vmalloc, pkmap and the fixmap (asm/pgtable_32_areas.h).
 * So only the first max_low_pfn pages of RAM ("lowmem") get a permanent
 * address in the direct map; the rest ("highmem") is mapped on demand.
 * find_low_pfn_range() makes that split, as Linux's does, honouring
 * highmem= and vmalloc=.
 *
 * kernel_physical_mapping_init() then builds the direct map from a table of
 * ranges, so the kernel image can be read-only where it should be:
 *
 *   pfn 0        _text     _etext/rodata    end of rodata        max_low_pfn
 *    | RW        | RX (read-only)| RO          | RW                    |
 *
 * A 4 MiB piece that lies inside one range is one PSE pgd entry; the piece
 * holding the kernel image needs a page table of 4 KiB entries. Page tables
 * come from memblock. This file touches no hardware (that is arch/x86/mm/init.cpp),
 * so the host tests build tables with it and check them with a software MMU.
 */
#include <asm/init.h>
#include <asm/pgtable.h>
#include <asm/tlbflush.h>
#include <linux/errno.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/kstrtox.h>
#include <linux/memblock.h>
#include <linux/sprintf.h>
#include <linux/string.h>

pteval_t __supported_pte_mask = ~(pteval_t)0;
unsigned long __VMALLOC_RESERVE = 128UL << 20;
void *high_memory;
unsigned long highstart_pfn, highend_pfn;
static long highmem_pages = -1; // highmem=, in pages; -1: not given

#define pages_to_mb(x) ((x) >> (20 - PAGE_SHIFT))

// vmalloc= limits: Linux ARM's floor; lowmem keeps the 64 MiB highmem=
// keeps (mem_map for 4 GiB of RAM alone needs 32 MiB of it).
#define VMALLOC_MIN (16UL << 20)
#define LOWMEM_MIN (64UL << 20)
#define VMALLOC_MAX ALIGN_DOWN(VMALLOC_END - PAGE_OFFSET - VMALLOC_OFFSET - LOWMEM_MIN, 1UL << 20)

// --- page tables ---------------------------------------------------------------

// pmd_off_k() for any page directory: these tables may be a host test's,
// not swapper_pg_dir (Linux: one_md_table_init(pgd) + pmd_index(vaddr)).
static pmd_t *kernel_pmd(pgd_t *pgd_base, unsigned long vaddr)
{
	pgd_t *pgd = pgd_offset_pgd(pgd_base, vaddr);
	return pmd_offset(pud_offset(p4d_offset(pgd, vaddr), vaddr), vaddr);
}

// The page table under pmd, allocated (zeroed) from memblock if missing.
static pte_t *__init one_page_table_init(pmd_t *pmd)
{
	if (pmd_none(*pmd)) {
		pte_t *table = (pte_t *)memblock_alloc(PAGE_SIZE, PAGE_SIZE);
		if (!table)
			panic("%s: Failed to allocate %lu bytes align=0x%lx\n", __func__, PAGE_SIZE,
			      PAGE_SIZE);
		set_pmd(pmd, __pmd(__pa(table) | _PAGE_TABLE));
	}
	BUG_ON(pmd_large(*pmd));
	return (pte_t *)pmd_page_vaddr(*pmd);
}

pte_t *kernel_pte_slot(pgd_t *pgd_base, unsigned long vaddr)
{
	return pte_offset_kernel(kernel_pmd(pgd_base, vaddr), vaddr);
}

void __init page_table_range_init(unsigned long start, unsigned long end, pgd_t *pgd_base)
{
	for (unsigned long vaddr = start & PMD_MASK; vaddr < end && vaddr >= (start & PMD_MASK);
	     vaddr += PMD_SIZE)
		one_page_table_init(kernel_pmd(pgd_base, vaddr));
}

static const struct map_range *range_of(const struct map_range *mr, int nr, unsigned long pfn)
{
	for (int i = 0; i < nr; i++)
		if (pfn >= mr[i].start && pfn < mr[i].end)
			return &mr[i];
	BUG();
}

// 4 KiB pages from pfn to the end of its 4 MiB piece (or of the map).
static unsigned long map_with_ptes(pgd_t *pgd_base, const struct map_range *mr, int nr,
				   unsigned long pfn, unsigned long end_pfn)
{
	unsigned long vaddr = PAGE_OFFSET + (pfn << PAGE_SHIFT);
	pte_t *table = one_page_table_init(kernel_pmd(pgd_base, vaddr));
	for (unsigned long i = pte_index(vaddr); i < PTRS_PER_PTE && pfn < end_pfn; i++, pfn++) {
		pgprot_t prot = range_of(mr, nr, pfn)->prot; // no _PAGE_PRESENT: leave a hole
		set_pte(&table[i],
			pgprot_val(prot) & _PAGE_PRESENT ? pfn_pte(pfn, prot) : __pte(0));
	}
	return pfn;
}

void __init kernel_physical_mapping_init(pgd_t *pgd_base, const struct map_range *mr, int nr,
					 bool use_pse)
{
	for (int i = 0; i < nr; i++) // the table must tile [0, end) in order
		BUG_ON(mr[i].start != (i ? mr[i - 1].end : 0) || mr[i].end < mr[i].start);
	unsigned long end_pfn = mr[nr - 1].end, pfn = 0;
	while (pfn < end_pfn) {
		const struct map_range *r = range_of(mr, nr, pfn);
		unsigned long vaddr = PAGE_OFFSET + (pfn << PAGE_SHIFT);
		if (use_pse && pfn % PTRS_PER_PTE == 0 && pfn + PTRS_PER_PTE <= r->end) {
			set_pmd(kernel_pmd(pgd_base, vaddr),
				pfn_pmd(pfn, __pgprot(pgprot_val(r->prot) | _PAGE_PSE)));
			pfn += PTRS_PER_PTE;
			continue;
		}
		pfn = map_with_ptes(pgd_base, mr, nr, pfn, end_pfn);
	}
}

/*
 * Makes [start, end) (pfns) have prot in the table, splitting the ranges it
 * meets; returns the new count. Linux has no such table edit; it is how the
 * guard page and memblock's NOMAP regions become holes in the direct map.
 */
int map_ranges_carve(struct map_range *mr, int nr, int max_nr, unsigned long start,
		     unsigned long end, pgprot_t prot, const char *what)
{
	struct map_range out[16];
	int n = 0;
	BUG_ON(max_nr > (int)ARRAY_SIZE(out));
	for (int i = 0; i < nr; i++) {
		const struct map_range &r = mr[i];
		unsigned long lo = max(r.start, start), hi = min(r.end, end);
		if (lo >= hi) { // untouched
			out[n++] = r;
			continue;
		}
		if (r.start < lo)
			out[n++] = {r.start, lo, r.prot, r.what};
		out[n++] = {lo, hi, prot, what};
		if (hi < r.end)
			out[n++] = {hi, r.end, r.prot, r.what};
		BUG_ON(n > max_nr);
	}
	memcpy(mr, out, n * sizeof(out[0]));
	return n;
}

// memblock's NOMAP memory stays out of the direct map.
int map_ranges_punch_nomap(struct map_range *mr, int nr, int max_nr)
{
	struct memblock_region *r;
	for_each_mem_region(r) {
		if (r->flags & MEMBLOCK_NOMAP)
			nr = map_ranges_carve(mr, nr, max_nr, PFN_DOWN(r->base),
					      PFN_UP(r->base + r->size), __pgprot(0), "nomap");
	}
	return nr;
}

// --- the lowmem / highmem split -----------------------------------------------

#define MSG_HIGHMEM_TOO_BIG "highmem size (%luMB) is bigger than pages available (%luMB)!\n"
#define MSG_LOWMEM_TOO_SMALL "highmem size (%luMB) results in <64MB lowmem, ignoring it!\n"
#define MSG_HIGHMEM_TOO_SMALL                                                                      \
	"only %luMB highmem pages available, ignoring highmem size of %luMB!\n"
#define MSG_HIGHMEM_TRIMMED "Warning: only 4GB will be used. Use a HIGHMEM64G enabled kernel!\n"

// All RAM fits below MAXMEM: it is all lowmem, unless highmem= asks for some.
static void __init lowmem_pfn_init(void)
{
	max_low_pfn = max_pfn;
	if (highmem_pages == -1)
		highmem_pages = 0;
	if (highmem_pages >= (long)max_pfn) {
		pr_err(MSG_HIGHMEM_TOO_BIG, pages_to_mb((unsigned long)highmem_pages),
		       pages_to_mb(max_pfn));
		highmem_pages = 0;
	}
	if (highmem_pages) {
		if (max_low_pfn - highmem_pages < LOWMEM_MIN / PAGE_SIZE) {
			pr_err(MSG_LOWMEM_TOO_SMALL, pages_to_mb((unsigned long)highmem_pages));
			highmem_pages = 0;
		}
		max_low_pfn -= highmem_pages;
	}
}

// More RAM than MAXMEM: lowmem stops there and the rest is highmem.
static void highmem_pfn_init(void)
{
	max_low_pfn = MAXMEM_PFN;
	if (highmem_pages == -1)
		highmem_pages = max_pfn - MAXMEM_PFN;
	if (highmem_pages + MAXMEM_PFN < max_pfn)
		max_pfn = MAXMEM_PFN + highmem_pages;
	if (highmem_pages + MAXMEM_PFN > max_pfn) {
		pr_warn(MSG_HIGHMEM_TOO_SMALL, pages_to_mb(max_pfn - MAXMEM_PFN),
			pages_to_mb((unsigned long)highmem_pages));
		highmem_pages = 0;
	}
	if (max_pfn > MAX_NONPAE_PFN) {
		max_pfn = MAX_NONPAE_PFN;
		pr_warn(MSG_HIGHMEM_TRIMMED);
	}
}

void __init find_low_pfn_range(void)
{
	if (max_pfn <= MAXMEM_PFN)
		lowmem_pfn_init();
	else
		highmem_pfn_init();
}

void __init initmem_init(void)
{
	highstart_pfn = highend_pfn = max_pfn;
	if (max_pfn > max_low_pfn)
		highstart_pfn = max_low_pfn;
	pr_notice("%luMB HIGHMEM available.\n", pages_to_mb(highend_pfn - highstart_pfn));
	high_memory = (void *)((unsigned long)__va(highstart_pfn * PAGE_SIZE - 1) + 1);
	memblock_set_node(0, PHYS_ADDR_MAX, &memblock.memory, 0);
	pr_notice("%luMB LOWMEM available.\n", pages_to_mb(max_low_pfn));
	pr_info("  mapped low ram: 0 - %08lx\n", max_low_pfn << PAGE_SHIFT);
	pr_info("  low ram: 0 - %08lx\n", max_low_pfn << PAGE_SHIFT);
}

phys_addr_t lowmem_free_bytes(void)
{
	phys_addr_t limit = (phys_addr_t)max_low_pfn << PAGE_SHIFT, start, end, total = 0;
	u64 i;
	for_each_free_mem_range(i, NUMA_NO_NODE, MEMBLOCK_NONE, &start, &end, nullptr) {
		if (start < limit)
			total += min(end, limit) - start;
	}
	return total;
}

// Bytes of [start, end) that are memblock memory.
static phys_addr_t memblock_ram_in(phys_addr_t start, phys_addr_t end)
{
	phys_addr_t total = 0;
	struct memblock_region *r;
	for_each_mem_region(r) {
		phys_addr_t lo = max(r->base, start), hi = min(r->base + r->size, end);
		if (lo < hi)
			total += hi - lo;
	}
	return total;
}

/*
 * The map (the firmware's, GRUB's cutmem, memmap=) can leave a hole where
 * the kernel image is, though the CPU runs from it: those pages are RAM
 * whatever the map says. Like arm64_memblock_init() re-adding the image
 * after mem=, they go into memblock.memory (early_reserve_memory() has them
 * reserved already), so the direct map, the zones and mem_map cover them.
 * Only when the map has RAM beyond the image: a map whose RAM ends inside
 * or below it (mem=1M, memmap=exactmap memmap=640K@0) describes a machine
 * smaller than the kernel, which lowmem_shortfall() reports. Returns the
 * bytes added.
 */
phys_addr_t keep_kernel_image_ram(phys_addr_t image_start, phys_addr_t image_end)
{
	phys_addr_t missing = image_end - image_start - memblock_ram_in(image_start, image_end);
	if (!missing || memblock_end_of_DRAM() <= image_end)
		return 0;
	pr_warn("e820: %lluK of the kernel image [mem %#010llx-%#010llx] is not in a usable "
		"region; using it as RAM anyway (reserved)\n",
		(unsigned long long)missing >> 10, (unsigned long long)image_start,
		(unsigned long long)image_end - 1);
	memblock_add(image_start, image_end - image_start);
	return missing;
}

/*
 * Linux's early boot panics when memblock cannot place what it must
 * ("Failed to allocate 32768 bytes for node 0 memory map"): a reason for a
 * developer, and on the smallest machines it comes after other failures.
 * Checked once, before anything is allocated, in terms a student can act
 * on: how much RAM there is and what this kernel needs.
 */
bool lowmem_shortfall(phys_addr_t image_start, phys_addr_t image_end, char *why, size_t len)
{
	phys_addr_t limit = (phys_addr_t)max_low_pfn << PAGE_SHIFT, image = image_end - image_start;
	phys_addr_t usable = memblock_phys_mem_size(), free = lowmem_free_bytes();
	phys_addr_t missing = image - memblock_ram_in(image_start, image_end);
	phys_addr_t high =
	    image_end > limit ? memblock_ram_in(max(image_start, limit), image_end) : 0;
	if (!missing && !high && free >= MIN_FREE_LOWMEM)
		return false;
	// "usable RAM" only when the RAM itself is short; else lowmem (its
	// limit, or what is reserved in it) is, and saying RAM would be false
	const char *what = missing || usable < image + MIN_FREE_LOWMEM ? "usable RAM" : "lowmem";
	int n = scnprintf(why, len, "Too little %s: %lluK usable, %lluK of it free lowmem", what,
			  (unsigned long long)usable >> 10, (unsigned long long)free >> 10);
	if (missing)
		n += scnprintf(why + n, len - n,
			       "; %lluK of the kernel image [mem %#010llx-%#010llx] is not in it",
			       (unsigned long long)missing >> 10, (unsigned long long)image_start,
			       (unsigned long long)image_end - 1);
	else if (high)
		n += scnprintf(why + n, len - n,
			       "; lowmem ends at %#010llx, %lluK short of the kernel image's end "
			       "[mem %#010llx-%#010llx]",
			       (unsigned long long)limit, (unsigned long long)high >> 10,
			       (unsigned long long)image_start, (unsigned long long)image_end - 1);
	scnprintf(why + n, len - n,
		  "; the kernel needs its image in lowmem RAM and %luK free lowmem beside it",
		  MIN_FREE_LOWMEM >> 10);
	return true;
}

void __init check_enough_lowmem(phys_addr_t image_start, phys_addr_t image_end)
{
	char why[256];
	if (lowmem_shortfall(image_start, image_end, why, sizeof(why)))
		panic("%s", why);
}

/*
 * A size for vmalloc= or highmem=. Linux's memparse() reads "garbage" or
 * "-1" as 0 and wraps 4G to 0 in an unsigned long; here a word that is not
 * a size is refused (the default stays), and one too big for 64 bits is
 * ~0, for the callers to clamp.
 */
static bool __init parse_size_param(const char *name, char *arg, unsigned long long *size)
{
	char *end;
	int err = arg ? memparse_safe(arg, &end, size) : -EINVAL;
	if (err == -ERANGE) {
		*size = ~0ULL;
		return true;
	}
	if (err || *end) {
		pr_warn("%s=%s: not a size; ignored\n", name, arg ? arg : "");
		return false;
	}
	return true;
}

// highmem=size: how much RAM to treat as highmem (Linux: parse_highmem).
// More than 4 GiB cannot be used without PAE: it reads as 4 GiB, which
// lowmem_pfn_init()/highmem_pfn_init() then refuse with Linux's messages.
static int __init parse_highmem(char *arg)
{
	unsigned long long size;
	if (!parse_size_param("highmem", arg, &size))
		return -EINVAL;
	highmem_pages =
	    (long)(min(size, (unsigned long long)MAX_NONPAE_PFN << PAGE_SHIFT) >> PAGE_SHIFT);
	return 0;
}
early_param("highmem", parse_highmem);

/*
 * vmalloc=size: room for vmalloc, taken from lowmem (Linux: parse_vmalloc).
 * Linux x86 takes any value and BUGs in mem_init() if the areas collide;
 * like Linux ARM's early_vmalloc(), the size is clamped with a message
 * instead: at least VMALLOC_MIN, at most what leaves LOWMEM_MIN of lowmem
 * (the floor lowmem_pfn_init() keeps for highmem=).
 */
static int __init parse_vmalloc(char *arg)
{
	unsigned long long size;
	if (!parse_size_param("vmalloc", arg, &size))
		return -EINVAL;
	if (size < VMALLOC_MIN) {
		size = VMALLOC_MIN;
		pr_warn("vmalloc area too small, limiting to %luMB\n", VMALLOC_MIN >> 20);
	} else if (size > VMALLOC_MAX) {
		size = VMALLOC_MAX;
		pr_warn("vmalloc area is too big, limiting to %luMB\n", VMALLOC_MAX >> 20);
	}
	__VMALLOC_RESERVE = (unsigned long)size + VMALLOC_OFFSET; // and the guard gap
	return 0;
}
early_param("vmalloc", parse_vmalloc);

// Forgets highmem= (host tests and ktests start each case afresh).
void reset_highmem_param(void) { highmem_pages = -1; }
