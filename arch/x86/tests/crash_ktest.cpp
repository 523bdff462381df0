// Boots that crash on purpose, one per QEMU run (ktest=crash.<name>), so the
// tests can check the report a student would see. KTEST_EXPLICIT keeps them
// out of ktest=all.
#include <linux/kernel.h>
#include <linux/ktest.h>
#include <linux/mm.h>
#include <linux/vmalloc.h>

KTEST_FLAGS(crash, null_deref, KTEST_EXPLICIT)
{
	volatile int *p = nullptr;
	(void)*p;
}

KTEST_FLAGS(crash, divide_error, KTEST_EXPLICIT)
{
	volatile int zero = 0;
	volatile int r = 100 / zero;
	(void)r;
}

KTEST_FLAGS(crash, invalid_opcode, KTEST_EXPLICIT) { __asm__ volatile("ud2"); }

KTEST_FLAGS(crash, bug, KTEST_EXPLICIT) { BUG(); }

// A reason ending in a newline, as many callers write it: the end marker
// must still be one line.
KTEST_FLAGS(crash, panic, KTEST_EXPLICIT) { panic("ktest: a panic on purpose\n"); }

// Each call keeps a 512-byte frame alive until the 16 KiB stack runs into
// its guard page; the double-fault task then reports it.
#pragma GCC diagnostic ignored "-Winfinite-recursion" // that is the point
static noinline int recurse_forever(int depth)
{
	volatile char pad[512];
	pad[0] = (char)depth;
	return recurse_forever(depth + 1) + pad[0];
}

KTEST_FLAGS(crash, stack_overflow, KTEST_EXPLICIT) { recurse_forever(0); }

// .text and .rodata are mapped read-only: writing faults.
KTEST_FLAGS(crash, write_text, KTEST_EXPLICIT)
{
	*(volatile u8 *)(unsigned long)&ktest_crash_null_deref = 0xc3;
}

static const int a_constant = 42;
KTEST_FLAGS(crash, write_rodata, KTEST_EXPLICIT) { *(volatile int *)&a_constant = 0; }

// One byte past a vmalloc area: the guard page that follows it is unmapped.
KTEST_FLAGS(crash, vmalloc_guard, KTEST_EXPLICIT)
{
	volatile u8 *p = (volatile u8 *)vmalloc(3 * PAGE_SIZE);
	p[3 * PAGE_SIZE - 1] = 1; // the last byte is fine
	p[3 * PAGE_SIZE] = 1;
}
