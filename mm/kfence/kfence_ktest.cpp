/*
 * KFENCE's own test cases (Linux: mm/kfence/kfence_test.c), those that apply
 * on one CPU. Each bug is planted in an object KFENCE really served: the
 * test allocates until the sample gate lets one through (test_alloc), so
 * they run under any kfence.sample_interval but 0 (then they skip).
 *
 * A report is checked as Linux's report_matches() does: its title and the
 * access line ("BUG: KFENCE: out-of-bounds read in <this test>",
 * "Out-of-bounds read at 0x<addr>"), read back from the kernel log, and no
 * more reports than expected (kfence_reports() counts them).
 *
 * Not ported: test_memcache_typesafe_by_rcu and the *-memcache variants'
 * SLAB_TYPESAFE_BY_RCU runs (no RCU here), test_init_on_free (this tree has
 * no init_on_free yet), test_use_after_free_read_nofault (Linux 6.4),
 * test_ksize (gone in 6.1), and the KCSAN/multi-CPU stress of kfence's
 * allocator (one CPU).
 */
#include <asm/kfence.h>
#include <linux/kernel.h>
#include <linux/kfence.h>
#include <linux/ktest.h>
#include <linux/mm.h>
#include <linux/printk.h>
#include <linux/random.h>
#include <linux/sched_clock.h>
#include <linux/slab.h>
#include <linux/sprintf.h>
#include <linux/string.h>

#include "../slab.h"
#include "kfence.h"

struct expect_report {
	enum kfence_error_type type;
	void *fn;	  // the function the title names (Linux: the same)
	const char *addr; // the access or the free
	bool is_write;
};

static struct kmem_cache *test_cache;
static unsigned long reports_seen;

static bool report_available(void) { return kfence_reports() != reports_seen; }

// The title and the access line Linux's kfence_test builds (report_matches).
static void expected_lines(const struct expect_report *r, char *title, char *access, size_t n)
{
	const char *rw = r->is_write ? "write" : "read";
	static const char *const titles[] = {"out-of-bounds %s", "use-after-free %s",
					     "memory corruption", "invalid %s", "invalid free"};
	static const char *const accesses[] = {"Out-of-bounds %s at", "Use-after-free %s at",
					       "Corrupted memory at", "Invalid %s at",
					       "Invalid free of"};
	char what[48];
	scnprintf(what, sizeof(what), titles[r->type], rw);
	scnprintf(title, n, "BUG: KFENCE: %s in %pS", what, r->fn);
	if (char *plus = strchr(title, '+')) // the offset in fn differs
		*plus = '\0';
	scnprintf(what, sizeof(what), accesses[r->type], rw);
	scnprintf(access, n, "%s 0x%p", what, r->addr);
}

// Linux: report_matches. True if exactly one report came since the last
// look, and its lines are the expected ones.
static bool report_matches(const struct expect_report *r)
{
	static char log[8192];
	char title[128], access[128];
	bool one = kfence_reports() == reports_seen + 1;
	reports_seen = kfence_reports();
	if (!one)
		return false;
	expected_lines(r, title, access, sizeof(title));
	size_t n = log_buf_copy(log, sizeof(log) - 1);
	log[n] = '\0';
	const char *report = nullptr;
	for (const char *p = log; (p = strstr(p, "BUG: KFENCE: ")); p++)
		report = p; // the last one
	if (!report || strncmp(report, title, strlen(title)))
		return false;
	const char *found = strstr(report, access), *end = strstr(report, "=====");
	return found && (!end || found < end);
}

enum allocation_policy { ALLOCATE_ANY, ALLOCATE_LEFT, ALLOCATE_RIGHT, ALLOCATE_NONE };

static void test_cache_destroy(void)
{
	kmem_cache_destroy(test_cache);
	test_cache = nullptr;
}

// Linux: setup_test_cache. A private cache ("test") for the *-memcache runs.
static size_t setup_test_cache(size_t size, slab_flags_t flags, void (*ctor)(void *))
{
	test_cache = kmem_cache_create("test", (unsigned int)size, 1, flags, ctor);
	return size;
}

