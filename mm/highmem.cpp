/*
 * DOC: kmap_local (Linux: mm/highmem.c)
 *
 * The stack of temporary mappings: each kmap_local_page() of a highmem
 * page takes the next fixmap slot (FIX_KMAP_BEGIN + depth), each
 * kunmap_local() must release the last one taken. Lowmem pages need no
 * slot: their direct-map address is returned. pkmap's kmap() comes with the
 * high-memory work.
 */
#include <asm/fixmap.h>
#include <asm/kmap.h>
#include <linux/highmem.h>
#include <linux/kernel.h>

static int kmap_local_idx;
static void *kmap_local_addr[KM_MAX_IDX];

void *kmap_local_page(struct page *page)
{
	if (!PageHighMem(page))
		return lowmem_page_address(page);
	if (kmap_local_idx >= KM_MAX_IDX)
		panic("kmap_local_page: more than %d nested mappings\n", KM_MAX_IDX);
	void *vaddr = arch_kmap_local_map(page_to_pfn(page), kmap_local_idx);
	kmap_local_addr[kmap_local_idx++] = vaddr;
	return vaddr;
}

void kunmap_local(const void *vaddr)
{
	if (!kmap_local_idx || (unsigned long)vaddr < FIXADDR_START) {
		if ((unsigned long)vaddr >= FIXADDR_START)
			WARN(1, "kunmap_local(%p): nothing is mapped\n", vaddr);
		return; // a lowmem address: nothing to undo
	}
	void *expected = kmap_local_addr[kmap_local_idx - 1];
	if (WARN((unsigned long)vaddr - (unsigned long)expected >= PAGE_SIZE,
		 "kunmap_local(%p): out of order, %p is the latest mapping\n", vaddr, expected))
		return;
	arch_kmap_local_unmap(expected, --kmap_local_idx);
}

int kmap_local_depth(void) { return kmap_local_idx; }
