// Allocator tracing: each allocator's events land in the ring with what a
// student needs to replay them (pfn and order, object and cache, area and
// size, call site), print in the Linux tracepoints' formats, and the ring
// keeps the newest MM_TRACE_EVENTS.
#include <gtest/gtest.h>

#include "page_alloc_helpers.h"

#include <asm/pgtable.h>
#include <linux/mm_trace.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>

namespace
{

const phys_addr_t MB = 1 << 20;

struct Trace : testing::Test {
	void SetUp() override
	{
		boot_node({{{1 * MB, 64 * MB}}, 0x1000, 0x2000, 0x4000, 32 * MB});
		kmem_cache_init();
		memset(swapper_pg_dir, 0, sizeof(swapper_pg_dir));
		vmap_init_range(0xf0000000, 0xf1000000);
		mm_trace_clear();
		mm_trace_enabled = true;
	}
	void TearDown() override { mm_trace_enabled = false; }
	static std::vector<mm_trace_event> events()
	{
		std::vector<mm_trace_event> v;
		unsigned int n;
		for (unsigned int i = 0; mm_trace_get(i, &n); i++)
			v.push_back(*mm_trace_get(i, &n));
		return v;
	}
};

TEST_F(Trace, page_events_carry_pfn_order_zone_and_type)
{
	struct page *p = alloc_pages(GFP_KERNEL | __GFP_MOVABLE, 2);
	__free_pages(p, 2);
	auto ev = events();
	ASSERT_EQ(ev.size(), 2u);
	EXPECT_EQ(ev[0].op, MM_TRACE_PAGE_ALLOC);
	EXPECT_EQ(ev[0].where, page_to_pfn(p));
	EXPECT_EQ(ev[0].order, 2);
	EXPECT_EQ(ev[0].zone, ZONE_NORMAL);
	EXPECT_EQ(ev[0].migratetype, MIGRATE_MOVABLE);
	EXPECT_NE(ev[0].caller, nullptr);
	EXPECT_EQ(ev[1].op, MM_TRACE_PAGE_FREE);
	EXPECT_EQ(ev[1].where, page_to_pfn(p));
	EXPECT_EQ(ev[1].seq, 1u);
	auto lines = view_lines(mm_trace_show);
	EXPECT_EQ(lines[0], "trace: 2 events held (ring of 512), 2 recorded, tracing on");
	char want[128];
	snprintf(want, sizeof(want),
		 "trace:      0 mm_page_alloc: pfn=%#lx order=2 migratetype=1 zone=Normal "
		 "gfp_flags=GFP_KERNEL|__GFP_MOVABLE call_site=",
		 page_to_pfn(p));
	EXPECT_EQ(lines[1].substr(0, strlen(want)), want);
}

TEST_F(Trace, a_failed_allocation_is_traced_as_pfn_minus_one)
{
	LIST_HEAD(blocks);
	struct page *p;
	while ((p = alloc_pages(GFP_DMA | __GFP_NOWARN, 10))) {
		p->index = 10;
		list_add(&p->lru, &blocks);
	}
	auto ev = events();
	ASSERT_GE(ev.size(), 2u);
	EXPECT_NE(ev[0].where, -1UL);
	EXPECT_EQ(ev.back().where, -1UL);
	EXPECT_NE(view_lines(mm_trace_show).back().find("mm_page_alloc: pfn=-1 (failed) order=10"),
		  std::string::npos);
	free_pages_list(&blocks);
}

TEST_F(Trace, pcp_refill_and_drain_are_one_event_per_batch)
{
	struct page *p = alloc_page(GFP_KERNEL);
	__free_page(p);
	drain_all_pages(nullptr);
	auto ev = events();
	ASSERT_EQ(ev.size(), 4u); // refill, alloc, free (onto the pcp list), drain
	EXPECT_EQ(ev[0].op, MM_TRACE_PCP_REFILL);
	EXPECT_EQ(ev[0].size,
		  (unsigned long)this_cpu_ptr(zone_of(ZONE_NORMAL)->per_cpu_pageset)->batch);
	EXPECT_EQ(ev[3].op, MM_TRACE_PCP_DRAIN);
	EXPECT_EQ(ev[3].size, ev[0].size);

	// A refill while another migratetype's list holds pages counts only the
	// pages refilled, not the whole pcp.
	struct page *u = alloc_page(GFP_KERNEL); // the unmovable list keeps batch - 1
	mm_trace_clear();
	struct page *m = alloc_page(GFP_KERNEL | __GFP_MOVABLE);
	ev = events();
	ASSERT_GE(ev.size(), 1u);
	EXPECT_EQ(ev[0].op, MM_TRACE_PCP_REFILL);
	EXPECT_EQ(ev[0].size,
		  (unsigned long)this_cpu_ptr(zone_of(ZONE_NORMAL)->per_cpu_pageset)->batch);
	__free_page(m);
	__free_page(u);
}

// mm_page_free is a page going back, not a reference dropped.
TEST_F(Trace, dropping_a_reference_is_not_a_free)
{
	struct page *p = alloc_page(GFP_KERNEL);
	page_ref_inc(p);
	mm_trace_clear();
	__free_page(p);
	EXPECT_TRUE(events().empty());
	__free_page(p);
	auto ev = events();
	ASSERT_EQ(ev.size(), 1u);
	EXPECT_EQ(ev[0].op, MM_TRACE_PAGE_FREE);
}

TEST_F(Trace, kmalloc_and_vmalloc_events_name_cache_and_size)
{
	void *k = kmalloc(100, GFP_KERNEL);
	kfree(k);
	mm_trace_clear();
	void *v = vmalloc(3 * PAGE_SIZE);
	vfree(v);
	auto ev = events();
	ASSERT_GE(ev.size(), 2u);
	bool saw_vmalloc = false, saw_vfree = false;
	for (auto &e : ev) {
		saw_vmalloc |= e.op == MM_TRACE_VMALLOC && e.where == (unsigned long)v &&
			       e.size == 3 * PAGE_SIZE;
		saw_vfree |= e.op == MM_TRACE_VFREE && e.where == (unsigned long)v;
	}
	EXPECT_TRUE(saw_vmalloc);
	EXPECT_TRUE(saw_vfree);

	mm_trace_clear();
	k = kmalloc(100, GFP_KERNEL);
	kfree(k);
	ev = events();
	ASSERT_EQ(ev.size(), 2u);
	EXPECT_EQ(ev[0].where, (unsigned long)k);
	EXPECT_EQ(ev[0].size, 100u);
	EXPECT_EQ(ev[0].size2, 128u);
	EXPECT_STREQ(ev[0].name, "kmalloc-128");
	EXPECT_EQ(ev[1].op, MM_TRACE_KFREE);
	auto lines = view_lines(mm_trace_show);
	EXPECT_NE(lines[1].find("kmalloc: call_site="), std::string::npos) << lines[1];
	EXPECT_NE(lines[1].find("bytes_req=100 bytes_alloc=128 gfp_flags=GFP_KERNEL "
				"name=kmalloc-128"),
		  std::string::npos)
	    << lines[1];
	EXPECT_NE(lines[2].find("kfree: call_site="), std::string::npos) << lines[2];
}

// Linux's kmem tracepoints: bytes_alloc is the slot the object takes
// (s->size), the <objsize> slabinfo prints; kmalloc or kmem_cache_alloc is
// the function called, whatever the cache's name.
TEST_F(Trace, bytes_alloc_is_the_slot_slabinfo_shows)
{
	struct kmem_cache *c = kmem_cache_create("forty", 40, 0, SLAB_HWCACHE_ALIGN, nullptr);
	mm_trace_clear();
	void *o = kmem_cache_alloc(c, GFP_KERNEL);
	kmem_cache_free(c, o);
	auto slab_lines = []() {
		std::vector<std::string> v;
		for (auto &l : view_lines(mm_trace_show))
			if (l.find("kmalloc: ") != std::string::npos ||
			    l.find("kfree: ") != std::string::npos ||
			    l.find("kmem_cache_") != std::string::npos)
				v.push_back(l);
		return v;
	};
	auto lines = slab_lines();
	ASSERT_EQ(lines.size(), 2u);
	EXPECT_NE(lines[0].find("kmem_cache_alloc: call_site="), std::string::npos) << lines[0];
	EXPECT_NE(lines[0].find(" bytes_req=40 bytes_alloc=64 gfp_flags=GFP_KERNEL name=forty"),
		  std::string::npos)
	    << lines[0];
	EXPECT_NE(lines[1].find("kmem_cache_free: call_site="), std::string::npos) << lines[1];
	unsigned long active = 1, num = 0, objsize = 0;
	for (auto &l : view_lines(slabinfo_show))
		if (l.rfind("forty ", 0) == 0)
			sscanf(l.c_str(), "forty %lu %lu %lu", &active, &num, &objsize);
	EXPECT_EQ(objsize, 64u) << "slabinfo's <objsize>";
	EXPECT_EQ(num, 64u);
	kmem_cache_destroy(c);

	mm_trace_clear();
	kfree(kmalloc(100, GFP_DMA));
	lines = slab_lines();
	ASSERT_EQ(lines.size(), 2u);
	EXPECT_NE(lines[0].find("kmalloc: call_site="), std::string::npos) << lines[0];
	EXPECT_NE(lines[0].find("bytes_alloc=128 gfp_flags=GFP_DMA name=dma-kmalloc-128"),
		  std::string::npos)
	    << lines[0];
	EXPECT_NE(lines[1].find("kfree: call_site="), std::string::npos) << lines[1];
}

// Above kmalloc-8k, whole pages: Linux traces them as kmalloc and kfree,
// bytes_alloc the pages, no cache.
TEST_F(Trace, kmalloc_large_is_traced)
{
	void *p = kmalloc(12000, GFP_KERNEL);
	kfree(p);
	auto ev = events();
	auto lines = view_lines(mm_trace_show);
	std::string text;
	for (auto &l : lines)
		text += l + "\n";
	char want[128];
	snprintf(want, sizeof(want),
		 " ptr=%#lx bytes_req=12000 bytes_alloc=16384 gfp_flags=GFP_KERNEL\n",
		 (unsigned long)p);
	EXPECT_NE(text.find(want), std::string::npos) << text;
	snprintf(want, sizeof(want), " ptr=%#lx\n", (unsigned long)p);
	EXPECT_NE(text.find("kfree: call_site="), std::string::npos) << text;
	EXPECT_NE(text.find(want), std::string::npos) << "no cache named: " << text;
	int kmallocs = 0;
	for (auto &e : ev)
		kmallocs += e.op == MM_TRACE_KMALLOC && e.name == nullptr;
	EXPECT_EQ(kmallocs, 1);
}

TEST_F(Trace, the_ring_keeps_the_newest_events)
{
	for (int i = 0; i < 700; i++)
		__free_pages(alloc_pages(GFP_KERNEL, 1), 1);
	unsigned int n;
	const mm_trace_event *first = mm_trace_get(0, &n);
	EXPECT_EQ(n, (unsigned)MM_TRACE_EVENTS);
	EXPECT_EQ(first->seq, 1400u - MM_TRACE_EVENTS);
	EXPECT_EQ(mm_trace_get(n - 1, &n)->seq, 1399u);
	EXPECT_EQ(mm_trace_get(n, &n), nullptr);
	mm_trace_enabled = false;
	__free_pages(alloc_pages(GFP_KERNEL, 1), 1);
	EXPECT_EQ(mm_trace_get(n - 1, &n)->seq, 1399u); // off means off
	mm_trace_clear();
	EXPECT_EQ(mm_trace_get(0, &n), nullptr);
	EXPECT_EQ(n, 0u);
}

} // namespace
