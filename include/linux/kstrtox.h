#pragma once
// Number parsing (Linux: lib/kstrtox.c, lib/cmdline.c).
#include <linux/types.h>

// Parses an unsigned number; base 0 accepts 0x.. (hex), 0.. (octal) or decimal.
// Stops at the first character that is not a digit and stores it in *endp.
unsigned long long simple_strtoull(const char *cp, char **endp, unsigned int base);
long long simple_strtoll(const char *cp, char **endp, unsigned int base);

// Whole-string parse: 0, -EINVAL (not a number or trailing junk) or -ERANGE.
int kstrtoull(const char *s, unsigned int base, unsigned long long *res);
int kstrtoint(const char *s, unsigned int base, int *res);
// y/n, 1/0, on/off, t/f: 0 and *res set, or -EINVAL (Linux: kstrtobool).
int kstrtobool(const char *s, bool *res);

// A size with an optional K, M, G, T, P or E suffix ("64M", "0x1000").
unsigned long long memparse(const char *ptr, char **retptr);
// The same, checked: 0 and *res set, -EINVAL (no digits) or -ERANGE (the
// number or its suffix does not fit in 64 bits). *retptr: the first
// character after the number.
int memparse_safe(const char *s, char **retptr, unsigned long long *res);
