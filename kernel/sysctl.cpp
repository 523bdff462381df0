/*
 * DOC: /proc/sys values and the vm table (Linux: kernel/sysctl.c)
 *
 * Each file of /proc/sys/vm is a ctl_table row: a variable, its size and a
 * handler that prints or parses it. Reading gives the value(s) and a
 * newline, but only from offset 0: a read at any other offset gives
 * nothing (Linux: "(*ppos && !write)"), so a second read(2) ends the
 * file. Writing parses decimal, 0x hex or 0-prefixed octal numbers
 * separated by blanks; anything else, a value out of range or an empty
 * write is -EINVAL and leaves the old value. A write at a non-zero offset
 * is ignored (sysctl_writes_strict = 1, Linux's default).
 */
#include <linux/ctype.h>
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/mmzone.h>
#include <linux/sprintf.h>
#include <linux/string.h>
#include <linux/sysctl.h>

const int sysctl_vals[] = {0, 1, 2, 4, 3000};

#define TMPBUFLEN 22 // Linux: the most digits proc_get_long looks at
static const char wspace[] = " \t\n";

static size_t skip_spaces(char **p, size_t left)
{
	size_t n = 0;
	while (n < left && (*p)[n] && strchr(wspace, (*p)[n]))
		n++;
	*p += n;
	return n;
}

static int digit_value(char c)
{
	if (isdigit(c))
		return c - '0';
	c = (char)tolower(c);
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : 99;
}

// Linux: proc_get_long with strtoul_lenient (base 0). -EINVAL for no
// digits, overflow, a number too long to be sure of, or a non-blank
// right after it.
static int proc_get_long(char **buf, size_t *size, unsigned long *val, bool *neg)
{
	char tmp[TMPBUFLEN];
	size_t len = min(*size, (size_t)TMPBUFLEN - 1);
	memcpy(tmp, *buf, len);
	tmp[len] = 0;
	char *p = tmp;
	*neg = *p == '-' && *size > 1;
	if (*neg)
		p++;
	if (!isdigit(*p))
		return -EINVAL;
	unsigned int base = 10;
	if (p[0] == '0') {
		base = tolower(p[1]) == 'x' && isxdigit(p[2]) ? 16 : 8;
		if (base == 16)
			p += 2;
	}
	unsigned long v = 0;
	for (; digit_value(*p) < (int)base; p++) {
		unsigned long d = (unsigned long)digit_value(*p);
		if (v > (ULONG_MAX - d) / base)
			return -EINVAL; // Linux: strtoul_lenient's -ERANGE
		v = v * base + d;
	}
	len = (size_t)(p - tmp);
	if (len == TMPBUFLEN - 1)
		return -EINVAL;
	if (len < *size && *p && !strchr(wspace, *p))
		return -EINVAL;
	*val = v;
	*buf += len;
	*size -= len;
	return 0;
}

// An int from (neg, magnitude), or -EINVAL (Linux: do_proc_dointvec_conv).
static int to_int(bool neg, unsigned long v, int *out)
{
	if (neg ? v > (unsigned long)INT_MAX + 1 : v > (unsigned long)INT_MAX)
		return -EINVAL;
	*out = neg ? (int)(0 - v) : (int)v;
	return 0;
}

static int to_ulong(bool neg, unsigned long v, unsigned long *out)
{
	if (neg)
		return -EINVAL;
	*out = v;
	return 0;
}

static int put_value(char *buf, size_t size, int v) { return scnprintf(buf, size, "%d", v); }
static int put_value(char *buf, size_t size, unsigned long v)
{
	return scnprintf(buf, size, "%lu", v);
}

static int to_value(bool neg, unsigned long v, int *out) { return to_int(neg, v, out); }
static int to_value(bool neg, unsigned long v, unsigned long *out) { return to_ulong(neg, v, out); }

