#pragma once
/*
 * Integer base-2 logarithms (Linux: include/linux/log2.h).
 * ilog2(n) is the index of n's highest set bit: floor(log2(n)), n > 0.
 */
static constexpr int ilog2(unsigned long n)
{
	return (int)(8 * sizeof(long) - 1) - __builtin_clzl(n);
}

// The largest power of two <= n, n > 0.
static constexpr unsigned long rounddown_pow_of_two(unsigned long n) { return 1UL << ilog2(n); }

// The smallest power of two >= n, 0 < n <= 2^(BITS_PER_LONG-1).
static constexpr unsigned long roundup_pow_of_two(unsigned long n)
{
	return n == 1 ? 1 : 1UL << (ilog2(n - 1) + 1);
}
