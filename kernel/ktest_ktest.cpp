// The runner's own checks (KUnit tests itself in lib/kunit/kunit-test.c): an
// ASSERT ends the function it is in, an EXPECT lets it go on. Each check
// below runs against a scratch struct ktest, so the failure it provokes on
// purpose is printed but counts against the scratch, not this test.
#include <linux/ktest.h>
#include <linux/printk.h>
#include <linux/slab.h>

static bool reached_the_end;
// its failures print as "ktest.scratch", never as the test that provoked them
static const struct ktest_case scratch_case = {"ktest", "scratch", nullptr, 0, __FILE__, __LINE__};

static void assert_fails(struct ktest *scratch)
{
	KTEST_ASSERT_NOT_NULL(scratch, (void *)nullptr);
	reached_the_end = true;
}

static void expect_fails(struct ktest *scratch)
{
	KTEST_EXPECT_EQ(scratch, 1, 2);
	reached_the_end = true;
}

KTEST(ktest, assert_stops_expect_goes_on)
{
	struct ktest scratch = {&scratch_case, 0, nullptr};
	pr_info("    # two failures on purpose follow, in a scratch test\n");
	reached_the_end = false;
	assert_fails(&scratch);
	KTEST_EXPECT_EQ(test, scratch.failures, 1);
	KTEST_EXPECT_FALSE(test, reached_the_end);
	expect_fails(&scratch);
	KTEST_EXPECT_EQ(test, scratch.failures, 2);
	KTEST_EXPECT_TRUE(test, reached_the_end);
}

// The runner's per-suite baseline must catch a test that forgets to free:
// by its full name only (it fails on purpose); qemu_tests_faultinj.py
// checks the "not ok N ktest_leak.baseline" it causes.
KTEST_FLAGS(ktest_leak, kmalloc_and_forget, KTEST_NOT_IN_ALL)
{
	static void *forgotten;
	forgotten = kmalloc(100, GFP_KERNEL);
	KTEST_EXPECT_NOT_NULL(test, forgotten);
}
