#pragma once
// In-kernel self-tests (the kernel's small KUnit).
//
//   KTEST(e820, table_is_sorted) {
//           KTEST_EXPECT_TRUE(test, e820_table->nr_entries > 0);
//   }
//
// registers e820.table_is_sorted in the "ktests" section. `ktest=all` runs
// every test except those marked KTEST_EXPLICIT (tests that crash the kernel
// on purpose); `ktest=e820,printk` runs suites; `ktest=crash.null_deref` runs
// one test by full name; `ktest=all,-slub` all but a suite (or test);
// `ktest=list` (the shell: `ktest list`) lists them
// all. The runner prints KTAP lines, then "ktest: N passed, N failed", then
// leaves QEMU through isa-debug-exit (a panic during a ktest= boot too).
#include <linux/compiler.h>
#include <linux/types.h>

struct ktest;
struct ktest_case {
	const char *suite;
	const char *name;
	void (*run)(struct ktest *test);
	unsigned int flags;
	const char *file; // tests run in source order: by file, then line
	int line;
	const char *no_fail_nth; // why the fail-nth sweep leaves it out (NULL: it does not)
};
#define KTEST_EXPLICIT 1u   // only when named: it oopses or never returns
#define KTEST_NOT_IN_ALL 2u // by suite or full name, not by "all" (benchmarks: slow)

struct ktest {
	const struct ktest_case *tc;
	int failures;
	const char *skip_reason; // set by KTEST_SKIP: reported as "ok N name # SKIP reason"
};

