#pragma once
// Bits in a long, for bitmaps (Linux: asm-generic/bitsperlong.h, bitops.h).
#define BITS_PER_LONG (8 * sizeof(unsigned long))
#define BITS_TO_LONGS(nr) (((nr) + BITS_PER_LONG - 1) / BITS_PER_LONG)