static __always_inline void test_free(void *ptr)
{
	if (test_cache)
		kmem_cache_free(test_cache, ptr);
	else
		kfree(ptr);
}

static bool placed_as(const void *p, enum allocation_policy policy)
{
	bool left = IS_ALIGNED((unsigned long)p, PAGE_SIZE);
	return policy == ALLOCATE_ANY || (policy == ALLOCATE_LEFT) == left;
}

/*
 * Linux: test_alloc. Allocates until KFENCE serves the object on the side
 * asked for (ALLOCATE_NONE: until SLUB does); gives up after 100 sample
 * intervals. Also checks what Linux checks: the object's page is a slab of
 * one object of the right cache.
 */
static void *test_alloc(struct ktest *test, size_t size, gfp_t gfp, enum allocation_policy policy)
{
	u64 timeout = local_clock() + (u64)kfence_sample_interval * 100 * 1000000;
	struct kmem_cache *s =
	    test_cache ? test_cache : kmalloc_caches[KMALLOC_NORMAL][kmalloc_index(size)];
	do {
		void *alloc = test_cache ? kmem_cache_alloc(test_cache, gfp) : kmalloc(size, gfp);
		if (!alloc)
			break;
		if (is_kfence_address(alloc)) {
			struct page *slab = virt_to_slab(alloc);
			KTEST_EXPECT_TRUE(test,
					  slab && slab->slab_cache == s && slab->objects == 1);
			if (policy != ALLOCATE_NONE && placed_as(alloc, policy))
				return alloc;
		} else if (policy == ALLOCATE_NONE) {
			return alloc;
		}
		test_free(alloc);
	} while (local_clock() < timeout);
	ktest_fail(test, __FILE__, __LINE__, "no allocation of size %zu placed as %d", size,
		   policy);
	return nullptr;
}

// Linux: test_init/test_exit. Tests named *memcache* use a private cache.
static bool want_memcache;
static bool test_init(struct ktest *test)
{
	if (!kfence_enabled)
		return false;
	want_memcache = strstr(test->tc->name, "memcache");
	test_cache = nullptr;
	reports_seen = kfence_reports();
	return true;
}

static void test_exit(struct ktest *test)
{
	KTEST_EXPECT_FALSE(test, report_available()); // no report nobody expected
	test_cache_destroy();
}

#define KFENCE_KTEST(name, fn)                                                                     \
	KTEST(kfence, name)                                                                        \
	{                                                                                          \
		if (!test_init(test))                                                              \
			KTEST_SKIP(test, "KFENCE is off (kfence.sample_interval=0)");              \
		fn(test);                                                                          \
		test_exit(test);                                                                   \
	}

static size_t setup_cache(struct ktest *test, size_t size, slab_flags_t flags, void (*ctor)(void *))
{
	if (!want_memcache)
		return size;
	setup_test_cache(size, flags, ctor);
	KTEST_EXPECT_NOT_NULL(test, test_cache);
	return size;
}

// What kmalloc aligns objects of size to (Linux: kmalloc_cache_alignment).
static size_t kmalloc_cache_alignment(size_t size)
{
	return kmalloc_caches[KMALLOC_NORMAL][kmalloc_index(size)]->align;
}

