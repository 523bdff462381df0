/*
 * DOC: the in-kernel test runner
 *
 * Linux has KUnit; this is its smallest useful form. Tests register with
 * KTEST() in the "ktests" section; `ktest=` picks them (see linux/ktest.h).
 * Output is KTAP, the format KUnit prints, and the run ends with one line
 * the test harness reads, "ktest: N passed, N failed", and an exit through
 * QEMU's isa-debug-exit: 0x10 (QEMU exits 33) when everything passed, 0x11
 * (35) otherwise, and a panic during a ktest= boot (unless panic= says
 * otherwise) exits with 0x11 too: a run must end, never halt unattended. A
 * reset or triple fault makes QEMU exit 0, which the harness counts as a
 * failure. `ktest=list` prints every test's name instead of running any.
 */
#include <asm/reboot.h>
#include <linux/errno.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/kmemleak.h>
#include <linux/ktest.h>
#include <linux/shell.h>
#include <linux/sort.h>
#include <linux/sprintf.h>
#include <linux/string.h>

extern "C" const struct ktest_case __start_ktests[], __stop_ktests[];

static char ktest_arg[256];

// tok (up to a ',' or the end) names tc's suite or tc itself.
static bool ktest_token_is(const char *tok, const struct ktest_case *tc, const char *full)
{
	const char *end = strchr(tok, ',');
	size_t len = end ? (size_t)(end - tok) : strlen(tok);
	return (strlen(tc->suite) == len && !strncmp(tok, tc->suite, len)) ||
	       (strlen(full) == len && !strncmp(tok, full, len));
}

static int __init ktest_setup(char *val)
{
	if (!val) // a bare "ktest": early params see every word
		return -EINVAL;
	strlcpy(ktest_arg, val, sizeof(ktest_arg));
	return 0;
}
// early: a panic in setup_arch (too little RAM, say) must end the run too
early_param("ktest", ktest_setup);

// "all", suite names, or suite.name; explicit tests only by full name, and
// never from the shell (from_shell), which must survive the run. "-suite"
// or "-suite.name" leaves those out of the rest ("all,-slub").
static bool ktest_selected(const struct ktest_case *tc, const char *selection, bool from_shell)
{
	char sel[sizeof(ktest_arg)], full[128];
	if (from_shell && (tc->flags & KTEST_EXPLICIT))
		return false;
	snprintf(full, sizeof(full), "%s.%s", tc->suite, tc->name);
	strlcpy(sel, selection, sizeof(sel));
	for (const char *tok = strstr(selection, "-"); tok; tok = strstr(tok + 1, "-"))
		if ((tok == selection || tok[-1] == ',') && ktest_token_is(tok + 1, tc, full))
			return false;
	for (char *tok = sel, *next; tok; tok = next) {
		next = strchr(tok, ',');
		if (next)
			*next++ = '\0';
		if (!strcmp(tok, full))
			return true;
		if (!strcmp(tok, "all") && !(tc->flags & (KTEST_EXPLICIT | KTEST_NOT_IN_ALL)))
			return true;
		if (!strcmp(tok, tc->suite) && !(tc->flags & KTEST_EXPLICIT))
			return true;
	}
	return false;
}

void ktest_fail(struct ktest *test, const char *file, int line, const char *fmt, ...)
{
	va_list args;
	va_start(args, fmt);
	struct va_format vaf = {fmt, &args};
	pr_info("    # %s.%s: %s:%d: %pV\n", test->tc->suite, test->tc->name, file, line, &vaf);
	va_end(args);
	test->failures++;
}

static __noreturn void ktest_exit(bool success)
{
	qemu_debug_exit(success ? 0x10 : 0x11);
	pr_err(
	    "ktest: no isa-debug-exit device (-device isa-debug-exit,iobase=0xf4); powering off\n");
	machine_power_off();
}

static int ktest_cmp(const void *a, const void *b)
{
	const struct ktest_case *x = *(const struct ktest_case *const *)a;
	const struct ktest_case *y = *(const struct ktest_case *const *)b;
	int c = strcmp(x->file, y->file);
	return c ? c : x->line - y->line;
}

static const struct ktest_case *ktest_sorted[1024];

// The tests pick() accepts, in source order (file, then line), in ktest_sorted.
template <typename F> static int ktest_gather(F pick)
{
	int n = 0;
	for (const struct ktest_case *tc = __start_ktests; tc < __stop_ktests; tc++)
		if (pick(tc) && n < (int)ARRAY_SIZE(ktest_sorted))
			ktest_sorted[n++] = tc;
	sort(ktest_sorted, n, sizeof(ktest_sorted[0]), ktest_cmp);
	return n;
}

