// Linux: arch/x86/mm/pgtable.c (pgd_alloc, pgd_ctor), without the pgd_list
// that Linux keeps to push kernel changes to every pgd: here they are pulled
// on demand by vmalloc_fault().
#include <asm/pgalloc.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/string.h>

pgd_t *pgd_alloc(void)
{
	struct page *page = alloc_page(GFP_KERNEL | __GFP_ZERO);
	if (!page)
		return nullptr;
	pgd_t *pgd = (pgd_t *)page_address(page);
	memcpy(pgd + KERNEL_PGD_BOUNDARY, swapper_pg_dir + KERNEL_PGD_BOUNDARY,
	       (PTRS_PER_PGD - KERNEL_PGD_BOUNDARY) * sizeof(pgd_t));
	return pgd;
}

void pgd_free(pgd_t *pgd)
{
	if (pgd)
		__free_page(virt_to_page(pgd));
}
