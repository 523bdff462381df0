// page_owner: what each page remembers of its allocation and its last free
// (boot with page_owner=on; the tests skip otherwise).
#include <linux/gfp.h>
#include <linux/kallsyms.h>
#include <linux/kernel.h>
#include <linux/ktest.h>
#include <linux/mm.h>
#include <linux/page_owner.h>
#include <linux/sched_clock.h>
#include <linux/seq_buf.h>
#include <linux/stackdepot.h>

#include "../internal.h"

// Whether the stack has a return address inside fn (a function of this file).
static bool stack_has(depot_stack_handle_t handle, void (*fn)(struct ktest *))
{
	unsigned long *entries, size, offset;
	char name[KSYM_NAME_LEN];
	unsigned int n = stack_depot_fetch(handle, &entries);
	for (unsigned int i = 0; i < n; i++)
		if (kallsyms_lookup(entries[i], &size, &offset, name) &&
		    entries[i] - offset == (unsigned long)fn)
			return true;
	return false;
}

#define SKIP_UNLESS_ON(test)                                                                       \
	do {                                                                                       \
		if (!page_owner_inited)                                                            \
			KTEST_SKIP(test, "page_owner is off");                                     \
	} while (0)

KTEST(page_owner, records_allocation_and_free)
{
	SKIP_UNLESS_ON(test);
	u64 before = local_clock();
	struct page *page = alloc_pages(GFP_KERNEL | __GFP_ZERO, 2);
	KTEST_ASSERT_NOT_NULL(test, page);
	for (int i = 0; i < 4; i++) {
		const struct page_owner *po = get_page_owner(page + i);
		KTEST_ASSERT_NOT_NULL(test, po);
		KTEST_EXPECT_EQ(test, po->flags, PAGE_EXT_OWNER | PAGE_EXT_OWNER_ALLOCATED);
		KTEST_EXPECT_EQ(test, po->order, 2);
		KTEST_EXPECT_EQ(test, po->gfp_mask, GFP_KERNEL | __GFP_ZERO);
		KTEST_EXPECT_EQ(test, po->last_migrate_reason, -1);
		KTEST_EXPECT_TRUE(test, po->ts_nsec >= before && po->ts_nsec <= local_clock());
		KTEST_EXPECT_EQ(test, po->handle, get_page_owner(page)->handle);
	}
	const struct page_owner *po = get_page_owner(page);
	KTEST_EXPECT_TRUE(test,
			  stack_has(po->handle, ktest_page_owner_records_allocation_and_free));
	__free_pages(page, 2);
	for (int i = 0; i < 4; i++) {
		const struct page_owner *p = get_page_owner(page + i);
		KTEST_EXPECT_EQ(test, p->flags, PAGE_EXT_OWNER); // freed, still remembered
		KTEST_EXPECT_EQ(test, p->order, 2);
		KTEST_EXPECT_TRUE(test, p->free_ts_nsec >= p->ts_nsec);
		KTEST_EXPECT_NE(test, p->free_handle, 0);
	}
	KTEST_EXPECT_TRUE(test,
			  stack_has(po->free_handle, ktest_page_owner_records_allocation_and_free));
	KTEST_EXPECT_NE(test, po->free_handle, po->handle);
}

// One call site, one stack in the depot.
KTEST(page_owner, one_site_one_handle)
{
	SKIP_UNLESS_ON(test);
	struct page *p[2];
	for (int i = 0; i < 2; i++) {
		p[i] = alloc_page(GFP_KERNEL);
		KTEST_ASSERT_NOT_NULL(test, p[i]);
	}
	KTEST_EXPECT_EQ(test, get_page_owner(p[0])->handle, get_page_owner(p[1])->handle);
	struct stack_depot_stats st;
	stack_depot_get_stats(&st);
	KTEST_EXPECT_TRUE(test, st.stacks > 0 && st.bytes_used <= st.bytes_total);
	for (int i = 0; i < 2; i++)
		__free_page(p[i]);
}

KTEST(page_owner, split_page_makes_order_0)
{
	SKIP_UNLESS_ON(test);
	struct page *page = alloc_pages(GFP_KERNEL, 2);
	KTEST_ASSERT_NOT_NULL(test, page);
	split_page(page, 2);
	for (int i = 0; i < 4; i++) {
		KTEST_EXPECT_EQ(test, get_page_owner(page + i)->order, 0);
		__free_page(page + i);
	}
}

struct find_arg {
	unsigned long pfn;
	int head, tail;
};

static bool find_pfn(unsigned long pfn, const struct page_owner *po, void *arg)
{
	struct find_arg *f = (struct find_arg *)arg;
	f->head += pfn == f->pfn;
	f->tail += pfn > f->pfn && pfn < f->pfn + 8;
	return true;
}

// The view shows an allocated block once, by its head, and no free block.
KTEST(page_owner, walk_shows_allocated_heads_only)
{
	SKIP_UNLESS_ON(test);
	struct page *page = alloc_pages(GFP_KERNEL, 3);
	KTEST_ASSERT_NOT_NULL(test, page);
	struct find_arg f = {page_to_pfn(page), 0, 0};
	unsigned long n = for_each_page_owner(find_pfn, &f);
	KTEST_EXPECT_TRUE(test, n > 0);
	KTEST_EXPECT_EQ(test, f.head, 1);
	KTEST_EXPECT_EQ(test, f.tail, 0);
	__free_pages(page, 3);
	f = {f.pfn, 0, 0};
	for_each_page_owner(find_pfn, &f);
	KTEST_EXPECT_EQ(test, f.head + f.tail, 0);
}

// `page <pfn>` and `page_owner` on a page the test holds (the QEMU test
// checks the lines: Linux's formats).
KTEST(page_owner, dump_and_view)
{
	SKIP_UNLESS_ON(test);
	struct page *page = alloc_pages(GFP_KERNEL | __GFP_RECLAIMABLE, 1);
	KTEST_ASSERT_NOT_NULL(test, page);
	dump_page(page, "ktest page_owner.dump_and_view");
	static char buf[2048];
	struct seq_buf s;
	seq_buf_init(&s, buf, sizeof(buf));
	print_page_owner(&s, page_to_pfn(page), get_page_owner(page));
	seq_buf_print_lines(&s);
	KTEST_EXPECT_FALSE(test, seq_buf_has_overflowed(&s));
	__free_pages(page, 1);
	dump_page(page, "ktest page_owner.dump_and_view freed");
}