// Linux: kunit_exec_list_tests (kunit.action=list): the KTAP header, then
// one suite.name a line; tests "all" leaves out say why.
static void ktest_list(bool from_shell)
{
	int n = ktest_gather([](const struct ktest_case *) { return true; });
	pr_info("KTAP version 1\n");
	for (int i = 0; i < n; i++) {
		const struct ktest_case *tc = ktest_sorted[i];
		const char *why = "";
		if (tc->flags & KTEST_EXPLICIT)
			why = from_shell
				  ? " # only as ktest=suite.name at boot: it crashes on purpose"
				  : " # only by full name: it crashes on purpose";
		else if (tc->flags & KTEST_NOT_IN_ALL)
			why = " # not in all: by its suite or full name";
		pr_info("%s.%s%s\n", tc->suite, tc->name, why);
	}
	pr_info("ktest: %d tests; run them with ktest=all, ktest=suite[,suite...] or "
		"ktest=suite.name\n",
		n);
}

/*
 * After a suite's last test: its memory must be back where it was before
 * its first (kernel/ktest_fail_nth.cpp). A leak is a failed KTAP result of
 * its own, numbered after the plan's tests, so a passing run reads as before.
 */
static bool ktest_suite_checked(const char *suite, int n)
{
	char leaked[160];
	if (ktest_suite_end(suite, leaked, sizeof(leaked)))
		return true;
	pr_info("not ok %d %s.baseline # leaked:%s\n", n, suite, leaked);
	return false;
}

bool ktest_from_shell;
static const struct ktest_case *ktest_current; // for a panic's last words
static int ktest_done, ktest_passed, ktest_failed;

// Runs the tests selection names, in source order, printing KTAP; returns
// true if at least one ran and none failed.
bool ktest_run(const char *selection, bool from_shell)
{
	if (!strcmp(selection, "list")) {
		ktest_list(from_shell);
		return true;
	}
	ktest_from_shell = from_shell;
	int total = ktest_gather([selection, from_shell](const struct ktest_case *tc) {
		return ktest_selected(tc, selection, from_shell);
	});
	int n = 0, line = 0, passed = 0, skipped = 0, leaks = 0;
	ktest_done = ktest_passed = ktest_failed = 0;
	if (!total)
		pr_err("ktest: no test matches \"%s\"\n", selection);
	pr_info("KTAP version 1\n");
	pr_info("1..%d\n", total);
	for (int i = 0; i < total && !shell_interrupted(); i++) { // Ctrl-C: between tests
		const struct ktest_case *tc = ktest_sorted[i];
		struct ktest test = {tc, 0, nullptr};
		if (!i || strcmp(tc->suite, ktest_sorted[i - 1]->suite))
			ktest_suite_begin(tc->suite);
		ktest_current = tc;
		if (!from_shell && ktest_fail_nth_enabled())
			ktest_fail_nth_sweep(tc, &test);
		else
			tc->run(&test);
		ktest_current = nullptr;
		bool skip = test.skip_reason && !test.failures;
		passed += !test.failures && !skip;
		skipped += skip;
		n++;
		ktest_done = ++line;
		ktest_passed = passed;
		ktest_failed = n - passed - skipped + leaks;
		pr_info("%s %d %s.%s%s%s\n", test.failures ? "not ok" : "ok", line, tc->suite,
			tc->name, skip ? " # SKIP " : "", skip ? test.skip_reason : "");
		if ((i + 1 == total || strcmp(tc->suite, ktest_sorted[i + 1]->suite)) &&
		    !ktest_suite_checked(tc->suite, line + 1)) {
			ktest_done = ++line;
			ktest_failed = n - passed - skipped + ++leaks;
		}
	}
	if (skipped)
		pr_info("ktest: %d passed, %d failed, %d skipped\n", passed,
			total - passed - skipped + leaks, skipped);
	else
		pr_info("ktest: %d passed, %d failed\n", passed, total - passed + leaks);
	ktest_from_shell = false;
	return total && passed + skipped == total && !leaks;
}

void ktest_panic_exit(void)
{
	if (!ktest_arg[0] || ktest_from_shell) // the shell's `ktest`: halt, as panic=0 says
		return;
	if (ktest_current) { // its KTAP result line, which it never got to print
		pr_emerg("not ok %d %s.%s # panic\n", ktest_done + 1, ktest_current->suite,
			 ktest_current->name);
		pr_emerg("ktest: panic in %s.%s, after %d passed and %d failed; exiting with a "
			 "failure\n",
			 ktest_current->suite, ktest_current->name, ktest_passed, ktest_failed);
		ktest_fail_nth_last_words();
	} else
		pr_emerg("ktest: panic outside any test; exiting with a failure\n");
	ktest_exit(false);
}

void ktest_run_requested(void)
{
	if (ktest_arg[0])
		ktest_exit(kmemleak_ktest_scan(ktest_run(ktest_arg, false)));
}
