// In-guest benchmarks (ktest=bench, the shell's `ktest bench`): the host
// benchmark's rows measured with rdtsc on the running kernel, the boot
// phases, memory overhead and fragmentation. Under QEMU's -icount shift=0
// the TSC advances once per retired instruction, so `make bench-guest`
// gets exact, repeatable instruction counts. Lines start "bench:" for
// tools/bench/guest.py. Not in ktest=all: the vmap row builds 100,000 areas.
#include <asm/processor.h>
#include <linux/boot_phase.h>
#include <linux/frag.h>
#include <linux/kernel.h>
#include <linux/ktest.h>
#include <linux/memblock.h>
#include <linux/mm.h>
#include <linux/printk.h>
#include <linux/slab.h>
#include <linux/sprintf.h>
#include <linux/string.h>
#include <linux/vmalloc.h>

#include "../internal.h"
#include "../slab.h"

#define BENCH(name) KTEST_FLAGS(bench, name, KTEST_NOT_IN_ALL)
#define OPS 2000

// Cycles per call of op, after a warm-up; the loop's own cost is included
// (a few instructions).
template <typename F> static unsigned long per_op(F op, int n = OPS)
{
	for (int i = 0; i < 100; i++)
		op();
	u64 t0 = rdtsc();
	for (int i = 0; i < n; i++)
		op();
	return (unsigned long)((rdtsc() - t0) / (u64)n);
}

static void row(const char *name, unsigned long cycles)
{
	pr_info("bench: %-40s %8lu cycles/op\n", name, cycles);
}

BENCH(allocators)
{
	static const unsigned long sizes[] = {16, 64, 256, 1024};
	char name[48];
	for (unsigned long size : sizes) {
		snprintf(name, sizeof(name), "kmalloc_pair/%lu", size);
		row(name, per_op([size] { kfree(kmalloc(size, GFP_KERNEL)); }));
	}
	for (unsigned long size : sizes) {
		void *p[128];
		snprintf(name, sizeof(name), "kmalloc_batch128/%lu", size);
		row(name, per_op(
			      [&] {
				      for (auto &x : p)
					      x = kmalloc(size, GFP_KERNEL);
				      for (auto x : p)
					      kfree(x);
			      },
			      OPS / 64) /
			      128);
	}
	struct kmem_cache *s = kmem_cache_create("bench64", 64, 0, 0, nullptr);
	KTEST_EXPECT_TRUE(test, s);
	if (!s)
		return;
	row("kmem_cache_pair/64",
	    per_op([s] { kmem_cache_free(s, kmem_cache_alloc(s, GFP_KERNEL)); }));
	void *bulk[16];
	row("kmem_cache_bulk16/64",
	    per_op([&] {
		    KTEST_EXPECT_EQ(test, kmem_cache_alloc_bulk(s, GFP_KERNEL, 16, bulk), 16);
		    kmem_cache_free_bulk(s, 16, bulk);
	    }) / 16);
	kmem_cache_destroy(s);

	static const unsigned int orders[] = {0, 1, 3, 4, 9};
	for (int pcp = 1; pcp >= 0; pcp--)
		for (unsigned int order : orders) {
			if (!pcp && order)
				continue;
			pcp_lists_enabled = pcp;
			snprintf(name, sizeof(name), "page_pair/order:%u/pcp:%d", order, pcp);
			auto pair = [order] { // a small machine may have no order-9 block
				if (struct page *p = alloc_pages(GFP_KERNEL | __GFP_NOWARN, order))
					__free_pages(p, order);
			};
			row(name, per_op(pair, order == 9 ? 200 : OPS));
		}
	pcp_lists_enabled = true;

	static const unsigned long pages[] = {1, 16, 256};
	for (unsigned long n : pages) {
		snprintf(name, sizeof(name), "vmalloc_pair/pages/%lu", n);
		row(name, per_op([n] { vfree(vmalloc(n * PAGE_SIZE)); }, n == 256 ? 50 : 500));
	}
}

// get_vm_area + free_vm_area of a page with N areas live.
BENCH(vmap_area)
{
	static struct vm_struct *live[100000];
	long n = 0;
	char name[48];
	static const long targets[] = {10, 1000, 100000};
	for (long target : targets) {
		for (; n < target; n++) {
			live[n] = get_vm_area(PAGE_SIZE, VM_ALLOC);
			if (!live[n]) { // the vmalloc range is full: give a little back
				for (int i = 0; i < 16 && n > 0; i++)
					free_vm_area(live[--n]);
				break;
			}
		}
		snprintf(name, sizeof(name), "vmap_area/live/%ld", n);
		row(name, per_op([] { free_vm_area(get_vm_area(PAGE_SIZE, VM_ALLOC)); }, 500));
	}
	while (n > 0)
		free_vm_area(live[--n]);
	KTEST_EXPECT_TRUE(test, vmap_check() > 0);
}

