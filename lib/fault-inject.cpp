/*
 * DOC: fault injection (Linux: lib/fault-inject.c)
 *
 * should_fail() is asked by an allocator's hook (mm/failslab.cpp,
 * mm/fail_page_alloc.cpp) whether this call should fail. It answers from a
 * struct fault_attr, in Linux's order:
 *
 *   fail-nth set?   count it down; the call that brings it to 0 fails
 *   probability 0?  never fails (the default)
 *   times 0?        the failures allowed are used up
 *   space > size?   the first <space> bytes are spared (space shrinks)
 *   interval > 1?   only every interval-th call goes on
 *   random % 100 < probability:  fail, say so (fail_dump), times--
 *
 * Differs from Linux: no task or stack filters; fail_nth is one counter for
 * the kernel (Linux: current->fail_nth); the report's name is the string
 * the attribute was given (Linux prints the debugfs dentry with %pd).
 */
#include <linux/ctype.h>
#include <linux/fault-inject.h>
#include <linux/kernel.h>
#include <linux/kstrtox.h>
#include <linux/printk.h>
#include <linux/random.h>
#include <linux/sched_clock.h>
#include <linux/string.h>

static unsigned int fail_nth;	     // Linux: current->fail_nth
static unsigned long nr_fault_calls; // should_fail() calls, fail-nth's unit

static unsigned int nr_counting; // fault_count_calls(true) not yet undone
bool fault_inject_armed;

static void fault_update_armed(void) { fault_inject_armed = fail_nth || nr_counting; }
void fault_set_fail_nth(unsigned int n) { fail_nth = n, fault_update_armed(); }
unsigned int fault_fail_nth(void) { return fail_nth; }
unsigned long fault_calls(void) { return nr_fault_calls; }
void fault_count_calls(bool on)
{
	nr_counting = on ? nr_counting + 1 : nr_counting - 1;
	fault_update_armed();
}

// Linux: fail_dump. verbose 1 prints the two lines, 2 a stack as well.
static void fail_dump(struct fault_attr *attr)
{
	if (attr->verbose == 0 || !__ratelimit(&attr->ratelimit_state))
		return;
	pr_notice("FAULT_INJECTION: forcing a failure.\n"
		  "name %s, interval %lu, probability %lu, space %d, times %d\n",
		  attr->dname ? attr->dname : "(null)", attr->interval, attr->probability,
		  attr->space, attr->times);
	if (attr->verbose > 1)
		dump_stack();
}

// fail-nth: true while counting down (the call is spared), *fail once it
// reaches 0 on this call.
static bool fail_nth_counts(bool *fail)
{
	if (!fail_nth)
		return false;
	*fail = --fail_nth == 0;
	fault_update_armed();
	return true;
}

// Linux: should_fail_ex. Context: any; the caller's locks are its own.
bool should_fail_ex(struct fault_attr *attr, long size, int flags)
{
	bool nth_fails;
	nr_fault_calls++;
	if (fail_nth_counts(&nth_fails)) {
		if (!nth_fails)
			return false;
	} else {
		if (attr->probability == 0 || attr->times == 0)
			return false;
		if (attr->space > size) {
			attr->space -= (int)size;
			return false;
		}
		if (attr->interval > 1 && ++attr->count % attr->interval)
			return false;
		if (attr->probability <= get_random_long() % 100)
			return false;
	}
	if (!(flags & FAULT_NOWARN))
		fail_dump(attr);
	if (attr->times != -1 && attr->times != 0) // Linux: atomic_dec_not_zero
		attr->times--;
	attr->injected++;
	return true;
}

// A number as the kernel's vsscanf reads one: spaces first, then digits
// (and a '-' for a signed one); NULL if there are none.
static const char *scan_number(const char *s, bool is_signed, long long *out)
{
	s = skip_spaces(s);
	const char *digits = (is_signed && *s == '-') ? s + 1 : s;
	if (!isdigit(*digits))
		return nullptr;
	char *end;
	*out = is_signed ? simple_strtoll(s, &end, 10) : (long long)simple_strtoull(s, &end, 10);
	return end;
}

/*
 * Linux: setup_fault_attr, for failslab= and fail_page_alloc=. Linux scans
 * "%lu,%lu,%d,%d" and needs all four; what follows the fourth is ignored,
 * as sscanf ignores it. Returns 1 if taken, 0 if not (attr unchanged).
 */
int setup_fault_attr(struct fault_attr *attr, char *str)
{
	long long v[4];
	const char *s = str ? str : ""; // a bare "failslab": nothing to scan
	for (int i = 0; s && i < 4; i++) {
		if (i && *s++ != ',') {
			s = nullptr;
			break;
		}
		s = scan_number(s, i >= 2, &v[i]);
	}
	if (!s) {
		pr_warn("FAULT_INJECTION: failed to parse arguments\n");
		return 0;
	}
	attr->interval = (unsigned long)v[0];
	attr->probability = (unsigned long)v[1];
	attr->space = (int)v[2];
	attr->times = (int)v[3];
	return 1;
}
