#pragma once
// Heapsort of an array (Linux: lib/sort.c): no recursion, no allocation,
// O(n log n) worst case, which is what boot code wants. Not stable.
#include <linux/types.h>

typedef int (*cmp_func_t)(const void *a, const void *b);
void sort(void *base, size_t num, size_t size, cmp_func_t cmp);