// Linux: __do_proc_dointvec and __do_proc_doulongvec_minmax, as one.
template <typename T>
static int do_proc_vec(const struct ctl_table *table, int write, char *buf, size_t *lenp,
		       loff_t *ppos, const T *min, const T *max)
{
	T *vals = (T *)table->data;
	size_t n = (size_t)table->maxlen / sizeof(T), left = *lenp;
	if (!vals || !n || !*lenp || (*ppos && !write)) {
		*lenp = 0;
		return 0;
	}
	if (!write) {
		size_t used = 0;
		for (size_t i = 0; i < n && used + 1 < left; i++) {
			if (i)
				buf[used++] = '\t';
			used += (size_t)put_value(buf + used, left - used, vals[i]);
		}
		if (used < left)
			buf[used++] = '\n';
		*lenp = used;
		*ppos += (loff_t)used;
		return 0;
	}
	if (*ppos) { // sysctl_writes_strict: only a write from offset 0 counts
		*lenp = 0;
		return 0;
	}
	char *p = buf;
	int err = 0;
	size_t i = 0;
	for (; i < n && left; i++) {
		left -= skip_spaces(&p, left);
		if (!left || !*p)
			break;
		unsigned long v;
		bool neg;
		T t;
		err = proc_get_long(&p, &left, &v, &neg);
		if (!err)
			err = to_value(neg, v, &t);
		if (!err && ((min && t < *min) || (max && t > *max)))
			err = -EINVAL;
		if (err)
			break;
		vals[i] = t;
	}
	if (!i)
		return err ? err : -EINVAL;
	if (!err && left)
		left -= skip_spaces(&p, left);
	*lenp -= left;
	*ppos += (loff_t)*lenp;
	return err;
}

int proc_dointvec(const struct ctl_table *t, int write, char *buf, size_t *lenp, loff_t *ppos)
{
	return do_proc_vec<int>(t, write, buf, lenp, ppos, nullptr, nullptr);
}

int proc_dointvec_minmax(const struct ctl_table *t, int write, char *buf, size_t *lenp,
			 loff_t *ppos)
{
	return do_proc_vec<int>(t, write, buf, lenp, ppos, (const int *)t->extra1,
				(const int *)t->extra2);
}

int proc_doulongvec_minmax(const struct ctl_table *t, int write, char *buf, size_t *lenp,
			   loff_t *ppos)
{
	return do_proc_vec<unsigned long>(t, write, buf, lenp, ppos,
					  (const unsigned long *)t->extra1,
					  (const unsigned long *)t->extra2);
}

extern int min_free_kbytes;

// Linux: vm_table in kernel/sysctl.c and the mm files' own tables, the
// rows for the views this kernel has, sorted by name.
const struct ctl_table vm_table[] = {
    {"admin_reserve_kbytes", &sysctl_admin_reserve_kbytes, sizeof(unsigned long), 0644,
     proc_doulongvec_minmax, nullptr, nullptr},
    {"drop_caches", &sysctl_drop_caches, sizeof(int), 0200, drop_caches_sysctl_handler, SYSCTL_ONE,
     SYSCTL_FOUR},
    {"lowmem_reserve_ratio", sysctl_lowmem_reserve_ratio, (int)(sizeof(int) * MAX_NR_ZONES), 0644,
     lowmem_reserve_ratio_sysctl_handler, nullptr, nullptr},
    {"max_map_count", &sysctl_max_map_count, sizeof(int), 0644, proc_dointvec_minmax, SYSCTL_ZERO,
     nullptr},
    {"min_free_kbytes", &min_free_kbytes, sizeof(int), 0644, min_free_kbytes_sysctl_handler,
     SYSCTL_ZERO, nullptr},
    {"oom_kill_allocating_task", &sysctl_oom_kill_allocating_task, sizeof(int), 0644, proc_dointvec,
     nullptr, nullptr},
    {"overcommit_kbytes", &sysctl_overcommit_kbytes, sizeof(unsigned long), 0644,
     overcommit_kbytes_handler, nullptr, nullptr},
    {"overcommit_memory", &sysctl_overcommit_memory, sizeof(int), 0644, proc_dointvec_minmax,
     SYSCTL_ZERO, SYSCTL_TWO},
    {"overcommit_ratio", &sysctl_overcommit_ratio, sizeof(int), 0644, overcommit_ratio_handler,
     nullptr, nullptr},
    {"panic_on_oom", &sysctl_panic_on_oom, sizeof(int), 0644, proc_dointvec_minmax, SYSCTL_ZERO,
     SYSCTL_TWO},
    {"percpu_pagelist_high_fraction", &percpu_pagelist_high_fraction, sizeof(int), 0644,
     percpu_pagelist_high_fraction_sysctl_handler, SYSCTL_ZERO, nullptr},
    {"user_reserve_kbytes", &sysctl_user_reserve_kbytes, sizeof(unsigned long), 0644,
     proc_doulongvec_minmax, nullptr, nullptr},
    {"watermark_scale_factor", &watermark_scale_factor, sizeof(int), 0644,
     watermark_scale_factor_sysctl_handler, SYSCTL_ONE, SYSCTL_THREE_THOUSAND},
};
const unsigned int vm_table_size = ARRAY_SIZE(vm_table);
