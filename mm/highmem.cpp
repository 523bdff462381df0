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
