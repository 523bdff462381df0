// kmemleak on the host: the real mm/kmemleak.cpp over SLUB on the mock's
// physical memory. The roots are the mock image's .data, .bss and boot
// stack (host_support.cpp), so each test decides what points where; a
// block known to the test only as ~address is invisible to the scan.
// vmalloc'ed areas are left to the ktests: their addresses are the mock
// MMU's, which the host cannot read through.
#include <gtest/gtest.h>

#include <cstring>
#include <string>

#include "page_alloc_helpers.h"

#include <asm/sections.h>
#include <asm/setup.h>
#include <linux/kernel.h>
#include <linux/kmemleak.h>
#include <linux/memblock.h>
#include <linux/slab.h>
#include <linux/sprintf.h>
#include <linux/string.h>

namespace
{

const phys_addr_t MB = 1 << 20;

unsigned long hide(const void *p) { return ~(unsigned long)p; }
void *unhide(unsigned long h) { return (void *)~h; }

struct Kmemleak : testing::Test {
	void SetUp() override
	{
		early_param_for_test("kmemleak=on");
		boot_node({{{1 * MB, 64 * MB}}, 0x1000, 0x4000, 0x4000, 64 * MB});
		kmem_cache_init();
		kmemleak_init();
		kmemleak_set_min_age(0);
		memset(_sdata, 0, _edata - _sdata);
		memset(__bss_start, 0, 512);
		memset(boot_stack, 0, boot_stack_top - boot_stack);
		mock_clock_ns = 0;
		console_take();
	}
	void TearDown() override
	{
		kmemleak_write("off");
		kmemleak_write("clear");
		mock_clock_ns = 0;
		console_take();
	}
	static void **data_slot(int i) { return (void **)_sdata + i; }
	static void **bss_slot(int i) { return (void **)__bss_start + i; }
	static void **stack_slot(int i) { return (void **)boot_stack + 100 + i; }
	// Two scans, as the checksum rule asks of a block written after its
	// allocation; the new leaks of both.
	static int scan_twice() { return kmemleak_scan() + kmemleak_scan(); }
	static unsigned long kmalloc_hidden(size_t size) { return hide(kzalloc(size, GFP_KERNEL)); }
};

// kmalloc'ed, then forgotten: reported, once.
TEST_F(Kmemleak, lost_block_is_reported_once)
{
	unsigned long lost = kmalloc_hidden(64);
	EXPECT_EQ(scan_twice(), 1);
	EXPECT_TRUE(kmemleak_is_leak(unhide(lost)));
	EXPECT_EQ(scan_twice(), 0); // reported already: not new
	EXPECT_TRUE(kmemleak_is_leak(unhide(lost)));
	std::string out = console_take();
	EXPECT_NE(
	    out.find("kmemleak: 1 new suspected memory leaks (see /sys/kernel/debug/kmemleak)"),
	    std::string::npos)
	    << out;
	kfree(unhide(lost));
}

//   .data: [p] ---> block      .bss: [q] ---> block      stack: [r] ---> block
TEST_F(Kmemleak, roots_are_data_bss_and_the_stack)
{
	*data_slot(3) = kmalloc(32, GFP_KERNEL);
	*bss_slot(5) = kmalloc(32, GFP_KERNEL);
	*stack_slot(7) = kmalloc(32, GFP_KERNEL);
	unsigned long lost = kmalloc_hidden(32);
	EXPECT_EQ(scan_twice(), 1);
	EXPECT_FALSE(kmemleak_is_leak(*data_slot(3)));
	EXPECT_FALSE(kmemleak_is_leak(*bss_slot(5)));
	EXPECT_FALSE(kmemleak_is_leak(*stack_slot(7)));
	EXPECT_TRUE(kmemleak_is_leak(unhide(lost)));
	for (void *p : {*data_slot(3), *bss_slot(5), *stack_slot(7), unhide(lost)})
		kfree(p);
}

// The boot stack's guard page is .bss too, but not mapped in the kernel:
// the .bss scan skips it (and the stack, scanned as a stack). A pointer
// there is no reference.
TEST_F(Kmemleak, the_guard_page_is_not_scanned)
{
	void **guard = (void **)boot_stack_guard;
	guard[10] = kmalloc(32, GFP_KERNEL);
	EXPECT_EQ(scan_twice(), 1);
	EXPECT_TRUE(kmemleak_is_leak(guard[10]));
	kfree(guard[10]);
	guard[10] = nullptr;
}

//   .data: [p] ---> A: [child] ---> B          A's pointer gone: both lost
TEST_F(Kmemleak, blocks_reached_through_blocks_are_referenced)
{
	void **a = (void **)kzalloc(64, GFP_KERNEL);
	a[2] = kzalloc(64, GFP_KERNEL);
	*data_slot(0) = a;
	EXPECT_EQ(scan_twice(), 0);
	EXPECT_FALSE(kmemleak_is_leak(a[2]));
	*data_slot(0) = nullptr;
	EXPECT_EQ(scan_twice(), 2);
	EXPECT_TRUE(kmemleak_is_leak(a));
	EXPECT_TRUE(kmemleak_is_leak(a[2]));
	kfree(a[2]);
	kfree(a);
}

// A pointer into the middle of a block counts; one just past its end does not.
TEST_F(Kmemleak, interior_pointers_count_one_past_the_end_does_not)
{
	char *mid = (char *)kmalloc(256, GFP_KERNEL), *end = (char *)kmalloc(256, GFP_KERNEL);
	*data_slot(0) = mid + 255;
	*data_slot(1) = end + 256; // kmalloc-256 objects are back to back: the next one's start
	unsigned long next = hide(end + 256);
	EXPECT_FALSE(kmemleak_is_tracked(unhide(next)) && kmemleak_is_leak(unhide(next)));
	scan_twice();
	EXPECT_FALSE(kmemleak_is_leak(mid));
	EXPECT_TRUE(kmemleak_is_leak(end));
	kfree(mid);
	kfree(end);
}

// A block pointing at itself is still lost (Linux: scanned == object).
TEST_F(Kmemleak, self_references_do_not_count)
{
	void **self = (void **)kzalloc(64, GFP_KERNEL);
	self[0] = self;
	self[1] = (char *)self + 8;
	unsigned long h = hide(self);
	self = nullptr;
	EXPECT_EQ(scan_twice(), 1);
	EXPECT_TRUE(kmemleak_is_leak(unhide(h)));
	kfree(unhide(h));
}

// not_leak: gray, never reported, scanned. ignore: black, neither reported
// nor scanned, so what only it points to is lost. no_scan: its pointers
// are no references, but it is reported itself when lost.
TEST_F(Kmemleak, not_leak_ignore_and_no_scan)
{
	void **gray = (void **)kzalloc(64, GFP_KERNEL), **black = (void **)kzalloc(64, GFP_KERNEL);
	void **opaque = (void **)kzalloc(64, GFP_KERNEL);
	gray[0] = kzalloc(32, GFP_KERNEL);
	black[0] = kzalloc(32, GFP_KERNEL);
	opaque[0] = kzalloc(32, GFP_KERNEL);
	kmemleak_not_leak(gray);
	kmemleak_ignore(black);
	kmemleak_no_scan(opaque);
	unsigned long g = hide(gray), b = hide(black), o = hide(opaque);
	gray = black = opaque = nullptr;
	scan_twice();
	void **G = (void **)unhide(g), **B = (void **)unhide(b), **O = (void **)unhide(o);
	EXPECT_FALSE(kmemleak_is_leak(G));
	EXPECT_FALSE(kmemleak_is_leak(G[0]));
	EXPECT_FALSE(kmemleak_is_leak(B));
	EXPECT_TRUE(kmemleak_is_leak(B[0]));
	EXPECT_TRUE(kmemleak_is_leak(O));
	EXPECT_TRUE(kmemleak_is_leak(O[0]));
	for (void **p : {G, B, O}) {
		kfree(p[0]);
		kfree(p);
	}
}

// Linux's checksum rule: a white block whose bytes changed since the last
// scan may have a pointer in flight; it is spared once.
TEST_F(Kmemleak, a_block_written_since_the_last_scan_is_spared_once)
{
	unsigned long h = kmalloc_hidden(64);
	EXPECT_EQ(kmemleak_scan(), 1); // zeroed, as the first checksum (0) says
	kmemleak_write("clear");
	memset(unhide(h), 0x5a, 64);
	kmemleak_write("clear");
	unsigned long h2 = kmalloc_hidden(64);
	memset(unhide(h2), 0x5a, 64);
	EXPECT_EQ(kmemleak_scan(), 0);
	EXPECT_FALSE(kmemleak_is_leak(unhide(h2)));
	EXPECT_EQ(kmemleak_scan(), 1);
	EXPECT_TRUE(kmemleak_is_leak(unhide(h2)));
	kfree(unhide(h));
	kfree(unhide(h2));
}

// MSECS_MIN_AGE: 5 s after the allocation, by local_clock (HZ 250).
TEST_F(Kmemleak, blocks_younger_than_5s_are_not_reported)
{
	kmemleak_set_min_age(5000);
	mock_clock_ns = 1000000000ULL;
	unsigned long h = kmalloc_hidden(64);
	mock_clock_ns += 4996000000ULL; // 4.996 s: jiffy 1249 after it
	EXPECT_EQ(scan_twice(), 0);
	mock_clock_ns += 4000000ULL; // 5.000 s
	EXPECT_EQ(kmemleak_scan(), 1);
	kmemleak_show();
	std::string out = console_take();
	EXPECT_NE(out.find("  comm \"swapper\", pid 0, jiffies 250 (age 5.000s)\n"),
		  std::string::npos)
	    << out;
	kfree(unhide(h));
}

// Linux's report: the header, comm, the first 32 bytes in hex and ASCII
// (16 a row, the ASCII column at 49), the backtrace (none on the host).
TEST_F(Kmemleak, the_report_is_linuxs)
{
	char *p = (char *)kmalloc(40, GFP_KERNEL);
	memcpy(p, "ABCDEFGHIJKLMNOP\x01\x02xyz", 21);
	memset(p + 21, 0, 19);
	unsigned long h = hide(p);
	p = nullptr;
	scan_twice();
	console_take();
	kmemleak_show();
	auto lines = console_take_lines();
	char head[64];
	snprintf(head, sizeof(head), "unreferenced object 0x%08lx (size 64):", ~h);
	ASSERT_EQ(lines.size(), 6u);
	EXPECT_EQ(lines[0], head); // kmalloc-64: Linux's hook passes the object size
	EXPECT_EQ(lines[1].substr(0, 37), "  comm \"swapper\", pid 0, jiffies 0 (a");
	EXPECT_EQ(lines[2], "  hex dump (first 32 bytes):");
	EXPECT_EQ(lines[3],
		  "    41 42 43 44 45 46 47 48 49 4a 4b 4c 4d 4e 4f 50  ABCDEFGHIJKLMNOP");
	EXPECT_EQ(lines[4],
		  "    01 02 78 79 7a 00 00 00 00 00 00 00 00 00 00 00  ..xyz...........");
	EXPECT_EQ(lines[5], "  backtrace:");
	kfree(unhide(h));
}

// kmemleak_free_part: what is left either side stays tracked.
TEST_F(Kmemleak, free_part_splits_the_block)
{
	char *p = (char *)kmalloc(256, GFP_KERNEL);
	kmemleak_free_part(p + 64, 64);
	EXPECT_TRUE(kmemleak_is_tracked(p));
	EXPECT_FALSE(kmemleak_is_tracked(p + 64));
	EXPECT_TRUE(kmemleak_is_tracked(p + 128));
	*data_slot(0) = p + 130;
	unsigned long h = hide(p);
	p = nullptr;
	scan_twice();
	EXPECT_TRUE(kmemleak_is_leak(unhide(h)));
	EXPECT_FALSE(kmemleak_is_leak((char *)unhide(h) + 128));
	kmemleak_free((char *)unhide(h) + 128);
	kfree(unhide(h));
}

// memblock blocks are never reported, but scanned: a pointer kept only in
// one is a reference. Their physical addresses are no references.
TEST_F(Kmemleak, memblock_blocks_are_scanned_never_reported)
{
	void **table = (void **)memblock_alloc(PAGE_SIZE, PAGE_SIZE);
	ASSERT_NE(table, nullptr);
	table[1] = kmalloc(64, GFP_KERNEL);
	*data_slot(0) = (void *)(unsigned long)__pa(table);
	unsigned long lost = kmalloc_hidden(64);
	EXPECT_EQ(scan_twice(), 1);
	EXPECT_FALSE(kmemleak_is_leak(table[1]));
	EXPECT_TRUE(kmemleak_is_leak(unhide(lost)));
	kfree(table[1]);
	kfree(unhide(lost));
	memblock_free(table, PAGE_SIZE); // kmemleak_free_part_phys: not scanned any more
	unsigned long after = kmalloc_hidden(64);
	((void **)table)[1] = unhide(after);
	EXPECT_EQ(scan_twice(), 1);
	kfree(unhide(after));
}

// Every free path forgets the block; a cache and kmem_cache_alloc too.
TEST_F(Kmemleak, every_allocator_is_tracked_and_every_free_forgets)
{
	struct kmem_cache *s = kmem_cache_create("kmemleak_host", 40, 0, 0, nullptr);
	void *obj = kmem_cache_alloc(s, GFP_KERNEL), *large = kmalloc(5 * PAGE_SIZE, GFP_KERNEL);
	void *small = kmalloc(100, GFP_KERNEL);
	for (void *p : {(void *)s, obj, large, small})
		EXPECT_TRUE(kmemleak_is_tracked(p));
	kmem_cache_free(s, obj);
	kfree(large);
	kfree(small);
	kmem_cache_destroy(s);
	for (void *p : {(void *)s, obj, large, small})
		EXPECT_FALSE(kmemleak_is_tracked(p));
}

// A block inserted over a tracked one is kmemleak's own bug: Linux's words,
// and kmemleak turns itself off.
TEST_F(Kmemleak, an_overlapping_block_stops_kmemleak)
{
	void *p = kmalloc(64, GFP_KERNEL);
	console_take();
	kmemleak_alloc((char *)p + 8, 16, 1, GFP_KERNEL);
	std::string out = console_take();
	char want[96];
	snprintf(want, sizeof(want),
		 "kmemleak: Cannot insert 0x%lx into the object search tree (overlaps existing)",
		 (unsigned long)p + 8);
	EXPECT_NE(out.find(want), std::string::npos) << out;
	EXPECT_NE(out.find("kmemleak: Kernel memory leak detector disabled"), std::string::npos);
	EXPECT_FALSE(kmemleak_enabled);
	EXPECT_EQ(kmemleak_write("scan"), -EPERM);
	kfree(p);
}

// clear: the leaks reported so far are gray from now on.
TEST_F(Kmemleak, clear_hides_the_leaks_reported_so_far)
{
	unsigned long a = kmalloc_hidden(64);
	EXPECT_EQ(scan_twice(), 1);
	EXPECT_EQ(kmemleak_write("clear"), 0);
	unsigned long b = kmalloc_hidden(64);
	EXPECT_EQ(scan_twice(), 1);
	EXPECT_FALSE(kmemleak_is_leak(unhide(a)));
	EXPECT_TRUE(kmemleak_is_leak(unhide(b)));
	EXPECT_EQ(kmemleak_write("bogus"), -EINVAL);
	kfree(unhide(a));
	kfree(unhide(b));
}

// Linux's early_param: only "on" and "off"; anything else is malformed.
TEST_F(Kmemleak, bad_boot_values_are_malformed)
{
	for (const char *arg : {"kmemleak=1", "kmemleak=On", "kmemleak=", "kmemleak"}) {
		early_param_for_test(arg);
		EXPECT_NE(console_take().find("Malformed early option 'kmemleak'"),
			  std::string::npos)
		    << arg;
	}
}

} // namespace
