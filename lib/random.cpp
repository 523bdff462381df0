// get_random_long (Linux: drivers/char/random.c, very much simplified):
// xorshift64* from a seed the arch provides.
#include <linux/random.h>

static u64 state;

unsigned long get_random_long(void)
{
	if (!state)
		state = arch_random_seed() | 1;
	state ^= state >> 12;
	state ^= state << 25;
	state ^= state >> 27;
	return (unsigned long)((state * 0x2545F4914F6CDD1DULL) >> 16);
}
