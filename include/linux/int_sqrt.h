#pragma once
// Integer square root (Linux: include/linux/int_sqrt.h, lib/math/int_sqrt.c).

// floor(sqrt(x)), for every x. Context: any.
unsigned long int_sqrt(unsigned long x);