BENCH(boot_phases)
{
	int n;
	const struct boot_phase *p = boot_phases(&n);
	u64 last = boot_phase_entry_tsc();
	for (int i = 0; i < n; i++) {
		unsigned long cycles = (unsigned long)(p[i].tsc - last);
		pr_info("bench: phase %-28s %10lu cycles\n", p[i].name, cycles);
		if (!strcmp(p[i].name, "mem_map init"))
			pr_info("bench: phase %-28s %10lu cycles/page (%lu pages)\n", "  per page",
				cycles / max_pfn, max_pfn);
		if (!strcmp(p[i].name, "memblock_free_all"))
			pr_info("bench: phase %-28s %10lu cycles/page (%lu pages)\n", "  per page",
				cycles / totalram_pages_count, totalram_pages_count);
		KTEST_EXPECT_TRUE(test, p[i].tsc >= last);
		last = p[i].tsc;
	}
	KTEST_EXPECT_EQ(test, n, 9);
}

BENCH(memory_overhead)
{
	unsigned long ram = 0, managed = 0;
	struct zone *zone;
	for_each_populated_zone(zone) {
		ram += zone->present_pages;
		managed += zone->managed_pages;
	}
	// hundredths of a percent, in 64 bits: RAM in bytes times 10000 overflows 32
	u64 mem_map_bytes = (u64)max_pfn * sizeof(struct page), ram_bytes = (u64)ram * PAGE_SIZE;
	unsigned long map_pct = (unsigned long)(mem_map_bytes * 10000 / ram_bytes);
	pr_info("bench: mem_map %llu bytes (%u bytes per page) = %lu.%02lu%% of RAM\n",
		(unsigned long long)mem_map_bytes, (unsigned)sizeof(struct page), map_pct / 100,
		map_pct % 100);
	unsigned long kept = ram - managed, kept_pct = (unsigned long)((u64)kept * 10000 / ram);
	pr_info("bench: reserved by the kernel (RAM not given to the buddy allocator) %lu kB = "
		"%lu.%02lu%% of RAM\n",
		kept * 4, kept_pct / 100, kept_pct % 100);
	KTEST_EXPECT_TRUE(test, sizeof(struct page) <= 32);

	// A kmalloc workload of mixed sizes: what was asked for, what kmalloc
	// gave (ksize), and the slab pages it took.
	static void *objs[2000];
	unsigned long requested = 0, given = 0, seed = 12345, n = 0;
	unsigned long slab_before = slab_pages_total();
	for (; n < ARRAY_SIZE(objs); n++) { // about 2M: a small machine may run out
		seed = seed * 1103515245 + 12345;
		unsigned long size = 1 + (seed >> 8) % 2048;
		objs[n] = kmalloc(size, GFP_KERNEL | __GFP_NOWARN);
		if (!objs[n])
			break;
		requested += size;
		given += ksize(objs[n]);
	}
	KTEST_EXPECT_EQ(test, n, ARRAY_SIZE(objs));
	unsigned long slab_bytes = (slab_pages_total() - slab_before) * PAGE_SIZE;
	pr_info("bench: kmalloc workload: %lu bytes asked, %lu given (%lu%% waste in size "
		"classes), %lu in new slabs (%lu%% overall)\n",
		requested, given, given ? (given - requested) * 100 / given : 0, slab_bytes,
		slab_bytes > requested ? (slab_bytes - requested) * 100 / slab_bytes : 0);
	while (n)
		kfree(objs[--n]);
}

static unsigned long percent(const struct frag_result *r)
{
	unsigned long room = r->free_after >> 9;
	return room ? r->high_order_ok * 100 / room : 0;
}

// Single pages in turn, grouping switched off then on in this boot; then
// blocks of 1 to 8 pages with grouping as booted (mobility_grouping=).
BENCH(fragmentation)
{
	struct frag_result off, on, booted;
	frag_run(0, 0, &off, nullptr);
	frag_run(1, 0, &on, nullptr);
	pr_info("bench: fragmentation, single pages: order-9 requests that succeed after the "
		"movable half is freed: grouping off %lu of %lu (%lu%%), on %lu of %lu (%lu%%)\n",
		off.high_order_ok, off.free_after >> 9, percent(&off), on.high_order_ok,
		on.free_after >> 9, percent(&on));
	KTEST_EXPECT_TRUE(test, on.high_order_ok >= off.high_order_ok);
	frag_run(FRAG_AS_BOOTED, 3, &booted, nullptr);
	pr_info("bench: fragmentation, blocks of 1-8 pages, mobility grouping %s: %lu of %lu "
		"order-9 requests succeed (%lu%%) at rest, %lu of %lu (%lu%%) under load\n",
		page_group_by_mobility_disabled ? "off" : "on", booted.high_order_ok,
		booted.free_after >> 9, percent(&booted), booted.load_ok, booted.load_tries,
		booted.load_tries ? booted.load_ok * 100 / booted.load_tries : 0);
}
