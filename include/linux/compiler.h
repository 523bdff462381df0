#pragma once
// Attributes and helpers used all over the kernel (Linux: compiler_types.h,
// compiler_attributes.h, compiler.h).

#define __section(s) __attribute__((__section__(s)))
#define __aligned(x) __attribute__((__aligned__(x)))
#define __packed __attribute__((__packed__))
#define __used __attribute__((__used__))
#define __maybe_unused __attribute__((__unused__))
#define __printf(a, b) __attribute__((__format__(printf, a, b)))
#define __noreturn __attribute__((__noreturn__))
#define noinline __attribute__((__noinline__))
#ifndef __always_inline // glibc's sys/cdefs.h has the same one
#define __always_inline inline __attribute__((__always_inline__))
#endif
#define likely(x) __builtin_expect(!!(x), 1)
#define unlikely(x) __builtin_expect(!!(x), 0)
// A pointer into user space: never dereference it, go through
// <linux/uaccess.h> (Linux: sparse's address_space(__user)).
#define __user
#define barrier() __asm__ __volatile__("" ::: "memory")

template <typename T> static inline T READ_ONCE(const T &x) { return *(const volatile T *)&x; }
template <typename T> static inline void WRITE_ONCE(T &x, T v) { *(volatile T *)&x = v; }

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
