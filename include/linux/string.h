#pragma once
// String and memory helpers (Linux: lib/string.c).
#include <linux/types.h>

#ifdef MMLAB_HOST
// Host builds use the C library's versions of these; lib/string.cpp is built
// as mmlab_memcpy, mmlab_strlen... so its own tests can still call it.
#include <string.h>
#define STRING_API(name) mmlab_##name
#else
#define STRING_API(name) name
#endif

extern "C" {
void *STRING_API(memcpy)(void *dst, const void *src, size_t n);
void *STRING_API(memmove)(void *dst, const void *src, size_t n);
void *STRING_API(memset)(void *s, int c, size_t n);
int STRING_API(memcmp)(const void *a, const void *b, size_t n);
void *STRING_API(memchr)(const void *s, int c, size_t n);
size_t STRING_API(strlen)(const char *s);
size_t STRING_API(strnlen)(const char *s, size_t max);
int STRING_API(strcmp)(const char *a, const char *b);
int STRING_API(strncmp)(const char *a, const char *b, size_t n);
char *STRING_API(strchr)(const char *s, int c);
char *STRING_API(strrchr)(const char *s, int c);
char *STRING_API(strstr)(const char *haystack, const char *needle);
}
// First byte in [s, s+n) that is not c, or NULL (Linux: memchr_inv, used by
// SLUB's poison and red-zone checks).
void *memchr_inv(const void *s, int c, size_t n);
// Copies at most size-1 bytes and always terminates; returns strlen(src).
size_t strlcpy(char *dst, const char *src, size_t size);
// Returns s with leading white space skipped.
char *skip_spaces(const char *s);
// Strips leading and trailing white space in place.
char *strim(char *s);
