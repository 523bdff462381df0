/*
 * DOC: init_on_alloc and init_on_free (Linux: mm/page_alloc.c's
 * early_init_on_alloc, early_init_on_free, init_mem_debugging_and_hardening
 * and kernel_init_pages; init/main.c's report_meminit)
 *
 * Uninitialised memory leaks what its previous owner left there; freed
 * memory keeps secrets after their owner is done with them. Linux can zero
 * heap memory on every allocation (init_on_alloc=1, what Debian's kernel
 * does by default) or on every free (init_on_free=1, so freed data never
 * lingers; the allocation side then need not zero again):
 *
 *   boot: init_on_alloc= / init_on_free=   (kstrtobool; bad: "Malformed early option")
 *     -> init_mem_debugging_and_hardening  page_poison=1 overrides both
 *     -> report_meminit                    "mem auto-init: stack:off, heap alloc:..."
 *     -> memblock_free_all                 init_on_free: every page zeroed as it is freed
 *   page allocator  free_pages_prepare / prep_new_page  (this file's kernel_init_pages)
 *   SLUB            slab_free / __kmem_cache_alloc      (mm/slub.cpp's init_on block)
 *
 * Differs from Linux: plain bools instead of static keys; the stack is
 * never auto-initialised (the compiler's -ftrivial-auto-var-init is not
 * used), so "stack:off" always.
 */
#include <linux/highmem.h>
#include <linux/init.h>
#include <linux/kstrtox.h>
#include <linux/meminit.h>
#include <linux/printk.h>

bool init_on_alloc, init_on_free;

// What the command line asked for; Linux's CONFIG_INIT_ON_*_DEFAULT_ON are off here.
static bool _init_on_alloc_enabled_early, _init_on_free_enabled_early;

static int __init early_init_on_alloc(char *buf)
{
	return kstrtobool(buf, &_init_on_alloc_enabled_early);
}
early_param("init_on_alloc", early_init_on_alloc);

static int __init early_init_on_free(char *buf)
{
	return kstrtobool(buf, &_init_on_free_enabled_early);
}
early_param("init_on_free", early_init_on_free);

/*
 * Linux: init_mem_debugging_and_hardening. The early parameters are only
 * wishes until here, because they interact: page poisoning fills free
 * pages with a pattern and checks it on allocation, which zeroing would
 * destroy, so poisoning wins and both init options are turned off.
 * Context: boot, before memblock_free_all frees the first page.
 */
void __init init_mem_debugging_and_hardening(void)
{
	if ((_init_on_alloc_enabled_early || _init_on_free_enabled_early) &&
	    page_poisoning_enabled()) {
		pr_info("mem auto-init: CONFIG_PAGE_POISONING is on, "
			"will take precedence over init_on_alloc and init_on_free\n");
		_init_on_alloc_enabled_early = false;
		_init_on_free_enabled_early = false;
	}
	init_on_alloc = _init_on_alloc_enabled_early;
	init_on_free = _init_on_free_enabled_early;
}

// Linux: report_meminit (init/main.c), printed just before mem_init().
// Context: boot, after init_mem_debugging_and_hardening.
void __init report_meminit(void)
{
	pr_info("mem auto-init: stack:%s, heap alloc:%s, heap free:%s\n", "off",
		want_init_on_alloc(GFP_KERNEL) ? "on" : "off", want_init_on_free() ? "on" : "off");
	if (want_init_on_free())
		pr_info("mem auto-init: clearing system memory may take some time...\n");
}

// Linux: kernel_init_pages. clear_highpage maps a highmem page for the memset.
// Context: any; it does not sleep (kmap_local).
void kernel_init_pages(struct page *page, int numpages)
{
	for (int i = 0; i < numpages; i++)
		clear_highpage(page + i);
}
