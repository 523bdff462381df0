#pragma once
// Fixed-width types with the kernel's names (Linux: include/linux/types.h).
#ifdef MMLAB_HOST
// glibc's own headers include <linux/types.h> (for __u32...) and find this
// file first on the host tests' include path: hand them the system's too.
#include_next <linux/types.h>
#endif
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef unsigned long long u64; // as Linux's int-ll64.h, on every arch
typedef int8_t s8;
typedef int16_t s16;
typedef int32_t s32;
typedef long long s64;
typedef int pid_t; // Linux: __kernel_pid_t

#include <asm/types.h> // phys_addr_t: 32 bits on non-PAE i386

#define U64_MAX ((u64)~0ULL)
#ifndef ULLONG_MAX
#define ULLONG_MAX (~0ULL)
#endif
#define U32_MAX ((u32)~0U)
#ifndef ULONG_MAX // on the host <climits> may come first: same values, and usable in #if
#define ULONG_MAX (~0UL)
#define LONG_MAX ((long)(ULONG_MAX >> 1))
#define LONG_MIN (-LONG_MAX - 1)
#define INT_MAX ((int)(~0U >> 1))
#endif
