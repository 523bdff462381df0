/*
 * DOC: kmap_local (Linux: mm/highmem.c)
 *
 * The stack of temporary mappings: each kmap_local_page() of a highmem
 * page takes the next fixmap slot (FIX_KMAP_BEGIN + depth), each
 * kunmap_local() must release the last one taken. Lowmem pages need no
 * slot: their direct-map address is returned.
 *
 * DOC: kmap (Linux: mm/highmem.c, kmap_high)
 *
 * The pkmap area holds LAST_PKMAP slots, one page table's worth. A slot's
 * pkmap_count is 0 when free and its pte clear, 1 when no one uses it but
 * its pte (and maybe a stale TLB entry) still maps a page, and 1 + users
 * while kmapped. Slots are handed out round the ring; when the ring wraps,
 * every slot at 1 is cleared and the TLB flushed once, so unmapping costs
 * nothing until then. page_address() finds a kmapped page's slot through a
 * small hash table (Linux: page_address_htable).
 *
 * Differs from Linux: with one CPU and no scheduler, kmap cannot sleep until
 * a slot frees up; when all are held it warns and returns NULL. kmap_local's
 * stack is one global one (Linux keeps one per task, saved on a context
 * switch), and kmap_atomic() is only its old name: nothing to disable.
 */
#include <asm/fixmap.h>
#include <asm/kmap.h>
#include <asm/pgtable.h>
#include <linux/highmem.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/memblock.h>
#include <linux/spinlock.h>
#include <linux/string.h>

// --- kmap: the pkmap ring ------------------------------------------------------------------

static int pkmap_count[LAST_PKMAP];
static unsigned int last_pkmap_nr;
static struct page *pkmap_page[LAST_PKMAP]; // which page each slot maps

#define PA_HASH_BITS 7
static struct page_address_map {
	const struct page *page;
	int nr;				  // its slot
	int next;			  // next entry in the bucket, or -1
} pa_maps[LAST_PKMAP];			  // entry i belongs to slot i
static int pa_buckets[1 << PA_HASH_BITS]; // -1: empty (kmap_init)

static unsigned int pa_hash(const struct page *page)
{
	return (unsigned int)((unsigned long)page / sizeof(struct page) * 0x9e370001u) >>
	       (32 - PA_HASH_BITS);
}

// Every slot free (Linux: kmap_init finds the pkmap page table; ours was
// made by init_mem_mapping).
void __init kmap_init(void)
{
	memset(pkmap_count, 0, sizeof(pkmap_count));
	memset(pkmap_page, 0, sizeof(pkmap_page));
	last_pkmap_nr = 0;
	for (int &b : pa_buckets)
		b = -1;
}

void *pkmap_page_address(const struct page *page)
{
	for (int i = pa_buckets[pa_hash(page)]; i >= 0; i = pa_maps[i].next)
		if (pa_maps[i].page == page)
			return (void *)PKMAP_ADDR(pa_maps[i].nr);
	return nullptr;
}

// The page's kernel address; a highmem page has one only while kmap()ed, else
// NULL. Context: any.
void *page_address(const struct page *page)
{
	return PageHighMem(page) ? pkmap_page_address(page) : lowmem_page_address(page);
}

static void set_page_address(struct page *page, int nr)
{
	int *b = &pa_buckets[pa_hash(page)];
	pa_maps[nr] = {page, nr, *b};
	*b = nr;
}

static void clear_page_address(const struct page *page)
{
	for (int *link = &pa_buckets[pa_hash(page)]; *link >= 0; link = &pa_maps[*link].next)
		if (pa_maps[*link].page == page) {
			*link = pa_maps[*link].next;
			return;
		}
}

// Frees every slot that is mapped but unused, with one TLB flush (Linux:
// flush_all_zero_pkmaps).
static void flush_all_zero_pkmaps(void)
{
	bool flush = false;
	for (int i = 0; i < LAST_PKMAP; i++) {
		if (pkmap_count[i] != 1)
			continue;
		pkmap_count[i] = 0;
		arch_pkmap_clear(i);
		clear_page_address(pkmap_page[i]);
		pkmap_page[i] = nullptr;
		flush = true;
	}
	if (flush)
		arch_pkmap_flush();
}

// The pkmap slots, their counts and the page -> slot hash (Linux:
// kmap_lock, taken by lock_kmap()).
static DEFINE_SPINLOCK(kmap_lock);