// Not in Linux's file: the pool is laid out as Linux's, the guard pages are
// really absent from the direct map and the object pages present. First,
// before test_invalid_access opens the pool's first page.
KTEST(kfence, pool_layout)
{
	if (!kfence_enabled)
		KTEST_SKIP(test, "KFENCE is off (kfence.sample_interval=0)");
	KTEST_EXPECT_EQ(test, (unsigned long)__kfence_pool % PAGE_SIZE, 0);
	for (unsigned long i = 0; i < KFENCE_POOL_SIZE / PAGE_SIZE; i++) {
		unsigned long addr = (unsigned long)__kfence_pool + i * PAGE_SIZE;
		struct kfence_metadata *meta = addr_to_metadata(addr);
		bool guard = i < 2 || (i % 2);
		if (!guard && meta->state == KFENCE_OBJECT_FREED)
			continue; // protected, unless a use-after-free opened it again
		pte_t *pte = kfence_lookup_pte(addr);
		KTEST_ASSERT_NOT_NULL(test, pte);
		if (!guard || meta)
			KTEST_EXPECT_EQ(test, meta - kfence_metadata, i / 2 - 1);
		bool opened = guard && meta && meta->unprotected_page == addr; // by an OOB access
		KTEST_EXPECT_EQ(test, !!pte_present(*pte), !guard || opened);
		KTEST_EXPECT_EQ(test, !!PageSlab(virt_to_page((void *)addr)), !guard);
	}
}

static noinline void test_out_of_bounds_read(struct ktest *test)
{
	size_t size = 32;
	struct expect_report expect = {KFENCE_ERROR_OOB, (void *)test_out_of_bounds_read};
	setup_cache(test, size, 0, nullptr);
	if (!test_cache) // reach the guard page on the right: a whole aligned slot
		size = ALIGN(size, kmalloc_cache_alignment(size));
	char *buf = (char *)test_alloc(test, size, GFP_KERNEL, ALLOCATE_LEFT);
	KTEST_ASSERT_NOT_NULL(test, buf);
	expect.addr = buf - 1;
	(void)*(volatile char *)expect.addr;
	KTEST_EXPECT_TRUE(test, report_matches(&expect));
	test_free(buf);

	buf = (char *)test_alloc(test, size, GFP_KERNEL, ALLOCATE_RIGHT);
	KTEST_ASSERT_NOT_NULL(test, buf);
	expect.addr = buf + size;
	(void)*(volatile char *)expect.addr;
	KTEST_EXPECT_TRUE(test, report_matches(&expect));
	test_free(buf);
}
KFENCE_KTEST(out_of_bounds_read, test_out_of_bounds_read)
KFENCE_KTEST(out_of_bounds_read_memcache, test_out_of_bounds_read)

static noinline void test_out_of_bounds_write(struct ktest *test)
{
	size_t size = 32;
	struct expect_report expect = {KFENCE_ERROR_OOB, (void *)test_out_of_bounds_write, nullptr,
				       true};
	setup_cache(test, size, 0, nullptr);
	char *buf = (char *)test_alloc(test, size, GFP_KERNEL, ALLOCATE_LEFT);
	KTEST_ASSERT_NOT_NULL(test, buf);
	expect.addr = buf - 1;
	*(volatile char *)expect.addr = 42;
	KTEST_EXPECT_TRUE(test, report_matches(&expect));
	test_free(buf);
}
KFENCE_KTEST(out_of_bounds_write, test_out_of_bounds_write)
KFENCE_KTEST(out_of_bounds_write_memcache, test_out_of_bounds_write)

static noinline void test_use_after_free_read(struct ktest *test)
{
	const size_t size = 32;
	struct expect_report expect = {KFENCE_ERROR_UAF, (void *)test_use_after_free_read};
	setup_cache(test, size, 0, nullptr);
	char *buf = (char *)test_alloc(test, size, GFP_KERNEL, ALLOCATE_ANY);
	KTEST_ASSERT_NOT_NULL(test, buf);
	test_free(buf);
	expect.addr = buf;
	(void)*(volatile char *)expect.addr;
	KTEST_EXPECT_TRUE(test, report_matches(&expect));
}
KFENCE_KTEST(use_after_free_read, test_use_after_free_read)
KFENCE_KTEST(use_after_free_read_memcache, test_use_after_free_read)