#define __KTEST(suite, name, flags, no_fail_nth)                                                   \
	static void ktest_##suite##_##name(struct ktest *test);                                    \
	static const struct ktest_case __ktest_##suite##_##name __used __section("ktests")         \
	    __aligned(sizeof(void *)) = {                                                          \
		#suite, #name, ktest_##suite##_##name, flags, __FILE__, __LINE__, no_fail_nth};    \
	static void ktest_##suite##_##name(struct ktest *test __maybe_unused)
#define KTEST_FLAGS(suite, name, flags) __KTEST(suite, name, flags, nullptr)
#define KTEST(suite, name) KTEST_FLAGS(suite, name, 0)
/*
 * A test the fail-nth sweep (ktest.fail_nth=, kernel/ktest_fail_nth.cpp)
 * runs once only, for the reason given: it needs memory really used up, or
 * counts on allocations that an injected failure would make it misread.
 */
#define KTEST_NO_FAIL_NTH(suite, name, reason) __KTEST(suite, name, 0, reason)

__printf(4, 5) void ktest_fail(struct ktest *test, const char *file, int line, const char *fmt,
			       ...);

// Ends the test as skipped: it does not apply to this boot.
#define KTEST_SKIP(test, reason)                                                                   \
	do {                                                                                       \
		(test)->skip_reason = (reason);                                                    \
		return;                                                                            \
	} while (0)

/*
 * Checks, as KUnit's: a KTEST_EXPECT_* records a failure and the test goes
 * on; a KTEST_ASSERT_* records it and the test function returns at once
 * (KUnit: KUNIT_ASSERT_*). Assert what the rest of the test depends on (an
 * allocation it then dereferences, say), expect everything else. An
 * assertion returns from the function it is written in: use it in the
 * test's own body, not in a helper.
 */
#define __KTEST_TRUE(test, what, cond, on_failure)                                                 \
	do {                                                                                       \
		if (!(cond)) {                                                                     \
			ktest_fail(test, __FILE__, __LINE__, what " %s", #cond);                   \
			on_failure;                                                                \
		}                                                                                  \
	} while (0)
// a and b are compared as unsigned 64-bit numbers (pointers work too)
#define __KTEST_OP(test, what, a, op, b, on_failure)                                               \
	do {                                                                                       \
		unsigned long long __a = (unsigned long long)(a), __b = (unsigned long long)(b);   \
		if (!(__a op __b)) {                                                               \
			ktest_fail(test, __FILE__, __LINE__,                                       \
				   what " %s " #op " %s (%#llx vs %#llx)", #a, #b, __a, __b);      \
			on_failure;                                                                \
		}                                                                                  \
	} while (0)
#define __KTEST_STREQ(test, what, a, b, on_failure)                                                \
	do {                                                                                       \
		const char *__a = (a), *__b = (b);                                                 \
		if (strcmp(__a, __b) != 0) {                                                       \
			ktest_fail(test, __FILE__, __LINE__, what " %s == %s (\"%s\" vs \"%s\")",  \
				   #a, #b, __a, __b);                                              \
			on_failure;                                                                \
		}                                                                                  \
	} while (0)
#define __KTEST_GO_ON (void)0
#define __KTEST_STOP return
#define __KTEST_EXPECTED "expected"
#define __KTEST_ASSERTED "assertion failed, the test stops:"

#define KTEST_EXPECT_TRUE(test, cond) __KTEST_TRUE(test, __KTEST_EXPECTED, cond, __KTEST_GO_ON)
#define KTEST_EXPECT_FALSE(test, cond) KTEST_EXPECT_TRUE(test, !(cond))
#define KTEST_EXPECT_NOT_NULL(test, p)                                                             \
	__KTEST_TRUE(test, __KTEST_EXPECTED, (p) != nullptr, __KTEST_GO_ON)
#define KTEST_EXPECT_EQ(test, a, b) __KTEST_OP(test, __KTEST_EXPECTED, a, ==, b, __KTEST_GO_ON)
#define KTEST_EXPECT_NE(test, a, b) __KTEST_OP(test, __KTEST_EXPECTED, a, !=, b, __KTEST_GO_ON)
#define KTEST_EXPECT_LE(test, a, b) __KTEST_OP(test, __KTEST_EXPECTED, a, <=, b, __KTEST_GO_ON)
#define KTEST_EXPECT_STREQ(test, a, b) __KTEST_STREQ(test, __KTEST_EXPECTED, a, b, __KTEST_GO_ON)

#define KTEST_ASSERT_TRUE(test, cond) __KTEST_TRUE(test, __KTEST_ASSERTED, cond, __KTEST_STOP)
#define KTEST_ASSERT_FALSE(test, cond) KTEST_ASSERT_TRUE(test, !(cond))
#define KTEST_ASSERT_NOT_NULL(test, p)                                                             \
	__KTEST_TRUE(test, __KTEST_ASSERTED, (p) != nullptr, __KTEST_STOP)
#define KTEST_ASSERT_EQ(test, a, b) __KTEST_OP(test, __KTEST_ASSERTED, a, ==, b, __KTEST_STOP)
#define KTEST_ASSERT_NE(test, a, b) __KTEST_OP(test, __KTEST_ASSERTED, a, !=, b, __KTEST_STOP)
#define KTEST_ASSERT_LE(test, a, b) __KTEST_OP(test, __KTEST_ASSERTED, a, <=, b, __KTEST_STOP)

// Runs the tests selected by `ktest=` and exits QEMU; returns if none were.
void ktest_run_requested(void);
// Runs a selection ("all", suites, suite.name) and returns; the shell skips
// the tests that crash on purpose (KTEST_EXPLICIT). True if all passed.
// "list" lists the tests instead (KUnit's kunit.action=list).
bool ktest_run(const char *selection, bool from_shell);
// Called by panic() when panic= did not say what to do: under ktest= it
// ends the run with a failing exit code (it returns otherwise).
void ktest_panic_exit(void);
// The fail-nth sweep and the runner's per-suite leak check
// (kernel/ktest_fail_nth.cpp).
struct ktest_baseline;
bool ktest_fail_nth_enabled(void);
// Runs tc as the sweep does; fills test with the clean run's verdict plus
// the sweep's own failures. Returns runs done (0: the test opted out).
int ktest_fail_nth_sweep(const struct ktest_case *tc, struct ktest *test);
// The memory a suite must give back: taken before its first test, checked
// after its last; false (and what leaked, in KTAP comments, and in short
// in leaked) if it is not.
void ktest_suite_begin(const char *suite);
bool ktest_suite_end(const char *suite, char *leaked, size_t len);
void ktest_fail_nth_last_words(void); // panic(): which n was failing
extern bool
    ktest_from_shell; // while the shell's ktest command runs (tests that need the UART skip)
