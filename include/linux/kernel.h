#pragma once
// Small helpers every file wants (Linux: include/linux/kernel.h, minmax.h,
// align.h, bug.h).
#include <linux/compiler.h>
#include <linux/printk.h>
#include <linux/types.h>

template <typename T> constexpr T min(T a, T b) { return a < b ? a : b; }
template <typename T> constexpr T max(T a, T b) { return a > b ? a : b; }
template <typename T> constexpr T clamp(T v, T lo, T hi) { return min(max(v, lo), hi); }

#define ALIGN(x, a) (((x) + ((a)-1)) & ~((decltype(x))(a)-1))
#define ALIGN_DOWN(x, a) ((x) & ~((decltype(x))(a)-1))
#define IS_ALIGNED(x, a) (((x) & ((decltype(x))(a)-1)) == 0)
#ifndef offsetof
#define offsetof(type, member) __builtin_offsetof(type, member)
#endif
#define DIV_ROUND_UP(n, d) (((n) + (d)-1) / (d))

#define SZ_1K 0x400
#define SZ_4K 0x1000
#define SZ_64K 0x10000
#define SZ_1M 0x100000
#define SZ_4M 0x400000
#define SZ_16M 0x1000000
#define SZ_1G 0x40000000

extern "C" __noreturn __printf(1, 2) void panic(const char *fmt, ...);

// How far boot has gone (Linux: include/linux/kernel.h). SYSTEM_RUNNING
// from the moment free_initmem() has given the __init pages away, just
// before pid 1 runs a program or becomes the shell.
enum system_states {
	SYSTEM_BOOTING,
	SYSTEM_SCHEDULING, // the idle task and pid 1 exist
	SYSTEM_FREEING_INITMEM,
	SYSTEM_RUNNING,
};
extern enum system_states system_state;

// BUG(): a bug in the kernel itself. Prints where, then dies with an oops.
__noreturn void __bug(const char *file, int line);
#define BUG() __bug(__FILE__, __LINE__)
#define BUG_ON(cond)                                                                               \
	do {                                                                                       \
		if (unlikely(cond))                                                                \
			BUG();                                                                     \
	} while (0)

// WARN(): something is wrong but the kernel can go on. Prints the cut-here
// block with a call trace and returns the condition, as Linux does.
void __warn(const char *file, int line, const char *fmt, ...) __printf(3, 4);
#define WARN(cond, ...)                                                                            \
	({                                                                                         \
		bool __c = !!(cond);                                                               \
		if (unlikely(__c))                                                                 \
			__warn(__FILE__, __LINE__, __VA_ARGS__);                                   \
		__c;                                                                               \
	})
#define WARN_ON(cond) WARN(cond, nullptr)
// Once per call site, then silent (Linux: WARN_ONCE, WARN_ON_ONCE). Bumping
// warn_once_generation re-arms them all, as Linux's debugfs clear_warn_once.
inline unsigned int warn_once_generation = 1;
#define WARN_ONCE(cond, ...)                                                                       \
	({                                                                                         \
		static unsigned int __warned_gen;                                                  \
		bool __c1 = !!(cond);                                                              \
		if (unlikely(__c1 && __warned_gen != warn_once_generation)) {                      \
			__warned_gen = warn_once_generation;                                       \
			__warn(__FILE__, __LINE__, __VA_ARGS__);                                   \
		}                                                                                  \
		__c1;                                                                              \
	})
#define WARN_ON_ONCE(cond) WARN_ONCE(cond, nullptr)

extern int panic_timeout;
