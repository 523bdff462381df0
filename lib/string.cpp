// String and memory functions (Linux: lib/string.c). Plain loops, easy to
// step through in gdb; memcpy and memset move a word at a time once aligned,
// because mem_map, page clearing and slab poisoning are big enough for it to
// matter (mem_map init took four times the instructions byte by byte). GCC
// may also emit calls to memcpy/memset itself, so these must exist (and are
// built with -fno-tree-loop-distribute-patterns, or GCC would turn the loop in
// memset into a call to memset).
#include <linux/ctype.h>
#include <linux/kernel.h>
#include <linux/string.h>

typedef unsigned long __attribute__((__may_alias__)) word_t;
#define WORD_MASK (sizeof(word_t) - 1)

extern "C" {

void *STRING_API(memcpy)(void *dst, const void *src, size_t n)
{
	u8 *d = (u8 *)dst;
	const u8 *s = (const u8 *)src;
	if ((((unsigned long)d ^ (unsigned long)s) & WORD_MASK) == 0) { // alike aligned
		for (; n && ((unsigned long)d & WORD_MASK); n--)
			*d++ = *s++;
		for (; n >= sizeof(word_t);
		     n -= sizeof(word_t), d += sizeof(word_t), s += sizeof(word_t))
			*(word_t *)d = *(const word_t *)s;
	}
	while (n--)
		*d++ = *s++;
	return dst;
}

void *STRING_API(memmove)(void *dst, const void *src, size_t n)
{
	u8 *d = (u8 *)dst;
	const u8 *s = (const u8 *)src;
	if (d <= s || d >= s + n)
		return STRING_API(memcpy)(dst, src, n);
	while (n--) // overlapping, destination above: copy backwards
		d[n] = s[n];
	return dst;
}

void *STRING_API(memset)(void *s, int c, size_t n)
{
	u8 *d = (u8 *)s;
	for (; n && ((unsigned long)d & WORD_MASK); n--)
		*d++ = (u8)c;
	word_t w = (u8)c * (~0UL / 0xff); // the byte in every byte of the word
	for (; n >= sizeof(word_t); n -= sizeof(word_t), d += sizeof(word_t))
		*(word_t *)d = w;
	while (n--)
		*d++ = (u8)c;
	return s;
}

int STRING_API(memcmp)(const void *a, const void *b, size_t n)
{
	const u8 *x = (const u8 *)a, *y = (const u8 *)b;
	for (; n; n--, x++, y++)
		if (*x != *y)
			return *x - *y;
	return 0;
}

void *STRING_API(memchr)(const void *s, int c, size_t n)
{
	const u8 *p = (const u8 *)s;
	for (; n; n--, p++)
		if (*p == (u8)c)
			return (void *)p;
	return nullptr;
}

size_t STRING_API(strlen)(const char *s)
{
	const char *p = s;
	while (*p)
		p++;
	return p - s;
}

size_t STRING_API(strnlen)(const char *s, size_t max)
{
	size_t n = 0;
	while (n < max && s[n])
		n++;
	return n;
}

int STRING_API(strcmp)(const char *a, const char *b)
{
	while (*a && *a == *b)
		a++, b++;
	return (u8)*a - (u8)*b;
}

int STRING_API(strncmp)(const char *a, const char *b, size_t n)
{
	for (; n; n--, a++, b++) {
		if (*a != *b)
			return (u8)*a - (u8)*b;
		if (!*a)
			break;
	}
	return 0;
}

char *STRING_API(strchr)(const char *s, int c)
{
	for (; *s != (char)c; s++)
		if (!*s)
			return nullptr;
	return (char *)s;
}

char *STRING_API(strrchr)(const char *s, int c)
{
	const char *last = nullptr;
	do {
		if (*s == (char)c)
			last = s;
	} while (*s++);
	return (char *)last;
}

char *STRING_API(strstr)(const char *h, const char *n)
{
	size_t ln = STRING_API(strlen)(n);
	for (; *h; h++)
		if (!STRING_API(strncmp)(h, n, ln))
			return (char *)h;
	return ln ? nullptr : (char *)h;
}

} // extern "C"

static const u8 *first_not(const u8 *p, u8 c, size_t n)
{
	for (; n; n--, p++)
		if (*p != c)
			return p;
	return nullptr;
}

// Whole words in the middle: SLUB checks kilobytes of poison per object.
void *memchr_inv(const void *s, int c, size_t n)
{
	const u8 *p = (const u8 *)s;
	size_t head = min<size_t>(n, -(unsigned long)p & (sizeof(long) - 1));
	if (const u8 *q = first_not(p, (u8)c, head))
		return (void *)q;
	p += head, n -= head;
	typedef unsigned long __attribute__((may_alias)) word_t;
	word_t word = (word_t)0x0101010101010101ULL * (u8)c;
	for (; n >= sizeof(long); n -= sizeof(long), p += sizeof(long))
		if (*(const word_t *)p != word)
			break;
	return (void *)first_not(p, (u8)c, n);
}

size_t strlcpy(char *dst, const char *src, size_t size)
{
	size_t len = strlen(src);
	if (size) {
		size_t n = len >= size ? size - 1 : len;
		memcpy(dst, src, n);
		dst[n] = '\0';
	}
	return len;
}

char *skip_spaces(const char *s)
{
	while (isspace(*s))
		s++;
	return (char *)s;
}

char *strim(char *s)
{
	size_t len = strlen(s);
	while (len && isspace(s[len - 1]))
		s[--len] = '\0';
	return skip_spaces(s);
}