static noinline void test_double_free(struct ktest *test)
{
	const size_t size = 32;
	struct expect_report expect = {KFENCE_ERROR_INVALID_FREE, (void *)test_double_free};
	setup_cache(test, size, 0, nullptr);
	char *buf = (char *)test_alloc(test, size, GFP_KERNEL, ALLOCATE_ANY);
	KTEST_ASSERT_NOT_NULL(test, buf);
	expect.addr = buf;
	test_free(buf);
	test_free(buf); // the bug
	KTEST_EXPECT_TRUE(test, report_matches(&expect));
}
KFENCE_KTEST(double_free, test_double_free)
KFENCE_KTEST(double_free_memcache, test_double_free)

static noinline void test_invalid_addr_free(struct ktest *test)
{
	const size_t size = 32;
	struct expect_report expect = {KFENCE_ERROR_INVALID_FREE, (void *)test_invalid_addr_free};
	setup_cache(test, size, 0, nullptr);
	char *buf = (char *)test_alloc(test, size, GFP_KERNEL, ALLOCATE_ANY);
	KTEST_ASSERT_NOT_NULL(test, buf);
	expect.addr = buf + 1; // the free of an interior pointer
	test_free(buf + 1);
	KTEST_EXPECT_TRUE(test, report_matches(&expect));
	test_free(buf); // to clean up
}
KFENCE_KTEST(invalid_addr_free, test_invalid_addr_free)
KFENCE_KTEST(invalid_addr_free_memcache, test_invalid_addr_free)

static noinline void test_corruption(struct ktest *test)
{
	size_t size = 32;
	struct expect_report expect = {KFENCE_ERROR_CORRUPTION, (void *)test_corruption};
	setup_cache(test, size, 0, nullptr);
	char *buf = (char *)test_alloc(test, size, GFP_KERNEL, ALLOCATE_LEFT);
	KTEST_ASSERT_NOT_NULL(test, buf);
	expect.addr = buf + size;
	*(volatile char *)expect.addr = 42;
	test_free(buf);
	KTEST_EXPECT_TRUE(test, report_matches(&expect));

	buf = (char *)test_alloc(test, size, GFP_KERNEL, ALLOCATE_RIGHT);
	KTEST_ASSERT_NOT_NULL(test, buf);
	expect.addr = buf - 1;
	*(volatile char *)expect.addr = 42;
	test_free(buf);
	KTEST_EXPECT_TRUE(test, report_matches(&expect));
}
KFENCE_KTEST(corruption, test_corruption)
KFENCE_KTEST(corruption_memcache, test_corruption)

// Sizes that leave a gap before the guard page on the right: the bytes
// between are the canary, so a write there is caught only on free.
static noinline void test_kmalloc_aligned_oob_read(struct ktest *test)
{
	const size_t size = 73, align = kmalloc_cache_alignment(size);
	struct expect_report expect = {KFENCE_ERROR_OOB, (void *)test_kmalloc_aligned_oob_read};
	char *buf = (char *)test_alloc(test, size, GFP_KERNEL, ALLOCATE_RIGHT);
	KTEST_ASSERT_NOT_NULL(test, buf);
	(void)*(volatile char *)(buf - 1); // the object is offset to the right: no fault
	KTEST_EXPECT_FALSE(test, report_available());
	(void)*(volatile char *)(buf + size); // buf is aligned: still its page
	KTEST_EXPECT_FALSE(test, report_available());
	expect.addr = buf + size + align; // past the alignment: the guard page
	(void)*(volatile char *)expect.addr;
	KTEST_EXPECT_TRUE(test, report_matches(&expect));
	test_free(buf);
}
KFENCE_KTEST(kmalloc_aligned_oob_read, test_kmalloc_aligned_oob_read)

static noinline void test_kmalloc_aligned_oob_write(struct ktest *test)
{
	const size_t size = 73;
	struct expect_report expect = {KFENCE_ERROR_CORRUPTION,
				       (void *)test_kmalloc_aligned_oob_write};
	char *buf = (char *)test_alloc(test, size, GFP_KERNEL, ALLOCATE_RIGHT);
	KTEST_ASSERT_NOT_NULL(test, buf);
	expect.addr = buf + size;
	volatile char *p = (volatile char *)expect.addr;
	*p = (char)(*p + 1);
	KTEST_EXPECT_FALSE(test, report_available());
	test_free(buf);
	KTEST_EXPECT_TRUE(test, report_matches(&expect));
}
KFENCE_KTEST(kmalloc_aligned_oob_write, test_kmalloc_aligned_oob_write)

