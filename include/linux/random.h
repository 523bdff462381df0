#pragma once
// Random numbers for hardening (Linux: include/linux/random.h). A xorshift
// generator seeded from the arch (the TSC on x86): unpredictable enough to
// make freelist pointers useless to an attacker who reads one.
#include <linux/types.h>
unsigned long get_random_long(void);
u64 arch_random_seed(void);
