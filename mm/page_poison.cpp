/*
 * DOC: page poisoning, page_poison=1 (Linux: mm/page_poison.c)
 *
 * Every page freed to the buddy allocator is filled with PAGE_POISON
 * (free_pages_prepare -> kernel_poison_pages); when it is handed out again
 * (prep_new_page -> kernel_unpoison_pages) each byte must still hold the
 * pattern. A byte that does not means something wrote to the page while it
 * was free: a use-after-free, or a stray write through a stale pointer.
 * One flipped bit is reported as a "single bit error" (bad RAM, in Linux's
 * words), anything else as "memory corruption", with the 16 bytes around the
 * first bad one and dump_page().
 *
 * Differs from Linux: page_poison= takes a number (kstrtoint: 0 is off, any
 * other number on, "on" is refused as a malformed option), where Linux takes
 * kstrtobool's words; the setting is a plain bool that the parameter sets at
 * once (Linux: _page_poisoning_enabled_early, then a static key switched on
 * in init_mem_debugging_and_hardening). A report is not rate limited, has
 * no stack dump, judges "single bit" by the first bad byte alone and shows
 * the 16 bytes around it (Linux: the span from the first bad byte to the
 * last).
 */
#include <linux/errno.h>
#include <linux/highmem.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/kstrtox.h>
#include <linux/meminit.h>
#include <linux/mm.h>
#include <linux/poison.h>
#include <linux/string.h>

bool _page_poisoning_enabled;

static int __init early_page_poison_param(char *buf)
{
	int v;
	if (!buf || kstrtoint(buf, 0, &v))
		return -EINVAL;
	_page_poisoning_enabled = v != 0;
	return 0;
}
early_param("page_poison", early_page_poison_param);

/*
 * Fills numpages pages with the poison, highmem ones through a temporary mapping.
 * Context: any; it neither sleeps nor takes a lock.
 */
void __kernel_poison_pages(struct page *page, int numpages)
{
	for (int i = 0; i < numpages; i++) {
		void *addr = kmap_local_page(page + i);
		memset(addr, PAGE_POISON, PAGE_SIZE);
		kunmap_local(addr);
	}
}

/*
 * Checks that numpages pages still hold the poison, reporting each page that does
 * not (the page is handed out all the same, as in Linux).
 * Context: any; it neither sleeps nor takes a lock.
 */
void __kernel_unpoison_pages(struct page *page, int numpages)
{
	for (int i = 0; i < numpages; i++) {
		const u8 *addr = (const u8 *)kmap_local_page(page + i);
		unsigned int bad = 0;
		while (bad < PAGE_SIZE && addr[bad] == PAGE_POISON)
			bad++;
		if (bad < PAGE_SIZE) {
			bool single = __builtin_popcount(addr[bad] ^ PAGE_POISON) == 1;
			pr_err("pagealloc: %s\n",
			       single ? "single bit error" : "memory corruption");
			pr_err("%p: %16ph\n", (void *)(addr + ALIGN_DOWN(bad, 16)),
			       addr + ALIGN_DOWN(bad, 16));
			dump_page(page + i, "pagealloc: corrupted page details");
		}
		kunmap_local((void *)addr);
	}
}
