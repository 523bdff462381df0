#pragma once
/*
 * Integer base-2 logarithms (Linux: include/linux/log2.h).
 * ilog2(n) is the index of n's highest set bit: floor(log2(n)), n > 0.
 */
static constexpr int ilog2(unsigned long n)
{
	return (int)(8 * sizeof(long) - 1) - __builtin_clzl(n);
}

static constexpr bool is_power_of_2(unsigned long n) { return n != 0 && (n & (n - 1)) == 0; }
