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
// one test by full name. The runner prints KTAP lines, then
// "ktest: N passed, N failed", then leaves QEMU through isa-debug-exit.
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
};
#define KTEST_EXPLICIT 1u   // only when named: it oopses or never returns
#define KTEST_NOT_IN_ALL 2u // by suite or full name, not by "all" (benchmarks: slow)

struct ktest {
	const struct ktest_case *tc;
	int failures;
	const char *skip_reason; // set by KTEST_SKIP: reported as "ok N name # SKIP reason"
};

#define KTEST_FLAGS(suite, name, flags)                                                            \
	static void ktest_##suite##_##name(struct ktest *test);                                    \
	static const struct ktest_case __ktest_##suite##_##name __used __section("ktests")         \
	    __aligned(sizeof(void *)) = {#suite, #name,	   ktest_##suite##_##name,                 \
					 flags,	 __FILE__, __LINE__};                              \
	static void ktest_##suite##_##name(struct ktest *test __maybe_unused)
#define KTEST(suite, name) KTEST_FLAGS(suite, name, 0)

__printf(4, 5) void ktest_fail(struct ktest *test, const char *file, int line, const char *fmt,
			       ...);

// Ends the test as skipped: it does not apply to this boot.
#define KTEST_SKIP(test, reason)                                                                   \
	do {                                                                                       \
		(test)->skip_reason = (reason);                                                    \
		return;                                                                            \
	} while (0)

#define KTEST_EXPECT_TRUE(test, cond)                                                              \
	do {                                                                                       \
		if (!(cond))                                                                       \
			ktest_fail(test, __FILE__, __LINE__, "expected %s", #cond);                \
	} while (0)
#define KTEST_EXPECT_FALSE(test, cond) KTEST_EXPECT_TRUE(test, !(cond))
#define KTEST_EXPECT_EQ(test, a, b)                                                                \
	do {                                                                                       \
		unsigned long long __a = (unsigned long long)(a), __b = (unsigned long long)(b);   \
		if (__a != __b)                                                                    \
			ktest_fail(test, __FILE__, __LINE__, "expected %s == %s (%#llx vs %#llx)", \
				   #a, #b, __a, __b);                                              \
	} while (0)
#define KTEST_EXPECT_STREQ(test, a, b)                                                             \
	do {                                                                                       \
		const char *__a = (a), *__b = (b);                                                 \
		if (strcmp(__a, __b) != 0)                                                         \
			ktest_fail(test, __FILE__, __LINE__,                                       \
				   "expected %s == %s (\"%s\" vs \"%s\")", #a, #b, __a, __b);      \
	} while (0)

// Runs the tests selected by `ktest=` and exits QEMU; returns if none were.
void ktest_run_requested(void);
// Runs a selection ("all", suites, suite.name) and returns; the shell skips
// the tests that crash on purpose (KTEST_EXPLICIT). True if all passed.
bool ktest_run(const char *selection, bool from_shell);
extern bool
    ktest_from_shell; // while the shell's ktest command runs (tests that need the UART skip)
