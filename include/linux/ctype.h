#pragma once
/*
 * Character classification (Linux: include/linux/ctype.h), the one copy for
 * every parser in the tree.
 *
 * Differs from Linux: plain comparisons over ASCII, not the _ctype[] table,
 * whose upper half classifies Latin-1 too (0xa0 is a space there, 0xc0 an
 * upper-case letter); here every byte above 0x7f is none of these. The
 * predicates return bool where Linux's return a table bit.
 */
static inline bool isdigit(int c) { return c >= '0' && c <= '9'; }
static inline bool isodigit(int c) { return c >= '0' && c <= '7'; }
static inline bool isxdigit(int c)
{
	return isdigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}
static inline bool isupper(int c) { return c >= 'A' && c <= 'Z'; }
static inline bool islower(int c) { return c >= 'a' && c <= 'z'; }
static inline bool isalpha(int c) { return isupper(c) || islower(c); }
static inline bool isalnum(int c) { return isalpha(c) || isdigit(c); }
static inline bool isspace(int c) { return c == ' ' || (c >= '\t' && c <= '\r'); }
static inline bool iscntrl(int c) { return (c >= 0 && c < 0x20) || c == 0x7f; }
static inline bool isprint(int c) { return c >= 0x20 && c < 0x7f; }
static inline bool isgraph(int c) { return c > 0x20 && c < 0x7f; }
static inline bool ispunct(int c) { return isgraph(c) && !isalnum(c); }
static inline bool isascii(int c) { return (unsigned int)c <= 0x7f; }
static inline int tolower(int c) { return isupper(c) ? c | 0x20 : c; }
static inline int toupper(int c) { return islower(c) ? c & ~0x20 : c; }
