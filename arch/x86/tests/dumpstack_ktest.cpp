// Boots that crash on purpose while the symbol table is unreadable (as it was
// when mem= left GRUB's copy outside the direct map): the oops path must stop
// with one line and a panic, never fault recursively (see oops_begin()).
#include <asm/pgtable_32_areas.h>
#include <asm/processor.h>
#include <asm/setup.h>
#include <asm/traps.h>
#include <linux/elf.h>
#include <linux/kallsyms.h>
#include <linux/kernel.h>
#include <linux/ktest.h>
#include <linux/mm.h>

// Just above lowmem: the gap before VMALLOC_START, never mapped.
static void point_kallsyms_at_unmapped_memory(void)
{
	kallsyms_init((const struct elf32_sym *)high_memory, 64, (const char *)high_memory, 64);
}

// A plain lookup faults: the fault is the table's, not the caller's.
KTEST_FLAGS(crash, symbol_table_unreadable, KTEST_EXPLICIT)
{
	point_kallsyms_at_unmapped_memory();
	char buf[KSYM_SYMBOL_LEN];
	sprint_symbol(buf, (unsigned long)&point_kallsyms_at_unmapped_memory);
	pr_info("not reached: %s\n", buf);
}

// A NULL dereference whose oops faults again on its first %pS.
KTEST_FLAGS(crash, null_deref_symbols_unreadable, KTEST_EXPLICIT)
{
	point_kallsyms_at_unmapped_memory();
	volatile int *p = nullptr;
	(void)*p;
}

/*
 * A NULL dereference with the stack nearly used up: the fault handler gets
 * as far as oops_begin(), but printing the oops runs into the guard page,
 * and the double-fault report finds an oops already in progress.
 */
#define STACK_LEFT_FOR_OOPS_BEGIN 1024 // enough to reach it, too little to print
#pragma GCC diagnostic ignored "-Winfinite-recursion"
static noinline int fault_near_stack_bottom(int depth)
{
	volatile char pad[64];
	pad[0] = (char)depth;
	if (current_stack_pointer() - (unsigned long)boot_stack > STACK_LEFT_FOR_OOPS_BEGIN)
		return fault_near_stack_bottom(depth + 1) + pad[0];
	return *(volatile int *)nullptr;
}

KTEST_FLAGS(crash, fault_while_printing_oops, KTEST_EXPLICIT) { fault_near_stack_bottom(0); }
