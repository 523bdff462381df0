#pragma once
// String and memory helpers (Linux: lib/string.c). In the host tests the C
// library provides these, with the same meaning.
#include <linux/types.h>

extern "C" {
void *memcpy(void *dst, const void *src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *s, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
void *memchr(const void *s, int c, size_t n);
size_t strlen(const char *s);
size_t strnlen(const char *s, size_t max);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);
char *strchr(const char *s, int c);
char *strrchr(const char *s, int c);
char *strstr(const char *haystack, const char *needle);
}
// Copies at most size-1 bytes and always terminates; returns strlen(src).
size_t strlcpy(char *dst, const char *src, size_t size);
// Returns s with leading white space skipped.
char *skip_spaces(const char *s);
// Strips leading and trailing white space in place.
char *strim(char *s);
