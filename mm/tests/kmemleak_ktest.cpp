/*
 * kmemleak's own tests (boot with kmemleak=on; they skip otherwise). Each
 * plants blocks whose only pointers it keeps XORed with ~0 (a user-space
 * address, which no scan counts), scans with no minimum age, checks what
 * was reported and frees everything again, so the runner's scan at the end
 * of a ktest= run sees none of it. Two scans each: the first spares a block
 * whose contents changed since it was allocated (Linux's checksum rule).
 */
#include <linux/kmemleak.h>
#include <linux/ktest.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/vmalloc.h>

#define HIDE_MASK (~0UL)

struct node {
	void *child;
	char payload[60];
};

static unsigned long hide(const void *p) { return (unsigned long)p ^ HIDE_MASK; }
static void *unhide(unsigned long h) { return (void *)(h ^ HIDE_MASK); }

// A block known only by its hidden address (noinline: the plain pointer
// dies with this frame, which the scan clears).
static noinline unsigned long kmalloc_hidden(size_t size)
{
	return hide(kzalloc(size, GFP_KERNEL));
}

// Everything done with a hidden block goes through a helper like these, so
// that no plain pointer to it is left in the test's own (live) frame.
static noinline void link_hidden(unsigned long from, unsigned long to)
{
	((struct node *)unhide(from))->child = unhide(to);
}
static noinline bool is_leak_hidden(unsigned long h) { return kmemleak_is_leak(unhide(h)); }
static noinline void not_leak_hidden(unsigned long h) { kmemleak_not_leak(unhide(h)); }
static noinline void ignore_hidden(unsigned long h) { kmemleak_ignore(unhide(h)); }

static noinline void free_hidden(unsigned long h)
{
	void *p = unhide(h);
	if (is_vmalloc_addr(p))
		vfree(p);
	else
		kfree(p);
}

static int scan_twice(void) { return kmemleak_scan() + kmemleak_scan(); }

// vmalloc's own .bss holds VMALLOC_START (vmap_start), which makes a block
// there look referenced for ever: the tests keep that page busy themselves.
static noinline void *hold_vmalloc_start(void) { return vmalloc(PAGE_SIZE); }

// kmemleak scans the live part of this stack, this test's frames included,
// and a frame slot the compiler has reserved but not yet written holds what
// an earlier test left there: once, an old pointer into the kmalloc-32 slot
// the sample then got, which hid that leak. The work runs in a frame made
// over zeroed stack.
static noinline void zero_stack_below(void)
{
	volatile unsigned long dead[512];
	for (unsigned int i = 0; i < ARRAY_SIZE(dead); i++)
		dead[i] = 0;
}

static noinline void sample_leaks(struct ktest *test)
{
	unsigned long hidden[32] = {};
	void *pad = hold_vmalloc_start();
	unsigned int age = kmemleak_set_min_age(0);
	int n = kmemleak_test_init(hidden, ARRAY_SIZE(hidden), HIDE_MASK);
	KTEST_EXPECT_EQ(test, n, 24);
	KTEST_EXPECT_EQ(test, scan_twice(), 24);
	kmemleak_show();
	for (int i = 0; i < n && i < (int)ARRAY_SIZE(hidden); i++) {
		KTEST_EXPECT_TRUE(test, is_leak_hidden(hidden[i]));
		free_hidden(hidden[i]);
	}
	kmemleak_set_min_age(age);
	vfree(pad);
}

KTEST(kmemleak, sample_leaks_are_found)
{
	if (!kmemleak_enabled)
		KTEST_SKIP(test, "kmemleak is off (boot with kmemleak=on)");
	zero_stack_below();
	sample_leaks(test);
}

static struct node *bss_root;	    // .bss
static void *data_root = (void *)1; // .data (initialised)
static char *bss_interior;	    // points into the middle of a block
static char *bss_vmalloc_interior;  // into a vmalloc'ed area's second page
static struct node *bss_no_scan;    // a block kmemleak must not look into