static noinline void test_shrink_memcache(struct ktest *test)
{
	const size_t size = 32;
	setup_cache(test, size, 0, nullptr);
	KTEST_ASSERT_NOT_NULL(test, test_cache);
	void *buf = test_alloc(test, size, GFP_KERNEL, ALLOCATE_ANY);
	KTEST_ASSERT_NOT_NULL(test, buf);
	kmem_cache_shrink(test_cache);
	test_free(buf);
	KTEST_EXPECT_FALSE(test, report_available());
}
KFENCE_KTEST(shrink_memcache, test_shrink_memcache)

static void ctor_set_x(void *obj) { memset(obj, 'x', 8); }

static noinline void test_free_bulk(struct ktest *test)
{
	for (int iter = 0; iter < 5; iter++) {
		const size_t size = setup_cache(test, 8 + get_random_long() % 300, 0,
						(iter & 1) ? ctor_set_x : nullptr);
		void *objects[] = {
		    test_alloc(test, size, GFP_KERNEL, ALLOCATE_RIGHT),
		    test_alloc(test, size, GFP_KERNEL, ALLOCATE_NONE),
		    test_alloc(test, size, GFP_KERNEL, ALLOCATE_LEFT),
		    test_alloc(test, size, GFP_KERNEL, ALLOCATE_NONE),
		    test_alloc(test, size, GFP_KERNEL, ALLOCATE_NONE),
		};
		if (test_cache)
			kmem_cache_free_bulk(test_cache, ARRAY_SIZE(objects), objects);
		else
			for (void *p : objects)
				kfree(p);
		KTEST_ASSERT_FALSE(test, report_available());
		test_cache_destroy();
	}
}
KFENCE_KTEST(free_bulk, test_free_bulk)
KFENCE_KTEST(free_bulk_memcache, test_free_bulk)

static noinline void test_memcache_ctor(struct ktest *test)
{
	const size_t size = 32;
	setup_cache(test, size, 0, ctor_set_x);
	KTEST_ASSERT_NOT_NULL(test, test_cache);
	char *buf = (char *)test_alloc(test, size, GFP_KERNEL, ALLOCATE_ANY);
	KTEST_ASSERT_NOT_NULL(test, buf);
	for (int i = 0; i < 8; i++)
		KTEST_EXPECT_EQ(test, (u8)buf[i], 'x'); // u8: a wrong byte prints as one
	test_free(buf);
	KTEST_EXPECT_FALSE(test, report_available());
}
KFENCE_KTEST(memcache_ctor, test_memcache_ctor)

// A fault in the pool that no object explains: the first page.
static noinline void test_invalid_access(struct ktest *test)
{
	const struct expect_report expect = {KFENCE_ERROR_INVALID, (void *)test_invalid_access,
					     &__kfence_pool[10]};
	(void)*(volatile char *)&__kfence_pool[10];
	KTEST_EXPECT_TRUE(test, report_matches(&expect));
}
KFENCE_KTEST(invalid_access, test_invalid_access)

/*
 * __GFP_ZERO zeroes a reused object. Getting the same object back takes a
 * trip round the whole freelist (255 samples), so like Linux's (which asks
 * for an interval <= 100 ms) it skips when that would take long: here above
 * 10 ms, so a ktest=all boot at Linux's default stays short.
 */