static void *map_new_virtual(struct page *page)
{
	for (int tries = LAST_PKMAP; tries > 0; tries--) {
		last_pkmap_nr = (last_pkmap_nr + 1) & LAST_PKMAP_MASK;
		if (!last_pkmap_nr)
			flush_all_zero_pkmaps();
		if (pkmap_count[last_pkmap_nr])
			continue;
		int nr = (int)last_pkmap_nr;
		arch_pkmap_set(nr, page_to_pfn(page));
		pkmap_count[nr] = 1;
		pkmap_page[nr] = page;
		set_page_address(page, nr);
		return (void *)PKMAP_ADDR(nr);
	}
	return nullptr;
}

// A kernel address for page until kunmap(): lowmem's own, or a pkmap slot
// shared by every kmap of the page. NULL (with a warning) if all slots are
// held. Context: may sleep in Linux (never here); not from an interrupt.
void *kmap(struct page *page)
{
	if (!PageHighMem(page))
		return lowmem_page_address(page);
	spin_lock(&kmap_lock);
	void *vaddr = pkmap_page_address(page);
	if (!vaddr)
		vaddr = map_new_virtual(page);
	if (vaddr)
		pkmap_count[PKMAP_NR(vaddr)]++;
	spin_unlock(&kmap_lock);
	WARN(!vaddr, "kmap: all %d pkmap slots are in use\n", LAST_PKMAP);
	return vaddr;
}

// Drops one kmap() of page; unbalanced calls warn. Context: as kmap().
void kunmap(struct page *page)
{
	if (!PageHighMem(page))
		return;
	spin_lock(&kmap_lock);
	void *vaddr = pkmap_page_address(page);
	bool mapped = vaddr && pkmap_count[PKMAP_NR(vaddr)] >= 2;
	if (mapped)
		pkmap_count[PKMAP_NR(vaddr)]--; // at 1 the slot waits for the next wrap
	spin_unlock(&kmap_lock);
	WARN(!mapped, "kunmap: page %p (pfn %#lx) is not kmapped\n", page, page_to_pfn(page));
}

int nr_pkmaps_in_use(void)
{
	int n = 0;
	for (int c : pkmap_count)
		n += c > 1;
	return n;
}

// --- kmap_local: the fixmap stack --------------------------------------------------------

static int kmap_local_idx;
static void *kmap_local_addr[KM_MAX_IDX];

// A kernel address for page until kunmap_local(), never failing: lowmem's
// own, or the next fixmap slot (more than KM_MAX_IDX nested panics).
// Context: any, interrupts off too; unmap in reverse order.
void *kmap_local_page(struct page *page)
{
	if (!PageHighMem(page))
		return lowmem_page_address(page);
	return kmap_local_pfn(page_to_pfn(page));
}

// Linux: kmap_local_pfn. Also for frames with no struct page, such as the
// firmware's tables above the end of RAM: anything not below max_low_pfn
// (the direct map's end) takes a fixmap slot. Context: as kmap_local_page().
void *kmap_local_pfn(unsigned long pfn)
{
	if (pfn < max_low_pfn)
		return __va(PFN_PHYS(pfn));
	if (kmap_local_idx >= KM_MAX_IDX)
		panic("kmap_local_page: more than %d nested mappings\n", KM_MAX_IDX);
	void *vaddr = arch_kmap_local_map(pfn, kmap_local_idx);
	kmap_local_addr[kmap_local_idx++] = vaddr;
	return vaddr;
}

// Releases the latest kmap_local_page() mapping; any other kmap slot warns.
// Context: as kmap_local_page().
void kunmap_local(const void *vaddr)
{
	unsigned long va = (unsigned long)vaddr & PAGE_MASK;
	int top = kmap_local_idx - 1;
	if (top >= 0 && va == ((unsigned long)kmap_local_addr[top] & PAGE_MASK)) {
		arch_kmap_local_unmap(kmap_local_addr[top], top);
		kmap_local_idx--;
		return;
	}
	// Not the latest mapping: out of order if it is a kmap slot at all; a
	// lowmem page's direct-map address needs nothing undone.
	WARN(va >= __fix_to_virt(FIX_KMAP_END) && va <= __fix_to_virt(FIX_KMAP_BEGIN),
	     "kunmap_local(%p): not the latest kmap_local mapping\n", vaddr);
}

int kmap_local_depth(void) { return kmap_local_idx; }
