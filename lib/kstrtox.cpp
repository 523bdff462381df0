// Number parsing (Linux: lib/kstrtox.c, lib/vsprintf.c simple_strtoull,
// lib/cmdline.c memparse).
#include <linux/ctype.h>
#include <linux/errno.h>
#include <linux/kstrtox.h>
#include <linux/string.h>

static unsigned int guess_base(const char **s, unsigned int base)
{
	const char *p = *s;
	if (base == 0) {
		if (p[0] == '0' && tolower(p[1]) == 'x' && isxdigit(p[2]))
			base = 16;
		else if (p[0] == '0')
			base = 8;
		else
			base = 10;
	}
	if (base == 16 && p[0] == '0' && tolower(p[1]) == 'x')
		*s = p + 2;
	return base;
}

static int digit_value(char c)
{
	if (isdigit(c))
		return c - '0';
	if (isalpha(c))
		return tolower(c) - 'a' + 10;
	return 99;
}

// Parses digits into *res; returns how many were consumed, or -ERANGE.
static int parse_digits(const char *s, unsigned int base, unsigned long long *res)
{
	unsigned long long v = 0;
	int n = 0;
	for (; digit_value(s[n]) < (int)base; n++) {
		unsigned long long next = v * base + digit_value(s[n]);
		if (v > (~0ULL - digit_value(s[n])) / base)
			return -ERANGE;
		v = next;
	}
	*res = v;
	return n;
}

unsigned long long simple_strtoull(const char *cp, char **endp, unsigned int base)
{
	unsigned long long v = 0;
	base = guess_base(&cp, base);
	int n = parse_digits(cp, base, &v);
	if (n < 0) { // overflow: consume the digits, saturate
		v = ~0ULL;
		for (n = 0; digit_value(cp[n]) < (int)base; n++)
			;
	}
	if (endp)
		*endp = (char *)cp + n;
	return v;
}

long long simple_strtoll(const char *cp, char **endp, unsigned int base)
{
	if (*cp == '-')
		return -(long long)simple_strtoull(cp + 1, endp, base);
	return (long long)simple_strtoull(cp, endp, base);
}

int kstrtoull(const char *s, unsigned int base, unsigned long long *res)
{
	if (*s == '+')
		s++;
	base = guess_base(&s, base);
	unsigned long long v;
	int n = parse_digits(s, base, &v);
	if (n < 0)
		return -ERANGE;
	if (n == 0)
		return -EINVAL;
	s += n;
	if (*s == '\n') // as Linux: one trailing newline is fine (sysfs writes)
		s++;
	if (*s)
		return -EINVAL;
	*res = v;
	return 0;
}

int kstrtoint(const char *s, unsigned int base, int *res)
{
	bool neg = *s == '-';
	unsigned long long v;
	int err = kstrtoull(neg ? s + 1 : s, base, &v);
	if (err)
		return err;
	if (v > (unsigned long long)INT_MAX + neg)
		return -ERANGE;
	*res = neg ? (int)-(long long)v : (int)v;
	return 0;
}

// Linux: kstrtobool. Only the first character counts ("yes", "1abc" are
// true), except after 'o', where the second one says "on" or "off".
// Anything else, and no string at all, is -EINVAL with *res unchanged.
int kstrtobool(const char *s, bool *res)
{
	if (!s)
		return -EINVAL;
	switch (tolower(s[0])) {
	case 'y':
	case 't':
	case '1': *res = true; return 0;
	case 'n':
	case 'f':
	case '0': *res = false; return 0;
	case 'o':
		if (tolower(s[1]) == 'n' || tolower(s[1]) == 'f') {
			*res = tolower(s[1]) == 'n';
			return 0;
		}
		return -EINVAL;
	default: return -EINVAL;
	}
}

static const char mem_units[] = "KMGTPE"; // each one 10 bits more

// The shift a K/M/G/T/P/E suffix (either case) at s stands for, or 0.
static unsigned int mem_unit_shift(const char *s)
{
	char c = (char)toupper(*s);
	const char *unit = c ? strchr(mem_units, c) : nullptr; // strchr finds the NUL too
	return unit ? 10 * (unsigned int)(unit - mem_units + 1) : 0;
}

unsigned long long memparse(const char *ptr, char **retptr)
{
	char *endptr;
	unsigned long long ret = simple_strtoull(ptr, &endptr, 0);
	unsigned int shift = mem_unit_shift(endptr);
	if (shift) {
		ret <<= shift;
		endptr++;
	}
	if (retptr)
		*retptr = endptr;
	return ret;
}

// memparse that says when the number does not fit instead of wrapping;
// Linux 6.1's memparse has no such report, so every overflow check here
// is the kstrtoull kind (-ERANGE).
int memparse_safe(const char *s, char **retptr, unsigned long long *res)
{
	const char *p = s;
	unsigned int base = guess_base(&p, 0);
	unsigned long long v;
	int n = parse_digits(p, base, &v);
	if (n < 0)
		return -ERANGE;
	if (n == 0)
		return -EINVAL;
	p += n;
	unsigned int shift = mem_unit_shift(p);
	if (shift) {
		if (v > (~0ULL >> shift))
			return -ERANGE;
		v <<= shift;
		p++;
	}
	if (retptr)
		*retptr = (char *)p;
	*res = v;
	return 0;
}