static noinline void test_gfpzero(struct ktest *test)
{
	const size_t size = PAGE_SIZE; // a whole page: ALLOCATE_ANY is always the same place
	if (kfence_sample_interval > 10)
		KTEST_SKIP(test, "kfence.sample_interval above 10 ms: it would take too long");
	setup_cache(test, size, 0, nullptr);
	char *buf1 = (char *)test_alloc(test, size, GFP_KERNEL, ALLOCATE_ANY), *buf2;
	KTEST_ASSERT_NOT_NULL(test, buf1);
	for (size_t i = 0; i < size; i++)
		buf1[i] = (char)(i + 1);
	test_free(buf1);
	for (int i = 0;; i++) { // the same address again: this can take a while
		buf2 = (char *)test_alloc(test, size, GFP_KERNEL | __GFP_ZERO, ALLOCATE_ANY);
		KTEST_ASSERT_NOT_NULL(test, buf2);
		if (buf1 == buf2)
			break;
		test_free(buf2);
		KTEST_ASSERT_TRUE(test, i < CONFIG_KFENCE_NUM_OBJECTS); // Linux gives up here
	}
	for (size_t i = 0; i < size; i++)
		KTEST_EXPECT_EQ(test, (u8)buf2[i], 0);
	test_free(buf2);
	KTEST_EXPECT_FALSE(test, report_available());
}
KFENCE_KTEST(gfpzero, test_gfpzero)

static noinline void test_krealloc(struct ktest *test)
{
	const size_t size = 32;
	const struct expect_report expect = {
	    KFENCE_ERROR_UAF, (void *)test_krealloc,
	    (const char *)test_alloc(test, size, GFP_KERNEL, ALLOCATE_ANY)};
	char *buf = (char *)expect.addr;
	KTEST_ASSERT_NOT_NULL(test, buf);
	KTEST_EXPECT_FALSE(test, test_cache);
	KTEST_EXPECT_EQ(test, ksize(buf), size); // the size asked for, exactly
	for (size_t i = 0; i < size; i++)
		buf[i] = (char)(i + 1);
	buf = (char *)krealloc(buf, size * 3, GFP_KERNEL); // grow: maybe no longer KFENCE's
	KTEST_ASSERT_NOT_NULL(test, buf);
	KTEST_EXPECT_LE(test, size * 3, ksize(buf));
	for (size_t i = 0; i < size; i++)
		KTEST_EXPECT_EQ(test, (u8)buf[i], (u8)(i + 1));
	for (size_t i = size; i < size * 3; i++)
		buf[i] = (char)(i + 1);
	buf = (char *)krealloc(buf, size * 2, GFP_KERNEL); // shrink
	KTEST_ASSERT_NOT_NULL(test, buf);
	KTEST_EXPECT_LE(test, size * 2, ksize(buf));
	for (size_t i = 0; i < size * 2; i++)
		KTEST_EXPECT_EQ(test, (u8)buf[i], (u8)(i + 1));
	buf = (char *)krealloc(buf, 0, GFP_KERNEL); // free
	KTEST_EXPECT_EQ(test, buf, ZERO_SIZE_PTR);
	KTEST_ASSERT_FALSE(test, report_available());
	(void)*(volatile const char *)expect.addr; // the first krealloc freed the KFENCE object
	KTEST_ASSERT_TRUE(test, report_matches(&expect));
}
KFENCE_KTEST(krealloc, test_krealloc)

static noinline void test_memcache_alloc_bulk(struct ktest *test)
{
	const size_t size = 32;
	bool pass = false;
	setup_cache(test, size, 0, nullptr);
	KTEST_ASSERT_NOT_NULL(test, test_cache);
	u64 timeout = local_clock() + (u64)kfence_sample_interval * 100 * 1000000;
	do {
		static void *objects[100];
		int num =
		    kmem_cache_alloc_bulk(test_cache, GFP_ATOMIC, ARRAY_SIZE(objects), objects);
		for (int i = 0; i < num && !pass; i++)
			pass = is_kfence_address(objects[i]);
		kmem_cache_free_bulk(test_cache, num, objects);
	} while (!pass && local_clock() < timeout);
	KTEST_EXPECT_TRUE(test, pass);
	KTEST_EXPECT_FALSE(test, report_available());
}
KFENCE_KTEST(memcache_alloc_bulk, test_memcache_alloc_bulk)
