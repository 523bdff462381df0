/*
 * DOC: the in-kernel test runner
 *
 * Linux has KUnit; this is its smallest useful form. Tests register with
 * KTEST() in the "ktests" section; `ktest=` picks them (see linux/ktest.h).
 * Output is KTAP, the format KUnit prints, and the run ends with one line
 * the test harness reads, "ktest: N passed, N failed", and an exit through
 * QEMU's isa-debug-exit: 0x10 (QEMU exits 33) when everything passed, 0x11
 * (35) otherwise. A reset or triple fault makes QEMU exit 0, which the
 * harness counts as a failure.
 */
#include <asm/reboot.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/ktest.h>
#include <linux/shell.h>
#include <linux/sort.h>
#include <linux/sprintf.h>
#include <linux/string.h>

extern "C" const struct ktest_case __start_ktests[], __stop_ktests[];

static char ktest_arg[256];

static int __init ktest_setup(char *val)
{
	strlcpy(ktest_arg, val, sizeof(ktest_arg));
	return 0;
}
__setup("ktest=", ktest_setup);

// "all", suite names, or suite.name; explicit tests only by full name, and
// never from the shell (from_shell), which must survive the run.
static bool ktest_selected(const struct ktest_case *tc, const char *selection, bool from_shell)
{
	char sel[sizeof(ktest_arg)], full[128];
	if (from_shell && (tc->flags & KTEST_EXPLICIT))
		return false;
	snprintf(full, sizeof(full), "%s.%s", tc->suite, tc->name);
	strlcpy(sel, selection, sizeof(sel));
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

// Runs the tests selection names, in source order, printing KTAP; returns
// true if at least one ran and none failed.
bool ktest_from_shell;

bool ktest_run(const char *selection, bool from_shell)
{
	ktest_from_shell = from_shell;
	static const struct ktest_case *selected[1024];
	int total = 0, n = 0, passed = 0, skipped = 0;
	for (const struct ktest_case *tc = __start_ktests; tc < __stop_ktests; tc++)
		if (ktest_selected(tc, selection, from_shell) && total < (int)ARRAY_SIZE(selected))
			selected[total++] = tc;
	sort(selected, total, sizeof(selected[0]), ktest_cmp);
	if (!total)
		pr_err("ktest: no test matches \"%s\"\n", selection);
	pr_info("KTAP version 1\n");
	pr_info("1..%d\n", total);
	for (int i = 0; i < total && !shell_interrupted(); i++) { // Ctrl-C: between tests
		const struct ktest_case *tc = selected[i];
		struct ktest test = {tc, 0, nullptr};
		tc->run(&test);
		bool skip = test.skip_reason && !test.failures;
		passed += !test.failures && !skip;
		skipped += skip;
		pr_info("%s %d %s.%s%s%s\n", test.failures ? "not ok" : "ok", ++n, tc->suite,
			tc->name, skip ? " # SKIP " : "", skip ? test.skip_reason : "");
	}
	if (skipped)
		pr_info("ktest: %d passed, %d failed, %d skipped\n", passed,
			total - passed - skipped, skipped);
	else
		pr_info("ktest: %d passed, %d failed\n", passed, total - passed);
	ktest_from_shell = false;
	return total && passed + skipped == total;
}

void ktest_run_requested(void)
{
	if (ktest_arg[0])
		ktest_exit(ktest_run(ktest_arg, false));
}