// Each place a pointer can live, and each mark; the hidden blocks are the
// control: the same scans must report them.
KTEST(kmemleak, referenced_blocks_are_not_reported)
{
	if (!kmemleak_enabled)
		KTEST_SKIP(test, "kmemleak is off (boot with kmemleak=on)");
	void *pad = hold_vmalloc_start();
	unsigned int age = kmemleak_set_min_age(0);
	bss_root = (struct node *)kzalloc(sizeof(struct node), GFP_KERNEL);
	KTEST_ASSERT_NOT_NULL(test, bss_root);
	bss_root->child = kzalloc(128, GFP_KERNEL);	// reachable only through a block
	data_root = kmalloc(4 * PAGE_SIZE, GFP_KERNEL); // large kmalloc: pages
	bss_interior = (char *)kmalloc(256, GFP_KERNEL) + 100;
	bss_vmalloc_interior = (char *)vmalloc(3 * PAGE_SIZE) + PAGE_SIZE + 8;
	bss_no_scan = (struct node *)kzalloc(sizeof(struct node), GFP_KERNEL);
	unsigned long behind_no_scan = kmalloc_hidden(32);
	link_hidden(hide(bss_no_scan), behind_no_scan);
	kmemleak_no_scan(bss_no_scan);
	void *volatile on_stack = kmalloc(48, GFP_KERNEL);

	unsigned long lost = kmalloc_hidden(64), not_leak = kmalloc_hidden(64);
	unsigned long ignored = kmalloc_hidden(64), behind_ignored = kmalloc_hidden(32);
	unsigned long cycle_a = kmalloc_hidden(64), cycle_b = kmalloc_hidden(64);
	not_leak_hidden(not_leak);
	link_hidden(ignored, behind_ignored);
	ignore_hidden(ignored);
	link_hidden(cycle_a, cycle_b);
	link_hidden(cycle_b, cycle_a);

	KTEST_EXPECT_EQ(test, scan_twice(), 5);
	KTEST_EXPECT_FALSE(test, kmemleak_is_leak(bss_root));
	KTEST_EXPECT_FALSE(test, kmemleak_is_leak(bss_root->child));
	KTEST_EXPECT_FALSE(test, kmemleak_is_leak(data_root));
	KTEST_EXPECT_FALSE(test, kmemleak_is_leak(bss_interior - 100));
	KTEST_EXPECT_FALSE(test, kmemleak_is_leak(bss_vmalloc_interior - PAGE_SIZE - 8));
	KTEST_EXPECT_FALSE(test, kmemleak_is_leak(bss_no_scan));
	KTEST_EXPECT_FALSE(test, kmemleak_is_leak(on_stack));
	KTEST_EXPECT_FALSE(test, is_leak_hidden(not_leak));
	KTEST_EXPECT_FALSE(test, is_leak_hidden(ignored));
	KTEST_EXPECT_TRUE(test, is_leak_hidden(lost));
	KTEST_EXPECT_TRUE(test, is_leak_hidden(behind_no_scan));
	KTEST_EXPECT_TRUE(test, is_leak_hidden(behind_ignored));
	KTEST_EXPECT_TRUE(test, is_leak_hidden(cycle_a));
	KTEST_EXPECT_TRUE(test, is_leak_hidden(cycle_b));

	const unsigned long hidden[] = {lost,	 not_leak, ignored,	  behind_ignored,
					cycle_a, cycle_b,  behind_no_scan};
	for (unsigned long h : hidden)
		free_hidden(h);
	kfree(on_stack);
	kfree(bss_no_scan);
	vfree(bss_vmalloc_interior - PAGE_SIZE - 8);
	kfree(bss_interior - 100);
	kfree(data_root);
	kfree(bss_root->child);
	kfree(bss_root);
	bss_root = bss_no_scan = nullptr;
	bss_interior = bss_vmalloc_interior = nullptr;
	data_root = (void *)1;
	kmemleak_set_min_age(age);
	vfree(pad);
}

// Linux's MSECS_MIN_AGE: a block younger than 5 s may still be on its way
// to where it will be kept, and is not reported yet.
KTEST(kmemleak, young_blocks_are_not_reported)
{
	if (!kmemleak_enabled)
		KTEST_SKIP(test, "kmemleak is off (boot with kmemleak=on)");
	unsigned int age = kmemleak_set_min_age(60000);
	unsigned long young = kmalloc_hidden(32);
	scan_twice();
	KTEST_EXPECT_FALSE(test, is_leak_hidden(young));
	kmemleak_set_min_age(0);
	KTEST_EXPECT_EQ(test, kmemleak_scan(), 1);
	KTEST_EXPECT_TRUE(test, is_leak_hidden(young));
	free_hidden(young);
	kmemleak_set_min_age(age);
}

// Linux: kmemleak_clear. Reported leaks turn gray: shown and counted no more.
KTEST(kmemleak, clear_forgets_reported_leaks)
{
	if (!kmemleak_enabled)
		KTEST_SKIP(test, "kmemleak is off (boot with kmemleak=on)");
	unsigned int age = kmemleak_set_min_age(0);
	unsigned long lost = kmalloc_hidden(32);
	KTEST_EXPECT_EQ(test, scan_twice(), 1);
	KTEST_EXPECT_EQ(test, kmemleak_write("clear"), 0);
	KTEST_EXPECT_EQ(test, scan_twice(), 0);
	KTEST_EXPECT_FALSE(test, is_leak_hidden(lost));
	free_hidden(lost);
	kmemleak_set_min_age(age);
}

// Every allocator's block is tracked, and every free path forgets it.
KTEST(kmemleak, every_free_path_forgets_the_block)
{
	if (!kmemleak_enabled)
		KTEST_SKIP(test, "kmemleak is off (boot with kmemleak=on)");
	struct kmem_cache *s = kmem_cache_create("kmemleak_ktest", 40, 0, 0, nullptr);
	KTEST_ASSERT_NOT_NULL(test, s);
	void *bulk[3];
	KTEST_ASSERT_EQ(test, kmem_cache_alloc_bulk(s, GFP_KERNEL, 3, bulk), 3);
	void *blocks[] = {s,
			  kmem_cache_alloc(s, GFP_KERNEL),
			  kmalloc(100, GFP_KERNEL),
			  kmalloc(5 * PAGE_SIZE, GFP_KERNEL), // large: pages
			  vmalloc(2 * PAGE_SIZE),
			  bulk[0],
			  bulk[2]};
	for (void *p : blocks)
		KTEST_EXPECT_TRUE(test, kmemleak_is_tracked(p));
	kmem_cache_free_bulk(s, 3, bulk);
	kmem_cache_free(s, blocks[1]);
	kfree(blocks[2]);
	kfree(blocks[3]);
	vfree(blocks[4]);
	kmem_cache_destroy(s);
	for (void *p : blocks)
		KTEST_EXPECT_FALSE(test, kmemleak_is_tracked(p));
}
